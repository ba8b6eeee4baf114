"""Other treatments in time (docs/clinical.md §5.9): a treatment that began inside or between the before and after
windows is a second explanation for a change, and the result says so with its name and date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from medjournal.domain.records import Treatment
from medjournal.i18n import N_


@dataclass(frozen=True)
class TreatmentBegan:
    kind: str
    day: date
    where: str  # "in the baseline window" | "between the windows" | "in the current window"


def treatment_starts(treatments: Iterable[Treatment]) -> dict[str, date]:
    """The first day of each kind of treatment (the journal's whole history up to the period's end)."""
    starts: dict[str, date] = {}
    for treatment in treatments:
        if treatment.kind not in starts or treatment.day < starts[treatment.kind]:
            starts[treatment.kind] = treatment.day
    return starts


def began_around(
    starts: dict[str, date], baseline: tuple[date, date] | None, current: tuple[date, date]
) -> list[TreatmentBegan]:
    """Treatments whose first session falls in the baseline window, between the windows or in the current one.

    >>> starts = {"physical_therapy": date(2026, 4, 5), "exercise": date(2025, 1, 1)}
    >>> began_around(starts, (date(2026, 3, 12), date(2026, 3, 25)), (date(2026, 5, 7), date(2026, 5, 20)))
    [TreatmentBegan(kind='physical_therapy', day=datetime.date(2026, 4, 5), where='between the windows')]
    """
    if baseline is None:
        return []
    found = []
    for kind, day in sorted(starts.items(), key=lambda item: item[1]):
        if baseline[0] <= day <= baseline[1]:
            where = N_("in the baseline window")
        elif baseline[1] < day < current[0]:
            where = N_("between the windows")
        elif current[0] <= day <= current[1]:
            where = N_("in the current window")
        else:
            continue
        found.append(TreatmentBegan(kind, day, where))
    return found
