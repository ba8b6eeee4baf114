"""Optional measures: weight, blood pressure with pulse, and drinks per week (domain/measures.py)."""

from __future__ import annotations

import json
from datetime import date

from medjournal.domain import measures
from medjournal.domain.records import Measure
from medjournal.i18n import formatting_locale, system_language
from medjournal.storage.journal_base import JournalBase

Number = float | int | str | None
Day = date | str | None

WEIGHT_UNIT_SETTING = "weight_unit"


class MeasuresMixin(JournalBase):
    def add_measure(
        self,
        kind: str,
        value: Number,
        *,
        diastolic: Number = None,
        pulse: Number = None,
        unit: str = "kg",
        day: Day = None,
        note: str = "",
    ) -> Measure:
        """Record a measure for ``day`` (default today): a weight in ``unit`` (kept in kg), a blood pressure
        (``value`` the upper number, ``diastolic`` the lower, an optional ``pulse``) or the drinks of the week
        ending on ``day``."""
        cleaned = measures.measure(
            {
                "kind": kind,
                "value": value,
                "diastolic": diastolic,
                "pulse": pulse,
                "unit": unit,
                "note": note,
                "day": day if day not in (None, "") else self.today(),
            },
            self.today(),
        )
        with self._write():
            entry_id = self._insert("measures", cleaned)
        return self._get(Measure, "measures", entry_id)

    def measures(
        self, start: date | None = None, end: date | None = None, kind: str | None = None
    ) -> list[Measure]:
        """The measures whose day lies from ``start`` to ``end``, of one ``kind`` or all, in day order."""
        return self._in_range(Measure, start, end, kind=None if kind is None else measures.kind_key(kind))

    def latest_measures(self, day: date) -> list[Measure]:
        """The latest reading of each kind on or before ``day`` (Today shows them), in the order of the kinds."""
        found = []
        for kind in measures.KINDS:
            rows = self._fetch(
                Measure,
                "measures",
                "kind = ? AND day <= ?",
                [kind, day.isoformat()],
                "day DESC, id DESC LIMIT 1",
            )
            found.extend(rows)
        return found

    def has_measures(self) -> bool:
        """Whether any measure was ever recorded (Today opens its Measures area then)."""
        return bool(self._rows("SELECT 1 FROM measures LIMIT 1"))

    def weight_unit(self, automatic: bool = False) -> str:
        """``kg`` or ``lb`` for showing weights: the ``weight_unit`` setting, else the country and the locale.
        ``automatic``: what the country and the locale alone give (Settings shows it beside "Automatic")."""
        chosen = {
            row["key"]: json.loads(row["value"])
            for row in self._rows(
                "SELECT key, value FROM settings WHERE key IN (?, ?)", [WEIGHT_UNIT_SETTING, "country"]
            )
        }
        # The territory of the window's locale (en_GB), else of the system's (the command line sets no language).
        locale_name = formatting_locale()
        if "_" not in locale_name:
            locale_name = system_language()
        setting = None if automatic else chosen.get(WEIGHT_UNIT_SETTING)
        return measures.weight_unit(setting, chosen.get("country"), locale_name)
