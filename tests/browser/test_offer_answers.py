"""The offer page with every answer filled (pay, countdown, calendar file, process, changes) and a
closed offer with its recruitment's status, in a real browser: axe at desktop and mobile widths,
the Nu Html Checker, and the .ics downloaded as a visitor does."""

import datetime
import json
import subprocess

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from jobs.choices import PayPeriod, RecruitmentStatus
from jobs.models import ProcessStep, PublicChange, RecruitmentUpdate
from tests.factories import JobFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"desktop": 1280, "mobile": 375}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def full_offer():
    """Open, closing in 3 days, with every pay field, three steps and two public changes."""
    today = timezone.localdate()
    job = JobFactory(
        title="Gestionnaire d'action sociale",
        pay_period=PayPeriod.MONTH,
        salary_min=2150,
        salary_max=2700,
        index_min=390,
        index_max=534,
        bonus_min=380,
        bonus_max=520,
        salary="Régime indemnitaire (RIFSEEP) en sus pour les titulaires.",
        deadline=today + datetime.timedelta(days=1),
        published_at=timezone.now() - datetime.timedelta(days=35),
    )
    job.deadline = today + datetime.timedelta(days=3)
    job.save()  # Writes « Date limite prolongée au … ».
    PublicChange.objects.create(job=job, text="Précision ajoutée sur la rémunération")
    for position, (label, later) in enumerate(
        [
            ("Présélection sur dossier", None),
            ("Entretien avec un jury", 15),
            ("Réponse attendue", 25),
        ]
    ):
        ProcessStep.objects.create(
            job=job,
            position=position,
            label=label,
            date=today + datetime.timedelta(days=later) if later else None,
        )
    JobFactory.create_batch(2, domain=job.domain, salary_min=2000, salary_max=2400)
    return job


def closed_offer():
    job = JobFactory(title="Officier de protection instructeur", index_min=444, index_max=673)
    job.close()
    day = job.closed_on
    for status in [
        RecruitmentStatus.CLOSED,
        RecruitmentStatus.REVIEW,
        RecruitmentStatus.INTERVIEWS,
    ]:
        RecruitmentUpdate.objects.create(job=job, status=status, date=day)
    ProcessStep.objects.create(job=job, position=1, label="Entretien avec un jury", date=day)
    return job


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("make", [full_offer, closed_offer], ids=["full offer", "closed offer"])
def test_offer_answers_have_no_axe_violations(page, live_server, make, width):
    job = make()
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(live_server.url + job.get_absolute_url())
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    if job.is_closed:
        expect(page.locator(".fr-stepper__state")).to_have_text("Étape 3 sur 4")
    else:
        expect(page.locator(".job-countdown")).to_have_text("Clôture dans 3 jours")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_deadline_downloads_as_a_calendar_file(page, live_server):
    job = full_offer()
    page.goto(live_server.url + job.get_absolute_url())
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ajouter la date limite à mon agenda").click()
    download = download_info.value
    assert download.suggested_filename == f"date-limite-{job.reference}.ics"
    with open(download.path(), "rb") as file:
        [event] = icalendar.Calendar.from_ical(file.read()).walk("VEVENT")
    assert event.decoded("dtstart").date() == job.deadline


def test_offer_answers_are_valid_html(tmp_path, vnu_command):
    client = Client()
    files = []
    for name, job in [("full-offer", full_offer()), ("closed-offer", closed_offer())]:
        response = client.get(job.get_absolute_url())
        assert response.status_code == 200
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    result = subprocess.run(
        [*vnu_command, *map(str, files)], capture_output=True, text=True, timeout=300, check=False
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{message.get('url', '?').rsplit('/', 1)[-1]} line {message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
        if message.get("type") == "error" or message.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
