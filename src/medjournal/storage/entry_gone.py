"""The sentence for an entry that is no longer in the journal, naming its kind in words.

History, Today and the Summary hold rows they read a moment ago; another window, a restore or an undo can remove
one before it is edited, deleted or marked. The refusal then names the kind of entry as a person knows it ("That
check-in no longer exists"), never the table it is stored in (docs/translating.md).
"""

from __future__ import annotations

from medjournal.i18n import N_, _

GONE = {
    "checkins": N_("That check-in no longer exists in the journal."),
    "side_effects": N_("That side effect entry no longer exists in the journal."),
    "treatments": N_("That treatment entry no longer exists in the journal."),
    "questionnaires": N_("That questionnaire no longer exists in the journal."),
    "dose_logs": N_("That dose entry no longer exists in the journal."),
    "refills": N_("That refill no longer exists in the journal."),
    "visits": N_("That visit to the doctor no longer exists in the journal."),
    "measures": N_("That measure no longer exists in the journal."),
    "activity_ratings": N_("That activity rating no longer exists in the journal."),
    "questions": N_("That question for the doctor no longer exists in the journal."),
    "safety_events": N_("That answer to the safety question no longer exists in the journal."),
    "regimens": N_("That dose step no longer exists in the journal."),
    "medications": N_("That medication no longer exists in the journal."),
}
SOME_ENTRY = N_("That entry no longer exists in the journal.")


def gone(table: str) -> str:
    """The refusal for a row of ``table`` that is not there (any other table: "That entry ...").

    >>> gone("checkins")
    'That check-in no longer exists in the journal.'
    """
    return _(GONE.get(table, SOME_ENTRY))


def not_editable() -> str:
    """The refusal for a kind of entry History cannot edit or delete."""
    return _("This kind of entry cannot be edited or deleted here.")
