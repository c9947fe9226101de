from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from ofpra_careers import views
from ofpra_careers.health import healthz

admin.site.site_header = "OFPRA recrute — administration"
admin.site.site_title = "OFPRA recrute"
admin.site.index_title = "Contenus du site carrières"

urlpatterns = [
    path("", include("employer.urls")),
    path("", include("jobs.urls")),
    path("", include("ofpra_careers.sitemaps")),  # /sitemap.xml, announced by robots.txt
    # The mandatory pages of a State site (RGAA, loi 2004-575, RGPD).
    path(
        "accessibilite/",
        TemplateView.as_view(template_name="pages/accessibilite.html"),
        name="accessibility",
    ),
    path(
        "mentions-legales/",
        TemplateView.as_view(template_name="pages/mentions_legales.html"),
        name="legal_notice",
    ),
    path(
        "donnees-personnelles/",
        TemplateView.as_view(template_name="pages/donnees_personnelles.html"),
        name="personal_data",
    ),
    path(
        "plan-du-site/",
        TemplateView.as_view(template_name="pages/plan_du_site.html"),
        name="sitemap_page",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),  # For probes and monitors (ofpra_careers/health.py).
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

handler404 = "ofpra_careers.views.page_not_found"
handler500 = "ofpra_careers.views.server_error"
