"""Fixtures shared by the whole suite.

Browser fixtures (Playwright with Debian's Chromium) live in tests/browser/conftest.py.
"""

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploaded files go to a throw-away folder; {% static %} needs no manifest; hashing is fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


@pytest.fixture(scope="session", autouse=True)
def _process_cache():
    """The suite runs in one process: an in-process cache of its own.

    The default cache is a folder of files that every process started from this checkout with the
    same database shares (settings.py); two test runs at once would clear each other's pages. The
    tests of several processes (test_workers_freshness.py) start gunicorn on the default.
    """
    from django.test.utils import override_settings

    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts and ends with an empty cache: no test sees another's cached pages."""
    from django.core.cache import cache

    from core import page_cache

    # A version is a timestamp: under a pinned clock two tests could make the same one.
    page_cache.forget_worker_copies()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hr_client(client, django_user_model):
    """A member of the « RH » group the migrations create, with its rights and nothing more."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("agent.rh", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="RH"))
    client.force_login(user)
    return client


@pytest.fixture
def employer():
    """A profile with a part of every kind, as HR fill it in."""
    from tests.factories import (
        EmployerFactory,
        KeyFigureFactory,
        MissionFactory,
        PerkFactory,
        PhotoFactory,
        TestimonialFactory,
    )

    employer = EmployerFactory()
    MissionFactory(employer=employer, position=1, text="Instruire les demandes d'asile.")
    MissionFactory(employer=employer, position=2, text="Protéger les réfugiés et apatrides.")
    KeyFigureFactory(employer=employer, value="+1 000", label="Agents")
    PhotoFactory(employer=employer, caption="Hall d'accueil")
    TestimonialFactory(employer=employer)
    PerkFactory(employer=employer, title="Une riche offre de formation")
    return employer
