"""``medjournal today`` shows the weekly question about mood after an antidepressant starts under its own title,
which already says it is optional: the line read "Optional: This week's question … (optional)" ("Freiwillig: …
(freiwillig)" in German)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli_german import run


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("C.UTF-8", "This week's question about how you are feeling (optional)"),
        ("de_DE.UTF-8", "Die Frage dieser Woche, wie es Ihnen geht (freiwillig)"),
    ],
)
def test_the_weekly_question_is_titled_once(journal_path: Path, lang: str, title: str) -> None:
    added = run(
        journal_path, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "10 days ago"
    )
    assert added.exit_code == 0, added.output
    lines = run(journal_path, "today", lang=lang).stdout.splitlines()
    assert [line for line in lines if "(optional)" in line or "(freiwillig)" in line] == [title]
