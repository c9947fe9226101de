from django import template

from jobs import rich_text

register = template.Library()


@register.filter
def as_rich_text(text):
    """Render an editor's long text (paragraphs, bullets, bold, links) as sanitised HTML."""
    return rich_text.render(text)


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
