"""What the content check needs to know about a template, beyond a guide's checks.

- the template's own problems (fill-in fields declared and used, sheets, formulas);
- the words in its sheets (headings, labels, hints, intros), checked as sentences like
  the rest of the page;
- its lines with the declared fill-in fields taken out, so `[[Insert date]]` is allowed
  while TODO, TBC or "[insert name]" anywhere else is still placeholder text.
"""

from __future__ import annotations

from caretech.text.markdown_text import Sentence, plain_text
from caretech.text.text_stats import split_sentences
from caretech.problems import Problem
from caretech.templates.fields import FIELD
from caretech.templates.source import check_template_source, read_template_front_matter

_SHEET_TEXT = ("intro", "heading", "note", "label", "hint", "how")


def template_findings(text: str, filename: str, lines: list[tuple[int, str]]
                      ) -> tuple[list[Problem], list[Sentence], list[tuple[int, str]]]:
    document, front = read_template_front_matter(text, filename)
    if document is None:
        return [], [], lines  # the front-matter rule has already said why
    problems = check_template_source(document, front.body, front.body_line, filename)
    words: list[Sentence] = []
    sheets = document.data.get("sheets")
    for s_index, sheet in enumerate(sheets if isinstance(sheets, list) else []):
        if not isinstance(sheet, dict):
            continue
        parts = [((), sheet)] + [((key, i), item) for key in ("columns", "lines")
                                 for i, item in enumerate(sheet.get(key) or []) if isinstance(item, dict)]
        for where, item in parts:
            for field in _SHEET_TEXT:
                value = item.get(field)
                if isinstance(value, str):
                    line = document.line_of(("sheets", s_index, *where, field))
                    for _, sentence in split_sentences(plain_text(FIELD.sub(r"\1", value))):
                        words.append(Sentence(line, sentence, "item"))
    without_fields = [(number, FIELD.sub(" ", line)) for number, line in lines]
    return problems, words, without_fields
