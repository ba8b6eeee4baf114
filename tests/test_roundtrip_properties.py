"""Every value that can be entered can be exported and imported back (issue 19, points 8 and 10): Hypothesis
enters random accepted values through the Journal API (whatever it refuses is skipped), exports, imports into an
empty journal and exports again: the two exports hold the same tables. And the inputs that used to end in an
internal error end in one sentence."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import MedjournalError, ValidationError
from medjournal.storage import Journal
from medjournal.storage.exchange import export_data, import_json
from tests.conftest import NOW, Cli

TODAY = NOW.date()
# Up to tomorrow, the latest day an entry may have (docs/data-safety.md, "Dates after today").
days = st.one_of(
    st.sampled_from([TODAY, TODAY + timedelta(days=1)]),
    st.dates(min_value=date(2000, 1, 1), max_value=TODAY + timedelta(days=1)),
).map(date.isoformat)
# The same moment as the export's on the other side of the date line: where the import runs it may still be the
# day before the export's "today" (UTC+14 at the export, UTC-12 at the import).
AHEAD = NOW.astimezone(timezone(timedelta(hours=14)))
BEHIND = NOW.astimezone(timezone(timedelta(hours=-12)))
texts = st.text(max_size=60)
numbers = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from([1e-320, 5e-324, 1_800_000, 999_999.999999, 1e-6, 0.1, 2**63, -(2**63)]),
)
scale = st.one_of(st.none(), st.integers(min_value=-2, max_value=12))

entry = st.one_of(
    st.tuples(st.just("checkin"), scale, scale, scale, st.one_of(st.none(), numbers), texts, days),
    st.tuples(st.just("side_effect"), st.sampled_from(["nausea", "dry_mouth", "x" * 3]), scale, days, texts),
    st.tuples(st.just("treatment"), st.sampled_from(["exercise", "physical_therapy"]), numbers, days, texts),
    st.tuples(st.just("dose"), st.sampled_from(["taken", "skipped"]), st.one_of(st.none(), numbers), texts),
    st.tuples(st.just("refill"), numbers, days),
    st.tuples(st.just("medication"), texts, numbers, numbers, numbers),
    st.tuples(st.just("visit"), days, texts),
)


def enter(journal: Journal, item: tuple[Any, ...]) -> None:
    kind, *values = item
    try:
        if kind == "checkin":
            pain, mood, sleep, hours, note, day = values
            journal.add_checkin(pain=pain, mood=mood, sleep=sleep, sleep_hours=hours, note=note, day=day)
        elif kind == "side_effect":
            symptom, severity, day, note = values
            journal.add_side_effect(symptom, severity, day=day, note=note)
        elif kind == "treatment":
            kind_, minutes, day, note = values
            journal.add_treatment(kind_, day=day, minutes=minutes, note=note)
        elif kind == "dose":
            status, amount, note = values
            journal.record_dose("Duloxetine", status, amount=amount, note=note)
        elif kind == "refill":
            units, day = values
            journal.add_refill("Duloxetine", units, day=day)
        elif kind == "medication":
            name, dose, stock, unit_size = values
            journal.add_medication(
                name, dose, "mg", times="20:00", start="2026-01-01", stock_units=stock, unit_size=unit_size
            )
        elif kind == "visit":
            day, note = values
            journal.add_visit(day=day, note=note)
    except (ValidationError, MedjournalError):
        pass  # refused with a sentence: nothing to round-trip


def comparable(journal: Journal) -> dict[str, Any]:
    data = export_data(journal)
    data.pop("exported_at")
    return data


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(items=st.lists(entry, max_size=12), zones=st.sampled_from([(NOW, NOW), (AHEAD, BEHIND)]))
def test_whatever_is_accepted_exports_and_imports_back(
    tmp_path: Path, items: list[tuple[Any, ...]], zones: tuple[datetime, datetime]
) -> None:
    exported_at, imported_at = zones
    journal = Journal.in_memory(FixedClock(exported_at))
    journal.add_medication(
        "Duloxetine", 30, "mg", times="08:00", start="2026-01-01", stock_units=999_000, unit_size=1e-6 * 3
    )
    for item in items:
        enter(journal, item)
    before = comparable(journal)
    path = tmp_path / f"export-{id(items)}.json"
    path.write_text(json.dumps(export_data(journal), ensure_ascii=False), encoding="utf-8")
    target = Journal.in_memory(FixedClock(imported_at))
    import_json(target, path)
    assert comparable(target) == before
    path.unlink()


def test_a_refill_beyond_the_countable_stock_is_refused(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01", stock_units=1_000_000)
    with pytest.raises(ValidationError, match="more than medjournal keeps count of"):
        journal.add_refill("Duloxetine", 800_000)
    assert journal.medication("Duloxetine").stock_units == 1_000_000


def test_a_unit_size_that_makes_stock_infinite_is_refused(journal: Journal) -> None:
    with pytest.raises(ValidationError, match="implausibly small"):
        journal.add_medication(
            "Duloxetine", 30, "mg", times="08:00", start="2026-03-01", stock_units=10, unit_size=1e-320
        )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "medjournal-export/1", "x": ' + "9" * 5000 + "}", "a number too long to read"),
    ],
)
def test_hostile_json_is_one_sentence(run_cli: Cli, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "e.json"
    path.write_text(content)
    result = run_cli("import", str(path))
    assert result.exit_code == 1
    assert message in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize(("field", "value"), [("id", 2**63), ("pain", 10**400), ("sleep_hours", 10**30)])
def test_numbers_sqlite_cannot_store_are_refused_on_import(
    journal: Journal, run_cli: Cli, tmp_path: Path, field: str, value: int
) -> None:
    journal.add_checkin(pain=5, mood=5, day=TODAY - timedelta(days=1))
    data = export_data(journal)
    data["tables"]["checkins"][0][field] = value
    path = tmp_path / "e.json"
    path.write_text(json.dumps(data))
    result = Cli(tmp_path / "new.db", NOW)("import", str(path))
    assert result.exit_code == 1, result.output
    assert "Record 1 of checkins" in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize("note", ["bad \udcff byte", "lone \ud800 surrogate"])
def test_text_that_is_not_utf8_is_refused_in_one_sentence(run_cli: Cli, note: str) -> None:
    result = run_cli("checkin", "--pain", "5", "--mood", "5", "--note", note)
    assert result.exit_code == 1
    assert "not valid text" in result.output
    assert "internal error" not in result.output
    assert not run_cli.db.exists()  # refused: not even a new, empty journal is left
