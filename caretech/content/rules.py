"""The house-style rules the content check applies to the text of guides and pathways.

Each rule reads text (blocks of prose, or raw lines) and returns `Finding`s: a `Problem`
(file, line, message, how to fix) plus how serious it is. Errors stop a pull request;
warnings are advice a reviewer weighs. caretech/stages/check.py decides which files get which rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from caretech.content import safety
from caretech.text.markdown_text import Sentence, strip_code_spans
from caretech.problems import ContentError, Problem
from caretech.text.text_stats import count_words
from caretech.nations import nation_keys
from caretech.readers.yaml_source import load_yaml

ERROR, WARNING = "error", "warning"
MAX_SENTENCE_WORDS = 25


@dataclass(frozen=True, order=True)
class Finding:
    problem: Problem
    severity: str   # ERROR or WARNING
    rule: str       # a short name, e.g. long-sentence

    def __str__(self) -> str:
        p = self.problem
        text = f"{p.file}:{p.line}: {self.severity}: {p.message}"
        return f"{text}\n    How to fix: {p.fix}" if p.fix else text


def finding(severity: str, rule: str, file: str, line: int, message: str, fix: str) -> Finding:
    return Finding(Problem(file, line, message, fix), severity, rule)


def _quote(sentence: str, most: int = 8) -> str:
    parts = sentence.split()
    return " ".join(parts[:most]) + ("…" if len(parts) > most else "")


# --- prose rules ---------------------------------------------------------------------

def long_sentences(filename: str, found: list[Sentence]) -> list[Finding]:
    return [
        finding(ERROR, "long-sentence", filename, s.line,
                f"This sentence has {count_words(s.text)} words (the most is {MAX_SENTENCE_WORDS}): \"{_quote(s.text)}\"",
                "Split it into two sentences, or turn it into a list. Aim for 12 to 16 words.")
        for s in found if count_words(s.text) > MAX_SENTENCE_WORDS
    ]


@dataclass(frozen=True)
class AvoidEntry:
    pattern: re.Pattern
    instead: str
    note: str
    unless: re.Pattern | None


def _phrases(phrases: Iterable[str]) -> re.Pattern:
    alternatives = sorted((r"\s+".join(map(re.escape, p.split())) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


def load_words_to_avoid(path: Path, display: str = "includes/words-to-avoid.yml") -> list[AvoidEntry]:
    """Read the list; raise ContentError (file, line, fix) if someone has broken it."""
    document, problems = load_yaml(path.read_text(encoding="utf-8"), display)
    entries = document.data if document and isinstance(document.data, list) else []
    for index, entry in enumerate(entries):
        if not (isinstance(entry, dict) and _texts(entry.get("avoid")) and isinstance(entry.get("instead"), str)
                and set(entry) <= {"avoid", "instead", "note", "unless"}
                and (entry.get("unless") is None or _texts(entry["unless"]))):
            problems.append(Problem(display, document.line_of((index,)),
                                    "This entry needs `avoid:` (a list of words) and `instead:` (text), "
                                    "and may have only `note:` and `unless:` as well.",
                                    "Copy the layout of the entry above it."))
    if problems or document is None:
        raise ContentError(problems)
    return [
        AvoidEntry(_phrases(e["avoid"]), e["instead"], e.get("note", ""),
                   _phrases(e["unless"]) if e.get("unless") else None)
        for e in entries
    ]


def _texts(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v.strip() for v in value)


def words_to_avoid(filename: str, found: list[Sentence], entries: list[AvoidEntry]) -> list[Finding]:
    findings = []
    for s in found:
        for entry in entries:
            allowed = [m.span() for m in entry.unless.finditer(s.text)] if entry.unless else []
            for match in entry.pattern.finditer(s.text):
                if any(start <= match.start() < end for start, end in allowed):
                    continue
                fix = f"Write \"{entry.instead}\" instead." + (f" {entry.note}" if entry.note else "")
                findings.append(finding(WARNING, "word-to-avoid", filename, s.line,
                                        f"\"{match.group(0)}\" is on the words-to-avoid list.", fix))
    return findings


def _spelt_out_here(text: str, start: int, end: int, meaning: str) -> bool:
    """Explained where it stands: "Full name (ABBR)", "ABBR (full name)", "ABBR, which runs…",
    "full name, or ABBR", or a name that starts with it ("IASME Consortium")."""
    before, after = text[:start], text[end:]
    return (before.rfind("(") > before.rfind(")")
            or text[start:].lower().startswith(" ".join(meaning.split()[:2]).lower())
            or bool(re.match(r"\s*\(\s*[^\W\d_]|,\s+(?:which|who)\b", after))
            or bool(re.search(r"(?:,\s+or|also called|also known as)\s+$", before)))


def _uses(found: list[Sentence], pattern: re.Pattern) -> Iterator[tuple[Sentence, re.Match]]:
    for s in found:
        for match in pattern.finditer(s.text):
            yield s, match


def _text_before(found: list[Sentence], here: Sentence, offset: int) -> str:
    parts = []
    for s in found:
        if s is here:
            parts.append(s.text[:offset])
            break
        parts.append(s.text)
    return " ".join(parts)


def abbreviations(filename: str, found: list[Sentence], known: dict[str, str]) -> list[Finding]:
    """The first use of each abbreviation (headings aside) must say what it stands for.

    Spelt out means "Full name (ABBR)", "ABBR (full name)", or the full name from
    includes/abbreviations.md earlier on the page.
    """
    findings = []
    for abbreviation, meaning in known.items():
        pattern = re.compile(r"(?<![\w])" + re.escape(abbreviation) + r"(?![\w])")
        for s, match in _uses(found, pattern):
            if _spelt_out_here(s.text, match.start(), match.end(), meaning):
                break
            if s.kind == "heading":
                continue  # a heading may use the short form if the text below explains it
            if meaning.lower() in _text_before(found, s, match.start()).lower():
                break
            later = next((t.line for t, m in _uses(found, pattern)
                          if t.line > s.line and _spelt_out_here(t.text, m.start(), m.end(), meaning)), None)
            where = f" It is spelt out later, on line {later}: move that to the first use." if later else ""
            findings.append(finding(
                WARNING, "abbreviation", filename, s.line,
                f"\"{abbreviation}\" is used before it is spelt out on this page.{where}",
                f"Say what it is the first time, e.g. \"{meaning}\"." if meaning.startswith(abbreviation) else
                f"The first time, write it in full with the short form in brackets: \"{meaning} ({abbreviation})\".",
            ))
            break
    return findings


# --- markup rules, on the raw lines ---------------------------------------------------

_PLACEHOLDERS = re.compile(
    r"\b(?:TODO|FIXME|TBC|TBD|XXX)\b|(?i:\blorem ipsum\b|\bplaceholder\b|\bcoming soon\b|\[insert\b)")


def placeholders(filename: str, lines: Iterable[tuple[int, str]]) -> list[Finding]:
    return [
        finding(ERROR, "placeholder", filename, number, f"Placeholder text \"{match.group(0)}\" is still here.",
                "Replace it with the finished text, or delete it.")
        for number, line in lines for match in _PLACEHOLDERS.finditer(line)
    ]


def unsafe_html(filename: str, rendered_html: str, sources: list[tuple[str, str]]) -> list[Finding]:
    """The content safety rules (caretech/content/safety.py, the same ones the build applies) on
    the HTML the file becomes. `sources` are (file, text) where lines are looked for, this file first."""
    return [Finding(problem, ERROR, "unsafe-html")
            for problem in safety.problems_in_page(rendered_html, filename, lambda: sources)]


_HTTP = re.compile(r"\bhttp://[^\s)\]>\"']*", re.I)


def http_links(filename: str, lines: Iterable[tuple[int, str]]) -> list[Finding]:
    return [
        finding(ERROR, "http-link", filename, number,
                f"The link {match.group(0)} is not secure (http://, not https://).",
                "Change it to https:// and check the page still opens. If the site has no https "
                "version, find the same facts on a site that does.")
        for number, line in lines for match in _HTTP.finditer(strip_code_spans(line))
    ]


def prose_findings(filename: str, found: list[Sentence], avoid: list[AvoidEntry],
                   known_abbreviations: dict[str, str]) -> list[Finding]:
    return (long_sentences(filename, found) + words_to_avoid(filename, found, avoid)
            + abbreviations(filename, found, known_abbreviations))


# --- advice for one UK nation -------------------------------------------------------------

_NATION_BOX = re.compile(r"^\s*/{3,}\s*nation\s*\|\s*(.*?)\s*$")


def nation_boxes(filename: str, lines: Iterable[tuple[int, str]]) -> list[Finding]:
    """A `/// nation | …` box must name nations: a mistyped one would be shown as plain text."""
    found = []
    for number, line in lines:
        match = _NATION_BOX.match(line)
        if match and nation_keys(match.group(1)) is None:
            found.append(finding(ERROR, "nation", filename, number,
                                 f"`{match.group(1)}` is not a UK nation, so this box would show as plain text.",
                                 "Write England, Wales, Scotland or Northern Ireland, or several joined by "
                                 "commas and \"and\", like `/// nation | Wales, Scotland and Northern Ireland`."))
    return found
