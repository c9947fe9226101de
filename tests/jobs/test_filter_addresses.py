"""Addresses of a filtered list: a domaine named by its RMFP code (`?domaine=GRH`, the code HR
staff and other sites use) leads to the slug's address; the list, its feeds and the follow page
name the filters the same way."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.choices import Category
from jobs.models import Domain
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers():
    return {
        "hr": JobFactory(title="Gestionnaire paie", domain=Domain.objects.get(code="GRH")),
        "it": JobFactory(title="Développeur", domain=Domain.objects.get(code="NUM")),
        "lawyer": JobFactory(title="Juriste", domain=Domain.objects.get(code="JUR")),
    }


def titles(response):
    return {job.title for job in response.context["jobs"]}


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("?domaine=GRH", "?domaine=ressources-humaines"),
        ("?domaine=grh", "?domaine=ressources-humaines"),
        ("?domaine=%20Grh%20", "?domaine=ressources-humaines"),
        ("?domaine=Ressources-Humaines", "?domaine=ressources-humaines"),
        # The other parameters stay, in their order; empty fields and defaults leave.
        (
            "?q=paie&domaine=GRH&domaine=numerique&tri=date-limite&page=2",
            "?q=paie&domaine=ressources-humaines&domaine=numerique&tri=date-limite&page=2",
        ),
        ("?domaine=NUM&q=&tri=recent", "?domaine=numerique"),
        # An unknown value is kept as it came: the list ignores it, as before.
        ("?domaine=GRH&domaine=XYZ", "?domaine=ressources-humaines&domaine=XYZ"),
    ],
)
def test_a_domaine_named_by_its_code_moves_for_good_to_its_slug(client, offers, query, target):
    response = client.get("/offres/" + query)
    assert response.status_code == 301
    assert response["Location"] == "/offres/" + target


def test_the_code_address_shows_the_domaine_s_offers_as_the_slug_address_does(client, offers):
    response = client.get("/offres/?domaine=GRH", follow=True)
    assert response.redirect_chain == [("/offres/?domaine=ressources-humaines", 301)]
    assert titles(response) == {"Gestionnaire paie"}
    html = response.content.decode()
    assert 'aria-label="Retirer le filtre Ressources humaines"' in html
    assert re.search(r'id="filter-domaine-ressources-humaines"[^>]* checked>', html)
    # The page's own addresses name the domaine by its slug; the canonical one is the list's.
    assert '<link rel="canonical" href="http://testserver/offres/">' in html
    assert 'href="/offres/rss.xml?domaine=ressources-humaines"' in html
    assert 'href="/offres/suivre/?domaine=ressources-humaines"' in html
    assert "GRH" not in html


@pytest.mark.parametrize("path", ["/offres/rss.xml", "/offres/atom.xml", "/offres/suivre/"])
def test_feeds_and_follow_page_move_a_code_to_the_slug_too(client, offers, path):
    response = client.get(path + "?domaine=grh&tri=date-limite")
    assert response.status_code == 301
    assert response["Location"] == path + "?domaine=ressources-humaines"
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert "Ressources humaines" in followed.content.decode()
    assert "Juriste" not in followed.content.decode()


@pytest.mark.parametrize(
    "value", ["XYZ", "GR", "GRHX", "%00", "%FF%FE", "G%C3%A9", "'%3B--", "1", "x" * 300]
)
@pytest.mark.parametrize(
    "path", ["/offres/", "/offres/rss.xml", "/offres/atom.xml", "/offres/suivre/"]
)
def test_an_unknown_domaine_is_ignored_everywhere_never_an_error(client, offers, path, value):
    response = client.get(f"{path}?domaine={value}")
    assert response.status_code == 200
    html = response.content.decode()
    for offer in offers.values():
        if path != "/offres/suivre/":
            assert offer.title in html


def test_a_code_costs_at_most_the_domaines_query_before_its_redirect(client, offers, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/offres/?domaine=GRH&q=paie").status_code == 301
    assert len(queries) == 1
    assert "jobs_domain" in queries[0]["sql"]


def test_list_feed_and_follow_page_name_each_filter_alike(client):
    """One description of the filters: a tag alone reads « Hors catégorie », a feed's title
    within its sentence « hors catégorie » (it read « catégorie Hors catégorie »)."""
    JobFactory(title="Vacataire", category=Category.HORS_CATEGORIE)
    JobFactory(title="Attaché", category=Category.A)
    query = "?q=vacataire&categorie=HORS_CATEGORIE&categorie=A&domaine=ressources-humaines"
    tags = [tag["label"] for tag in client.get("/offres/" + query).context["active_filters"]]
    assert tags == [
        "«\u00a0vacataire\u00a0»",
        "Ressources humaines",
        "Hors catégorie",
        "Catégorie A",
    ]
    follow = client.get("/offres/suivre/" + query).content.decode()
    listed = re.search(r"correspondent à\W?:</p>\s*<ul>(.*?)</ul>", follow, re.S).group(1)
    assert re.findall(r"<li>([^<]*)</li>", listed) == tags
    feed = client.get("/offres/rss.xml" + query).content.decode()
    assert (
        "<title>Offres d’emploi : «\u00a0vacataire\u00a0», Ressources humaines, hors catégorie, "
        "catégorie A – OFPRA recrute</title>"
    ) in feed


def test_the_feed_links_of_the_list_carry_the_filters_not_the_sort_nor_the_page(client):
    JobFactory.create_batch(21, domain=Domain.objects.get(code="NUM"))
    html = client.get("/offres/?domaine=numerique&tri=date-limite&page=2").content.decode()
    assert 'href="/offres/rss.xml?domaine=numerique"' in html
    assert 'href="/offres/atom.xml?domaine=numerique"' in html
    html = client.get("/offres/?page=2").content.decode()
    assert 'href="/offres/rss.xml"' in html  # not « rss.xml? »
