"""What an offer answers besides its texts: pay, until when (the .ics, the countdown), what happens
after applying, where a closed recruitment stands, and what changed (issue 13)."""

import datetime
import re

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from jobs import pay
from jobs.choices import PayPeriod, RecruitmentStatus, State
from jobs.facets import facet_counts
from jobs.filters import filter_open_offers
from jobs.models import ProcessStep, PublicChange, RecruitmentUpdate, check_recruitment_order
from tests.admin_forms import form_data
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"  # Between thousands.
NBSP = "\u00a0"  # Before the euro sign.


def today():
    return timezone.localdate()


def days(n):
    return datetime.timedelta(days=n)


def text_of(response):
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    # Not \s: the no-break spaces of « 2 500 € » are part of what is checked.
    return re.sub(r"[ \t\r\n]+", " ", text)


# --- Pay ----------------------------------------------------------------------------------------


def test_the_point_value_is_the_decree_of_june_2023():
    point = pay.current_point(datetime.date(2026, 1, 1))
    assert point.monthly == pay.Decimal("4.92278")
    assert point.since == datetime.date(2023, 7, 1)
    assert point.source == "décret n° 2023-519 du 28 juin 2023"
    # 5 907,34 € a year for IM 100, as the decree says.
    assert round(point.monthly * 100 * 12, 2) == pay.Decimal("5907.34")


@pytest.mark.parametrize(
    ("index", "monthly"), [(366, 1802), (390, 1920), (534, 2629), (1000, 4923), (830, 4086)]
)
def test_traitement_is_index_times_point_rounded_to_the_euro(index, monthly):
    assert pay.traitement(index) == monthly


def test_a_later_decree_is_one_line(monkeypatch):
    later = pay.PointValue(datetime.date(2027, 7, 1), pay.Decimal("5"), "décret à venir")
    monkeypatch.setattr(pay, "POINT_VALUES", [*pay.POINT_VALUES, later])
    assert pay.current_point(datetime.date(2027, 6, 30)).monthly == pay.Decimal("4.92278")
    assert pay.current_point(datetime.date(2027, 7, 1)) == later
    assert pay.traitement(400, later) == 2000


def test_ranges_read_in_french_with_no_break_spaces():
    assert pay.range_text(2500, 3100, "brut par mois") == (
        f"2{NNBSP}500 à 3{NNBSP}100{NBSP}€ brut par mois"
    )
    assert (
        pay.range_text(2500, None, "brut par mois")
        == f"à partir de 2{NNBSP}500{NBSP}€ brut par mois"
    )
    assert pay.range_text(None, 3100, "brut par an") == f"jusqu’à 3{NNBSP}100{NBSP}€ brut par an"
    assert pay.range_text(2500, 2500, "brut par mois") == f"2{NNBSP}500{NBSP}€ brut par mois"
    assert pay.range_text(None, None, "brut par mois") == ""


def test_the_estimate_is_labelled_with_what_it_leaves_out():
    job = JobFactory.build(index_min=390, index_max=534, bonus_min=380, bonus_max=520)
    described = job.pay
    assert described.salary == ""
    assert described.estimate == f"1{NNBSP}920 à 2{NNBSP}629{NBSP}€ brut par mois"
    assert described.index_range == "indice majoré 390 à 534"
    assert described.short == f"{described.estimate} (estimation)"
    assert described.bonus == f"380 à 520{NBSP}€ brut par mois"
    note = described.estimate_note
    for words in [
        "4,92278",
        "1er juillet 2023",
        "décret n° 2023-519",
        "IFSE",
        "indemnité de résidence",
        "SFT",
    ]:
        assert words in note


def test_offer_page_and_cards_show_the_range(client):
    job = JobFactory(
        pay_period=PayPeriod.MONTH, salary_min=2500, salary_max=3100, index_min=390, index_max=534
    )
    JobFactory()  # A card of it in « offres similaires ».
    text = text_of(client.get(job.get_absolute_url()))
    assert f"Rémunération : 2{NNBSP}500 à 3{NNBSP}100{NBSP}€ brut par mois" in text
    assert "Traitement indiciaire brut (estimation)" in text
    assert "indice majoré 390 à 534" in text
    listing = text_of(client.get(reverse("jobs:list")))
    assert f"Rémunération : 2{NNBSP}500 à 3{NNBSP}100{NBSP}€ brut par mois" in listing


