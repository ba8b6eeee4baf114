"""The window's language: medjournal's own catalogue (medjournal.i18n) and Qt's for its standard dialogs."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from medjournal import i18n

_installed: list[QTranslator] = []


def apply_language(code: str | None) -> str:
    """Use ``code`` (a journal setting; empty means the system's language) for medjournal's texts, Qt's own
    buttons (Yes, No, Cancel in QMessageBox and the file dialogs) and Qt's number and date widgets.
    Returns the language in use."""
    chosen = i18n.set_language(code or i18n.system_language())
    app = QApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    if chosen == i18n.PSEUDO:
        return chosen
    QLocale.setDefault(QLocale(i18n.formatting_locale()))
    if app is not None and chosen != i18n.SOURCE_LANGUAGE:
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        if translator.load(QLocale(chosen), "qtbase", "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return chosen
