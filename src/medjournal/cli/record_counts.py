"""How many records of each kind a command wrote or read, in words: "medications 1, dose logs 40"."""

from __future__ import annotations

from collections.abc import Mapping

from medjournal.i18n import N_, _

# The journal's tables (storage/schema.py DATA_TABLES) as a person calls them; a table not named here is shown
# by its own name.
RECORD_NAMES = {
    "medications": N_("medications"),
    "regimens": N_("dose steps"),
    "dose_logs": N_("dose logs"),
    "checkins": N_("check-ins"),
    "side_effects": N_("side effects"),
    "questionnaires": N_("questionnaires"),
    "treatments": N_("treatments"),
    "safety_events": N_("safety events"),
    "visits": N_("visits"),
    "questions": N_("questions"),
    "refills": N_("refills"),
    "warning_acks": N_("acknowledged warnings"),
    "measures": N_("measures"),
    "activities": N_("activities"),
    "activity_ratings": N_("activity ratings"),
    "settings": N_("settings"),
}


def counts_text(counts: Mapping[str, int]) -> str:
    """The kinds with at least one record and their numbers, or "no records"."""
    shown = [
        _("{records} {count}").format(
            records=_(RECORD_NAMES[table]) if table in RECORD_NAMES else table.replace("_", " "), count=count
        )
        for table, count in counts.items()
        if count
    ]
    return ", ".join(shown) or _("no records")
