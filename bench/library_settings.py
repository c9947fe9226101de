"""The production settings with a library in place of our own caching code, to measure both.

    DJANGO_SETTINGS_MODULE=bench.library_settings BENCH_LIBRARY=<name> ...

`make bench` uses it for its library mode (BENCH_MODES), bench/redis_outage.py for the outage
figures, bench/cache_hit.py for the cost of a hit, and it can be given to
tests/site/test_workers_freshness.py (which passes the environment on to its gunicorn). BENCH_LIBRARY:

- `django-cache-middleware`: Django's UpdateCacheMiddleware/FetchFromCacheMiddleware around the
  whole stack instead of core.page_cache.PageCacheMiddleware (same cache backend, same lifetime
  PAGE_CACHE_SECONDS), with an X-Page-Cache header on its hits so that tests can count them.

Until django-redis replaced core.cache.TolerantRedisCache, a `django-redis` library set-up was
measured here too (commit f572af9): core/cache.py gives its figures.
"""

import os

from ofpra_careers.settings import *  # noqa: F403 (the production settings, then the changes)
from ofpra_careers.settings import MIDDLEWARE, PAGE_CACHE_SECONDS


def django_cache_middleware(middleware):
    """MIDDLEWARE with Django's cache middleware instead of PageCacheMiddleware."""
    return [
        "django.middleware.cache.UpdateCacheMiddleware",
        *(name for name in middleware if name != "core.page_cache.PageCacheMiddleware"),
        "bench.marked_cache_middleware.MarkedFetchFromCacheMiddleware",
    ]


LIBRARY = os.environ.get("BENCH_LIBRARY", "")

if LIBRARY == "django-cache-middleware":
    MIDDLEWARE = django_cache_middleware(MIDDLEWARE)
    CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
    CACHE_MIDDLEWARE_KEY_PREFIX = "django-cache-middleware"
elif LIBRARY:
    raise ValueError(f"BENCH_LIBRARY={LIBRARY!r}: django-cache-middleware (or none)")
