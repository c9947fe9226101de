"""Factories shared by the test suite: tests build their own data and never load JSON fixtures."""

import datetime

import factory
from django.utils import timezone

from employer.models import Employer, KeyFigure, Mission, Perk, Photo, Testimonial
from jobs.choices import (
    Category,
    ContractType,
    Experience,
    Nature,
    PostStatus,
    State,
    Telework,
    VacancyReason,
    Versant,
)
from jobs.models import Domain, Job

# ---------------------------------------------------------------------------------------------
# Employer profile
# ---------------------------------------------------------------------------------------------


class EmployerFactory(factory.django.DjangoModelFactory):
    """The agency profile. There is one: parts built without an employer share this one."""

    class Meta:
        model = Employer
        django_get_or_create = ["name"]

    name = "Office français de protection des réfugiés et apatrides"
    acronym = "Ofpra"
    tagline = "À l'écoute du monde"
    about = (
        "L'Office est un établissement public placé sous la tutelle du ministère de l'Intérieur."
    )
    gallery_text = "Les locaux sont desservis par l'A86 et les lignes RER A et E."


class EmployerPartFactory(factory.django.DjangoModelFactory):
    """A part of the profile, after the ones already built."""

    class Meta:
        abstract = True

    employer = factory.SubFactory(EmployerFactory)
    position = factory.Sequence(lambda n: n)


class MissionFactory(EmployerPartFactory):
    class Meta:
        model = Mission

    text = factory.Sequence(lambda n: f"Mission numéro {n}.")


class KeyFigureFactory(EmployerPartFactory):
    class Meta:
        model = KeyFigure

    value = factory.Sequence(lambda n: f"{n + 1} 000")
    label = factory.Sequence(lambda n: f"Indicateur {n}")


class PhotoFactory(EmployerPartFactory):
    """A real JPEG, larger than the resized copy the page shows."""

    class Meta:
        model = Photo

    image = factory.django.ImageField(
        filename=factory.Sequence(lambda n: f"photo-{n}.jpg"), width=1200, height=800, format="JPEG"
    )
    alt_text = factory.Sequence(lambda n: f"Vue numéro {n} des locaux")
    caption = factory.Sequence(lambda n: f"Légende {n}")


class TestimonialFactory(EmployerPartFactory):
    __test__ = False  # Not a test class, whatever its name says to pytest.

    class Meta:
        model = Testimonial

    title = "Portrait d'une officière de protection"
    first_name = "Marine"
    age = 27
    job_title = "Officière de protection"
    division = "Division Afrique 2"
    years_in_post = 4
    quote = "On est vraiment là pour protéger."
    transcript = "Bonjour, je m'appelle Marine.\n\nJe travaille ici depuis 4 ans."


class PerkFactory(EmployerPartFactory):
    class Meta:
        model = Perk

    title = factory.Sequence(lambda n: f"Atout {n}")
    text = "Un premier paragraphe.\n\nUn second paragraphe."
    items = "Une restauration collective de qualité\nUne action sociale engagée"


# ---------------------------------------------------------------------------------------------
# Jobs
# ---------------------------------------------------------------------------------------------


class JobEmployerFactory(factory.django.DjangoModelFactory):
    """The agency profile offers point to; there is only one, so every offer shares it."""

    class Meta:
        model = Employer
        django_get_or_create = ["name"]

    name = "Office français de protection des réfugiés et apatrides"
    acronym = "Ofpra"
    street_address = "201 rue Carnot"
    postal_code = "94120"
    city = "Fontenay-sous-Bois"
    website = "https://www.ofpra.gouv.fr"


class DomainFactory(factory.django.DjangoModelFactory):
    """A domaine outside the RMFP's 29 codes; most tests use the migrated ones instead."""

    class Meta:
        model = Domain
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"X{n:02d}")
    name = factory.Sequence(lambda n: f"Domaine de test {n}")
    slug = factory.Sequence(lambda n: f"domaine-de-test-{n}")


def ressources_humaines():
    return Domain.objects.get(code="GRH")


class JobFactory(factory.django.DjangoModelFactory):
    """A complete offer, every legal item filled, published yesterday, deadline in 60 days."""

    class Meta:
        model = Job

    title = factory.Sequence(lambda n: f"Gestionnaire d'action sociale {n}")
    state = State.PUBLISHED
    domain = factory.LazyFunction(ressources_humaines)
    versant = Versant.FPE
    category = Category.B
    corps_grade = "Secrétaire administratif de l'intérieur et de l'outre-mer"
    nature = Nature.TITULAIRE_CONTRACTUEL
    contract_type = ContractType.PERMANENT
    vacancy_reason = VacancyReason.VACANCE
    post_status = PostStatus.VACANT
    reference_job = "Gestionnaire des ressources humaines"
    recruiting_authority = "Directeur général de l'Ofpra"
    employer = factory.SubFactory(JobEmployerFactory)
    service = "Division des ressources humaines"
    legal_basis = "Article L. 332-2 du code général de la fonction publique"
    location_label = "Val de Marne (94)"
    department_code = "94"
    region_code = "11"
    street_address = "201 rue Carnot"
    postal_code = "94120"
    city = "Fontenay-sous-Bois"
    telework = Telework.PARTIAL
    telework_days = 2
    experience = Experience.CONFIRME
    salary = "Selon expérience et grille indiciaire"
    missions = (
        "Au sein du bureau de l'action sociale, vous accompagnez les agents :\n"
        "- instruction des demandes d'aides ;\n"
        "- **accueil** et information des agents."
    )
    profile = "Vous connaissez les dispositifs d'action sociale de la fonction publique."
    specific_conditions = "Poste soumis à une habilitation."
    additional_info = "Prise de poste dès que possible."
    application_email = "recrutement@ofpra.gouv.fr"
    application_documents = "- CV\n- lettre de motivation"
    application_contact = "Bureau du recrutement, 01 58 68 10 10"
    vacancy_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
