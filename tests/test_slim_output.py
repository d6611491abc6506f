"""What the build leaves out: source maps, unused search languages, and the menus of other sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from caretech.site.nav_prune import MAX_PAGES, pruned_menu
from caretech.site.slim_output import lunr_files_needed, slim_site


# --- Source maps and search languages --------------------------------------------------------

def test_english_search_needs_no_lunr_language_files():
    assert lunr_files_needed(["en"]) == set()
    assert lunr_files_needed(["de"]) == {Path("min/lunr.de.min.js"), Path("min/lunr.stemmer.support.min.js")}
    assert lunr_files_needed(["en", "ja"]) == {
        Path("tinyseg.js"), Path("min/lunr.ja.min.js"), Path("min/lunr.multi.min.js"), Path("min/lunr.stemmer.support.min.js"),
    }


def test_slimming_removes_maps_and_unused_languages_and_keeps_the_rest(tmp_path):
    files = {
        "assets/javascripts/bundle.min.js": "code();\n//# sourceMappingURL=bundle.min.js.map\n",
        "assets/javascripts/bundle.min.js.map": "{}",
        "assets/stylesheets/main.min.css.map": "{}",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "assets/javascripts/lunr/min/lunr.fr.min.js": "fr",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "support",
        "assets/javascripts/lunr/tinyseg.js": "ja",
        "assets/javascripts/workers/search.min.js": "worker();",
        "index.html": "<html></html>",
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    saved = slim_site(tmp_path, ["de"])
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert left == [
        "assets/javascripts/bundle.min.js",
        "assets/javascripts/lunr/min/lunr.de.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/workers/search.min.js",
        "index.html",
    ]
    assert (tmp_path / "assets/javascripts/bundle.min.js").read_text() == "code();"
    assert saved > 0


def test_the_built_site_has_no_source_maps_or_language_files_but_keeps_search(built_site):
    assert not list(built_site.rglob("*.map"))
    assert not (built_site / "assets/javascripts/lunr").exists()
    [worker] = built_site.glob("assets/javascripts/workers/search.*.js")
    [bundle] = built_site.glob("assets/javascripts/bundle.*.js")
    assert "sourceMappingURL" not in worker.read_text() + bundle.read_text()
    assert (built_site / "search/search_index.json").stat().st_size > 10_000


# --- The menu ------------------------------------------------------------------------------

@dataclass(eq=False)
class Item:
    """Just enough of MkDocs' navigation objects."""

    title: str
    url: str = ""
    children: list = field(default_factory=list)
    active: bool = False
    is_index: bool = False

    @property
    def is_section(self) -> bool:
        return bool(self.children)


def link(title, url):
    return ("link", title, url)


def section(name: str, guides: int, current: int | None = None) -> Item:
    index = Item(f"{name} index", f"{name}/", is_index=True)
    pages = [Item(f"{name} {n}", f"{name}/{n}/", active=n == current) for n in range(guides)]
    return Item(name, children=[index, *pages], active=current is not None)


def test_other_sections_fold_into_links_to_their_index_pages():
    home = Item("Home", "")
    start, devices = section("start", 4), section("devices", 5, current=2)
    menu = pruned_menu([home, start, devices], link)
    assert menu[0] is home
    assert menu[1] == ("link", "start", "start/")
    assert menu[2].children == devices.children and menu[2] is not devices
    assert len(start.children) == 5, "the site's own navigation is not changed"


def test_a_huge_section_shows_the_pages_near_the_current_one_and_a_link_to_all():
    big = section("big", 125, current=60)
    [menu] = pruned_menu([big], link)
    index, *shown, more = menu.children
    assert index.is_index and len(shown) == MAX_PAGES
    assert any(page.active for page in shown)
    assert more == ("link", "All 125 pages in this section", "big/")


def test_the_menu_does_not_grow_with_the_site():
    def menu_size(guides_per_section: int) -> int:
        sections = [section(f"s{n}", guides_per_section, current=guides_per_section // 2 if n == 3 else None) for n in range(8)]
        return sum(1 + len(getattr(item, "children", []) or []) for item in pruned_menu(sections, link))
    assert menu_size(125) == menu_size(60) < 40


def test_a_built_page_lists_only_its_own_sections_guides(built_site):
    html = (built_site / "devices-and-wifi/wifi/index.html").read_text(encoding="utf-8")
    menu = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
    links = set(re.findall(r'href="([^"#]+)"', menu))
    assert "../../keeping-information-safe/" in links                    # another section: its index page
    assert "../../keeping-information-safe/backups/" not in links        # ...but not its guides
    assert "../landline-switch-off/" in links                           # this section's guides are all there
