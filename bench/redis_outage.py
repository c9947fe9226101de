"""The time of a page while Redis is down, for our cache backend and for a library's.

    .venv/bin/python bench/redis_outage.py [ours] [django-cache]

What tests/site/test_outages.py asserts, measured without touching this machine's Redis: a Redis of
its own (redis-server on a free port, stopped and restarted here), a SQLite database of its own
(the demo content and 30 offers), gunicorn with 2 workers as in production. For each set-up
(`ours`: the production settings; `django-cache`: Django's cache middleware instead of the page
cache, bench/library_settings.py), two outages:

- stopped: Redis shut down (connections refused), as in tests/site/test_outages.py;
- frozen: Redis sent SIGSTOP (connections accepted by the kernel, never answered): what the
  0.5 s socket timeouts are for.

Each page is read 3 times during the outage (under a query string never seen before, so that no
worker holds a copy of it), then /healthz; then Redis comes back and the time until /healthz
answers 200 again is measured. Prints a table and writes bench/results/outage-<timestamp>.json.
"""

import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from bench.run import RESULTS, Gunicorn, log, manage, production_env  # noqa: E402
from tests.servers import free_port, port_open, wait_until  # noqa: E402

PAGES = ["/", "/offres/", "/offres/?q=officier"]
READS = 3
SETUPS = {"ours": {}, "django-cache": {"BENCH_LIBRARY": "django-cache-middleware"}}


class Redis:
    """A redis-server of our own, on a free port, with nothing saved to disk."""

    def __init__(self, workdir):
        self.port = free_port()
        self.workdir = Path(workdir)
        self.pidfile = self.workdir / f"redis-{self.port}.pid"

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def pid(self):
        return int(self.pidfile.read_text().strip())

    def start(self):
        subprocess.run(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--daemonize", "yes"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)]
            + ["--pidfile", str(self.pidfile)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        assert wait_until(lambda: port_open(self.port), 10), "redis-server did not start"
        assert wait_until(self.pidfile.exists, 10), "redis-server wrote no pid file"

    def stop(self):
        if not self.pidfile.exists():
            return
        pid = self.pid
        try:
            os.kill(pid, signal.SIGCONT)
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        wait_until(lambda: not port_open(self.port), 10)
        self.pidfile.unlink(missing_ok=True)

    def freeze(self):
        os.kill(self.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.pid, signal.SIGCONT)


def get(port, path, timeout=60):
    """(status, milliseconds); status 0 when nothing came back."""
    start = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, (time.monotonic() - start) * 1000
    except OSError:
        return 0, (time.monotonic() - start) * 1000
    finally:
        connection.close()


def fresh(path):
    return f"{path}{'&' if '?' in path else '?'}_={uuid.uuid4().hex}"


def outage(server, name, start_outage, end_outage):
    """Figures of one outage: each page's reads, /healthz, then the recovery."""
    for path in PAGES * 6:  # Every worker has served (and cached) every page before.
        get(server.port, path)
    start_outage()
    pages = {}
    for path in PAGES:
        reads = [get(server.port, path), *(get(server.port, fresh(path)) for _ in range(READS - 1))]
        pages[path] = {
            "statuses": [status for status, _ms in reads],
            "ms": [round(ms, 1) for _status, ms in reads],
        }
    healthz = get(server.port, "/healthz")
    end_outage()
    back = time.monotonic()
    recovered = wait_until(lambda: get(server.port, "/healthz")[0] == 200, 30, step=0.1)
    recovery = time.monotonic() - back
    after = {path: round(get(server.port, path)[1], 1) for path in PAGES}
    log(f"{name}: pages {pages}, /healthz {healthz}, recovery {recovery:.1f} s")
    return {
        "pages": pages,
        "healthz": {"status": healthz[0], "ms": round(healthz[1], 1)},
        "recovered": recovered,
        "recovery_s": round(recovery, 2),
        "after_ms": after,
    }


def measure(setup, env, workdir):
    redis = Redis(workdir)
    redis.start()
    extra = {"CACHE_URL": redis.url, **SETUPS[setup]}
    if setup != "ours":
        extra["DJANGO_SETTINGS_MODULE"] = "bench.library_settings"
    server = Gunicorn({**env, **extra, "DJANGO_LOG_LEVEL": "CRITICAL"}, workdir, setup)
    server.env["WEB_CONCURRENCY"] = "2"
    server.start()
    try:
        assert wait_until(lambda: get(server.port, "/healthz")[0] == 200, 30), "no /healthz"
        return {
            "stopped": outage(server, f"{setup} stopped", redis.stop, redis.start),
            "frozen": outage(server, f"{setup} frozen", redis.freeze, redis.thaw),
        }
    finally:
        server.stop()
        redis.stop()


def print_table(report):
    print()
    print(f"Redis outage, gunicorn 2 workers, {READS} reads of each page (the first one cached)")
    header = f"{'set-up':<13} {'outage':<8} {'page':<22} {'status':<12} {'ms (each read)':<28}"
    print(header + " median  /healthz  recovery")
    print("-" * (len(header) + 30))
    for setup, outages in report.items():
        for kind, figures in outages.items():
            for path, page in figures["pages"].items():
                ms = page["ms"]
                print(
                    f"{setup:<13} {kind:<8} {path:<22} {'/'.join(map(str, page['statuses'])):<12} "
                    f"{' '.join(f'{value:.0f}' for value in ms):<28} "
                    f"{statistics.median(ms):6.0f}  {figures['healthz']['status']:>8}  "
                    f"{figures['recovery_s']:6.1f} s"
                )
    print()


def main(setups):
    if not shutil.which("redis-server"):
        sys.exit("needs redis-server")
    workdir = tempfile.mkdtemp(prefix="ofpra-outage-")
    env = production_env(workdir, f"sqlite:///{workdir}/db.sqlite3")
    report = {}
    try:
        log("preparing a SQLite database (demo content, 30 offers)")
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_demo", "--resize-images", "--verbosity", "0")
        manage(env, "generate_offers", "--count", "30", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        for setup in setups:
            report[setup] = measure(setup, env, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print_table(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"outage-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2))
    log(f"figures written to {path.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    chosen = sys.argv[1:] or list(SETUPS)
    unknown = set(chosen) - set(SETUPS)
    if unknown:
        sys.exit(__doc__)
    main(chosen)
