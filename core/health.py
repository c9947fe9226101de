"""/healthz: whether this server can reach its database and its cache, for probes and monitors.

Cheap enough to be called every few seconds: one trivial query, one cache write and read, no
template, no session, never cached. 200 when both answer, 503 when one does not; the JSON body
says which (`{"database": "ok", "cache": "unavailable"}`).
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
CACHE_KEY = "healthz"


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database unavailable: %s", error)
        return UNAVAILABLE
    return OK


def cache_state():
    # A value of our own read back: a cache that swallows its errors (see cache.py) answers
    # None instead of raising, which must not pass for a working cache.
    token = uuid.uuid4().hex
    try:
        cache.set(CACHE_KEY, token, timeout=30)
        working = cache.get(CACHE_KEY) == token
    except Exception as error:  # Any backend's failure means the same thing here.
        logger.error("Health check: cache unavailable: %s", error)
        return UNAVAILABLE
    if not working:
        logger.error("Health check: cache unavailable: a value written could not be read back")
    return OK if working else UNAVAILABLE


@never_cache
@require_safe
def healthz(request):
    states = {"database": database_state(), "cache": cache_state()}
    healthy = all(state == OK for state in states.values())
    return JsonResponse(states, status=200 if healthy else 503)
