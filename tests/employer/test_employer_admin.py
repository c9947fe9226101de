"""HR staff edit the whole agency page on one admin screen."""

import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from employer.models import Employer
from tests.admin_forms import change_form_data, change_url

pytestmark = pytest.mark.django_db


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


# The long form: buttons at the top, folding sections, errors that link to their field ----------


def test_profile_form_has_save_buttons_at_the_top_too(hr_client, employer):
    content = hr_client.get(change_url(employer)).content.decode()

    form = content[content.index('id="employer_form"') :]
    assert form.count('name="_save"') == 2
    # The first « Enregistrer » comes before the first section.
    assert form.index('name="_save"') < form.index("<fieldset")


def test_profile_sections_and_parts_fold(hr_client, employer):
    response = hr_client.get(change_url(employer))

    fieldsets = list(response.context["adminform"])
    assert not fieldsets[0].is_collapsible  # Name, tagline, about: what HR edit most.
    assert all(fieldset.is_collapsible for fieldset in fieldsets[1:])
    assert all(inline.is_collapsible for inline in response.context["inline_admin_formsets"])
    content = response.content.decode()
    assert content.count("<details") == len(fieldsets) - 1 + 5


def test_error_summary_links_to_each_faulty_field(hr_client, employer):
    data = change_form_data(hr_client.get(change_url(employer)))
    data["name"] = ""
    data["key_figures-0-value"] = ""
    data["photos-0-alt_text"] = ""

    response = hr_client.post(change_url(employer), data)

    assert response.status_code == 200
    content = response.content.decode()
    summary = content[content.index("employer-error-summary") :]
    summary = summary[: summary.index("</div>")]
    assert "3 erreurs empêchent l’enregistrement" in summary
    assert '<a href="#id_name">Nom&nbsp;: Ce champ est obligatoire.</a>' in summary
    assert (
        '<a href="#id_key_figures-0-value">Chiffre clé n°\xa01, Chiffre&nbsp;: '
        "Ce champ est obligatoire.</a>"
    ) in summary
    assert '<a href="#photos-0">Photo n°\xa01&nbsp;: Renseignez le texte alternatif' in summary
    # Each link leads to an element of the page, in a section that opens because of the error.
    for anchor in ["id_name", "id_key_figures-0-value", "photos-0"]:
        assert f'id="{anchor}"' in content
    inlines = {
        inline.formset.prefix: inline for inline in response.context["inline_admin_formsets"]
    }
    assert not inlines["key_figures"].is_collapsible
    assert not inlines["photos"].is_collapsible
    assert inlines["perks"].is_collapsible


# French wording and safety -------------------------------------------------------------------------


def test_add_links_of_the_parts_read_as_french(hr_client, employer):
    response = hr_client.get(change_url(employer))

    add_texts = [
        json.loads(inline.inline_formset_data())["options"]["addText"]
        for inline in response.context["inline_admin_formsets"]
    ]
    assert add_texts == [
        "Ajouter une mission",
        "Ajouter un chiffre clé",
        "Ajouter une photo",
        "Ajouter un témoignage",
        "Ajouter un atout",
    ]
    assert "Ajouter un objet" not in response.content.decode()


@pytest.fixture
def rh_member_client(client, django_user_model):
    """A member of the « RH » group, with exactly the rights the migrations give it."""
    user = django_user_model.objects.create_user("membre.rh", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="RH"))
    client.force_login(user)
    return client, user


def test_rh_group_edits_the_profile_and_its_parts_but_cannot_delete_the_profile(
    rh_member_client, employer
):
    client, user = rh_member_client

    assert not user.has_perm("employer.delete_employer")
    assert user.has_perm("employer.change_employer")
    assert user.has_perm("employer.delete_perk")  # Parts are still removed in their inline.
    delete_url = reverse("admin:employer_employer_delete", args=[employer.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Employer.objects.filter(pk=employer.pk).exists()
    change_page = client.get(change_url(employer)).content.decode()
    assert delete_url not in change_page
    assert 'name="perks-0-DELETE"' in change_page


def test_nobody_deletes_the_profile_from_the_admin(admin_client, employer):
    delete_url = reverse("admin:employer_employer_delete", args=[employer.pk])

    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Employer.objects.filter(pk=employer.pk).exists()


@pytest.mark.parametrize("who", ["rh", "superuser"])
def test_offer_form_offers_no_deletion_of_the_profile(
    who, rh_member_client, admin_client, employer
):
    client = rh_member_client[0] if who == "rh" else admin_client

    content = client.get(reverse("admin:jobs_job_add")).content.decode()

    assert 'id="id_employer"' in content
    assert 'id="delete_id_employer"' not in content
    assert reverse("admin:employer_employer_delete", args=["__fk__"]) not in content


# Logo and demo images ------------------------------------------------------------------------------


def test_hr_staff_upload_a_logo(hr_client, employer):
    data = change_form_data(hr_client.get(change_url(employer)))
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (0, 0, 145)).save(buffer, "PNG")
    data["logo"] = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")

    response = hr_client.post(change_url(employer), data)

    assert response.status_code == 302, response.context["errors"]
    employer.refresh_from_db()
    assert employer.logo.name.startswith("employer/logo")
    assert employer.logo.url in hr_client.get(change_url(employer)).content.decode()


def test_admin_says_which_images_are_demo_ones_to_replace(hr_client, employer):
    photo = employer.photos.get()
    photo.image.name = "employer/photos/demo-hall-accueil-1.png"
    photo.save()

    content = hr_client.get(change_url(employer)).content.decode()

    assert (
        "Images de démonstration, à remplacer par les vôtres&nbsp;: "
        "la photo « Hall d&#x27;accueil »."
    ) in content


def test_admin_says_nothing_of_demo_images_once_replaced(hr_client, employer):
    content = hr_client.get(change_url(employer)).content.decode()

    assert "Images de démonstration" not in content
