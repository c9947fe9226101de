"""The cost of a page served from the cache, for our code and for the libraries, in one process.

    DATABASE_URL=postgres://.../<db filled by make bench> CACHE_URL=redis://127.0.0.1:6379/9 \\
    .venv/bin/python bench/cache_hit.py

`make bench` loads each set-up minutes after the other, and its figures move by ±25 % from one
run to the next on a shared machine. Here every set-up serves the same cached pages through
Django's whole request handler (django.test.Client), in turns of TURN requests, alternating, so
that a busy machine slows them alike; the median turn is kept. Set-ups:

- ours: core.page_cache.PageCacheMiddleware on Redis (django-redis, as in production);
- django-cache: Django's cache middleware on the same cache (bench/library_settings.py).

(Commit f572af9 also measured our former Redis backend against django-redis: core/cache.py.)

Prints microseconds per hit for each page and set-up, and each set-up's time relative to ours.
BENCH_TURNS (default 15) and BENCH_TURN (default 300) set the work.
"""

import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ofpra_careers.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from bench.library_settings import django_cache_middleware  # noqa: E402
from core import page_cache  # noqa: E402
from jobs.models import Job  # noqa: E402

TURNS = int(os.environ.get("BENCH_TURNS", "15"))
TURN = int(os.environ.get("BENCH_TURN", "300"))
HEADER = page_cache.HEADER


def setups():
    if settings.CACHES["default"]["BACKEND"] != "django_redis.cache.RedisCache":
        sys.exit("CACHE_URL must name a Redis (redis://...)")
    found = {"ours": {}}
    found["django-cache"] = {
        "MIDDLEWARE": django_cache_middleware(settings.MIDDLEWARE),
        "CACHE_MIDDLEWARE_SECONDS": settings.PAGE_CACHE_SECONDS,
        "CACHE_MIDDLEWARE_KEY_PREFIX": "django-cache-middleware",
    }
    return found


def one_turn(overrides, path):
    """Microseconds per hit of `path`, TURN requests served from the cache."""
    with override_settings(**overrides):
        page_cache.forget_worker_copies()
        client = Client()
        for _ in range(3):  # Stored, then read back once: the connection pool is up.
            client.get(path)
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.get(HEADER) == "hit", (path, overrides.keys(), dict(response.items()))
        start = time.perf_counter()
        for _ in range(TURN):
            client.get(path)
        return (time.perf_counter() - start) / TURN * 1e6


def main():
    found = setups()
    offer = Job.objects.open().order_by("-published_at", "-pk").first()
    pages = {"home": "/", "list": "/offres/", "offer": offer.get_absolute_url()}
    times = {(setup, page): [] for setup in found for page in pages}
    for _turn in range(TURNS):
        for page, path in pages.items():
            for setup, overrides in found.items():
                times[setup, page].append(one_turn(overrides, path))
    print(f"\nµs per cached page through Django's handler, median of {TURNS} turns of {TURN}")
    print(f"{'set-up':<14}" + "".join(f"{page:>12}" for page in pages) + f"{'vs ours':>10}")
    ours = statistics.mean(statistics.median(times["ours", page]) for page in pages)
    for setup in found:
        medians = [statistics.median(times[setup, page]) for page in pages]
        print(
            f"{setup:<14}"
            + "".join(f"{value:12.0f}" for value in medians)
            + f"{statistics.mean(medians) / ours:9.2f}x"
        )


if __name__ == "__main__":
    main()
