"""The HR staff's home for offers: write, check against the legal minimum, publish, close."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from core.admin_safety import SafeSaveMixin
from core.templatetags.french_dates import french_date
from jobs import search
from jobs.choices import State
from jobs.forms import JobAdminForm, RecruitmentUpdateFormSet
from jobs.models import (
    Domain,
    IncompleteOffer,
    Job,
    ProcessStep,
    PublicChange,
    RecruitmentUpdate,
)


class ProcessStepInline(admin.TabularInline):
    """« Après votre candidature » on the offer's page, in this order."""

    model = ProcessStep
    extra = 0
    fields = ["position", "label", "date"]


class RecruitmentUpdateInline(admin.TabularInline):
    """Where a closed recruitment stands, for applicants (the page's stepper)."""

    model = RecruitmentUpdate
    formset = RecruitmentUpdateFormSet
    fk_name = "job"
    extra = 0
    fields = ["status", "date", "new_offer"]
    raw_id_fields = ["new_offer"]


class PublicChangeInline(admin.TabularInline):
    """Changes the public is told of. A later deadline on a published offer writes its own line."""

    model = PublicChange
    extra = 0
    fields = ["date", "text", "automatic"]
    readonly_fields = ["automatic"]


class ApplicationsFilter(admin.SimpleListFilter):
    """Whether an offer takes applications now, whatever its state says.

    A published offer closes by itself when its deadline passes, so « Publiée » alone does not
    tell HR which offers are still open.
    """

    title = "candidatures"
    parameter_name = "candidatures"

    def lookups(self, request, model_admin):
        return [
            ("ouvertes", "Ouvertes"),
            ("programmees", "Programmées (pas encore en ligne)"),
            ("closes", "Closes"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "ouvertes":
            return queryset.open()
        if self.value() == "programmees":
            return queryset.filter(state=State.PUBLISHED, published_at__gt=timezone.now())
        if self.value() == "closes":
            return queryset.filter(
                Q(state=State.CLOSED) | Q(state=State.PUBLISHED, deadline__lt=timezone.localdate())
            )
        return queryset


@admin.register(Job)
class JobAdmin(SafeSaveMixin, VersionAdmin):
    """VersionAdmin keeps every save of an offer (who, when, what changed): its « Historique »
    page lists them and restores any of them. The changelist runs inside a revision too, so the
    actions are kept as well."""

    form = JobAdminForm
    # What HR scan for, narrow enough to fit a 1280 px screen beside both sidebars: the domaine is
    # a filter, not a column; dates are short; references never wrap (static/css/admin_jobs.css).
    list_display = [
        "reference",
        "title",
        "state",
        "published_on",
        "deadline_day",
        "is_open",
        "public_link",
    ]
    list_display_links = ["reference", "title"]
    list_filter = [
        "state",
        ApplicationsFilter,
        ("domain", admin.RelatedOnlyFieldListFilter),  # Only the domaines HR actually use.
        "versant",
        "category",
    ]
    list_select_related = ["domain"]
    search_fields = ["reference", "title", "service", "location_label", "city"]
    date_hierarchy = "published_at"
    save_on_top = True
    readonly_fields = ["reference", "slug", "region_name"]
    change_list_template = "admin/jobs/job/change_list.html"
    # An address typed without a scheme (« candidature.example.fr ») is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # In the order of the offer page (see OFFERS.md), so an editor checks one against the other.
    fieldsets = [
        (
            "Identification",
            {
                "fields": [
                    "title",
                    ("reference", "slug"),
                    "state",
                    "employer",
                    "service",
                    "recruiting_authority",
                ]
            },
        ),
        (
            "Classement",
            {
                "fields": [
                    "versant",
                    "domain",
                    "category",
                    "corps_grade",
                    "reference_job",
                    "nature",
                    "vacancy_reason",
                    "post_status",
                    "legal_basis",
                ]
            },
        ),
        (
            "Localisation",
            {
                "fields": [
                    ("department_code", "region_name"),
                    "location_label",
                    "street_address",
                    ("postal_code", "city"),
                ]
            },
        ),
        (
            "Conditions",
            {
                "fields": [
                    ("contract_type", "contract_duration"),
                    "experience",
                    "education_level",
                    "has_management",
                    "full_time",
                    ("telework", "telework_days"),
                    "time_in_post",
                    "openings",
                ]
            },
        ),
        (
            "Rémunération",
            {
                "description": (
                    "Tout est facultatif. La page affiche la fourchette en euros ; pour un poste "
                    "ouvert aux fonctionnaires, elle estime aussi le traitement indiciaire brut "
                    "mensuel à partir des indices majorés, primes et indemnités non comprises."
                ),
                "fields": [
                    "salary",
                    "pay_period",
                    ("salary_min", "salary_max"),
                    ("index_min", "index_max"),
                    ("bonus_min", "bonus_max"),
                ],
            },
        ),
        (
            "Textes de l’offre",
            {"fields": ["missions", "profile", "specific_conditions", "additional_info"]},
        ),
        (
            "Candidature",
            {
                "fields": [
                    "application_url",
                    "application_email",
                    "application_documents",
                    "application_contact",
                ]
            },
        ),
        (
            "Dates",
            {"fields": ["vacancy_date", "start_date", "published_at", "deadline"]},
        ),
    ]
    actions = ["publish", "close", "archive", "duplicate"]
    inlines = [ProcessStepInline, PublicChangeInline, RecruitmentUpdateInline]

    class Media:
        css = {"all": ["css/admin_jobs.css"]}

    @admin.display(description="en ligne depuis le", ordering="published_at")
    def published_on(self, job):
        return date_format(timezone.localtime(job.published_at), "SHORT_DATE_FORMAT")

    @admin.display(description="date limite", ordering="deadline")
    def deadline_day(self, job):
        return date_format(job.deadline, "SHORT_DATE_FORMAT") if job.deadline else "–"

    @admin.display(description="candidatures ouvertes", boolean=True)
    def is_open(self, job):
        return job.is_open

    @admin.display(description="région")
    def region_name(self, job):
        return job.region_name or "déduite du département à l’enregistrement"

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            # Django's « Supprimer les offres d'emploi sélectionnés » gets the gender wrong.
            function, name, _description = actions["delete_selected"]
            actions["delete_selected"] = (
                function,
                name,
                "Supprimer les offres sélectionnées",
            )
        return actions

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "employer" and hasattr(formfield, "widget"):
            # The agency has one profile: HR neither add a second one nor delete it from here.
            formfield.widget.can_add_related = False
            formfield.widget.can_delete_related = False
        return formfield

    # Django's own titles read « Ajout de offre d'emploi », « Sélectionnez l’objet offre
    # d'emploi à changer »: French that names the offer properly instead.
    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"title": "Nouvelle offre d’emploi", **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {"title": "Modifier l’offre d’emploi", **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Offres d’emploi", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        request._saved_job = (obj, "ajoutée")
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        request._saved_job = (obj, "enregistrée")
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """After a save, one French message that links to the offer's public page."""
        saved = getattr(request, "_saved_job", None)
        if saved and level == messages.SUCCESS:
            job, done = saved
            message = format_html(
                "L’offre « {} » (Réf. {}) a été {}. {}",
                job.title,
                job.reference,
                done,
                public_page_link(job),
            )
        return super().message_user(request, message, level, *args, **kwargs)

    @admin.display(description="page publique")
    def public_link(self, job):
        # Staff see drafts and archived offers there too: the detail view lets jobs.view_job in.
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" title="{}">{}</a>',
            job.get_absolute_url(),
            f"Voir l’offre « {job.title} » (nouvelle fenêtre)",
            "Voir",
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.state in (State.DRAFT, State.PUBLISHED) and obj.publication_too_short():
            messages.warning(request, short_publication_warning(obj))

    @admin.action(description="Publier les offres sélectionnées", permissions=["change"])
    def publish(self, request, queryset):
        """Publish what the legal minimum allows; name each refused offer and what it lacks."""
        published = []
        now = timezone.now()
        for job in queryset.select_related("domain"):
            try:
                if not job.publish(now):
                    continue
            except IncompleteOffer as refused:
                items = ", ".join(Job.legal_item_label(name) for name in refused.missing)
                self.message_user(
                    request,
                    (
                        f"« {job.title} » (Réf. {job.reference}) n’a pas été publiée : il manque "
                        f"{items}."
                    ),
                    messages.ERROR,
                )
                continue
            self.log_change(request, job, "Publiée depuis la liste des offres.")
            published.append(job)
        if published:
            self.message_user(
                request,
                format_html(
                    "{} {} {}",
                    ngettext(
                        "%(count)d offre publiée.", "%(count)d offres publiées.", len(published)
                    )
                    % {"count": len(published)},
                    ngettext("Sa page publique :", "Leurs pages publiques :", len(published)),
                    format_html_join(
                        ", ",
                        "{}",
                        ((public_page_link(job, f"« {job.title} »"),) for job in published),
                    ),
                ),
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "Aucune offre n’a été publiée.", messages.WARNING)
        for job in published:
            if job.publication_too_short():
                self.message_user(request, short_publication_warning(job), messages.WARNING)

    @admin.action(description="Clôturer les offres sélectionnées", permissions=["change"])
    def close(self, request, queryset):
        """Stop applications before the deadline; the page stays, with « Candidatures closes »."""
        closed = skipped = 0
        now = timezone.now()
        for job in queryset.select_related("domain"):
            if job.close(now):
                self.log_change(request, job, "Clôturée")
                closed += 1
            else:
                skipped += 1  # Only a published offer closes.
        self._report_count(
            request,
            closed,
            ngettext("%(count)d offre clôturée.", "%(count)d offres clôturées.", closed),
            "Aucune offre n’a été clôturée.",
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d offre n’était pas publiée et n’a pas été clôturée.",
                    "%(count)d offres n’étaient pas publiées et n’ont pas été clôturées.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description="Archiver les offres sélectionnées", permissions=["change"])
    def archive(self, request, queryset):
        """Take offers off the site entirely (their page answers 404); they stay in the admin."""
        archived = 0
        for job in queryset.select_related("domain"):
            if job.archive():
                self.log_change(request, job, "Archivée")
                archived += 1
        self._report_count(
            request,
            archived,
            ngettext("%(count)d offre archivée.", "%(count)d offres archivées.", archived),
            "Aucune offre n’a été archivée.",
        )

    @admin.action(description="Dupliquer les offres sélectionnées", permissions=["add"])
    def duplicate(self, request, queryset):
        """Start a new offer from an old one: a draft with a new reference and the same texts."""
        copies = []
        for job in queryset.select_related("domain"):
            copy = job.copy()
            copy.save()
            self.log_addition(request, copy, "Copie d’une offre existante.")
            copies.append(copy)
        if len(copies) == 1:
            self.message_user(
                request,
                "Copie créée comme brouillon : vérifiez les dates avant de la publier.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse(
                    "admin:jobs_job_change", args=[copies[0].pk], current_app=self.admin_site.name
                )
            )
        self.message_user(
            request,
            ngettext(
                "%(count)d copie créée comme brouillon.",
                "%(count)d copies créées comme brouillons.",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )
        return None

    def _report_count(self, request, count, message, none_message):
        # French says « aucune offre », not « 0 offres ».
        if count:
            self.message_user(request, message % {"count": count}, messages.SUCCESS)
        else:
            self.message_user(request, none_message, messages.WARNING)


def short_publication_warning(job):
    """What an editor reads when `job.publication_too_short()`."""
    published_on = timezone.localtime(job.published_at).date()
    return (
        f"« {job.title} » (Réf. {job.reference}) : la date limite de candidature ({french_date(job.deadline)}) tombe "
        f"moins d’un mois après la mise en ligne ({french_date(published_on)}). Le décret n° 2018-1351 (art. 4) "
        "demande qu’une offre reste publiée au moins un mois ; repoussez la date limite si "
        "possible."
    )


def public_page_link(job, text=None):
    """A link to an offer's public page (staff see a draft's preview there), in a new tab."""
    if text is None:
        text = "Voir l’aperçu de l’offre" if job.is_preview else "Voir la page publique"
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>', job.get_absolute_url(), text
    )


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    """The RMFP's domaines fonctionnels, loaded by a migration: HR may look, not change."""

    list_display = ["name", "code", "job_count"]
    search_fields = ["name", "code"]
    # The changelist orders by Meta.ordering otherwise, which sorts « É » after « z ».
    ordering = [search.french_order("name"), "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(job_count=Count("jobs"))

    @admin.display(description="nombre d’offres", ordering="job_count")
    def job_count(self, domain):
        return domain.job_count
