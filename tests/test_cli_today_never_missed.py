"""A slot that came due before the journal knew the medication was being taken was never missed
(domain/schedule.py ``open_status``; docs/methods.md, *Adherence*): ``medjournal today`` says "not recorded",
not "missed, not recorded"; the summary counts it as not recorded (its word for every slot with nothing logged)
until a dose is typed in for it. Everything through the command, the clock set with ``MEDJOURNAL_NOW``, entries
typed in late."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import Cli


def at(db: Path, moment: str) -> Cli:
    return Cli(db, datetime.fromisoformat(moment).astimezone())


def ok(result: object) -> str:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return result.stdout  # type: ignore[attr-defined]


def statuses(db: Path, moment: str, *extra: str) -> dict[str, str]:
    shown = json.loads(ok(at(db, moment)("today", "--json", *extra)))
    return {slot["slot"]: slot["status"] for slot in shown["slots"]}


def adherence(db: Path, moment: str, *period: str) -> dict[str, object]:
    summary = json.loads(ok(at(db, moment)("report", "--json", *period)))
    found: dict[str, object] = summary["medications"][0]["adherence"]
    return found


def test_a_medication_added_in_the_evening_did_not_miss_the_morning(journal_path: Path) -> None:
    added = at(journal_path, "2026-12-07 20:00")(
        "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00"
    )
    ok(added)
    text = ok(at(journal_path, "2026-12-07 20:05")("today"))
    assert "  08:00  Duloxetine 30 mg: not recorded" in text.splitlines()
    assert "missed" not in text
    assert statuses(journal_path, "2026-12-07 20:05") == {"08:00": "not_recorded", "20:00": "due"}
    # The evening's dose, due after the medication was added, is missed once its two hours are over.
    assert statuses(journal_path, "2026-12-07 23:05") == {"08:00": "not_recorded", "20:00": "missed"}
    assert "20:00  Duloxetine 30 mg: missed, not recorded" in ok(
        at(journal_path, "2026-12-07 23:05")("today")
    )
    # The summary calls both not recorded, as it calls every slot with nothing logged (never missed).
    found = adherence(journal_path, "2026-12-07 23:05")
    assert (found["scheduled"], found["taken"], found["not_recorded"]) == (2, 0, 2)
    # The next day is like any other: its morning slot, unlogged, is missed.
    assert statuses(journal_path, "2026-12-08 10:30") == {"08:00": "missed", "20:00": "upcoming"}


def test_a_morning_dose_typed_in_at_night_counts(journal_path: Path) -> None:
    ok(
        at(journal_path, "2026-12-07 20:00")(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00"
        )
    )
    ok(at(journal_path, "2026-12-07 20:10")("take", "Duloxetine"))
    ok(at(journal_path, "2026-12-07 23:10")("take", "Duloxetine", "--at", "2026-12-07 08:00"))
    assert statuses(journal_path, "2026-12-07 23:15") == {"08:00": "taken", "20:00": "taken"}
    found = adherence(journal_path, "2026-12-07 23:15")
    assert (found["scheduled"], found["taken"], found["not_recorded"], found["percent"]) == (2, 2, 0, 100)


def test_a_start_typed_in_a_week_late(journal_path: Path) -> None:
    ok(
        at(journal_path, "2026-12-07 21:00")(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00", "--start", "2026-11-30"
        )
    )
    ok(at(journal_path, "2026-12-07 21:05")("take", "Duloxetine", "--at", "2026-12-03 08:00"))
    assert statuses(journal_path, "2026-12-07 21:10", "--at", "2026-12-03 23:00") == {
        "08:00": "taken",
        "20:00": "not_recorded",
    }
    # The week before the journal knew of it stays in the summary's count, its unknown doses not recorded.
    found = adherence(journal_path, "2026-12-08 23:30", "--from", "2026-11-30")
    assert (found["scheduled"], found["taken"], found["not_recorded"]) == (18, 1, 17)


def test_a_dose_change_typed_in_the_evening_keeps_the_morning_missed(journal_path: Path) -> None:
    ok(
        at(journal_path, "2026-12-01 07:00")(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00", "--start", "2026-12-01"
        )
    )
    ok(
        at(journal_path, "2026-12-07 19:00")(
            "med", "change", "Duloxetine", "--dose", "60", "--from", "2026-12-07"
        )
    )
    # The journal knew the course since 1 December: the morning's slot, the new step's now, was missed.
    assert statuses(journal_path, "2026-12-07 19:05") == {"08:00": "missed", "20:00": "upcoming"}


@pytest.mark.parametrize(
    ("lang", "words"), [("C.UTF-8", "not recorded"), ("de_DE.UTF-8", "nicht eingetragen")]
)
def test_the_words_in_each_language(journal_path: Path, lang: str, words: str) -> None:
    from tests.test_cli_german import run

    # tests.test_cli_german's run keeps the clock at NOW (2026-03-15 09:30): add at 09:30 with a slot at 07:00.
    ok(run(journal_path, "med", "add", "Duloxetine", "--dose", "30", "--times", "07:00,21:00", lang=lang))
    lines = ok(run(journal_path, "today", lang=lang)).splitlines()
    assert [line.split(": ", 1)[1] for line in lines if line.startswith("  07:00")] == [words]
