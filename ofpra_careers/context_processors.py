"""Template context shared by every page, built without touching the database.

django-dsfr's own `site_config` processor queries its table on every request and renders an empty
bloc-marque when the table is empty, so the site identity comes from settings instead.
"""

from types import SimpleNamespace

from django.conf import settings
from django.utils.translation import gettext_lazy as _

SKIPLINKS = [
    {"link": "#content", "label": _("Contenu")},
    {"link": "#fr-navigation", "label": _("Menu")},
    {"link": "#footer", "label": _("Pied de page")},
]


def site(request):
    return {
        "SITE_CONFIG": SimpleNamespace(
            site_title=settings.SITE_NAME,
            site_tagline=settings.SITE_TAGLINE,
            header_brand_html=settings.SITE_BRAND_HTML,
            footer_brand=settings.SITE_BRAND_TEXT,
            footer_brand_html=settings.SITE_BRAND_HTML,
            accessibility_status=settings.ACCESSIBILITY_STATUS,
        ),
        "skiplinks": SKIPLINKS,
    }
