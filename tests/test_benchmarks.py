"""The benchmark code measures the real code paths: checked here on a tiny journal (no timings asserted)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from benchmarks import run
from benchmarks.generate import generate


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.db"
    counts = generate(path, days=30, end=run.END)
    assert counts["checkins"] > 20 and counts["dose_logs"] > 30 and counts["medications"] == 3
    return path


def rows(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_the_generator_is_deterministic_and_committed(tmp_path: Path) -> None:
    generate(tmp_path / "a.db", days=40, end=run.END, seed=3)
    generate(tmp_path / "b.db", days=40, end=run.END, seed=3)
    dump = [
        [line for line in sqlite3.connect(tmp_path / n).iterdump() if "_sqlite_migrations" not in line]
        for n in ("a.db", "b.db")
    ]
    assert dump[0] == dump[1]
    assert rows(tmp_path / "a.db", "checkins") > 30


def test_saving_benchmark_writes_real_entries(tiny: Path, tmp_path: Path) -> None:
    before = rows(tiny, "checkins"), rows(tiny, "dose_logs")
    figures = run.bench_saving(tiny, tmp_path, repeat=3)
    backup_saves = 5  # each makes the automatic backup due (benchmarks/bench_saving.py)
    assert rows(tiny, "checkins") == before[0] + 3 + backup_saves
    assert rows(tiny, "dose_logs") == before[1] + 3
    assert [f.name.split(",")[0] for f in figures] == ["save a check-in"] * 4 + ["save a dose"] * 3 + [
        "save that takes the automatic backup (10 years)"
    ]
    assert all(f.value > 0 and f.baseline and f.baseline > 0 for f in figures)
    assert all(f.budget == 50 and f.budget_kind == "absolute" for f in figures)


def test_the_save_that_takes_the_backup_is_measured_in_the_windows_way_and_the_command_lines(
    tiny: Path, tmp_path: Path
) -> None:
    from medjournal.storage.autobackup import is_automatic
    from medjournal.storage.backup import list_backups, parse_backup_name

    heavy = run.copy_journal(tiny, tmp_path, "heavy-stand-in.db")
    before = rows(heavy, "checkins")
    figures = run.bench_saving(tiny, tmp_path, repeat=3, heavy_path=heavy)
    by_name = {f.name: f for f in figures}
    window = by_name[f"save that takes the automatic backup ({run.HEAVY})"]
    command = by_name[f"the same save on the command line ({run.HEAVY})"]
    assert window.budget_kind == "absolute" and command.budget_kind == "shown"
    assert "5 saves" in window.note and "3 saves" in command.note
    made = [parse_backup_name(p.name) for p in list_backups(tmp_path / "backups", heavy.name)]
    assert any(m is not None and is_automatic(m[2]) for m in made)
    assert rows(heavy, "checkins") == before + 5 + 3  # the window's five saves and the command line's three


def test_import_benchmark_imports_every_record(tmp_path: Path) -> None:
    """301 records reach the benchmark's last day, as the full run's 100,000 do: that day's doses were taken by
    the benchmark's clock (a dose logged before its moment is refused)."""
    wall, cpu = run.bench_import(tmp_path, records=301, repeat=1)
    assert rows(tmp_path / "import-0.db", "checkins") + rows(tmp_path / "import-0.db", "dose_logs") == 301
    assert rows(tmp_path / "raw-0.db", "checkins") + rows(tmp_path / "raw-0.db", "dose_logs") == 301
    conn = sqlite3.connect(tmp_path / "import-0.db")
    try:
        assert conn.execute("SELECT max(day) FROM dose_logs").fetchone()[0] == run.END.isoformat()
    finally:
        conn.close()
    assert cpu.name == "import 301 records, CPU time"
    for figure in (wall, cpu):
        assert figure.value > 0 and figure.baseline and figure.ratio


def test_the_export_made_for_the_import_benchmark_is_valid(tmp_path: Path) -> None:
    from medjournal.storage.exchange import check_import
    from medjournal.storage.journal import open_journal

    journal = open_journal(tmp_path / "j.db")
    try:
        prepared = check_import(journal, run.make_export(90))
    finally:
        journal.close()
    assert len(prepared["checkins"]) + len(prepared["dose_logs"]) == 90


@pytest.mark.gui
def test_start_probe_opens_the_real_window(tiny: Path) -> None:
    elapsed, rss, cpu = run._probe(["app", str(tiny)])
    assert elapsed > 0 and rss > 10_000  # KiB: a real Qt process, not a stub
    assert cpu > 50  # ms: it loaded Qt and the journal, which takes far more than an empty interpreter


