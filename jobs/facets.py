"""How many open offers each filter option would give, in a single query.

Each dimension is counted with every other active filter applied but not its own, so ticking a
second domaine shows how many offers it would add (the usual faceted-search behaviour). The
dimensions are the FilterSet's (`JobFilter.facets`): each option filter counted on its column,
the publication window by the narrowest window each offer falls in, the minimum pay by the
highest floor each offer reaches.
"""

import datetime

from django.db import connection
from django.db.models import Case, CharField, Count, F, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from jobs import pay
from jobs.filters import JobFilter, PayFloorFilter, PublishedWithinFilter


def facet_counts(filterset):
    """({filter name: {option value: count}} for every dimension, publication window included;
    the number of offers the filters give, or None when every dimension is filtered).

    One query. Dimensions whose own filter is not active share the same WHERE clause: on
    PostgreSQL they are counted in a single scan (GROUP BY GROUPING SETS), elsewhere by one GROUP
    BY each; the dimensions being filtered on get one GROUP BY each; all in one UNION ALL. Each
    scan reads the covering index on open offers (job_open_idx), or the trigram index for a text
    search, rather than the table.
    """
    base_queryset, data, domains = filterset.queryset.order_by(), filterset.data, filterset.domains
    columns, raw_columns, windows, floors = {}, {}, {}, {}
    for name in JobFilter.facets():
        filter_ = filterset.filters[name]
        if isinstance(filter_, PayFloorFilter):
            floors[name] = sorted((value for value, _label in filter_.extra["choices"]), key=int)
            columns[name] = raw_columns[name] = _floor(floors[name])
        elif isinstance(filter_, PublishedWithinFilter):
            windows[name] = [days for days, _label in filter_.extra["choices"]]
            columns[name] = raw_columns[name] = _window(windows[name])
        else:
            columns[name] = Cast(filter_.field_name, output_field=CharField())
            # PostgreSQL groups the raw columns and casts the few resulting rows (grouping cast
            # values made it sort every offer on disk: 86 ms instead of 53 at 100,000 offers).
            raw_columns[name] = F(filter_.field_name)
    # Dimensions counted over the same offers (the same remaining filters) share one FilterSet:
    # building one per dimension (deep copies of every filter and field) cost more than the SQL.
    groups = {}
    for name in columns:
        others = _without(data, name)
        key = tuple(sorted((field, tuple(values)) for field, values in others.lists()))
        if key not in groups:
            subset = JobFilter(others, queryset=base_queryset, domains=domains)
            groups[key] = (subset.qs.order_by(), [])
        groups[key][1].append(name)
    use_grouping_sets = connection.vendor == "postgresql"
    selects, params = [], []
    for queryset, names in groups.values():
        if use_grouping_sets and len(names) > 1:
            sql, sql_params = _grouping_sets(queryset, {name: raw_columns[name] for name in names})
            selects.append(sql)
            params.extend(sql_params)
            continue
        for name in names:
            part = (
                queryset.annotate(facet=Value(name, output_field=CharField()), option=columns[name])
                .values_list("facet", "option")
                .annotate(count=Count("*"))
            )
            sql, sql_params = part.query.sql_with_params()
            selects.append(f"SELECT * FROM ({sql}) AS part")
            params.extend(sql_params)
    counts = {name: {} for name in columns}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for facet, option, count in cursor.fetchall():
            counts[facet][option] = count
    # A dimension the request does not filter on was counted over exactly the list's offers, one
    # option per offer: its counts add up to the number of offers listed.
    listed = next((sum(counts[name].values()) for name in columns if name not in data), None)
    slugs = {str(domain.pk): domain.slug for domain in domains}
    counts["domaine"] = {slugs[pk]: count for pk, count in counts["domaine"].items() if pk in slugs}
    for name, days_options in windows.items():
        # Windows are nested: the offers of the last 7 days include those of the last 24 hours.
        within = counts[name]
        running = 0
        for days in days_options:
            running += within.get(days, 0)
            within[days] = running
        within.pop("", None)
    for name, amounts in floors.items():
        # Floors are nested the other way: the offers reaching 3 000 € also reach 2 500 €.
        reached = counts[name]
        running = 0
        for amount in reversed(amounts):
            running += reached.get(amount, 0)
            reached[amount] = running
        reached.pop("", None)
    return counts, listed


def _floor(amounts):
    """The highest floor each offer's pay reaches (they are summed up afterwards)."""
    point = pay.current_point()
    return Case(
        *(
            When(pay.reaches(int(amount), point), then=Value(amount))
            for amount in sorted(amounts, key=int, reverse=True)
        ),
        default=Value(""),
        output_field=CharField(),
    )


def _window(windows):
    """The narrowest publication window each offer falls in (they are summed up afterwards)."""
    now = timezone.now()
    return Case(
        *(
            When(published_at__gte=now - datetime.timedelta(days=int(days)), then=Value(days))
            for days in windows
        ),
        default=Value(""),
        output_field=CharField(),
    )


def _grouping_sets(queryset, columns):
    """(facet, option, count) rows for several dimensions in one scan (PostgreSQL)."""
    aliases = {name: f"facet_{index}" for index, name in enumerate(columns)}
    inner = queryset.annotate(
        **{aliases[name]: expression for name, expression in columns.items()}
    ).values_list(*aliases.values())
    sql, params = inner.query.sql_with_params()
    facet = " ".join(f"WHEN GROUPING({alias}) = 0 THEN '{name}'" for name, alias in aliases.items())
    option = ", ".join(f"CAST({alias} AS text)" for alias in aliases.values())
    sets = ", ".join(f"({alias})" for alias in aliases.values())
    return (
        f"SELECT CASE {facet} END, COALESCE({option}), COUNT(*) FROM ({sql}) AS offers "
        f"GROUP BY GROUPING SETS ({sets})",
        params,
    )


def _without(data, name):
    others = data.copy()
    others.pop(name, None)
    others.pop("page", None)
    return others
