"""The calendar rules of an offer, in Paris time (TIME_ZONE).

A deadline is a day: applications are accepted until 23:59:59 that day, and an offer leaves the
open offers at the midnight that follows, with no scheduled task. The page cache asks
`jobs.models.next_visibility_change` when that next happens; the rules themselves live here.
"""

import datetime

from django.utils import timezone


def deadline_end(day):
    """The last moment applications are accepted on a deadline `day`: 23:59:59 Paris time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def next_midnight(now):
    """Midnight Paris time after `now`: when the deadlines of the day pass."""
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
