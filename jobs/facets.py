"""How many open offers each filter option would give, in a single query.

Each dimension is counted with every other active filter applied but not its own, so ticking a
second domaine shows how many offers it would add (the usual faceted-search behaviour).
"""

import datetime

from django.db.models import CharField, Count, Value
from django.utils import timezone

from jobs.filters import PUBLISHED_WITHIN, JobFilter

# Filter name -> the column its options are counted on.
DIMENSIONS = {
    "domaine": "domain__slug",
    "categorie": "category",
    "versant": "versant",
    "nature": "nature",
    "localisation": "department_code",
    "teletravail": "telework",
}


def facet_counts(base_queryset, data, filter_kwargs):
    """{filter name: {option value: count}} for every dimension, publication window included."""
    parts = []
    for name, column in DIMENSIONS.items():
        others = _without(data, name)
        queryset = JobFilter(others, queryset=base_queryset, **filter_kwargs).qs.order_by()
        parts.append(
            queryset.annotate(facet=Value(name, output_field=CharField()))
            .values_list("facet", column)
            .annotate(count=Count("pk"))
        )
    others = JobFilter(
        _without(data, "publiee"), queryset=base_queryset, **filter_kwargs
    ).qs.order_by()
    now = timezone.now()
    for days, _label in PUBLISHED_WITHIN:
        since = now - datetime.timedelta(days=int(days))
        parts.append(
            others.filter(published_at__gte=since)
            .annotate(
                facet=Value("publiee", output_field=CharField()),
                option=Value(days, output_field=CharField()),
            )
            .values_list("facet", "option")
            .annotate(count=Count("pk"))
        )
    counts = {name: {} for name in [*DIMENSIONS, "publiee"]}
    for facet, option, count in parts[0].union(*parts[1:], all=True):
        counts[facet][option] = count
    return counts


def _without(data, name):
    others = data.copy()
    others.pop(name, None)
    others.pop("page", None)
    return others


def filter_groups(filterset, counts):
    """The filter form's groups: each option with its count, whether it is ticked, a unique id.

    Options that would give no offer are left out unless ticked, so the form lists what exists.
    """
    form = filterset.form
    form.is_valid()
    groups = []
    for name in [*DIMENSIONS, "publiee"]:
        field = form.fields[name]
        selected = form.cleaned_data.get(name) or []
        selected = selected if isinstance(selected, list) else [selected]
        options = []
        for value, label in field.choices:
            if value in ("", None):
                continue
            count = counts[name].get(value, 0)
            if count or value in selected:
                options.append(
                    {
                        "value": value,
                        "label": label,
                        "count": count,
                        "checked": value in selected,
                        "id": f"filter-{name}-{value}".lower(),
                    }
                )
        groups.append(
            {
                "name": name,
                "label": field.label,
                "multiple": name != "publiee",
                "options": options,
            }
        )
    return groups
