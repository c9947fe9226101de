"""/sitemap.xml: an index of the pages' and the open offers' sitemaps, announced by robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.choices import State
from jobs.sitemaps import OpenOfferSitemap
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "http://testserver"


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def sitemap_urls(client):
    """{address: lastmod or None} over every sitemap the index lists."""
    index = get_xml(client, "/sitemap.xml")
    assert index.tag == f"{NS}sitemapindex"
    urls = {}
    for sitemap in index.iter(f"{NS}sitemap"):
        location = sitemap.findtext(f"{NS}loc")
        assert location.startswith(BASE)
        urlset = get_xml(client, location.removeprefix(BASE))
        assert urlset.tag == f"{NS}urlset"
        for url in urlset.iter(f"{NS}url"):
            urls[url.findtext(f"{NS}loc")] = url.findtext(f"{NS}lastmod")
    return urls


@pytest.fixture
def offers():
    now = timezone.now()
    today = timezone.localdate()
    return {
        "open": JobFactory(title="Gestionnaire d'action sociale"),
        "other_open": JobFactory(title="Assistant (e) de Direction"),
        "draft": JobFactory(state=State.DRAFT),
        "closed": JobFactory(state=State.CLOSED),
        "archived": JobFactory(state=State.ARCHIVED),
        "past_deadline": JobFactory(
            published_at=now - datetime.timedelta(days=60),
            deadline=today - datetime.timedelta(days=1),
        ),
        "scheduled": JobFactory(published_at=now + datetime.timedelta(days=1)),
    }


def test_sitemap_path_is_the_one_robots_txt_announces(client):
    assert reverse("pages:sitemap") == "/sitemap.xml"
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text


def test_sitemap_lists_home_list_and_mandatory_pages(client):
    urls = sitemap_urls(client)
    for name in [
        "pages:home",
        "jobs:list",
        "pages:accessibility",
        "pages:legal_notice",
        "pages:personal_data",
        "pages:sitemap_page",
    ]:
        assert BASE + reverse(name) in urls
    assert BASE + "/offres/" in urls
    assert BASE + "/mentions-legales/" in urls


def test_sitemap_lists_every_open_offer_with_lastmod(client, offers):
    urls = sitemap_urls(client)
    for key in ["open", "other_open"]:
        job = offers[key]
        lastmod = urls[BASE + job.get_absolute_url()]
        assert lastmod == timezone.localtime(job.updated_at).date().isoformat()


def test_sitemap_leaves_out_offers_that_take_no_applications(client, offers):
    urls = sitemap_urls(client)
    for key in ["draft", "closed", "archived", "past_deadline", "scheduled"]:
        assert BASE + offers[key].get_absolute_url() not in urls


def test_sitemap_index_dates_the_offers_section(client, offers):
    index = get_xml(client, "/sitemap.xml")
    sections = {
        sitemap.findtext(f"{NS}loc"): sitemap.findtext(f"{NS}lastmod")
        for sitemap in index.iter(f"{NS}sitemap")
    }
    latest = max(offers["open"].updated_at, offers["other_open"].updated_at)
    assert sections[BASE + "/sitemap-offres.xml"] is not None
    assert sections[BASE + "/sitemap-offres.xml"].startswith(
        timezone.localtime(latest).date().isoformat()
    )


def test_sitemap_with_no_offer_is_valid(client):
    index = get_xml(client, "/sitemap.xml")
    assert len(list(index.iter(f"{NS}sitemap"))) == 2
    assert get_xml(client, "/sitemap-offres.xml").tag == f"{NS}urlset"


def test_offers_section_is_paginated_and_listed_in_the_index(client, offers, monkeypatch):
    monkeypatch.setattr(OpenOfferSitemap, "limit", 1)
    index = get_xml(client, "/sitemap.xml")
    locations = [sitemap.findtext(f"{NS}loc") for sitemap in index.iter(f"{NS}sitemap")]
    assert BASE + "/sitemap-offres.xml?p=2" in locations
    urls = sitemap_urls(client)
    assert BASE + offers["open"].get_absolute_url() in urls
    assert BASE + offers["other_open"].get_absolute_url() in urls


@pytest.mark.parametrize(
    "url", ["/sitemap-inconnu.xml", "/sitemap-offres.xml?p=99", "/sitemap-offres.xml?p=abc"]
)
def test_bad_sitemap_addresses_give_404(client, offers, url):
    assert client.get(url).status_code == 404


def test_offers_section_queries_do_not_grow_with_offers(
    client, django_assert_max_num_queries, settings
):
    # Rendering is what is counted: no page cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    JobFactory.create_batch(12)
    with django_assert_max_num_queries(2):
        client.get("/sitemap-offres.xml")
