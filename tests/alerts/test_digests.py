"""Digests: when they go (Paris time), what they hold, hostile text, an SMTP outage, a refused
address, and once only when two workers race on the same period."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from alerts import digests, tasks
from alerts.models import Digest, DigestRun, Subscription
from jobs.choices import Category
from tests.alerts.conftest import html_links, parts
from tests.alerts.helpers import alert
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def test_periods_are_days_and_iso_weeks_in_paris_time():
    # 23:30 UTC on Sunday 6 December is already Monday 7 December in Paris.
    late = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC)
    assert digests.period_of("daily", late) == "2026-12-07"
    assert digests.period_of("weekly", late) == "2026-W50"


def test_digests_go_from_seven_in_the_morning_weekly_ones_from_monday():
    monday, tuesday, sunday = (
        paris(2026, 12, 7, 6, 59),
        paris(2026, 12, 8, 6, 0),
        paris(2026, 12, 6, 12),
    )
    assert not digests.is_due("daily", monday)
    assert digests.is_due("daily", monday + datetime.timedelta(minutes=1))
    assert not digests.is_due("weekly", monday)
    assert digests.is_due("weekly", monday + datetime.timedelta(minutes=1))
    # A worker stopped on Monday morning catches up later in the week, not before.
    assert digests.is_due("weekly", tuesday) and digests.is_due("weekly", sunday)


def test_the_scheduler_ticks_every_ten_minutes():
    for minute in (0, 10, 20, 30, 40, 50):
        assert tasks.tick.task_class().validate_datetime(datetime.datetime(2026, 12, 7, 6, minute))
    assert not tasks.tick.task_class().validate_datetime(datetime.datetime(2026, 12, 7, 6, 5))


def test_send_due_digests_once_per_period(smtp):
    morning = paris(2026, 12, 7, 7, 0)  # A Monday.
    with time_machine.travel(morning + datetime.timedelta(days=1, minutes=5), tick=False):
        due_digests_once_per_period(smtp, morning)


def due_digests_once_per_period(smtp, morning):
    alert("daily@example.org", "categorie=A", since=morning - datetime.timedelta(days=1))
    alert("weekly@example.org", "categorie=A", "weekly", since=morning - datetime.timedelta(days=7))
    JobFactory(
        category=Category.A,
        published_at=morning - datetime.timedelta(hours=2),
        deadline=datetime.date(2027, 1, 31),
    )
    assert digests.send_due_digests(now=morning - datetime.timedelta(minutes=10)) == 0
    assert digests.send_due_digests(now=morning + datetime.timedelta(minutes=1)) == 2
    assert sorted(m["To"] for m in smtp.messages) == ["daily@example.org", "weekly@example.org"]
    assert DigestRun.objects.filter(finished_at__isnull=False).count() == 2
    # Later ticks that day find the period done, even with a new offer.
    JobFactory(category=Category.A, published_at=morning + datetime.timedelta(minutes=5))
    assert digests.send_due_digests(now=morning + datetime.timedelta(minutes=20)) == 0
    # The next morning, the daily subscriber gets the new one; the weekly one waits for Monday.
    assert digests.send_due_digests(now=morning + datetime.timedelta(days=1)) == 1
    assert [m["To"] for m in smtp.messages].count("daily@example.org") == 2


def test_paused_and_pending_alerts_get_nothing(smtp):
    paused = alert("paused@example.org")
    paused.pause()
    pending = alert("pending@example.org")
    Subscription.objects.filter(pk=pending.pk).update(status="pending")
    JobFactory(published_at=timezone.now() - datetime.timedelta(minutes=5))
    assert digests.send_digests("daily") == 0
    assert smtp.messages == []


def test_one_computation_per_search_and_one_connection(smtp, django_assert_max_num_queries):
    for number in range(30):
        alert(f"person{number}@example.org", ["", "categorie=A", "categorie=B"][number % 3])
    for category in (Category.A, Category.B, Category.C):
        JobFactory(category=category, published_at=timezone.now() - datetime.timedelta(minutes=5))
    with django_assert_max_num_queries(40):  # Not 30 × anything: per search.
        assert digests.send_digests("daily") == 30
    # Every e-mail came through one SMTP session.
    assert len({m["X-Peer"] for m in smtp.messages}) <= 1


def test_hostile_text_never_comes_out_as_markup(smtp):
    alert("candidate@example.org", "q=<b>juriste</b>")
    JobFactory(
        title='<script>alert(1)</script><img src=x onerror="alert(2)"> juriste <b>',
        location_label="<a href='http://evil.example'>Paris</a>",
        published_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    assert digests.send_digests("daily") == 1
    (message,) = smtp.messages
    text, html = parts(message)
    assert "<script" not in html and "<img" not in html and "evil.example'>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html
    assert "<script>alert(1)</script>" in text  # Plain text is text: nothing runs there.
    assert [href for label, href in html_links(html) if "evil" in href] == []


def test_a_header_never_carries_a_line_break(smtp):
    from alerts import mailing

    subscription = alert("candidate@example.org", "q=juriste%0D%0ABcc:%20victim@example.org")
    assert "\n" in subscription.search.description
    assert mailing.send_already_subscribed(subscription.pk)
    (message,) = smtp.messages
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"].strip()


def test_smtp_outage_then_each_digest_arrives_once(smtp):
    now = timezone.now()
    for number in range(5):
        alert(f"person{number}@example.org")
    JobFactory(published_at=now - datetime.timedelta(minutes=5))
    smtp.server.stop()
    assert digests.send_digests("daily", now=now) == 0
    assert set(Digest.objects.values_list("status", "attempts")) == {("pending", 1)}
    assert "ConnectionRefusedError" in Digest.objects.first().error
    # Still down at the first retry: another wait, longer.
    assert digests.retry_pending(now=now + datetime.timedelta(minutes=6)) == 0
    assert set(Digest.objects.values_list("attempts", flat=True)) == {2}
    smtp.server.start()  # Back, on the same port.
    assert digests.retry_pending(now=now + datetime.timedelta(minutes=10)) == 0  # Not yet due.
    assert digests.retry_pending(now=now + datetime.timedelta(minutes=30)) == 5
    assert digests.retry_pending(now=now + datetime.timedelta(hours=5)) == 0
    assert digests.send_digests("daily", now=now + datetime.timedelta(hours=1)) == 0
    assert sorted(m["To"] for m in smtp.messages) == [f"person{n}@example.org" for n in range(5)]
    assert set(Digest.objects.values_list("status", flat=True)) == {"sent"}


def test_retries_run_out_into_a_recorded_failure(smtp):
    now = timezone.now()
    alert("person@example.org")
    JobFactory(published_at=now - datetime.timedelta(minutes=5))
    smtp.server.stop()
    digests.send_digests("daily", now=now)
    for hours in range(1, 30):
        digests.retry_pending(now=now + datetime.timedelta(hours=hours))
    digest = Digest.objects.get()
    assert digest.status == "failed" and digest.attempts == digests.MAX_ATTEMPTS
    assert digest.error


def test_a_refused_address_is_recorded_and_the_others_sent(smtp):
    alert("gone@example.org")
    alert("here@example.org")
    smtp.refuse = {"gone@example.org"}
    JobFactory(published_at=timezone.now() - datetime.timedelta(minutes=5))
    assert digests.send_digests("daily") == 1
    assert [m["To"] for m in smtp.messages] == ["here@example.org"]
    failed = Digest.objects.get(subscription__email="gone@example.org")
    assert failed.status == "failed" and "550" in failed.error
    assert "550" in Subscription.objects.get(email="gone@example.org").last_error
    assert digests.retry_pending(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_an_interrupted_send_is_failed_not_sent_twice(smtp):
    now = timezone.now()
    subscription = alert("person@example.org")
    Digest.objects.create(
        subscription=subscription,
        period=digests.period_of("daily", now),
        since=now,
        cut=now,
        status="sending",
        batch="killed",
        next_attempt_at=now - datetime.timedelta(hours=2),
    )
    digests.fail_interrupted(now=now)
    assert Digest.objects.get().status == "failed"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_racing_on_the_same_period_send_once(smtp):
    """Two threads, each with its own database connection, run the same period at once."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite in memory has one writer; the worker test races two processes on it")
    now = timezone.now()
    for number in range(40):
        alert(f"person{number}@example.org", ["", "categorie=B"][number % 2])
    JobFactory(category=Category.B, published_at=now - datetime.timedelta(minutes=5))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        from django.db import connections

        try:
            barrier.wait()
            results.append(digests.send_digests("daily", now=now))
        except Exception as error:  # Reported below.
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(results) == 40
    assert sorted(m["To"] for m in smtp.messages) == sorted(
        f"person{n}@example.org" for n in range(40)
    )
    assert Digest.objects.count() == 40
