"""The open offers in /sitemap.xml, so that search engines find new offers and drop closed ones."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from jobs.models import Job


class OpenOfferSitemap(Sitemap):
    """Every open offer, with the date it last changed.

    Closed offers keep their page but leave the sitemap: search engines are told about offers
    that still take applications.
    """

    # Smaller pages than the protocol's 50,000: each renders in about a second at load-test
    # volumes, and /sitemap.xml (an index) lists them all.
    limit = 5_000

    def items(self):
        # Only what a URL and its date need: the sitemap may list tens of thousands of offers.
        return Job.objects.open().only("reference", "slug", "updated_at").order_by("pk")

    def lastmod(self, job):
        return job.updated_at

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default, which loads every offer to compare dates.
        return Job.objects.open().aggregate(latest=Max("updated_at"))["latest"]
