from django import template

register = template.Library()


@register.simple_tag
def query_with(querydict, **changes):
    """The current query string with some parameters replaced, the page reset, and those given
    an empty value dropped: `{% query_with request.GET page="" %}` is the first page's short
    address (the list redirects `?page=1` to it).

    django-dsfr's `url_remplace_params` does the replacing but not the rest: it keeps the page
    of the current request, and writes `page=` for an empty value.
    """
    params = querydict.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
