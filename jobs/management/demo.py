"""Keeps the demo offers (fixtures/demo_jobs.json) open whenever the demo is loaded.

The fixture holds the seed's offers with their real 2024 dates; `load_demo` calls
`refresh_demo_offers` after loading, so that a newcomer's `make run` always lists them. Safe to
re-run: an offer already open for long enough is left untouched (not even re-saved).
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from jobs.models import DERIVED_FROM, Job, ProcessStep, PublicChange

DEMO_JOBS_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo_jobs.json"
# A deadline closer than this is pushed back, to DEADLINE_AHEAD days from today.
MIN_DAYS_LEFT = 30
DEADLINE_AHEAD = 60


def demo_references():
    """The references of the fixture's offers: they identify the demo offers in the database."""
    objects = json.loads(DEMO_JOBS_FIXTURE.read_text(encoding="utf-8"))
    return [obj["fields"]["reference"] for obj in objects if obj["model"] == "jobs.job"]


def refresh_demo_offers():
    """Move near or past deadlines of the demo offers ahead and fill what loaddata skips.

    loaddata saves raw rows, bypassing Job.save(): the search text and the texts' HTML are empty,
    and the long texts unsanitised, until this runs (Job.prepare()). Returns the number of offers
    changed.
    """
    today = timezone.localdate()
    changed = 0
    jobs = Job.objects.filter(reference__in=demo_references()).select_related("domain")
    for job in jobs:
        before = _snapshot(job)
        if job.is_closed:
            # The closed example keeps its real dates: its recruitment's status is dated by them.
            job.prepare()
            if _snapshot(job) != before:
                job.save(log_public_changes=False)
                changed += 1
            continue
        if job.deadline is None or job.deadline < today + datetime.timedelta(days=MIN_DAYS_LEFT):
            moved = today + datetime.timedelta(days=DEADLINE_AHEAD)
            if job.deadline:
                _shift_dates(job, moved - job.deadline, today)
            job.deadline = moved
        if job.start_date and job.start_date <= job.deadline:
            # Nobody takes up a post before applications close: the first day of a later month.
            job.start_date = _first_of_month_after(job.deadline + datetime.timedelta(days=20))
        job.prepare()
        if _snapshot(job) != before:
            # Moving the demo along is not a change the public is told of.
            job.save(log_public_changes=False)
            changed += 1
    return changed


def _shift_dates(job, delta, today):
    """The process steps' dates move with the deadline; a public change never lands in the
    future."""
    steps = [step for step in job.process_steps.all() if step.date]
    for step in steps:
        step.date += delta
    ProcessStep.objects.bulk_update(steps, ["date"])
    changes = list(job.public_changes.all())
    for change in changes:
        change.date = min(change.date + delta, today)
    PublicChange.objects.bulk_update(changes, ["date"])


def _snapshot(job):
    return [getattr(job, name) for name in ["deadline", "start_date", *DERIVED_FROM]]


def _first_of_month_after(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
