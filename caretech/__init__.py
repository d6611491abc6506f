"""Care Tech Guide's build tools: plain Python, no MkDocs imports.

`caretech.pathways` compiles decision-tree files into pages; `caretech.front_matter`
checks guide front matter. Both report mistakes as `Problem`s a non-programmer can fix.
"""
