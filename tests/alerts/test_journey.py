"""The whole journey, through a real SMTP server: subscribe from the list, confirm from the
e-mail, receive a digest of exactly the new matching offers, manage, unsubscribe in one click.

Runs on SQLite and on PostgreSQL (DATABASE_URL=postgres://...).
"""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.utils import timezone

from alerts import digests
from alerts.models import AccessToken, Digest, Subscription
from jobs.choices import Category
from jobs.models import Domain
from tests.alerts.conftest import html_links, link, parts
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

SEARCH = "/offres/?domaine=ressources-humaines&categorie=A"


def subscribe(client, commit, address="candidate@example.org", frequency="daily", search=SEARCH):
    listing = client.get(search)
    assert listing.status_code == 200
    href = re.search(r'href="([^"]+)">Recevoir ces offres par e-mail</a>', listing.content.decode())
    form_page = client.get(href.group(1).replace("&amp;", "&"))
    assert form_page.status_code == 200
    query = re.search(r'name="query" value="([^"]*)"', form_page.content.decode()).group(1)
    with commit():
        response = client.post(
            "/alertes/",
            {"email": address, "frequency": frequency, "query": query.replace("&amp;", "&")},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/alertes/demande-envoyee/"
    return form_page


def confirm(client, smtp, address="candidate@example.org"):
    (message,) = smtp.to(address)
    path = link(message, "Confirmer mon alerte")
    page = client.get(path)
    assert page.status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    return message, response["Location"]


def test_the_whole_journey(client, smtp, commit):
    form_page = subscribe(client, commit)
    html = form_page.content.decode()
    assert "Ressources humaines" in html and "Catégorie A" in html
    assert "csrfmiddlewaretoken" in html

    # Nothing but the confirmation before the link is followed.
    (confirmation,) = smtp.messages
    assert (
        confirmation["Subject"].strip()
        == "Confirmez votre alerte : Ressources humaines, catégorie A"
    )
    text, html = parts(confirmation)
    assert "Confirmer mon alerte" in html and "/alertes/confirmer/" in text
    assert Subscription.objects.get().status == Subscription.Status.PENDING
    message, manage_path = confirm(client, smtp)
    assert "Votre alerte est confirmée" in client.get(manage_path).content.decode()
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.ACTIVE
    # The confirmation link works once.
    assert client.get(link(message, "Confirmer mon alerte")).status_code == 404

    now = timezone.now()
    Subscription.objects.update(offers_since=now - datetime.timedelta(hours=2))
    grh = Domain.objects.get(code="GRH")
    JobFactory(
        title="Avant l'alerte",
        domain=grh,
        category=Category.A,
        published_at=now - datetime.timedelta(hours=3),
    )
    older = JobFactory(
        title="Chargée de recrutement",
        domain=grh,
        category=Category.A,
        published_at=now - datetime.timedelta(hours=1),
        deadline=datetime.date(2027, 3, 1),
    )
    newer = JobFactory(
        title="Responsable de la paie",
        domain=grh,
        category=Category.A,
        published_at=now - datetime.timedelta(minutes=30),
    )
    JobFactory(
        title="Autre catégorie",
        domain=grh,
        category=Category.B,
        published_at=now - datetime.timedelta(minutes=20),
    )
    smtp.clear()

    assert digests.send_digests("daily", now=now) == 1
    (digest,) = smtp.messages
    assert digest["To"] == "candidate@example.org"
    assert digest["Subject"].strip() == "2 nouvelles offres : Ressources humaines, catégorie A"
    unsubscribe_url = digest["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe_url.startswith("http://testserver/alertes/desabonner/")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts(digest)
    titles = [label for label, _href in html_links(html) if label in (older.title, newer.title)]
    assert titles == [newer.title, older.title]  # Newest first.
    assert "Avant l" not in text and "Autre catégorie" not in text
    assert "Date limite de candidature : 1er mars 2027" in text
    assert "Domaine : Ressources humaines" in text
    assert "<h1" in html and "<h2" in html and "<img" not in html
    assert "RÉPUBLIQUE FRANÇAISE" in text and "République française" in html
    offer_page = client.get(link(digest, newer.title))
    assert offer_page.status_code == 200 and newer.title in offer_page.content.decode()
    full_list = client.get(link(digest, "Voir toutes les offres de cette recherche"))
    assert full_list.status_code == 200

    # Run again (a rerun, a second worker): nothing more for this period.
    assert digests.send_digests("daily", now=now + datetime.timedelta(minutes=5)) == 0
    assert len(smtp.messages) == 1
    assert Digest.objects.get().status == Digest.Status.SENT

    # « Gérer mon alerte » from the digest: weekly, then paused.
    manage = link(digest, "Gérer mon alerte (fréquence, suspension)")
    page = client.get(manage)
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    client.post(manage, {"action": "frequency", "frequency": "weekly"})
    client.post(manage, {"action": "pause"})
    subscription.refresh_from_db()
    assert (subscription.frequency, subscription.status) == ("weekly", "paused")

    # One click, as a mail client does it (RFC 8058): a POST without cookie nor CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        urlparse(unsubscribe_url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert not AccessToken.objects.exists() and not Digest.objects.exists()
    # A second click, or the link after the button: still a clear answer.
    assert mail_client.post(urlparse(unsubscribe_url).path).status_code == 200
    assert client.get(manage).status_code == 404


def test_no_new_offer_no_email(client, smtp, commit):
    subscribe(client, commit)
    confirm(client, smtp)
    smtp.clear()
    JobFactory(category=Category.B, published_at=timezone.now() - datetime.timedelta(minutes=5))
    assert digests.send_digests("daily") == 0
    assert smtp.messages == []


def test_unsubscribe_link_asks_before_deleting(client, smtp, commit):
    subscribe(client, commit)
    _message, manage_path = confirm(client, smtp)
    token = manage_path.split("/")[3]
    page = client.get(f"/alertes/desabonner/{token}/")
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    assert Subscription.objects.exists()  # A link checker opening the link changes nothing.
    client.post(f"/alertes/desabonner/{token}/")
    assert not Subscription.objects.exists()


def test_manage_page_deletes_at_once(client, smtp, commit):
    subscribe(client, commit)
    _message, manage_path = confirm(client, smtp)
    response = client.post(manage_path.split("?")[0], {"action": "delete"})
    assert "Votre alerte est supprimée" in response.content.decode()
    assert not Subscription.objects.exists()


def test_second_subscription_to_the_same_search(client, smtp, commit):
    subscribe(client, commit)
    confirm(client, smtp)
    smtp.clear()
    subscribe(client, commit, frequency="weekly")
    (message,) = smtp.messages
    assert message["Subject"].strip().startswith("Vous suivez déjà cette recherche")
    assert client.get(link(message, "Gérer mon alerte")).status_code == 200
    assert Subscription.objects.get().frequency == "daily"  # Nothing changed behind their back.
