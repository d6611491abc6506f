"""Print packs (caretech/site/print_pack.py): which guides go in, and links that still work.

The guides' HTML below is written as MkDocs renders it (links to other pages as `../page/`),
with footnotes, a code block, a diagram that refers to its own parts, and a labelled field.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from caretech.site.guide_end import guide_end_html
from caretech.stages.finish import NOT_BUILT, Finish, secure_pages

import pytest

from caretech.content.safety import article_html
from caretech.site.print_pack import (
    RenderedGuide, Section, assemble_pack, pack_link_markdown, pack_page_markdown, sections_in_nav,
)

NAV = [
    {"Home": "index.md"},
    {"Safe": ["safe/index.md", "safe/backups.md", {"Scams": "safe/scams.md"}]},
    {"Empty": ["empty/index.md"]},
    {"Glossary": "glossary.md"},
    {"Elsewhere": "https://example.org/"},
]

BACKUPS_META = {
    "title": "Backups: getting your records back",
    "last_reviewed": "2026-11-26",
    "next_review": "2027-05-26",
    "sources": [{"title": "NCSC backups & more",
                 "url": "https://www.ncsc.gov.uk/collection/small-business-guide/backing-your-data"}],
}

BACKUPS = """<h1 id="backups-getting-your-records-back">Backups</h1>
<p>See <a href="#what-to-do">what to do</a>, <a href="../scams/">scams</a>, <a href="../scams/#scam-calls">scam calls</a>,
<a href="../../start/free-help/#call-us">free help</a>, <a href="../images/plan.pdf">the plan</a>
and <a href="https://www.ncsc.gov.uk/">NCSC</a>.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>
<h2 id="what-to-do">What to do</h2>
<pre><code># not a heading
[not a link](#what-to-do) &lt;a href="#what-to-do" id="x"&gt;
&lt;h2 id="what-to-do"&gt;not a heading&lt;/h2&gt;
</code></pre>
<figure class="ctg-diagram">
<svg viewBox="0 0 10 10" class="ctg-diagram-svg" role="img" aria-labelledby="chart-title chart-text"><title id="chart-title">Chart</title><desc id='chart-text'>Two lines</desc><defs><marker id="arrow"/></defs><path marker-end="url(#arrow)" d="M0 0"/><use xlink:href="#arrow"/></svg>
</figure>
<h2 id="what-to-do_1">What to do</h2>
<h6 id="small-print">Small print</h6>
<div class="footnote">
<hr />
<ol>
<li id="fn:1">
<p>A note.&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a></p>
</li>
</ol>
</div>
""" + guide_end_html(BACKUPS_META)  # the page's own ending (the generate stage adds it)

SCAMS_META = {"title": "Scams", "last_reviewed": "2026-11-26"}

SCAMS = """<h1 id="scams">Scams</h1>
<p>Back to <a href="../backups/#what-to-do_1">backups</a> or <a href="../backups/#backups-getting-your-records-back">its start</a>.</p>
<h2 class="important" id="scam-calls">Scam calls</h2>
<h2 id="what-to-do">What to do <abbr title="as soon as possible">ASAP</abbr></h2>
<h5 id="details">Details</h5>
<p><label for="reported">Reported</label> <input id="reported" type="checkbox" disabled/></p>
<ul class="task-list">
<li class="task-list-item"><input type="checkbox" disabled/> Tell your manager.</li>
</ul>"""

# A page with no title heading in its content (the page template adds one).
NO_TITLE = """<p>Fill in the form.</p>
<h2 id="the-form">The form</h2>"""

SECTION = Section("safe/index.md", ("safe/backups.md", "safe/scams.md", "safe/form.md"))


def guides() -> list[RenderedGuide]:
    return [
        RenderedGuide("safe/backups.md", "safe/backups/", BACKUPS_META, BACKUPS),
        RenderedGuide("safe/scams.md", "safe/scams/", SCAMS_META, SCAMS),
        RenderedGuide("safe/form.md", "safe/form/", {"title": "A form"}, NO_TITLE),
    ]


def assemble():
    return assemble_pack("safe/print/", guides(), "https://example.org/guide/")


def test_sections_come_from_the_menu_in_its_order():
    sections = sections_in_nav(NAV, [])
    assert sections == [Section("safe/index.md", ("safe/backups.md", "safe/scams.md"))]
    assert sections[0].pack == "safe/print.md"


def test_without_a_menu_sections_are_folders_in_alphabetical_order():
    pages = ["b/index.md", "b/two.md", "a/index.md", "a/one.md", "a/deep/x.md", "top.md", "c/lonely.md"]
    assert [s.index for s in sections_in_nav(None, pages)] == ["a/index.md", "b/index.md"]


def test_the_index_page_links_to_its_pack():
    text = pack_link_markdown(Section("safe/index.md", ("safe/backups.md", "safe/scams.md")))
    assert "[Print all 2 guides in this section on one page](print.md)" in text


def test_the_pack_page_markdown_has_its_title_and_the_list_of_guides_only():
    text = pack_page_markdown("Keeping information safe", [("safe/backups.md", "Backups: *getting* back"),
                                                           ("safe/scams.md", "Scams")])
    assert text.startswith("---\ntitle: 'Keeping information safe: every guide on one page'")
    assert "print_pack: true" in text and "exclude: true" in text
    assert "# Keeping information safe: every guide\n" in text
    assert "All 2 guides in this section" in text
    assert "- [Backups: \\*getting\\* back](#backups)\n- [Scams](#scams)" in text
    assert text.count("#") == 3, "no guide's text: the guides are added as HTML"


def test_each_guide_has_its_own_heading_with_dates_address_and_sources():
    html = assemble().html
    assert '<h2 class="ctg-pack-guide" id="backups">Backups</h2>\n<p class="ctg-reviewed">Last reviewed 26 November 2026. ' \
           'Next review by 26 May 2027. Online: https://example.org/guide/safe/backups/</p>\n\n<p>See' in html
    assert '<h2 class="ctg-pack-guide" id="scams">Scams</h2>\n<p class="ctg-reviewed">Last reviewed 26 November 2026. ' \
           'Online: https://example.org/guide/safe/scams/</p>' in html
    assert '<h3 id="backups--sources">Sources</h3>\n<ul class="ctg-sources">\n<li><a href="https://www.ncsc.gov.uk/collection/' \
           'small-business-guide/backing-your-data">NCSC backups &amp; more</a></li>\n</ul>' in html
    assert html.count('aria-labelledby="backups--sources"') == 1, "the ending's label follows its heading's new id"
    assert "scams--sources" not in html, "no sources, no heading"
    assert '<h2 class="ctg-pack-guide" id="form">A form</h2>\n<p class="ctg-reviewed">Online: ' \
           'https://example.org/guide/safe/form/</p>\n<p>Fill in the form.</p>' in html
    assert html.index('id="backups"') < html.index('id="scams"') < html.index('id="form"')


def missing_from(html: str, *snippets: str) -> list[str]:
    return [snippet for snippet in snippets if snippet not in html]


def test_headings_move_down_a_level_and_get_the_guides_name_in_their_ids():
    html = assemble().html
    assert not missing_from(
        html,
        '<h3 id="backups--what-to-do">What to do</h3>',
        '<h3 id="backups--what-to-do_1">What to do</h3>',  # a repeated heading, numbered as on the guide page
        '<h6 id="scams--details">Details</h6>',
        '<h6 id="backups--small-print">Small print</h6>',  # level 6 stays level 6
        '<h3 class="important" id="scams--scam-calls">Scam calls</h3>',
        '<h3 id="scams--what-to-do">What to do <abbr title="as soon as possible">ASAP</abbr></h3>',
        '<h3 id="form--the-form">The form</h3>',
    )
    assert not re.search(r"<h1|</h1>|<h2(?! class=\"ctg-pack-guide\")", html)


def test_links_point_inside_the_pack_or_still_reach_their_page():
    assert not missing_from(
        assemble().html,
        '<a href="#backups--what-to-do">what to do</a>',
        '<a href="#scams">scams</a>',
        '<a href="#scams--scam-calls">scam calls</a>',
        '<a href="#backups--what-to-do_1">backups</a>',
        '<a href="#backups">its start</a>',  # a link to a guide's title goes to its heading in the pack
        # The pack sits beside its guides, so other relative links reach the same files unchanged.
        '<a href="../../start/free-help/#call-us">free help</a>',
        '<a href="../images/plan.pdf">the plan</a>',
        '<a href="https://www.ncsc.gov.uk/">NCSC</a>',
    )


def test_footnotes_diagram_parts_and_labels_keep_their_references():
    html = assemble().html
    assert '<sup id="backups--fnref:1"><a class="footnote-ref" href="#backups--fn:1">1</a></sup>' in html
    assert '<li id="backups--fn:1">' in html and 'href="#backups--fnref:1"' in html
    assert 'aria-labelledby="backups--chart-title backups--chart-text"' in html
    assert "<desc id='backups--chart-text'>" in html
    assert 'marker-end="url(#backups--arrow)"' in html and 'xlink:href="#backups--arrow"' in html
    assert '<label for="scams--reported">Reported</label> <input id="scams--reported" type="checkbox" disabled/>' in html


def test_every_id_in_a_pack_is_unique_and_every_reference_finds_one():
    pack = assemble()
    tags = re.findall(r"<[a-zA-Z][^>]*>", pack.html)
    ids = [v for tag in tags for v in re.findall(r"""\sid=["']([^"']+)""", tag)]
    assert len(ids) == len(set(ids)) > 15
    assert set(ids) == pack.ids
    references = [v for tag in tags for v in re.findall(r"""(?:href|url\()=?["']?#([^"')\s]+)""", tag)]
    references += [v for tag in tags for attr in re.findall(r'\s(?:for|aria-labelledby)="([^"]+)"', tag) for v in attr.split()]
    assert len(references) > 10
    assert set(references) <= set(ids), set(references) - set(ids)


def test_code_blocks_and_other_markup_are_left_alone():
    html = assemble().html
    code = BACKUPS[BACKUPS.index("<pre>"):BACKUPS.index("</pre>")]
    assert 'href="#what-to-do" id="x"' in code and code in html
    # The page template names checkboxes by finding Python-Markdown's exact markup.
    assert '<li class="task-list-item"><input type="checkbox" disabled/> Tell your manager.</li>' in html
    assert '<svg viewBox="0 0 10 10" class="ctg-diagram-svg" role="img"' in html


def test_the_contents_list_has_the_guides_and_their_parts():
    toc = assemble().toc
    assert [(t["level"], t["id"], t["name"]) for t in toc] == [
        (2, "backups", "Backups"), (2, "scams", "Scams"), (2, "form", "A form")]
    assert [(t["level"], t["id"]) for t in toc[0]["children"]] == [
        (3, "backups--what-to-do"), (3, "backups--what-to-do_1"), (3, "backups--sources")]
    assert toc[0]["children"][1]["children"][0]["id"] == "backups--small-print"
    assert toc[1]["children"][1]["name"] == "What to do ASAP"


# Markup a regular expression misreads, which an HTML parser reads as a browser does.

def one_guide_pack(guide_html: str):
    return assemble_pack("s/print/", [RenderedGuide("s/g.md", "s/g/", {"title": "G"}, guide_html)], "")


def test_a_title_heading_in_a_comment_is_not_the_title():
    pack = one_guide_pack('<!-- <h1 id="old">Old</h1> -->\n<h1 id="new">New</h1>\n<p>Text.</p>')
    assert '<!-- <h1 id="old">Old</h1> -->\n<h2 class="ctg-pack-guide" id="g">New</h2>' in pack.html
    assert "<h1" not in pack.html.replace('<h1 id="old">', "")


def test_the_title_id_is_read_whatever_its_case_and_the_other_attributes():
    for title in ('<h1 title="see id=wrong" id="right">Right</h1>', '<H1 ID="right">Right</H1>'):
        pack = one_guide_pack(title + '\n<p>Back to <a href="#right">the top</a>.</p>')
        assert '<a href="#g">the top</a>' in pack.html, title


def test_the_contents_list_reads_headings_whatever_their_quotes_and_attributes():
    pack = one_guide_pack("<h1 id='t'>T</h1>\n<h2 title=\"a > b\" id=\"x\">X</h2>\n<h3 id='y'>Y</h3>\n"
                          '<h2 id="z">Call <abbr title="as soon as possible > later">ASAP</abbr> &amp; <em>go</em></h2>')
    (guide,) = pack.toc
    assert [(t["level"], t["id"], t["name"]) for t in guide["children"]] == [
        (3, "g--x", "X"), (3, "g--z", "Call ASAP &amp; go")]
    assert [(t["level"], t["id"], t["name"]) for t in guide["children"][0]["children"]] == [(4, "g--y", "Y")]


def test_a_pack_must_sit_beside_its_guides():
    """Relative links are left as they are only because the pack and its guides are in one folder."""
    for section in sections_in_nav(NAV, []):
        assert all(posixpath.dirname(g) == posixpath.dirname(section.pack) for g in section.guides)
    with pytest.raises(ValueError, match="not beside"):
        assemble_pack("print/", guides(), "")
    assemble_pack("safe/print.html", [RenderedGuide("safe/scams.md", "safe/scams.html", SCAMS_META, SCAMS)], "")


def test_the_real_packs_are_built_and_linked(built_site: Path):
    index = (built_site / "devices-and-wifi" / "index.html").read_text(encoding="utf-8")
    assert 'href="print/"' in index
    pack = (built_site / "devices-and-wifi" / "print" / "index.html").read_text(encoding="utf-8")
    assert 'class="ctg-pack-guide" id="wifi"' in pack
    assert "/edit/" not in pack, "no 'Edit this page' link: there is no file to edit"
    # The guides' finished HTML: the diagram put inline by caretech/stages/finish.py, inside the
    # <article> that caretech/stages/finish.py checks on the finished page.
    article = article_html(pack)
    assert '<svg' in article and 'class="ctg-diagram-svg"' in article
    assert '<h3 id="wifi--simple-fixes-to-try-first">' in article
    # The contents list beside the page: each guide, and its parts under it.
    contents = pack[pack.index('data-md-component="toc"'):]
    assert contents.index('href="#wifi"') < contents.index('href="#wifi--simple-fixes-to-try-first"') \
        < contents.index('href="#landline-switch-off"')


def test_every_pack_sits_beside_its_guides_on_the_built_site(built_site: Path):
    packs = sorted(built_site.glob("*/print/index.html"))
    assert len(packs) >= 5
    for pack in packs:
        guides = set(re.findall(r'<h2 class="ctg-pack-guide" id="([^"]+)"', pack.read_text(encoding="utf-8")))
        assert guides and all((pack.parent.parent / g / "index.html").is_file() for g in guides), pack


SLIPPED_IN = '<a href="javascript:alert(1)">slipped in</a>'


def test_the_finished_pack_is_safety_checked_with_its_guides_in_it(tmp_path: Path):
    """Markup slipped into a guide after the content check read it (by another plugin, say) is
    refused on the finished pack page that holds the guide, by the finish stage."""
    (tmp_path / "docs" / "safe").mkdir(parents=True)
    (tmp_path / "docs" / "safe" / "scams.md").write_text(f"# Scams\n\n{SLIPPED_IN}\n", encoding="utf-8")
    site = tmp_path / "site"
    for page in ("safe/scams/index.html", "safe/print/index.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text('<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="ctg-csp">'
                                 f'</head><body><article class="md-content__inner"><h1>Scams</h1><p>{SLIPPED_IN}</p>'
                                 '</article></body></html>', encoding="utf-8")
    problems = secure_pages(Finish(tmp_path, site, theme_dirs=[]))
    refused = {p.file for p in problems if "javascript:" in p.message}
    assert refused == {"docs/safe/scams.md"}, problems  # both pages: the text is found in the guide
    assert len([p for p in problems if "javascript:" in p.message]) == 2
    assert (site / "safe" / "print" / "index.html").read_text(encoding="utf-8") == NOT_BUILT, "the pack holds the guide, so it is refused too"
