"""Dates as French writes them: « 1er février 2025 », « 2 février 2025 ».

Django's `date` filter writes « 1 février »; French typography wants the ordinal « 1er » for the
first day of a month only. Every date a visitor reads goes through `french_date`, in templates
(`{% load french_dates %}{{ job.deadline|french_date }}`) and in Python (feeds, messages).
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def french_date(value, arg="j F Y"):
    """`value` written with Django's date format `arg`, « 1er » for the first of the month."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.day == 1:
        # An escaped « er » right after the day number (« j »), wherever the format puts it.
        arg = arg.replace("j", r"j\e\r", 1)
    return date_format(value, arg)
