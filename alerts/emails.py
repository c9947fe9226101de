"""The alerts' e-mails: built from templates (HTML and plain text), with the headers mail clients
read to offer their own « unsubscribe » button (RFC 2369 and RFC 8058).

Offer titles, search words and everything else typed by someone come out escaped in the HTML part
(Django's autoescape), and in the plain-text part as text; a header never carries a line break.
"""

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

SUBJECT_LENGTH = 150


def header_text(value):
    """One line, of a reasonable length: a header never carries what a visitor typed as is."""
    return Truncator(re.sub(r"\s+", " ", str(value)).strip()).chars(SUBJECT_LENGTH)


def site_links(subscription):
    base = subscription.site_url
    query = subscription.search.query
    return {
        "list_url": base + reverse("jobs:list") + (f"?{query}" if query else ""),
        "site_url": base + "/",
        "privacy_url": base + reverse("pages:personal_data"),
    }


def links(subscription, manage_token):
    base = subscription.site_url
    return {
        "manage_url": base + reverse("alerts:manage", args=[manage_token]),
        "unsubscribe_url": base + reverse("alerts:unsubscribe", args=[manage_token]),
        **site_links(subscription),
    }


def context(subscription, **extra):
    return {
        "site_name": settings.SITE_NAME,
        "brand": settings.SITE_BRAND_TEXT,
        "tagline": settings.SITE_TAGLINE,
        "subscription": subscription,
        "search": subscription.search,
        **extra,
    }


def message(subject, template, ctx, to, headers=None):
    text = render_to_string(f"alerts/email/{template}.txt", ctx)
    html = render_to_string(f"alerts/email/{template}.html", ctx)
    mail = EmailMultiAlternatives(
        subject=header_text(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
    )
    mail.attach_alternative(html, "text/html")
    return mail


def unsubscribe_headers(unsubscribe_url):
    # RFC 8058: the client POSTs « List-Unsubscribe=One-Click » to the https address, no cookie.
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmation(subscription, confirm_token):
    confirm_url = subscription.site_url + reverse("alerts:confirm", args=[confirm_token])
    ctx = context(
        subscription,
        confirm_url=confirm_url,
        expires_at=subscription.confirmation_expires_at,
        **site_links(subscription),
    )
    return message(
        f"Confirmez votre alerte : {subscription.search.description}",
        "confirmation",
        ctx,
        subscription.email,
    )


def already_subscribed(subscription, manage_token):
    urls = links(subscription, manage_token)
    ctx = context(subscription, **urls)
    return message(
        f"Vous suivez déjà cette recherche : {subscription.search.description}",
        "already_subscribed",
        ctx,
        subscription.email,
        headers=unsubscribe_headers(urls["unsubscribe_url"]),
    )


def digest(subscription, offers, manage_token, more=False):
    """The digest of `offers` (newest first, each with `url`); `more`: others were left out."""
    urls = links(subscription, manage_token)
    count = len(offers)
    ctx = context(subscription, offers=offers, count=count, more=more, **urls)
    if count == 1:
        subject = f"1 nouvelle offre : {subscription.search.description}"
    else:
        subject = (
            f"{count}{'+' if more else ''} nouvelles offres : {subscription.search.description}"
        )
    return message(
        subject,
        "digest",
        ctx,
        subscription.email,
        headers=unsubscribe_headers(urls["unsubscribe_url"]),
    )
