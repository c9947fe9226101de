"""« Puis-je postuler ? »: the rule table row by row, its form, and its answer on the offer page."""

import datetime
import itertools

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from jobs import eligibility
from jobs.choices import Category, Nature, State, Versant
from jobs.eligibility import Applicant, OfferFacts
from jobs.models import Domain
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def spaced(text):
    """French no-break spaces (before « : », « ; »...) as plain ones, to compare with the text."""
    return text.replace("\u00a0", " ")


L332 = "Article L. 332-2 du code général de la fonction publique"

# The offers the rows are tried on (OfferFacts: nature, versant, category, legal_basis, hint).
MIXED_B = OfferFacts(Nature.TITULAIRE_CONTRACTUEL, Versant.FPE, Category.B, L332)
TITULAIRES_B = OfferFacts(Nature.TITULAIRES, Versant.FPE, Category.B, "")
CONTRACTUELS_B = OfferFacts(Nature.CONTRACTUELS, Versant.FPE, Category.B, L332)
CONTRACT_NO_BASIS = OfferFacts(Nature.CONTRACTUELS, Versant.FPE, Category.B, "")
OFFICIER_A = OfferFacts(
    Nature.TITULAIRE_CONTRACTUEL,
    Versant.FPE,
    Category.A,
    L332,
    sovereignty_hint="« officier de protection »",
)
MIXED_APLUS = OfferFacts(Nature.TITULAIRE_CONTRACTUEL, Versant.FPE, Category.APLUS, L332)
MIXED_NO_CATEGORY = OfferFacts(Nature.TITULAIRE_CONTRACTUEL, Versant.FPE, "", L332)
HORS_CATEGORIE = OfferFacts(Nature.TITULAIRES, Versant.FPE, Category.HORS_CATEGORIE, "")


def fonctionnaire(versant=Versant.FPE, category="B", nationality="francaise"):
    return Applicant("fonctionnaire", nationality, versant=versant, category=category)


def contractuel(nationality="francaise"):
    return Applicant("contractuel", nationality)


def autre(nationality="francaise"):
    return Applicant("autre", nationality)


# Every row of eligibility.RULES, with the cases that reach it: (row, offer, applicant, title).
CASES = [
    ("reservee-titulaires", TITULAIRES_B, contractuel(), "Non : cette offre est réservée aux fonctionnaires"),
    ("reservee-titulaires", TITULAIRES_B, autre("autre"), "Non : cette offre est réservée aux fonctionnaires"),
    ("reservee-titulaires", HORS_CATEGORIE, autre("ue"), "Non : cette offre est réservée aux fonctionnaires"),
    ("contrat-souverainete", OFFICIER_A, contractuel("ue"), "À vérifier avec le service RH"),
    ("contrat-souverainete", OFFICIER_A, autre("autre"), "À vérifier avec le service RH"),
    ("contrat-sans-fondement", CONTRACT_NO_BASIS, contractuel(), "À vérifier avec le service RH"),
    ("contrat-sans-fondement", CONTRACT_NO_BASIS, autre("autre"), "À vérifier avec le service RH"),
    (
        "contrat-hors-europe",
        CONTRACTUELS_B,
        autre("autre"),
        "Oui, en tant que contractuel (article L332-2 du code général de la fonction publique)",
    ),
    (
        "contrat-europe",
        MIXED_B,
        contractuel("ue"),
        "Oui, en tant que contractuel (article L332-2 du code général de la fonction publique)",
    ),
    (
        "contrat",
        MIXED_B,
        autre(),
        "Oui, en tant que contractuel (article L332-2 du code général de la fonction publique)",
    ),
    (
        "contrat",
        OFFICIER_A,
        contractuel(),  # French: the sovereignty hint does not matter.
        "Oui, en tant que contractuel (article L332-2 du code général de la fonction publique)",
    ),
    ("fonctionnaire-hors-europe", MIXED_B, fonctionnaire(nationality="autre"), "À vérifier avec le service RH"),
    ("fonctionnaire-offre-contractuels", CONTRACTUELS_B, fonctionnaire(), "À vérifier avec le service RH"),
    ("fonctionnaire-souverainete", OFFICIER_A, fonctionnaire(category="A", nationality="ue"), "À vérifier avec le service RH"),
    ("fonctionnaire-categorie-inconnue", MIXED_APLUS, fonctionnaire(category="A"), "À vérifier avec le service RH"),
    ("fonctionnaire-categorie-inconnue", MIXED_NO_CATEGORY, fonctionnaire(), "À vérifier avec le service RH"),
    ("fonctionnaire-categorie-inconnue", HORS_CATEGORIE, fonctionnaire(category="A"), "À vérifier avec le service RH"),
    ("fonctionnaire-categorie-inferieure", MIXED_B, fonctionnaire(category="C"), "À vérifier avec le service RH"),
    ("fonctionnaire-categorie-inferieure", OFFICIER_A, fonctionnaire(category="B"), "À vérifier avec le service RH"),
    ("fonctionnaire-categorie-superieure", MIXED_B, fonctionnaire(category="A"), "À vérifier avec le service RH"),
    ("fonctionnaire-meme-versant", MIXED_B, fonctionnaire(), "Oui, par voie de mutation ou de détachement"),
    ("fonctionnaire-meme-versant", TITULAIRES_B, fonctionnaire(nationality="ue"), "Oui, par voie de mutation ou de détachement"),
    ("fonctionnaire-meme-versant", OFFICIER_A, fonctionnaire(category="A"), "Oui, par voie de mutation ou de détachement"),
    ("fonctionnaire-autre-versant", MIXED_B, fonctionnaire(versant=Versant.FPT), "Oui, par voie de détachement"),
    ("fonctionnaire-autre-versant", TITULAIRES_B, fonctionnaire(versant=Versant.FPH), "Oui, par voie de détachement"),
    ("repli", MIXED_B, Applicant("retraite", "francaise"), "À vérifier avec le service RH"),
]  # fmt: skip


