"""MkDocs hook: remove what no reader needs from the built site (see caretech/slim_output.py).

Runs after everything else has written its files (priority -200; the offline plugin
writes its search index at -100), for the online and the offline build alike.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from caretech.slim_output import slim_site


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    languages = list(search.config.lang or []) if search else []
    slim_site(Path(config.site_dir), languages)
