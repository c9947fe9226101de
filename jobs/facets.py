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
