"""The production settings with a library in place of our own caching code, to measure both.

    DJANGO_SETTINGS_MODULE=bench.library_settings BENCH_LIBRARY=<name> ...

`make bench` uses it for its library modes (BENCH_MODES), bench/redis_outage.py for the outage
figures, bench/cache_hit.py for the cost of a hit, and it can be given to
tests/test_workers_freshness.py (which passes the environment on to its gunicorn). BENCH_LIBRARY:

- `django-redis`: django-redis's RedisCache on CACHE_URL instead of core.cache.TolerantRedisCache,
  set up to behave alike (IGNORE_EXCEPTIONS, 0.5 s socket timeouts, no retries). django-redis is
  not a dependency: install it apart (`pip install --target DIR django-redis`) and put DIR on
  PYTHONPATH (BENCH_LIBRARY_PATH for the bench scripts).
- `django-cache-middleware`: Django's UpdateCacheMiddleware/FetchFromCacheMiddleware around the
  whole stack instead of core.page_cache.PageCacheMiddleware (same cache backend, same lifetime
  PAGE_CACHE_SECONDS), with an X-Page-Cache header on its hits so that tests can count them.
"""

import os

from ofpra_careers.settings import *  # noqa: F403 (the production settings, then the changes)
from ofpra_careers.settings import CACHES, MIDDLEWARE, PAGE_CACHE_SECONDS


def django_redis_caches(location, key_prefix):
    """CACHES for django-redis, behaving as core.cache.TolerantRedisCache does."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
            },
        }
    }


def django_cache_middleware(middleware):
    """MIDDLEWARE with Django's cache middleware instead of PageCacheMiddleware."""
    return [
        "django.middleware.cache.UpdateCacheMiddleware",
        *(name for name in middleware if name != "core.page_cache.PageCacheMiddleware"),
        "bench.marked_cache_middleware.MarkedFetchFromCacheMiddleware",
    ]


LIBRARY = os.environ.get("BENCH_LIBRARY", "")

if LIBRARY == "django-redis":
    # django-environ names django-redis itself when it can import it: the URL is the same.
    CACHES = django_redis_caches(os.environ["CACHE_URL"], CACHES["default"]["KEY_PREFIX"])
    # Our backend logs each failure as a warning; django-redis only does so when asked.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
elif LIBRARY == "django-cache-middleware":
    MIDDLEWARE = django_cache_middleware(MIDDLEWARE)
    CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
    CACHE_MIDDLEWARE_KEY_PREFIX = "django-cache-middleware"
elif LIBRARY:
    raise ValueError(f"BENCH_LIBRARY={LIBRARY!r}: django-redis or django-cache-middleware")
