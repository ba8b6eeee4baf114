"""The main window: five sections as tabs, a menu with shortcuts, and remembered size, position and section.

Each section offers :class:`~medjournal.ui.section.Section` (docs/architecture.md, "The window's sections"):
after a write in one section, each other section reads the journal once (only the days the write touched,
where it says so). The sections other than Today are made when first shown, so starting the window does not
pay for charts and PDF code.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QMenu,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medjournal import ORGANISATION, __version__
from medjournal.domain import instruments
from medjournal.domain.clock import Clock
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import N_, _
from medjournal.paths import AppPaths
from medjournal.storage.journal import Journal
from medjournal.storage.output_file import private_folder
from medjournal.ui import errors
from medjournal.ui.dialog_fit import available
from medjournal.ui.help import show_about, show_help
from medjournal.ui.journal import journal_actions
from medjournal.ui.section import Days, Section
from medjournal.ui.tab_chain import scroll_to_focus
from medjournal.ui.today.today_view import TodayView

if TYPE_CHECKING:
    from medjournal.ui.history.history_view import HistoryView
    from medjournal.ui.medications.medications_view import MedicationsView
    from medjournal.ui.summary.summary_view import SummaryView
    from medjournal.ui.trends.trends_view import TrendsView

log = logging.getLogger(__name__)

APPLICATION = "medjournal"


def make_section(key: str, journal: Journal, at_start: bool = False) -> tuple[QWidget, Section]:
    """The view of section ``key``: the widget and, the same object, its :class:`Section` side. A section's
    module is imported here, when it is first shown, so that starting the window pays only for Today.
    ``at_start``: the section the window opens on; Trends then shows its frame at once and builds its chart
    after the window shows, between the event loop's turns (docs/architecture.md, *Start-up*)."""
    view: TodayView | MedicationsView | HistoryView | TrendsView | SummaryView
    match key:
        case "today":
            view = TodayView(journal)
        case "medications":
            from medjournal.ui.medications.medications_view import MedicationsView

            view = MedicationsView(journal)
        case "history":
            from medjournal.ui.history.history_view import HistoryView

            view = HistoryView(journal)
        case "trends":
            from medjournal.ui.trends.trends_view import TrendsView

            view = TrendsView(journal, in_steps=at_start)
        case "summary":
            from medjournal.ui.summary.summary_view import SummaryView

            view = SummaryView(journal)
        case _:
            raise ValueError(f"no section {key!r}")
    return view, view


@dataclass(frozen=True)
class SectionEntry:
    """A tab of the window: its key and its title. :func:`make_section` makes its view; only Today is made at
    start, the others when first shown."""

    key: str
    title: str


SECTIONS = (
    SectionEntry("today", N_("Today")),
    SectionEntry("medications", N_("Medications")),
    SectionEntry("history", N_("History")),
    SectionEntry("trends", N_("Trends")),
    SectionEntry("summary", N_("Summary")),
)


UI_SETTINGS_FILE = "window.ini"


def ui_settings() -> QSettings:
    """The window's own preferences (geometry, last section). Journal data never goes here.

    With ``MEDJOURNAL_HOME`` set (a portable or test setup) they live in its config folder, beside everything
    else the app writes; otherwise in the platform's place for per-user settings.
    """
    if os.environ.get("MEDJOURNAL_HOME"):
        path = AppPaths.from_environment().config_dir / UI_SETTINGS_FILE
        settings = QSettings(str(path), QSettings.Format.IniFormat)
    else:
        settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)
    with contextlib.suppress(OSError):  # owner-only whatever the umask (the process umask is 077 as well)
        private_folder(Path(settings.fileName()).parent)
    return settings


