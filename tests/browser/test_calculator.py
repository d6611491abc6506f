"""The business case calculator in real Chromium: the same answers as the spreadsheet's own
formulas (evaluated in Python) for a table of inputs, the shared formula cases answered alike
by the page's evaluator and by Python, the worked example buttons giving the guide's figures,
clear messages for bad inputs, keyboard and 375 px use, axe in both colour schemes, and
"Templates for this" on a printed pathway result."""

from __future__ import annotations

import math
import re

import json

import openpyxl
import pytest
import yaml

from caretech.templates.formula import CellError, evaluate, parse, to_json
from helpers import ROOT
from conftest import axe_violations, describe_violations
from site_addresses import address

pytestmark = pytest.mark.browser

PAGE = "start-here/business-case/index.html"
CALC = ".ctg-calculator[data-calculator='business-case-worksheet']"
INPUTS = ("staff", "minutes_saved", "shifts", "pay", "setup", "licence", "training_hours")
CASES = [
    (12, 20, 4, 14, 3000, 250, 6),          # the example figures
    (3, 15, 5, 12.71, 1200.5, 89.99, 2.5),  # pence and halves
    (1, 5, 2, 11, 500, 400, 3),             # costs more each month than it saves: never pays back
    (40, 0, 5, 13, 0, 0, 0),                # nothing saved, nothing spent
    (250, 45, 7, 18.5, 250000, 4200, 12),   # a large group
]


def line_ids(built_site) -> list[str]:
    """The worksheet's lines in order, as the page lists them (the spreadsheet has one row each)."""
    html = (built_site / PAGE).read_text()
    return re.findall(r'<tr class="ctg-calc-(?:input|result)" data-line="([a-z_]+)"', html)


def spreadsheet_answers(built_site, figures) -> dict[str, float | str]:
    """Each result, from the downloaded spreadsheet's own formulas with these figures in column C."""
    sheet = openpyxl.load_workbook(built_site / "downloads" / "templates" / "business-case-worksheet.xlsx")["Business case"]
    given = dict(zip(INPUTS, figures))
    cells: dict[str, object] = {}
    answers = {}
    for row, line_id in enumerate(line_ids(built_site), 2):
        formula = sheet.cell(row, 3).value
        if isinstance(formula, str) and formula.startswith("="):
            cells[f"C{row}"] = answers[line_id] = evaluate(formula, lambda ref: cells[ref])
        else:
            cells[f"C{row}"] = given[line_id]
    return answers


def fill(page, line_id: str, text: str) -> None:
    page.fill(f"#calc-business-case-worksheet-{line_id}-input", text)


def page_answers(page) -> dict[str, str | None]:
    return page.eval_on_selector_all(
        f"{CALC} .ctg-calc-result", "rows => Object.fromEntries(rows.map(r => "
        "[r.dataset.line, r.querySelector('.ctg-calc-output').dataset.value ?? null]))")


def test_page_and_spreadsheet_give_the_same_answers(page, site_url, built_site):
    page.goto(address(site_url, PAGE))
    for figures in CASES:
        for line_id, value in zip(INPUTS, figures):
            fill(page, line_id, str(value))
        shown = page_answers(page)
        expected = spreadsheet_answers(built_site, figures)
        assert set(shown) == set(expected) and len(expected) == 8
        for line_id, value in expected.items():
            if isinstance(value, str):
                assert shown[line_id] == value, (figures, line_id)
            else:
                assert math.isclose(float(shown[line_id]), value, rel_tol=1e-12, abs_tol=1e-9), (figures, line_id)
    assert spreadsheet_answers(built_site, CASES[2])["payback"] == "Never"
    for line_id, value in zip(INPUTS, CASES[2]):
        fill(page, line_id, str(value))
    summary = page.locator(f"{CALC} .ctg-calc-summary")
    assert summary.get_attribute("aria-live") == "polite"
    page.wait_for_function("s => document.querySelector(s).textContent.includes('Never')", arg=f"{CALC} .ctg-calc-summary")
    assert "Total cost over three years: £" in summary.inner_text()


def test_page_evaluator_answers_the_shared_formula_cases_as_python_does(page, site_url):
    """tests/fixtures/formula_cases.yml: each parsed formula, as the build gives it to the page,
    evaluated by the page's own script; Python's answers are checked in tests/test_templates.py."""
    page.goto(address(site_url, PAGE))
    cases = [c for c in yaml.safe_load((ROOT / "tests" / "fixtures" / "formula_cases.yml").read_text())
             if not c.get("unreadable")]
    trees = [json.loads(to_json(parse(c["formula"]))) for c in cases]
    answers = page.evaluate("""([trees, values]) => trees.map((tree, i) => {
        try {
          return { result: window.CareTechFormula.evaluate(tree, (name) => values[i][name]) };
        } catch (error) {
          return error instanceof window.CareTechFormula.CellError ? { error: error.code } : { thrown: String(error) };
        }
      })""", [trees, [c["values"] for c in cases]])
    for case, answer in zip(cases, answers):
        try:
            python = {"result": evaluate(case["formula"], case["values"])}
        except CellError as error:
            python = {"error": error.code}
        assert answer == python, case
    assert {"IF(1, \"a\", \"b\") + 1"} <= {c["formula"] for c in cases}


