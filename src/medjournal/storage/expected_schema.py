"""The schema medjournal's migrations make, written out so that opening a current journal need not make it again.

``schema_check`` compares a journal's schema with what medjournal's own migrations create, run on an empty
in-memory database (docs/data-safety.md, *Hostile files*): about 4 ms at every opening, a twentieth of
``today --json``. For a journal with every migration applied (the one case the read-only open accepts, and
every journal after its first opening by this version) the answer is always the same, so it is kept here.
It is a copy, never the rule: ``tests/test_read_only_open.py`` fails unless it is exactly what the migrations
make now, and for any other list of migrations the schema is made from them as before.

After adding a migration, write this file again: ``python -m medjournal.storage.expected_schema``.
"""

# ruff: noqa: E501 (statements written as SQLite keeps them, one a line)

from __future__ import annotations

from pathlib import Path

MIGRATIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_stock_and_warnings",
    "0003_safety_days_and_known_as",
    "0004_import_source",
    "0005_measures",
    "0006_activities",
    "0007_stock_counted_at",
)

# One object a line: its type, name and table, then its statement with the spaces normalised, as
# schema_check._objects reads them from sqlite_master.
WRITTEN = """\
index activities_name activities CREATE UNIQUE INDEX activities_name ON activities (name COLLATE NOCASE)
index activity_ratings_day activity_ratings CREATE INDEX activity_ratings_day ON activity_ratings (day, activity_id)
index checkins_day checkins CREATE INDEX checkins_day ON checkins (day)
index dose_logs_day dose_logs CREATE INDEX dose_logs_day ON dose_logs (day, medication_id)
index idx__sqlite_migrations_migration_set_name _sqlite_migrations CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name" ON "_sqlite_migrations" ("migration_set", "name")
index measures_day measures CREATE INDEX measures_day ON measures (day, kind)
index medications_name medications CREATE UNIQUE INDEX medications_name ON medications (name COLLATE NOCASE)
index questionnaires_day questionnaires CREATE INDEX questionnaires_day ON questionnaires (day, instrument)
index refills_medication refills CREATE INDEX refills_medication ON refills (medication_id, day)
index regimens_medication regimens CREATE INDEX regimens_medication ON regimens (medication_id, start_date)
index safety_events_day safety_events CREATE INDEX safety_events_day ON safety_events (day)
index side_effects_day side_effects CREATE INDEX side_effects_day ON side_effects (day)
index sqlite_autoindex_settings_1 settings
index sqlite_autoindex_warning_acks_1 warning_acks
index treatments_day treatments CREATE INDEX treatments_day ON treatments (day)
table _sqlite_migrations _sqlite_migrations CREATE TABLE "_sqlite_migrations" ( "id" INTEGER PRIMARY KEY, "migration_set" TEXT, "name" TEXT, "applied_at" TEXT )
table activities activities CREATE TABLE activities ( id INTEGER PRIMARY KEY, name TEXT NOT NULL, retired_on TEXT, recorded_at TEXT NOT NULL )
table activity_ratings activity_ratings CREATE TABLE activity_ratings ( id INTEGER PRIMARY KEY, activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE, day TEXT NOT NULL, rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10), note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL )
table checkins checkins CREATE TABLE checkins ( id INTEGER PRIMARY KEY, day TEXT NOT NULL, time TEXT NOT NULL, pain INTEGER CHECK (pain BETWEEN 0 AND 10), mood INTEGER CHECK (mood BETWEEN 0 AND 10), sleep INTEGER CHECK (sleep BETWEEN 0 AND 10), sleep_hours REAL, locations TEXT NOT NULL DEFAULT '[]', note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL , self_harm_thoughts INTEGER CHECK (self_harm_thoughts IN (0, 1)), source TEXT NOT NULL DEFAULT '')
table dose_logs dose_logs CREATE TABLE dose_logs ( id INTEGER PRIMARY KEY, medication_id INTEGER NOT NULL REFERENCES medications(id) ON DELETE CASCADE, day TEXT NOT NULL, slot TEXT, taken_at TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('taken', 'skipped')), amount REAL, note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL , source TEXT NOT NULL DEFAULT '')
table measures measures CREATE TABLE measures ( id INTEGER PRIMARY KEY, day TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('weight', 'blood_pressure', 'alcohol')), value REAL NOT NULL CHECK (value >= 0), diastolic INTEGER CHECK (diastolic IS NULL OR kind = 'blood_pressure'), pulse INTEGER CHECK (pulse IS NULL OR kind = 'blood_pressure'), note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL, CHECK ((kind = 'blood_pressure') = (diastolic IS NOT NULL)) )
table medications medications CREATE TABLE medications ( id INTEGER PRIMARY KEY, name TEXT NOT NULL, purpose TEXT NOT NULL DEFAULT '', form TEXT NOT NULL DEFAULT '', unit TEXT NOT NULL DEFAULT 'mg', notes TEXT NOT NULL DEFAULT '', archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)), recorded_at TEXT NOT NULL , stock_units REAL, unit_size REAL, refill_warning_days INTEGER, known_as TEXT NOT NULL DEFAULT '', stock_counted_at TEXT)
table questionnaires questionnaires CREATE TABLE questionnaires ( id INTEGER PRIMARY KEY, day TEXT NOT NULL, instrument TEXT NOT NULL, answers TEXT NOT NULL, score REAL NOT NULL, medication_id INTEGER REFERENCES medications(id) ON DELETE SET NULL, recorded_at TEXT NOT NULL )
table questions questions CREATE TABLE questions ( id INTEGER PRIMARY KEY, text TEXT NOT NULL, asked_on TEXT, recorded_at TEXT NOT NULL )
table refills refills CREATE TABLE refills ( id INTEGER PRIMARY KEY, medication_id INTEGER NOT NULL REFERENCES medications(id) ON DELETE CASCADE, day TEXT NOT NULL, units REAL NOT NULL, note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL )
table regimens regimens CREATE TABLE regimens ( id INTEGER PRIMARY KEY, medication_id INTEGER NOT NULL REFERENCES medications(id) ON DELETE CASCADE, start_date TEXT NOT NULL, end_date TEXT, dose REAL NOT NULL CHECK (dose > 0), unit TEXT NOT NULL, times TEXT NOT NULL DEFAULT '[]', as_needed INTEGER NOT NULL DEFAULT 0 CHECK (as_needed IN (0, 1)), max_daily INTEGER, reason TEXT NOT NULL DEFAULT '', stop_reason TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL )
table safety_events safety_events CREATE TABLE safety_events ( id INTEGER PRIMARY KEY, day TEXT NOT NULL, occurred_at TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', shown TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL , source TEXT NOT NULL DEFAULT '', source_id INTEGER)
table settings settings CREATE TABLE settings ( key TEXT PRIMARY KEY, value TEXT NOT NULL )
table side_effects side_effects CREATE TABLE side_effects ( id INTEGER PRIMARY KEY, day TEXT NOT NULL, symptom TEXT NOT NULL, severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 3), note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL , source TEXT NOT NULL DEFAULT '')
table treatments treatments CREATE TABLE treatments ( id INTEGER PRIMARY KEY, day TEXT NOT NULL, kind TEXT NOT NULL, minutes INTEGER, note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL )
table visits visits CREATE TABLE visits ( id INTEGER PRIMARY KEY, day TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL )
table warning_acks warning_acks CREATE TABLE warning_acks ( id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, acknowledged_at TEXT NOT NULL )
"""


