"""A Python-Markdown extension: Markdown's own `abbr`, with includes/abbreviations.md as its
glossary, so every page shows the site's abbreviations as <abbr title="…">.

In mkdocs.yml, in place of `abbr`:

    markdown_extensions:
      - caretech.text.glossary:
          project: .          # the folder that holds includes/ (the build sets the full path)

Any Python-Markdown engine runs it (MkDocs, Zensical, the content check). Why a glossary and
not pymdownx.snippets' auto_append: caretech/readers/abbreviations.py.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrExtension

from caretech.readers.abbreviations import read_abbreviations

EXTENSION = "caretech.text.glossary"


class GlossaryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"project": [".", "The folder that holds includes/abbreviations.md."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # A mistake in the file is reported by the build's generate stage and the content check.
        glossary = read_abbreviations(Path(self.getConfig("project")))
        AbbrExtension(glossary=glossary).extendMarkdown(md)


def makeExtension(**kwargs) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)

