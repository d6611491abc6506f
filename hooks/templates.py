"""MkDocs hook: templates and tools (docs/templates/). A thin adapter over caretech.templates.

on_files  checks every template, writes its editable download (.docx or .xlsx) into the
          build as a generated file under downloads/templates/ (so the offline copy has it
          too; the build cache, caretech/build_cache.py, keeps it until its template
          changes), and swaps the template's Markdown for its page: download link with type
          and size, fill-in fields marked, sheets to print. Pages with a
          `<!-- calculator: <template> -->` line get that template's worksheet there.
          Any mistake stops the build with file:line.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from caretech.build_cache import BuildCache
from caretech.content.front_matter import load_front_matter_schema
from caretech.facts import expand_page, register_for
from caretech.problems import ContentError, Problem, build_stopped
from caretech.readers.dates import build_today
from caretech.templates import build_download, is_template
from caretech.templates.fields import YOUR_DETAILS, fields_to_html
from caretech.templates.page import (CALCULATOR_MARKER, DETAILS_MARKER, Download, details_form_html, insert_calculators,
                                     template_page)
from caretech.templates.source import FOLDER, load_template


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve()
    schema = load_front_matter_schema()
    problems: list[Problem] = []
    templates = {}

    def display(src_uri: str) -> str:
        return (docs / src_uri).relative_to(project).as_posix()

    register, _ = register_for(project, build_today())  # care_tech_guide.py has checked the references
    pages = files.documentation_pages()
    for file in pages:
        if is_template(file.src_uri):
            file.content_string = expand_page(file.content_string, register)  # facts, for the download too
            template, found = load_template(file.content_string, display(file.src_uri), file.src_uri, schema, register)
            problems += found
            if template is not None:
                templates[template.slug] = (template, file)

    index = files.get_file_from_path(f"{FOLDER}/index.md")
    for slug, (template, _) in templates.items():
        if index is None or f"({slug}.md)" not in index.content_string:
            problems.append(Problem(f"docs/{FOLDER}/index.md", 1, f"The templates page does not list {slug}.md.",
                                    f"Add a line for it: - [{template.title}]({slug}.md): what it is for."))

    used = {" ".join(name.split()).lower() for template, _ in templates.values() for name in template.fields}
    for name in YOUR_DETAILS:
        if name.lower() not in used:
            problems.append(Problem("caretech/templates/fields.py", 1, f"\"{name}\" is in YOUR_DETAILS but no template uses it.",
                                    "Take it off YOUR_DETAILS, or spell it exactly as the template's `fields:` does."))

    for file in pages:
        if CALCULATOR_MARKER.search(file.content_string):
            text, missing = insert_calculators(file.content_string, {s: t for s, (t, _) in templates.items()})
            for name in missing:
                line = file.content_string[: file.content_string.find(name)].count("\n") + 1
                problems.append(Problem(display(file.src_uri), line, f"There is no worksheet template called `{name}`.",
                                        f"Use the name of a file in docs/{FOLDER}/ (without .md) that has a sheet with `lines:`."))
            file.content_string = text

    if problems:
        raise PluginError(build_stopped(sorted(set(problems))))

    if index is not None:
        form = details_form_html(YOUR_DETAILS)
        index.content_string = DETAILS_MARKER.sub(lambda _: form, fields_to_html(index.content_string))
    cache = BuildCache.for_project(project)
    for template, file in templates.values():
        try:
            data = build_download(template, config.site_url or "", cache, docs)
        except ContentError as error:  # a picture that cannot be read
            problems += error.problems
            continue
        download = Download(template, len(data))
        files.append(File.generated(config, download.path, content=data))
        file.content_string = template_page(file.content_string, download)
    if problems:
        raise PluginError(build_stopped(sorted(set(problems))))
    return files
