"""The review-date rule shared by guides and pathways: real dates, at most 12 months apart."""

from __future__ import annotations

import datetime

from caretech.problems import Problem
from caretech.readers.yaml_source import YamlDocument

MAX_REVIEW_GAP_DAYS = 366


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


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
