"""RSS 2.0 and Atom feeds of open offers, filtered exactly like the list (same FilterSet).

`/offres/rss.xml?domaine=ressources-humaines` gives the offers that `/offres/?domaine=...` lists.
Unknown filter values are ignored by the FilterSet, so a stale feed URL never breaks a reader.
"""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import redirect
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from jobs.filters import filter_open_offers
from jobs.models import CARD_FIELDS

MAX_ITEMS = 50
# XML 1.0 cannot carry these: Django's feed writer refuses them with an exception (a 500).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OpenOffersRssFeed(Feed):
    """The feed of the offers JobFilter chooses: `obj` is that request's FilterSet (a Feed
    instance is shared between requests, so nothing request-specific may be stored on it)."""

    feed_type = Rss201rev2Feed
    url_name = "jobs:rss"
    language = "fr"
    description = (
        "Les offres d’emploi ouvertes de l’Office français de protection des réfugiés et apatrides."
    )

    def __call__(self, request, *args, **kwargs):
        filterset = filter_open_offers(request.GET)
        if not filterset.names_domains_by_slug():
            # `?domaine=GRH`: the address of these offers names the domaine by its slug, as the
            # list's does; a reader follows a permanent redirect and keeps the new address.
            return redirect(filterset.offers_url(self.url_name), permanent=True)
        return super().__call__(request, *args, filterset=filterset, **kwargs)

    def get_object(self, request, *args, filterset, **kwargs):
        return filterset

    def title(self, obj):
        """« Offres d’emploi : Ressources humaines, catégorie B – OFPRA recrute » for a filtered
        feed: its filters as the list names them, within a sentence."""
        what = "Offres d’emploi"
        readings = [xml_safe(str(active["reading"])) for active in obj.active()]
        if readings:
            what = f"{what} : {', '.join(readings)}"
        return f"{what} – {settings.SITE_NAME}"

    def link(self, obj):
        """The list page showing the same offers."""
        return obj.offers_url("jobs:list")

    def feed_url(self, obj):
        return obj.offers_url(self.url_name)

    def items(self, obj):
        # The card's columns, plus what an item adds: its missions and its last update.
        return obj.qs.only(*CARD_FIELDS, "missions_html", "updated_at")[:MAX_ITEMS]

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        # Readers render an RSS description (and an Atom summary of type html) as HTML: give them
        # the offer page's HTML, from the same allow-list. Plain text would be decoded as markup
        # (« a < b » breaks it, a typed « &lt;img onerror&gt; » would run) and lose its lines.
        return xml_safe(str(item.missions_html))

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


def xml_safe(text):
    return _CONTROL_CHARS.sub("", text)
