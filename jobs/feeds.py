"""RSS 2.0 and Atom feeds of open offers, filtered exactly like the list (same FilterSet).

`/offres/rss.xml?domaine=ressources-humaines` gives the offers that `/offres/?domaine=...` lists.
Unknown filter values are ignored by the FilterSet, so a stale feed URL never breaks a reader.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import urlencode

from jobs import rich_text
from jobs.filters import filter_open_offers
from jobs.models import CARD_FIELDS

MAX_ITEMS = 50
# Parameters that change what the list shows but not which offers it holds.
NOT_A_FILTER = {"tri", "page"}
# XML 1.0 cannot carry these: Django's feed writer refuses them with an exception (a 500).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class FeedQuery:
    """The filters of one request: Feed instances are shared between requests, so nothing
    request-specific may be stored on them."""

    filterset: object
    labels: list
    query_string: str


class OpenOffersRssFeed(Feed):
    feed_type = Rss201rev2Feed
    url_name = "jobs:rss"
    language = "fr"
    description = (
        "Les offres d’emploi ouvertes de l’Office français de protection des réfugiés et apatrides."
    )

    def get_object(self, request, *args, **kwargs):
        filterset, _base, _options = filter_open_offers(request.GET)
        query_string = urlencode(
            [
                (name, value)
                for name, values in request.GET.lists()
                if name not in NOT_A_FILTER
                for value in values
            ]
        )
        return FeedQuery(filterset, active_filter_labels(filterset), query_string)

    def title(self, obj):
        """« Offres d'emploi : Ressources humaines – OFPRA recrute » for a filtered feed."""
        what = "Offres d’emploi"
        if obj.labels:
            what = f"{what} : {', '.join(obj.labels)}"
        return f"{what} – {settings.SITE_NAME}"

    def link(self, obj):
        """The list page showing the same offers."""
        url = reverse("jobs:list")
        return f"{url}?{obj.query_string}" if obj.query_string else url

    def feed_url(self, obj):
        url = reverse(self.url_name)
        return f"{url}?{obj.query_string}" if obj.query_string else url

    def items(self, obj):
        # The card's columns, plus what an item adds: its missions and its last update.
        return obj.filterset.qs.only(*CARD_FIELDS, "missions", "updated_at")[:MAX_ITEMS]

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        # Readers render an RSS description (and an Atom summary of type html) as HTML: give them
        # the offer page's HTML, from the same allow-list. Plain text would be decoded as markup
        # (« a < b » breaks it, a typed « &lt;img onerror&gt; » would run) and lose its lines.
        return xml_safe(str(rich_text.render(item.missions)))

    def item_guid_is_permalink(self, item):
        # The guid is the offer's absolute URL (Django's default), which stays stable.
        return True

    def item_categories(self, item):
        return [item.domain.name]

    def item_author_name(self, item):
        return item.employer.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class OpenOffersAtomFeed(OpenOffersRssFeed):
    feed_type = Atom1Feed
    subtitle = OpenOffersRssFeed.description
    url_name = "jobs:atom"


def active_filter_labels(filterset):
    """What the visitor filtered on, as the list's filter bar names it (« Ressources humaines »)."""
    if not filterset.is_bound:
        return []
    form = filterset.form
    form.is_valid()
    labels = []
    for name, field in form.fields.items():
        if name in NOT_A_FILTER:
            continue
        value = form.cleaned_data.get(name)
        values = value if isinstance(value, list) else [value] if value else []
        choices = {str(key): label for key, label in getattr(field, "choices", [])}
        for item in values:
            label = str(choices.get(str(item), item))
            if name == "q":
                label = f"« {item} »"
            elif name == "categorie":
                label = f"catégorie {label}"
            labels.append(xml_safe(label))
    return labels


def xml_safe(text):
    return _CONTROL_CHARS.sub("", text)
