"""``medjournal setting idle_lock``: the minutes after which an encrypted journal's window locks
(docs/data-safety.md, *Locking after a time without input*)."""

from __future__ import annotations

from tests.conftest import Cli


def test_the_idle_lock_is_set_from_the_command_line(run_cli: Cli) -> None:
    assert run_cli("setting", "idle_lock", "15").output.strip() == "idle_lock = 15"
    assert run_cli("setting", "idle_lock").output.strip() == "idle_lock = 15"
    assert "idle_lock = 15" in run_cli("setting").output
    assert run_cli("setting", "idle_lock", "off").output.strip() == "idle_lock = 0"


def test_a_wrong_idle_lock_is_one_sentence_and_changes_nothing(run_cli: Cli) -> None:
    assert run_cli("setting", "idle_lock", "30").exit_code == 0
    for wrong in ("7", "0x5", "5 5", "fifteen", "15.0", "", "9" * 40):
        result = run_cli("setting", "idle_lock", wrong)
        assert result.exit_code == 1, wrong
        assert "The idle lock must be off, 5, 15, 30 or 60" in result.stderr
        assert result.stderr.count("\n") == 1
        assert run_cli("setting", "idle_lock").output.strip() == "idle_lock = 30"
