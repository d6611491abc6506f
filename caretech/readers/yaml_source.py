"""Load YAML as plain data while remembering the line each value came from.

PyYAML's safe loader follows YAML 1.1, which turns `yes`, `no`, `on` and `off` into
True/False and bare dates into date objects. Contributors write answers like "Yes" and
"No", so for pathways we resolve booleans only from `true`/`false` (as YAML 1.2 and
editors do) and keep dates as text, which the schema then checks.

Page front matter is different: MkDocs reads it with YAML 1.1, and that is what the page
shows. So `yaml_1_1=True` reads it the same way (see caretech/readers/front_matter.py).
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
# mistakes, so a message never depends on which loader ran. Key: (YAML 1.1?, pure?).
# For YAML 1.1, what MkDocs uses for front matter: libyaml when installed, the same rules either way.
_C_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LOADERS = {
    (False, False): _yaml_12_loader(_C_SAFE_LOADER),
    (False, True): _yaml_12_loader(yaml.SafeLoader),
    (True, False): _C_SAFE_LOADER,
    (True, True): yaml.SafeLoader,
}
# Plain YAML 1.1 data (for files that are not checked line by line): the C loader if there is one.
FAST_SAFE_LOADER = _C_SAFE_LOADER


@dataclass
class YamlDocument:
    """Parsed data plus a line number (1-based) for every path in it."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)  # each plain value as written, e.g. "No"
    unreadable: list[Path] = field(default_factory=list)  # values a plain YAML load would fail on

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest parent we know."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def load_yaml(text: str, filename: str, first_line: int = 1,
              yaml_1_1: bool = False, pure: bool = False) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text`. `first_line` shifts line numbers (front matter starts on line 2).

    `pure=True` uses the pure-Python loader even where the C one is there (tests compare them).
    """
    offset = first_line - 1
    loader_class = _LOADERS[yaml_1_1, pure or not yaml.__with_libyaml__]
    try:
        loader = loader_class(text)  # the pure loader checks for control characters here
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        if not pure:  # the pure loader's words and marks, whichever loader ran
            return load_yaml(text, filename, first_line, yaml_1_1, pure=True)
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
        loader.flatten_mapping(node)  # `<<: *defaults` merges, as a plain load would
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
    document.raw[path] = str(node.value)
    try:
        return loader.construct_object(node)
    except (ValueError, yaml.YAMLError):  # e.g. 2026-13-01 looks like a date but is not one
        document.unreadable.append(path)
        name = next((str(p) for p in reversed(path) if isinstance(p, str)), "This value")
        problems.append(Problem(filename, node.start_mark.line + 1 + offset,
                                f"`{name}` is `{node.value}`, which is not a real date."
                                if node.tag.endswith(":timestamp") else f"`{name}` is `{node.value}`, which cannot be read.",
                                "Write the date as YYYY-MM-DD, e.g. 2026-11-26."
                                if node.tag.endswith(":timestamp") else "Put the value in quotes."))
        return str(node.value)
