"""Write a template as a spreadsheet (.xlsx) with XlsxWriter.

XlsxWriter is write-only and fast, and its files open cleanly in Excel, LibreOffice and
Google Sheets. Logs and registers get a bold, frozen header row that prints on every
page, column widths, drop-down lists for fixed choices, date checks and date formats.
Worksheets (sheets with `lines:`) get example figures in highlighted cells and real
formulas for the results, with their values worked out here too, so a file previewer
that never recalculates still shows the right answers. The last sheet, "About", holds
the template's text. Bytes are made reproducible by caretech.templates.reproducible.

Every sheet prints on A4 as a paper form: fitted to the page width, portrait or landscape
as its width needs, the header row on every page, the sheet's `print_rows` as ruled rows
tall enough to write in, and the sheet's name, the organisation ("[Your organisation]",
which the site's fill-in script can replace) and "Page n of m" in the header and footer.
"""

from __future__ import annotations

import datetime
import io

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from caretech.readers.dates import format_date
from caretech.templates.document import Element, markdown_tree, site_address
from caretech.templates.fields import FIELD, FIELD_CLASS, field_label
from caretech.templates.formula import evaluate, to_spreadsheet, to_words
from caretech.templates.source import Column, Sheet, Template, line_units, unit_word

AUTHOR = "Care Tech Guide"
ABOUT_SHEET = "About"
WORKSHEET_HEADINGS = ("Box", "What", "Your figure", "How it is worked out")
WORKSHEET_WIDTHS = (5, 36, 14, 34)
ABOUT_WIDTH = 64  # fits A4 portrait even where Calibri is replaced by a wider font (LibreOffice on Linux)
# Number formats by unit: results are whole pounds, inputs keep pence.
RESULT_FORMATS = {"pounds": "£#,##0", "months": "0.0", "hours": "#,##0", "minutes": "#,##0"}
INPUT_FORMATS = {"pounds": "£#,##0.00"}
COLUMN_FORMATS = {"date": "dd/mm/yyyy", "money": "£#,##0.00", "number": "#,##0.##"}
_FIELD_FILL, _INPUT_FILL, _HEADER_FILL = "#FFF2A8", "#FFF9D6", "#DDE3F5"
LINE_POINTS = 15  # one line of 11-point text: the default row height
WRITING_POINTS = 30  # a ruled row to write in by hand: about 1 cm
PORTRAIT_WIDTH = 110  # a sheet up to this many characters wide prints portrait, wider ones landscape
ORGANISATION = "Your organisation"  # the field every header names, when the template has it


def write_xlsx(template: Template, site_url: str) -> bytes:
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    when = datetime.datetime.combine(template.last_reviewed, datetime.time(12, 0))
    workbook.set_properties({
        "title": template.title, "subject": template.description, "author": AUTHOR,
        "manager": "", "company": AUTHOR, "category": "Template", "keywords": "care, template",
        "comments": f"From {AUTHOR}", "created": when,
    })
    formats = _Formats(workbook)
    for sheet in template.sheets:
        worksheet = workbook.add_worksheet(sheet.name)
        if sheet.lines:
            _write_lines(worksheet, sheet, formats)
        else:
            _write_columns(worksheet, sheet, formats)
        _set_up_page(worksheet, sheet.name, template, _sheet_width(sheet))
    about = workbook.add_worksheet(ABOUT_SHEET)
    _write_about(about, template, site_url, formats)
    _set_up_page(about, ABOUT_SHEET, template, ABOUT_WIDTH)
    workbook.close()
    return out.getvalue()


