"""Template context shared by every page, built without touching the database.

django-dsfr's own `site_config` processor queries its table on every request and renders an empty
bloc-marque when the table is empty, so the site identity comes from settings instead. The 500 page
builds the same context by hand (see views.server_error), so nothing here may need the database.
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
        # What the mandatory pages (accessibility, legal notice, personal data) say about the agency.
        "LEGAL": SimpleNamespace(
            site_url=settings.SITE_URL,
            accessibility_statement_date=settings.ACCESSIBILITY_STATEMENT_DATE,
            accessibility_plan_url=settings.ACCESSIBILITY_PLAN_URL,
            contact_email=settings.CONTACT_EMAIL,
            dpo_email=settings.DPO_EMAIL,
            host_name=settings.SITE_HOST_NAME,
            host_address=settings.SITE_HOST_ADDRESS,
        ),
        "skiplinks": SKIPLINKS,
    }
