"""medjournal: a private, offline medication journal.

The package is split by layer (see docs/architecture.md):

- ``medjournal.domain``: plain Python records, validation, schedules and analysis;
- ``medjournal.storage``: the SQLite journal and the Journal API;
- ``medjournal.report``: the doctor-visit summary as data, PDF and charts;
- ``medjournal.ui``: the PySide6 window;
- ``medjournal.cli``: the command line.
"""

from __future__ import annotations

from importlib import metadata

APP_NAME = "medjournal"
APP_ID = "org.medjournal.MedJournal"

try:
    __version__ = metadata.version("medjournal")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
