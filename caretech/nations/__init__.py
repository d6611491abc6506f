"""The four UK nations, where law, regulators and reporting routes differ.

One list, used by the register of facts (`by_nation:`), pathway actions given for each nation,
and the `/// nation | Wales` block in pages (markdown.py). The reader's choice of nation lives in
their browser only (overrides/assets/javascripts/nations.js).
"""

from __future__ import annotations

NATIONS = {"england": "England", "wales": "Wales", "scotland": "Scotland", "northern-ireland": "Northern Ireland"}


def nation_keys(text: str) -> list[str] | None:
    """'Wales, Scotland and Northern Ireland' -> ['wales', 'scotland', 'northern-ireland'];
    None if any part is not a nation."""
    parts = [p.strip() for p in text.replace(" and ", ",").split(",") if p.strip()]
    keys = [p.lower().replace(" ", "-") for p in parts]
    return keys if keys and all(k in NATIONS for k in keys) else None


def nation_names(keys: list[str]) -> str:
    """['wales', 'scotland'] -> 'Wales and Scotland'."""
    names = [NATIONS[k] for k in keys]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
