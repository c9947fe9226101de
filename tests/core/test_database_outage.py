"""While the database is unreachable, public pages answer the DSFR 503 page, never a traceback.

These tests simulate the failure (OperationalError); tests/site/test_outages.py stops the real
PostgreSQL and Redis under a real gunicorn.
"""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory
from django_redis.cache import RedisCache
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from core.cache import REDIS_OPTIONS
from core.middleware import RETRY_AFTER_SECONDS
from core.views import server_error
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

DOWN = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@pytest.fixture(autouse=True)
def _empty_page_cache():
    # A page cached by an earlier test would hide the failure under test.
    cache.clear()
    yield
    cache.clear()


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assertContains(response, "<h1>Service momentanément indisponible</h1>", status_code=503)
    assertContains(response, "Erreur 503", status_code=503)
    assertContains(response, "recrutement@ofpra.gouv.fr", status_code=503)
    assertNotContains(response, "Traceback", status_code=503)
    assertNotContains(response, "OperationalError", status_code=503)
    assertNotContains(response, "5432", status_code=503)


def test_home_page_answers_503_while_the_database_is_down(client):
    with mock.patch("pages.views.HomeView.get_context_data", side_effect=DOWN):
        response = client.get("/")

    assert_outage_page(response)
    assertTemplateUsed(response, "503.html")


def test_offer_list_answers_503_while_the_database_is_down(client):
    with mock.patch("jobs.views.filter_open_offers", side_effect=DOWN):
        response = client.get("/offres/", {"q": "juriste"})

    assert_outage_page(response)


def test_offer_page_answers_503_when_the_connection_was_lost(client):
    job = JobFactory()
    lost = InterfaceError("connection already closed")
    with mock.patch("jobs.views.similar_offers", side_effect=lost):
        response = client.get(job.get_absolute_url())

    assert_outage_page(response)


def test_outage_page_offers_to_retry_the_same_address(client):
    with mock.patch("jobs.views.filter_open_offers", side_effect=DOWN):
        response = client.get("/offres/", {"categorie": "A"})

    assertContains(response, 'href="/offres/?categorie=A">Réessayer</a>', status_code=503)


def test_failure_outside_a_view_also_gives_the_outage_page():
    """A session read in a middleware reaches the 500 handler, which hands over to the 503 page."""
    request = RequestFactory().get("/offres/")
    try:
        raise DOWN
    except OperationalError:
        response = server_error(request)

    assert response.status_code == 503
    assert "Service momentanément indisponible" in response.content.decode()


def test_other_errors_still_give_the_500_page():
    request = RequestFactory().get("/offres/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()


def test_the_site_recovers_on_the_next_request_once_the_database_is_back(client):
    with mock.patch("jobs.views.filter_open_offers", side_effect=DOWN):
        assert client.get("/offres/").status_code == 503

    assert client.get("/offres/").status_code == 200


def test_pages_are_served_uncached_while_redis_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # Nothing listens there.
            "OPTIONS": REDIS_OPTIONS,
        }
    }
    job = JobFactory(title="Juriste en droit des réfugiés")

    assert client.get("/").status_code == 200
    assertContains(client.get("/offres/"), "Juriste en droit des réfugiés")
    assert client.get(job.get_absolute_url()).status_code == 200


def test_tolerant_redis_cache_turns_a_refused_connection_into_misses():
    # The set-up settings gives a redis:// CACHE_URL (core/cache.py).
    unreachable = RedisCache("redis://127.0.0.1:9/0", {"OPTIONS": REDIS_OPTIONS})

    assert unreachable.get("key", "default") == "default"
    assert unreachable.get_many(["a", "b"]) == {}
    assert unreachable.set("key", "value") is None
    assert not unreachable.add("key", "value")
    assert unreachable.get_or_set("key", "computed") == "computed"
    assert not unreachable.delete("key")
    assert not unreachable.incr("counter")


def test_postgresql_connections_give_up_after_a_few_seconds():
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("connect_timeout applies to PostgreSQL only")
    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] <= 5
