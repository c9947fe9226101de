"""Text typed in the admin cannot run in a visitor's browser.

Every known payload goes into every editable text field of an offer and of the agency profile and
its parts (URL and e-mail fields get what their validation accepts); no public page, feed or
sitemap may then contain an executable form of it: an inline script, an event handler attribute,
a `javascript:` URL, a frame, or markup inside the JSON-LD block.
"""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.http import urlencode

from employer import models as employer_models
from jobs.models import Job
from tests.factories import EmployerFactory, JobFactory, PhotoFactory
from tests.xss import (
    MODELS,
    PAYLOADS,
    executable_markup,
    payload_values,
    text_fields,
)

pytestmark = pytest.mark.django_db

HTML_IN_FEEDS = {"description", "content", "summary"}


def store_everywhere(payload):
    """An open offer and the whole profile with `payload` in every editable text field."""
    employer = EmployerFactory(**payload_values(employer_models.Employer, payload))
    parts = ["Mission", "KeyFigure", "Testimonial", "Perk"]
    for model in [getattr(employer_models, name) for name in parts]:
        model.objects.create(employer=employer, position=1, **payload_values(model, payload))
    PhotoFactory(employer=employer, **payload_values(PhotoFactory._meta.model, payload))
    job = JobFactory(employer=employer, **payload_values(Job, payload))
    return employer, job


def html_pages(client, job, payload):
    pages = {
        "home": reverse("pages:home"),
        "list": reverse("jobs:list"),
        "search": reverse("jobs:list") + "?" + urlencode({"q": payload}),
        "offer": job.get_absolute_url(),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        yield name, response.content.decode()


def xml_documents(client):
    urls = [reverse("jobs:rss"), reverse("jobs:atom"), reverse("pages:sitemap")]
    index = client.get(reverse("pages:sitemap"))
    urls += [
        urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", index.content.decode())
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<svg/onload=alert(1)>",
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<iframe src="/"></iframe>',
        '<script type="application/ld+json">{"a": "</b>"}</script>',
    ],
)
def test_the_checker_finds_executable_markup(html):
    assert executable_markup(html)


def test_the_checker_lets_escaped_text_and_data_blocks_be():
    html = (
        '<p title="&quot; onerror=alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;</p>'
        '<script src="/static/dsfr.js"></script>'
        '<script type="application/ld+json">{"a": "\\u003c/script>"}</script>'
    )
    assert executable_markup(html) == []


def test_every_editable_text_field_receives_the_payload():
    for model in MODELS:
        values = payload_values(model, PAYLOADS[0])
        assert set(values) == {field.name for field in text_fields(model)}, model


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_page_runs_a_stored_payload(client, payload):
    employer, job = store_everywhere(payload)

    for name, html in html_pages(client, job, payload):
        assert executable_markup(html) == [], f"{name} page with {payload!r}"
        assert "<script>alert" not in html.lower()

    for url, document in xml_documents(client):
        root = ET.fromstring(document)  # Well-formed: a payload cannot break out of the XML.
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            assert tag not in {"script", "iframe", "svg"}, url
            if tag in HTML_IN_FEEDS and element.text:
                # Feed readers render these as HTML.
                assert executable_markup(element.text) == [], f"{url} <{tag}> with {payload!r}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_offer_structured_data_stays_a_data_block(client, payload):
    _employer, job = store_everywhere(payload)
    html = client.get(job.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert "<" not in blocks[0]  # Not even « </script> »: it is written \u003c.
    data = json.loads(blocks[0])
    assert data["@type"] == "JobPosting"


def test_template_syntax_is_shown_as_typed(client):
    _employer, job = store_everywhere("{{ 7*7 }}{% debug %}")
    html = client.get(job.get_absolute_url()).content.decode()
    assert "{{ 7*7 }}{% debug %}" in html
    assert "sql_queries" not in html


def test_script_urls_are_refused_by_the_url_fields(client, admin_client):
    job = JobFactory()
    from tests.admin_forms import form_data

    response = admin_client.post(
        reverse("admin:jobs_job_change", args=[job.pk]),
        form_data(job, application_url="javascript:alert(1)"),
    )
    assert response.status_code == 200
    assert "application_url" in response.context["adminform"].form.errors


def assert_no_live_markup(client, job, payload):
    for name, html in html_pages(client, job, payload):
        assert executable_markup(html) == [], f"{name} page with {payload!r}"
    for url, document in xml_documents(client):
        for element in ET.fromstring(document).iter():
            if element.tag.rsplit("}", 1)[-1] in HTML_IN_FEEDS and element.text:
                assert executable_markup(element.text) == [], f"{url} with {payload!r}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_written_by_queryset_update_is_prepared_before_any_page_shows_it(client, payload):
    # update() skips save(): the offer's texts are sanitised and their HTML made all the same.
    job = JobFactory()
    Job.objects.filter(pk=job.pk).update(**payload_values(Job, payload))
    job.refresh_from_db()
    assert_no_live_markup(client, job, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_written_by_bulk_create_is_prepared_before_any_page_shows_it(client, payload):
    employer = EmployerFactory()
    job = JobFactory.build(employer=employer, reference="", **payload_values(Job, payload))
    [job] = Job.objects.bulk_create([job])
    assert_no_live_markup(client, Job.objects.get(pk=job.pk), payload)


def test_hostile_html_stored_behind_the_models_back_is_cleaned_when_read(client):
    job = JobFactory()
    hostile = '<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><script>alert(1)'
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Job._meta.db_table} SET missions_html = %s, profile_html = %s WHERE id = %s",
            [hostile, hostile, job.pk],
        )
    assert_no_live_markup(client, job, hostile)
