"""The alert pages in Chromium (axe-core, light and dark, desktop and phone) and through the Nu Html
Checker: the form, « check your inbox », the confirmation, « Gérer mon alerte », the unsubscribe,
an invalid link, and the form with its errors."""

import json
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE_OPTIONS, describe

SEARCH = "/alertes/?domaine=ressources-humaines&categorie=A&localisation=94"


def make_links():
    """A pending and a confirmed alert, and the paths of their pages."""
    from alerts import tokens
    from alerts.models import AccessToken, Subscription
    from tests.alerts.helpers import alert

    active = alert("active@example.org", "categorie=A")
    pending = alert("pending@example.org", "categorie=B")
    Subscription.objects.filter(pk=pending.pk).update(status="pending")
    paths = {"form": SEARCH, "sent": "/alertes/demande-envoyee/", "invalid": "/alertes/gerer/x/"}
    for name, subscription, purpose in [
        ("confirm", pending, AccessToken.Purpose.CONFIRM),
        ("manage", active, AccessToken.Purpose.MANAGE),
    ]:
        raw, hashed = tokens.new_token()
        AccessToken.objects.create(subscription=subscription, purpose=purpose, digest=hashed)
        kind = "confirmer" if name == "confirm" else "gerer"
        paths[name] = f"/alertes/{kind}/{raw}/"
        if name == "manage":
            paths["unsubscribe"] = f"/alertes/desabonner/{raw}/"
    return paths


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375, 320])
def test_alert_pages_have_no_axe_violations(page, live_server, width, scheme):
    paths = make_links()
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in paths.items():
        response = page.goto(live_server.url + path)
        assert response.status < 500
        expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, f"{name} at {width} px ({scheme}):\n" + describe(violations)
        # Nothing wider than the screen (RGAA 10.11).
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    # The form with its errors, as a visitor sees it after a wrong address.
    page.goto(live_server.url + SEARCH)
    page.fill("#id_email", "pas-une-adresse")
    page.click("button[type=submit]:has-text('Recevoir ces offres par e-mail')")
    expect(page.locator("#form-errors")).to_be_visible()
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)


@pytest.mark.htmlcheck
@pytest.mark.django_db
def test_alert_pages_are_valid_html(tmp_path, vnu_command):
    paths = make_links()
    client = Client()
    files = []
    for name, path in paths.items():
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(client.get(path).content)
    files.append(tmp_path / "errors.html")
    files[-1].write_bytes(
        client.post("/alertes/", {"email": "x", "frequency": "", "query": ""}).content
    )
    result = subprocess.run(
        [*vnu_command, *map(str, files)], capture_output=True, text=True, timeout=300, check=False
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{m.get('url', '?').rsplit('/', 1)[-1]}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
