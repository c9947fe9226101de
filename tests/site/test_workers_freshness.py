"""Every gunicorn worker shows an edit at the next request, in the set-up `make run` starts.

`make run` serves the site with several gunicorn workers and, unless CACHE_URL says otherwise, no
cache server. Unit tests run in one process and cannot see a worker that keeps serving its own
copy of a page: these tests start real gunicorn processes (3 workers, the default cache, a SQLite
database of their own, the demo content), make edits through the admin as an editor would, and
read the public pages as anonymous visitors (no cookie), 20 times each, counting stale answers.

The same scenario runs with Redis (CACHE_URL=redis://...), shared by the workers, and with
CACHE_URL=locmemcache://, a cache private to each worker: the page cache must then be off, never
stale.
"""

import collections
import os
import re
import secrets
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import Browser, FormReader, csrf_token, require_services, start_gunicorn

pytestmark = pytest.mark.gunicorn

BASE_DIR = Path(__file__).resolve().parents[2]
PASSWORD = secrets.token_urlsafe(16)
WORKERS = 3
REQUESTS = 20


def start_site(workdir, extra_env):
    """gunicorn as `make run` starts it (gunicorn.conf.py), on a database of its own."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("CACHE_URL", "DATABASE_URL", "PAGE_CACHE_SECONDS")
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            # DEBUG spares a collectstatic (the manifest); the page cache works the same way.
            "DJANGO_DEBUG": "true",
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_LOG_LEVEL": "ERROR",
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
            "WEB_CONCURRENCY": str(WORKERS),
            **extra_env,
        }
    )
    manage = [sys.executable, "manage.py"]
    for command in [
        ["migrate", "--noinput", "--verbosity", "0"],
        # As `make run` does: the first page must not make the image copies inside a request
        # (on a loaded machine that outlasts gunicorn's 30 s timeout).
        ["load_demo", "--resize-images"],
        ["createsuperuser", "--noinput", "--username", "editor", "--email", "rh@example.org"],
    ]:
        subprocess.run(
            [*manage, *command], cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL
        )
    accesslog = workdir / "access.log"
    # The worker's pid in each access log line: the figures say how many workers answered.
    url, pidfile = start_gunicorn(
        env,
        workdir,
        "gunicorn",
        ["--access-logfile", str(accesslog), "--access-logformat", "%(p)s %(s)s %(U)s"],
    )
    return url, pidfile, accesslog, env


# Redis as CACHE_URL=redis://... sets it (a database of its own, emptied first).
REDIS_URL = "redis://127.0.0.1:6379/5"
CACHE_URLS = {"default": None, "locmem": "locmemcache://", "redis": REDIS_URL}


@pytest.fixture(scope="module", params=list(CACHE_URLS))
def site(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"workers-{request.param}")
    cache_url = CACHE_URLS[request.param]
    if cache_url == REDIS_URL:
        require_services(Redis=6379)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    extra = {"CACHE_URL": cache_url} if cache_url else {}
    url, pidfile, accesslog, env = start_site(workdir, extra)
    try:
        yield collections.namedtuple("Site", "kind url accesslog env")(
            request.param, url, accesslog, env
        )
    finally:
        try:
            os.kill(int(pidfile.read_text()), signal.SIGTERM)
        except (OSError, ValueError):
            pass


def anonymous(url):
    """(status, X-Page-Cache, body) of a request without any cookie."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get("X-Page-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache"), error.read().decode()


def answers(site, path):
    return [anonymous(site.url + path) for _ in range(REQUESTS)]


class Editor(Browser):
    def __init__(self, site):
        super().__init__()
        self.site = site
        _headers, html = self.get(site.url + "/admin/login/")
        landed, _html = self.post(
            site.url + "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": csrf_token(html),
                "username": "editor",
                "password": PASSWORD,
                "next": "/admin/",
            },
        )
        assert "/login/" not in landed, "the editor could not log in"

    def change(self, path, changes):
        """Post the admin's change form at `path` with `changes` ({name or regex: value})."""
        url = self.site.url + path
        _headers, html = self.get(url)
        form = FormReader()
        form.feed(html)
        fields, changed = [], set()
        for name, value in form.fields:
            for pattern, new_value in changes.items():
                if re.fullmatch(pattern, name):
                    value = new_value
                    changed.add(pattern)
            fields.append([name, value])
        assert changed == set(changes), f"fields not found in the form: {set(changes) - changed}"
        fields.append(["_save", "Enregistrer"])
        landed, html = self.post(url, fields)
        assert "/change/" not in landed, f"the admin refused the change: {html[:3000]}"


