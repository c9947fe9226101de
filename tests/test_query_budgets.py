"""Query budgets of the public pages (issue « Performance and scale »): home ≤ 6, list ≤ 8 whatever
the filters, offer page ≤ 6, and the same count with a few offers as with many.

Counted with the page cache off (dummy cache): what a page costs when it is rendered.
"""

import pytest

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

HOME = 6
LIST = 8
OFFER = 6
LIST_URLS = [
    "/offres/",
    "/offres/?domaine=ressources-humaines&categorie=A",
    "/offres/?q=action+sociale",
    "/offres/?q=asile&localisation=94&tri=date-limite&publiee=30&page=2",
    "/offres/?versant=FPE&versant=FPT&teletravail=PARTIEL&nature=CONTRACTUELS",
]


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


def count_queries(client, url, django_capture_queries):
    with django_capture_queries() as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def django_capture_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    return lambda: CaptureQueriesContext(connection)


def test_home_page_stays_within_its_budget_whatever_the_number_of_offers(
    client, profile, django_capture_queries
):
    add_offers(2)
    few = count_queries(client, "/", django_capture_queries)
    add_offers(60)
    many = count_queries(client, "/", django_capture_queries)
    assert few == many <= HOME


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_stays_within_its_budget_whatever_the_filters_and_offers(
    client, url, django_capture_queries
):
    add_offers(3)
    few = count_queries(client, url, django_capture_queries)
    add_offers(60)
    many = count_queries(client, url, django_capture_queries)
    assert few == many <= LIST


def test_offer_page_stays_within_its_budget_whatever_the_number_of_offers(
    client, django_capture_queries
):
    job = add_offers(2)[0]
    few = count_queries(client, job.get_absolute_url(), django_capture_queries)
    add_offers(60)
    many = count_queries(client, job.get_absolute_url(), django_capture_queries)
    assert few == many <= OFFER


def test_follow_page_stays_within_its_budget_whatever_the_number_of_offers(
    client, django_capture_queries
):
    """« Suivre les offres » only names the filters: the domaines, never the offers."""
    url = "/offres/suivre/?domaine=ressources-humaines&categorie=B&q=gestionnaire"
    add_offers(2)
    few = count_queries(client, url, django_capture_queries)
    add_offers(60)
    many = count_queries(client, url, django_capture_queries)
    assert few == many <= 1


def test_a_list_address_with_empty_fields_is_redirected_without_a_query(
    client, django_capture_queries
):
    add_offers(2)
    with django_capture_queries() as queries:
        response = client.get("/offres/?q=&localisation=&tri=recent")
    assert response.status_code == 302
    assert len(queries) == 0


def test_feed_does_not_grow_with_the_number_of_offers(client, django_capture_queries):
    add_offers(2)
    few = count_queries(client, "/offres/rss.xml", django_capture_queries)
    add_offers(60)
    many = count_queries(client, "/offres/rss.xml", django_capture_queries)
    assert few == many