class Offer:
    """What answer() reads of a Job besides its facts: nothing (facts are passed in)."""


@pytest.mark.parametrize(("row", "facts", "applicant", "title"), CASES, ids=lambda v: str(v)[:40])
def test_each_row_of_the_table_gives_its_answer(row, facts, applicant, title):
    assert eligibility.decide(facts, applicant).id == row
    answer = eligibility.answer(Offer(), applicant, facts=facts)
    assert spaced(answer.title) == title
    assert answer.because and "{" not in answer.because


def test_every_row_of_the_table_is_tested():
    assert {rule.id for rule in eligibility.RULES} == {case[0] for case in CASES}
    assert len({rule.id for rule in eligibility.RULES}) == len(eligibility.RULES)
    assert set(eligibility.VERDICTS) == {rule.verdict for rule in eligibility.RULES}


def every_offer():
    for nature, versant, category, basis, hint in itertools.product(
        Nature.values,
        Versant.values,
        [*Category.values, ""],
        [L332, "", "Loi n° 84-16, article 4"],
        ["", "« asile »"],
    ):
        yield OfferFacts(nature, versant, category, basis, sovereignty_hint=hint)


def every_applicant():
    for nationality in ["francaise", "ue", "autre"]:
        yield contractuel(nationality)
        yield autre(nationality)
        for versant, category in itertools.product(Versant.values, "ABC"):
            yield fonctionnaire(versant, category, nationality)


def test_every_situation_on_every_offer_meets_a_row_before_the_guard():
    offers, applicants = list(every_offer()), list(every_applicant())
    assert len(offers) * len(applicants) == 324 * 33
    for facts, applicant in itertools.product(offers, applicants):
        assert eligibility.decide(facts, applicant).id != "repli", (facts, applicant)


def test_never_yes_where_the_rules_may_say_no():
    for facts, applicant in itertools.product(every_offer(), every_applicant()):
        answer = eligibility.answer(Offer(), applicant, facts=facts)
        if not answer.is_yes:
            continue
        situation = applicant.situation
        # A fonctionnaire moves within their catégorie, to an offer open to titulaires.
        if situation == "fonctionnaire":
            assert facts.takes_titulaires
            assert applicant.category == facts.category
            assert applicant.nationality != "autre"  # L321-1
        else:
            assert facts.takes_contractuels
            assert facts.contract_article
        # Whoever is not French: never a yes on a post that may be one of sovereignty, and the
        # reservation is always stated.
        if applicant.nationality != "francaise":
            assert not facts.sovereignty_hint
            assert "souveraineté" in answer.because
        if answer.verdict == eligibility.OUI_MUTATION:
            assert applicant.versant == facts.versant
        if applicant.nationality == "autre":
            assert "titre de séjour" in answer.because