# The guide's worked examples (docs/start-here/business-case.md) and the figures it states.
GUIDE_FIGURES = {
    "care home example": {"hours_saved": "971 hours", "yearly_saving": "£12,337", "training_cost": "£534",
                          "three_year_cost": "£6,954", "payback": "2.9 months"},
    "home care example": {"yearly_saving": "£22,031", "training_cost": "£763", "three_year_cost": "£16,647"},
}


@pytest.mark.parametrize("example", GUIDE_FIGURES)
def test_worked_example_button_gives_the_guides_figures(page, site_url, example):
    page.goto(address(site_url, PAGE))
    page.get_by_role("button", name=f"Try the {example}").click()
    shown = dict(page.eval_on_selector_all(
        f"{CALC} .ctg-calc-result", "rows => rows.map(r => [r.dataset.line, r.querySelector('.ctg-calc-output').textContent])"))
    guide = (ROOT / "docs" / "start-here" / "business-case.md").read_text()
    worked = guide[guide.index("## Two worked examples"):guide.index("## Typical costs")]
    for line_id, figure in GUIDE_FIGURES[example].items():
        assert shown[line_id] == figure, (line_id, shown[line_id])
        number = figure.split()[0]
        assert number in worked, figure
    three_years = f"£{round(float(page.locator(f'{CALC} [data-line=yearly_saving] .ctg-calc-output').get_attribute('data-value')) * 3):,}"
    assert f"it is worth {three_years}" in worked


@pytest.mark.parametrize("typed, message", [
    ("", "Enter a number. Use 0 if this does not apply."),
    ("-5", "Enter 0 or more. This figure cannot be below 0."),
    ("twelve", "Enter numbers only, like 12 or 12.50."),
    ("12abc", "Enter numbers only, like 12 or 12.50."),
])
def test_bad_input_gets_a_clear_message_next_to_the_field(page, site_url, typed, message):
    page.goto(address(site_url, PAGE))
    box = page.locator("#calc-business-case-worksheet-pay-input")
    fill(page, "pay", typed)
    error = page.locator("#calc-business-case-worksheet-pay-error")
    assert error.is_visible() and error.inner_text().endswith(message)
    assert box.get_attribute("aria-invalid") == "true"
    assert "calc-business-case-worksheet-pay-error" in box.get_attribute("aria-describedby").split()
    outputs = page.locator(f"{CALC} .ctg-calc-output").all_inner_texts()
    assert "Fix box 4 first" in outputs and "832 hours" in outputs  # lines that do not need D still work
    text = page.locator(CALC).inner_text()
    assert "NaN" not in text and "undefined" not in text and all(o.strip() for o in outputs)
    page.wait_for_function("s => document.querySelector(s).textContent === 'To see the results, fix box 4.'",
                           arg=f"{CALC} .ctg-calc-summary")
    fill(page, "pay", "£1,200")  # pounds signs and commas are fine
    assert box.get_attribute("aria-invalid") is None and not error.is_visible()


def test_keyboard_375px_and_axe_in_both_schemes(page, site_url):
    """With an error showing: every rule in the light scheme, then the colour rules with the page
    switched to the dark scheme in place (as the palette toggle does)."""
    from conftest import COLOUR_RULES, DARK

    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(address(site_url, PAGE))
    first = page.locator("#calc-business-case-worksheet-staff-input")
    first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "calc-business-case-worksheet-minutes_saved-input"
    page.keyboard.press("Control+A")
    page.keyboard.type("x")
    assert page.locator("#calc-business-case-worksheet-minutes_saved-error").is_visible()
    width = page.evaluate(f"document.querySelector(\"{CALC}\").scrollWidth")
    assert width <= 375, "the worksheet fits a 375 px screen without scrolling sideways"
    violations = axe_violations(page)  # the whole page, the worksheet in it
    assert not violations, "light:\n" + describe_violations(violations)
    page.evaluate(DARK)
    violations = axe_violations(page, rules=COLOUR_RULES)
    assert not violations, "dark:\n" + describe_violations(violations)


def test_without_javascript_it_is_a_worksheet_to_fill_in(page_without_script, site_url):
    page = page_without_script
    page.goto(address(site_url, PAGE))
    text = page.locator(CALC).inner_text()
    assert "On paper: fill in boxes 1 to 7" in text and "Work out: box 1 × box 2 × box 3 × 52 ÷ 60" in text
    assert page.locator(".ctg-calc-example").count() == 0  # the worked example buttons need the script
    assert page.locator(f"{CALC} input").count() == 0 and "£ ________" in text


def test_printed_pathway_result_lists_templates(page, site_url):
    page.goto(address(site_url, "pathways/staff-own-phones/index.html") + "#step=low-risk&v=1&a=photos-or-groups:1,work-use:0")
    page.emulate_media(media="print")
    result = page.locator("#low-risk")
    assert result.is_visible()
    assert "Templates for this" in result.inner_text()
    link = result.locator(".ctg-templates a")
    assert link.inner_text() == "Staff own phones policy, with a sign-off sheet"
    assert link.get_attribute("data-ctg-url").endswith("/templates/staff-phones-policy/")


def test_the_offline_copy_has_every_download(offline_copy):
    """The offline copy (a folder opened from file://) links to the same files, and has them."""
    folder = offline_copy.folder
    files = sorted(p.name for p in (folder / "downloads" / "templates").iterdir())
    assert len(files) >= 8
    page = (folder / "templates" / "data-breach-log.html").read_text()
    assert 'href="../downloads/templates/data-breach-log.xlsx"' in page
