"""Real-browser checks of every public page listed in tests/browser/pages.py.

axe-core runs in Chromium on the rendered page (colour contrast included) at desktop and mobile
widths; keyboard access and the display settings are exercised as a visitor would.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.pages import PAGES

# serialized_rollback: the flush after each transactional test would otherwise drop the data that
# migrations create (domaines, the « RH » group) for the tests that run next.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"desktop": 1280, "mobile": 375}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def open_page(page, live_server, request, public_page, width=WIDTHS["desktop"]):
    """Load the page and wait for the DSFR JavaScript to have decorated it."""
    page.set_viewport_size({"width": width, "height": 900})
    url = live_server.url + public_page.path(request)
    response = page.goto(url)
    assert response.status == public_page.status, f"{url} answered {response.status}"
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    return url


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}  {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("public_page", PAGES, ids=str)
def test_page_has_no_axe_violations(page, live_server, request, public_page, width):
    open_page(page, live_server, request, public_page, width)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, (
        f"{len(violations)} axe rule(s) violated on {public_page} at {width} px:\n"
        + describe(violations)
    )


@pytest.mark.parametrize("public_page", PAGES, ids=str)
def test_page_loads_without_console_errors_or_failed_requests(
    page, live_server, request, public_page
):
    problems = []
    url = live_server.url + public_page.path(request)

    def on_console(message):
        # A 404 page's own status is logged as a console error: it is the expected answer.
        if message.type == "error" and message.location.get("url") != url:
            problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def on_response(response):
        if response.status >= 400 and response.url != url:
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"uncaught exception: {error}"))
    page.on("requestfailed", lambda req: problems.append(f"failed: {req.url} ({req.failure})"))
    page.on("response", on_response)
    open_page(page, live_server, request, public_page)
    page.wait_for_load_state("networkidle")
    assert not problems, f"While loading {public_page}:\n" + "\n".join(problems)


@pytest.mark.parametrize("public_page", PAGES, ids=str)
def test_first_tab_reaches_the_content_skip_link(page, live_server, request, public_page):
    open_page(page, live_server, request, public_page)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"text": "Contenu", "href": "#content"}
    page.keyboard.press("Enter")
    expect(page.locator("#content")).to_be_focused()


def test_display_settings_switch_to_the_dark_theme(page, live_server, request):
    open_page(page, live_server, request, PAGES[1])
    page.locator("#footer").get_by_role("button", name="Paramètres d’affichage").click()
    dialog = page.get_by_role("dialog", name="Paramètres d’affichage")
    expect(dialog).to_be_visible()
    dialog.get_by_text("Thème sombre").click()
    expect(page.locator("html")).to_have_attribute("data-fr-theme", "dark")
