"""What applicants and HR staff do with offers, in a real browser."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from jobs.choices import State
from jobs.models import Domain, Job
from tests.factories import JobFactory

# serialized_rollback: flushing after each test would drop the migrated domaines and « RH » group.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAX_TABS = 120


def tab_to(page, selector):
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    target = page.locator(selector)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} never received the focus after {MAX_TABS} Tab presses")


@pytest.fixture
def three_offers(db):
    return {
        code: JobFactory(title=title, domain=Domain.objects.get(code=code))
        for code, title in [
            ("GRH", "Gestionnaire d'action sociale"),
            ("USA", "Auditeur(trice) chargé(e) des entretiens d'introduction"),
            ("DIR", "Assistant (e) de Direction"),
        ]
    }


def test_visitor_filters_by_domaine_and_opens_an_offer_with_the_keyboard_only(
    page, live_server, three_offers
):
    page.goto(live_server.url + "/offres/")
    expect(page.locator("#results-title")).to_have_text("3 offres d’emploi")

    tab_to(page, "#filter-domaine-ressources-humaines")
    page.keyboard.press("Space")
    expect(page.locator("#filter-domaine-ressources-humaines")).to_be_checked()
    tab_to(page, "#job-filters button[type=submit]")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"domaine=ressources-humaines"))
    expect(page.locator("#results-title")).to_have_text("1 offre d’emploi")
    offer = three_offers["GRH"]
    tab_to(page, f'.job-list a[href="{offer.get_absolute_url()}"]')
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url + offer.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(offer.title)
    expect(page.get_by_text(f"Réf. {offer.reference}").first).to_be_visible()


def run_admin_action(page, action_label):
    page.locator("select[name=action]").select_option(label=action_label)
    page.locator("button[name=index]").first.click()


def test_hr_user_publishes_an_offer_then_closes_it(page, live_server, django_user_model):
    draft = JobFactory(state=State.DRAFT, title="Chargé(e) de communication interne")
    editor = django_user_model.objects.create_user(
        "rh.editeur", password="un mot de passe solide 42", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="RH"))

    page.goto(live_server.url + "/admin/login/?next=/admin/jobs/job/")
    page.get_by_label("Nom d’utilisateur").fill("rh.editeur")
    page.get_by_label("Mot de passe").fill("un mot de passe solide 42")
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(r"/admin/jobs/job/$"))

    page.locator(f'input[name=_selected_action][value="{draft.pk}"]').check()
    run_admin_action(page, "Publier les offres sélectionnées")
    expect(page.locator(".messagelist")).to_contain_text("publiée")

    page.goto(live_server.url + "/offres/")
    expect(page.get_by_role("link", name=draft.title)).to_be_visible()

    page.goto(live_server.url + "/admin/jobs/job/")
    page.locator(f'input[name=_selected_action][value="{draft.pk}"]').check()
    run_admin_action(page, "Clôturer les offres sélectionnées")
    expect(page.locator(".messagelist")).to_contain_text("clôturée")

    page.goto(live_server.url + "/offres/")
    expect(page.get_by_role("link", name=draft.title)).to_have_count(0)
    assert Job.objects.get(pk=draft.pk).state == State.CLOSED
    page.goto(live_server.url + Job.objects.get(pk=draft.pk).get_absolute_url())
    expect(page.get_by_role("heading", name="Candidatures closes", exact=True)).to_be_visible()
