"""The offers' list in the admin, as an HR editor sees it on a 1280 px screen."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from jobs.choices import State
from tests.factories import JobFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def hr_page(page, live_server, django_user_model):
    editor = django_user_model.objects.create_user(
        "rh.liste", password="un mot de passe solide 42", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="RH"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/?next=/admin/jobs/job/")
    page.get_by_label("Nom d’utilisateur").fill("rh.liste")
    page.get_by_label("Mot de passe").fill("un mot de passe solide 42")
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(r"/admin/jobs/job/$"))
    return page


def test_the_offer_list_fits_1280_px_with_what_hr_needs(hr_page, live_server):
    jobs = [
        JobFactory(
            title="Auditeur(trice) chargé(e) des entretiens d'introduction de demande "
            "d'asile EFA, division de l'accueil et de l'enregistrement"
        ),
        JobFactory(state=State.DRAFT, deadline=None),
        JobFactory(state=State.CLOSED),
        JobFactory(state=State.ARCHIVED),
    ]
    hr_page.goto(live_server.url + "/admin/jobs/job/")
    results = hr_page.locator("#changelist .results")
    width, visible = results.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert width <= visible, f"the list is {width} px wide, {visible} px visible"
    right = results.evaluate("box => box.getBoundingClientRect().right")
    for header in ["Date limite", "Candidatures ouvertes", "Page publique"]:
        cell = hr_page.locator("#result_list thead th", has_text=re.compile(header, re.I))
        expect(cell).to_be_visible()
        assert cell.evaluate("th => th.getBoundingClientRect().right") <= right + 0.5, header
    for job in jobs:
        link = hr_page.locator("#result_list .field-reference a", has_text=job.reference)
        lines = link.evaluate("a => a.getClientRects().length")
        assert lines == 1, f"{job.reference} wraps over {lines} lines"
    assert hr_page.evaluate("document.documentElement.scrollWidth") <= 1280
