"""The offer list: filters, facet counts, text search, pagination, bad input."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.choices import Category, Nature, Telework
from jobs.models import Domain, Job
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def domain(code):
    return Domain.objects.get(code=code)


@pytest.fixture
def seed_offers():
    """The seed's three offers (titles and domaines as on the source page)."""
    return {
        "action_sociale": JobFactory(
            title="Gestionnaire d'action sociale",
            domain=domain("GRH"),
            category=Category.B,
            missions="Instruire les demandes de prestations d’action sociale des agents.",
            profile="Sens de l’écoute et discrétion.",
        ),
        "auditeur": JobFactory(
            title="Auditeur(trice) chargé(e)des entretiens d'introduction de demande d'asile EFA",
            domain=domain("USA"),
            category=Category.A,
            missions="Conduire les entretiens d’enregistrement des demandes d’asile.",
            profile="Goût du contact avec le public.",
        ),
        "assistant": JobFactory(
            title="Assistant (e) de Direction",
            domain=domain("DIR"),
            category=Category.C,
            missions="Gérer l’agenda et le courrier de la direction.",
            profile="Rigueur et organisation.",
        ),
    }


def get_list(client, query=""):
    return client.get(reverse("jobs:list") + query)


def titles(response):
    return {job.title for job in response.context["jobs"]}


def test_list_path_is_french():
    assert reverse("jobs:list") == "/offres/"


def test_list_shows_count_and_card_facts(client, seed_offers):
    job = seed_offers["action_sociale"]
    job.published_at = datetime.datetime(2024, 12, 24, 10, tzinfo=datetime.UTC)
    job.save()
    response = get_list(client)
    html = response.content.decode()
    assert "3 offres d’emploi" in html
    assert "Localisation : Val de Marne (94)" in html
    assert "Fonction publique : Fonction publique de l’État" in html
    assert f"Employeur : {job.employer.name}" in html
    assert re.search(
        r'En ligne depuis le <time [^>]*datetime="2024-12-24">24 décembre 2024</time>', html
    )
    assert "Ressources humaines" in html


def test_list_is_newest_first_and_can_sort_by_deadline(client):
    today = timezone.localdate()
    old = JobFactory(
        published_at=timezone.now() - datetime.timedelta(days=5),
        deadline=today + datetime.timedelta(days=3),
    )
    new = JobFactory(
        published_at=timezone.now() - datetime.timedelta(days=1),
        deadline=today + datetime.timedelta(days=50),
    )
    assert list(get_list(client).context["jobs"]) == [new, old]
    assert list(get_list(client, "?tri=date-limite").context["jobs"]) == [old, new]


def test_filter_by_one_or_several_domaines(client, seed_offers):
    response = get_list(client, "?domaine=ressources-humaines")
    assert titles(response) == {"Gestionnaire d'action sociale"}
    response = get_list(client, "?domaine=ressources-humaines&domaine=relation-a-lusager")
    assert len(titles(response)) == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?categorie=A", {"auditeur"}),
        ("?categorie=B&categorie=C", {"action_sociale", "assistant"}),
        ("?versant=FPE", {"action_sociale", "auditeur", "assistant"}),
        ("?versant=FPT", set()),
    ],
)
def test_filter_by_categorie_and_versant(client, seed_offers, query, expected):
    assert titles(get_list(client, query)) == {seed_offers[key].title for key in expected}


def test_filter_by_nature_location_and_telework(client):
    titulaires = JobFactory(nature=Nature.TITULAIRES, telework=Telework.NONE)
    gironde = JobFactory(
        location_label="Gironde (33)", department_code="33", telework=Telework.FULL
    )
    assert titles(get_list(client, "?nature=TITULAIRES")) == {titulaires.title}
    assert titles(get_list(client, "?localisation=33")) == {gironde.title}
    assert titles(get_list(client, "?teletravail=TOTAL")) == {gironde.title}
    assert titles(get_list(client, "?teletravail=AUCUN")) == {titulaires.title}


