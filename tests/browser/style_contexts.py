"""Every kind of text the site styles, and the fewest pages and elements that hold them all.

A colour comes from CSS, which picks an element by its tag, classes and data- attributes and
those of the elements around it (the site allows no style= attributes: content/safety.py). So two
pieces of text with the same tag, classes and attributes, inside ancestors with the same tags,
classes and attributes, get the same colours, and the same contrast, on every page, in either
scheme (the dark scheme changes colours only: the same pages, the same markup). Such a "style
context" is worked out here for every piece of text (and every link, for link-in-text-block).

The accessibility walk audits every page with every rule but the colour rules. The colour rules,
in both schemes, run on the pages chosen here, which between them hold every style context on the
site; and on each of those pages only on one element of each style context it shows (marked in the
browser, on the page as the reader sees it, scripts and all): the colour rules take most of axe's
time, and most of that goes on text styled like text already checked. A page that brings a new
context (a new kind of box, a new class, a quote inside a table) is chosen with it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from site_addresses import built_pages

# Attributes the stylesheets choose by (site.css, Material's palette): besides class, these data-.
_STYLED_DATA = ("data-ctg", "data-nation", "data-md-color")
_NOT_TEXT = ("script", "style", "template", "noscript")


def _label(node) -> str:
    classes = sorted((node.attributes.get("class") or "").split())
    data = sorted(name for name in node.attributes if name.startswith(_STYLED_DATA))
    return node.tag.lower() + "".join(f".{c}" for c in classes) + "".join(f"[{d}]" for d in data)


def _has_own_text(node) -> bool:
    return any(child.tag == "-text" and (child.text_content or "").strip() for child in node.iter(include_text=True))


def style_contexts(html: str) -> set[str]:
    """Each text-bearing element's (or link's) label inside <body>, then the labels of all its
    ancestors up to <body>, sorted (the same strings as STYLE_CONTEXTS_IN_THE_BROWSER gives)."""
    found: set[str] = set()

    def visit(node, ancestors: frozenset[str]) -> None:  # each label worked out once
        if node.tag in _NOT_TEXT:
            return
        label = _label(node)
        if node.tag == "a" or _has_own_text(node):
            found.add(" ".join([label, *sorted(ancestors)]))
        inside = ancestors | {label}
        for child in node.iter():  # its elements
            visit(child, inside)

    body = LexborHTMLParser(html).body
    for child in body.iter():
        visit(child, frozenset({_label(body)}))
    return found


@functools.cache
def pages_covering_every_style_context(site: Path) -> frozenset[str]:
    """Greedy set cover: the page with the most contexts not yet covered, until all are."""
    contexts = {name: style_contexts((site / name).read_text(encoding="utf-8")) for name in built_pages(site)}
    chosen, covered = set(), set()
    everything = set().union(*contexts.values())
    while covered != everything:
        best = max(sorted(contexts), key=lambda name: len(contexts[name] - covered))
        chosen.add(best)
        covered |= contexts[best]
    return frozenset(chosen)


# The same style contexts, worked out in the browser: `html` is a page's source (parsed, never run,
# as style_contexts() reads it) or null for the document as it is shown. Given an attribute, it
# marks the first element of each context that is shown (axe skips hidden text, so a hidden one
# would leave its context unchecked), in place of any marked before. Returns every context found.
STYLE_CONTEXTS_IN_THE_BROWSER = f"""([html, attribute]) => {{
  const doc = html === null ? document : new DOMParser().parseFromString(html, 'text/html');
  const styled = {list(_STYLED_DATA)}, notText = {list(_NOT_TEXT)};
  const label = (el) => el.localName.toLowerCase()
    + (el.getAttribute('class') || '').split(/\\s+/).filter(Boolean).sort().map((c) => '.' + c).join('')
    + [...el.attributes].map((a) => a.name).filter((n) => styled.some((s) => n.startsWith(s)))
      .sort().map((n) => `[${{n}}]`).join('');
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  const found = new Set(), marked = new Set();
  if (attribute) doc.querySelectorAll(`[${{attribute}}]`).forEach((el) => el.removeAttribute(attribute));
  for (const el of doc.body.querySelectorAll('*')) {{
    if (!(el.localName === 'a' || ownText(el)) || notText.some((tag) => el.closest(tag))) continue;
    const ancestors = new Set();
    for (let p = el.parentElement; p && p !== doc.documentElement; p = p.parentElement) ancestors.add(label(p));
    const context = [label(el), ...[...ancestors].sort()].join(' ');
    found.add(context);
    if (attribute && !marked.has(context) && el.getClientRects().length) {{
      marked.add(context);
      el.setAttribute(attribute, '');
    }}
  }}
  return [...found];
}}"""

# Marks the sampled elements: an attribute no stylesheet chooses by, so no colour changes.
SAMPLED = "data-test-colour-sample"


def one_of_each_style_context(page) -> dict:
    """Mark one shown element of each style context on the page as it is now, and give the axe
    context that holds those elements alone (not the unmarked ones inside them)."""
    page.evaluate(STYLE_CONTEXTS_IN_THE_BROWSER, [None, SAMPLED])
    marked = f"[{SAMPLED}]"
    return {"include": [[marked]], "exclude": [[f"{marked} :not({marked})"]]}
