"""The encrypted-vs-plain benchmark measures the real paths: checked on a tiny journal (no timings asserted)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from benchmarks import run
from benchmarks.bench_encrypted import bench_encrypted
from benchmarks.generate import generate
from medjournal.storage import cipher


@pytest.mark.gui
def test_the_encrypted_benchmark_compares_an_encrypted_copy_with_a_plain_one(tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.db"
    generate(tiny, days=30, end=run.END)
    copies: list[Path] = []

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copy(tiny, target)
        copies.append(target)
        return target

    figures = bench_encrypted(copy, runs=1, repeat=2)
    assert [f.name for f in figures] == [
        "encrypted: start to window (10 years)",
        "encrypted: start to window, CPU (10 years)",
        "encrypted: save a check-in, p50",
        "encrypted: save a check-in, CPU p50",
        "encrypted: 90-day summary PDF",
    ]
    assert all(f.value > 0 and f.baseline and f.baseline > 0 for f in figures)
    plain, locked = copies
    assert plain.read_bytes().startswith(b"SQLite format 3") and not locked.read_bytes().startswith(b"SQLite")
    assert cipher.key_for(locked) is None  # the benchmark forgets its key
    saved = sqlite3.connect(plain).execute("SELECT count(*) FROM checkins WHERE note LIKE 'benchmark %'")
    assert saved.fetchone()[0] == 2
