"""Facts in content: `{{ name }}` or `{{ name.part }}` in text, values put in, mistakes explained.

Guides and template pages get their values through the Markdown extension (markdown.py); pathway
files and template front matter through `expand_data`, after the YAML is read, so that values
never change how YAML reads a line; diagram text and Word and spreadsheet downloads through
`expand_text`. The checks (`reference_problems`) run before any of that, in the build and in the
content check, so a wrong name stops both with the file and line.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable, Iterator

from caretech.facts.register import Fact, Register
from caretech.problems import Problem
from caretech.readers.front_matter import split_front_matter

# `\{{ name }}` stays as written: Markdown shows it as {{ name }}, for pages that explain the syntax.
REFERENCE = re.compile(r"(?<!\\)\{\{(.*?)\}\}")
_NAME = re.compile(r"^\s*([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.([a-z_-]+))?\s*$")
_FIX_FORM = "Write a fact as {{ name }}, with the name from a file in facts/, e.g. {{ ico-helpline }}."


def _resolve(inner: str, register: Register) -> tuple[str | None, Fact | None, str, str]:
    """(the text to put in, the fact, what is wrong, how to fix it) for the inside of `{{ … }}`."""
    match = _NAME.match(inner)
    if not match:
        return None, None, f"`{{{{{inner}}}}}` is not the name of a fact.", _FIX_FORM
    name, part = match.groups()
    fact = register.get(name)
    if fact is None:
        close = difflib.get_close_matches(name, list(register.facts), n=1, cutoff=0.6)
        hint = f"Did you mean `{{{{ {close[0]} }}}}`? " if close else ""
        return None, None, f"There is no fact called `{name}`.", \
            f"{hint}Use a name from a file in facts/, or add the fact there (CONTRIBUTING.md, “Facts”)."
    if part is None:
        if fact.by_nation:
            nations = ", ".join(f"`{{{{ {name}.{n} }}}}`" for n in fact.by_nation)
            return None, fact, f"The fact `{name}` is different in each UK nation, so it needs the nation.", \
                f"Write one of {nations}."
        return fact.written(), fact, "", ""
    written = fact.part(part)
    if written is None:
        parts = ", ".join(f"`{p}`" for p in fact.parts)
        return None, fact, f"The fact `{name}` has no part called `{part}`.", f"Use one of: {parts}."
    return written, fact, "", ""


def expand_text(text: str, register: Register, escape: Callable[[str], str] = str) -> str:
    """`text` with every known fact's value put in (a wrong one is left for the checks to name).
    `escape` prepares a value for where it goes, e.g. html.escape for a drawing's XML."""
    if "{{" not in text:
        return text

    def value(match: re.Match) -> str:
        written, _, _, _ = _resolve(match.group(1), register)
        return match.group(0) if written is None else escape(written)

    return REFERENCE.sub(value, text)


def expand_data(data: Any, register: Register) -> Any:
    """Parsed YAML with facts put into every string. A string that is just one reference to a
    number (`example: "{{ national-living-wage }}"`) becomes that number, so sums can use it."""
    if isinstance(data, dict):
        return {key: expand_data(value, register) for key, value in data.items()}
    if isinstance(data, list):
        return [expand_data(value, register) for value in data]
    if isinstance(data, str) and "{{" in data:
        whole = REFERENCE.fullmatch(data.strip())
        if whole:
            written, fact, _, _ = _resolve(whole.group(1), register)
            if fact is not None and written is not None and isinstance(fact.value, (int, float)) \
                    and not isinstance(fact.value, bool) and _NAME.match(whole.group(1)).group(2) is None:
                return fact.value
        return expand_text(data, register)
    return data


def _lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.split("\n"), first_line):
        yield number, line


def reference_problems(text: str, filename: str, register: Register, first_line: int = 1) -> list[Problem]:
    """Every reference in `text` that names no fact, or needs a nation or part it lacks."""
    problems = []
    for number, line in _lines(text, first_line):
        for match in REFERENCE.finditer(line):
            written, _, message, fix = _resolve(match.group(1), register)
            if written is None:
                problems.append(Problem(filename, number, message, fix))
        if "{{" in REFERENCE.sub("", line).replace("\\{{", ""):
            problems.append(Problem(filename, number, "A fact reference starts with {{ but does not end with }}.",
                                    _FIX_FORM))
    return problems


def references_in(text: str) -> set[str]:
    """The names of the facts `text` refers to."""
    return {m.group(1) for m in (_NAME.match(inner) for inner in REFERENCE.findall(text)) if m}


def typed_by_hand(text: str, filename: str, register: Register, first_line: int = 1) -> list[Problem]:
    """Registered values typed out instead of referred to, so they would not change with the
    register. Only values with a digit in them (numbers, amounts, deadlines): names of bodies
    are written in ordinary sentences all the time."""
    values = []
    for fact in register.facts.values():
        written = [fact.written()] if not fact.by_nation else [fact.written(v) for v in fact.by_nation.values()]
        values += [(w, fact.name) for w in written if any(c.isdigit() for c in w)]
    patterns = [(re.compile(r"(?<![\w£.,])" + re.escape(w) + r"(?!\w|,\d|\.\d|\s\d)"), w, name) for w, name in values]
    problems = []
    for number, line in _lines(text, first_line):
        plain = REFERENCE.sub("", line)
        for pattern, written, name in patterns:
            if pattern.search(plain):
                problems.append(Problem(filename, number,
                                        f"`{written}` is in the register of facts as `{name}`, but here it is typed out.",
                                        f"Write {{{{ {name} }}}} instead, so this page changes when the fact does."))
    return problems


def expand_page(text: str, register: Register) -> str:
    """A Markdown page with facts put into its text, not its front matter (which the theme and
    the checks read as it is written)."""
    body = split_front_matter(text)[1]
    return text[: len(text) - len(body)] + expand_text(body, register)
