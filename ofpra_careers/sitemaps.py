"""/sitemap.xml: an index of the site's sitemaps (pages, then offers), as robots.txt announces.

An index rather than one file: a sitemap holds at most 50,000 addresses, and a load test can put
more open offers than that in the database; each section paginates itself (`?p=2`).
Included from ofpra_careers/urls.py; these routes are kept here with the sitemaps they serve.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, reverse

from jobs.sitemaps import OpenOfferSitemap
from ofpra_careers.page_cache import cache_page


class StaticPagesSitemap(Sitemap):
    """The home page, the offer list and the mandatory pages of a State site."""

    def items(self):
        return [
            "employer:home",
            "jobs:list",
            "accessibility",
            "legal_notice",
            "personal_data",
            "sitemap_page",
        ]

    def location(self, url_name):
        return reverse(url_name)


SITEMAPS = {"pages": StaticPagesSitemap, "offres": OpenOfferSitemap}

urlpatterns = [
    path(
        "sitemap.xml",
        cache_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
