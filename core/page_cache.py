"""Whole-page cache for anonymous visitors, shared by every server, never stale.

What is cached: the responses of the views wrapped with `cache_page` (home, offer list with any
query string, offer pages, feeds, sitemaps), for GET and HEAD requests of visitors who carry no
session or messages cookie, when the response is a 200 that sets no cookie and is not marked
private. Never the admin (its views are not wrapped), never a logged-in user (they carry a
session cookie), never a page showing a message (the messages cookie, or a cookie set in return).

When it is invalidated (the rules that keep pages fresh):

1. A **content version** lives in the shared cache (files shared by the workers by default, Redis
   when several machines serve the site: every process sees it)
   and every entry records the one it was made under. Each app connects the models its pages
   show (`invalidate_on_change` in its AppConfig.ready: jobs its offers and domaines, employer its
   profile and every part of it; employer never imports jobs): any save or delete bumps the
   version at once and again when the transaction commits (a request served between the two
   cannot leave a page from before the commit under the new version). An entry made under
   another version is never served again: the next render replaces it.
2. A **time component**: what the public sees also changes with the clock alone (a scheduled
   publication comes, a deadline passes at midnight Paris time). Apps register the next such
   moment (`register_next_change`); the earliest one is computed once per content version, cached
   until that moment, and part of the state each entry records; no entry outlives it. So a page
   cached at 23:59:58 is not served at 00:00:00.
3. Entries also expire after `PAGE_CACHE_SECONDS` whatever happens (a safety net: an edit saved
   while the cache server was unreachable could not bump the version).

A cache that is down, or the dummy cache (`CACHE_URL=dummycache://`), never breaks a page: every
cache call is guarded, and without a content version pages are simply rendered every time. The
same holds where the cache cannot be shared: an in-process cache (`locmemcache://`) under several
gunicorn workers turns the page cache off (`PAGE_CACHE_ENABLED` in settings), since a version bumped
in one worker would leave the others serving their old copies. The default cache is a folder of
files, which every worker of one machine shares.

Changes that bypass signals (`QuerySet.update()`, `bulk_create`, raw SQL, `loaddata --raw`) must
call `bump_version()` themselves, as `generate_offers` does.

Why not Django's cache framework (UpdateCacheMiddleware and FetchFromCacheMiddleware around the
stack, or `django.views.decorators.cache.cache_page`, which runs later still), measured against
this module on the same cache in the same runs (bench/library_settings.py):

- a hit costs 2.5 to 2.7 times ours (bench/cache_hit.py, set-ups in turns): every middleware runs
  around it and it reads the cache twice (the headers' key, then the page), where ours answers
  first, in one round trip. Under `make bench` (BENCH_MODES=django-cache) its cached pages reached
  46-74 % of the static file's throughput in three runs (its RSS feed 9-23 %), ours 85-154 %:
  under the 0.8 we hold to;
- it has no content version, so nothing an editor does reaches a cached page: with it,
  tests/site/test_workers_freshness.py counted 20 stale answers of 20 on every page after an offer's
  edit (home, list, feeds, sitemap), after its unpublication (its page still answered 200) and
  after a key figure's change, with the file cache and with Redis alike. Every cached page (home,
  each list address, offer pages, feeds, sitemaps) stays as it was, on every worker and server,
  for up to CACHE_MIDDLEWARE_SECONDS after a change (600 s for the lifetime used here), and an
  offer whose deadline passed at midnight stays listed as long; its `Cache-Control: max-age` and
  `Expires` headers also let browsers and proxies keep the page as long again.
"""

import collections
import datetime
import functools
import hashlib
import logging
import pathlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
# (content version, timestamp of the next change) computed for that version.
NEXT_CHANGE_KEY = "page-cache:next-change"
# One entry per URL, holding the state it was rendered under: a new state makes it a miss, and
# the next render overwrites it (old versions do not pile up in the cache).
PAGE_KEY = "page-cache:page:{digest}"
# django.contrib.messages' cookie (CookieStorage.cookie_name). With it, or a session cookie, a
# page may show something personal (a message, a logged-in editor): the cache is bypassed.
MESSAGES_COOKIE = "messages"
HEADER = "X-Page-Cache"

