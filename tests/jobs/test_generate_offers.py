"""manage.py generate_offers: varied, realistic offers that the site finds like any other."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from employer.models import Employer
from jobs.choices import DOMAINS, Category, Experience, State, Versant
from jobs.management import synthetic
from jobs.models import DERIVED_FROM, Job
from tests.factories import JobEmployerFactory

pytestmark = pytest.mark.django_db

COUNT = 300


def generate(count=COUNT, **options):
    out = io.StringIO()
    call_command("generate_offers", count=count, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def generated():
    JobEmployerFactory()
    generate(seed=7, batch_size=70)
    return Job.objects.all()


def test_creates_the_requested_number_with_unique_references(generated):
    assert generated.count() == COUNT
    references = list(generated.values_list("reference", flat=True))
    assert len(set(references)) == COUNT
    assert all(re.fullmatch(r"SYN-\d{8}", reference) for reference in references)


def test_a_second_run_adds_offers_and_continues_the_references(generated):
    generate(count=50, seed=7)
    assert Job.objects.count() == COUNT + 50
    assert Job.objects.filter(reference=f"SYN-{COUNT + 50:08d}").exists()
    assert Job.objects.values("reference").distinct().count() == COUNT + 50


def test_offers_are_attached_to_the_existing_employer(generated):
    assert Employer.objects.count() == 1
    assert set(generated.values_list("employer", flat=True)) == {Employer.objects.get().pk}


def test_creates_a_minimal_employer_when_there_is_none():
    output = generate(count=5)
    assert Employer.objects.get().name.startswith("Office français")
    assert "created" in output
    assert Job.objects.count() == 5


def test_offers_are_varied(generated):
    def distinct(field):
        return set(generated.values_list(field, flat=True))

    assert distinct("domain__code") == {code for code, _name in DOMAINS}
    assert distinct("versant") == {"FPE", "FPT", "FPH"}
    assert distinct("category") >= {"A", "B", "C"}
    assert distinct("nature") == {"TITULAIRE_CONTRACTUEL", "CONTRACTUELS", "TITULAIRES"}
    assert distinct("telework") >= {"AUCUN", "PARTIEL"}
    assert distinct("state") >= {State.PUBLISHED, State.DRAFT}
    assert len(distinct("department_code")) >= 20
    assert len(distinct("title")) >= 100
    assert "Gironde (33)" in distinct("location_label")
    assert "Nord (59)" in distinct("location_label")


def test_most_offers_are_open_and_some_are_not(generated):
    open_count = Job.objects.open().count()
    assert COUNT * 0.6 < open_count < COUNT
    assert generated.exclude(state=State.PUBLISHED).exists()


def test_offers_are_complete_and_realistic(generated):
    for job in generated:
        assert job.slug and job.missions and job.profile
        assert "\n- " in job.missions  # A bullet list of missions.
        assert "\n\n" in job.profile  # Several paragraphs.
        assert job.deadline >= job.published_at.date()
        assert job.salary_min < job.salary_max
        assert re.fullmatch(r".+ \((\d[\dAB]|97\d)\)", job.location_label)
    open_jobs = Job.objects.open()
    assert not any(job.missing_legal_items() for job in open_jobs)


def test_what_save_derives_is_stored_as_save_would_make_it(generated):
    for job in generated.select_related("domain"):
        stored = {name: getattr(job, name) for name in DERIVED_FROM}
        job.prepare()
        assert stored == {name: getattr(job, name) for name in DERIVED_FROM}, job.reference
    assert not generated.filter(missions_html="").exists()


def test_same_seed_gives_the_same_offers():
    JobEmployerFactory()
    generate(count=40, seed=11)
    first = list(Job.objects.order_by("reference").values_list("title", "department_code"))
    Job.objects.all().delete()
    generate(count=40, seed=11)
    second = list(Job.objects.order_by("reference").values_list("title", "department_code"))
    assert first == second


def test_generated_open_offers_are_found_by_search_and_filters(client, generated):
    job = Job.objects.open().select_related("domain").filter(location_label="Gironde (33)").first()
    assert job is not None
    word = job.title.split()[0]
    assert job in Job.objects.open().search(word)
    response = client.get(
        reverse("jobs:list"), {"domaine": job.domain.slug, "localisation": "33", "q": word}
    )
    assert response.status_code == 200
    expected = (
        Job.objects.open()
        .filter(domain=job.domain, department_code="33")
        .search(word)
        .values_list("pk", flat=True)
    )
    assert response.context["paginator"].count == len(expected) >= 1
    assert job.title in response.text


def test_progress_follows_verbosity():
    JobEmployerFactory()
    output = generate(count=25, batch_size=10)
    assert "10 / 25" in output and "20 / 25" in output and "25 / 25" in output
    assert "Created 25 synthetic offers" in output
    assert generate(count=5, verbosity=0) == ""


@pytest.mark.parametrize("options", [{"count": -1}, {"count": 5, "batch_size": 0}])
def test_refuses_bad_arguments(options):
    with pytest.raises(CommandError):
        call_command("generate_offers", **options)


def test_the_vocabulary_covers_every_domaine_versant_categorie_and_experience():
    # synthetic_vocabulary.toml is keyed by these codes: a misspelt key would drop a domaine.
    assert set(synthetic.FAMILIES) == set(synthetic.SERVICES) == {code for code, _name in DOMAINS}
    for titles, missions, skills in synthetic.FAMILIES.values():
        assert titles and len(missions) >= 3 and skills
    assert set(synthetic.CORPS) == set(synthetic.AUTHORITIES) == set(Versant.values)
    assert all(set(corps) == set(Category.values) for corps in synthetic.CORPS.values())
    assert set(synthetic.SALARIES) == set(synthetic.EDUCATION) == set(Category.values)
    assert set(synthetic.EXPERIENCE_SENTENCES) == set(Experience.values)


def test_the_vocabulary_is_in_french_typography():
    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                yield from texts(item)

    assert [text for text in texts(synthetic.load()) if "'" in text] == []
