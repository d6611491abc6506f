"""Care Tech Guide's build tools: plain Python, no MkDocs imports.

The folders are the stages:

- `caretech.readers`: read content files once (YAML with line numbers, front matter, dates)
  and check data against a JSON Schema.
- `caretech.content`: house-style, safety and picture checks on guides, templates and
  pathways, review dates and the review-due report (`python -m caretech.stages.check`).
- `caretech.pathways`: compile decision-tree files into pages and flowcharts.
- `caretech.templates`: turn template sources into pages and Word/spreadsheet downloads.
- `caretech.site`: what the built site gets on top of the pages: print packs, search words,
  the smaller menu, slimming, bundles, the security policy, diagrams, the offline copy and
  the phone's offline cache.

Every mistake is reported as a `caretech.problems.Problem` a non-programmer can fix.
"""
