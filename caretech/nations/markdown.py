"""A block for advice that differs by UK nation:

    /// nation | Wales
    Tell Care Inspectorate Wales through CIW Online.
    ///

    /// nation | Scotland and Northern Ireland
    …
    ///

Each becomes a box labelled "In Wales". A reader who has said where their service is sees only
the boxes for their nation (nations.js sets it, site.css hides the rest); with no choice made, or
with JavaScript off, every box shows, each labelled. A name that is not a nation is left as
text, and the content check names the line (caretech/content/rules.py).

In mkdocs.yml: `- caretech.nations.markdown`. It is a pymdownx.blocks extension, so any
Python-Markdown engine with pymdown-extensions runs it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from caretech.nations import nation_keys, nation_names


class NationBlock(Block):
    NAME = "nation"
    ARGUMENT = True
    OPTIONS = {}

    def on_validate(self, parent) -> bool:
        return nation_keys(self.argument or "") is not None

    def on_create(self, parent):
        keys = nation_keys(self.argument)
        box = etree.SubElement(parent, "div", {"class": "ctg-nation", "data-nation": " ".join(keys)})
        label = etree.SubElement(box, "p", {"class": "ctg-nation-label"})
        label.text = f"In {nation_names(keys)}"
        return box


class NationExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr) -> None:
        block_mgr.register(NationBlock, self.getConfigs())


def makeExtension(**kwargs) -> NationExtension:
    return NationExtension(**kwargs)
