"""The quick paths of domain/series.py give exactly what the plain Fraction arithmetic gives: the 7-day average
summed in whole numbers over one common denominator, and rounding of floats done in decimal."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from fractions import Fraction

from medjournal.domain.series import rolling_mean, round_half_up


def fraction_rolling_mean(
    daily: dict[date, Fraction | float], start: date, end: date, window: int, min_days: int = 3
) -> list[tuple[date, float | None]]:
    """The rule written plainly: the mean of the rated days among the ``window`` days ending on each day."""
    found: list[tuple[date, float | None]] = []
    day = start
    while day <= end:
        values = [Fraction(daily[d]) for d in (day - timedelta(days=n) for n in range(window)) if d in daily]
        enough = len(values) >= max(1, min(min_days, window))
        found.append((day, float(sum(values, Fraction(0)) / len(values)) if enough else None))
        day += timedelta(days=1)
    return found


def fraction_round(value: float, digits: int) -> float:
    scaled = Fraction(repr(value)) * 10**digits
    rounded = (2 * abs(scaled.numerator) + scaled.denominator) // (2 * scaled.denominator)
    return float((-rounded if scaled.numerator < 0 else rounded) / 10**digits)


def test_the_seven_day_average_is_the_exact_mean_of_the_rated_days() -> None:
    rng = random.Random(5)
    first = date(2025, 1, 1)
    for trial in range(60):
        daily: dict[date, Fraction | float] = {}
        for offset in range(120):
            if rng.random() < 0.6:
                count = rng.randint(1, 9)  # up to nine ratings a day: denominators 1 to 9
                ratings = sum(rng.randint(0, 10) for _ in range(count))
                daily[first + timedelta(days=offset)] = (
                    Fraction(ratings, count) if trial % 4 else rng.choice((ratings / count, float(count)))
                )
        window = rng.choice((1, 3, 7, 14))
        start = first + timedelta(days=rng.randint(0, 30))
        end = start + timedelta(days=rng.randint(-1, 100))
        assert rolling_mean(daily, start, end, window) == fraction_rolling_mean(daily, start, end, window)


def test_floats_round_half_up_from_their_shortest_decimal_form() -> None:
    rng = random.Random(9)
    values = [rng.uniform(-100, 100) for _ in range(5000)]
    values += [n / 40 for n in range(-800, 800)] + [6.35, 2.675, 1.005, -0.04, -0.0, 0.05, 123456.785]
    for value in values:
        for digits in (0, 1, 2):
            ours, plain = round_half_up(value, digits), fraction_round(value, digits)
            assert ours == plain and math.copysign(1, ours or 1.0) == math.copysign(1, plain or 1.0), value
    assert str(round_half_up(-0.04, 1)) == "0.0"  # never "-0.0" in the JSON
