"""The summary's chart draws no label over its data (docs/summary.md, "Labels on the chart").

Page 1's chart wrote "30 mg", "60 mg", "current" and "400 mg as needed" over the pain dots, the as-needed ticks and
the dose line. Here every label's drawn box is compared with what the chart draws, measured independently of the
code that places the labels: each line sampled every half pixel, each point, tick, mark and bar as its box, all
mapped to scene pixels through the items' own transforms. On the demo journal and on journals made to be hard:
pain 0 and 10 on alternate days, a dose changed every other day, a change on the period's last day, a
medication with a very long name, an as-needed dose every day, German, a 90-day and a three-year period, at the
heights page 1 gives the chart.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from benchmarks.generate import generate
from medjournal.i18n import use_language
from medjournal.storage.journal import Journal
from tests.conftest import NOW, Cli

pytestmark = pytest.mark.gui

TODAY = NOW.date()
SIZES = (
    (907, 175),
    (936, 349),
    (1183, 290),
)  # page 1's lowest and highest chart (A4, Letter), and a wide one
LONG_NAME = "Duloxetine hydrochloride delayed-release capsules (brand and generic)"


def _scene(item: Any, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = item.sceneTransform()
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    return t.m11() * xs + t.m21() * ys + t.dx(), t.m12() * xs + t.m22() * ys + t.dy()


def _line_samples(xs: np.ndarray, ys: np.ndarray) -> Iterator[tuple[float, float]]:
    """Points every half pixel along the drawn line (a NaN breaks it)."""
    for x0, y0, x1, y1 in zip(xs[:-1], ys[:-1], xs[1:], ys[1:], strict=True):
        if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
            continue
        steps = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) * 2))
        for t in np.linspace(0.0, 1.0, steps + 1):
            yield x0 + t * (x1 - x0), y0 + t * (y1 - y0)


def _marks(scatter: Any, size: float) -> list[tuple[float, float, float, float]]:
    """The box of each point or tick (a tick "|" is as wide as its pen)."""
    xs, ys = scatter.getData()
    if xs is None or not len(xs):
        return []
    sx, sy = _scene(scatter, xs, ys)
    pen = scatter.opts.get("pen")
    half_pen = pen.widthF() / 2 if pen is not None and pen.style() != 0 else 0.0
    half_x = half_pen if scatter.opts.get("symbol") == "|" else size / 2
    return [
        (x - half_x, y - size / 2, x + half_x, y + size / 2)
        for x, y in zip(sx, sy, strict=True)
        if math.isfinite(x) and math.isfinite(y)
    ]


def _bars(item: Any) -> list[tuple[float, float, float, float]]:
    opts = item.opts
    boxes = []
    for left, width, height in zip(opts["x0"], opts["width"], opts["height"], strict=True):
        if height:
            sx, sy = _scene(item, np.array([left, left + width]), np.array([opts["y0"], opts["y0"] + height]))
            boxes.append((min(sx), min(sy), max(sx), max(sy)))
    return boxes


def drawn_shapes(
    plot: Any,
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float, float]]]:
    """What ``plot`` draws: points on lines (x, y, half the pen) and boxes of marks and bars, in scene pixels."""
    import pyqtgraph as pg

    samples: list[tuple[float, float, float]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for item in plot.items:
        if not item.isVisible():
            continue
        if isinstance(item, pg.PlotDataItem):
            if item.curve.isVisible() and item.opts.get("pen") is not None:
                xs, ys = item.curve.getData()
                if xs is not None and len(xs):
                    half = item.curve.opts["pen"].widthF() / 2
                    sx, sy = _scene(item.curve, xs, ys)
                    samples += [(x, y, half) for x, y in _line_samples(sx, sy)]
            if item.scatter.isVisible() and item.opts.get("symbol") is not None:
                boxes += _marks(item.scatter, float(item.opts["symbolSize"]))
        elif isinstance(item, pg.ScatterPlotItem):
            boxes += _marks(item, float(item.opts["size"]))
        elif isinstance(item, pg.BarGraphItem):
            boxes += _bars(item)
        elif isinstance(item, pg.InfiniteLine) and item.angle == 90:
            area = plot.getViewBox().sceneBoundingRect()
            x = item.mapToScene(0.0, 0.0).x()
            samples += [(x, y, item.pen.widthF() / 2) for y in np.arange(area.top(), area.bottom(), 0.5)]
    return samples, boxes


def shown_labels(figure: Any) -> list[tuple[str, Any, Any]]:
    """(text, drawn box, its plot) of every label the paper chart shows."""
    pain = figure.lane("pain")
    medications = figure.lane("medications")
    labels = [(label, pain.plot) for label in pain.labels]
    labels += [(line.label, pain.plot) for line in pain.dose_marks if line.isVisible()]
    labels += [(label, medications.plot) for row in medications.rows.values() for label in row.labels]
    return [
        (label.textItem.toPlainText(), label.sceneBoundingRect(), plot)
        for label, plot in labels
        if label.isVisible()
    ]


def collisions(widget: Any) -> list[str]:
    """Every label drawn over data, outside its plot, or over another label."""
    figure = widget.figure
    found = []
    shown = shown_labels(figure)
    for text, box, plot in shown:
        area = plot.getViewBox().sceneBoundingRect()
        if not area.contains(box):
            found.append(f"{text!r} {box} outside its plot {area}")
        samples, boxes = drawn_shapes(plot)
        for x, y, half in samples:
            if box.left() - half < x < box.right() + half and box.top() - half < y < box.bottom() + half:
                found.append(f"{text!r} {box} over a line at ({x:.1f}, {y:.1f})")
                break
        for left, top, right, bottom in boxes:
            if left < box.right() and box.left() < right and top < box.bottom() and box.top() < bottom:
                found.append(
                    f"{text!r} {box} over a mark at ({left:.1f}, {top:.1f}, {right:.1f}, {bottom:.1f})"
                )
                break
    for index, (text, box, _plot) in enumerate(shown):
        for other, other_box, _ in shown[index + 1 :]:
            if box.intersects(other_box):
                found.append(f"{text!r} over {other!r}")
    return found


def chart(summary: Any, size: tuple[int, int], language: str = "en") -> Any:
    from medjournal.report.charts.charts import summary_chart

    with use_language(language):
        return summary_chart(summary, *size)


def texts(widget: Any) -> list[str]:
    return [text for text, _box, _plot in shown_labels(widget.figure)]


@pytest.fixture(scope="module")
def demo_summary(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    run = Cli(tmp_path_factory.mktemp("demo") / "demo.db", NOW)
    assert run("demo").exit_code == 0
    result = run("report", "--json")
    assert result.exit_code == 0, result.output
    summary: dict[str, Any] = json.loads(result.output)
    return summary


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", SIZES)
def test_the_demo_chart_draws_its_labels_clear_of_the_data(
    qapp: object, demo_summary: dict[str, Any], size: tuple[int, int], language: str
) -> None:
    widget = chart(demo_summary, size, language)
    assert collisions(widget) == []
    shown = texts(widget)
    current, baseline = ("aktuell", "Ausgangswert") if language == "de" else ("current", "baseline")
    # Every label kind is still there: both dose changes over the pain lane and in Duloxetine's row, and the
    # windows' names.
    assert shown.count("30 mg") == 2 and shown.count("60 mg") == 2, shown
    assert current in shown and baseline in shown


def test_without_placing_them_the_labels_were_over_the_data(
    qapp: object, demo_summary: dict[str, Any]
) -> None:
    """The check above can fail: the labels where the screen's code puts them lie over the dots and lines."""
    widget = chart(demo_summary, SIZES[0])
    figure = widget.figure
    figure.on_paper = False
    for row in figure.lane("medications").rows.values():
        row.gaps = []
    figure.refit()
    assert collisions(widget)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def a_hard_journal(journal: Journal) -> None:
    """90 days of pain 0 and 10 on alternate days (typed in at the end, all late), a medication with a very long
    name changed every other day for three weeks and again on the period's last day, taken every day but for a
    gap of four days, and an as-needed medication taken every day."""
    for n in range(90):
        value = 10 if n % 2 else 0
        journal.add_checkin(pain=value, mood=10 - value, sleep=value, day=days_ago(n))
    journal.add_medication(LONG_NAME, 30, times="08:00", start=days_ago(45).isoformat())
    for step, n in enumerate(range(24, 2, -2)):
        journal.change_dose(LONG_NAME, 30 + 7.5 * (step + 1), days_ago(n).isoformat())
    journal.change_dose(LONG_NAME, 120.5, TODAY.isoformat())
    for n in range(45):
        if n not in (30, 31, 32, 33):
            journal.record_dose(LONG_NAME, at=f"{days_ago(n).isoformat()} 08:00")
    journal.add_medication("Ibuprofen", 400, as_needed=True, start=days_ago(89).isoformat())
    for n in range(89):
        journal.record_dose(
            "Ibuprofen", at=f"{days_ago(n).isoformat()} 09:00"
        )  # today's before the clock's 09:30


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", SIZES)
def test_a_hard_journal_keeps_every_label_clear(
    qapp: object, journal: Journal, size: tuple[int, int], language: str
) -> None:
    from medjournal.report.summary.summary import build_summary

    a_hard_journal(journal)
    summary = build_summary(journal, start=days_ago(89), end=TODAY).to_json()
    widget = chart(summary, size, language)
    assert collisions(widget) == []
    newest = "120,5 mg" if language == "de" else "120.5 mg"
    # The dose of the period's last day, the one the doctor reads, is labelled in its row; labels that found no
    # room are said to be left out (the caption reads this).
    assert newest in texts(widget)
    assert widget.figure.lane("medications").labels_left_out


