"""Care Tech Guide's build tools: plain Python, no MkDocs imports.

The folders are the stages:

- `caretech.readers`: read content files once (YAML with line numbers, front matter, dates)
  and check data against a JSON Schema.
- `caretech.content`: house-style and safety checks on guides and pathways, review dates
  and the review-due report (`python -m caretech.content.check`).
- `caretech.pathways`: compile decision-tree files into pages.
- `caretech.site`: what the built site gets on top of the pages: print packs, search words,
  the smaller menu, slimming and the offline copy.

Every mistake is reported as a `caretech.problems.Problem` a non-programmer can fix.
"""
