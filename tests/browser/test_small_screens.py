"""Every public page on a phone: no sideways scrolling at 320 px (RGAA 10.11, reflow), a mobile menu
that lists each page once, and a DSFR that logs no warning about the markup (at 375 and 1280 px).

The pages are those of tests/browser/pages.py (home, offer list with and without filters, an open
and a closed offer, the mandatory pages, the sitemap page, the 404 page), plus the « Suivre les
offres » page.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import PAGES, PublicPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOLLOW = PublicPage("follow-offers", "jobs:follow", fixtures=("offers",))
# The feeds page, unless pages.py lists it already.
SCREEN_PAGES = [*PAGES, *([] if any(page.url == FOLLOW.url for page in PAGES) else [FOLLOW])]
NARROWEST = 320
DSFR_WIDTHS = {"mobile": 375, "desktop": 1280}


def open_page(page, live_server, request, public_page, width):
    page.set_viewport_size({"width": width, "height": 800})
    url = live_server.url + public_page.path(request)
    response = page.goto(url)
    assert response.status == public_page.status, f"{url} answered {response.status}"
    # The DSFR has decorated the page (and copied the header tools into the mobile menu).
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    page.wait_for_load_state("networkidle")
    return url


def sideways(page):
    return page.evaluate(
        "() => ({scrollWidth: document.documentElement.scrollWidth,"
        " widest: [...document.querySelectorAll('body *')]"
        "   .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
        "   .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
        "     + (e.className && typeof e.className === 'string'"
        "        ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))})"
    )


@pytest.mark.parametrize("public_page", SCREEN_PAGES, ids=str)
def test_page_does_not_scroll_sideways_at_320_px(page, live_server, request, public_page):
    open_page(page, live_server, request, public_page, NARROWEST)

    found = sideways(page)

    assert found["scrollWidth"] <= NARROWEST, (
        f"{public_page} is {found['scrollWidth']} px wide at {NARROWEST} px; "
        f"overflowing: {found['widest']}"
    )


def test_open_mobile_menu_does_not_scroll_sideways_at_320_px(page, live_server, request):
    open_page(page, live_server, request, PAGES[0], NARROWEST)

    page.get_by_role("button", name="Menu", exact=True).click()
    expect(page.get_by_role("dialog", name="Menu")).to_be_visible()

    assert sideways(page)["scrollWidth"] <= NARROWEST


@pytest.fixture
def dsfr_messages(page):
    """Warnings and errors the DSFR logs: it prefixes them « dsfr : » (they name the component)."""
    messages = []

    def on_console(message):
        from_dsfr = "dsfr" in message.text.lower() or "/dsfr/" in message.location.get("url", "")
        if message.type in {"warning", "error"} and from_dsfr:
            messages.append(f"{message.type}: {message.text.replace('%c', '')}")

    page.on("console", on_console)
    return messages


@pytest.mark.parametrize("width", DSFR_WIDTHS.values(), ids=DSFR_WIDTHS.keys())
@pytest.mark.parametrize("public_page", SCREEN_PAGES, ids=str)
def test_dsfr_logs_no_warning(page, live_server, request, dsfr_messages, public_page, width):
    open_page(page, live_server, request, public_page, width)
    if width < 992:
        # The burger menu exists below 992 px: open and close it as a visitor would.
        page.get_by_role("button", name="Menu", exact=True).click()
        menu = page.get_by_role("dialog", name="Menu")
        expect(menu).to_be_visible()
        menu.get_by_role("button", name="Fermer").click()
        expect(page.locator("#fr-menu-mobile")).to_be_hidden()

    assert not dsfr_messages, f"{public_page} at {width} px:\n" + "\n".join(dsfr_messages)


def test_mobile_menu_lists_each_page_once(page, live_server, request):
    open_page(page, live_server, request, PAGES[0], 375)

    page.get_by_role("button", name="Menu", exact=True).click()
    menu = page.get_by_role("dialog", name="Menu")
    expect(menu).to_be_visible()

    links = menu.get_by_role("link")
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert hrefs == ["/", "/offres/"]
    texts = menu.get_by_role("link").all_inner_texts()
    assert texts == ["L’Ofpra recrute", "Nos offres d’emploi"]
    # The display settings stay within reach, copied from the header tools by the DSFR.
    expect(menu.get_by_role("button", name="Paramètres d")).to_have_count(1)
