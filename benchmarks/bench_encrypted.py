"""An encrypted ten-year journal against the same journal in plain SQLite (docs/data-safety.md, *Encryption*).

Five figures, each a ratio to the plain journal measured in the same run (budget 1.3x): the start to an
interactive window (the passphrase entered in the unlock dialog as soon as it is shown: the dialog and the key
derivation count; the window's modules load while the key is derived), in wall-clock time and in the CPU time
of the started process (user and system, which a machine shared with other work changes far less), saving a
check-in (wall clock, and the CPU time of the saving thread, which leaves out the wait for the disk), and the
90-day summary PDF. The two journals take turns, save by save and start by start, so that both meet the same
load.

The saves are many (``SAVES`` of each journal, in the full run and in ``--quick`` alike): a save is a fraction of
a millisecond, and the median of a few dozen moved by a fifth from one stretch of saves to the next (windows of
20 saves of one run of 1,200: 0.99x to 1.45x in CPU time; of 60: 1.11x to 1.31x; of 200: 1.17x to 1.27x, load
average 4, 7 December 2026). 400 of each took 5.2 s at that load (a save about 4 ms by the clock then, 0.7 ms
at a load average of 1); 200 are taken, to keep ``--quick`` under its 3 minutes.

    python benchmarks/run.py --only encrypted
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

PASSPHRASE = "benchmark passphrase"
SAVES = 200  # of each journal (the module's doc says why so many)


def _children_cpu_ms() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (used.ru_utime + used.ru_stime) * 1000


def _start(journal: Path, secret: str) -> tuple[float, float]:
    """Milliseconds from spawning the window's process to its window being shown, and the CPU milliseconds
    the process used (to its end: the window closes as soon as it is shown)."""
    from benchmarks.bench_start import probe_now
    from benchmarks.startup_probe import app_command, probe_env, window_home

    # The window started as ``medjournal --db JOURNAL`` starts it, on Today at its first size, the clock at the
    # journal's end at 21:30, the passphrase typed into the unlock dialog as soon as it shows (startup_probe.py).
    env = probe_env("unlock", window_home(), probe_now())
    cpu = _children_cpu_ms()
    began = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            app_command(journal),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
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
    return elapsed, _children_cpu_ms() - cpu


def _save_times(paths: list[Path], clock: Any, repeat: int) -> list[tuple[list[float], list[float]]]:
    """(wall-clock, CPU) milliseconds of each save of a check-in, for each journal of ``paths``.

    The check-in is saved as Today's Save button saves it (``ui/today/today_save.py``: the form's values as a
    plan, written as one batch), which is what a person waits for. The journals are open side by side and take
    turns, the first one first in even rounds and last in odd ones: on a shared machine the time of a synced
    write (``fsync``, most of a save) changes from one second to the next, and journals measured one after the
    other would each get a different share of it.
    """
    from medjournal.storage.journal import open_journal
    from medjournal.ui.today.today_save import plan_save, write_plan

    journals = [open_journal(path, clock) for path in paths]
    day = clock.now().date()
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in paths]
    try:
        for number in range(repeat):
            order = list(range(len(journals)))
            for index in order if number % 2 == 0 else order[::-1]:
                values = {"pain": 5, "mood": 6, "sleep": 5, "note": f"benchmark {number}"}
                began, cpu = time.perf_counter(), time.thread_time()
                write_plan(journals[index], plan_save(day, values, None, {}, {}, {}), None)
                times[index][1].append((time.thread_time() - cpu) * 1000)
                times[index][0].append((time.perf_counter() - began) * 1000)
    finally:
        for journal in journals:
            journal.close()
    return times


def _pdf_ms(journals: dict[str, Any], folder: Path, end: Any, repeat: int) -> dict[str, float]:
    """Median milliseconds for the 90-day summary PDF as ``medjournal report -o`` writes it (a new file each
    time), for each journal, the journals taking turns."""
    from datetime import timedelta

    from medjournal.report.pdf.pdf import ensure_application, write_pdf
    from medjournal.report.summary.summary import build_summary

    ensure_application()
    folder.mkdir()
    first = end - timedelta(days=89)
    times: dict[str, list[float]] = {label: [] for label in journals}
    for label, journal in journals.items():  # fonts, Qt plugins, the file cache
        write_pdf(build_summary(journal, first, end), folder / f"warm-up-{label}.pdf", journal)
    for number in range(repeat):
        labels = list(journals) if number % 2 == 0 else list(journals)[::-1]
        for label in labels:
            began = time.perf_counter()
            write_pdf(
                build_summary(journals[label], first, end), folder / f"{label}-{number}.pdf", journals[label]
            )
            times[label].append((time.perf_counter() - began) * 1000)
    return {label: statistics.median(values) for label, values in times.items()}


def bench_encrypted(
    copy: Callable[[str], Path], runs: int, repeat: int, saves: int | None = None
) -> list[Any]:
    """``copy(name)``: a new copy of the ten-year journal in the benchmark's folder; ``runs`` starts of each
    journal, ``saves`` saves of each (``repeat`` when not given), the PDF ``max(3, repeat // 4)`` times each."""
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
    plain_starts: list[tuple[float, float]] = []
    locked_starts: list[tuple[float, float]] = []
    for number in range(runs):  # taking turns, the first one first in even rounds
        order = [(plain_starts, plain, ""), (locked_starts, locked, PASSPHRASE)]
        for starts, journal, secret in order if number % 2 == 0 else order[::-1]:
            starts.append(_start(journal, secret))
    (plain_saves, plain_cpu), (locked_saves, locked_cpu) = _save_times(
        [plain, locked], clock, repeat if saves is None else saves
    )
    journals = {"plain": open_journal(plain, clock), "encrypted": open_journal(locked, clock)}
    try:
        pdf = _pdf_ms(journals, plain.parent / "pdf", END, max(3, repeat // 4))
    finally:
        for journal in journals.values():
            journal.close()
    cipher.forget_all()
    return [
        Figure(
            "encrypted: start to window (10 years)",
            statistics.median(wall for wall, _cpu in locked_starts),
            statistics.median(wall for wall, _cpu in plain_starts),
            "ms",
            1.3,
            "ratio",
        ),
        Figure(
            "encrypted: start to window, CPU (10 years)",
            statistics.median(cpu for _wall, cpu in locked_starts),
            statistics.median(cpu for _wall, cpu in plain_starts),
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
        Figure(
            "encrypted: save a check-in, CPU p50",
            statistics.median(locked_cpu),
            statistics.median(plain_cpu),
            "ms",
            1.3,
            "ratio",
        ),
        Figure("encrypted: 90-day summary PDF", pdf["encrypted"], pdf["plain"], "ms", 1.3, "ratio"),
    ]
