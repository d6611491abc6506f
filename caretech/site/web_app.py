"""The web app manifest and its icons, so "Add to Home screen" gives the guide its own icon.

`write_web_app(site, name=..., short_name=..., description=..., primary="indigo")` writes
manifest.webmanifest at the site root (addresses in it are relative to it, so the site
works under any sub-path) and the icons under assets/images/: one drawing (a white heart
on the site's primary colour), as SVG and as PNG at 192 and 512 pixels, plus a "maskable"
PNG (edge to edge, the heart inside the safe circle) for Android and an Apple touch icon.
Each size is drawn with Pillow at twice its size, then halved with Lanczos: smooth edges,
quickly.
The build cache (caretech/build_cache.py) keeps the PNGs until the colour or the code changes.
Plain Python: knows nothing of MkDocs.
"""

from __future__ import annotations

import io
import json
import math
import re
from pathlib import Path

from PIL import Image, ImageDraw

from caretech.build_cache import NO_CACHE, BuildCache

MANIFEST_NAME = "manifest.webmanifest"
ICON_FOLDER = "assets/images"
_CANVAS = 512
_CORNER = 96          # rounded corners of the "any" icon; maskable icons are square
_SUPERSAMPLE = 2      # drawn at 2x and scaled down with Lanczos: edges as smooth as at 4x to the eye
_WHITE = "#ffffff"


def primary_colour(site: Path, name: str) -> str:
    """The hex colour Material uses for a primary palette name, read from the built CSS
    (Material's palette stylesheet, which may be inside our own bundle: caretech/site/bundle.py)."""
    pattern = re.compile(rf"\[data-md-color-primary={re.escape(name)}\]\{{--md-primary-fg-color:(#[0-9a-fA-F]{{6}})")
    for css in sorted(site.glob("assets/stylesheets/*.css")):
        found = pattern.search(css.read_text(encoding="utf-8"))
        if found:
            return found.group(1).lower()
    raise ValueError(f"theme palette colour {name!r} was not found in the site's stylesheets")


def _heart(size: int = 180, centre: float = _CANVAS / 2) -> tuple[list[tuple[float, float]], list[tuple[float, float, float]]]:
    """A heart in the 512 box: a square turned 45 degrees, with a circle on each upper edge."""
    d = size / math.sqrt(2)
    r = size / 2
    cy = centre - (d / 2 - r) / 2          # centres the heart from lobe tops to point
    diamond = [(centre, cy - d), (centre + d, cy), (centre, cy + d), (centre - d, cy)]
    circles = [(centre - d / 2, cy - d / 2, r), (centre + d / 2, cy - d / 2, r)]
    return diamond, circles


def icon_svg(colour: str) -> str:
    diamond, circles = _heart()
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in diamond)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>' for x, y, r in circles)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_CANVAS} {_CANVAS}">'
            f'<rect width="{_CANVAS}" height="{_CANVAS}" rx="{_CORNER}" fill="{colour}"/>'
            f'<g fill="{_WHITE}"><polygon points="{points}"/>{dots}</g></svg>\n')


def icon_png(colour: str, pixels: int, maskable: bool) -> Image.Image:
    """The icon drawn at `pixels` times the supersampling factor (call .resize() for the size)."""
    big = pixels * _SUPERSAMPLE
    k = big / _CANVAS
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle([0, 0, big, big], fill=colour)
    else:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=_CORNER * k, fill=colour)
    diamond, circles = _heart()
    draw.polygon([(x * k, y * k) for x, y in diamond], fill=_WHITE)
    for x, y, r in circles:
        draw.ellipse([(x - r) * k, (y - r) * k, (x + r) * k, (y + r) * k], fill=_WHITE)
    return image


# (file name, pixels, maskable, listed in the manifest)
ICONS = [
    ("app-icon-192.png", 192, False, True),
    ("app-icon-512.png", 512, False, True),
    ("app-icon-maskable-512.png", 512, True, True),
    ("apple-touch-icon.png", 180, True, False),   # iOS rounds the corners itself
]


def web_manifest(name: str, short_name: str, description: str, colour: str) -> dict:
    icons = [{"src": f"{ICON_FOLDER}/app-icon.svg", "sizes": "any", "type": "image/svg+xml"}]
    icons += [{"src": f"{ICON_FOLDER}/{file}", "sizes": f"{px}x{px}", "type": "image/png",
               "purpose": "maskable" if maskable else "any"}
              for file, px, maskable, listed in ICONS if listed]
    return {
        "name": name, "short_name": short_name, "description": description, "lang": "en-GB",
        "start_url": "./", "scope": "./", "display": "standalone",
        "background_color": _WHITE, "theme_color": colour, "icons": icons,
    }


def write_web_app(site: Path, name: str, short_name: str, description: str, primary: str = "indigo",
                  cache: BuildCache = NO_CACHE) -> None:
    colour = primary_colour(site, primary)
    folder = site / ICON_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "app-icon.svg").write_text(icon_svg(colour), encoding="utf-8")

    def png(pixels: int, maskable: bool) -> bytes:
        # Each size drawn at twice its size and halved: quick, where scaling one big drawing down
        # to 180 pixels is not. No `optimize`: it tries every compression for 2 KB in all.
        out = io.BytesIO()
        icon_png(colour, pixels, maskable).resize((pixels, pixels), Image.Resampling.LANCZOS).save(out, format="PNG")
        return out.getvalue()

    for file, pixels, maskable, _ in ICONS:
        inputs = [colour, str(pixels), str(maskable)]
        (folder / file).write_bytes(cache.get("icons", inputs, lambda: png(pixels, maskable)))
    manifest = web_manifest(name, short_name, description, colour)
    (site / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
