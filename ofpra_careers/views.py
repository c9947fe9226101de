"""Site-wide views: error pages and the media files of the single-machine set-up."""

from django.conf import settings
from django.shortcuts import render
from django.views.static import serve

# Resized images carry a content hash in their name, so they never change under the same URL.
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=3600"


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    resized = path.startswith(settings.IMAGEKIT_DEFAULT_CACHEFILE_DIR + "/")
    response["Cache-Control"] = LONG_CACHE if resized else SHORT_CACHE
    return response


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # The site context processor reads settings only, so this page renders even with the database down.
    return render(request, "500.html", status=500)
