"""Job offers, as décret n° 2018-1351 (art. 3) and the national portal define them."""

import calendar
import secrets
from urllib.parse import quote, urlsplit

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Func, IntegerField, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.templatetags.french_dates import french_date
from employer.models import Employer
from jobs import departements, pay, rich_text, search
from jobs.choices import (
    RECRUITMENT_STEP,
    RECRUITMENT_STEPS,
    Category,
    ContractType,
    Experience,
    Nature,
    PayPeriod,
    PostStatus,
    RecruitmentStatus,
    State,
    Telework,
    VacancyReason,
    Versant,
)
from jobs.dates import deadline_end, next_midnight

# « Clôture dans 3 jours » shows this many days before the deadline, and less.
COUNTDOWN_DAYS = 7


class DomainManager(models.Manager):
    def get_queryset(self):
        # French order wherever domaines are listed (the offer form's choices, the filters):
        # Meta.ordering by name sorts accented letters after « z ».
        return super().get_queryset().order_by(search.french_order("name"), "name")

    def get_by_natural_key(self, code):
        return self.get(code=code)


class Domain(models.Model):
    """A domaine fonctionnel of the RMFP (« Ressources humaines »), the offers' category."""

    code = models.CharField("code RMFP", max_length=3, unique=True)
    name = models.CharField("libellé", max_length=100)
    slug = models.SlugField("identifiant dans l’adresse", max_length=100, unique=True)

    # Fixtures name a domaine by its RMFP code (["GRH"]): its pk depends on the migration's order.
    objects = DomainManager()

    class Meta:
        verbose_name = "domaine fonctionnel"
        verbose_name_plural = "domaines fonctionnels"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class JobQuerySet(models.QuerySet):
    def visible(self):
        """Pages the public may open: published or closed, once the publication date has come.

        Closed offers keep their page (with a « Candidatures closes » notice); drafts and archived
        offers answer 404.
        """
        return self.filter(
            state__in=[State.PUBLISHED, State.CLOSED], published_at__lte=timezone.now()
        )

    def open(self):
        """Offers that take applications: published, publication date come, deadline not passed.

        The deadline is a day: applications close at 23:59:59 Paris time that day, so an offer
        closes by itself at midnight without any scheduled task.
        """
        return self.filter(
            state=State.PUBLISHED,
            published_at__lte=timezone.now(),
            deadline__gte=timezone.localdate(),
        )

    def latest_with_count(self, size):
        """(how many offers this queryset holds, the `size` latest of them as cards), in one query.

        The count is a scalar subquery beside the latest rows: COUNT(*) is computed once, and a
        page that shows « 12 offres » and three cards reads the database once.
        """
        count = (
            self.order_by()
            .annotate(total=Func(template="COUNT(*)", output_field=IntegerField()))
            .values("total")
        )
        latest = list(self.for_cards().annotate(total_count=Subquery(count))[:size])
        return (latest[0].total_count if latest else 0), latest

    def for_cards(self):
        """What an offer card shows, in one query: only those columns (an offer's long texts and
        its employer's profile made each row of a list some 5 KB to read and decode)."""
        return self.select_related("domain", "employer").only(*CARD_FIELDS)

    def search(self, query):
        return search.filter_by_text(self, query)

    # Paths that skip Job.save() still make what it derives (Job.prepare): an offer's sanitised
    # texts, their HTML and its search text never lag behind what was written.

    def bulk_create(self, objs, *args, **kwargs):
        """Prepares each offer first, as save() does (a text met again is rendered once)."""
        objs = list(objs)
        rendered = {}
        for job in objs:
            job.draw_reference()
            job.prepare(rendered)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        """Remakes, and writes, what is derived from the fields written."""
        if stale := derived_fields(fields):
            objs = list(objs)
            rendered = {}
            for job in objs:
                job.prepare(rendered)
            fields = [*fields, *(stale - set(fields))]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        """As QuerySet.update(); a change to a field others derive from goes on through prepare().

        The rows take the new values in the database (expressions included), then each is read
        back, prepared and written again, in one transaction: no reader ever sees a text that was
        not sanitised, or HTML made from the previous text.
        """
        stale = derived_fields(kwargs)
        if not stale:
            return super().update(**kwargs)
        rows = Job._base_manager.using(self.db)  # Its bulk_update() prepares nothing again.
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            for start in range(0, len(pks), 500):
                jobs = list(rows.filter(pk__in=pks[start : start + 500]).select_related("domain"))
                rendered = {}
                for job in jobs:
                    job.prepare(rendered)
                rows.bulk_update(jobs, sorted(stale))
        return count


