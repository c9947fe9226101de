"""`make lighthouse`: Lighthouse (desktop preset) on the home page, the offer list and an offer.

The goal (issue 4): performance >= 0.95, accessibility, best practices and SEO all 1.

The site is served as in production, by the same helpers as `make bench` (bench/run.py): gunicorn
with gunicorn.conf.py, DEBUG off, static files collected into a temporary STATIC_ROOT and served
by whitenoise, on a free port of 127.0.0.1. Its database is a throwaway SQLite file holding the
demo content (migrate + load_demo), so PostgreSQL and Redis are not needed. The page cache is off
(dummycache): every page Lighthouse loads is rendered, the slowest case.

Prints one table (plus the failing audits of every category below its goal), writes the figures
to bench/results/lighthouse-<timestamp>.json and exits 1 if a goal is missed. Variables:
CHROME_PATH (default /usr/bin/chromium), LIGHTHOUSE (default node_modules/.bin/lighthouse).
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# bench/run.py owns the "serve it like production" helpers; this script only reuses them.
from run import BASE_DIR, PYTHON, RESULTS, Gunicorn, manage, production_env

CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE = os.environ.get("LIGHTHOUSE", str(BASE_DIR / "node_modules" / ".bin" / "lighthouse"))
# As root Chromium needs --no-sandbox; the networking flags stop it calling Google's services in
# the background while it is being timed (and this machine cannot reach them anyway).
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOALS = {"performance": 0.95, "accessibility": 1, "best-practices": 1, "seo": 1}

# The newest open offer of the demo: its URL comes from the database, never hard-coded.
OFFER_URL = """
import django
django.setup()
from jobs.models import Job
print(Job.objects.open().order_by("-published_at", "-pk").first().get_absolute_url())
"""


def log(message):
    print(f"[lighthouse {time.strftime('%H:%M:%S')}] {message}", flush=True)


def failing_audits(report, category):
    """The audits that cost the category points: weighted ones scoring under 1."""
    audits = report["audits"]
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            failing.append(
                {
                    "id": ref["id"],
                    "title": audit["title"],
                    "score": audit["score"],
                    "value": audit.get("displayValue", ""),
                    "items": culprits(audit),
                }
            )
    return failing


def culprits(audit):
    """What the audit blames, in a line each: an element's CSS selector and HTML, or a URL."""
    found = []
    for item in (audit.get("details") or {}).get("items", []):
        node = item.get("node") or {}
        if node.get("selector"):
            found.append(f"{node['selector']} {node.get('snippet', '')}")
        elif item.get("url"):
            found.append(str(item["url"]))
    return found


def lighthouse(url, output):
    subprocess.run(
        [
            LIGHTHOUSE,
            url,
            "--preset=desktop",
            f"--chrome-path={CHROME_PATH}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={output}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROME_PATH},
        check=True,
        timeout=180,
    )
    report = json.loads(Path(output).read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {report['runtimeError']}")
    page = {"url": url, "final_url": report["finalDisplayedUrl"], "scores": {}, "failing": {}}
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        page["scores"][category] = score
        if score is None or score < GOALS[category]:
            page["failing"][category] = failing_audits(report, category)
    return page


def print_table(pages):
    print()
    header = f"{'page':<7} {'path':<52} " + " ".join(f"{c:>14}" for c in CATEGORIES)
    print(header)
    print("-" * len(header))
    for name, page in pages.items():
        scores = " ".join(f"{page['scores'][c]!s:>14}" for c in CATEGORIES)
        print(f"{name:<7} {page['path']:<52} {scores}")
    print(f"{'goal':<7} {'':<52} " + " ".join(f"{'>= ' + str(GOALS[c]):>14}" for c in CATEGORIES))
    for name, page in pages.items():
        for category, audits in page["failing"].items():
            print(f"\n{name} {category} {page['scores'][category]}:")
            for audit in audits:
                print(
                    f"  {audit['id']}: {audit['title']} (score {audit['score']}) {audit['value']}"
                )
                for item in audit["items"][:10]:
                    print(f"    {item}")
    print()


def main():
    if not Path(LIGHTHOUSE).exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `make install` (npm ci)")
    if not Path(CHROME_PATH).exists():
        sys.exit(f"Chromium not found at {CHROME_PATH}: apt-get install -y chromium")
    started = time.monotonic()
    workdir = tempfile.mkdtemp(prefix="ofpra-lighthouse-")
    env = {
        **production_env(workdir, f"sqlite:///{workdir}/db.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "ofpra_careers.settings",
    }
    server = None
    try:
        log(f"demo database and static files in {workdir}")
        # --skip-checks: the one warning is SQLite ignoring a covering index, not news here.
        manage(env, "migrate", "--noinput", "--skip-checks", "--verbosity", "0")
        manage(env, "load_demo", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        offer = subprocess.run(
            [PYTHON, "-c", OFFER_URL], cwd=BASE_DIR, env=env, capture_output=True, text=True
        )
        if offer.returncode != 0:
            raise RuntimeError(f"no open offer found: {offer.stderr}")
        paths = {"home": "/", "list": "/offres/", "offer": offer.stdout.strip().splitlines()[-1]}
        server = Gunicorn(env, workdir, "lighthouse")
        # Two workers are enough for one browser, and spare the CPU Lighthouse measures with.
        server.env["WEB_CONCURRENCY"] = "2"
        server.start()
        log(f"gunicorn on 127.0.0.1:{server.port}")
        pages = {}
        # One run at a time: Lighthouse's timings need the CPU to themselves.
        for name, path in paths.items():
            log(f"{name}: {path}")
            url = f"http://127.0.0.1:{server.port}{path}"
            pages[name] = {"path": path, **lighthouse(url, Path(workdir) / f"{name}.json")}
    finally:
        if server:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print_table(pages)
    version = subprocess.run([LIGHTHOUSE, "--version"], capture_output=True, text=True).stdout
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "lighthouse": version.strip(),
        "preset": "desktop",
        "goals": GOALS,
        "pages": pages,
        "seconds": round(time.monotonic() - started),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"lighthouse-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2))
    log(f"figures written to {path.relative_to(BASE_DIR)} ({report['seconds']} s)")
    missed = [name for name, page in pages.items() if page["failing"]]
    if missed:
        sys.exit(f"goals missed on: {', '.join(missed)}")
    log("every goal met")


if __name__ == "__main__":
    main()
