"""Read a template's source file (docs/templates/<name>.md) and check it.

A template is a Markdown page with front matter, like a guide, plus a few fields: the
download it gets (`download: docx` or `xlsx`), its fill-in fields and, for spreadsheets,
its sheets as plain data. The front matter is checked against the guide schema merged
with template.schema.json; then the checks a schema cannot make (fields declared and
used, formulas that name real lines, one kind of sheet content). Every problem names the
file and line.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import string
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from caretech.facts import Register, expand_data
from caretech.readers.review_dates import check_review_dates, parse_date
from caretech.problems import Problem
from caretech.readers.front_matter import FrontMatter, as_json_values, read_front_matter
from caretech.readers.schema_check import check_against_schema, load_schema
from caretech.readers.yaml_source import YamlDocument
from caretech.templates.fields import FIELD, SINGLE_BRACKET_FIELD
from caretech.templates.formula import Formula, FormulaError, parse

FOLDER = "templates"  # inside docs/
DEFAULT_ROWS, DEFAULT_PRINT_ROWS, DEFAULT_WIDTH = 100, 8, 18


def is_template(src_path: str) -> bool:
    """`templates/<name>.md` (not its index page) is a template."""
    parts = src_path.split("/")
    return len(parts) == 2 and parts[0] == FOLDER and parts[1].endswith(".md") and parts[1] != "index.md"


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str                  # text, date, number, money or choice
    width: float
    id: str = ""
    choices: tuple[str, ...] = ()
    formula: Formula | None = None
    note: str = ""


@dataclass(frozen=True)
class Line:
    id: str
    box: str                   # 1, 2, 3… in order: the worksheet calls each line "box 1" and so on
    label: str
    unit: str
    hint: str = ""
    example: float | None = None
    formula: Formula | None = None
    how: str = ""
    headline: bool = False

    @property
    def is_input(self) -> bool:
        return self.formula is None


@dataclass(frozen=True)
class WorkedExample:
    name: str                              # "care home example": the button says "Try the care home example"
    figures: tuple[tuple[str, float], ...]  # (line id, figure) for every line people fill in


@dataclass(frozen=True)
class Sheet:
    name: str
    intro: str = ""
    rows: int = DEFAULT_ROWS
    print_rows: int = DEFAULT_PRINT_ROWS
    columns: tuple[Column, ...] = ()
    lines: tuple[Line, ...] = ()
    worked_examples: tuple[WorkedExample, ...] = ()


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Template:
    slug: str                  # the file name without .md
    source: str                # the file a contributor edits, e.g. docs/templates/breach-log.md
    title: str
    description: str
    last_reviewed: datetime.date
    next_review: datetime.date
    sources: tuple[Source, ...]
    download: str              # docx or xlsx
    fields: tuple[str, ...]
    sheets: tuple[Sheet, ...]
    body: str                  # the Markdown after the front matter
    body_line: int = 1         # the file's line the body starts on, to name a line of it in a problem
    large_print: bool = False  # the Word download in large type, e.g. an Easy Read document

    @property
    def src_uri(self) -> str:
        return f"{FOLDER}/{self.slug}.md"

    @property
    def download_name(self) -> str:
        return f"{self.slug}.{self.download}"


@functools.lru_cache(maxsize=1)
def _template_fields() -> dict:
    return load_schema(files("caretech.templates") / "template.schema.json")


def line_units() -> tuple[str, ...]:
    """What a worksheet line may count (people, pounds…): the schema's list, the one place they are named."""
    return tuple(_template_fields()["$defs"]["line"]["properties"]["unit"]["enum"])


def unit_word(unit: str) -> str:
    """The word after a figure ("12 people"); none for pounds (the £ goes before) or plain numbers."""
    return "" if unit in ("pounds", "number") else unit


def template_schema(guide_schema: dict) -> dict:
    """The guide's front-matter schema with the template's fields added."""
    extra = _template_fields()
    return {
        **guide_schema,
        "title": extra["title"],
        "description": extra["description"],
        "required": [*guide_schema.get("required", []), *extra["required"]],
        "properties": {**guide_schema["properties"], **extra["properties"]},
        "$defs": {**guide_schema.get("$defs", {}), **extra["$defs"]},
    }


