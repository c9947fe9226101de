"""Two application servers, one PostgreSQL and one Redis: an edit saved in the admin of one server
shows at once on the other, although both serve their pages from the shared page cache.

Starts two real gunicorn instances on two ports against a database of its own. Runs with the
PostgreSQL suite (DATABASE_URL=postgres://..., as .ci/run's second run); skips when PostgreSQL or
Redis is not reachable on 127.0.0.1, except in CI (CI=true), where it fails.
"""

import os
import secrets
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.servers import Browser, FormReader, csrf_token, require_services, start_gunicorn

pytestmark = pytest.mark.multiserver

BASE_DIR = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("MULTISERVER_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "ofpra_multiserver"
REDIS_URL = os.environ.get("MULTISERVER_REDIS_URL", "redis://127.0.0.1:6379/6")
PASSWORD = secrets.token_urlsafe(16)


@pytest.fixture(scope="module")
def services():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # Once per CI run is enough: the PostgreSQL run (make test with DATABASE_URL) has it.
        pytest.skip("runs with the PostgreSQL suite (DATABASE_URL=postgres://...)")
    require_services(PostgreSQL=5432, Redis=6379)


@pytest.fixture(scope="module")
def environment(services, tmp_path_factory):
    import psycopg
    import redis

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    redis.Redis.from_url(REDIS_URL).flushdb()
    workdir = tmp_path_factory.mktemp("multiserver")
    env = {
        **os.environ,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "CACHE_URL": REDIS_URL,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        # DEBUG spares a collectstatic (the manifest); the page cache works the same way.
        "DJANGO_DEBUG": "true",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESSLOG": os.devnull,
    }
    manage = [sys.executable, "manage.py"]
    for command in [
        ["migrate", "--noinput", "--verbosity", "0"],
        ["generate_offers", "--count", "5", "--seed", "7", "--verbosity", "0"],
        ["createsuperuser", "--noinput", "--username", "editor", "--email", "rh@example.org"],
    ]:
        subprocess.run([*manage, *command], cwd=BASE_DIR, env=env, check=True)
    yield env, workdir
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


@pytest.fixture(scope="module")
def servers(environment):
    """Two gunicorn instances as in production, on two ports, with the same database and cache."""
    env, workdir = environment
    pidfiles, urls = [], []
    try:
        for name in ["a", "b"]:
            url, pidfile = start_gunicorn(env, workdir, name)
            pidfiles.append(pidfile)
            urls.append(url)
        yield urls
    finally:
        for pidfile in pidfiles:
            try:
                os.kill(int(pidfile.read_text()), signal.SIGTERM)
            except (OSError, ValueError):
                pass


def anonymous_get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers, response.read().decode()


def test_an_edit_in_the_admin_of_one_server_shows_at_once_on_the_other(servers, environment):
    import psycopg

    server_a, server_b = servers
    env, _workdir = environment
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        pk, reference = connection.execute(
            "SELECT id, reference FROM jobs_job WHERE state = 'publiee' AND published_at <= now() "
            "AND deadline >= current_date ORDER BY published_at DESC LIMIT 1"
        ).fetchone()
    offer = f"/offres/{reference}/"

    # Both servers have the list and the offer page in the shared cache.
    for server in servers:
        for path in ["/offres/", offer]:
            anonymous_get(server + path)
    headers, _html = anonymous_get(server_b + "/offres/")
    assert headers["X-Page-Cache"] == "hit"

    # An editor changes the offer's title in the admin of server A.
    editor = Browser()
    _headers, html = editor.get(server_a + "/admin/login/")
    landed, _html = editor.post(
        server_a + "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": csrf_token(html),
            "username": "editor",
            "password": PASSWORD,
            "next": "/admin/",
        },
    )
    assert "/login/" not in landed, "the editor could not log in"
    change_url = f"{server_a}/admin/jobs/job/{pk}/change/"
    _headers, html = editor.get(change_url)
    form = FormReader()
    form.feed(html)
    new_title = f"Juriste en droit d'asile {secrets.token_hex(3)}"
    fields = [[name, new_title if name == "title" else value] for name, value in form.fields]
    fields.append(["_save", "Enregistrer"])
    landed, html = editor.post(change_url, fields)
    assert landed.endswith("/admin/jobs/job/"), f"the admin refused the change: {html[:2000]}"

    # Server B shows it at the next request, on the list and on the offer page.
    for server in [server_b, server_a]:
        _headers, html = anonymous_get(server + "/offres/")
        assert new_title.replace("'", "&#x27;") in html
        _headers, html = anonymous_get(server + offer)
        assert new_title.replace("'", "&#x27;") in html
