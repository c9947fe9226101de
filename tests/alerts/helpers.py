"""Alerts made directly in the database, as if confirmed earlier."""

import datetime

from django.utils import timezone

from alerts import searches
from alerts.models import SavedSearch, Subscription


def alert(email, query="", frequency="daily", since=None, site_url="http://testserver"):
    search = searches.from_query(query)
    saved, _ = SavedSearch.objects.get_or_create(
        query=search.query, defaults={"description": search.description}
    )
    since = since or timezone.now() - datetime.timedelta(days=1)
    return Subscription.objects.create(
        email=email,
        search=saved,
        frequency=frequency,
        status=Subscription.Status.ACTIVE,
        site_url=site_url,
        created_at=since,
        confirmed_at=since,
        offers_since=since,
    )
