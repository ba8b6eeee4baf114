"""benchmarks/bench_trends.py measures the chart a person has in front of them (no timings asserted): every
redraw and refresh sample on the fully loaded chart, and the refresh after an entry is the window's own path
after a save (a check-in saved through the Journal API, then ``refresh_days``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks import bench_trends, run
from benchmarks.generate import generate
from medjournal.report.charts.curve_tiles import TiledCurve
from medjournal.ui.trends.trends_view import CHUNK_DAYS, TrendsView

pytestmark = pytest.mark.gui

DAYS = 2 * CHUNK_DAYS + 30  # three chunks: the older two are read from the event loop


def test_each_sample_runs_on_the_whole_chart_and_the_save_path(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.db"
    generate(path, days=DAYS, end=bench_trends.END)
    calls: list[tuple[str, int]] = []  # (what the view was asked to do, days loaded when asked)
    real_days, real_refresh = TrendsView.refresh_days, TrendsView.refresh

    def loaded_days(view: TrendsView) -> int:
        return 0 if view.data is None else (view.data.end - view.data.start).days + 1

    def refresh_days(view: TrendsView, first: Any, last: Any) -> None:
        calls.append(("refresh_days", loaded_days(view)))
        assert (first, last) == (bench_trends.END, bench_trends.END)
        real_days(view, first, last)

    def refresh(view: TrendsView) -> None:
        calls.append(("refresh", loaded_days(view)))
        real_refresh(view)

    monkeypatch.setattr(TrendsView, "refresh_days", refresh_days)
    monkeypatch.setattr(TrendsView, "refresh", refresh)
    forgotten: list[int] = []  # the averages whose cached strips a redraw sample forgot first
    real_forget = TiledCurve.forget

    def forget(tiles: TiledCurve) -> None:
        forgotten.append(id(tiles))
        real_forget(tiles)

    monkeypatch.setattr(TiledCurve, "forget", forget)
    journal = bench_trends.open_at(path)
    before = len(journal.checkins(bench_trends.END, bench_trends.END))
    journal.close()

    result = bench_trends.measure_trends(repeats=3, journal_path=path)

    saves = [loaded for name, loaded in calls if name == "refresh_days"]
    assert len(saves) == 3
    whole = max(loaded for _name, loaded in calls)
    assert whole >= DAYS
    assert saves == [whole] * 3  # each save's refresh ran on the whole chart, not on the newest half year
    assert [loaded for name, loaded in calls if name == "refresh"][-3:] == [whole] * 3  # refresh() too
    journal = bench_trends.open_at(path)
    assert len(journal.checkins(bench_trends.END, bench_trends.END)) == before + 3  # saved through the API
    journal.close()
    assert result["refresh_ms"] == result["refresh_after_entry_ms"] > 0
    # Each of the 3 redraw samples drew the whole chart: it began with every average's strips forgotten (a sample
    # that found them would have copied pictures, as the redraw line did on 7 December 2026).
    averages = set(forgotten)
    assert len(averages) >= 2 and sorted(forgotten) == sorted(list(averages) * 3)
    assert result["refresh_until_whole_ms"] > 0 and result["refresh_until_whole_cpu_ms"] > 0
    figures = run.bench_trends_view(path, 1, "test")
    assert [f.name for f in figures if f.budget_kind == "shown"] == [
        "trends view refresh() until whole, test",
        "trends view refresh() until whole, test, CPU time",
        "trends view longest event-loop turn in that, test",
    ]
    assert [f.budget for f in figures if f.budget_kind == "absolute"] == [100] * 4
