"""One warning of Today's list (domain/warnings.py computes them; the summary reuses some)."""

from __future__ import annotations

from datetime import date
from typing import Any

from medjournal.domain.value import Value, record


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class JournalWarning(Value):
    """A warning or an optional question made from the journal, with a stable key to acknowledge it by."""

    key: str
    # missed_days | stopped | lower_dose | over_daily_maximum | caution | not_checked | mood_screen | mood_drop
    # | stock | self_harm_answer
    kind: str
    day: date  # the day it refers to (the latest one)
    title: str
    message: str
    source: str = ""
    medication_ids: tuple[int, ...] = ()
    acknowledged: bool = False
    # What Today offers with it: "phq9" (the questionnaire), "self_harm" (the journal's own question), "help" (the
    # safety panel with the crisis lines).
    offers: tuple[str, ...] = ()
    # One line of what to watch for, for the person (a caution's bleeding or serotonin-syndrome signs).
    watch: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "date": self.day.isoformat(),
            "title": self.title,
            "message": self.message,
            "source": self.source,
            "acknowledged": self.acknowledged,
            "offers": list(self.offers),
            "watch": self.watch,
        }
