"""A clean copy of the source: the files git tracks, as they are in the working tree, and nothing else.

The packaging checks build from it. Built in the checkout itself, setuptools reuses what earlier builds left there
(build/ and the SOURCES.txt of src/medjournal.egg-info), so a file no longer declared can still ship and a check
pass that should fail.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        raise SystemExit(f"Error: {ROOT} is not a git checkout, so its tracked files cannot be listed")
    return sorted(name for name in listed.stdout.split("\0") if name)


def clean_copy(destination: Path) -> Path:
    """Copy the tracked files into ``destination`` (a new folder) and return it."""
    for name in tracked_files():
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is not part of the copy
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination
