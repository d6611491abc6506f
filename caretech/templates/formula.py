"""The small formula language of calculator and spreadsheet templates.

Contributors write a result's formula once, in a template's front matter, with the ids of
the lines or columns it uses: `staff * minutes_saved * shifts * 52 / 60`. From that one
text the build writes the spreadsheet formula (ids become cells: `=B2*B3*B4*52/60`), the
page's worksheet says how to work it out by hand (`A × B × C × 52 ÷ 60`), and the page's
calculator gets the parsed formula as JSON (`to_json`): the script
(overrides/assets/javascripts/calculator.js) only evaluates it and never parses. Parsing
happens here, once per formula. One table of cases, tests/fixtures/formula_cases.yml, is
evaluated by `evaluate` here and by the script in the browser, so the two are proved to agree.

The language is a subset of spreadsheet formulas that every spreadsheet program reads
alike: numbers, "text", + - * /, brackets, comparisons (= <> < > <= >=) and the functions
IF (3 arguments), MIN and MAX (1 or more) and ROUND (2). Names are ids (lower case, as in
the front matter) or cell references (B2, as in the spreadsheet). Evaluation runs left to
right in the same order as the script's, so both give the same floating-point answers.
Errors are a spreadsheet's: text in a sum is #VALUE!, dividing by 0 is #DIV/0!
(raised as `CellError` with that code).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Callable, Mapping, Union

# Each function and how many arguments it takes: (fewest, most); None is "no limit".
ARGUMENTS: dict[str, tuple[int, int | None]] = {"IF": (3, 3), "MIN": (1, None), "MAX": (1, None), "ROUND": (2, 2)}
FUNCTIONS = tuple(ARGUMENTS)
_COMPARISONS = ("<=", ">=", "<>", "=", "<", ">")
_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<string>\"[^\"]*\")|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|<>|[-+*/(),=<>]))"
)


class FormulaError(ValueError):
    """A formula that cannot be read, in words a contributor can act on."""


class CellError(ArithmeticError):
    """A spreadsheet error value, such as #VALUE! or #DIV/0!, raised while evaluating."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code} {detail}".strip())
        self.code = code


# A parsed formula: ("num", 1.0) ("str", "x") ("name", "id") ("neg", node)
# ("op", "+", left, right) ("call", "IF", [args]).
Node = tuple
Value = Union[float, str, bool]


@dataclass(frozen=True)
class Formula:
    text: str
    tree: Node

    def names(self) -> list[str]:
        found: list[str] = []
        _collect_names(self.tree, found)
        return found


@functools.lru_cache(maxsize=None)
def parse(text: str) -> Formula:
    """The formula read once (the same text is never read twice in one build)."""
    tokens = _tokenise(text)
    parser = _Parser(tokens, text)
    tree = parser.comparison()
    if parser.position != len(tokens):
        raise FormulaError(f"There is something extra in the formula after \"{_show(tokens[parser.position])}\".")
    return Formula(text, tree)


def _tokenise(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text[1:] if text.startswith("=") else text  # one "=", as a spreadsheet writes it
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            bad = text[position:].strip()[:1]
            raise FormulaError(f"The formula has \"{bad}\", which it cannot use. Use numbers, ids, + - * / and brackets.")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    if not tokens:
        raise FormulaError("The formula is empty.")
    return tokens


def _show(token: tuple[str, str]) -> str:
    return token[1]


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], text: str):
        self.tokens, self.text, self.position = tokens, text, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise FormulaError("The formula stops too early: is a bracket or a number missing at the end?")
        if value is not None and token[1] != value:
            raise FormulaError(f"The formula has \"{token[1]}\" where \"{value}\" should be.")
        self.position += 1
        return token

    def comparison(self) -> Node:
        left = self.additive()
        token = self.peek()
        if token and token[0] == "op" and token[1] in _COMPARISONS:
            self.take()
            left = ("op", token[1], left, self.additive())
        return left

    def additive(self) -> Node:
        left = self.term()
        while (token := self.peek()) and token[1] in ("+", "-"):
            self.take()
            left = ("op", token[1], left, self.term())
        return left

    def term(self) -> Node:
        left = self.unary()
        while (token := self.peek()) and token[1] in ("*", "/"):
            self.take()
            left = ("op", token[1], left, self.unary())
        return left

    def unary(self) -> Node:
        token = self.peek()
        if token and token[1] == "-":
            self.take()
            return ("neg", self.unary())
        return self.primary()

    def primary(self) -> Node:
        kind, value = self.take()
        if kind == "number":
            return ("num", float(value))
        if kind == "string":
            return ("str", value[1:-1])
        if kind == "name":
            following = self.peek()
            if following and following[1] == "(":
                name = value.upper()
                if name not in FUNCTIONS:
                    raise FormulaError(f"The formula uses {value}(), which is not one of {', '.join(FUNCTIONS)}.")
                self.take("(")
                args = [self.comparison()]
                while self.peek() and self.peek()[1] == ",":
                    self.take(",")
                    args.append(self.comparison())
                self.take(")")
                fewest, most = ARGUMENTS[name]
                if len(args) < fewest or (most is not None and len(args) > most):
                    raise FormulaError(f"{name}() needs {_how_many(fewest, most)}, but this one has {len(args)}.")
                return ("call", name, tuple(args))
            return ("name", value)
        if value == "(":
            inner = self.comparison()
            self.take(")")
            return inner
        raise FormulaError(f"The formula has \"{value}\" where a number or an id should be.")


