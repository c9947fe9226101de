"""The offer page's layout in a real browser: « En bref » high on a phone, cards inside the page."""

import pytest
from django.contrib.auth.models import Group

from jobs.choices import State
from tests.factories import JobFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def offer(db):
    job = JobFactory()
    JobFactory.create_batch(3, domain=job.domain)  # « Offres similaires » holds three cards.
    return job


def test_similar_offer_cards_stay_inside_their_section(page, live_server, offer):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + offer.get_absolute_url())
    section = page.locator(".similar-offers").bounding_box()
    grid = page.locator(".similar-offers > ul").bounding_box()
    assert grid["x"] >= section["x"] - 0.5
    assert grid["x"] + grid["width"] <= section["x"] + section["width"] + 0.5
    cards = [card.bounding_box() for card in page.locator(".similar-offers .fr-card").all()]
    assert len(cards) == 3
    assert min(card["x"] for card in cards) >= section["x"] - 0.5
    right = max(card["x"] + card["width"] for card in cards)
    assert right <= section["x"] + section["width"] + 0.5, right - section["x"] - section["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


@pytest.mark.parametrize("width", [375, 320])
def test_on_a_phone_en_bref_and_postuler_come_right_after_the_title(
    page, live_server, offer, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + offer.get_absolute_url())
    title = page.locator("h1").bounding_box()
    aside = page.locator(".job-detail__aside").bounding_box()
    details = page.locator("#job-details-title").bounding_box()
    postuler = page.locator(".job-detail__aside .job-apply .fr-btn").first.bounding_box()
    assert title["y"] < aside["y"] < details["y"]
    assert postuler["y"] + postuler["height"] < 1000, postuler
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_on_a_large_screen_en_bref_sits_beside_the_text(page, live_server, offer):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + offer.get_absolute_url())
    aside = page.locator(".job-detail__aside").bounding_box()
    details = page.locator("#job-details-title").bounding_box()
    assert aside["x"] > details["x"] + details["width"] - 1
    assert aside["y"] < 400


def test_a_staff_preview_of_a_draft_offers_postuler(page, live_server, django_user_model):
    draft = JobFactory(state=State.DRAFT)
    editor = django_user_model.objects.create_user(
        "rh.apercu", password="un mot de passe solide 42", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="RH"))
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("rh.apercu")
    page.get_by_label("Mot de passe").fill("un mot de passe solide 42")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + draft.get_absolute_url())
    assert page.locator(".job-detail__preview").is_visible()
    assert page.get_by_role("link", name="Postuler").first.is_visible()
    assert not page.get_by_text("Candidatures closes").first.is_visible()