class _Formats:
    def __init__(self, workbook):
        add = workbook.add_format
        self.header = add({"bold": True, "bg_color": _HEADER_FILL, "bottom": 1, "text_wrap": True, "valign": "top"})
        self.text = add({"text_wrap": True, "valign": "top"})
        self.title = add({"bold": True, "font_size": 14})
        self.bold = add({"bold": True, "text_wrap": True, "valign": "top"})
        self.field = add({"bold": True, "bg_color": _FIELD_FILL})
        self.field_cell = add({"bg_color": _FIELD_FILL, "text_wrap": True, "valign": "top"})
        self.field_run = add({"bold": True})
        self.columns = {kind: add({"num_format": code, "valign": "top"}) for kind, code in COLUMN_FORMATS.items()}
        # The rows printed to write in: ruled all round, text wrapping.
        self.ruled = {kind: add({"num_format": COLUMN_FORMATS.get(kind, "General"), "valign": "top", "text_wrap": True,
                                 "border": 1}) for kind in ("text", "date", "number", "money", "choice")}
        # The unit is part of the number format ("12 people", "£3,000.00"), so a figure and its
        # unit never print run together.
        self.results = {unit: add({"bold": True, "valign": "top", "align": "left",
                                   "num_format": RESULT_FORMATS.get(unit, "#,##0.0") + _unit_suffix(unit)})
                        for unit in line_units()}
        self.inputs = {unit: add({"bg_color": _INPUT_FILL, "border": 1, "valign": "top", "align": "left",
                                  "num_format": INPUT_FORMATS.get(unit, "General") + _unit_suffix(unit)})
                       for unit in line_units()}


def _unit_suffix(unit: str) -> str:
    return f' "{unit_word(unit)}"' if unit_word(unit) else ""


def write_text(worksheet, row: int, col: int, text: str, formats: _Formats, base=None) -> None:
    """Text that may hold fill-in fields: each field bold as "[name]", on a highlighted cell."""
    pieces = FIELD.split(text)  # plain, field name, plain, field name, ...
    if len(pieces) == 1:
        worksheet.write_string(row, col, text, base or formats.text)
        return
    if len(pieces) == 3 and not pieces[0] and not pieces[2]:
        worksheet.write_string(row, col, field_label(pieces[1]), formats.field)
        return
    fragments: list = []
    for index, piece in enumerate(pieces):
        if index % 2:
            fragments += [formats.field_run, field_label(piece)]
        elif piece:
            fragments.append(piece)
    worksheet.write_rich_string(row, col, *fragments, formats.field_cell)


def fit_row(worksheet, row: int, cells: list[tuple[str, float]], minimum: int = 1) -> None:
    """Make a row tall enough for the wrapped text in it, given (text, column width) pairs.

    Excel grows rows to fit wrapped text when it opens a file, but LibreOffice keeps the default
    height, so long lines would overlap the row below. Setting the height here suits both."""
    lines = max([minimum, *(wrapped_lines(text, width) for text, width in cells)])
    if lines > 1:
        worksheet.set_row(row, LINE_POINTS * lines)


def wrapped_lines(text: str, width: float) -> int:
    """About how many lines `text` takes in a column `width` characters wide (bold text is a
    little wider, so each line is taken to hold nine tenths of that)."""
    room = max(int(width * 0.9), 1)
    count = 0
    for paragraph in FIELD.sub(lambda m: field_label(m.group(1)), text).split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                lines, used = lines + 1, len(word)
            else:
                used += len(word) + (1 if used else 0)
            while used > room:  # a word longer than the line, such as a web address, breaks onto more lines
                lines, used = lines + 1, used - room
        count += lines
    return count


# --- logs and registers -----------------------------------------------------------------

def _write_columns(worksheet, sheet: Sheet, formats: _Formats) -> None:
    last_row = sheet.rows  # row 0 is the header
    cells_by_id = {c.id: index for index, c in enumerate(sheet.columns) if c.id}
    for index, column in enumerate(sheet.columns):
        write_text(worksheet, 0, index, column.heading, formats, formats.header)
        worksheet.set_column(index, index, column.width, formats.columns.get(column.kind, formats.text))
        worksheet.data_validation(1, index, last_row, index, _validation(column))
        for row in range(1, sheet.print_rows + 1):  # ruled rows to write in; a formula writes over its cell
            worksheet.write_blank(row, index, None, formats.ruled[column.kind])
        if column.formula is not None:
            _write_row_formulas(worksheet, column, index, cells_by_id, last_row, sheet.print_rows, formats)
    fit_row(worksheet, 0, [(column.heading, column.width) for column in sheet.columns])
    for row in range(1, sheet.print_rows + 1):
        worksheet.set_row(row, WRITING_POINTS)
    worksheet.freeze_panes(1, 0)
    worksheet.autofilter(0, 0, last_row, len(sheet.columns) - 1)
    # The printed form is the header and the ruled rows. Rows typed below them are printed by
    # choosing "Print selection" (the About sheet says so).
    worksheet.print_area(0, 0, sheet.print_rows, len(sheet.columns) - 1)


