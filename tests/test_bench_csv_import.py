"""The CSV import benchmark measures the real import path: checked here on a few hundred rows (no timings)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks import run
from benchmarks.bench_csv_import import bench_csv_import


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def test_csv_benchmark_imports_the_same_entries_as_the_json_baseline(tmp_path: Path) -> None:
    # 301 records reach the last day, as the full run's do
    ours, baseline, rows = bench_csv_import(tmp_path, 301, 1, run.END)
    assert rows == 301 and ours > 0 and baseline > 0
    for table in ("checkins", "dose_logs"):
        csv_rows = count(tmp_path / "csv-0.db", f"SELECT count(*) FROM {table} WHERE source = 'csv'")
        assert csv_rows == count(tmp_path / "csv-json-0.db", f"SELECT count(*) FROM {table}")
    conn = sqlite3.connect(tmp_path / "csv-0.db")
    theirs = sqlite3.connect(tmp_path / "csv-json-0.db")
    try:
        query = "SELECT day, taken_at, status, amount FROM dose_logs ORDER BY taken_at"
        assert conn.execute(query).fetchall() == theirs.execute(query).fetchall()
        query = "SELECT day, time, pain, mood, sleep FROM checkins ORDER BY time"
        assert conn.execute(query).fetchall() == theirs.execute(query).fetchall()
    finally:
        conn.close()
        theirs.close()


def test_each_repetition_starts_with_the_import_caches_empty(tmp_path: Path) -> None:
    from benchmarks.bench_csv_import import forget_caches
    from medjournal.domain import csv_dates

    bench_csv_import(tmp_path, 60, 1, run.END)
    cached = [f for f in vars(csv_dates).values() if hasattr(f, "cache_info") and f.cache_info().currsize]
    assert cached  # the import filled some
    assert forget_caches() >= len(cached)
    assert all(f.cache_info().currsize == 0 for f in cached)
