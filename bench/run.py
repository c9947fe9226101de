"""`make bench`: load-test the public pages on PostgreSQL with gunicorn as in production.

Steps: (re)create the PostgreSQL database `ofpra_bench`, migrate, load the demo, generate
BENCH_OFFERS synthetic offers (default 10,000), collectstatic; count each page's SQL queries and
HTML size with Django's test client; then, for two set-ups, start gunicorn (DEBUG off, several
workers, daemonised) and load each page with wrk, alternating pages, three rounds, median kept:

- cold: no cache at all (CACHE_URL=dummycache://): every request renders its page;
- cached: the production set-up (CACHE_URL=redis://..., the page cache of page_cache.py).

BENCH_MODES (default `cold,cached`) adds the library our page cache is compared with, in the same
run (bench/library_settings.py): `django-cache`, Django's cache middleware instead of
page_cache.py.

The baseline is a static file served by whitenoise with the list page's exact bytes, measured in
the same run: each page is reported as a ratio to it (p50 latency and throughput), since absolute
figures move by ±25 % from one run to the next on a shared machine. Also printed: each worker's
memory (RSS) after the run and how many requests the workers served.

Prints one table and writes the same figures to bench/results/<timestamp>.json. Only 127.0.0.1 is
loaded. Variables: BENCH_OFFERS, BENCH_DATABASE, BENCH_REUSE=1 (load an existing database
as it is), BENCH_DURATION (seconds per wrk run, default 5), BENCH_ROUNDS
(default 3), BENCH_WORKERS (gunicorn workers, default 4), BENCH_REDIS_URL
(default redis://127.0.0.1:6379/5, flushed first), BENCH_POSTGRES (default
postgres://postgres@127.0.0.1:5432).
"""

import datetime
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from tests.servers import free_port, port_open  # noqa: E402 (needs BASE_DIR on the path)

PYTHON = sys.executable
OFFERS = int(os.environ.get("BENCH_OFFERS", "10000"))
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
DATABASE = os.environ.get("BENCH_DATABASE", "ofpra_bench")
# Each set-up loaded: the production ones, and the libraries compared with our own code.
LIBRARIES = {"django-cache": "django-cache-middleware"}
MODES = os.environ.get("BENCH_MODES", "cold,cached").split(",")
# BENCH_REUSE=1: load an already filled, migrated database (e.g. 100,000 offers made once).
REUSE = os.environ.get("BENCH_REUSE") == "1"
BASELINE = "bench/baseline.html"
RESULTS = BASE_DIR / "bench" / "results"
# Candidate words for the text search: the one matching closest to this many open offers is used.
SEARCH_WORDS = [
    "juriste",
    "asile",
    "comptable",
    "archives",
    "paie",
    "marches",
    "communication",
    "immobilier",
    "formation",
    "veille",
    "budget",
    "recrutement",
    "accueil",
    "informatique",
    "protection",
]
SEARCH_TARGET = 300

# What the Django side prints: the URLs to load, their SQL queries and HTML sizes (cache off).
PROBE = """
import json, django
django.setup()
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from jobs.models import Domain, Job

open_offers = Job.objects.open()
counts = {word: open_offers.search(word).count() for word in WORDS}
word = min(counts, key=lambda word: abs(counts[word] - TARGET))
domain = (
    Domain.objects.annotate(n=Count("jobs", filter=Q(jobs__in=open_offers.filter(category="A"))))
    .order_by("-n")
    .first()
)
offer = open_offers.order_by("-published_at", "-pk")[5]
urls = {
    "home": "/",
    "list": "/offres/",
    "filtered list": f"/offres/?domaine={domain.slug}&categorie=A",
    "search": f"/offres/?q={word}",
    "offer": offer.get_absolute_url(),
    "rss": "/offres/rss.xml",
}
client = Client()
pages = {}
for name, url in urls.items():
    client.get(url)  # Imports and template loading are not what is counted.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    pages[name] = {"url": url, "queries": len(queries), "html_bytes": len(response.content)}
print(json.dumps({
    "pages": pages,
    "offers": Job.objects.count(),
    "open_offers": open_offers.count(),
    "search_word": word,
    "search_matches": counts[word],
    "list_html": client.get("/offres/").content.decode(),
}))
"""


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: installing the Debian package")
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "wrk"], check=True)
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: apt-get install -y wrk")


def recreate_database():
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


