"""Every response carries the headers that make the browser enforce the site's security policy."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import clear_url_caches, reverse

from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
STRICT_DIRECTIVES = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def csp(response):
    """The Content-Security-Policy header as {directive: set of sources}."""
    header = response.headers["Content-Security-Policy"]
    policy = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        policy[name] = set(sources)
    return policy


def assert_common_headers(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]:
        assert feature in permissions


def assert_strict_scripts(policy):
    for directive, sources in STRICT_DIRECTIVES.items():
        assert policy[directive] == sources, directive
    # No inline code, no eval, no nonce (a nonce in a cached page would be replayed).
    for directive in ["default-src", "script-src"]:
        assert not {"'unsafe-inline'", "'unsafe-eval'"} & policy[directive]
        assert not any(source.startswith("'nonce-") for source in policy[directive])


def assert_public_policy(response):
    assert_common_headers(response)
    assert response.headers["X-Frame-Options"] == "DENY"
    policy = csp(response)
    assert_strict_scripts(policy)
    assert policy["style-src"] == {"'self'"}


@pytest.fixture
def offer():
    return JobFactory(title="Officier de protection instructeur")


def test_public_page_has_every_header(client):
    assert_public_policy(client.get(reverse("pages:legal_notice")))


def test_offer_page_has_every_header(client, offer):
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    assert_public_policy(response)


def test_list_feeds_and_robots_have_every_header(client, offer):
    assert_public_policy(client.get(reverse("jobs:list")))
    for url in [reverse("jobs:rss"), reverse("jobs:atom"), reverse("pages:robots")]:
        response = client.get(url)
        assert response.status_code == 200
        assert_common_headers(response)
        assert_strict_scripts(csp(response))


def test_not_found_page_has_every_header(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert_public_policy(response)


def test_admin_login_has_the_admin_policy(client, settings):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert_common_headers(response)
    assert response.headers["X-Frame-Options"] == "DENY"
    policy = csp(response)
    assert_strict_scripts(policy)
    assert policy["style-src"] == {"'self'"}  # Django 5.2's admin needs no inline style.
    # The admin's policy is its own setting.
    settings.ADMIN_CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "style-src": ["'none'"]}
    }
    assert csp(client.get(reverse("admin:login")))["style-src"] == {"'none'"}
    assert csp(client.get(reverse("pages:legal_notice")))["style-src"] == {"'self'"}


def test_admin_pages_of_a_logged_in_editor_have_the_admin_policy(admin_client):
    response = admin_client.get(reverse("admin:jobs_job_add"))
    assert response.status_code == 200
    assert_strict_scripts(csp(response))
    # Not cached by anyone: the admin's pages are personal.
    assert "Cache-Control" in response.headers


def test_static_files_have_the_headers_too(settings):
    # Tests have no collected static files: let WhiteNoise read the sources, for this client.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    assert_common_headers(response)
    assert_strict_scripts(csp(response))


def test_uploaded_media_have_the_headers_too(client, settings):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    (media / "essai.txt").write_text("bonjour")
    response = client.get("/media/essai.txt")
    assert response.status_code == 200
    assert_common_headers(response)
    # An uploaded file opened on its own cannot run scripts or be framed.
    assert_strict_scripts(csp(response))


def test_https_settings_come_from_the_environment(settings, client):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("pages:legal_notice"))
    assert response.status_code == 301
    assert response.url.startswith("https://")
    response = client.get(reverse("pages:legal_notice"), secure=True)
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def read_settings(names, **environ):
    """The values settings.py computes for `names` under the given environment variables."""
    code = (
        "import django; from django.conf import settings; django.setup(); "
        f"print([getattr(settings, name) for name in {names!r}])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ofpra_careers.settings",
        "DJANGO_SECRET_KEY": "x" * 50,
        **environ,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_values_are_read_from_the_environment():
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_AGE",
        "ADMIN_URL",
    ]
    assert read_settings(
        names,
        DJANGO_SECURE_HSTS_SECONDS="31536000",
        DJANGO_SECURE_SSL_REDIRECT="true",
        DJANGO_SESSION_COOKIE_SECURE="true",
        DJANGO_CSRF_COOKIE_SECURE="true",
        DJANGO_SESSION_COOKIE_AGE="3600",
        DJANGO_ADMIN_URL="gestion/",
    ) == str([31536000, True, True, True, 3600, "gestion/"])


def test_sessions_expire(settings, admin_client):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert admin_client.session.get_expire_at_browser_close()


@pytest.fixture
def moved_admin(settings):
    """The admin served under another path, as DJANGO_ADMIN_URL does."""
    import ofpra_careers.urls

    settings.ADMIN_URL = "gestion-interne-7f3a/"
    importlib.reload(ofpra_careers.urls)
    clear_url_caches()
    yield settings.ADMIN_URL
    settings.ADMIN_URL = "admin/"
    importlib.reload(ofpra_careers.urls)
    clear_url_caches()


def test_admin_url_moves_with_the_setting(client, moved_admin, settings):
    settings.ADMIN_CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"style-src": ["'none'"]}}
    assert reverse("admin:login") == f"/{moved_admin}login/"
    response = client.get(f"/{moved_admin}login/")
    assert response.status_code == 200
    assert csp(response)["style-src"] == {"'none'"}  # The admin's own policy follows it.
    assert client.get("/admin/login/").status_code == 404
