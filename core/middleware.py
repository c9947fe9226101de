"""Answer « Service momentanément indisponible » (503) while the database is unreachable, and keep
the admin out of search engines (AdminNoIndexMiddleware, at the end).

Without it a stopped PostgreSQL gives visitors the generic 500 page and monitors a misleading
status. The page is rendered without the database (settings-based context only, `request.user`
never touched) and carries Retry-After. Nothing needs resetting when the database returns:
CONN_HEALTH_CHECKS makes Django drop the dead connection and open a new one on the next request.
"""

import logging

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from core.context_processors import site
from core.security import is_admin_path

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def service_unavailable(request):
    template = loader.get_template("503.html")
    response = HttpResponse(template.render({"request": request, **site(request)}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Neither a proxy nor the page cache may keep the outage page once the database is back.
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database connection failure raised by a view into the 503 page.

    Failures raised by other middleware (a session read, for instance) reach the 500 handler,
    which hands them over to `service_unavailable` too (see views.server_error).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.error("Database unavailable: %s", exception)
            return service_unavailable(request)
        return None


class AdminNoIndexMiddleware:
    """Asks search engines not to index or follow the admin's pages (login page included).

    robots.txt does not name the admin (it would reveal a moved DJANGO_ADMIN_URL), and a page
    disallowed there can still be indexed from links elsewhere: this header is what keeps the
    admin out of search results. It is set on every answer under the admin's path, redirects and
    errors included, so that no URL of the admin is ever indexed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_admin_path(request.path_info):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
