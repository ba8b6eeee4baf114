"""How fast the Trends view redraws a journal of N years, against a bare PlotWidget drawing as many points.

    python benchmarks/bench_trends.py --years 10            # prints the figures as JSON
    python benchmarks/bench_trends.py --screenshots docs/screenshots

``measure_trends(years=10)`` returns the numbers (milliseconds, medians of several runs) so that the benchmark
suite can call it. Each redraw and refresh sample starts on the fully loaded chart and ends with it whole and
painted (``grab()`` paints synchronously); wall clock and CPU time are of the same samples:

- "redraw": a range change to All and a full paint, the averages' cached strips forgotten first (as after any
  change of range: report/charts/curve_tiles.py), so that the whole chart is drawn;
- "refresh after an entry": what the window does after a save (a check-in for END saved through the Journal API,
  untimed; then ``refresh_days(END, END)`` and the paint);
- "refresh until whole": ``refresh()`` (the menu's Refresh, an import) until every older chunk has been read
  again from the event loop, with the longest event-loop turn on the way (the worst stall).

Budget (docs/design.md §5): redrawing Trends over ten years, and over the heavy journal's 20 years, and the
refresh after an entry, each ≤ 100 ms (docs/trends.md, "Speed with ten years").
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

END = date(2026, 3, 15)  # fixed, so that runs compare


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench_trends"])


def dispose(widget: Any) -> None:
    """Close ``widget`` and have Qt delete it now, with its chart's scene and items. Left to Python's collector,
    a chart deleted at some later moment (inside another window's event loop, in the test suite) crashed the
    process in QGraphicsScene::clear."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def _samples(
    action: Callable[[], object], repeats: int, before: Callable[[], object] | None = None
) -> tuple[float, float]:
    """Median wall-clock and median CPU time (ms) of the same ``repeats`` runs of ``action``; ``before`` runs
    untimed ahead of each one (let the chart finish loading, save a check-in)."""
    wall, cpu = [], []
    for _ in range(repeats):
        if before is not None:
            before()
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return round(statistics.median(wall), 1), round(statistics.median(cpu), 1)


def ten_year_journal(folder: Path, years: float = 10, end: date = END) -> Path:
    """A generated journal of ``years`` years ending on ``end`` (bulk inserts, see benchmarks/generate.py)."""
    from benchmarks.generate import generate

    path = folder / f"journal-{years:g}y.db"
    if not path.exists():
        generate(path, years=years, end=end)
    return path


def open_at(path: Path, end: date = END) -> Any:
    from medjournal.domain.clock import FixedClock
    from medjournal.storage import open_journal

    return open_journal(path, FixedClock(datetime.combine(end, clock_time(21, 30)).astimezone()))


def plotted_points(view: Any) -> int:
    """How many data points the view's plot items hold (curves, scatter points, strip cells)."""
    import pyqtgraph as pg

    total = 0
    for lane in view.figure.lanes.values():
        for item in lane.plot.items:
            if isinstance(item, pg.PlotDataItem | pg.ScatterPlotItem):
                data = item.getData()
                total += 0 if data[0] is None else len(data[0])
            elif isinstance(item, pg.ImageItem) and item.image is not None and item.isVisible():
                total += int((item.image > 0).sum())
    return total


