"""« Suivre les offres »: the page the list's feed link leads to, instead of raw XML."""

import re

import pytest
from django.urls import reverse

from jobs.models import Domain
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_follow_path_is_french_and_not_taken_for_an_offer_reference():
    assert reverse("jobs:follow") == "/offres/suivre/"


def test_follow_page_explains_feeds_and_gives_the_addresses_of_all_offers(client):
    JobFactory()
    response = client.get("/offres/suivre/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Suivre les offres</h1>" in html
    assert "Qu’est-ce qu’un flux\u00a0?" in html
    assert "lecteur de flux" in html
    assert 'value="http://testserver/offres/rss.xml" readonly' in html
    assert 'value="http://testserver/offres/atom.xml" readonly' in html
    assert "de toutes les offres" in html


def test_follow_page_gives_the_feeds_of_the_current_filters_without_sort_or_page(client):
    JobFactory()
    response = client.get(
        "/offres/suivre/",
        {"domaine": "ressources-humaines", "categorie": "B", "tri": "date-limite"},
    )
    html = response.content.decode()
    query = "domaine=ressources-humaines&amp;categorie=B"
    assert f'id="feed-rss" value="http://testserver/offres/rss.xml?{query}"' in html
    assert f'id="feed-atom" value="http://testserver/offres/atom.xml?{query}"' in html
    # What the filtered feeds hold, in words, and the unfiltered ones beside them.
    assert re.search(r"<li>Ressources humaines</li>\s*<li>Catégorie B</li>", html)
    assert 'id="feed-all-rss" value="http://testserver/offres/rss.xml"' in html
    assert f'href="/offres/?{query}">Revenir aux offres de cette recherche' in html


def test_the_feed_address_given_serves_the_filtered_offers(client):
    """The address shown is a working feed of the same offers as the list."""
    hr = JobFactory(title="Gestionnaire paie")
    JobFactory(title="Juriste", domain=Domain.objects.get(code="JUR"))
    html = client.get("/offres/suivre/", {"q": "RH"}).content.decode()
    rss = re.search(r'id="feed-rss" value="http://testserver([^"]+)"', html).group(1)
    feed = client.get(rss.replace("&amp;", "&")).content.decode()
    assert hr.title in feed
    assert "Juriste" not in feed


def test_follow_page_is_cached_like_the_list(client, settings):
    JobFactory()
    first = client.get("/offres/suivre/?domaine=numerique")
    second = client.get("/offres/suivre/?domaine=numerique")
    assert first.status_code == second.status_code == 200
    assert second.get("X-Page-Cache") == "hit"
