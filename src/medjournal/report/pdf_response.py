"""Page 1's "Is it working?" results (docs/clinical.md §5 and §7 item 4), with the caveats printed once under them.

One medication under evaluation gets a full box; two or more share one table, a line each (baseline → now
with rated days, change, category, the 2-point check, PGIC) with the rest of the full box in small print
under it. When page 1 cannot hold even that, the table keeps its main lines, says so, and the full boxes are
printed after page 1 (:func:`full_box_blocks`).

Built from the summary's JSON form, like the rest of page 1 (:mod:`medjournal.report.pdf_first_page`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from medjournal.domain.instruments import PGIC_CHOICES
from medjournal.domain.response import MIN_RATED_DAYS, WINDOW_DAYS
from medjournal.report.pdf_first_page import BOX_BACKGROUND, HEADING, MUTED, callout, css, heading
from medjournal.report.pdf_layout import Block, TextBlock, px
from medjournal.report.pdf_text import DASH, get, h, number, percent_change, plural, signed


def _window(resp: Mapping[str, Any], which: str) -> str:
    mean, days = resp.get(f"{which}_mean"), resp.get(f"{which}_days", 0)
    start, end = resp.get(f"{which}_start"), resp.get(f"{which}_end")
    span = f' <span style="color:{MUTED}">{h(start)} {DASH} {h(end)}</span>' if start and end else ""
    if mean is None:
        return f"not enough data ({plural(int(days or 0), 'rated day')}){span}"
    return f"<b>{number(mean)}</b> ({plural(int(days), 'rated day')}){span}"


def _pgic_label(answer: Mapping[str, Any]) -> str:
    """The answer's wording ("Much improved"), from the stored label or the 1–7 score."""
    score = answer.get("score")
    label = answer.get("label")
    if label is None and score is not None and 1 <= int(score) <= len(PGIC_CHOICES):
        label = PGIC_CHOICES[int(score) - 1]
    return str(label if label is not None else score)


def _pgic_text(answers: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for answer in answers[-3:]:
        label = _pgic_label(answer)
        parts.append(f"{h(answer.get('date'))}: <b>{h(label)}</b>")
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
        f"<p style='margin:0'>Baseline, {WINDOW_DAYS} days before the start{started}: {_window(resp, 'baseline')}</p>"
    )
    lines.append(f"<p style='margin:0'>Now, last {WINDOW_DAYS} days: {_window(resp, 'current')}</p>")
    if valid:
        category = resp.get("category") or "not computed"
        change_percent = resp.get("change_percent")
        percent_text = f" ({percent_change(change_percent)})" if change_percent is not None else ""
        two = resp.get("meets_two_points")
        two_text = "yes" if two else "no" if two is not None else "–"
        lines.append(
            f"<p style='margin:0'>Change <b>{signed(resp.get('change_points'))} points{percent_text}</b>: "
            f"<b>{h(category)}</b> · change of 2 points or more: <b>{two_text}</b></p>"
        )
    else:
        lines.append(
            f"<p style='margin:0'>No change computed: each window needs at least {MIN_RATED_DAYS} rated days.</p>"
        )
    extra = []
    weeks = resp.get("weeks_since_start", med.get("weeks_since_start"))
    if weeks is not None:
        judged = med.get("judged_after_weeks")
        context = (
            f" (week {int(float(weeks)) + 1} of the {judged['weeks']} the label's trials took)"
            if isinstance(judged, Mapping) and float(weeks) < float(judged.get("weeks", 0))
            else ""
        )
        extra.append(f"{number(weeks, 0)} weeks since start{context}")
    weeks_change = resp.get("weeks_since_dose_change", med.get("weeks_since_dose_change"))
    if weeks_change is not None:
        extra.append(f"{number(weeks_change, 0)} weeks since the last dose change")
    others = _other_measures(med, resp)
    if others:
        lines.append(f"<p style='margin:0'>Same windows: {' · '.join(others)}</p>")
    function = function_text(med)
    if function:
        lines.append(f"<p style='margin:0'>{function}</p>")
    rescue = rescue_text(med)
    if rescue:
        lines.append(f"<p style='margin:0'>{rescue}</p>")
    pgic = med.get("pgic")
    if pgic is None:
        pgic = get(data, "questionnaires", "pgic", default=[])
    extra.append(
        "impression of change (PGIC): " + (_pgic_text(pgic) if pgic else "not answered in this period")
    )
    lines.append(f"<p style='margin:0'>{' · '.join(extra)}</p>")
    notes = [str(n) for n in resp.get("notes") or []] + later_notes(med)
    if notes:
        lines.append(f"<p style='margin:0; color:{MUTED}'>Note: {h('; '.join(notes))}.</p>")
    if caveat:
        lines.append(caveat_html())
    return callout("".join(lines), "#4a6f99", BOX_BACKGROUND)


