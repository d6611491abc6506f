"""The one front-matter reader: split a Markdown page into its front matter and its text,
and read the front matter as MkDocs does, with the line each value came from.

It follows MkDocs' own reader (mkdocs/utils/meta.py, `get_data`) so that what we check is
what the page shows:
- the block starts on the first line with `---` and ends at the first `---` or `...` line,
  and that closing line must end with a line break;
- YAML 1.1 through the safe loader: `title: No` is False, `next_review: 2027-05-26` a date;
- the text after the block starts at its first non-blank line.
Where MkDocs would quietly show a page without its fields (unreadable YAML, a list instead of
fields), `problems` says why, and the content check stops the build.

Every caller reads through `read_front_matter`, which remembers each text it has parsed, so
a build parses each page once however many hooks look at it.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from dataclasses import dataclass
from typing import Any

from caretech.problems import Problem
from caretech.readers.yaml_source import YamlDocument, load_yaml

# The same pattern as MkDocs' YAML_RE.
_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_BOM = "\ufeff"  # MkDocs reads files as utf-8-sig, which drops it
FIRST_LINE = 2   # the front matter's first field is on line 2 of the file


@dataclass(frozen=True)
class FrontMatter:
    """A page split into front matter and text."""

    found: bool                    # there is a block MkDocs reads as front matter
    readable: bool                 # MkDocs can read its fields (else the page gets none)
    yaml_text: str                 # the lines between the fences
    line_count: int                # lines the block takes, fences included (0 if none)
    body: str                      # the Markdown after it, as MkDocs passes it on
    body_line: int                 # the line of the file that `body` starts on
    document: YamlDocument | None  # the fields and their lines (None if none or unreadable)
    problems: tuple[Problem, ...]  # why the fields cannot be used, if they cannot

    @property
    def data(self) -> dict[str, Any]:
        """The fields as the page gets them ({} when MkDocs would give it none)."""
        return self.document.data if self.readable and self.document else {}

    def line_of(self, key: str) -> int:
        return self.document.line_of((key,)) if self.document else 1


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(the YAML between the fences or None, the text after, lines the block takes)."""
    text = text.removeprefix(_BOM)
    match = _BLOCK.match(text)
    if not match:
        return None, text, 0
    return match.group(1), text[match.end():].lstrip("\n"), match.group(0).count("\n")


def read_front_matter(text: str, filename: str = "") -> FrontMatter:
    """Split and parse `text`; problems name `filename`. Parsed once per text."""
    parsed = _parse(text)
    if filename and parsed.problems:
        return dataclasses.replace(parsed, problems=tuple(dataclasses.replace(p, file=filename)
                                                          for p in parsed.problems))
    return parsed


def front_matter_data(text: str) -> dict[str, Any]:
    """Just the fields (what MkDocs puts in `page.meta`)."""
    return read_front_matter(text).data


@functools.lru_cache(maxsize=1024)
def _parse(text: str) -> FrontMatter:
    yaml_text, body, line_count = split_front_matter(text)
    if yaml_text is None:
        return FrontMatter(False, False, "", 0, body, 1, None, ())
    if not yaml_text.strip():
        return FrontMatter(True, False, "", line_count, text.removeprefix(_BOM), 1, None, (
            Problem("", FIRST_LINE, "The front matter is empty.",
                    "Add title: and description: lines between the two --- lines."),))
    document, problems = load_yaml(yaml_text, "", first_line=FIRST_LINE, yaml_1_1=True)
    if document is not None and not isinstance(document.data, dict):
        problems = [*problems, Problem("", FIRST_LINE, "The front matter should be a list of `name: value` lines.",
                                       "See the guide template in CONTRIBUTING.md.")]
    readable = document is not None and isinstance(document.data, dict) and not document.unreadable
    if not readable:
        body = text.removeprefix(_BOM)  # MkDocs keeps the block as text when it cannot read it
    whole = text.removeprefix(_BOM)
    body_line = whole[:len(whole) - len(body)].count("\n") + 1
    return FrontMatter(True, readable, yaml_text, line_count, body, body_line, document, tuple(problems))


def as_json_values(data: Any) -> Any:
    """The fields with dates written as YYYY-MM-DD text, for a JSON Schema check."""
    if isinstance(data, dict):
        return {key: as_json_values(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_json_values(value) for value in data]
    if isinstance(data, (datetime.date, datetime.datetime)):
        return data.isoformat()
    return data
