"""What the admin's forms post, as an editor's browser would send them: shared by the admin,
history, safe-save, cache and XSS tests."""

import datetime

from django import forms
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from tests.factories import JobEmployerFactory, JobFactory

OFFERS_CHANGELIST = "admin:jobs_job_changelist"
# The offer form's inlines (JobAdmin.inlines), by their formsets' prefixes: posted empty.
OFFER_INLINES = ["process_steps", "public_changes", "recruitment_updates"]


def form_data(job, **changes):
    """What the admin form posts for `job`, as an editor's browser would send it.

    The form also carries the publication date it was displayed with (a hidden « initial- »
    input), which tells whether the editor changed it.
    """
    values = model_to_dict(job, exclude=["id", "reference", "slug"])
    values.update(changes)
    data = split_datetime("initial-published_at", job.published_at)
    for prefix in OFFER_INLINES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    for name, value in values.items():
        if name == "published_at":
            data.update(split_datetime(name, value))
        elif value is True:
            data[name] = "on"
        elif value is False:
            continue  # An unchecked box sends nothing.
        elif value is None:
            data[name] = ""
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = value
    return data


def split_datetime(name, value):
    local = timezone.localtime(value)
    return {
        f"{name}_0": local.date().isoformat(),
        f"{name}_1": local.time().replace(microsecond=0).isoformat(),
    }


def new_offer_data(**changes):
    job = JobFactory.build(employer=JobEmployerFactory(), published_at=timezone.now())
    return form_data(job, **changes)


def run_action(client, action, jobs):
    return client.post(
        reverse(OFFERS_CHANGELIST),
        {"action": action, "_selected_action": [job.pk for job in jobs]},
    )


def change_url(employer):
    return reverse("admin:employer_employer_change", args=[employer.pk])


def change_form_data(response):
    """The POST data the browser sends when the editor saves the change form untouched."""
    all_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        all_forms.append(inline.formset.management_form)
        all_forms.extend(inline.formset.forms)
    data = {}
    for form in all_forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.FileField) or value is None:
                continue  # An empty file input keeps the stored file.
            if isinstance(field, forms.BooleanField):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = value
    return data
