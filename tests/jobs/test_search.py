"""Text search as applicants type it: acronyms of the public service, feminine and plural forms.

Run on SQLite and on PostgreSQL (where a full-text index finds the candidates first): both must
give the same offers.
"""

import re

import pytest
from django.urls import reverse

from jobs import search
from jobs.models import Domain
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def offer(title, code="DIR", missions="", location="Val de Marne (94)"):
    return JobFactory(
        title=title,
        domain=Domain.objects.get(code=code),
        missions=missions,
        profile="",
        location_label=location,
        city="",
    )


def found(client, query):
    response = client.get(reverse("jobs:list"), {"q": query})
    assert response.status_code == 200
    return {job.title for job in response.context["jobs"]}


@pytest.fixture
def offers():
    return {
        "hr": offer("Gestionnaire d'action sociale", code="GRH"),
        "auditor": offer("Auditeur(trice) chargé(e)des entretiens d'introduction EFA", code="USA"),
        "lyon": offer("Assistant (e) de direction", location="Rhône (69)"),
        "it": offer("Chef de projet", code="NUM", missions="Piloter les systèmes d’information."),
        "drh": offer("Adjoint au DRH", code="DIR"),
        "sg": offer("Assistante au secrétariat général"),
        "lawyer": offer("Juriste", code="JUR", missions="Conseil aux services."),
        "director": offer("Directrice des affaires financières", code="GBF"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # An acronym finds what it stands for, and itself as a whole word only (not « Rhône »).
        ("RH", {"hr", "drh"}),
        ("rh", {"hr", "drh"}),
        ("GRH", {"hr"}),
        ("DRH", {"drh"}),
        ("SI", {"it"}),
        ("DSI", set()),
        ("SIC", set()),
        ("SG", {"sg"}),
        ("DAF", {"director"}),
        # The words in full find the acronym.
        ("ressources humaines", {"hr", "drh"}),
        ("direction des ressources humaines", {"drh"}),
        ("système d'information", {"it"}),
        ("secrétaire générale", {"sg"}),
        # Feminine and plural forms, either way round.
        ("auditrice", {"auditor"}),
        ("auditrices", {"auditor"}),
        ("auditeurs", {"auditor"}),
        ("juristes", {"lawyer"}),
        ("directeur", {"director"}),
        ("assistante", {"lyon", "sg"}),
        ("chargée", {"auditor"}),
        ("sociales", {"hr"}),
        ("financier", {"director"}),
        # Words still match from their start only.
        ("rhone", {"lyon"}),
        ("uditeur", set()),
    ],
)
def test_search_knows_acronyms_genders_and_plurals(client, offers, query, expected):
    assert found(client, query) == {offers[key].title for key in expected}


def test_rmfp_finds_offers_citing_the_repertoire(client):
    job = offer(
        "Chargé de mission",
        missions="Emploi du répertoire des métiers de la fonction publique.",
    )
    offer("Secrétaire")
    assert found(client, "RMFP") == {job.title}


def test_drh_finds_an_offer_of_a_division_des_ressources_humaines(client):
    """The demo's HR offer is in the « Division des ressources humaines »: DRH must find it."""
    job = offer("Gestionnaire paie", missions="Au sein de la division des ressources humaines.")
    offer("Secrétaire")
    assert found(client, "DRH") == {job.title}


def test_every_acronym_s_meaning_leads_back_to_it():
    """Typing an acronym's meaning in full gives the same group as the acronym itself."""
    for acronym, meanings in search.ACRONYMS.items():
        for meaning in meanings:
            if meaning.isupper():
                assert meaning in search.ACRONYMS, meaning
            else:
                assert search.groups(meaning) == search.groups(acronym), meaning


@pytest.mark.parametrize(
    ("word", "starts"),
    [
        ("auditrice", ["auditeur", "auditrice"]),
        ("juristes", ["jurist"]),
        ("administrative", ["administratif", "administrativ"]),
        ("generaux", ["general", "generaux"]),
        ("temps", ["temps"]),
        ("rh", ["rh"]),
        ("3e5", ["3e5"]),
    ],
)
def test_variants_are_the_starts_that_find_every_form(word, starts):
    assert search.variants(word) == starts


def test_domaines_are_listed_in_french_order(client):
    """« Défense » before « Direction », « Économie » among the E: not after « Z » as the
    databases' binary order puts accented capitals."""
    for code in ["DIR", "DEF", "ENV", "ACH"]:
        offer(f"Offre {code}", code=code)
    response = client.get(reverse("jobs:list"))
    groups = {group["name"]: group for group in response.context["filter_groups"]}
    assert [option["label"] for option in groups["domaine"]["options"]] == [
        "Achat",
        "Défense",
        "Direction et pilotage des politiques publiques",
        "Environnement",
    ]


def test_french_sort_key_ignores_accents_and_case():
    names = ["Zèbre", "Économie", "Direction", "défense", "Enseignement"]
    assert sorted(names, key=search.sort_key) == [
        "défense",
        "Direction",
        "Économie",
        "Enseignement",
        "Zèbre",
    ]


def test_domaines_are_in_french_order_wherever_they_are_listed(admin_client):
    Domain.objects.create(code="ECO", name="Économie", slug="economie")
    names = [domain.name for domain in Domain.objects.all()]
    assert names.index("Direction et pilotage des politiques publiques") < names.index("Économie")
    assert names.index("Économie") < names.index("Enseignement et formation")
    assert names.index("Défense") < names.index("Direction et pilotage des politiques publiques")
    assert names.index("Bâtiment") < names.index("Communication")
    html = admin_client.get(reverse("admin:jobs_job_add")).content.decode()
    select = re.search(r'<select[^>]*name="domain".*?</select>', html, re.S).group(0)
    assert select.index(">Défense<") < select.index(">Direction et pilotage")


def test_the_admin_list_of_domaines_is_in_french_order(admin_client):
    html = admin_client.get(reverse("admin:jobs_domain_changelist")).content.decode()
    assert html.index(">Défense<") < html.index(">Direction et pilotage")