def test_figures_format_and_verdicts() -> None:
    ratio = run.Figure("x", 130.0, 100.0, "ms", 1.3, "ratio")
    assert ratio.passed and ratio.ratio == pytest.approx(1.3)
    assert not run.Figure("x", 131.0, 100.0, "ms", 1.3, "ratio").passed
    assert run.Figure("y", 40.0, None, "ms", 50, "absolute").passed
    assert "PASS" in ratio.line() and "1.30x" in ratio.line()
    assert json.dumps(ratio.__dict__)


def test_the_heavy_generator_logs_eight_checkins_a_day(tmp_path: Path) -> None:
    counts = generate(tmp_path / "heavy.db", days=60, end=run.END, heavy=True)
    assert 60 * 8 * 0.9 < counts["checkins"] <= 60 * 8
    conn = sqlite3.connect(tmp_path / "heavy.db")
    busiest = conn.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM checkins GROUP BY day)").fetchone()[
        0
    ]
    as_needed = conn.execute("SELECT count(*) FROM dose_logs WHERE medication_id = 3").fetchone()[0]
    conn.close()
    assert busiest == 8
    assert as_needed > 60 * 0.5  # taken on most days, one to three doses


def test_export_and_import_benchmark_moves_every_row(tmp_path: Path) -> None:
    from benchmarks.bench_heavy import export_import

    path = tmp_path / "heavy.db"
    counts = generate(path, days=20, end=run.END, heavy=True)
    result = export_import(path, tmp_path, run.END, repeat=1)
    assert result["rows"] == sum(counts.values())
    for step in ("export", "import", "export cpu", "import cpu"):  # wall-clock and CPU time, ours and raw
        ours, raw = result[step]
        assert ours > 0 and raw > 0
    assert not list(tmp_path.glob("heavy-*"))  # the copies are removed


def test_the_import_is_measured_again_from_the_last_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--quick: one export, two imports taking turns with their baseline, both from that export's file."""
    from benchmarks import bench_heavy
    from medjournal.storage import exchange

    path = tmp_path / "heavy.db"
    counts = generate(path, days=10, end=run.END, heavy=True)
    imported: list[int] = []
    real_import, real_raw = exchange.import_json, bench_heavy._raw_insert

    def counted_import(journal: Any, source: Path) -> dict[str, int]:
        imported.append(sum(real_import(journal, source).values()))
        return {}

    def counted_raw(conn: Any, rows: dict[str, list[list[Any]]]) -> None:
        imported.append(-sum(map(len, rows.values())))
        real_raw(conn, rows)

    monkeypatch.setattr(exchange, "import_json", counted_import)
    monkeypatch.setattr(bench_heavy, "_raw_insert", counted_raw)
    result = bench_heavy.export_import(path, tmp_path, run.END, repeat=1, imports=2)
    rows = sum(counts.values())
    assert result["rows"] == rows
    assert imported == [rows, -rows, rows, -rows]  # ours and the baseline in turn, every row each time
    assert not list(tmp_path.glob("heavy-*"))  # the copies and the export are removed


