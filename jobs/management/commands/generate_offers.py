"""manage.py generate_offers --count N: fill the database with realistic synthetic offers."""

import datetime
import itertools
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from core import page_cache
from employer.models import Employer
from jobs.choices import (
    Category,
    ContractType,
    Experience,
    Nature,
    PayPeriod,
    PostStatus,
    State,
    Telework,
    VacancyReason,
    Versant,
)
from jobs.dates import deadline_end
from jobs.management import synthetic
from jobs.models import Domain, Job

# Synthetic offers are recognisable by their reference: SYN-00000001, SYN-00000002...
REFERENCE_PREFIX = "SYN-"
REFERENCE_DIGITS = 8
CONTRACT_LEGAL_BASIS = "Article L. 332-2 du code général de la fonction publique"


def weighted(pairs):
    """(value, weight) pairs -> a function drawing a value with `rng`."""
    values = [value for value, _weight in pairs]
    cum_weights = list(itertools.accumulate(weight for _value, weight in pairs))
    return lambda rng: rng.choices(values, cum_weights=cum_weights)[0]


STATES = weighted([(State.PUBLISHED, 85), (State.DRAFT, 6), (State.CLOSED, 5), (State.ARCHIVED, 4)])
VERSANTS = weighted([(Versant.FPE, 70), (Versant.FPT, 20), (Versant.FPH, 10)])
CATEGORIES = weighted(
    [
        (Category.A, 35),
        (Category.B, 30),
        (Category.C, 25),
        (Category.APLUS, 5),
        (Category.HORS_CATEGORIE, 5),
    ]
)
NATURES = weighted(
    [(Nature.TITULAIRE_CONTRACTUEL, 65), (Nature.CONTRACTUELS, 25), (Nature.TITULAIRES, 10)]
)
CONTRACTS_FOR_CONTRACT_STAFF = weighted(
    [(ContractType.CDD, 70), (ContractType.CDI, 20), (ContractType.VACATION, 10)]
)
TELEWORK = weighted([(Telework.PARTIAL, 65), (Telework.NONE, 30), (Telework.FULL, 5)])
DEPARTMENTS = weighted([(department, department[-1]) for department in synthetic.DEPARTMENTS])
# The indice majoré range of each catégorie's usual grade (first to last échelon), for posts open
# to fonctionnaires; drawn from the catégorie alone, so the random sequence of offers is unchanged.
INDEX_RANGES = {
    Category.C: (366, 420),
    Category.B: (390, 534),
    Category.A: (444, 830),
    Category.APLUS: (700, 1067),
}
CONTRACT_DURATIONS = ["6 mois", "1 an renouvelable", "2 ans", "3 ans renouvelable"]


EXPERIENCES = Experience.values


