"""The save that takes the automatic backup (docs/design.md section 5: every save within 50 ms).

Every 25th change makes an automatic backup due (storage/autobackup.py). The window takes it in a thread of its
own, so that save returns without waiting for the copy; the command line takes it inside the command. Here the
counter is set one short of the batch, one check-in is saved and timed (wall clock and the CPU time of the
saving thread), and the backup is then let finish outside the timing, so each sample is a save that starts a
backup on a journal where none is running. The command line's figure is shown beside it for comparison.
"""

from __future__ import annotations

import statistics
import time
from datetime import datetime
from pathlib import Path

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.storage.autobackup import BATCH_SIZE


def saves_that_back_up(
    journal_path: Path, moment: datetime, samples: int, background: bool = True
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of ``samples`` saves that each make the automatic backup due, in the
    window's way (``background``) or the command line's."""
    journal = open_journal(journal_path, FixedClock(moment), background_backups=background)
    auto = journal.auto_backup
    assert auto is not None
    auto.wait()  # the day's first backup, if the start took one, is not part of the figure
    wall: list[float] = []
    cpu: list[float] = []
    try:
        for number in range(samples):
            journal.changes_since_backup = BATCH_SIZE - 1
            before = auto.last_backup
            start, start_cpu = time.perf_counter(), time.thread_time()
            journal.add_checkin(pain=5, mood=6, sleep=5, note=f"benchmark backup {number}")
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            auto.wait()
            if auto.last_error is not None or auto.last_backup == before:
                raise RuntimeError(f"the automatic backup was not made: {auto.last_error}")
    finally:
        journal.close()
    return wall, cpu


def summary_note(wall: list[float], cpu: list[float]) -> str:
    return f"max {max(wall):.1f} ms, CPU p50 {statistics.median(cpu):.1f} ms, {len(wall)} saves"
