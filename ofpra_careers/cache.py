"""A Redis cache that the site survives losing.

Django's own RedisCache raises as soon as Redis does not answer, and every page reads the cache
(the page cache, django-imagekit's file states): a stopped Redis would turn the whole site into
500s. This backend turns a connection failure into a cache miss (or a no-op for writes) and logs a
warning, so pages are served uncached, slower, until Redis comes back; the redis client reconnects
by itself on the next call. `/healthz` still reports the cache as down: it checks that a value
written can be read back.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _tolerant(fallback):
    """Call the RedisCache method; when Redis is unreachable, return `fallback(*args, **kwargs)`."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                logger.warning("Redis cache unavailable (%s): %s", method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _get_default(key, default=None, version=None):
    return default


def _missing_counter(key, delta=1, version=None):
    # What RedisCache raises for a key it does not hold: callers already handle it.
    raise ValueError(f"Key '{key}' not found (cache unavailable)")


class TolerantRedisCache(RedisCache):
    get = _tolerant(_get_default)(RedisCache.get)
    get_many = _tolerant(lambda keys, version=None: {})(RedisCache.get_many)
    has_key = _tolerant(lambda *args, **kwargs: False)(RedisCache.has_key)
    set = _tolerant(lambda *args, **kwargs: None)(RedisCache.set)
    add = _tolerant(lambda *args, **kwargs: False)(RedisCache.add)
    touch = _tolerant(lambda *args, **kwargs: False)(RedisCache.touch)
    set_many = _tolerant(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete = _tolerant(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _tolerant(lambda *args, **kwargs: None)(RedisCache.delete_many)
    incr = _tolerant(_missing_counter)(RedisCache.incr)
    clear = _tolerant(lambda *args, **kwargs: False)(RedisCache.clear)
