"""The two tiers of errors in the window (docs/contributing.md §3).

Expected failures (:class:`MedjournalError`: bad input, a locked, damaged or read-only journal, a full disk)
are one clear sentence for the person. Anything else is a bug: it is logged with its traceback and shown in a
dialog with "Copy details", and the window keeps working.

Message boxes hide behind :func:`show_message` and :func:`ask_yes_no`, so tests can replace them.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medjournal import __version__
from medjournal.domain.errors import JournalFileError, MedjournalError, ValidationError
from medjournal.i18n import _
from medjournal.ui.tab_chain import follow_reading_order

log = logging.getLogger(__name__)
T = TypeVar("T")


def sentence_for(exc: MedjournalError) -> str:
    """The one sentence (or two) a person sees for an expected failure."""
    text = exc.message
    if isinstance(exc, JournalFileError) and exc.newest_backup:
        text += " " + _("The newest good backup is {path}.").format(path=exc.newest_backup)
    return text


def show_message(parent: QWidget | None, text: str, title: str = "medjournal") -> None:
    """Tell the person something that needs acknowledging (an expected failure, a finished action)."""
    QMessageBox.warning(parent, title, text)


def ask_yes_no(parent: QWidget | None, text: str, title: str = "medjournal") -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


@dataclass(frozen=True)
class Done(Generic[T]):
    """An action that succeeded, with what it returned (which may be None)."""

    value: T


def attempt(
    action: Callable[[], T],
    parent: QWidget | None,
    show: Callable[[str], object] | None = None,
    field: Callable[[ValidationError], object] | None = None,
) -> Done[T] | None:
    """Run ``action`` with the two tiers of errors; None when it failed (and the person was told).

    An expected failure is one sentence (:func:`sentence_for`): given to ``field`` when it is a
    ``ValidationError`` and ``field`` is given, else to ``show``, else in a message over ``parent``. Anything
    else is a bug: it goes to ``sys.excepthook`` (in the window, :class:`ExceptionHook`: the dialog with
    "Copy details") and the window goes on.
    """
    try:
        return Done(action())
    except ValidationError as exc:
        if field is not None:
            field(exc)
        else:
            _say(parent, show, sentence_for(exc))
    except MedjournalError as exc:
        _say(parent, show, sentence_for(exc))
    except Exception as exc:  # a bug: reported with its details, and the window keeps working
        sys.excepthook(type(exc), exc, exc.__traceback__)
    return None


def _say(parent: QWidget | None, show: Callable[[str], object] | None, text: str) -> None:
    if show is not None:
        show(text)
    else:
        show_message(parent, text)


def guarded(parent: QWidget | None, action: Callable[[], T]) -> T | None:
    """Run ``action`` (:func:`attempt`, with the sentence in a message); its result, or None when it failed."""
    done = attempt(action, parent)
    return done.value if done is not None else None


class UnexpectedErrorDialog(QDialog):
    """Something went wrong that is not the person's fault, with details to copy into a bug report."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Something went wrong"))
        self.details = details
        layout = QVBoxLayout(self)
        message = QLabel(
            _(
                "medjournal ran into a problem it did not expect. What you saved before is safe in your journal, "
                "and you can keep working. If it happens again, please copy the details into a bug report."
            )
        )
        message.setWordWrap(True)
        layout.addWidget(message)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setMinimumHeight(160)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        follow_reading_order(buttons)  # Tab goes along the buttons as they are shown
        self.resize(560, 360)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(_("Copied"))


def details_for(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    return f"medjournal {__version__}, Python {sys.version.split()[0]}\n\n" + "".join(lines)


class ExceptionHook:
    """``sys.excepthook`` for the window: expected errors as one sentence, bugs logged and shown with details.

    Qt calls Python slots from its event loop; an exception escaping a slot reaches this hook and the event
    loop carries on, so the window keeps working.
    """

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None) -> None:
        self.parent = parent
        self.previous = sys.excepthook
        self.dialogs: list[UnexpectedErrorDialog] = []

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)
            return
        if isinstance(exc, MedjournalError):
            log.info("expected failure reached the event loop: %s", type(exc).__name__)
            show_message(self.parent(), sentence_for(exc))
            return
        # The message may quote a medication or symptom name: only the type and the code path go above DEBUG.
        log.error("unexpected error %s at\n%s", exc_type.__name__, "".join(traceback.format_tb(tb)).rstrip())
        log.debug("unexpected error, with its message", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None:
            self.previous(exc_type, exc, tb)
            return
        dialog = UnexpectedErrorDialog(details_for(exc_type, exc, tb), self.parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        self.dialogs.append(dialog)
        dialog.show()

    def _forget(self, dialog: UnexpectedErrorDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)


def install_excepthook(parent: Callable[[], QWidget | None] = lambda: None) -> ExceptionHook:
    hook = ExceptionHook(parent)
    sys.excepthook = hook
    return hook


def uninstall_excepthook(hook: ExceptionHook) -> None:
    if sys.excepthook is hook:
        sys.excepthook = hook.previous