OTHER_MEASURES = (
    ("mood", "Mood (higher = better)"),
    ("sleep", "Sleep (higher = better)"),
    ("peg", "PEG (higher = worse)"),
)


PEG_ITEM_LABELS = (
    ("activity", "<b>Function</b> (PEG general activity)"),
    ("enjoyment", "PEG enjoyment of life"),
    ("pain", "PEG pain"),
)


def later_notes(med: Mapping[str, Any], short: bool = False) -> list[str]:
    """Notes that qualify the result: a baseline typed in later, other treatments begun in or between the windows;
    ``short``: the compact table of several medications, where room is scarce."""
    entered = med.get("baseline_entered_later")
    if not entered:
        return treatments_began_notes(med)
    said = "baseline typed in later" if short else f"{entered}: less reliable than ratings made on the day"
    return [said, *treatments_began_notes(med)]


def treatments_began_notes(med: Mapping[str, Any]) -> list[str]:
    """Other treatments begun in or between the windows, a second explanation for a change (the caveat below
    names other treatments): "also begun between the windows: exercise 2026-03-26, physical therapy 2026-04-07"."""
    by_place: dict[str, list[str]] = {}
    for began in med.get("treatments_began") or []:
        name = str(began.get("label") or began.get("kind", "")).replace("_", " ").lower()
        by_place.setdefault(str(began.get("where")), []).append(f"{name} {began.get('date')}")
    return [f"also begun {where}: {', '.join(names)}" for where, names in by_place.items()]


def function_text(med: Mapping[str, Any], short: bool = False) -> str:
    """PEG's items before → now, the activity item first and named as the function measure ("" without PEG);
    ``short``: the activity item alone (the compact table of several medications)."""
    items = med.get("peg_items") or {}
    labels = (("activity", "function (PEG activity)"),) if short else PEG_ITEM_LABELS
    parts = [
        f"{label} {_brief(items[key], 'baseline')} → {_brief(items[key], 'current')}"
        for key, label in labels
        if isinstance(items.get(key), Mapping)
    ]
    if not parts:
        return ""
    return " · ".join(parts)


def rescue_text(med: Mapping[str, Any]) -> str:
    """ "Rescue painkillers, per week before → now: Ibuprofen 4.5 → 0.5 days, 5.0 → 0.5 doses" ("" when none)."""
    parts = []
    for use in med.get("rescue") or []:
        before, now = use.get("before"), use.get("now") or {}
        if before is None:
            parts.append(
                f"{h(use.get('name'))} now {number(now.get('days_per_week'))} days, "
                f"{number(now.get('doses_per_week'))} doses"
            )
            continue
        parts.append(
            f"{h(use.get('name'))} <b>{number(before.get('days_per_week'))} → {number(now.get('days_per_week'))}"
            f" days</b>, {number(before.get('doses_per_week'))} → {number(now.get('doses_per_week'))} doses"
        )
    return ("Rescue painkillers, per week before → now: " + "; ".join(parts)) if parts else ""


def _other_measures(med: Mapping[str, Any], resp: Mapping[str, Any], short: bool = False) -> list[str]:
    """Mood, sleep and PEG in the same windows as pain, where data exist; ``short``: without the direction
    (said once above them)."""
    others: list[str] = []
    for key, long_label in OTHER_MEASURES:
        label = long_label.partition(" (")[0] if short else long_label
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
    return others


def _brief(resp: Mapping[str, Any], which: str) -> str:
    """A window's mean, or "not enough data (n rated days)" (docs/clinical.md §5) when it is not valid."""
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
        f"Pain in the last {WINDOW_DAYS} days: {_window(resp, 'current')}.",
    ]
    if resp.get("last_dose_change"):
        weeks = resp.get("weeks_since_dose_change")
        ago = f", {plural(int(weeks), 'week')} ago" if weeks is not None else ""
        parts.append(f"Last dose change {h(resp.get('last_dose_change'))}{ago}.")
    return f"<p style='margin:0'>{' '.join(parts)}</p>"


def caveat_html() -> str:
    from medjournal.report.methods import CAVEAT_SHORT

    return f"<p style='margin-top:{css(2)}; margin-bottom:0; color:{MUTED}'>{h(CAVEAT_SHORT)}</p>"


