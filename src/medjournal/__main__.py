"""``python -m medjournal``: the same as the ``medjournal`` command."""

from medjournal.cli import main

if __name__ == "__main__":
    main()
