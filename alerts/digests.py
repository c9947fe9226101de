"""Computing and sending the digests.

Once only: a digest's row (subscription, period) is written before its e-mail is sent, under a
unique constraint. Two workers running the same period, a run started again, or the scheduler
firing twice each try to write the rows; the database keeps one, and each run sends only the rows
it wrote itself (`batch`). A row is written « en cours d’envoi »; it becomes « envoyé », « à
envoyer » (the SMTP server could not be reached: tried again later, `retry_pending`), or « échec
définitif » (the server refused the address, or the retries ran out) with the error kept.
A worker killed between the server's acceptance and the row's update leaves it « en cours
d’envoi »: `fail_interrupted` marks it failed rather than risk sending it twice.

At scale: the subscriptions are grouped by saved search, and each search's new offers are read
once (one query) for all its subscribers; one SMTP connection carries the whole run.
"""

import datetime
import logging
import smtplib
import uuid
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Exists, OuterRef
from django.utils import timezone

from alerts import emails, searches, tokens
from alerts.models import AccessToken, Digest, DigestRun, Frequency, Subscription

logger = logging.getLogger(__name__)

PARIS = ZoneInfo("Europe/Paris")
# A digest lists at most this many offers, then links to the full list.
MAX_OFFERS = 50
# Tries before a digest the SMTP server never took is failed for good, and the wait after each.
MAX_ATTEMPTS = 8
RETRY_MINUTES = [5, 15, 30, 60, 120, 240, 480]
# A digest still « en cours d’envoi » this long after it was claimed (`next_attempt_at`) was
# interrupted (a killed worker).
INTERRUPTED_AFTER = datetime.timedelta(hours=1)


# --- When ------------------------------------------------------------------------------------


def period_of(frequency, now):
    """The period a digest sent at `now` belongs to, in Paris time: « 2026-12-02 », « 2026-W49 »."""
    local = now.astimezone(PARIS)
    if frequency == Frequency.WEEKLY:
        year, week, _day = local.isocalendar()
        return f"{year}-W{week:02d}"
    return local.date().isoformat()


def is_due(frequency, now):
    """Daily digests from ALERTS_SEND_HOUR each morning; weekly ones from that hour on Monday,
    and later in the week if the workers were stopped on Monday morning."""
    local = now.astimezone(PARIS)
    if local.hour < settings.ALERTS_SEND_HOUR and (
        frequency == Frequency.DAILY or local.isoweekday() == 1
    ):
        return False
    return True


def send_due_digests(now=None):
    """What the scheduler runs every few minutes: each rhythm's digests once its hour has come,
    unless this period's run has finished; then the digests waiting for another try."""
    now = now or timezone.now()
    sent = 0
    for frequency in Frequency.values:
        period = period_of(frequency, now)
        if not is_due(frequency, now):
            continue
        if DigestRun.objects.filter(
            frequency=frequency, period=period, finished_at__isnull=False
        ).exists():
            continue
        sent += send_digests(frequency, now=now)
    sent += retry_pending(now=now)
    fail_interrupted(now=now)
    return sent


# --- What ------------------------------------------------------------------------------------


def new_offers(query, since, cut):
    """A search's open offers published in (since, cut], newest first, at most MAX_OFFERS + 1."""
    return list(
        searches.matching_offers(query).filter(published_at__gt=since, published_at__lte=cut)[
            : MAX_OFFERS + 1
        ]
    )


def offers_for(offers, since, cut):
    """The part of a search's new offers (newest first) that one subscriber has not had yet."""
    return [offer for offer in offers if since < offer.published_at <= cut]


def send_digests(frequency, now=None, connection=None):
    """Write and send this period's digests of the active `frequency` subscriptions. Returns the
    number of e-mails sent by this run."""
    now = now or timezone.now()
    period = period_of(frequency, now)
    run, _created = DigestRun.objects.get_or_create(frequency=frequency, period=period)
    batch = uuid.uuid4().hex
    already = Digest.objects.filter(subscription=OuterRef("pk"), period=period)
    members = (
        Subscription.objects.active()
        .filter(frequency=frequency, offers_since__lt=now)
        .exclude(Exists(already))
        .values_list("pk", "search_id", "search__query", "offers_since")
    )
    groups = defaultdict(list)
    queries = {}
    for pk, search_id, query, since in members.iterator(chunk_size=2000):
        groups[search_id].append((pk, since))
        queries[search_id] = query
    sender = Sender(connection, now)
    try:
        for search_id, group in groups.items():
            offers = new_offers(queries[search_id], min(since for _pk, since in group), now)
            if not offers:
                continue
            claims = [
                Digest(
                    subscription_id=pk,
                    period=period,
                    since=since,
                    cut=now,
                    batch=batch,
                    status=Digest.Status.SENDING,
                    attempts=0,
                    next_attempt_at=now,
                    offers=min(len(offers_for(offers, since, now)), MAX_OFFERS),
                    created_at=now,
                )
                for pk, since in group
                if offers_for(offers, since, now)
            ]
            if not claims:
                continue
            Digest.objects.bulk_create(claims, ignore_conflicts=True, batch_size=500)
            won = list(
                Digest.objects.filter(batch=batch, subscription__search_id=search_id)
                .select_related("subscription__search")
                .order_by("pk")
            )
            # From now on these subscriptions' next digest starts after this cut, sent or not.
            Subscription.objects.filter(pk__in=[d.subscription_id for d in won]).update(
                offers_since=now
            )
            sender.send(won, offers)
    finally:
        sender.close()
    run.finished_at = timezone.now()
    run.digests += sender.sent
    run.save(update_fields=["finished_at", "digests"])
    return sender.sent


