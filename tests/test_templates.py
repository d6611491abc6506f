"""Templates and tools: sources checked with file:line errors, the formula language, and the
downloads in the built site opened with python-docx and openpyxl (headings, header rows,
fill-in fields, drop-down lists, dates, formulas), byte-identical from build to build,
and linked from guides and pathway results."""

from __future__ import annotations

import datetime
import functools
import html
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from docx.oxml.ns import qn

from caretech.stages.check import Project, check_paths
from caretech.problems import ContentError
from caretech.content.front_matter import load_front_matter_schema
from caretech.pathways import compile_pathway, load_schema
from caretech.templates import build_download, load_templates
from caretech.templates.formula import CellError, FormulaError, evaluate, parse, to_json, to_spreadsheet, to_words
from caretech.templates.source import load_template
from helpers import DOCS, ROOT, known_pages, run_mkdocs_build

SITE_URL = "https://care-tech-guide.github.io/care-tech-guide/"


@functools.cache
def shipped_templates() -> tuple[list, list]:
    """The shipped templates and their problems, read when a test first needs them (not at import,
    where a mistake in one would stop this whole file being collected)."""
    return load_templates(DOCS, load_front_matter_schema(), ROOT)


def by_slug() -> dict:
    return {t.slug: t for t in shipped_templates()[0]}


def test_shipped_templates_are_clean_and_at_least_eight():
    assert shipped_templates()[1] == []
    assert len(shipped_templates()[0]) >= 8
    assert {t.download for t in shipped_templates()[0]} == {"docx", "xlsx"}


# --- the formula language ------------------------------------------------------------------

def test_formula_written_three_ways():
    formula = parse("a - (b - c) / (d * e) + IF(f <= 0, \"Never\", f)")
    cells = {name: f"C{i}" for i, name in enumerate("abcdef", 2)}
    assert to_spreadsheet(formula, cells) == '=C2-(C3-C4)/(C5*C6)+IF(C7<=0,"Never",C7)'
    assert to_words(formula, {n: n.upper() for n in "abcdef"}) == 'A − (B − C) ÷ (D × E) + IF(F <= 0, "Never", F)'


@pytest.mark.parametrize("text, expected", [
    ("=C2*C3*52/60", 12 * 20 * 52 / 60),
    ("=IF(C2<=0,\"Never\",C3/C2)", 20 / 12),
    ("=IF(C2-12<=0,\"Never\",C3/C2)", "Never"),
    ("=-C2+ROUND(2.5,0)+MIN(1,C3)-MAX(C2,3)", -12 + 3 + 1 - 12),
    ("=C4=\"\"", True),
])
def test_evaluate_like_a_spreadsheet(text, expected):
    assert evaluate(text, {"C2": 12, "C3": 20, "C4": None}) == expected


def test_shared_formula_cases_in_python():
    """The same table the browser test gives the page's script (tests/browser/test_calculator.py)."""
    cases = formula_cases()
    assert len(cases) > 30 and {"IF(1, \"a\", \"b\") + 1", "==1", "IF(a > 1, 2)"} <= {c["formula"] for c in cases}
    for case in cases:
        if case.get("unreadable"):
            with pytest.raises(FormulaError):
                parse(case["formula"])
            continue
        assert json.loads(to_json(parse(case["formula"]))), case  # what the page's script gets
        assert python_answer(case) == expected_answer(case), case


def formula_cases() -> list[dict]:
    return yaml.safe_load((ROOT / "tests" / "fixtures" / "formula_cases.yml").read_text())


def python_answer(case: dict) -> dict:
    try:
        return {"result": evaluate(case["formula"], case["values"])}
    except CellError as error:
        return {"error": error.code}


def expected_answer(case: dict) -> dict:
    return {"error": case["error"]} if "error" in case else {"result": case["result"]}