def department_options(response):
    """The « Département » select's options, as a visitor reads them, and the selected one."""
    html = response.content.decode()
    select = re.search(r'<select[^>]*name="localisation".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    return [(text, bool(selected)) for _value, selected, text in options]


def test_departements_are_a_select_of_those_with_offers_named_as_the_insee_does(client):
    JobFactory(location_label="Bordeaux", department_code="33")
    JobFactory.create_batch(2, location_label="Lille", department_code="59")
    JobFactory(location_label="Corse", department_code="2A")
    assert department_options(get_list(client)) == [
        ("Tous", False),
        ("Corse-du-Sud (2A) : 1 offre", False),
        ("Gironde (33) : 1 offre", False),
        ("Nord (59) : 2 offres", False),
    ]
    assert department_options(get_list(client, "?localisation=59"))[3] == (
        "Nord (59) : 2 offres",
        True,
    )


def test_a_second_departement_from_a_shared_url_is_kept_and_can_be_removed(client):
    gironde = JobFactory(department_code="33")
    nord = JobFactory(department_code="59")
    JobFactory(department_code="75")
    response = get_list(client, "?localisation=33&localisation=59")
    assert titles(response) == {gironde.title, nord.title}
    selected = [text for text, is_selected in department_options(response) if is_selected]
    assert selected == ["Gironde (33) : 1 offre"]
    html = response.content.decode()
    assert '<input type="hidden" name="localisation" value="59">' in html
    assert 'aria-label="Retirer le filtre Nord (59)"' in html


def test_filter_by_publication_window(client):
    recent = JobFactory(published_at=timezone.now() - datetime.timedelta(hours=3))
    week = JobFactory(published_at=timezone.now() - datetime.timedelta(days=5))
    JobFactory(published_at=timezone.now() - datetime.timedelta(days=20))
    assert titles(get_list(client, "?publiee=1")) == {recent.title}
    assert titles(get_list(client, "?publiee=7")) == {recent.title, week.title}
    assert len(titles(get_list(client, "?publiee=30"))) == 3


@pytest.mark.parametrize(
    "query",
    [
        "?domaine=inconnu",
        "?categorie=Z&versant=XX&nature=&teletravail=%00",
        "?publiee=365",
        "?tri=%27%3B+DROP+TABLE",
        "?localisation=999",
    ],
)
def test_unknown_filter_values_are_ignored(client, seed_offers, query):
    # follow: an empty value (`nature=`) is first redirected away.
    response = client.get(reverse("jobs:list") + query, follow=True)
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_each_option_shows_how_many_offers_it_would_give(client, seed_offers):
    JobFactory(domain=domain("GRH"), category=Category.A)
    response = get_list(client, "?domaine=ressources-humaines")
    groups = {group["name"]: group for group in response.context["filter_groups"]}
    domaines = {option["value"]: option["count"] for option in groups["domaine"]["options"]}
    # A domaine's count ignores the domaine filter itself (ticking a second one adds offers)...
    assert domaines == {
        "ressources-humaines": 2,
        "relation-a-lusager": 1,
        "direction-et-pilotage-des-politiques-publiques": 1,
    }
    # ...while the other groups count within the chosen domaine.
    categories = {option["value"]: option["count"] for option in groups["categorie"]["options"]}
    assert categories == {"A": 1, "B": 1}
    html = response.content.decode()
    assert re.search(r"Ressources humaines\s*<span class=\"filter-count\">\(2", html)


def test_active_filters_appear_as_removable_tags(client, seed_offers):
    response = get_list(client, "?domaine=ressources-humaines&categorie=B&q=action")
    tags = {tag["label"]: tag["query"] for tag in response.context["active_filters"]}
    assert tags["Ressources humaines"] == "categorie=B&q=action"
    assert tags["« action »"] == "domaine=ressources-humaines&categorie=B"
    assert 'aria-label="Retirer le filtre Ressources humaines"' in response.content.decode()


def test_search_without_result_says_so_and_offers_to_clear(client, seed_offers):
    response = get_list(client, "?q=astronaute&categorie=B")
    html = response.content.decode()
    assert "0 offre" not in html
    assert re.search(r'id="results-title">Aucune offre ne correspond à votre recherche<', html)
    assert "Effacer les filtres et voir toutes les offres" in html
    # The same words among all the offers, and each filter removable on its own.
    assert 'href="?q=astronaute#resultats">Rechercher « astronaute » dans toutes les offres' in html
    assert 'href="?q=astronaute#resultats" aria-label="Retirer le filtre Catégorie B"' in html


def test_a_list_without_any_open_offer_says_so_and_offers_to_follow(client):
    html = get_list(client).content.decode()
    assert "0 offre" not in html
    assert "Aucune offre d’emploi n’est ouverte en ce moment" in html
    assert 'href="/offres/suivre/"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ACTION SOCIALE", "action_sociale"),
        ("auditeur", "auditeur"),
        ("entretiens", "auditeur"),
        ("Relation a l'usager", "auditeur"),
        ("d'introduction", "auditeur"),
        ("d’introduction", "auditeur"),
        ("DIRECTION", "assistant"),
        ("Val de Marne", None),
    ],
)
def test_text_search_ignores_case_accents_and_apostrophes(client, seed_offers, query, expected):
    response = client.get(reverse("jobs:list"), {"q": query})
    found = titles(response)
    if expected is None:
        assert len(found) == 3  # every seed offer is in the Val de Marne
    else:
        assert found == {seed_offers[expected].title}


