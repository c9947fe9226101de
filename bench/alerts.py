"""The alerts' digests at scale: BENCH_SUBSCRIPTIONS active alerts (10,000) over BENCH_SEARCHES
distinct searches (300), BENCH_OFFERS offers (100,000), one daily run sent to a local SMTP sink
(aiosmtpd, in this process, over TCP). Prints the time, the SQL queries and the peak memory.

    make bench-alerts                                  # PostgreSQL database ofpra_bench_alerts
    BENCH_OFFERS=10000 BENCH_DATABASE=ofpra_alerts10k make bench-alerts
    BENCH_REUSE=1 ...                                  # the offers already there, as they are

Filling 100,000 offers takes minutes (jobs/management/commands/generate_offers). The alerts and
the digests of earlier runs are deleted first; about 1 % of the offers are made « published in
the last day », so that every search has new offers to send.
"""

import datetime
import os
import random
import resource
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

OFFERS = int(os.environ.get("BENCH_OFFERS", "100000"))
SUBSCRIPTIONS = int(os.environ.get("BENCH_SUBSCRIPTIONS", "10000"))
SEARCHES = int(os.environ.get("BENCH_SEARCHES", "300"))
DATABASE = os.environ.get("BENCH_DATABASE", "ofpra_bench_alerts")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
)
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-alerts")
os.environ["HUEY_IMMEDIATE"] = "true"
os.environ["CACHE_URL"] = "locmemcache://"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ofpra_careers.settings")


class Sink:
    def __init__(self):
        self.count = 0
        self.bytes = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.bytes += len(envelope.original_content)
        return "250 OK"


def ensure_database():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            conn.execute(f'CREATE DATABASE "{DATABASE}"')


def searches_vocabulary():
    """SEARCHES distinct, realistic searches: a domaine, a category, a département, words."""
    from jobs import departements
    from jobs.models import Domain

    rng = random.Random(12)
    domains = list(Domain.objects.values_list("slug", flat=True))
    departments = [code for code, _label in departements.CHOICES][:20]
    queries = {""}
    while len(queries) < SEARCHES:
        params = []
        if rng.random() < 0.8:
            params.append(f"domaine={rng.choice(domains)}")
        if rng.random() < 0.6:
            params.append(f"categorie={rng.choice(['A', 'B', 'C'])}")
        if rng.random() < 0.4:
            params.append(f"localisation={rng.choice(departments)}")
        if rng.random() < 0.15:
            params.append(f"q={rng.choice(['juriste', 'gestionnaire', 'chef', 'officier'])}")
        queries.add("&".join(params))
    return sorted(queries)


def main():
    ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from alerts import digests, searches
    from alerts.models import Digest, DigestRun, SavedSearch, Subscription
    from jobs.models import Job

    call_command("migrate", verbosity=0)
    have = Job.objects.count()
    if have < OFFERS and not os.environ.get("BENCH_REUSE"):
        started = time.monotonic()
        print(f"Generating {OFFERS - have} offers…", flush=True)
        call_command("generate_offers", count=OFFERS - have, seed=1, verbosity=0)
        print(f"  {time.monotonic() - started:.0f} s", flush=True)
    now = timezone.now()
    Subscription.objects.all().delete()
    SavedSearch.objects.all().delete()
    DigestRun.objects.all().delete()
    recent = list(Job.objects.open().values_list("pk", flat=True)[: max(OFFERS // 100, 50)])
    rng = random.Random(7)
    for pk in recent:
        Job.objects.filter(pk=pk).update(
            published_at=now - datetime.timedelta(minutes=rng.randint(5, 23 * 60))
        )
    saved = []
    for query in searches_vocabulary():
        search = searches.from_query(query)
        saved.append(
            SavedSearch.objects.get_or_create(
                query=search.query, defaults={"description": search.description}
            )[0]
        )
    since = now - datetime.timedelta(days=1)
    Subscription.objects.bulk_create(
        [
            Subscription(
                email=f"person{number}@example.org",
                search=saved[number % len(saved)],
                status=Subscription.Status.ACTIVE,
                site_url="https://recrutement.example.gouv.fr",
                created_at=since,
                confirmed_at=since,
                offers_since=since,
            )
            for number in range(SUBSCRIPTIONS)
        ],
        batch_size=1000,
    )
    from aiosmtpd.controller import Controller

    from tests.servers import free_port

    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with CaptureQueriesContext(connection) as queries:
            started = time.monotonic()
            sent = digests.send_digests("daily", now=now)
            elapsed = time.monotonic() - started
    finally:
        controller.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with_offers = Digest.objects.filter(status="sent").count()
    print(
        f"offers: {Job.objects.count()} ({Job.objects.open().count()} open, {len(recent)} new)\n"
        f"alerts: {SUBSCRIPTIONS} over {len(saved)} searches\n"
        f"e-mails sent: {sent} (received by the sink: {sink.count}, "
        f"{sink.bytes / max(sink.count, 1) / 1024:.1f} KB each; {with_offers} digests recorded)\n"
        f"time: {elapsed:.1f} s ({sent / elapsed:.0f} e-mails/s)\n"
        f"SQL queries: {len(queries)}\n"
        f"peak memory (RSS): {rss_after / 1024:.0f} MB (before the run: {rss_before / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
