"""MkDocs hook: adds the maintainers' review-due page, maintainers/review-due/.

A thin adapter: caretech.stages.review_report reads the guides and pathways and writes the page.
mkdocs.yml's `not_in_nav: /maintainers/` keeps it out of the menu; its front matter keeps
it out of search.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from caretech.stages.review_report import PAGE, review_page
from caretech.readers.dates import build_today


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = Path(config.config_file_path).parent
    content = review_page(project, build_today())
    files.append(File.generated(config, PAGE, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files
