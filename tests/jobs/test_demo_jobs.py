"""The demo's offers (fixtures/demo_jobs.json): the seed's three, open whenever loaded, with their
pay, process and changes; and a closed example whose recruitment's status goes to the end.

An exception to « tests never load JSON fixtures »: the fixture itself is what is under test.
"""

import datetime
import html
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobs.management.demo import DEADLINE_AHEAD
from jobs.models import DERIVED_FROM, Job
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

# Reference -> what the seed page shows of the offer, its words as they are (the interface writes
# every apostrophe ’, where the seed mixes ' and ’).
SEED = {
    "2024-1745203": {
        "title": "Gestionnaire d’action sociale",
        "domain": "Ressources humaines",
        "online_since": "En ligne depuis le 24 décembre 2024",
        "published_on": datetime.date(2024, 12, 24),
    },
    "2024-1712846": {
        "title": "Auditeur(trice) chargé(e)des entretiens d’introduction de demande d’asile EFA",
        "domain": "Relation à l’usager",
        # The seed writes « 02 décembre »; French writes the day without a leading zero.
        "online_since": "En ligne depuis le 2 décembre 2024",
        "published_on": datetime.date(2024, 12, 2),
    },
    "2024-1668321": {
        "title": "Assistant (e) de Direction",
        "domain": "Direction et pilotage des politiques publiques",
        "online_since": "En ligne depuis le 17 octobre 2024",
        "published_on": datetime.date(2024, 10, 17),
    },
}
EMPLOYER = "Office français de protection des réfugiés et apatrides"
# Not in the seed: a closed offer, so that the demo shows a recruitment's public status.
CLOSED_EXAMPLE = "2024-1587310"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)
    return Job.objects.select_related("domain", "employer")


def visible_text(response):
    """The page as a visitor reads it: no tags, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def test_demo_has_the_seed_offers_with_their_facts(demo):
    assert set(demo.values_list("reference", flat=True)) == {*SEED, CLOSED_EXAMPLE}
    for job in demo.exclude(reference=CLOSED_EXAMPLE):
        seed = SEED[job.reference]
        assert job.title == seed["title"]
        assert job.domain.name == seed["domain"]
        assert job.location_label == "Val de Marne (94)"
        assert (job.department_code, job.region_code) == ("94", "11")
        assert (job.street_address, job.postal_code, job.city) == (
            "201 rue Carnot",
            "94120",
            "Fontenay-sous-Bois",
        )
        assert job.get_versant_display() == "Fonction publique de l’État"
        assert job.employer.name == EMPLOYER
        assert timezone.localtime(job.published_at).date() == seed["published_on"]
        assert job.recruiting_authority == "Directeur général de l’Ofpra"
        assert job.slug == job.get_absolute_url().rstrip("/").rsplit("/", 1)[-1]


def test_demo_offers_are_complete(demo):
    for job in demo:
        assert job.missing_legal_items() == []
        for field in ["corps_grade", "service", "salary", "application_documents"]:
            assert getattr(job, field), field
        assert "\n- " in job.missions
        assert job.specific_conditions and job.additional_info and job.application_contact


def test_demo_offers_are_open_whenever_the_demo_is_loaded(demo):
    today = timezone.localdate()
    assert Job.objects.open().count() == 3
    for job in demo.exclude(reference=CLOSED_EXAMPLE):
        assert job.deadline >= today + datetime.timedelta(days=30)
        assert job.start_date > job.deadline


def test_loading_twice_changes_and_duplicates_nothing(demo):
    before = list(demo.order_by("pk").values())
    call_command("load_demo", verbosity=0)
    assert list(Job.objects.order_by("pk").values()) == before


def test_a_deadline_close_at_hand_is_moved_ahead_and_a_far_one_kept(demo):
    today = timezone.localdate()
    near, far, *_rest = demo.order_by("pk")
    Job.objects.filter(pk=near.pk).update(deadline=today + datetime.timedelta(days=10))
    Job.objects.filter(pk=far.pk).update(deadline=today + datetime.timedelta(days=90))
    call_command("load_demo", verbosity=0)
    assert Job.objects.get(pk=near.pk).deadline == today + datetime.timedelta(days=DEADLINE_AHEAD)
    assert Job.objects.get(pk=far.pk).deadline == today + datetime.timedelta(days=90)


def test_loader_fills_what_loaddata_skips(demo):
    for job in demo:
        stored = {name: getattr(job, name) for name in DERIVED_FROM}
        job.prepare()
        assert stored == {name: getattr(job, name) for name in DERIVED_FROM}
        assert "<li>" in stored["missions_html"]
        assert job.search_text.strip()


def test_list_page_shows_the_seed_offers_like_the_seed(client, demo):
    response = client.get(reverse("jobs:list"))
    assert response.status_code == 200
    text = visible_text(response)
    for seed in SEED.values():
        assert seed["title"] in text
        assert seed["domain"] in text
        assert seed["online_since"] in text
    assert text.count("Localisation : Val de Marne (94)") == 3
    assert text.count("Fonction publique : Fonction publique de l’État") == 3
    assert text.count(f"Employeur : {EMPLOYER}") == 3


def test_each_demo_offer_page_answers(client, demo):
    for job in demo:
        response = client.get(job.get_absolute_url())
        assert response.status_code == 200
        assert job.title in visible_text(response)


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        ("ACTION SOCIALE", "2024-1745203"),
        ("auditeur", "2024-1712846"),
        ("entretiens", "2024-1712846"),
        ("Relation a l'usager", "2024-1712846"),
        ("d'introduction", "2024-1712846"),
        ("d’introduction", "2024-1712846"),
        ("assistant direction", "2024-1668321"),
    ],
)
def test_text_search_finds_the_right_demo_offer(client, demo, query, reference):
    found = Job.objects.open().search(query)
    assert list(found.values_list("reference", flat=True)) == [reference]
    response = client.get(reverse("jobs:list"), {"q": query})
    assert [job.reference for job in response.context["jobs"]] == [reference]


def test_offers_written_after_the_demo_get_fresh_ids(demo):
    # loaddata writes explicit ids: PostgreSQL's sequence must have been moved past them.
    demo_ids = set(demo.values_list("pk", flat=True))
    assert JobFactory().pk not in demo_ids


def test_demo_offers_state_pay_and_process(demo):
    for job in demo:
        assert job.pay.salary, job.reference
        assert job.process_steps.count() >= 3
        assert job.process_steps.filter(date__isnull=False).exists()
        if job.nature != "CONTRACTUELS":
            assert job.pay.estimate and job.pay.bonus
    assert demo.filter(public_changes__isnull=False).distinct().count() == 2


def test_demo_process_dates_move_with_the_deadline(demo):
    today = timezone.localdate()
    for job in demo.exclude(reference=CLOSED_EXAMPLE):
        dates = [step.date for step in job.process_steps.all() if step.date]
        assert dates and all(date > job.deadline for date in dates)
        assert all(change.date <= today for change in job.public_changes.all())


def test_the_closed_example_shows_its_recruitment_to_the_end(client, demo):
    job = demo.get(reference=CLOSED_EXAMPLE)
    assert job.is_closed and job.deadline < timezone.localdate()
    text = visible_text(client.get(job.get_absolute_url()))
    assert "Étape 4 sur 4 Poste pourvu" in text
    assert "Examen des candidatures : le 7 octobre 2024" in text
    assert "Poste pourvu : le 18 novembre 2024" in text
