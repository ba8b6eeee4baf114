"""The Summary view shows each page whole: its pages were squeezed shorter than their pictures, so the top and
bottom of every page were cut off and the pages overlapped."""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import QLabel, QTabWidget
from pytestqt.qtbot import QtBot

from medjournal.demo import write_demo
from medjournal.storage import Journal
from medjournal.ui.main_window import MainWindow
from medjournal.ui.summary.summary_view import SummaryView


def test_every_page_of_the_preview_is_shown_whole(qtbot: QtBot, journal: Journal) -> None:
    write_demo(journal, days=120)
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    qtbot.waitExposed(window)
    tabs = window.findChild(QTabWidget)
    assert tabs is not None
    index = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())].index("Summary")
    tabs.setCurrentIndex(index)  # as a click on the tab does
    qtbot.waitUntil(lambda: any(v.isVisible() for v in window.findChildren(SummaryView)))
    view = next(v for v in window.findChildren(SummaryView) if v.isVisible())
    if view.page_count() == 0:
        with qtbot.waitSignal(view.preview_ready, timeout=30000):
            pass
    items = [view.pages_layout.itemAt(i) for i in range(view.pages_layout.count())]
    pages = [page for item in items if item is not None and isinstance(page := item.widget(), QLabel)]
    assert len(pages) == view.page_count() >= 2
    qtbot.waitUntil(lambda: pages[-1].geometry().top() > 0)  # the layout has placed the last page
    for page in pages:
        assert page.size() == page.pixmap().deviceIndependentSize().toSize()
    for above, below in itertools.pairwise(pages):
        assert below.geometry().top() >= above.geometry().bottom()  # no page drawn over another
