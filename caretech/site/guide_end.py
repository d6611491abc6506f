"""A guide's ending, the same on its page and in its section's print pack: its sources, then
its review dates again. The generate stage adds it to the end of every page with review dates,
so the page, the print pack (which is made from the finished pages) and any engine show one
ending, written here once.
"""

from __future__ import annotations

import html
from typing import Callable

from caretech.readers.dates import format_date, parse_date

SOURCES_ID = "sources"


def _time(value: object) -> str:
    day = parse_date(value)
    if day is None:
        return html.escape(str(value), quote=False)
    return f'<time datetime="{day.isoformat()}">{format_date(day)}</time>'


def review_dates(meta: dict, show: Callable[[object], str] = format_date) -> str:
    """'Last reviewed 7 December 2026. Next review by 7 June 2027.' `show` writes each date."""
    text = f"Last reviewed {show(meta['last_reviewed'])}."
    if meta.get("next_review"):
        text += f" Next review by {show(meta['next_review'])}."
    return text


def guide_end_html(meta: dict) -> str:
    """The ending as an HTML block, or "" for a page with no `last_reviewed`."""
    if not meta.get("last_reviewed"):
        return ""
    sources = [s for s in meta.get("sources") or [] if isinstance(s, dict) and s.get("url")]
    labelled = f' aria-labelledby="{SOURCES_ID}"' if sources else ""
    parts = [f'<section class="ctg-guide-end"{labelled}>']
    if sources:
        parts.append(f'<h2 id="{SOURCES_ID}">Sources</h2>')
        parts.append('<ul class="ctg-sources">')
        parts += [f'<li><a href="{html.escape(str(s["url"]))}">{html.escape(str(s.get("title") or s["url"]), quote=False)}</a></li>'
                  for s in sources]
        parts.append("</ul>")
    parts.append(f'<p class="ctg-reviewed">{review_dates(meta, _time)}</p>')
    parts.append("</section>")
    # One HTML block: no blank line inside, so Markdown passes it through as it is.
    return "\n".join(parts) + "\n"
