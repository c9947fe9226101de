"""The cache backends: the default file cache, and the set-up of a Redis cache the site survives
losing.

The file cache (`SharedFileCache`, the default when CACHE_URL is unset) is what lets the gunicorn
workers of one machine share the page cache's content version without a cache server.

A Redis cache (CACHE_URL=redis://...) is django-redis's, with REDIS_OPTIONS (settings applies
them). Every page reads the cache (the page cache, django-imagekit's file states), and Django's
own RedisCache raises as soon as Redis does not answer: a stopped Redis would turn the whole site
into 500s. With IGNORE_EXCEPTIONS, django-redis turns a failure into a cache miss (or a no-op for
writes), logged (DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS in settings), so pages are served uncached,
slower, until Redis comes back; the redis client reconnects by itself on the next call. A Redis
that stops answering costs a call 0.5 s, and no call is retried. `/healthz` still reports the
cache as down: it checks that a value written can be read back.

django-redis replaced our own backend (TolerantRedisCache, a subclass of Django's RedisCache that
caught the same errors, with one redis.Redis client per connection pool: 70 lines) once it
reached the same figures, both measured in the same runs (the bench scripts of commit f572af9):

- `make bench`, cached pages against the static file of the list's size (req/s): 80-93 % and
  103-129 % in two quiet runs, ours 85-93 % and 88-119 % (in a third, under another test suite's
  load, 38-75 % against 137-165 %: too noisy to tell); a hit through Django's whole handler,
  set-ups in turns (bench/cache_hit.py): 1.01 times ours' time;
- Redis stopped (bench/redis_outage.py, a Redis of its own): every page 200, /healthz 503, 200
  again as soon as Redis is back, as ours; home, list and offer page rendered with Redis down,
  set-ups in turns in one process: 25.9, 39.3 and 20.7 ms (ours 26.5, 45.6 and 20.2 ms); a
  failed cache call 127 µs (ours 128 µs).
  Redis frozen (SIGSTOP): 4.1-7.1 s a page, as ours (each cache call waits for its timeout);
- tests/site/test_workers_freshness.py with Redis: no stale answer, as ours.
"""

import fcntl
import os
import pickle
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache
from redis.backoff import NoBackoff
from redis.retry import Retry

# A cache server that stops answering must cost a page milliseconds, not seconds. No retries
# either: redis-py's backoff (1, 2 then 4 s) once cost the first page of each worker 8.5 s while
# Redis was down; redis-py 8 does not retry on a pool's connections, and this keeps it so.
REDIS_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": 0.5,
    "SOCKET_TIMEOUT": 0.5,
    "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
}


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