# The columns an offer card (list, home page, « offres similaires ») and its link read.
CARD_FIELDS = [
    "reference",
    "slug",
    "title",
    "state",
    "versant",
    "location_label",
    "published_at",
    "deadline",
    "domain__name",
    "domain__slug",
    "employer__name",
    # The pay line (jobs/pay.py).
    "pay_period",
    "salary_min",
    "salary_max",
    "index_min",
    "index_max",
    "bonus_min",
    "bonus_max",
]


class IncompleteOffer(Exception):
    """Publishing refused: the offer lacks items décret 2018-1351 requires (`missing`, field names)."""

    def __init__(self, job, missing):
        self.job = job
        self.missing = missing
        super().__init__(f"{job.reference or job.title}: {', '.join(missing)} missing")


def generate_reference():
    """A reference in the national portal's style: year, dash, seven digits (« 2024-1745203 »)."""
    return f"{timezone.localdate():%Y}-{secrets.randbelow(9_000_000) + 1_000_000}"


class Job(models.Model):
    # Identity
    reference = models.CharField(
        "référence",
        max_length=30,
        unique=True,
        blank=True,
        help_text="Remplie automatiquement à l’enregistrement ; affichée sur l’offre (« Réf. »).",
    )
    title = models.CharField("intitulé du poste", max_length=200)
    slug = models.SlugField(
        "identifiant dans l’adresse",
        max_length=200,
        blank=True,
        help_text="Rempli automatiquement à partir de l’intitulé.",
    )
    state = models.CharField(
        "état", max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )

    # Classification (décret 2018-1351 art. 3, items 1 to 6)
    domain = models.ForeignKey(
        Domain,
        on_delete=models.PROTECT,  # Deleting a domaine must not delete its offers.
        related_name="jobs",
        verbose_name="domaine fonctionnel",
    )
    versant = models.CharField(
        "fonction publique", max_length=3, choices=Versant.choices, default=Versant.FPE
    )
    category = models.CharField("catégorie", max_length=14, choices=Category.choices, blank=True)
    corps_grade = models.CharField(
        "corps ou cadre d’emplois, grade",
        max_length=200,
        blank=True,
        help_text="Ex. « Attaché d’administration de l’État ».",
    )
    nature = models.CharField(
        "nature de l’emploi",
        max_length=21,
        choices=Nature.choices,
        default=Nature.TITULAIRE_CONTRACTUEL,
    )
    contract_type = models.CharField(
        "nature du contrat", max_length=9, choices=ContractType.choices, blank=True
    )
    contract_duration = models.CharField(
        "durée du contrat",
        max_length=100,
        blank=True,
        help_text="Ex. « 3 ans renouvelable ».",
    )
    vacancy_reason = models.CharField(
        "création ou vacance d’emploi",
        max_length=8,
        choices=VacancyReason.choices,
        default=VacancyReason.VACANCE,
    )
    post_status = models.CharField(
        "statut du poste", max_length=18, choices=PostStatus.choices, default=PostStatus.VACANT
    )
    reference_job = models.CharField(
        "métier de référence",
        max_length=200,
        blank=True,
        help_text="Emploi de référence du répertoire des métiers de la fonction publique (RMFP).",
    )
    recruiting_authority = models.CharField(
        "autorité de recrutement",
        max_length=200,
        blank=True,
        help_text="Ex. « Directeur général de l’Ofpra ».",
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="jobs", verbose_name="employeur"
    )
    service = models.CharField("direction / service", max_length=200, blank=True)
    legal_basis = models.CharField(
        "fondement juridique",
        max_length=250,
        blank=True,
        help_text="Ex. « Article L. 332-2 du code général de la fonction publique ».",
    )

    # Location (item 10)
    location_label = models.CharField(
        "localisation", max_length=100, help_text="Tel qu’affiché, ex. « Val-de-Marne (94) »."
    )
    department_code = models.CharField(
        "code du département",
        max_length=3,
        blank=True,
        db_index=True,
        choices=departements.CHOICES,
    )
    region_code = models.CharField("code de la région", max_length=3, blank=True)
    street_address = models.CharField("adresse du lieu de travail", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=10, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)

    # Conditions
    telework = models.CharField(
        "télétravail", max_length=7, choices=Telework.choices, default=Telework.PARTIAL
    )
    telework_days = models.PositiveSmallIntegerField(
        "jours de télétravail par semaine", null=True, blank=True
    )
    has_management = models.BooleanField("management d’une équipe", default=False)
    experience = models.CharField(
        "expérience souhaitée", max_length=8, choices=Experience.choices, blank=True
    )
    full_time = models.BooleanField("temps plein", default=True)
    education_level = models.CharField("niveau d’études", max_length=100, blank=True)
    salary = models.CharField(
        "rémunération",
        max_length=250,
        blank=True,
        help_text="Ex. « Selon expérience et grille indiciaire, à partir de 2 100 € brut ».",
    )
    # Pay as ranges (jobs/pay.py says them and computes the traitement of an indice range).
    pay_period = models.CharField(
        "période de la rémunération",
        max_length=4,
        choices=PayPeriod.choices,
        default=PayPeriod.MONTH,
        help_text="La fourchette en euros ci-dessous est brute, par mois ou par an.",
    )
    salary_min = models.PositiveIntegerField(
        "rémunération brute minimale (€)",
        null=True,
        blank=True,
        help_text="Par mois ou par an selon la période choisie. Ex. 2500.",
    )
    salary_max = models.PositiveIntegerField(
        "rémunération brute maximale (€)", null=True, blank=True
    )
    # The admin form adds the point's value, date and source to these (JobAdminForm).
    index_min = models.PositiveSmallIntegerField(
        "indice majoré minimal",
        null=True,
        blank=True,
        help_text="Pour un poste ouvert aux fonctionnaires : l’indice majoré de la grille.",
    )
    index_max = models.PositiveSmallIntegerField("indice majoré maximal", null=True, blank=True)
    bonus_min = models.PositiveIntegerField(
        "primes minimales (€ brut par mois)",
        null=True,
        blank=True,
        help_text="Régime indemnitaire (IFSE du RIFSEEP, etc.), s’il y a lieu.",
    )
    bonus_max = models.PositiveIntegerField(
        "primes maximales (€ brut par mois)", null=True, blank=True
    )
    time_in_post = models.CharField(
        "durée d’occupation du poste",
        max_length=100,
        blank=True,
        help_text="Durée minimale ou maximale d’occupation, le cas échéant.",
    )
    openings = models.PositiveSmallIntegerField("nombre de postes", default=1)

    # Long texts, typed by HR staff without markup (see jobs/rich_text.py)
    missions = models.TextField("vos missions", blank=True, help_text=rich_text.HELP_TEXT)
    profile = models.TextField("profil recherché", blank=True, help_text=rich_text.HELP_TEXT)
    specific_conditions = models.TextField(
        "conditions particulières d’exercice", blank=True, help_text=rich_text.HELP_TEXT
    )
    additional_info = models.TextField(
        "informations complémentaires", blank=True, help_text=rich_text.HELP_TEXT
    )

    # How to apply (item 12)
    application_url = models.URLField(
        "lien pour postuler", max_length=500, blank=True, help_text="Formulaire en ligne."
    )
    application_email = models.EmailField(
        "adresse électronique de candidature",
        blank=True,
        help_text="Les candidats écrivent à cette adresse ; la référence est mise en objet.",
    )
    application_documents = models.TextField(
        "documents à transmettre", blank=True, help_text=rich_text.HELP_TEXT
    )
    application_contact = models.TextField(
        "personne à contacter", blank=True, help_text="Nom, fonction, téléphone ou courriel."
    )

    # Dates (item 11, art. 4)
    vacancy_date = models.DateField("date de vacance de l’emploi", null=True, blank=True)
    start_date = models.DateField("date de prise de poste", null=True, blank=True)
    published_at = models.DateTimeField(
        "en ligne depuis le",
        default=timezone.now,
        db_index=True,
        help_text="L’offre n’apparaît sur le site qu’à partir de cette date.",
    )
    deadline = models.DateField(
        "date limite de candidature",
        null=True,
        blank=True,
        db_index=True,
        help_text=(
            "Les candidatures sont reçues jusqu’à 23 h 59 (heure de Paris) ce jour-là ; l’offre "
            "se clôt ensuite d’elle-même."
        ),
    )

    closed_at = models.DateTimeField(
        "clôturée le",
        null=True,
        blank=True,
        editable=False,
        help_text="Le moment où l’équipe RH a clôturé l’offre, s’il y a lieu.",
    )

    # The long texts as visitors get them, made by prepare() on save: pages and feeds read these
    # instead of running Markdown on every request.
    missions_html = rich_text.HTMLField()
    profile_html = rich_text.HTMLField()
    specific_conditions_html = rich_text.HTMLField()
    additional_info_html = rich_text.HTMLField()
    application_documents_html = rich_text.HTMLField()

    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "offre d’emploi"
        verbose_name_plural = "offres d’emploi"
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="job_salary_range_ordered",
                violation_error_message="La rémunération minimale ne peut pas dépasser la rémunération maximale.",
            ),
            models.CheckConstraint(
                condition=Q(telework_days__isnull=True) | Q(telework_days__lte=5),
                name="job_telework_days_in_week",
                violation_error_message="Une semaine compte au plus 5 jours de télétravail.",
            ),
        ]
        indexes = [
            # Open offers: the filter of every public list. On PostgreSQL it also covers the
            # columns the filters and facet counts read, so that they never touch the table.
            models.Index(
                fields=["state", "deadline", "published_at"],
                include=[
                    "domain",
                    "category",
                    "versant",
                    "nature",
                    "department_code",
                    "telework",
                    "location_label",
                ],
                name="job_open_idx",
            ),
            # The same, for the two filters visitors use most: with one of them active, each
            # facet count reads that domaine's or catégorie's open offers instead of all of them
            # (at 100,000 offers, « domaine + catégorie A » counted in 7 ms instead of 36).
            models.Index(
                fields=["domain", "deadline"],
                include=[
                    "published_at",
                    "category",
                    "versant",
                    "nature",
                    "department_code",
                    "telework",
                ],
                condition=Q(state=State.PUBLISHED),
                name="job_open_domain_idx",
            ),
            models.Index(
                fields=["category", "deadline"],
                include=[
                    "published_at",
                    "domain",
                    "versant",
                    "nature",
                    "department_code",
                    "telework",
                ],
                condition=Q(state=State.PUBLISHED),
                name="job_open_category_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, log_public_changes=True, **kwargs):
        """`log_public_changes=False`: a later deadline is not announced (the demo's refresh)."""
        self.draw_reference()
        self.prepare()
        if (fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*fields, *derived_fields(fields)}
        extended = log_public_changes and self.deadline_extended()
        super().save(*args, **kwargs)
        if extended:
            PublicChange.objects.create(
                job=self,
                text=f"Date limite prolongée au {french_date(self.deadline)}",
                automatic=True,
            )
        self._stored_deadline = self.deadline

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"reference": self.reference, "slug": self.slug})

    def clean(self):
        # Text that cannot be cleaned to a fixed point is refused here, in French, rather than
        # failing when save() sanitises it.
        errors = {}
        for field in RICH_TEXT_FIELDS:
            try:
                rich_text.validate(getattr(self, field))
            except ValidationError as error:
                errors[field] = error
        errors.update(self.pay_errors())
        if errors:
            raise ValidationError(errors)
        # The publication date is a moment and the deadline a day: compared in Paris time.
        if self.deadline and self.published_at:
            if self.deadline < timezone.localtime(self.published_at).date():
                raise ValidationError(
                    {
                        "deadline": (
                            "La date limite de candidature ne peut pas précéder la date de "
                            "publication."
                        )
                    }
                )

    @classmethod
    def from_db(cls, db, field_names, values):
        job = super().from_db(db, field_names, values)
        # What the deadline was when read: save() tells the public when it moves later.
        job._stored_deadline = job.__dict__.get("deadline")
        return job

    def deadline_extended(self):
        """Whether this save moves the deadline of an offer the public sees to a later day."""
        before = getattr(self, "_stored_deadline", None)
        return bool(
            self.pk
            and before
            and self.deadline
            and self.deadline > before
            and self.state == State.PUBLISHED
            and self.published_at <= timezone.now()
        )

    def pay_errors(self):
        """{field: French message} for a pay range out of order or an indice off the grid."""
        errors = {}
        for low, high, what in [
            ("salary_min", "salary_max", "rémunération"),
            ("index_min", "index_max", "indice"),
            ("bonus_min", "bonus_max", "montant des primes"),
        ]:
            low_value, high_value = getattr(self, low), getattr(self, high)
            if low_value is not None and high_value is not None and high_value < low_value:
                errors[high] = f"Le maximum ({what}) ne peut pas être inférieur au minimum."
        lowest, source = pay.minimum_index()
        for name in ("index_min", "index_max"):
            value = getattr(self, name)
            if value is not None and not lowest <= value <= pay.MAX_INDEX:
                errors.setdefault(
                    name,
                    f"Un indice majoré est compris entre {lowest} (minimum de traitement, "
                    f"{source}) et {pay.MAX_INDEX}.",
                )
        return errors

    def prepare(self, rendered=None):
        """Make what follows from what editors typed: the slug, the long texts sanitised and their
        HTML, the search text, the région, the closing moment.

        The one place these are made: save() calls it, and so do the offers' bulk_create(),
        bulk_update() and update(); a raw load (loaddata) does not, refresh_demo_offers() does
        after one. `rendered`, a dict shared by many offers, renders a text met again once.
        Raises rich_text.UnsafeText for a text that cannot be cleaned (Job.clean() says so in
        French first).
        """
        self.slug = slugify(self.title)[:200] or "offre"
        for field in RICH_TEXT_FIELDS:
            text = rich_text.sanitize(getattr(self, field))
            setattr(self, field, text)
            if rendered is None:
                html = rich_text.render(text)
            elif (html := rendered.get(text)) is None:
                html = rendered[text] = rich_text.render(text)
            setattr(self, f"{field}_html", html)
        self.search_text = build_search_text(self)
        # The région follows from the département (INSEE), so the two never disagree.
        self.region_code = departements.REGION_OF.get(self.department_code, "")
        # closed_at follows the state, whoever changes it (an action, the form, a restored version):
        # an offer put back online forgets its closing; one closed without close() is closed now.
        if self.state != State.CLOSED:
            self.closed_at = None
        elif self.closed_at is None:
            self.closed_at = timezone.now()

    def draw_reference(self):
        while not self.reference:
            # Random references are rarely drawn twice; the unique constraint guards the rest.
            candidate = generate_reference()
            if not Job.objects.filter(reference=candidate).exists():
                self.reference = candidate

    # An offer's life. Each change returns whether it happened; `save=False` leaves the writing to
    # the caller (the admin form saves the editor's other changes with it, generate_offers inserts
    # offers in bulk).

    def publish(self, now=None, *, save=True):
        """Put a draft, closed or archived offer online, if it holds what décret 2018-1351 requires.

        A draft goes online `now`: its publication date is usually the day its writing began,
        which « En ligne depuis » would claim and which would shorten the month art. 4 asks for. A
        later date is kept (the offer is scheduled), and a closed or archived offer keeps the date
        it first went online. Raises IncompleteOffer, changing nothing, when items are missing;
        returns False for an offer already published.
        """
        if not self.can_become(State.PUBLISHED):
            return False
        if missing := self.missing_legal_items():
            raise IncompleteOffer(self, missing)
        now = now or timezone.now()
        if self.state == State.DRAFT and (self.published_at is None or self.published_at < now):
            self.published_at = now
        self.state = State.PUBLISHED
        if save:
            self.save(update_fields=["state", "published_at", "updated_at"])
        return True

    def close(self, now=None, *, save=True):
        """Stop applications now, before the deadline: the page stays and says since when.

        Only a published offer closes (closing a draft would show the public an offer that was
        never published).
        """
        if not self.can_become(State.CLOSED):
            return False
        self.state = State.CLOSED
        self.closed_at = now or timezone.now()
        if save:
            self.save(update_fields=["state", "closed_at", "updated_at"])
        return True

    def archive(self, *, save=True):
        """Take the offer off the site, whatever its state: its page answers 404 to the public; it
        stays in the admin, to be published again or copied."""
        if not self.can_become(State.ARCHIVED):
            return False
        self.state = State.ARCHIVED
        if save:
            self.save(update_fields=["state", "updated_at"])
        return True

    def back_to_draft(self, *, save=True):
        """Take the offer off the site until it is published again (its dates stay as they are)."""
        if not self.can_become(State.DRAFT):
            return False
        self.state = State.DRAFT
        if save:
            self.save(update_fields=["state", "updated_at"])
        return True

    def become(self, state, now=None, *, save=True):
        """Reach `state` through the change that holds its rules (the admin form's state field)."""
        if state == State.PUBLISHED:
            return self.publish(now, save=save)
        if state == State.CLOSED:
            return self.close(now, save=save)
        if state == State.ARCHIVED:
            return self.archive(save=save)
        return self.back_to_draft(save=save)

    def can_become(self, state):
        return state in NEXT_STATES[self.state]

    def copy(self, now=None):
        """A new draft from this offer: the same texts and conditions, « (copie) » after its title.

        Not saved, and this offer is left as it was: the caller saves the copy, which then draws
        its own reference (the admin logs its addition). Its publication date is `now`, and the
        deadline and other dates stay for the editor to check before publishing.
        """
        suffix = " (copie)"
        max_length = Job._meta.get_field("title").max_length
        copy = Job(
            **{
                field.attname: getattr(self, field.attname)
                for field in Job._meta.concrete_fields
                if not field.primary_key
            }
        )
        copy.reference = ""
        copy.title = self.title[: max_length - len(suffix)] + suffix
        copy.state = State.DRAFT
        copy.published_at = now or timezone.now()
        copy.closed_at = None
        return copy

    def publication_too_short(self):
        """Whether the deadline leaves the offer online less than a month (décret 2018-1351, art. 4).

        The decree does not forbid it (an urgent vacancy may need it): the admin warns, not refuses.
        """
        if self.deadline is None or self.published_at is None:
            return False
        published_on = timezone.localtime(self.published_at).date()
        return self.deadline < one_month_after(published_on)

    @property
    def pay(self):
        return pay.describe(self)

    @property
    def days_left(self):
        """Days until the deadline of an open offer in its last COUNTDOWN_DAYS (0: today), else
        None. Pages that show it are cached until midnight at most (next_visibility_change)."""
        if not self.deadline or self.state != State.PUBLISHED:
            return None
        days = (self.deadline - timezone.localdate()).days
        return days if 0 <= days <= COUNTDOWN_DAYS else None

    @property
    def countdown(self):
        """« Clôture aujourd’hui », « Clôture demain », « Clôture dans 3 jours », or ""."""
        days = self.days_left
        if days is None:
            return ""
        if days == 0:
            return "Clôture aujourd’hui"
        if days == 1:
            return "Clôture demain"
        return f"Clôture dans {days} jours"

    def recruitment_progress(self):
        """The public status of a closed recruitment for the stepper, or None while it is open.

        {step, steps, status (label), next (label or ""), history: [(label, date, new_offer)]};
        applications closed is the first step, dated by the closing day when HR did not date it.
        Reads `recruitment_updates` (prefetched by the offer's page).
        """
        if self.closed_on is None:
            return None
        updates = sorted(self.recruitment_updates.all(), key=lambda u: (u.date, u.step, u.pk))
        history = []
        if not updates or updates[0].status != RecruitmentStatus.CLOSED:
            history.append((RecruitmentStatus.CLOSED.label, self.closed_on, None))
        history += [(u.get_status_display(), u.date, u.new_offer) for u in updates]
        current = updates[-1].status if updates else RecruitmentStatus.CLOSED
        step = RECRUITMENT_STEP[current]
        following = {
            RecruitmentStatus.CLOSED: RecruitmentStatus.REVIEW,
            RecruitmentStatus.REVIEW: RecruitmentStatus.INTERVIEWS,
            RecruitmentStatus.INTERVIEWS: RecruitmentStatus.FILLED,
        }
        return {
            "step": step,
            "steps": RECRUITMENT_STEPS,
            "status": RecruitmentStatus(current).label,
            "next": following[current].label if current in following else "",
            "history": history,
            "new_offer": updates[-1].new_offer if updates else None,
        }

    @property
    def closed_on(self):
        """The day applications stopped: the closing day, or the deadline once passed."""
        if self.state == State.CLOSED and self.closed_at:
            return timezone.localtime(self.closed_at).date()
        if self.deadline and self.deadline < timezone.localdate():
            return self.deadline
        return None

    @property
    def closed_early(self):
        """Closed by HR before its deadline ran its course."""
        return bool(
            self.state == State.CLOSED
            and self.closed_at
            and self.deadline
            and self.closed_at < self.closes_at
        )

    @property
    def is_preview(self):
        """What staff see of an offer the public cannot see yet (draft, archived or scheduled)."""
        return self.state in (State.DRAFT, State.ARCHIVED) or self.is_scheduled

    @property
    def is_scheduled(self):
        """Published, but not online before its publication date."""
        return self.state == State.PUBLISHED and self.published_at > timezone.now()

    @property
    def is_indexable(self):
        """Whether search engines may index the page: a published or closed offer; a draft's or
        an archived offer's page is a staff preview."""
        return self.state in (State.PUBLISHED, State.CLOSED)

    @property
    def is_closed(self):
        """Closed by HR (an offer past its deadline is still published: see `closed_on`)."""
        return self.state == State.CLOSED

    @property
    def is_archived(self):
        return self.state == State.ARCHIVED

    @property
    def has_partial_telework(self):
        """Telework some days a week (the page then says how many)."""
        return self.telework == Telework.PARTIAL

    @property
    def will_take_applications(self):
        """Whether the page offers « Postuler »: open now, or a draft or scheduled offer whose
        deadline is still ahead, as its staff preview shows what the public will see."""
        if self.is_open:
            return True
        return (
            self.state in (State.DRAFT, State.PUBLISHED)
            and self.is_preview
            and (self.deadline is None or self.deadline >= timezone.localdate())
        )

    @property
    def closes_at(self):
        """The last moment applications are accepted: 23:59:59 Paris time on the deadline."""
        if self.deadline is None:
            return None
        return deadline_end(self.deadline)

    @property
    def is_open(self):
        return (
            self.state == State.PUBLISHED
            and self.published_at <= timezone.now()
            and (self.deadline is not None and self.deadline >= timezone.localdate())
        )

    @property
    def online_since(self):
        """The publication date the page gives: a draft previewed today goes online at the
        earliest now (see publish()), not on the day its draft was started."""
        if self.state == State.DRAFT:
            return max(self.published_at, timezone.now())
        return self.published_at

    @property
    def region_name(self):
        return departements.REGIONS.get(self.region_code, "")

    @property
    def application_site(self):
        """The site the application link leads to, as a visitor reads it (« candidature.fr »)."""
        host = urlsplit(self.application_url).hostname or ""
        return host.removeprefix("www.")

    @property
    def application_mailto(self):
        if not self.application_email:
            return ""
        subject = quote(f"Candidature – Réf. {self.reference} – {self.title}")
        return f"mailto:{self.application_email}?subject={subject}"

    def missing_legal_items(self):
        """The names of the fields décret 2018-1351 requires that this offer leaves empty.

        Of a pair in LEGAL_ALTERNATIVES, one field is enough; the first names the pair when both
        are empty. `legal_item_label` gives what editors read.
        """
        missing = [name for name in LEGAL_FIELDS if getattr(self, name) in ("", None)]
        missing += [
            name
            for name, other in LEGAL_ALTERNATIVES.items()
            if getattr(self, name) in ("", None) and getattr(self, other) in ("", None)
        ]
        return missing

    @classmethod
    def legal_item_label(cls, name):
        """A missing item as editors call it: its field's label, or both ways for a pair."""
        if name in LEGAL_PAIR_LABELS:
            return str(LEGAL_PAIR_LABELS[name])
        return str(cls._meta.get_field(name).verbose_name)


