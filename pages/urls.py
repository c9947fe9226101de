"""The pages that compose the apps, the site's mandatory pages and its sitemap index."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.generic import TemplateView

from core.page_cache import cache_page
from pages import views
from pages.sitemaps import SITEMAPS

app_name = "pages"

urlpatterns = [
    path("", cache_page(views.HomeView.as_view()), name="home"),
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
    path("plan-du-site/", views.SiteMapView.as_view(), name="sitemap_page"),
    path("portraits/<slug:slug>/", cache_page(views.PortraitView.as_view()), name="portrait"),
    path("robots.txt", views.robots_txt, name="robots"),
    # /sitemap.xml, announced by robots.txt: an index of the sections in pages/sitemaps.py.
    path(
        "sitemap.xml",
        cache_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "pages:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
