"""The register of facts: every phone number, fee, deadline and rule written once (facts/*.yml).

Content refers to a fact by name, `{{ ico-helpline }}`, in guides, pathway files, template
sources and diagram text; the build puts in its value. A fact that changes on a known date holds
dated values (the build picks the one in force on its "today"); a fact that differs by UK nation
holds each nation's value (`{{ regulator.wales }}`).

register.py    reads and checks facts/*.yml: one Fact each, with its source and dates
references.py  finds `{{ … }}` references in text and data, puts values in, and explains mistakes
markdown.py    the Python-Markdown extension that does it for every page
"""

from caretech.facts.register import FACTS_FOLDER, Fact, Register, load_register, register_for
from caretech.facts.references import (
    expand_data, expand_page, expand_text, reference_problems, references_in, typed_by_hand,
)

__all__ = [
    "FACTS_FOLDER", "Fact", "Register", "expand_data", "expand_page", "expand_text", "load_register",
    "reference_problems", "references_in", "register_for", "typed_by_hand",
]