_next_change_providers = []


def _guarded(default=None):
    """Run a cache operation; if the cache server fails, log it and return `default`."""

    def decorator(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception:  # Any backend error: the site must work without its cache.
                logger.warning("Page cache unavailable (%s)", function.__name__, exc_info=True)
                return default

        return wrapper

    return decorator


# --- Content version -----------------------------------------------------------------------------


@_guarded()
def content_version():
    """The current content version, or None when the cache cannot hold one (pages are not cached)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # A new value (not 1) so that a version lost by eviction never revives older entries.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


@_guarded()
def bump_version():
    """Make every cached page and cached fact stale, on every server."""
    try:
        return cache.incr(VERSION_KEY)
    except ValueError:  # No version yet (or it was evicted).
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
        return None


def _on_change(sender, **kwargs):
    bump_version()
    # Again after the commit: a request read between the first bump and the commit saw old rows.
    transaction.on_commit(bump_version)


def invalidate_on_change(*models):
    """Bump the content version whenever one of these models is saved or deleted."""
    for model in models:
        uid = f"page-cache:{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}:delete")


# --- Time component ------------------------------------------------------------------------------


def register_next_change(provider):
    """`provider(now)` returns the next moment after `now` when pages may change by themselves
    (or None). Registered by the apps whose content depends on the clock."""
    if provider not in _next_change_providers:
        _next_change_providers.append(provider)
    return provider


def next_change(now):
    """The earliest moment any registered provider announces, at most PAGE_CACHE_SECONDS away."""
    limit = now + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    moments = [moment for provider in _next_change_providers if (moment := provider(now))]
    return min([limit, *(moment for moment in moments if moment > now)])


@_guarded()
def cache_state(found=None):
    """A string naming the current content ("version-until"), or None without a working cache.

    Everything cached from the content (pages, facts such as the list's domaines) is made under
    it, and lives no longer than `seconds_left()` says. `found`: the version and next-change keys
    already read by the caller (the page cache reads them with the page, in one round trip);
    otherwise one round trip reads them here.
    """
    if not settings.PAGE_CACHE_ENABLED:
        return None
    if found is None:
        found = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY])
    version = found.get(VERSION_KEY)
    if version is None:
        version = content_version()
        if version is None:
            return None
    now = time.time()
    known_version, until = found.get(NEXT_CHANGE_KEY) or (None, 0)
    if known_version != version or until <= now:
        until = next_change(timezone.now()).timestamp()
        cache.set(NEXT_CHANGE_KEY, (version, until), timeout=max(int(until - now), 1))
    return f"{version}-{int(until)}"


def seconds_left(state):
    """How long an entry made under `state` may live: until the next change, at most the cap."""
    until = int(state.rsplit("-", 1)[1])
    return min(int(until - time.time()), settings.PAGE_CACHE_SECONDS)


@_guarded()
def get_or_compute(name, compute):
    """A fact derived from the content (not a page), cached under the current state."""
    state = cache_state()
    if state is None:
        return compute()
    key = f"page-cache:fact:{state}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        timeout = seconds_left(state)
        if timeout > 0:
            cache.set(key, value, timeout=timeout)
    return value


# --- Pages ---------------------------------------------------------------------------------------


def cache_page(view):
    """Mark a public view as cacheable by PageCacheMiddleware (see the module's rules)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.page_cache = True
    return wrapper


def _may_use_cache(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    names = [settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE]
    return not any(name in request.COOKIES for name in names)


@functools.lru_cache(maxsize=4096)
def _resolves_to_cached_view(urlconf, path):
    try:
        view = resolve(path, urlconf).func
    except Resolver404:
        return False
    return getattr(view, "page_cache", False)


def _is_cached_view(path):
    # Resolving costs as much as the rest of a hit: remembered per path, in a bounded memo that
    # long made-up paths cannot fill with kilobytes each.
    if len(path) > 200:
        return _resolves_to_cached_view.__wrapped__(settings.ROOT_URLCONF, path)
    return _resolves_to_cached_view(settings.ROOT_URLCONF, path)


# The settings that shape the headers the other middlewares add to a page (or whether they answer
# it at all): part of every key.
HEADER_SETTINGS = [
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "LANGUAGE_CODE",
]


# What a page is rendered by (templates, stylesheets, scripts, the apps' code): pages cached by one
# release are never served by another. The cache outlives a restart (files, Redis), so without it a
# `git pull` and a restart would serve the old pages until they expire.
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".json"}


def release():
    """PAGE_CACHE_RELEASE when set (e.g. the deployed commit), otherwise a digest of the size and
    modification time of every source file under PAGE_CACHE_SOURCES (read once per process)."""
    if settings.PAGE_CACHE_RELEASE:
        return settings.PAGE_CACHE_RELEASE
    digest = hashlib.sha256()
    for folder in settings.PAGE_CACHE_SOURCES:
        for path in sorted(pathlib.Path(folder).rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


@functools.cache
def _headers_digest():
    values = repr([release(), *(getattr(settings, name, None) for name in HEADER_SETTINGS)])
    return hashlib.sha256(values.encode()).hexdigest()[:16]


@receiver(setting_changed)
def _forget_headers_digest(setting, **kwargs):
    # Tests change settings while the process runs; a deploy restarts the workers.
    if setting in HEADER_SETTINGS or setting.startswith("PAGE_CACHE_"):
        _headers_digest.cache_clear()


def _page_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{_headers_digest()} {url}".encode()).hexdigest()
    return PAGE_KEY.format(digest=digest)


# The pages this worker served lately, by key: (state, status, headers, content). The state is
# still read from the shared cache on every request, so an edit made on any server shows at the
# next request; only the page's bytes are not fetched and unpickled again while they are current.
_recent_pages = collections.OrderedDict()


def _remember(key, entry):
    _recent_pages[key] = entry
    _recent_pages.move_to_end(key)
    while len(_recent_pages) > settings.PAGE_CACHE_WORKER_PAGES:
        _recent_pages.popitem(last=False)


def forget_worker_copies():
    _recent_pages.clear()


@_guarded()
def _load(key):
    """(current state, the entry cached for this key or None), in one round trip to the cache
    server (two just after a change, when this worker's copy of the page is out of date)."""
    recent = _recent_pages.get(key)
    if recent is None:
        found = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY, key])
        entry = found.get(key)
    else:
        found = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY])
        entry = recent
    state = cache_state(found)
    if recent is not None and recent[0] != state:
        del _recent_pages[key]
        # Another server may have rendered the page under the new state already.
        entry = cache.get(key)
    if entry is not None and entry[0] == state:
        _remember(key, entry)
    return state, entry


