"""Query budgets of the public pages (issue « Performance and scale »), in this one place: each
page takes at most PAGE_BUDGET queries, and the same number with 3 offers as with 30.

Counted with the page cache off (dummy cache): what a page costs when it is rendered.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.choices import Category, Nature, Telework, Versant
from jobs.models import Domain
from tests.factories import (
    EmployerFactory,
    JobFactory,
    KeyFigureFactory,
    MissionFactory,
    PerkFactory,
    PhotoFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 10
FEW, MANY = 3, 30
# An offer page is named by the offer the test creates first: "{offer}" stands for its address.
PAGES = {
    "home": "/",
    "list": "/offres/",
    "list by domaine and category": "/offres/?domaine=ressources-humaines&categorie=A",
    "search": "/offres/?q=action+sociale",
    "search, place, order, date, page 2": (
        "/offres/?q=asile&localisation=94&tri=date-limite&publiee=30&page=2"
    ),
    "list by versants, telework, nature": (
        "/offres/?versant=FPE&versant=FPT&teletravail=PARTIEL&nature=CONTRACTUELS"
    ),
    "offer page": "{offer}",
    "RSS feed": "/offres/rss.xml",
    "Atom feed of a search": "/offres/atom.xml?domaine=ressources-humaines&q=gestionnaire",
    "sitemap index": "/sitemap.xml",
    "sitemap of the offers": "/sitemap-offres.xml",
    "sitemap of the pages": "/sitemap-pages.xml",
}


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def profile():
    employer = EmployerFactory()
    for factory in [MissionFactory, KeyFigureFactory, PerkFactory, TestimonialFactory]:
        factory.create_batch(2, employer=employer)
    PhotoFactory(employer=employer)
    return employer


def add_offers(count):
    domains = list(Domain.objects.all())
    categories, versants = Category.values, Versant.values
    natures, telework = Nature.values, Telework.values
    return [
        JobFactory(
            domain=domains[n % len(domains)],
            category=categories[n % len(categories)],
            versant=versants[n % len(versants)],
            nature=natures[n % len(natures)],
            telework=telework[n % len(telework)],
            department_code=f"{n % 90 + 1:02d}",
            location_label=f"Département {n % 90 + 1:02d}",
        )
        for n in range(count)
    ]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_each_public_page_stays_within_its_budget_with_few_or_many_offers(client, profile, url):
    offer = add_offers(FEW)[0]
    url = url.format(offer=offer.get_absolute_url())
    few = count_queries(client, url)
    add_offers(MANY - FEW)
    many = count_queries(client, url)
    assert many == few <= PAGE_BUDGET


def test_home_page_count_does_not_grow_with_the_parts_of_the_profile(client, profile):
    add_offers(FEW)
    few = count_queries(client, "/")
    PhotoFactory.create_batch(6, employer=profile)
    MissionFactory.create_batch(3, employer=profile)
    PerkFactory.create_batch(3, employer=profile)
    TestimonialFactory.create_batch(3, employer=profile)
    assert count_queries(client, "/") == few
    # Every part is shown, not left out to keep the count.
    captions = set(re.findall(r"Légende \d+", client.get("/").content.decode()))
    assert len(captions) == 7


def test_home_page_without_a_profile_stays_within_its_budget(client):
    add_offers(FEW)
    assert count_queries(client, "/") <= PAGE_BUDGET


def test_follow_page_names_the_filters_without_reading_the_offers(client):
    """« Suivre les offres » only names the filters: the domaines, never the offers."""
    url = "/offres/suivre/?domaine=ressources-humaines&categorie=B&q=gestionnaire"
    add_offers(FEW)
    few = count_queries(client, url)
    add_offers(MANY - FEW)
    assert count_queries(client, url) == few <= 1


def test_a_list_address_with_empty_fields_is_redirected_without_a_query(client):
    add_offers(FEW)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/offres/?q=&localisation=&tri=recent")
    assert response.status_code == 302
    assert len(queries) == 0
