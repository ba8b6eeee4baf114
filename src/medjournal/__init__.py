"""medjournal: a private, offline medication journal.

The package is split by layer (see docs/architecture.md):

- ``medjournal.domain``: plain Python records, validation, schedules and analysis;
- ``medjournal.storage``: the SQLite journal and the Journal API;
- ``medjournal.report``: the doctor-visit summary as data, PDF and charts;
- ``medjournal.ui``: the PySide6 window;
- ``medjournal.cli``: the command line.
"""

from __future__ import annotations

import os
import sys

APP_NAME = "medjournal"
APP_ID = "org.medjournal.MedJournal"
ORGANISATION = "medjournal"  # QSettings' organisation (ui/app.py, ui/main_window.py)


def _installed_version() -> str:
    """The installed version, from the name of the package's dist-info folder.

    Importing importlib.metadata costs about 40 ms at every start; finding the folder on sys.path costs well
    under 1 ms and gives the same answer for a wheel, an editable install or a bundle.
    """
    prefix, suffix = "medjournal-", ".dist-info"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(suffix):
                return name[len(prefix) : -len(suffix)]
    from importlib import metadata

    try:
        return metadata.version("medjournal")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"


__version__ = _installed_version()
