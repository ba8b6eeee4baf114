"""``medjournal report -o`` in an SSH session that left QT_QPA_PLATFORM=xcb without a display: Qt used to abort the
process (exit 134) with no message and no PDF. The command line draws to files only, so it asks for Qt's
offscreen platform whatever the environment says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medjournal.storage import open_journal
from tests.test_pdf import build_known_journal

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is Linux's"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def test_a_pdf_is_written_with_an_xcb_platform_and_no_display(journal_path: Path, tmp_path: Path) -> None:
    journal = open_journal(journal_path)
    try:
        build_known_journal(journal)
    finally:
        journal.close()
    env = {key: value for key, value in os.environ.items() if key not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.update(QT_QPA_PLATFORM="xcb", MEDJOURNAL_NOW="2026-03-15T21:00")
    pdf = tmp_path / "summary.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "medjournal", "--db", str(journal_path), "report", "-o", str(pdf)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Duloxetine" in text
