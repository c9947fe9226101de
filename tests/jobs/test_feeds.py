"""RSS and Atom feeds of open offers: valid XML, open offers only, same filters as the list."""

import datetime
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.choices import State
from jobs.models import Domain
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def domain(code):
    return Domain.objects.get(code=code)


@pytest.fixture
def offers():
    now = timezone.now()
    today = timezone.localdate()
    return {
        "open_hr": JobFactory(
            title="Gestionnaire d'action sociale",
            domain=domain("GRH"),
            missions="Instruire les demandes de **prestations** :\n- aides aux familles ;\n- prêts.",
        ),
        "open_usa": JobFactory(
            title="Auditeur(trice) chargé(e)des entretiens d'introduction de demande d'asile EFA",
            domain=domain("USA"),
            missions="Conduire les entretiens d’introduction des demandes d’asile.",
            profile="Goût du contact avec le public.",
        ),
        "draft": JobFactory(title="Offre en brouillon", state=State.DRAFT),
        "closed": JobFactory(title="Offre clôturée", state=State.CLOSED),
        "archived": JobFactory(title="Offre archivée", state=State.ARCHIVED),
        "past_deadline": JobFactory(
            title="Offre dont la date limite est passée",
            published_at=now - datetime.timedelta(days=60),
            deadline=today - datetime.timedelta(days=1),
        ),
        "scheduled": JobFactory(
            title="Offre programmée pour demain", published_at=now + datetime.timedelta(days=1)
        ),
    }


def rss(client, query=""):
    response = client.get(reverse("jobs:rss") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content)


