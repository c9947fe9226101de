"""What the scheduler deletes: unconfirmed requests past their link's life (the form promises
it), searches nobody follows any more, digests' records past their keeping time, and management
links superseded long ago."""

import datetime

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from alerts.models import AccessToken, Digest, SavedSearch, Subscription


def purge(now=None):
    now = now or timezone.now()
    requests, _ = Subscription.objects.expired_requests(now).delete()
    searches, _ = SavedSearch.objects.filter(subscriptions__isnull=True).delete()
    kept = now - datetime.timedelta(days=settings.ALERTS_DIGEST_RECORD_DAYS)
    digests, _ = Digest.objects.filter(created_at__lt=kept).delete()
    # Every e-mail brings a new management link. The older ones keep working for a year; the
    # latest one works for as long as the alert exists.
    newest = (
        AccessToken.objects.filter(
            subscription=OuterRef("subscription"), purpose=AccessToken.Purpose.MANAGE
        )
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    links, _ = (
        AccessToken.objects.filter(
            purpose=AccessToken.Purpose.MANAGE, created_at__lt=now - datetime.timedelta(days=365)
        )
        .exclude(pk=Subquery(newest))
        .delete()
    )
    return {"requests": requests, "searches": searches, "digests": digests, "links": links}
