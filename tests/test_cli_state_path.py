"""A refusal raised where no command's context is known names a real journal path (the one a command would
open), never English words in the path's place ("the journal" inside a German sentence)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from medjournal.cli import handle_errors
from medjournal.i18n import use_language
from tests.test_file_problem import busy_error


def test_a_busy_journal_outside_a_command_names_the_journal_a_command_would_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "Tagebuch mit Leerzeichen.db"
    monkeypatch.setenv("MEDJOURNAL_DB", str(journal))
    error = busy_error(tmp_path / "locked.db")

    @handle_errors
    def locked() -> None:
        raise error

    with use_language("de"), pytest.raises(click.ClickException) as refused:
        locked()
    message = refused.value.message
    assert str(journal) in message
    assert "the journal" not in message
    assert message.endswith("Es wurde nichts weiter geschrieben.")
