"""The before/after comparison (domain/response.py) in one line of words, in the language in use when it is read.

"Pain 6.4 → 4.1 (−36%): meaningful improvement, 14 and 13 rated days"; German "Schmerz 6,4 → 4,1 (−36 %):
bedeutsame Besserung, 14 und 13 bewertete Tage". Means with one decimal and changes in % with the decimals
:func:`~medjournal.domain.response.percent_decimals` asks for, in the locale's digits; days by
:func:`medjournal.i18n.numeric_date` (docs/translating.md).
"""

from __future__ import annotations

from fractions import Fraction

from medjournal.domain.response import HIGHER_IS_WORSE, WINDOW_DAYS, Response, Window, percent_decimals
from medjournal.domain.series import round_half_up
from medjournal.i18n import _, format_decimal, ngettext, numeric_date


def describe(response: Response) -> str:
    """The comparison in words, or why there is none."""
    label = response.label
    current, baseline = response.current, response.baseline
    if response.medication_start is None or current is None:
        return _("{measure}: no start date to compare against.").format(measure=label)
    now = (
        _("{mean} ({rated})").format(mean=_number(current.exact_mean), rated=_days(current.days))
        if current.valid
        else _("not enough data ({rated})").format(rated=_days(current.days))
    )
    if response.journal_began is not None:
        return _(
            "{measure} in the last {window} days: {now}; started {day}, the journal began {first}: "
            "no before/after comparison possible"
        ).format(
            measure=label,
            window=WINDOW_DAYS,
            now=now,
            day=numeric_date(response.medication_start),
            first=numeric_date(response.journal_began),
        )
    if baseline is None:
        return _(
            "{measure} in the last {window} days: {now}; started {day}, no recent baseline to compare"
        ).format(measure=label, window=WINDOW_DAYS, now=now, day=numeric_date(response.medication_start))
    if not baseline.valid or not current.valid:
        parts = []
        if not baseline.valid:
            parts.append(_("before the start: not enough data ({rated})").format(rated=_days(baseline.days)))
        if not current.valid:
            parts.append(
                _("last {window} days: not enough data ({rated})").format(
                    window=WINDOW_DAYS, rated=_days(current.days)
                )
            )
        return _("{measure}: {parts}").format(measure=label, parts="; ".join(parts))
    return _change(response, baseline, current)


def _change(response: Response, baseline: Window, current: Window) -> str:
    values = {
        "measure": response.label,
        "before": _number(baseline.exact_mean),
        "after": _number(current.exact_mean),
    }
    exact = response.exact_change_percent
    if exact is None:
        values["change"] = _("{points} points; % undefined, the baseline mean is 0").format(
            points=_signed(round_half_up(response.exact_change, 1), 1)
        )
    else:
        decimals = percent_decimals(exact)
        values["change"] = _percent(_signed(round_half_up(exact, decimals), decimals))
    if response.category is not None:
        words = _("{measure} {before} → {after} ({change}): {category}").format(
            category=_(response.category), **values
        )
    elif not HIGHER_IS_WORSE.get(response.measure, True):
        words = _("{measure} {before} → {after} ({change}): higher = better").format(**values)
    else:
        words = _("{measure} {before} → {after} ({change})").format(**values)
    return _("{comparison}, {before} and {after} rated days").format(
        comparison=words, before=baseline.days, after=current.days
    )


def _days(count: int) -> str:
    return ngettext("{n} rated day", "{n} rated days", count).format(n=count)


def _number(value: Fraction | None) -> str:
    rounded = round_half_up(value, 1)
    return "–" if rounded is None else format_decimal(rounded, 1, fixed=True)


def _signed(value: float | None, decimals: int) -> str:
    """ "+1.5", "−29.6", "0", with the locale's decimal separator ("−29,6" in German)."""
    if value is None:
        return "–"
    if value == 0:
        return "0"
    return ("+" if value > 0 else "−") + format_decimal(abs(value), decimals, fixed=True)


def _percent(amount: str) -> str:
    """``amount`` with a percent sign as the language writes it ("−36%", German "−36 %")."""
    # Translators: a percentage; German puts a narrow space before the sign ("43 %").
    return _("{amount}%").format(amount=amount)
