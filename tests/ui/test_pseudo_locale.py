"""The pseudo-locale walk: the window in ``x-pseudo`` (every translated text accented, 40 % longer and in ⟦…⟧) at
1280×800, every view and every dialog, finds no text that skipped translation and no label too narrow for its
text (docs/translating.md). What may stay as it is: what the person typed (names, notes, units), numbers, the
names of languages, Qt's own buttons (Qt's catalogue translates them), the questionnaires' validated wording and
the documentation pages (English only, said in docs/translating.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from medjournal import i18n
from medjournal.demo import write_demo
from medjournal.domain.clock import FixedClock
from medjournal.domain.instruments import CHART_ORDER
from medjournal.storage import Journal, open_journal
from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import start_like_the_command
from tests.ui.pseudo_walk import clipped, untranslated, visible_texts
from tests.ui.walk_subjects import (
    dialogs,
    document_titles,
    documentation,
    look_at_dialogs,
    looking_at_lock_screen,
    person_data,
    published_wording,
    show_and_wait,
    without_still_english,
)
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

SECTIONS = ("today", "medications", "history", "trends", "summary")


@pytest.fixture
def pseudo(qapp) -> Iterator[None]:
    apply_language(i18n.PSEUDO)
    yield
    apply_language("en")


@pytest.fixture
def demo(journal: Journal) -> Journal:
    write_demo(journal, days=60)
    return journal


def problems(root: QWidget, data: list[str]) -> list[tuple[str, str]]:
    texts = visible_texts(root)
    qt_own = {
        button.text()
        for box in root.findChildren(QDialogButtonBox)
        for button in box.buttons()
        if box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton
    }
    texts = [(where, without_still_english(text)) for where, text in texts if text not in qt_own]
    return untranslated(texts, data, published_wording()) + [
        ("clipped " + where, text) for where, text in clipped(root)
    ]


def test_every_view_is_translated_and_nothing_is_clipped(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, clock: FixedClock
) -> None:
    """``LANGUAGE=x-pseudo medjournal --db journal.db``, as a person starts it, on a journal with entries."""
    demo = open_journal(journal_path, clock)
    write_demo(demo, days=60)
    data = person_data(demo)
    demo.close()
    monkeypatch.setenv("LANGUAGE", i18n.PSEUDO)
    found: dict[str, list[tuple[str, str]]] = {}
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.width() == 1280)

        for section in SECTIONS:
            show_and_wait(qtbot, window, section)
            found[section] = problems(window, data)
        for questionnaire in CHART_ORDER:  # Journal › Fill in a questionnaire lists them in this order
            window.start_questionnaire(questionnaire)
            card = of_type(window.view("today"), TodayView).questionnaires.card
            qtbot.waitUntil(card.isVisible)
            found[questionnaire] = problems(window, data)
        looking_at_lock_screen(
            qtbot, window, lambda screen: found.update({"lock screen": problems(screen, data)})
        )
        seen["title"] = window.windowTitle()
        seen["tabs"] = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        window.close()

    try:
        assert start_like_the_command(monkeypatch, journal_path, clock.now().isoformat(), session) == 0
    finally:
        apply_language("en")
    assert found == {key: [] for key in (*SECTIONS, *CHART_ORDER, "lock screen")}
    # the walk did look at pseudo-translated texts (a check that can fail)
    assert str(seen["title"]).startswith("⟦")
    assert all(str(tab).startswith("⟦") for tab in seen["tabs"]), seen["tabs"]


def test_every_dialog_is_translated_and_nothing_is_clipped(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """Each dialog over the window started as ``LANGUAGE=x-pseudo medjournal --db journal.db``."""
    demo = open_journal(journal_path, clock)
    write_demo(demo, days=60)
    # the journal error's own sentence comes from the code that refused the file (not translated here)
    data = person_data(demo, "The file is damaged.", "Traceback", "Duloxetine", "doses.csv", str(tmp_path))
    demo.close()
    data += ["date", "time", "medication", "amount"]  # the CSV file's own header row
    data += documentation(i18n.PSEUDO)  # the documents Help shows are English (no guide in the pseudo-locale)
    monkeypatch.setenv("LANGUAGE", i18n.PSEUDO)
    found: dict[str, list[tuple[str, str]]] = {}
    titles: list[str] = []

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(1280, 800)
        titles.extend(dialogs(window.journal, tmp_path))
        look_at_dialogs(
            qtbot,
            window.journal,
            tmp_path,
            lambda title, dialog: found.update({title: problems(dialog, data)}),
        )
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        window.close()

    try:
        assert start_like_the_command(monkeypatch, journal_path, clock.now().isoformat(), session) == 0
    finally:
        apply_language("en")
    assert found == {title: [] for title in titles}


def test_the_walk_sees_a_text_that_skipped_translation(qtbot: QtBot, pseudo: None) -> None:
    """The check itself: an unwrapped label and a label too narrow for its text are both reported."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    from medjournal.i18n import _

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QLabel(_("Settings")))
    layout.addWidget(QLabel("Not wrapped"))
    narrow = QLabel(_("Remind me of scheduled doses not yet logged"))
    narrow.setFixedWidth(60)
    layout.addWidget(narrow)
    root.show()
    qtbot.waitExposed(root)
    assert problems(root, []) == [
        ("QLabel", "Not wrapped"),
        ("clipped QLabel", _("Remind me of scheduled doses not yet logged")),
    ]


