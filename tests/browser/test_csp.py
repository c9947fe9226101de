"""Chromium reports no Content-Security-Policy violation on the public pages or the editors' admin.

The policy (settings.CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY) forbids inline
scripts, inline handlers and eval everywhere, and inline styles outside the admin: a template or a
django-dsfr component that slips one in makes these tests fail.
"""

import re

import pytest
import reversion
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from reversion.models import Version

from tests.browser.pages import LISTEN, PAGES, PublicPage
from tests.factories import JobFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "un mot de passe solide 42"
# Registered before any page script runs: every violation of the page (and its frames) is kept.

CSP_PAGES = [
    *PAGES,
    PublicPage("job-list", "jobs:list", fixtures=("open_offer",)),
    PublicPage(
        "job-detail-open",
        lambda data: data["open_offer"].get_absolute_url(),
        fixtures=("open_offer",),
    ),
]


@pytest.fixture
def open_offer(db):
    return JobFactory(title="Officier de protection instructeur (H/F)")


@pytest.fixture
def violations(page):
    """The violations Chromium reports, through the DOM event and on the console."""
    console = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def collect():
        return page.evaluate("() => window.__cspViolations || []") + console

    return collect


def visit(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    assert "Content-Security-Policy" in {name.title() for name in response.headers}
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("public_page", CSP_PAGES, ids=str)
def test_public_page_has_no_csp_violation(page, live_server, request, public_page, violations):
    page.set_viewport_size({"width": 375, "height": 800})
    visit(page, live_server.url + public_page.path(request), public_page.status)
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    # The DSFR's scripts at work: the mobile menu, the display settings dialog, the dark theme.
    page.locator("#fr-btn-menu-mobile").click()
    expect(page.locator("#fr-menu-mobile")).to_be_visible()
    page.locator("#fr-menu-mobile").get_by_role("button", name="Fermer").click()
    expect(page.locator("#fr-menu-mobile")).to_be_hidden()
    page.locator("#footer").get_by_role("button", name="Paramètres d’affichage").click()
    page.get_by_role("dialog").get_by_text("Thème sombre").click()
    expect(page.locator("html")).to_have_attribute("data-fr-theme", "dark")
    assert violations() == []


def test_offer_page_structured_data_is_not_blocked(page, live_server, open_offer, violations):
    """The JSON-LD block is data, not a script: CSP lets it be, and search engines read it."""
    visit(page, live_server.url + open_offer.get_absolute_url())
    data = page.locator('script[type="application/ld+json"]')
    expect(data).to_have_count(1)
    assert '"JobPosting"' in data.text_content()
    assert violations() == []


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("rh.csp", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="RH"))
    return user


def test_admin_pages_an_editor_uses_have_no_csp_violation(
    page, live_server, editor, open_offer, employer_profile, violations
):
    with reversion.create_revision():
        open_offer.save()
    version = Version.objects.get_for_object(open_offer).get()
    base = live_server.url
    visit(page, base + "/admin/login/?next=/admin/")
    # A failed attempt shows the form again, with its error.
    page.get_by_label("Nom d’utilisateur").fill("rh.csp")
    page.get_by_label("Mot de passe").fill("mauvais")
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator(".errornote")).to_be_visible()
    page.get_by_label("Nom d’utilisateur").fill("rh.csp")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    checked = ["login", "index"]

    for name, path in [
        ("offer changelist", "/admin/jobs/job/"),
        ("offer add form", "/admin/jobs/job/add/"),
        ("offer change form", f"/admin/jobs/job/{open_offer.pk}/change/"),
        ("offer history", f"/admin/jobs/job/{open_offer.pk}/history/"),
        ("offer version", f"/admin/jobs/job/{open_offer.pk}/history/{version.pk}/"),
        ("offer deletion", f"/admin/jobs/job/{open_offer.pk}/delete/"),
        ("profile change form", f"/admin/employer/employer/{employer_profile.pk}/change/"),
    ]:
        visit(page, base + path)
        checked.append(name)
        if name == "offer add form":
            # The admin's date and time pickers, and an inline « Add another » for the profile.
            page.locator("#calendarlink0").click()
            expect(page.locator("#calendarbox0")).to_be_visible()
            page.locator("#calendarbox0 a", has_text="30").first.click()
            page.locator("#clocklink0").click()
            expect(page.locator("#clockbox0")).to_be_visible()
        if name == "profile change form":
            page.locator("#missions-heading").click()  # The profile's parts are folded.
            page.locator("#missions-group .add-row a").click()
            expect(page.locator("#missions-group tr.dynamic-missions")).to_have_count(3)
        assert violations() == [], f"after {checked}"


def test_lockout_page_has_no_csp_violation(page, live_server, editor, violations):
    visit(page, live_server.url + "/admin/login/")
    for _ in range(5):
        page.get_by_label("Nom d’utilisateur").fill("rh.csp")
        page.get_by_label("Mot de passe").fill("mauvais")
        page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("alert")).to_contain_text("Connexion temporairement bloquée")
    assert violations() == []
