"""The installed ``medjournal`` program: :func:`medjournal.cli.main`, then, for a command that only read and
printed, the end of the process as soon as its output is out.

When Python ends normally it takes apart every module and object the command loaded, one by one: about a tenth
of the CPU time of ``today --json``, which status bars run every minute, and for nothing, since the process is
about to end. ``run`` ends it at once (``os._exit``) when nothing can be left to do, that is when all of these
hold (docs/architecture.md, "The command line"):

- the command opened the journal only for reading (``Context.opened_for_reading_only``): ``today``, ``med list``,
  ``stock``, ``activity list``; or no command ran at all (``--version``, ``--help``, a usage error). Any command
  that could write, or whose read-only open gave way to the full one, ends the usual way;
- it ended with a number (its exit status), not a message;
- no other thread is running and nothing is registered to run at exit (``atexit``): logging, a background
  backup or a temporary folder would have been waiting for the usual end;
- standard output and standard error were written out (flushed) without a problem: otherwise the usual end
  reports it as before.

Anything else, the window included, ends exactly as :func:`medjournal.cli.main` ends. Tests and other callers
that run ``main`` in their own process are not affected: only the installed script, ``python -m medjournal``
and the bundle call ``run``.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading

from medjournal import cli


def run() -> None:
    """The ``medjournal`` command (pyproject's ``[project.scripts]``)."""
    try:
        cli.main()
    except SystemExit as ended:
        if _nothing_left_to_do(ended.code) and _output_written():
            os._exit(ended.code if isinstance(ended.code, int) else 0)
        raise


def _nothing_left_to_do(code: object) -> bool:
    state = cli.last_context
    callbacks = getattr(atexit, "_ncallbacks", None)  # CPython's; elsewhere the usual end
    return (
        (code is None or type(code) is int)
        and (state is None or state.opened_for_reading_only)
        and threading.active_count() == 1
        and callbacks is not None
        and callbacks() == 0
    )


def _output_written() -> bool:
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the usual end says so, as it always did
        return False
    return True
