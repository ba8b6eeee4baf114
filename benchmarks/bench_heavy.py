"""Measurements on the heavy journal (20 years, 8 check-ins a day) and of the first start, for benchmarks/run.py.

- the summary of the whole history: build, lay out and write the PDF, once warm; page 1 must still be one page;
- export (``export_json``) against the same rows read with ``SELECT *`` and written as JSON by plain sqlite3, and
  import (``import_json`` into a new journal) against a raw ``executemany`` of the same rows into a new journal;
- the first start after install: the window's start with no bytecode for medjournal and the libraries it installs
  (``PYTHONPYCACHEPREFIX`` pointing at a folder that holds only the standard library's own bytecode, nothing
  written) against a warm start, each the median of several, interleaved (``first_start``). Python ships its
  standard library compiled, so only what pip installed can lack bytecode; the earlier measure, with the
  standard library compiled too, is shown beside it without a budget (docs/architecture.md, *Start-up*).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import sys
import sysconfig
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from medjournal.domain.clock import FixedClock
from medjournal.storage.journal import open_journal


def clock_at(end: date) -> FixedClock:
    return FixedClock(datetime.combine(end, clock_time(22, 0)).astimezone())


def full_history_summary(journal_path: Path, end: date, repeat: int) -> dict[str, Any]:
    """Median ms to build, lay out and write the PDF of the whole history (what ``write_pdf`` does, with the
    layout kept to read its pages), the number of pages and whether page 1 fits one page."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from medjournal.report.pdf.pdf import ensure_application, layout_summary, save_pdf, write_pdf
    from medjournal.report.summary.summary import build_summary

    ensure_application()
    journal = open_journal(journal_path, clock_at(end))
    times, cpu, pages, fits = [], [], 0, False
    try:
        span = journal.date_span()
        assert span is not None
        first = span[0]
        with tempfile.TemporaryDirectory() as tmp:
            warm = Path(tmp) / "warm.pdf"
            write_pdf(build_summary(journal, end.replace(day=1), end), warm, journal)  # fonts, Qt plugins
            for attempt in range(repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                laid_out = layout_summary(build_summary(journal, first, end), journal)
                save_pdf(laid_out, Path(tmp) / f"all-{attempt}.pdf", journal_path)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
                fits, pages = laid_out.first_page_fits, laid_out.page_count
                laid_out.release()
    finally:
        journal.close()
    days = (end - first).days + 1
    return {
        "ms": statistics.median(times),
        "cpu_ms": statistics.median(cpu),
        "pages": pages,
        "first_page_fits": fits,
        "days": days,
    }


def only_last_days(source: Path, folder: Path, end: date, days: int, name: str) -> Path:
    """A copy of ``source`` holding only its last ``days`` days (to ``end``): the medications and dose steps as
    they are, every dated entry before those days deleted. The fair baseline for a summary of those days from
    the whole journal: the same rows in the period, none before it (a journal generated for 90 days alone has
    another density and other starts)."""
    from medjournal.storage import schema

    target = folder / name
    conn, out = sqlite3.connect(source), sqlite3.connect(target)
    conn.backup(out)
    out.close()
    conn.close()
    os.chmod(target, 0o600)
    first = (end - timedelta(days=days - 1)).isoformat()
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("PRAGMA foreign_keys = ON")
        for table in schema.DATA_TABLES:
            columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            if "day" in columns:
                conn.execute(f"DELETE FROM {table} WHERE day < ?", (first,))
    conn.execute("VACUUM")
    conn.close()
    return target


def _raw_export(journal_path: Path, target: Path) -> None:
    """The same rows as medjournal's export, as a bare program writes them: plain sqlite3 rows (tuples) and the
    standard library's compact JSON, which its C encoder writes (medjournal's export is indented one space per
    level for people who read it, which makes Python use its slower pure-Python encoder: that cost is ours to
    count, not the baseline's), fsynced alike."""
    from medjournal.storage import schema

    conn = sqlite3.connect(f"file:{journal_path}?mode=ro", uri=True)
    tables = {}
    for table in schema.DATA_TABLES:
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY {'key' if table == 'settings' else 'id'}")
        tables[table] = {"columns": [d[0] for d in cursor.description], "rows": cursor.fetchall()}
    conn.close()
    with target.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"tables": tables}, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def export_import(
    journal_path: Path, folder: Path, end: date, repeat: int, imports: int = 0
) -> dict[str, Any]:
    """Median ms of export and import of the whole journal, with their raw baselines, in wall-clock and CPU time
    (``"export"``, ``"import"`` and the same with ``" cpu"``: (ours, raw)), and the rows moved. Ours and the raw
    one alternate, so that a busy machine weighs on both alike. ``repeat`` exports; ``imports`` (at least
    ``repeat``) imports, the ones after the last export from that export's file: an import and its baseline cost
    about a second, an export and its baseline about three."""
    from medjournal.storage.exchange import export_json, import_json

    clock = clock_at(end)
    times: dict[str, list[float]] = {}
    rows_moved = 0

    def timed(name: str, action: Any, *args: Any) -> Any:
        start, start_cpu = time.perf_counter(), time.process_time()
        result = action(*args)
        times.setdefault(name, []).append((time.perf_counter() - start) * 1000)
        times.setdefault(f"{name} cpu", []).append((time.process_time() - start_cpu) * 1000)
        return result

    exported = folder / "heavy-export-none.json"
    rows: dict[str, list[list[Any]]] = {}
    for attempt in range(max(repeat, imports)):
        if attempt < repeat:
            exported.unlink(missing_ok=True)
            exported = folder / f"heavy-export-{attempt}.json"
            journal = open_journal(journal_path, clock)
            counts = timed("ours export", export_json, journal, exported)
            journal.close()
            rows_moved = sum(counts.values())
            timed("raw export", _raw_export, journal_path, folder / f"heavy-raw-export-{attempt}.json")
            rows = {}

        target = open_journal(folder / f"heavy-import-{attempt}.db", clock)
        timed("ours import", import_json, target, exported)
        target.close()

        empty = open_journal(folder / f"heavy-raw-{attempt}.db", clock)
        if not rows:  # the baseline's rows, read from this export once
            tables = json.loads(exported.read_text(encoding="utf-8"))["tables"]
            rows = {t: row_values(empty, t, tables[t]) for t in tables if tables[t]}
        empty.close()
        raw = sqlite3.connect(folder / f"heavy-raw-{attempt}.db")
        raw.execute("PRAGMA synchronous = FULL")
        raw.execute("PRAGMA foreign_keys = ON")
        timed("raw import", _raw_insert, raw, rows)
        raw.close()
        for leftover in folder.glob(f"heavy-*{attempt}*"):
            if leftover != exported:
                leftover.unlink()
    exported.unlink(missing_ok=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "rows": rows_moved,
        **{
            f"{step}{kind}": (medians[f"ours {step}{kind}"], medians[f"raw {step}{kind}"])
            for step in ("export", "import")
            for kind in ("", " cpu")
        },
    }