FULL, COMPACT, BRIEF = "full", "compact", "brief"
FULL_LATER_TITLE = "Is it working? Each medication in full"


def evaluated(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Medications under evaluation: those with a response and not taken as needed."""
    meds: Sequence[Mapping[str, Any]] = get(data, "medications", default=[])
    return [
        med for med in meds if med.get("response") and med.get("under_evaluation", not med.get("as_needed"))
    ]


def responses_html(data: Mapping[str, Any], form: str = FULL, full_where: str = "the next page") -> list[str]:
    """The "Is it working?" result of each medication under evaluation, then the caveats under the result.

    ``form``: ``FULL``, one box per medication; ``COMPACT``, one table with a line per medication and its
    other measures under it (every number of the full boxes); ``BRIEF``, the table without the other measures,
    saying that the full boxes are printed ``full_where`` (:func:`full_boxes_html`).
    """
    meds: Sequence[Mapping[str, Any]] = get(data, "medications", default=[])
    chosen = evaluated(data)
    # The caveats go once, right under the results they are about.
    caveat = any(_compared(med) for med in chosen)
    if form == FULL or not chosen:
        blocks = [
            response_html(data, med, caveat and index == len(chosen) - 1) for index, med in enumerate(chosen)
        ]
    else:
        blocks = [response_table_html(data, chosen, caveat, form == BRIEF, full_where)]
    old = [
        old_start_html(med)
        for med in meds
        if med.get("response") and med.get("recent_start") is False and not med.get("as_needed")
    ]
    if old:
        blocks.append(callout("".join(old), "#9aa7b5", BOX_BACKGROUND))
    return blocks


def full_boxes_html(data: Mapping[str, Any]) -> list[str]:
    """Every medication's full box, for the later pages when page 1 carries only the brief table."""
    chosen = evaluated(data)
    caveat = any(_compared(med) for med in chosen)
    return [response_html(data, med, caveat and index == len(chosen) - 1) for index, med in enumerate(chosen)]


def response_forms(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The forms of the "Is it working?" results to try on page 1, in turn.

    One medication gets its full box. Two or more are easier to compare as one table with a line each, which
    also keeps page 1 to one page; each line keeps every number of the full box. Last resort, when even that
    cannot fit: the table's main lines only, with the full boxes moved to the pages after page 1 (and page 1
    saying so), so that nothing is dropped.
    """
    count = len(evaluated(data))
    if count == 0:
        return (FULL,)
    return (FULL if count == 1 else COMPACT, BRIEF)


def full_box_blocks(data: Mapping[str, Any], width: float) -> list[Block]:
    """Each medication's full "Is it working?" box, on a page of its own after page 1, for when page 1
    carries only the brief table."""
    point_size = 8.0
    title = heading(FULL_LATER_TITLE)
    blocks: list[Block] = [TextBlock(title, width, point_size, keep_with_next=True, page_break_before=True)]
    blocks.extend(TextBlock(html, width, point_size) for html in full_boxes_html(data))
    return blocks


def response_table_html(
    data: Mapping[str, Any],
    meds: Sequence[Mapping[str, Any]],
    caveat: bool,
    brief: bool = False,
    full_where: str = "the next page",
) -> str:
    """One line per medication: baseline → now with the rated days, change, category, the 2-point check, PGIC;
    under each line (unless ``brief``) weeks since start and dose change, mood, sleep and PEG, notes."""
    current = next(
        (
            (med["response"].get("current_start"), med["response"].get("current_end"))
            for med in meds
            if med["response"].get("current_start")
        ),
        (None, None),
    )
    span = f" {h(current[0])} {DASH} {h(current[1])}" if current[0] and current[1] else ""
    title = (
        f'<p style="margin:0; font-weight:bold; color:{HEADING}">Is it working? Pain before vs now '
        f'<span style="font-weight:normal; color:{MUTED}; font-size:small">(0–10, higher = worse; daily '
        f"means with rated days; before = the {WINDOW_DAYS} days before each start, now = the last "
        f"{WINDOW_DAYS} days{span}; "
        "2+ = a change of 2 points or more; under each: the same windows for mood and sleep, higher = better, "
        "and PEG, higher = worse)</span></p>"
    )
    head = (
        '<tr><th width="14%" align="left">Medication</th><th width="12%" align="left">Before</th>'
        '<th width="12%" align="left">Now</th><th width="12%" align="left">Change</th>'
        '<th width="22%" align="left">Category</th><th width="5%" align="left">2+</th>'
        '<th width="23%" align="left">Impression of change (PGIC)</th></tr>'
    )
    rows = []
    for index, med in enumerate(meds):
        resp: Mapping[str, Any] = med.get("response") or {}
        shade = ' bgcolor="#ffffff"' if index % 2 == 0 else ""
        valid = resp.get("baseline_mean") is not None and resp.get("current_mean") is not None
        if valid:
            change_percent = resp.get("change_percent")
            change = f"<b>{signed(resp.get('change_points'))}</b>" + (
                f" ({percent_change(change_percent)})" if change_percent is not None else ""
            )
            category = f"<b>{h(resp.get('category') or 'not computed')}</b>"
            two = resp.get("meets_two_points")
            two_text = "yes" if two else "no" if two is not None else "–"
        else:
            change, category, two_text = "not computed", f"each window needs {MIN_RATED_DAYS} rated days", "–"
        pgic = med.get("pgic")
        if pgic is None:
            pgic = get(data, "questionnaires", "pgic", default=[])
        rows.append(
            f"<tr{shade}><td><b>{h(med.get('name'))}</b></td>"
            f"<td>{_cell(resp, 'baseline')}</td><td>{_cell(resp, 'current')}</td>"
            f"<td>{change}</td><td>{category}</td><td>{two_text}</td>"
            f"<td>{_pgic_short(pgic) if pgic else 'not answered'}</td></tr>"
        )
        if not brief and (details := _details(med, resp)):
            rows.append(
                f"<tr{shade}><td></td><td colspan='6' style='font-size:small; color:{MUTED}'>{details}</td></tr>"
            )
    table = f'<table width="100%" cellspacing="0" cellpadding="{px(1):.0f}">{head}{"".join(rows)}</table>'
    parts = [title, table]
    if brief:
        parts.append(
            f"<p style='margin:0'>Not room for more here: each medication's full box (window dates; mood, "
            f"sleep and PEG in the same windows; weeks since the start and the last dose change; notes) is "
            f"on {h(full_where)}: “{FULL_LATER_TITLE}”.</p>"
        )
    if caveat:
        parts.append(caveat_html())
    return callout("".join(parts), "#4a6f99", BOX_BACKGROUND)


def _cell(resp: Mapping[str, Any], which: str) -> str:
    """A window's mean with its rated days, or "not enough data (n rated days)" (docs/clinical.md §5)."""
    mean, days = resp.get(f"{which}_mean"), int(resp.get(f"{which}_days") or 0)
    if mean is None:
        return f"not enough data ({plural(days, 'rated day')})"
    return f"<b>{number(mean)}</b> ({plural(days, 'day')})"


def _pgic_short(answers: Sequence[Mapping[str, Any]]) -> str:
    """The last three PGIC answers, each with its date (month-day: the period gives the year)."""
    parts = []
    for answer in answers[-3:]:
        label = _pgic_label(answer)
        parts.append(
            f"<b>{h(label)}</b> <span style='color:{MUTED}'>({h(str(answer.get('date'))[5:])})</span>"
        )
    return "; ".join(parts)


def _details(med: Mapping[str, Any], resp: Mapping[str, Any]) -> str:
    """The rest of a medication's full box on one line: weeks, the same windows for other measures, notes."""
    parts = []
    started = f"started {h(med.get('started'))}" if med.get("started") else "started"
    weeks = resp.get("weeks_since_start", med.get("weeks_since_start"))
    if weeks is not None:
        parts.append(f"{started}, {number(weeks, 0)} weeks ago")
    elif med.get("started"):
        parts.append(started)
    weeks_change = resp.get("weeks_since_dose_change", med.get("weeks_since_dose_change"))
    if weeks_change is not None:
        parts.append(f"{number(weeks_change, 0)} weeks since the last dose change")
    start, end = resp.get("baseline_start"), resp.get("baseline_end")
    if start and end:
        parts.append(f"before = {h(start)} {DASH} {h(end)}")
    parts.extend(_other_measures(med, resp, short=True))
    function = function_text(med, short=True)
    if function:
        parts.append(function)
    rescue = rescue_text(med)
    if rescue:
        parts.append(rescue)
    notes = [str(n) for n in resp.get("notes") or []] + later_notes(med, short=True)
    if notes:
        parts.append(f"Note: {h('; '.join(notes))}")
    return " · ".join(parts)


def _compared(med: Mapping[str, Any]) -> bool:
    """True when a before/after change was computed for the medication (pain, mood, sleep or PEG)."""
    responses = [med.get("response")] + [med.get(f"{key}_response") for key in ("mood", "sleep", "peg")]
    return any(isinstance(r, Mapping) and r.get("change_points") is not None for r in responses)
