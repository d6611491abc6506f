"""Readability of the built guides (what readers get), and the counting rules behind it.

Limits: a guide's sentences average at most 20 words, and none is over 35. The content check
holds the Markdown to 25 words a sentence; this catches what the theme and boxes add.
"""

from __future__ import annotations

import importlib.util

import pytest

from caretech.content.front_matter import is_guide
from caretech.content.rendered_text import article_blocks
from caretech.text.text_stats import count_syllables, count_words, measure, split_sentences
from helpers import DOCS, ROOT

_spec = importlib.util.spec_from_file_location("readability", ROOT / "scripts" / "readability.py")
readability = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(readability)

GUIDES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if is_guide(p.relative_to(DOCS).as_posix()))


@pytest.fixture(scope="module")
def guide_stats(built_site):
    pages = readability.guide_pages(built_site)
    assert set(pages) == set(GUIDES), "every guide is built"
    return {src: readability.measure_page(path) for src, path in pages.items()}


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_sentences_are_short(guide, guide_stats):
    stats = guide_stats[guide]
    assert stats.sentences >= 20, "the article text was found"
    assert stats.average_sentence_length <= readability.MAX_AVERAGE_WORDS, (
        f"{guide}: sentences average {stats.average_sentence_length:.1f} words (at most 20)")
    assert stats.longest_sentence_length <= readability.MAX_SENTENCE_WORDS, (
        f"{guide}: a sentence has {stats.longest_sentence_length} words (at most 35): {stats.longest}")


def test_the_script_prints_a_row_per_guide_and_the_median(guide_stats):
    printed = readability.table(guide_stats).splitlines()
    assert printed[0].split() == ["Guide", "Flesch", "Avg", "Longest", "Sentences"]
    assert len(printed) == len(GUIDES) + 2
    assert printed[-1].startswith(f"Median of {len(GUIDES)} guides")


# --- the counting rules -----------------------------------------------------------------

def test_sentences_end_at_full_stops_but_not_at_abbreviations_or_decimals():
    text = "Check the backup, e.g. on a Friday. Version 3.5 is out! Is it? \"Yes.\" Then stop"
    assert [s for _, s in split_sentences(text)] == [
        "Check the backup, e.g. on a Friday.", "Version 3.5 is out!", "Is it?", "\"Yes.\"", "Then stop"]


def test_a_sentence_does_not_end_before_a_lower_case_word():
    assert len(split_sentences("Use the ICO's tool. then carry on")) == 1


def test_words_are_counted_between_spaces_and_need_a_letter_or_digit():
    assert count_words("Wi-Fi costs £300 - about 30% of it, and/or more.") == 9


def test_each_heading_list_item_and_table_cell_is_its_own_sentence():
    html = """<html><body><nav><p>Menu text is not counted.</p></nav>
    <article class="md-typeset"><a class="md-content__button" title="Edit"><svg><path/></svg></a>
    <h1>Backups</h1><p>Check the backup. Try a restore</p>
    <ul><li>First item</li><li><p>Second item</p></li></ul>
    <div class="admonition tip"><p class="admonition-title">On a night shift</p><p>Write it down.</p></div>
    <table><tr><th>Who</th><td>The manager</td></tr></table>
    <pre><code>not = "prose"</code></pre><script>var x = 1;</script></article>
    <footer>Footer text is not counted.</footer></body></html>"""
    blocks = article_blocks(html)
    assert blocks == ["Backups", "Check the backup. Try a restore", "First item", "Second item",
                      "On a night shift", "Write it down.", "Who", "The manager"]
    assert measure(blocks).sentences == 9


def test_flesch_reading_ease_rewards_short_words_and_sentences():
    assert count_syllables("information") == 4 and count_syllables("300") == 1
    easy = measure(["The cat sat on the mat."]).flesch_reading_ease
    hard = measure(["Organisational information governance responsibilities necessitate comprehensive documentation."]).flesch_reading_ease
    assert easy > 90 > 0 > hard
