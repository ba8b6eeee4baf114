"""The words of a German summary that came after the first translation (docs/translating.md): the person's own
activities before → now on page 1 and in ``report``'s words, in German with German decimals; the JSON keeps its
English."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from medjournal.storage import Journal
from tests.conftest import Cli
from tests.test_pdf import pdf_text

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

GERMAN_TITLE = "Eigene Aktivitäten (0 nicht möglich – 10 wie früher, höher = besser), vorher → jetzt:"


@pytest.fixture
def german_demo(journal: Journal) -> Journal:
    from medjournal.demo import write_demo

    write_demo(journal)
    journal.set_setting("language", "de")
    return journal


def test_page_one_says_the_own_activities_in_german(
    german_demo: Journal, run_cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "demo.pdf"
    result = run_cli("report", "-o", str(path))
    assert result.exit_code == 0, result.output
    first = " ".join(pdf_text(path, 1, 1).split())
    assert GERMAN_TITLE in first
    assert "Own activities" not in first
    line = first.split(GERMAN_TITLE, 1)[1][:120]
    assert re.search(r"\d,\d → \d,\d", line), line  # German decimals, one place each


def test_the_command_line_says_them_in_german_and_the_json_keeps_english(
    german_demo: Journal, run_cli: Cli
) -> None:
    words = run_cli("report")
    assert words.exit_code == 0, words.output
    flat = " ".join(words.output.split())
    assert GERMAN_TITLE in flat
    assert "Own activities" not in flat
    data = json.loads(run_cli("report", "--json").output)
    texts = [a["text"] for med in data["medications"] for a in med.get("activities", [])]
    assert texts, data["medications"]
    assert all(re.search(r"\d\.\d → \d\.\d|no rating", text) for text in texts), texts
