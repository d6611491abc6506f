"""Print how readable each guide is, measured on the built site (what readers actually get).

    mkdocs build --strict -d /tmp/site && python scripts/readability.py /tmp/site

For each guide: Flesch reading ease (higher is easier: 60-70 is plain English, 80+ is easy),
the average sentence length in words, the longest sentence, and the number of sentences;
then the site-wide median. Each heading, list item, table cell and box title counts as its
own sentence (see caretech/text/text_stats.py). Needs pyphen (in the test extras).
Limits the tests hold us to: average at most 20 words, no sentence over 35.
"""

from __future__ import annotations

import sys
from pathlib import Path

from caretech.content.front_matter import is_guide
from caretech.content.rendered_text import article_blocks
from caretech.text.text_stats import TextStats, measure, median

ROOT = Path(__file__).resolve().parent.parent
MAX_AVERAGE_WORDS = 20
MAX_SENTENCE_WORDS = 35


def guide_pages(site: Path, docs: Path = ROOT / "docs") -> dict[str, Path]:
    """docs path of each guide -> its built page (directory URLs, or .html files offline)."""
    pages = {}
    for source in sorted(docs.rglob("*.md")):
        src = source.relative_to(docs).as_posix()
        if not is_guide(src):
            continue
        stem = src[:-3]
        for built in (site / stem / "index.html", site / f"{stem}.html"):
            if built.exists():
                pages[src] = built
                break
    return pages


def measure_page(path: Path) -> TextStats:
    return measure(article_blocks(path.read_text(encoding="utf-8")))


def table(results: dict[str, TextStats]) -> str:
    width = max([len(src) for src in results] + [22])
    rows = [f"{'Guide':{width}} {'Flesch':>6} {'Avg':>5} {'Longest':>7} {'Sentences':>9}"]
    for src, stats in results.items():
        flag = " !" if (stats.average_sentence_length > MAX_AVERAGE_WORDS
                        or stats.longest_sentence_length > MAX_SENTENCE_WORDS) else ""
        rows.append(f"{src:{width}} {stats.flesch_reading_ease:6.1f} {stats.average_sentence_length:5.1f} "
                    f"{stats.longest_sentence_length:7d} {stats.sentences:9d}{flag}")
    values = list(results.values())
    rows.append(f"{'Median of ' + str(len(values)) + ' guides':{width}} "
                f"{median(s.flesch_reading_ease for s in values):6.1f} "
                f"{median(s.average_sentence_length for s in values):5.1f} "
                f"{median(s.longest_sentence_length for s in values):7.0f} "
                f"{median(s.sentences for s in values):9.0f}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    pages = guide_pages(site)
    if not pages:
        print(f"No built guides found in {site}. Build the site first: mkdocs build --strict -d {site}",
              file=sys.stderr)
        return 2
    results = {src: measure_page(path) for src, path in pages.items()}
    print(table(results))
    over = [src for src, s in results.items()
            if s.average_sentence_length > MAX_AVERAGE_WORDS or s.longest_sentence_length > MAX_SENTENCE_WORDS]
    if over:
        print(f"\n! over the limits (average {MAX_AVERAGE_WORDS} words, longest {MAX_SENTENCE_WORDS}): "
              + ", ".join(over))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
