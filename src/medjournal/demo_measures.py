"""The demo's optional measures (docs/clinical.md §6.7): a weekly weight and drinks count and a blood pressure
every ten days or so, so that the demo summary's page 1 shows its before → now line.

They draw from their own random stream, so the rest of the demo stays exactly as it was.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from medjournal.domain.clock import FixedClock

if TYPE_CHECKING:
    from medjournal.storage.journal import Journal


def write_measures(
    writer: Journal,
    clock: FixedClock,
    first_day: date,
    start_day: date,
    last_day: date,
    now: datetime,
    seed: int,
) -> None:
    """Sunday mornings: weight in pounds (the demo's person lives in the US) and the week's drinks; every tenth
    day a blood pressure with pulse. Weight creeps up by about 3 lb over eight weeks on the medication, blood
    pressure a little, and drinks fall from about 5 to about 2 a week (the label's liver caution)."""
    rng = random.Random(seed)
    day = first_day
    while day <= last_day:
        moment = datetime.combine(day, time(7, 30)).replace(tzinfo=now.tzinfo)
        if moment > now:
            break
        clock.set(moment)
        weeks_on = max(0.0, (day - start_day).days / 7)
        settled = min(weeks_on, 8) / 8
        if day.weekday() == 6:
            writer.add_measure(
                "weight", round(181.0 + 3.2 * settled + rng.gauss(0, 0.6), 1), unit="lb", day=day
            )
            drinks = 5 - 3 * settled + rng.choice((-1, 0, 0, 1))
            writer.add_measure("alcohol", max(0, round(drinks)), day=day)
        if (day - first_day).days % 10 == 3:
            upper = round(126 + 4 * settled + rng.gauss(0, 3))
            lower = round(82 + 2 * settled + rng.gauss(0, 2))
            writer.add_measure(
                "bp", upper, diastolic=lower, pulse=round(70 + 3 * settled + rng.gauss(0, 3)), day=day
            )
        day += timedelta(days=1)
