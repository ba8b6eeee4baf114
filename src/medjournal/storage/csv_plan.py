"""What an import would do to this journal: added, already there, in conflict, refused (docs/csv-import.md).

Nothing here writes. Every entry is checked by the same validators as a new entry (``domain.entries``). An entry
already in the journal (a dose of the same medication, slot and status; a check-in or side effect with the same
values) is skipped, so importing a file twice changes nothing. A dose whose slot the journal holds with the other
status is a conflict: listed and left as it is, unless the person picks the file's version.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from medjournal.domain import entries, schedule
from medjournal.domain import validation as v
from medjournal.domain.csv_mapping import CheckinRow, DoseRow, Refused, SideEffectRow
from medjournal.domain.errors import ValidationError
from medjournal.domain.records import DoseLog, Medication, Regimen
from medjournal.i18n import _, ngettext
from medjournal.storage import collector, import_fast
from medjournal.storage.csv_slots import SlotIndex
from medjournal.storage.csv_source import ImportOptions, LoadedFile, load_file
from medjournal.storage.journal import Journal

LOOK_ALIKE_RATIO = 0.8


@dataclass(frozen=True)
class Conflict:
    line: int
    table: str
    entry_id: int
    text: str  # "taken in the file, skipped in the journal"
    values: dict[str, Any]


@dataclass
class ImportPlan:
    source: str
    new_medications: list[str] = field(default_factory=list)
    new_specs: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> unit, dose, start day
    look_alikes: list[tuple[str, str]] = field(default_factory=list)  # (name in the file, journal's name)
    doses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (medication name, row values)
    checkins: list[dict[str, Any]] = field(default_factory=list)
    side_effects: list[dict[str, Any]] = field(default_factory=list)
    already: list[Refused] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    left_out: list[Refused] = field(default_factory=list)
    prefer_file: bool = False

    @property
    def added(self) -> int:
        return len(self.doses) + len(self.checkins) + len(self.side_effects)

    @property
    def can_write(self) -> bool:
        return not self.refused and not self.look_alikes


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return v.normalise_name(name).casefold()


def look_alike(name: str, known: Sequence[str]) -> str | None:
    """An existing medication the new ``name`` may be a spelling of ("Duloxetin", "duloxetine 30 mg")."""
    letters = "".join(ch for ch in name.casefold() if ch.isalpha())
    for other in known:
        other_letters = "".join(ch for ch in other.casefold() if ch.isalpha())
        if not other_letters:
            continue
        shorter = min(len(letters), len(other_letters))
        if shorter >= 4 and (letters.startswith(other_letters) or other_letters.startswith(letters)):
            return other
        if difflib.SequenceMatcher(None, letters, other_letters).ratio() >= LOOK_ALIKE_RATIO:
            return other
    return None


def _resolve(
    journal: Journal, names: Sequence[str], chosen: dict[str, str], plan: ImportPlan
) -> dict[str, Medication | None]:
    """Each name of the file -> an existing medication, or None for a new one."""
    existing = {_key(m.name): m for m in journal.medications(include_archived=True)}
    wanted = {_key(k): value for k, value in chosen.items()}
    resolved: dict[str, Medication | None] = {}
    for name in names:
        key = _key(name)
        if key in resolved:
            continue
        target = wanted.get(key)
        if target is not None and target.casefold() != "new":
            if _key(target) not in existing:
                raise ValidationError(
                    _("There is no medication called {target} in the journal to map {name} to.").format(
                        target=repr(target), name=repr(name)
                    )
                )
            resolved[key] = existing[_key(target)]
        elif key in existing:
            resolved[key] = existing[key]
        else:
            resolved[key] = None
            similar = None if target is not None else look_alike(name, [m.name for m in existing.values()])
            if similar is not None:
                plan.look_alikes.append((name, similar))
            else:
                plan.new_medications.append(name)
    return resolved


def plan_import(
    journal: Journal, loaded: LoadedFile, medications: dict[str, str], prefer_file: bool
) -> ImportPlan:
    parsed = loaded.parsed
    plan = ImportPlan(loaded.source, refused=list(parsed.refused), left_out=list(parsed.left_out))
    plan.prefer_file = prefer_file
    try:
        resolved = _resolve(journal, [row.medication for row in parsed.doses], medications, plan)
    except ValidationError as exc:
        plan.refused.append(Refused(0, exc.message))
        return plan
    _plan_doses(journal, parsed.doses, resolved, plan)
    _plan_checkins(journal, parsed.checkins, plan)
    _plan_side_effects(journal, parsed.side_effects, plan)
    plan.refused.sort(key=lambda r: r.line)
    return plan


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)


def _minute(moment: datetime | str) -> tuple[int, ...]:
    """The minute of ``moment`` on this computer's clock (year, month, day, hour, minute), to compare two entries
    by. What ``moment.astimezone()`` gives, without making it: the local clock at the moment's whole second (its
    offset from UTC is whole seconds, so the minute is the same); a moment without an offset is its own clock.
    Worked out once per entry, where a key needs it."""
    parsed = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if not parsed.tzinfo:
        return (parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute)
    try:
        return time.localtime((parsed - _EPOCH) // _SECOND)[:5]
    except (OverflowError, OSError, ValueError, TypeError):  # what the clock cannot say, astimezone decides
        local = parsed.astimezone()
        return (local.year, local.month, local.day, local.hour, local.minute)


def _plan_doses(
    journal: Journal, rows: Sequence[DoseRow], resolved: dict[str, Medication | None], plan: ImportPlan
) -> None:
    now = journal.now()
    regimens = journal.regimens_by_medication()
    in_journal, at_moment = _journal_doses(journal, rows)
    planned: dict[tuple[Any, ...], tuple[int, str]] = {}
    units = _new_units(rows, resolved)
    new_names: dict[str, str] = {}
    drafts = _dose_drafts(rows, resolved, regimens, units)
    vouched = iter(import_fast.dose_logs_ok([d.candidate for d in drafts if isinstance(d, _DoseDraft)]))
    for row, draft in zip(rows, drafts, strict=True):
        medication = resolved[_key(row.medication)]
        owner: Any = medication.id if medication is not None else _key(row.medication)
        if draft is None:
            plan.left_out.append(
                Refused(
                    row.line, _("not taken, and {name} has no schedule here yet").format(name=row.medication)
                )
            )
            continue
        try:
            if isinstance(draft, ValidationError):
                raise draft
            values = _dose_values(draft, next(vouched), now)
        except ValidationError as exc:
            plan.refused.append(Refused(row.line, exc.message))
            continue
        # The minute, where a key needs it: a journal holding doses of these days, or a dose without a slot.
        taken = _minute(values["taken_at"]) if at_moment or values["slot"] is None else None
        if at_moment and (owner, taken, values["status"]) in at_moment:
            plan.already.append(Refused(row.line, _("already in the journal")))
            continue
        key = _dose_key(owner, values["day"], values["slot"], taken)
        if key in planned:
            _note_twice(plan, row.line, *planned[key], values["status"])
            continue
        planned[key] = (row.line, values["status"])
        logged = in_journal.get(key)
        if logged is None:
            name = medication.name if medication else new_names.get(row.medication, "")
            if not name:
                name = new_names[row.medication] = _new_name(plan, row.medication)
            plan.doses.append((name, values))
            if medication is None:
                _note_new(plan, name, units[_key(name)], values)
        elif logged.status == values["status"]:
            plan.already.append(Refused(row.line, _("already in the journal")))
        else:
            when = f"{values['day']} {values['slot'] or values['taken_at'][11:16]}"
            name = medication.name if medication else row.medication
            text = _("{name} {when}: {file} in the file, {journal} in the journal").format(
                name=name, when=when, file=_(values["status"]), journal=_(logged.status)
            )
            plan.conflicts.append(Conflict(row.line, "dose_logs", logged.id, text, values))


def _journal_doses(
    journal: Journal, rows: Sequence[DoseRow]
) -> tuple[dict[tuple[Any, ...], DoseLog], set[tuple[Any, ...]]]:
    """The journal's doses that can match one of the file's, by key (``_dose_key``), and as (medication, minute,
    status): the same dose whatever its slot. Those of the file's days and a few days either side (a dose's slot
    may be the evening before; its minute is compared on this computer's clock, up to a day off)."""
    in_journal: dict[tuple[Any, ...], DoseLog] = {}
    at_moment: set[tuple[Any, ...]] = set()
    dates = [d for row in rows for d in (row.taken_at.date(), row.slot_at.date())]
    for log in journal.dose_logs(*_span(dates, _DOSE_MARGIN)) if dates else []:
        minute = _minute(log.taken_at)
        in_journal[_dose_key(log.medication_id, log.day.isoformat(), log.slot, minute)] = log
        at_moment.add((log.medication_id, minute, log.status))
    return in_journal, at_moment


def _new_units(rows: Sequence[DoseRow], resolved: dict[str, Medication | None]) -> dict[str, str]:
    """A new medication's unit: the one its amounts are written in most often ("dose" when none is written)."""
    seen: dict[str, list[str]] = {}
    for row in rows:
        if resolved.get(_key(row.medication)) is None:
            seen.setdefault(_key(row.medication), []).append(
                row.amount_text if row.amount is not None else ""
            )
    units: dict[str, str] = {}
    for key, texts in seen.items():
        written = [t for t in texts if t and len(t) <= 20]
        units[key] = max(set(written), key=written.count) if written else "dose"
    return units


def _new_name(plan: ImportPlan, name: str) -> str:
    return next(
        (n for n in [*plan.new_medications, *(a for a, _ in plan.look_alikes)] if _key(n) == _key(name)), name
    )


def _note_new(plan: ImportPlan, name: str, unit: str, values: dict[str, Any]) -> None:
    spec = plan.new_specs.get(name)
    if spec is None:
        plan.new_specs[name] = {"unit": unit, "dose": values["amount"] or 1.0, "start": values["day"]}
    elif values["day"] < spec["start"]:
        spec["start"] = values["day"]


def _dose_key(owner: Any, day: str, slot: str | None, minute: tuple[int, ...] | None) -> tuple[Any, ...]:
    """A dose's key: its medication, day and slot, or for a dose without a slot its ``_minute``."""
    return (owner, day, slot) if slot is not None else (owner, day, None, minute)


