"""The journal's schema as a ladder of small numbered migrations (applied by sqlite-utils ``Migrations``;
see storage/migration_ladder.py).

Never edit a migration that has shipped: add a new one. ``SCHEMA_VERSION`` is written to ``PRAGMA user_version``
after migrating, so a journal from a newer medjournal can be recognised and refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medjournal.storage.migration_ladder import MigrationLadder

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

from medjournal.storage import safety_dates

MIGRATION_SET = "medjournal"
# 'MJRN': marks the file as a medjournal journal, so another program's SQLite file is not mistaken for one.
APPLICATION_ID = 0x4D4A524E

migrations = MigrationLadder(MIGRATION_SET)


# 0001's tables, kept as they shipped: medications, their dose steps and the doses taken.
_M0001_MEDICATIONS = """
        CREATE TABLE medications (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT '',
            form TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT 'mg',
            notes TEXT NOT NULL DEFAULT '',
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            recorded_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX medications_name ON medications (name COLLATE NOCASE);

        CREATE TABLE regimens (
            id INTEGER PRIMARY KEY,
            medication_id INTEGER NOT NULL REFERENCES medications(id) ON DELETE CASCADE,
            start_date TEXT NOT NULL,
            end_date TEXT,
            dose REAL NOT NULL CHECK (dose > 0),
            unit TEXT NOT NULL,
            times TEXT NOT NULL DEFAULT '[]',
            as_needed INTEGER NOT NULL DEFAULT 0 CHECK (as_needed IN (0, 1)),
            max_daily INTEGER,
            reason TEXT NOT NULL DEFAULT '',
            stop_reason TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX regimens_medication ON regimens (medication_id, start_date);

        CREATE TABLE dose_logs (
            id INTEGER PRIMARY KEY,
            medication_id INTEGER NOT NULL REFERENCES medications(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            slot TEXT,
            taken_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('taken', 'skipped')),
            amount REAL,
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX dose_logs_day ON dose_logs (day, medication_id);

"""

# Check-ins, side effects, questionnaires and treatments: the day's entries.
_M0001_DAILY_ENTRIES = """        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            time TEXT NOT NULL,
            pain INTEGER CHECK (pain BETWEEN 0 AND 10),
            mood INTEGER CHECK (mood BETWEEN 0 AND 10),
            sleep INTEGER CHECK (sleep BETWEEN 0 AND 10),
            sleep_hours REAL,
            locations TEXT NOT NULL DEFAULT '[]',
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX checkins_day ON checkins (day);

        CREATE TABLE side_effects (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            symptom TEXT NOT NULL,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 3),
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX side_effects_day ON side_effects (day);

        CREATE TABLE questionnaires (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            instrument TEXT NOT NULL,
            answers TEXT NOT NULL,
            score REAL NOT NULL,
            medication_id INTEGER REFERENCES medications(id) ON DELETE SET NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX questionnaires_day ON questionnaires (day, instrument);

        CREATE TABLE treatments (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            minutes INTEGER,
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX treatments_day ON treatments (day);

"""

# Safety events, visits, questions for the doctor and settings.
_M0001_EVENTS_AND_SETTINGS = """        CREATE TABLE safety_events (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            shown TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX safety_events_day ON safety_events (day);

        CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );

        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            asked_on TEXT,
            recorded_at TEXT NOT NULL
        );

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    # One script, the very text 0001 has always run (only split into named parts to be read).
    db.executescript(_M0001_MEDICATIONS + _M0001_DAILY_ENTRIES + _M0001_EVENTS_AND_SETTINGS)


@migrations(name="0002_stock_and_warnings")
def m0002_stock_and_warnings(db: Database) -> None:
    db.executescript(
        """
        ALTER TABLE medications ADD COLUMN stock_units REAL;
        ALTER TABLE medications ADD COLUMN unit_size REAL;
        ALTER TABLE medications ADD COLUMN refill_warning_days INTEGER;
        ALTER TABLE checkins ADD COLUMN self_harm_thoughts INTEGER CHECK (self_harm_thoughts IN (0, 1));

        CREATE TABLE refills (
            id INTEGER PRIMARY KEY,
            medication_id INTEGER NOT NULL REFERENCES medications(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            units REAL NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX refills_medication ON refills (medication_id, day);

        CREATE TABLE warning_acks (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            acknowledged_at TEXT NOT NULL
        );
        """
    )


@migrations(name="0003_safety_days_and_known_as")
def m0003_safety_days_and_known_as(db: Database) -> None:
    """Safety events name the answer they came from and take its day; a medication may say what it is."""
    db.execute("ALTER TABLE safety_events ADD COLUMN source TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE safety_events ADD COLUMN source_id INTEGER")
    db.execute("ALTER TABLE medications ADD COLUMN known_as TEXT NOT NULL DEFAULT ''")
    safety_dates.backfill(db.conn)


@migrations(name="0004_import_source")
def m0004_import_source(db: Database) -> None:
    """Where an entry came from: '' for entries made in medjournal, else the import that brought it
    (``csv``, ``medtimer``; docs/csv-import.md)."""
    db.executescript(
        """
        ALTER TABLE dose_logs ADD COLUMN source TEXT NOT NULL DEFAULT '';
        ALTER TABLE checkins ADD COLUMN source TEXT NOT NULL DEFAULT '';
        ALTER TABLE side_effects ADD COLUMN source TEXT NOT NULL DEFAULT '';
        """
    )


@migrations(name="0005_measures")
def m0005_measures(db: Database) -> None:
    """Optional measures (docs/clinical.md §6.7), one table for the three kinds, each in one unit: ``value`` is
    the weight in kg, the upper (systolic) pressure in mmHg, or the drinks in the week ending on ``day``."""
    db.executescript(
        """
        CREATE TABLE measures (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('weight', 'blood_pressure', 'alcohol')),
            value REAL NOT NULL CHECK (value >= 0),
            diastolic INTEGER CHECK (diastolic IS NULL OR kind = 'blood_pressure'),
            pulse INTEGER CHECK (pulse IS NULL OR kind = 'blood_pressure'),
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            CHECK ((kind = 'blood_pressure') = (diastolic IS NOT NULL))
        );
        CREATE INDEX measures_day ON measures (day, kind);
        """
    )


@migrations(name="0006_activities")
def m0006_activities(db: Database) -> None:
    """The person's own activities, each rated weekly 0 can't do - 10 as before (docs/clinical.md §2, Function).
    Retiring one keeps its ratings; a rating's ``day`` is the day it is about."""
    db.executescript(
        """
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            retired_on TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX activities_name ON activities (name COLLATE NOCASE);

        CREATE TABLE activity_ratings (
            id INTEGER PRIMARY KEY,
            activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX activity_ratings_day ON activity_ratings (day, activity_id);
        """
    )


@migrations(name="0007_stock_counted_at")
def m0007_stock_counted_at(db: Database) -> None:
    """The moment a medication's stock count was given (docs/reminders.md, "Stock and refills"): a dose taken
    before it is already reflected in the count. A count kept before this is taken as given when the medication
    was added."""
    db.execute("ALTER TABLE medications ADD COLUMN stock_counted_at TEXT")
    backfill_stock_counted_at(db.conn)


def backfill_stock_counted_at(conn: sqlite3.Connection) -> None:
    """A tracked stock without the moment of its count (a journal or an export from before 0007): the moment
    the medication was added, when a count is most often given (``med add --stock``)."""
    conn.execute(
        "UPDATE medications SET stock_counted_at = recorded_at "
        "WHERE stock_units IS NOT NULL AND stock_counted_at IS NULL"
    )


MIGRATION_NAMES: tuple[str, ...] = tuple(m.name for m in migrations._migrations)
SCHEMA_VERSION = len(MIGRATION_NAMES)

# Tables that hold the person's entries, in an order that satisfies foreign keys on import.
DATA_TABLES: tuple[str, ...] = (
    "medications",
    "regimens",
    "dose_logs",
    "checkins",
    "side_effects",
    "questionnaires",
    "treatments",
    "safety_events",
    "visits",
    "questions",
    "refills",
    "warning_acks",
    "measures",
    "activities",
    "activity_ratings",
    "settings",
)
