"""Dates: read them from content, write them for readers, and decide what "today" is for a build.

One helper for every date a reader sees ("26 May 2027"), in Python and in templates (the hook
registers `format_date` as a Jinja filter). Written without strftime: its "day without a
leading zero" flag fails on Windows, and its month names follow the machine's language.

`build_today()` is the one place that reads the clock for content dates. Set CARETECH_TODAY
(YYYY-MM-DD) for a reproducible build or to see the site as it will be on another day.
"""

from __future__ import annotations

import datetime
import os
from typing import Mapping

TODAY_VARIABLE = "CARETECH_TODAY"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def parse_date(value: object) -> datetime.date | None:
    """A date from front matter: YAML gives date objects for bare dates, text for quoted ones."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def format_date(value: object) -> str:
    """'26 May 2027'. Text that is not a date comes back unchanged, so a mistake stays visible."""
    day = parse_date(value)
    if day is None:
        return "" if value is None else str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_month(day: datetime.date) -> str:
    """'May 2027'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def build_today(environ: Mapping[str, str] | None = None) -> datetime.date:
    """Today for this build: CARETECH_TODAY when set, else the machine's date."""
    environ = os.environ if environ is None else environ
    fixed = environ.get(TODAY_VARIABLE, "").strip()
    if not fixed:
        return datetime.date.today()
    day = parse_date(fixed)
    if day is None:
        raise ValueError(f"{TODAY_VARIABLE} is {fixed!r}: write it as YYYY-MM-DD, e.g. 2027-05-26.")
    return day
