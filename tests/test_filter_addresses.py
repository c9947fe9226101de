"""Addresses of a filtered list: the list, its feeds and the follow page name the filters the
same way."""

import re

import pytest

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
