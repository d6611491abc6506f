"""MkDocs hook: "Keep this guide on this phone" (the service worker) and "Add to Home screen".

on_post_build writes, into the built site, the web app manifest and its icons
(caretech/site/web_app.py), then offline-manifest.json and sw.js (caretech/site/offline_cache.py).
It runs last (priority -300): after the search words (-50), the offline plugin (-100) and the
slimming (-200), so the file list and its hashes match what is published.

mkdocs.yml `extra: keep_on_phone: false` is the kill switch: sw.js becomes a worker that
removes itself and what it saved (docs/maintainers/phone-offline/index.md). The offline copy
(mkdocs.offline.yml, opened from file://) gets none of these files: browsers never run
service workers there.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from caretech.build_cache import BuildCache
from caretech.site.offline_cache import write_offline_files
from caretech.site.web_app import write_web_app


@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    if "material/offline" in config.plugins:
        return
    site = Path(config.site_dir)
    palette = config.theme.get("palette") or [{}]
    try:
        write_web_app(site, config.site_name, config.extra.get("short_name") or config.site_name,
                      config.site_description or "", (palette[0] if isinstance(palette, list) else palette).get("primary", "indigo"),
                      BuildCache.for_project(Path(config.config_file_path).resolve().parent))
        write_offline_files(site, enabled=config.extra.get("keep_on_phone", True) is not False)
    except ValueError as error:
        raise PluginError(f"Keep this guide on this phone: {error}")