@dataclass(frozen=True)
class _DoseDraft:
    """A dose row's values before the check: ``candidate`` as the journal stores them, ``raw`` for the validator."""

    candidate: dict[str, Any]
    raw: dict[str, Any]


def _dose_drafts(
    rows: Sequence[DoseRow],
    resolved: dict[str, Medication | None],
    regimens: dict[int, list[Regimen]],
    units: dict[str, str],
) -> list[_DoseDraft | ValidationError | None]:
    """Each row's draft, its refusal, or None for a skip of a medication without a schedule (left out)."""
    drafts: list[_DoseDraft | ValidationError | None] = []
    indexes: dict[int | None, SlotIndex] = {None: SlotIndex(())}  # a new medication has no schedule yet
    for row in rows:
        medication = resolved[_key(row.medication)]
        if medication is None and row.status == "skipped":
            drafts.append(None)
            continue
        owner = medication.id if medication is not None else None
        index = indexes.get(owner)
        if index is None:
            index = indexes[owner] = SlotIndex(regimens.get(owner, []) if owner is not None else [])
        try:
            drafts.append(_dose_draft(row, medication, index, units.get(_key(row.medication), "mg")))
        except ValidationError as exc:
            drafts.append(exc)
    return drafts


def _dose_draft(row: DoseRow, medication: Medication | None, steps: SlotIndex, new_unit: str) -> _DoseDraft:
    found = steps.nearest(row.slot_at)
    slot_day, slot = found if found is not None else (row.taken_at.date(), None)
    if steps.first_day is not None and slot_day < steps.first_day:
        start = steps.first_day.isoformat()
        name = medication.name if medication else row.medication
        raise ValidationError(
            _("{name} was started on {start}, so no dose can be logged on {day}.").format(
                name=name, start=start, day=slot_day.isoformat()
            )
        )
    unit = medication.unit if medication is not None else new_unit
    amount = row.amount
    note = row.note
    if row.status == "skipped":
        amount = None  # a skip carries no amount, as in the window
    elif amount is not None and row.amount_text and row.amount_text.casefold() != unit.casefold():
        note = " ".join(filter(None, [f"amount: {amount:g} {row.amount_text}", note]))
        amount = None
    elif amount is None and row.amount_text:
        note = " ".join(filter(None, [f"amount: {row.amount_text}", note]))
    regimen = steps.regimen_on(slot_day)
    if amount is None and row.status == "taken" and regimen is not None and not row.amount_text:
        amount = regimen.dose
    taken_at = row.taken_at
    if slot is not None and schedule.log_day(taken_at, slot, slot_day) != slot_day:
        # Marked as taken long after its reminder (MedTimer): the slot keeps its day, the note the true time.
        note = " ".join(filter(None, [f"marked taken {taken_at.strftime('%Y-%m-%d %H:%M')}", note]))
        taken_at = row.slot_at
    # The fast check accepts only what the full validator would accept unchanged (storage/import_fast.py); the
    # future is checked here as the validator does. Anything else goes through the validator for its message.
    candidate = {
        "day": slot_day.isoformat(),
        "taken_at": taken_at.isoformat(timespec="seconds"),
        "slot": slot,
        "status": row.status,
        "amount": amount,
        "note": note,
    }
    raw = {
        "taken_at": taken_at,
        "day": slot_day,
        "slot": slot,
        "status": row.status,
        "amount": amount,
        "note": note,
    }
    return _DoseDraft(candidate, raw)