class Gunicorn:
    """gunicorn as in production (gunicorn.conf.py), daemonised, stopped by `stop()`."""

    def __init__(self, env, workdir, name):
        self.port = free_port()
        self.pidfile = Path(workdir) / f"gunicorn-{name}.pid"
        self.env = {
            **env,
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
            "WEB_CONCURRENCY": str(WORKERS),
            "GUNICORN_ACCESSLOG": os.devnull,
            # No recycling: the memory figure is that of workers that served every request.
            "GUNICORN_MAX_REQUESTS": "0",
        }

    def start(self):
        subprocess.run(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "ofpra_careers.wsgi",
                "-c",
                "gunicorn.conf.py",
                "--daemon",
                "--pid",
                str(self.pidfile),
                "--error-logfile",
                str(self.pidfile.with_suffix(".log")),
                # Its own control socket: the default path is shared by every gunicorn of the
                # machine.
                "--control-socket",
                str(self.pidfile.with_suffix(".ctl")),
            ],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
        )
        for _ in range(100):
            if self.pidfile.exists() and port_open(self.port):
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: see {self.pidfile.with_suffix('.log')}")

    @property
    def pid(self):
        try:
            return int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None

    def worker_rss_mb(self):
        output = subprocess.run(
            ["ps", "-o", "rss=", "--ppid", str(self.pid)], capture_output=True, text=True
        ).stdout
        return [round(int(kb) / 1024, 1) for kb in output.split()]

    def stop(self):
        pid = self.pid
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)


def wrk(port, path):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c16",
            f"-d{DURATION}s",
            "--timeout",
            "10s",
            "-s",
            str(BASE_DIR / "bench" / "report.lua"),
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=DURATION + 60,
    )
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed on {path}: {result.stdout} {result.stderr}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(
        figures[key]
        for key in ["connect_errors", "read_errors", "write_errors", "timeouts", "non_2xx_3xx"]
    )
    return figures


def settle(port, path):
    """Wait until the server has answered what the previous run left queued.

    wrk stops after its duration but the requests already accepted are still served: a slow page
    (seconds each at 16 connections) would otherwise eat into the next page's run. One request
    queued behind them returns once they are done.
    """
    subprocess.run(
        ["curl", "-s", "-o", os.devnull, "--max-time", "120", f"http://127.0.0.1:{port}{path}"],
        check=False,
    )


def run_mode(name, env, workdir, targets):
    server = Gunicorn(env, workdir, name)
    log(f"{name}: gunicorn on 127.0.0.1:{server.port} with {WORKERS} workers")
    server.start()
    try:
        for path in targets.values():
            subprocess.run(
                ["curl", "-s", "-o", os.devnull, f"http://127.0.0.1:{server.port}{path}"],
                check=False,
            )
        runs = {target: [] for target in targets}
        for round_number in range(1, ROUNDS + 1):
            for target, path in targets.items():
                settle(server.port, path)
                figures = wrk(server.port, path)
                runs[target].append(figures)
                log(
                    f"{name} round {round_number} {target:<14} {figures['rps']:8.0f} req/s "
                    f"p50 {figures['p50_us'] / 1000:7.1f} ms"
                )
        total = sum(figures["requests"] for results in runs.values() for figures in results)
        rss = server.worker_rss_mb()
    finally:
        server.stop()
    medians = {
        target: {
            "rps": statistics.median(run["rps"] for run in results),
            "p50_ms": statistics.median(run["p50_us"] for run in results) / 1000,
            "p99_ms": statistics.median(run["p99_us"] for run in results) / 1000,
            "errors": sum(run["errors"] for run in results),
            "requests": sum(run["requests"] for run in results),
        }
        for target, results in runs.items()
    }
    static = medians["static"]
    for figures in medians.values():
        # A baseline that answered nothing (a service stopped mid-run) gives no ratio.
        figures["p50_vs_static"] = figures["p50_ms"] / (static["p50_ms"] or float("nan"))
        figures["rps_vs_static"] = figures["rps"] / (static["rps"] or float("nan"))
    return {
        "pages": medians,
        "workers_rss_mb": rss,
        "requests_served": total,
        "requests_per_worker": total // max(len(rss), 1),
    }


