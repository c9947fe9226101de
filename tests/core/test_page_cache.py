"""The page cache: anonymous pages come from the cache, and never stay stale (page_cache.py)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.http import HttpResponse
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core import page_cache
from employer.models import Employer
from jobs.choices import State
from tests.admin_forms import form_data
from tests.factories import EmployerFactory, JobFactory, KeyFigureFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
EVENING = datetime.datetime(2026, 3, 10, 23, 59, 0, tzinfo=PARIS)


@pytest.fixture
def jobs():
    return JobFactory.create_batch(3)


@pytest.mark.parametrize(
    "url", ["/", "/offres/", "/offres/?categorie=B&q=action", "/offres/rss.xml"]
)
def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, jobs, url, django_assert_num_queries
):
    first = client.get(url)
    assert first[page_cache.HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second[page_cache.HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_hit_costs_one_cache_round_trip(client, jobs, monkeypatch):
    """The version, the next change and the page come in a single read (a hit is mostly that
    round trip): not one read for the state and another for the page."""
    client.get("/offres/")
    calls = []
    depth = [0]

    def counted(name, method):
        def wrapper(*args, **kwargs):
            # Only the calls page_cache makes: the local-memory cache's get_many calls get.
            if depth[0] == 0:
                calls.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1

        return wrapper

    for name in ["get", "get_many", "set", "add", "incr"]:
        monkeypatch.setattr(page_cache.cache, name, counted(name, getattr(page_cache.cache, name)))
    assert client.get("/offres/")[page_cache.HEADER] == "hit"
    assert calls == ["get_many"]


def test_a_worker_reuses_its_copy_of_a_page_but_still_checks_the_shared_version(
    client, jobs, monkeypatch
):
    client.get("/offres/")
    asked = []
    get_many = page_cache.cache.get_many
    monkeypatch.setattr(
        page_cache.cache, "get_many", lambda keys, **kw: asked.append(keys) or get_many(keys, **kw)
    )
    assert client.get("/offres/")[page_cache.HEADER] == "hit"
    # The page's bytes were not fetched again: only the version and the next change were.
    assert asked == [[page_cache.VERSION_KEY, page_cache.NEXT_CHANGE_KEY]]
    # Another server saves an edit: it bumps the shared version, and this worker's copy is
    # not served.
    page_cache.cache.incr(page_cache.VERSION_KEY)
    assert client.get("/offres/")[page_cache.HEADER] == "miss"


@pytest.mark.parametrize("pages", [0, 1])
def test_the_worker_copies_are_bounded(client, jobs, settings, pages):
    settings.PAGE_CACHE_WORKER_PAGES = pages
    for url in ["/offres/", "/offres/?categorie=A", "/offres/?categorie=B"]:
        client.get(url)
        assert client.get(url)[page_cache.HEADER] == "hit"
    assert len(page_cache._recent_pages) == pages


SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
]


def test_a_cached_page_carries_the_same_security_headers(client, jobs):
    first = client.get("/offres/")
    second = client.get("/offres/")
    assert second[page_cache.HEADER] == "hit"
    for header in SECURITY_HEADERS:
        assert second[header] == first[header], header


def test_a_new_security_policy_is_not_hidden_by_pages_cached_under_the_old_one(
    client, jobs, settings
):
    client.get("/offres/")
    assert client.get("/offres/")[page_cache.HEADER] == "hit"
    settings.PERMISSIONS_POLICY = {**settings.PERMISSIONS_POLICY, "bluetooth": []}
    response = client.get("/offres/")
    assert response[page_cache.HEADER] == "miss"
    assert "bluetooth=()" in response["Permissions-Policy"]


def test_pages_cached_by_another_release_of_the_code_are_not_served(
    client, jobs, settings, tmp_path
):
    # The cache outlives a restart (files, Redis): after an update of the templates, the pages
    # cached by the old ones must not be served until they expire.
    template = tmp_path / "page.html"
    template.write_text("old")
    settings.PAGE_CACHE_SOURCES = [tmp_path]
    client.get("/offres/")
    assert client.get("/offres/")[page_cache.HEADER] == "hit"
    template.write_text("new template")
    page_cache._headers_digest.cache_clear()  # What a restart does.
    assert client.get("/offres/")[page_cache.HEADER] == "miss"
    assert client.get("/offres/")[page_cache.HEADER] == "hit"
    settings.PAGE_CACHE_RELEASE = "2026-12-02.1"
    assert client.get("/offres/")[page_cache.HEADER] == "miss"


def test_https_redirect_still_applies_to_pages_cached_over_https(client, jobs, settings):
    settings.SECURE_SSL_REDIRECT = True
    client.get("/offres/", secure=True)
    assert client.get("/offres/", secure=True)[page_cache.HEADER] == "hit"
    response = client.get("/offres/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/offres/"


def test_a_new_version_replaces_the_entry_rather_than_adding_one(client, jobs):
    client.get("/offres/")
    key = next(iter(_page_keys()))
    page_cache.bump_version()
    assert client.get("/offres/")[page_cache.HEADER] == "miss"
    assert client.get("/offres/")[page_cache.HEADER] == "hit"
    assert _page_keys() == {key}


def _page_keys():
    # The test settings use the local-memory cache; its keys carry Django's ":1:" prefix.
    return {key for key in page_cache.cache._cache if ":page-cache:page:" in key}


def test_offer_page_and_sitemap_are_cached(client, jobs, django_assert_num_queries):
    for url in [jobs[0].get_absolute_url(), "/sitemap.xml", "/sitemap-offres.xml"]:
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url)[page_cache.HEADER] == "hit"


def test_each_query_string_is_its_own_page(client, jobs):
    client.get("/offres/?categorie=B")
    assert client.get("/offres/?categorie=A")[page_cache.HEADER] == "miss"


def test_an_edit_saved_in_the_admin_shows_at_the_next_request(client, admin_client, jobs):
    job = jobs[0]
    client.get("/offres/")
    client.get(job.get_absolute_url())

    response = admin_client.post(
        reverse("admin:jobs_job_change", args=[job.pk]),
        form_data(job, title="Juriste spécialisé en asile"),
    )
    assert response.status_code == 302

    assertContains(client.get("/offres/"), "Juriste spécialisé en asile")
    job.refresh_from_db()
    assertContains(client.get(job.get_absolute_url()), "Juriste spécialisé en asile")


@pytest.mark.parametrize("state", [State.CLOSED, State.ARCHIVED, State.DRAFT])
def test_closing_archiving_or_unpublishing_an_offer_takes_it_off_the_list_at_once(
    client, jobs, state
):
    job = jobs[0]
    assertContains(client.get("/offres/"), job.get_absolute_url())
    job.state = state
    job.save()
    assertNotContains(client.get("/offres/"), job.get_absolute_url())


def test_publishing_and_deleting_an_offer_show_at_once(client, jobs):
    client.get("/offres/")
    new = JobFactory(title="Officier de protection instructeur")
    assertContains(client.get("/offres/"), "Officier de protection instructeur")
    new.delete()
    assertNotContains(client.get("/offres/"), "Officier de protection instructeur")


def test_a_change_to_the_agency_profile_shows_on_the_home_page_at_once(client):
    employer = EmployerFactory()
    client.get("/")
    employer.tagline = "Protéger, au quotidien"
    employer.save()
    assertContains(client.get("/"), "Protéger, au quotidien")
    KeyFigureFactory(employer=employer, value="1 234", label="Décisions par mois")
    assertContains(client.get("/"), "Décisions par mois")
    Employer.objects.get().key_figures.all().delete()
    assertNotContains(client.get("/"), "Décisions par mois")


def test_an_offer_leaves_the_list_when_its_deadline_passes(client):
    with time_machine.travel(EVENING, tick=False):
        job = JobFactory(deadline=EVENING.date())
        assertContains(client.get("/offres/"), job.get_absolute_url())
        assert client.get("/offres/")[page_cache.HEADER] == "hit"

    with time_machine.travel(EVENING + datetime.timedelta(minutes=1, seconds=1), tick=False):
        response = client.get("/offres/")
        assert response[page_cache.HEADER] == "miss"
        assertNotContains(response, job.get_absolute_url())
        assertContains(client.get(job.get_absolute_url()), "Candidatures closes")


def test_a_scheduled_offer_appears_when_its_publication_time_comes(client, jobs):
    at = datetime.datetime(2026, 3, 10, 9, 30, tzinfo=PARIS)
    with time_machine.travel(at, tick=False):
        scheduled = JobFactory(published_at=at + datetime.timedelta(minutes=5))
        assertNotContains(client.get("/offres/"), scheduled.get_absolute_url())
        assert client.get("/offres/")[page_cache.HEADER] == "hit"

    with time_machine.travel(at + datetime.timedelta(minutes=5, seconds=1), tick=False):
        assertContains(client.get("/offres/"), scheduled.get_absolute_url())


def test_logged_in_users_never_get_or_fill_cached_pages(client, admin_client, jobs):
    client.get("/offres/")
    assert client.get("/offres/")[page_cache.HEADER] == "hit"
    # The editor's requests go past the cache: a cached public page is never what they see...
    assert page_cache.HEADER not in admin_client.get("/offres/")
    page_cache.bump_version()
    admin_client.get("/offres/")
    # ...and what they saw is never stored for the public.
    assert client.get("/offres/")[page_cache.HEADER] == "miss"


def test_the_admin_is_never_cached(admin_client):
    admin_client.get(reverse("admin:index"))
    assert page_cache.HEADER not in admin_client.get(reverse("admin:index"))


def test_a_response_that_sets_a_cookie_is_not_cached(rf, jobs):

    def view(request):
        response = HttpResponse("page")
        response.set_cookie("choix", "1")
        return response

    # /offres/ is a cached page; this stand-in for its view sets a cookie.
    middleware = page_cache.PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(rf.get("/offres/"))
        assert response[page_cache.HEADER] == "miss"


def test_a_visitor_with_a_messages_cookie_is_not_served_from_the_cache(client, jobs):
    client.get("/offres/")
    client.cookies["messages"] = "anything"
    assert page_cache.HEADER not in client.get("/offres/")


def test_without_a_working_cache_pages_are_rendered_every_time(client, jobs, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assertContains(client.get("/offres/"), jobs[0].get_absolute_url())
    assert page_cache.HEADER not in client.get("/offres/")


def test_a_failing_cache_never_breaks_a_page(client, jobs, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ["get", "set", "add", "incr"]:
        monkeypatch.setattr(cache, name, broken)
    assertContains(client.get("/offres/"), jobs[0].get_absolute_url())
    jobs[0].save()  # Bumping the version fails quietly too.


def test_made_up_long_paths_do_not_fill_the_workers_memory(client):
    before = page_cache._resolves_to_cached_view.cache_info().currsize
    for n in range(5):
        assert client.get(f"/offres/{'x' * 300}{n}/").status_code == 404
    assert page_cache._resolves_to_cached_view.cache_info().currsize == before