def measure_trends(
    years: float = 10,
    repeats: int = 7,
    size: tuple[int, int] = (1280, 860),
    journal_path: Path | None = None,
    whole_samples: int | None = None,
) -> dict[str, float]:
    """Redraw and refresh times of the Trends view over ``years`` years vs a bare PlotWidget, in ms.

    Every sample of a redraw or a refresh starts on the fully loaded chart (the view's own ``loading`` is
    waited out first, untimed) and ends with the chart whole again and painted; wall clock and CPU time are
    taken of the same samples. "Refresh after an entry" is what the window does after a save: a check-in for
    END saved through the Journal API (untimed), then ``refresh_days(END, END)`` (main_window.refresh_sections)
    and the paint. ``whole_samples``: the samples of "refresh until whole" (by default ``max(3, repeats // 2)``;
    benchmarks/run.py --quick takes one, or none on the heavy journal, where each costs seconds: its three
    figures are then NaN).
    """
    import numpy as np
    import pyqtgraph as pg

    from medjournal.report.charts.charts import show_offscreen
    from medjournal.report.charts.curve_tiles import TiledCurve
    from medjournal.ui.trends.trends_view import TrendsView

    app = _app()
    with tempfile.TemporaryDirectory() as folder:
        path = journal_path or ten_year_journal(Path(folder), years)
        journal = open_at(path)
        try:
            started = time.perf_counter()
            view = TrendsView(journal)  # opens on the last 3 months: only those days are queried
            show_offscreen(view, *size)
            view.plot_widget.grab()
            open_ms = (time.perf_counter() - started) * 1000
            with contextlib.suppress(LookupError):  # shade a medication's windows when the journal has it
                view.select_medication("Duloxetine")
            app.processEvents()
            refresh_3m_ms = _median_ms(
                lambda: (view.refresh(), _load_rest(app, view), view.plot_widget.grab()), repeats
            )
            started = time.perf_counter()
            view.set_preset("all")  # the first time, older days are read chunk by chunk from the event loop
            view.plot_widget.grab()
            first_all_ms = (time.perf_counter() - started) * 1000
            longest_step_ms = _load_rest(app, view)
            view.plot_widget.grab()
            all_loaded_ms = (time.perf_counter() - started) * 1000
            whole = (view.data.start, view.data.end)  # the fully loaded chart every sample starts on

            def loaded() -> None:
                _load_rest(app, view)
                assert (view.data.start, view.data.end) == whole, "a sample would start on part of the chart"

            presets = iter(["4w", "all"] * repeats)

            def switch() -> None:
                view.set_preset(next(presets))
                view.plot_widget.grab()

            def redraw_all() -> None:
                view.set_preset("all")
                view.plot_widget.grab()

            saved = iter(range(repeats))

            def save_a_checkin() -> None:
                loaded()
                journal.add_checkin(day=END, pain=4 + next(saved) % 3, mood=6, sleep=5, note="benchmark")

            def refresh_after_entry() -> None:
                view.refresh_days(
                    END, END
                )  # what the window calls after a save (main_window.refresh_sections)
                _load_rest(app, view)  # none when only the day is read again; counted if it ever falls back
                view.plot_widget.grab()

            turns: list[float] = []

            def refresh_until_whole() -> None:
                view.refresh()
                turns.append(_load_rest(app, view))
                view.plot_widget.grab()

            switch_ms = _median_ms(switch, repeats * 2)

            def loaded_drawn_afresh() -> None:
                """The chart whole, and the averages' cached strips forgotten as after a change of range
                (report/charts/curve_tiles.py): a sample that found them would copy pictures, not redraw."""
                loaded()
                for item in view.plot_widget.scene().items():
                    tiles = getattr(item, "tiles", None)
                    if isinstance(tiles, TiledCurve):
                        tiles.forget()

            redraw_ms, redraw_cpu_ms = _samples(redraw_all, repeats, loaded_drawn_afresh)
            refresh_ms, refresh_cpu_ms = _samples(refresh_after_entry, repeats, save_a_checkin)
            loaded()
            whole_repeats = max(3, repeats // 2) if whole_samples is None else whole_samples
            whole_ms, whole_cpu_ms = float("nan"), float("nan")
            if whole_repeats:
                whole_ms, whole_cpu_ms = _samples(refresh_until_whole, whole_repeats, loaded)
            loaded()
            points = plotted_points(view)
            dispose(view)
        finally:
            journal.close()

    bare = pg.PlotWidget()
    show_offscreen(bare, *size)
    rng = np.random.default_rng(1)
    x = np.arange(points, dtype=float) * 86400.0 / 3
    y = rng.uniform(0, 10, points)
    curve = bare.plot(x, y, pen=pg.mkPen("#d55e00"), symbol="o", symbolSize=5, symbolPen=None)

    def bare_draw() -> None:
        curve.setData(x, y)
        bare.grab()

    bare_ms = _median_ms(bare_draw, repeats)
    bare_paint_ms = _median_ms(bare.grab, repeats)
    dispose(bare)
    return {
        "years": years,
        "points": points,
        "open_3_months_ms": round(open_ms, 1),
        "refresh_3_months_ms": refresh_3m_ms,
        "first_switch_to_all_ms": round(first_all_ms, 1),
        "all_loaded_ms": round(all_loaded_ms, 1),
        "longest_event_loop_turn_while_loading_ms": round(longest_step_ms, 1),
        "redraw_all_ms": redraw_ms,
        "redraw_all_cpu_ms": redraw_cpu_ms,
        "redraw_preset_switch_ms": switch_ms,
        "refresh_after_entry_ms": refresh_ms,
        "refresh_after_entry_cpu_ms": refresh_cpu_ms,
        "refresh_until_whole_ms": whole_ms,
        "refresh_until_whole_cpu_ms": whole_cpu_ms,
        "longest_event_loop_turn_in_refresh_ms": round(statistics.median(turns), 1)
        if turns
        else float("nan"),
        "bare_plotwidget_setdata_and_paint_ms": bare_ms,
        "bare_plotwidget_paint_ms": bare_paint_ms,
        # Names benchmarks/run.py reads (kept stable): the refresh a save causes, and the bare PlotWidget.
        "refresh_ms": refresh_ms,
        "refresh_cpu_ms": refresh_cpu_ms,
        "bare_plotwidget_ms": bare_ms,
        "ratio_redraw_all": round(redraw_ms / bare_ms, 2) if bare_ms else float("nan"),
        "ratio_preset_switch": round(switch_ms / bare_ms, 2) if bare_ms else float("nan"),
        "ratio_refresh_after_entry": round(refresh_ms / bare_ms, 2) if bare_ms else float("nan"),
    }


def _load_rest(app: Any, view: Any) -> float:
    """Run the event loop until the view has read every chunk it queued; the longest turn, in ms (the worst
    stall a person would feel while the rest arrives)."""
    longest = 0.0
    while view.loading:
        started = time.perf_counter()
        app.processEvents()
        longest = max(longest, (time.perf_counter() - started) * 1000)
    return longest


def save_screenshots(folder: Path, size: tuple[int, int] = (1280, 860)) -> list[Path]:
    """Trends view screenshots: the demo journal at 4 weeks, 3 months and all, dark mode, and ten years."""
    from medjournal.demo import write_demo
    from medjournal.report.charts.charts import show_offscreen
    from medjournal.ui.trends.trends_view import TrendsView

    app = _app()
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        demo = open_at(Path(work) / "demo.db")
        write_demo(demo)
        view = TrendsView(demo)
        show_offscreen(view, *size)
        view.select_medication("Duloxetine")
        for preset, name in (("4w", "4-weeks"), ("3m", "3-months"), ("all", "all")):
            view.set_preset(preset)
            _wait_loaded(app, view)
            view.show_day(END.replace(day=10))
            app.processEvents()
            saved.append(folder / f"trends-demo-{name}.png")
            view.grab().save(str(saved[-1]))
        dispose(view)
        original = app.palette()
        app.setPalette(_dark_palette())
        dark = TrendsView(demo)
        show_offscreen(dark, *size)
        dark.select_medication("Duloxetine")
        dark.set_preset("3m")
        app.processEvents()
        saved.append(folder / "trends-demo-dark.png")
        dark.grab().save(str(saved[-1]))
        dispose(dark)
        app.setPalette(original)
        saved.append(folder / "trends-summary-chart.png")
        _summary_chart_png(demo, saved[-1])
        demo.close()

        long = open_at(ten_year_journal(Path(work)))
        view = TrendsView(long)
        show_offscreen(view, *size)
        view.select_medication("Duloxetine")
        for preset, name in (("all", "ten-years"), ("1y", "ten-years-1-year")):
            view.set_preset(preset)
            _wait_loaded(app, view)
            saved.append(folder / f"trends-{name}.png")
            view.grab().save(str(saved[-1]))
        dispose(view)
        long.close()

        empty = open_at(Path(work) / "empty.db")
        view = TrendsView(empty)
        show_offscreen(view, 900, 500)
        saved.append(folder / "trends-empty.png")
        view.grab().save(str(saved[-1]))
        dispose(view)
        empty.close()
    return saved


def _summary_chart_png(journal: Any, path: Path, width: int = 900, height: int = 420) -> None:
    """The paper chart of the summary, painted through render_to_painter as the PDF does."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from medjournal.report.charts.charts import render_to_painter, summary_chart
    from medjournal.report.summary.summary import build_summary

    widget = summary_chart(build_summary(journal), width, height)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    render_to_painter(widget, painter, QRectF(0, 0, width, height))
    painter.end()
    image.save(str(path))
    dispose(widget)


def _wait_loaded(app: Any, view: Any) -> None:
    _load_rest(app, view)
    app.processEvents()


def _dark_palette() -> Any:
    """The dark palette of docs/screenshots/make.py, so every dark screenshot uses the same colours."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "make.py"
    spec = importlib.util.spec_from_file_location("screenshots_make", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.dark_palette()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--screenshots", type=Path, help="save Trends view screenshots in this folder")
    args = parser.parse_args()
    if args.screenshots:
        for path in save_screenshots(args.screenshots):
            print(path)
        return
    print(json.dumps(measure_trends(args.years, args.repeats), indent=2))


if __name__ == "__main__":
    main()
