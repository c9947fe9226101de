"""The cache backends: a Redis cache that the site survives losing, and the default file cache.

The file cache (`SharedFileCache`, the default when CACHE_URL is unset) is what lets the gunicorn
workers of one machine share the page cache's content version without a cache server.

A Redis cache that the site survives losing:

Django's own RedisCache raises as soon as Redis does not answer, and every page reads the cache
(the page cache, django-imagekit's file states): a stopped Redis would turn the whole site into
500s. This backend turns a connection failure into a cache miss (or a no-op for writes) and logs a
warning, so pages are served uncached, slower, until Redis comes back; the redis client reconnects
by itself on the next call. `/healthz` still reports the cache as down: it checks that a value
written can be read back.
"""

import fcntl
import functools
import logging
import os
import pickle
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
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


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, but one redis.Redis per connection pool instead of one per call.

    Django builds a new redis.Redis for every cache operation; with redis-py 8 that costs about
    0.14 ms (it fills its table of response callbacks), more than the round trip to Redis itself,
    and a cached page needs two operations. redis.Redis is meant to be shared: it takes a
    connection from the pool for each command.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

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


class SharedFileCache(FileBasedCache):
    """Django's file cache, with an `incr()` that several processes can share.

    Django's file cache increments as `get()` then `set()` with the default timeout: the page
    cache's content version, meant to live until it is bumped, then expired 300 s after every edit
    (and with it every cached page), and two workers bumping at once could both write the same
    number. Here the read and the write happen under an exclusive lock on one file, and the entry
    keeps the expiry it had; the new value replaces the file at once (`set()` writes a temporary
    file and renames it), so readers never see half of it.
    """

    def incr(self, key, delta=1, version=None):
        self._createdir()
        with open(os.path.join(self._dir, "incr.lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            fname = self._key_to_file(key, version)
            try:
                with open(fname, "rb") as f:
                    expiry = pickle.load(f)
                    if expiry is not None and expiry < time.time():
                        raise ValueError(f"Key '{key}' not found")
                    value = pickle.loads(zlib.decompress(f.read()))
            except FileNotFoundError:
                raise ValueError(f"Key '{key}' not found") from None
            new_value = value + delta
            timeout = None if expiry is None else max(expiry - time.time(), 1)
            self.set(key, new_value, timeout=timeout, version=version)
            return new_value
