"""RSS and Atom feeds of open offers, filtered exactly like the list (same FilterSet)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from jobs import rich_text
from jobs.filters import filter_open_offers


class OpenOffersRssFeed(Feed):
    title = "Offres d'emploi - OFPRA recrute"
    description = (
        "Les offres d'emploi ouvertes de l'Office français de protection des réfugiés et apatrides."
    )

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def link(self):
        return reverse("jobs:list")

    def items(self):
        filterset, _base, _kwargs = filter_open_offers(self.request.GET)
        return filterset.qs[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return rich_text.plain(item.missions)[:500]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class OpenOffersAtomFeed(OpenOffersRssFeed):
    feed_type = Atom1Feed
    subtitle = OpenOffersRssFeed.description
