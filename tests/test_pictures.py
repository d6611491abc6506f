"""Picture rules in the content check (each failure names file and line), and putting a
guide's SVG inline at build time."""

from __future__ import annotations

import datetime
import gzip
import random

import pytest

from caretech.stages.check import Project, check_paths
from caretech.text.markdown_text import body_lines
from caretech.content.pictures import MAX_GZIP_BYTES, picture_findings, svg_findings
from caretech.site.diagrams import inline_diagrams
from selectolax.lexbor import LexborHTMLParser
from helpers import DOCS, ROOT

GOOD_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 340 100" font-size="17">
  <rect class="dg-box" x="2" y="2" width="336" height="40"/>
  <text x="10" y="30">Router</text>
</svg>
"""


def page_findings(markdown: str) -> list[str]:
    return [f"{f.problem.file}:{f.problem.line}: {f.problem.message}"
            for f in picture_findings("docs/s/guide.md", list(body_lines(markdown)))]


def svg_problems(svg: str) -> list[str]:
    return [f"{f.problem.file}:{f.problem.line}: {f.problem.message}"
            for f in svg_findings("docs/s/images/x.svg", svg.encode())]


def test_a_picture_with_alt_text_and_a_caption_passes():
    assert page_findings("Text.\n\n![Broadband comes in](images/x.svg)\n\n/// caption\nThe line.\n///\n") == []


def test_a_picture_with_no_alt_text_fails_with_file_and_line():
    found = page_findings("Text.\n\n![](images/x.svg)\n\n/// caption\nThe line.\n///\n")
    assert found == ["docs/s/guide.md:3: The picture images/x.svg has no alt text."]


def test_a_picture_with_no_caption_fails_with_file_and_line():
    found = page_findings("Text.\n\n![Broadband comes in](images/x.svg)\n\nMore text.\n")
    assert found == ["docs/s/guide.md:3: The picture images/x.svg has no caption."]


def test_an_html_picture_with_no_alt_text_fails():
    assert page_findings('Text.\n\n<img src="images/x.svg">\n')[0].startswith("docs/s/guide.md:3: ")


def test_pictures_shown_as_code_are_not_checked():
    assert page_findings("Write `![](images/x.svg)` like this.\n\n```md\n![](images/y.svg)\n```\n") == []


def test_a_good_svg_passes():
    assert svg_problems(GOOD_SVG) == []


@pytest.mark.parametrize("line, expected", [
    ('<script>alert(1)</script>', "cannot contain <script>"),
    ('<style>text { fill: red }</style>', "cannot contain a <style> element"),
    ('<text x="1" y="1" style="fill: red">A</text>', 'has a style="…" attribute'),
    ('<image href="https://example.org/a.png" width="9" height="9"/>', "links to https://example.org/a.png"),
    ('<text x="1" y="1" fill="#000">A</text>', 'sets fill="#000": black text disappears'),
    ('<g fill="black"><text x="1" y="1">A</text></g>', 'sets fill="black"'),
    ('<text x="1" y="1" font-size="11">A</text>', "smaller than the page's 16 px text"),
    ('<rect onclick="go()" width="1" height="1"/>', "has an onclick"),
])
def test_each_unsafe_or_unreadable_svg_fails_with_file_and_line(line, expected):
    svg = GOOD_SVG.replace("  <text x=\"10\"", f"  {line}\n  <text x=\"10\"")
    found = svg_problems(svg)
    assert len(found) == 1, found
    assert found[0].startswith("docs/s/images/x.svg:3: ") and expected in found[0], found


def test_an_svg_over_10_kb_compressed_fails():
    noise = random.Random(1)
    points = " ".join(f"{noise.randint(0, 340)} {noise.randint(0, 100)}" for _ in range(4000))
    svg = GOOD_SVG.replace("</svg>", f'<path class="dg-line" d="M{points}"/>\n</svg>')
    assert len(gzip.compress(svg.encode(), 9)) > MAX_GZIP_BYTES
    assert any(p.startswith("docs/s/images/x.svg:1: This picture is ") and "KB compressed" in p for p in svg_problems(svg))


def test_an_svg_without_viewbox_or_not_svg_at_all_fails():
    assert "no viewBox" in svg_problems(GOOD_SVG.replace(' viewBox="0 0 340 100"', ""))[0]
    assert any("not a valid SVG" in p for p in svg_problems("<svg><text>unclosed</svg>"))


def test_the_content_check_checks_svg_files_and_every_shipped_picture_passes(tmp_path):
    project = Project.load(ROOT, datetime.date(2026, 11, 29))
    bad = tmp_path / "bad.svg"
    bad.write_text(GOOD_SVG.replace("<text x=\"10\"", "<script/><text x=\"10\""), encoding="utf-8")
    count, found = check_paths([bad], project)
    assert count == 1 and [f.rule for f in found] == ["picture-file"]

    shipped = sorted(DOCS.rglob("*.svg"))
    assert len(shipped) >= 6
    count, found = check_paths(shipped, project)
    assert count == len(shipped) and found == []
    for svg in shipped:
        assert len(gzip.compress(svg.read_bytes(), 9)) < MAX_GZIP_BYTES


def inline(page_html: str, svgs: dict[str, str]) -> tuple[bool, str]:
    """`page_html` with its diagrams inline, as the finish stage does it: whether any was, and the body."""
    page = LexborHTMLParser(page_html)
    swapped = inline_diagrams(page, svgs.get)
    return swapped, page.body.inner_html


def test_a_local_svg_image_becomes_inline_svg_named_by_its_alt_text():
    page = ('<p>Text.</p>\n<figure>\n<p><img alt="Line &amp; Wi-Fi" src="../images/x.svg" /></p>\n'
            "<figcaption>\n<p>Caption.</p>\n</figcaption>\n</figure>\n"
            '<p><img alt="Photo" src="photo.png" /></p>')
    swapped, out = inline(page, {"../images/x.svg": GOOD_SVG})
    assert swapped
    assert '<figure class="ctg-diagram">' in out
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 340 100" font-size="17" ' \
           'class="ctg-diagram-svg" role="img" aria-label="Line &amp; Wi-Fi">' in out
    assert "<img" in out and 'src="photo.png"' in out and 'src="../images/x.svg"' not in out
    assert "\n" not in out.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_a_page_with_no_local_svg_is_left_as_it_was():
    page = '<p><img alt="Photo" src="photo.png"></p><p><img alt="Far" src="https://example.org/x.svg"></p>'
    assert inline(page, {"https://example.org/x.svg": GOOD_SVG}) == (False, LexborHTMLParser(page).body.inner_html)


# Markup a regular expression misreads, which an HTML parser reads as a browser does.

def test_an_image_with_a_closing_bracket_in_its_alt_text_is_still_swapped():
    _, out = inline('<figure><p><img alt="Router > Wi-Fi" src="x.svg"></p></figure>', {"x.svg": GOOD_SVG})
    assert '<figure class="ctg-diagram"><svg ' in out and 'aria-label="Router &gt; Wi-Fi"' in out
    assert "<img" not in out


def test_single_quoted_and_upper_case_attributes_are_read():
    _, out = inline("<P><IMG SRC='x.svg' ALT='Router'></P>", {"x.svg": GOOD_SVG})
    assert out.startswith('<div class="ctg-diagram"><svg ') and 'aria-label="Router"' in out


def test_an_image_in_a_comment_stays_in_the_comment():
    page = '<p>Text.</p><!-- <p><img alt="Old" src="x.svg"></p> -->'
    assert inline(page, {"x.svg": GOOD_SVG}) == (False, page)


def test_the_svg_files_own_size_name_and_comments_go_whatever_its_quotes():
    svg = ("<?xml version='1.0'?>\n<!-- drawn by hand -->\n"
           "<svg xmlns='http://www.w3.org/2000/svg' data-note='a > b' width='340' HEIGHT='100' role='presentation'>"
           "<!-- <svg width='1'> -->\n  <text x='10' y='30'>Router</text>\n</svg>\n")
    _, out = inline('<p><img alt="Router" src="x.svg"></p>', {"x.svg": svg})
    assert out == ('<div class="ctg-diagram"><svg xmlns="http://www.w3.org/2000/svg" data-note="a &gt; b" '
                   'class="ctg-diagram-svg" role="img" aria-label="Router"><text x="10" y="30">Router</text> </svg></div>')
