"""Frozen records compared, hashed and shown by domain/value.py, as a dataclass's generated methods would."""

from __future__ import annotations

import inspect
from dataclasses import FrozenInstanceError, asdict, dataclass, field, replace
from datetime import date
from typing import Any

import pytest

from medjournal.domain.records import DaySlot, DoseLog, Medication, ScheduledSlot
from medjournal.domain.value import Value, record
from medjournal.domain.warning_record import JournalWarning


def test_equal_records_are_equal_and_hash_alike() -> None:
    first = Medication(id=1, name="Duloxetine", unit="mg")
    second = Medication(id=1, name="Duloxetine", unit="mg")
    assert first == second and hash(first) == hash(second)
    assert len({first, second}) == 1
    assert first != replace(first, unit="ml")
    assert first != replace(
        first, recorded_at="2026-03-15T09:30:00+01:00"
    )  # every field counts, this one too


def test_records_of_another_class_are_never_equal() -> None:
    slot = ScheduledSlot(1, "Duloxetine", date(2026, 3, 15), "08:00", 30.0, "mg")
    day_slot = DaySlot(1, "Duloxetine", date(2026, 3, 15), "08:00", 30.0, "mg", status="due")
    assert slot != day_slot and day_slot != slot
    assert slot.__eq__(object()) is NotImplemented


def test_a_record_shows_its_fields_as_a_dataclass_does() -> None:
    log = DoseLog(7, date(2026, 3, 14), 1, "08:00", "2026-03-15T08:10:00+01:00", "taken")
    assert repr(log) == (
        "DoseLog(id=7, recorded_at='', day=datetime.date(2026, 3, 14), medication_id=1, slot='08:00', "
        "taken_at='2026-03-15T08:10:00+01:00', status='taken', amount=None, note='', source='')"
    )

    @dataclass(frozen=True)
    class Generated:
        day: date
        note: str = ""

    @dataclass(frozen=True, eq=False, repr=False)
    class Cheap(Value):
        day: date
        note: str = ""

    assert repr(Cheap(date(2026, 3, 15), "x")).replace("Cheap", "Generated") == repr(
        Generated(date(2026, 3, 15), "x")
    )


def test_records_stay_frozen_dataclasses() -> None:
    warning = JournalWarning(key="k", kind="stock", day=date(2026, 3, 15), title="t", message="m")
    with pytest.raises(FrozenInstanceError):
        warning.title = "other"  # type: ignore[misc]
    assert asdict(warning)["title"] == "t"
    assert hash(warning) == hash(replace(warning))


# -- @record: a frozen dataclass with nothing compiled until a record is made ----------------------------------


@dataclass(frozen=True)
class Twin:
    """The frozen dataclass a :class:`Made` is meant to behave as."""

    id: int
    day: date
    tags: list[str] = field(default_factory=list)
    note: str = ""
    hidden: int = field(default=3, init=False)
    made_later: list[int] = field(default_factory=lambda: [1], init=False)
    recorded_at: str = field(default="", kw_only=True)


@record
class Made(Value):
    id: int
    day: date
    tags: list[str] = field(default_factory=list)
    note: str = ""
    hidden: int = field(default=3, init=False)
    made_later: list[int] = field(default_factory=lambda: [1], init=False)
    recorded_at: str = field(default="", kw_only=True)


