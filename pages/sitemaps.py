"""/sitemap.xml: an index of the site's sitemaps (pages, then offers), as robots.txt announces.

An index rather than one file: a sitemap holds at most 50,000 addresses, and a load test can put
more open offers than that in the database; each section paginates itself (`?p=2`).
Served by pages/urls.py.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from jobs.sitemaps import OpenOfferSitemap


class StaticPagesSitemap(Sitemap):
    """The home page, the offer list and the mandatory pages of a State site."""

    def items(self):
        return [
            "pages:home",
            "jobs:list",
            "pages:accessibility",
            "pages:legal_notice",
            "pages:personal_data",
            "pages:sitemap_page",
        ]

    def location(self, url_name):
        return reverse(url_name)


SITEMAPS = {"pages": StaticPagesSitemap, "offres": OpenOfferSitemap}
