"""The demo's optional measures (docs/clinical.md §6.7): a weekly weight and drinks count and a blood pressure
every ten days or so, so that the demo summary's page 1 shows its before → now line.

They draw from their own random stream, so the rest of the demo stays exactly as it was.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from medjournal.domain.clock import FixedClock
from medjournal.domain.measures import to_kg

if TYPE_CHECKING:
    from medjournal.demo import DemoPlan
    from medjournal.storage.journal import Journal


def write_measures(
    writer: Journal, clock: FixedClock, plan: DemoPlan, now: datetime, seed: int, pounds: bool
) -> None:
    """Sunday mornings: weight (in pounds for the English demo, whose person lives in the US, in kilograms for
    the others: the same weights either way) and the week's drinks; every tenth day a blood pressure with pulse.
    Weight creeps up by about 3 lb (1.5 kg) over eight weeks on the medication, blood pressure a little, and
    drinks fall from about 5 to about 2 a week (the label's liver caution)."""
    first_day, start_day, last_day = plan.first_day, plan.start_day, plan.last_day
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
            pounds_weighed = 181.0 + 3.2 * settled + rng.gauss(0, 0.6)
            if pounds:
                writer.add_measure("weight", round(pounds_weighed, 1), unit="lb", day=day)
            else:
                writer.add_measure("weight", round(to_kg(pounds_weighed, "lb"), 1), unit="kg", day=day)
            drinks = 5 - 3 * settled + rng.choice((-1, 0, 0, 1))
            writer.add_measure("alcohol", max(0, round(drinks)), day=day)
        if (day - first_day).days % 10 == 3:
            upper = round(126 + 4 * settled + rng.gauss(0, 3))
            lower = round(82 + 2 * settled + rng.gauss(0, 2))
            writer.add_measure(
                "bp", upper, diastolic=lower, pulse=round(70 + 3 * settled + rng.gauss(0, 3)), day=day
            )
        day += timedelta(days=1)
