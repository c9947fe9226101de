"""Site-wide views that know no app: error pages, the favicon and the media files of the
single-machine set-up."""

import errno
import sys

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.http import require_safe
from django.views.static import serve

from core.context_processors import site
from core.middleware import DATABASE_UNAVAILABLE, service_unavailable

# Resized images carry a content hash in their name, so they never change under the same URL.
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=3600"


def serve_media(request, path):
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        # A name longer than the file system allows cannot be a stored file (found by fuzzing:
        # it was a 500). Other I/O errors are real failures and stay errors.
        if error.errno != errno.ENAMETOOLONG:
            raise
        raise Http404("Fichier introuvable") from None
    resized = path.startswith(settings.IMAGEKIT_DEFAULT_CACHEFILE_DIR + "/")
    response["Cache-Control"] = LONG_CACHE if resized else SHORT_CACHE
    return response


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    """The DSFR 500 page, rendered without the context processors.

    The database may be what failed: the auth and messages processors would read the session (a
    query for a logged-in editor), so only the settings-based site context is given.
    """
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        # Raised outside a view (a session read in a middleware): the outage page, not a 500.
        return service_unavailable(request)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request, **site(request)}))


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the DSFR one.

    Not a permanent redirect: the target is a hashed static URL that changes with each DSFR release.
    """
    response = HttpResponseRedirect(static("dsfr/dist/favicon/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
