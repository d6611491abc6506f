"""Check pathway files without building the site: `python -m caretech.pathways [--routes]`.

Run from the project folder. Prints every problem, or each pathway's routes with --routes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from caretech.pathways import compile_pathways, route_table
from caretech.problems import ContentError


def main(argv: list[str]) -> int:
    project = Path.cwd()
    docs = project / "docs"
    known = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    try:
        pathways = compile_pathways(project / "pathways", known_pages=known, display_root=project)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    for pathway in pathways:
        if "--routes" in argv:
            print(route_table(pathway))
        else:
            print(f"{pathway.source}: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
