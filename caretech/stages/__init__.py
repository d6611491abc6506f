"""The build in three stages, each with one entry point and no engine of its own:

1. generate (caretech/stages/generate.py): the pages and files written before any engine
   runs: pathway pages, template pages and downloads, print-pack pages, the review-due page.
2. Markdown extensions, listed in mkdocs.yml's `markdown_extensions` so any Python-Markdown
   engine (MkDocs, Zensical) runs them inside each page: facts, nation boxes, glossary.
3. finish (caretech/stages/finish.py): on a built site folder: inline diagrams, the safety
   check and security policy of every page, search words, slimming, the phone's offline files.

hooks/ adapts them to MkDocs; `python -m caretech.stages` runs them around any other engine.
The content check (check.py) and the review report (review_report.py) sit here too: they
read every kind of content at once.
"""
