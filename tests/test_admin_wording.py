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
