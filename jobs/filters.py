"""The one description of the offer filters, which the list, its facet counts, its feeds and the
« Suivre les offres » page all read: each filter's parameter, its label, its options, how an
active value reads in French, and how it narrows the offers.

Unknown values are ignored rather than refused: a shared URL with a stale or mistyped value still
shows the other filters' results, never an error page.
"""

import copy
import datetime
from functools import cached_property

import django_filters
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst, format_lazy

from core import page_cache
from jobs import departements, pay, search
from jobs.choices import Category, Nature, Telework, Versant
from jobs.models import Domain, Job

PUBLISHED_WITHIN = [
    ("1", "Depuis 24 heures"),
    ("7", "Depuis 7 jours"),
    ("30", "Depuis 30 jours"),
]
SORTS = [
    ("recent", "Les plus récentes"),
    ("date-limite", "Date limite la plus proche"),
]
# A category reads « catégorie B » within a sentence (a feed's title), « Catégorie B » alone.
CATEGORIES = [
    (
        value,
        "hors catégorie"
        if value == Category.HORS_CATEGORIE
        else format_lazy("{} {}", "catégorie", label),
    )
    for value, label in Category.choices
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


class DescribedFilter:
    """What a visitor reads of a filter besides its label: how an active value reads.

    `reading(value)` is the value as it reads within a sentence (« Ressources humaines »,
    « catégorie B », « « juriste » »): a feed's title lists them so; alone (a tag, an option of
    the form) it takes a capital. A choice reads as its option.
    `narrows`: whether the filter chooses offers (the sort only orders them: a feed ignores it).
    """

    narrows = True

    def reading(self, value):
        return str(dict(self.extra["choices"]).get(value, value))


class SharedChoicesFilter(DescribedFilter):
    """A filter whose copies share their options (`extra`), for the reason above."""

    select = False

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
    """Options ticked as checkboxes, counted on the offers' column `field_name`.

    `select`: offered as a <select> instead (a hundred départements weighed 14 KB of the list
    page as checkboxes).
    """

    field_class = LenientMultipleChoiceField

    def __init__(self, *args, select=False, **kwargs):
        self.select = select
        # Every option is a column of the offer itself: no join can repeat a row.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class LenientChoiceField(SharedChoicesField, django_filters.fields.ChoiceField):
    """An unknown single value counts as no value."""

    def clean(self, value):
        return super().clean(value if self.valid_value(value) else "")


class LenientChoiceFilter(SharedChoicesFilter, django_filters.ChoiceFilter):
    field_class = LenientChoiceField


class PublishedWithinFilter(LenientChoiceFilter):
    """Offers published in the last N days, N being the option (one of them, as radio buttons)."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        since = timezone.now() - datetime.timedelta(days=int(value))
        return queryset.filter(published_at__gte=since)


class PayFloorFilter(LenientChoiceFilter):
    """Offers that may pay at least the option a month, gross (jobs.pay.reaches): one of them, as
    radio buttons, each counted with the offers of the higher ones (facets.py)."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(pay.reaches(int(value)))


class SortFilter(LenientChoiceFilter):
    """The order of the offers: not a filter a visitor removes, nor one a feed follows."""

    narrows = False


class WordsFilter(DescribedFilter, django_filters.CharFilter):
    def reading(self, value):
        return f"«\u00a0{value}\u00a0»"


class JobFilter(django_filters.FilterSet):
    q = WordsFilter(label="Mots-clés", method="filter_text", max_length=200)
    # Counted by id (no join), named by its slug in the address.
    domaine = LenientMultipleChoiceFilter(
        label="Domaine", field_name="domain_id", method="filter_domains", choices=[]
    )
    categorie = LenientMultipleChoiceFilter(
        label="Catégorie", field_name="category", choices=CATEGORIES
    )
    versant = LenientMultipleChoiceFilter(
        label="Fonction publique", field_name="versant", choices=Versant.choices
    )
    nature = LenientMultipleChoiceFilter(
        label="Nature de l’emploi", field_name="nature", choices=Nature.choices
    )
    localisation = LenientMultipleChoiceFilter(
        label="Département",
        field_name="department_code",
        choices=departements.CHOICES,
        select=True,
    )
    teletravail = LenientMultipleChoiceFilter(
        label="Télétravail", field_name="telework", choices=Telework.choices
    )
    publiee = PublishedWithinFilter(
        label="Date de publication",
        choices=PUBLISHED_WITHIN,
        empty_label="Toutes les dates",
    )
    remuneration = PayFloorFilter(
        label="Rémunération",
        choices=[(str(amount), pay.floor_label(amount)) for amount in pay.FLOORS],
        empty_label="Toutes les rémunérations",
    )
    tri = SortFilter(label="Trier par", choices=SORTS, method="sort", empty_label=None)

    # Values a list URL means anyway: an empty field, the default sort, the first page.
    DEFAULTS = {"tri": "recent", "page": "1"}

    class Meta:
        model = Job
        fields = []

    def __init__(self, data=None, *args, domains=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if domains is not None:
            self.domains = domains

    @classmethod
    def facets(cls):
        """The filters whose options the form lists with their counts, in its order."""
        return [
            name
            for name, filter_ in cls.base_filters.items()
            if isinstance(filter_, SharedChoicesFilter) and filter_.narrows
        ]

    @cached_property
    def domains(self):
        """The domaines in French order, cached with the content. Read only when needed: the
        redirect of an address with empty fields reads no table."""
        return page_cache.get_or_compute("domains:fr", sorted_domains)

    @cached_property
    def domain_slugs(self):
        """Each way an address may name a domaine, folded -> its slug: the slug, and the RMFP
        code (`Domain.code`, its natural key: « GRH »), which visitors and other sites type."""
        return {
            alias.casefold(): domain.slug
            for domain in self.domains
            for alias in (domain.slug, domain.code)
        }

    def get_form_class(self):
        self.filters["domaine"].extra["choices"] = [(d.slug, d.name) for d in self.domains]
        return super().get_form_class()

    def filter_domains(self, queryset, name, value):
        # By id, from the domaines already loaded: a join on the slug kept PostgreSQL from using
        # the offers' domain index (15 ms instead of 2 at 100,000 offers).
        if not value:
            return queryset
        ids = {domain.slug: domain.pk for domain in self.domains}
        return queryset.filter(domain_id__in=[ids[slug] for slug in value])

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def sort(self, queryset, name, value):
        if value == "date-limite":
            return queryset.order_by("deadline", "-published_at", "-pk")
        return queryset.order_by("-published_at", "-pk")

    @property
    def current_sort(self):
        self.form.is_valid()
        return self.form.cleaned_data.get("tri") or self.DEFAULTS["tri"]

    # --- Addresses ------------------------------------------------------------------------------

    def canonical_query(self):
        """The query's parameters as the list's address keeps them, in their order: no empty
        value nor default, each domaine by its slug (`?domaine=GRH` is
        `?domaine=ressources-humaines`).

        The filter form sends every field (`?q=&localisation=&tri=recent`): such URLs are
        redirected to the short one, which is what visitors share and search engines index.
        """
        params = []
        for name, values in self.data.lists():
            for value in values:
                if not value.strip() or self.DEFAULTS.get(name) == value:
                    continue
                if name == "domaine":
                    value = self.domain_slugs.get(value.strip().casefold(), value)
                params.append((name, value))
        return params

    def names_domains_by_slug(self):
        """False when the address names a domaine otherwise (its code, another case): that
        address has moved for good to the slug's."""
        return all(
            self.domain_slugs.get(value.strip().casefold(), value) == value
            for value in self.data.getlist("domaine")
            if value.strip()
        )

    def offers_query(self):
        """The canonical parameters that choose the offers, encoded: the query of the feeds and
        of the follow page of this list (the sort and the page only change how it shows them)."""
        narrowing = {name for name, filter_ in self.filters.items() if filter_.narrows}
        return urlencode(
            [(name, value) for name, value in self.canonical_query() if name in narrowing]
        )

    def offers_url(self, url_name):
        """The address of `url_name` (the list, a feed, the follow page) for these offers."""
        query = self.offers_query()
        return reverse(url_name) + (f"?{query}" if query else "")

    # --- What a visitor reads -------------------------------------------------------------------

    def active(self):
        """Each value that narrows the offers, in the form's order: {name, value, reading (within
        a sentence), label (alone), query (the list's query without that value)}. The list shows
        them as removable tags, the follow page lists them, a feed's title names them."""
        if not self.is_bound:
            return []
        form = self.form
        form.is_valid()
        active = []
        for name, filter_ in self.filters.items():
            value = form.cleaned_data.get(name)
            if not filter_.narrows or not value:
                continue
            for item in value if isinstance(value, list) else [value]:
                remaining = self.data.copy()
                if isinstance(value, list):
                    remaining.setlist(name, [v for v in self.data.getlist(name) if v != item])
                else:
                    remaining.pop(name, None)
                remaining.pop("page", None)
                reading = filter_.reading(item)
                active.append(
                    {
                        "name": name,
                        "value": item,
                        "reading": reading,
                        "label": capfirst(reading),
                        "query": remaining.urlencode(),
                    }
                )
        return active

    def option_groups(self, counts):
        """The filter form's groups: each option with its count (`counts`, from
        `facets.facet_counts`), whether it is ticked, a unique id.

        Options that would give no offer are left out unless ticked, so the form lists what exists.
        """
        form = self.form
        form.is_valid()
        groups = []
        for name in self.facets():
            filter_, field = self.filters[name], form.fields[name]
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
                            "label": capfirst(str(label)),
                            "count": count,
                            "checked": value in selected,
                            "id": f"filter-{name}-{value}".lower(),
                        }
                    )
            group = {
                "name": name,
                "label": filter_.label,
                "multiple": isinstance(filter_, django_filters.MultipleChoiceFilter),
                "options": options,
            }
            if filter_.select:
                # A <select> shows one choice: further ones (from a shared URL) stay in the form
                # as hidden fields, and their tags above the results remove them.
                ticked = [option for option in options if option["checked"]]
                for option in ticked[1:]:
                    option["checked"] = False
                group["select"] = True
                group["hidden"] = [option["value"] for option in ticked[1:]]
            groups.append(group)
        return groups


def filter_open_offers(data, domains=None):
    """The FilterSet over open offers, as the list, the feeds and the follow page use it."""
    return JobFilter(data, queryset=Job.objects.open().for_cards(), domains=domains)


def sorted_domains():
    """The domaines in French order (« Défense » before « Direction »): the databases' own
    collations put accented letters after « z » (SQLite, PostgreSQL's « C » locale)."""
    return sorted(Domain.objects.all(), key=lambda domain: search.sort_key(domain.name))
