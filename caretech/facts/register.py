"""Read the register of facts (facts/*.yml) and check it.

Each file maps a fact's name to what it is, its value and where it comes from:

    ico-helpline:
      what: The ICO's helpline for advice on data protection
      value: 0303 123 1113
      source: {title: "ICO: Contact us", url: https://ico.org.uk/global/contact-us/}
      last_reviewed: 2026-11-26
      next_review: 2027-05-26

A value that changes on a known date is a list of `values`, each with the day it starts (`from`),
so next April's figure can go in now. A value that differs by nation is `by_nation`. The schema
(facts/schema.json, beside the files so editors autocomplete) says every field; mistakes come
back as Problems with the file and line.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from caretech.readers.review_dates import check_review_dates
from caretech.problems import Problem
from caretech.readers.dates import format_month, parse_date
from caretech.readers.schema_check import check_against_schema, load_schema
from caretech.readers.yaml_source import load_yaml

FACTS_FOLDER = "facts"
SCHEMA_FILE = "schema.json"

@dataclass(frozen=True)
class Fact:
    """One fact, as it stands on the build's day."""

    name: str
    what: str
    value: Any                     # the value in force today; None for a fact that differs by nation
    by_nation: dict[str, Any]      # nation -> value, for facts that differ by nation
    unit: str                      # "text", "pounds" or "number": how a value is written
    since: datetime.date | None    # the day today's value started, for dated values
    source_title: str
    source_url: str
    last_reviewed: datetime.date
    next_review: datetime.date
    file: str
    line: int

    def written(self, value: Any = None) -> str:
        """A value as a reader sees it: '£12.71', '£25,000', '0303 123 1113'."""
        value = self.value if value is None else value
        if self.unit == "pounds":
            return f"£{value:,.0f}" if float(value).is_integer() else f"£{value:,.2f}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def part(self, name: str) -> str | None:
        """`{{ fact.part }}`: a nation's value, `since` (when today's value started) or
        `as_of` (the month it was last checked). None if the fact has no such part."""
        if name in self.by_nation:
            return self.written(self.by_nation[name])
        if name == "since" and self.since is not None:
            return f"{self.since.day} {format_month(self.since)}"
        if name == "as_of":
            return format_month(self.last_reviewed)
        return None

    @property
    def parts(self) -> list[str]:
        return [*self.by_nation, *(["since"] if self.since else []), "as_of"]


@dataclass
class Register:
    facts: dict[str, Fact] = field(default_factory=dict)
    today: datetime.date | None = None

    def get(self, name: str) -> Fact | None:
        return self.facts.get(name)


def load_register(project: Path, today: datetime.date) -> tuple[Register, list[Problem]]:
    """Every fact in `project`/facts/*.yml, as it stands on `today`, and every mistake in them."""
    folder = project / FACTS_FOLDER
    register, problems = Register(today=today), []
    if not folder.is_dir():
        return register, problems
    schema = load_schema(folder / SCHEMA_FILE)
    one_fact = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/fact"})
    for path in sorted(folder.glob("*.yml")):
        name = path.relative_to(project).as_posix()
        document, found = load_yaml(path.read_text(encoding="utf-8"), name)
        problems += found
        if document is None:
            continue
        problems += check_against_schema(document, schema, name, _describe)
        if not isinstance(document.data, dict):
            continue
        for key, entry in document.data.items():
            line = document.line_of((key,))
            if not one_fact.is_valid(entry):
                continue  # the schema check has said why
            if key in register.facts:
                other = register.facts[key]
                problems.append(Problem(name, line, f"The fact `{key}` is also in {other.file} (line {other.line}).",
                                        "Keep one of them: every fact is written once."))
                continue
            problems += check_review_dates(document, name, (key,))
            fact, found = _fact(key, entry, today, name, line)
            problems += found
            if fact is not None:
                register.facts[key] = fact
    return register, problems


def _fact(key: str, entry: dict, today: datetime.date, file: str, line: int) -> tuple[Fact | None, list[Problem]]:
    value, since, by_nation = entry.get("value"), None, dict(entry.get("by_nation") or {})
    if "values" in entry:
        dated = sorted(((parse_date(item["from"]), item["value"]) for item in entry["values"]), key=lambda pair: pair[0])
        in_force = [(start, amount) for start, amount in dated if start <= today]
        if not in_force:
            first = dated[0][0]
            return None, [Problem(file, line, f"The fact `{key}` has no value yet on {today.isoformat()}: "
                                              f"its first value starts on {first.isoformat()}.",
                                  "Add the value in force today, with the day it started as `from:`.")]
        since, value = in_force[-1]
    source = entry["source"]
    return Fact(key, entry["what"], value, by_nation, entry.get("unit", "text"), since, source["title"], source["url"],
                parse_date(entry["last_reviewed"]), parse_date(entry["next_review"]), file, line), []


def _describe(path: tuple, data: Any) -> str:
    if not path:
        return "The file"
    where = f"the fact `{path[0]}`"
    if len(path) == 1:
        return where[0].upper() + where[1:]
    if path[1] == "values" and len(path) >= 3:
        rest = f"`{path[3]}` of " if len(path) >= 4 else ""
        return f"{rest}value {path[2] + 1} of {where}".capitalize()
    return f"`{path[-1]}` of {where}"


def register_for(project: Path, today: datetime.date) -> tuple[Register, list[Problem]]:
    """`load_register`, read once per build: the build's checks, each page's Markdown and the
    downloads all ask for it. Read again when a file in facts/ changes (`mkdocs serve`)."""
    folder = Path(project).resolve() / FACTS_FOLDER
    stamps = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*"))) if folder.is_dir() else ()
    return _cached(folder.parent, today, stamps)


@functools.lru_cache(maxsize=4)
def _cached(project: Path, today: datetime.date, stamps: tuple) -> tuple[Register, list[Problem]]:
    return load_register(project, today)
