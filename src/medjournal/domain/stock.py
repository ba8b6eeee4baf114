"""Stock arithmetic: units on hand, "runs out in N days" from the schedule, and when to think about a refill.

Stock is counted in the medication's own units (capsules, tablets), each holding ``unit_size`` of the
dose unit: 60 mg from 30 mg capsules uses 2 units, 15 mg from 30 mg tablets uses half a unit. The Journal
keeps the count: a count given is true at the moment it was given, and from then on each taken dose
subtracts and each refill adds, at its own moment (:func:`changes_stock`, the one rule, docs/reminders.md
"Stock and refills"); a dose typed in late for a moment before the count is in the count already. This module reads the
count. The count may go below zero when more doses were logged than units were entered: that is reported
plainly, never hidden behind a 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from medjournal.domain.errors import ValidationError
from medjournal.domain.records import DoseLog, Medication, Regimen
from medjournal.domain.schedule import regimen_on
from medjournal.domain.value import Value, record
from medjournal.i18n import SOURCE_LANGUAGE, _, format_decimal, language, ngettext, numeric_date


def changes_stock(moment: datetime, counted_at: str | None) -> bool:
    """Whether a taken dose or a refill at ``moment`` changes a stock counted at ``counted_at``: when it is at or
    after the count's minute (doses are logged to the minute: one logged right after the count, in its minute,
    was taken after it). A stock without the moment of its count counts every entry.

    >>> at = datetime.fromisoformat
    >>> changes_stock(at("2026-03-15T08:00:00+01:00"), "2026-03-15T08:00:40+01:00")
    True
    >>> changes_stock(at("2026-03-15T07:59:00+01:00"), "2026-03-15T08:00:40+01:00")
    False
    """
    if not counted_at:
        return True
    return moment >= datetime.fromisoformat(counted_at).replace(second=0, microsecond=0)


def check_count_moment(moment: datetime, now: datetime, first_day: date) -> datetime:
    """The moment a count was made, given rather than taken as now ("I counted this yesterday evening"): it has
    come (``validation.check_moment_come``) and is on or after the medication's first day; else one sentence.

    >>> at = datetime.fromisoformat
    >>> check_count_moment(at("2026-03-14T20:00:00+00:00"), at("2026-03-15T09:30:00+00:00"), date(2026, 3, 1))
    datetime.datetime(2026, 3, 14, 20, 0, tzinfo=datetime.timezone.utc)
    """
    from medjournal.domain import validation  # only when a count's moment is given: `today` reads stock only

    validation.check_moment_come(moment, now, "time counted")
    if moment.date() < first_day:
        raise ValidationError(
            _("The stock was counted at {moment}, before the medication's first day ({day}).").format(
                moment=moment.strftime("%Y-%m-%d %H:%M"), day=first_day.isoformat()
            ),
            "time counted",
        )
    return moment


def refill_moment(day: date, recorded_at: str) -> datetime:
    """The moment a refill adds to the stock: when it was written, on its own day; written on a later day (typed
    in late), the start of its day, so that a count given later that day is taken to hold it already. (A count
    a person gives is of the box in hand; a refill of that day is most often in it.)"""
    written = datetime.fromisoformat(recorded_at)
    if written.date() == day:
        return written
    return datetime.combine(day, time(0, 0), written.tzinfo)


def _known_form(form: str) -> str | None:
    """The English form ("capsule") that ``form`` names, in English or in the language in use, or None."""
    word = " ".join(form.split()).lower()
    for known in ("", "capsule", "tablet", "patch", "injection"):
        if word == known or (known and word == _(known).lower()):
            return known
    return None


def counted(count: str, form: str) -> str:
    """``count`` units of ``form`` in words: "9 capsules", "1 tablet", "0.5 units" (``count`` as formatted)."""
    n = 1 if count in ("1", "1.0") else 2  # the plural rule's number: "0.5 capsules" is plural in English
    known = _known_form(form)
    if known is not None:
        return {
            "": ngettext("{n} unit", "{n} units", n),
            "capsule": ngettext("{n} capsule", "{n} capsules", n),
            "tablet": ngettext("{n} tablet", "{n} tablets", n),
            "patch": ngettext("{n} patch", "{n} patches", n),
            "injection": ngettext("{n} injection", "{n} injections", n),
        }[known].format(n=count)
    word = " ".join(form.split())
    if language() == SOURCE_LANGUAGE and n != 1:
        word = plural_form(word)
    return f"{count} {word}"  # the person's own word, in their language: not made plural by English rules


def counted_noun(form: str) -> str:
    """The plural noun for ``form`` ("capsules"; "units" when no form was given)."""
    known = _known_form(form)
    if known is not None:
        return {
            "": _("units"),
            "capsule": _("capsules"),
            "tablet": _("tablets"),
            "patch": _("patches"),
            "injection": _("injections"),
        }[known]
    return plural_form(form) if language() == SOURCE_LANGUAGE else " ".join(form.split())


DEFAULT_REFILL_WARNING_DAYS = 7
HORIZON_DAYS = 366  # estimates further out than a year are shown as "more than a year"
AS_NEEDED_HISTORY_DAYS = 28  # as-needed use is estimated from this many past days
EPSILON = 1e-6


def units_for_dose(amount: float | None, unit_size: float | None) -> float:
    """Units one dose uses: 60 mg of 30 mg capsules = 2, 15 mg of 30 mg tablets = 0.5; 1 if size unknown."""
    if amount is None or not unit_size:
        return 1.0
    return amount / unit_size


def format_units(units: float) -> str:
    """1, 0.5, 2.25, -1.5: no trailing zeros, at most two decimals."""
    rounded = round(units, 2)
    if rounded == 0:
        rounded = 0.0  # never "-0"
    return f"{rounded:g}" if abs(rounded) < 1e6 else f"{rounded:.0f}"


def units_text(units: float) -> str:
    """:func:`format_units` with the decimal sign of the language in use ("0,5" in German)."""
    count = format_units(units)
    if language() != SOURCE_LANGUAGE:
        count = count.replace(".", format_decimal(0.5)[1])
    return count


def plural_form(form: str) -> str:
    """A medication's form as a plural noun for counts: "capsule" → "capsules", "" → "units"."""
    word = " ".join(form.split())
    if not word:
        return "units"
    return word if word.lower().endswith("s") else word + "s"


