"""An import holds every moment and date it carries to the rule for dates after today (docs/data-safety.md, "Dates
after today"), not only the entries' days and the doses' moments: a stock counted (``stock_counted_at``), a
question asked (``asked_on``), a warning acknowledged (``acknowledged_at``), an activity retired (``retired_on``),
a safety event (``occurred_at``) and each record's moment of writing (``recorded_at``). A count "made" in 2099
would keep every dose from changing the stock. The file is refused naming the record, and nothing is created;
moments that have come, typed in days after their day, import as before, as do moments up to the export's own
"now" when its clock was ahead of this one's."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from medjournal.storage import schema
from tests.conftest import NOW, Cli
from tests.test_cli_german import run

EXPORTED = NOW.isoformat(timespec="seconds")
WRITTEN_LATE = (NOW - timedelta(hours=1)).isoformat(timespec="seconds")  # every record typed in this morning
YESTERDAY_EVENING = (NOW - timedelta(hours=14)).isoformat(timespec="seconds")
AHEAD = "2099-01-01T08:00:00+00:00"


def medication(number: int, **changes: Any) -> dict[str, Any]:
    return {
        "id": number,
        "name": ["Duloxetine", "Ibuprofen"][number - 1],
        "unit": "mg",
        "recorded_at": WRITTEN_LATE,
        "stock_units": 28.0,
        "stock_counted_at": YESTERDAY_EVENING,  # counted last night, typed in this morning
        **changes,
    }


def question(number: int, **changes: Any) -> dict[str, Any]:
    return {"id": number, "text": f"Question {number}", "asked_on": "2026-03-12", "recorded_at": WRITTEN_LATE,
            **changes}  # fmt: skip


def acknowledgement(number: int, **changes: Any) -> dict[str, Any]:
    key = ["duplicate:duloxetine", "serotonin:ibuprofen"][number - 1]
    return {"id": number, "key": key, "acknowledged_at": YESTERDAY_EVENING, **changes}


def activity(number: int, **changes: Any) -> dict[str, Any]:
    return {"id": number, "name": ["Walking", "Cycling"][number - 1], "retired_on": "2026-03-10",
            "recorded_at": WRITTEN_LATE, **changes}  # fmt: skip


def safety_event(number: int, **changes: Any) -> dict[str, Any]:
    day = f"2026-03-{10 + number:02d}"
    return {"id": number, "day": day, "occurred_at": f"{day}T21:00:00+00:00", "kind": "self_harm_thoughts",
            "detail": "", "shown": "", "recorded_at": WRITTEN_LATE, **changes}  # fmt: skip


def checkin(number: int, **changes: Any) -> dict[str, Any]:
    day = f"2026-03-{10 + number:02d}"
    return {"id": number, "day": day, "time": f"{day}T21:00:00+00:00", "pain": 4, "recorded_at": WRITTEN_LATE,
            **changes}  # fmt: skip


def export(*, exported_at: str = EXPORTED, **tables: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": "medjournal-export/1",
        "schema_version": schema.SCHEMA_VERSION,
        "app_version": "0.1",
        "exported_at": exported_at,
        "tables": {"medications": [medication(1), medication(2)], **tables},
    }


def imported(tmp_path: Path, data: dict[str, Any]) -> tuple[Path, Any]:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    journal = tmp_path / "new.db"
    return journal, Cli(journal, NOW)("import", str(path))


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        (
            {"medications": [medication(1), medication(2, stock_counted_at=AHEAD)]},
            "Error: Record 2 of medications: The time counted 2099-01-01 08:00 has not come yet (it is now "
            "2026-03-15 09:30).",
        ),
        (
            {"questions": [question(1), question(2, asked_on="2099-01-01")]},
            "Error: Record 2 of questions: The date asked 2099-01-01 is in the future (latest allowed: "
            "2026-03-16).",
        ),
        (
            {"warning_acks": [acknowledgement(1), acknowledgement(2, acknowledged_at="2099-01-01 08:00")]},
            "Error: Record 2 of warning_acks: The time acknowledged 2099-01-01 08:00 has not come yet",
        ),
        (
            {"activities": [activity(1), activity(2, retired_on="2099-01-01")]},
            "Error: Record 2 of activities: The date retired 2099-01-01 is in the future (latest allowed: "
            "2026-03-16).",
        ),
        (
            {"safety_events": [safety_event(1), safety_event(2, occurred_at=AHEAD)]},
            "Error: Record 2 of safety_events: The time 2099-01-01 is in the future (latest allowed: 2026-03-16).",
        ),
        (
            {"checkins": [checkin(1), checkin(2, recorded_at=AHEAD)]},
            "Error: Record 2 of checkins: The time recorded 2099-01-01 08:00 has not come yet (it is now "
            "2026-03-15 09:30).",
        ),
        (
            {"checkins": [checkin(1), checkin(2, recorded_at="2099-01-01")]},
            "Error: Record 2 of checkins: The time recorded 2099-01-01 is in the future (latest allowed: "
            "2026-03-16).",
        ),
    ],
    ids=[
        "stock_counted_at",
        "asked_on",
        "acknowledged_at",
        "retired_on",
        "occurred_at",
        "recorded_at",
        "recorded_at as a day",
    ],
)
def test_a_moment_after_now_is_refused_naming_its_record_and_nothing_is_created(
    tmp_path: Path, tables: dict[str, list[dict[str, Any]]], expected: str
) -> None:
    data = export()
    data["tables"].update(tables)
    journal, result = imported(tmp_path, data)
    assert result.exit_code == 1
    assert result.output.startswith(expected) and result.output.count("\n") == 1, result.output
    assert not journal.exists()


def test_moments_that_have_come_import_when_typed_in_after_their_day(tmp_path: Path) -> None:
    a_little_fast = (NOW + timedelta(minutes=10)).isoformat(timespec="seconds")  # a watch ahead of the clock
    data = export(
        questions=[question(1), question(2, asked_on="2026-03-16")],  # tomorrow, a time zone ahead
        warning_acks=[acknowledgement(1), acknowledgement(2, acknowledged_at=a_little_fast)],
        activities=[activity(1), activity(2, retired_on=None)],
        safety_events=[safety_event(1), safety_event(5)],  # the 15th's answer, given this evening
        checkins=[checkin(1), checkin(2, recorded_at=a_little_fast)],
    )
    journal, result = imported(tmp_path, data)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(journal) as conn:
        counted = conn.execute("SELECT stock_counted_at FROM medications ORDER BY id").fetchall()
        asked = conn.execute("SELECT asked_on FROM questions ORDER BY id").fetchall()
        acknowledged = conn.execute("SELECT acknowledged_at FROM warning_acks ORDER BY id").fetchall()
    assert counted == [(YESTERDAY_EVENING,), (YESTERDAY_EVENING,)]
    assert asked == [("2026-03-12",), ("2026-03-16",)]
    assert acknowledged == [(YESTERDAY_EVENING,), (a_little_fast,)]


def test_a_count_up_to_the_exports_own_now_imports_when_its_clock_was_ahead(tmp_path: Path) -> None:
    """Exported two hours "later" than this computer's clock (a clock set ahead, or a journal carried back across
    time zones by a computer whose clock is wrong): moments up to then have come for the export, and are kept."""
    exported = (NOW + timedelta(hours=2)).isoformat(timespec="seconds")
    counted = (NOW + timedelta(hours=1, minutes=50)).isoformat(timespec="seconds")
    data = export(exported_at=exported, medications=[medication(1, stock_counted_at=counted), medication(2)])
    journal, result = imported(tmp_path, data)
    assert result.exit_code == 0, result.output
    later = export(exported_at=exported, medications=[medication(1, stock_counted_at=AHEAD), medication(2)])
    journal.unlink()
    _, refused = imported(tmp_path, later)
    assert refused.exit_code == 1
    assert refused.output.startswith("Error: Record 1 of medications: The time counted 2099-01-01 08:00")


def test_a_recorded_at_that_reads_as_no_moment_is_kept_as_before(tmp_path: Path) -> None:
    """``recorded_at`` was never read for a rule: text that is no moment imports as it always did."""
    journal, result = imported(tmp_path, export(checkins=[checkin(1, recorded_at="typed in by hand")]))
    assert result.exit_code == 0, result.output
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT recorded_at FROM checkins").fetchall() == [("typed in by hand",)]


def test_the_refusal_speaks_german_on_a_german_system(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export(medications=[medication(1, stock_counted_at=AHEAD)])), encoding="utf-8")
    result = run(tmp_path / "new.db", "import", str(path), lang="de_DE.UTF-8")
    assert result.exit_code == 1
    assert result.stderr == (
        "Fehler: Datensatz 1 der Tabelle medications: „Zeitpunkt der Zählung“ 2099-01-01 08:00 ist noch nicht "
        "erreicht (jetzt ist es 2026-03-15 09:30).\n"
    )
    assert not (tmp_path / "new.db").exists()
