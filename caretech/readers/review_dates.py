"""The one review policy, shared by guides, pathways, templates and facts: the rule (real
dates, at most 12 months apart), when a review counts as due soon or overdue, and the notice
readers see once it is overdue. The content check, the review-due page and the page notice
all read it from here.

An overdue review never stops a build or fails a test: dates pass with time, and an
unrelated pull request must not fail because of the calendar. It is a warning in the
content check, a row on the review-due page and a notice on the page itself.
"""

from __future__ import annotations

import datetime

from caretech.problems import Problem
from caretech.readers.dates import format_date, parse_date
from caretech.readers.yaml_source import YamlDocument

MAX_REVIEW_GAP_DAYS = 366
DUE_SOON_DAYS = 30  # the content check warns, and the review-due page says "Due in N days"


def days_until(due: datetime.date, today: datetime.date) -> int:
    """Days left before a review is due: 0 or fewer means overdue."""
    return (due - today).days


def is_overdue(due: datetime.date, today: datetime.date) -> bool:
    return days_until(due, today) <= 0


def is_due_soon(due: datetime.date, today: datetime.date) -> bool:
    return 0 < days_until(due, today) <= DUE_SOON_DAYS


def review_notice(next_review: object, today: datetime.date, kind: str = "guide") -> str:
    """The notice for a page whose review date has passed ("" when it has not, or has none)."""
    due = parse_date(next_review) if next_review else None
    if due is None or not is_overdue(due, today):
        return ""
    return f"This {kind} was due for review on {format_date(due)}. Check important facts before you rely on them."


def check_review_dates(document: YamlDocument, filename: str, path: tuple = ()) -> list[Problem]:
    data = document.data if not path else document.data.get(path[0], {})
    if not isinstance(data, dict):
        return []
    problems = []
    dates = {}
    for key in ("last_reviewed", "next_review"):
        if key not in data or data[key] is None:
            continue  # the schema reports missing fields
        date = parse_date(data[key])
        if date is None:
            problems.append(Problem(filename, document.line_of(path + (key,)),
                                    f"`{key}` is `{data[key]}`, which is not a real date.",
                                    "Write the date as YYYY-MM-DD, e.g. 2026-11-26."))
        dates[key] = date
    last, nxt = dates.get("last_reviewed"), dates.get("next_review")
    if last and nxt:
        if nxt <= last:
            problems.append(Problem(filename, document.line_of(path + ("next_review",)),
                                    "`next_review` must come after `last_reviewed`.",
                                    "Set next_review to a date up to 12 months after last_reviewed."))
        elif (nxt - last).days > MAX_REVIEW_GAP_DAYS:
            problems.append(Problem(filename, document.line_of(path + ("next_review",)),
                                    "`next_review` is more than 12 months after `last_reviewed`.",
                                    "Facts go out of date: set next_review no more than 12 months after last_reviewed."))
    return problems
