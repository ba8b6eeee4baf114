"""Page 1's "Is it working?" results (docs/clinical.md §5 and §7 item 4), with the caveats printed once under them.

One medication under evaluation gets a full box; two or more share one table, a line each (baseline → now
with rated days, change, category, the 2-point check, PGIC) with the rest of the full box in small print
under it. When page 1 cannot hold even that, the table keeps its main lines, says so, and the full boxes are
printed after page 1 (:func:`full_box_blocks`).

Built from the summary's JSON form, like the rest of page 1 (:mod:`medjournal.report.pdf_first_page`).
"""

from __future__ import annotations

from collections.abc import Sequence

from medjournal.domain.instruments import PGIC_CHOICES
from medjournal.domain.response import MIN_RATED_DAYS, WINDOW_DAYS
from medjournal.report.measure_change import measures_text
from medjournal.report.pdf_first_page import BOX_BACKGROUND, HEADING, MUTED, callout, css, heading
from medjournal.report.pdf_layout import Block, TextBlock, px
from medjournal.report.pdf_text import DASH, h, number, percent_change, plural, signed
from medjournal.report.summary_types import MedicationDoc, QuestionnaireDoc, ResponseDoc, SummaryDocument


def _side(resp: ResponseDoc, which: str) -> tuple[float | None, int, str | None, str | None]:
    """A window's mean, rated days, first and last day: ``which`` is "baseline" or "current"."""
    if which == "baseline":
        return resp["baseline_mean"], resp["baseline_days"], resp["baseline_start"], resp["baseline_end"]
    return resp["current_mean"], resp["current_days"], resp["current_start"], resp["current_end"]


def _window(resp: ResponseDoc, which: str) -> str:
    mean, days, start, end = _side(resp, which)
    span = f' <span style="color:{MUTED}">{h(start)} {DASH} {h(end)}</span>' if start and end else ""
    if mean is None:
        return f"not enough data ({plural(days, 'rated day')}){span}"
    return f"<b>{number(mean)}</b> ({plural(days, 'rated day')}){span}"


def _pgic_label(answer: QuestionnaireDoc) -> str:
    """The answer's wording ("Much improved"), from the stored label or the 1–7 score."""
    score = answer["score"]
    label = answer.get("label")
    if label is None and score is not None and 1 <= int(score) <= len(PGIC_CHOICES):
        label = PGIC_CHOICES[int(score) - 1]
    return str(label if label is not None else score)


def _pgic_text(answers: Sequence[QuestionnaireDoc]) -> str:
    """The last three PGIC answers, each after its date."""
    return "; ".join(f"{h(answer['date'])}: <b>{h(_pgic_label(answer))}</b>" for answer in answers[-3:])


def response_html(med: MedicationDoc, caveat: bool = False) -> str:
    resp = med["response"]
    name = h(med["name"])
    lines = [
        f'<p style="margin:0; font-weight:bold; color:{HEADING}">Is it working? {name}: pain before vs now '
        f'<span style="font-weight:normal; color:{MUTED}; font-size:small">(0–10, higher = worse; '
        "daily means)</span></p>"
    ]
    started = f" {h(med['started'])}" if med["started"] else ""
    lines.append(
        f"<p style='margin:0'>Baseline, {WINDOW_DAYS} days before the start{started}: {_window(resp, 'baseline')}</p>"
    )
    lines.append(f"<p style='margin:0'>Now, last {WINDOW_DAYS} days: {_window(resp, 'current')}</p>")
    lines.append(_change_line(resp))
    extra = []
    weeks = resp["weeks_since_start"]
    if weeks is not None:
        judged = med["judged_after_weeks"]
        context = (
            f" (week {int(float(weeks)) + 1} of the {judged['weeks']} the label's trials took)"
            if judged is not None and float(weeks) < float(judged["weeks"])
            else ""
        )
        extra.append(f"{number(weeks, 0)} weeks since start{context}")
    weeks_change = resp["weeks_since_dose_change"]
    if weeks_change is not None:
        extra.append(f"{number(weeks_change, 0)} weeks since the last dose change")
    others = _other_measures(med)
    if others:
        lines.append(f"<p style='margin:0'>Same windows: {' · '.join(others)}</p>")
    function = function_text(med)
    if function:
        lines.append(f"<p style='margin:0'>{function}</p>")
    rescue = rescue_text(med)
    if rescue:
        lines.append(f"<p style='margin:0'>{rescue}</p>")
    if measured := measures_text(med["measures"]):
        lines.append(f"<p style='margin:0'>{h(measured)}</p>")
    pgic = med["pgic"]
    extra.append(
        "impression of change (PGIC): " + (_pgic_text(pgic) if pgic else "not answered in this period")
    )
    lines.append(f"<p style='margin:0'>{' · '.join(extra)}</p>")
    notes = resp["notes"] + later_notes(med)
    if notes:
        lines.append(f"<p style='margin:0; color:{MUTED}'>Note: {h('; '.join(notes))}.</p>")
    if caveat:
        lines.append(caveat_html())
    return callout("".join(lines), "#4a6f99", BOX_BACKGROUND)


