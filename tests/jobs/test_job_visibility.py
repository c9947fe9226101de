"""Which offers the public sees, with time pinned (Paris time matters for the deadline)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from jobs.choices import State
from jobs.models import Job
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOON = datetime.datetime(2025, 3, 10, 12, 0, tzinfo=PARIS)


def at(day, hour, minute=0, second=0):
    return datetime.datetime(2025, 3, day, hour, minute, second, tzinfo=PARIS)


@pytest.fixture
def noon():
    with time_machine.travel(NOON, tick=False):
        yield


def listed(client):
    return list(client.get(reverse("jobs:list")).context["jobs"])


def test_list_shows_open_offers(client, noon):
    job = JobFactory(published_at=at(9, 9), deadline=datetime.date(2025, 4, 30))
    assert listed(client) == [job]


def test_list_hides_offers_scheduled_for_tomorrow(client, noon):
    scheduled = JobFactory(published_at=at(11, 8), deadline=datetime.date(2025, 4, 30))
    assert scheduled not in listed(client)
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_scheduled_offer_appears_once_its_publication_time_comes(client):
    job = JobFactory(published_at=at(11, 8), deadline=datetime.date(2025, 4, 30))
    with time_machine.travel(at(11, 7, 59), tick=False):
        assert job not in listed(client)
    with time_machine.travel(at(11, 8, 0, 1), tick=False):
        assert job in listed(client)


def test_offer_stays_open_until_2359_paris_time_on_its_deadline(client):
    job = JobFactory(published_at=at(1, 9), deadline=datetime.date(2025, 3, 10))
    with time_machine.travel(at(10, 23, 59, 30), tick=False):
        assert job in listed(client)
        assert "Postuler" in client.get(job.get_absolute_url()).content.decode()
    with time_machine.travel(at(11, 0, 0, 1), tick=False):
        assert job not in listed(client)


def test_offer_past_its_deadline_keeps_its_page_with_a_closed_notice(client):
    job = JobFactory(published_at=at(1, 9), deadline=datetime.date(2025, 3, 9))
    with time_machine.travel(NOON, tick=False):
        response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Candidatures closes" in html
    assert "job-apply" not in html
    assert "application/ld+json" not in html


def test_offer_closed_by_hr_leaves_the_list_but_keeps_its_page(client, noon):
    job = JobFactory(published_at=at(1, 9), deadline=datetime.date(2025, 4, 30), state=State.CLOSED)
    assert job not in listed(client)
    response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    assert "Candidatures closes" in response.content.decode()


@pytest.mark.parametrize("state", [State.DRAFT, State.ARCHIVED])
def test_drafts_and_archived_offers_answer_404_to_the_public(client, noon, state):
    job = JobFactory(published_at=at(1, 9), deadline=datetime.date(2025, 4, 30), state=state)
    assert job not in listed(client)
    assert client.get(job.get_absolute_url()).status_code == 404


def test_hr_staff_can_preview_a_draft(client, django_user_model, noon):
    job = JobFactory(state=State.DRAFT, published_at=at(1, 9), deadline=datetime.date(2025, 4, 30))
    editor = django_user_model.objects.create_user("rh", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_job"))
    client.force_login(editor)
    response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    assert "Aperçu réservé à l’équipe RH" in response.content.decode()


def test_open_queryset_matches_what_the_list_shows(client, noon):
    JobFactory(published_at=at(1, 9), deadline=datetime.date(2025, 4, 30))
    JobFactory(published_at=at(1, 9), deadline=datetime.date(2025, 3, 1))
    JobFactory(published_at=at(1, 9), deadline=datetime.date(2025, 4, 30), state=State.DRAFT)
    assert listed(client) == list(Job.objects.open())
    assert Job.objects.open().count() == 1
    assert Job.objects.visible().count() == 2
