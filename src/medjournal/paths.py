"""Where the journal, its backups and the logs live.

Order of precedence for the journal file: an explicit path (``--db``), then ``MEDJOURNAL_DB``, then
``MEDJOURNAL_HOME/journal.db``, then the platform's user data directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from medjournal import APP_NAME
from medjournal.domain.value import Value, record

JOURNAL_FILENAME = "journal.db"


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class AppPaths(Value):
    """The folders the app writes to. Built once and passed in; nothing deeper reads the environment."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def default_journal(self) -> Path:
        return self.data_dir / JOURNAL_FILENAME

    @property
    def default_backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> AppPaths:
        env = os.environ if environ is None else environ
        home = env.get("MEDJOURNAL_HOME")
        if home:
            base = Path(home).expanduser()
            return cls(data_dir=base, config_dir=base / "config", log_dir=base / "logs")
        import platformdirs  # only here: a command given --db or MEDJOURNAL_HOME starts without it

        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )


def resolve_journal_path(
    explicit: str | os.PathLike[str] | None, environ: dict[str, str] | None = None
) -> Path:
    """The journal file to open: ``--db`` wins, then ``MEDJOURNAL_DB``, then the default location."""
    env = os.environ if environ is None else environ
    if explicit:
        return Path(explicit).expanduser()
    from_env = env.get("MEDJOURNAL_DB")
    if from_env:
        return Path(from_env).expanduser()
    return AppPaths.from_environment(env).default_journal


def backup_dir_for(journal_path: Path) -> Path:
    """Backups sit in a ``backups`` folder beside the journal, so a journal and its backups travel together."""
    return journal_path.expanduser().resolve().parent / "backups"
