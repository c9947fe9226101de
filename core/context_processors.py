"""Template context shared by every page, built without touching the database.

django-dsfr's own `site_config` processor queries its table on every request and renders an empty
bloc-marque when the table is empty, so the site identity comes from settings instead. The 500 page
builds the same context by hand (see views.server_error), so nothing here may need the database.
"""

from types import SimpleNamespace

from django.conf import settings

SKIPLINKS = [
    {"link": "#content", "label": "Contenu"},
    {"link": "#fr-navigation", "label": "Menu"},
    {"link": "#footer", "label": "Pied de page"},
]


def duration(seconds):
    """« 8 heures », « 1 heure », « 90 minutes »: how long a cookie lasts, as the page says it."""
    hours, rest = divmod(seconds, 3600)
    if hours and not rest:
        return f"{hours}\N{NO-BREAK SPACE}heure{'s' if hours > 1 else ''}"
    minutes = max(1, -(-seconds // 60))
    return f"{minutes}\N{NO-BREAK SPACE}minute{'s' if minutes > 1 else ''}"


def site_url(request):
    """The site's address as this request reached it (scheme, host and port), without the final
    slash: the same origin as the canonical links, sitemaps and feeds.

    Called by the template only where it is shown (the legal pages), so the error pages, built
    with this context too, never depend on the request's host.
    """
    return request.build_absolute_uri("/").rstrip("/")


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
            # A callable: templates call it, and only the pages that show the address do.
            site_url=lambda: site_url(request),
            accessibility_statement_date=settings.ACCESSIBILITY_STATEMENT_DATE,
            accessibility_plan_url=settings.ACCESSIBILITY_PLAN_URL,
            contact_email=settings.CONTACT_EMAIL,
            dpo_email=settings.DPO_EMAIL,
            host_name=settings.SITE_HOST_NAME,
            host_address=settings.SITE_HOST_ADDRESS,
            # The agency may host the site itself: it is then no processor (sous-traitant) of its
            # own, and the personal data page must not call it one.
            host_is_agency=settings.SITE_TAGLINE.casefold() in settings.SITE_HOST_NAME.casefold(),
            session_duration=duration(settings.SESSION_COOKIE_AGE),
            # How long the record of each alert digest is kept: the page follows the setting.
            digest_record_days=settings.ALERTS_DIGEST_RECORD_DAYS,
        ),
        "skiplinks": SKIPLINKS,
    }
