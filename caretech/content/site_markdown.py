"""Turn Markdown into HTML the way the site's build does, for checks that need no build.

The extensions and their settings come from mkdocs.yml's `markdown_extensions` (the one place
they are set), plus the three MkDocs always adds, so the content check sees the same HTML
the build makes. Our own extensions that read project files (facts, glossary)
are pointed at the project folder, wherever the command runs from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import markdown

from caretech.facts.markdown import EXTENSION as FACTS
from caretech.readers.site_config import markdown_extensions, read_site_config
from caretech.text.glossary import EXTENSION as GLOSSARY

# Our extensions with a `project` setting: the folder whose facts/ and includes/ they read.
PROJECT_EXTENSIONS = (FACTS, GLOSSARY)


def with_project(settings: dict[str, dict], project: Path) -> dict[str, dict]:
    """Extension settings with our extensions pointed at `project` (a full path)."""
    folder = str(Path(project).resolve())
    return {**settings, **{name: {**settings.get(name, {}), "project": folder} for name in PROJECT_EXTENSIONS}}


def site_extensions(config_file: Path) -> tuple[list[str], dict[str, dict]]:
    """(extension names, their settings) from mkdocs.yml, MkDocs' own three first."""
    return markdown_extensions(read_site_config(config_file))


def site_markdown(config_file: Path) -> Callable[[str], str]:
    """A function from Markdown (no front matter) to the HTML the site's build would make."""
    names, settings = site_extensions(config_file)
    settings = with_project(settings, config_file.parent)
    snippets = settings.get("pymdownx.snippets", {})
    if snippets.get("base_path"):  # the engines read it from the project folder; the check may run anywhere
        settings["pymdownx.snippets"] = {**snippets, "base_path": [str(config_file.parent / p) for p in snippets["base_path"]]}
    renderer = markdown.Markdown(extensions=names, extension_configs=settings)

    def render(text: str) -> str:
        return renderer.reset().convert(text)

    return render
