"""PyYAML's C loader and its pure-Python fallback read our files the same: data, lines, problems."""

from __future__ import annotations

import re

import pytest
import yaml

from caretech.readers.yaml_source import load_yaml
from helpers import FIXTURES, ROOT

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.S)


def _yaml_texts() -> list[tuple[str, str, int, bool]]:
    """(name, YAML text, first line, YAML 1.1?) for every pathway, fixture and page front matter."""
    texts = [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8"), 1, False)
             for folder in (ROOT / "pathways", FIXTURES) for p in sorted(folder.rglob("*.yml"))]
    for page in sorted((ROOT / "docs").rglob("*.md")):
        match = _FRONT_MATTER.match(page.read_text(encoding="utf-8"))
        if match:
            texts += [(page.relative_to(ROOT).as_posix(), match.group(1) or "", 2, yaml_1_1) for yaml_1_1 in (False, True)]
    return texts


TEXTS = _yaml_texts()


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_both_loaders_give_the_same_data_lines_and_problems():
    assert len(TEXTS) > 60
    for name, text, first_line, yaml_1_1 in TEXTS:
        fast = load_yaml(text, name, first_line, yaml_1_1)
        assert fast == load_yaml(text, name, first_line, yaml_1_1, pure=True), name


@pytest.mark.parametrize("text", [
    "a: 1\n b: 2\n",                 # bad indentation
    "a: [1, 2\n",                    # unclosed list
    "title: Yes\nwhen: 2026-01-02\nok: true\ntwice: 1\ntwice: 2\n",  # YAML 1.2 rules, duplicate key
    "a: \x07\n",                     # a control character
])
def test_mistakes_read_the_same_with_either_loader(text):
    assert load_yaml(text, "x.yml", 2) == load_yaml(text, "x.yml", 2, pure=True)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_the_c_loader_reads_by_default():
    from caretech.readers.yaml_source import _LOADERS

    assert issubclass(_LOADERS[False, False], yaml.CSafeLoader) and issubclass(_LOADERS[True, False], yaml.CSafeLoader)