def _change_line(resp: ResponseDoc) -> str:
    """The change from before to now with its category, or why none was computed."""
    if resp["baseline_mean"] is None or resp["current_mean"] is None:
        return f"<p style='margin:0'>No change computed: each window needs at least {MIN_RATED_DAYS} rated days.</p>"
    category = resp["category"] or "not computed"
    change_percent = resp["change_percent"]
    percent_text = f" ({percent_change(change_percent)})" if change_percent is not None else ""
    two = resp["meets_two_points"]
    two_text = "yes" if two else "no" if two is not None else "–"
    return (
        f"<p style='margin:0'>Change <b>{signed(resp['change_points'])} points{percent_text}</b>: "
        f"<b>{h(category)}</b> · change of 2 points or more: <b>{two_text}</b></p>"
    )


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


def later_notes(med: MedicationDoc, short: bool = False) -> list[str]:
    """Notes that qualify the result: a baseline typed in later, other treatments begun in or between the windows;
    ``short``: the compact table of several medications, where room is scarce."""
    entered = med["baseline_entered_later"]
    if not entered:
        return treatments_began_notes(med)
    said = "baseline typed in later" if short else f"{entered}: less reliable than ratings made on the day"
    return [said, *treatments_began_notes(med)]


def treatments_began_notes(med: MedicationDoc) -> list[str]:
    """Other treatments begun in or between the windows, a second explanation for a change (the caveat below
    names other treatments): "also begun between the windows: exercise 2026-03-26, physical therapy 2026-04-07"."""
    by_place: dict[str, list[str]] = {}
    for began in med["treatments_began"]:
        name = (began["label"] or began["kind"]).replace("_", " ").lower()
        by_place.setdefault(began["where"], []).append(f"{name} {began['date']}")
    return [f"also begun {where}: {', '.join(names)}" for where, names in by_place.items()]


def function_text(med: MedicationDoc, short: bool = False) -> str:
    """PEG's items before → now, the activity item first and named as the function measure ("" without PEG);
    ``short``: the activity item alone (the compact table of several medications)."""
    items = med["peg_items"]
    labels = (("activity", "function (PEG activity)"),) if short else PEG_ITEM_LABELS
    parts = [
        f"{label} {_brief(items[key], 'baseline')} → {_brief(items[key], 'current')}"
        for key, label in labels
        if key in items
    ]
    if not parts:
        return ""
    return " · ".join(parts)


def rescue_text(med: MedicationDoc) -> str:
    """ "Rescue painkillers, per week before → now: Ibuprofen 4.5 → 0.5 days, 5.0 → 0.5 doses" ("" when none)."""
    parts = []
    for use in med["rescue"]:
        before, now = use["before"], use["now"]
        now_days = number(now["days_per_week"] if now else None)
        now_doses = number(now["doses_per_week"] if now else None)
        if before is None:
            parts.append(f"{h(use['name'])} now {now_days} days, {now_doses} doses")
            continue
        parts.append(
            f"{h(use['name'])} <b>{number(before['days_per_week'])} → {now_days}"
            f" days</b>, {number(before['doses_per_week'])} → {now_doses} doses"
        )
    return ("Rescue painkillers, per week before → now: " + "; ".join(parts)) if parts else ""


def _measure(med: MedicationDoc, key: str) -> ResponseDoc | None:
    """The same windows as pain for "mood", "sleep" or "peg" (None without data)."""
    return {"mood": med["mood_response"], "sleep": med["sleep_response"], "peg": med["peg_response"]}[key]