def _read(written: str) -> dict[tuple[str, str], tuple[str, str]]:
    objects = {}
    for line in written.splitlines():
        kind, name, table, *sql = line.split(" ", 3)  # SQLite's own indexes have no statement
        objects[kind, name] = (table, sql[0] if sql else "")
    return objects


OBJECTS = _read(WRITTEN)


def objects_for(applied: tuple[str, ...]) -> dict[tuple[str, str], tuple[str, str]] | None:
    """The expected schema after ``applied``, when it is the one written here; else None (make it)."""
    return OBJECTS if applied == MIGRATIONS else None


def write() -> None:
    """Write this file again from the migrations."""
    from medjournal.storage import schema
    from medjournal.storage.read_only import expected_objects_plain

    names = tuple(schema.MIGRATION_NAMES)
    made = sorted(expected_objects_plain(names).items())
    text = Path(__file__).read_text(encoding="utf-8")
    lines = ["MIGRATIONS: tuple[str, ...] = (", *(f'    "{name}",' for name in names), ")"]
    lines += [text[text.index("\n# One object a line") : text.index('WRITTEN = """')] + 'WRITTEN = """\\']
    lines += [f"{kind} {name} {table} {sql}".rstrip() for (kind, name), (table, sql) in made]
    start, end = text.index("MIGRATIONS: tuple"), text.index('"""', text.index('WRITTEN = """') + 14)
    Path(__file__).write_text(text[:start] + "\n".join(lines) + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    write()
