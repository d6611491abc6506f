"""Pathway charts in real Chromium: on a 375 px phone the first question is in view on load (and
without JavaScript on the sample pathways); every chart prints on A4 (Chromium's PDF, read back
with poppler) with text of 12 pt or more and the pathway's title, date and address on every
sheet, nothing turned sideways and no near-empty first sheet; and one result's routes print on
their own."""

from __future__ import annotations

import re
import subprocess

import pytest

from caretech.pathways import enumerate_routes
from caretech.readers.dates import format_date
from helpers import SITE_ADDRESS, pathway_ids
from pathway_helpers import SAMPLE_IDS

pytestmark = pytest.mark.browser

IDS = pathway_ids()
TWELVE_POINT = 16  # CSS px: 12 pt is 16 px


def squeezed(text: str) -> str:
    """Text with no white space, for words a printed page wrapped over lines."""
    return re.sub(r"\s+", "", text)


def printed_pages(page, path) -> list[str]:
    """Print to A4 as Ctrl+P does and return each sheet's text (pdftotext splits sheets with a form feed)."""
    page.pdf(path=str(path), format="A4")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [sheet for sheet in text.split("\f") if sheet.strip()]


# The chart's boxes hold each pathway's own words, so every chart is checked with the scripts on.
# Without them the chart is the same markup and styles; what can differ is how the page goes to
# #chart (the browser alone, not Material), which is the same on every pathway: so that is checked
# on the sample pathways.
CHART_VIEWS = [pytest.param(name, True, id=f"{name}-script") for name in IDS] + [
    pytest.param(name, False, id=f"{name}-no-script") for name in SAMPLE_IDS]


@pytest.mark.parametrize(("pathway", "javascript"), CHART_VIEWS, indirect=["pathway"])
def test_at_375_px_the_first_question_is_in_view_on_load(request, site_url, pathway, javascript):
    page = request.getfixturevalue("page" if javascript else "page_without_script")
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(f"{site_url}pathways/{pathway.id}/all-routes/#chart")
    first = page.locator(f"#chart-{pathway.start} .ctg-outline-asks")
    assert first.inner_text().strip() == pathway.step(pathway.start).question
    box = first.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= 375, box
    assert 0 <= box["y"] and box["y"] + box["height"] <= 667, box
    # The chart never widens the page: only the drawing scrolls sideways, in its own box.
    assert page.evaluate("document.getElementById('chart').getBoundingClientRect().right") <= 375
    assert page.evaluate("document.querySelector('.ctg-chart-scroll').getBoundingClientRect().right") <= 375


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_every_chart_prints_at_12_pt_with_title_date_and_address_on_every_sheet(page, site_url, pathway, tmp_path):
    page.goto(f"{site_url}pathways/{pathway.id}/all-routes/")
    page.emulate_media(media="print")
    # Everything the chart shows on paper is 12 pt or more; nothing is turned sideways.
    sizes = page.evaluate("""() => [...document.querySelectorAll('#chart *')]
        .filter((el) => el.getClientRects().length && [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim()))
        .map((el) => [parseFloat(getComputedStyle(el).fontSize), el.textContent.slice(0, 40)])""")
    assert sizes and min(size for size, _ in sizes) >= TWELVE_POINT, min(sizes)
    turned = page.evaluate("""() => [...document.querySelectorAll('#chart, #chart *')]
        .filter((el) => el.getClientRects().length && getComputedStyle(el).transform !== 'none').length""")
    assert turned == 0
    # Print the chart part: the page's title and introduction, then the chart (the routes follow on later sheets).
    page.evaluate("() => document.querySelectorAll('.ctg-route-group').forEach((el) => el.remove())")
    sheets = printed_pages(page, tmp_path / "chart.pdf")
    header = squeezed(f"{pathway.title} · chart · Version {pathway.version}, last reviewed {format_date(pathway.last_reviewed)}")
    address = squeezed(f"{SITE_ADDRESS}pathways/{pathway.id}/all-routes/")
    assert squeezed(f"All routes: {pathway.title}") in squeezed(sheets[0])
    assert len(squeezed(sheets[0])) > 400, "the first sheet is nearly empty"
    # The chart starts on the first sheet, or on the second when its first box does not fit
    # under the introduction; from then on every sheet is the chart's.
    first = next(i for i, sheet in enumerate(sheets) if "chart·Version" in squeezed(sheet))
    assert first <= 1
    chart_sheets = sheets[first:]
    for number, sheet in enumerate(chart_sheets, 1):
        # pdftotext drops the hyphen where a line breaks after one ("wifi-" + "check"): compare without them.
        assert header in squeezed(sheet), f"sheet {number}"
        assert address.replace("-", "") in squeezed(sheet).replace("-", ""), f"sheet {number}"
        assert len(squeezed(sheet)) > 400, f"sheet {number} is nearly empty"
    on_paper = squeezed("".join(chart_sheets))
    for question in pathway.questions:
        assert squeezed(question.question) in on_paper, question.id
        for answer in question.answers:
            assert squeezed(answer.label) in on_paper, answer.label
    for outcome in pathway.outcomes:
        assert squeezed(f"Result: {outcome.title}") in on_paper, outcome.id


def test_the_biggest_pathways_routes_print_one_result_at_a_time(page, site_url, tmp_path, compiled_pathways):
    biggest = max(compiled_pathways, key=lambda p: len(enumerate_routes(p)))
    routes = enumerate_routes(biggest)
    for outcome in biggest.outcomes:
        mine = [r for r in routes if r.outcome.id == outcome.id]
        if not mine:
            continue
        page.goto(f"{site_url}pathways/{biggest.id}/all-routes/#result-{outcome.id}")
        page.emulate_media(media="print")
        sheets = printed_pages(page, tmp_path / f"{outcome.id}.pdf")
        text = squeezed("".join(sheets))
        assert squeezed(f"All routes: {biggest.title}") in squeezed(sheets[0])
        assert squeezed(f"Routes to the result “{outcome.title}”") in squeezed(sheets[0])
        assert len(re.findall(r"Route\d+:", text)) == len(mine), outcome.id
        assert text.count(squeezed(f"Result: {outcome.title}")) == len(mine)
        assert "chart·Version" not in text and "Print only this group" not in "".join(sheets)
        for other in biggest.outcomes:
            if other.id != outcome.id:
                assert squeezed(f"Result: {other.title}") not in text