def describe(path: tuple, data: Any) -> str:
    """Name a place in a template's front matter in words a contributor recognises."""
    if not path:
        return "The front matter"
    if path[0] == "sheets" and len(path) >= 2:
        name = f"sheet {path[1] + 1}"
        rest = path[2:]
        if len(rest) >= 2 and rest[0] in ("columns", "lines"):
            name = f"{'column' if rest[0] == 'columns' else 'line'} {rest[1] + 1} of {name}"
            rest = rest[2:]
        if rest and isinstance(rest[-1], int) and len(rest) >= 2:
            return f"Item {rest[-1] + 1} of `{rest[0]}` in {name}"
        return (f"`{rest[0]}` in {name}" if rest else name[0].upper() + name[1:])
    if path[0] == "sources" and len(path) >= 2:
        rest = f"`{path[2]}` of " if len(path) >= 3 else ""
        return f"{rest}source {path[1] + 1}".capitalize()
    if len(path) >= 2 and isinstance(path[1], int):
        return f"Item {path[1] + 1} of `{path[0]}`"
    return f"`{path[0]}`"


def read_template_front_matter(text: str, filename: str) -> tuple[YamlDocument | None, FrontMatter]:
    """The template's fields (dates as YYYY-MM-DD text, as the schema reads them) and the split page."""
    front = read_front_matter(text, filename)
    if not front.readable or front.document is None:
        return None, front
    return dataclasses.replace(front.document, data=as_json_values(front.document.data)), front


def check_template_source(document: YamlDocument, body: str, body_line: int, filename: str) -> list[Problem]:
    """The checks a schema cannot make. `document` is the front matter, already schema-checked."""
    data = document.data if isinstance(document.data, dict) else {}
    problems: list[Problem] = []

    def add(path: tuple, message: str, fix: str) -> None:
        problems.append(Problem(filename, document.line_of(path), message, fix))

    problems += _check_fields(data, document, body, body_line, filename)
    sheets = data.get("sheets") if isinstance(data.get("sheets"), list) else []
    if data.get("download") == "xlsx" and not sheets:
        add(("download",), "A spreadsheet template needs `sheets:`, but this one has none.",
            "Add `sheets:` with at least one sheet, each with a name and columns or lines. "
            "See templates/template-sheet.md.")
    if data.get("download") == "xlsx" and data.get("large_print"):
        add(("large_print",), "`large_print:` is for Word documents; a spreadsheet cannot have it.",
            "Take `large_print:` out, or set `download: docx`.")
    if data.get("download") == "docx" and "sheets" in data:
        add(("sheets",), "A Word template cannot have `sheets:`: only spreadsheets have sheets.",
            "Write the tables in the text instead, or set `download: xlsx`.")
    names: dict[str, int] = {}
    for s_index, sheet in enumerate(sheets):
        if not isinstance(sheet, dict):
            continue
        where = ("sheets", s_index)
        name = sheet.get("name")
        if isinstance(name, str):
            if name.lower() in names:
                add(where + ("name",), f"Two sheets are called \"{name}\".", "Give every sheet its own name.")
            names[name.lower()] = s_index
        has_columns, has_lines = "columns" in sheet, "lines" in sheet
        if has_columns == has_lines:
            add(where, f"Sheet {s_index + 1} needs either `columns:` (a log or register) or `lines:` "
                       "(a worksheet that works figures out), but not both." if has_columns else
                f"Sheet {s_index + 1} has no `columns:` or `lines:`, so it would be empty.",
                "Keep one of the two. See templates/template-sheet.md.")
        if isinstance(sheet.get("columns"), list):
            problems += _check_columns(sheet["columns"], where, document, filename)
        if isinstance(sheet.get("lines"), list):
            problems += _check_lines(sheet["lines"], where, document, filename)
        problems += _check_worked_examples(sheet, where, document, filename)
    return problems


