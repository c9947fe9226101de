from django import template

from jobs import rich_text
from jobs.models import Job

register = template.Library()

HOME_OFFERS = 3


@register.filter
def as_rich_text(text):
    """Render an editor's long text (paragraphs, bullets, bold, links) as sanitised HTML."""
    return rich_text.render(text)


@register.inclusion_tag("jobs/includes/home_offers.html")
def home_offers():
    """« Nos offres d'emploi » on the home page: how many offers are open and the latest ones.

    A template tag, so that the employer app's home page shows offers without importing jobs.
    """
    open_offers = Job.objects.open()
    return {
        "open_count": open_offers.count(),
        "latest_jobs": list(open_offers.for_cards()[:HOME_OFFERS]),
    }


@register.simple_tag
def open_offers_count():
    return Job.objects.open().count()


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
