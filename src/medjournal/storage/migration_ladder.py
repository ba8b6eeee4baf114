"""The list of schema migrations, kept without loading sqlite-utils until a journal is actually migrated.

sqlite-utils' ``Migrations`` records what it applied in the ``_sqlite_migrations`` table; medjournal keeps using it
for that (journals written by every earlier version hold that table). Importing sqlite-utils costs more than a read
command's whole run, though (docs/data-safety.md, "Opening for reading"), so the ladder is declared here and handed
to sqlite-utils only when ``pending``, ``applied`` or ``apply`` is called: the read-only open needs just the names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from medjournal.domain.value import Value, record

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MigrationFunction = Callable[["Database"], None]


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Step(Value):
    """One migration of the journal's schema: its name and the function that applies it."""

    name: str
    fn: MigrationFunction


class MigrationLadder:
    """Declared like sqlite-utils ``Migrations`` (``@migrations(name="0003_...")``) and applied by it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Step] = []

    def __call__(self, *, name: str) -> Callable[[MigrationFunction], MigrationFunction]:
        def register(fn: MigrationFunction) -> MigrationFunction:
            if any(step.name == name for step in self._migrations):
                raise ValueError(f"Migration {name!r} is declared twice")
            self._migrations.append(Step(name, fn))
            return fn

        return register

    def _sqlite_utils(self) -> Migrations:
        from medjournal.storage.sqlite_lib import Migrations

        real = Migrations(self.name)
        for step in self._migrations:
            real(name=step.name)(step.fn)
        return real

    def pending(self, db: Database) -> list[Any]:
        return self._sqlite_utils().pending(db)

    def applied(self, db: Database) -> list[Any]:
        return self._sqlite_utils().applied(db)

    def apply(self, db: Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        self._sqlite_utils().apply(db, stop_before=stop_before)