def _check_fields(data: dict, document: YamlDocument, body: str, body_line: int, filename: str) -> list[Problem]:
    problems: list[Problem] = []
    declared = [f for f in data.get("fields") or [] if isinstance(f, str)] if isinstance(data.get("fields"), list) else []
    wanted = {" ".join(f.split()).lower(): f for f in declared}
    used: set[str] = set()
    for number, line in enumerate(body.split("\n"), body_line):
        for match in FIELD.finditer(line):
            name = " ".join(match.group(1).split())
            used.add(name.lower())
            if name.lower() not in wanted:
                close = difflib.get_close_matches(name, declared, n=1, cutoff=0.6)
                hint = f"Did you mean [[{close[0]}]]? " if close else ""
                problems.append(Problem(filename, number, f"The fill-in field [[{name}]] is not listed in `fields:`.",
                                        f"{hint}Add \"{name}\" to `fields:` in the front matter, so every "
                                        "field is spelt the same way."))
        for match in SINGLE_BRACKET_FIELD.finditer(FIELD.sub("", line)):
            problems.append(Problem(filename, number,
                                    f"\"[{match.group(1)}]\" looks like a fill-in field with only one pair of brackets.",
                                    f"Write fill-in fields with two pairs of square brackets, like [[{match.group(1)}]], "
                                    "and list them in `fields:`."))
    sheets_text = str(data.get("sheets", ""))  # a field may sit in a sheet's intro or a heading
    for index, name in enumerate(declared):
        key = " ".join(name.split()).lower()
        if key not in used and f"[[{name}]]".lower() not in sheets_text.lower():
            problems.append(Problem(filename, document.line_of(("fields", index)),
                                    f"The fill-in field \"{name}\" is listed in `fields:` but never used.",
                                    f"Write [[{name}]] where people fill it in, or take it off the list."))
    return problems


def _check_columns(columns: list, where: tuple, document: YamlDocument, filename: str) -> list[Problem]:
    problems: list[Problem] = []
    ids: list[str] = []
    for index, column in enumerate(columns):
        if not isinstance(column, dict):
            continue
        path = where + ("columns", index)
        kind = column.get("type", "text")
        if kind == "choice" and "choices" not in column:
            problems.append(Problem(filename, document.line_of(path), f"Column \"{column.get('heading')}\" is a choice "
                                    "but has no `choices:`.", "Add `choices:` with the options, e.g. [\"Yes\", \"No\"]."))
        if kind != "choice" and "choices" in column:
            problems.append(Problem(filename, document.line_of(path + ("choices",)),
                                    f"Column \"{column.get('heading')}\" has `choices:` but its type is {kind}.",
                                    "Add `type: choice`, or remove `choices:`."))
        problems += _check_formula_and_id(column, ids, path, document, filename, "column")
    return problems


def _check_lines(lines: list, where: tuple, document: YamlDocument, filename: str) -> list[Problem]:
    problems: list[Problem] = []
    ids: list[str] = []
    for index, line in enumerate(lines):
        if not isinstance(line, dict):
            continue
        path = where + ("lines", index)
        has_example, has_formula = "example" in line, "formula" in line
        if has_example == has_formula:
            problems.append(Problem(filename, document.line_of(path),
                                    f"Line {index + 1} (\"{line.get('label')}\") needs either `example:` (a figure people "
                                    "fill in) or `formula:` (a figure worked out), not both." if has_example else
                                    f"Line {index + 1} (\"{line.get('label')}\") has neither `example:` nor `formula:`.",
                                    "Give lines people fill in an `example:` figure, and lines the sheet works out "
                                    "a `formula:`."))
        problems += _check_formula_and_id(line, ids, path, document, filename, "line")
    if len([line for line in lines if isinstance(line, dict)]) > len(string.ascii_uppercase):
        problems.append(Problem(filename, document.line_of(where + ("lines",)), "A worksheet can have at most 26 lines.",
                                "Split it into two sheets."))
    return problems


def _check_worked_examples(sheet: dict, where: tuple, document: YamlDocument, filename: str) -> list[Problem]:
    """A worked example gives a figure for every line people fill in, and nothing else."""
    examples = sheet.get("worked_examples")
    if not isinstance(examples, list):
        return []
    lines = sheet.get("lines") if isinstance(sheet.get("lines"), list) else []
    if not lines:
        return [Problem(filename, document.line_of(where + ("worked_examples",)),
                        "Only a worksheet (a sheet with `lines:`) can have `worked_examples:`.",
                        "Take `worked_examples:` off this sheet.")]
    wanted = [line["id"] for line in lines if isinstance(line, dict) and "example" in line and isinstance(line.get("id"), str)]
    problems = []
    for index, example in enumerate(examples):
        figures = example.get("figures") if isinstance(example, dict) else None
        if not isinstance(figures, dict):
            continue
        missing = [name for name in wanted if name not in figures]
        extra = [name for name in figures if name not in wanted]
        if missing or extra:
            said = (f"has no figure for {', '.join(f'`{n}`' for n in missing)}" if missing else "") + \
                   (" and " if missing and extra else "") + \
                   (f"has {', '.join(f'`{n}`' for n in extra)}, which is not a line people fill in" if extra else "")
            problems.append(Problem(filename, document.line_of(where + ("worked_examples", index, "figures")),
                                    f"Worked example {index + 1} {said}.",
                                    f"Give a figure for each of these ids, and no others: {', '.join(wanted)}."))
    return problems


