"""Adding an instrument touches its module (domain/instruments.py), its data and the view that asks it
(docs/contributing.md §2, "One place for each rule and each word"): the window's questionnaire menu, the charts'
look and the due rule are all taken from ``instruments.INSTRUMENTS``, nothing is listed by hand beside it."""

from __future__ import annotations

from datetime import date, timedelta

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QMenu

from medjournal.domain import due, instruments
from medjournal.domain.records import QuestionnaireResult
from medjournal.i18n import _
from medjournal.report.charts.chart_style import DARK, LIGHT, QUESTIONNAIRE_LOOKS
from medjournal.report.charts.charts import TrendFigure
from medjournal.storage import Journal
from medjournal.ui.today.today_view import TodayView
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


def questionnaire_menu(window) -> QMenu:
    menus = [
        menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == _("Fill in a &questionnaire")
    ]
    assert len(menus) == 1
    return menus[0]


def test_every_instrument_has_one_menu_entry_that_opens_it_on_today(qtbot, window, journal: Journal) -> None:
    journal.add_medication(
        "Duloxetine", 30, "mg", times="08:00", start="2026-02-01"
    )  # the PGIC asks about one
    window.refresh_sections()
    actions = [action for action in questionnaire_menu(window).actions() if not action.isSeparator()]
    assert [action.text() for action in actions] == [
        _(instruments.INSTRUMENTS[key].menu_label) for key in instruments.CHART_ORDER
    ]
    today = of_type(window.view("today"), TodayView)
    opened = []
    for action in actions:
        action.trigger()
        card = today.questionnaires.card
        qtbot.waitUntil(card.isVisible)
        assert card.due is not None
        opened.append(card.due.instrument)
    assert sorted(opened) == sorted(instruments.INSTRUMENTS)


def test_every_instrument_has_its_look_on_the_chart_in_light_and_dark(qtbot) -> None:
    assert set(QUESTIONNAIRE_LOOKS) == set(instruments.INSTRUMENTS)
    for key, look in QUESTIONNAIRE_LOOKS.items():
        assert (LIGHT.questionnaires[key], DARK.questionnaires[key]) == (look.light, look.dark)
        assert look.light != look.dark
    points = {(look.light, look.symbol) for look in QUESTIONNAIRE_LOOKS.values()}
    assert len(points) == len(QUESTIONNAIRE_LOOKS)  # no two instruments look alike on the chart
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    title = TrendFigure(widget, LIGHT, ("questionnaires",)).lanes["questionnaires"].title
    for key, look in QUESTIONNAIRE_LOOKS.items():
        name = instruments.short_name(instruments.instrument(key))
        assert f"<span style='color:{look.light}'>{look.mark} {name}</span>" in title


def answered(key: str, day: date, typed_on: date) -> QuestionnaireResult:
    inst = instruments.instrument(key)
    answers = tuple(item.low for item in inst.items)
    return QuestionnaireResult(1, day, key, answers, 0.0, recorded_at=f"{typed_on.isoformat()}T21:00:00")


def test_every_instrument_has_a_due_rule_taken_from_its_own_data() -> None:
    """A periodic instrument is offered again after its own cadence, however late its last answer was typed
    in; the others (PGIC at its milestones, the PHQ-9 after a positive PHQ-2) have rules of their own."""
    periodic = [key for key in instruments.SUMMARY_ORDER if instruments.INSTRUMENTS[key].cadence_days]
    assert list(due.PERIODIC) == periodic
    assert {key for key in instruments.INSTRUMENTS if key not in periodic} == {"pgic", "phq9"}
    day = date(2026, 3, 20)
    for key in periodic:
        cadence = instruments.INSTRUMENTS[key].cadence_days
        assert cadence is not None
        others = [answered(other, day, day) for other in periodic if other != key]
        last = answered(key, day - timedelta(days=cadence - 1), typed_on=day)  # typed in late, today
        assert [d.instrument for d in due.questionnaires_due(day, [*others, last], one_a_day=False)] == []
        last = answered(key, day - timedelta(days=cadence), typed_on=day)
        assert [d.instrument for d in due.questionnaires_due(day, [*others, last], one_a_day=False)] == [key]
        assert [d.instrument for d in due.questionnaires_due(day, others, one_a_day=False)] == [
            key
        ]  # never answered