@pytest.mark.parametrize(
    ("legal_basis", "article"),
    [
        ("Article L. 332-2 du code général de la fonction publique", "L332-2"),
        ("Article L332-2 du CGFP (pour les candidats contractuels)", "L332-2"),
        ("art. L 332-13 du Code général de la fonction publique", "L332-13"),
        ("Article L. 332-2", ""),  # Which code? Not said.
        ("Article L. 332-2 du code de l’éducation", ""),
        ("Article 4 de la loi n° 84-16 du 11 janvier 1984", ""),
        ("Article L. 513-8 du code général de la fonction publique", ""),
        ("", ""),
    ],
)
def test_the_contract_article_comes_from_the_fondement_juridique(legal_basis, article):
    facts = OfferFacts(Nature.CONTRACTUELS, Versant.FPE, Category.B, legal_basis)
    assert facts.contract_article == article


@pytest.mark.parametrize(
    ("fields", "hint"),
    [
        ({"title": "Officier de protection instructeur (H/F)"}, "« officier de protection »"),
        ({"corps_grade": "Officière de protection des réfugiés et apatrides"}, "« officiere de protection »"),
        ({"reference_job": "Officier(e) de protection"}, "« officier(e) de protection »"),
        ({"title": "Auditeur(trice) chargé(e) des entretiens de demande d’asile"}, "« asile »"),
        ({"domain": "JUS"}, "le domaine « Justice »"),
        ({"title": "Gestionnaire d’action sociale"}, ""),
        ({"title": "Assistant (e) de Direction"}, ""),
    ],
)  # fmt: skip
def test_words_of_sovereignty_in_the_offer_are_noticed(fields, hint):
    if "domain" in fields:
        fields["domain"] = Domain.objects.get(code=fields["domain"])
    job = JobFactory(**{"corps_grade": "Attaché d’administration", **fields})
    assert eligibility.OfferFacts.of(job).sovereignty_hint == hint


def test_the_answer_quotes_the_facts_it_relied_on():
    job = JobFactory(category=Category.A, nature=Nature.TITULAIRE_CONTRACTUEL, legal_basis=L332)
    answer = eligibility.answer(job, contractuel())
    assert " :" not in answer.summary and " ;" not in answer.summary  # No-break spaces.
    assert spaced(answer.summary) == (
        "Cette offre est ouverte aux titulaires et aux contractuels ; fonction publique de l’État ; "
        "catégorie A ; fondement : article L332-2"
    )
    assert "article L332-2 du code général de la fonction publique" in answer.because
    titulaires = JobFactory(nature=Nature.TITULAIRES, legal_basis="")
    assert spaced(eligibility.answer(titulaires, autre()).summary) == (
        "Cette offre est ouverte aux seuls titulaires ; fonction publique de l’État ; catégorie B"
    )
    no_basis = JobFactory(nature=Nature.CONTRACTUELS, legal_basis="")
    assert "fondement juridique du recrutement par contrat non précisé" in (
        spaced(eligibility.answer(no_basis, autre()).summary)
    )


def test_a_non_french_applicant_reads_why_a_post_may_be_closed_to_them():
    job = JobFactory(title="Officier de protection instructeur", category=Category.A)
    answer = eligibility.answer(job, contractuel("ue"))
    assert answer.title == "À vérifier avec le service RH"
    assert "« officier de protection »" in answer.because
    assert "fonctions peut-être de souveraineté : « officier de protection »" in spaced(
        answer.summary
    )
    # A French applicant is not told about it.
    assert "souveraineté" not in eligibility.answer(job, contractuel()).summary


# --- The form -----------------------------------------------------------------------------------


def form(**data):
    return eligibility.EligibilityForm(data)


def test_the_form_asks_a_fonctionnaire_for_versant_and_categorie():
    bound = form(situation="fonctionnaire", nationalite="francaise")
    assert not bound.is_valid()
    assert {name: [spaced(e) for e in errors] for name, errors in bound.errors.items()} == {
        "versant": [
            "Fonctionnaire : indiquez votre fonction publique (État, territoriale ou hospitalière)."
        ],
        "categorie": ["Fonctionnaire : indiquez votre catégorie (A, B ou C)."],
    }
    ok = form(situation="fonctionnaire", versant="territoriale", categorie="B", nationalite="ue")
    assert ok.is_valid()
    assert ok.applicant() == Applicant("fonctionnaire", "ue", versant="FPT", category="B")


