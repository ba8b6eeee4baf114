"""``med add --stock N --stock-counted WHEN``: a count made before it is typed in ("I counted this yesterday
evening") holds from its own moment (docs/command-line.md, "Stock"), so a dose typed in late for a moment after
it takes a unit and one before it does not. The moment is read as ``take --at`` reads it; a moment that has not
come, one before the medication's first day, or one without --stock is refused in one line and nothing is
written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import NOW, Cli
from tests.test_cli_german import run

ADD = (
    "med",
    "add",
    "Duloxetine",
    "--dose",
    "30",
    "--times",
    "08:00",
    "--start",
    "2026-03-01",
    "--form",
    "capsule",
)


def units_on_hand(cli: Cli) -> float:
    result = cli("stock", "--json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)["stock"]
    return float(row["units_on_hand"])


def test_a_count_made_last_night_holds_from_then_for_doses_typed_in_late(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "journal.db", NOW)  # Sunday 09:30
    added = cli(*ADD, "--stock", "28", "--stock-counted", "yesterday 20:00")
    assert added.exit_code == 0, added.output
    assert added.output.splitlines()[-1] == "The stock of 28 capsules was counted at 2026-03-14 20:00."
    assert cli("take", "Duloxetine", "--at", "2026-03-14 08:00").exit_code == 0  # before the count: in it
    assert units_on_hand(cli) == 28
    assert cli("take", "Duloxetine", "--at", "08:00").exit_code == 0  # this morning's, after the count
    assert units_on_hand(cli) == 27


def test_without_the_moment_the_count_is_true_now(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "journal.db", NOW)
    assert cli(*ADD, "--stock", "28").exit_code == 0
    assert (
        cli("take", "Duloxetine", "--at", "08:00").exit_code == 0
    )  # typed in at 09:30: in the count already
    assert units_on_hand(cli) == 28


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            ("--stock", "28", "--stock-counted", "12:00"),
            "Error: The time counted 2026-03-15 12:00 has not come yet (it is now 2026-03-15 09:30).\n",
        ),
        (
            ("--stock", "28", "--stock-counted", "2026-02-28 20:00"),
            "Error: The stock was counted at 2026-02-28 20:00, before the medication's first day (2026-03-01).\n",
        ),
        (
            ("--stock-counted", "yesterday 20:00"),
            "Error: --stock-counted says when the stock given with --stock was counted; give --stock too.\n",
        ),
        (
            ("--stock", "28", "--stock-counted", "last night"),
            "Error: The time counted 'last night' is not a date and time; write it as YYYY-MM-DD HH:MM, or HH:MM "
            "for today, or 'yesterday HH:MM'.\n",
        ),
    ],
    ids=["after now", "before the first day", "without --stock", "unreadable"],
)
def test_a_refused_moment_writes_nothing(tmp_path: Path, extra: tuple[str, ...], expected: str) -> None:
    journal = tmp_path / "journal.db"
    cli = Cli(journal, NOW)
    result = cli(*ADD, *extra)
    assert result.exit_code == 1
    assert result.output == expected
    assert not journal.exists()  # not even a new journal
    assert cli("checkin", "--pain", "4", "--date", "2026-03-13").exit_code == 0  # a journal, typed in late
    again = cli(*ADD, *extra)
    assert again.output == expected
    listed = cli("med", "list", "--json")
    assert (
        json.loads(listed.stdout)["medications"] == []
    )  # the medication was not added without its count's moment


def test_the_refusal_speaks_german_on_a_german_system(tmp_path: Path) -> None:
    result = run(tmp_path / "j.db", *ADD, "--stock", "28", "--stock-counted", "2026-02-28 20:00",
                 lang="de_DE.UTF-8")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "Fehler: Der Vorrat wurde am 2026-02-28 20:00 gezählt, vor dem ersten Tag des Medikaments (2026-03-01).\n"
    )
