"""Daily series: one value per calendar day, missing days absent (never zero), and honest rolling averages.

Means are kept as exact fractions of the stored whole-number ratings (:func:`daily_exact`), so that a category
boundary such as exactly −30% is judged without floating-point error; floats are only for display and charts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from medjournal.domain.records import CheckIn, QuestionnaireResult

CHECKIN_FIELDS = ("pain", "mood", "sleep")
ROLLING_MIN_DAYS = 3  # a 7-day average is shown only when at least this many of its 7 days are rated


def daily_exact(checkins: Iterable[CheckIn], field: str = "pain") -> dict[date, Fraction]:
    """The exact mean of each day's ratings of ``field`` (pain, mood or sleep); unrated days are absent."""
    if field not in CHECKIN_FIELDS:
        raise ValueError(f"unknown check-in field {field!r}")
    sums: dict[date, list[int]] = {}
    for checkin in checkins:
        value = getattr(checkin, field)
        if value is None:
            continue
        total = sums.setdefault(checkin.day, [0, 0])
        total[0] += int(value)
        total[1] += 1
    return {day: Fraction(total, count) for day, (total, count) in sorted(sums.items())}


def daily_means(checkins: Iterable[CheckIn], field: str = "pain") -> dict[date, float]:
    """Mean of each day's ratings of ``field``; missing days absent.

    >>> from medjournal.domain.records import CheckIn
    >>> day = date(2026, 1, 5)
    >>> daily_means([CheckIn(1, day, "08:00", 6), CheckIn(2, day, "20:00", 3)])
    {datetime.date(2026, 1, 5): 4.5}
    """
    return {day: float(value) for day, value in daily_exact(checkins, field).items()}


def questionnaire_daily_exact(
    results: Iterable[QuestionnaireResult], instrument: str
) -> dict[date, Fraction]:
    """Exact daily score of one instrument (mean of the day's scores); PEG = mean of its 3 answers."""
    sums: dict[date, list[Fraction]] = {}
    for result in results:
        if result.instrument != instrument or not result.answers:
            continue
        answers = [int(a) for a in result.answers]
        score = Fraction(sum(answers), len(answers)) if instrument == "peg" else Fraction(sum(answers))
        sums.setdefault(result.day, []).append(score)
    return {day: sum(scores, Fraction(0)) / len(scores) for day, scores in sorted(sums.items())}


def questionnaire_item_daily_exact(
    results: Iterable[QuestionnaireResult], instrument: str, index: int
) -> dict[date, Fraction]:
    """Exact daily value of one item of an instrument (mean of the day's answers to it), e.g. PEG's activity item.

    >>> from medjournal.domain.records import QuestionnaireResult
    >>> peg = lambda day, answers: QuestionnaireResult(1, date(2026, 3, day), "peg", answers, 0.0)
    >>> questionnaire_item_daily_exact([peg(2, [7, 6, 5]), peg(2, [5, 6, 6])], "peg", 2)
    {datetime.date(2026, 3, 2): Fraction(11, 2)}
    """
    values: dict[date, list[int]] = {}
    for result in results:
        if result.instrument == instrument and len(result.answers) > index:
            values.setdefault(result.day, []).append(int(result.answers[index]))
    return {day: Fraction(sum(day_values), len(day_values)) for day, day_values in sorted(values.items())}


def questionnaire_series(results: Iterable[QuestionnaireResult], instrument: str) -> list[tuple[date, float]]:
    """(day, score) of one instrument in date order, for charts; several on one day are averaged."""
    return [(day, float(value)) for day, value in questionnaire_daily_exact(results, instrument).items()]


def rolling_mean(
    daily: Mapping[date, float | Fraction],
    start: date,
    end: date,
    window: int = 7,
    min_days: int = ROLLING_MIN_DAYS,
) -> list[tuple[date, float | None]]:
    """For each day from ``start`` to ``end``: the mean of the rated days in the ``window`` days ending then.

    Missing days are skipped, not counted as zero; the average is None when fewer than ``min_days`` of the
    window are rated (a "7-day average" of one or two days would overstate what is known).

    >>> d = date(2026, 1, 1)
    >>> rolling_mean({d: 4, d + timedelta(days=1): 6, d + timedelta(days=3): 8}, d, d + timedelta(days=3))[-1]
    (datetime.date(2026, 1, 4), 6.0)
    """
    if window < 1:
        raise ValueError("window must be at least 1 day")
    needed = max(1, min(min_days, window))
    result: list[tuple[date, float | None]] = []
    if end < start:
        return result
    first = start - timedelta(days=window - 1)
    exact = {day: Fraction(raw) for day, raw in daily.items() if first <= day <= end and raw is not None}
    # Exact sums as whole numbers over one common denominator: a window's mean is ``total / (count * scale)``,
    # which Python divides correctly rounded, the same float as the Fraction's (20 years: no Fraction per day).
    scale = math.lcm(*(value.denominator for value in exact.values())) if exact else 1
    scaled = {day: value.numerator * (scale // value.denominator) for day, value in exact.items()}
    total = 0
    count = 0
    day = first
    while day <= end:
        value = scaled.get(day)
        if value is not None:
            total += value
            count += 1
        leaving = scaled.get(day - timedelta(days=window))
        if leaving is not None:
            total -= leaving
            count -= 1
        if day >= start:
            result.append((day, total / (count * scale) if count >= needed else None))
        day += timedelta(days=1)
    return result


def window_values(daily: Mapping[date, Fraction], start: date, end: date) -> list[Fraction]:
    """The rated days' values from ``start`` to ``end`` inclusive, in date order."""
    return [value for day, value in sorted(daily.items()) if start <= day <= end]


def mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def days_between(start: date, end: date) -> int:
    """Days from ``start`` to ``end`` inclusive (0 when the range is empty)."""
    return max(0, (end - start).days + 1)


def round_half_up(value: Fraction | float | None, digits: int = 0) -> float | None:
    """Round for display, halves away from zero (6.25 → 6.3, −36.5 → −37), from the exact value.

    A float is taken as its shortest decimal form (``repr``), so 6.35 computed as 127/20 rounds to 6.4 even
    though the nearest binary float is a hair below 6.35.

    >>> round_half_up(Fraction(127, 20), 1), round_half_up(127 / 20, 1), round_half_up(-0.5)
    (6.4, 6.4, -1.0)
    """
    if value is None:
        return None
    if isinstance(value, Fraction):
        exact = value
    elif isinstance(value, int):
        exact = Fraction(value)
    elif math.isfinite(
        value
    ):  # the same rounding in decimal, many times quicker (a summary rounds every day)
        shown = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        return float(shown) + 0.0  # + 0.0: -0.0 becomes 0.0, as from the whole numbers below
    else:
        exact = Fraction(repr(float(value)))
    scaled = exact * 10**digits
    numerator, denominator = scaled.numerator, scaled.denominator
    rounded = (2 * abs(numerator) + denominator) // (2 * denominator)
    signed: int = -rounded if numerator < 0 else rounded
    return float(signed / 10**digits)
