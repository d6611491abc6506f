"""Turn Markdown into HTML the way the site's build does, for checks that need no build.

The extensions and their settings come from mkdocs.yml's `markdown_extensions` (the one place
they are set), plus the three MkDocs always adds, so the content check and the Word downloads
see the same HTML the build makes. Our own extensions that read project files (facts, glossary)
are pointed at the project folder, wherever the command runs from.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import markdown
import yaml

from caretech.facts.markdown import EXTENSION as FACTS
from caretech.text.glossary import EXTENSION as GLOSSARY

# MkDocs adds these to every site's list (mkdocs/config/defaults.py: MarkdownExtensions builtins).
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
# Our extensions with a `project` setting: the folder whose facts/ and includes/ they read.
PROJECT_EXTENSIONS = (FACTS, GLOSSARY)


def with_project(settings: dict[str, dict], project: Path) -> dict[str, dict]:
    """Extension settings with our extensions pointed at `project` (a full path)."""
    folder = str(Path(project).resolve())
    return {**settings, **{name: {**settings.get(name, {}), "project": folder} for name in PROJECT_EXTENSIONS}}


def _loader(config_dir: Path) -> type[yaml.SafeLoader]:
    """YAML as MkDocs reads mkdocs.yml: `!relative` paths and `!ENV` values."""

    class Loader(yaml.SafeLoader):
        pass

    def relative(loader: yaml.SafeLoader, node: yaml.Node) -> str:
        value = loader.construct_scalar(node) or "$config_dir"
        return str(config_dir / value.replace("$config_dir", ".")) if "$config_dir" in value else value

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        default = names.pop() if len(names) > 1 else None
        return next((os.environ[n] for n in names if n in os.environ), default)

    Loader.add_constructor("!relative", relative)
    Loader.add_constructor("!ENV", env)
    return Loader


def site_extensions(config_file: Path) -> tuple[list[str], dict[str, dict]]:
    """(extension names, their settings) from mkdocs.yml, MkDocs' own three first."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_loader(config_file.parent)) or {}
    names, settings = list(MKDOCS_BUILTIN_EXTENSIONS), {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            settings[name] = options
    return names, settings


def site_markdown(config_file: Path) -> Callable[[str], str]:
    """A function from Markdown (no front matter) to the HTML the site's build would make."""
    names, settings = site_extensions(config_file)
    settings = with_project(settings, config_file.parent)
    renderer = markdown.Markdown(extensions=names, extension_configs=settings)

    def render(text: str) -> str:
        return renderer.reset().convert(text)

    return render
