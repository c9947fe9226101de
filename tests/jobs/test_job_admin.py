"""The offers admin as HR staff use it: list, filters, actions, and the checks before publishing."""

import datetime
import re
import zoneinfo
from html import unescape

import pytest
import time_machine
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from jobs.admin import JobAdmin
from jobs.choices import Category, State, Versant
from jobs.models import Domain, Job, one_month_after
from tests.admin_forms import form_data, new_offer_data, run_action
from tests.factories import JobEmployerFactory, JobFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOON = datetime.datetime(2025, 3, 10, 12, 0, tzinfo=PARIS)
TODAY = NOON.date()
CHANGELIST = "admin:jobs_job_changelist"


@pytest.fixture
def noon():
    with time_machine.travel(NOON, tick=False):
        yield


def days(n):
    return datetime.timedelta(days=n)


def message_texts(response, level=None):
    return [
        str(message)
        for message in get_messages(response.wsgi_request)
        if level is None or message.level == level
    ]


def listed(client, **params):
    response = client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


# Access ---------------------------------------------------------------------------------------


def test_hr_staff_see_offers_in_the_list(hr_client):
    job = JobFactory(title="Gestionnaire d'action sociale", service="Bureau de l'action sociale")
    response = hr_client.get(reverse(CHANGELIST))
    assertContains(response, job.reference)
    assertContains(response, "Gestionnaire d&#x27;action sociale")
    assertContains(response, "En ligne depuis le")
    assertContains(response, "Date limite")
    assertContains(response, "Candidatures ouvertes")
    assertContains(response, "Page publique")
    assertContains(response, f'href="{job.get_absolute_url()}" target="_blank"')


def test_the_list_takes_a_fixed_number_of_queries(hr_client, django_assert_max_num_queries):
    JobFactory.create_batch(3)
    with django_assert_max_num_queries(20) as few:
        hr_client.get(reverse(CHANGELIST))
    JobFactory.create_batch(20, domain=Domain.objects.get(code="NUM"))
    with django_assert_max_num_queries(len(few)):
        hr_client.get(reverse(CHANGELIST))


def test_hr_staff_open_the_add_form_in_the_offer_page_order(hr_client):
    response = hr_client.get(reverse("admin:jobs_job_add"))
    assert response.status_code == 200
    html = response.content.decode()
    sections = [
        "Identification",
        "Classement",
        "Localisation",
        "Conditions",
        "Textes de l’offre",
        "Candidature",
        "Dates",
    ]
    headings = [unescape(h) for h in re.findall(r"<h2[^>]*>\s*([^<]+?)\s*</h2>", html)]
    positions = [headings.index(section) for section in sections]
    assert positions == sorted(positions)
    assertContains(response, "une ligne commençant par « - » devient une puce")


def test_hr_staff_open_the_change_form_with_reference_and_slug_read_only(hr_client):
    job = JobFactory()
    response = hr_client.get(reverse("admin:jobs_job_change", args=[job.pk]))
    assertContains(response, job.reference)
    assertNotContains(response, 'name="reference"')
    assertNotContains(response, 'name="slug"')
    assertContains(response, 'name="title"')


def test_every_editable_field_is_on_the_form():
    admin_fields = set()
    for _name, options in JobAdmin.fieldsets:
        for entry in options["fields"]:
            admin_fields.update(entry if isinstance(entry, tuple) else [entry])
    editable = {field.name for field in Job._meta.fields if field.editable and field.name != "id"}
    # The région is shown, derived from the département, never typed.
    assert admin_fields - {"region_name"} == editable - {"region_code"}
    assert "region_name" in JobAdmin.readonly_fields