def test_an_offer_without_pay_says_nothing_of_it(client):
    job = JobFactory(salary="")
    text = text_of(client.get(job.get_absolute_url()))
    assert "Rémunération" not in text


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"salary_min": 3000, "salary_max": 2500}, "salary_max", "ne peut pas être inférieur"),
        ({"index_min": 500, "index_max": 400}, "index_max", "ne peut pas être inférieur"),
        ({"bonus_min": 500, "bonus_max": 100}, "bonus_max", "ne peut pas être inférieur"),
        ({"index_min": 300}, "index_min", "compris entre 366"),
        ({"index_max": 1600}, "index_max", "et 1500"),
    ],
)
def test_pay_is_checked_on_save_in_french(fields, field, message):
    job = JobFactory.build(**fields)
    with pytest.raises(ValidationError) as error:
        job.full_clean(exclude=["employer", "domain"])
    assert message in " ".join(error.value.message_dict[field])


def test_no_pay_field_is_required():
    job = JobFactory.build(
        salary="", salary_min=None, salary_max=None, index_min=None, index_max=None
    )
    job.full_clean(exclude=["employer", "domain"])
    assert not job.pay


def test_the_admin_names_the_point_value_its_date_and_decree(hr_client):
    response = hr_client.get(reverse("admin:jobs_job_add"))
    page = response.content.decode()
    assert "Rémunération" in page
    assert "4,92278" in page and "1er juillet 2023" in page and "décret n° 2023-519" in page
    assert "Après votre candidature" in page or "après votre candidature" in page.lower()


def test_the_admin_refuses_an_indice_off_the_grid(hr_client):
    job = JobFactory()
    response = hr_client.post(
        reverse("admin:jobs_job_change", args=[job.pk]), form_data(job, index_min=120)
    )
    assert response.status_code == 200
    assert "Un indice majoré est compris entre 366" in response.content.decode()


# --- The minimum pay filter ---------------------------------------------------------------------


@pytest.fixture
def paid_offers():
    return {
        "monthly 2 600": JobFactory(pay_period=PayPeriod.MONTH, salary_min=2200, salary_max=2600),
        "annual 36 000": JobFactory(pay_period=PayPeriod.YEAR, salary_min=30000, salary_max=36000),
        "indice 560 + primes 400": JobFactory(index_min=400, index_max=560, bonus_max=400),
        "indice 407 (2 004 €)": JobFactory(index_max=407),
        "no pay": JobFactory(salary=""),
    }


def listed(client, query):
    response = client.get(reverse("jobs:list"), query)
    return {job.pk for job in response.context["jobs"]}


@pytest.mark.parametrize(
    ("floor", "names"),
    [
        (
            "2000",
            {"monthly 2 600", "annual 36 000", "indice 560 + primes 400", "indice 407 (2 004 €)"},
        ),
        ("2500", {"monthly 2 600", "annual 36 000", "indice 560 + primes 400"}),
        ("3000", {"annual 36 000", "indice 560 + primes 400"}),
        ("3500", set()),
    ],
)
def test_minimum_pay_filter(client, paid_offers, floor, names):
    assert listed(client, {"remuneration": floor}) == {paid_offers[name].pk for name in names}


def test_minimum_pay_counts_match_what_each_option_lists(client, paid_offers):
    filterset = filter_open_offers({})
    counts, _listed = facet_counts(filterset)
    for floor in ["2000", "2500", "3000", "3500"]:
        assert counts["remuneration"].get(floor, 0) == len(listed(client, {"remuneration": floor}))


def test_minimum_pay_reads_in_french_and_keeps_its_address(client, paid_offers):
    from django.http import QueryDict

    filterset = filter_open_offers(QueryDict("remuneration=2500&tri=recent"))
    assert filterset.canonical_query() == [("remuneration", "2500")]
    [active] = filterset.active()
    assert active["label"] == f"À partir de 2{NNBSP}500{NBSP}€ brut par mois"
    assert listed(client, {"remuneration": "beaucoup"}) == {job.pk for job in paid_offers.values()}


