"""The alert pages: the form (its own page, so that the list stays cacheable), « check your
inbox », the confirmation, « Gérer mon alerte » and the unsubscribe.

The links in e-mails carry a secret (alerts/tokens.py): these pages are never cached, keep no
referrer to other sites (the secret must not travel to their logs; « same-origin » rather than
« no-referrer », with which browsers send `Origin: null` and Django's CSRF check refuses the
page's own forms) and answer an unknown, tampered or
expired link with a French page, never an error.
"""

from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from alerts import ratelimit, searches, tasks, tokens
from alerts.forms import FrequencyForm, SubscribeForm
from alerts.models import CONFIRMATION_DAYS, AccessToken, SavedSearch, Subscription
from core.context_processors import site_url
from core.security import client_ip

LIST_LINK = {"title": "Offres d’emploi"}


def private(response):
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def page(request, template, context=None, status=200):
    context = {"breadcrumb_links": [{**LIST_LINK, "url": reverse("jobs:list")}], **(context or {})}
    return private(render(request, template, context, status=status))


def list_url(query):
    return reverse("jobs:list") + (f"?{query}" if query else "")


def subscribe(request):
    """GET: the form for the search in the query string. POST: the request, then « sent »."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        search = searches.from_query(request.POST.get("query", "")[: searches.MAX_QUERY_LENGTH])
    elif request.method == "GET":
        if len(request.META.get("QUERY_STRING", "")) > searches.MAX_QUERY_LENGTH:
            return page(
                request,
                "alerts/subscribe.html",
                {"too_long": True, "search": searches.from_query(""), "list_url": list_url("")},
                status=400,
            )
        search = searches.from_data(request.GET)
        form = SubscribeForm(initial={"query": search.query})
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {"form": form, "search": search, "list_url": list_url(search.query)}
    if request.method == "GET" or not form.is_valid():
        return page(
            request, "alerts/subscribe.html", context, status=200 if form.is_bound is False else 400
        )
    if form.cleaned_data["website"]:
        # A robot: it is told what a person would be, and nothing is sent.
        return redirect("alerts:sent")
    if not ratelimit.allow_client(client_ip(request)):
        context["limited"] = (
            "Trop de demandes ont été faites depuis votre connexion. Réessayez dans une heure."
        )
        return page(request, "alerts/subscribe.html", context, status=429)
    email = form.cleaned_data["email"]
    if not ratelimit.allow_address(email):
        context["limited"] = (
            "Plusieurs messages ont déjà été envoyés à cette adresse aujourd’hui. Consultez votre "
            "messagerie (et ses indésirables), ou réessayez demain."
        )
        return page(request, "alerts/subscribe.html", context, status=429)
    request_alert(request, email, form.cleaned_data["query"], form.cleaned_data["frequency"])
    return redirect("alerts:sent")


def request_alert(request, email, search, frequency):
    """Record the request and have the worker send the right e-mail. The page that follows says
    the same whatever the case, so that it tells nobody who follows what."""
    with transaction.atomic():
        saved, _ = SavedSearch.objects.get_or_create(
            query=search.query, defaults={"description": search.description[:1000]}
        )
        try:
            with transaction.atomic():
                subscription, created = Subscription.objects.get_or_create(
                    email=email,
                    search=saved,
                    defaults={"frequency": frequency, "site_url": site_url(request)},
                )
        except IntegrityError:  # The same request, at the same moment, from another worker.
            subscription, created = Subscription.objects.get(email=email, search=saved), False
        if subscription.status == Subscription.Status.PENDING:
            if not created:
                # Asked again: a new link, valid for another CONFIRMATION_DAYS, at the new rhythm.
                subscription.frequency = frequency
                subscription.created_at = timezone.now()
                subscription.site_url = site_url(request)
                subscription.save(update_fields=["frequency", "created_at", "site_url"])
            task = tasks.send_confirmation
        else:
            task = tasks.send_already_subscribed
        transaction.on_commit(lambda: task(subscription.pk))


def sent(request):
    return page(request, "alerts/sent.html", {"days": CONFIRMATION_DAYS})


def find(raw, purpose):
    """The subscription a link's secret opens, or None."""
    if not tokens.well_formed(raw):
        return None, None
    token = (
        AccessToken.objects.select_related("subscription__search")
        .filter(digest=tokens.digest(raw), purpose=purpose)
        .first()
    )
    return (token, token.subscription) if token else (None, None)


