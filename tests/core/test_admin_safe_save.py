"""An editor's save is atomic, and a save the database refuses keeps what the editor typed."""

from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.db import OperationalError, connection
from django.urls import reverse
from pytest_django.asserts import assertContains

from employer.models import KeyFigure, Mission
from jobs.models import Job
from tests.admin_forms import change_form_data, change_url, form_data, new_offer_data
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

KEPT = "Vos saisies sont conservées ci-dessous"
DOWN = OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def employer_hr_client(client, django_user_model):
    """A staff account with the employer app's permissions and nothing else."""
    user = django_user_model.objects.create_user("rh.profil", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="employer"))
    client.force_login(user)
    return client


def failing_in_the_database(self, *args, **kwargs):
    """A save that reaches the database and fails there (a real SQL error, not a Python one)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO table_that_does_not_exist (id) VALUES (1)")


def test_profile_and_its_parts_are_saved_together_or_not_at_all(employer_hr_client, employer):
    data = change_form_data(employer_hr_client.get(change_url(employer)))
    data["tagline"] = "Une devise changée"
    data["missions-0-text"] = "Une mission modifiée."
    data["missions-TOTAL_FORMS"] = 3
    data["missions-2-position"] = 3
    data["missions-2-text"] = "Une mission ajoutée."
    data["missions-2-employer"] = employer.pk
    data["key_figures-0-value"] = "+2 000"  # Saved after the missions: this one fails.

    with mock.patch.object(KeyFigure, "save", failing_in_the_database):
        response = employer_hr_client.post(change_url(employer), data)

    # Nothing of the save is left: not the profile, not the missions saved before the failure.
    employer.refresh_from_db()
    assert employer.tagline == "À l'écoute du monde"
    assert list(Mission.objects.values_list("text", flat=True)) == [
        "Instruire les demandes d'asile.",
        "Protéger les réfugiés et apatrides.",
    ]
    assert KeyFigure.objects.get().value == "+1 000"
    # The editor is told, and finds the form as they filled it in.
    assert response.status_code == 200
    assertContains(response, KEPT)
    assertContains(response, "Une devise changée")
    assertContains(response, "Une mission modifiée.")
    assertContains(response, "Une mission ajoutée.")
    assertContains(response, "+2 000")


def test_new_offer_whose_save_fails_is_shown_again_with_what_was_typed(hr_client):
    data = new_offer_data(title="Juriste en droit d'asile (H/F)", salary="Grille indiciaire B")

    with mock.patch.object(Job, "save", side_effect=DOWN):
        response = hr_client.post(reverse("admin:jobs_job_add"), data)

    assert response.status_code == 200
    assert not Job.objects.exists()
    assertContains(response, "L’enregistrement a échoué")
    assertContains(response, KEPT)
    form = response.context["adminform"].form
    assert form["title"].value() == "Juriste en droit d'asile (H/F)"
    assert form["salary"].value() == "Grille indiciaire B"


def test_changed_offer_whose_save_fails_keeps_the_edit_and_the_stored_offer(hr_client):
    job = JobFactory(title="Gestionnaire RH")
    data = form_data(job, title="Gestionnaire RH confirmé", missions="De nouvelles missions.")

    with mock.patch.object(Job, "save", side_effect=DOWN):
        response = hr_client.post(reverse("admin:jobs_job_change", args=[job.pk]), data)

    assert response.status_code == 200
    assertContains(response, KEPT)
    assertContains(response, "Gestionnaire RH confirmé")
    assertContains(response, "De nouvelles missions.")
    job.refresh_from_db()
    assert job.title == "Gestionnaire RH"


def test_the_next_save_goes_through_once_the_database_answers_again(hr_client):
    data = new_offer_data(title="Officier de protection")
    with mock.patch.object(Job, "save", side_effect=DOWN):
        hr_client.post(reverse("admin:jobs_job_add"), data)

    response = hr_client.post(reverse("admin:jobs_job_add"), data)

    assert response.status_code == 302
    assert Job.objects.get().title == "Officier de protection"