# --- baseSalary ---------------------------------------------------------------------------------


def job_posting(client, job):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        client.get(job.get_absolute_url()).content.decode(),
        re.S,
    )
    import json

    return json.loads(match.group(1))


def test_base_salary_per_month(client):
    job = JobFactory(pay_period=PayPeriod.MONTH, salary_min=2500, salary_max=3100)
    value = job_posting(client, job)["baseSalary"]["value"]
    assert value == {
        "@type": "QuantitativeValue",
        "unitText": "MONTH",
        "minValue": 2500,
        "maxValue": 3100,
    }


def test_base_salary_from_the_indice_range_when_no_euro_range(client):
    job = JobFactory(index_min=390, index_max=534)
    salary = job_posting(client, job)["baseSalary"]
    assert salary["currency"] == "EUR"
    assert salary["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "MONTH",
        "minValue": 1920,
        "maxValue": 2629,
    }


def test_no_base_salary_without_pay(client):
    assert "baseSalary" not in job_posting(client, JobFactory())


# --- The deadline in a calendar -----------------------------------------------------------------


def ics_url(job):
    return reverse("jobs:deadline_ics", kwargs={"reference": job.reference, "slug": job.slug})


def test_the_deadline_as_an_ics_file(client):
    job = JobFactory(deadline=today() + days(20))
    response = client.get(ics_url(job))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (
        response["Content-Disposition"] == f'attachment; filename="date-limite-{job.reference}.ics"'
    )
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Paris"
    assert (start.date(), start.hour, start.minute) == (job.deadline, 23, 59)
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert job.reference in event["summary"]
    assert event["url"] == f"http://testserver{job.get_absolute_url()}"
    assert job.reference in event["description"]
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("trigger") == -datetime.timedelta(days=3)
    assert b"TRIGGER:-P3D" in response.content
    assert "DISPLAY" == alarm["action"]


def test_the_ics_uid_is_stable_across_requests(client):
    job = JobFactory(deadline=today() + days(20))
    first = icalendar.Calendar.from_ical(client.get(ics_url(job)).content)
    second = icalendar.Calendar.from_ical(client.get(ics_url(job)).content)
    [one], [two] = first.walk("VEVENT"), second.walk("VEVENT")
    assert one["uid"] == two["uid"] == f"date-limite-{job.reference}@testserver"
    # The deadline moved: the same event, at its new date.
    job.deadline = today() + days(30)
    job.save()
    [moved] = icalendar.Calendar.from_ical(client.get(ics_url(job)).content).walk("VEVENT")
    assert moved["uid"] == one["uid"] and moved.decoded("dtstart").date() == job.deadline


@pytest.mark.parametrize(
    "make",
    [
        lambda: JobFactory(state=State.CLOSED),
        lambda: JobFactory(state=State.DRAFT),
        lambda: JobFactory(state=State.ARCHIVED),
        lambda: JobFactory(deadline=today() - days(1), published_at=timezone.now() - days(40)),
        lambda: JobFactory(published_at=timezone.now() + days(2)),
    ],
    ids=["closed", "draft", "archived", "past deadline", "scheduled"],
)
def test_only_an_open_offer_has_an_ics(client, make):
    job = make()
    response = client.get(ics_url(job))
    assert response.status_code == 404
    assert (
        "Page non trouvée" in response.content.decode()
        or "introuvable" in response.content.decode().lower()
    )
    assert "Ajouter la date limite" not in client.get(job.get_absolute_url()).content.decode()


def test_unknown_offer_ics_is_a_404(client):
    assert client.get("/offres/2024-0000000/inconnue/date-limite.ics").status_code == 404


def test_the_page_links_to_the_ics(client):
    job = JobFactory(deadline=today() + days(20))
    page = client.get(job.get_absolute_url()).content.decode()
    assert f'href="{ics_url(job)}"' in page
    assert "Ajouter la date limite à mon agenda" in page