def atom(client, query=""):
    response = client.get(reverse("jobs:atom") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def rss_titles(root):
    return {item.findtext("title") for item in root.iter("item")}


def atom_titles(root):
    return {entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")}


def test_feed_paths_are_french():
    assert reverse("jobs:rss") == "/offres/rss.xml"
    assert reverse("jobs:atom") == "/offres/atom.xml"


def test_rss_lists_open_offers_only(client, offers):
    root = rss(client)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    assert rss_titles(root) == {offers["open_hr"].title, offers["open_usa"].title}


def test_atom_lists_open_offers_only(client, offers):
    root = atom(client)
    assert root.tag == f"{ATOM}feed"
    assert atom_titles(root) == {offers["open_hr"].title, offers["open_usa"].title}


def test_rss_item_links_to_the_offer_page_with_its_facts(client, offers):
    job = offers["open_hr"]
    item = next(item for item in rss(client).iter("item") if item.findtext("title") == job.title)
    url = "http://testserver" + job.get_absolute_url()
    assert item.findtext("link") == url
    guid = item.find("guid")
    assert guid.text == url
    assert guid.get("isPermaLink", "true") == "true"
    assert item.findtext("category") == "Ressources humaines"
    assert item.findtext("pubDate") is not None
    # HTML for the reader to render, from the offer page's allow-list: bold and bullets kept.
    description = item.findtext("description")
    assert "<strong>prestations</strong>" in description
    assert "<li>aides aux familles ;</li>" in description and "**" not in description


def test_atom_entry_has_link_id_category_and_dates(client, offers):
    job = offers["open_usa"]
    entry = next(
        entry
        for entry in atom(client).iter(f"{ATOM}entry")
        if entry.findtext(f"{ATOM}title") == job.title
    )
    url = "http://testserver" + job.get_absolute_url()
    assert entry.find(f"{ATOM}link").get("href") == url
    assert entry.findtext(f"{ATOM}id") == url
    assert entry.find(f"{ATOM}category").get("term") == "Relation à l’usager"
    assert entry.findtext(f"{ATOM}published") is not None
    assert entry.findtext(f"{ATOM}updated") is not None
    assert "introduction" in entry.findtext(f"{ATOM}summary")


def test_feeds_honour_the_domaine_filter_and_name_it(client, offers):
    root = rss(client, "?domaine=ressources-humaines")
    assert rss_titles(root) == {offers["open_hr"].title}
    channel = root.find("channel")
    assert "Ressources humaines" in channel.findtext("title")
    assert channel.findtext("link").endswith("/offres/?domaine=ressources-humaines")

    root = atom(client, "?domaine=relation-a-lusager")
    assert atom_titles(root) == {offers["open_usa"].title}
    assert "Relation à l’usager" in root.findtext(f"{ATOM}title")


def test_feeds_honour_the_text_search(client, offers):
    assert rss_titles(rss(client, "?q=ACTION+SOCIALE")) == {offers["open_hr"].title}
    assert atom_titles(atom(client, "?q=d%E2%80%99introduction")) == {offers["open_usa"].title}
    title = rss(client, "?q=auditeur").find("channel").findtext("title")
    # As the list's tags and the follow page name it: no line break inside the guillemets.
    assert "«\u00a0auditeur\u00a0»" in title


def test_unfiltered_feed_title_names_no_filter(client, offers):
    title = rss(client).find("channel").findtext("title")
    assert title == "Offres d’emploi – OFPRA recrute"


@pytest.mark.parametrize(
    "query",
    [
        "?domaine=inconnu",
        "?domaine=",
        "?categorie=Z&versant=XYZ&nature=&teletravail=%00",
        "?localisation=999&publiee=abc&tri=nimporte",
        "?q=" + "x" * 500,
        "?q=%00",
        "?q=%01%02%0B",
        "?page=abc",
        "?domaine=ressources-humaines&domaine=%FF%FE",
    ],
)
def test_bad_filter_values_never_break_the_feeds(client, offers, query):
    for name in ("jobs:rss", "jobs:atom"):
        response = client.get(reverse(name) + query)
        assert response.status_code == 200
        ET.fromstring(response.content)


def test_unknown_domaine_is_ignored(client, offers):
    assert rss_titles(rss(client, "?domaine=inconnu")) == {
        offers["open_hr"].title,
        offers["open_usa"].title,
    }


def test_feed_with_no_offer_is_valid(client):
    root = rss(client)
    assert list(root.iter("item")) == []
    assert atom_titles(atom(client)) == set()


class ReaderView(HTMLParser):
    """What a feed reader makes of an item's HTML: its tags, attributes and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text = [], [], ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data):
        self.text += data


def read_as_a_feed_reader(html):
    reader = ReaderView()
    reader.feed(html)
    reader.close()
    return reader


HOSTILE_TEXTS = [
    # Stored as « &lt;img … &gt; » by the sanitiser of the time, then decoded into a live tag.
    "&amp;amp;amp;amp;amp;lt;img src=x onerror=alert(document.domain)&amp;amp;amp;amp;amp;gt;",
    "&amp;lt;svg onload=alert(1)&amp;gt;",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">lien</a> et [autre lien](javascript:alert(2))',
    "&lt;a href=&quot;javascript:alert(1)&quot;&gt;lien&lt;/a&gt;",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
@pytest.mark.parametrize("feed", ["jobs:rss", "jobs:atom"])
def test_feed_readers_get_no_live_markup_from_hostile_text(client, text, feed):
    JobFactory(title="Offre piégée", missions=f"Début. {text} Fin.")
    root = ET.fromstring(client.get(reverse(feed)).content)  # The XML decoding a reader does.
    html = root.findtext("channel/item/description") or root.findtext(f"{ATOM}entry/{ATOM}summary")
    reader = read_as_a_feed_reader(html)
    assert not set(reader.tags) - {"p", "br", "a", "strong", "em", "ul", "ol", "li"}, html
    assert not [name for name, _value in reader.attributes if name.startswith("on")], html
    assert not [value for _name, value in reader.attributes if "javascript" in (value or "")]
    assert "Début." in reader.text and "Fin." in reader.text


@pytest.mark.parametrize("feed", ["jobs:rss", "jobs:atom"])
def test_plain_text_keeps_its_characters_and_lines_in_feeds(client, feed):
    JobFactory(
        title="Offre", missions="Vérifier que a < b & c > d.\nDeuxième ligne.\n\nParagraphe."
    )
    root = ET.fromstring(client.get(reverse(feed)).content)
    html = root.findtext("channel/item/description") or root.findtext(f"{ATOM}entry/{ATOM}summary")
    assert (
        html
        == "<p>Vérifier que a &lt; b &amp; c &gt; d.<br>\nDeuxième ligne.</p>\n<p>Paragraphe.</p>"
    )
    assert "a < b & c > d." in read_as_a_feed_reader(html).text


def test_text_hidden_under_too_many_encodings_is_refused_in_french(admin_client):
    from tests.admin_forms import form_data

    job = JobFactory()
    nested = "&" + "amp;" * 20 + "lt;script&" + "amp;" * 20 + "gt;alert(1)"
    response = admin_client.post(
        reverse("admin:jobs_job_change", args=[job.pk]), form_data(job, missions=nested)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "encodé plusieurs fois" in str(errors["missions"])
    job.refresh_from_db()
    assert "script" not in job.missions
