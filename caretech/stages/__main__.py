"""Run the build's stages around an engine other than MkDocs (MkDocs runs them through hooks/).

    python -m caretech.stages zensical          # generate, `zensical build`, finish: site-zensical/
    python -m caretech.stages generate DOCS     # docs/ with every generated page and file, in DOCS
    python -m caretech.stages finish SITE       # finish a built site folder in place

The engine reads mkdocs.yml as it is, with two settings from the environment (`!ENV` in
mkdocs.yml): CARETECH_DOCS_DIR, the generated docs folder, and CARETECH_SITE_DIR, the output.
Both must be inside the project folder (Zensical's rule).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from caretech.problems import ContentError, build_stopped
from caretech.readers.dates import build_today
from caretech.readers.site_config import read_site_config
from caretech.site.material_upstream import material_root
from caretech.stages.finish import Finish, finish
from caretech.stages.generate import Generate, generate, write_docs_folder

ROOT = Path(__file__).resolve().parents[2]
ZENSICAL_DOCS = "build/zensical-docs"
ZENSICAL_SITE = "site-zensical"


def generate_into(project: Path, target: Path) -> None:
    config = read_site_config(project / "mkdocs.yml")
    settings = Generate(project, build_today(), config.get("site_url") or "", config.get("nav"),
                        (config.get("extra") or {}).get("free_help_page"), print_packs=False)
    write_docs_folder(settings, generate(settings), target)


def finish_site(project: Path, site: Path) -> None:
    theme = read_site_config(project / "mkdocs.yml").get("theme") or {}
    theme_dirs = [project / theme.get("custom_dir", "overrides"), material_root() / "templates"]  # Zensical's inline scripts are Material's
    # No phone app files yet (web_app=None): Zensical's stylesheets name the palette colours
    # differently (docs/maintainers/zensical/index.md).
    finish(Finish(project, site, theme_dirs, search_languages=["en"], directory_urls=True, web_app=None))


def build_with_zensical(project: Path) -> Path:
    docs, site = project / ZENSICAL_DOCS, project / ZENSICAL_SITE
    generate_into(project, docs)
    env = {**os.environ, "CARETECH_DOCS_DIR": ZENSICAL_DOCS, "CARETECH_SITE_DIR": ZENSICAL_SITE}
    engine = Path(sys.executable).parent / "zensical"
    subprocess.run([str(engine), "build", "--clean", "-f", "mkdocs.yml"], cwd=project, env=env, check=True)
    finish_site(project, site)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m caretech.stages", description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=["generate", "finish", "zensical"])
    parser.add_argument("folder", nargs="?", type=Path, help="generate: where to write; finish: the built site")
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    try:
        if args.stage == "generate":
            generate_into(project, (args.folder or project / ZENSICAL_DOCS).resolve())
        elif args.stage == "finish":
            finish_site(project, (args.folder or project / ZENSICAL_SITE).resolve())
        else:
            print(f"Built {build_with_zensical(project).relative_to(project)}/ with Zensical.")
    except ContentError as error:
        print(build_stopped(error.problems), file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"Zensical stopped (exit code {error.returncode}): its messages are above.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
