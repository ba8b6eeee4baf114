"""One plain line under the header: the pain change and its category, adherence, new side effects, safety flags."""

from __future__ import annotations

import json

from tests.conftest import Cli
from tests.test_honest_rounding import _journal_with_a_change_of_minus_29_6_percent


def test_in_short_in_the_json_and_the_words(run_cli: Cli) -> None:
    _journal_with_a_change_of_minus_29_6_percent(run_cli)
    assert run_cli("side-effect", "nausea", "--severity", "2", "--date", "2026-02-10").exit_code == 0
    result = run_cli("report", "--json", "--from", "2026-01-01", "--to", "2026-03-15")
    assert result.exit_code == 0, result.output
    line = json.loads(result.output)["in_short"]
    assert line == (
        "Pain 7.0 → 4.9 (−29.6%), minimal improvement · no dose logged · 1 new side effect (0 still reported)"
        " · 1 safety flag."
    ), line
    words = run_cli("report", "--from", "2026-01-01", "--to", "2026-03-15").output
    assert f"In short: {line}" in words


def test_in_short_gives_the_share_taken_once_doses_are_logged(run_cli: Cli) -> None:
    """With no dose logged, "0% of doses taken" would read as doses missed: it says "no dose logged" (above); one
    dose logged, typed in days later, turns it into the share of scheduled doses taken."""
    _journal_with_a_change_of_minus_29_6_percent(run_cli)
    assert run_cli("take", "Duloxetine", "--at", "2026-03-10 08:00").exit_code == 0
    line = json.loads(run_cli("report", "--json", "--from", "2026-01-01", "--to", "2026-03-15").output)[
        "in_short"
    ]
    assert "· 2% of doses taken ·" in line, line
    assert "no dose logged" not in line


def test_report_words_for_a_scheduled_medication_with_no_slot_due_yet(run_cli: Cli) -> None:
    """Added at the evening with its one dose at 23:00: nothing was due yet, so nothing was taken or missed."""
    assert run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "23:59").exit_code == 0
    words = run_cli("report").output
    assert "Duloxetine 30 mg 23:59: no scheduled dose in the period yet" in words, words
    assert "0 doses taken on 0 days" not in words