def test_hr_staff_add_a_valid_offer_and_get_reference_and_slug(hr_client, noon):
    data = new_offer_data(title="Auditeur(trice) Ouest", deadline=TODAY + days(45))
    response = hr_client.post(reverse("admin:jobs_job_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    job = Job.objects.get(title="Auditeur(trice) Ouest")
    assert re.fullmatch(r"2025-\d{7}", job.reference)
    assert job.slug == "auditeurtrice-ouest"
    assert job in Job.objects.open()
    assert message_texts(response, messages.WARNING) == []


def test_hr_staff_save_changes_to_an_offer(hr_client):
    job = JobFactory()
    data = form_data(job, title="Chargé(e) de communication")
    response = hr_client.post(reverse("admin:jobs_job_change", args=[job.pk]), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.title == "Chargé(e) de communication"
    assert job.slug == "chargee-de-communication"


def test_hr_staff_cannot_open_the_user_admin(hr_client):
    assert hr_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert hr_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_public_link_lets_hr_staff_preview_a_draft(hr_client, client):
    draft = JobFactory(state=State.DRAFT)
    assertContains(hr_client.get(reverse(CHANGELIST)), f'href="{draft.get_absolute_url()}"')
    assert hr_client.get(draft.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


# Filters and search ---------------------------------------------------------------------------


def test_state_filter(hr_client):
    draft = JobFactory(state=State.DRAFT)
    published = JobFactory()
    assert listed(hr_client, state__exact=State.DRAFT) == {draft}
    assert listed(hr_client, state__exact=State.PUBLISHED) == {published}


def test_domain_filter(hr_client):
    hr = JobFactory()
    digital = JobFactory(domain=Domain.objects.get(code="NUM"))
    assert listed(hr_client, domain__id__exact=digital.domain_id) == {digital}
    assert listed(hr_client, domain__id__exact=hr.domain_id) == {hr}


def test_versant_filter(hr_client):
    state = JobFactory(versant=Versant.FPE)
    hospital = JobFactory(versant=Versant.FPH)
    assert listed(hr_client, versant__exact=Versant.FPH) == {hospital}
    assert listed(hr_client, versant__exact=Versant.FPE) == {state}


def test_category_filter(hr_client):
    a = JobFactory(category=Category.A)
    c = JobFactory(category=Category.C)
    assert listed(hr_client, category__exact=Category.A) == {a}
    assert listed(hr_client, category__exact=Category.C) == {c}


def test_applications_filter_tells_open_scheduled_and_closed_offers_apart(hr_client, noon):
    open_offer = JobFactory(deadline=TODAY)  # Open until 23:59 tonight.
    scheduled = JobFactory(published_at=NOON + days(1), deadline=TODAY + days(40))
    past_deadline = JobFactory(published_at=NOON - days(40), deadline=TODAY - days(1))
    closed_early = JobFactory(state=State.CLOSED)
    JobFactory(state=State.DRAFT)
    JobFactory(state=State.ARCHIVED, deadline=TODAY - days(1))

    assert listed(hr_client, candidatures="ouvertes") == {open_offer}
    assert listed(hr_client, candidatures="programmees") == {scheduled}
    assert listed(hr_client, candidatures="closes") == {past_deadline, closed_early}
    assertContains(hr_client.get(reverse(CHANGELIST)), "Par candidatures")


def test_open_filter_follows_the_clock(hr_client):
    job = JobFactory(published_at=NOON - days(10), deadline=TODAY)
    with time_machine.travel(NOON.replace(hour=23, minute=59), tick=False):
        assert listed(hr_client, candidatures="ouvertes") == {job}
    with time_machine.travel(NOON + days(1), tick=False):
        assert listed(hr_client, candidatures="ouvertes") == set()
        assert listed(hr_client, candidatures="closes") == {job}


@pytest.mark.parametrize(
    "query",
    ["2025-1234567", "action sociale", "bureau du contentieux", "Gironde", "Bordeaux"],
)
def test_search_looks_in_reference_title_service_and_location(hr_client, query):
    job = JobFactory(
        reference="2025-1234567",
        title="Gestionnaire d'action sociale",
        service="Bureau du contentieux",
        location_label="Gironde (33)",
        city="Bordeaux",
    )
    other = JobFactory(title="Assistant (e) de Direction", service="Cabinet", city="Paris")
    found = listed(hr_client, q=query)
    assert job in found
    assert other not in found


def test_date_drill_down(hr_client):
    old = JobFactory(published_at=datetime.datetime(2024, 12, 24, 9, tzinfo=PARIS))
    recent = JobFactory(published_at=datetime.datetime(2025, 2, 3, 9, tzinfo=PARIS))
    assert listed(hr_client, published_at__year=2024) == {old}
    assert listed(hr_client, published_at__year=2025, published_at__month=2) == {recent}


# Actions ----------------------------------------------------------------------------------------


def test_publish_action_publishes_offers_and_says_how_many(hr_client, noon):
    drafts = JobFactory.create_batch(2, state=State.DRAFT, deadline=TODAY + days(45))
    response = run_action(hr_client, "publish", drafts)
    assert response.status_code == 302
    assert set(Job.objects.open()) == set(drafts)
    [message] = message_texts(response, messages.SUCCESS)
    assert message.startswith("2 offres publiées.")
    for job in drafts:
        assert f'<a href="{job.get_absolute_url()}" target="_blank" rel="noopener">' in message


def test_publish_action_refuses_an_offer_missing_legal_items_and_names_them(hr_client, noon):
    complete = JobFactory(state=State.DRAFT, deadline=TODAY + days(45))
    incomplete = JobFactory(
        state=State.DRAFT, title="Juriste", category="", missions="", deadline=None
    )
    response = run_action(hr_client, "publish", [complete, incomplete])

    incomplete.refresh_from_db()
    assert incomplete.state == State.DRAFT
    [error] = message_texts(response, messages.ERROR)
    assert f"« Juriste » (Réf. {incomplete.reference}) n’a pas été publiée" in error
    for label in ["catégorie", "vos missions", "date limite de candidature"]:
        assert label in error
    complete.refresh_from_db()
    assert complete.state == State.PUBLISHED
    [message] = message_texts(response, messages.SUCCESS)
    assert message.startswith("1 offre publiée.")


def test_publishing_a_draft_puts_it_online_now_unless_scheduled(hr_client, noon):
    written_last_week = JobFactory(state=State.DRAFT, published_at=NOON - days(7))
    scheduled = JobFactory(state=State.DRAFT, published_at=NOON + days(3))
    run_action(hr_client, "publish", [written_last_week, scheduled])
    written_last_week.refresh_from_db()
    scheduled.refresh_from_db()
    assert written_last_week.published_at == NOON
    assert scheduled.published_at == NOON + days(3)


def test_publish_action_warns_when_the_deadline_is_less_than_a_month_away(hr_client, noon):
    urgent = JobFactory(state=State.DRAFT, title="Urgent", deadline=TODAY + days(10))
    response = run_action(hr_client, "publish", [urgent])
    urgent.refresh_from_db()
    assert urgent.state == State.PUBLISHED
    [warning] = message_texts(response, messages.WARNING)
    assert "« Urgent »" in warning
    assert "moins d’un mois" in warning


def test_close_action_stops_applications(hr_client):
    job = JobFactory()
    draft = JobFactory(state=State.DRAFT)
    response = run_action(hr_client, "close", [job, draft])
    job.refresh_from_db()
    draft.refresh_from_db()
    assert job.state == State.CLOSED
    assert job not in Job.objects.open()
    assert job in Job.objects.visible()  # The page stays, with « Candidatures closes ».
    assert draft.state == State.DRAFT
    assert "1 offre clôturée." in message_texts(response, messages.SUCCESS)
    assert message_texts(response, messages.WARNING) == [
        "1 offre n’était pas publiée et n’a pas été clôturée."
    ]


def test_archive_action_takes_offers_off_the_site(hr_client, client):
    jobs = JobFactory.create_batch(2)
    response = run_action(hr_client, "archive", jobs)
    assert set(Job.objects.filter(state=State.ARCHIVED)) == set(jobs)
    assert not Job.objects.open().exists()
    assert "2 offres archivées." in message_texts(response, messages.SUCCESS)
    client.logout()
    assert client.get(jobs[0].get_absolute_url()).status_code == 404


def test_duplicate_action_makes_a_draft_with_a_new_reference_and_the_same_texts(hr_client):
    original = JobFactory(title="Officier de protection instructeur")
    response = run_action(hr_client, "duplicate", [original])

    copy = Job.objects.exclude(pk=original.pk).get()
    assert copy.state == State.DRAFT
    assert copy.reference != original.reference
    assert copy.title == "Officier de protection instructeur (copie)"
    for field in ["missions", "profile", "specific_conditions", "additional_info"]:
        assert getattr(copy, field) == getattr(original, field)
    assert copy.domain == original.domain
    assert response.url == reverse("admin:jobs_job_change", args=[copy.pk])
    original.refresh_from_db()
    assert original.state == State.PUBLISHED


def test_duplicating_several_offers_counts_the_copies(hr_client):
    originals = JobFactory.create_batch(3)
    response = run_action(hr_client, "duplicate", originals)
    assert Job.objects.filter(state=State.DRAFT, title__endswith="(copie)").count() == 3
    assert "3 copies créées comme brouillons." in message_texts(response, messages.SUCCESS)


def test_actions_say_so_when_nothing_changed(hr_client):
    archived = JobFactory(state=State.ARCHIVED)
    response = run_action(hr_client, "archive", [archived])
    assert message_texts(response) == ["Aucune offre n’a été archivée."]


# Form validation ------------------------------------------------------------------------------


def test_publishing_without_the_legal_minimum_is_refused_naming_each_missing_item(hr_client):
    data = new_offer_data(
        title="Secrétaire général adjoint",
        category="",
        reference_job="",
        application_email="",
        application_url="",
        missions="Piloter les fonctions support.",
        state=State.PUBLISHED,
    )
    response = hr_client.post(reverse("admin:jobs_job_add"), data)

    assert response.status_code == 200
    assert not Job.objects.exists()
    form = response.context["adminform"].form
    [error] = form.non_field_errors()
    for label in ["catégorie", "métier de référence", "lien ou adresse électronique"]:
        assert label in error
    assert "category" in form.errors
    assert "reference_job" in form.errors
    # What the editor typed is still there.
    assertContains(response, 'value="Secrétaire général adjoint"')
    assertContains(response, "Piloter les fonctions support.")


def test_an_incomplete_draft_can_be_saved(hr_client):
    data = new_offer_data(category="", missions="", deadline=None, state=State.DRAFT)
    response = hr_client.post(reverse("admin:jobs_job_add"), data)
    assert response.status_code == 302
    assert Job.objects.get().state == State.DRAFT


def test_missions_made_only_of_markup_count_as_missing(hr_client):
    job = JobFactory(state=State.DRAFT)
    data = form_data(job, missions="<script>alert(1)</script>", state=State.PUBLISHED)
    response = hr_client.post(reverse("admin:jobs_job_change", args=[job.pk]), data)
    assert response.status_code == 200
    assert "missions" in response.context["adminform"].form.errors


def test_deadline_before_publication_is_refused_on_the_deadline_field(hr_client, noon):
    data = new_offer_data(title="Archiviste", deadline=TODAY - days(1))
    response = hr_client.post(reverse("admin:jobs_job_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "ne peut pas précéder la date de publication" in errors["deadline"][0]
    assert not Job.objects.exists()
    assertContains(response, 'value="Archiviste"')


def test_deadline_less_than_a_month_after_publication_is_saved_with_a_warning(hr_client, noon):
    data = new_offer_data(title="Renfort", deadline=datetime.date(2025, 4, 9))
    response = hr_client.post(reverse("admin:jobs_job_add"), data, follow=True)
    job = Job.objects.get(title="Renfort")
    assert job.deadline == datetime.date(2025, 4, 9)
    [warning] = [str(m) for m in response.context["messages"] if m.level == messages.WARNING]
    assert "moins d’un mois" in warning
    assert "art. 4" in warning
    assertContains(response, "moins d’un mois")


def test_deadline_one_month_after_publication_gets_no_warning(hr_client, noon):
    data = new_offer_data(deadline=datetime.date(2025, 4, 10))
    response = hr_client.post(reverse("admin:jobs_job_add"), data)
    assert response.status_code == 302
    assert message_texts(response, messages.WARNING) == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 3, 10), datetime.date(2025, 4, 10)),
        (datetime.date(2025, 1, 31), datetime.date(2025, 2, 28)),
        (datetime.date(2024, 1, 31), datetime.date(2024, 2, 29)),
        (datetime.date(2025, 12, 15), datetime.date(2026, 1, 15)),
    ],
)
def test_one_month_after(day, expected):
    assert one_month_after(day) == expected


def test_publishing_a_draft_in_the_form_puts_it_online_now(hr_client, noon):
    job = JobFactory(state=State.DRAFT, published_at=NOON - days(7), deadline=TODAY + days(45))
    data = form_data(job, state=State.PUBLISHED)
    response = hr_client.post(reverse("admin:jobs_job_change", args=[job.pk]), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == State.PUBLISHED
    assert job.published_at == NOON


def test_a_publication_date_chosen_by_the_editor_is_kept(hr_client, noon):
    job = JobFactory(state=State.DRAFT, published_at=NOON - days(7), deadline=TODAY + days(45))
    chosen = NOON - days(2)
    data = form_data(job, state=State.PUBLISHED, published_at=chosen)
    hr_client.post(reverse("admin:jobs_job_change", args=[job.pk]), data)
    job.refresh_from_db()
    assert job.published_at == chosen


def test_a_script_typed_into_missions_is_stored_without_it(hr_client):
    data = new_offer_data(
        title="Chargé(e) de mission",
        missions="Vos missions :\n- **accueil**<script>alert('x')</script>\n- <img src=x onerror=alert(1)>",
    )
    response = hr_client.post(reverse("admin:jobs_job_add"), data)
    assert response.status_code == 302
    missions = Job.objects.get(title="Chargé(e) de mission").missions
    assert "<script" not in missions
    assert "alert" not in missions
    assert "onerror" not in missions
    assert "- **accueil**" in missions


# Domaines -------------------------------------------------------------------------------------


def test_hr_staff_see_domaines_but_cannot_change_them(hr_client):
    response = hr_client.get(reverse("admin:jobs_domain_changelist"), {"q": "GRH"})
    assert list(response.context["cl"].result_list) == [Domain.objects.get(code="GRH")]
    assert hr_client.get(reverse("admin:jobs_domain_add")).status_code == 403
    domain = Domain.objects.get(code="USA")
    change = hr_client.get(reverse("admin:jobs_domain_change", args=[domain.pk]))
    assert change.status_code == 200
    assertNotContains(change, 'name="_save"')
    assert (
        hr_client.post(
            reverse("admin:jobs_domain_change", args=[domain.pk]), {"name": "Autre"}
        ).status_code
        == 403
    )


# French, and what the form chooses for HR ------------------------------------------------------


def test_admin_titles_and_buttons_read_as_french(hr_client):
    job = JobFactory()
    changelist = hr_client.get(reverse(CHANGELIST)).content.decode()
    add = hr_client.get(reverse("admin:jobs_job_add")).content.decode()
    change = hr_client.get(reverse("admin:jobs_job_change", args=[job.pk])).content.decode()
    assert "<h1>Offres d’emploi</h1>" in changelist
    assert "Nouvelle offre d’emploi" in changelist
    assert "Offres d’emploi supprimées" in changelist
    assert "Supprimer les offres sélectionnées" in changelist
    assert "<h1>Nouvelle offre d’emploi</h1>" in add
    assert "<h1>Modifier l’offre d’emploi</h1>" in change
    for page in (changelist, add, change):
        for wrong in [
            "Ajout de offre",
            "Ajouter offre",
            "l’objet offre",
            "supprimés",
            "sélectionnés",
        ]:
            assert wrong not in page, wrong


def test_the_only_employer_is_preselected_and_cannot_be_deleted_from_the_offer_form(hr_client):
    employer = JobEmployerFactory()
    html = hr_client.get(reverse("admin:jobs_job_add")).content.decode()
    assert re.search(rf'<option value="{employer.pk}" selected>', html)
    assert "delete_id_employer" not in html
    assert "add_id_employer" not in html


def test_the_departement_is_chosen_from_the_insee_table_and_the_region_follows(hr_client, noon):
    html = hr_client.get(reverse("admin:jobs_job_add")).content.decode()
    assert '<select name="department_code"' in html
    assert '<option value="2A">Corse-du-Sud (2A)</option>' in html
    assert 'name="region_code"' not in html
    data = new_offer_data(
        title="Chargé(e) d'accueil Marseille",
        department_code="13",
        region_code="99",
        location_label="",
        deadline=TODAY + days(45),
    )
    response = hr_client.post(reverse("admin:jobs_job_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    job = Job.objects.get(title="Chargé(e) d'accueil Marseille")
    assert (job.department_code, job.region_code) == ("13", "93")
    assert job.region_name == "Provence-Alpes-Côte d’Azur"
    assert job.location_label == "Bouches-du-Rhône (13)"


def test_an_unknown_departement_code_is_refused(hr_client, noon):
    data = new_offer_data(department_code="99", deadline=TODAY + days(45))
    response = hr_client.post(reverse("admin:jobs_job_add"), data)
    assert response.status_code == 200
    assert "department_code" in response.context["adminform"].form.errors


def test_after_adding_an_offer_the_message_links_to_its_public_page(hr_client, noon):
    data = new_offer_data(title="Juriste asile", deadline=TODAY + days(45))
    response = hr_client.post(reverse("admin:jobs_job_add"), data)
    job = Job.objects.get(title="Juriste asile")
    [message] = message_texts(response, messages.SUCCESS)
    assert message.startswith(f"L’offre « Juriste asile » (Réf. {job.reference}) a été ajoutée.")
    assert f'<a href="{job.get_absolute_url()}" target="_blank" rel="noopener">' in message
    assert "Voir la page publique" in message


def test_after_saving_a_draft_the_message_links_to_its_preview(hr_client):
    draft = JobFactory(state=State.DRAFT)
    response = hr_client.post(
        reverse("admin:jobs_job_change", args=[draft.pk]), form_data(draft, title="Juriste")
    )
    [message] = message_texts(response, messages.SUCCESS)
    assert "a été enregistrée." in message
    assert f'href="{draft.get_absolute_url().replace(draft.slug, "juriste")}"' in message
    assert "Voir l’aperçu de l’offre" in message


def test_the_short_publication_warning_writes_the_first_of_the_month_1er(hr_client, noon):
    data = new_offer_data(title="Renfort", deadline=datetime.date(2025, 4, 1))
    response = hr_client.post(reverse("admin:jobs_job_add"), data, follow=True)
    [warning] = [str(m) for m in response.context["messages"] if m.level == messages.WARNING]
    assert "(1er avril 2025)" in warning
    assert "(10 mars 2025)" in warning


# What the actions and the form leave behind: history lines, state changes by the offer's rules ---


def log_messages(job):
    return [
        entry.get_change_message()
        for entry in LogEntry.objects.filter(object_id=str(job.pk)).order_by("pk")
    ]


def test_each_action_leaves_a_line_in_the_offer_history(hr_client, noon):
    draft = JobFactory(state=State.DRAFT, deadline=TODAY + days(45))
    run_action(hr_client, "publish", [draft])
    run_action(hr_client, "close", [draft])
    run_action(hr_client, "archive", [draft])
    assert log_messages(draft) == [
        "Publiée depuis la liste des offres.",
        "Clôturée",
        "Archivée",
    ]
    run_action(hr_client, "duplicate", [draft])
    copy = Job.objects.get(title__endswith="(copie)")
    assert log_messages(copy) == ["Copie d’une offre existante."]


def test_offers_the_publish_action_skips_leave_no_history_line(hr_client, noon):
    published = JobFactory()
    incomplete = JobFactory(state=State.DRAFT, category="")
    response = run_action(hr_client, "publish", [published, incomplete])
    assert log_messages(published) == log_messages(incomplete) == []
    assert message_texts(response, messages.WARNING) == ["Aucune offre n’a été publiée."]


def test_closing_a_draft_in_the_form_is_refused(hr_client):
    draft = JobFactory(state=State.DRAFT)
    data = form_data(draft, state=State.CLOSED)
    response = hr_client.post(reverse("admin:jobs_job_change", args=[draft.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["state"] == [
        "Seule une offre publiée peut être clôturée."
    ]
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_closing_an_offer_in_the_form_stamps_the_moment(hr_client, noon):
    job = JobFactory()
    response = hr_client.post(
        reverse("admin:jobs_job_change", args=[job.pk]), form_data(job, state=State.CLOSED)
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.closed_at) == (State.CLOSED, NOON)


def test_publishing_a_closed_offer_in_the_form_keeps_its_first_date(hr_client, noon):
    job = JobFactory(published_at=NOON - days(20), deadline=TODAY + days(20))
    job.close(NOON - days(1))
    data = form_data(job, state=State.PUBLISHED)
    response = hr_client.post(reverse("admin:jobs_job_change", args=[job.pk]), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.published_at, job.closed_at) == (State.PUBLISHED, NOON - days(20), None)
    assert job in Job.objects.open()


def test_a_way_to_apply_missing_marks_the_link_field_and_names_the_other_way(hr_client):
    data = new_offer_data(application_url="", application_email="", state=State.PUBLISHED)
    response = hr_client.post(reverse("admin:jobs_job_add"), data)
    form = response.context["adminform"].form
    assert form.errors["application_url"] == [
        "Obligatoire pour publier l’offre, à moins de remplir « Adresse électronique de "
        "candidature »."
    ]
    assert "lien ou adresse électronique de candidature" in form.non_field_errors()[0]
