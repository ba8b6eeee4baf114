"""Property test: any journal and any period give a valid summary, never a traceback."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import ValidationError
from medjournal.report.summary.summary import build_summary
from medjournal.storage import Journal

NOW = datetime(2026, 3, 15, 9, 30).astimezone()
day_offsets = st.integers(0, 120)


def on(offset: int) -> date:
    return NOW.date() - timedelta(days=offset)


actions = st.one_of(
    st.tuples(st.just("checkin"), day_offsets, st.integers(0, 10), st.one_of(st.none(), st.integers(0, 10))),
    st.tuples(st.just("dose"), day_offsets, st.sampled_from(["08:00", "12:00", "21:00"]), st.booleans()),
    st.tuples(st.just("side_effect"), day_offsets, st.sampled_from(["nausea", "fatigue"]), st.integers(0, 3)),
    st.tuples(st.just("change"), day_offsets, st.integers(10, 120), st.booleans()),
    st.tuples(st.just("stop"), day_offsets, st.just(0), st.booleans()),
    st.tuples(
        st.just("questionnaire"),
        day_offsets,
        st.sampled_from(["peg", "phq2", "gad2", "phq9", "pgic"]),
        st.integers(0, 3),
    ),
)


def apply(journal: Journal, action: tuple[Any, ...]) -> None:
    kind, offset = action[0], int(action[1])
    day = on(offset)
    try:
        if kind == "checkin":
            journal.add_checkin(pain=action[2], mood=action[3], day=day)
        elif kind == "dose":
            moment = datetime.fromisoformat(f"{day.isoformat()}T{action[2]}").astimezone()
            journal.record_dose("Duloxetine", "taken" if action[3] else "skipped", at=moment)
        elif kind == "side_effect":
            journal.add_side_effect(str(action[2]), action[3], day=day)
        elif kind == "change":
            journal.change_dose("Duloxetine", action[2], day)
        elif kind == "stop":
            journal.stop_medication("Duloxetine", on=day)
            if action[3]:
                journal.restart_medication("Duloxetine", 30, start=day + timedelta(days=3), times="08:00")
        else:
            sizes = {"peg": 3, "phq2": 2, "gad2": 2, "phq9": 9, "pgic": 1}
            value = int(action[3])
            answers = [value + 1 if action[2] == "pgic" else value] * sizes[str(action[2])]
            journal.add_questionnaire(str(action[2]), answers, day=day)
    except ValidationError:
        pass  # an impossible action (a dose with no slot to skip, a change before the start): skipped


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 100),
    st.booleans(),
    st.lists(actions, max_size=40),
    st.integers(0, 150),
    st.integers(0, 60),
)
def test_any_journal_gives_a_valid_summary(
    start_offset: int, as_needed: bool, steps: list[tuple[object, ...]], period_start: int, period_length: int
) -> None:
    journal = Journal.in_memory(FixedClock(NOW))
    try:
        if as_needed:
            journal.add_medication("Duloxetine", 30, as_needed=True, start=on(start_offset))
        else:
            journal.add_medication("Duloxetine", 30, times="08:00", start=on(start_offset))
        for action in steps:
            apply(journal, action)
        first = on(period_start)
        report = build_summary(journal, start=first, end=first + timedelta(days=period_length), now=NOW)
        data = json.loads(json.dumps(report.to_json()))
    finally:
        journal.close()
    assert data["format"] == "medjournal-summary/1"
    assert data["period"]["days"] == period_length + 1 == len(data["daily"])
    for med in data["medications"]:
        adherence = med["adherence"]
        assert adherence["percent"] is None or 0 <= adherence["percent"] <= 100
        assert adherence["scheduled"] == adherence["taken"] + adherence["skipped"] + adherence["not_recorded"]
        assert med["response"]["category"] in (
            None,
            "substantial improvement",
            "meaningful improvement",
            "minimal improvement",
            "no clear change",
            "worse",
        )
    for effect in data["side_effects"]:
        assert 1 <= effect["mean_severity"] <= effect["max_severity"] <= 3