def _other_measures(med: MedicationDoc, short: bool = False) -> list[str]:
    """Mood, sleep and PEG in the same windows as pain, where data exist; ``short``: without the direction
    (said once above them)."""
    others: list[str] = []
    for key, long_label in OTHER_MEASURES:
        label = long_label.partition(" (")[0] if short else long_label
        other = _measure(med, key)
        if other is not None and (other["baseline_days"] or other["current_days"]):
            before, after = _brief(other, "baseline"), _brief(other, "current")
            counts = ""
            if key == "peg" and other["baseline_mean"] is not None and other["current_mean"] is not None:
                # A PEG window is valid with a single weekly score: say how few there are.
                counts = f" ({other['baseline_days']} and {other['current_days']} scores)"
            others.append(f"{label} {before} → {after}{counts}")
    return others


def _brief(resp: ResponseDoc, which: str) -> str:
    """A window's mean, or "not enough data (n rated days)" (docs/clinical.md §5) when it is not valid."""
    mean, days, _start, _end = _side(resp, which)
    if mean is not None:
        return number(mean)
    return f"not enough data ({plural(days, 'rated day')})"


def old_start_html(name: str, started: str | None, resp: ResponseDoc) -> str:
    """A medication started more than a year before the period: no comparison, only where things stand."""
    parts = [
        f"<b>{h(name)}</b>: started {h(started)}, more than a year before this period; "
        "no recent baseline to compare.",
        f"Pain in the last {WINDOW_DAYS} days: {_window(resp, 'current')}.",
    ]
    if resp["last_dose_change"]:
        weeks = resp["weeks_since_dose_change"]
        ago = f", {plural(weeks, 'week')} ago" if weeks is not None else ""
        parts.append(f"Last dose change {h(resp['last_dose_change'])}{ago}.")
    return f"<p style='margin:0'>{' '.join(parts)}</p>"


def caveat_html() -> str:
    from medjournal.report.methods import CAVEAT_SHORT

    return f"<p style='margin-top:{css(2)}; margin-bottom:0; color:{MUTED}'>{h(CAVEAT_SHORT)}</p>"


FULL, COMPACT, BRIEF = "full", "compact", "brief"
FULL_LATER_TITLE = "Is it working? Each medication in full"


def evaluated(data: SummaryDocument) -> list[MedicationDoc]:
    """Medications under evaluation: scheduled, with a recent start (docs/clinical.md §5)."""
    return [med for med in data["medications"] if med["under_evaluation"]]


def responses_html(data: SummaryDocument, form: str = FULL, full_where: str = "the next page") -> list[str]:
    """The "Is it working?" result of each medication under evaluation, then the caveats under the result.

    ``form``: ``FULL``, one box per medication; ``COMPACT``, one table with a line per medication and its
    other measures under it (every number of the full boxes); ``BRIEF``, the table without the other measures,
    saying that the full boxes are printed ``full_where`` (:func:`full_boxes_html`).
    """
    chosen = evaluated(data)
    # The caveats go once, right under the results they are about.
    caveat = any(_compared(med) for med in chosen)
    if form == FULL or not chosen:
        blocks = [response_html(med, caveat and index == len(chosen) - 1) for index, med in enumerate(chosen)]
    else:
        blocks = [response_table_html(chosen, caveat, form == BRIEF, full_where)]
    old = [
        old_start_html(med["name"], med["started"], med["response"])
        for med in data["medications"]
        if not med["recent_start"] and not med["as_needed"]
    ]
    if old:
        blocks.append(callout("".join(old), "#9aa7b5", BOX_BACKGROUND))
    return blocks


def full_boxes_html(data: SummaryDocument) -> list[str]:
    """Every medication's full box, for the later pages when page 1 carries only the brief table."""
    chosen = evaluated(data)
    caveat = any(_compared(med) for med in chosen)
    return [response_html(med, caveat and index == len(chosen) - 1) for index, med in enumerate(chosen)]


def response_forms(data: SummaryDocument) -> tuple[str, ...]:
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


def full_box_blocks(data: SummaryDocument, width: float) -> list[Block]:
    """Each medication's full "Is it working?" box, on a page of its own after page 1, for when page 1
    carries only the brief table."""
    point_size = 8.0
    title = heading(FULL_LATER_TITLE)
    blocks: list[Block] = [TextBlock(title, width, point_size, keep_with_next=True, page_break_before=True)]
    blocks.extend(TextBlock(html, width, point_size) for html in full_boxes_html(data))
    return blocks


