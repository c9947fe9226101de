"""« 1er février 2025 »: every date a visitor reads goes through the french_date filter."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from core.templatetags.french_dates import french_date


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime.date(2025, 2, 1), "1er février 2025"),
        (datetime.date(2025, 2, 2), "2 février 2025"),
        (datetime.date(2025, 2, 11), "11 février 2025"),
        (datetime.date(2025, 2, 21), "21 février 2025"),
        (None, ""),
    ],
)
def test_the_first_of_the_month_is_an_ordinal_and_no_day_has_a_leading_zero(value, expected):
    assert french_date(value) == expected


def test_a_moment_is_written_in_paris_time():
    # 23:30 UTC on 31 January is already 1 February in Paris.
    moment = datetime.datetime(2025, 1, 31, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert french_date(moment) == "1er février 2025"
    assert french_date(moment, "l j F Y à H:i") == "samedi 1er février 2025 à 00:30"


@pytest.mark.django_db
def test_the_accessibility_statement_dates_read_1er(client, settings):
    settings.ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 12, 1)
    response = client.get(reverse("pages:accessibility"))
    assert '<time datetime="2026-12-01">1er décembre 2026</time>' in response.text