class MainWindow(QMainWindow):
    """The journal window. ``journal_switched`` fires after another journal file was opened in it."""

    journal_switched = Signal()

    def __init__(
        self,
        journal: Journal,
        clock: Clock | None = None,
        first_run: bool = True,
        open_journal: Callable[[Path, bool], Journal] | None = None,
        parent: QWidget | None = None,
        lock: Any = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.clock = clock or journal.clock
        self._open_journal = open_journal
        self.views: dict[str, Section] = {}  # the sections made so far, by key
        self._widgets: dict[str, QWidget] = {}  # the same views as widgets
        self.holders: list[QWidget] = []
        # The one-window lock of the journal shown; switching journals (File > Open) hands it over.
        self._journal_lock: Any = lock
        self._restoring = False
        self.setWindowTitle(self._title())
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._build_sections()
        self._build_menus()
        self.tabs.currentChanged.connect(self._section_changed)
        self.statusBar().showMessage(_("Private and offline: your journal stays on this computer."))
        self.resize(default_size(available(self).size()))
        self.restore_state()
        self.first_run_dialog: QWidget | None = None
        self._first_run_pending = first_run and journal.is_empty()
        from medjournal.ui.reminders import ReminderController

        self.reminders = ReminderController(
            self, journal, quit_action=self.quit_action, show_today=lambda: self.show_section("today")
        )
        self.journal_switched.connect(lambda: self.reminders.use_journal(self.journal))
        self.reminders.journal_changed.connect(self.refresh_sections)
        from medjournal.ui.journal.idle_lock import IdleLock

        self.idle_lock = IdleLock(self)  # an encrypted journal's lock after its idle minutes
        from medjournal.ui.journal.backup_status import BackupStatus

        self.backup_status = BackupStatus(self)  # a failed background backup is said in the status bar

    @property
    def journal_lock(self) -> Any:
        """The one-window lock of the journal shown (None in tests that open journals without one)."""
        return self._journal_lock

    # -- sections ---------------------------------------------------------------------------------------

    def _title(self) -> str:
        name = self.journal.path.name if self.journal.path else _("journal")
        return _("medjournal: {name}").format(name=name)

    def _build_sections(self) -> None:
        for section in SECTIONS:
            # Each section scrolls when the window is smaller than it wants (150% and 200% scaling on a
            # small screen), so no section can force the window larger than the screen.
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            holder = QWidget()
            holder.setObjectName(f"section-{section.key}")
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            scroller.setWidget(holder)
            # Tab goes from the section tabs straight to the section's first control, not to this pane.
            scroll_to_focus(scroller)
            self.holders.append(holder)
            self.tabs.addTab(scroller, _(section.title))
        # No section is made here: restore_state() makes the one the window opens on, the others are made
        # when first shown (a start on Trends does not build Today too).

    def _load_section(self, section: SectionEntry, at_start: bool = False) -> Section:
        if section.key in self.views:
            return self.views[section.key]
        widget, view = make_section(section.key, self.journal, at_start)
        layout = self.holders[SECTIONS.index(section)].layout()
        assert layout is not None
        layout.addWidget(widget)
        self.views[section.key] = view
        self._widgets[section.key] = widget
        view.journal_changed.connect(lambda days, key=section.key: self.refresh_sections(days, but=key))
        return view

    def view(self, key: str) -> QWidget:
        """The view of a section, loading it if it was not shown yet."""
        self.section(key)
        return self._widgets[key]

    def section(self, key: str) -> Section:
        """The section ``key``, loading it if it was not shown yet."""
        return self._load_section(next(s for s in SECTIONS if s.key == key))

    def today(self) -> TodayView:
        view = self.view("today")
        assert isinstance(view, TodayView)
        return view

    def refresh_sections(self, days: Days | None = None, but: str | None = None) -> None:
        """After a write: each section made so far reads the journal again once, all of it or only ``days``
        (Trends over ten years then reads a day, not ten years); ``but`` is the section that wrote, which
        has read again already."""
        for key, view in self.views.items():
            if key == but:
                continue
            if days is None:
                view.refresh()
            else:
                view.refresh_days(*days)

    def _section_changed(self, index: int) -> None:
        if 0 <= index < len(SECTIONS):
            # restore_state's choice of the section the window opens on is the start's
            self._load_section(SECTIONS[index], at_start=self._restoring)
            if not self._restoring:
                ui_settings().setValue("window/section", SECTIONS[index].key)

    def show_section(self, key: str) -> None:
        index = next(i for i, s in enumerate(SECTIONS) if s.key == key)
        self.tabs.setCurrentIndex(index)
        self._load_section(SECTIONS[index]).focus_first()

    def focus_current_section(self) -> None:
        """Give the keyboard focus to the shown section's first field (on Today, the first open dose), not the
        tab bar: the window opens ready for the first key."""
        self._load_section(SECTIONS[self.tabs.currentIndex()]).focus_first()

    def begin_days_first_backup(self, journal: Journal) -> None:
        """Start the day's first automatic backup of ``journal`` (opened with it left for later) at the event
        loop's first turn, once this window is shown: on a large journal the copy would otherwise share the
        machine with the start (docs/data-safety.md, *Backups in the background*). Nothing when the window has
        moved on to another journal by then (its own first backup was begun when it was opened)."""

        def begin() -> None:
            if journal is self.journal and journal.auto_backup is not None:
                journal.auto_backup.on_open()

        QTimer.singleShot(0, self, begin)

    def bring_to_front(self) -> None:
        """A second launch of medjournal for this journal: show this window, in front, instead of a message."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage(
            _("medjournal was started again: this is the window with your journal."), 5000
        )

    def current_section(self) -> str:
        return SECTIONS[self.tabs.currentIndex()].key

    # -- menus ------------------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        menu: QMenu | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self._action(_("&Open another journal…"), self.open_other_journal, None, file_menu)
        self._action(_("&Create a new journal…"), self.create_new_journal, None, file_menu)
        file_menu.addSeparator()
        self.backup_action = self._action(
            _("&Back up now"), lambda: journal_actions.back_up_now(self), None, file_menu
        )
        self.export_action = self._action(
            _("&Export…"), lambda: journal_actions.export_journal(self), None, file_menu
        )
        self.import_csv_action = self._action(_("&Import from CSV…"), self.import_from_csv, None, file_menu)
        self.restore_action = self._action(
            _("&Restore from backup…"), lambda: journal_actions.restore_from_backup(self), None, file_menu
        )
        file_menu.addSeparator()
        self.settings_action = self._action(_("&Settings…"), self.show_settings, "Ctrl+,", file_menu)
        file_menu.addSeparator()
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit, file_menu)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        journal_menu = bar.addMenu(_("&Journal"))
        self.save_action = self._action(_("&Save"), self.save_current, "Ctrl+S", journal_menu)
        self.new_checkin_action = self._action(_("&New check-in"), self.new_checkin, "Ctrl+N", journal_menu)
        questionnaires = journal_menu.addMenu(_("Fill in a &questionnaire"))
        for key in instruments.CHART_ORDER:
            label = _(instruments.INSTRUMENTS[key].menu_label)
            self._action(label, _bind(self.start_questionnaire, key), None, questionnaires)
        journal_menu.addSeparator()
        self._action(_("&Guided start…"), self.show_first_run, None, journal_menu)

        view_menu = bar.addMenu(_("&View"))
        self.section_actions: list[QAction] = []
        for number, section in enumerate(SECTIONS, start=1):
            action = self._action(
                f"&{number} {_(section.title)}",
                _bind(self.show_section, section.key),
                f"Ctrl+{number}",
                view_menu,
            )
            self.section_actions.append(action)
        view_menu.addSeparator()
        self.refresh_action = self._action(
            _("&Refresh"), self.refresh_all, QKeySequence.StandardKey.Refresh, view_menu
        )
        self.refresh_action.setShortcut(QKeySequence("F5"))  # F5 everywhere, also where Refresh is Ctrl+R

        help_menu = bar.addMenu(_("&Help"))
        self.help_action = self._action(_("medjournal &Help"), lambda: show_help(self), "F1", help_menu)
        about = _("&About medjournal {version}").format(version=__version__)
        self._action(about, lambda: show_about(self), None, help_menu)

    # -- actions ----------------------------------------------------------------------------------------

    def import_from_csv(self) -> None:
        from medjournal.ui.journal.csv_import_dialog import import_from_csv

        import_from_csv(self)

    def refresh_all(self) -> None:
        """Reload every section from the journal file (entries made on the command line meanwhile)."""
        self.refresh_sections()
        self.statusBar().showMessage(_("Reloaded from the journal file."), 5000)

    def save_current(self) -> None:
        if self.current_section() != "today":
            self.statusBar().showMessage(_("Nothing to save here: check-ins are saved on Today."), 5000)
            return
        self.today().save()

    def new_checkin(self) -> None:
        """Ctrl+N: a new check-in on Today (the one on screen stays saved as it was)."""
        if self.current_section() != "today":
            self.show_section("today")
        self.today().new_checkin()

    def start_questionnaire(self, instrument: str) -> None:
        self.show_section("today")
        self.today().start_questionnaire(instrument)

    def show_settings(self) -> None:
        from medjournal.ui.journal.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.journal, self)
        dialog.switch_requested.connect(self.switch_journal)
        dialog.passphrase_requested.connect(self.protect_with_passphrase)
        dialog.accepted.connect(self.refresh_sections)
        dialog.accepted.connect(lambda: self.idle_lock.follow())  # the lock's minutes may have changed
        dialog.activities_changed.connect(self.refresh_sections)
        dialog.open()
        self.settings_dialog = dialog

    def protect_with_passphrase(self) -> None:
        from medjournal.ui.journal.passphrase_dialog import protect_with_passphrase

        protect_with_passphrase(self)

    def show_first_run(self) -> None:
        from medjournal.ui.journal.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.journal, self)
        dialog.medication_added.connect(lambda _medication: self.refresh_sections())
        dialog.checkin_requested.connect(lambda: self.show_section("today"))
        dialog.demo_requested.connect(self.open_demo_journal)
        dialog.open()
        self.first_run_dialog = dialog

    def open_other_journal(self) -> None:
        from medjournal.ui.journal.settings_dialog import choose_journal_file

        path = choose_journal_file(self, create=False)
        if path is not None:
            self.switch_journal(path, False)

    def create_new_journal(self) -> None:
        from medjournal.ui.journal.settings_dialog import choose_journal_file

        path = choose_journal_file(self, create=True)
        if path is not None:
            self.switch_journal(path, True)

    def open_demo_journal(self) -> None:
        from medjournal.ui.journal.first_run import demo_journal_path, write_demo_journal

        path = demo_journal_path(self.journal)
        if errors.guarded(self, lambda: write_demo_journal(path, self.clock)) is not None:
            self.switch_journal(path, False)

    def switch_journal(self, path: Path, create: bool = False) -> None:
        """Open another journal file in this window; the current one stays open if that fails."""
        opener = self._open_journal or journal_actions.default_opener(self.clock)
        same = self.journal.path is not None and journal_actions.same_file(self.journal.path, Path(path))
        if same and self._journal_lock is not None:
            lock = self._journal_lock  # reopening this window's own journal (after a restore): keep its lock
        else:
            lock = journal_actions.window_lock(Path(path)) if self._open_journal is None else None
        if lock is not None and errors.guarded(self, lock.acquire) is None and not lock.held:
            return  # another window has that journal open; the message said so
        new_journal = errors.guarded(self, lambda: opener(Path(path), create))
        if new_journal is None:
            if lock is not None and lock is not self._journal_lock:
                lock.release()
            return
        if self._journal_lock is not None and self._journal_lock is not lock:
            self._journal_lock.release()
        self._journal_lock = lock
        old = self.journal
        self.journal = new_journal
        current = "today" if new_journal.is_empty() else self.current_section()
        for widget in self._widgets.values():
            widget.setParent(None)
            widget.deleteLater()
        self.views.clear()
        self._widgets.clear()
        for section in SECTIONS:
            if section.key in ("today", current):
                self._load_section(section)
        if current != self.current_section():
            self._restoring = True  # a new journal opens on Today; the remembered section stays
            try:
                self.tabs.setCurrentIndex(next(i for i, s in enumerate(SECTIONS) if s.key == current))
            finally:
                self._restoring = False
        old.close()
        self.focus_current_section()
        self.setWindowTitle(self._title())
        self.statusBar().showMessage(_("Opened {path}").format(path=path), 5000)
        self.journal_switched.emit()

    # -- remembered state -------------------------------------------------------------------------------

    def restore_state(self) -> None:
        settings = ui_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        # A brand-new or empty journal opens on Today whatever section another journal was left on
        # (the settings are per person, not per journal); the remembered section stays for the next one.
        key = "today" if _is_empty(self.journal) else settings.value("window/section", "today")
        keys = [s.key for s in SECTIONS]
        self._restoring = True
        try:
            self.tabs.setCurrentIndex(keys.index(key) if key in keys else 0)
            self._load_section(SECTIONS[self.tabs.currentIndex()], at_start=True)
        finally:
            self._restoring = False

    def save_state(self) -> None:
        settings = ui_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        if not _is_empty(self.journal):  # Today on an empty journal is not a choice to remember
            settings.setValue("window/section", self.current_section())
        settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The section was put in its scroll area before the window had its size, so the area's scroll bars
        # were set for a narrow area; Qt corrects them only at the event loop's next turn, after the first
        # frame (a horizontal bar over the hover line). Decided again now, for the size the window shows at.
        scroller = self.tabs.currentWidget()
        if isinstance(scroller, QScrollArea):
            scroller.setHorizontalScrollBarPolicy(scroller.horizontalScrollBarPolicy())
            scroller.setVerticalScrollBarPolicy(scroller.verticalScrollBarPolicy())
        if self._first_run_pending:  # an empty journal: the guided start, once, over the shown window
            self._first_run_pending = False
            self.show_first_run()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        if self._journal_lock is not None and event.isAccepted():
            self._journal_lock.release()
            self._journal_lock = None


def default_size(available: QSize) -> QSize:
    """1100×780, or less on a small screen (200% on 1920×1080 leaves 960×540): the first window must fit,
    title bar and all."""
    return QSize(min(1100, int(available.width() * 0.92)), min(780, int(available.height() * 0.88)))


def _bind(function: Callable[[str], None], value: str) -> Callable[[], None]:
    return lambda: function(value)


def _is_empty(journal: Journal) -> bool:
    """Whether the journal holds no entries; False once it is closed (the window may outlive it)."""
    try:
        return journal.is_empty()
    except MedjournalError:
        return False
