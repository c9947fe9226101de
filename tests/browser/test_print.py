"""Printing an offer (static/css/print.css), measured as Chromium prints it to A4."""

import re

import pytest
from django.core.management import call_command

from jobs.models import Job

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAX_PAGES = 2


def pdf_page_count(pdf):
    """Pages of a PDF that Chromium wrote (each page is an uncompressed « /Type /Page » object)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def printed(page, selector):
    """Whether the element shows on paper (the page must be in print media)."""
    return page.locator(selector).first.evaluate(
        "element => element.checkVisibility({checkVisibilityCSS: true})"
    )


@pytest.fixture
def demo_offers(db):
    call_command("load_demo", verbosity=0)
    # The open ones: the closed example has no way to apply to print.
    return list(Job.objects.open().order_by("reference"))


def test_each_demo_offer_prints_on_at_most_two_pages_with_what_a_reader_needs(
    page, live_server, demo_offers
):
    assert len(demo_offers) == 3
    for job in demo_offers:
        url = live_server.url + job.get_absolute_url()
        page.goto(url)
        pages = pdf_page_count(page.pdf(format="A4"))
        assert 1 <= pages <= MAX_PAGES, f"{job.reference} prints on {pages} pages"

        page.emulate_media(media="print")
        # The bloc-marque with its Marianne, and the site's name.
        assert printed(page, ".fr-header .fr-logo")
        assert page.locator(".fr-header .fr-logo").evaluate(
            "logo => getComputedStyle(logo, '::before').backgroundImage !== 'none'"
            " || getComputedStyle(logo, '::before').maskImage !== 'none'"
        )
        assert printed(page, ".fr-header__service-title")
        # Whole on the paper: the header's gutters once pushed its left edge off the page.
        assert page.locator(".fr-header .fr-logo").evaluate(
            "logo => logo.getBoundingClientRect().left"
        ) >= page.locator(".fr-header").evaluate("header => header.getBoundingClientRect().left")
        # The reference, the offer's address and how to apply, as text on paper.
        assert printed(page, ".job-detail__reference")
        assert page.get_by_text(f"Adresse de l’offre : {url}").is_visible()
        how = page.locator(".job-detail__how .job-apply__how").first
        assert how.is_visible()
        assert job.application_email in how.inner_text()
        assert job.reference in how.inner_text()
        # No navigation, buttons, side box or similar offers.
        for selector in [".fr-nav", ".fr-breadcrumb", ".fr-footer", ".similar-offers"]:
            if page.locator(selector).count():
                assert not printed(page, selector), selector
        assert not page.locator(".job-apply__buttons").first.is_visible()
        assert page.locator(".job-detail__aside").evaluate(
            "box => getComputedStyle(box).backgroundColor === 'rgba(0, 0, 0, 0)'"
        )
        page.emulate_media(media="null")  # page.pdf() prints with the emulated media.