@pytest.mark.parametrize("text, words", [
    ("IF(a>1,2)", "IF() needs 3 values, separated by commas, but this one has 2"),
    ("ROUND(a)", "ROUND() needs 2 values"),
    ("==1", "where a number or an id should be"),
])
def test_wrong_argument_counts_are_named(text, words):
    with pytest.raises(FormulaError, match=re.escape(words)):
        parse(text)


def test_a_bad_if_stops_the_build_with_file_and_line_not_a_traceback():
    found = problems_for(GOOD.replace("formula: found + 3", "formula: IF(found > 1, 2)"))
    assert any(f.startswith("docs/templates/test.md:25:") and "IF() needs 3 values" in f for f in found), found


@pytest.mark.parametrize("text", ["a +", "a $ b", "SUM(a)", "(a", "a b"])
def test_unreadable_formulas_raise(text):
    with pytest.raises(FormulaError):
        parse(text)


# --- bad sources: every mistake named with its file and line -------------------------------

GOOD = """---
title: A test template
description: A template used only by the tests, to check mistakes are found.
audience: [managers]
last_reviewed: 2026-11-29
next_review: 2027-05-29
sources:
  - title: "ICO: one"
    url: https://ico.org.uk/
  - title: "NCSC: two"
    url: https://www.ncsc.gov.uk/
download: xlsx
fields: [Your organisation]
sheets:
  - name: Log
    columns:
      - heading: Date found
        id: found
        type: date
      - heading: Risk
        type: choice
        choices: [Low, High]
      - heading: Due
        type: date
        formula: found + 3
---

# A test template

For [[Your organisation]].
"""


def problems_for(text: str) -> list[str]:
    template, problems = load_template(text, "docs/templates/test.md", "templates/test.md", load_front_matter_schema())
    assert (template is None) == bool(problems)
    return [f"{p.file}:{p.line}: {p.message} | {p.fix}" for p in problems]


def test_a_good_source_loads():
    assert problems_for(GOOD) == []


@pytest.mark.parametrize("change, line, words", [
    (("download: xlsx", "download: pdf"), 12, "not one of the choices"),
    (("        choices: [Low, High]\n", ""), 20, "is a choice but has no `choices:`"),
    (("formula: found + 3", "formula: fund + 3"), 25, "Did you mean `found`?"),
    (("formula: found + 3", "formula: found +"), 25, "cannot be read"),
    (("      - heading: Risk\n", "      - heading: Risk\n        colour: red\n"), 21, "`colour` is not a field"),
    (("For [[Your organisation]].", "For [[Your organization]]."), 30, "Did you mean [[Your organisation]]?"),
    (("For [[Your organisation]].", "For [[Your organisation]] and [Manager name]."), 30, "one pair of brackets"),
    (("fields: [Your organisation]", "fields: [Your organisation, Manager]"), 13, "never used"),
    (("  - name: Log\n", "  - name: Log\n    lines:\n      - id: a\n        label: A line\n        unit: people\n        example: 1\n"),
     15, "not both"),
    (("download: xlsx", "download: xlsx\nlarge_print: true"), 13, "`large_print:` is for Word documents"),
])
def test_bad_sources_name_file_line_and_fix(change, line, words):
    text = GOOD.replace(*change)
    assert text != GOOD
    found = problems_for(text)
    assert any(f.startswith(f"docs/templates/test.md:{line}:") and words in f for f in found), found


def test_a_word_template_cannot_have_sheets_and_a_spreadsheet_needs_them():
    assert any("cannot have `sheets:`" in f for f in problems_for(GOOD.replace("download: xlsx", "download: docx")))
    no_sheets = GOOD.split("sheets:")[0] + "---\n\n# T\n\nFor [[Your organisation]].\n"
    assert any(":12: A spreadsheet template needs `sheets:`" in f for f in problems_for(no_sheets))


