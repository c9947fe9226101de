"""In a real browser, stored XSS payloads never run: no alert dialog opens, no CSP violation.

The same payloads as tests/site/test_xss.py, in every editable text field of an offer and of the
profile; the pages are loaded and their DSFR scripts exercised in Chromium.
"""

import pytest
from playwright.sync_api import expect

from employer import models as employer_models
from jobs.models import Job
from tests.browser.pages import LISTEN
from tests.factories import EmployerFactory, JobFactory, PhotoFactory
from tests.xss import PAYLOADS, payload_values

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def store_everywhere(payload):
    employer = EmployerFactory(**payload_values(employer_models.Employer, payload))
    for name in ["Mission", "KeyFigure", "Testimonial", "Perk"]:
        model = getattr(employer_models, name)
        model.objects.create(employer=employer, position=1, **payload_values(model, payload))
    PhotoFactory(employer=employer, **payload_values(employer_models.Photo, payload))
    return JobFactory(employer=employer, **payload_values(Job, payload))


def test_stored_payloads_never_run(page, live_server):
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(LISTEN)
    checked = 0
    for payload in PAYLOADS:
        job = store_everywhere(payload)
        for path in ["/", "/offres/", job.get_absolute_url()]:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
            # Open what the DSFR hides (testimonial transcripts, collapsed breadcrumbs).
            for details in page.locator("details").all():
                details.evaluate("element => { element.open = true; }")
            page.wait_for_timeout(50)
            assert dialogs == [], f"{path} with {payload!r}"
            violations = page.evaluate("() => window.__cspViolations")
            # A blocked payload would still show as a violation: there must be none at all.
            assert violations == [], f"{path} with {payload!r}: {violations}"
            checked += 1
        # The home page shows the one profile: the next payload gets a fresh one.
        job.delete()
        job.employer.delete()
    assert checked == 3 * len(PAYLOADS)
