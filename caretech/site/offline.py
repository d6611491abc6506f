"""Build the offline copy: the site as a folder and a zip that work from file://.

    python -m caretech.site.offline                      # site-offline/ and dist/care-tech-guide-offline.zip
    python -m caretech.site.offline --publish site/downloads   # also copy the zip there

It runs `mkdocs build --strict -f mkdocs.offline.yml`, removes what an offline reader
never uses, and zips the folder under one top-level folder. Plain Python: MkDocs runs as
a separate command.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

from caretech.reproducible_zip import write_zip

ROOT = Path(__file__).resolve().parents[2]
CONFIG = "mkdocs.offline.yml"
ZIP_NAME = "care-tech-guide-offline.zip"
FOLDER_IN_ZIP = "care-tech-guide"
# A fixed date for every file in the zip, so the same site gives the same zip.
_ZIP_DATE = datetime.date(2026, 1, 1)

# Never used from file://: the 404 page and the sitemaps only work on a web server.
# (Source maps and unused search languages are already gone: caretech/stages/finish.py runs
# in this build too, as mkdocs.offline.yml inherits mkdocs.yml's hooks.)
_UNUSED_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")


def build(site_dir: Path, project: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / CONFIG), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project,
    )


def slim(site_dir: Path) -> None:
    """Remove the files only a web server uses."""
    for name in _UNUSED_FILES:
        (site_dir / name).unlink(missing_ok=True)


def make_zip(site_dir: Path, zip_path: Path) -> Path:
    """Zip the folder as care-tech-guide/..., files in a fixed order with a fixed date."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zip_path.open("wb") as target:
        write_zip(target, ((f"{FOLDER_IN_ZIP}/{p.relative_to(site_dir).as_posix()}", p.read_bytes()) for p in files),
                  _ZIP_DATE, level=9)
    return zip_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the offline copy of Care Tech Guide (folder and zip).")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site-offline", help="folder to build into")
    parser.add_argument("--zip", type=Path, default=ROOT / "dist" / ZIP_NAME, help="zip file to write")
    parser.add_argument("--publish", type=Path, help="also copy the zip into this folder (e.g. site/downloads)")
    args = parser.parse_args(argv)

    result = build(args.site_dir)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.stderr.write("\nThe offline copy was not built: fix the problems above (they stop the normal build too).\n")
        return 1
    slim(args.site_dir)
    make_zip(args.site_dir, args.zip)
    size = args.zip.stat().st_size / 1_000_000
    print(f"Offline copy: {args.site_dir}/ and {args.zip} ({size:.1f} MB)")
    if args.publish:
        args.publish.mkdir(parents=True, exist_ok=True)
        shutil.copy2(args.zip, args.publish / args.zip.name)
        print(f"Copied to {args.publish / args.zip.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
