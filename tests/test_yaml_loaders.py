"""PyYAML's C loader and its pure-Python fallback read our files the same: data, lines, problems."""

from __future__ import annotations

import re

import pytest
import yaml

from caretech.readers.yaml_source import FAST_LOADER, PURE_LOADER, load_yaml
from helpers import FIXTURES, ROOT

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.S)


def _yaml_texts() -> list[tuple[str, str, int]]:
    """(name, YAML text, first line) for every pathway, fixture and page front matter."""
    texts = [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8"), 1)
             for folder in (ROOT / "pathways", FIXTURES) for p in sorted(folder.rglob("*.yml"))]
    for page in sorted((ROOT / "docs").rglob("*.md")):
        match = _FRONT_MATTER.match(page.read_text(encoding="utf-8"))
        if match:
            texts.append((page.relative_to(ROOT).as_posix(), match.group(1) or "", 2))
    return texts


TEXTS = _yaml_texts()


def test_the_c_loader_is_used_where_pyyaml_has_it():
    assert (FAST_LOADER is not PURE_LOADER) == yaml.__with_libyaml__


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_both_loaders_give_the_same_data_lines_and_problems():
    assert len(TEXTS) > 60
    for name, text, first_line in TEXTS:
        fast, fast_problems = load_yaml(text, name, first_line, FAST_LOADER)
        pure, pure_problems = load_yaml(text, name, first_line, PURE_LOADER)
        assert fast_problems == pure_problems, name
        assert (fast and (fast.data, fast.lines)) == (pure and (pure.data, pure.lines)), name


@pytest.mark.parametrize("text", [
    "a: 1\n b: 2\n",                 # bad indentation
    "a: [1, 2\n",                    # unclosed list
    "title: Yes\nwhen: 2026-01-02\nok: true\ntwice: 1\ntwice: 2\n",  # YAML 1.2 rules, duplicate key
    "a: \x07\n",                     # a control character
])
def test_mistakes_read_the_same_with_either_loader(text):
    assert load_yaml(text, "x.yml", 2, FAST_LOADER) == load_yaml(text, "x.yml", 2, PURE_LOADER)
