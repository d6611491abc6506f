"""includes/abbreviations.md: the site's abbreviations, one to a line.

    *[DSPT]: Data Security and Protection Toolkit

Every page shows these words as <abbr title="…">: the extension caretech/text/glossary.py
gives the list to Markdown's abbr extension as its glossary, in the build and the check alike. Appending the file to every page instead, as a plain
Material site does with pymdownx.snippets' auto_append, gives the same HTML but makes Markdown
parse every definition again on each page: about 0.7 s of a 3.4 s build here.
"""

from __future__ import annotations

import re
from pathlib import Path

from caretech.problems import ContentError, Problem

ABBREVIATIONS_FILE = "includes/abbreviations.md"

_LINE = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$")


def read_abbreviations(project: Path) -> dict[str, str]:
    """Abbreviation -> what it stands for. Raises ContentError for a line that is not one,
    since a broken line would otherwise be dropped without a word."""
    found: dict[str, str] = {}
    problems = []
    text = (project / ABBREVIATIONS_FILE).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        match = _LINE.match(line)
        if match:
            found[match.group(1)] = match.group(2)
        elif line.strip():
            problems.append(Problem(
                ABBREVIATIONS_FILE, number, f"This line is not an abbreviation: `{line.strip()[:60]}`.",
                "Write one abbreviation to a line, like this: `*[DSPT]: Data Security and Protection Toolkit`."))
    if problems:
        raise ContentError(problems)
    return found

