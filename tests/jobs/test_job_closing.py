"""Closing an offer: when it happened, what the page says, and what staff preview before publishing."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from jobs.choices import State
from jobs.models import Job
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# The day the issue was seen: an offer closed on 2 December 2026, its deadline 16 January 2027.
CLOSING = datetime.datetime(2026, 12, 2, 10, 30, tzinfo=PARIS)
DEADLINE = datetime.date(2027, 1, 16)


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<[^>]+class="[^"]*fr-sr-only[^"]*"[^>]*>.*?</[^>]+>', " ", html, flags=re.S)
    html = re.sub(r"</?(time|strong|a|span|em)\b[^>]*>", "", html)  # Inline: no word break.
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def published_offer():
    return JobFactory(
        published_at=CLOSING - datetime.timedelta(days=20),
        deadline=DEADLINE,
        vacancy_date=DEADLINE + datetime.timedelta(days=30),
    )


def test_close_records_the_moment_and_stops_applications():
    job = published_offer()
    with time_machine.travel(CLOSING, tick=False):
        assert job.close() is True
    job.refresh_from_db()
    assert job.state == State.CLOSED
    assert job.closed_at == CLOSING
    assert job.closed_early
    assert job not in Job.objects.open()


def test_only_a_published_offer_closes():
    draft = JobFactory(state=State.DRAFT)
    assert draft.close() is False
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.closed_at is None


def test_an_offer_put_back_online_forgets_its_closing():
    job = published_offer()
    job.close(CLOSING)
    job.state = State.PUBLISHED
    job.save(update_fields=["state"])
    job.refresh_from_db()
    assert job.closed_at is None


def test_the_close_action_stamps_the_closing_moment(hr_client):
    job = published_offer()
    with time_machine.travel(CLOSING, tick=False):
        hr_client.post(
            reverse("admin:jobs_job_changelist"), {"action": "close", "_selected_action": [job.pk]}
        )
    job.refresh_from_db()
    assert (job.state, job.closed_at) == (State.CLOSED, CLOSING)


def test_an_offer_closed_early_gives_its_real_closing_date(client):
    job = published_offer()
    job.close(CLOSING)
    with time_machine.travel(CLOSING + datetime.timedelta(hours=2), tick=False):
        text = visible_text(client.get(job.get_absolute_url()))
    assert (
        "Cette offre a été clôturée le 2 décembre 2026, avant sa date limite (16 janvier 2027)"
        in text
    )
    assert "depuis le 16 janvier 2027" not in text
    # The deadline is no longer announced as a date to apply by.
    assert "Date limite de candidature : 16 janvier 2027, 23 h 59" not in text
    assert "Date limite de candidature prévue : 16 janvier 2027" in text
    assert "Postuler" not in text


def test_an_offer_whose_deadline_passed_says_until_when_it_was_open(client):
    job = published_offer()
    with time_machine.travel(datetime.datetime(2027, 1, 20, 9, tzinfo=PARIS), tick=False):
        text = visible_text(client.get(job.get_absolute_url()))
    assert "Les candidatures étaient ouvertes jusqu’au 16 janvier 2027, 23 h 59" in text
    assert "clôturée" not in text
    assert "Postuler" not in text


def test_a_draft_preview_shows_postuler_as_the_public_will_see_it(hr_client):
    draft = JobFactory(state=State.DRAFT, application_url="", application_email="rh@ofpra.gouv.fr")
    text = visible_text(hr_client.get(draft.get_absolute_url()))
    assert "Aperçu réservé à l’équipe RH" in text
    assert "telle que le public la verra une fois publiée" in text
    assert "Candidatures closes" not in text
    assert "Candidatures ouvertes" in text
    assert "Postuler" in text
    assert "rh@ofpra.gouv.fr" in text


def test_a_published_offer_is_not_marked_as_a_preview(hr_client):
    job = JobFactory()
    text = visible_text(hr_client.get(job.get_absolute_url()))
    assert "Aperçu" not in text


def test_en_bref_says_since_when_a_closed_offer_is_closed(client):
    job = published_offer()
    job.close(CLOSING)
    text = visible_text(client.get(job.get_absolute_url()))
    assert "Candidatures closes Depuis le 2 décembre 2026" in text


def test_a_draft_preview_gives_the_day_it_would_go_online(hr_client):
    draft = JobFactory(state=State.DRAFT, published_at=CLOSING - datetime.timedelta(days=60))
    with time_machine.travel(CLOSING, tick=False):
        text = visible_text(hr_client.get(draft.get_absolute_url()))
    assert "En ligne depuis le 2 décembre 2026" in text