def test_content_check_allows_declared_fields_and_catches_other_placeholders(tmp_path):
    folder = tmp_path / "docs" / "templates"
    folder.mkdir(parents=True)
    good = GOOD.replace("fields: [Your organisation]", "fields: [Your organisation, Insert date]").replace(
        "For [[Your organisation]].", "For [[Your organisation]], from [[Insert date]].")
    (folder / "good.md").write_text(good)
    (folder / "bad.md").write_text(GOOD.replace("For [[Your organisation]].", "For [[Your organisation]]. TODO: TBC."))
    project = Project.load(ROOT, datetime.date(2026, 11, 29))
    _, found = check_paths([folder], project)
    placeholders = [(Path(f.problem.file).name, f.problem.line) for f in found if f.rule == "placeholder"]
    assert placeholders == [("bad.md", 30), ("bad.md", 30)]


def test_a_pathway_result_naming_a_missing_template_stops_with_file_and_line():
    text = (ROOT / "pathways" / "wifi-check.yml").read_text()
    assert "      - templates/wifi-survey.md" in text
    broken = text.replace("      - templates/wifi-survey.md", "      - templates/wifi-servey.md", 1)
    line = broken.split("\n").index("      - templates/wifi-servey.md") + 1
    _, problems = compile_pathway(broken, "pathways/wifi-check.yml", load_schema(ROOT / "pathways" / "schema.json"),
                                  known_pages())
    assert [(p.line, p.message) for p in problems] == [(line, "The template `templates/wifi-servey.md` does not exist.")]
    assert "Did you mean `templates/wifi-survey.md`?" in problems[0].fix


# --- the downloads in the built site -------------------------------------------------------

def downloads(built_site: Path) -> dict[str, Path]:
    return {p.stem: p for p in (built_site / "downloads" / "templates").iterdir()}


def test_every_template_has_a_page_with_a_download_link_and_a_download(built_site):
    files = downloads(built_site)
    assert set(files) == set(by_slug())
    for slug, template in by_slug().items():
        page = (built_site / "templates" / slug / "index.html").read_text()
        kind = "Word document" if template.download == "docx" else "spreadsheet"
        link = re.search(r'<a class="md-button md-button--primary" download href="([^"]+)">([^<]+)</a>', page)
        assert link, slug
        assert link.group(1) == f"../../downloads/templates/{slug}.{template.download}"
        size = round(files[slug].stat().st_size / 1000)
        assert link.group(2) == f"Download the {kind} (.{template.download}, {size} KB)"
        # every fill-in field became its marked span ("[[" in a parsed formula's JSON is not one)
        assert "[[" not in re.sub(r'data-formula="[^"]*"', "", page)
        assert f'>templates/{slug}.md<' not in page


def test_two_builds_give_identical_downloads(built_site):
    """The build's files against a second, separate build of each one, made later in another process."""
    for slug, path in downloads(built_site).items():
        again = build_download(by_slug()[slug], SITE_URL, docs=DOCS)
        assert again == path.read_bytes(), f"{slug} differs between builds"
        with zipfile.ZipFile(io.BytesIO(again)) as archive:
            assert archive.namelist()[0] == "[Content_Types].xml"
            reviewed = by_slug()[slug].last_reviewed  # every file in it is dated noon on that day
            assert {info.date_time for info in archive.infolist()} == {(reviewed.year, reviewed.month, reviewed.day, 12, 0, 0)}


def word_documents(built_site):
    return [(slug, docx.Document(path)) for slug, path in downloads(built_site).items() if path.suffix == ".docx"]


def test_word_documents_have_headings_header_rows_fields_and_links(built_site):
    found = word_documents(built_site)
    assert len(found) >= 4
    for slug, document in found:
        template = by_slug()[slug]
        styles = [p.style.name for p in document.paragraphs]
        assert styles[0] == "Heading 1" and "Heading 2" in styles, slug
        text = "\n".join(p.text for p in document.paragraphs) + "".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells)
        for name in template.fields:  # each field, shown as "[name]", bold on a highlight
            assert f"[{name}]" in text, (slug, name)
        field_runs = [r for p in document.paragraphs for r in p.runs if r.text.startswith("[")]
        assert field_runs and all(r.bold and r.font.highlight_color is not None for r in field_runs), slug
        for table in document.tables:
            first = table.rows[0]._tr
            assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None, slug
            assert all(r.bold for c in table.rows[0].cells for p in c.paragraphs for r in p.runs), slug
        props = document.core_properties
        assert (props.title, props.language, props.author) == (template.title, "en-GB", "Care Tech Guide")
        links = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
        assert f"{SITE_URL}templates/{slug}/" in links, slug
        assert not any(link.endswith(".md") for link in links), slug  # guide links point at the site


