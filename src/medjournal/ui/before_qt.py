"""The window's modules that use no Qt, loaded before Qt is (docs/architecture.md, *Start-up*).

Once PySide6 is loaded, it reads the source file of every module imported after it, to see whether the module
asks for one of PySide6's ``__feature__`` switches (``from __feature__ import snake_case``): about 45 ms of CPU of
every window start went on reading the journal's own storage and domain modules and the libraries under them,
none of which uses Qt. ``ui/app.py`` imports this module before it imports PySide6, so they load first and
PySide6 passes them by; the window loads them anyway. ``tests/ui/test_window_start_order.py`` lists any module
of medjournal without Qt that a start still loads after Qt.
"""

from __future__ import annotations

import contextlib
import importlib
import sys

MODULES = (
    "medjournal.crashlog",
    "medjournal.paths",
    "medjournal.autostart",
    "medjournal.resources",
    "medjournal.manual",
    # The journal opened for writing, its checks and its automatic backups.
    "medjournal.storage.journal",
    "medjournal.storage.database",
    "medjournal.storage.check_ahead",
    "medjournal.storage.autobackup",
    "medjournal.storage.lock",
    "medjournal.storage.in_use",
    "medjournal.storage.read_only",
    "medjournal.storage.exchange",
    # What Today and the reminders compute.
    "medjournal.domain.warnings",
    "medjournal.domain.mood_warnings",
    "medjournal.domain.self_harm_warnings",
    "medjournal.domain.stock",
    "medjournal.domain.activities",
    "medjournal.domain.reminders",
    "medjournal.domain.due",
    "medjournal.domain.symptoms",
    "medjournal.domain.instrument_wording",
    "medjournal.domain.settings_rules",
    "medjournal.domain.series",
    "medjournal.domain.drug_names",
    # The window's own modules without Qt: packages, and what a save plans and writes (last: it imports the
    # window's error messages, and with them Qt).
    "medjournal.ui.journal",
    "medjournal.ui.today",
    "medjournal.ui.history",
    "medjournal.ui.today.today_save",
    "medjournal.ui.journal_write",
)
# Loaded later on purpose, after the journal's checks have begun in the background (ui/app.py): sqlite-utils takes
# about as long to load as the checks of a large journal take, so they run meanwhile.
AFTER_THE_CHECKS_BEGIN = ("medjournal.storage.sqlite_lib",)
# Desktop notifications on Linux (ui/notifications.py); not installed elsewhere.
OPTIONAL = ("jeepney", "jeepney.io.blocking") if sys.platform.startswith("linux") else ()


def load() -> None:
    for name in MODULES:
        importlib.import_module(name)
    for name in OPTIONAL:
        with contextlib.suppress(ImportError):  # the notifications then say why, when first used
            importlib.import_module(name)


load()
