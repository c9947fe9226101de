"""The profile's portraits: which one an offer shows, the one the home page features, the
admin's rules for them, and their history."""

import pytest
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from reversion.models import Version

from employer import models as employer_models
from employer.models import FEATURED_ONCE
from jobs.models import Domain
from tests.admin_forms import change_form_data, change_url
from tests.factories import EmployerFactory, JobFactory, TestimonialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    return EmployerFactory()


def portrait(profile, first_name, **fields):
    return TestimonialFactory(
        employer=profile, first_name=first_name, quote=f"La citation de {first_name}.", **fields
    )


def shown_on(job):
    """The portrait « Découvrir le métier » shows on the offer, as its page renders it."""
    html = render_to_string("jobs/includes/portrait.html", {"job": job})
    names = [
        t.first_name
        for t in employer_models.Testimonial.objects.all()
        if f"de {t.first_name}." in html
    ]
    return names[0] if names else None


def test_an_offer_shows_the_portrait_of_its_metier_before_one_of_its_domaine(profile):
    portrait(profile, "Julien", domain_code="GRH", position=1)
    portrait(profile, "Nadia", reference_job="Gestionnaire de l'action sociale", position=2)
    job = JobFactory(employer=profile, reference_job="Gestionnaire de l'action sociale")

    assert shown_on(job) == "Nadia"


def test_the_metier_matches_whatever_the_case_and_the_surrounding_spaces(profile):
    portrait(profile, "Nadia", reference_job="Assistant / Assistante de direction")
    job = JobFactory(employer=profile, reference_job="  assistant / assistante de DIRECTION ")

    assert shown_on(job) == "Nadia"


def test_without_a_portrait_of_its_metier_an_offer_shows_one_of_its_domaine(profile):
    portrait(profile, "Marine", domain_code="USA", reference_job="Officier de protection")
    job = JobFactory(
        employer=profile,
        domain=Domain.objects.get(code="USA"),
        reference_job="Chargé(e) d'accueil et d'instruction des demandes du public",
    )

    assert shown_on(job) == "Marine"


def test_of_two_portraits_of_the_same_domaine_the_first_by_position_is_shown(profile):
    portrait(profile, "Second", domain_code="GRH", position=2)
    portrait(profile, "Premier", domain_code="GRH", position=1)

    assert shown_on(JobFactory(employer=profile, reference_job="")) == "Premier"


def test_an_offer_of_another_metier_and_domaine_shows_no_portrait(profile):
    portrait(profile, "Marine", domain_code="USA", reference_job="Officier de protection")
    job = JobFactory(employer=profile, reference_job="Gestionnaire des ressources humaines")

    html = render_to_string("jobs/includes/portrait.html", {"job": job})
    assert html.strip() == ""


def test_an_empty_metier_never_matches_a_portrait_without_one(profile):
    portrait(profile, "Marine", domain_code="USA", reference_job="")
    job = JobFactory(employer=profile, reference_job="")  # Domaine GRH.

    assert shown_on(job) is None


def test_the_tag_costs_one_query_with_the_domaine_read_or_not(profile, django_assert_num_queries):
    portrait(profile, "Julien", domain_code="GRH")
    job = JobFactory(employer=profile, reference_job="Autre métier")
    from jobs.models import Job

    with_domain = Job.objects.select_related("domain").get(pk=job.pk)
    with django_assert_num_queries(1):
        html = render_to_string("jobs/includes/portrait.html", {"job": with_domain})
    assert "Julien" in html
    without_domain = Job.objects.get(pk=job.pk)
    with django_assert_num_queries(1):
        html = render_to_string("jobs/includes/portrait.html", {"job": without_domain})
    assert "Julien" in html


def test_the_offer_block_quotes_the_portrait_and_links_to_its_page(profile):
    marine = portrait(profile, "Marine", domain_code="GRH", job_title="Officière de protection")
    html = render_to_string("jobs/includes/portrait.html", {"job": JobFactory(employer=profile)})

    assert "Découvrir le métier" in html
    assert "«&nbsp;La citation de Marine.&nbsp;»" in html
    assert f'href="{marine.get_absolute_url()}"' in html
    assert "Lire le portrait de Marine, officière de protection, en entier" in html


# Featured on the home page --------------------------------------------------------------------


def test_the_home_page_shows_the_featured_portrait(profile):
    portrait(profile, "Premier", position=1)
    featured = portrait(profile, "Vedette", position=2, is_featured=True)

    profile = type(profile).objects.home_page_profile()
    assert profile.featured_portrait == featured
    assert [p.first_name for p in profile.other_portraits] == ["Premier"]


