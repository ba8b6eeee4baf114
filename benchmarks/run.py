"""Measure medjournal against the performance budgets of docs/design.md §5, each as a ratio to a baseline in this run.

    python benchmarks/run.py            # full run on a generated ten-year journal and a heavy 20-year one
    python benchmarks/run.py --quick    # fewer samples, the slowest lines left out (under 3 minutes)
    python benchmarks/run.py --only cli,heavy

The generated journals are kept in a cache folder between runs (``MEDJOURNAL_BENCH_CACHE``, default
``~/.cache/medjournal-bench``), named by a hash of the generator and the schema, so a changed generator or schema
makes them afresh (about 4 s for both), and so is the installed wheel the command-line lines run
(benchmarks/bench_bundle.py ``installed_wheel``: about 20 to 30 s to make after a change to the code).

``--quick`` measures every line of the full run but those below, with fewer samples (the counts are in ``main``): 3
rounds of window starts instead of 7, 5 of the command line's instead of 11, 20 saves of each kind instead of 60, 5
repetitions instead of 15 of the summaries' loops and of the Trends samples; in each of the 90-day PDF's rounds the
PDF alone (the layout's and the JSON's samples there, which no line reads, are not taken); one sample of Trends'
``refresh()`` until whole on ten years instead of three; one export and two imports of the heavy journal instead of
three each; 20,000 records imported instead of 100,000 (a line of its own name). It leaves out, each with a line
saying so: the summary of the whole 20-year history (about a minute on its own), Trends' ``refresh()`` until whole
on the heavy journal (three lines without a budget, about 7 s a sample), and the ten-year journal's start on Trends
and its memory with "All" loaded (the heavy journal's, the larger, are measured); and, without a line (they have no
budget), the first start with the standard library compiled too. Each step prints its time and the CPU time it
used, the heavy step each of its parts' too, and what the cache lacked and had to be made its own.

Prints one line per figure: name, value, baseline, ratio, budget, PASS/FAIL. Timings are medians of several runs;
the machine may be shared and noisy, which is why every figure is compared with a baseline measured alongside it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_bundle import bundle_figures  # noqa: E402
from benchmarks.bench_cli import cli_figures  # noqa: E402
from benchmarks.bench_heavy import (  # noqa: E402
    first_start_figures,
    heavy_figures,
    only_last_days,
)
from benchmarks.bench_start import bench_start_and_memory, start_window  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from medjournal.domain.clock import FixedClock  # noqa: E402
from medjournal.storage.journal import open_journal  # noqa: E402

END = date(2026, 3, 15)  # the same fixed end as benchmarks/bench_trends.py, so runs compare


@dataclass
class Figure:
    name: str
    value: float
    baseline: float | None
    unit: str
    budget: float
    # "ratio" (value / baseline <= budget), "absolute" (value <= budget), "shown" (no budget: a figure kept
    # beside another for comparison, such as the first start with the standard library compiled too) or
    # "left out" (a budgeted line this run could not measure; ``note`` says why: see ``left_out``)
    budget_kind: str
    condition: bool = True  # a second requirement of the same line (the summary's page 1 fitting one page)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    @property
    def passed(self) -> bool:
        if not self.condition:
            return False
        if self.budget_kind in ("shown", "left out"):  # no budget, or nothing measured: counted apart
            return True
        if self.budget_kind == "ratio":
            return self.ratio is not None and self.ratio <= self.budget
        return self.value <= self.budget

    def line(self) -> str:
        if self.budget_kind == "left out":
            return f"{self.name:<62} left out: {self.note}"
        baseline = f"{self.baseline:.1f} {self.unit}" if self.baseline is not None else "-"
        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else "-"
        budget = f"<= {self.budget:g}x" if self.budget_kind == "ratio" else f"<= {self.budget:g} {self.unit}"
        verdict = "PASS" if self.passed else "FAIL"
        if self.budget_kind == "shown":
            budget, verdict = "none", "shown"
        return (
            f"{self.name:<62} {self.value:>9.1f} {self.unit:<3} baseline {baseline:>12}  ratio {ratio:>6}  "
            f"budget {budget:<10} {verdict}" + (f"  ({self.note})" if self.note else "")
        )


def left_out(name: str, why: str) -> Figure:
    """A line this run did not measure (a ``--quick`` run, no bundle built): counted apart at the end of the run
    and in the README's table, never silently missing."""
    return Figure(name, 0.0, None, "", 0, "left out", note=why)


