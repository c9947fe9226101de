"""The admin's door: failed logins are limited, HR staff cannot hand out rights."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertTemplateUsed

pytestmark = pytest.mark.django_db

PASSWORD = "un mot de passe solide 42"
LOCKED_OUT = "Connexion temporairement bloquée"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("rh.editeur", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="RH"))
    return user


def log_in(client, username, password, address="192.0.2.10"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def fail(client, username, times, address="192.0.2.10"):
    """Failed attempts; the one that reaches the limit is answered with the lockout page."""
    return [
        log_in(client, username, "mauvais mot de passe", address).status_code for _ in range(times)
    ]


def test_right_password_logs_in(client, editor):
    response = log_in(client, "rh.editeur", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_four_failures_do_not_lock_the_account(client, editor):
    assert fail(client, "rh.editeur", 4) == [200] * 4  # The login form again, with its error.
    assert log_in(client, "rh.editeur", PASSWORD).status_code == 302


def test_five_failures_lock_the_account_even_with_the_right_password(client, editor):
    assert fail(client, "rh.editeur", 5) == [200] * 4 + [429]
    response = log_in(client, "rh.editeur", PASSWORD)
    assert response.status_code == 429
    assertTemplateUsed(response, "admin/lockout.html")
    assertContains(response, LOCKED_OUT, status_code=429)
    assertContains(response, "pendant 15 minutes", status_code=429)
    assert "_auth_user_id" not in client.session


def test_an_account_is_locked_from_every_address(client, editor):
    for index in range(5):
        fail(client, "rh.editeur", 1, address=f"198.51.100.{index}")
    assert log_in(client, "rh.editeur", PASSWORD, address="203.0.113.7").status_code == 429


def test_an_address_is_locked_whatever_the_account(client, editor):
    for index in range(5):
        fail(client, f"inconnu{index}", 1, address="198.51.100.99")
    assert log_in(client, "rh.editeur", PASSWORD, address="198.51.100.99").status_code == 429
    # Another editor, from another address, is not affected.
    assert log_in(client, "rh.editeur", PASSWORD, address="203.0.113.8").status_code == 302


def test_lockout_ends_after_the_cool_off(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "rh.editeur", 5)
        assert log_in(client, "rh.editeur", PASSWORD).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        assert log_in(client, "rh.editeur", PASSWORD).status_code == 302


def test_behind_the_proxy_the_forwarded_address_is_locked(client, editor, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = reverse("admin:login")
    for _ in range(5):
        client.post(
            url,
            {"username": "x", "password": "y"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.5",
        )
    # The proxy's own address is not locked: other editors behind it still log in.
    response = client.post(
        url,
        {"username": "rh.editeur", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_user_changelist",
        "admin:auth_user_add",
        "admin:auth_group_changelist",
        "admin:auth_group_add",
    ],
)
def test_hr_staff_cannot_manage_users_or_permissions(client, editor, url_name):
    client.force_login(editor)
    assert client.get(reverse(url_name)).status_code == 403


def test_hr_staff_cannot_change_their_own_account(client, editor):
    client.force_login(editor)
    url = reverse("admin:auth_user_change", args=[editor.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"username": "rh.editeur", "is_superuser": "on"})
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_hr_group_has_no_rights_on_users_groups_or_permissions():
    codenames = Group.objects.get(name="RH").permissions.values_list(
        "content_type__app_label", flat=True
    )
    assert not {"auth", "axes"} & set(codenames)
