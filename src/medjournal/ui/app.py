"""Starting the window: the QApplication, the journal, the main window and the error hook."""

from __future__ import annotations

import gc
import importlib
import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

# isort: split
# First the window's modules that use no Qt: PySide6 reads the source of each module imported after it.
from medjournal.ui import before_qt

# isort: split
import shiboken6
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

# isort: split
# Then, before anything else loads: PySide6's look at each module's source, without keeping the source in memory.
from medjournal.ui import pyside_source_check  # noqa: F401

# isort: split
from medjournal import APP_ID, APP_NAME, ORGANISATION, __version__
from medjournal.crashlog import enable_crash_log
from medjournal.domain.clock import Clock
from medjournal.paths import AppPaths
from medjournal.storage import check_ahead
from medjournal.storage.output_file import private_folder
from medjournal.ui import accessibility, errors
from medjournal.ui.language import apply_language

if TYPE_CHECKING:
    from medjournal.storage.journal import Journal

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so that settings, the desktop entry and the window icon line up."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("medjournal")
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    accessibility.install(app)
    if app.style().name().lower() == "fusion" and not isinstance(app.style(), VisibleIndicatorStyle):
        app.setStyle(VisibleIndicatorStyle())  # once: replacing the style re-polishes every widget
    return app


INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class VisibleIndicatorStyle(QProxyStyle):
    """Fusion with check boxes and radio buttons that stay visible on a dark palette.

    Fusion outlines an unchecked box in the window colour darkened by 40%, which on a dark palette is the
    colour of the box itself: "Where it hurts" showed labels with no boxes. On a dark palette this draws
    a frame in a mid grey over Fusion's own box; light palettes are left exactly as Fusion draws them.
    """

    def __init__(self, base: QStyle | None = None) -> None:
        super().__init__(base or QStyleFactory.create("Fusion"))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in INDICATORS or not is_dark(option.palette):
            return
        palette: QPalette = option.palette
        frame = QColor(palette.color(QPalette.ColorRole.WindowText))
        frame.setAlpha(150 if option.state & QStyle.StateFlag.State_Enabled else 70)
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -1.5, -1.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(frame)
        painter.setBrush(QColor(0, 0, 0, 0))
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 1.5, 1.5)
        painter.restore()


def app_icon() -> QIcon | None:
    """The window icon from the packaging engineer's ``medjournal.desktop`` module, when it is there."""
    try:
        desktop = importlib.import_module("medjournal.desktop")
    except ModuleNotFoundError as exc:
        if exc.name != "medjournal.desktop":
            raise
        return None
    # Every size (16-512), so title bars and task switchers get the simplified small drawing, not a 512 px
    # image scaled down (on X11 a lone 512 px icon is also sent whole, 1 MB, as the window's icon property).
    paths = [path for path in getattr(desktop, "app_icon_paths", list)() if Path(path).exists()]
    if paths:
        icon = QIcon()
        for path in paths:
            icon.addFile(str(path))
        return icon
    icon_path = getattr(desktop, "app_icon_path", None)
    if icon_path is None:
        return None
    path = icon_path()
    return QIcon(str(path)) if path and Path(path).exists() else None


def setup_logging(paths: AppPaths | None = None) -> None:
    """Log to a file in the log folder. Symptom and medication names are only ever logged at DEBUG."""
    folder = (paths or AppPaths.from_environment()).log_dir
    root = logging.getLogger("medjournal")
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        private_folder(folder)  # 0700 and 0600 whatever the umask
        log_file = folder / "medjournal.log"
        os.close(os.open(log_file, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600))
        os.chmod(log_file, 0o600)
        handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return  # a read-only home must not stop the window from opening
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    root.setLevel(logging.INFO)


WINDOW_MODULES = (
    "medjournal.ui.main_window",
    "medjournal.ui.journal.recovery",
    "medjournal.ui.journal.settings_dialog",
)


def load_window_modules() -> None:
    """Import what the main window needs (most of a start's imports); nothing here reads the journal."""
    for name in WINDOW_MODULES:
        importlib.import_module(name)