def print_table(report):
    pages = report["probe"]["pages"]
    print()
    print(
        f"make bench: {report['probe']['offers']:,} offers "
        f"({report['probe']['open_offers']:,} open), PostgreSQL, gunicorn {WORKERS} workers, "
        f"wrk -t2 -c16 -d{DURATION}s, median of {ROUNDS}; search word "
        f"« {report['probe']['search_word']} » ({report['probe']['search_matches']} offers)"
    )
    header = (
        f"{'mode':<12} {'page':<14} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
        f"{'p50/static':>10} {'req/s/static':>12} {'queries':>7} {'HTML KB':>8}"
    )
    print(header)
    print("-" * len(header))
    for mode in report["modes"]:
        for target, figures in report[mode]["pages"].items():
            page = pages.get(target, {})
            html = page.get("html_bytes", report["baseline_bytes"]) / 1024
            queries = page.get("queries", 0) if mode == "cold" else "-"
            print(
                f"{mode:<12} {target:<14} {figures['rps']:8.0f} {figures['p50_ms']:8.1f} "
                f"{figures['p99_ms']:8.1f} {figures['errors']:6d} "
                f"{figures['p50_vs_static']:9.1f}x {figures['rps_vs_static']:11.0%} "
                f"{queries!s:>7} {html:8.1f}"
            )
        print(
            f"{mode:<12} worker RSS after {report[mode]['requests_served']:,} requests "
            f"(~{report[mode]['requests_per_worker']:,} per worker): "
            f"{', '.join(f'{mb} MB' for mb in report[mode]['workers_rss_mb'])}"
        )
    print()


def production_env(workdir, database_url):
    """The environment of a server run as in production (DEBUG off), with its static and media
    files in `workdir` and the cache off; `make lighthouse` uses it too."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_STATIC_ROOT": f"{workdir}/static",
        "DJANGO_MEDIA_ROOT": f"{workdir}/media",
        "DJANGO_LOG_LEVEL": "ERROR",
        "CACHE_URL": "dummycache://",
    }


def mode_env(mode, env):
    """The environment of the server for one set-up (see MODES)."""
    if mode == "cold":
        return env
    if mode == "cached":
        return {**env, "CACHE_URL": REDIS_URL}
    if mode not in LIBRARIES:
        sys.exit(f"BENCH_MODES: unknown mode {mode!r} (cold, cached, {', '.join(LIBRARIES)})")
    return {
        **env,
        "CACHE_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "bench.library_settings",
        "BENCH_LIBRARY": LIBRARIES[mode],
    }


def main():
    ensure_wrk()
    for port, service in [(5432, "PostgreSQL"), (6379, "Redis")]:
        if not port_open(port):
            sys.exit(f"make bench needs {service} on 127.0.0.1:{port} (see .ci/run)")
    started = time.monotonic()
    workdir = tempfile.mkdtemp(prefix="ofpra-bench-")
    env = production_env(workdir, f"{POSTGRES}/{DATABASE}")
    try:
        if REUSE:
            log(f"reusing the PostgreSQL database {DATABASE}")
        else:
            log(f"recreating the PostgreSQL database {DATABASE}")
            recreate_database()
            manage(env, "migrate", "--noinput", "--verbosity", "0")
            manage(env, "load_demo", "--verbosity", "0")
            log(f"generating {OFFERS:,} offers")
            manage(
                env, "generate_offers", "--count", str(OFFERS), "--seed", "1", "--verbosity", "0"
            )
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        log("counting queries and HTML sizes (cache off)")
        probe_code = PROBE.replace("WORDS", repr(SEARCH_WORDS)).replace(
            "TARGET", str(SEARCH_TARGET)
        )
        output = subprocess.run(
            [PYTHON, "-c", probe_code],
            cwd=BASE_DIR,
            env={**env, "DJANGO_SETTINGS_MODULE": "ofpra_careers.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        probe = json.loads(output.strip().splitlines()[-1])
        # The baseline: the list page's exact bytes, as a static file whitenoise serves.
        list_html = probe.pop("list_html").encode()
        baseline = Path(env["DJANGO_STATIC_ROOT"]) / BASELINE
        baseline.parent.mkdir(parents=True, exist_ok=True)
        baseline.write_bytes(list_html)
        targets = {"static": f"/static/{BASELINE}"}
        targets.update({name: page["url"] for name, page in probe["pages"].items()})

        import redis

        report = {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "offers_generated": OFFERS,
            "workers": WORKERS,
            "wrk": f"-t2 -c16 -d{DURATION}s",
            "rounds": ROUNDS,
            "baseline_bytes": len(list_html),
            "probe": probe,
            "modes": MODES,
        }
        for mode in MODES:
            # Each set-up starts from an empty cache, whatever the one before left.
            redis.Redis.from_url(REDIS_URL).flushdb()
            report[mode] = run_mode(mode, mode_env(mode, env), workdir, targets)
        report["seconds"] = round(time.monotonic() - started)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print_table(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-{OFFERS}.json"
    path.write_text(json.dumps(report, indent=2))
    log(f"figures written to {path.relative_to(BASE_DIR)} ({report['seconds']} s)")


if __name__ == "__main__":
    main()