class Command(BaseCommand):
    help = (
        "Create N synthetic but realistic offers (all domaines, versants, catégories, "
        "départements; mostly open, some drafts, closed, archived or past their deadline) for "
        "load tests. Offers are added, never replaced: re-running adds N more, with references "
        "continuing the SYN-00000001 sequence. Delete them with "
        "Job.objects.filter(reference__startswith='SYN-').delete()."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="Number of offers to create.")
        parser.add_argument(
            "--seed", type=int, default=None, help="Random seed, for reproducible content."
        )
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Offers inserted per INSERT statement."
        )

    def handle(self, *args, count, seed, batch_size, verbosity=1, **options):
        if count < 0:
            raise CommandError("--count must be zero or more.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        domains = list(Domain.objects.order_by("code"))
        if not domains:
            raise CommandError("No domaine fonctionnel in the database: run `manage.py migrate`.")
        generator = OfferGenerator(
            rng=random.Random(seed),
            domains=domains,
            employer=self.get_employer(verbosity),
            first_number=next_reference_number(),
            now=timezone.now(),
        )
        started = time.monotonic()
        created = 0
        while created < count:
            size = min(batch_size, count - created)
            jobs = [generator.offer(created + index) for index in range(size)]
            with transaction.atomic():
                # One INSERT per batch; bulk_create prepares each offer (Job.prepare(): slug,
                # sanitised texts and their HTML, search text) as save() would.
                Job.objects.bulk_create(jobs, batch_size=batch_size)
            # With DEBUG on, Django keeps every statement: megabytes per batch of offers.
            reset_queries()
            created += size
            if verbosity >= 1:
                elapsed = time.monotonic() - started
                self.stdout.write(f"{created:>9,} / {count:,} offers ({elapsed:.1f} s)")
        if created:
            analyze(Job)
            # bulk_create sends no signal: cached pages must learn of the new offers.
            page_cache.bump_version()
        if verbosity >= 1:
            elapsed = time.monotonic() - started
            self.stdout.write(
                self.style.SUCCESS(f"Created {created:,} synthetic offers in {elapsed:.1f} s.")
            )

    def get_employer(self, verbosity):
        employer = Employer.objects.order_by("pk").first()
        if employer is None:
            employer = Employer.objects.create(
                name="Office français de protection des réfugiés et apatrides",
                acronym="Ofpra",
                street_address="201 rue Carnot",
                postal_code="94120",
                city="Fontenay-sous-Bois",
                website="https://www.ofpra.gouv.fr",
            )
            if verbosity >= 1:
                self.stdout.write(f"No employer profile: created « {employer} ».")
        return employer


def analyze(model):
    """Refresh the planner's statistics right away.

    Until autovacuum gets to it, PostgreSQL plans for the table as it was before the bulk insert
    (a few rows), and picks plans that are slow on the new volume. VACUUM also marks the new rows
    all-visible, which the index-only scans of the lists and facet counts need.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    # VACUUM cannot run inside a transaction (a test's, or a caller's atomic block).
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    command = "VACUUM ANALYZE" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {table}")


def next_reference_number():
    """1 + the highest synthetic reference's number (zero-padded, so text order is number order)."""
    last = (
        Job.objects.filter(reference__startswith=REFERENCE_PREFIX)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    if last is None:
        return 1
    try:
        return int(last.removeprefix(REFERENCE_PREFIX)) + 1
    except ValueError:
        return Job.objects.filter(reference__startswith=REFERENCE_PREFIX).count() + 1


class OfferGenerator:
    """Draws one offer at a time; the same seed gives the same offers (dates relative to `now`)."""

    def __init__(self, *, rng, domains, employer, first_number, now):
        self.rng = rng
        self.domains = domains
        self.employer = employer
        self.first_number = first_number
        self.now = now
        self.today = timezone.localdate(now)
        self.application_email = "recrutement@ofpra.gouv.fr"
        # The first offers go round every domaine once, so even a small run shows them all.
        self.domain_order = rng.sample(domains, len(domains))

    def offer(self, index):
        rng = self.rng
        if index < len(self.domain_order):
            domain = self.domain_order[index]
        else:
            domain = rng.choice(self.domains)
        titles, mission_lines, skills = synthetic.FAMILIES.get(domain.code, ([domain.name], [], []))
        family = rng.choice(titles)
        code, label, region, city, postal_code, _weight = DEPARTMENTS(rng)
        title = f"{family} – {city}" if rng.random() < 0.3 else family

        state = STATES(rng)
        versant = VERSANTS(rng)
        category = CATEGORIES(rng)
        nature = NATURES(rng)
        if nature == Nature.CONTRACTUELS:
            contract_type = CONTRACTS_FOR_CONTRACT_STAFF(rng)
        elif nature == Nature.TITULAIRES:
            contract_type = ContractType.PERMANENT
        else:
            contract_type = rng.choice([ContractType.PERMANENT, ContractType.CDD])
        telework = TELEWORK(rng)
        telework_days = {Telework.PARTIAL: rng.randint(1, 3), Telework.FULL: 5}.get(telework)
        has_management = rng.random() < (0.5 if category in (Category.APLUS, Category.A) else 0.1)
        experience = rng.choice(EXPERIENCES)
        team_size = rng.randint(3, 25)

        if state == State.PUBLISHED and rng.random() < 0.01:
            # A few offers are scheduled: published in the coming week.
            published_at = self.now + datetime.timedelta(minutes=rng.randint(60, 7 * 24 * 60))
        else:
            published_at = self.now - datetime.timedelta(minutes=rng.randint(0, 90 * 24 * 60))
        published_on = timezone.localdate(published_at)
        deadline = published_on + datetime.timedelta(days=rng.randint(31, 120))
        vacancy_date = deadline + datetime.timedelta(days=rng.randint(10, 60))
        start_date = vacancy_date + datetime.timedelta(days=rng.choice([0, 0, 7, 14, 30]))

        low, high = synthetic.SALARIES[category]
        salary_min = rng.randrange(low, (low + high) // 2, 100)
        salary_max = rng.randrange(salary_min + 2_000, high + 2_100, 100)

        index_range = (
            INDEX_RANGES.get(category, (None, None))
            if nature != Nature.CONTRACTUELS
            else (None, None)
        )
        job = Job(
            reference=f"{REFERENCE_PREFIX}{self.first_number + index:0{REFERENCE_DIGITS}d}",
            title=title,
            domain=domain,
            versant=versant,
            category=category,
            corps_grade=synthetic.CORPS[versant][category],
            nature=nature,
            contract_type=contract_type,
            contract_duration=(
                rng.choice(CONTRACT_DURATIONS) if contract_type == ContractType.CDD else ""
            ),
            vacancy_reason=VacancyReason.CREATION if rng.random() < 0.15 else VacancyReason.VACANCE,
            post_status=(
                PostStatus.SUSCEPTIBLE_VACANT if rng.random() < 0.2 else PostStatus.VACANT
            ),
            reference_job=family,
            recruiting_authority=rng.choice(synthetic.AUTHORITIES[versant]),
            employer=self.employer,
            service=synthetic.SERVICES.get(domain.code, ""),
            legal_basis=CONTRACT_LEGAL_BASIS if nature != Nature.TITULAIRES else "",
            location_label=label,
            department_code=code,
            region_code=region,
            street_address=f"{rng.randint(1, 180)} {rng.choice(synthetic.STREETS)}",
            postal_code=postal_code,
            city=city,
            telework=telework,
            telework_days=telework_days,
            has_management=has_management,
            experience=experience,
            full_time=rng.random() < 0.95,
            education_level=synthetic.EDUCATION[category],
            salary=(
                f"Selon expérience et grille indiciaire, de {salary_min // 12:,} € à "
                f"{salary_max // 12:,} € brut mensuels".replace(",", " ")
            ),
            pay_period=PayPeriod.YEAR,
            salary_min=salary_min,
            salary_max=salary_max,
            index_min=index_range[0],
            index_max=index_range[1],
            time_in_post="Durée minimale d'occupation du poste : 3 ans"
            if nature == Nature.TITULAIRES
            else "",
            openings=1 if rng.random() < 0.85 else rng.randint(2, 5),
            missions=self.missions(mission_lines, has_management, team_size),
            profile=self.profile(skills, experience, category),
            specific_conditions=rng.choice(synthetic.CONDITIONS),
            additional_info=rng.choice(synthetic.ADDITIONAL_INFO),
            application_email=self.application_email,
            application_url=self.employer.website if rng.random() < 0.3 else "",
            application_documents=synthetic.DOCUMENTS,
            application_contact=f"Service des ressources humaines – {city}",
            vacancy_date=vacancy_date,
            start_date=start_date,
            published_at=published_at,
            deadline=deadline,
        )
        # A new offer is a draft: it reaches its state as HR's would, by the offer's own methods.
        if state != State.DRAFT:
            job.publish(now=published_at, save=False)  # Online since the date drawn.
        if state == State.CLOSED:
            # Closed by HR halfway between going online and the end of applications (or now).
            ends = min(deadline_end(deadline), self.now)
            job.close(now=published_at + (ends - published_at) / 2, save=False)
        elif state == State.ARCHIVED:
            job.archive(save=False)
        return job

    def missions(self, lines, has_management, team_size):
        rng = self.rng
        chosen = rng.sample(lines, k=min(len(lines), rng.randint(3, 5)))
        if has_management:
            chosen.insert(0, synthetic.MANAGEMENT_LINE.format(size=team_size))
        return "\n\n".join(
            [
                rng.choice(synthetic.INTRODUCTIONS).format(size=team_size),
                "Vos principales missions :\n" + bullets(chosen),
                rng.choice(synthetic.CLOSINGS),
            ]
        )

    def profile(self, skills, experience, category):
        rng = self.rng
        return "\n\n".join(
            [
                synthetic.EXPERIENCE_SENTENCES[experience],
                "**Compétences attendues**\n"
                + bullets([*skills, f"niveau d'études : {synthetic.EDUCATION[category].lower()}"]),
                "**Savoir-être**\n" + bullets(rng.sample(synthetic.SOFT_SKILLS, k=3)),
            ]
        )


def bullets(lines):
    """« - first ;\n- last. », as HR staff type a list."""
    return "\n".join(
        f"- {line}{'.' if position == len(lines) - 1 else ' ;'}"
        for position, line in enumerate(lines)
    )