# What décret 2018-1351 (art. 3) requires before an offer is published...
LEGAL_FIELDS = [
    "title",
    "versant",
    "vacancy_reason",
    "category",
    "recruiting_authority",
    "reference_job",
    "missions",
    "profile",
    "location_label",
    "deadline",
]
# ... and, of each pair, one field: a way to apply; the date of the vacancy or of taking up the post.
LEGAL_ALTERNATIVES = {"application_url": "application_email", "vacancy_date": "start_date"}
LEGAL_PAIR_LABELS = {"application_url": "lien ou adresse électronique de candidature"}

# The states an offer may go to from each one. Only a published offer closes: closing a draft or
# an archived offer would show the public a page that was never, or is no longer, on the site
# (the admin form's message for a refused change says so).
NEXT_STATES = {
    State.DRAFT: {State.PUBLISHED, State.ARCHIVED},
    State.PUBLISHED: {State.DRAFT, State.CLOSED, State.ARCHIVED},
    State.CLOSED: {State.DRAFT, State.PUBLISHED, State.ARCHIVED},
    State.ARCHIVED: {State.DRAFT, State.PUBLISHED},
}


def one_month_after(day):
    """The same day next month, or that month's last day (31 January -> 28 or 29 February)."""
    year, month = divmod(day.month, 12)
    year, month = day.year + year, month + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_visibility_change(now):
    """The next moment an offer appears, or leaves the open offers, with no one saving anything.

    A scheduled offer appears at its `published_at`; offers stop taking applications at midnight
    Paris time after their deadline. Cached pages must not outlive that moment (page_cache.py).
    """
    scheduled = (
        Job.objects.filter(state__in=[State.PUBLISHED, State.CLOSED], published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    midnight = next_midnight(now)
    return min(scheduled, midnight) if scheduled else midnight


RICH_TEXT_FIELDS = [
    "missions",
    "profile",
    "specific_conditions",
    "additional_info",
    "application_documents",
]


SEARCHED_FIELDS = ["title", "domain", "missions", "profile", "location_label", "city", "reference"]
# What prepare() makes (key) from which fields (value): writing one of these remakes it.
DERIVED_FROM = {
    "slug": {"title"},
    **{field: {field} for field in RICH_TEXT_FIELDS},  # Sanitised in place.
    **{f"{field}_html": {field} for field in RICH_TEXT_FIELDS},
    "search_text": {*SEARCHED_FIELDS, "domain_id"},
    "region_code": {"department_code"},
    "closed_at": {"state"},
}


def derived_fields(written):
    """The fields prepare() remakes when `written` (field names) change."""
    written = set(written)
    return {derived for derived, sources in DERIVED_FROM.items() if sources & written}


def build_search_text(job):
    """What a text search looks in: title, domaine, missions, profile and location."""
    domain_name = job.domain.name if job.domain_id else ""
    return search.normalize(
        " ".join(
            [
                job.title,
                domain_name,
                job.missions,
                job.profile,
                job.location_label,
                job.city,
                job.reference or "",
            ]
        )
    )


class ProcessStep(models.Model):
    """One step of what follows an application (« Entretien avec un jury »), shown on the offer's
    page under « Après votre candidature », in HR's order."""

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="process_steps", verbose_name="offre"
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField(
        "étape",
        max_length=200,
        help_text="Ex. « Présélection sur dossier », « Entretien avec un jury », « Réponse attendue ».",
    )
    date = models.DateField(
        "date prévue",
        null=True,
        blank=True,
        help_text="Facultative : la page écrit « le 15 janvier 2027 » après l’étape.",
    )

    class Meta:
        verbose_name = "étape après la candidature"
        verbose_name_plural = "après votre candidature : les étapes"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class RecruitmentUpdate(models.Model):
    """A dated step of a closed offer's public status (« Entretiens en cours » on 2 December).

    The steps follow RECRUITMENT_STEP's order (check_recruitment_order, on the admin's save).
    """

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="recruitment_updates", verbose_name="offre"
    )
    status = models.CharField("statut", max_length=10, choices=RecruitmentStatus.choices)
    date = models.DateField("depuis le", default=timezone.localdate)
    new_offer = models.ForeignKey(
        Job,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="republished_from",
        verbose_name="nouvelle offre",
        help_text="Pour « Offre republiée » : l’offre publiée à la place de celle-ci.",
    )

    class Meta:
        verbose_name = "statut du recrutement"
        verbose_name_plural = "statut public du recrutement (après la clôture)"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_status_display()} ({french_date(self.date)})"

    @property
    def step(self):
        return RECRUITMENT_STEP[self.status]