def test_the_raw_baselines_read_each_tables_columns_once_not_once_a_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The baselines' rows are made untimed, but made value by value with a PRAGMA each they took about 40 s of
    a quick run on the heavy journal: each table's columns and defaults are read once, the rows the same."""
    from benchmarks import bench_heavy
    from medjournal.storage import exchange

    asked: list[str] = []
    inserted: list[dict[str, list[list[Any]]]] = []

    def counted(real: Any) -> Any:
        def read(journal: Any, table: str) -> Any:
            asked.append(table)
            return real(journal, table)

        return read

    def kept(conn: sqlite3.Connection, rows: dict[str, list[list[Any]]]) -> None:
        inserted.append(rows)
        real_raw(conn, rows)

    for name in ("column_defaults", "table_columns"):
        monkeypatch.setattr(exchange, name, counted(getattr(exchange, name)))
    real_raw = bench_heavy._raw_insert
    monkeypatch.setattr(bench_heavy, "_raw_insert", kept)
    path = tmp_path / "heavy.db"
    counts = generate(path, days=20, end=run.END, heavy=True)
    bench_heavy.export_import(path, tmp_path, run.END, repeat=1, imports=2)
    tables = [t for t, n in counts.items() if n]
    assert sum(counts.values()) > 20 * len(tables)
    assert len(asked) <= 4 * len(
        tables
    )  # the baseline's two reads and the import's own, per table; not per row
    conn = sqlite3.connect(path)
    for table, values in inserted[0].items():  # every row as the journal holds it, column by column
        order = "key" if table == "settings" else "id"
        assert values == [list(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY {order}")], table
    conn.close()
    assert inserted[0] == inserted[1]

    asked.clear()
    run.bench_import(tmp_path, 300, repeat=1)
    assert len(asked) <= 4 * 3  # medications, check-ins and doses: ours and the baseline


def test_the_whole_history_summary_benchmark_reports_page_one(tmp_path: Path) -> None:
    from benchmarks.bench_heavy import full_history_summary

    path = tmp_path / "heavy.db"
    generate(path, days=45, end=run.END, heavy=True)
    result = full_history_summary(path, run.END, repeat=1)
    assert result["days"] == 45
    assert result["pages"] >= 1 and result["ms"] > 0
    assert isinstance(result["first_page_fits"], bool)


def test_the_command_line_benchmark_runs_the_real_commands(tiny: Path) -> None:
    from benchmarks.bench_cli import COMMANDS, measure_cli

    figures = measure_cli(tiny, run.END, repeat=1)
    assert list(figures) == [" ".join(c) for c in COMMANDS]
    assert all(ours > 0 and bare > 0 for kinds in figures.values() for ours, bare in kinds.values())
    assert all(set(kinds) == {"wall", "cpu"} for kinds in figures.values())


def test_the_summary_json_benchmark_takes_turns_on_the_real_summary(tiny: Path, monkeypatch) -> None:
    from datetime import datetime

    from benchmarks import bench_summary
    from benchmarks.bench_heavy import only_last_days
    from medjournal.domain.clock import FixedClock
    from medjournal.report.summary import summary

    built: list[int] = []
    build = summary.build_summary

    def noted(journal, first, last):
        built.append(journal.counts()["checkins"])
        return build(journal, first, last)

    monkeypatch.setattr(summary, "build_summary", noted)
    short = only_last_days(tiny, tiny.parent, run.END, 10, "short.db")
    clock = FixedClock(datetime.combine(run.END, datetime.min.time()).astimezone().replace(hour=22))
    result = bench_summary.json_turns({"all": tiny, "short": short}, clock, run.END, samples=3)
    assert set(result) == {"all", "short"} and all(ms > 0 for ms in result.values())
    whole, ten_days = rows(tiny, "checkins"), rows(short, "checkins")
    # one untimed build of each, then the two taking turns, the first one first in even turns
    assert built == [whole, ten_days, whole, ten_days, ten_days, whole, whole, ten_days]


def test_the_speed_table_shows_each_runs_verdict(tmp_path: Path) -> None:
    from benchmarks import table

    full = [
        run.Figure("start", 520.0, 430.0, "ms", 1.3, "ratio"),
        run.Figure("whole summary", 5206.6, None, "ms", 5000, "absolute", note="39 pages"),
        run.Figure("first start, stdlib compiled too", 1621.0, 687.1, "ms", 0, "shown"),
        run.Figure("save a dose, p50", 0.8, 0.3, "ms", 50, "absolute"),
        run.left_out("bundle vs installed wheel", "no bundle built"),
    ]
    quick = [
        run.Figure("start", 600.0, 430.0, "ms", 1.3, "ratio"),
        run.Figure("whole summary", 4100.0, None, "ms", 5000, "absolute"),
    ]
    (tmp_path / "full.json").write_text(run.figures_json(full))
    (tmp_path / "quick.json").write_text(run.figures_json(quick))
    printed = table.markdown(
        json.loads((tmp_path / "full.json").read_text()),
        json.loads((tmp_path / "quick.json").read_text()),
        "quick",
    ).splitlines()
    assert printed[0] == "| figure | medjournal | baseline | ratio | budget | | quick | |"
    assert printed[2] == "| start | 520.0 ms | 430.0 ms | 1.21× | ≤ 1.3× |  | 1.40× | FAIL |"
    assert printed[3] == "| whole summary (39 pages) | 5206.6 ms |  |  | ≤ 5000 ms | FAIL | 4100.0 ms |  |"
    assert (
        printed[4] == "| first start, stdlib compiled too | 1621.0 ms | 687.1 ms | (2.36×) | none |  |  |  |"
    )
    assert printed[5] == "| save a dose, p50 | 0.8 ms | 0.3 ms | (2.67×) | ≤ 50 ms |  |  |  |"
    assert printed[6] == "| bundle vs installed wheel (no bundle built) |  |  |  |  | left out |  |  |"


def test_a_cached_journal_changed_in_place_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDJOURNAL_BENCH_CACHE", str(tmp_path / "cache"))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, counts = run.cached_journal(tmp_path / "a", "small", days=20, end=run.END)
    [cached] = (tmp_path / "cache").glob("small-*.db")
    assert oct(cached.stat().st_mode & 0o777) == "0o400"  # read-only: a profile opened on it cannot write
    cached.chmod(0o600)
    conn = sqlite3.connect(cached)
    with conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('reminders.last_checked', 'x')")
    conn.close()
    again, counts_again = run.cached_journal(tmp_path / "b", "small", days=20, end=run.END)
    assert counts_again == counts and rows(again, "settings") == rows(first, "settings")
    dumps = [
        [line for line in sqlite3.connect(path).iterdump() if "_sqlite_migrations" not in line]
        for path in (first, again)
    ]
    assert dumps[0] == dumps[1]  # the generator's rows, without the one written in place
