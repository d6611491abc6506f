"""Sentences, words and reading ease: one set of counting rules for the whole project.

The content check (Markdown source) and scripts/readability.py (the built pages) both use
these functions, so a sentence is the same length wherever it is measured.

How we count:
- The caller hands over *blocks*: each heading, paragraph, list item, table cell and box
  title is its own block. A block is always at least one sentence, even with no full stop,
  because readers take a heading or a list item as one unit.
- Inside a block, a sentence ends at `.`, `!` or `?` followed by a space and then a capital
  letter, a digit, a £ sign or an opening quote or bracket. "e.g.", "i.e." and decimals such
  as "3.5" do not end a sentence.
- A word is anything between spaces that has a letter or a digit in it: "Wi-Fi", "£300",
  "30%" and "and/or" are one word each.
- Syllables come from pyphen's en_GB hyphenation dictionary (plus one per word part), as
  textstat 0.7.3 did. It undercounts a little, so treat Flesch scores as a way to compare our
  own pages, not as an exact reading age. pyphen is only needed for `flesch_reading_ease`.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

# A sentence end: end punctuation and any closing quote/bracket, before a space and a new start.
_END = re.compile(r"""[.!?]["'’”)\]]*(?=\s+["'‘“(\[]?[A-Z0-9£])""")
# Abbreviations that end in a full stop but do not end a sentence.
_NO_BREAK_AFTER = ("e.g.", "i.e.", "mr.", "mrs.", "ms.", "dr.", "st.", "no.", "vs.", "approx.", "cf.")
_HAS_WORD = re.compile(r"[^\W_]")  # a letter or a digit, in any alphabet
_LETTERS = re.compile(r"[A-Za-zÀ-ÿ]+")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Split one block into sentences. Returns (offset in `text`, sentence) pairs."""
    sentences: list[tuple[int, str]] = []
    start = 0
    for match in _END.finditer(text):
        piece = text[start:match.end()]
        last_word = piece.rsplit(None, 1)[-1].lower() if piece.split() else ""
        if last_word in _NO_BREAK_AFTER:
            continue  # keep going: this full stop belongs to an abbreviation
        sentences.append((start, piece))
        start = match.end()
    sentences.append((start, text[start:]))
    return [(offset + _leading_space(s), s.strip()) for offset, s in sentences if count_words(s)]


def _leading_space(text: str) -> int:
    return len(text) - len(text.lstrip())


def words(sentence: str) -> list[str]:
    return [token for token in sentence.split() if _HAS_WORD.search(token)]


def count_words(sentence: str) -> int:
    return len(words(sentence))


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen  # only the readability measures need it (a test extra)

    return pyphen.Pyphen(lang="en_GB")


def count_syllables(word: str) -> int:
    """Syllables in one word: each part of a hyphenated word counted separately; numbers count as one."""
    parts = _LETTERS.findall(word)
    if not parts:
        return 1
    return sum(len(_hyphenator().positions(part.lower())) + 1 for part in parts)


@dataclass(frozen=True)
class TextStats:
    """Measures of a set of sentences (usually one page)."""

    sentences: int
    words: int
    syllables: int
    longest: str

    @property
    def average_sentence_length(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def longest_sentence_length(self) -> int:
        return count_words(self.longest)

    @property
    def flesch_reading_ease(self) -> float:
        """206.835 - 1.015 x words per sentence - 84.6 x syllables per word. Higher is easier;
        60 to 70 is plain English, 80 and above is easy to read."""
        if not self.words:
            return 0.0
        return 206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words


def measure(blocks: Iterable[str]) -> TextStats:
    """Measure blocks of text (headings, paragraphs, list items…), each split into sentences."""
    sentences = [sentence for block in blocks for _, sentence in split_sentences(block)]
    all_words = [word for sentence in sentences for word in words(sentence)]
    return TextStats(
        sentences=len(sentences),
        words=len(all_words),
        syllables=sum(count_syllables(word) for word in all_words),
        longest=max(sentences, key=count_words, default=""),
    )


def median(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.median(values) if values else 0.0
