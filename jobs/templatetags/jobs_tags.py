from django import template
from django.db.models import Func, IntegerField, Subquery

from jobs import rich_text
from jobs.models import Job

register = template.Library()

HOME_OFFERS = 3


@register.filter
def as_rich_text(text):
    """Render an editor's long text (paragraphs, bullets, bold, links) as sanitised HTML."""
    return rich_text.render(text)


@register.inclusion_tag("jobs/includes/home_offers.html", takes_context=True)
def home_offers(context):
    """« Nos offres d'emploi » on the home page: how many offers are open and the latest ones.

    A template tag, so that the employer app's home page shows offers without importing jobs.
    """
    open_count, latest_jobs = _open_offers(context)
    return {"open_count": open_count, "latest_jobs": latest_jobs}


@register.simple_tag(takes_context=True)
def open_offers_count(context):
    return _open_offers(context)[0]


def _open_offers(context):
    """(number of open offers, the latest HOME_OFFERS of them), in one query per request."""
    request = context.get("request")
    cached = getattr(request, "_open_offers", None)
    if cached is not None:
        return cached
    # A scalar subquery, computed once: COUNT(*) over the open offers beside the latest ones.
    count = (
        Job.objects.open()
        .order_by()
        .annotate(total=Func(template="COUNT(*)", output_field=IntegerField()))
    )
    count = count.values("total")
    latest = list(Job.objects.open().for_cards().annotate(open_count=Subquery(count))[:HOME_OFFERS])
    result = (latest[0].open_count if latest else 0, latest)
    if request is not None:
        request._open_offers = result
    return result


@register.simple_tag
def query_with(querydict, **changes):
    """The current query string with some parameters replaced (and the page reset)."""
    params = querydict.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
