"""The measures lane of Trends: daily means, the readout's words, chunked and spliced loads equal to one read,
and the lane drawing the same numbers (docs/clinical.md §6.7, docs/trends.md)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from medjournal.report.trends.trend_data import load_trend_data
from medjournal.report.trends.trend_text import describe_day
from medjournal.storage.journal import Journal
from tests.test_measures import neutral_locale  # noqa: F401 (autouse: bare weights in kg)

TODAY = date(2026, 3, 15)  # the fixture clock's day


def _measures(journal: Journal) -> None:
    journal.set_setting("weight_unit", "lb")
    journal.add_measure("weight", 181.7, unit="lb", day="2026-03-01")
    journal.add_measure("weight", 182.7, unit="lb", day="2026-03-08")
    journal.add_measure("weight", 183.7, unit="lb", day="2026-03-08")  # same day: 183.2
    journal.add_measure("bp", 128, diastolic=84, pulse=72, day="2026-03-08")
    journal.add_measure("bp", 126, diastolic=80, day="2026-03-10")  # no pulse: not drawn, not said
    journal.add_measure("alcohol", 4, day="2026-03-08")
    journal.add_measure("alcohol", 1, day="2026-03-14")


def test_the_series_are_daily_means_and_the_readout_says_them(journal: Journal) -> None:
    _measures(journal)
    data = load_trend_data(journal, date(2026, 3, 1), TODAY)
    series = data.measures
    assert series.unit == "lb"
    assert series.weight_days.tolist() == [date(2026, 3, 1).toordinal(), date(2026, 3, 8).toordinal()]
    assert (series.weight_kg / 0.45359237).round(1).tolist() == [181.7, 183.2]
    assert series.systolic.tolist() == [128, 126] and series.diastolic.tolist() == [84, 80]
    assert series.pulse[0] == 72 and np.isnan(series.pulse[1])
    assert series.drinks.tolist() == [4, 1]
    said = describe_day(data, date(2026, 3, 8))
    assert said.endswith("weight 183.2 lb · blood pressure 128/84, pulse 72 · 4 drinks in 7 days"), said
    assert describe_day(data, date(2026, 3, 10)).endswith("blood pressure 126/80")
    assert describe_day(data, date(2026, 3, 14)).endswith("1 drink in 7 days")
    assert not data.is_empty


def test_chunks_and_splices_of_measures_equal_one_read(journal: Journal) -> None:
    from medjournal.demo import write_demo
    from medjournal.report.trends.trend_merge import merge_trend_data, splice_trend_data

    plan = write_demo(journal, days=120)
    whole = load_trend_data(journal, plan.first_day, TODAY)
    middle = plan.start_day + timedelta(days=10)
    joined = merge_trend_data(
        load_trend_data(journal, plan.first_day, middle - timedelta(days=1)),
        load_trend_data(journal, middle, TODAY),
    )
    names = (
        "weight_days",
        "weight_kg",
        "pressure_days",
        "systolic",
        "diastolic",
        "pulse",
        "alcohol_days",
        "drinks",
    )
    for name in names:
        assert np.array_equal(
            getattr(joined.measures, name), getattr(whole.measures, name), equal_nan=True
        ), name
    assert len(whole.measures.weight_days) >= 16  # the demo weighs in every Sunday
    changed = plan.start_day + timedelta(days=20)
    journal.add_measure("bp", 150, diastolic=95, day=changed)
    spliced = splice_trend_data(whole, load_trend_data(journal, changed, changed + timedelta(days=6)))
    fresh = load_trend_data(journal, plan.first_day, TODAY)
    for name in names:
        assert np.array_equal(
            getattr(spliced.measures, name), getattr(fresh.measures, name), equal_nan=True
        ), name
    assert spliced.measures.on(changed.toordinal())["systolic"] == pytest.approx(
        fresh.measures.on(changed.toordinal())["systolic"]
    )


@pytest.mark.gui
def test_the_trends_lane_draws_the_measures_in_the_persons_unit(qtbot, journal: Journal) -> None:
    from tests.ui.test_trends_view import open_view

    _measures(journal)
    journal.add_checkin(pain=5, day="2026-03-08")
    view = open_view(qtbot, journal)
    view.preset_buttons["4w"].click()
    lane = view.figure.lane("measures")
    qtbot.waitUntil(lambda: len(lane.weight.yData if lane.weight.yData is not None else []) == 2)
    assert [round(float(y), 1) for y in lane.weight.yData] == [181.7, 183.2]
    assert [float(y) for y in lane.upper.yData] == [128, 126]
    assert "weight (lb)" in lane.title
    assert [label.toPlainText() for label in lane.counts] == ["4", "1"]
    top = lane.plot.getViewBox().viewRange()[1][1]
    assert top > 183.2  # every line inside the lane
