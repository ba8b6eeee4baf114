"""``python -m medjournal``: the same as the ``medjournal`` command."""

from medjournal.cli.entry import run

if __name__ == "__main__":
    run()