def response_table_html(
    meds: Sequence[MedicationDoc],
    caveat: bool,
    brief: bool = False,
    full_where: str = "the next page",
) -> str:
    """One line per medication: baseline → now with the rated days, change, category, the 2-point check, PGIC;
    under each line (unless ``brief``) weeks since start and dose change, mood, sleep and PEG, notes."""
    current = next(
        (
            (med["response"]["current_start"], med["response"]["current_end"])
            for med in meds
            if med["response"]["current_start"]
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
        resp = med["response"]
        shade = ' bgcolor="#ffffff"' if index % 2 == 0 else ""
        change, category, two_text = _change_cells(resp)
        pgic = med["pgic"]
        rows.append(
            f"<tr{shade}><td><b>{h(med['name'])}</b></td>"
            f"<td>{_cell(resp, 'baseline')}</td><td>{_cell(resp, 'current')}</td>"
            f"<td>{change}</td><td>{category}</td><td>{two_text}</td>"
            f"<td>{_pgic_short(pgic) if pgic else 'not answered'}</td></tr>"
        )
        if not brief and (details := _details(med)):
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


def _change_cells(resp: ResponseDoc) -> tuple[str, str, str]:
    """The table's change, category and 2+ cells; "not computed" when a window has too few rated days."""
    if resp["baseline_mean"] is None or resp["current_mean"] is None:
        return "not computed", f"each window needs {MIN_RATED_DAYS} rated days", "–"
    change_percent = resp["change_percent"]
    change = f"<b>{signed(resp['change_points'])}</b>" + (
        f" ({percent_change(change_percent)})" if change_percent is not None else ""
    )
    two = resp["meets_two_points"]
    two_text = "yes" if two else "no" if two is not None else "–"
    return change, f"<b>{h(resp['category'] or 'not computed')}</b>", two_text


def _cell(resp: ResponseDoc, which: str) -> str:
    """A window's mean with its rated days, or "not enough data (n rated days)" (docs/clinical.md §5)."""
    mean, days, _start, _end = _side(resp, which)
    if mean is None:
        return f"not enough data ({plural(days, 'rated day')})"
    return f"<b>{number(mean)}</b> ({plural(days, 'day')})"


def _pgic_short(answers: Sequence[QuestionnaireDoc]) -> str:
    """The last three PGIC answers, each with its date (month-day: the period gives the year)."""
    return "; ".join(
        f"<b>{h(_pgic_label(answer))}</b> <span style='color:{MUTED}'>({h(answer['date'][5:])})</span>"
        for answer in answers[-3:]
    )


def _details(med: MedicationDoc) -> str:
    """The rest of a medication's full box on one line: weeks, the same windows for other measures, notes."""
    resp = med["response"]
    parts = []
    started = f"started {h(med['started'])}" if med["started"] else "started"
    weeks = resp["weeks_since_start"]
    if weeks is not None:
        parts.append(f"{started}, {number(weeks, 0)} weeks ago")
    elif med["started"]:
        parts.append(started)
    weeks_change = resp["weeks_since_dose_change"]
    if weeks_change is not None:
        parts.append(f"{number(weeks_change, 0)} weeks since the last dose change")
    start, end = resp["baseline_start"], resp["baseline_end"]
    if start and end:
        parts.append(f"before = {h(start)} {DASH} {h(end)}")
    parts.extend(_other_measures(med, short=True))
    function = function_text(med, short=True)
    if function:
        parts.append(function)
    rescue = rescue_text(med)
    if rescue:
        parts.append(rescue)
    if measured := measures_text(med["measures"]):
        parts.append(h(measured))
    notes = resp["notes"] + later_notes(med, short=True)
    if notes:
        parts.append(f"Note: {h('; '.join(notes))}")
    return " · ".join(parts)


def _compared(med: MedicationDoc) -> bool:
    """True when a before/after change was computed for the medication (pain, mood, sleep or PEG)."""
    responses = [med["response"], med["mood_response"], med["sleep_response"], med["peg_response"]]
    return any(r is not None and r["change_points"] is not None for r in responses)
