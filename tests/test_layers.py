"""The layers of caretech/ (pyproject.toml [tool.importlinter]): readers at the bottom; content
rules, pathways and templates beside each other; site output above; the stages on top. The
engine never imports MkDocs, Material or Zensical."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_import_contracts_are_kept(tmp_path):
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-logo", "--cache-dir", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_has_a_layer():
    """A new package outside the layers would escape the contract."""
    (layers,) = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    named = {name.strip() for layer in layers for name in layer.split("|")}
    packages = {f"caretech.{p.stem if p.is_file() else p.name}" for p in (ROOT / "caretech").iterdir()
                if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.stem != "__init__")}
    assert packages == named
