"""Look-alike medication names and dose changes dated far ahead (issue 19, point 11), through the command line."""

from __future__ import annotations

import pytest

from tests.conftest import Cli


def added(run_cli: Cli) -> None:
    result = run_cli("med", "add", "Duloxetine", "--dose", "30", "--unit", "mg", "--times", "08:00",
                     "--start", "2026-03-01")  # fmt: skip
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "name", ["Duloxеtine", "Duloxetíne", "DULOXETİNE", "Ꭰuloxetine".replace("Ꭰ", "D") + "\u0301"]
)
def test_a_look_alike_of_a_medication_in_the_journal_is_refused(run_cli: Cli, name: str) -> None:
    added(run_cli)
    result = run_cli("med", "add", name, "--dose", "30", "--unit", "mg", "--times", "08:00")
    assert result.exit_code == 1, result.output
    assert "looks the same as 'Duloxetine'" in result.output
    listed = run_cli("med", "list")
    assert listed.output.count("uloxet") == 1


def test_a_different_name_is_still_accepted(run_cli: Cli) -> None:
    added(run_cli)
    result = run_cli("med", "add", "Duloxetine XR", "--dose", "30", "--unit", "mg", "--times", "08:00")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["med", "change", "Duloxetine", "--dose", "60", "--from", "9999-12-31"],
        ["med", "stop", "Duloxetine", "--on", "9999-12-31"],
    ],
    ids=["change", "stop"],
)
def test_a_dose_change_or_stop_far_ahead_is_refused_and_later_changes_still_work(
    run_cli: Cli, args: list[str]
) -> None:
    added(run_cli)
    result = run_cli(*args)
    assert result.exit_code == 1, result.output
    assert "is in the future (latest allowed: 2027-03-16)" in result.output
    result = run_cli("med", "change", "Duloxetine", "--dose", "60", "--from", "2026-03-20")
    assert result.exit_code == 0, result.output
