"""Django's FetchFromCacheMiddleware, saying on its answers whether they came from the cache.

For bench/library_settings.py: the page cache's own X-Page-Cache header (hit or miss), which
tests/site/test_workers_freshness.py counts to know that pages were served from the cache at all.
"""

from django.middleware.cache import FetchFromCacheMiddleware

from core.page_cache import HEADER


class MarkedFetchFromCacheMiddleware(FetchFromCacheMiddleware):
    def process_request(self, request):
        response = super().process_request(request)
        if response is not None:
            response[HEADER] = "hit"
        return response
