"""What one Save on Today writes: the check-in (new, or the one already saved from this form), the day's
side-effect ratings that changed, and other treatments, validated first and then written in one transaction.

Saving twice never makes a duplicate: an unchanged check-in or rating is not written again, a changed one
updates its entry, and a save that failed wrote nothing (docs/today.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from medjournal.domain import entries
from medjournal.domain.records import CheckIn
from medjournal.i18n import _, ngettext
from medjournal.storage.journal import Journal
from medjournal.storage.journal_entries import SELF_HARM_DETAIL


@dataclass
class SavePlan:
    day: date
    checkin: dict[str, Any] | None = None  # values to write, or None when the check-in is unchanged
    checkin_id: int | None = None  # the saved check-in to update
    effects_new: dict[str, int] = field(default_factory=dict)  # symptom: severity
    effects_changed: dict[int, int] = field(default_factory=dict)  # entry id: severity
    effects_removed: list[int] = field(default_factory=list)  # entry ids cleared with Delete
    treatments: dict[str, int | None] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (
            self.checkin is not None
            or self.effects_new
            or self.effects_changed
            or self.effects_removed
            or self.treatments
        )

    def validate(self, today: date) -> None:
        """Every entry through the same validation the Journal API applies; raises ValidationError."""
        if self.checkin is not None:
            entries.checkin({**self.checkin, "day": self.day}, today)
        for symptom, severity in self.effects_new.items():
            entries.side_effect({"symptom": symptom, "severity": severity, "day": self.day}, today)
        for kind, minutes in self.treatments.items():
            entries.treatment({"kind": kind, "minutes": minutes, "day": self.day}, today)

    def summary(self) -> list[str]:
        done = []
        if self.checkin is not None:
            done.append(_("check-in") if self.checkin_id is None else _("check-in updated"))
        effects = len(self.effects_new) + len(self.effects_changed)
        if effects:
            done.append(ngettext("{n} side effect", "{n} side effects", effects).format(n=effects))
        if self.effects_removed:
            count = len(self.effects_removed)
            done.append(
                ngettext("{n} side-effect rating removed", "{n} side-effect ratings removed", count).format(
                    n=count
                )
            )
        if self.treatments:
            count = len(self.treatments)
            done.append(ngettext("{n} treatment", "{n} treatments", count).format(n=count))
        return done


def plan_save(
    day: date,
    values: dict[str, Any] | None,
    saved: tuple[CheckIn, dict[str, Any]] | None,
    ratings: dict[str, int],
    saved_effects: dict[str, tuple[int, int]],
    treatments: Mapping[str, int | None],
) -> SavePlan:
    """``values`` are the form's check-in values (None when the form is empty); ``saved`` the check-in this
    form saved before, with the values it was saved with."""
    plan = SavePlan(day, treatments=dict(treatments))
    if values is not None and (saved is None or saved[1] != values):
        plan.checkin = dict(values)
        plan.checkin_id = saved[0].id if saved is not None else None
    for symptom, severity in ratings.items():
        if symptom not in saved_effects:
            plan.effects_new[symptom] = severity
        elif saved_effects[symptom][1] != severity:
            plan.effects_changed[saved_effects[symptom][0]] = severity
    plan.effects_removed = [entry_id for key, (entry_id, _) in saved_effects.items() if key not in ratings]
    return plan


def write_plan(journal: Journal, plan: SavePlan, saved: CheckIn | None) -> CheckIn | None:
    """Write the plan as one transaction; returns the check-in as saved (None when there is none)."""
    result = saved
    with journal.batch():
        if plan.checkin is not None:
            if plan.checkin_id is None:
                result = journal.add_checkin(day=plan.day, **plan.checkin)
            else:
                updated = journal.update_entry("checkins", plan.checkin_id, plan.checkin)
                assert isinstance(updated, CheckIn)
                if updated.self_harm_thoughts and not (saved is not None and saved.self_harm_thoughts):
                    journal.record_safety_event(
                        "self_harm_question", SELF_HARM_DETAIL, day=plan.day, source=("checkin", updated.id)
                    )
                result = updated
        for symptom, severity in plan.effects_new.items():
            journal.add_side_effect(symptom, severity, day=plan.day)
        for entry_id, severity in plan.effects_changed.items():
            journal.update_entry("side_effects", entry_id, {"severity": severity})
        for entry_id in plan.effects_removed:
            journal.delete_entry("side_effects", entry_id)
        for kind, minutes in plan.treatments.items():
            journal.add_treatment(kind, day=plan.day, minutes=minutes)
    return result