@_guarded()
def _store(key, value, timeout):
    cache.set(key, value, timeout=timeout)
    _remember(key, value)


def _cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PageCacheMiddleware:
    """Answers cached pages before any other middleware or view runs; stores the pages that may
    be cached.

    First in MIDDLEWARE: a stored response carries every header the others added when it was
    rendered (security headers included), so a hit costs one read of the cache and nothing else.
    The headers those middlewares give depend only on settings, and a change of those settings
    changes every key (`_headers_digest`): a deploy with a new policy never serves the old one.
    An http:// request, which SECURE_SSL_REDIRECT sends to https://, has its own key, under which
    nothing is ever stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cached = self.cached_response(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None:
            response[HEADER] = "miss"
            if request.method == "GET" and _cacheable(request, response):
                timeout = seconds_left(request._page_cache_state)
                if timeout > 0:
                    headers = [(k, v) for k, v in response.items() if k != HEADER]
                    entry = (request._page_cache_state, response.status_code, headers)
                    _store(key, (*entry, response.content), timeout)
        return response

    def cached_response(self, request):
        """The cached page for this request, or None (then marks the request for storing).

        A hit costs one round trip to the cache server: the content version and the next change
        are read together with the page (or without it, when this worker holds a copy), and the
        page is served only if it was rendered under the current state.
        """
        if not _may_use_cache(request) or not _is_cached_view(request.path_info):
            return None
        key = _page_key(request)
        state, entry = _load(key) or (None, None)
        if state is None:
            return None
        if entry is None or entry[0] != state:
            request._page_cache_key = key
            request._page_cache_state = state
            return None
        _state, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "hit"
        return response