def test_without_a_featured_portrait_the_home_page_shows_the_first_by_position(profile):
    portrait(profile, "Second", position=2)
    portrait(profile, "Premier", position=1)

    assert type(profile).objects.home_page_profile().featured_portrait.first_name == "Premier"


def test_the_database_refuses_a_second_featured_portrait(profile):
    portrait(profile, "Marine", is_featured=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        portrait(profile, "Nadia", is_featured=True)


def test_each_portrait_gets_its_own_address(profile):
    first = portrait(profile, "Marine", job_title="Officière de protection")
    second = portrait(profile, "Marine", job_title="Officière de protection")

    assert first.slug == "marine-officiere-de-protection"
    assert second.slug == "marine-officiere-de-protection-2"
    assert first.get_absolute_url() == "/portraits/marine-officiere-de-protection/"


# Admin ----------------------------------------------------------------------------------------


def post_profile(client, profile, **changes):
    data = change_form_data(client.get(change_url(profile)))
    data.update(changes)
    for name, value in list(data.items()):
        if value is False:
            del data[name]  # An unticked box is not sent.
    return client.post(change_url(profile), data)


def test_the_portrait_form_has_the_metier_domaine_and_featured_fields_in_french(hr_client, profile):
    portrait(profile, "Marine")
    page = hr_client.get(change_url(profile)).content.decode()

    for text in [
        "Métier de référence",
        "Domaine fonctionnel (code RMFP)",
        "Mis en avant sur la page d’accueil",
        "Un seul portrait à la fois.",
        "Les offres de ce métier affichent ce portrait",
    ]:
        assert text in page


def test_hr_cannot_feature_two_portraits_and_are_told_why(hr_client, profile):
    portrait(profile, "Marine", position=1, is_featured=True)
    portrait(profile, "Nadia", position=2)

    response = post_profile(hr_client, profile, **{"testimonials-1-is_featured": "on"})

    assert response.status_code == 200
    assert FEATURED_ONCE in response.content.decode()
    assert list(employer_models.Testimonial.objects.filter(is_featured=True)) == [
        employer_models.Testimonial.objects.get(first_name="Marine")
    ]


@pytest.mark.parametrize("newly_featured, unfeatured", [(1, 0), (0, 1)])
def test_hr_move_the_flag_from_one_portrait_to_another_in_one_save(
    hr_client, profile, newly_featured, unfeatured
):
    first = portrait(profile, "Premier", position=1)
    second = portrait(profile, "Second", position=2)
    portraits = [first, second]
    portraits[unfeatured].is_featured = True
    portraits[unfeatured].save()

    response = post_profile(
        hr_client,
        profile,
        **{
            f"testimonials-{newly_featured}-is_featured": "on",
            f"testimonials-{unfeatured}-is_featured": False,
        },
    )

    assert response.status_code == 302, response.context["errors"]
    assert list(employer_models.Testimonial.objects.filter(is_featured=True)) == [
        portraits[newly_featured]
    ]


def test_the_domaine_code_is_taken_in_lower_case_and_checked(hr_client, profile):
    portrait(profile, "Marine")

    response = post_profile(hr_client, profile, **{"testimonials-0-domain_code": "usa"})
    assert response.status_code == 302
    assert employer_models.Testimonial.objects.get().domain_code == "USA"

    response = post_profile(hr_client, profile, **{"testimonials-0-domain_code": "U1"})
    assert response.status_code == 200
    assert "trois lettres majuscules" in response.content.decode()


def test_the_history_keeps_the_portraits_metier_domaine_and_flag(hr_client, profile):
    portrait(profile, "Marine")
    post_profile(
        hr_client,
        profile,
        **{
            "testimonials-0-reference_job": "Officier de protection instructeur",
            "testimonials-0-domain_code": "USA",
            "testimonials-0-is_featured": "on",
        },
    )
    post_profile(hr_client, profile, **{"testimonials-0-domain_code": "JUR"})

    kept = Version.objects.get_for_model(employer_models.Testimonial).order_by("pk")
    assert [(v.field_dict["domain_code"], v.field_dict["is_featured"]) for v in kept] == [
        ("USA", True),
        ("JUR", True),
    ]
    first = Version.objects.get_for_object(profile).order_by("pk").first()
    url = reverse("admin:employer_employer_revision", args=[profile.pk, first.pk])
    response = hr_client.post(url, change_form_data(hr_client.get(url)))
    assert response.status_code == 302
    assert employer_models.Testimonial.objects.get().domain_code == "USA"
