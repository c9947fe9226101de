"""The form HR staff fill in the admin to write and publish an offer."""

import copy
import datetime

from django import forms
from django.forms.models import construct_instance
from django.utils.text import capfirst

from jobs import departements, pay, rich_text
from jobs.choices import State
from jobs.models import LEGAL_ALTERNATIVES, Job, check_recruitment_order


class JobAdminForm(forms.ModelForm):
    """Checks the legal minimum before an offer is published, and changes its state through the
    offer's own methods (Job.publish(), close()...), which hold the rules of each change.

    The admin builds the fields from JobAdmin.fieldsets; the model's clean() refuses a deadline
    before the publication date (shown on the deadline field).
    """

    # A département from the INSEE table rather than a typed code; the région follows from it
    # (Job.save()), and the label shown to visitors defaults to « Val-de-Marne (94) ».
    department_code = forms.ChoiceField(
        label="Département",
        choices=[("", "Choisir un département")] + departements.CHOICES,
        required=False,
        help_text="La région s’en déduit ; les filtres de la liste des offres s’en servent.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new offer starts as a draft (the model's default), whatever state this save gives it.
        self.state_before = self.instance.state
        if "location_label" in self.fields:
            self.fields["location_label"].required = False
            self.fields["location_label"].help_text = (
                "Tel qu’affiché, ex. « Val-de-Marne (94) » ; laissé vide, le nom et le numéro du "
                "département."
            )
        # The point's value, its date and its decree, as in force today (jobs/pay.py).
        for name in ("index_min", "index_max"):
            if name in self.fields:
                self.fields[name].help_text = pay.point_help_text()
        if "employer" in self.fields and not self.instance.pk:
            # One agency, one profile: nothing to choose.
            employers = list(self.fields["employer"].queryset[:2])
            if len(employers) == 1:
                self.fields["employer"].initial = employers[0].pk

    def clean_location_label(self):
        label = self.cleaned_data.get("location_label", "").strip()
        code = self.data.get(self.add_prefix("department_code"), "")
        if not label and code in departements.NAMES:
            label = departements.label(code)
        if not label:
            raise forms.ValidationError("Indiquez la localisation, ou choisissez un département.")
        return label

    def clean(self):
        cleaned_data = super().clean()
        state = cleaned_data.get("state")
        if state and state != self.state_before and not self.instance.can_become(state):
            self.add_error("state", "Seule une offre publiée peut être clôturée.")
        if state == State.PUBLISHED:
            self._check_legal_minimum()
        return cleaned_data

    def _check_legal_minimum(self):
        # The instance is only filled in after clean(): check a copy holding what was typed,
        # prepared as it will be stored (a missions text made only of a <script> is empty).
        candidate = construct_instance(self, copy.copy(self.instance))
        try:
            candidate.prepare()
        except rich_text.UnsafeText:
            pass  # Refused with its own message by Job.clean().
        missing = candidate.missing_legal_items()
        if not missing:
            return
        for name in missing:
            if name in self.fields and name not in self.errors:
                self.add_error(name, self._required_message(name))
        self.add_error(
            None,
            (
                "L’offre ne peut pas être publiée : il manque {items} (mentions obligatoires du "
                "décret n° 2018-1351). Complétez ces champs ou enregistrez l’offre comme brouillon."
            ).format(items=", ".join(Job.legal_item_label(name) for name in missing)),
        )

    def _required_message(self, name):
        if other := LEGAL_ALTERNATIVES.get(name):
            return f"Obligatoire pour publier l’offre, à moins de remplir « {capfirst(Job._meta.get_field(other).verbose_name)} »."
        return "Obligatoire pour publier l’offre."

    def save(self, commit=True):
        """The state the editor chose is reached through the offer's method for that change.

        Publishing a draft thus puts it online now; a publication date the editor typed in the
        same save wins over that rule.
        """
        job = self.instance
        chosen = job.state
        if chosen != self.state_before:
            job.state = self.state_before
            job.become(chosen, save=False)
            if "published_at" in self.changed_data:
                job.published_at = self.cleaned_data["published_at"]
        return super().save(commit)


class RecruitmentUpdateFormSet(forms.BaseInlineFormSet):
    """The public status of a closed recruitment: its steps follow the order (candidatures closes,
    examen, entretiens, poste pourvu or offre republiée), each dated after the one before."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("status"):
                continue
            rows.append((data["status"], data.get("date"), data.get("new_offer")))
        # In time order (as the page shows them); the same day keeps HR's order.
        rows.sort(key=lambda row: row[1] or datetime.date.max)
        if errors := check_recruitment_order(self.instance, rows):
            raise forms.ValidationError(errors)