def _as_twin(text: str) -> str:
    return text.replace("Made", "Twin")


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1, date(2026, 3, 15)), {}),
    ((1, date(2026, 3, 15), ["a"], "n"), {"recorded_at": "2026-03-16T08:00:00+01:00"}),
    ((), {"id": 2, "day": date(2026, 3, 1), "note": "typed later"}),
]
WRONG_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1,), {}),  # a field missing
    ((1, date(2026, 3, 15), [], "", ""), {}),  # the keyword-only field given by position
    ((1, date(2026, 3, 15)), {"hidden": 4}),  # a field that is not an argument
    ((1, date(2026, 3, 15)), {"colour": "red"}),
    ((1, date(2026, 3, 15)), {"id": 2}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_a_record_is_made_as_the_frozen_dataclass_is(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    made, twin = Made(*args, **kwargs), Twin(*args, **kwargs)
    assert _as_twin(repr(made)) == repr(twin)
    assert asdict(made) == asdict(twin)
    assert made == Made(*args, **kwargs) and made != replace(made, id=9)
    if len(args) < 3:  # a default factory makes a new value each time
        assert made.tags == [] and made.tags is not Made(*args, **kwargs).tags
    assert made.made_later == [1] and "hidden" not in made.__dict__  # as the dataclass leaves them
    assert str(inspect.signature(Made)) == str(inspect.signature(Twin))
    assert _as_twin(repr(replace(made, note="other"))) == repr(replace(twin, note="other"))


@pytest.mark.parametrize(("args", "kwargs"), WRONG_CALLS)
def test_a_record_refuses_the_arguments_the_dataclass_refuses(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(TypeError) as twin_refused:
        Twin(*args, **kwargs)
    with pytest.raises(TypeError) as made_refused:
        Made(*args, **kwargs)
    assert _as_twin(str(made_refused.value)) == str(twin_refused.value)


def test_a_record_is_frozen_as_the_dataclass_is() -> None:
    made, twin = Made(1, date(2026, 3, 15)), Twin(1, date(2026, 3, 15))
    for change in (
        lambda value: setattr(value, "note", "x"),
        lambda value: setattr(value, "colour", "red"),
        lambda value: delattr(value, "note"),
    ):
        with pytest.raises(FrozenInstanceError) as twin_refused:
            change(twin)
        with pytest.raises(FrozenInstanceError) as made_refused:
            change(made)
        assert str(made_refused.value) == str(twin_refused.value)
    assert made.note == ""


def test_a_record_extended_and_checked_after_it_is_made() -> None:
    checked: list[int] = []

    @record
    class Child(Made):
        extra: str = "e"

        def __post_init__(self) -> None:
            checked.append(self.id)

    child = Child(5, date(2026, 3, 15), extra="x", recorded_at="r")
    assert (child.id, child.extra, child.recorded_at, checked) == (5, "x", "r", [5])
    assert Made(1, date(2026, 3, 15)).note == ""  # the parent's own __init__ is its own
    with pytest.raises(TypeError, match="follows default argument"):

        @record
        class Wrong(Made):
            required: str  # type: ignore[misc]  # what the test is about


def test_a_record_with_its_own_init_is_refused_when_the_class_is_made() -> None:
    """The dataclass keeps a class's own ``__init__``; a record would silently replace it, so it refuses it."""
    with pytest.raises(TypeError, match="makes its own __init__"):

        @record
        class Own(Value):
            a: int

            def __init__(self, a: Any) -> None:
                object.__setattr__(self, "a", int(a))


# -- what the review of @record asked about ----------------------------------------------------------------------


def test_the_signature_and_the_docstring_are_the_dataclass_s_before_any_record_is_made() -> None:
    @dataclass(frozen=True)
    class Plain:
        id: int
        tags: list[str] = field(default_factory=list)
        recorded_at: str = field(default="", kw_only=True)

    @record
    class Fresh(Value):
        id: int
        tags: list[str] = field(default_factory=list)
        recorded_at: str = field(default="", kw_only=True)

    assert "__init__" in Fresh.__dict__ and getattr(
        Fresh.__init__, "_record_first_init", False
    )  # none made yet
    assert str(inspect.signature(Fresh)) == str(inspect.signature(Plain))
    assert Fresh.__doc__ == Plain.__doc__.replace("Plain", "Fresh")  # type: ignore[union-attr]
    Fresh(1)
    assert str(inspect.signature(Fresh)) == str(inspect.signature(Plain))
    assert Fresh.__doc__ == Plain.__doc__.replace("Plain", "Fresh")  # type: ignore[union-attr]
    from medjournal.domain.reminders import (
        DueReminder,
    )  # a record of the project declared without a docstring

    assert DueReminder.__doc__ is not None and DueReminder.__doc__.startswith("DueReminder(medication_id: ")


def test_a_record_is_frozen_to_the_dataclass_machinery_and_a_frozen_dataclass_may_extend_it() -> None:
    assert Made.__dataclass_params__.frozen and Twin.__dataclass_params__.frozen  # type: ignore[attr-defined]

    @dataclass(frozen=True)
    class Extended(Made):
        colour: str = "red"

    extended = Extended(1, date(2026, 3, 15), colour="blue")
    assert (extended.id, extended.colour, extended.note) == (1, "blue", "")
    assert extended == Extended(1, date(2026, 3, 15), colour="blue") == replace(extended)
    with pytest.raises(FrozenInstanceError):
        extended.colour = "green"  # type: ignore[misc]

    @record
    class AlsoRecord(Made):  # a record extending a record is still given its fields with nothing compiled
        colour: str = "red"

    assert AlsoRecord(2, date(2026, 3, 15)).colour == "red"
    assert AlsoRecord.__dataclass_params__.frozen and Made.__dataclass_params__.frozen  # type: ignore[attr-defined]
    # A plain dataclass cannot extend it: refused when the class is made, as for any frozen dataclass (it used
    # to be refused only when a record was made, by a FrozenInstanceError about its first field).
    with pytest.raises(TypeError, match="cannot inherit non-frozen dataclass from a frozen one"):

        @dataclass
        class Loose(Made):  # type: ignore[misc]  # what the test is about
            colour: str = "red"


def test_a_record_with_its_own_eq_stays_hashable_as_the_frozen_dataclass_does() -> None:
    @dataclass(frozen=True)
    class Generated:
        name: str

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Generated) and self.name.casefold() == other.name.casefold()

    @record
    class Cased(Value):
        name: str

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Cased) and self.name.casefold() == other.name.casefold()

    assert hash(Generated("a")) == hash(("a",))
    assert hash(Cased("a")) == hash(("a",)) and Cased("A") == Cased("a")
    assert len({Cased("a"), Cased("a")}) == 1

    @record
    class Unhashed(Value):  # a hash refused on purpose stays refused
        name: str
        __hash__ = None  # type: ignore[assignment]

    with pytest.raises(TypeError, match="unhashable"):
        hash(Unhashed("a"))
