"""The CSV import of 20,000 rows against the JSON import of the same entries (docs/csv-import.md; budget:
at most 3 times as long).

The file is written as a spreadsheet writes it (semicolons, a header, day-first dates); the entries are those of
``run.make_export`` (each at its own minute): check-ins with pain, mood and sleep, and taken doses of one
medication. Both imports go into a fresh journal of the same schema; the CSV import is the whole path of
``medjournal import-csv``: reading the file, comparing it with the journal, writing it in one transaction.
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from medjournal.domain.clock import FixedClock
from medjournal.storage.journal import open_journal


def write_csv(data: dict[str, Any], path: Path) -> int:
    """The export's check-ins and doses as spreadsheet rows; returns the number of rows."""
    tables = data["tables"]
    rows: list[tuple[str, str]] = []
    for checkin in tables["checkins"]:
        rows.append((checkin["time"], f";;{checkin['pain']};{checkin['mood']};{checkin['sleep']}"))
    for dose in tables["dose_logs"]:
        rows.append((dose["taken_at"], f"Duloxetine;{dose['amount']:g} mg;;;"))
    rows.sort()
    lines = ["Datum;Uhrzeit;Medikament;Dosis;Schmerz;Stimmung;Schlaf"]
    for moment, rest in rows:
        when = datetime.fromisoformat(moment)
        lines.append(f"{when:%d.%m.%Y};{when:%H:%M};{rest}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return len(rows)


def forget_caches() -> int:
    """Empty the memo caches (``functools.lru_cache``) of the CSV import's modules; returns how many. Every
    repetition imports the same file, and a cache filled by the one before would make it cheaper than a
    person's import, which reads its file once."""
    import sys

    emptied = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith(("medjournal.storage.csv_", "medjournal.domain.csv_")):
            continue
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                value.cache_clear()
                emptied += 1
    return emptied


def bench_csv_import(folder: Path, records: int, repeat: int, end: date) -> tuple[float, float, int]:
    """Median milliseconds of the CSV import and of the JSON import of the same entries, and the rows imported."""
    from benchmarks.run import make_export
    from medjournal.storage.csv_plan import prepare_import
    from medjournal.storage.csv_source import ImportOptions, zone_named
    from medjournal.storage.exchange import import_json

    data = make_export(records)
    for table, hour in (("dose_logs", "08"), ("checkins", "21")):
        for row in data["tables"][table]:  # distinct minutes: two doses at one minute would be one dose twice
            key = "taken_at" if table == "dose_logs" else "time"
            row[key] = f"{row['day']}T{hour}:{row['id'] % 60:02d}:00+00:00"
    json_path = folder / "csv-baseline.json"
    json_path.write_text(json.dumps(data), encoding="utf-8")
    csv_path = folder / "import.csv"
    count = write_csv(data, csv_path)
    # the end of the last day, as every benchmark's clock: that day's doses (08:xx) and check-ins (21:xx) have come
    clock = FixedClock(datetime.combine(end, datetime.min.time()).astimezone().replace(hour=22))
    ours, baseline, written = [], [], 0
    for attempt in range(repeat):
        forget_caches()  # each import as a person's first of the session: no row's reading kept from the last
        journal = open_journal(folder / f"csv-{attempt}.db", clock)
        start = time.perf_counter()
        options = ImportOptions(date_order="dmy", zone=zone_named("UTC"))
        _, plan = prepare_import(journal, csv_path, options)
        counts = journal.apply_import(plan)
        ours.append((time.perf_counter() - start) * 1000)
        written = counts["dose_logs"] + counts["checkins"]
        journal.close()
        other = open_journal(folder / f"csv-json-{attempt}.db", clock)
        start = time.perf_counter()
        import_json(other, json_path)
        baseline.append((time.perf_counter() - start) * 1000)
        other.close()
    if written != count:
        raise AssertionError(f"the CSV import wrote {written} of {count} rows")
    return statistics.median(ours), statistics.median(baseline), written
