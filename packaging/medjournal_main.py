"""Entry point of the PyInstaller bundle: the same as the ``medjournal`` command.

One extra, for checking a bundle on a machine without a screen: with ``MEDJOURNAL_SMOKE_WINDOW=JOURNAL.db``
set, the bundle opens that journal in the real window offscreen, checks it is shown with its icon, prints one
``SMOKE {json}`` line and exits (see smoke_window.py and build_bundle.sh). With ``MEDJOURNAL_BUNDLE_DEBUG=1``
every log record, including the tracebacks the command line keeps at DEBUG, goes to stderr: for diagnosing
a bundle that fails where the source tree works (usually a module or data file PyInstaller did not collect).
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    smoke_journal = os.environ.get("MEDJOURNAL_SMOKE_WINDOW")
    if smoke_journal:
        from smoke_window import report_smoke_window

        return report_smoke_window(smoke_journal)
    if os.environ.get("MEDJOURNAL_BUNDLE_DEBUG"):
        import logging

        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
    from medjournal.cli.entry import run

    run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