def test_numbered_lists_each_start_at_one(built_site):
    document = dict(word_documents(built_site))["system-down-plan"]
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert len(numbered) == 10 and len(set(ids)) == 2  # "First steps" (4) and "Getting back to normal" (6)
    numbering = document.part.numbering_part.element
    for num_id in set(ids):
        start = numbering.num_having_numId(num_id).find(qn("w:lvlOverride")).find(qn("w:startOverride"))
        assert start.get(qn("w:val")) == "1"


def workbooks(built_site):
    return [(slug, openpyxl.load_workbook(path)) for slug, path in downloads(built_site).items() if path.suffix == ".xlsx"]


def test_spreadsheets_have_frozen_bold_headers_widths_lists_and_dates(built_site):
    found = workbooks(built_site)
    assert len(found) >= 4
    for slug, book in found:
        template = by_slug()[slug]
        assert book.sheetnames == [s.name for s in template.sheets] + ["About"]
        for sheet in template.sheets:
            ws = book[sheet.name]
            assert ws.freeze_panes == "A2", (slug, sheet.name)
            assert all(cell.font.b for cell in ws[1] if cell.value), (slug, sheet.name)
            validations = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}
            for index, column in enumerate(sheet.columns, 1):
                letter = openpyxl.utils.get_column_letter(index)
                assert ws.cell(1, index).value == column.heading
                # Columns side by side with the same settings are stored as one range.
                dimension = next(d for d in ws.column_dimensions.values() if d.min <= index <= d.max)
                assert dimension.width == pytest.approx(column.width, abs=1)  # plus Excel's padding
                rule = validations.get(f"{letter}2")
                if column.kind == "choice":
                    assert rule.type == "list" and rule.formula1 == '"' + ",".join(column.choices) + '"'
                if column.kind == "date":
                    assert rule.type == "date"
                    assert dimension.number_format == "dd/mm/yyyy"
                if column.formula is not None:
                    assert str(ws.cell(2, index).value).startswith("=IF(")
        about = "\n".join(str(row[0]) for row in book["About"].iter_rows(values_only=True) if row[0])
        assert template.title in about and "last reviewed" in about
        for name in template.fields:
            assert f"[{name}]" in about


def test_breach_log_works_out_the_date_to_report_by(built_site):
    book = openpyxl.load_workbook(downloads(built_site)["data-breach-log"])
    ws = book["What happened"]
    formula = ws["D2"].value
    assert formula == '=IF(B2="","",B2+3)'
    assert evaluate(formula, {"B2": 46000}) == 46003 and evaluate(formula, {"B2": None}) == ""
    assert ws.column_dimensions["B"].number_format == "dd/mm/yyyy"


# --- links -----------------------------------------------------------------------------------

def test_guides_and_pathway_results_link_to_templates(built_site):
    linking_guides = {}
    for page in (built_site).rglob("index.html"):
        rel = page.relative_to(built_site).parent.as_posix()
        if rel.startswith(("templates", "maintainers")) or rel.endswith("print") or "/" not in rel:
            continue
        for slug in re.findall(r'href="(?:\.\./)+templates/([a-z0-9-]+)/"', page.read_text()):
            linking_guides.setdefault(slug, set()).add(rel)
    guides = {g for pages in linking_guides.values() for g in pages if not g.startswith("pathways/")}
    results = {g for pages in linking_guides.values() for g in pages if g.startswith("pathways/")}
    assert len(guides) >= 6, guides
    assert set(by_slug()) <= set(linking_guides), set(by_slug()) - set(linking_guides)
    outcomes_with_templates = sum(
        len(re.findall(r'class="ctg-templates-title"', (built_site / p / "index.html").read_text())) for p in results)
    assert outcomes_with_templates >= 3


