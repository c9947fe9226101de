"""Portraits in a real browser: a portrait's page, the home page's featured portrait and
« Découvrir le métier » on an offer, checked with axe (light and dark themes, desktop to 320 px)
and the Nu Html Checker."""

import json
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from jobs.models import Domain
from tests.factories import EmployerFactory, JobFactory, TestimonialFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
TRANSCRIPT = (
    "Bonjour, je m’appelle Marine, j’ai 27 ans et je suis officière de protection à l’OFPRA.\n\n"
    "Le cœur de notre mission, c’est vraiment l’entretien de demande d’asile.\n\n"
    "Pour moi c’est magnifique d’avoir un métier comme ça et qui a autant de sens."
)


@pytest.fixture
def portraits(db):
    profile = EmployerFactory()
    marine = TestimonialFactory(
        employer=profile,
        position=1,
        quote="Pour moi c’est magnifique d’avoir un métier comme ça et qui a autant de sens.",
        transcript=TRANSCRIPT,
        domain_code="USA",
        is_featured=True,
    )
    TestimonialFactory(
        employer=profile,
        position=2,
        title="Portrait d’une assistante de direction",
        first_name="Nadia",
        age=None,
        job_title="Assistante de direction",
        division="Direction générale",
        reference_job="Assistant / Assistante de direction",
        domain_code="DIR",
        quote="Chaque journée est différente.",
        transcript="Bonjour, je m’appelle Nadia.\n\nChaque journée est différente.",
    )
    offer = JobFactory(
        employer=profile,
        title="Auditeur(trice) chargé(e) des entretiens d’introduction de demande d’asile",
        domain=Domain.objects.get(code="USA"),
        reference_job="Chargé(e) d'accueil et d'instruction des demandes du public",
    )
    return marine, offer


def axe_violations(page):
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{violation['id']}: {' '.join(str(t) for node in violation['nodes'] for t in node['target'])}"
        for violation in violations
    ]


def urls(portraits):
    marine, offer = portraits
    return {"portrait": marine.get_absolute_url(), "offer": offer.get_absolute_url(), "home": "/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375, 320])
@pytest.mark.parametrize("where", ["portrait", "offer", "home"])
def test_portraits_read_well_and_pass_axe(page, live_server, portraits, where, width, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + urls(portraits)[where])
    expect(page.locator("html")).to_have_attribute("data-fr-theme", scheme)

    if where == "portrait":
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Portrait d'une officière de protection"
        )
        # The whole transcript is on the page, not behind a button.
        expect(page.get_by_text("Le cœur de notre mission, c’est vraiment")).to_be_visible()
    elif where == "offer":
        block = page.locator("section[aria-labelledby='portrait-title']")
        expect(block.get_by_role("heading", name="Découvrir le métier")).to_be_visible()
        link = block.get_by_role(
            "link", name="Lire le portrait de Marine, officière de protection, en entier"
        )
        link.click()
        page.wait_for_url(f"**{portraits[0].get_absolute_url()}")
    else:
        expect(page.locator("blockquote", has_text="Pour moi c’est magnifique")).to_be_visible()
        expect(
            page.get_by_role("link", name="Portrait d’une assistante de direction (Nadia)")
        ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not axe_violations(page)


@pytest.mark.htmlcheck
def test_the_portrait_page_and_the_offer_block_are_valid_html(portraits, tmp_path, vnu_command):
    client = Client()
    files = []
    for name, url in urls(portraits).items():
        response = client.get(url)
        assert response.status_code == 200
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    assert "Découvrir le métier" in (tmp_path / "offer.html").read_text()
    result = subprocess.run(
        [*vnu_command, *map(str, files)], capture_output=True, text=True, timeout=300, check=False
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{m.get('url', '?').rsplit('/', 1)[-1]} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
