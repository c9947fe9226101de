"""An offer's life on its model: publish(), close(), archive(), back_to_draft(), copy(), and the
derived data every way of writing an offer keeps (Job.prepare())."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection

from jobs.choices import State
from jobs.models import NEXT_STATES, IncompleteOffer, Job
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOON = datetime.datetime(2025, 3, 10, 12, 0, tzinfo=PARIS)
TODAY = NOON.date()


@pytest.fixture
def noon():
    with time_machine.travel(NOON, tick=False):
        yield


def days(n):
    return datetime.timedelta(days=n)


def stored(job):
    return Job.objects.get(pk=job.pk)


# publish() ------------------------------------------------------------------------------------


def test_a_draft_written_last_week_goes_online_now(noon):
    draft = JobFactory(state=State.DRAFT, published_at=NOON - days(7), deadline=TODAY + days(45))
    assert draft.publish() is True
    job = stored(draft)
    assert job.state == State.PUBLISHED
    assert job.published_at == NOON
    assert job in Job.objects.open()


def test_a_draft_scheduled_later_keeps_its_date(noon):
    draft = JobFactory(state=State.DRAFT, published_at=NOON + days(3))
    draft.publish()
    job = stored(draft)
    assert (job.state, job.published_at) == (State.PUBLISHED, NOON + days(3))
    assert job.is_scheduled and job not in Job.objects.visible()


@pytest.mark.parametrize("state", [State.CLOSED, State.ARCHIVED])
def test_a_closed_or_archived_offer_published_again_keeps_its_first_date(noon, state):
    job = JobFactory(state=state, published_at=NOON - days(20))
    assert job.publish() is True
    job = stored(job)
    assert (job.state, job.published_at, job.closed_at) == (State.PUBLISHED, NOON - days(20), None)


def test_publishing_a_published_offer_changes_nothing(noon):
    job = JobFactory()
    updated_at = job.updated_at
    with time_machine.travel(NOON + days(1), tick=False):
        assert job.publish() is False
    assert stored(job).updated_at == updated_at


def test_an_offer_missing_legal_items_is_not_published_and_says_which(noon):
    draft = JobFactory(state=State.DRAFT, category="", missions="", application_email="")
    with pytest.raises(IncompleteOffer) as refused:
        draft.publish()
    assert refused.value.missing == ["category", "missions", "application_url"]
    assert stored(draft).state == State.DRAFT


def test_missions_made_only_of_markup_are_missing_once_saved(noon):
    draft = JobFactory(state=State.DRAFT, missions="<script>alert(1)</script>")
    with pytest.raises(IncompleteOffer) as refused:
        draft.publish()
    assert refused.value.missing == ["missions"]


def test_publish_without_saving_leaves_the_writing_to_the_caller(noon):
    draft = JobFactory(state=State.DRAFT, published_at=NOON - days(7))
    draft.publish(save=False)
    assert draft.state == State.PUBLISHED
    assert stored(draft).state == State.DRAFT


# close(), archive(), back_to_draft() ----------------------------------------------------------


def test_closing_stamps_the_moment_and_keeps_the_page(noon):
    job = JobFactory()
    assert job.close() is True
    job = stored(job)
    assert (job.state, job.closed_at) == (State.CLOSED, NOON)
    assert job in Job.objects.visible() and job not in Job.objects.open()


@pytest.mark.parametrize("state", [State.DRAFT, State.CLOSED, State.ARCHIVED])
def test_only_a_published_offer_closes(noon, state):
    job = JobFactory(state=state)
    closed_at = job.closed_at
    assert job.close(NOON + days(1)) is False
    assert (stored(job).state, stored(job).closed_at) == (state, closed_at)


@pytest.mark.parametrize("state", [State.DRAFT, State.PUBLISHED, State.CLOSED])
def test_any_offer_but_an_archived_one_is_archived(noon, state):
    job = JobFactory(state=state)
    assert job.archive() is True
    job = stored(job)
    assert (job.state, job.closed_at) == (State.ARCHIVED, None)
    assert job not in Job.objects.visible()
    assert job.archive() is False


def test_an_offer_back_to_draft_leaves_the_site(noon):
    job = JobFactory()
    job.close()
    assert job.back_to_draft() is True
    job = stored(job)
    assert (job.state, job.closed_at) == (State.DRAFT, None)
    assert job not in Job.objects.visible()
    assert job.back_to_draft() is False


def test_every_state_change_goes_where_the_rules_allow():
    for was, allowed in NEXT_STATES.items():
        for state in State:
            assert Job(state=was).can_become(state) == (state in allowed), (was, state)
    assert not Job(state=State.DRAFT).can_become(State.CLOSED)
    assert not Job(state=State.ARCHIVED).can_become(State.CLOSED)


@pytest.mark.parametrize(
    ("state", "method"),
    [
        (State.PUBLISHED, "publish"),
        (State.CLOSED, "close"),
        (State.ARCHIVED, "archive"),
        (State.DRAFT, "back_to_draft"),
    ],
)
def test_become_goes_through_the_change_that_holds_the_rules(noon, state, method):
    was = State.DRAFT if state == State.PUBLISHED else State.PUBLISHED
    job = JobFactory(state=was, published_at=NOON - days(7))
    assert job.become(state) is True
    job = stored(job)
    assert job.state == state
    if method == "publish":
        assert job.published_at == NOON
    if method == "close":
        assert job.closed_at == NOON


# copy() ---------------------------------------------------------------------------------------


def test_a_copy_is_an_unsaved_draft_that_leaves_the_original_as_it_was(noon):
    original = JobFactory(title="Juriste", published_at=NOON - days(30))
    original.close(NOON - days(2))
    copy = original.copy()
    assert copy.pk is None and not Job.objects.filter(title="Juriste (copie)").exists()
    copy.save()

    assert copy.reference and copy.reference != original.reference
    assert (copy.title, copy.slug) == ("Juriste (copie)", "juriste-copie")
    assert (copy.state, copy.published_at, copy.closed_at) == (State.DRAFT, NOON, None)
    for field in ["missions", "profile", "deadline", "domain_id", "employer_id", "salary"]:
        assert getattr(copy, field) == getattr(original, field), field
    assert copy.missions_html == original.missions_html
    assert list(Job.objects.search(copy.reference)) == [copy]
    original.refresh_from_db()
    assert (original.title, original.state) == ("Juriste", State.CLOSED)


def test_a_long_title_still_fits_with_its_copy_suffix():
    copy = JobFactory(title="x" * 200).copy()
    assert copy.title == "x" * 192 + " (copie)"
    copy.save()


# The legal minimum and the one-month warning --------------------------------------------------


def test_missing_legal_items_are_field_names_and_labels_say_them_in_french():
    job = JobFactory.build(
        reference_job="", deadline=None, application_url="", application_email=""
    )
    job.vacancy_date = job.start_date = None
    assert job.missing_legal_items() == [
        "reference_job",
        "deadline",
        "application_url",
        "vacancy_date",
    ]
    assert [Job.legal_item_label(name) for name in job.missing_legal_items()] == [
        "métier de référence",
        "date limite de candidature",
        "lien ou adresse électronique de candidature",
        "date de vacance de l’emploi",
    ]


def test_one_way_to_apply_and_one_date_are_enough():
    job = JobFactory.build(application_url="", application_email="rh@ofpra.gouv.fr")
    job.vacancy_date, job.start_date = None, TODAY
    assert job.missing_legal_items() == []


def test_a_deadline_less_than_a_month_after_going_online_is_too_short():
    job = JobFactory.build(published_at=NOON, deadline=datetime.date(2025, 4, 9))
    assert job.publication_too_short()
    job.deadline = datetime.date(2025, 4, 10)
    assert not job.publication_too_short()
    job.deadline = None
    assert not job.publication_too_short()


# What save() derives, whatever writes the offer -------------------------------------------------

HOSTILE = "Vos missions : **accueil**<script>alert(1)</script>\n- <img src=x onerror=alert(1)>"


def assert_prepared(job):
    job = Job.objects.select_related("domain").get(pk=job.pk)
    assert "<script" not in job.missions and "onerror" not in job.missions
    assert "<strong>accueil</strong>" in job.missions_html
    assert "<script" not in job.missions_html and "onerror" not in job.missions_html
    assert "accueil" in job.search_text
    derived = {name: getattr(job, name) for name in ["missions", "missions_html", "search_text"]}
    job.prepare()
    assert derived == {name: getattr(job, name) for name in derived}


def test_save_prepares_the_texts_their_html_and_the_search_text():
    assert_prepared(JobFactory(missions=HOSTILE))


def test_a_new_offer_is_found_by_its_reference_from_its_first_save():
    job = JobFactory(reference="")
    assert list(Job.objects.search(job.reference)) == [job]


def test_queryset_update_of_a_text_prepares_it_as_save_would():
    job = JobFactory(missions="Texte d'origine.")
    assert Job.objects.filter(pk=job.pk).update(missions=HOSTILE) == 1
    assert_prepared(job)


def test_queryset_update_of_the_title_moves_the_slug_and_the_search_text():
    job = JobFactory(title="Ancien intitulé")
    Job.objects.filter(title="Ancien intitulé").update(title="Nouvel intitulé")
    job.refresh_from_db()
    assert job.slug == "nouvel-intitule"
    assert "nouvel intitule" in job.search_text


def test_bulk_create_prepares_each_offer():
    employer = JobFactory().employer
    [job] = Job.objects.bulk_create(
        [JobFactory.build(employer=employer, missions=HOSTILE, reference="")]
    )
    assert job.reference
    assert_prepared(Job.objects.get(reference=job.reference))


def test_bulk_update_of_a_text_prepares_it():
    job = JobFactory()
    job.missions = HOSTILE
    Job.objects.bulk_update([job], ["missions"])
    assert_prepared(job)


def test_html_written_behind_the_models_back_comes_out_through_the_allow_list(client):
    job = JobFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Job._meta.db_table} SET missions_html = %s WHERE id = %s",
            ['<p onclick="alert(1)">Bonjour</p><script>alert(2)</script>', job.pk],
        )
    assert stored(job).missions_html == "<p>Bonjour</p>"
    html = client.get(job.get_absolute_url()).content.decode()
    assert "<p>Bonjour</p>" in html
    assert "alert(" not in html.split("</head>")[-1].split("application/ld+json")[0]