def test_the_walk_keeps_published_wording_only_around_accounted_for_text(qtbot: QtBot, pseudo: None) -> None:
    """The check itself: the PGIC's validated English stem passes filled in with a translated text, the person's
    medication or a date, and is reported when a placeholder holds an English word that skipped translation;
    a page of the bundled documents passes, the same words in a label of the dialog's own do not."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    from medjournal.domain.instruments import instrument
    from medjournal.i18n import _

    stem = instrument("pgic").stem
    translated = stem.format(medication=_("this medication"), date=_("the start date"))
    typed = stem.format(medication="Duloxetine", date="2026-02-04")
    skipped = stem.format(medication="this medication", date="2026-02-04")
    title = document_titles(i18n.PSEUDO)[-1]
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    for text in (translated, typed, skipped, f"{title} (see the documentation)"):
        layout.addWidget(QLabel(text))
    root.show()
    qtbot.waitExposed(root)
    data = ["Duloxetine", *documentation(i18n.PSEUDO)]
    assert [text for _where, text in problems(root, data)] == [skipped, f"{title} (see the documentation)"]
    assert published_wording() == [stem]


def test_the_walk_sees_a_clipped_column_header_and_spin_box(qtbot: QtBot, pseudo: None) -> None:
    """The check itself: a column narrower than its title and a spin box narrower than its "not rated" text are
    reported; the same title in a wide column and the same spin box at its own size are not."""
    from PySide6.QtWidgets import QTreeWidget, QVBoxLayout

    from medjournal.i18n import _
    from medjournal.ui.today.checkin_form import ScaleSpinBox

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    tree = QTreeWidget()
    tree.setHeaderLabels([_("Side effect"), _("Severity")])
    tree.header().setStretchLastSection(False)
    tree.setColumnWidth(0, 400)
    tree.setColumnWidth(1, 30)
    layout.addWidget(tree)
    narrow, roomy = ScaleSpinBox(), ScaleSpinBox()
    narrow.setFixedWidth(50)
    layout.addWidget(narrow)
    layout.addWidget(roomy)
    root.resize(600, 300)
    root.show()
    qtbot.waitExposed(root)
    assert [problem for problem in problems(root, []) if problem[0].startswith("clipped")] == [
        ("clipped QHeaderView section 1", _("Severity")),
        ("clipped ScaleSpinBox", narrow.specialValueText()),
    ]


def test_the_walk_sees_clipped_titles_tabs_items_boxes_and_row_headers(qtbot: QtBot, pseudo: None) -> None:
    """The check itself: a group box, a tab, a combo box item, a check box and a table's row title each too
    narrow for its text are reported, and so are a plain tooltip wider than the screen and a menu wider than
    it; the same widgets with room are not."""
    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QGroupBox,
        QHBoxLayout,
        QMenu,
        QTableWidget,
        QTabWidget,
        QVBoxLayout,
    )

    from medjournal.i18n import _

    def widgets(width: int | None) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        group = QGroupBox(_("Questions for the doctor"))
        QVBoxLayout(group).addWidget(QWidget())
        tabs = QTabWidget()
        tabs.addTab(QWidget(), _("Medications"))
        tabs.addTab(QWidget(), _("Summary"))
        combo = QComboBox()
        combo.addItems([_("Since the last visit (else 90 days)")])
        tick = QCheckBox(_("Mark my open questions as asked"))
        table = QTableWidget(1, 1)
        table.setVerticalHeaderLabels([_("Side effects")])
        for widget in (group, tabs, combo, tick, table):
            if width is not None:
                widget.setFixedWidth(width)
                table.verticalHeader().setFixedWidth(width // 2)
            layout.addWidget(widget)
        return column

    root = QWidget()
    qtbot.addWidget(root)
    row = QHBoxLayout(root)
    narrow, roomy = widgets(60), widgets(None)
    roomy.setObjectName("roomy")
    row.addWidget(narrow)
    row.addWidget(roomy)
    narrow.setToolTip(_("Asked questions leave the next summary") * 12)
    menu = QMenu(_("Journal"), root)
    menu.addAction(_("Fill in a &questionnaire") * 20)
    root.resize(1200, 700)
    root.show()
    qtbot.waitExposed(root)
    found = [where for where, _text in clipped(root)]
    assert sorted(found) == sorted(
        [
            "QGroupBox title",
            "QTabBar tab 0",
            "QTabBar tab 1",
            "QComboBox item",
            "QCheckBox",
            "QHeaderView row 0",
            "tooltip",
            "QMenu",
        ]
    )
    assert clipped(roomy) == []