def daily_units(regimen: Regimen | None, unit_size: float | None) -> float:
    """Units a scheduled dose step uses a day; 0 for none or as-needed (see :func:`as_needed_rate`)."""
    if regimen is None or regimen.as_needed:
        return 0.0
    return len(regimen.times) * units_for_dose(regimen.dose, unit_size)


def as_needed_rate(
    logs: Sequence[DoseLog], unit_size: float | None, today: date, days: int = AS_NEEDED_HISTORY_DAYS
) -> float:
    """Mean units per day taken over the ``days`` before today (as-needed medications have no schedule)."""
    start = today - timedelta(days=days)
    used = sum(
        units_for_dose(log.amount, unit_size)
        for log in logs
        if log.status == "taken" and start <= log.day < today
    )
    return used / days


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class StockStatus(Value):
    """A medication's stock: units on hand, use per day, days left and whether a refill is due."""

    medication_id: int
    name: str
    form: str
    on_hand: float
    unit_size: float | None
    per_day: float  # units a day at the current schedule (or recent as-needed use)
    estimated_from: str  # "schedule" | "recent use" | "none"
    days_left: int | None  # whole days covered, counting today's remaining doses; None = not used / > horizon
    runs_out_on: date | None
    refill_warning_days: int
    refill_due: bool
    negative: bool

    @property
    def unit_word(self) -> str:
        """The form in the plural ("capsule" → "capsules"); "units" when no form was given."""
        return plural_form(self.form)

    def describe(self) -> str:
        """One line for people, e.g. "Duloxetine: 9 capsules on hand, runs out in 4 days (2026-03-19)."."""
        on_hand = _("{name}: {count} on hand").format(
            name=self.name, count=counted(units_text(self.on_hand), self.form)
        )
        if self.negative:
            return _(
                "{on_hand}. That is below zero: more doses were logged than {units} were entered. Log a refill "
                "or correct the count."
            ).format(on_hand=on_hand, units=counted_noun(self.form))
        if self.estimated_from == "none":
            return _("{on_hand}; no scheduled use to estimate from.").format(on_hand=on_hand)
        recent = self.estimated_from != "schedule"
        if self.days_left is None:
            if recent:
                return _("{on_hand}, enough for more than a year at your recent use.").format(on_hand=on_hand)
            return _("{on_hand}, enough for more than a year.").format(on_hand=on_hand)
        if self.days_left == 0:
            if recent:
                return _("{on_hand}, not enough for today's doses at your recent use.").format(
                    on_hand=on_hand
                )
            return _("{on_hand}, not enough for today's doses.").format(on_hand=on_hand)
        when = f" ({numeric_date(self.runs_out_on)})" if self.runs_out_on else ""
        if recent:
            line = ngettext(
                "{on_hand}, runs out in {n} day{when} at your recent use.",
                "{on_hand}, runs out in {n} days{when} at your recent use.",
                self.days_left,
            )
        else:
            line = ngettext(
                "{on_hand}, runs out in {n} day{when}.",
                "{on_hand}, runs out in {n} days{when}.",
                self.days_left,
            )
        line = line.format(on_hand=on_hand, n=self.days_left, when=when)
        if self.refill_due:
            line += " " + _("Time to arrange a refill.")
        return line