def _how_many(fewest: int, most: int | None) -> str:
    if most is None:
        return f"at least {fewest} value{'s' if fewest > 1 else ''}"
    return f"{fewest} values, separated by commas" if fewest == most else f"{fewest} to {most} values"


def to_json(formula: Formula) -> str:
    """The parsed formula for the page's script: nested lists, e.g. ["op", "*", ["name", "a"], ["num", 2]]."""
    return json.dumps(formula.tree, ensure_ascii=False, separators=(",", ":"))


def _collect_names(node: Node, found: list[str]) -> None:
    if node[0] == "name" and node[1] not in found:
        found.append(node[1])
    elif node[0] == "neg":
        _collect_names(node[1], found)
    elif node[0] == "op":
        _collect_names(node[2], found)
        _collect_names(node[3], found)
    elif node[0] == "call":
        for arg in node[2]:
            _collect_names(arg, found)


# --- writing it out -----------------------------------------------------------------------

_PRECEDENCE = {"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "+": 2, "-": 2, "*": 3, "/": 3}


def render(tree: Node, name: Callable[[str], str], words: bool = False) -> str:
    """Write the formula back out with each name replaced: spreadsheet syntax, or for reading (× ÷ −)."""
    def go(node: Node, parent: int = 0, right_side: bool = False) -> str:
        kind = node[0]
        if kind == "num":
            number = node[1]
            return str(int(number)) if number == int(number) else repr(number)
        if kind == "str":
            return f"\"{node[1]}\""
        if kind == "name":
            return name(node[1])
        if kind == "neg":
            return ("−" if words else "-") + go(node[1], 4)
        if kind == "call":
            return f"{node[1]}({', '.join(go(a) for a in node[2]) if words else ','.join(go(a) for a in node[2])})"
        op = node[1]
        mine = _PRECEDENCE[op]
        text = f"{go(node[2], mine)}{_op_text(op, words)}{go(node[3], mine, True)}"
        # Brackets where the order would otherwise change: a lower-precedence part, or an
        # equal one on the right of - or /.
        if mine < parent or (mine == parent and right_side):
            return f"({text})"
        return text

    return go(tree)


def _op_text(op: str, words: bool) -> str:
    if not words:
        return op
    return {"*": " × ", "/": " ÷ ", "-": " − ", "+": " + "}.get(op, f" {op} ")


def to_spreadsheet(formula: Formula, cells: Mapping[str, str]) -> str:
    return "=" + render(formula.tree, lambda n: cells[n])


def to_words(formula: Formula, names: Mapping[str, str]) -> str:
    """For reading: each id as `names` calls it (e.g. "box 1"), with × ÷ −."""
    return render(formula.tree, lambda n: names[n], words=True)


# --- evaluating it ------------------------------------------------------------------------

def evaluate(formula: Formula | str, values: Mapping[str, Value] | Callable[[str], Value]) -> Value:
    """The formula's value, as a spreadsheet works it out. Names are looked up in `values`."""
    tree = parse(formula).tree if isinstance(formula, str) else formula.tree
    lookup = values if callable(values) else values.__getitem__
    return _eval(tree, lookup)


def _eval(node: Node, lookup: Callable[[str], Value]) -> Value:
    kind = node[0]
    if kind in ("num", "str"):
        return node[1]
    if kind == "name":
        return lookup(node[1])  # an empty cell stays empty: 0 in sums, "" in comparisons
    if kind == "neg":
        return -_number(_eval(node[1], lookup))
    if kind == "call":
        name, args = node[1], node[2]
        if name == "IF":
            return _eval(args[1] if _truthy(_eval(args[0], lookup)) else args[2], lookup)
        numbers = [_number(_eval(a, lookup)) for a in args]
        if name == "MIN":
            return min(numbers)
        if name == "MAX":
            return max(numbers)
        return _round_half_away(numbers[0], int(numbers[1]))
    op, left, right = node[1], _eval(node[2], lookup), _eval(node[3], lookup)
    if op in ("=", "<>", "<", ">", "<=", ">="):
        return _compare(op, left, right)
    a, b = _number(left), _number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        raise CellError("#DIV/0!")
    return a / b


def _number(value: Value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if value is None or value == "":
        return 0.0
    if isinstance(value, str):
        raise CellError("#VALUE!", f"({value!r} is not a number)")
    return float(value)


def _truthy(value: Value) -> bool:
    return bool(value) if not isinstance(value, str) else value != ""


def _compare(op: str, left: Value, right: Value) -> bool:
    """As a spreadsheet compares: text with text ignoring case; an empty cell is "" next to text
    and 0 next to a number; any number is less than any text."""
    if left is None:
        left = "" if isinstance(right, str) else 0.0
    if right is None:
        right = "" if isinstance(left, str) else 0.0
    left_text, right_text = isinstance(left, str), isinstance(right, str)
    if left_text and right_text:
        a, b = left.lower(), right.lower()
    elif left_text or right_text:
        a, b = int(left_text), int(right_text)  # a number (0) sorts before text (1)
    else:
        a, b = _number(left), _number(right)
    return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


def _round_half_away(number: float, digits: int) -> float:
    """ROUND as spreadsheets do it: halves away from zero (Python's round() goes to even)."""
    factor = 10 ** digits
    scaled = abs(number) * factor
    rounded = int(scaled + 0.5) / factor
    return rounded if number >= 0 else -rounded
