"""Vocabulary of the synthetic offers that `generate_offers` writes (load tests, demos at volume).

The words are data, in synthetic_vocabulary.toml beside this module (TOML: comments, French text
without escapes, read by the standard library); this module reads them once, into the shapes the
command draws from. Job families, missions and skills follow the RMFP domaines fonctionnels.

Départements are named by jobs/departements.py, the one table of them: a generated offer reads
« Hauts-de-Seine (92) » and lies in the région of its département, as one typed in the offer form
does. The vocabulary only adds, by département code, a town for the post, its postal code and how
often offers are there.
"""

import tomllib
from pathlib import Path
from typing import NamedTuple

from jobs import departements

VOCABULARY_FILE = Path(__file__).with_name("synthetic_vocabulary.toml")


class Place(NamedTuple):
    """Where an offer is: a département of the vocabulary, as departements.py names it."""

    code: str
    label: str  # « Hauts-de-Seine (92) »: the offer's location_label.
    region: str
    town: str
    postal_code: str
    weight: int  # How often offers are there, relative to the other places.


def load(path=VOCABULARY_FILE):
    with path.open("rb") as file:
        return tomllib.load(file)


def places(table):
    """The [departements] table -> Places, refusing a code the INSEE table does not know."""
    unknown = sorted(set(table) - set(departements.NAMES))
    if unknown:
        raise ValueError(f"{VOCABULARY_FILE.name}: not département codes: {', '.join(unknown)}")
    return [
        Place(
            code=code,
            label=departements.label(code),
            region=departements.REGION_OF.get(code, ""),
            town=place["town"],
            postal_code=place["postal_code"],
            weight=place["weight"],
        )
        for code, place in table.items()
    ]


_vocabulary = load()

DEPARTMENTS = places(_vocabulary["departements"])

# RMFP code -> (job titles, mission bullets, expected skills), and the service that recruits.
FAMILIES = {
    code: (family["titles"], family["missions"], family["skills"])
    for code, family in _vocabulary["domaines"].items()
}
SERVICES = {code: family["service"] for code, family in _vocabulary["domaines"].items()}

# Versant -> catégorie -> corps or cadre d'emplois; versant -> recruiting authorities.
CORPS = {versant: table["corps"] for versant, table in _vocabulary["versants"].items()}
AUTHORITIES = {versant: table["authorities"] for versant, table in _vocabulary["versants"].items()}

# Catégorie -> gross yearly pay range in euros (lowest minimum, highest maximum), education level.
SALARIES = {
    category: tuple(table["salary"]) for category, table in _vocabulary["categories"].items()
}
EDUCATION = {category: table["education"] for category, table in _vocabulary["categories"].items()}

EXPERIENCE_SENTENCES = _vocabulary["experiences"]

_texts = _vocabulary["texts"]
INTRODUCTIONS = _texts["introductions"]
MANAGEMENT_LINE = _texts["management_line"]
CLOSINGS = _texts["closings"]
SOFT_SKILLS = _texts["soft_skills"]
CONDITIONS = _texts["conditions"]
ADDITIONAL_INFO = _texts["additional_info"]
STREETS = _texts["streets"]
DOCUMENTS = _texts["documents"]