def test_the_form_ignores_versant_and_categorie_for_the_others():
    bound = form(situation="autre", versant="etat", categorie="A", nationalite="autre")
    assert bound.is_valid()
    assert bound.applicant() == Applicant("autre", "autre")


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {"situation": ["Indiquez votre situation."], "nationalite": ["Indiquez votre nationalité."]}),
        (
            {"situation": "ministre", "nationalite": "martienne"},
            {
                "situation": ["Choisissez votre situation parmi celles proposées."],
                "nationalite": ["Choisissez votre nationalité parmi celles proposées."],
            },
        ),
        (
            {"situation": "fonctionnaire", "versant": "FPE", "categorie": "A+", "nationalite": "francaise"},
            {
                "versant": ["Choisissez votre fonction publique parmi celles proposées."],
                "categorie": ["Choisissez votre catégorie : A, B ou C."],
            },
        ),
    ],
)  # fmt: skip
def test_the_form_says_in_french_what_is_wrong(data, errors):
    bound = form(**data)
    assert not bound.is_valid()
    assert {name: [spaced(e) for e in found] for name, found in bound.errors.items()} == errors


# --- The tag, rendered by its include -----------------------------------------------------------


def render_box(job, query=""):
    request = RequestFactory().get(f"{job.get_absolute_url()}?{query}" if query else "/")
    return spaced(
        render_to_string(
            "jobs/includes/eligibility.html", {"job": job, "request": request}, request=request
        )
    )


def test_the_include_renders_a_get_form_back_to_the_offer():
    job = JobFactory()
    html = render_box(job)
    assert f'action="{job.get_absolute_url()}#puis-je-postuler"' in html
    assert 'method="get"' in html
    assert 'id="puis-je-postuler"' in html
    for name in ["situation", "versant", "categorie", "nationalite"]:
        assert f'name="{name}"' in html
    assert "fr-fieldset" in html and "fr-radio-group" in html and "fr-select" in html
    assert "fr-alert" not in html  # Nothing asked, nothing answered.
    assert "fr-message--error" not in html


def test_the_include_shows_nothing_on_a_closed_offer():
    closed = JobFactory(state=State.CLOSED)
    past = JobFactory(deadline=datetime.date.today() - datetime.timedelta(days=2))
    assert render_box(closed).strip() == ""
    assert render_box(past).strip() == ""


def test_the_include_keeps_the_answers_given():
    job = JobFactory()
    html = render_box(
        job, "situation=fonctionnaire&versant=territoriale&categorie=B&nationalite=ue"
    )
    assert 'value="fonctionnaire" checked' in html
    assert '<option value="territoriale" selected>' in html
    assert '<option value="B" selected>' in html
    assert 'value="ue" checked' in html
    assert "Oui, par voie de détachement" in html


# --- On the offer page (Django's test client, no JavaScript) ------------------------------------

QUERY = "situation=contractuel&versant=&categorie=&nationalite=francaise"


def test_the_offer_page_answers_the_form_without_javascript(client):
    job = JobFactory(nature=Nature.TITULAIRE_CONTRACTUEL, category=Category.B, legal_basis=L332)
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert "Puis-je postuler ?" in spaced(page.content.decode())
    assert "fr-alert--success" not in spaced(page.content.decode())

    response = client.get(f"{job.get_absolute_url()}?{QUERY}")
    html = spaced(response.content.decode())
    assert response.status_code == 200
    assert (
        "Oui, en tant que contractuel (article L332-2 du code général de la fonction publique)"
        in html
    )
    assert (
        "Cette offre est ouverte aux titulaires et aux contractuels ; fonction publique de "
        "l’État ; catégorie B ; fondement : article L332-2" in html
    )


@pytest.mark.parametrize(
    ("job_fields", "query", "title"),
    [
        (
            {"nature": Nature.TITULAIRES, "legal_basis": ""},
            "situation=autre&versant=&categorie=&nationalite=francaise",
            "Non : cette offre est réservée aux fonctionnaires",
        ),
        (
            {"category": Category.B},
            "situation=fonctionnaire&versant=etat&categorie=B&nationalite=francaise",
            "Oui, par voie de mutation ou de détachement",
        ),
        (
            {"category": Category.B},
            "situation=fonctionnaire&versant=hospitaliere&categorie=B&nationalite=francaise",
            "Oui, par voie de détachement",
        ),
        (
            {"category": Category.A},
            "situation=fonctionnaire&versant=etat&categorie=C&nationalite=francaise",
            "À vérifier avec le service RH",
        ),
        (
            {"title": "Officier de protection instructeur", "category": Category.A},
            "situation=fonctionnaire&versant=etat&categorie=A&nationalite=ue",
            "À vérifier avec le service RH",
        ),
    ],
)
def test_each_kind_of_answer_reaches_the_offer_page(client, job_fields, query, title):
    job = JobFactory(**job_fields)
    html = spaced(client.get(f"{job.get_absolute_url()}?{query}").content.decode())
    assert f'<h3 class="fr-alert__title">{title}</h3>' in html


