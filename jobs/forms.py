"""The form HR staff fill in the admin to write and publish an offer."""

import calendar
import copy

from django import forms
from django.forms.models import construct_instance
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.templatetags.french_dates import french_date
from jobs import departements, rich_text
from jobs.choices import State
from jobs.models import RICH_TEXT_FIELDS, Job


def one_month_after(day):
    """The same day next month, or that month's last day (31 January -> 28 or 29 February)."""
    year, month = divmod(day.month, 12)
    year, month = day.year + year, month + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def publication_too_short(job):
    """Whether the deadline leaves the offer online less than one month (décret 2018-1351, art. 4).

    The decree does not forbid it (an urgent vacancy may need it), so the admin warns, not refuses.
    """
    if job.deadline is None or job.published_at is None:
        return False
    published_on = timezone.localtime(job.published_at).date()
    return job.deadline < one_month_after(published_on)


def short_publication_warning(job):
    """The warning an editor reads when `publication_too_short(job)`, or an empty string."""
    if not publication_too_short(job):
        return ""
    published_on = timezone.localtime(job.published_at).date()
    return _(
        "« %(title)s » (Réf. %(reference)s) : la date limite de candidature (%(deadline)s) tombe "
        "moins d’un mois après la mise en ligne (%(published)s). Le décret n° 2018-1351 (art. 4) "
        "demande qu’une offre reste publiée au moins un mois ; repoussez la date limite si "
        "possible."
    ) % {
        "title": job.title,
        "reference": job.reference,
        "deadline": french_date(job.deadline),
        "published": french_date(published_on),
    }


def go_online(job, now=None):
    """Set the publication date of a draft being published.

    A draft's publication date is usually the day it was created; published later, it would read
    « En ligne depuis » a day it was not online, and shorten the month art. 4 asks for. A date in
    the future is kept: the editor scheduled the offer.
    """
    now = now or timezone.now()
    if job.published_at is None or job.published_at < now:
        job.published_at = now


class JobAdminForm(forms.ModelForm):
    """Checks the legal minimum before an offer is published.

    The admin builds the fields from JobAdmin.fieldsets; the model's clean() refuses a deadline
    before the publication date (shown on the deadline field).
    """

    # A département from the INSEE table rather than a typed code; the région follows from it
    # (Job.save()), and the label shown to visitors defaults to « Val-de-Marne (94) ».
    department_code = forms.ChoiceField(
        label=_("Département"),
        choices=[("", _("Choisir un département"))] + departements.CHOICES,
        required=False,
        help_text=_("La région s’en déduit ; les filtres de la liste des offres s’en servent."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "location_label" in self.fields:
            self.fields["location_label"].required = False
            self.fields["location_label"].help_text = _(
                "Tel qu’affiché, ex. « Val-de-Marne (94) » ; laissé vide, le nom et le numéro du "
                "département."
            )
        if "employer" in self.fields and not self.instance.pk:
            # One agency, one profile: nothing to choose.
            employers = list(self.fields["employer"].queryset[:2])
            if len(employers) == 1:
                self.fields["employer"].initial = employers[0].pk

    def clean_location_label(self):
        label = self.cleaned_data.get("location_label", "").strip()
        code = self.data.get(self.add_prefix("department_code"), "")
        if not label and code in departements.NAMES:
            label = f"{departements.NAMES[code]} ({code})"
        if not label:
            raise forms.ValidationError(
                _("Indiquez la localisation, ou choisissez un département.")
            )
        return label

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("state") == State.PUBLISHED:
            self._check_legal_minimum()
        return cleaned_data

    def _check_legal_minimum(self):
        # The instance is only filled in after clean(): check a copy holding what was typed,
        # sanitised as it will be stored (a missions text made only of a <script> is empty).
        candidate = construct_instance(self, copy.copy(self.instance))
        for name in RICH_TEXT_FIELDS:
            try:
                setattr(candidate, name, rich_text.sanitize(getattr(candidate, name)))
            except rich_text.UnsafeText:
                pass  # Refused with its own message by Job.clean().
        missing = candidate.missing_legal_items()
        if not missing:
            return
        field_by_label = {str(field.verbose_name): field.name for field in Job._meta.fields}
        for label in missing:
            name = field_by_label.get(label)
            if name in self.fields and name not in self.errors:
                self.add_error(name, _("Obligatoire pour publier l’offre."))
        self.add_error(
            None,
            _(
                "L’offre ne peut pas être publiée : il manque %(items)s (mentions obligatoires du "
                "décret n° 2018-1351). Complétez ces champs ou enregistrez l’offre comme brouillon."
            )
            % {"items": ", ".join(missing)},
        )

    @property
    def is_going_online(self):
        """A draft (or a new offer) published by this save, its publication date left as it was."""
        was = self.initial.get("state") if self.instance.pk else State.DRAFT
        return (
            self.cleaned_data.get("state") == State.PUBLISHED
            and was == State.DRAFT
            and "published_at" not in self.changed_data
        )
