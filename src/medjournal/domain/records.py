"""The journal's records as plain dataclasses. Storage turns rows into these; everything else reads them.

Days are local calendar days (``date``); moments are timezone-aware ISO 8601 strings kept as written, so an entry
keeps the offset it was made in. Every record keeps ``recorded_at``: when it was written, so entries made later
than their day can be told apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import field, fields
from datetime import date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from medjournal.domain.value import Value, record
from medjournal.i18n import N_

T = TypeVar("T", bound="Record")

DOSE_STATUSES = ("taken", "skipped")
TREATMENT_KINDS = ("physical_therapy", "exercise", "other")
# Marked for translation; translate where shown: _(TREATMENT_LABELS[kind]).
TREATMENT_LABELS = {
    "physical_therapy": N_("Physical therapy"),
    "exercise": N_("Exercise"),
    "other": N_("Other"),
}
SAFETY_KINDS = ("phq9_item9", "self_harm_question")


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Record(Value):
    """A row of one of the journal's tables. ``recorded_at``, which every record keeps, is keyword-only: it comes
    after each record's own fields whatever their defaults; ``id`` comes first."""

    table: ClassVar[str] = ""
    json_fields: ClassVar[tuple[str, ...]] = ()
    date_fields: ClassVar[tuple[str, ...]] = ()
    id: int
    recorded_at: str = field(default="", kw_only=True)

    @classmethod
    def from_row(cls: type[T], row: dict[str, Any]) -> T:
        """Build a record from a database row; unknown columns are ignored (hot path: ten years of rows)."""
        known = _FIELD_NAMES.get(cls)
        if known is None:
            known = _FIELD_NAMES[cls] = _field_names(cls)
        names, plain = known
        values = {name: row[name] for name in names if name in row}
        for name in cls.json_fields:
            value = values.get(name)
            if isinstance(value, str):
                values[name] = _parsed_json(value)
        for name in cls.date_fields:
            value = values.get(name)
            if isinstance(value, str):
                values[name] = date.fromisoformat(value)
        if not plain or len(values) != len(names):  # a column missing: __init__ gives its default
            return cls(**values)
        # What the generated __init__ of a frozen dataclass does (each field into the instance's __dict__, one
        # object.__setattr__ call per field), in one step: a third of the time per row.
        record = object.__new__(cls)
        record.__dict__.update(values)
        return record

    @classmethod
    def from_rows(cls: type[T], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[T]:
        """Records from the rows of a query whose columns are ``columns``, each as :meth:`from_row` builds it
        (hot path: a 20-year summary reads 100,000 rows). The record's fields are taken from each row by
        position, with no dictionary of every column first, and a day written the same way is parsed once
        (a date is immutable, so the records of one day may share it)."""
        known = _FIELD_NAMES.get(cls)
        if known is None:
            known = _FIELD_NAMES[cls] = _field_names(cls)
        names, plain = known
        if not plain or not set(names) <= set(columns):
            return [cls.from_row(dict(zip(columns, row, strict=True))) for row in rows]
        pick = itemgetter(*[list(columns).index(name) for name in names])  # a record has 2 fields or more
        json_fields = [name for name in cls.json_fields if name in names]
        date_fields = [name for name in cls.date_fields if name in names]
        days: dict[str, date] = {}
        new = object.__new__
        records = []
        for row in rows:
            values = dict(zip(names, pick(row), strict=True))
            for name in json_fields:
                value = values[name]
                if isinstance(value, str):
                    values[name] = _parsed_json(value)
            for name in date_fields:
                value = values[name]
                if isinstance(value, str):
                    day = days.get(value)
                    if day is None:
                        day = days[value] = date.fromisoformat(value)
                    values[name] = day
            record = new(cls)
            record.__dict__.update(values)
            records.append(record)
        return records


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class DayRecord(Record):
    """A record about one local calendar day (``day``), whenever it was written (``recorded_at``, later for an
    entry typed in afterwards). Its own fields follow ``id`` and ``day``."""

    date_fields: ClassVar[tuple[str, ...]] = ("day",)
    day: date


def _field_names(cls: type) -> tuple[tuple[str, ...], bool]:
    """The record's fields, and whether its ``__init__`` only stores them: no ``__post_init__``, no slots, every
    field an ``__init__`` argument (then ``from_row`` may store a full row without calling ``__init__``)."""
    every = fields(cls)
    plain = (
        not hasattr(cls, "__post_init__") and "__slots__" not in cls.__dict__ and all(f.init for f in every)
    )
    return tuple(f.name for f in every), plain


_FIELD_NAMES: dict[type, tuple[tuple[str, ...], bool]] = {}
_PARSED: dict[
    str, tuple[Any, ...]
] = {}  # the same few texts recur ("[\"lower_back_centre\"]", "[\"08:00\"]")
_PARSED_MAX = 4096


def _parsed_json(text: str) -> Any:
    """A JSON column's value; a list of plain values becomes a tuple, shared between the rows that hold the same
    text (immutable, so sharing is safe; 20 years of eight check-ins a day hold a handful of distinct texts)."""
    found = _PARSED.get(text)
    if found is not None:
        return found
    parsed = json.loads(text)
    if not isinstance(parsed, list):
        return parsed
    value = tuple(parsed)
    if len(_PARSED) < _PARSED_MAX and all(isinstance(v, str | int | float | None) for v in value):
        _PARSED[text] = value
    return value


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Medication(Record):
    """A medication in the journal: its name, form and unit, whether it is archived, and its stock."""

    table: ClassVar[str] = "medications"
    name: str
    purpose: str = ""
    form: str = ""
    unit: str = "mg"
    notes: str = ""
    archived: int = 0
    stock_units: float | None = None
    unit_size: float | None = None
    refill_warning_days: int | None = None
    # What an unknown medication is, as the person said: a generic name or a class key (domain/knowledge.py).
    known_as: str = ""
    # When the stock was counted (ISO 8601 with offset): doses and refills before it are in the count already.
    stock_counted_at: str | None = None


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Regimen(Record):
    """One dose step of a medication. ``end_date`` is the last day of the step (inclusive); None = current."""

    table: ClassVar[str] = "regimens"
    json_fields: ClassVar[tuple[str, ...]] = ("times",)
    date_fields: ClassVar[tuple[str, ...]] = ("start_date", "end_date")
    medication_id: int
    start_date: date
    end_date: date | None
    dose: float
    unit: str
    times: tuple[str, ...] = ()
    as_needed: int = 0
    max_daily: int | None = None
    reason: str = ""
    stop_reason: str = ""

    def active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class DoseLog(DayRecord):
    """A dose logged as taken or skipped, for a scheduled slot or as needed."""

    table: ClassVar[str] = "dose_logs"
    medication_id: int
    slot: str | None  # "HH:MM" of the scheduled slot, None for as-needed or extra doses
    taken_at: str  # ISO 8601 with offset: when taken (or when the skip was decided)
    status: str  # taken | skipped
    amount: float | None = None
    note: str = ""
    source: str = ""  # '' made here; else the import that brought it (docs/csv-import.md)

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.taken_at)


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class CheckIn(DayRecord):
    """A check-in: pain, mood and sleep ratings, hours slept, where it hurts, a note."""

    table: ClassVar[str] = "checkins"
    json_fields: ClassVar[tuple[str, ...]] = ("locations",)
    time: str
    pain: int | None
    mood: int | None = None
    sleep: int | None = None
    sleep_hours: float | None = None
    locations: tuple[str, ...] = ()
    self_harm_thoughts: int | None = None
    note: str = ""
    source: str = ""


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class SideEffect(DayRecord):
    """A side effect noted on a day, with its severity."""

    table: ClassVar[str] = "side_effects"
    symptom: str
    severity: int
    note: str = ""
    source: str = ""


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class QuestionnaireResult(DayRecord):
    """A questionnaire filled in on a day: the instrument, each answer and the score."""

    table: ClassVar[str] = "questionnaires"
    json_fields: ClassVar[tuple[str, ...]] = ("answers",)
    instrument: str
    answers: tuple[int, ...]
    score: float
    medication_id: int | None = None


