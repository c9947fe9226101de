"""Counters in the shared cache (every worker and server sees the same counts), so that nobody
floods a victim's inbox through the form: a few confirmation e-mails per address per day, and
per client address per hour. No captcha: none is accessible, and none is ours to load.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind, value):
    # The address never sits in the cache as is.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]
    return f"alerts:rate:{kind}:{digest}"


def allow(kind, value, limit, seconds):
    """Count one more request for (kind, value); whether it is within `limit` per `seconds`."""
    key = _key(kind, value)
    if cache.add(key, 1, seconds):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # Expired between add() and incr().
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit


def allow_address(email):
    return allow("address", email, settings.ALERTS_MAILS_PER_ADDRESS_PER_DAY, 24 * 3600)


def allow_client(ip):
    return allow("client", ip or "unknown", settings.ALERTS_REQUESTS_PER_CLIENT_PER_HOUR, 3600)
