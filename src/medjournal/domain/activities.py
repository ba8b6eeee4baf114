"""The person's own activities (docs/clinical.md §2 "Function" and §5): up to three things back pain makes hard
("walk 20 minutes", "sit through a meal"), each rated weekly from 0 "can't do" to 10 "able to do as before".

The idea is the patient-specific functional scale's (Stratford et al. 1995, docs/clinical.md); the wording is the
journal's own. Plain Python: records, validation and the before/after comparison. No SQL and no Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, ClassVar

from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError
from medjournal.domain.records import DayRecord, Record
from medjournal.domain.response import MIN_PEG_DAYS, ComparisonSpan, Response, compare
from medjournal.domain.value import record
from medjournal.i18n import N_, _

MAX_ACTIVE = 3  # at most three activities are rated at a time
MAX_NAME_LENGTH = 60  # a short phrase: it is printed on one line of page 1
LOW, HIGH = 0, 10
LOW_ANCHOR, HIGH_ANCHOR = N_("can't do"), N_("able to do as before")
QUESTION = N_("How well could you do each of your own activities in the past week?")
MEASURE = "activity"


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Activity(Record):
    """An activity the person named. ``retired_on``: the day it stopped being asked (None = asked)."""

    table: ClassVar[str] = "activities"
    date_fields: ClassVar[tuple[str, ...]] = ("retired_on",)
    name: str
    retired_on: date | None = None

    @property
    def active(self) -> bool:
        return self.retired_on is None


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class ActivityRating(DayRecord):
    """One weekly rating; ``day`` is the day it was about (the week ending that day), whenever it was typed."""

    table: ClassVar[str] = "activity_ratings"
    activity_id: int
    rating: int
    note: str = ""


def check_name(name: object, others: Iterable[Activity] = (), own_id: int | None = None) -> str:
    """The cleaned name, or one sentence: empty, too long, or looking like another activity's name
    (case, accents and letters of other scripts aside: domain.validation.name_skeleton)."""
    if isinstance(name, str) and len(v.normalise_name(name)) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("The activity's name is longer than {n} characters; a short phrase is enough.").format(
                n=MAX_NAME_LENGTH
            ),
            "name",
        )
    cleaned = v.check_name(name, "activity's name")
    skeleton = v.name_skeleton(cleaned)
    for other in others:
        if other.id != own_id and v.name_skeleton(other.name) == skeleton:
            if other.active:
                message = _("There is already an activity called “{name}”.")
            else:
                message = _(
                    "There is already an activity called “{name}” (no longer asked); bring it back instead."
                )
            raise ValidationError(message.format(name=other.name), "name")
    return cleaned


def check_room(active: Sequence[Activity]) -> None:
    """At most :data:`MAX_ACTIVE` activities are asked at a time."""
    if len(active) >= MAX_ACTIVE:
        raise ValidationError(
            _("You already have {n} activities; stop asking one of them before adding another.").format(
                n=MAX_ACTIVE
            ),
            "name",
        )


def check_rating(value: object) -> int:
    return v.check_scale(value, "activity rating", LOW, HIGH)


def activity_row(values: Mapping[str, Any]) -> dict[str, Any]:
    """An activity as stored (import checks each record with it)."""
    retired = values.get("retired_on")
    return {
        "name": check_name(values.get("name")),
        "retired_on": v.parse_day(retired, "date retired").isoformat() if retired not in (None, "") else None,
    }


def rating_row(values: Mapping[str, Any], today: date) -> dict[str, Any]:
    """A rating as stored: the day it is about (not in the future), the 0–10 rating, an optional note."""
    from medjournal.domain.entries import as_day

    day = v.check_entry_day(as_day(values.get("day"), "date"), today)
    activity_id = values.get("activity_id")
    if isinstance(activity_id, bool) or not isinstance(activity_id, int):
        raise ValidationError(_("The rating's activity is not an activity of this journal."), "activity")
    return {
        "activity_id": activity_id,
        "day": day.isoformat(),
        "rating": check_rating(values.get("rating")),
        "note": v.check_note(values.get("note")),
    }


def daily_exact(ratings: Iterable[ActivityRating], activity_id: int) -> dict[date, Fraction]:
    """The exact mean of each day's ratings of one activity; days without one are absent."""
    sums: dict[date, list[int]] = {}
    for rating in ratings:
        if rating.activity_id != activity_id:
            continue
        total = sums.setdefault(rating.day, [0, 0])
        total[0] += int(rating.rating)
        total[1] += 1
    return {day: Fraction(total, count) for day, (total, count) in sorted(sums.items())}


@dataclass(frozen=True)
class ActivityResponse:
    """One activity before vs now, in the same windows as the medication's pain (higher = better)."""

    activity: Activity
    response: Response


def activity_responses(
    activities: Sequence[Activity],
    ratings: Sequence[ActivityRating],
    span: ComparisonSpan,
) -> tuple[ActivityResponse, ...]:
    """Each activity with a rating in either window of ``span``, compared like PEG (a window is valid with one
    rating, as a weekly answer; docs/methods.md). ``ratings`` must cover both windows (more does no harm)."""
    found = []
    for activity in activities:
        response = compare(daily_exact(ratings, activity.id), MEASURE, span, MIN_PEG_DAYS)
        if response.baseline_days or response.current_days:
            found.append(ActivityResponse(activity, response))
    return tuple(found)
