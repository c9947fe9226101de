"""HR staff read who changed an offer or the agency profile, when and what, and restore a version."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from jobs.choices import State
from jobs.models import Job
from tests.admin_forms import change_form_data, form_data, run_action
from tests.factories import (
    EmployerFactory,
    JobFactory,
    KeyFigureFactory,
    MissionFactory,
    PerkFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db


def versions(obj):
    return list(Version.objects.get_for_object(obj).order_by("pk"))


# Offers -------------------------------------------------------------------------------------------


def edit_offer(client, job, **changes):
    response = client.post(
        reverse("admin:jobs_job_change", args=[job.pk]), form_data(job, **changes)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    job.refresh_from_db()


def test_each_save_of_an_offer_is_kept_with_who_and_what(hr_client):
    job = JobFactory(title="Assistant(e) de direction")
    edit_offer(hr_client, job, title="Assistant(e) de direction générale")
    edit_offer(hr_client, job, title="Assistant(e) du directeur général")

    kept = versions(job)
    assert [version.field_dict["title"] for version in kept] == [
        "Assistant(e) de direction générale",
        "Assistant(e) du directeur général",
    ]
    assert {version.revision.user.username for version in kept} == {"agent.rh"}

    history = hr_client.get(reverse("admin:jobs_job_history", args=[job.pk]))
    assert history.status_code == 200
    assertContains(history, "agent.rh")
    assertContains(history, "Intitulé du poste")  # What changed, from the admin's log.
    for version in kept:
        assertContains(history, reverse("admin:jobs_job_revision", args=[job.pk, version.pk]))


def test_hr_staff_restore_an_earlier_version_of_an_offer(hr_client, client):
    job = JobFactory(title="Chargé(e) de mission")
    edit_offer(hr_client, job, title="Chargé(e) de mission RH", missions="Première version.")
    edit_offer(hr_client, job, title="Chargé(e) de mission SI", missions="Seconde version.")
    first = versions(job)[0]
    url = reverse("admin:jobs_job_revision", args=[job.pk, first.pk])

    # The page shows the old version in the form, without changing anything yet.
    preview = hr_client.get(url)
    assert preview.status_code == 200
    assert preview.context["adminform"].form["title"].value() == "Chargé(e) de mission RH"
    job.refresh_from_db()
    assert job.title == "Chargé(e) de mission SI"

    old = first._object_version.object
    response = hr_client.post(url, form_data(old))
    assert response.status_code == 302

    job.refresh_from_db()
    assert job.title == "Chargé(e) de mission RH"
    assert job.missions == "Première version."
    assert "Chargé(e) de mission RH" in client.get(job.get_absolute_url()).content.decode()
    assert len(versions(job)) == 3  # The restoration is itself kept.


@pytest.mark.parametrize("action", ["publish", "close", "archive"])
def test_admin_actions_are_kept_in_the_history(hr_client, action):
    state = State.DRAFT if action == "publish" else State.PUBLISHED
    job = JobFactory(state=state)
    run_action(hr_client, action, [job])
    job.refresh_from_db()
    assert job.state != state
    kept = versions(job)
    assert len(kept) == 1
    assert kept[0].field_dict["state"] == job.state
    assert kept[0].revision.user.username == "agent.rh"


def test_duplicates_start_their_own_history(hr_client):
    job = JobFactory()
    run_action(hr_client, "duplicate", [job])
    copy = Job.objects.exclude(pk=job.pk).get()
    assert len(versions(copy)) == 1


# The agency profile -------------------------------------------------------------------------------


@pytest.fixture
def employer():
    employer = EmployerFactory(tagline="À l'écoute du monde")
    MissionFactory(employer=employer, position=1, text="Instruire les demandes d'asile.")
    KeyFigureFactory(employer=employer, value="+1 000", label="Agents")
    TestimonialFactory(employer=employer)
    PerkFactory(employer=employer, title="Une riche offre de formation")
    return employer


def edit_profile(client, employer, **changes):
    url = reverse("admin:employer_employer_change", args=[employer.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    employer.refresh_from_db()


def test_hr_staff_restore_an_earlier_version_of_the_profile_and_its_parts(hr_client, employer):
    edit_profile(hr_client, employer, tagline="Version 1", **{"key_figures-0-value": "+1 100"})
    edit_profile(hr_client, employer, tagline="Version 2", **{"key_figures-0-value": "+1 200"})
    # A mission added since the first version: restoring that version removes it.
    edit_profile(
        hr_client,
        employer,
        **{
            "missions-TOTAL_FORMS": 2,
            "missions-1-position": 2,
            "missions-1-text": "Accueillir les demandeurs.",
            "missions-1-employer": employer.pk,
        },
    )
    assert employer.missions.count() == 2

    history = hr_client.get(reverse("admin:employer_employer_history", args=[employer.pk]))
    assert history.status_code == 200
    assertContains(history, "agent.rh")
    first = versions(employer)[0]
    # A version of the profile holds its parts as they were.
    assert {v.object_repr for v in first.revision.version_set.all()} >= {"+1 100 Agents"}

    url = reverse("admin:employer_employer_revision", args=[employer.pk, first.pk])
    preview = hr_client.get(url)
    assert preview.status_code == 200
    response = hr_client.post(url, change_form_data(preview))
    assert response.status_code == 302

    employer.refresh_from_db()
    assert employer.tagline == "Version 1"
    assert employer.key_figures.get().value == "+1 100"
    assert list(employer.missions.values_list("text", flat=True)) == [
        "Instruire les demandes d'asile."
    ]
    assert "Version 1" in hr_client.get("/").content.decode()


def as_a_browser_sends_it(data):
    """Browsers send every textarea with CRLF line endings (HTML's form submission rules)."""
    return {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in data.items()
    }


def test_saving_the_profile_untouched_records_no_change(hr_client, employer):
    url = reverse("admin:employer_employer_change", args=[employer.pk])
    edit_profile(hr_client, employer, tagline="Une première modification")
    kept = len(versions(employer))
    updated_at = employer.updated_at
    perk = employer.perks.get()
    assert "\n" in perk.text and "\n" in perk.items

    response = hr_client.post(url, as_a_browser_sends_it(change_form_data(hr_client.get(url))))

    assert response.status_code == 302
    assert len(versions(employer)) == kept
    employer.refresh_from_db()
    assert employer.updated_at == updated_at
    perk.refresh_from_db()
    assert "\r" not in perk.text + perk.items
    entry = LogEntry.objects.filter(object_id=str(employer.pk)).latest("action_time")
    assert entry.get_change_message() == "Aucun champ modifié."
    history = hr_client.get(reverse("admin:employer_employer_history", args=[employer.pk]))
    assertNotContains(history, "Liste à puces")


def test_line_endings_typed_in_any_profile_textarea_are_stored_as_newlines(hr_client, employer):
    edit_profile(
        hr_client,
        employer,
        about="Premier paragraphe.\r\n\r\nSecond paragraphe.",
        **{
            "missions-0-text": "Instruire\r\nles demandes.",
            "perks-0-items": "Une cantine\r\nDes congés",
            "testimonials-0-transcript": "Bonjour.\r\n\r\nAu revoir.",
        },
    )

    assert employer.about == "Premier paragraphe.\n\nSecond paragraphe."
    assert employer.missions.get().text == "Instruire\nles demandes."
    assert employer.perks.get().items == "Une cantine\nDes congés"
    assert employer.testimonials.get().transcript == "Bonjour.\n\nAu revoir."


def test_a_change_to_one_part_keeps_a_version_of_the_whole_profile(hr_client, employer):
    url = reverse("admin:employer_employer_change", args=[employer.pk])
    data = as_a_browser_sends_it(change_form_data(hr_client.get(url)))
    data["perks-0-title"] = "Une offre de formation plus riche encore"

    assert hr_client.post(url, data).status_code == 302

    latest = versions(employer)[-1]
    kept = {version.object_repr for version in latest.revision.version_set.all()}
    assert {str(employer), "Une offre de formation plus riche encore", "+1 000 Agents"} <= kept
    entry = LogEntry.objects.filter(object_id=str(employer.pk)).latest("action_time")
    assert "Titre" in entry.get_change_message()
    assert "Liste à puces" not in entry.get_change_message()