def test_the_print_pack_holds_every_template(built_site):
    pack = (built_site / "templates" / "print" / "index.html").read_text()
    for template in shipped_templates()[0]:
        assert f'id="{template.slug}"' in pack
    assert "ctg-field" in pack and "ctg-calculator" in pack


def test_rows_with_long_wrapped_text_are_tall_enough_to_read(built_site):
    """LibreOffice keeps a row's stored height when it opens a file, so a row whose text wraps
    onto several lines must be stored that tall, or the lines overlap the row below."""
    from caretech.templates.xlsx_writer import LINE_POINTS, wrapped_lines

    checked = 0
    for slug, book in workbooks(built_site):
        for ws in book.worksheets:
            def width(column: int) -> float:  # side-by-side columns alike are stored as one range
                return next((d.width - 0.7 for d in ws.column_dimensions.values() if d.min <= column <= d.max), 8.43)

            for row in ws.iter_rows():
                needed = max((wrapped_lines(str(cell.value), width(cell.column))
                              for cell in row if isinstance(cell.value, str) and not cell.value.startswith("=")),
                             default=1)
                if needed > 1:
                    height = ws.row_dimensions[row[0].row].height
                    assert height and height >= LINE_POINTS * needed, (slug, ws.title, row[0].row, height, needed)
                    checked += 1
    assert checked > 10


# --- print: every spreadsheet is a paper form, every Word document keeps its parts together ---

def test_every_working_sheet_prints_as_a_ruled_form_with_title_organisation_and_page_numbers(built_site):
    from caretech.templates.xlsx_writer import PORTRAIT_WIDTH, WRITING_POINTS

    for slug, book in workbooks(built_site):
        template = by_slug()[slug]
        for sheet in template.sheets:
            ws = book[sheet.name]
            setup = ws.page_setup
            assert setup.paperSize == 9 and ws.sheet_properties.pageSetUpPr.fitToPage, (slug, sheet.name)
            assert (setup.fitToWidth, setup.fitToHeight) in ((1, 0), (None, 0)), (slug, sheet.name)
            width = sum(c.width for c in sheet.columns) if sheet.columns else 89
            assert setup.orientation == ("landscape" if width > PORTRAIT_WIDTH else "portrait"), (slug, sheet.name)
            assert ws.print_title_rows == "$1:$1", (slug, sheet.name)  # the header row on every page
            assert ws.oddHeader.left.text.endswith(sheet.name) and ws.oddHeader.right.text == "[Your organisation]"
            assert ws.oddFooter.right.text == "Page &P of &N" and ws.oddFooter.left.text == template.title
            if sheet.columns:
                last = openpyxl.utils.get_column_letter(len(sheet.columns))
                assert ws.print_area == f"'{sheet.name}'!$A$1:${last}${sheet.print_rows + 1}", (slug, sheet.name)
                for row in range(2, sheet.print_rows + 2):  # ruled rows, tall enough to write in
                    assert ws.row_dimensions[row].height == WRITING_POINTS, (slug, sheet.name, row)
                    assert all(ws.cell(row, col).border.bottom.style == "thin"
                               for col in range(1, len(sheet.columns) + 1)), (slug, sheet.name, row)
        about = book["About"]
        assert about.page_setup.orientation == "portrait" and about.sheet_properties.pageSetUpPr.fitToPage
    assert by_slug()["wifi-survey"].sheets[0].print_rows == 14  # the source asks for 14


def test_worksheet_figures_print_with_their_units_spaced():
    from caretech.templates.xlsx_writer import _unit_suffix

    assert _unit_suffix("people") == ' "people"' and _unit_suffix("pounds") == ""


