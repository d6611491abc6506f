"""Keep each page's menu small: every section, and the pages of the section you are in.

With Material's `navigation.sections`, every page's HTML holds the whole menu: each
top-level section with all its pages (Material's `navigation.prune` only trims sections
nested deeper). So every page grows with the site: at 1,000 guides each page carries
about 350 KB of menu. Here each page gets a menu with:

- every top-level item, where a section you are not in becomes a plain link to its
  index page (which lists all its guides, so nothing becomes harder to reach);
- the pages of the section you are in; in a very large section (more than MAX_PAGES),
  the MAX_PAGES around the current page, then a link to the section's index page.

So a page's HTML stays the same size however many pages the site has. With the 39 guides
of today (at most 10 a section) the only change is that other sections are folded.

Works on navigation objects through the attributes MkDocs documents (children, active,
is_section, is_index, url), copying what it changes: the site's navigation is never
modified. `make_link(title, url)` makes a menu link (the hook passes MkDocs' Link).
"""

from __future__ import annotations

import copy
from typing import Any, Callable

MAX_PAGES = 25


def pruned_menu(items: list, make_link: Callable[[str, str], Any]) -> list:
    """The top-level menu items for one page (the page being built is the active one)."""
    menu = []
    for item in items:
        index = _index_page(item) if getattr(item, "is_section", False) else None
        if index is None:  # a page, a link, or a section with no index page to fold into
            menu.append(item)
        elif not item.active:
            menu.append(make_link(item.title, index.url))
        else:
            menu.append(_with_children(item, _near_current(item, index, make_link)))
    return menu


def _index_page(section) -> Any | None:
    return next((child for child in section.children if getattr(child, "is_index", False)), None)


def _with_children(section, children: list):
    folded = copy.copy(section)
    folded.children = children
    return folded


def _near_current(section, index, make_link) -> list:
    others = [child for child in section.children if child is not index]
    if len(others) <= MAX_PAGES:
        return section.children
    current = next((i for i, child in enumerate(others) if child.active), 0)
    start = max(0, min(current - MAX_PAGES // 2, len(others) - MAX_PAGES))
    shown = others[start:start + MAX_PAGES]
    return [index, *shown, make_link(f"All {len(others)} pages in this section", index.url)]


class PageMenu:
    """The site's navigation as one page's template sees it: a smaller menu, the rest unchanged."""

    def __init__(self, nav: Any, make_link: Callable[[str, str], Any]):
        self._nav = nav
        self.items = pruned_menu(nav.items, make_link)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getattr__(self, name: str):
        return getattr(self._nav, name)
