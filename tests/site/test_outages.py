"""Real outages: stop this machine's PostgreSQL, then its Redis, under a running gunicorn.

Runs only with RUN_OUTAGE_TESTS=1 (`.ci/run` does, in its own step after the PostgreSQL suite):
it stops and restarts the real services, which every other test run on the machine shares. Each
outage lasts a few seconds and the service is always restarted (`finally`).

What it checks, and prints with the measured times:
1. PostgreSQL stopped: pages that are not in the page cache answer the DSFR 503 page within a few
   seconds, /healthz answers 503; once PostgreSQL is started again the same gunicorn (no restart)
   answers 200 again.
2. Redis stopped: pages still answer 200 (uncached), /healthz says the cache is unavailable; once
   Redis is started again, /healthz answers 200.
"""

import http.client
import json
import os
import secrets
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.servers import free_port, port_open, require_services, wait_until

pytestmark = [
    pytest.mark.outage,
    pytest.mark.skipif(
        os.environ.get("RUN_OUTAGE_TESTS") != "1",
        reason="stops the machine's PostgreSQL and Redis: set RUN_OUTAGE_TESTS=1 to run it",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "ofpra_outage"
REDIS_URL = "redis://127.0.0.1:6379/7"
# A visitor must not wait longer than this for the outage page.
MAX_OUTAGE_ANSWER_SECONDS = 5
MAX_RECOVERY_SECONDS = 20


def postgres_version():
    return sorted(os.listdir("/etc/postgresql"))[-1]


def stop_postgresql():
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", postgres_version(), "main", "stop"]
        + ["-m", "fast"],
        check=True,
        timeout=60,
    )


def start_postgresql():
    if not port_open(5432):
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", postgres_version(), "main", "start"],
            check=True,
            timeout=60,
        )
    assert wait_until(lambda: port_open(5432), 30), "PostgreSQL did not come back"


def redis_config(name):
    """A setting of the running Redis, to start it again as it was (`CONFIG GET` answers two lines)."""
    lines = subprocess.run(
        ["redis-cli", "config", "get", name], capture_output=True, text=True, timeout=10
    ).stdout.splitlines()
    return lines[1] if len(lines) > 1 else ""


REDIS_CONFIG = {}


def stop_redis():
    # Restarted with the same data folder and persistence: never a dump.rdb in the working tree.
    REDIS_CONFIG.update(dir=redis_config("dir") or "/tmp", save=redis_config("save"))
    subprocess.run(["redis-cli", "shutdown", "nosave"], check=False, timeout=30)
    assert wait_until(lambda: not port_open(6379), 10), "Redis did not stop"


def start_redis():
    if not port_open(6379):
        subprocess.run(
            ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379"]
            + ["--dir", REDIS_CONFIG.get("dir", "/tmp"), "--save", REDIS_CONFIG.get("save", "")],
            check=True,
            timeout=30,
        )
    assert wait_until(lambda: port_open(6379), 30), "Redis did not come back"


class Site:
    """A gunicorn serving the site against PostgreSQL and Redis, on a free loopback port."""

    def __init__(self, workdir):
        self.port = free_port()
        self.workdir = workdir
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"{POSTGRES_SERVER}/{DATABASE}",
            "DATABASE_CONNECT_TIMEOUT": "3",
            "CACHE_URL": REDIS_URL,
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_LOG_LEVEL": "CRITICAL",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": "2",
        }
        self.process = None

    def manage(self, *args):
        subprocess.run(
            [PYTHON, "manage.py", *args, "--verbosity", "0"],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=300,
        )

    def prepare(self):
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
        self.manage("migrate", "--noinput")
        self.manage("load_demo", "--resize-images")
        self.manage("generate_offers", "--count", "30")
        self.manage("collectstatic", "--noinput")

    def start(self):
        self.process = subprocess.Popen(
            [GUNICORN, "ofpra_careers.wsgi", "-c", "gunicorn.conf.py"]
            + ["--access-logfile", "/dev/null", "--error-logfile", str(self.workdir / "log")],
            cwd=ROOT,
            env=self.env,
        )
        assert wait_until(lambda: self.get("/healthz")[0] == 200, 30, step=0.3), (
            "gunicorn did not answer /healthz"
        )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def get(self, path, timeout=15):
        """(status, seconds, body, headers); status 0 when nothing came back."""
        start = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
            return response.status, time.monotonic() - start, body, dict(response.getheaders())
        except OSError:
            return 0, time.monotonic() - start, "", {}
        finally:
            connection.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_services(PostgreSQL=5432, Redis=6379)
    if not shutil.which("pg_ctlcluster") or not shutil.which("redis-server"):
        pytest.skip("needs pg_ctlcluster and redis-server to stop and start the services")
    site = Site(tmp_path_factory.mktemp("outage"))
    site.prepare()
    site.start()
    yield site
    site.stop()