def _check_formula_and_id(item: dict, ids: list[str], path: tuple, document: YamlDocument, filename: str,
                          noun: str) -> list[Problem]:
    """The formula may use only the ids of earlier columns or lines; then this one's id joins them."""
    problems = []
    if isinstance(item.get("formula"), str):
        problems += _check_formula(item["formula"], ids, path + ("formula",), document, filename, noun)
    if isinstance(item.get("id"), str):
        if item["id"] in ids:
            problems.append(Problem(filename, document.line_of(path + ("id",)),
                                    f"Two {noun}s have the id `{item['id']}`.", f"Give each {noun} its own id."))
        ids.append(item["id"])
    return problems


def _check_formula(text: str, earlier: list[str], path: tuple, document: YamlDocument, filename: str,
                   noun: str) -> list[Problem]:
    line = document.line_of(path)
    try:
        formula = parse(text)
    except FormulaError as error:
        return [Problem(filename, line, f"This formula cannot be read: {error}",
                        f"Write it with the ids of {noun}s above, numbers, + - * / and brackets, "
                        "e.g. staff * minutes_saved / 60.")]
    problems = []
    for name in formula.names():
        if name not in earlier:
            close = difflib.get_close_matches(name, earlier, n=1, cutoff=0.6)
            hint = f"Did you mean `{close[0]}`? " if close else ""
            problems.append(Problem(filename, line, f"The formula uses `{name}`, which is not the id of a {noun} above it.",
                                    f"{hint}Use the `id` of a {noun} that comes before this one."))
    return problems


# --- building the model -----------------------------------------------------------------

def load_template(text: str, filename: str, src_path: str, guide_schema: dict,
                  register: Register | None = None) -> tuple[Template | None, list[Problem]]:
    """Check a template file and build its model, with the numbers its front matter takes from
    the register of facts (`"{{ national-living-wage }}"`) put in. Returns every problem found."""
    document, front = read_template_front_matter(text, filename)
    if not front.found:
        return None, [Problem(filename, 1, "The template has no front matter (the fields between --- lines at the top).",
                              "Copy templates/template-doc.md or templates/template-sheet.md and fill it in.")]
    problems = list(front.problems)
    if document is None:
        return None, problems
    body, body_line = front.body, front.body_line
    problems += check_against_schema(document, template_schema(guide_schema), filename, describe)
    problems += check_review_dates(document, filename)
    problems += check_template_source(document, body, body_line, filename)
    if problems:
        return None, problems
    return build_template(expand_data(document.data, register or Register()), body, src_path, filename, body_line), []


def build_template(data: dict, body: str, src_path: str, filename: str, body_line: int = 1) -> Template:
    return Template(
        slug=src_path.rsplit("/", 1)[-1][: -len(".md")],
        source=filename,
        title=data["title"].strip(),
        description=" ".join(data["description"].split()),
        last_reviewed=parse_date(data["last_reviewed"]),
        next_review=parse_date(data["next_review"]),
        sources=tuple(Source(s["title"], s["url"]) for s in data["sources"]),
        download=data["download"],
        fields=tuple(data.get("fields", ())),
        sheets=tuple(_sheet(s) for s in data.get("sheets", ())),
        body=body,
        body_line=body_line,
        large_print=bool(data.get("large_print")),
    )


def _sheet(data: dict) -> Sheet:
    return Sheet(
        name=data["name"],
        intro=" ".join(data.get("intro", "").split()),
        rows=data.get("rows", DEFAULT_ROWS),
        print_rows=data.get("print_rows", DEFAULT_PRINT_ROWS),
        columns=tuple(
            Column(c["heading"], c.get("type", "text"), c.get("width", DEFAULT_WIDTH), c.get("id", ""),
                   tuple(c.get("choices", ())), parse(c["formula"]) if "formula" in c else None, c.get("note", ""))
            for c in data.get("columns", ())
        ),
        lines=tuple(
            Line(l["id"], str(i + 1), l["label"], l["unit"], l.get("hint", ""),
                 float(l["example"]) if "example" in l else None,
                 parse(l["formula"]) if "formula" in l else None, l.get("how", ""), bool(l.get("headline")))
            for i, l in enumerate(data.get("lines", ()))
        ),
        worked_examples=tuple(WorkedExample(e["name"], tuple((k, float(v)) for k, v in e["figures"].items()))
                              for e in data.get("worked_examples", ())),
    )