def test_search_looks_in_missions_and_profile(client, seed_offers):
    assert titles(client.get(reverse("jobs:list"), {"q": "prestations"})) == {
        seed_offers["action_sociale"].title
    }
    assert titles(client.get(reverse("jobs:list"), {"q": "ecoute discretion"})) == {
        seed_offers["action_sociale"].title
    }


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("b2b", True),
        ("1er", True),
        ("1", True),
        ("3e", True),
        ("007", True),
        ("medico-sociale", True),
        ("sociale medico", True),
        ("edico", False),
        ("ocial", False),
        ("b2b 1er 0123 3e5", True),
        ("b2b astronaute", False),
    ],
)
def test_search_matches_starts_of_words_with_digits_and_hyphens(client, query, found):
    """Words are matched from their start, digits included; on PostgreSQL through the full-text
    index, whose words must be the same as the LIKE test's (migration 0004)."""
    job = JobFactory(title="Agent B2B 1er échelon, 0123 3e5 007 (médico-sociale)")
    # Its reference is searched too: one drawn at random (« 2026-1… ») would match « 1 ».
    JobFactory(title="Secrétaire", reference="2026-5555555")
    expected = {job.title} if found else set()
    assert titles(client.get(reverse("jobs:list"), {"q": query})) == expected


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?categorie=A",
        "?q=action",
        "?publiee=7&categorie=B",
        "?domaine=ressources-humaines&domaine=relation-a-lusager&localisation=94",
        # Every dimension filtered: no facet group is counted over the list's own offers.
        "?domaine=ressources-humaines&categorie=B&versant=FPE&nature=TITULAIRE_CONTRACTUEL"
        "&localisation=94&teletravail=PARTIEL&publiee=30",
    ],
)
def test_the_number_of_offers_shown_is_the_number_the_filters_give(client, seed_offers, query):
    JobFactory.create_batch(4, category=Category.B, published_at=timezone.now())
    JobFactory(category=Category.A, department_code="33")
    response = get_list(client, query)
    expected = response.context["filter"].qs.count()
    assert response.context["paginator"].count == expected
    html = response.content.decode()
    if expected:
        assert f"{expected} offre{'s' if expected > 1 else ''} d’emploi" in html
    else:
        assert "Aucune offre ne correspond à votre recherche" in html


