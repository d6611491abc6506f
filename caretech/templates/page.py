"""A template's page on the site, and the worksheet that becomes the calculator.

The hook swaps each template file's Markdown for `template_page(...)` before the rest of
the build reads it, so the page, the search and the print pack all see the same thing:
the text with fill-in fields marked, a download link with its type and size under the
title, and each sheet at the end (a log as an empty table to print, a worksheet as lines
to fill in by hand). `calculator_html` writes a worksheet so that it works on paper; the
calculator script (overrides/assets/javascripts/calculator.js) turns it into a live
calculator, using each result's formula from `data-formula`, already parsed (JSON).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from caretech.text.markdown_text import escape_markdown
from caretech.templates.fields import field_html, fields_to_html
from caretech.templates.formula import to_json, to_words
from caretech.readers.front_matter import read_front_matter
from caretech.templates.source import Sheet, Template, unit_word

DOWNLOAD_FOLDER = "downloads/templates"
KINDS = {
    "docx": ("Word document", "Edit it in Microsoft Word, LibreOffice Writer or Google Docs."),
    "xlsx": ("spreadsheet", "Edit it in Microsoft Excel, LibreOffice Calc or Google Sheets."),
}
# "calculator: <template>" in an HTML comment puts that template's worksheet on a guide.
CALCULATOR_MARKER = re.compile(r"^<!--\s*calculator:\s*([a-z0-9-]+)\s*-->\s*$", re.M)


def _unit_blank(unit: str) -> str:
    """A line to write a figure on, with its unit: "£ ________", "________ people"."""
    return "£ ________" if unit == "pounds" else f"________ {unit_word(unit)}".rstrip()


@dataclass(frozen=True)
class Download:
    template: Template
    size: int  # bytes

    @property
    def path(self) -> str:
        return f"{DOWNLOAD_FOLDER}/{self.template.download_name}"

    def size_text(self) -> str:
        kilobytes = max(1, round(self.size / 1000))
        return f"{kilobytes} KB"

    def link_text(self) -> str:
        kind = KINDS[self.template.download][0]
        return f"Download the {kind} (.{self.template.download}, {self.size_text()})"


def download_path(template: Template) -> str:
    return f"{DOWNLOAD_FOLDER}/{template.download_name}"


def template_page(text: str, download: Download) -> str:
    """The page's Markdown: the source with fields marked, the download box and the sheets."""
    front = read_front_matter(text)
    body = front.body
    template = download.template
    head = f"---\n{front.yaml_text}---\n\n" if front.found else ""
    box = download_box(download, page_uri=template.src_uri)
    body = fields_to_html(body)
    # The box goes straight under the title; if there is no title, at the top.
    lines = body.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    lines[at:at] = ["", box, ""]
    parts = ["\n".join(lines)]
    for sheet in template.sheets:
        parts.append(sheet_markdown(sheet, template.slug))
    return head + "\n\n".join(parts) + "\n"


def download_box(download: Download, page_uri: str) -> str:
    template = download.template
    depth = page_uri.count("/")
    href = "../" * depth + download.path
    kind_help = KINDS[template.download][1]
    fields = ""
    if template.fields:
        fields = f" Fill in the parts marked like this: {field_html(template.fields[0])}."
    return (
        f'<div class="ctg-template-download" markdown="1">\n\n'
        f"[{download.link_text()}]({href}){{ .md-button .md-button--primary download }}\n\n"
        f"{kind_help}{fields} Or print this page and fill it in by hand.\n\n"
        # Shown by fill-in.js when the reader has saved their details on this device.
        f'<p class="ctg-fill-in-note" hidden markdown="1">Your saved details will be filled in. '
        f"[Change your details]({'../' * (depth - 1)}index.md#your-details).</p>\n\n"
        f"</div>"
    )


# `<!-- your details form -->` on the templates page puts the form for YOUR_DETAILS there.
DETAILS_MARKER = re.compile(r"^<!--\s*your details form\s*-->\s*$", re.M)


def details_form_html(names: tuple[str, ...]) -> str:
    """The form where a reader enters their details once. Hidden until fill-in.js shows it:
    without the script nothing can be filled in, and downloads are the blank templates."""
    boxes = "\n".join(
        f'<div class="ctg-details-field"><label for="{_detail_id(name)}">{_h(name)}</label>'
        f'<input type="text" id="{_detail_id(name)}" name="{_h(name)}" autocomplete="off" spellcheck="false"></div>'
        for name in names)
    return (
        '<section class="ctg-details" aria-labelledby="your-details" hidden>\n'
        '<h2 id="your-details">Fill in your details once</h2>\n'
        "<p>Type your service's details here once. Every Word document and spreadsheet you download "
        "afterwards comes with them filled in. They are kept on this device only, in this browser. "
        "Nothing is sent anywhere. Leave a box empty to keep that blank in the downloads.</p>\n"
        # Not a <form>: the site's content rules allow none (nothing here is sent anywhere).
        '<div class="ctg-details-form">\n' + boxes + "\n"
        '<p class="ctg-details-buttons"><button type="button" class="md-button md-button--primary ctg-details-save">Save on this device</button>\n'
        '<button type="button" class="md-button ctg-details-clear">Clear my details</button></p>\n'
        '<p class="ctg-details-status" role="status"></p>\n'
        "</div>\n</section>\n"
    )