# --- Countdown ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "label"),
    [
        (0, "Clôture aujourd’hui"),
        (1, "Clôture demain"),
        (3, "Clôture dans 3 jours"),
        (7, "Clôture dans 7 jours"),
        (8, ""),
    ],
)
def test_countdown_in_the_last_days(client, left, label):
    job = JobFactory(deadline=today() + days(left), published_at=timezone.now() - days(40))
    assert job.countdown == label
    page = text_of(client.get(job.get_absolute_url()))
    cards = text_of(client.get(reverse("jobs:list")))
    if label:
        assert label in page and label in cards
    else:
        assert "Clôture" not in page.replace("clôturée", "") and "Clôture" not in cards


def test_no_countdown_once_closed():
    job = JobFactory(deadline=today() + days(2))
    job.close()
    assert job.countdown == ""


def test_a_cached_countdown_never_outlives_midnight():
    from jobs.models import next_visibility_change

    now = timezone.now()
    assert next_visibility_change(now) <= timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(now) + days(1), datetime.time.min)
    )


# --- After applying -----------------------------------------------------------------------------


def test_process_steps_in_hr_order_with_their_dates(client):
    job = JobFactory()
    ProcessStep.objects.create(
        job=job, position=2, label="Entretien avec un jury", date=datetime.date(2027, 1, 15)
    )
    ProcessStep.objects.create(job=job, position=1, label="Présélection sur dossier")
    ProcessStep.objects.create(
        job=job, position=3, label="Réponse attendue", date=datetime.date(2027, 2, 1)
    )
    text = text_of(client.get(job.get_absolute_url()))
    assert "Après votre candidature" in text
    assert re.search(
        r"Présélection sur dossier .*Entretien avec un jury : le 15 janvier 2027 .*Réponse attendue : le 1er février 2027",
        text,
    )


def test_no_process_section_without_steps(client):
    assert "Après votre candidature" not in text_of(client.get(JobFactory().get_absolute_url()))


# --- Public status after closing ----------------------------------------------------------------


def closed_job(**fields):
    job = JobFactory(**fields)
    job.close()
    return job


def test_the_stepper_of_a_closed_offer(client):
    job = closed_job()
    closed_on = job.closed_on
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'class="fr-stepper"' in page
    assert 'data-fr-current-step="1" data-fr-steps="4"' in page
    assert "Étape suivante :</span> Examen des candidatures" in page
    RecruitmentUpdate.objects.create(
        job=job, status=RecruitmentStatus.REVIEW, date=closed_on + days(3)
    )
    RecruitmentUpdate.objects.create(
        job=job, status=RecruitmentStatus.INTERVIEWS, date=closed_on + days(10)
    )
    text = text_of(client.get(job.get_absolute_url()))
    assert "Étape 3 sur 4 Entretiens en cours" in text
    assert "Étape suivante : Poste pourvu" in text
    assert "Candidatures closes : le " in text and "Examen des candidatures : le " in text


def test_a_republished_offer_links_to_the_new_one(client):
    job = closed_job()
    new = JobFactory(title="Gestionnaire RH (nouvelle offre)")
    RecruitmentUpdate.objects.create(
        job=job, status=RecruitmentStatus.REPUBLISHED, date=job.closed_on, new_offer=new
    )
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Étape 4 sur 4" in page and "Offre republiée" in page
    assert f'href="{new.get_absolute_url()}"' in page
    assert "Étape suivante" not in page


def test_an_open_offer_has_no_stepper(client):
    assert "fr-stepper" not in client.get(JobFactory().get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("updates", "message"),
    [
        ([("entretiens", 0), ("examen", 1)], "ne peut pas suivre"),
        ([("examen", 0), ("examen", 1)], "ne peut pas suivre"),
        ([("pourvu", 0), ("republiee", 1)], "Rien ne suit"),
        ([("examen", 5), ("entretiens", 2)], "ne peut pas être daté avant"),
        ([("republiee", 0)], "choisissez la nouvelle offre"),
        ([("examen", -3)], "ne peut pas précéder la clôture"),
    ],
)
def test_status_order_is_checked(updates, message):
    job = closed_job()
    rows = [(status, job.closed_on + days(offset), None) for status, offset in updates]
    errors = check_recruitment_order(job, rows)
    assert any(message in error for error in errors), errors


