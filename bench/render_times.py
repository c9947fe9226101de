"""How long the offer page and the feeds take to render, in-process, with no page cache.

    .venv/bin/python bench/render_times.py

A throw-away SQLite database (or RENDER_DATABASE_URL) gets the demo (load_demo) and
RENDER_OFFERS synthetic offers (default 200, so that a feed holds its 50 items); then each demo
offer page and the RSS and Atom feeds are requested RENDER_ROUNDS times (default 200) with
Django's test client, and the median and 90th percentile are printed, in milliseconds of CPU time
(the process's, database included: SQLite runs in it), which other load on the machine moves far
less than wall-clock time.

Offers store their texts' HTML (Job.prepare()): a page renders no Markdown. Run on a checkout of
an older commit (RENDER_BASE_DIR=that folder), the script also measures the in-process Markdown
memo those kept (jobs/rich_text.py): « cold » clears it before each request, as a worker found it
after an edit or once the memo had moved on; « warm » had rendered the same texts just before.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(os.environ.get("RENDER_BASE_DIR", Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(BASE_DIR))
os.chdir(BASE_DIR)
OFFERS = int(os.environ.get("RENDER_OFFERS", "200"))
ROUNDS = int(os.environ.get("RENDER_ROUNDS", "200"))
_folder = tempfile.mkdtemp(prefix="render-times-")
os.environ["DATABASE_URL"] = os.environ.get(
    "RENDER_DATABASE_URL", f"sqlite:///{_folder}/render.sqlite3"
)
os.environ["CACHE_URL"] = "dummycache://"  # Every request renders its page.
os.environ["DJANGO_MEDIA_ROOT"] = f"{_folder}/media"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ofpra_careers.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "render-times-only")

import django  # noqa: E402 (the environment above comes first)

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from jobs import rich_text  # noqa: E402
from jobs.management.demo import demo_references  # noqa: E402
from jobs.models import Job  # noqa: E402

MEMOS = [
    memo for memo in (getattr(rich_text, name, None) for name in ("_render", "_plain")) if memo
]


def timings(client, url, clear_memos):
    client.get(url)  # Templates compiled, connections open.
    times = []
    for _round in range(ROUNDS):
        if clear_memos:
            for memo in MEMOS:
                memo.cache_clear()
        started = time.process_time()
        response = client.get(url)
        times.append((time.process_time() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)]


def main():
    settings.ALLOWED_HOSTS = ["testserver"]
    # {% static %} without collectstatic's manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("generate_offers", count=OFFERS, seed=1, verbosity=0)
    client = Client()
    pages = {
        f"offer {job.reference}": job.get_absolute_url()
        for job in Job.objects.filter(reference__in=demo_references()).order_by("reference")
    }
    pages["rss (50 items)"] = reverse("jobs:rss")
    pages["atom (50 items)"] = reverse("jobs:atom")
    modes = [("cold", True), ("warm", False)] if MEMOS else [("-", False)]
    print(f"{Job.objects.count():,} offers, {ROUNDS} requests per page, median / p90 in ms of CPU")
    for mode, clear in modes:
        for name, url in pages.items():
            median, p90 = timings(client, url, clear)
            print(f"{mode:<5} {name:<22} {median:7.2f} {p90:7.2f}")


if __name__ == "__main__":
    main()
