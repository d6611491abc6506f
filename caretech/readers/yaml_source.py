"""Load YAML as plain data while remembering the line each value came from.

PyYAML's safe loader follows YAML 1.1, which turns `yes`, `no`, `on` and `off` into
True/False and bare dates into date objects. Contributors write answers like "Yes" and
"No", so we resolve booleans only from `true`/`false` (as YAML 1.2 and editors do)
and keep dates as text, which the schema then checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from caretech.problems import Problem

Path = tuple  # keys and list indexes from the root, e.g. ("questions", 0, "answers")

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _yaml_12_loader(base: type) -> type:
    """`base` with YAML 1.2 booleans and no implicit dates."""
    loader = type(f"YamlSource{base.__name__}", (base,), {})
    loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    return loader


# PyYAML's C loader (libyaml) reads about ten times faster and keeps the same line marks;
# the pure-Python one is the fallback where PyYAML was built without libyaml, and reports
# mistakes, so a message never depends on which loader ran.
PURE_LOADER = _yaml_12_loader(yaml.SafeLoader)
FAST_LOADER = _yaml_12_loader(yaml.CSafeLoader) if getattr(yaml, "__with_libyaml__", False) else PURE_LOADER
# Plain YAML 1.1 data (for files that are not checked line by line): the C loader if there is one.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDocument:
    """Parsed data plus a line number (1-based) for every path in it."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest parent we know."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def load_yaml(text: str, filename: str, first_line: int = 1,
              loader_class: type = FAST_LOADER) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text`. `first_line` shifts line numbers (front matter starts on line 2)."""
    offset = first_line - 1
    try:
        loader = loader_class(text)  # the pure loader checks for control characters here
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        if loader_class is not PURE_LOADER:  # the pure loader's words and marks, whichever ran
            return load_yaml(text, filename, first_line, PURE_LOADER)
        return None, _not_valid(error, filename, offset)

    if node is None:
        return None, [Problem(filename, first_line, "The file is empty.", "Add the fields shown in the template.")]

    document = YamlDocument(data=None)
    problems: list[Problem] = []
    document.data = _construct(node, (), document, problems, filename, offset, loader)
    return document, problems


def _not_valid(error: yaml.YAMLError, filename: str, offset: int) -> list[Problem]:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        what = error.problem or "the text could not be read"
        return [
            Problem(
                filename,
                line,
                f"This is not valid YAML: {what}.",
                "Check the indentation on this line and the one above (use spaces, not tabs), "
                "and put text that contains a colon inside quotes.",
            )
        ]
    # a reader error, e.g. a control character
    return [Problem(filename, 1 + offset, f"This is not valid YAML: {error}.", "Remove odd characters.")]


def _construct(node, path, document, problems, filename, offset, loader):
    document.lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            key = key if isinstance(key, str) else str(key)
            line = key_node.start_mark.line + 1 + offset
            if key in result:
                problems.append(
                    Problem(
                        filename,
                        line,
                        f"`{key}` appears twice here; YAML keeps only the last one.",
                        f"Delete one of the two `{key}:` lines.",
                    )
                )
            document.lines[path + (key,)] = line
            result[key] = _construct(value_node, path + (key,), document, problems, filename, offset, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, path + (index,), document, problems, filename, offset, loader)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node)
