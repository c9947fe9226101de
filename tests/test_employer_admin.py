"""HR staff edit the whole agency page on one admin screen."""

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.urls import reverse

from employer.models import Employer
from tests.factories import (
    EmployerFactory,
    KeyFigureFactory,
    MissionFactory,
    PerkFactory,
    PhotoFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_client(client, django_user_model):
    """A staff account with the employer app's permissions and nothing else."""
    user = django_user_model.objects.create_user("rh", password="motdepasse", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="employer"))
    client.force_login(user)
    return client


@pytest.fixture
def employer():
    employer = EmployerFactory()
    MissionFactory(employer=employer, position=1, text="Instruire les demandes d'asile.")
    MissionFactory(employer=employer, position=2, text="Protéger les réfugiés et apatrides.")
    KeyFigureFactory(employer=employer, value="+1 000", label="Agents")
    PhotoFactory(employer=employer, caption="Hall d'accueil")
    TestimonialFactory(employer=employer)
    PerkFactory(employer=employer, title="Une riche offre de formation")
    return employer


def change_url(employer):
    return reverse("admin:employer_employer_change", args=[employer.pk])


def change_form_data(response):
    """The POST data the browser sends when the editor saves the change form untouched."""
    all_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        all_forms.append(inline.formset.management_form)
        all_forms.extend(inline.formset.forms)
    data = {}
    for form in all_forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.FileField) or value is None:
                continue  # An empty file input keeps the stored file.
            if isinstance(field, forms.BooleanField):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = value
    return data


def test_hr_staff_loads_the_whole_profile_on_one_page(hr_client, employer):
    response = hr_client.get(change_url(employer))

    assert response.status_code == 200
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["missions", "key_figures", "photos", "testimonials", "perks"]
    for label in ["Nos missions", "Chiffres clés", "Nous découvrir en images", "Nos atouts"]:
        assert label in response.content.decode()
    assert "Instruire les demandes d&#x27;asile." in response.content.decode()


def test_hr_staff_saves_edits(hr_client, employer):
    data = change_form_data(hr_client.get(change_url(employer)))
    data["tagline"] = "À l'écoute du monde entier"
    data["key_figures-0-value"] = "+1 100"

    response = hr_client.post(change_url(employer), data)

    assert response.status_code == 302, response.context["errors"]
    employer.refresh_from_db()
    assert employer.tagline == "À l'écoute du monde entier"
    assert employer.key_figures.get().value == "+1 100"
    assert "+1 100" in hr_client.get("/").content.decode()


def test_hr_staff_adds_a_mission_inline(hr_client, employer):
    data = change_form_data(hr_client.get(change_url(employer)))
    data["missions-TOTAL_FORMS"] = 3
    data["missions-2-position"] = 3
    data["missions-2-text"] = "Accueillir les demandeurs."
    data["missions-2-employer"] = employer.pk

    response = hr_client.post(change_url(employer), data)

    assert response.status_code == 302
    assert list(employer.missions.values_list("text", flat=True))[-1] == (
        "Accueillir les demandeurs."
    )


def test_reordering_missions_changes_the_home_page(hr_client, employer):
    data = change_form_data(hr_client.get(change_url(employer)))
    data["missions-0-position"] = 2
    data["missions-1-position"] = 1

    response = hr_client.post(change_url(employer), data)

    assert response.status_code == 302
    content = hr_client.get("/").content.decode()
    assert content.index("Protéger les réfugiés") < content.index("Instruire les demandes")


def test_second_profile_is_refused(hr_client, employer):
    assert hr_client.get(reverse("admin:employer_employer_add")).status_code == 403
    changelist = hr_client.get(reverse("admin:employer_employer_changelist"))
    assert changelist.status_code == 200
    assert reverse("admin:employer_employer_add") not in changelist.content.decode()
    assert Employer.objects.count() == 1


def test_first_profile_can_be_added(hr_client):
    response = hr_client.get(reverse("admin:employer_employer_add"))

    assert response.status_code == 200


def test_photo_without_alt_text_gets_a_french_error(hr_client, employer):
    data = change_form_data(hr_client.get(change_url(employer)))
    data["photos-0-alt_text"] = ""

    response = hr_client.post(change_url(employer), data)

    assert response.status_code == 200
    assert "Renseignez le texte alternatif, ou cochez « photo décorative »." in (
        response.content.decode()
    )
    assert employer.photos.get().alt_text != ""


def test_change_page_previews_the_resized_photo(hr_client, employer):
    photo = employer.photos.get()

    response = hr_client.get(change_url(employer))

    assert photo.resized.url in response.content.decode()


def test_staff_without_employer_permissions_cannot_edit(client, django_user_model, employer):
    user = django_user_model.objects.create_user("autre", password="motdepasse", is_staff=True)
    client.force_login(user)

    assert client.get(change_url(employer)).status_code == 403