def test_the_filters_fold_behind_one_button_and_applying_them_lands_on_the_results(
    client, seed_offers
):
    """On a phone the 37 options no longer come before the offers: they are in a <details>
    (closed, it works without JavaScript) whose summary says how many filters are active."""
    html = get_list(client, "?categorie=A&categorie=B").content.decode()
    details = re.search(
        r'<details class="job-filters__panel" id="filtres">\s*<summary[^>]*>([^<]*)<', html
    )
    assert details.group(1) == "Filtrer les offres (2 filtres actifs)"
    assert html.index('id="filtres"') < html.index('id="job-filters"') < html.index("</details>")
    assert html.index("</details>") < html.index('id="resultats"')
    assert 'action="/offres/#resultats" id="job-filters"' in html
    assert "Aller aux résultats" not in html


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("?q=&localisation=&tri=recent", "/offres/"),
        ("?q=&domaine=numerique&localisation=&tri=recent", "/offres/?domaine=numerique"),
        ("?q=+&tri=date-limite&page=1", "/offres/?tri=date-limite"),
        ("?q=RH&domaine=numerique&domaine=&page=2", "/offres/?q=RH&domaine=numerique&page=2"),
    ],
)
def test_empty_parameters_and_defaults_leave_the_address(client, query, target):
    response = get_list(client, query)
    assert response.status_code == 302
    assert response["Location"] == target
    assert get_list(client, target.removeprefix("/offres/")).status_code == 200


def test_filter_script_is_a_static_file_that_drops_empty_fields(client, seed_offers):
    """The site's CSP forbids inline scripts: the list loads a file of its own."""
    html = get_list(client).content.decode()
    assert re.search(r'<script src="/static/js/job-filters.js" defer></script>', html)
    assert "<script>" not in html


def test_pagination_shows_20_a_page_and_titles_the_page(client):
    JobFactory.create_batch(23)
    first = get_list(client)
    assert len(first.context["jobs"]) == 20
    second = get_list(client, "?page=2")
    assert len(second.context["jobs"]) == 3
    assert "<title>Offres d’emploi - page 2 - " in second.content.decode()


def test_pagination_keeps_the_filters(client):
    JobFactory.create_batch(21, domain=domain("NUM"))
    html = get_list(client, "?domaine=numerique").content.decode()
    assert "?domaine=numerique&amp;page=2" in html


@pytest.mark.parametrize(("page", "shown"), [("999", 2), ("9" * 40, 2), ("0", 1), ("-3", 1)])
def test_page_out_of_range_shows_the_nearest_page(client, page, shown):
    JobFactory.create_batch(21)
    response = get_list(client, f"?page={page}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown


@pytest.mark.parametrize("page", ["abc", "1.5", "%00"])
def test_page_that_is_not_a_number_is_a_404(client, page):
    JobFactory()
    response = client.get(f"/offres/?page={page}")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


def test_list_links_its_feeds(client, seed_offers):
    html = get_list(client, "?domaine=ressources-humaines").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert "/offres/rss.xml?domaine=ressources-humaines" in html
    assert "/offres/atom.xml?domaine=ressources-humaines" in html
    # The visible link leads to a page that explains feeds, not to raw XML.
    assert re.search(
        r'<a [^>]*href="/offres/suivre/\?domaine=ressources-humaines">'
        r"Suivre les offres de cette recherche \(flux RSS ou Atom\)</a>",
        html,
    )


def test_home_page_shows_open_offer_count_and_latest_cards(client):
    jobs = JobFactory.create_batch(4)
    JobFactory(deadline=timezone.localdate() - datetime.timedelta(days=1))
    html = client.get(reverse("pages:home")).content.decode()
    assert "4 offres d’emploi ouvertes" in html
    newest = sorted(jobs, key=lambda job: job.published_at, reverse=True)
    for job in newest[:3]:
        assert job.get_absolute_url() in html
    assert newest[3].get_absolute_url() not in html
    assert "Voir toutes les offres" in html
    assert Job.objects.open().count() == 4


def test_categorie_options_and_tags_name_the_categorie(client, seed_offers):
    response = get_list(client, "?categorie=B")
    html = response.content.decode()
    assert re.search(r'for="filter-categorie-b">Catégorie B <span class="filter-count">\(1', html)
    assert 'aria-label="Retirer le filtre Catégorie B"' in html
    assert ">B <span" not in html
    assert "Nature de l’emploi</legend>" in html


def test_pagination_links_to_the_first_page_by_its_short_address(client):
    JobFactory.create_batch(21, domain=domain("NUM"))
    html = get_list(client, "?domaine=numerique&page=2").content.decode()
    assert "page=1" not in html
    assert 'href="?domaine=numerique">Première page' in html
    assert 'href="?domaine=numerique">Page précédente' in html
    assert 'href="?domaine=numerique" title="Page 1"' in html
