"""« Puis-je postuler ? » in a real browser: filled, sent and answered as a visitor does, then axe
and the Nu Html Checker on the page with its answer and with its error messages."""

import json
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from jobs.choices import Category, Nature
from tests.factories import JobFactory

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
INCLUDE = '{% include "jobs/includes/eligibility.html" %}'
MARKER = "{# eligibility here #}"


@pytest.fixture(autouse=True)
def offer_page_with_the_form(settings, tmp_path):
    """Until job_detail.html includes the form (at its marker), a copy of it that does.

    Once the include is in the real template, this does nothing.
    """
    source = Path(settings.BASE_DIR) / "templates" / "jobs" / "job_detail.html"
    text = source.read_text()
    if INCLUDE in text:
        return
    assert MARKER in text, "job_detail.html has neither the include nor its marker"
    copy = tmp_path / "templates" / "jobs" / "job_detail.html"
    copy.parent.mkdir(parents=True)
    copy.write_text(text.replace(MARKER, INCLUDE))
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [tmp_path / "templates", *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


@pytest.fixture
def offer(db):
    return JobFactory(
        title="Gestionnaire d’action sociale",
        nature=Nature.TITULAIRE_CONTRACTUEL,
        category=Category.B,
        legal_basis="Article L. 332-2 du code général de la fonction publique",
    )


def axe_violations(page):
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{violation['id']}: {' '.join(str(t) for node in violation['nodes'] for t in node['target'])}"
        for violation in violations
    ]


def choose(box, label):
    """Tick a radio as a visitor does: on its label (DSFR draws the button on the label)."""
    box.locator("label", has_text=label).click()
    expect(box.get_by_label(label)).to_be_checked()


def open_offer(page, live_server, offer, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + offer.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    return page.locator("#puis-je-postuler")


@pytest.mark.parametrize("width", [1280, 375, 320])
def test_a_contractuel_fills_the_form_and_reads_the_answer(page, live_server, offer, width):
    box = open_offer(page, live_server, offer, width)
    expect(box.get_by_role("heading", name="Puis-je postuler ?")).to_be_visible()
    choose(box, "Contractuel de droit public")
    choose(box, "Française")
    box.get_by_role("button", name="Vérifier si je peux postuler").click()
    page.wait_for_url("**?situation=contractuel&versant=&categorie=&nationalite=francaise*")
    assert page.url.endswith("#puis-je-postuler")
    answer = page.locator("#puis-je-postuler .fr-alert")
    expect(answer.get_by_role("heading")).to_have_text(
        "Oui, en tant que contractuel (article L332-2 du code général de la fonction publique)"
    )
    expect(answer).to_contain_text(
        "Cette offre est ouverte aux titulaires et aux contractuels ; fonction publique de "
        "l’État ; catégorie B ; fondement : article L332-2."
    )
    # The answers stay ticked, the answer is scrolled to, and nothing overflows the screen.
    expect(box.get_by_label("Contractuel de droit public")).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not axe_violations(page)


def test_a_fonctionnaire_of_another_versant_is_told_detachement(page, live_server, offer):
    box = open_offer(page, live_server, offer, 1280)
    choose(box, "Fonctionnaire (titulaire)")
    box.get_by_label("Votre fonction publique").select_option("territoriale")
    box.get_by_label("Votre catégorie").select_option("B")
    choose(box, "D’un autre État de l’Union européenne")
    box.get_by_role("button", name="Vérifier si je peux postuler").click()
    page.wait_for_url("**nationalite=ue*")
    heading = page.locator("#puis-je-postuler .fr-alert__title")
    expect(heading).to_have_text("Oui, par voie de détachement")
    expect(page.locator("#puis-je-postuler .fr-alert")).to_contain_text("souveraineté")


def test_missing_answers_are_named_next_to_their_fields(page, live_server, offer):
    box = open_offer(page, live_server, offer, 375)
    choose(box, "Fonctionnaire (titulaire)")
    box.get_by_role("button", name="Vérifier si je peux postuler").click()
    page.wait_for_url("**situation=fonctionnaire*")
    expect(page.locator("#puis-je-postuler .fr-alert")).to_have_count(0)
    expect(page.locator("#elig-nationalite")).to_contain_text("Indiquez votre nationalité.")
    expect(page.locator("#elig-categorie-error")).to_have_text(
        "Fonctionnaire : indiquez votre catégorie (A, B ou C)."
    )
    # The error is tied to its field, for screen readers.
    expect(box.get_by_label("Votre catégorie")).to_have_attribute(
        "aria-describedby", "elig-categorie-error"
    )
    assert not axe_violations(page)


def test_the_answer_in_the_dark_theme_has_no_axe_violations(page, live_server, offer):
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(
        live_server.url
        + offer.get_absolute_url()
        + "?situation=autre&versant=&categorie=&nationalite=autre#puis-je-postuler"
    )
    expect(page.locator("html")).to_have_attribute("data-fr-theme", "dark")
    expect(page.locator("#puis-je-postuler .fr-alert__title")).to_contain_text("Oui")
    assert not axe_violations(page)


@pytest.mark.htmlcheck
def test_the_form_its_answer_and_its_errors_are_valid_html(offer, tmp_path, vnu_command):
    client = Client()
    queries = {
        "empty": "",
        "answer": "situation=fonctionnaire&versant=etat&categorie=B&nationalite=francaise",
        "errors": "situation=fonctionnaire&versant=x&categorie=&nationalite=",
    }
    files = []
    for name, query in queries.items():
        response = client.get(f"{offer.get_absolute_url()}?{query}")
        assert response.status_code == 200
        assert ("fr-alert__title" in response.content.decode()) == (name == "answer")
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
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
