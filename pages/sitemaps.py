"""/sitemap.xml: an index of the site's sitemaps (pages, then offers), as robots.txt announces.

An index rather than one file: a sitemap holds at most 50,000 addresses, and a load test can put
more open offers than that in the database; each section paginates itself (`?p=2`).
Served by pages/urls.py.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from employer.models import Testimonial
from jobs.sitemaps import OpenOfferSitemap


class StaticPagesSitemap(Sitemap):
    """The home page, the offer list, the mandatory pages of a State site and each portrait's
    page (/portraits/<slug>/, a handful: the profile's, not worth a section of their own)."""

    def items(self):
        pages = [
            "pages:home",
            "jobs:list",
            "pages:accessibility",
            "pages:legal_notice",
            "pages:personal_data",
            "pages:sitemap_page",
        ]
        return pages + list(Testimonial.objects.only("slug").order_by("position", "pk"))

    def location(self, item):
        return item.get_absolute_url() if isinstance(item, Testimonial) else reverse(item)


SITEMAPS = {"pages": StaticPagesSitemap, "offres": OpenOfferSitemap}