def run_window(db_path: Path, clock: Clock) -> int:
    """Open the journal at ``db_path`` in the window and run until it is closed. Returns the exit code."""
    collecting = gc.isenabled()
    gc.disable()  # until the window is shown (docs/architecture.md, *Start-up*)
    try:
        return _run_window(db_path, clock, collecting)
    finally:
        check_ahead.discard(db_path)  # a check begun and not taken (the journal was not opened here)
        if collecting:
            gc.enable()


def _days_first_backup_now(journal: Journal) -> None:
    """The day's first automatic backup of ``journal``, taken now and waited for, when the window's start ended
    before it began it (the window begins it at the event loop's first turn: docs/data-safety.md, *Backups in
    the background*). A backup that cannot be made never hides why the start ended. The window is ending: the
    backups waited for here tell it nothing (a call queued to a window deleted next could reach it after)."""
    auto = journal.auto_backup
    if auto is None or auto.first_begun:
        return
    auto.finished = None
    try:
        auto.on_open()
        auto.wait()
    except Exception as exc:  # the start's own error goes on
        log.warning("the day's first backup could not be begun: %s", type(exc).__name__)


def _run_window(db_path: Path, clock: Clock, collecting: bool) -> int:
    check_ahead.begin(db_path)  # a plain journal's checks at once; an encrypted one's once it is unlocked
    app = application()
    setup_logging()
    enable_crash_log(AppPaths.from_environment().log_dir)
    from medjournal.ui.journal.unlock_dialog import unlock_at_start
    from medjournal.ui.single_instance import WindowServer, bring_forward_existing

    if bring_forward_existing(db_path):  # one app: the window already showing this journal comes forward
        log.info("the journal is open in another window; brought it to the front")
        return 0
    # An encrypted journal's passphrase is asked before the window's modules load, and they load while its key
    # is derived (docs/data-safety.md, *Speed*); a plain journal loads them here. The journal's safe-open checks
    # run in the background from the moment it can be read, while what is left to load loads; nothing opens
    # it for writing before they have passed (storage/check_ahead.py).
    if not unlock_at_start(db_path.expanduser(), load_window_modules):
        return 1
    check_ahead.begin(db_path)  # nothing new when begun above
    load_window_modules()
    for name in before_qt.AFTER_THE_CHECKS_BEGIN:  # sqlite-utils, for the writing connection
        importlib.import_module(name)
    from medjournal.ui.journal.recovery import open_for_window
    from medjournal.ui.journal.settings_dialog import apply_journal_settings
    from medjournal.ui.main_window import MainWindow

    # One window per journal; a refused file offers its backup. The day's first automatic backup waits until the
    # window is shown, so that the start does not share the machine with it (docs/data-safety.md).
    opened = open_for_window(db_path, clock, first_backup_later=True)
    check_ahead.discard(db_path)  # not taken when the journal was refused or another window has it
    if opened is None:
        return 1
    journal, journal_lock = opened
    try:
        apply_journal_settings(journal)
        apply_language(str(journal.setting("language", "") or ""))
        window = MainWindow(journal, clock, lock=journal_lock)
        hook = errors.install_excepthook(lambda: window)
        window.show()
        window.focus_current_section()  # the first key acts on what is highlighted (Today: the first open dose)
        window.begin_days_first_backup(journal)
        server = WindowServer(db_path, window.bring_to_front, window)  # goes with the window
    except BaseException:
        _days_first_backup_now(journal)  # the start failed with the journal open: its backup is still taken
        raise
    if collecting:
        gc.enable()
    try:
        return app.exec()
    finally:
        server.close()
        errors.uninstall_excepthook(hook)
        if window.journal is journal:
            _days_first_backup_now(journal)  # the window closed before the event loop first turned
        journal = window.journal
        # Destroy the window and what hangs off it (reminder timers, tray icon) now, so nothing fires
        # after the journal is closed, also when run_window is called from a longer-lived process.
        window.hide()
        shiboken6.delete(window)
        journal.close()
        journal_lock.release()  # no-op when the window switched journals and released it already
