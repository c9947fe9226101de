"""How many open offers each filter option would give, in a single query.

Each dimension is counted with every other active filter applied but not its own, so ticking a
second domaine shows how many offers it would add (the usual faceted-search behaviour).
"""

import datetime

from django.db import connection
from django.db.models import Case, CharField, Count, F, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from jobs.choices import Category
from jobs.filters import PUBLISHED_WITHIN, JobFilter

# Filter name -> the column its options are counted on. Domaines are counted by id (no join) and
# named by their slug afterwards.
DIMENSIONS = {
    "domaine": "domain_id",
    "categorie": "category",
    "versant": "versant",
    "nature": "nature",
    "localisation": "department_code",
    "teletravail": "telework",
}


def facet_counts(base_queryset, data, filter_kwargs):
    """({filter name: {option value: count}} for every dimension, publication window included;
    the number of offers the filters give, or None when every dimension is filtered).

    One query. Dimensions whose own filter is not active share the same WHERE clause: on
    PostgreSQL they are counted in a single scan (GROUP BY GROUPING SETS), elsewhere by one GROUP
    BY each; the dimensions being filtered on get one GROUP BY each; all in one UNION ALL. Each
    scan reads the covering index on open offers (job_open_idx), or the trigram index for a text
    search, rather than the table.
    """
    windows = [days for days, _label in PUBLISHED_WITHIN]
    now = timezone.now()
    # Each offer falls in the narrowest publication window it belongs to (summed up below).
    bucket = Case(
        *(
            When(published_at__gte=now - datetime.timedelta(days=int(days)), then=Value(days))
            for days in windows
        ),
        default=Value(""),
        output_field=CharField(),
    )
    columns = {name: Cast(column, output_field=CharField()) for name, column in DIMENSIONS.items()}
    columns["publiee"] = bucket
    # PostgreSQL groups the raw columns and casts the few resulting rows (grouping cast values
    # made it sort every offer on disk: 86 ms instead of 53 at 100,000 offers).
    raw_columns = {name: F(column) for name, column in DIMENSIONS.items()}
    raw_columns["publiee"] = bucket
    # Dimensions counted over the same offers (the same remaining filters) share one FilterSet:
    # building one per dimension (deep copies of every filter and field) cost more than the SQL.
    groups = {}
    for name in columns:
        others = _without(data, name)
        key = tuple(sorted((field, tuple(values)) for field, values in others.lists()))
        if key not in groups:
            filterset = JobFilter(others, queryset=base_queryset, **filter_kwargs)
            groups[key] = (filterset.qs.order_by(), [])
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
    slugs = {str(domain.pk): domain.slug for domain in filter_kwargs["domains"]}
    counts["domaine"] = {slugs[pk]: count for pk, count in counts["domaine"].items() if pk in slugs}
    # Windows are nested: the offers of the last 7 days include those of the last 24 hours.
    within = counts["publiee"]
    running = 0
    for days in windows:
        running += within.get(days, 0)
        within[days] = running
    within.pop("", None)
    return counts, listed


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


# Dimensions with too many options for checkboxes (a hundred départements weighed 14 KB of the
# list page as checkboxes): offered as a <select>.
SELECT_DIMENSIONS = {"localisation"}


def option_label(name, value, label):
    """What a visitor reads for a filter value: « Catégorie B », not a bare « B »."""
    if name == "categorie" and value != Category.HORS_CATEGORIE:
        return f"Catégorie {label}"
    return label


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
                        "label": option_label(name, value, label),
                        "count": count,
                        "checked": value in selected,
                        "id": f"filter-{name}-{value}".lower(),
                    }
                )
        group = {
            "name": name,
            "label": field.label,
            "multiple": name != "publiee",
            "options": options,
        }
        if name in SELECT_DIMENSIONS:
            # A <select> shows one choice: further ones (from a shared URL) stay in the form as
            # hidden fields, and their tags above the results remove them.
            ticked = [option for option in options if option["checked"]]
            for option in ticked[1:]:
                option["checked"] = False
            group["select"] = True
            group["hidden"] = [option["value"] for option in ticked[1:]]
        groups.append(group)
    return groups