def row_values(journal: Any, table: str, records: list[dict[str, Any]]) -> list[list[Any]]:
    """The values of ``records`` (an export's rows of ``table``) in the order of the table's columns, a missing
    one given its column's default, as the raw baseline inserts them. The columns and their defaults are read
    once per table: read for every value, as they once were, they cost about 40 s of a heavy journal's run
    (a ``PRAGMA table_info`` for each of a million values) before anything was timed."""
    from medjournal.storage.exchange import column_defaults, table_columns

    columns = table_columns(journal, table)
    defaults = column_defaults(journal, table)
    return [[record.get(column, defaults[column]) for column in columns] for record in records]


def _raw_insert(raw: sqlite3.Connection, rows: dict[str, list[list[Any]]]) -> None:
    for table, values in rows.items():
        verb = "INSERT OR REPLACE" if table == "settings" else "INSERT"
        raw.executemany(f"{verb} INTO {table} VALUES ({', '.join('?' * len(values[0]))})", values)
    raw.commit()


def stdlib_bytecode(prefix: Path) -> int:
    """Fill ``prefix``, a ``PYTHONPYCACHEPREFIX`` folder, with the standard library's own bytecode (the
    ``__pycache__`` files Python was installed with, copied where Python looks for them under that prefix), and
    nothing else: the libraries in site-packages and medjournal stay without. Returns the files copied."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    tag = sys.implementation.cache_tag  # "cpython-311": the unoptimised files, as a plain start reads
    copied = 0
    for cached in stdlib.rglob(f"__pycache__/*.{tag}.pyc"):
        relative = cached.parent.parent.relative_to(stdlib)
        if relative.parts[:1] in (("site-packages",), ("test",)):
            continue
        target = prefix / cached.parent.parent.relative_to(cached.anchor) / cached.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        copied += 1
    return copied


def first_start(journal_path: Path, runs: int, all_compiled: bool = True) -> dict[str, tuple[float, ...]]:
    """{"wall": (cold, warm[, all compiled]), "cpu": (...)}: median ms to an interactive window, interleaved
    (run._probe), in wall-clock time and in the CPU time each had used when its window showed (the figure to
    compare on a loaded machine).

    cold: the first start after install, medjournal and the libraries it installs with no bytecode, the standard
    library with its own (``stdlib_bytecode``); warm: a start with every module's bytecode; all compiled: no
    bytecode at all, the standard library compiled too, which an installed Python never does (the measure
    before 6 December 2026, kept for comparison; left out when ``all_compiled`` is false)."""
    from benchmarks.run import _probe

    cold: list[tuple[float, int, float]] = []
    warm: list[tuple[float, int, float]] = []
    compiled: list[tuple[float, int, float]] = []
    _probe(["app", str(journal_path)])  # the file cache warm for both: this measures compiling, not the disk
    with tempfile.TemporaryDirectory(prefix="medjournal-stdlib-pycache-") as stdlib_only:
        stdlib_bytecode(Path(stdlib_only))
        cold_env = {"PYTHONPYCACHEPREFIX": stdlib_only, "PYTHONDONTWRITEBYTECODE": "1"}

        def start_all_compiled() -> tuple[float, int, float]:
            with tempfile.TemporaryDirectory(prefix="medjournal-pycache-") as empty:
                return _probe(["app", str(journal_path)], {**cold_env, "PYTHONPYCACHEPREFIX": empty})

        kinds = [
            (cold, lambda: _probe(["app", str(journal_path)], cold_env)),
            (warm, lambda: _probe(["app", str(journal_path)])),
            *([(compiled, start_all_compiled)] if all_compiled else []),
        ]
        for number in range(runs):  # taking turns, the first one first in even rounds and last in odd ones
            for found, start in kinds if number % 2 == 0 else kinds[::-1]:
                found.append(start())

    def median(found: list[tuple[float, int, float]], index: int) -> float:
        return statistics.median(r[index] for r in found)

    return {
        kind: tuple(median(found, index) for found in (cold, warm, compiled) if found)
        for kind, index in (("wall", 0), ("cpu", 2))
    }


# -- figures for benchmarks/run.py --------------------------------------------------------------------------------


def whole_history_line(journal_path: Path, end: date, label: str, days: int | None = None) -> str:
    """The name of the whole-history summary's line: the days from the journal's first to ``end``."""
    if days is None:
        journal = open_journal(journal_path, clock_at(end))
        try:
            span = journal.date_span()
        finally:
            journal.close()
        assert span is not None
        days = (end - span[0]).days + 1
    return f"summary PDF of all {days:,} days, page 1 one page ({label})"


def heavy_figures(heavy: Path, folder: Path, end: date, quick: bool) -> list[Any]:
    """The whole-history summary, export and import lines on the heavy journal; with ``quick`` the summary
    is left out (a line saying so)."""
    from benchmarks.run import Figure, left_out

    label = "20 years x 8"
    moved = export_import(heavy, folder, end, repeat=1 if quick else 3, imports=2 if quick else 3)
    rows = f"{moved['rows']:,} rows"
    figures = []
    if quick:  # about a minute on its own: the full run measures it
        figures.append(left_out(whole_history_line(heavy, end, label), "--quick; the full run measures it"))
    else:
        summary = full_history_summary(heavy, end, repeat=3)
        figures.append(
            Figure(
                whole_history_line(heavy, end, label, summary["days"]),
                summary["ms"],
                None,
                "ms",
                5000,
                "absolute",
                condition=summary["first_page_fits"],
                note=f"{summary['pages']} pages; CPU time {summary['cpu_ms'] / 1000:.1f} s"
                + ("" if summary["first_page_fits"] else "; page 1 runs over"),
            )
        )
    return [
        *figures,
        Figure(f"export to JSON, {rows} ({label})", *moved["export"], "ms", 3.0, "ratio"),
        Figure(f"export to JSON, {rows} ({label}), CPU time", *moved["export cpu"], "ms", 3.0, "ratio"),
        Figure(f"import from JSON, {rows} ({label})", *moved["import"], "ms", 3.0, "ratio"),
        Figure(f"import from JSON, {rows} ({label}), CPU time", *moved["import cpu"], "ms", 3.0, "ratio"),
    ]


def first_start_figures(journal_path: Path, runs: int, quick: bool = False) -> list[Any]:
    """The first start's line; beside it the old measure (the standard library compiled too), but not with
    ``--quick``, where three more window starts per round would cost about 4 s of CPU."""
    from benchmarks.run import Figure

    found = first_start(journal_path, runs, all_compiled=not quick)
    figures = []
    for kind, (cold, warm, *compiled) in found.items():
        suffix = ", CPU time" if kind == "cpu" else ""
        figures.append(
            Figure(
                "first start after install, no bytecode but stdlib's" + suffix,
                cold,
                warm,
                "ms",
                2.0,
                "ratio",
            )
        )
        figures += [
            Figure(
                "first start, stdlib compiled too (not after install)" + suffix, value, warm, "ms", 0, "shown"
            )
            for value in compiled
        ]
    return figures