def test_word_documents_keep_headings_with_what_follows_and_leave_room_to_write(built_site):
    found = dict(word_documents(built_site))
    for slug, document in found.items():
        headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert all(p.paragraph_format.keep_with_next for p in headings), slug
        for table in document.tables:
            assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows), slug
    supplier = found["supplier-questions"]
    answers = [row for table in supplier.tables for row in table.rows[1:]]
    assert answers and all(row.height is not None and row.height.cm >= 3 for row in answers)
    policy = found["staff-phones-policy"]
    sign_off = next(p for p in policy.paragraphs if p.text == "Sign-off sheet")
    assert sign_off.paragraph_format.page_break_before
    assert [c.text for c in policy.tables[-1].rows[0].cells][-1] == "Manager's signature"


# --- each template complete for its job ------------------------------------------------------

def sheet_headings(slug: str) -> str:
    return " | ".join(c.heading for s in by_slug()[slug].sheets for c in s.columns)


@pytest.mark.parametrize("slug, needed", [
    ("data-breach-log", ["When it happened", "Date found", "Cause", "How many people", "How many records",
                         "Likely consequences", "Date reported", "Reported through", "Reference number",
                         "reason for any delay", "Regulator told", "Police or Report Fraud told", "Insurer told"]),
    ("device-register", ["Encrypted", "Updates automatic", "Anti-malware on", "Date bought", "Date it went",
                         "Find, lock and wipe set up (work devices only)"]),
])
def test_logs_have_the_columns_their_job_needs(slug, needed):
    headings = sheet_headings(slug)
    for words in needed:
        assert words in headings, words
    if slug == "data-breach-log":
        column = next(c for s in by_slug()[slug].sheets for c in s.columns if c.heading == "Reported through")
        assert column.choices[:2] == ("DSPT incident tool", "ICO")


@pytest.mark.parametrize("slug, needed", [
    ("system-down-plan", ["[[Deputy's name]] decides", "[[Insurer's incident line]]", "[[IT support out-of-hours number]]",
                          "[[GP practice phone number]]", "[[Pharmacy phone number]]", "last had each dose",
                          "regulation 18(2)(g)", "more than 24 hours", "## Getting back to normal",
                          "Never wipe their whole phone", "First write down what was on it"]),
    ("breach-first-hour-checklist", ["first write down what was on it", "Never wipe their whole phone",
                                     "[[Insurer's incident line]]", "Report Fraud", "Police Scotland", "incident reporting tool",
                                     "report straight to the ICO", "Care Inspectorate Wales", "Regulation and Quality Improvement Authority"]),
    ("staff-phones-policy", ["## If the policy is not followed", "message previews", "Manager's signature",
                             "Policy agreed on [[Date agreed]]", "never wipe your whole phone"]),
    ("supplier-questions", ["assured supplier list", "Data Security and Protection Toolkit (DSPT) status",
                            "data processing contract", "back up our data", "restore"]),
])
def test_documents_have_what_their_job_needs(slug, needed):
    body = by_slug()[slug].body
    for words in needed:
        assert words in body, words
    assert "lock it and wipe it from another device" not in body


def test_no_template_page_says_wipe_for_any_lost_phone():
    for template in shipped_templates()[0]:
        assert "Lock it and wipe it from another device" not in template.body, template.slug


def test_the_guides_worked_examples_equal_the_worksheet_to_the_pound():
    """docs/start-here/business-case.md states each result the worksheet gives for its worked examples."""
    sheet = by_slug()["business-case-worksheet"].sheets[0]
    guide = (ROOT / "docs" / "start-here" / "business-case.md").read_text()
    worked = guide[guide.index("## Two worked examples"):guide.index("## Typical costs")]
    pounds = lambda value: f"£{round(value):,}"  # noqa: E731
    assert [e.name for e in sheet.worked_examples] == ["care home example", "home care example"]
    results = []
    for example in sheet.worked_examples:
        values: dict = dict(example.figures)
        for line in sheet.lines:
            if not line.is_input:
                values[line.id] = evaluate(line.formula, values)
        results.append(values)
        for figure in (values["yearly_saving"], values["yearly_saving"] * 3, values["training_cost"],
                       values["three_year_cost"]):
            assert pounds(figure) in worked, (example.name, pounds(figure))
        assert f"about {round(values['hours_saved']):,} hours" in worked
    assert pounds(results[0]["yearly_saving"] / 2) in worked  # "if you only save half the time"
    assert f"about {results[0]['payback']:.1f} months" in worked
    assert pounds(results[0]["yearly_saving"]) == "£12,337" and pounds(results[0]["yearly_saving"] * 3) == "£37,012"


