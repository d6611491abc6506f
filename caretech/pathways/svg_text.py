"""Wrap text into lines that fit a width, for SVG, which does not wrap text by itself.

Widths are estimated from DejaVu Sans, the widest of the common system sans-serif fonts
(Linux's default): text measured this way also fits in Arial, Helvetica or Segoe UI.
"""

from __future__ import annotations

# Advance widths in em, from DejaVu Sans Book. Anything not listed counts as `_OTHER`.
_WIDTHS = {
    **dict.fromkeys("ijl", 0.28), **dict.fromkeys("ft", 0.39), "r": 0.41, "s": 0.52, "z": 0.53, "c": 0.55,
    **dict.fromkeys("vxyk", 0.59), **dict.fromkeys("aeo", 0.62), **dict.fromkeys("bdghnpqu", 0.64),
    "w": 0.82, "m": 0.98, "I": 0.3, "J": 0.3, **dict.fromkeys("MW", 0.99),
    **dict.fromkeys(" .,:;'’!|", 0.32), **dict.fromkeys("()[]-", 0.39), **dict.fromkeys("“”\"", 0.46),
    **dict.fromkeys("0123456789", 0.64), "?": 0.54,
}
_UPPER = 0.72
_OTHER = 0.64
BOLD = 1.1  # DejaVu Sans Bold is about a tenth wider


class _Advances(dict):
    """Each character's width in em; one not listed is worked out once, then remembered."""

    def __missing__(self, ch: str) -> float:
        self[ch] = _UPPER if ch.isupper() else _OTHER
        return self[ch]


_ADVANCES = _Advances(_WIDTHS)


def text_width(text: str, font_size: float, bold: bool = False) -> float:
    # Wrapping measures every growing line, and charts measure the same labels again:
    # this runs thousands of times a build, so it adds up widths with map(), not a loop.
    return sum(map(_ADVANCES.__getitem__, text)) * font_size * (BOLD if bold else 1)


def wrap(text: str, max_width: float, font_size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap. A word wider than the line gets a line of its own."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, font_size, bold) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