def retry_pending(now=None, connection=None):
    """Send again the digests the SMTP server could not take, once their wait is over."""
    now = now or timezone.now()
    due = list(
        Digest.objects.filter(status=Digest.Status.PENDING, next_attempt_at__lte=now).values_list(
            "pk", flat=True
        )[:5000]
    )
    if not due:
        return 0
    batch = uuid.uuid4().hex
    # Only the rows still waiting: another worker retrying at the same moment gets the others.
    Digest.objects.filter(pk__in=due, status=Digest.Status.PENDING).update(
        status=Digest.Status.SENDING, batch=batch, next_attempt_at=now
    )
    claimed = Digest.objects.filter(batch=batch).select_related("subscription__search")
    groups = defaultdict(list)
    for digest in claimed.order_by("pk"):
        groups[digest.subscription.search_id].append(digest)
    sender = Sender(connection, now)
    try:
        for group in groups.values():
            query = group[0].subscription.search.query
            since = min(digest.since for digest in group)
            cut = max(digest.cut for digest in group)
            sender.send(group, new_offers(query, since, cut))
    finally:
        sender.close()
    return sender.sent


def fail_interrupted(now=None):
    now = now or timezone.now()
    return Digest.objects.filter(
        status=Digest.Status.SENDING, next_attempt_at__lt=now - INTERRUPTED_AFTER
    ).update(
        status=Digest.Status.FAILED,
        error="Envoi interrompu (processus arrêté) : non renvoyé, pour ne pas l’envoyer deux fois.",
    )


# --- How ------------------------------------------------------------------------------------


def permanent(error):
    """Whether the SMTP server refused for good (a 5xx answer), rather than being unreachable."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    # Anything else (refused sender, authentication, a dropped connection) is the service's to
    # fix, not the address's: tried again later.
    return False


class Sender:
    """One SMTP connection for a whole run, opened on the first e-mail."""

    def __init__(self, connection, now):
        self.connection = connection or get_connection()
        self.now = now
        self.opened = False
        self.down = None  # The error that made the server unreachable during this run.
        self.sent = 0

    def close(self):
        if self.opened:
            try:
                self.connection.close()
            except Exception:  # Closing a dead connection must not hide what happened.
                logger.warning("Could not close the SMTP connection", exc_info=True)
            self.opened = False

    def send(self, digests, offers):
        """Send each digest its part of `offers`; record what became of each."""
        links = {}
        rows = []
        for digest in digests:
            raw, hashed = tokens.new_token()
            links[digest.pk] = raw
            rows.append(
                AccessToken(
                    subscription_id=digest.subscription_id,
                    purpose=AccessToken.Purpose.MANAGE,
                    digest=hashed,
                    created_at=self.now,
                )
            )
        AccessToken.objects.bulk_create(rows, batch_size=500)
        sent, empty = [], []
        for digest in digests:
            mine = offers_for(offers, digest.since, digest.cut)
            if not mine:
                empty.append(digest.pk)
                continue
            if self.down is not None:
                self.later(digest, self.down)
                continue
            site = digest.subscription.site_url
            for offer in mine:
                offer.url = site + offer.get_absolute_url()
            mail = emails.digest(
                digest.subscription,
                mine[:MAX_OFFERS],
                links[digest.pk],
                more=len(mine) > MAX_OFFERS,
            )
            try:
                if not self.opened:
                    self.connection.open()
                    self.opened = True
                self.connection.send_messages([mail])
            except Exception as error:
                if permanent(error):
                    self.fail(digest, error)
                    continue
                logger.warning("SMTP server unreachable, digests kept for later: %s", error)
                self.down = error
                self.close()
                self.later(digest, error)
                continue
            sent.append(digest.pk)
        if sent:
            Digest.objects.filter(pk__in=sent).update(
                status=Digest.Status.SENT, sent_at=timezone.now(), error=""
            )
            self.sent += len(sent)
        if empty:
            Digest.objects.filter(pk__in=empty).update(status=Digest.Status.EMPTY)

    def later(self, digest, error):
        attempts = digest.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            self.fail(digest, error, attempts)
            return
        wait = RETRY_MINUTES[min(attempts, len(RETRY_MINUTES)) - 1]
        Digest.objects.filter(pk=digest.pk).update(
            status=Digest.Status.PENDING,
            attempts=attempts,
            next_attempt_at=self.now + datetime.timedelta(minutes=wait),
            error=describe(error),
        )

    def fail(self, digest, error, attempts=None):
        logger.error("Digest %s failed for good: %s", digest.pk, error)
        Digest.objects.filter(pk=digest.pk).update(
            status=Digest.Status.FAILED,
            attempts=attempts or digest.attempts + 1,
            error=describe(error),
        )
        Subscription.objects.filter(pk=digest.subscription_id).update(last_error=describe(error))


def describe(error):
    return f"{type(error).__name__}: {error}"[:1000]