def remaining_today(regimen: Regimen | None, logs_today: Sequence[DoseLog], unit_size: float | None) -> float:
    """Units still needed today: today's slots not yet logged (taken doses are already subtracted)."""
    if regimen is None or regimen.as_needed:
        return 0.0
    logged = {log.slot for log in logs_today if log.slot is not None}
    open_slots = [slot for slot in regimen.times if slot not in logged]
    return len(open_slots) * units_for_dose(regimen.dose, unit_size)


def stock_status(
    medication: Medication, regimens: Sequence[Regimen], logs: Sequence[DoseLog], now: datetime
) -> StockStatus | None:
    """How long the stock lasts, walking the schedule day by day (so a planned dose change counts).

    ``logs`` should hold this medication's logs of at least the last :data:`AS_NEEDED_HISTORY_DAYS` days.
    Returns None when the medication's stock is not tracked.
    """
    if medication.stock_units is None:
        return None
    today = now.date()
    on_hand = float(medication.stock_units)
    warning_days = medication.refill_warning_days
    if warning_days is None:
        warning_days = DEFAULT_REFILL_WARNING_DAYS
    current = regimen_on(regimens, today)
    logs_today = [log for log in logs if log.day == today]
    per_day = daily_units(current, medication.unit_size)
    basis = "schedule"
    rate_as_needed = 0.0
    if current is not None and current.as_needed:
        rate_as_needed = as_needed_rate(logs, medication.unit_size, today)
        per_day, basis = rate_as_needed, "recent use"
    days_left: int | None = None
    runs_out: date | None = None
    negative = on_hand < -EPSILON
    if negative:
        days_left, runs_out = 0, today
    else:
        left = on_hand
        for offset in range(HORIZON_DAYS + 1):
            day = today + timedelta(days=offset)
            regimen = regimen_on(regimens, day)
            if regimen is not None and regimen.as_needed:
                need = rate_as_needed
            elif offset == 0:
                need = remaining_today(regimen, logs_today, medication.unit_size)
            else:
                need = daily_units(regimen, medication.unit_size)
            if need > left + EPSILON:
                days_left, runs_out = offset, day
                break
            left -= need
    if days_left is None and per_day == 0:
        basis = "none"
    refill_due = negative or (days_left is not None and days_left <= warning_days)
    return StockStatus(
        medication_id=medication.id,
        name=medication.name,
        form=medication.form,
        on_hand=on_hand,
        unit_size=medication.unit_size,
        per_day=per_day,
        estimated_from=basis,
        days_left=days_left,
        runs_out_on=runs_out,
        refill_warning_days=warning_days,
        refill_due=refill_due,
        negative=negative,
    )
