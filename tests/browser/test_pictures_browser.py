"""Pictures in real Chromium: the pathway flowcharts and the guides' diagrams pass axe in both
colour schemes, keep their text readable (big enough at 375 px, light on the dark scheme,
black when printed). Each page loads once: checked in the light scheme, then switched to the dark
one in place (as the palette toggle does), where axe runs the colour rules. How charts print:
test_pathway_charts.py."""

from __future__ import annotations

import re

import pytest

from caretech.pathways.flowchart import render_flowchart
from conftest import COLOUR_RULES, DARK, axe_violations, describe_violations
from helpers import DOCS

pytestmark = pytest.mark.browser

DIAGRAM_GUIDES = sorted(
    p.relative_to(DOCS).with_suffix("").as_posix() + "/"
    for p in DOCS.rglob("*.md") if re.search(r"!\[[^\]]+\]\(images/[^)]+\.svg\)", p.read_text(encoding="utf-8"))
)


def chart_pages(pathways) -> list[str]:
    """Every chart is drawn by the same code: check the one people pin up, the widest and the tallest."""
    charts = {p.id: p for p in (
        next(p for p in pathways if p.id == "breach-or-scam"),  # the urgent one, behind the index
        max(pathways, key=lambda p: render_flowchart(p).width),
        max(pathways, key=lambda p: render_flowchart(p).height),
    )}
    return [f"pathways/{name}/all-routes/" for name in charts]

# Every text in a picture: its colour, the page's background and body text size, and the size
# the text is drawn at (font size times the drawing's scale on screen).
_TEXTS = """() => {
  const bg = getComputedStyle(document.body).backgroundColor;
  const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize);
  return [...document.querySelectorAll('.ctg-diagram svg text, .ctg-chart svg text')].map((t) => {
    const svg = t.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return {text: t.textContent, fill: getComputedStyle(t).fill, bg, body,
            size: parseFloat(getComputedStyle(t).fontSize) * scale, diagram: !!t.closest('.ctg-diagram')};
  });
}"""
# Every shape's paint when printed: each must be a grey (black, white or between).
_PRINTED_PAINT = """() => [...document.querySelectorAll('.ctg-diagram svg *, .ctg-chart svg *')].flatMap((el) => {
  const s = getComputedStyle(el);
  return [s.fill, s.stroke].filter((c) => c.startsWith('rgb')).map((c) => c + ' ' + el.tagName);
})"""


def _rgb(colour: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", colour))


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(fore: str, back: str) -> float:
    f, b = _rgb(fore), _rgb(back)
    if len(f) == 4:  # blend a see-through colour onto the background
        f = tuple(f[3] * x + (1 - f[3]) * y for x, y in zip(f[:3], b[:3]))
    light, dark = sorted((_luminance(f), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_six_guides_show_a_diagram():
    assert len(DIAGRAM_GUIDES) >= 6, DIAGRAM_GUIDES


def test_pictures_pass_axe_and_stay_readable_in_both_schemes_and_in_print(page, site_url, compiled_pathways):
    charts = chart_pages(compiled_pathways)
    page.set_viewport_size({"width": 375, "height": 800})
    found, unreadable = {}, []
    for name in charts + DIAGRAM_GUIDES:
        page.goto(site_url + name)
        assert page.locator(".ctg-chart svg, .ctg-diagram svg").count() >= 1, f"{name}: no picture"
        # axe-core's time grows with the whole document, whatever part it audits: an All routes
        # page's routes (up to 12,000 elements, after the chart) go before the chart is audited.
        page.evaluate("() => document.querySelectorAll('.ctg-route-group').forEach((el) => el.remove())")
        for scheme in ("light", "dark"):
            if scheme == "dark":
                page.evaluate(DARK)
            # The whole page is audited by test_accessibility.py; here every rule, on the picture
            # (in the dark scheme, the rules whose result depends on colour).
            rules = COLOUR_RULES if scheme == "dark" else None
            if violations := axe_violations(page, context=".ctg-chart, .ctg-diagram", rules=rules):
                found[f"{name} ({scheme})"] = describe_violations(violations)
            for text in page.evaluate(_TEXTS):
                if _contrast(text["fill"], text["bg"]) < 4.5:
                    unreadable.append(f"{name} ({scheme}): {text['text']!r} is {text['fill']} on {text['bg']}")
                if text["diagram"] and text["size"] < text["body"] - 0.1:
                    unreadable.append(f"{name}: {text['text']!r} is {text['size']:.1f} px, body text {text['body']} px")
            if name in (charts[0], DIAGRAM_GUIDES[0]):  # print colours do not depend on the page
                page.emulate_media(media="print")
                paints = page.evaluate(_PRINTED_PAINT)
                page.emulate_media(media="screen")
                coloured = [p for p in paints if len(set(_rgb(p.split(" ")[0])[:3])) > 1]
                assert not coloured, f"{name} prints in colour from the {scheme} scheme: {coloured[:5]}"
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
    assert not unreadable, "\n".join(unreadable[:20])
