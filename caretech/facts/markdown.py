"""A Python-Markdown extension that puts facts into pages: `{{ ico-helpline }}` -> 0303 123 1113.

In mkdocs.yml:

    markdown_extensions:
      - caretech.facts.markdown:
          project: .          # the folder that holds facts/ (the build sets the full path)

It runs first, before any other extension reads the text, so a fact's value is Markdown like
anything the contributor typed. Any Python-Markdown engine can run it. Mistakes are reported by
the build's and the content check's own pass over the sources (references.reference_problems),
which knows the file and line; here a wrong reference is left as it is.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from caretech.facts.references import expand_text
from caretech.facts.register import register_for
from caretech.readers.dates import build_today


class _PutInFacts(Preprocessor):
    def __init__(self, md: Markdown, project: str):
        super().__init__(md)
        self.project = project

    def run(self, lines: list[str]) -> list[str]:
        if not any("{{" in line for line in lines):
            return lines
        register, _ = register_for(Path(self.project), build_today())
        return expand_text("\n".join(lines), register).split("\n")


class FactsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"project": [".", "The folder that holds facts/ (the register of facts)."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After snippets (32), so included text gets facts too; before normalize_whitespace (30)
        # and every other preprocessor: a value is plain source text, like what the contributor typed.
        md.preprocessors.register(_PutInFacts(md, self.getConfig("project")), "caretech_facts", 31)


def makeExtension(**kwargs) -> FactsExtension:
    return FactsExtension(**kwargs)


EXTENSION = "caretech.facts.markdown"

