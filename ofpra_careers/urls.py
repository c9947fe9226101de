"""The project's wiring: each layer's URLs, the admin, and the site-wide views of core."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from core import views
from core.health import healthz

admin.site.site_header = "OFPRA recrute — administration"
admin.site.site_title = "OFPRA recrute"
admin.site.index_title = "Contenus du site carrières"

urlpatterns = [
    path("", include("pages.urls")),  # Home, legal pages, robots.txt, sitemap index
    path("", include("jobs.urls")),
    path("", include("alerts.urls")),  # E-mail alerts: the form, confirmation, management
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),  # For probes and monitors (core/health.py).
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Uploaded photos are served by Django in the single-machine set-up (`make run`).
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            views.serve_media,
        ),
    ]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