def test_a_worked_example_must_give_every_input_and_nothing_else():
    sheet = by_slug()["business-case-worksheet"].source
    text = (ROOT / sheet).read_text()
    broken = text.replace("figures: {staff: 14, minutes_saved: 20,", "figures: {staf: 14, minutes_saved: 20,")
    template, problems = load_template(broken, sheet, "templates/business-case-worksheet.md", load_front_matter_schema())
    line = broken.split("\n").index(next(l for l in broken.split("\n") if "staf: 14" in l)) + 1
    assert template is None and [(p.line, p.message) for p in problems] == [
        (line, "Worked example 1 has no figure for `staff` and has `staf`, which is not a line people fill in.")]


def test_every_detail_in_the_fill_in_form_is_a_field_some_template_uses():
    from caretech.templates.fields import YOUR_DETAILS

    used = {name for t in shipped_templates()[0] for name in t.fields}
    assert set(YOUR_DETAILS) <= used, set(YOUR_DETAILS) - used
    assert len(YOUR_DETAILS) == len(set(YOUR_DETAILS))


def test_the_templates_page_has_the_details_form_hidden_until_the_script_shows_it(built_site):
    from caretech.templates.fields import YOUR_DETAILS

    page = (built_site / "templates" / "index.html").read_text()
    assert '<section class="ctg-details" aria-labelledby="your-details" hidden>' in page
    labels = re.findall(r'<label for="(ctg-detail-[a-z0-9-]+)">([^<]+)</label><input type="text" id="\1"', page)
    assert [html.unescape(name) for _, name in labels] == list(YOUR_DETAILS)


# --- large print and pictures (the Easy Read notice) -----------------------------------------

def test_large_print_sets_16_point_text_and_bigger_headings(built_site):
    found = dict(word_documents(built_site))
    assert by_slug()["privacy-notice-easy-read"].large_print
    styles = found["privacy-notice-easy-read"].styles
    assert styles["Normal"].font.size.pt == 16
    assert [styles[f"Heading {n}"].font.size.pt for n in (1, 2, 3)] == [24, 20, 18]
    assert not any(r.italic for p in found["privacy-notice-easy-read"].paragraphs for r in p.runs)
    others = [slug for slug in found if not by_slug()[slug].large_print]
    assert others and all(found[slug].styles["Normal"].font.size.pt == 11 for slug in others)


def test_the_easy_read_notice_has_a_described_picture_beside_each_idea(built_site):
    document = dict(word_documents(built_site))["privacy-notice-easy-read"]
    alts = re.findall(r'<img src="\.\./images/easy-read-[a-z-]+\.svg" alt="([^"]+)">',
                      by_slug()["privacy-notice-easy-read"].body)
    [table] = document.tables
    ideas = table.rows[1:]
    assert len(ideas) == len(alts) >= 10
    for row, alt in zip(ideas, alts):
        picture, words = row.cells
        described = [d.get("descr") for d in picture._tc.iter(qn("wp:docPr"))]
        assert described == [alt] and alt.strip()
        assert words.text.strip() and not list(words._tc.iter(qn("wp:docPr")))
    shapes = document.inline_shapes
    assert len(shapes) == len(alts)
    assert all(2.5 <= shape.width.cm <= 3 for shape in shapes)
    assert {p.content_type for p in document.part.package.parts if "media" in str(p.partname)} == {"image/png"}


PICTURED = GOOD.split("download: xlsx")[0] + """download: docx
large_print: true
fields: [Your organisation]
---

# A test template

| Picture | What it means |
| --- | --- |
| <img src="../images/good.svg" alt="A padlock."> | For [[Your organisation]]. |
"""


