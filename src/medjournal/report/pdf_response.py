"""Page 1's "Is it working?" boxes (CLINICAL.md 5 and 7.4), with the caveats printed under the result.

Built from the summary's JSON form, like the rest of page 1 (:mod:`medjournal.report.pdf_first_page`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from medjournal.domain.instruments import PGIC_CHOICES
from medjournal.report.pdf_first_page import BOX_BACKGROUND, HEADING, MUTED, callout, css
from medjournal.report.pdf_text import DASH, get, h, number, plural, signed


def _window(resp: Mapping[str, Any], which: str) -> str:
    mean, days = resp.get(f"{which}_mean"), resp.get(f"{which}_days", 0)
    start, end = resp.get(f"{which}_start"), resp.get(f"{which}_end")
    span = f' <span style="color:{MUTED}">{h(start)} {DASH} {h(end)}</span>' if start and end else ""
    if mean is None:
        return f"not enough data ({plural(int(days or 0), 'rated day')}){span}"
    return f"<b>{number(mean)}</b> ({plural(int(days), 'rated day')}){span}"


def _pgic_text(answers: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for answer in answers[-3:]:
        score = answer.get("score")
        label = answer.get("label")
        if label is None and score is not None and 1 <= int(score) <= len(PGIC_CHOICES):
            label = PGIC_CHOICES[int(score) - 1]
        parts.append(f"{h(answer.get('date'))}: <b>{h(label or score)}</b>")
    return "; ".join(parts)


def response_html(data: Mapping[str, Any], med: Mapping[str, Any], caveat: bool = False) -> str:
    resp: Mapping[str, Any] = med.get("response") or {}
    name = h(med.get("name"))
    lines = [
        f'<p style="margin:0; font-weight:bold; color:{HEADING}">Is it working? {name}: pain before vs now '
        f'<span style="font-weight:normal; color:{MUTED}; font-size:small">(0–10, higher = worse; '
        "daily means)</span></p>"
    ]
    valid = resp.get("baseline_mean") is not None and resp.get("current_mean") is not None
    started = f" {h(med.get('started'))}" if med.get("started") else ""
    lines.append(
        f"<p style='margin:0'>Baseline, 14 days before the start{started}: {_window(resp, 'baseline')}</p>"
    )
    lines.append(f"<p style='margin:0'>Now, last 14 days: {_window(resp, 'current')}</p>")
    if valid:
        category = resp.get("category") or "not computed"
        change_percent = resp.get("change_percent")
        percent_text = f" ({signed(change_percent, 0, '%')})" if change_percent is not None else ""
        two = resp.get("meets_two_points")
        two_text = "yes" if two else "no" if two is not None else "–"
        lines.append(
            f"<p style='margin:0'>Change <b>{signed(resp.get('change_points'))} points{percent_text}</b>: "
            f"<b>{h(category)}</b> · change of 2 points or more: <b>{two_text}</b></p>"
        )
    else:
        lines.append("<p style='margin:0'>No change computed: each window needs at least 5 rated days.</p>")
    extra = []
    weeks = resp.get("weeks_since_start", med.get("weeks_since_start"))
    if weeks is not None:
        extra.append(f"{number(weeks, 0)} weeks since start")
    weeks_change = resp.get("weeks_since_dose_change", med.get("weeks_since_dose_change"))
    if weeks_change is not None:
        extra.append(f"{number(weeks_change, 0)} weeks since the last dose change")
    others = []
    for key, label in (
        ("mood", "Mood (higher = better)"),
        ("sleep", "Sleep (higher = better)"),
        ("peg", "PEG (higher = worse)"),
    ):
        other = resp.get(key) or med.get(f"{key}_response")
        if isinstance(other, Mapping) and (other.get("baseline_days") or other.get("current_days")):
            before, after = _brief(other, "baseline"), _brief(other, "current")
            counts = ""
            if (
                key == "peg"
                and other.get("baseline_mean") is not None
                and other.get("current_mean") is not None
            ):
                # A PEG window is valid with a single weekly score: say how few there are.
                b_days, c_days = int(other.get("baseline_days") or 0), int(other.get("current_days") or 0)
                counts = f" ({b_days} and {c_days} scores)"
            others.append(f"{label} {before} → {after}{counts}")
    if others:
        lines.append(f"<p style='margin:0'>Same windows: {' · '.join(others)}</p>")
    pgic = med.get("pgic")
    if pgic is None:
        pgic = get(data, "questionnaires", "pgic", default=[])
    extra.append(
        "impression of change (PGIC): " + (_pgic_text(pgic) if pgic else "not answered in this period")
    )
    lines.append(f"<p style='margin:0'>{' · '.join(extra)}</p>")
    notes = [str(n) for n in resp.get("notes") or []]
    if notes:
        lines.append(f"<p style='margin:0; color:{MUTED}'>Note: {h('; '.join(notes))}.</p>")
    if caveat:
        lines.append(caveat_html())
    return callout("".join(lines), "#4a6f99", BOX_BACKGROUND)


def _brief(resp: Mapping[str, Any], which: str) -> str:
    """A window's mean, or "not enough data (n rated days)" (CLINICAL.md 5) when it is not valid."""
    mean = resp.get(f"{which}_mean")
    if mean is not None:
        return number(mean)
    return f"not enough data ({plural(int(resp.get(f'{which}_days') or 0), 'rated day')})"


def old_start_html(med: Mapping[str, Any]) -> str:
    """A medication started more than a year before the period: no comparison, only where things stand."""
    resp: Mapping[str, Any] = med.get("response") or {}
    parts = [
        f"<b>{h(med.get('name'))}</b>: started {h(med.get('started'))}, more than a year before this period; "
        "no recent baseline to compare.",
        f"Pain in the last 14 days: {_window(resp, 'current')}.",
    ]
    if resp.get("last_dose_change"):
        weeks = resp.get("weeks_since_dose_change")
        ago = f", {plural(int(weeks), 'week')} ago" if weeks is not None else ""
        parts.append(f"Last dose change {h(resp.get('last_dose_change'))}{ago}.")
    return f"<p style='margin:0'>{' '.join(parts)}</p>"


def caveat_html() -> str:
    from medjournal.report.methods import CAVEAT_SHORT

    return f"<p style='margin-top:{css(2)}; margin-bottom:0; color:{MUTED}'>{h(CAVEAT_SHORT)}</p>"


def responses_html(data: Mapping[str, Any]) -> list[str]:
    """The "Is it working?" box of each medication under evaluation, then the caveats under the result."""
    meds: Sequence[Mapping[str, Any]] = get(data, "medications", default=[])
    evaluated = [
        med for med in meds if med.get("response") and med.get("under_evaluation", not med.get("as_needed"))
    ]
    # The caveats go once, inside the last box, right under the results they are about.
    caveat = any(_compared(med) for med in evaluated)
    blocks = [
        response_html(data, med, caveat and index == len(evaluated) - 1)
        for index, med in enumerate(evaluated)
    ]
    old = [
        old_start_html(med)
        for med in meds
        if med.get("response") and med.get("recent_start") is False and not med.get("as_needed")
    ]
    if old:
        blocks.append(callout("".join(old), "#9aa7b5", BOX_BACKGROUND))
    return blocks


def _compared(med: Mapping[str, Any]) -> bool:
    """True when a before/after change was computed for the medication (pain, mood, sleep or PEG)."""
    responses = [med.get("response")] + [med.get(f"{key}_response") for key in ("mood", "sleep", "peg")]
    return any(isinstance(r, Mapping) and r.get("change_points") is not None for r in responses)
