"""The person's own activities: the Journal API, the command line, History editing, export and import
(docs/clinical.md §2 Function, docs/command-line.md, docs/export-format.md)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import NotFoundError, ValidationError
from medjournal.storage.exchange import export_json, import_json
from medjournal.storage.journal import Journal, open_journal
from tests.conftest import NOW, Cli


def test_add_rate_rename_and_retire_keep_the_ratings(journal: Journal) -> None:
    walk = journal.add_activity("  walk   20 minutes ")
    assert walk.name == "walk 20 minutes" and walk.active
    journal.rate_activity("Walk 20 Minutes", 3, date(2026, 3, 1))
    journal.rate_activity(walk.id, "5")
    renamed = journal.rename_activity("walk 20 minutes", "walk 30 minutes")
    assert renamed.id == walk.id
    retired = journal.retire_activity("walk 30 minutes")
    assert retired.retired_on == NOW.date() and journal.activities() == []
    ratings = journal.activity_ratings(activity_id=walk.id)
    assert [(r.day, r.rating) for r in ratings] == [(date(2026, 3, 1), 3), (NOW.date(), 5)]
    assert journal.restore_activity("walk 30 minutes").active


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "The activity's name is empty."),
        ("   ", "The activity's name is empty."),
        ("x" * 61, "longer than 60 characters"),
        ("WALK 20 minutes", "There is already an activity called “walk 20 minutes”."),
        ("walk 20 mínutes", "There is already an activity called “walk 20 minutes”."),
        ("wаlk 20 minutes", "There is already an activity called “walk 20 minutes”."),  # Cyrillic а
        ("walk\u200b 20 minutes", "There is already an activity called “walk 20 minutes”."),
        ("walk\x1b[31m", "control characters"),
        (42, "must be text"),
    ],
)
def test_bad_names_get_one_sentence_and_change_nothing(journal: Journal, name: object, message: str) -> None:
    journal.add_activity("walk 20 minutes")
    before = journal.counts()
    with pytest.raises(ValidationError) as caught:
        journal.add_activity(name)  # type: ignore[arg-type]
    assert message in caught.value.message
    assert journal.counts() == before


def test_a_retired_look_alike_is_to_be_brought_back_and_renames_are_checked(journal: Journal) -> None:
    journal.add_activity("garden")
    journal.add_activity("sit through a meal")
    journal.retire_activity("garden")
    with pytest.raises(ValidationError, match="no longer asked"):
        journal.add_activity("Garden")
    with pytest.raises(ValidationError, match="already an activity"):
        journal.rename_activity("sit through a meal", "GARDEN")
    assert [a.name for a in journal.activities(include_retired=True)] == ["garden", "sit through a meal"]


def test_at_most_three_are_asked(journal: Journal) -> None:
    for name in ("walk", "sit", "lift"):
        journal.add_activity(name)
    with pytest.raises(ValidationError, match="already have 3 activities"):
        journal.add_activity("drive")
    journal.retire_activity("sit")
    journal.add_activity("drive")
    with pytest.raises(ValidationError, match="already have 3 activities"):
        journal.restore_activity("sit")


def test_ratings_are_checked(journal: Journal) -> None:
    journal.add_activity("walk")
    for bad in (11, -1, "a lot", 2.5, None):
        with pytest.raises(ValidationError):
            journal.rate_activity("walk", bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="in the future"):
        journal.rate_activity("walk", 4, date(2026, 4, 1))
    with pytest.raises(NotFoundError, match="no activity called “swim”"):
        journal.rate_activity("swim", 4)
    assert journal.activity_ratings() == []


def test_a_rating_typed_in_later_keeps_the_day_it_is_about(journal: Journal) -> None:
    journal.add_activity("walk")
    late = journal.rate_activity("walk", 2, date(2026, 2, 1))
    assert late.day == date(2026, 2, 1) and late.recorded_at.startswith("2026-03-15")
    assert journal.date_span() == (date(2026, 2, 1), date(2026, 2, 1))
    assert date(2026, 2, 1) in journal.days_with_entries(date(2026, 1, 1), date(2026, 3, 31))


def test_history_edits_and_deletes_a_rating_with_undo(journal: Journal) -> None:
    journal.add_activity("walk")
    rating = journal.rate_activity("walk", 2, date(2026, 3, 8))
    edited = journal.update_entry("activity_ratings", rating.id, {"rating": 6, "day": "2026-03-07"})
    assert (edited.rating, edited.day) == (6, date(2026, 3, 7))  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):
        journal.update_entry("activity_ratings", rating.id, {"rating": 12})
    deleted = journal.delete_entry("activity_ratings", rating.id)
    assert journal.activity_ratings() == []
    journal.restore_entry(deleted)
    assert [r.rating for r in journal.activity_ratings()] == [6]


def test_export_and_import_carry_activities_and_ratings(journal: Journal, tmp_path: Path) -> None:
    journal.add_activity("walk 20 minutes")
    journal.add_activity("garden")
    journal.retire_activity("garden")
    journal.rate_activity("walk 20 minutes", 3, date(2026, 3, 1), note="with a stick")
    journal.rate_activity("garden", 7, date(2026, 3, 2))
    path = tmp_path / "out.json"
    export_json(journal, path)
    data = json.loads(path.read_text("utf-8"))
    assert len(data["tables"]["activities"]) == 2 and len(data["tables"]["activity_ratings"]) == 2
    copy = open_journal(tmp_path / "copy.db", FixedClock(NOW))
    try:
        counts = import_json(copy, path)
        assert counts["activities"] == 2 and counts["activity_ratings"] == 2
        assert [(a.name, a.retired_on) for a in copy.activities(include_retired=True)] == [
            ("walk 20 minutes", None),
            ("garden", NOW.date()),
        ]
        assert [(r.day, r.rating, r.note) for r in copy.activity_ratings()] == [
            (date(2026, 3, 1), 3, "with a stick"),
            (date(2026, 3, 2), 7, ""),
        ]
    finally:
        copy.close()


def _import_error(tmp_path: Path, data: dict[str, object]) -> str:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    copy = open_journal(tmp_path / "copy.db", FixedClock(NOW))
    try:
        with pytest.raises(Exception) as caught:
            import_json(copy, path)
        assert copy.is_empty() and copy.activities(include_retired=True) == []
        return str(caught.value)
    finally:
        copy.close()


def test_a_bad_activity_record_is_named_and_nothing_is_written(journal: Journal, tmp_path: Path) -> None:
    journal.add_activity("walk")
    journal.rate_activity("walk", 3)
    path = tmp_path / "out.json"
    export_json(journal, path)
    data = json.loads(path.read_text("utf-8"))
    orphan = json.loads(json.dumps(data))
    orphan["tables"]["activity_ratings"][0]["activity_id"] = 99
    assert "refers to activity 99, which is not in the export" in _import_error(tmp_path, orphan)
    twice = json.loads(json.dumps(data))
    twice["tables"]["activities"].append({**twice["tables"]["activities"][0], "id": 2, "name": "WALK"})
    assert "repeats the name" in _import_error(tmp_path, twice)
    high = json.loads(json.dumps(data))
    high["tables"]["activity_ratings"][0]["rating"] = 12
    assert "Record 1 of activity_ratings" in _import_error(tmp_path, high)


def test_an_export_from_before_activities_imports(journal: Journal, tmp_path: Path) -> None:
    journal.add_checkin(pain=5)
    path = tmp_path / "old.json"
    export_json(journal, path)
    data = json.loads(path.read_text("utf-8"))
    for table in ("activities", "activity_ratings"):
        del data["tables"][table]
    data["schema_version"] = 4
    path.write_text(json.dumps(data), "utf-8")
    copy = open_journal(tmp_path / "copy.db", FixedClock(NOW))
    try:
        counts = import_json(copy, path)
        assert counts["checkins"] == 1 and counts["activities"] == 0
    finally:
        copy.close()


def test_the_command_line_adds_rates_lists_and_retires(run_cli: Cli, journal_path: Path) -> None:
    assert run_cli("activity", "add", "walk 20 minutes").exit_code == 0
    result = run_cli("activity", "rate", "walk 20 minutes", "4", "--date", "3 days ago")
    assert result.exit_code == 0, result.output
    assert "Rated “walk 20 minutes” 4 of 10 for the week ending 2026-03-12." in result.output
    listed = json.loads(run_cli("activity", "list", "--json").output)
    assert listed["activities"] == [
        {
            "name": "walk 20 minutes",
            "asked": True,
            "retired_on": None,
            "ratings": 1,
            "last_rating": 4,
            "last_date": "2026-03-12",
        }
    ]
    assert run_cli("activity", "rename", "walk 20 minutes", "walk 30 minutes").exit_code == 0
    assert run_cli("activity", "retire", "walk 30 minutes").exit_code == 0
    assert run_cli("activity", "list").output.startswith("No activities yet")
    assert "walk 30 minutes: last rated 4 on 2026-03-12" in run_cli("activity", "list", "--all").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", ""), "Error: The activity's name is empty."),
        (("rate", "walk", "11"), "Error: The activity rating must be from 0 to 10; 11 is outside."),
        (("rate", "swim", "4"), "Error: There is no activity called “swim”"),
        (("rate", "walk", "4", "--date", "2026-13-01"), "Error:"),
        (("add", "WALK"), "Error: There is already an activity called “walk”."),
    ],
)
def test_the_command_line_refuses_bad_input_in_one_line(
    run_cli: Cli, journal_path: Path, args: tuple[str, ...], message: str
) -> None:
    run_cli("activity", "add", "walk")
    before = run_cli("activity", "list", "--json").output
    result = run_cli("activity", *args)
    assert result.exit_code == 1
    assert result.output.strip().startswith(message) and len(result.output.strip().splitlines()) == 1
    assert run_cli("activity", "list", "--json").output == before
