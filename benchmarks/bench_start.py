"""Our window's start and peak memory against the design's bare window (docs/design.md, section 5), in
benchmarks/run.py's ``start`` and ``heavy`` steps: the processes are benchmarks/startup_probe.py's.

    python benchmarks/run.py --only start
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from benchmarks.startup_probe import app_command, parse_line, probe_env, window_home
from medjournal.paths import backup_dir_for

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Start:
    """One measured start (benchmarks/startup_probe.py): milliseconds to the window shown (wall clock), its peak
    memory in KiB and the CPU milliseconds it had used by then; with the probe's ``all`` flag or a bare window's
    points, the peak memory once the chart held them all (``loaded``); with the probe's ``drawn`` flag, the
    milliseconds (wall clock from the spawn, and CPU) until the Trends chart was built and drawn
    (``drawn_wall``, ``drawn_cpu``; the key's and the longest turn's in ``said``); and what the probe said
    (``said``)."""

    wall: float
    rss: int
    cpu: float
    loaded: int | None = None
    said: dict[str, str] = field(default_factory=dict)
    drawn_wall: float | None = None
    drawn_cpu: float | None = None


def probe_now(end: date | None = None) -> str:
    """The clock (``MEDJOURNAL_NOW``) of every program the benchmarks start: the journal's last day (``end``,
    by default the generated journals' END) at 21:30, local time."""
    from benchmarks.run import END

    day = END if end is None else end
    return datetime.combine(day, datetime.min.time().replace(hour=21, minute=30)).astimezone().isoformat()


def start_window(
    journal: Path | None,
    *,
    section: str = "today",
    flags: str = "ready",
    points: int = 0,
    first_of_day: bool = False,
    env: dict[str, str] | None = None,
) -> Start:
    """Start one window and read the probe's lines: ours on ``journal`` as the ``medjournal`` command starts it,
    opening on ``section``, or with no journal the design's bare window (holding ``points`` after its ready line).

    ``first_of_day``: the journal's backup folder is removed first, so this start takes the day's automatic
    backup as a person's first start of a day does (the journal must sit in a folder of its own). The window
    begins it in a thread of its own once it is shown (docs/data-safety.md, *Backups in the background*): the
    figures count what the person waits for, and the CPU time the backup had used by the ready line, if any.
    A warm start writes and uses bytecode as an installed medjournal does (pip compiles it at install), also
    where ``PYTHONDONTWRITEBYTECODE`` is set around the benchmark: otherwise every start of a source checkout
    would compile medjournal's modules while the bare window's libraries are compiled. ``env`` may set it again
    (the first-start figure does)."""
    if journal is None:
        command = [sys.executable, str(ROOT / "benchmarks" / "startup_probe.py"), "bare", str(points)]
        child = {**os.environ, **(env or {})}
    else:
        if first_of_day:
            shutil.rmtree(backup_dir_for(journal), ignore_errors=True)
        command = app_command(journal)
        child = {**probe_env(flags, window_home(section), probe_now()), **(env or {})}
    if "PYTHONDONTWRITEBYTECODE" not in (env or {}):
        child.pop("PYTHONDONTWRITEBYTECODE", None)
    began = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, env=child)
        assert process.stdout is not None
        line = process.stdout.readline()
        elapsed = (time.perf_counter() - began) * 1000
        wants_drawn = journal is not None and "drawn" in flags.split(",")
        drawn = process.stdout.readline() if wants_drawn else ""
        drawn_wall = (time.perf_counter() - began) * 1000
        wants_loaded = bool(points) or "all" in flags.split(",")
        loaded = process.stdout.readline() if wants_loaded else ""
        process.wait(timeout=300)
        if (
            not line.startswith("ready")
            or (wants_loaded and not loaded.startswith("loaded"))
            or (wants_drawn and not drawn.startswith("drawn"))
        ):
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise RuntimeError(f"the window did not start ({command[-1]}, exit {process.returncode}): {tail}")
    rss, cpu, said = parse_line(line)
    start = Start(elapsed, rss, cpu, None, said)
    if drawn:
        _rss, start.drawn_cpu, timed = parse_line(drawn)
        start.drawn_wall = drawn_wall
        start.said.update(timed)
    if loaded:
        start.loaded, _cpu, held = parse_line(loaded)
        start.said.update(held)
    return start