def test_answers_for_different_situations_are_cached_apart(client):
    job = JobFactory(nature=Nature.TITULAIRE_CONTRACTUEL, legal_basis=L332)
    first = client.get(f"{job.get_absolute_url()}?{QUERY}")
    other = "situation=fonctionnaire&versant=etat&categorie=B&nationalite=francaise"
    second = client.get(f"{job.get_absolute_url()}?{other}")
    again = client.get(f"{job.get_absolute_url()}?{QUERY}")
    assert second["X-Page-Cache"] == "miss"
    assert again["X-Page-Cache"] == "hit"
    assert "Oui, en tant que contractuel" in spaced(first.content.decode())
    assert "Oui, par voie de mutation ou de détachement" in spaced(second.content.decode())
    assert "Oui, par voie de mutation" not in spaced(again.content.decode())
    assert "Oui, en tant que contractuel" in spaced(again.content.decode())


@pytest.mark.parametrize(
    ("query", "messages"),
    [
        ("situation=", ["Indiquez votre situation.", "Indiquez votre nationalité."]),
        (
            "situation=pirate&nationalite=%3Cscript%3Ealert(1)%3C/script%3E",
            [
                "Choisissez votre situation parmi celles proposées.",
                "Choisissez votre nationalité parmi celles proposées.",
            ],
        ),
        (
            "situation=fonctionnaire&versant=&categorie=&nationalite=francaise",
            ["Fonctionnaire : indiquez votre catégorie (A, B ou C)."],
        ),
        ("situation=autre&situation=fonctionnaire&nationalite=ue&categorie=Z", []),
        ("nationalite=" + "x" * 5000, ["Indiquez votre situation."]),
    ],
)
def test_bad_answers_get_french_messages_and_no_answer(client, query, messages):
    job = JobFactory()
    response = client.get(f"{job.get_absolute_url()}?{query}")
    html = spaced(response.content.decode())
    assert response.status_code == 200
    assert "fr-alert__title" not in html.split('id="puis-je-postuler"')[1].split("</section>")[0]
    assert "fr-message--error" in html or "fr-error-text" in html
    for message in messages:
        assert message in html
    assert "<script>alert(1)" not in html


def test_only_the_forms_own_addresses_may_be_cached():
    factory = RequestFactory()
    assert eligibility.cacheable(factory.get("/offres/x/y/"))
    assert eligibility.cacheable(factory.get(f"/offres/x/y/?{QUERY}"))
    good = "situation=fonctionnaire&versant=etat&categorie=B&nationalite=ue"
    assert eligibility.cacheable(factory.get(f"/offres/x/y/?{good}"))
    for query in [
        "situation=contractuel&nationalite=francaise",  # Not what the form sends.
        "nationalite=francaise&situation=contractuel&versant=&categorie=",  # Another order.
        "situation=contractuel&versant=etat&categorie=&nationalite=francaise",
        "situation=pirate&versant=&categorie=&nationalite=francaise",
        f"{QUERY}&utm_source=x",
        "utm_source=x",
    ]:
        assert not eligibility.cacheable(factory.get(f"/offres/x/y/?{query}")), query


@pytest.mark.parametrize("query", ["utm_source=newsletter", "situation=x1", f"{QUERY}&x=1"])
def test_made_up_addresses_of_an_offer_are_answered_but_never_cached(client, query):
    """Every made-up query string would be one more cache entry: a flood could fill the cache."""
    job = JobFactory(nature=Nature.TITULAIRE_CONTRACTUEL, legal_basis=L332)
    first = client.get(f"{job.get_absolute_url()}?{query}")
    again = client.get(f"{job.get_absolute_url()}?{query}")
    assert first.status_code == again.status_code == 200
    assert again["Cache-Control"] == "private"
    assert again["X-Page-Cache"] != "hit"
    assert client.get(job.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(job.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_staff_preview_of_a_draft_shows_the_form(admin_client):
    draft = JobFactory(state=State.DRAFT)
    html = spaced(admin_client.get(f"{draft.get_absolute_url()}?{QUERY}").content.decode())
    assert "Oui, en tant que contractuel" in html
