"""The admin: HR see how many alerts follow each search, never an address; the permission
`alerts.view_subscriber_email` shows the addresses and lets its holder find and erase one."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from alerts.models import Subscription
from tests.alerts.helpers import alert

pytestmark = pytest.mark.django_db


def test_hr_see_counts_per_search_without_addresses(hr_client):
    alert("a@example.org", "categorie=A")
    alert("b@example.org", "categorie=A", "weekly")
    alert("c@example.org", "categorie=A").pause()
    alert("d@example.org")
    page = hr_client.get("/admin/alerts/savedsearch/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Catégorie A" in html and "Toutes les offres d’emploi" in html
    assert "@example.org" not in html
    assert hr_client.get("/admin/alerts/subscription/").status_code == 403
    assert "/admin/alerts/subscription/" not in hr_client.get("/admin/").content.decode()


def test_the_dpo_finds_and_erases_an_address(client, django_user_model):
    user = django_user_model.objects.create_user("dpo", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_subscriber_email"))
    client.force_login(user)
    target = alert("jean.dupont@example.org", "categorie=A")
    alert("jean.dupont@example.org", "categorie=B")
    alert("other@example.org")
    page = client.get("/admin/alerts/subscription/", {"q": " Jean.Dupont@EXAMPLE.org "})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("jean.dupont@example.org") >= 2 and "other@example.org" not in html
    response = client.post(f"/admin/alerts/subscription/{target.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Subscription.objects.filter(pk=target.pk).exists()


def test_erase_an_address_from_the_command_line(capsys):
    alert("jean@example.org", "categorie=A")
    alert("jean@example.org", "categorie=B")
    alert("other@example.org")
    call_command("erase_alert_address", "JEAN@example.org")
    assert "2 alerte(s) effacée(s)" in capsys.readouterr().out
    assert list(Subscription.objects.values_list("email", flat=True)) == ["other@example.org"]
