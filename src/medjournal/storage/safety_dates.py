"""Give safety events the clinical day of the answer they came from (migration 0003 and old exports).

Before schema 3, a PHQ-9 whose item 9 was above 0 made a safety event dated the moment it was typed, so a
questionnaire entered days later for its real day was dated wrongly. Each event now names its source (the
questionnaire or check-in row) and carries that row's day. This module links existing events to their source:

- ``phq9_item9``: the PHQ-9 with item 9 above 0 whose day is the one the event's detail names ("questionnaire of
  YYYY-MM-DD"), else any such PHQ-9, written closest in time to the event; the event takes its day.
- ``self_harm_question``: the check-in answered "yes" whose time is the event's moment, else the one written
  closest in time to it.

An event with no source found keeps its day (it is never dropped). Events already linked are left alone.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime
from typing import Any

DETAIL_DAY = re.compile(r"questionnaire of (\d{4}-\d{2}-\d{2})")
SELF_HARM_ITEM = 9


def _moment(text: object) -> float:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return 0.0
    return moment.timestamp()


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _item9_positive(answers: object) -> bool:
    try:
        values = json.loads(str(answers))
    except json.JSONDecodeError:
        return False
    return (
        isinstance(values, list)
        and len(values) >= SELF_HARM_ITEM
        and isinstance(values[SELF_HARM_ITEM - 1], int)
        and values[SELF_HARM_ITEM - 1] > 0
    )


def backfill(conn: sqlite3.Connection) -> int:
    """Link unlinked safety events to their source and give them its day; the number of events linked."""
    events = _rows(
        conn, "SELECT id, day, occurred_at, kind, detail, recorded_at FROM safety_events WHERE source = ''"
    )
    if not events:
        return 0
    phq9 = [
        q
        for q in _rows(
            conn, "SELECT id, day, answers, recorded_at FROM questionnaires WHERE instrument = 'phq9'"
        )
        if _item9_positive(q["answers"])
    ]
    checkins = _rows(conn, "SELECT id, day, time, recorded_at FROM checkins WHERE self_harm_thoughts = 1")
    used: set[tuple[str, int]] = set()
    linked = 0
    for event in sorted(events, key=lambda e: e["id"]):
        written = _moment(event["recorded_at"] or event["occurred_at"])
        if event["kind"] == "phq9_item9":
            named = DETAIL_DAY.search(str(event["detail"] or ""))
            pool = [q for q in phq9 if ("questionnaire", q["id"]) not in used]
            if named:
                pool = [q for q in pool if q["day"] == named.group(1)] or pool
            source = "questionnaire"
        elif event["kind"] == "self_harm_question":
            pool = [c for c in checkins if ("checkin", c["id"]) not in used]
            exact = [c for c in pool if c["time"] == event["occurred_at"]]
            pool = exact or pool
            source = "checkin"
        else:
            continue
        if not pool:
            continue
        found = min(pool, key=lambda row: (abs(_moment(row["recorded_at"]) - written), row["id"]))
        used.add((source, found["id"]))
        conn.execute(
            "UPDATE safety_events SET day = ?, source = ?, source_id = ? WHERE id = ?",
            [found["day"], source, found["id"], event["id"]],
        )
        linked += 1
    return linked