def report(capsys, title, rows):
    """Print the measured answers, past pytest's capture: they are the figures of the run."""
    with capsys.disabled():
        print(f"\n{title}")
        for path, status, seconds, note in rows:
            print(f"  {status}  {seconds * 1000:7.1f} ms  {path}  {note}")


def uncached(path):
    """The same page, under a query string that no visitor sent before (so not in the cache)."""
    return f"{path}{'&' if '?' in path else '?'}_={uuid.uuid4().hex}"


def test_postgresql_outage_gives_503_pages_then_the_site_recovers_without_restart(site, capsys):
    status, _seconds, sitemap, _headers = site.get("/sitemap-offres.xml")
    assert status == 200
    offer_path = urlparse(sitemap.split("<loc>")[1].split("</loc>")[0]).path
    pages = ["/", "/offres/", "/offres/?q=juriste", offer_path]
    for path in pages:
        assert site.get(path)[0] == 200, path
    rows = []
    try:
        stop_postgresql()
        outage_started = time.monotonic()
        for path in [*map(uncached, pages), "/healthz"]:
            status, seconds, body, headers = site.get(path)
            rows.append((path, status, seconds, "PostgreSQL down"))
            assert status == 503, (path, status)
            assert seconds < MAX_OUTAGE_ANSWER_SECONDS, (path, seconds)
            if path == "/healthz":
                assert json.loads(body) == {"database": "unavailable", "cache": "ok"}
            else:
                assert "Service momentanément indisponible" in body
                assert headers.get("Retry-After") == "30"
                assert "Traceback" not in body
        for path in pages:  # Pages already in the cache: served from it, or the 503 page.
            status, seconds, _body, headers = site.get(path)
            rows.append((path, status, seconds, f"PostgreSQL down, {headers.get('X-Page-Cache')}"))
            assert status in (200, 503)
    finally:
        start_postgresql()
    down_seconds = time.monotonic() - outage_started
    back = time.monotonic()
    assert wait_until(lambda: site.get(uncached("/offres/"))[0] == 200, MAX_RECOVERY_SECONDS), (
        "the site did not recover after PostgreSQL came back"
    )
    recovery = time.monotonic() - back
    rows.append(("(recovery after restart)", 200, recovery, "same gunicorn, no restart"))
    for path in [*map(uncached, pages), "/healthz"]:
        status, seconds, _body, _headers = site.get(path)
        rows.append((path, status, seconds, "PostgreSQL back"))
        assert status == 200, path
    report(capsys, f"PostgreSQL outage ({down_seconds:.1f} s down):", rows)


def test_redis_outage_serves_pages_uncached(site, capsys):
    pages = ["/", "/offres/", "/offres/?q=officier"]
    rows = []
    # A site in service has served its pages before the outage: each worker's first page (templates
    # compiled, image copies checked) is not what this test measures. Enough requests for both
    # workers to have served each page.
    for path in pages * 6:
        site.get(path)
    try:
        stop_redis()
        outage_started = time.monotonic()
        for path in [*pages, *map(uncached, pages)]:
            status, seconds, _body, _headers = site.get(path)
            rows.append((path, status, seconds, "Redis down"))
            assert status == 200, path
            assert seconds < MAX_OUTAGE_ANSWER_SECONDS, (path, seconds)
        status, seconds, body, _headers = site.get("/healthz")
        rows.append(("/healthz", status, seconds, "Redis down"))
        assert status == 503
        assert json.loads(body) == {"database": "ok", "cache": "unavailable"}
    finally:
        start_redis()
    down_seconds = time.monotonic() - outage_started
    assert wait_until(lambda: site.get("/healthz")[0] == 200, MAX_RECOVERY_SECONDS)
    for path in ["/healthz", *pages]:
        status, seconds, _body, _headers = site.get(path)
        rows.append((path, status, seconds, "Redis back"))
        assert status == 200, path
    report(capsys, f"Redis outage ({down_seconds:.1f} s down):", rows)
