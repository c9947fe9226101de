"""The admin speaks French as HR staff write it, where our templates control the words."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_editor_with_no_action_yet_reads_a_sentence_not_aucun_e_disponible(client):
    editor = User.objects.create_user("rh", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="RH"))
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Aucun(e) disponible" not in html
    assert "Vous n’avez encore rien modifié." in html
    assert "Offres d’emploi" in html  # The rest of Django's page is still there.


def test_the_profile_form_and_its_save_message_name_the_profile(hr_client):
    from tests.factories import EmployerFactory
    from tests.servers import FormReader

    employer = EmployerFactory()
    url = reverse("admin:employer_employer_change", args=[employer.pk])
    html = hr_client.get(url).content.decode()
    assert "<h1>Modifier le profil</h1>" in html
    assert "Modification de profil" not in html
    form = FormReader()
    form.feed(html)
    fields = dict(form.fields)
    fields["name"] = "Office français de protection des réfugiés et apatrides (Ofpra)"
    response = hr_client.post(url, {**fields, "_continue": "1"}, follow=True)
    text = response.content.decode()
    assert "Le profil est enregistré." in text
    assert "a été modifié avec succès" not in text
    assert f'href="{reverse("pages:home")}">Voir la page d’accueil du site</a>' in text