def _dose_values(draft: _DoseDraft, vouched: bool, now: datetime) -> dict[str, Any]:
    """The dose's values: the candidate when the fast check vouched for it and it was not taken after ``now``
    (checked here with the validator's own rules), else what the validator makes of it (or its refusal)."""
    taken_at = draft.raw["taken_at"]
    if vouched and v.entry_day_ok(taken_at.date(), now.date()) and v.dose_moment_ok(taken_at, now):
        return draft.candidate
    return entries.dose_log(draft.raw, now.date(), now)


def _plan_checkins(journal: Journal, rows: Sequence[CheckinRow], plan: ImportPlan) -> None:
    today = journal.today()
    seen = {
        (c.day.isoformat(), _minute(c.time) if c.time else "", c.pain, c.mood, c.sleep, c.note)
        for c in (journal.checkins(*_span([row.day for row in rows])) if rows else [])
    }
    candidates = [_checkin_candidate(row) for row in rows]
    vouched = import_fast.checkins_ok(
        candidates
    )  # the whole file's check-ins checked together, a column at a time
    for row, candidate, ok in zip(rows, candidates, vouched, strict=True):
        try:
            values = _checkin_values(row, candidate, ok, today)
        except ValidationError as exc:
            plan.refused.append(Refused(row.line, exc.message))
            continue
        key = (
            values["day"],
            _minute(values["time"]) if values["time"] else "",
            values["pain"],
            values["mood"],
            values["sleep"],
            values["note"],
        )
        if key in seen:
            plan.already.append(Refused(row.line, _("the check-in is already in the journal")))
            continue
        seen.add(key)
        plan.checkins.append(values)


def _checkin_candidate(row: CheckinRow) -> dict[str, Any]:
    return {
        "day": row.day.isoformat(),
        "time": row.moment.isoformat(timespec="seconds") if row.moment is not None else "",
        "pain": row.pain,
        "mood": row.mood,
        "sleep": row.sleep,
        "sleep_hours": None,
        "locations": "[]",
        "self_harm_thoughts": None,
        "note": row.note,
    }


def _checkin_values(row: CheckinRow, candidate: dict[str, Any], vouched: bool, today: date) -> dict[str, Any]:
    """The check-in's values: the candidate when the fast check vouched for it and its day is not in the future
    (checked here as the validator does), else what the validator makes of it (or its refusal)."""
    if vouched and v.entry_day_ok(row.day, today):
        return candidate
    raw = {"day": row.day, "time": row.moment, "pain": row.pain, "mood": row.mood, "sleep": row.sleep}
    return entries.checkin({**raw, "note": row.note}, today)


def _plan_side_effects(journal: Journal, rows: Sequence[SideEffectRow], plan: ImportPlan) -> None:
    today = journal.today()
    in_span = journal.side_effects(*_span([row.day for row in rows])) if rows else []
    logged = {(s.day.isoformat(), s.symptom.casefold()): s for s in in_span}
    for row in rows:
        try:
            values = entries.side_effect(
                {"day": row.day, "symptom": row.symptom, "severity": row.severity, "note": row.note}, today
            )
        except ValidationError as exc:
            plan.refused.append(Refused(row.line, exc.message))
            continue
        key = (values["day"], values["symptom"].casefold())
        existing = logged.get(key)
        if existing is None:
            plan.side_effects.append(values)
            logged[key] = _stand_in(values)
        elif existing.severity == values["severity"]:
            plan.already.append(Refused(row.line, _("the side effect is already in the journal")))
        else:
            if existing.id < 0:
                plan.refused.append(
                    Refused(row.line, _("the same side effect on the same day twice in the file"))
                )
            else:
                text = _("{symptom} {day}: severity {file} in the file, {journal} in the journal").format(
                    symptom=values["symptom"],
                    day=values["day"],
                    file=values["severity"],
                    journal=existing.severity,
                )
                plan.conflicts.append(Conflict(row.line, "side_effects", existing.id, text, values))


_DOSE_MARGIN = timedelta(days=3)


def _span(days: Sequence[date], margin: timedelta = timedelta(0)) -> tuple[date | None, date | None]:
    """The first and last of ``days``, ``margin`` wider at each end (None: open at an end the calendar ends at):
    the journal's entries that an entry of these days can be the same as are read in one query."""
    try:
        first: date | None = min(days) - margin
    except OverflowError:
        first = None
    try:
        last: date | None = max(days) + margin
    except OverflowError:
        last = None
    return first, last


