"""An encrypted ten-year journal against the same journal in plain SQLite (docs/data-safety.md, *Encryption*).

Three figures, each a ratio to the plain journal measured in the same run (budget 1.3x): the start to an
interactive window (the passphrase typed in at once: its key derivation counts), saving a check-in, and the
90-day summary PDF.

    python benchmarks/run.py --only encrypted
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark passphrase"
PROBE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from medjournal.storage import cipher
secret = sys.stdin.readline().rstrip("\\n")
if secret:
    cipher.unlock(Path(sys.argv[1]), secret)
from benchmarks.startup_probe import app
sys.exit(app(sys.argv[1]))
"""


def _start(journal: Path, secret: str) -> float:
    """Milliseconds from spawning the window's process to its window being shown."""
    began = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-c", PROBE, str(journal), str(ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(secret + "\n")
        process.stdin.flush()
        line = process.stdout.readline()
        elapsed = (time.perf_counter() - began) * 1000
        process.wait(timeout=120)
        if not line.startswith("ready"):
            errors.seek(0)
            raise RuntimeError(f"the window did not start: {errors.read().decode('utf-8', 'replace')[-500:]}")
    return elapsed


def _save_times(journal_path: Path, clock: Any, repeat: int) -> list[float]:
    from medjournal.storage.journal import open_journal

    journal = open_journal(journal_path, clock)
    times = []
    try:
        for number in range(repeat):
            began = time.perf_counter()
            journal.add_checkin(pain=5, mood=6, sleep=5, note=f"benchmark {number}")
            times.append((time.perf_counter() - began) * 1000)
    finally:
        journal.close()
    return times


def _pdf_ms(journal: Any, folder: Path, end: Any, repeat: int) -> float:
    """Median milliseconds for the 90-day summary PDF as ``medjournal report -o`` writes it (a new file each time)."""
    from datetime import timedelta

    from medjournal.report.pdf import ensure_application, write_pdf
    from medjournal.report.summary import build_summary

    ensure_application()
    folder.mkdir()
    first = end - timedelta(days=89)
    write_pdf(build_summary(journal, first, end), folder / "warm-up.pdf", journal)  # fonts, Qt plugins
    times = []
    for number in range(repeat):
        began = time.perf_counter()
        write_pdf(build_summary(journal, first, end), folder / f"summary-{number}.pdf", journal)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def bench_encrypted(copy: Callable[[str], Path], runs: int, repeat: int) -> list[Any]:
    """``copy(name)``: a new copy of the ten-year journal in the benchmark's folder."""
    from benchmarks.run import END, Figure
    from medjournal.domain.clock import FixedClock
    from medjournal.storage import cipher, encryption
    from medjournal.storage.journal import open_journal

    plain = copy("plain.db")
    locked = copy("encrypted.db")
    encryption.convert(locked, PASSPHRASE)
    clock = FixedClock(datetime.combine(END, datetime.min.time()).astimezone().replace(hour=22))
    _start(plain, "")  # warm the file cache for both
    _start(locked, PASSPHRASE)
    plain_starts, locked_starts = [], []
    for _ in range(runs):
        plain_starts.append(_start(plain, ""))
        locked_starts.append(_start(locked, PASSPHRASE))
    plain_saves = _save_times(plain, clock, repeat)
    locked_saves = _save_times(locked, clock, repeat)
    pdf = {}
    for label, path in (("plain", plain), ("encrypted", locked)):
        journal = open_journal(path, clock)
        try:
            pdf[label] = _pdf_ms(journal, path.parent / f"{label}-pdf", END, max(3, repeat // 4))
        finally:
            journal.close()
    cipher.forget_all()
    return [
        Figure(
            "encrypted: start to window (10 years)",
            statistics.median(locked_starts),
            statistics.median(plain_starts),
            "ms",
            1.3,
            "ratio",
        ),
        Figure(
            "encrypted: save a check-in, p50",
            statistics.median(locked_saves),
            statistics.median(plain_saves),
            "ms",
            1.3,
            "ratio",
        ),
        Figure("encrypted: 90-day summary PDF", pdf["encrypted"], pdf["plain"], "ms", 1.3, "ratio"),
    ]
