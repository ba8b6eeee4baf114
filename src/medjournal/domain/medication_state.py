"""A medication's state on a day, which every place that words it asks (docs/command-line.md, "med list"):
taken now ("current"), not yet begun or restarted later ("planned"), or ended ("stopped").

A medication added with a start after today, or stopped and restarted from a later day, is planned from that day,
never "stopped"; a dose step that begins after today is the next step, shown as starting then.

    >>> from datetime import date
    >>> from medjournal.domain.records import Regimen
    >>> later = Regimen(1, 1, date(2026, 12, 10), None, 75, "mg")
    >>> medication_state([later], date(2026, 12, 6)).kind
    'planned'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from medjournal.domain.records import Regimen
from medjournal.domain.value import Value, record


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class MedicationState(Value):
    """What :func:`medication_state` finds: the state, its day, and the next dose step."""

    kind: str  # "current", "planned", "stopped", or "none" (no dose step at all)
    # current: the first day of its first step; planned: the first day of the next step; stopped: the first day
    # without it (the day after the last one taken)
    day: date | None
    next_step: Regimen | None  # the first step that begins after the day asked about


def medication_state(steps: Sequence[Regimen], today: date) -> MedicationState:
    ordered = sorted(steps, key=lambda s: (s.start_date, s.id))
    upcoming = next((s for s in ordered if s.start_date > today), None)
    if not ordered:
        return MedicationState("none", None, None)
    if any(s.active_on(today) for s in ordered):
        return MedicationState("current", ordered[0].start_date, upcoming)
    if upcoming is not None:
        return MedicationState("planned", upcoming.start_date, upcoming)
    last_end = max((s.end_date for s in ordered if s.end_date is not None), default=None)
    return MedicationState("stopped", last_end + timedelta(days=1) if last_end else None, None)


def is_planned(step: Regimen, today: date) -> bool:
    """A dose step that begins after ``today``."""
    return step.start_date > today