def pictured_template(docs: Path, rows: str = ""):
    """A Word template with pictures, in a docs/ folder of its own with one good drawing."""
    (docs / "templates" / "images").mkdir(parents=True, exist_ok=True)
    (docs / "templates" / "images" / "good.svg").write_bytes((DOCS / "templates" / "images" / "easy-read-safe.svg").read_bytes())
    template, problems = load_template(PICTURED + rows, "docs/templates/test.md", "templates/test.md",
                                       load_front_matter_schema())
    assert not problems, problems
    return template


def test_a_picture_that_cannot_be_read_stops_with_file_and_line(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "templates" / "images").mkdir(parents=True)
    (docs / "templates" / "images" / "broken.svg").write_text("<svg xmlns=", encoding="utf-8")
    template = pictured_template(docs, '| <img src="../images/broken.svg" alt="Broken."> | One. |\n'
                                       '| <img src="../images/missing.svg" alt="Missing."> | Two. |\n'
                                       '| <img src="https://example.org/x.png" alt="Far away."> | Three. |\n'
                                       '| <img src="../images/good.svg"> | Four. |\n')
    lines = [PICTURED.count("\n") + n for n in (1, 2, 3, 4)]
    with pytest.raises(ContentError) as stopped:
        build_download(template, SITE_URL, docs=docs)
    found = [(p.file, p.line, p.message) for p in stopped.value.problems]
    assert [(file, line) for file, line, _ in found] == [("docs/templates/test.md", line) for line in lines]
    assert "cannot be read as an SVG drawing" in found[0][2]
    assert "there is no docs/templates/images/missing.svg" in found[1][2]
    assert "not an SVG drawing in docs/" in found[2][2]
    assert "has no alt text" in found[3][2]
    assert all(p.fix for p in stopped.value.problems)
    assert "Traceback" not in str(stopped.value)


def test_a_broken_picture_stops_the_real_build_with_a_plain_message(tmp_path: Path):
    from test_build import copy_project

    project = copy_project(tmp_path)
    (project / "docs" / "templates" / "images" / "easy-read-safe.svg").write_text("not a drawing", encoding="utf-8")
    result = run_mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    text = (DOCS / "templates" / "privacy-notice-easy-read.md").read_text(encoding="utf-8")
    line = text[: text.index("easy-read-safe.svg")].count("\n") + 1
    assert result.returncode != 0
    assert f"docs/templates/privacy-notice-easy-read.md:{line}:" in output and "cannot be read" in output, output
    assert "How to fix:" in output and "Traceback" not in output


def test_a_picture_goes_in_the_word_document_with_its_description(tmp_path: Path):
    data = build_download(pictured_template(tmp_path / "docs"), SITE_URL, docs=tmp_path / "docs")
    document = docx.Document(io.BytesIO(data))
    assert [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))] == ["A padlock."]
    assert document.styles["Normal"].font.size.pt == 16


def test_word_downloads_use_only_extensions_the_site_uses():
    """templates/document.py's list is a subset of mkdocs.yml's, so a download never reads
    Markdown differently from its page."""
    from caretech.content.site_markdown import site_extensions
    from caretech.templates.document import WORD_EXTENSIONS

    names, _ = site_extensions(ROOT / "mkdocs.yml")
    assert set(WORD_EXTENSIONS) <= set(names)


def test_every_unit_in_the_schema_has_a_blank_and_a_spreadsheet_format():
    """Units are named once, in template.schema.json; the page and the spreadsheet follow it."""
    from caretech.templates.page import _unit_blank
    from caretech.templates.source import line_units, unit_word
    from caretech.templates.xlsx_writer import _unit_suffix

    assert "pounds" in line_units() and "people" in line_units()
    for unit in line_units():
        assert "________" in _unit_blank(unit)
        assert (unit_word(unit) in _unit_blank(unit)) and (unit_word(unit) in _unit_suffix(unit))