def test_a_status_that_follows_the_order_is_accepted():
    job = closed_job()
    day = job.closed_on
    rows = [
        ("closes", day, None),
        ("examen", day, None),
        ("entretiens", day + days(7), None),
        ("pourvu", day + days(30), None),
    ]
    assert check_recruitment_order(job, rows) == []
    # Steps may be skipped: no interviews, or republished after the review.
    assert check_recruitment_order(job, [("examen", day, None), ("pourvu", day, None)]) == []
    assert (
        check_recruitment_order(job, [("examen", day, None), ("republiee", day, JobFactory())])
        == []
    )


def test_no_status_while_applications_are_open():
    job = JobFactory()
    assert (
        "une fois les candidatures closes"
        in check_recruitment_order(job, [("examen", today(), None)])[0]
    )


def inline_rows(prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


def test_the_admin_refuses_a_status_out_of_order(hr_client):
    job = closed_job()
    day = job.closed_on
    data = form_data(job) | inline_rows(
        "recruitment_updates",
        [
            {"status": "entretiens", "date": day.isoformat()},
            {"status": "examen", "date": (day + days(2)).isoformat()},
        ],
    )
    response = hr_client.post(reverse("admin:jobs_job_change", args=[job.pk]), data)
    assert response.status_code == 200
    assert "ne peut pas suivre" in response.content.decode()
    assert not RecruitmentUpdate.objects.exists()


def test_hr_enter_steps_status_and_changes_and_the_history_keeps_them(hr_client):
    job = closed_job()
    day = job.closed_on
    data = (
        form_data(job)
        | inline_rows("recruitment_updates", [{"status": "examen", "date": day.isoformat()}])
        | inline_rows(
            "process_steps", [{"position": "1", "label": "Entretien avec un jury", "date": ""}]
        )
        | inline_rows(
            "public_changes", [{"date": day.isoformat(), "text": "Poste ouvert aux contractuels"}]
        )
    )
    response = hr_client.post(reverse("admin:jobs_job_change", args=[job.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RecruitmentUpdate.objects.get().status == "examen"
    assert ProcessStep.objects.get().label == "Entretien avec un jury"
    assert PublicChange.objects.get().automatic is False
    version = Version.objects.get_for_object(job).first()
    followed = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"job", "recruitmentupdate", "processstep", "publicchange"} <= followed


def test_backups_take_every_offer_model():
    from django.apps import apps

    from core.management.backup import backup_labels

    labels = backup_labels()
    for model in ["processstep", "publicchange", "recruitmentupdate"]:
        model_class = apps.get_model("jobs", model)
        assert model_class._meta.app_label in labels or model_class._meta.label_lower in labels


# --- Public changes -----------------------------------------------------------------------------


def test_a_later_deadline_is_announced_with_its_date(client):
    job = JobFactory(deadline=datetime.date(2099, 1, 10))
    job = type(job).objects.get(pk=job.pk)
    job.deadline = datetime.date(2099, 1, 15)
    job.save()
    change = PublicChange.objects.get(job=job)
    assert change.text == "Date limite prolongée au 15 janvier 2099"
    assert change.automatic and change.date == today()
    text = text_of(client.get(job.get_absolute_url()))
    assert "Modifications de l’offre" in text
    assert "Date limite prolongée au 15 janvier 2099" in text


@pytest.mark.parametrize(
    "fields",
    [
        {"state": State.DRAFT},
        {"published_at_offset": 3},  # Scheduled: the public has not seen it yet.
        {"earlier": True},
    ],
    ids=["draft", "scheduled", "earlier deadline"],
)
def test_other_deadline_changes_are_not_announced(fields):
    offset = fields.pop("published_at_offset", None)
    earlier = fields.pop("earlier", False)
    if offset:
        fields["published_at"] = timezone.now() + days(offset)
    created = JobFactory(deadline=datetime.date(2099, 1, 10), **fields)
    job = type(created).objects.get(pk=created.pk)
    job.deadline = datetime.date(2099, 1, 5) if earlier else datetime.date(2099, 1, 20)
    job.save()
    assert not PublicChange.objects.exists()


def test_a_save_that_keeps_the_deadline_announces_nothing():
    created = JobFactory()
    job = type(created).objects.get(pk=created.pk)
    job.title = "Autre intitulé"
    job.save()
    job.save()
    assert not PublicChange.objects.exists()