def open_offer(site):
    """(pk, reference, public path) of the newest open offer, the one the home page shows first."""
    import sqlite3

    database = site.env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        pk, reference, slug = connection.execute(
            "SELECT id, reference, slug FROM jobs_job WHERE state = 'publiee' "
            "AND published_at <= datetime('now') AND deadline >= date('now') "
            "ORDER BY published_at DESC, id DESC LIMIT 1"
        ).fetchone()
        employer = connection.execute("SELECT id FROM employer_employer").fetchone()[0]
    return pk, reference, f"/offres/{reference}/{slug}/", employer


PAGES = ["/", "/offres/", "/offres/rss.xml", "/offres/atom.xml", "/sitemap-offres.xml"]


def stale_count(site, paths, fresh):
    """{path: how many of REQUESTS anonymous answers fail `fresh(path, status, body)`}, for the
    paths with any."""
    stale = collections.Counter()
    for path in paths:
        for status, _cache, body in answers(site, path):
            if not fresh(path, status, body):
                stale[path] += 1
    return dict(stale)


def workers_that_answered(site):
    return {line.split()[0] for line in site.accesslog.read_text().splitlines() if line.strip()}


def test_edits_show_at_the_next_request_on_every_worker(site):
    pk, reference, offer_path, employer = open_offer(site)
    assert reference in anonymous(site.url + "/")[2]
    # Every worker has every page (and the offer page) cached, or renders it: warmed 20 times.
    warm = [answer for path in [*PAGES, offer_path] for answer in answers(site, path)]
    assert all(status == 200 for status, _cache, _body in warm)
    hits = sum(cache == "hit" for _status, cache, _body in warm)
    if site.kind != "locmem":
        assert hits > 0, "the page cache never answered: this test would prove nothing"
    else:
        assert hits == 0, "a cache private to each worker must not serve pages"
    editor = Editor(site)
    figures = {}

    # 1. A title edit.
    marker = secrets.token_hex(3)
    new_title = f"Juriste en droit des étrangers {marker}"
    editor.change(f"/admin/jobs/job/{pk}/change/", {"title": new_title})
    # The sitemap names no title: the offer's new address (its slug) says the edit is there.
    offer_path = f"/offres/{reference}/juriste-en-droit-des-etrangers-{marker}/"
    figures["edit"] = stale_count(
        site,
        [*PAGES, offer_path],
        lambda path, status, body: (offer_path if "sitemap" in path else new_title) in body,
    )

    # 2. Back to draft: the page answers 404 and the offer leaves every list, feed and sitemap.
    editor.change(f"/admin/jobs/job/{pk}/change/", {"state": "brouillon"})
    figures["unpublish"] = stale_count(
        site,
        [*PAGES, offer_path],
        lambda path, status, body: (
            status == 404 if path == offer_path else status == 200 and reference not in body
        ),
    )

    # 3. Published again: it appears everywhere at once.
    editor.change(f"/admin/jobs/job/{pk}/change/", {"state": "publiee"})
    figures["publish"] = stale_count(
        site,
        [*PAGES, offer_path],
        lambda path, status, body: status == 200 and reference in body,
    )

    # 4. A key figure of the agency's profile.
    value = f"{secrets.randbelow(9000) + 1000}"
    editor.change(
        f"/admin/employer/employer/{employer}/change/", {r"key_?figures?[-_a-z]*-0-value": value}
    )
    figures["key figure"] = stale_count(
        site, ["/"], lambda path, status, body: status == 200 and value in body
    )

    workers = workers_that_answered(site)
    print(
        f"\n{site.kind} cache, {len(workers)} workers answered, {REQUESTS} anonymous requests "
        f"per page and change; stale answers: {figures}"
    )
    assert len(workers) >= 2, "only one worker answered: the test proves nothing about workers"
    assert figures == {"edit": {}, "unpublish": {}, "publish": {}, "key figure": {}}
