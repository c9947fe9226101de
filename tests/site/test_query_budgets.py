"""Query budgets of the public pages (issue « Performance and scale »), in this one place: each
page takes at most PAGE_BUDGET queries, and the same number with 3 offers as with 30.

Counted with the page cache off (dummy cache): what a page costs when it is rendered.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.choices import Category, Nature, PayPeriod, RecruitmentStatus, State, Telework, Versant
from jobs.models import Domain, ProcessStep, PublicChange, RecruitmentUpdate
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
    "offer's deadline as .ics": "{offer}date-limite.ics",
    "list from a minimum pay": "/offres/?remuneration=2500&categorie=B",
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
            pay_period=PayPeriod.values[n % 2],
            salary_min=2000 + 100 * n if n % 3 else None,
            salary_max=2800 + 100 * n if n % 3 else None,
            index_min=390 + n,
            index_max=520 + n,
            bonus_max=400 if n % 2 else None,
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


def add_answers(job, count):
    """`count` process steps, public changes and (for a closed offer) status steps."""
    for position in range(count):
        ProcessStep.objects.create(job=job, position=position, label=f"Étape {position}")
        PublicChange.objects.create(job=job, text=f"Modification {position}")


@pytest.mark.parametrize("closed", [False, True], ids=["open offer", "closed offer with a status"])
def test_offer_page_count_does_not_grow_with_its_steps_changes_and_status(client, profile, closed):
    offer, new_offer, *_others = add_offers(FEW)
    if closed:
        offer.close()
        day = offer.closed_on
        for status in [RecruitmentStatus.CLOSED, RecruitmentStatus.REVIEW]:
            RecruitmentUpdate.objects.create(job=offer, status=status, date=day)
    add_answers(offer, 2)
    few = count_queries(client, offer.get_absolute_url())
    add_answers(offer, 10)
    if closed:
        RecruitmentUpdate.objects.create(
            job=offer, status=RecruitmentStatus.REPUBLISHED, date=day, new_offer=new_offer
        )
    text = client.get(offer.get_absolute_url()).content.decode()
    assert count_queries(client, offer.get_absolute_url()) == few <= PAGE_BUDGET
    assert text.count("Modification ") == 12 and text.count("Étape ") >= 12
    if closed:
        assert offer.state == State.CLOSED and new_offer.get_absolute_url() in text
