"""/healthz: 200 when the database and the cache answer, 503 (and which one) when one does not."""

from unittest import mock

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import OperationalError

from core.cache import REDIS_OPTIONS

pytestmark = pytest.mark.django_db


class FailingCache(LocMemCache):
    """A cache server that refuses every connection, as Django's RedisCache does when Redis is down."""

    def get(self, *args, **kwargs):
        raise ConnectionError("Connection refused")

    def set(self, *args, **kwargs):
        raise ConnectionError("Connection refused")


def test_healthz_answers_200_when_database_and_cache_work(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert response["Content-Type"] == "application/json"


def test_healthz_is_cheap_one_query_no_session_never_cached(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_healthz_answers_head_requests_and_refuses_post(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_answers_503_when_the_database_is_down(client):
    failing = mock.MagicMock()
    failing.cursor.side_effect = OperationalError("could not connect to server")
    with mock.patch("core.health.connection", failing):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}


def test_healthz_answers_503_when_the_cache_raises(client, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.core.test_healthz.FailingCache"}}

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_healthz_answers_503_when_a_tolerant_redis_cache_cannot_connect(client, settings):
    # Nothing listens on port 9: the tolerant backend swallows the error, healthz still sees it.
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": REDIS_OPTIONS,
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}