def later_day(recorded_at: str, day: date) -> date | None:
    """The date of ``recorded_at`` when it is after ``day``: an entry typed in after its day."""
    try:
        written = datetime.fromisoformat(recorded_at).date()
    except (TypeError, ValueError):
        return None
    return written if written > day else None


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Question(Record):
    """A question to ask at the next visit; ``asked_on`` once it has been asked."""

    table: ClassVar[str] = "questions"
    date_fields: ClassVar[tuple[str, ...]] = ("asked_on",)
    text: str
    asked_on: date | None = None


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Refill(DayRecord):
    """Units of a medication added to its stock on a day."""

    table: ClassVar[str] = "refills"
    medication_id: int
    units: float
    note: str = ""


# Defined in records_more.py, loaded at the first use of one of them (see there): the read commands build none.
LATER = ("Treatment", "SafetyEvent", "Visit", "Measure")

if TYPE_CHECKING:
    from medjournal.domain.records_more import Measure as Measure
    from medjournal.domain.records_more import SafetyEvent as SafetyEvent
    from medjournal.domain.records_more import Treatment as Treatment
    from medjournal.domain.records_more import Visit as Visit
else:

    def __getattr__(name: str) -> type:
        if name in LATER:
            from medjournal.domain import records_more

            return getattr(records_more, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class ScheduledSlot(Value):
    """One scheduled dose of one day: the medication, the slot and how much."""

    medication_id: int
    medication_name: str
    day: date
    slot: str
    dose: float
    unit: str

    @property
    def key(self) -> tuple[int, date, str]:
        return (self.medication_id, self.day, self.slot)


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class DaySlot(ScheduledSlot):
    """A scheduled dose slot on one day, with what was logged for it."""

    status: str  # taken | late | skipped | missed | due | upcoming
    log: DoseLog | None = None
    extra: dict[str, Any] = field(default_factory=dict)