def _sheet_width(sheet: Sheet) -> float:
    return sum(WORKSHEET_WIDTHS) if sheet.lines else sum(column.width for column in sheet.columns)


def _set_up_page(worksheet, name: str, template: Template, width: float) -> None:
    """A4, fitted to the page width, header row on every page, and the sheet's name, the
    organisation and "Page n of m" at the top and bottom of each page."""
    worksheet.set_paper(9)
    if width > PORTRAIT_WIDTH:
        worksheet.set_landscape()
    else:
        worksheet.set_portrait()
    worksheet.fit_to_pages(1, 0)
    worksheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.6)
    if name != ABOUT_SHEET:
        worksheet.repeat_rows(0)
    who = f"&R{_header_text(field_label(ORGANISATION))}" if ORGANISATION in template.fields else ""
    worksheet.set_header(f'&L&"-,Bold"{_header_text(name)}{who}', {"margin": 0.3})
    worksheet.set_footer(f"&L{_header_text(template.title)}&RPage &P of &N", {"margin": 0.3})


def _header_text(text: str) -> str:
    return text.replace("&", "&&")  # "&" starts a code in headers and footers


def _validation(column: Column) -> dict:
    tip = {"input_title": column.heading[:32], "input_message": column.note[:255]} if column.note else {}
    if column.kind == "choice":
        return {"validate": "list", "source": list(column.choices), "error_title": "Choose from the list",
                "error_message": f"Choose one of: {', '.join(column.choices)}."[:255], **tip}
    if column.kind == "date":
        return {"validate": "date", "criteria": ">=", "value": datetime.date(2000, 1, 1),
                "error_title": "Enter a date", "error_message": "Enter a date, like 29/11/2026.", **tip}
    if column.kind in ("number", "money"):
        return {"validate": "decimal", "criteria": ">=", "value": 0, "error_title": "Enter a number",
                "error_message": "Enter a number of 0 or more, like 12 or 12.50.", **tip}
    return {"validate": "any", **tip} if tip else {"validate": "any"}


def _write_row_formulas(worksheet, column: Column, index: int, cells_by_id: dict, last_row: int, ruled: int,
                        formats) -> None:
    names = column.formula.names()
    for row in range(1, last_row + 1):
        style = formats.ruled[column.kind] if row <= ruled else formats.columns.get(column.kind, formats.text)
        cells = {name: f"{xl_col_to_name(cells_by_id[name])}{row + 1}" for name in names}
        body = to_spreadsheet(column.formula, cells)[1:]
        # Empty until the first cell it uses is filled in.
        worksheet.write_formula(row, index, f'=IF({cells[names[0]]}="","",{body})', style, "")


# --- worksheets that work figures out -----------------------------------------------------

def line_cells(sheet: Sheet) -> dict[str, str]:
    """Line id -> the cell holding its figure (column C, one row per line below the header)."""
    return {line.id: f"C{row}" for row, line in enumerate(sheet.lines, 2)}


