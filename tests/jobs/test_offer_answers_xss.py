"""Hostile text in the offer's new free-text fields (process steps, public changes, the pay's
words) never comes out as markup: not on the offer page, a card, the .ics, nor the JSON-LD."""

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.choices import RecruitmentStatus
from jobs.models import Job, ProcessStep, PublicChange, RecruitmentUpdate
from tests.factories import JobFactory
from tests.xss import PAYLOADS, executable_markup, payload_values

pytestmark = pytest.mark.django_db


def hostile_offer(payload, **fields):
    job = JobFactory(
        **payload_values(Job, payload),
        salary_min=2500,
        salary_max=3100,
        index_min=390,
        index_max=534,
        deadline=timezone.localdate() + timezone.timedelta(days=3),
        **fields,
    )
    for model in (ProcessStep, PublicChange):
        model.objects.create(job=job, **payload_values(model, payload))
    return job


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_an_open_offer_stays_text(client, payload):
    job = hostile_offer(payload)
    assert ProcessStep.objects.get(job=job).label and PublicChange.objects.get(job=job).text
    for url in [job.get_absolute_url(), reverse("jobs:list")]:
        response = client.get(url)
        assert response.status_code == 200
        assert executable_markup(response.content.decode()) == [], url
    # The .ics is text, never a page: calendars show its fields as typed, and no browser
    # renders it (an attachment, with nosniff). Its lines parse back to exactly the title.
    ics = client.get(
        reverse("jobs:deadline_ics", kwargs={"reference": job.reference, "slug": job.slug})
    )
    assert ics.status_code == 200
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert ics["Content-Disposition"].startswith("attachment;")
    assert ics["X-Content-Type-Options"] == "nosniff"
    [event] = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert (
        str(event["summary"]) == f"Date limite de candidature : {job.title} (Réf. {job.reference})"
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_a_closed_offer_stays_text(client, payload):
    job = hostile_offer(payload)
    new = JobFactory(**payload_values(Job, payload))
    job.close()
    RecruitmentUpdate.objects.create(
        job=job, status=RecruitmentStatus.REPUBLISHED, date=job.closed_on, new_offer=new
    )
    response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    assert "fr-stepper" in response.content.decode()
    assert executable_markup(response.content.decode()) == []
