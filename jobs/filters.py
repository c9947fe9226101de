"""The one set of filters that the offer list, its feeds and any export read.

Unknown values are ignored rather than refused: a shared URL with a stale or mistyped value still
shows the other filters' results, never an error page.
"""

import copy
import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import page_cache
from jobs import departements, search
from jobs.choices import Category, Nature, Telework, Versant
from jobs.models import Domain, Job

PUBLISHED_WITHIN = [
    ("1", _("Depuis 24 heures")),
    ("7", _("Depuis 7 jours")),
    ("30", _("Depuis 30 jours")),
]
SORTS = [
    ("recent", _("Les plus récentes")),
    ("date-limite", _("Date limite la plus proche")),
]


class SharedChoicesField:
    """A choice field whose copies share its choices.

    Every FilterSet deep-copies its filters and every form its fields; the list page builds a
    FilterSet for itself and one per group of facet counts, and Django copies each choice of each
    field every time (a hundred départements, thirty domaines): a quarter of the page's rendering
    time. Choices are never changed in place here (the domaines are assigned, not mutated), so
    sharing them is safe.
    """

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


class SharedChoicesFilter:
    """A filter whose copies share their options (`extra`), for the reason above."""

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.extra = dict(self.extra)
        if self.method is not None:
            # Binds a new FilterMethod to the copy, which will know its FilterSet.
            result.method = self.method
        return result


class LenientMultipleChoiceField(SharedChoicesField, django_filters.fields.MultipleChoiceField):
    """Keeps the valid values of a repeated parameter and drops the others."""

    def clean(self, value):
        value = [item for item in (value or []) if self.valid_value(item)]
        return super().clean(value)


class LenientMultipleChoiceFilter(SharedChoicesFilter, django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField

    def __init__(self, *args, **kwargs):
        # Every option is a column of the offer itself: no join can repeat a row.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class LenientChoiceField(SharedChoicesField, django_filters.fields.ChoiceField):
    """An unknown single value counts as no value."""

    def clean(self, value):
        return super().clean(value if self.valid_value(value) else "")


class LenientChoiceFilter(SharedChoicesFilter, django_filters.ChoiceFilter):
    field_class = LenientChoiceField


class JobFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Mots-clés"), method="filter_text", max_length=200)
    domaine = LenientMultipleChoiceFilter(label=_("Domaine"), method="filter_domains", choices=[])
    categorie = LenientMultipleChoiceFilter(
        label=_("Catégorie"), field_name="category", choices=Category.choices
    )
    versant = LenientMultipleChoiceFilter(
        label=_("Fonction publique"), field_name="versant", choices=Versant.choices
    )
    nature = LenientMultipleChoiceFilter(
        label=_("Nature de l’emploi"), field_name="nature", choices=Nature.choices
    )
    localisation = LenientMultipleChoiceFilter(
        label=_("Département"), field_name="department_code", choices=departements.CHOICES
    )
    teletravail = LenientMultipleChoiceFilter(
        label=_("Télétravail"), field_name="telework", choices=Telework.choices
    )
    publiee = LenientChoiceFilter(
        label=_("Date de publication"),
        choices=PUBLISHED_WITHIN,
        method="filter_published_within",
        empty_label=_("Toutes les dates"),
    )
    tri = LenientChoiceFilter(label=_("Trier par"), choices=SORTS, method="sort", empty_label=None)

    class Meta:
        model = Job
        fields = []

    def __init__(self, data=None, *args, domains=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        domains = Domain.objects.all() if domains is None else domains
        self.filters["domaine"].extra["choices"] = [(d.slug, d.name) for d in domains]
        self.domain_ids = {domain.slug: domain.pk for domain in domains}

    def filter_domains(self, queryset, name, value):
        # By id, from the domaines already loaded: a join on the slug kept PostgreSQL from using
        # the offers' domain index (15 ms instead of 2 at 100,000 offers).
        if not value:
            return queryset
        return queryset.filter(domain_id__in=[self.domain_ids[slug] for slug in value])

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_published_within(self, queryset, name, value):
        since = timezone.now() - datetime.timedelta(days=int(value))
        return queryset.filter(published_at__gte=since)

    def sort(self, queryset, name, value):
        if value == "date-limite":
            return queryset.order_by("deadline", "-published_at", "-pk")
        return queryset.order_by("-published_at", "-pk")


def filter_open_offers(data):
    """The FilterSet over open offers, as the list and the feeds both use it.

    Returns the FilterSet, the unfiltered open offers and the options it was built with (so that
    facet counts reuse them without querying again).
    """
    base = Job.objects.open()
    # The domaines change only with the content: cached with it (read again when the cache is off).
    options = {"domains": page_cache.get_or_compute("domains:fr", sorted_domains)}
    return JobFilter(data, queryset=base.for_cards(), **options), base, options


def sorted_domains():
    """The domaines in French order (« Défense » before « Direction »): the databases' own
    collations put accented letters after « z » (SQLite, PostgreSQL's « C » locale)."""
    return sorted(Domain.objects.all(), key=lambda domain: search.sort_key(domain.name))


# Values a list URL means anyway: an empty field, the default sort, the first page.
DEFAULT_VALUES = {"tri": "recent", "page": "1"}


def canonical_query(data):
    """The query's parameters without empty values nor defaults, in their order.

    The filter form sends every field (`?q=&localisation=&tri=recent`): such URLs are redirected
    to the short one, which is what visitors share and search engines index.
    """
    return [
        (name, value)
        for name, values in data.lists()
        for value in values
        if value.strip() and DEFAULT_VALUES.get(name) != value
    ]
