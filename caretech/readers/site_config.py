"""mkdocs.yml, read once and as MkDocs and Zensical read it: `!ENV` values (or their defaults)
and `!relative` paths; any other tag (such as `!!python/name:`) reads as None. The one reader of
the site's settings for the content check, the stages' command line and the benchmark.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

# MkDocs adds these to every site's list (mkdocs/config/defaults.py: MarkdownExtensions builtins).
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


def _loader(config_dir: Path) -> type[yaml.SafeLoader]:
    class Loader(yaml.SafeLoader):
        pass

    def relative(loader: yaml.SafeLoader, node: yaml.Node) -> str:
        value = loader.construct_scalar(node) or "$config_dir"
        return str(config_dir / value.replace("$config_dir", ".")) if "$config_dir" in value else value

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        default = names.pop() if len(names) > 1 else None
        return next((os.environ[n] for n in names if n in os.environ), default)

    Loader.add_constructor("!relative", relative)
    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return Loader


def read_site_config(config_file: Path) -> dict:
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_loader(config_file.parent)) or {}


def markdown_extensions(config: dict) -> tuple[list[str], dict[str, dict]]:
    """(extension names, their settings) from the config, MkDocs' own three first."""
    names, settings = list(MKDOCS_BUILTIN_EXTENSIONS), {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            settings[name] = options
    return names, settings
