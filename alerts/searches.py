"""A saved search: the offer list's filters as one canonical query string, and what it says.

The list, its feeds and the alerts read the same FilterSet (jobs.filters.JobFilter): an alert
sends exactly the offers the list shows for its address. Two addresses for the same search
(`?categorie=A&domaine=GRH` and `?domaine=ressources-humaines&categorie=A`) are one saved search,
so that digests are computed once per search whatever the number of subscribers.
"""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.http import urlencode

from jobs.filters import JobFilter, filter_open_offers

# Longer than any real search (every filter ticked is about 1,500 characters): refused beyond.
MAX_QUERY_LENGTH = 2000
ALL_OFFERS = "Toutes les offres d’emploi"


@dataclass
class Search:
    query: str  # The canonical query string ("" for every offer).
    readings: list = field(default_factory=list)  # Each active value as it reads alone.
    unknown: list = field(default_factory=list)  # « name=value » the list would ignore.

    @property
    def description(self):
        """« Ressources humaines, catégorie A, Val-de-Marne (94) », or every offer."""
        if not self.readings:
            return ALL_OFFERS
        first, *others = self.readings
        return ", ".join([first["label"], *(item["reading"] for item in others)])

    @property
    def labels(self):
        return [item["label"] for item in self.readings]


def from_data(data):
    """The Search that `data` (a QueryDict: the list's query) asks for.

    Values the list ignores (an unknown domaine, a mistyped category, words over 200 characters)
    are left out of the search and named in `unknown`, so that the page can say so; the sort and
    the page number are not part of a search.
    """
    # The list's own spelling first (a domaine named by its RMFP code is its slug's, « GRH » is
    # « ressources-humaines »), then what the FilterSet keeps of it.
    canonical = filter_open_offers(data).canonical_query()
    filterset = filter_open_offers(QueryDict(urlencode(canonical)))
    active = filterset.active()
    narrowing = {name for name, filter_ in JobFilter.base_filters.items() if filter_.narrows}
    kept = {(item["name"], item["value"]) for item in active}
    unknown = []
    for name, value in canonical:
        if name in narrowing and (name, value) not in kept:
            if name == "q" and (name, value.strip()) in kept:
                continue
            unknown.append(f"{name}={value}")
        elif name not in narrowing and name not in JobFilter.DEFAULTS and name != "tri":
            unknown.append(f"{name}={value}")
    # One order whatever the address's: the form's order of the filters, then each one's values.
    order = list(JobFilter.base_filters)
    params = sorted(
        {(item["name"], item["value"]) for item in active},
        key=lambda pair: (order.index(pair[0]), pair[1]),
    )
    query = urlencode(params)
    readings = sorted(active, key=lambda item: (order.index(item["name"]), item["value"]))
    return Search(query=query, readings=readings, unknown=unknown)


def from_query(query):
    """The Search of a saved query string."""
    return from_data(QueryDict(query))


def matching_offers(query):
    """The open offers of a saved search, newest first, with what a digest shows of each."""
    return filter_open_offers(QueryDict(query)).qs.order_by("-published_at", "-pk")