def check_recruitment_order(job, updates):
    """French messages for a recruitment's public status that does not follow the order.

    `updates`: (status, date, new_offer) in the order HR entered them. Each comes after the one
    before, in the order and in time; nothing follows « Poste pourvu » or « Offre republiée »; a
    republished offer names the new one; and no status before applications have closed.
    """
    errors = []
    if updates and job.closed_on is None and job.state != State.CLOSED:
        errors.append(
            "Le statut du recrutement se renseigne une fois les candidatures closes (offre "
            "clôturée ou date limite passée)."
        )
    previous = None
    for status, date, new_offer in updates:
        label = RecruitmentStatus(status).label
        if status == RecruitmentStatus.REPUBLISHED and new_offer is None:
            errors.append("« Offre republiée » : choisissez la nouvelle offre.")
        if new_offer is not None and job.pk and new_offer.pk == job.pk:
            errors.append("La nouvelle offre ne peut pas être l’offre elle-même.")
        if previous is not None:
            before_status, before_date = previous
            before_label = RecruitmentStatus(before_status).label
            if RECRUITMENT_STEP[before_status] == RECRUITMENT_STEPS:
                errors.append(f"Rien ne suit « {before_label} » : « {label} » vient après.")
            elif RECRUITMENT_STEP[status] <= RECRUITMENT_STEP[before_status]:
                errors.append(
                    f"« {label} » ne peut pas suivre « {before_label} » : les statuts se suivent "
                    "dans l’ordre (candidatures closes, examen, entretiens, poste pourvu ou offre "
                    "republiée)."
                )
            if date and before_date and date < before_date:
                errors.append(
                    f"« {label} » ({french_date(date)}) ne peut pas être daté avant « "
                    f"{before_label} » ({french_date(before_date)})."
                )
        previous = (status, date)
    if updates and job.closed_on and updates[0][1] and updates[0][1] < job.closed_on:
        errors.append(
            f"Le premier statut ne peut pas précéder la clôture des candidatures "
            f"({french_date(job.closed_on)})."
        )
    return errors


class PublicChange(models.Model):
    """A change to an open offer the public is told of, with its date: « Date limite prolongée
    au 15 janvier 2027 » (written by Job.save() when the deadline moves later) or HR's own line."""

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="public_changes", verbose_name="offre"
    )
    date = models.DateField("date", default=timezone.localdate)
    text = models.CharField(
        "modification",
        max_length=250,
        help_text="Ex. « Date limite prolongée au 15 janvier 2027 », « Poste ouvert au télétravail ».",
    )
    automatic = models.BooleanField(
        "ajoutée par le site",
        default=False,
        editable=False,
        help_text="Écrite à l’enregistrement quand la date limite est repoussée.",
    )

    class Meta:
        verbose_name = "modification publique"
        verbose_name_plural = "modifications publiques de l’offre"
        ordering = ["date", "pk"]

    def __str__(self):
        return self.text
