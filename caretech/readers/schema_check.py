"""Check data against a JSON Schema and explain each mistake in plain English.

jsonschema's own messages ("Additional properties are not allowed ('nxet' was
unexpected)") are for programmers. Here each kind of error gets a sentence a
contributor can act on, with the field's `description` from the schema as the hint,
so the schema stays the one place that says what each field means.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path as FsPath
from typing import Any, Callable

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from caretech.problems import Problem
from caretech.readers.yaml_source import YamlDocument

# Names a path in words, e.g. ("questions", 0, "answers", 1) -> "answer 2 of question `start`".
Describer = Callable[[tuple, Any], str]

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a set of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def load_schema(path: str | FsPath) -> dict:
    return json.loads(FsPath(path).read_text(encoding="utf-8"))


def check_against_schema(
    document: YamlDocument, schema: dict, filename: str, describe: Describer
) -> list[Problem]:
    validator = Draft202012Validator(schema)
    problems = []
    for error in validator.iter_errors(document.data):
        problems.extend(_explain(error, document, filename, describe))
    return problems


def _type_name(value: Any) -> str:
    for name, kind in (("true or false", bool), ("a number", (int, float)), ("text", str),
                       ("a list", list), ("a set of fields", dict)):
        if isinstance(value, kind):
            return name
    return "empty"


def _field_hint(subschema: dict, key: str) -> str:
    return subschema.get("properties", {}).get(key, {}).get("description", "")


def _explain(error: ValidationError, document: YamlDocument, filename: str, describe: Describer) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = describe(path, document.data)
    line = document.line_of(path)
    kind = error.validator

    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        problems = []
        for key in sorted(set(error.instance) - set(allowed)):
            problems.append(_unknown_key(filename, document.line_of(path + (key,)), key, where, allowed, error.schema))
        return problems

    if kind == "required":
        key = error.message.split("'")[1]
        hint = _field_hint(error.schema, key)
        return [Problem(filename, line, f"{where} is missing `{key}`.",
                        f"Add a `{key}:` line. {hint}".strip())]

    if kind == "minItems":
        count = len(error.instance)
        need = error.validator_value
        return [Problem(filename, line,
                        f"{where} has {count} item{'s' if count != 1 else ''}, but needs at least {need}.",
                        error.schema.get("description", f"Add {need - count} more."))]

    if kind == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        fix = error.schema.get("description", "")
        if "string" in wanted and isinstance(error.instance, (bool, int, float)):
            # YAML reads `No`, `yes`, `off` or `12` as true/false or a number, not as words.
            written = document.raw.get(path, str(error.instance))
            return [Problem(filename, line,
                            f"{where} must be text in quotes: YAML reads `{written}` on its own as "
                            f"{_type_name(error.instance)}, not as words.",
                            f"Put the value in quotes, like \"{written}\". {fix}".strip())]
        return [Problem(filename, line, f"{where} should be {words}, but it is {_type_name(error.instance)}.", fix)]

    if kind in ("pattern", "format"):
        if isinstance(error.instance, str) and markup_characters(error.instance):
            return [markup_problem(filename, line, where, error.instance)]
        return [Problem(filename, line, f"{where} is written as `{error.instance}`, which is not the right form.",
                        error.schema.get("description", "Check the template for the form to use."))]

    if kind in ("anyOf", "oneOf"):  # one of several forms: say which, in the schema's words
        if isinstance(error.instance, str) and markup_characters(error.instance):
            return [markup_problem(filename, line, where, error.instance)]
        return [Problem(filename, line, f"{where} is not written in a form it can take.",
                        error.schema.get("description", "Check the examples in CONTRIBUTING.md."))]

    if kind in ("minLength", "maxLength"):
        return [Problem(filename, line, f"{where} is too {'short' if kind == 'minLength' else 'long'}.",
                        error.schema.get("description", ""))]

    if kind == "enum":
        options = ", ".join(f"`{v}`" for v in error.validator_value)
        return [Problem(filename, line, f"{where} is `{error.instance}`, which is not one of the choices.",
                        f"Use one of: {options}.")]

    if kind == "uniqueItems":
        return [Problem(filename, line, f"{where} lists the same thing twice.", "Remove the repeated item.")]

    return [Problem(filename, line, f"{where}: {error.message}.", error.schema.get("description", ""))]


# Text that a theme template prints inside an attribute or the page's <head> must stay text:
# MkDocs' templates do not escape, so a quote or a tag in it would become markup.
_MARKUP_CHARACTERS = '<>"'


def markup_characters(text: str) -> str:
    """The characters in `text` that could turn plain text into markup, e.g. '"<'."""
    return "".join(c for c in _MARKUP_CHARACTERS if c in text)


def markup_problem(filename: str, line: int, where: str, text: str) -> Problem:
    shown = " and ".join(f"`{c}`" for c in markup_characters(text))
    return Problem(filename, line,
                   f"{where} has {shown} in it. This text goes into the page's own markup, "
                   "where those characters could change the page or run code.",
                   "Write plain text: use curly quotes “ ” or ‘ ’ instead of \", and the words "
                   "'less than' or 'more than' instead of < and >. A web address must not contain them.")


def _unknown_key(filename, line, key, where, allowed, schema) -> Problem:
    special = schema.get("x-wrong-keys", {}).get(key)
    if special:
        return Problem(filename, line, special["message"], special["fix"])
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    fix = f"Did you mean `{close[0]}`?" if close else ""
    fix = f"{fix} The fields allowed here are: {', '.join(f'`{a}`' for a in allowed)}.".strip()
    where = where[0].lower() + where[1:] if where[:1].isupper() and not where.startswith("The ") else where
    return Problem(filename, line, f"`{key}` is not a field that {where} can have.", fix)
