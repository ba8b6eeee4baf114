"""The Trends chart is a keyboard stop a person can see, and its day readout reaches a screen reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTabWidget
from pytestqt.qtbot import QtBot

from medjournal.demo import write_demo
from medjournal.report.trends.trend_text import describe_day
from medjournal.storage import Journal
from medjournal.ui.main_window import MainWindow
from medjournal.ui.trends.trends_view import CHART_NAME, TrendsView


def _edge_colour(widget) -> QColor:
    image = widget.grab().toImage()
    return QColor(image.pixel(0, image.height() // 2))


def test_the_chart_shows_its_focus_and_names_the_day_under_the_cursor(qtbot: QtBot, journal: Journal) -> None:
    write_demo(journal, days=60)
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    tabs = window.findChild(QTabWidget)
    assert tabs is not None
    index = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())].index("Trends")
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(index).center())
    qtbot.waitUntil(lambda: any(view.isVisible() for view in window.findChildren(TrendsView)))
    view = next(view for view in window.findChildren(TrendsView) if view.isVisible())
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    assert _edge_colour(view.plot_widget) != highlight
    view.plot_widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.plot_widget.hasFocus)
    assert _edge_colour(view.plot_widget) == highlight
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_Left)
    assert view.data is not None and view.cursor_day is not None
    readout = describe_day(view.data, view.cursor_day)
    name = view.plot_widget.accessibleName()
    assert name.startswith(CHART_NAME)
    assert view.cursor_day.strftime("%d") in name or str(view.cursor_day.day) in name
    assert view.plot_widget.accessibleDescription() in name
    assert readout.split()[0] in view.plot_widget.accessibleDescription()


def test_at_a_16_pt_system_font_every_name_has_a_line_of_its_own(qtbot: QtBot, journal: Journal) -> None:
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QApplication

    write_demo(journal, days=60)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    large = QFont(before)
    large.setPointSize(16)
    app.setFont(large)
    try:
        view = TrendsView(journal)
        qtbot.addWidget(view)
        view.resize(1366, 768)
        view.show()
        qtbot.waitExposed(view)
        line = QFontMetrics(large).lineSpacing()
        data = view.data
        assert data is not None
        medications = view.figure.lanes["medications"].plot.getViewBox()
        symptoms = view.figure.lanes["side_effects"].plot.getViewBox()
        assert medications.height() / (2 * len(data.medications)) >= line
        assert symptoms.height() / min(len(data.symptoms), 10) >= line
        axis = view.figure.lanes["medications"].plot.getAxis("left")
        widest = max(QFontMetrics(large).horizontalAdvance(m.name) for m in data.medications)
        assert axis.width() >= widest
        assert view.figure.lanes["pain"].plot.titleLabel.opts["size"] == "16pt"
    finally:
        app.setFont(before)
