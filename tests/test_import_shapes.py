"""Records of an older export lack the newer columns; each lands with the column's default, whatever mix of
shapes the export holds (exchange._Shapes makes the rows of values)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from medjournal.domain.clock import FixedClock
from medjournal.storage.exchange import column_defaults, import_json, table_columns
from medjournal.storage.journal import open_journal
from tests.conftest import NOW

STAMP = "2026-03-01T08:00:00+00:00"


def dose(number: int, **extra: Any) -> dict[str, Any]:
    day = f"2026-02-{number:02d}"
    return {
        "id": number,
        "medication_id": 1,
        "day": day,
        "slot": None,
        "taken_at": f"{day}T08:00:00+00:00",
        "status": "taken",
        "amount": 30.0,
        "note": "",
        "recorded_at": STAMP,
        **extra,
    }


def test_records_of_every_shape_land_with_their_defaults(tmp_path: Path) -> None:
    medication = {"id": 1, "name": "Duloxetine", "unit": "mg", "recorded_at": STAMP}
    doses = [dose(1), dose(2), dose(3, note="later"), dose(4), dose(5)]
    del doses[1]["note"]  # one record lacks a column the others carry
    del doses[3]["slot"]
    export = {
        "format": "medjournal-export/1",
        "schema_version": 2,
        "app_version": "old",
        "exported_at": STAMP,
        "tables": {"medications": [medication], "dose_logs": doses},
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    journal = open_journal(tmp_path / "j.db", FixedClock(NOW))
    try:
        import_json(journal, path)
        columns = table_columns(journal, "dose_logs")
        defaults = column_defaults(journal, "dose_logs")
    finally:
        journal.close()
    assert set(columns) - set(doses[0])  # the export really lacks columns of this schema
    conn = sqlite3.connect(tmp_path / "j.db")
    stored = conn.execute(f"SELECT {', '.join(columns)} FROM dose_logs ORDER BY id").fetchall()
    conn.close()
    assert stored == [tuple(record.get(c, defaults[c]) for c in columns) for record in doses]
