"""Print packs (caretech/site/print_pack.py): which guides go in, and links that still work."""

from __future__ import annotations

import re
from pathlib import Path

from caretech.site.print_pack import Guide, Section, pack_link_markdown, render_print_pack, sections_in_nav

NAV = [
    {"Home": "index.md"},
    {"Safe": ["safe/index.md", "safe/backups.md", {"Scams": "safe/scams.md"}]},
    {"Empty": ["empty/index.md"]},
    {"Glossary": "glossary.md"},
    {"Elsewhere": "https://example.org/"},
]

BACKUPS = """---
title: "Backups: getting your records back"
last_reviewed: 2026-11-26
next_review: 2027-05-26
sources:
  - title: NCSC backups
    url: https://www.ncsc.gov.uk/collection/small-business-guide/backing-your-data
---

# Backups

See [what to do](#what-to-do), [scams](scams.md), [scam calls](scams.md#scam-calls),
[free help](../start/free-help.md#call-us) and [NCSC](https://www.ncsc.gov.uk/).

## What to do

```text
# not a heading
[not a link](#what-to-do)
```

## What to do
"""

SCAMS = """---
title: Scams
last_reviewed: "2026-11-26"
---

# Scams

Back to [backups](backups.md#what-to-do_1).

## Scam calls {#scam-calls .important}

## What to do
"""


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


def render() -> str:
    section = Section("safe/index.md", ("safe/backups.md", "safe/scams.md"))
    guides = [Guide("safe/backups.md", BACKUPS), Guide("safe/scams.md", SCAMS)]
    return render_print_pack("Keeping information safe", section, guides, "https://example.org/guide/")


def test_the_pack_has_each_guide_under_its_own_heading_with_dates_address_and_sources():
    text = render()
    assert text.startswith("---\ntitle: 'Keeping information safe: every guide on one page'")
    assert "print_pack: true" in text and "exclude: true" in text
    assert "# Keeping information safe: every guide\n" in text
    assert "- [Backups: getting your records back](#backups)" in text
    assert "## Backups { #backups .ctg-pack-guide }" in text
    assert "## Scams { #scams .ctg-pack-guide }" in text
    assert "Last reviewed 26 November 2026. Next review by 26 May 2027." in text
    assert "Last reviewed 26 November 2026. Online: https://example.org/guide/safe/scams/" in text
    assert "### Sources { #backups--sources }" in text
    assert "- [NCSC backups](https://www.ncsc.gov.uk/collection/small-business-guide/backing-your-data)" in text
    assert "title: " not in text.split("---", 2)[2], "the guides' front matter is gone"


def test_headings_move_down_a_level_and_get_the_guides_name_in_their_ids():
    text = render()
    assert "### What to do { #backups--what-to-do }" in text
    assert "### What to do { #backups--what-to-do_1 }" in text, "a repeated heading, numbered as on the guide page"
    assert "### Scam calls { #scams--scam-calls .important }" in text
    assert "### What to do { #scams--what-to-do }" in text


def test_links_point_inside_the_pack_or_still_reach_their_page():
    text = render()
    assert "[what to do](#backups--what-to-do)" in text
    assert "[scams](#scams)" in text
    assert "[scam calls](#scams--scam-calls)" in text
    assert "[backups](#backups--what-to-do_1)" in text
    assert "[free help](../start/free-help.md#call-us)" in text
    assert "[NCSC](https://www.ncsc.gov.uk/)" in text


def test_code_blocks_are_left_alone():
    text = render()
    assert "# not a heading\n[not a link](#what-to-do)" in text


def test_every_id_in_a_pack_is_unique():
    ids = re.findall(r"\{ #([\w-]+)", render())
    assert len(ids) == len(set(ids))


def test_the_real_packs_are_built_and_linked(built_site: Path):
    index = (built_site / "devices-and-wifi" / "index.html").read_text(encoding="utf-8")
    assert 'href="print/"' in index
    pack = (built_site / "devices-and-wifi" / "print" / "index.html").read_text(encoding="utf-8")
    assert 'class="ctg-pack-guide"' in pack and 'id="wifi"' in pack
    assert "/edit/" not in pack, "no 'Edit this page' link: there is no file to edit"
