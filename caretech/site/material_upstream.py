"""What we copied from Material for MkDocs, and whether the installed Material still matches it.

material-overrides.toml (beside overrides/, not in it: the theme folder is published) lists every Material file (or template block) we copied, changed or
depend on, with the Material version and the sha256 of the upstream text at that version.
When Material changes one of them, `changed()` names our file to re-merge, so an upgrade fails
a test instead of quietly running old copies (tests/test_material_upstream.py).

    python -m caretech.site.material_upstream           # check; prints what to re-merge
    python -m caretech.site.material_upstream --hashes  # the installed version's hashes, to paste

Knows nothing of MkDocs; finds Material as an installed package.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

RECORD = Path("material-overrides.toml")


@dataclass(frozen=True)
class Copied:
    ours: str          # our file, in this project
    upstream: str      # Material's file, inside the `material` package (a glob for hashed names)
    block: str         # a Jinja block in that file, or "" for the whole file
    material: str      # the Material version it was taken from
    sha256: str        # of the upstream file or block at that version
    why: str           # what we changed or rely on


def load_record(path: Path) -> list[Copied]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Copied(c["ours"], c["upstream"], c.get("block", ""), c["material"], c["sha256"], c.get("why", ""))
            for c in data["copied"]]


def material_root() -> Path:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Material for MkDocs is not installed: run `make .venv/.site`.")
    return Path(next(iter(spec.submodule_search_locations)))


def material_version() -> str:
    return importlib.metadata.version("mkdocs-material")


def jinja_block(text: str, name: str) -> str:
    """The text of `{% block name %}` ... its own `{% endblock %}`, nested blocks included."""
    start = re.search(r"{%-?\s*block\s+" + re.escape(name) + r"\s*-?%}", text)
    if not start:
        raise KeyError(name)
    depth = 0
    for tag in re.finditer(r"{%-?\s*(block\s+\w+|endblock)\b[^%]*-?%}", text[start.start():]):
        depth += 1 if tag.group(1).startswith("block") else -1
        if depth == 0:
            return text[start.start():start.start() + tag.end()]
    raise KeyError(name)


def upstream_text(root: Path, item: Copied) -> str | None:
    """The upstream file or block as installed, or None if it is gone."""
    matches = sorted(root.glob(item.upstream))
    if len(matches) != 1:
        return None
    text = matches[0].read_text(encoding="utf-8")
    if not item.block:
        return text
    try:
        return jinja_block(text, item.block)
    except KeyError:
        return None


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def changed(items: list[Copied], root: Path, version: str) -> list[str]:
    """One plain message per copy whose upstream is no longer what we copied."""
    messages = []
    for item in items:
        what = f"`{item.upstream}`" + (f" (block `{item.block}`)" if item.block else "")
        text = upstream_text(root, item)
        if text is None:
            messages.append(f"{item.ours}: Material {version} no longer has {what}. Re-merge {item.ours} "
                            f"from Material {version} ({item.why}).")
        elif sha256(text) != item.sha256:
            messages.append(f"{item.ours}: {what} changed between Material {item.material} and {version}. "
                            f"Re-merge {item.ours} with the new upstream ({item.why}), then set material = "
                            f"\"{version}\" and sha256 = \"{sha256(text)}\" in {RECORD}.")
    return messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m caretech.site.material_upstream", description=__doc__.split("\n")[0])
    parser.add_argument("--record", type=Path, default=RECORD)
    parser.add_argument("--hashes", action="store_true", help="print the installed upstream hashes")
    args = parser.parse_args(argv)
    items, root, version = load_record(args.record), material_root(), material_version()
    if args.hashes:
        for item in items:
            text = upstream_text(root, item)
            print(f"{item.ours}  {item.upstream} {item.block}  {sha256(text) if text is not None else 'MISSING'}")
        return 0
    messages = changed(items, root, version)
    print("\n".join(messages) or f"Every copy matches Material {version}.")
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