def _write_lines(worksheet, sheet: Sheet, formats: _Formats) -> None:
    cells = line_cells(sheet)
    boxes = {line.id: f"box {line.box}" for line in sheet.lines}
    values: dict[str, float | str] = {}
    widths = WORKSHEET_WIDTHS
    for col, (heading, width) in enumerate(zip(WORKSHEET_HEADINGS, widths)):
        worksheet.write_string(0, col, heading, formats.header)
        worksheet.set_column(col, col, width)
    for row, line in enumerate(sheet.lines, 1):
        worksheet.write_string(row, 0, line.box, formats.bold)
        write_text(worksheet, row, 1, line.label, formats, formats.bold if not line.is_input else formats.text)
        if line.is_input:
            values[line.id] = line.example
            worksheet.write_number(row, 2, line.example, formats.inputs[line.unit])
            worksheet.data_validation(row, 2, row, 2, {
                "validate": "decimal", "criteria": ">=", "value": 0, "error_title": "Enter a number",
                "error_message": "Enter a number of 0 or more, like 12 or 12.50.",
                "input_title": f"Box {line.box}", "input_message": (line.hint or "Fill in your own figure.")[:255]})
            how = f"Fill in your own figure. {line.hint}".strip()
        else:
            values[line.id] = evaluate(line.formula, values)
            worksheet.write_formula(row, 2, to_spreadsheet(line.formula, cells), formats.results[line.unit],
                                    values[line.id])
            how = line.how or to_words(line.formula, boxes)
        worksheet.write_string(row, 3, how, formats.text)
        fit_row(worksheet, row, [(line.label, widths[1]), (how, widths[3])], minimum=2)
    worksheet.freeze_panes(1, 0)


# --- the About sheet --------------------------------------------------------------------------

def _write_about(worksheet, template: Template, site_url: str, formats: _Formats) -> None:
    width = ABOUT_WIDTH
    worksheet.set_column(0, 0, width)
    rows: list[tuple[str, str]] = [("title", template.title), ("text", template.description)]
    if template.fields:
        rows.append(("text", "Fill in: " + ", ".join(f"[[{name}]]" for name in template.fields) + "."))
    for sheet in template.sheets:
        if sheet.intro:
            rows.append(("text", f"Sheet “{sheet.name}”: {sheet.intro}"))
        if sheet.columns:
            rows.append(("text", f"Sheet “{sheet.name}” prints {sheet.print_rows} empty ruled rows to fill in by hand. "
                                 "To print rows you have typed below those, select them and choose Print selection."))
    rows += _text_rows(markdown_tree(template.body).children, template, site_url)
    page = site_address(template.slug + ".md", template.src_uri, site_url)
    rows += [("text", f"From the {AUTHOR} template, last reviewed {format_date(template.last_reviewed)}. "
                      f"Check for a newer version at {page}")]
    for row, (kind, text) in enumerate(rows):
        style = {"title": formats.title, "heading": formats.bold}.get(kind, formats.text)
        write_text(worksheet, row, 0, text, formats, style)
        fit_row(worksheet, row, [(text, width)])


def _text_rows(nodes, template: Template, site_url: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for node in nodes:
        if isinstance(node, str):
            continue
        if node.tag in ("h1",):
            continue  # the title is already at the top
        if node.tag in ("h2", "h3", "h4"):
            rows.append(("heading", _inline_text(node, template, site_url)))
        elif node.tag in ("ul", "ol"):
            for number, item in enumerate((i for i in node.elements() if i.tag == "li"), 1):
                mark = f"{number}." if node.tag == "ol" else "•"
                rows.append(("text", f"{mark} {_inline_text(item, template, site_url)}"))
        elif node.tag == "table":
            continue  # logs' tables are the sheets themselves
        elif node.tag == "div":
            rows += _text_rows(node.children, template, site_url)
        else:
            rows.append(("text", _inline_text(node, template, site_url)))
    return [(kind, text) for kind, text in rows if text.strip()]


def _inline_text(node: Element, template: Template, site_url: str) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "span" and FIELD_CLASS in child.classes():
            parts.append(f"[[{child.text()[1:-1]}]]")
        elif child.tag == "a" and child.attrs.get("href"):
            parts.append(f"{child.text()} ({site_address(child.attrs['href'], template.src_uri, site_url)})")
        elif child.tag == "input":
            parts.append("☐")
        elif child.tag in ("ul", "ol"):
            continue
        else:
            parts.append(_inline_text(child, template, site_url))
    return " ".join("".join(parts).split())
