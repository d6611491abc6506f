"""Our own scripts are written in ES2017 syntax at most.

The listed scripts reach a page as one bundle (caretech/site/bundle.py): one newer construct in
any of them (`??=`, `?.`, `catch {`) stops an older browser from reading any of it. Browsers from
2017 on read ES2017, including phones that cannot update past iOS 12 (Safari 12 has no `?.`); and
every page works without our scripts anyway. The service workers and keep-on-phone-controls.js (loaded on its own)
keep to the same level, so one rule covers every file.

esprima 4.0.1 parses ECMAScript 2017, and refuses most later syntax itself. It does accept a few
ES2018 and ES2020 constructs, which `_newer_than_es2017` finds in its syntax tree. The first tests
show that the check refuses each later construct and accepts ES2017, so it can fail.
"""

from __future__ import annotations

import re

import esprima
import pytest

from helpers import ROOT

# Our own scripts; iframe-worker/ is a copied library, used only by the offline copy.
OUR_SCRIPTS = sorted([*(ROOT / "overrides/assets/javascripts").glob("*.js"), *(ROOT / "caretech/site").glob("*.js")])

# ES2018 regular expressions: lookbehind and named groups `(?<`, named back-references `\k<`,
# Unicode property escapes `\p{`, and the `s` (dotAll) flag.
_NEWER_PATTERN = re.compile(r"\(\?<|\\k<|\\[pP]\{")


def _newer_than_es2017(node) -> str | None:
    """What, in this syntax-tree node, is newer than ES2017 although esprima 4.0.1 accepts it."""
    kinds = {getattr(part, "type", None) for part in getattr(node, "properties", None) or []}
    if node.type == "ObjectExpression" and "SpreadElement" in kinds:
        return "object spread {...x} (ES2018)"
    if node.type == "ObjectPattern" and "RestElement" in kinds:
        return "object rest {a, ...rest} (ES2018)"
    if node.type == "Import":
        return "import() (ES2020)"
    regex = getattr(node, "regex", None) if node.type == "Literal" else None
    if regex and ("s" in regex.flags or _NEWER_PATTERN.search(regex.pattern)):
        return f"regular expression /{regex.pattern}/{regex.flags} (ES2018)"
    return None


def es2017_problems(source: str) -> list[str]:
    """Each construct newer than ES2017 in `source`, with its line (empty if there is none)."""
    problems: list[str] = []

    def look(node, meta) -> None:
        if found := _newer_than_es2017(node):
            problems.append(f"line {meta.start.line}: {found}")

    try:
        esprima.parseScript(source, {}, look)
    except esprima.Error as error:  # syntax newer than ES2017, or a mistake
        return [f"{error} (not ES2017 syntax)"]
    return problems


NEWER = {
    "logical assignment (ES2021)": "a ??= b;",
    "optional chaining (ES2020)": "a?.b;",
    "nullish coalescing (ES2020)": "a ?? b;",
    "optional catch binding (ES2019)": "try { f(); } catch { g(); }",
    "object spread (ES2018)": "x = { ...a };",
    "object rest (ES2018)": "const { a, ...rest } = o;",
    "async iteration (ES2018)": "async function f() { for await (const x of y) {} }",
    "regex lookbehind (ES2018)": "/(?<=a)b/;",
    "regex named group (ES2018)": "/(?<year>\\d+)/;",
    "regex dotAll flag (ES2018)": "/a.b/s;",
    "regex property escape (ES2018)": "/\\p{L}/u;",
    "dynamic import (ES2020)": "import('./x.js');",
    "numeric separator (ES2021)": "1_000;",
    "BigInt (ES2020)": "1n;",
    "class field (ES2022)": "class A { x = 1; }",
}
ES2017 = [
    "const f = async (a, ...rest) => { await g(...rest); return a ** 2; };",
    "class A extends B { constructor() { super(); } } for (const [k, v] of m) {}",
    "const { a, b } = o; const t = `x ${a}`; f(a, b,);",
    "try { f(); } catch (error) { g(); } /a(?=b)\\d+/giu.test(s);",
]


@pytest.mark.parametrize("construct", NEWER, ids=list(NEWER))
def test_the_check_refuses_syntax_newer_than_es2017(construct):
    assert es2017_problems(NEWER[construct]), construct


@pytest.mark.parametrize("source", ES2017)
def test_the_check_accepts_es2017(source):
    assert es2017_problems(source) == []


def test_our_scripts_use_es2017_syntax_at_most():
    assert len(OUR_SCRIPTS) >= 8, OUR_SCRIPTS
    found = {script.relative_to(ROOT).as_posix(): problems for script in OUR_SCRIPTS
             if (problems := es2017_problems(script.read_text(encoding="utf-8")))}
    assert not found, "Newer than ES2017 (an older browser would then skip the whole bundle):\n" + "\n".join(
        f"{name}: {problem}" for name, problems in found.items() for problem in problems)
