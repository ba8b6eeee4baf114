"""The window's start and memory lines (benchmarks/bench_start.py, benchmarks/startup_probe.py) measure what they
say: our window started as the ``medjournal`` command starts it, on the section named, with the clock at the
journal's last evening; the memory read once Trends holds the whole history. Checked on a small journal; no
timings asserted."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from benchmarks import bench_start, run
from benchmarks.bench_start import Start, start_window
from benchmarks.generate import generate
from benchmarks.startup_probe import app_command, command_entry
from medjournal.paths import backup_dir_for


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """400 days: more than Trends reads at once (its first half-year), so "All" loads the rest in the background."""
    path = tmp_path_factory.mktemp("start") / "journal.db"
    generate(path, days=400, end=run.END)
    return path


def first_checkin_day(path: Path) -> date:
    conn = sqlite3.connect(path)
    try:
        return date.fromisoformat(conn.execute("SELECT min(day) FROM checkins").fetchone()[0])
    finally:
        conn.close()


def scalar(path: Path, sql: str, *args: object) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql, args).fetchone()[0])
    finally:
        conn.close()


@pytest.mark.gui
def test_our_start_is_the_commands_on_today_of_the_journals_last_evening(journal: Path) -> None:
    module, function = command_entry()
    assert f"from {module} import {function}" in app_command(journal)[2]  # what the console script runs
    started = start_window(journal)
    assert (
        started.said["command"] == "medjournal.cli"
    )  # through the command line's main, as the command starts
    assert started.said["section"] == "today"
    # the clock at the benchmark's end, 21:30: Today shows that day's check-ins, not an empty day months later
    assert started.said["today"] == run.END.isoformat()
    on_the_day = scalar(journal, "SELECT count(*) FROM checkins WHERE day = ?", run.END.isoformat())
    assert on_the_day > 0 and started.said["checkins"] == str(on_the_day)
    assert started.rss > 10_000 and started.cpu > 50 and started.loaded is None


@pytest.mark.gui
def test_a_start_on_trends_reads_memory_with_the_whole_history_loaded(journal: Path) -> None:
    started = start_window(journal, section="trends", flags="all")
    assert started.said["section"] == "trends"  # the remembered section, not Today
    assert date.fromisoformat(started.said["first"]) <= first_checkin_day(journal)  # nothing left to load
    days = scalar(journal, "SELECT count(DISTINCT day) FROM checkins")
    assert int(started.said["points"]) >= days  # at least a pain point a day, for every day of the 400
    assert started.loaded is not None and started.loaded >= started.rss  # a peak, read after the ready line


@pytest.mark.gui
def test_a_start_on_trends_reports_when_its_chart_is_drawn_and_its_turns(journal: Path) -> None:
    """The ``drawn`` line comes after the ready line (the window shows its frame first), with the key sent at
    ready answered and the longest turn measured; "All" is pressed only after it."""
    started = start_window(journal, section="trends", flags="drawn,all")
    assert started.said["section"] == "trends"
    assert started.drawn_wall is not None and started.drawn_cpu is not None
    assert started.drawn_wall > started.wall and started.drawn_cpu > started.cpu
    assert float(started.said["key"]) > 0 and float(started.said["turn"]) > 0
    assert date.fromisoformat(started.said["first"]) <= first_checkin_day(journal)


@pytest.mark.gui
def test_the_bare_window_holds_the_points_it_is_given() -> None:
    started = start_window(None, points=2345)
    assert started.said == {"points": "2345"}  # no journal, no section: the bare PySide6 + pyqtgraph window
    assert started.loaded is not None and started.loaded >= started.rss > 10_000


@pytest.mark.gui
def test_only_a_first_start_of_the_day_finds_no_backup_of_the_day(journal: Path, tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    copy = run.copy_journal(journal, own, "journal.db")
    backups = backup_dir_for(copy)
    start_window(copy)
    made = sorted(backups.iterdir())
    assert [p.name for p in made] == [
        "journal-2026-03-15_213000-auto.db"
    ]  # the day's backup, on the fixed day
    marker = backups / "kept.txt"
    marker.write_text("a later start leaves the folder as it is")
    start_window(copy)
    assert marker.exists() and sorted(backups.iterdir()) == sorted([*made, marker])
    start_window(copy, first_of_day=True)
    assert not marker.exists()  # the folder was emptied before that start ...
    assert [p.name for p in backups.iterdir()] == ["journal-2026-03-15_213000-auto.db"]  # ... which took one


def test_the_starts_take_turns_and_each_line_reads_its_own_starts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[str] = []
    figures: dict[
        str, list[tuple[float, float, int, int | None]]
    ] = {  # kind -> (wall, CPU, peak, loaded peak)
        "bare": [(100, 50, 1024, 2048), (300, 70, 3072, 4096), (200, 60, 2048, 3072)],
        "later": [(110, 55, 1024, None), (130, 65, 2048, None), (120, 60, 1024, None)],
        "first": [(150, 90, 1024, None), (170, 80, 1024, None), (160, 85, 1024, None)],
        "trends": [(400, 200, 5120, 9216), (500, 300, 5120, 10240), (450, 250, 5120, 11264)],
    }
    made: dict[str, int] = {}

    def fake(journal: Path | None, **how: object) -> Start:
        kind = (
            "bare"
            if journal is None
            else "trends"
            if how.get("section") == "trends"
            else "first"
            if how.get("first_of_day")
            else "later"
        )
        if kind == "bare":
            assert how.get("points") == 5000  # as many as the warm-up's chart held
        if journal is not None:
            assert journal.parent.name == "j-start"  # in a folder of its own, for its own backups folder
        calls.append(kind)
        if len(calls) == 1:  # the warm-up, which tells how many points the chart holds
            return Start(1, 1, 1, 1, {"points": "5000"})
        made[kind] = made.get(kind, -1) + 1
        wall, cpu, rss, loaded = figures[kind][made[kind]]
        if kind != "trends":
            return Start(wall, rss, cpu, loaded, {"points": "5000"})
        timed = {"points": "5000", "key": str(made[kind] + 4), "turn": str(10 * made[kind] + 30)}
        return Start(wall, rss, cpu, loaded, timed, drawn_wall=wall + 100, drawn_cpu=cpu + 50)

    monkeypatch.setattr(bench_start, "start_window", fake)
    (tmp_path / "j.db").write_bytes(b"")
    result = {f.name: f for f in bench_start.bench_start_and_memory(tmp_path / "j.db", 3, "tiny")}
    rounds = calls[1:]
    order = ["bare", "later", "first", "trends"]
    assert calls[0] == "trends"  # the warm-up: its Trends loads every module and page the others read
    assert rounds == order + order[::-1] + order  # the first one first in even rounds, last in odd ones
    start = result["start to interactive window (tiny)"]
    assert (start.value, start.baseline) == (120, 200)
    cpu = result["start to interactive window (tiny), CPU time"]
    assert (cpu.value, cpu.baseline, cpu.budget) == (60, 60, 1.3)
    first = result["start to interactive window (tiny), first start of the day, CPU time"]
    assert (first.value, first.baseline, first.budget) == (85, 60, 1.3)
    trends = result["start to interactive window (tiny) on Trends"]
    assert (trends.value, trends.baseline, trends.budget) == (450, 200, 1.3)
    drawn = result["start on Trends until its chart is drawn (tiny)"]
    assert (drawn.value, drawn.baseline, drawn.budget) == (550, 200, 1.3)  # the budget the whole start had
    drawn_cpu = result["start on Trends until its chart is drawn (tiny), CPU time"]
    assert (drawn_cpu.value, drawn_cpu.baseline) == (300, 60)
    turn = result["start on Trends: longest event-loop turn until drawn (tiny)"]
    key = result["start on Trends: a key sent at ready answered after (tiny)"]
    assert (turn.value, turn.budget_kind, key.value, key.budget_kind) == (40, "shown", 5, "shown")
    assert "no budget" in turn.note and "no budget" in key.note
    assert result["peak memory of the window (tiny)"].value == 1.0  # MiB at ready: Today's start
    memory = result["peak memory of the window, Trends 'All' loaded (tiny)"]
    assert (memory.value, memory.baseline, memory.budget) == (10.0, 3.0, 1.5)  # the loaded peaks' medians
    assert "5,000 points" in memory.note


def test_without_trends_the_starts_are_warmed_and_no_trends_line_is_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[str] = []

    def fake(journal: Path | None, **how: object) -> Start:
        assert how.get("section", "today") == "today" and not how.get("points")  # no Trends, no points
        calls.append("bare" if journal is None else "first" if how.get("first_of_day") else "later")
        return Start(100, 1024, 50)

    monkeypatch.setattr(bench_start, "start_window", fake)
    (tmp_path / "j.db").write_bytes(b"")
    figures = bench_start.bench_start_and_memory(tmp_path / "j.db", 2, "tiny", trends=False)
    assert calls == ["bare", "later", "bare", "later", "first", "first", "later", "bare"]
    measured = [f.name for f in figures if f.budget_kind != "left out"]
    assert not [name for name in measured if "Trends" in name]
    assert (
        len(measured) == 5
    )  # the start and its CPU time, the memory, the day's first start and its CPU time
    # the Trends lines say they were left out, under the names the full run gives them
    assert [(f.name, f.value, f.baseline) for f in figures if f.budget_kind == "left out"] == [
        ("start to interactive window (tiny) on Trends", 0.0, None),
        ("start to interactive window (tiny) on Trends, CPU time", 0.0, None),
        ("start on Trends until its chart is drawn (tiny)", 0.0, None),
        ("start on Trends until its chart is drawn (tiny), CPU time", 0.0, None),
        ("start on Trends: longest event-loop turn until drawn (tiny)", 0.0, None),
        ("start on Trends: a key sent at ready answered after (tiny)", 0.0, None),
        ("peak memory of the window, Trends 'All' loaded (tiny)", 0.0, None),
    ]
    assert all("--quick" in f.line() for f in figures[5:])
