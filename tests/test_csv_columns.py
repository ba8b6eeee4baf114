"""A CSV file is read a column at a time (each distinct text of a column once, domain/csv_mapping.py): each row
still gets the answer it gets alone, and a row with several faults is refused for the first, in the order the
fields are read (date, time, note, ratings, dose, side effect)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from medjournal.domain.csv_mapping import ParsedFile, parse_generic
from medjournal.domain.csv_read import CsvTable
from medjournal.storage.csv_source import zone_named
from tests.conftest import Cli

HEADER = ("date", "time", "medication", "amount", "taken", "pain", "mood", "side effect", "severity", "note")
MAPPING = {
    "date": 0,
    "time": 1,
    "medication": 2,
    "amount": 3,
    "status": 4,
    "pain": 5,
    "mood": 6,
    "side_effect": 7,
    "severity": 8,
    "note": 9,
}
CELLS = [
    st.sampled_from(["01.03.26", "01.03.26", "30.02.26", "", "1.3", "2026-03-02", " 02.03.26 "]),
    st.sampled_from(["08:00", "08:00", "", "25:00", "8:00 PM", "13:00 PM"]),
    st.sampled_from(["Duloxetine", "", "", "\u200b", "x" * 300]),
    st.sampled_from(["30 mg", "", "mg", "0,5", "-1"]),
    st.sampled_from(["ja", "", "nein", "maybe"]),
    st.sampled_from(["6", "", "eleven", "11", "4/10", "2.5"]),
    st.sampled_from(["5", "", "-1"]),
    st.sampled_from(["", "", "nausea", "\x01"]),
    st.sampled_from(["mild", "", "4", "2"]),
    st.sampled_from(["", "", "flare", "esc \x1b[31m"]),
]
rows = st.lists(st.tuples(*CELLS) | st.tuples(CELLS[0], CELLS[1]), min_size=1, max_size=8)


def table_of(cells: list[tuple[str, ...]], first_line: int = 2) -> CsvTable:
    numbered = tuple((first_line + 2 * i, row) for i, row in enumerate(cells))  # every other line: lines kept
    return CsvTable("utf-8", ";", HEADER, True, numbered)


def as_data(parsed: ParsedFile) -> dict[str, Any]:
    return {
        name: [dataclasses.astuple(entry) for entry in getattr(parsed, name)]
        for name in ("doses", "checkins", "side_effects", "refused")
    }


@settings(max_examples=300, deadline=None)
@given(cells=rows)
def test_each_row_of_a_file_gets_the_answer_it_gets_alone(cells: list[tuple[str, ...]]) -> None:
    zone = zone_named("Europe/Berlin")
    whole = as_data(parse_generic(table_of(cells), MAPPING, "dmy", zone))
    alone: dict[str, list[Any]] = {"doses": [], "checkins": [], "side_effects": [], "refused": []}
    for i, row in enumerate(cells):
        for name, entries in as_data(parse_generic(table_of([row], 2 + 2 * i), MAPPING, "dmy", zone)).items():
            alone[name] += entries
    assert whole == alone


def test_a_row_is_refused_for_its_first_fault_and_each_repeated_fault_on_its_own_line(
    run_cli: Cli, tmp_path: Path
) -> None:
    text = (
        "date;time;medication;amount;pain;side effect;severity;note\n"
        "30.02.26;25:00;Duloxetine;-1;eleven;nausea;4;\n"  # 2: the date comes first
        "01.03.26;25:00;Duloxetine;-1;eleven;nausea;4;\n"  # 3: then the time
        "01.03.26;08:00;Duloxetine;-1;eleven;nausea;4;\n"  # 4: then the ratings
        "01.03.26;08:00;Duloxetine;-1;6;nausea;4;\n"  # 5: then the dose's amount
        "01.03.26;08:00;Duloxetine;30 mg;6;nausea;4;\n"  # 6: then the side effect's severity
        "01.03.26;;Duloxetine;30 mg;6;;;\n"  # 7: a dose needs a time of day
        "01.03.26;;;;;;;\n"  # 8: nothing in it
        "30.02.26;08:00;Duloxetine;30 mg;6;;;\n"  # 9: the same bad date as line 2, refused again
        "01.03.26;08:00;Duloxetine;30 mg;6;;;\n"  # 10: good
    )
    path = tmp_path / "faults.csv"
    path.write_text(text, encoding="utf-8")
    result = run_cli("import-csv", str(path), "--date-order", "dmy", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Refused (8):" in result.output
    expected = [
        "line 2: '30.02.26' is not a date (read as day/month/year).",
        "line 3: '25:00' is not a time of day.",
        "line 4: The pain 'eleven' is not a number from 0 to 10.",
        "line 5: The amount '-1' does not start with a number.",
        "line 6: The severity must be from 0 to 3; 4 is outside.",
        "line 7: A dose needs a time of day as well as a date.",
        "line 8: The row has no medication, rating or side effect.",
        "line 9: '30.02.26' is not a date (read as day/month/year).",
    ]
    for sentence in expected:
        assert sentence in result.output
    assert "line 10" not in result.output
