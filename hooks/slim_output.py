"""MkDocs hook: leave out of the built site what no reader needs.

on_page_context / on_template_context
    give each page a menu with the sections and the pages of its own section only, so a
    page's HTML does not grow with the size of the site (caretech/site/nav_prune.py).
on_post_build
    deletes source maps and unused search-language files (caretech/site/slim_output.py). Runs
    after everything else has written its files (priority -200; the offline plugin writes
    its search index at -100), for the online and the offline build alike.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page

from caretech.site.nav_prune import pruned_menu
from caretech.site.slim_output import slim_site


class _PageMenu:
    """The site's navigation as one page's template sees it: a smaller menu, the rest unchanged."""

    def __init__(self, nav: Navigation):
        self._nav = nav
        self.items = pruned_menu(nav.items, Link)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getattr__(self, name: str):
        return getattr(self._nav, name)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["nav"] = _PageMenu(nav)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if isinstance(context.get("nav"), Navigation):  # the 404 page
        context["nav"] = _PageMenu(context["nav"])
    return context


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    languages = list(search.config.lang or []) if search else []
    slim_site(Path(config.site_dir), languages)