def copy_journal(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    conn = sqlite3.connect(source)
    out = sqlite3.connect(target)
    conn.backup(out)
    out.close()
    conn.close()
    os.chmod(target, 0o600)
    return target


def cache_folder() -> Path:
    configured = os.environ.get("MEDJOURNAL_BENCH_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "medjournal-bench"


def cached_journal(folder: Path, name: str, **how: Any) -> tuple[Path, dict[str, int]]:
    """A generated journal (benchmarks/generate.py with ``how``) copied into ``folder`` from the cache, generated
    into the cache first when it is not there; and its row counts."""
    from medjournal.storage import schema

    recipe = json.dumps({k: str(v) for k, v in sorted(how.items())}, sort_keys=True)
    source = (ROOT / "benchmarks" / "generate.py").read_bytes()
    key = hashlib.sha256(source + recipe.encode() + str(schema.SCHEMA_VERSION).encode()).hexdigest()[:16]
    cache = cache_folder()
    cache.mkdir(parents=True, exist_ok=True)
    cached = cache / f"{name}-{key}.db"
    counts_file = cached.with_suffix(".json")
    digest_file = cached.with_suffix(".sha256")
    if not _cache_intact(cached, counts_file, digest_file):
        for old in (cached, counts_file, digest_file, Path(f"{cached}-wal"), Path(f"{cached}-shm")):
            if old.exists():
                old.chmod(0o600)
                old.unlink()
        partial = cache / f"{name}-{key}.partial-{os.getpid()}.db"
        partial.unlink(missing_ok=True)
        began = time.perf_counter()
        counts = generate(partial, **how)
        print(f"  (generated {name}: {time.perf_counter() - began:.0f} s; not in the cache)", flush=True)
        counts_file.write_text(json.dumps(counts), encoding="utf-8")
        digest_file.write_text(_file_digest(partial), encoding="ascii")
        partial.replace(cached)
        for made in (cached, counts_file, digest_file):
            made.chmod(
                0o400
            )  # read-only: a benchmark, a profile or a window opened on it by mistake cannot write
    target = folder / f"{name}.db"
    shutil.copyfile(cached, target)  # the bytes generated, as they are (the cache holds no -wal)
    target.chmod(0o600)
    return target, json.loads(counts_file.read_text(encoding="utf-8"))


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cache_intact(cached: Path, counts_file: Path, digest_file: Path) -> bool:
    """Whether the cached journal is the generator's output as it was written: its bytes' SHA-256 as recorded
    when it was made, and no -wal beside it. A journal changed in place (opened by a window or a command, say)
    is made afresh rather than measured as if it were the generated one."""
    if not (cached.exists() and counts_file.exists() and digest_file.exists()):
        return False
    if Path(f"{cached}-wal").exists():
        return False
    return _file_digest(cached) == digest_file.read_text(encoding="ascii").strip()


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


# -- start-up and memory ------------------------------------------------------------------------------------------


def _probe(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """``["bare"]`` or ``["app", JOURNAL]`` started once on Today (benchmarks/bench_start.start_window): the
    milliseconds to its window (wall clock), its peak memory in KiB and the CPU milliseconds it had used by then."""
    started = start_window(Path(args[1]) if args[0] == "app" else None, env=env)
    return started.wall, started.rss, started.cpu


# -- saving entries -----------------------------------------------------------------------------------------------


def bench_saving(
    journal_path: Path, folder: Path, repeat: int, heavy_path: Path | None = None
) -> list[Figure]:
    """Saves as the window makes them: the automatic backup of every 25th change in the background
    (benchmarks/bench_saving.py for the save that takes it)."""
    from benchmarks.bench_saving import saves_that_back_up, summary_note

    moment = datetime.combine(END, datetime.min.time()).astimezone().replace(hour=22)
    clock = FixedClock(moment)
    journal = open_journal(journal_path, clock, background_backups=True)
    counter = iter(range(10_000))

    def save_checkin() -> None:
        journal.add_checkin(pain=5, mood=6, sleep=5, note=f"benchmark {next(counter)}")

    def save_dose() -> None:
        journal.record_dose("Ibuprofen", "taken")

    checkin_times = timed(save_checkin, repeat)
    dose_times = timed(save_dose, repeat)
    journal.close()

    raw_path = copy_journal(journal_path, folder, "raw.db")
    raw = sqlite3.connect(raw_path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")

    def raw_insert() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO checkins (day, time, pain, mood, sleep, locations, note, recorded_at) "
            "VALUES ('2026-11-27', '2026-11-27T22:00:00+00:00', 5, 6, 5, '[]', 'raw', '2026-11-27')"
        )
        raw.execute("COMMIT")

    raw_times = timed(raw_insert, repeat)
    raw.close()
    raw_p95 = percentile(raw_times, 0.95)
    raw_p50 = statistics.median(raw_times)
    figures = [
        Figure(
            "save a check-in, p50 (10 years)", statistics.median(checkin_times), raw_p50, "ms", 50, "absolute"
        ),
        Figure(
            "save a check-in, p95 (10 years)", percentile(checkin_times, 0.95), raw_p95, "ms", 50, "absolute"
        ),
        Figure(
            "save a check-in, p99 (10 years)",
            percentile(checkin_times, 0.99),
            percentile(raw_times, 0.99),
            "ms",
            50,
            "absolute",
        ),
        Figure("save a check-in, max (10 years)", max(checkin_times), max(raw_times), "ms", 50, "absolute"),
        Figure("save a dose, p50 (10 years)", statistics.median(dose_times), raw_p50, "ms", 50, "absolute"),
        Figure("save a dose, p95 (10 years)", percentile(dose_times, 0.95), raw_p95, "ms", 50, "absolute"),
        Figure("save a dose, max (10 years)", max(dose_times), max(raw_times), "ms", 50, "absolute"),
    ]
    samples = max(5, repeat // 6)
    journals = [("10 years", journal_path)] + ([(HEAVY, heavy_path)] if heavy_path is not None else [])
    for label, path in journals:
        wall, cpu = saves_that_back_up(path, moment, samples)
        figures.append(
            Figure(
                f"save that takes the automatic backup ({label})",
                statistics.median(wall),
                raw_p50,
                "ms",
                50,
                "absolute",
                note=summary_note(wall, cpu),
            )
        )
    if heavy_path is not None:  # what the command line's save pays: the backup inside the command
        wall, cpu = saves_that_back_up(heavy_path, moment, max(3, samples // 2), background=False)
        figures.append(
            Figure(
                f"the same save on the command line ({HEAVY})",
                statistics.median(wall),
                raw_p50,
                "ms",
                50,
                "shown",
                note=summary_note(wall, cpu),
            )
        )
    return figures


# -- summary ------------------------------------------------------------------------------------------------------


def bench_summary(
    ten_years: Path, ninety_days: Path, repeat: int, label: str = "10 years", quick: bool = False
) -> list[Figure]:
    """The 90-day summary's JSON and PDF from ``ten_years`` against the same from ``ninety_days``. With
    ``quick``, each round times the PDF alone (bench_summary.time_summary's ``pdf_only``): the JSON's line is
    measured apart (``json_turns``), and the layout's samples, which no line reads, are left out."""
    from benchmarks.bench_summary import json_turns, time_summary

    clock = FixedClock(datetime.combine(END, datetime.min.time()).astimezone().replace(hour=22))
    # The JSON (about 20 ms) taking turns sample by sample. Measured in the PDF's rounds, five samples of one
    # journal in a row, one full run had the heavy journal's 90 days at 1.67 times its baseline, where the two
    # measured side by side are within a few per cent of each other (the same rows, the same queries).
    json_ms = json_turns({"ten": ten_years, "short": ninety_days}, clock, END, 90, samples=max(9, repeat + 6))
    # The PDF taking turns, three rounds, so a busy spell of a shared machine falls on both alike; medians of the
    # rounds.
    rounds: dict[str, list[dict[str, float]]] = {"ten": [], "short": []}
    for _round in range(3):
        for which, path in (("ten", ten_years), ("short", ninety_days)):
            journal = open_journal(path, clock)
            try:
                rounds[which].append(
                    time_summary(journal, END, days=90, repeat=max(2, repeat // 3), pdf_only=quick)
                )
            finally:
                journal.close()
    ten, short = ({key: statistics.median(r[key] for r in rounds[w]) for key in rounds[w][0]} for w in rounds)
    return [
        Figure(f"90-day summary JSON from {label}", json_ms["ten"], json_ms["short"], "ms", 1.5, "ratio"),
        Figure(f"90-day summary PDF from {label}", ten["pdf"], short["pdf"], "ms", 1.5, "ratio"),
        Figure(f"90-day summary PDF from {label}, absolute", ten["pdf"], None, "ms", 1000, "absolute"),
    ]


# -- import -------------------------------------------------------------------------------------------------------


def make_export(records: int) -> dict[str, object]:
    """An export with ``records`` check-ins and dose logs, as medjournal would write them."""
    first = END - timedelta(days=records // 3)
    stamp = "2026-01-01T08:00:00+00:00"
    checkins, doses = [], []
    for number in range(records):
        day = (first + timedelta(days=number // 3)).isoformat()
        if number % 2:
            checkins.append(
                {
                    "id": number,
                    "day": day,
                    "time": f"{day}T21:00:00+00:00",
                    "pain": number % 11,
                    "mood": 5,
                    "sleep": 6,
                    "sleep_hours": 7.0,
                    "locations": "[]",
                    "note": "",
                    "self_harm_thoughts": None,
                    "recorded_at": stamp,
                }
            )
        else:
            doses.append(
                {
                    "id": number,
                    "medication_id": 1,
                    "day": day,
                    "slot": None,
                    "taken_at": f"{day}T08:00:00+00:00",
                    "status": "taken",
                    "amount": 30.0,
                    "note": "",
                    "recorded_at": stamp,
                }
            )
    medication = {
        "id": 1,
        "name": "Duloxetine",
        "purpose": "",
        "form": "",
        "unit": "mg",
        "notes": "",
        "archived": 0,
        "stock_units": None,
        "unit_size": None,
        "refill_warning_days": None,
        "recorded_at": stamp,
    }
    return {
        "format": "medjournal-export/1",
        "schema_version": 2,
        "app_version": "bench",
        "exported_at": stamp,
        "tables": {"medications": [medication], "checkins": checkins, "dose_logs": doses},
    }


def bench_import(folder: Path, records: int, repeat: int) -> list[Figure]:
    from benchmarks.bench_heavy import row_values
    from medjournal.storage.exchange import import_json

    data = make_export(records)
    path = folder / "import.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    # the end of the last day, as every benchmark's clock: the export's doses of that day have been taken by then
    clock = FixedClock(datetime.combine(END, datetime.min.time()).astimezone().replace(hour=22))
    ours, raw_times, ours_cpu, raw_cpu = [], [], [], []
    tables = data["tables"]
    assert isinstance(tables, dict)
    for attempt in range(repeat):
        journal = open_journal(folder / f"import-{attempt}.db", clock)
        start, start_cpu = time.perf_counter(), time.process_time()
        import_json(journal, path)
        ours.append((time.perf_counter() - start) * 1000)
        ours_cpu.append((time.process_time() - start_cpu) * 1000)
        journal.close()
        # The baseline: the same rows into a fresh, empty journal of the same schema and settings.
        empty = open_journal(folder / f"raw-{attempt}.db", clock)
        rows = {t: row_values(empty, t, tables[t]) for t in tables}  # its columns read once per table
        empty.close()
        raw = sqlite3.connect(folder / f"raw-{attempt}.db")
        raw.execute("PRAGMA synchronous = FULL")
        raw.execute("PRAGMA foreign_keys = ON")
        start, start_cpu = time.perf_counter(), time.process_time()
        for table in ("medications", "checkins", "dose_logs"):
            width = len(rows[table][0])
            raw.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", rows[table])
        raw.commit()
        raw_times.append((time.perf_counter() - start) * 1000)
        raw_cpu.append((time.process_time() - start_cpu) * 1000)
        raw.close()
    return [
        Figure(
            f"import {records:,} records",
            statistics.median(ours),
            statistics.median(raw_times),
            "ms",
            3.0,
            "ratio",
        ),
        Figure(
            f"import {records:,} records, CPU time",
            statistics.median(ours_cpu),
            statistics.median(raw_cpu),
            "ms",
            3.0,
            "ratio",
        ),
    ]


def bench_csv(folder: Path, records: int, repeat: int) -> list[Figure]:
    from benchmarks.bench_csv_import import bench_csv_import

    ours, baseline, rows = bench_csv_import(folder, records, repeat, END)
    return [Figure(f"import-csv {rows:,} rows (vs JSON import)", ours, baseline, "ms", 3.0, "ratio")]


# -- trends -------------------------------------------------------------------------------------------------------


def bench_trends_view(
    journal: Path, repeat: int, label: str = "10 years", whole_samples: int | None = None
) -> list[Figure]:
    """Each sample on the fully loaded chart, wall and CPU time of the same samples (bench_trends.py).
    ``whole_samples``: the samples of ``refresh()`` until whole, lines shown without a budget (by default
    bench_trends.py's three); ``--quick`` takes one on ten years and none on the heavy journal, where a sample
    costs about 7 s, and its three lines then say they were left out."""
    from benchmarks.bench_trends import measure_trends

    result = measure_trends(repeats=repeat, journal_path=journal, whole_samples=whole_samples)
    bare = result["bare_plotwidget_ms"]
    figures = [
        Figure(f"trends view redraw, {label} (all)", result["redraw_all_ms"], bare, "ms", 100, "absolute"),
        # The save's refresh: a check-in saved, then refresh_days(END, END) as the window calls it, and the paint.
        Figure(
            f"trends view refresh after an entry, {label}", result["refresh_ms"], bare, "ms", 100, "absolute"
        ),
        # CPU time of the same samples (a busy shared machine inflates wall clock several times over).
        Figure(
            f"trends view redraw, {label} (all), CPU time",
            result["redraw_all_cpu_ms"],
            None,
            "ms",
            100,
            "absolute",
        ),
        Figure(
            f"trends view refresh after an entry, {label}, CPU time",
            result["refresh_cpu_ms"],
            None,
            "ms",
            100,
            "absolute",
        ),
    ]
    # refresh() (menu Refresh, after an import) until every chunk is read again: no budget in design.md §5.
    whole = [
        (f"trends view refresh() until whole, {label}", "refresh_until_whole_ms"),
        (f"trends view refresh() until whole, {label}, CPU time", "refresh_until_whole_cpu_ms"),
        (f"trends view longest event-loop turn in that, {label}", "longest_event_loop_turn_in_refresh_ms"),
    ]
    if whole_samples == 0:
        why = "--quick: seconds a sample here, no budget; the full run measures it"
        return [*figures, *(left_out(name, why) for name, _key in whole)]
    return [*figures, *(Figure(name, result[key], None, "ms", 0, "shown") for name, key in whole)]


STEPS = "start,save,summary,import,csv,trends,cli,heavy,first,bundle,encrypted"
HEAVY = "20 years x 8"  # the heavy journal's label: 20 years, 8 check-ins a day (benchmarks/generate.py)


def encrypted_figures(ten: Path, folder: Path, quick: bool, repeat: int) -> list[Figure]:
    from benchmarks.bench_encrypted import SAVES, bench_encrypted

    return bench_encrypted(lambda name: copy_journal(ten, folder, name), 3 if quick else 7, repeat * 4, SAVES)


def figures_json(figures: list[Figure]) -> str:
    """The figures as ``--json`` writes them (benchmarks/table.py makes the README's table from them)."""
    return json.dumps([{**f.__dict__, "ratio": f.ratio, "passed": f.passed} for f in figures], indent=1)


def in_parts(step: str, parts: list[tuple[str, Callable[[], list[Figure]]]]) -> Iterator[Figure]:
    """The figures of a step made of ``parts``, part after part, each part's time printed after its figures
    (as ``main`` prints each step's), so that a slow part shows where a step's time goes."""
    for part, make in parts:
        began, began_cpu = time.perf_counter(), _cpu_seconds()
        yield from make()
        took, cpu = time.perf_counter() - began, _cpu_seconds() - began_cpu
        print(f"    ({step}, {part}: {took:.0f} s; CPU {cpu:.0f} s)", flush=True)


def _cpu_seconds() -> float:
    """CPU time (user + system) used so far by this process and the child processes it has waited for: on a busy
    shared machine the clock mostly measures waiting for a core, this does not."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="medjournal benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--only", help=f"comma-separated: {STEPS}")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    wanted = set((args.only or STEPS).split(","))
    run_began = time.perf_counter()
    repeat = 5 if args.quick else 15
    records = 20_000 if args.quick else 100_000
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="medjournal-bench-") as tmp:
        folder = Path(tmp)
        ten, counts = cached_journal(folder, "ten-years", years=args.years, end=END)
        print(
            f"journal: {args.years:g} years, {sum(counts.values()):,} rows; python {sys.version.split()[0]}"
        )
        heavy = folder / "heavy.db"
        if wanted & {"cli", "heavy", "bundle", "save"}:
            heavy, heavy_counts = cached_journal(folder, "heavy", years=20, end=END, heavy=True)
            print(f"heavy journal: 20 years, 8 check-ins a day, {sum(heavy_counts.values()):,} rows")
        runs = 3 if args.quick else 7
        ten_label = f"{args.years:g} years"  # "10 years" unless --years says otherwise
        steps: list[tuple[str, Callable[[], Iterable[Figure]]]] = [
            (
                "start",  # the start on Trends with the whole history loaded: the heavy journal's, and here when full
                lambda: bench_start_and_memory(
                    copy_journal(ten, folder, "start.db"), runs, ten_label, trends=not args.quick
                ),
            ),
            (
                "save",
                lambda: bench_saving(
                    copy_journal(ten, folder, "save.db"),
                    folder,
                    20 if args.quick else 60,
                    copy_journal(heavy, folder, "hsave.db"),
                ),
            ),
            (
                "summary",
                # The baseline: the same journal's last 90 days alone (bench_heavy.only_last_days), the same
                # rows in the period and none before it.
                lambda: bench_summary(
                    copy_journal(ten, folder, "s10.db"),
                    only_last_days(ten, folder, END, 90, "s90.db"),
                    repeat,
                    ten_label,
                    args.quick,
                ),
            ),
            ("import", lambda: bench_import(folder, records, 2 if args.quick else 3)),
            ("csv", lambda: bench_csv(folder, 20_000, 2 if args.quick else 3)),
            (
                "trends",
                lambda: bench_trends_view(
                    copy_journal(ten, folder, "trends.db"), repeat, ten_label, 1 if args.quick else None
                ),
            ),
            ("cli", lambda: cli_figures(heavy, END, 5 if args.quick else 11, HEAVY)),
            (
                "heavy",
                lambda: in_parts(
                    "heavy",
                    [
                        (
                            "start and memory",
                            lambda: bench_start_and_memory(
                                copy_journal(heavy, folder, "hstart.db"), runs, HEAVY
                            ),
                        ),
                        (
                            "trends",
                            lambda: bench_trends_view(
                                copy_journal(heavy, folder, "htrends.db"),
                                repeat,
                                HEAVY,
                                0 if args.quick else None,
                            ),
                        ),
                        (
                            "90-day summary",
                            # The baseline: the heavy journal's own last 90 days alone (bench_heavy.only_last_days).
                            lambda: bench_summary(
                                heavy,
                                only_last_days(heavy, folder, END, 90, "h90.db"),
                                3 if args.quick else repeat,
                                HEAVY,
                                args.quick,
                            ),
                        ),
                        (
                            "whole history, export and import",
                            lambda: heavy_figures(heavy, folder, END, args.quick),
                        ),
                    ],
                ),
            ),
            ("first", lambda: first_start_figures(copy_journal(ten, folder, "first.db"), runs, args.quick)),
            # Only where a bundle has been built (packaging/build_bundle.sh); says "skipped" otherwise.
            ("bundle", lambda: bundle_figures(heavy, END, 5 if args.quick else 9, HEAVY)),
            ("encrypted", lambda: encrypted_figures(ten, folder, args.quick, repeat)),
        ]
        for name, step in steps:
            if name not in wanted:
                continue
            began, began_cpu = time.perf_counter(), _cpu_seconds()
            for figure in step():
                figures.append(figure)
                print(figure.line(), flush=True)
            took, cpu = time.perf_counter() - began, _cpu_seconds() - began_cpu
            print(f"  ({name}: {took:.0f} s; CPU {cpu:.0f} s, this process's and its children's)", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        args.json.write_text(figures_json(figures))
    failed = [f.name for f in figures if not f.passed]
    shown = sum(1 for f in figures if f.budget_kind == "shown")
    missing = [f.name for f in figures if f.budget_kind == "left out"]
    print(
        f"{len(figures) - len(failed) - shown - len(missing)} passed, {len(failed)} failed"
        + (f", {shown} shown" if shown else "")
        + (f", {len(missing)} left out: {'; '.join(missing)}" if missing else "")
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"the run took {time.perf_counter() - run_began:.0f} s; CPU {_cpu_seconds():.0f} s "
        f"(this process's and its children's); load average {load:.1f} at the end"
    )
    return 1 if failed else 0  # a script (or CI) can tell that a budget was not met


if __name__ == "__main__":
    sys.exit(main())
