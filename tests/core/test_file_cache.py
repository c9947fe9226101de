"""The default cache (a folder of files shared by the gunicorn workers) keeps the page cache's
content version as Redis does: it lives until bumped, and bumps made at once by several processes
all count."""

import multiprocessing
import pickle
import time

import pytest

from core.cache import SharedFileCache


def file_cache(folder):
    return SharedFileCache(str(folder), {})


def test_an_increment_keeps_a_value_that_never_expires(tmp_path):
    cache = file_cache(tmp_path)
    cache.set("version", 10, timeout=None)
    assert cache.incr("version") == 11
    # Django's file cache wrote it back with the default timeout (300 s): every page then became
    # stale five minutes after each edit.
    with open(cache._key_to_file("version"), "rb") as entry:
        assert pickle.load(entry) is None
    assert cache.get("version") == 11


def test_an_increment_keeps_the_expiry_it_had(tmp_path):
    cache = file_cache(tmp_path)
    cache.set("counter", 1, timeout=60)
    cache.incr("counter", 5)
    with open(cache._key_to_file("counter"), "rb") as entry:
        expiry = pickle.load(entry)
    assert time.time() + 50 < expiry <= time.time() + 60
    assert cache.get("counter") == 6


def test_a_missing_or_expired_key_cannot_be_incremented(tmp_path):
    cache = file_cache(tmp_path)
    with pytest.raises(ValueError):
        cache.incr("missing")
    cache.set("old", 1, timeout=1)
    time.sleep(1.1)
    with pytest.raises(ValueError):
        cache.incr("old")


def _bump(folder, count):
    cache = file_cache(folder)
    for _ in range(count):
        cache.incr("version")


def test_bumps_from_several_processes_at_once_all_count(tmp_path):
    file_cache(tmp_path).set("version", 0, timeout=None)
    processes = [
        multiprocessing.get_context("spawn").Process(target=_bump, args=(tmp_path, 50))
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    assert file_cache(tmp_path).get("version") == 200
