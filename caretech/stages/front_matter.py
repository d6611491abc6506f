"""Check any page's front matter, templates included: the one place that knows a template
page has its own schema (caretech/templates/template.schema.json on top of the guide's)."""

from __future__ import annotations

from caretech.content.front_matter import check_front_matter
from caretech.problems import Problem
from caretech.templates.source import describe as describe_template, is_template, template_schema


def check_page_front_matter(text: str, filename: str, src_path: str, schema: dict) -> tuple[dict, list[Problem]]:
    if is_template(src_path):
        return check_front_matter(text, filename, src_path, template_schema(schema), describe_template)
    return check_front_matter(text, filename, src_path, schema)