@pytest.mark.parametrize("language", ["en", "de"])
def test_three_years_of_a_heavy_journal_keep_every_label_clear(
    qapp: object, tmp_path: Path, language: str
) -> None:
    """Bars per week for the as-needed doses, thinned daily points and many missed-day marks."""
    path = tmp_path / "heavy.db"
    generate(path, years=3, end=TODAY, heavy=True)
    run = Cli(path, NOW)
    first = TODAY - timedelta(days=3 * 365)
    result = run("report", "--from", first.isoformat(), "--to", TODAY.isoformat(), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    for size in SIZES:
        widget = chart(summary, size, language)
        assert collisions(widget) == []
        assert any(text.endswith("mg") for text in texts(widget))


@pytest.mark.parametrize("size", SIZES)
def test_labels_are_placed_only_on_the_chart_laid_out_at_its_size(
    qapp: object, demo_summary: dict[str, Any], size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not at each step that builds the chart (docs/summary.md, *Labels on the chart*): on a 20-year summary
    those placements, all redone once the chart was laid out, took about a second."""
    from medjournal.report.charts import chart_labels
    from medjournal.report.charts.charts import summary_chart

    seen: list[tuple[bool, int]] = []

    def recorded(figure: Any) -> None:
        seen.append((figure.widget.isVisible(), figure.widget.width()))
        chart_labels.place_labels(figure)

    monkeypatch.setattr("medjournal.report.charts.charts.place_labels", recorded)
    widget = summary_chart(demo_summary, *size)
    assert seen, "the labels were never placed"
    # Laid out (shown off screen) at its width, or wider when its lanes needed more height (chart_paper.no_smaller).
    assert all(visible and width >= size[0] for visible, width in seen), seen
    assert collisions(widget) == []
    shown = texts(widget)
    assert shown.count("30 mg") == 2 and shown.count("60 mg") == 2, shown