def invalid_link(request, status=404, expired_query=None):
    context = {"expired": expired_query is not None}
    if expired_query is not None:
        context["again_url"] = reverse("alerts:subscribe") + (
            f"?{expired_query}" if expired_query else ""
        )
    return page(request, "alerts/invalid_link.html", context, status=status)


def confirm(request, token):
    """GET shows a button, POST confirms: a link checker that opens every link of a message
    (many mail services do) must not confirm on the visitor's behalf."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    access, subscription = find(token, AccessToken.Purpose.CONFIRM)
    if subscription is None or subscription.status != Subscription.Status.PENDING:
        return invalid_link(request)
    if timezone.now() > subscription.confirmation_expires_at:
        return invalid_link(request, status=410, expired_query=subscription.search.query)
    search = searches.from_query(subscription.search.query)
    if request.method == "GET":
        return page(
            request, "alerts/confirm.html", {"subscription": subscription, "search": search}
        )
    subscription.confirm()
    from alerts.mailing import new_manage_token

    manage = new_manage_token(subscription)
    return redirect(reverse("alerts:manage", args=[manage]) + "?confirmee=1")


def manage(request, token):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    access, subscription = find(token, AccessToken.Purpose.MANAGE)
    if subscription is None:
        return invalid_link(request)
    search = searches.from_query(subscription.search.query)
    form = FrequencyForm(initial={"frequency": subscription.frequency})
    message = None
    if request.GET.get("confirmee") == "1":
        message = (
            "Votre alerte est confirmée : vous recevrez les nouvelles offres de cette recherche."
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            subscription.delete()
            return page(request, "alerts/deleted.html", {"list_url": list_url(search.query)})
        if action == "pause" and subscription.status == Subscription.Status.ACTIVE:
            subscription.pause()
            message = (
                "Votre alerte est suspendue : aucun message ne vous sera envoyé jusqu’à sa reprise."
            )
        elif action == "resume" and subscription.status == Subscription.Status.PAUSED:
            subscription.resume()
            message = (
                "Votre alerte a repris : vous recevrez les offres publiées à partir de maintenant."
            )
        elif action == "frequency":
            form = FrequencyForm(request.POST)
            if form.is_valid():
                subscription.frequency = form.cleaned_data["frequency"]
                subscription.save(update_fields=["frequency"])
                message = f"C’est enregistré : {subscription.get_frequency_display().lower()}."
        else:
            message = "Cette action n’est pas possible : choisissez l’une de celles ci-dessous."
    context = {
        "subscription": subscription,
        "search": search,
        "form": form,
        "message": message,
        "token": token,
        "list_url": list_url(search.query),
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return page(request, "alerts/manage.html", context, status=status)


# RFC 8058: a mail client's « unsubscribe » button POSTs « List-Unsubscribe=One-Click » to this
# address, without cookies, hence without a CSRF token; the secret in the address is what
# authorises the request, and a forged cross-site POST cannot know it. Only this view is exempt.
@csrf_exempt
def unsubscribe(request, token):
    """GET: a button (a link checker must not unsubscribe anybody). POST: deleted at once."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    access, subscription = find(token, AccessToken.Purpose.MANAGE)
    if subscription is None:
        if request.method == "POST":
            # Already unsubscribed (a second click, or the mail client after the link): done.
            return page(request, "alerts/deleted.html", {"list_url": list_url("")})
        return invalid_link(request)
    search = searches.from_query(subscription.search.query)
    if request.method == "GET":
        return page(request, "alerts/unsubscribe.html", {"search": search, "token": token})
    subscription.delete()
    return page(request, "alerts/deleted.html", {"list_url": list_url(search.query)})