def bench_start_and_memory(
    journal: Path, runs: int, label: str = "10 years", trends: bool = True
) -> list[Any]:
    """Our window's starts against the design's bare window (PySide6 + pyqtgraph: docs/design.md, section 5),
    taking turns, the first one first in even rounds and last in odd ones: wall clock, and the CPU time each
    had used when its window showed (the figure to compare on a loaded machine); and the peak memory.

    Ours starts three ways: a later start of the day on Today (the design's line), the day's first start on
    Today (it takes the day's automatic backup), and, with ``trends``, a start on Trends (the section the window
    remembers) that then shows "All" and has the whole history loaded and drawn. The bare window of each round
    then plots as many points as that chart held, and the two peak memories are compared."""
    from benchmarks.run import Figure

    own = journal.parent / f"{journal.stem}-start"
    own.mkdir()
    journal = journal.replace(own / journal.name)  # its backups folder is its own, removed for a first start
    points = start_window(journal, section="trends", flags="all").said["points"] if trends else "0"
    kinds: dict[str, Callable[[], Start]] = {
        "bare": lambda: start_window(None, points=int(points)),
        "later": lambda: start_window(journal),
        "first": lambda: start_window(journal, first_of_day=True),
    }
    if trends:
        kinds["trends"] = lambda: start_window(journal, section="trends", flags="drawn,all")
    if (
        not trends
    ):  # warm the file and bytecode caches for all (the start on Trends above did: it loads them all)
        kinds["bare"](), kinds["later"]()
    starts: dict[str, list[Start]] = {kind: [] for kind in kinds}
    for number in range(runs):
        for kind in list(kinds) if number % 2 == 0 else list(kinds)[::-1]:
            starts[kind].append(kinds[kind]())

    def median(kind: str, what: Callable[[Start], float | None]) -> float:
        return statistics.median(float(what(one) or 0) for one in starts[kind])

    def against_bare(
        name: str,
        kind: str,
        what: Callable[[Start], float | None],
        note: str = "",
        bare: Callable[[Start], float | None] | None = None,
    ) -> Any:
        """``kind``'s median of ``what`` against the bare window's (of ``bare``, when the bare window's figure
        is read from another field: its chart is drawn when it shows)."""
        if name.startswith("peak memory"):  # KiB -> MiB, within 1.5 times the bare window's
            return Figure(
                name, median(kind, what) / 1024, median("bare", what) / 1024, "MiB", 1.5, "ratio", note=note
            )
        return Figure(name, median(kind, what), median("bare", bare or what), "ms", 1.3, "ratio", note=note)

    def pair(name: str, kind: str, note: str = "") -> list[Any]:
        return [
            against_bare(name, kind, lambda s: s.wall, note),
            against_bare(f"{name}, CPU time", kind, lambda s: s.cpu, note),
        ]

    figures = [
        *pair(f"start to interactive window ({label})", "later", "a later start of the day, on Today"),
        against_bare(
            f"peak memory of the window ({label})", "later", lambda s: s.rss, "when shown, on Today"
        ),
        *pair(
            f"start to interactive window ({label}), first start of the day",
            "first",
            "its backup begun once the window is shown",
        ),
    ]
    if trends:
        no_budget = "docs/design.md section 5 sets no budget for it"
        figures += [
            *pair(
                f"start to interactive window ({label}) on Trends",
                "trends",
                "the frame, its chart drawn after",
            ),
            against_bare(
                f"start on Trends until its chart is drawn ({label})",
                "trends",
                lambda s: s.drawn_wall,
                "the start on Trends's figure until December 2026",
                lambda s: s.wall,
            ),
            against_bare(
                f"start on Trends until its chart is drawn ({label}), CPU time",
                "trends",
                lambda s: s.drawn_cpu,
                bare=lambda s: s.cpu,
            ),
            Figure(
                f"start on Trends: longest event-loop turn until drawn ({label})",
                median("trends", lambda s: float(s.said["turn"])),
                None,
                "ms",
                0,
                "shown",
                note=f"from the ready line, the chart's first paint included; {no_budget}",
            ),
            Figure(
                f"start on Trends: a key sent at ready answered after ({label})",
                median("trends", lambda s: float(s.said["key"])),
                None,
                "ms",
                0,
                "shown",
                note=f"Tab to the focused widget; {no_budget}",
            ),
            against_bare(
                f"peak memory of the window, Trends 'All' loaded ({label})",
                "trends",
                lambda s: s.loaded,
                f"{int(points):,} points",
            ),
        ]
    else:  # said, not silently missing: the lines a run of the same journal with ``trends`` has
        from benchmarks.run import left_out

        why = "--quick: measured on the heavy journal; the full run measures it here too"
        figures += [
            left_out(f"start to interactive window ({label}) on Trends", why),
            left_out(f"start to interactive window ({label}) on Trends, CPU time", why),
            left_out(f"start on Trends until its chart is drawn ({label})", why),
            left_out(f"start on Trends until its chart is drawn ({label}), CPU time", why),
            left_out(f"start on Trends: longest event-loop turn until drawn ({label})", why),
            left_out(f"start on Trends: a key sent at ready answered after ({label})", why),
            left_out(f"peak memory of the window, Trends 'All' loaded ({label})", why),
        ]
    return figures
