"""The offer list on a phone: offers first, filters folded, applying them lands on the results
with a short address; with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(request, browser, live_server):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, java_script_enabled=request.param
    )
    yield context.new_page()
    context.close()


def results_top(page):
    return page.evaluate("document.getElementById('resultats').getBoundingClientRect().top")


def test_offers_come_first_and_filters_open_on_demand(phone, live_server, offers):
    phone.goto(live_server.url + "/offres/")
    # The first offer within the first screen, not behind the 37 options (1,517 px down before).
    assert phone.evaluate("scrollY") + results_top(phone) < 800
    submit = phone.locator("#job-filters button[type=submit]")
    expect(submit).to_be_hidden()
    phone.get_by_text("Filtrer les offres", exact=True).first.click()
    expect(submit).to_be_visible()

    phone.locator("label[for=filter-domaine-numerique]").click()
    submit.click()

    expect(phone).to_have_url(live_server.url + "/offres/?domaine=numerique#resultats")
    assert abs(results_top(phone)) < 2  # scrolled to the results, not the top of the page
    expect(phone.locator("#results-title")).to_have_text("6 offres d’emploi")
    expect(phone.locator("summary")).to_have_text("Filtrer les offres (1 filtre actif)")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_search_button_sends_no_empty_field(phone, live_server, offers):
    phone.goto(live_server.url + "/offres/")
    phone.fill("#id_q", "gestionnaire")
    phone.get_by_role("button", name="Rechercher").click()
    expect(phone).to_have_url(re.compile(r"/offres/\?q=gestionnaire#resultats$"))


def test_filters_stay_open_beside_the_offers_on_a_wide_screen(browser, live_server, offers):
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 1280, "height": 800}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(live_server.url + "/offres/")
        expect(page.locator("#job-filters button[type=submit]")).to_be_visible()
        expect(page.locator(".job-filters__toggle")).to_be_hidden()
        context.close()
