"""SQLite storage for medjournal: open and migrate a journal file, and the Journal API everyone writes through.

No Qt here. One place (``journal.py``) writes SQL for each table.
"""

from medjournal.storage.database import open_database
from medjournal.storage.journal import Journal, open_journal

__all__ = ["Journal", "open_database", "open_journal"]
