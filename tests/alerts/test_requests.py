"""The form and the links: bad input, unknown filters, the rate limits, the honeypot, tampered and
expired links. Each gets a clear French answer, never an error page."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from alerts.models import AccessToken, SavedSearch, Subscription
from tests.alerts.conftest import link

pytestmark = pytest.mark.django_db


def post(client, email="candidate@example.org", query="", **extra):
    return client.post("/alertes/", {"email": email, "frequency": "daily", "query": query, **extra})


def test_the_form_restates_the_search_in_words(client):
    page = client.get("/alertes/?localisation=94&domaine=GRH&categorie=A&tri=date-limite&page=3")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<li>Ressources humaines</li>" in html and "<li>Catégorie A</li>" in html
    assert "Val-de-Marne" in html
    # The saved search is canonical: the form's order, slugs, no sort nor page.
    assert 'value="domaine=ressources-humaines&amp;categorie=A&amp;localisation=94"' in html


def test_every_offer_when_there_is_no_filter(client):
    page = client.get("/alertes/")
    assert "Toutes les offres d’emploi, sans filtre." in page.content.decode()


def test_unknown_filters_are_named(client):
    page = client.get("/alertes/?domaine=astrologie&categorie=Z&couleur=bleu")
    html = page.content.decode()
    assert page.status_code == 200
    assert "ne correspondent à aucun filtre" in html
    assert "domaine=astrologie" in html and "categorie=Z" in html and "couleur=bleu" in html


def test_a_tampered_search_is_refused(client, smtp, commit):
    response = post(client, query="domaine=astrologie")
    assert response.status_code == 400
    assert "critères inconnus" in response.content.decode()
    assert not Subscription.objects.exists() and smtp.messages == []


@pytest.mark.parametrize(
    "address, message",
    [
        ("", "Saisissez votre adresse électronique."),
        ("pas-une-adresse", "Saisissez une adresse électronique valide"),
        ("a@b", "Saisissez une adresse électronique valide"),
        ("x" * 65 + "@example.org", "64 caractères au plus"),
        ("a@" + "b" * 250 + ".fr", "254 caractères au plus"),
        ("élodie@example.org", "lettres accentuées"),
        ("nul\x00@example.org", ""),
        ("<script>@example.org", "Saisissez une adresse électronique valide"),
    ],
)
def test_invalid_addresses_get_a_french_answer(client, address, message):
    response = post(client, email=address)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>@" not in response.content.decode()
    assert not Subscription.objects.exists()


def test_an_internationalised_domain_is_kept_in_idna(client, smtp, commit):
    with commit():
        assert post(client, email="Jean.Dupont@Exämple.FR").status_code == 302
    assert Subscription.objects.get().email == "jean.dupont@xn--exmple-cua.fr"
    (message,) = smtp.messages
    assert message["To"] == "jean.dupont@xn--exmple-cua.fr"


def test_the_honeypot_sends_nothing(client, smtp, commit):
    with commit():
        response = post(client, website="http://spam.example")
    assert response.status_code == 302  # A robot is told what a person would be.
    assert not Subscription.objects.exists() and smtp.messages == []


def test_at_most_three_confirmations_per_address_per_day(client, smtp, commit, settings):
    for _ in range(3):
        with commit():
            assert post(client, email="victim@example.org").status_code == 302
    response = post(client, email="victim@example.org")
    assert response.status_code == 429
    assert "Plusieurs messages ont déjà été envoyés à cette adresse" in response.content.decode()
    assert len(smtp.messages) == 3
    # Another visitor's address is not held up by it.
    with commit():
        assert post(client, email="other@example.org").status_code == 302
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        # The cache's counter has expired (locmem reads the clock too).
        with commit():
            assert post(client, email="victim@example.org").status_code == 302


def test_at_most_ten_requests_per_client_per_hour(client, smtp, commit):
    for number in range(10):
        with commit():
            assert post(client, email=f"person{number}@example.org").status_code == 302
    response = post(client, email="one-more@example.org")
    assert response.status_code == 429
    assert "Trop de demandes ont été faites depuis votre connexion" in response.content.decode()
    # Another client address is counted apart.
    with commit():
        assert (
            client.post(
                "/alertes/",
                {"email": "one-more@example.org", "frequency": "daily", "query": ""},
                REMOTE_ADDR="192.0.2.7",
            ).status_code
            == 302
        )


def test_asking_again_before_confirming_sends_a_new_link(client, smtp, commit):
    with commit():
        post(client)
    with commit():
        post(client)
    first, second = smtp.messages
    assert Subscription.objects.count() == 1
    assert client.get(link(first, "Confirmer mon alerte")).status_code == 404  # Superseded.
    assert client.get(link(second, "Confirmer mon alerte")).status_code == 200


def test_an_expired_confirmation_link(client, smtp, commit):
    with commit():
        post(client, query="categorie=A")
    (message,) = smtp.messages
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        page = client.get(link(message, "Confirmer mon alerte"))
        assert page.status_code == 410
        html = page.content.decode()
        assert "Ce lien a expiré" in html and 'href="/alertes/?categorie=A"' in html
        assert client.post(link(message, "Confirmer mon alerte")).status_code == 410
    assert Subscription.objects.get().status == Subscription.Status.PENDING


@pytest.mark.parametrize(
    "path",
    [
        "/alertes/confirmer/abc/",
        "/alertes/confirmer/" + "A" * 43 + "/",
        "/alertes/gerer/" + "A" * 43 + "/",
        "/alertes/gerer/%00%3Cscript%3E/",
        "/alertes/desabonner/" + "x" * 500 + "/",
        "/alertes/desabonner/' OR 1=1 --/",
    ],
)
def test_unknown_or_tampered_links(client, path):
    page = client.get(path)
    assert page.status_code == 404
    assert "Ce lien n’est pas ou plus valable" in page.content.decode()


def test_a_link_serves_one_purpose_only(client, smtp, commit):
    """The confirmation link's secret does not open the management page, and no stored digest
    is the secret itself."""
    with commit():
        post(client)
    (message,) = smtp.messages
    raw = link(message, "Confirmer mon alerte").split("/")[3]
    assert client.get(f"/alertes/gerer/{raw}/").status_code == 404
    assert client.post(f"/alertes/desabonner/{raw}/").status_code == 200
    assert Subscription.objects.exists()  # Nothing was deleted by the wrong kind of link.
    assert not AccessToken.objects.filter(digest=raw).exists()


def test_unconfirmed_requests_are_deleted_when_their_link_expires(client, smtp, commit):
    from alerts import maintenance

    with commit():
        post(client, query="categorie=A")
    maintenance.purge()
    assert Subscription.objects.exists()
    maintenance.purge(now=timezone.now() + datetime.timedelta(days=7, minutes=1))
    assert not Subscription.objects.exists() and not SavedSearch.objects.exists()
    assert not AccessToken.objects.exists()


def test_the_list_page_links_to_the_form_with_its_search(client):
    page = client.get("/offres/?categorie=A")
    assert (
        'href="/alertes/?categorie=A">Recevoir ces offres par e-mail</a>' in page.content.decode()
    )


def test_methods_other_than_get_and_post(client):
    for path in ["/alertes/", "/alertes/gerer/" + "A" * 43 + "/"]:
        assert client.put(path).status_code == 405
