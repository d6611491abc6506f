"""Templates and tools: editable downloads built from reviewed Markdown sources.

Each template is a page in docs/templates/ with front matter like a guide's, plus
`download: docx` or `download: xlsx` (and, for spreadsheets, `sheets:` as plain data).
The stages, one module each:

- source.py: read and check a template file (schema, fields, formulas), with file:line errors;
- document.py: its Markdown as an element tree, as the page renders it;
- pictures.py: the SVG drawings a Word document shows, read from docs/ and drawn as PNG;
- docx_writer.py / xlsx_writer.py: write the Word document or the spreadsheet;
- reproducible.py: fixed ZIP dates, so two builds give the same bytes;
- page.py: the page's Markdown (download link, fill-in fields, sheets) and the calculator worksheet;
- formula.py: the formula language shared by the spreadsheet and the page's calculator.

Nothing here knows about MkDocs; caretech/stages/generate.py adds the pages' changes and the
downloads to the build.
"""

from __future__ import annotations

from pathlib import Path

from caretech.facts import Register, expand_page, register_for
from caretech.readers.dates import build_today
from caretech.build_cache import NO_CACHE, BuildCache
from caretech.problems import Problem
from caretech.templates.reproducible import reproducible_zip
from caretech.templates.source import FOLDER, Template, is_template, load_template

__all__ = ["FOLDER", "Template", "build_download", "is_template", "load_templates"]


def load_templates(docs: Path, guide_schema: dict, display_root: Path,
                   register: Register | None = None) -> tuple[list[Template], list[Problem]]:
    """Every template in docs/templates/, checked, with facts put in from `register` (by default
    the project's own, as on the build's day). Problems name files relative to `display_root`."""
    if register is None:
        register, _ = register_for(docs.parent, build_today())
    templates, problems = [], []
    for path in sorted((docs / FOLDER).glob("*.md")):
        src = path.relative_to(docs).as_posix()
        if not is_template(src):
            continue
        name = path.relative_to(display_root).as_posix() if path.is_relative_to(display_root) else str(path)
        template, found = load_template(expand_page(path.read_text(encoding="utf-8"), register), name, src, guide_schema,
                                        register)
        problems += found
        if template is not None:
            templates.append(template)
    return templates, problems


def build_download(template: Template, site_url: str, cache: BuildCache = NO_CACHE, docs: Path | None = None) -> bytes:
    """The editable file for a template, the same bytes on every build (kept in `cache`, keyed
    by everything the writer reads: the whole template, as read from its file, the address, and
    its pictures, read from `docs`). A picture that cannot be read raises ContentError."""
    if template.download == "docx":
        from caretech.templates.pictures import read_pictures  # the content check never draws pictures
        pictures = read_pictures(template, docs)
    else:
        pictures = {}

    def make() -> bytes:
        # Imported here: the content check reads templates but never writes them.
        if template.download == "docx":
            from caretech.templates.docx_writer import write_docx
            written = write_docx(template, site_url, pictures)
        else:
            from caretech.templates.xlsx_writer import write_xlsx
            written = write_xlsx(template, site_url)
        return reproducible_zip(written, template.last_reviewed)

    drawn = [part for src, picture in sorted(pictures.items()) for part in (src, picture.png)]
    return cache.get("downloads", [repr(template), site_url, *drawn], make)