def _note_twice(plan: ImportPlan, row_line: int, line: int, status: str, new_status: str) -> None:
    """A dose the file has twice: the same again is skipped, taken once and skipped once is refused."""
    if status == new_status:
        plan.already.append(Refused(row_line, _("the same dose as line {line}").format(line=line)))
    elif new_status == "taken":
        plan.refused.append(Refused(row_line, _("the same dose as line {line} but taken").format(line=line)))
    else:
        plan.refused.append(
            Refused(row_line, _("the same dose as line {line} but skipped").format(line=line))
        )


def _stand_in(values: dict[str, Any]) -> Any:
    from medjournal.domain.records import SideEffect

    return SideEffect(-1, date.fromisoformat(values["day"]), values["symptom"], values["severity"])


def prepare_import(journal: Journal, path: Path, options: ImportOptions) -> tuple[LoadedFile, ImportPlan]:
    """Read ``path`` and compare it with the journal; nothing is written."""
    with collector.paused():  # tens of thousands of rows, none in a cycle (storage/collector.py)
        loaded = load_file(path, options)
        return loaded, plan_import(journal, loaded, options.medications, options.prefer_file)


def describe(plan: ImportPlan, written: bool, command_line: bool = True) -> list[str]:
    """The plan in a few lines for a person: what is (or would be) added, skipped, in conflict and refused."""
    parts = [
        ngettext("{n} dose", "{n} doses", len(plan.doses)).format(n=len(plan.doses)) if plan.doses else "",
        ngettext("{n} check-in", "{n} check-ins", len(plan.checkins)).format(n=len(plan.checkins))
        if plan.checkins
        else "",
        ngettext("{n} side effect", "{n} side effects", len(plan.side_effects)).format(
            n=len(plan.side_effects)
        )
        if plan.side_effects
        else "",
    ]
    shown = ", ".join(p for p in parts if p) or _("nothing")
    lines = [(_("Added: {what}.") if written else _("Would add: {what}.")).format(what=shown)]
    if plan.new_medications:
        lines.append(
            _("New medications (taken as needed until you set a schedule): {names}.").format(
                names=", ".join(plan.new_medications)
            )
        )
    lines += [_look_alike(name, other, command_line) for name, other in plan.look_alikes]
    if plan.already:
        lines.append(
            _("Skipped, already in the journal or twice in the file: {n}.").format(n=len(plan.already))
        )
    if plan.conflicts:
        if plan.prefer_file:
            lines.append(_("Conflicts ({n}), replaced by the file's version:").format(n=len(plan.conflicts)))
        else:
            lines.append(_("Conflicts ({n}), left as the journal has them:").format(n=len(plan.conflicts)))
        lines += [
            _("  line {line}: {text}").format(line=c.line, text=c.text) for c in plan.conflicts[:MAX_LISTED]
        ]
        lines += _more(len(plan.conflicts))
    if plan.left_out:
        lines.append(
            _("Left out, not entries: {n} (line {line}: {reason}).").format(
                n=len(plan.left_out), line=plan.left_out[0].line, reason=plan.left_out[0].reason
            )
        )
    if plan.refused:
        lines.append(_("Refused ({n}):").format(n=len(plan.refused)))
        lines += [
            _("  line {line}: {reason}").format(line=r.line, reason=_short(r.reason))
            if r.line
            else f"  {_short(r.reason)}"
            for r in plan.refused[:MAX_LISTED]
        ]
        lines += _more(len(plan.refused))
    return lines


def _look_alike(name: str, other: str, command_line: bool) -> str:
    """A medication of the file that looks like one of the journal: how to say which it is."""
    if command_line:
        return _(
            '{name} looks like {other} in the journal: use --med "{plain}={plain_other}" if it is the same, '
            'or --med "{plain}=new" to add it.'
        ).format(name=repr(name), other=repr(other), plain=name, plain_other=other)
    return _("{name} looks like {other} in the journal: choose above whether it is the same.").format(
        name=repr(name), other=repr(other)
    )


MAX_LISTED = 50
MAX_REASON = 300  # a reason quotes the cell it refuses: a runaway cell is not printed whole


def _short(reason: str) -> str:
    return reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 1] + "…"


def _more(count: int) -> list[str]:
    return ["  " + _("... and {n} more").format(n=count - MAX_LISTED)] if count > MAX_LISTED else []
