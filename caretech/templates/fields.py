"""Fill-in fields: the parts of a template a care service replaces with its own details.

Contributors write `[[Your organisation]]`. Every format shows it the same way, as the
name in single square brackets, marked out: "[Your organisation]" in a highlighted span
on the page (class `ctg-field`, styled in site.css for both colour schemes and print),
in bold on a highlight in the Word document, and in bold on a highlighted cell in the
spreadsheet.
"""

from __future__ import annotations

import html
import re

# The details a reader can enter once, on the templates page, to have every download
# filled in (overrides/assets/javascripts/fill-in.js). Each is a fill-in field that one or
# more templates use, spelt exactly the same; the build stops if one is used by none.
YOUR_DETAILS = (
    "Your organisation", "Manager's name", "Deputy's name", "Deputy's phone number", "On-call phone number",
    "Contact for lost phones", "IT support phone number", "IT support out-of-hours number", "Insurer's incident line",
    "Care records supplier phone number", "Internet provider fault line", "GP practice phone number",
    "Pharmacy phone number", "Where the breach log is", "Where the paper packs are",
)

FIELD = re.compile(r"\[\[([^\[\]\n]{1,60})\]\]")
FIELD_CLASS = "ctg-field"
# "[Your organisation]" written with one pair of brackets by mistake: a capital letter
# after "[", and no "(" / "[" / ":" after "]", so links, references and tick boxes are not caught.
SINGLE_BRACKET_FIELD = re.compile(r"(?<![\[\\!])\[([A-Z][^\[\]\n]{2,59})\](?![\]\[(:])")


def field_label(name: str) -> str:
    """How a field reads in every format: "[Your organisation]"."""
    return f"[{' '.join(name.split())}]"


def fields_in(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every fill-in field in `text`."""
    return [(m.start(), " ".join(m.group(1).split())) for m in FIELD.finditer(text)]


def field_html(name: str) -> str:
    # Brackets as entities, so Markdown never reads "[Your organisation]" as a link.
    label = html.escape(field_label(name)[1:-1])
    return f'<span class="{FIELD_CLASS}">&#91;{label}&#93;</span>'


def fields_to_html(markdown: str) -> str:
    """Markdown with every `[[field]]` turned into its span; code spans and blocks are left alone."""
    out, in_code = [], False
    for line in markdown.split("\n"):
        if re.match(r"^\s*(```|~~~)", line):
            in_code = not in_code
        if in_code:
            out.append(line)
            continue
        parts = re.split(r"(`+[^`]*`+)", line)
        out.append("".join(p if p.startswith("`") else FIELD.sub(lambda m: field_html(m.group(1)), p) for p in parts))
    return "\n".join(out)
