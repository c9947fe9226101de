"""Response headers the browser enforces, and the client address used to limit failed logins.

The policies themselves are settings (CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY,
PERMISSIONS_POLICY); the other headers (HSTS, nosniff, Referrer-Policy, Cross-Origin-Opener-Policy,
X-Frame-Options) come from Django's own middleware.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


def is_admin_path(path):
    return path.startswith("/" + settings.ADMIN_URL)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY on the admin's pages.

    The public pages get the strict CONTENT_SECURITY_POLICY; a view decorated with django-csp's
    decorators still wins over both.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


def permissions_policy_header(policy):
    """{"camera": [], "fullscreen": ["self"]} -> 'camera=(), fullscreen=(self)'."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header (built once from PERMISSIONS_POLICY) to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if policy := getattr(settings, "PERMISSIONS_POLICY", None):
            response.headers.setdefault("Permissions-Policy", permissions_policy_header(policy))
        return response


def client_ip(request):
    """The visitor's address, for django-axes' lockouts.

    Behind the reverse proxy (DJANGO_BEHIND_PROXY), REMOTE_ADDR is the proxy's own address: locking
    it would lock every editor out. The proxy appends the address it saw to X-Forwarded-For, so the
    last entry is the one a visitor cannot forge.
    """
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if addresses := [part.strip() for part in forwarded.split(",") if part.strip()]:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out login attempt gets: a French page in the admin's look, status 429."""
    from django.contrib import admin
    from django.shortcuts import render

    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    context = {
        **admin.site.each_context(request),
        "title": "Connexion temporairement bloquée",
        "cooloff_minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "admin/lockout.html", context, status=429)
