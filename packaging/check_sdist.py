"""Check that the source distribution is the whole source: it can build the package, run its tests and rebuild
its translations.

    python packaging/check_sdist.py          # build the sdist with `python -m build --sdist`, then compare
    python packaging/check_sdist.py --sdist FILE

Every file git tracks must be in the sdist, except the few that are for the repository only (its CI script and
.gitignore) and the screenshots the shipped documents do not show (MANIFEST.in says why). The sdist is built from
a clean copy of the tracked files (packaging/clean_source.py). Run from a git checkout (CI runs on one); outside
one it says so and fails rather than pass without checking.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import clean_source
import doc_pictures

FOR_THE_REPOSITORY_ONLY = (".ci/", ".gitignore")


def shown_pictures() -> set[str]:
    """The pictures the documents show, as paths in the repository (packaging/doc_pictures.py)."""
    docs = clean_source.ROOT / "docs"
    return {
        (page.parent / target).resolve().relative_to(clean_source.ROOT).as_posix()
        for page, targets in doc_pictures.shown_pictures(docs).items()
        for target in targets
    }


def tracked_files() -> set[str]:
    return set(clean_source.tracked_files())


def expected_in_sdist(tracked: set[str]) -> set[str]:
    shown = shown_pictures()
    return {
        name
        for name in tracked
        if not name.startswith(FOR_THE_REPOSITORY_ONLY)
        and not (name.startswith("docs/screenshots/") and name not in shown)
    }


def sdist_files(sdist: Path) -> set[str]:
    with tarfile.open(sdist) as archive:
        names = [member.name for member in archive.getmembers() if member.isfile()]
    return {name.split("/", 1)[1] for name in names if "/" in name}


def build_sdist(folder: Path) -> Path:
    source = clean_source.clean_copy(folder / "source")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "-o", str(folder), str(source)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        print(built.stdout[-4000:] + built.stderr[-4000:], file=sys.stderr)
        raise SystemExit("Error: `python -m build --sdist` failed")
    return next(folder.glob("medjournal-*.tar.gz"))


def check(sdist: Path) -> list[str]:
    inside = sdist_files(sdist)
    problems = [
        f"missing from the sdist: {name}" for name in sorted(expected_in_sdist(tracked_files()) - inside)
    ]
    problems += [f"in the sdist, not tracked by git: {name}" for name in sorted(leftovers(inside))]
    return problems


def leftovers(inside: set[str]) -> set[str]:
    """Files in the sdist that git does not track, apart from what building writes (metadata and the
    compiled catalogues, which are committed anyway)."""
    tracked = tracked_files()
    return {
        name
        for name in inside - tracked
        if not name.startswith("src/medjournal.egg-info/") and name not in ("PKG-INFO", "setup.cfg")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sdist", type=Path, help="check this sdist instead of building one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="medjournal-sdist-") as scratch:
        sdist = args.sdist or build_sdist(Path(scratch))
        problems = check(sdist)
        if problems:
            for problem in problems:
                print(f"Error: {problem}", file=sys.stderr)
            return 1
        print(f"sdist check passed: {sdist.name} holds all {len(sdist_files(sdist))} files of the source")
    return 0


if __name__ == "__main__":
    sys.exit(main())
