"""Page 1 of the demo's summary as PNGs: A4 in English, Letter in English, A4 in German.

Run from the repository root (needs pdftoppm from poppler-utils):

    python docs/screenshots/summary_pages.py

It writes docs/screenshots/summary-page1-{a4,letter,de}.png through the ``medjournal`` command itself (demo,
setting, report) with a fixed clock, in a throwaway folder: nothing touches your own journal or settings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = "2026-03-15T19:40"  # the clock of the window's screenshots (make.py)
VARIANTS = {  # file suffix: settings before the report
    "a4": {"page_size": "A4"},
    "letter": {"page_size": "Letter", "country": "US"},
    "de": {"page_size": "A4", "summary_language": "de", "country": "DE"},
}


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="medjournal-pages-") as scratch:
        folder = Path(scratch)
        env = {
            **os.environ,
            "MEDJOURNAL_HOME": str(folder / "home"),
            "MEDJOURNAL_NOW": NOW,
            "LANG": "C.UTF-8",
        }
        env.pop("LANGUAGE", None)
        command = [sys.executable, "-m", "medjournal", "--db", str(folder / "demo.db")]
        subprocess.run([*command, "demo", "--days", "120"], env=env, check=True, capture_output=True)
        for suffix, settings in VARIANTS.items():
            for key, value in settings.items():
                subprocess.run([*command, "setting", key, value], env=env, check=True, capture_output=True)
            pdf = folder / f"summary-{suffix}.pdf"
            subprocess.run([*command, "report", "-o", str(pdf)], env=env, check=True, capture_output=True)
            target = HERE / f"summary-page1-{suffix}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
                check=True,
            )
            print(f"{target}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