def _detail_id(name: str) -> str:
    return "ctg-detail-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def sheet_markdown(sheet: Sheet, slug: str) -> str:
    heading = f"## {_escape(sheet.name)}\n\n" + (f"{fields_to_html(_escape(sheet.intro))}\n\n" if sheet.intro else "")
    if sheet.lines:
        return heading + calculator_html(sheet, slug)
    header = "| " + " | ".join(_cell(c.heading) for c in sheet.columns) + " |"
    rule = "| " + " | ".join("---" for _ in sheet.columns) + " |"
    empty = "| " + " | ".join(" " for _ in sheet.columns) + " |"
    table = "\n".join([header, rule, *[empty] * sheet.print_rows])
    choices = [f"- **{_escape(c.heading)}:** write {_or_list(c.choices)}." for c in sheet.columns if c.choices]
    notes = "\n\n" + "\n".join(choices) if choices else ""
    return f"{heading}{table}{notes}\n"


def _or_list(items) -> str:
    items = [_escape(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def calculator_html(sheet: Sheet, slug: str) -> str:
    """The worksheet as raw HTML: lines to fill in on paper, made live by calculator.js."""
    boxes = {line.id: f"box {line.box}" for line in sheet.lines}
    inputs = [line.box for line in sheet.lines if line.is_input]
    results = [line.box for line in sheet.lines if not line.is_input]
    rows = []
    for line in sheet.lines:
        base = f"calc-{slug}-{line.id}"
        hint = f'<span class="ctg-calc-hint" id="{base}-hint">{_h(line.hint)}</span>' if line.hint else ""
        attrs = f'data-line="{line.id}" data-unit="{line.unit}"'
        if line.is_input:
            kind = "input"
            attrs += f' data-example="{_number_text(line.example)}"'
            how = ""
        else:
            kind = "result"
            attrs += f' data-formula="{_h(to_json(line.formula))}"' + (" data-headline" if line.headline else "")
            how = f'<span class="ctg-calc-sum">{_h(line.how or "Work out: " + to_words(line.formula, boxes))}</span>'
        rows.append(
            f'<tr class="ctg-calc-{kind}" {attrs}>'
            f'<th scope="row">{line.box}</th>'
            f'<td><span class="ctg-calc-label" id="{base}-label">{_h(line.label)}</span>{hint}{how}</td>'
            f'<td class="ctg-calc-value"><span class="ctg-calc-blank">{_unit_blank(line.unit)}</span></td></tr>'
        )
    examples = json.dumps([{"name": e.name, "figures": {k: _number_value(v) for k, v in e.figures}}
                           for e in sheet.worked_examples], separators=(",", ":"))
    worked = f' data-worked-examples="{_h(examples)}"' if sheet.worked_examples else ""
    return (
        f'<div class="ctg-calculator" data-calculator="{slug}"{worked}>\n'
        f'<p class="ctg-calc-how">On paper: fill in {_span(inputs)} with your own figures. '
        f"Then work out {_span(results)} in order, using the sum shown on each line.</p>\n"
        f'<table class="ctg-worksheet">\n<caption>{_h(sheet.name)}</caption>\n'
        '<thead><tr><th scope="col">Box</th><th scope="col">What</th><th scope="col">Your figure</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
        '<div class="ctg-calc-summary" role="status" aria-live="polite"></div>\n'
        "</div>\n"
    )


def insert_calculators(markdown: str, templates: dict[str, Template]) -> tuple[str, list[str]]:
    """Replace each calculator marker with its worksheet; return the names that matched nothing."""
    missing: list[str] = []

    def swap(match: re.Match) -> str:
        template = templates.get(match.group(1))
        sheet = next((s for s in template.sheets if s.lines), None) if template else None
        if sheet is None:
            missing.append(match.group(1))
            return match.group(0)
        return calculator_html(sheet, template.slug)

    return CALCULATOR_MARKER.sub(swap, markdown), missing


def _span(boxes: list[str]) -> str:
    """"boxes 1 to 7", or "boxes 1 and 2", or "box 1"."""
    if len(boxes) == 1:
        return f"box {boxes[0]}"
    return f"boxes {boxes[0]} to {boxes[-1]}" if len(boxes) > 2 else f"boxes {boxes[0]} and {boxes[1]}"


def _number_value(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _escape(text: str) -> str:
    """Plain text for a page or a cell; links in it still work."""
    return escape_markdown(text, keep="[]()#+-.!")


def _cell(text: str) -> str:
    return fields_to_html(_escape(text))
