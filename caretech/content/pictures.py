"""Picture rules for the content check: pictures in guides, and the SVG files themselves.

In a guide: every image needs alt text that says what the picture shows, and a caption
block (`/// caption`) under it. In an SVG file: small (under 10 KB once compressed, as
browsers fetch it), nothing that runs or loads from elsewhere (scripts, `on...=` handlers,
links out of the file, `style` elements or attributes, which the site's Content Security
Policy refuses), a viewBox, text big enough on a phone, and no text hard-coded black,
which would vanish on the dark background. diagrams.css gives text its colour instead.
"""

from __future__ import annotations

import gzip
import re
import xml.parsers.expat
from caretech.text.markdown_text import strip_code_spans
from caretech.content.rules import ERROR, Finding, finding

MAX_GZIP_BYTES = 10 * 1024
PHONE_WIDTH = 343  # the page's text column on a 375 px screen
BODY_TEXT = 16     # px, the body text size there
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
_CAPTION = re.compile(r"^\s*///\s*caption\b")
_BLACK = re.compile(r"^\s*(black|#000|#000000|rgb\(\s*0\s*,\s*0\s*,\s*0\s*\))\s*$", re.I)
_TEXT_HOLDERS = {"svg", "g", "text", "tspan", "textPath", "a"}
_ALT_HELP = ("Write what the picture shows, in words, so someone who cannot see it gets the same "
             "information: ![Broadband comes into the router; Wi-Fi carries it round the building](images/wifi.svg).")


def picture_findings(filename: str, lines: list[tuple[int, str]]) -> list[Finding]:
    """Alt text and a caption for every image in a Markdown page (lines outside code)."""
    found = []
    for index, (number, raw) in enumerate(lines):
        line = strip_code_spans(raw)
        for match in _IMAGE.finditer(line):
            alt, src = match.group(1).strip(), match.group(2)
            if not alt:
                found.append(finding(ERROR, "picture", filename, number,
                                     f"The picture {src} has no alt text.", _ALT_HELP))
            if not _caption_follows(lines[index + 1:]):
                found.append(finding(ERROR, "picture", filename, number,
                                     f"The picture {src} has no caption.",
                                     "Under the picture, leave a blank line, then add a caption block: a line "
                                     "`/// caption`, one or two short sentences, and a line `///`."))
        for tag in _HTML_IMG.findall(line):
            if not re.search(r'\balt\s*=\s*"[^"]*\S', tag):
                found.append(finding(ERROR, "picture", filename, number,
                                     "This picture has no alt text.", _ALT_HELP))
    return found


def _caption_follows(rest: list[tuple[int, str]]) -> bool:
    for _, line in rest:
        if line.strip():
            return bool(_CAPTION.match(line))
    return False


def svg_findings(filename: str, data: bytes) -> list[Finding]:
    """Problems in one SVG file, each with the line it is on."""
    found: list[Finding] = []

    def add(line: int, message: str, fix: str) -> None:
        found.append(finding(ERROR, "picture-file", filename, line, message, fix))

    size = len(gzip.compress(data, 9))
    if size > MAX_GZIP_BYTES:
        add(1, f"This picture is {size / 1024:.1f} KB compressed; the most is {MAX_GZIP_BYTES // 1024} KB.",
            "Simplify it: fewer shapes and points, no embedded pictures, no editor data. "
            "Saving as plain SVG (not Inkscape SVG) helps.")

    parser = xml.parsers.expat.ParserCreate()
    seen = {"viewbox": None, "smallest": None}
    stack: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        line = parser.CurrentLineNumber
        local = name.rsplit(":", 1)[-1]
        stack.append(local)
        if local in ("script", "foreignObject"):
            add(line, f"A picture cannot contain <{local}>.", "Remove it. Pictures are drawings only: nothing runs.")
        if local == "style":
            add(line, "A picture cannot contain a <style> element.",
                "Remove it and use the dg-… classes from CONTRIBUTING.md (\"Adding a picture\") for colours.")
        for key, value in attrs.items():
            attr = key.rsplit(":", 1)[-1].lower()
            if attr == "style":
                add(line, f"<{local}> has a style=\"…\" attribute.",
                    "Remove it and use a dg-… class from CONTRIBUTING.md (\"Adding a picture\"), "
                    "or a plain attribute such as font-size=\"17\".")
            elif attr.startswith("on"):
                add(line, f"<{local}> has an {attr}=\"…\" handler.", "Remove it. Pictures are drawings only: nothing runs.")
            elif attr == "href" and not value.startswith("#"):
                add(line, f"<{local}> links to {value[:60]}, outside the picture.",
                    "Remove it. A picture may not load fonts, images or anything else from another file or site.")
            elif attr in ("fill", "stroke", "color") and local in _TEXT_HOLDERS and _BLACK.match(value):
                add(line, f"<{local}> sets {attr}=\"{value}\": black text disappears on the dark background.",
                    "Remove the colour. The site colours text for light and dark screens, and black for print.")
        if local == "svg" and len(stack) == 1:
            seen["viewbox"] = attrs.get("viewBox")
            if not seen["viewbox"]:
                add(line, "The picture has no viewBox, so it cannot shrink to fit a phone.",
                    "Add viewBox=\"0 0 WIDTH HEIGHT\" to the <svg> tag, and draw about 340 wide.")
        if "font-size" in attrs:
            size_text = re.match(r"\s*([\d.]+)\s*(px)?\s*$", attrs["font-size"])
            if size_text:
                size = float(size_text.group(1))
                if seen["smallest"] is None or size < seen["smallest"][0]:
                    seen["smallest"] = (size, line)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: stack.pop()
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        add(error.lineno, f"This picture is not a valid SVG file: {xml.parsers.expat.ErrorString(error.code)}.",
            "Open it in a drawing program or a browser to find the mistake, or save it again as plain SVG.")
        return found

    width = _viewbox_width(seen["viewbox"])
    if width and seen["smallest"]:
        size, line = seen["smallest"]
        shown = size * PHONE_WIDTH / width
        if shown < BODY_TEXT - 0.05:
            add(line, f"Text here shows {shown:.1f} px high on a phone, smaller than the page's "
                f"{BODY_TEXT} px text.",
                f"Make the text bigger, or the drawing narrower: font-size at least "
                f"{BODY_TEXT * width / PHONE_WIDTH:.0f} for a drawing {width:g} wide.")
    return found


def _viewbox_width(viewbox: str | None) -> float | None:
    parts = (viewbox or "").replace(",", " ").split()
    try:
        return float(parts[2]) if len(parts) == 4 and float(parts[2]) > 0 else None
    except ValueError:
        return None

