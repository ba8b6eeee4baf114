"""Doses taken or skipped, matched to their scheduled slots, and refills of stock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from medjournal.domain import entries
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError
from medjournal.domain.raw_input import RawDay, RawMoment, RawNumber
from medjournal.domain.records import (
    DOSE_STATUSES,
    DoseLog,
    Medication,
    Refill,
    Regimen,
)
from medjournal.domain.schedule import SlotMatch, match_dose, named_slot_day, regimen_on
from medjournal.domain.stock import refill_moment
from medjournal.i18n import _, format_amount, format_decimal
from medjournal.storage.journal_reads import ReadsMixin


class DosesMixin(ReadsMixin):
    def record_dose(
        self,
        name_or_id: str | int,
        status: str = "taken",
        at: RawMoment | None = None,
        amount: RawNumber | None = None,
        note: str = "",
        slot: str | None = None,
        day: RawDay | None = None,
    ) -> DoseLog:
        """Log a dose taken or skipped at ``at`` (default now).

        With no ``slot``, :func:`medjournal.domain.schedule.match_dose` picks it: the nearest open slot within
        4 hours (the evening before, for a dose just after midnight); failing that, a taken dose fills the latest
        open slot of the day that has passed (late), or else is an extra dose. A taken dose for a slot logged as
        skipped turns that skip into taken (same entry). ``slot`` (with ``day``, default the day of ``at``, or the
        evening before just after midnight) names the slot instead. A dose before the first start is refused.
        """
        medication = self.medication(name_or_id)
        status = v.check_choice(status, DOSE_STATUSES, "dose status")
        if amount not in (None, ""):  # a bad amount is what is refused, before which dose it would be
            v.check_dose(amount, "amount")
        moment = entries.as_moment(at, "time") if at not in (None, "") else self.now()
        match = self.dose_slot_for(medication.id, moment, status, slot, day)
        self._refuse_unloggable(medication, match, moment, status)
        if amount in (None, "") and status == "taken":
            amount = match.regimen.dose if match.regimen is not None else None
        if match.replaces is not None and note in (None, ""):
            note = match.replaces.note  # the reason given for the skip is the person's text: keep it
        cleaned = entries.dose_log(
            {
                "taken_at": moment,
                "day": match.day,
                "slot": match.slot,
                "status": status,
                "amount": amount,
                "note": note,
            },
            self.today(),
            self.now(),
        )
        if cleaned["day"] != match.day.isoformat():
            raise ValidationError(
                _("The {slot} dose of {day} can only be logged that day or up to 4 hours after it.").format(
                    slot=match.slot, day=match.day.isoformat()
                ),
                "day",
            )
        return self._get(DoseLog, "dose_logs", self._write_dose(medication.id, match, cleaned))

    def _refuse_unloggable(
        self, medication: Medication, match: SlotMatch, moment: datetime, status: str
    ) -> None:
        """A dose before the first start, or a skip with no scheduled dose near it, is refused with a sentence."""
        regimens = self.regimens(medication.id)
        if regimens and match.day < min(r.start_date for r in regimens):
            start = min(r.start_date for r in regimens).isoformat()
            raise ValidationError(
                _("{name} was started on {start}, so no dose can be logged on {day}.").format(
                    name=medication.name, start=start, day=match.day.isoformat()
                ),
                "at",
            )
        if status == "skipped" and match.slot is None:
            if match.blocked_by is not None:
                raise ValidationError(_already_logged(medication.name, match.blocked_by), "at")
            raise ValidationError(
                _("There is no scheduled dose of {name} near {date} {time} to skip.").format(
                    name=medication.name, date=moment.strftime("%Y-%m-%d"), time=moment.strftime("%H:%M")
                ),
                "at",
            )

    def _write_dose(self, medication_id: int, match: SlotMatch, cleaned: dict[str, Any]) -> int:
        """Insert the dose, or turn the skip it replaces into it; the stock follows. Returns the entry's id."""
        with self._write():
            if match.replaces is None:
                entry_id = self._insert("dose_logs", {**cleaned, "medication_id": medication_id})
            else:
                entry_id = match.replaces.id
                old = self._rows("SELECT * FROM dose_logs WHERE id = ?", [entry_id])[0]
                sets = ", ".join(f"{k} = ?" for k in cleaned)
                self.db.execute(f"UPDATE dose_logs SET {sets} WHERE id = ?", [*cleaned.values(), entry_id])
                self._adjust_stock("dose_logs", old, -1)
            self._adjust_stock("dose_logs", {**cleaned, "medication_id": medication_id}, +1)
        return entry_id

    def dose_slot_for(
        self,
        name_or_id: str | int,
        moment: datetime,
        status: str = "taken",
        slot: str | None = None,
        day: RawDay | None = None,
    ) -> SlotMatch:
        """The slot :meth:`record_dose` would fill with a dose at ``moment``, without writing anything (so the
        command line can refuse an unintended extra dose first)."""
        medication = self.medication(name_or_id)
        # Before any slot: a dose not taken (or skipped) yet fills none.
        v.check_dose_moment(moment, self.now(), "time taken" if status == "taken" else "time")
        regimens = self.regimens(medication.id)
        wanted_day = entries.as_day(day, "day") if day not in (None, "") else None
        first_day = min((wanted_day or moment.date()) - timedelta(days=1), moment.date() - timedelta(days=1))
        nearby = self.dose_logs(first_day, max(wanted_day or moment.date(), moment.date()), medication.id)
        if slot is None:
            return match_dose(regimens, nearby, moment, status)
        return self._named_slot(medication, regimens, nearby, moment, status, slot, wanted_day)

    def _named_slot(
        self,
        medication: Medication,
        regimens: Sequence[Regimen],
        nearby: Sequence[DoseLog],
        moment: datetime,
        status: str,
        slot: str,
        wanted_day: date | None,
    ) -> SlotMatch:
        """The match for a dose whose slot the caller named (a reminder, a row of the day's list)."""
        slot = v.parse_clock_time(slot, "slot").strftime("%H:%M")
        slot_day = wanted_day or named_slot_day(regimens, nearby, moment, slot, status)
        regimen = regimen_on(regimens, slot_day)
        if regimen is None or regimen.as_needed or slot not in regimen.times:
            raise ValidationError(
                _("{name} has no dose scheduled at {slot} on {day}.").format(
                    name=medication.name, slot=slot, day=slot_day.isoformat()
                ),
                "slot",
            )
        logged = next((log for log in nearby if log.day == slot_day and log.slot == slot), None)
        if logged is not None and not (status == "taken" and logged.status == "skipped"):
            raise ValidationError(_already_logged(medication.name, logged), "slot")
        return SlotMatch(regimen, slot_day, slot, replaces=logged)

    def add_refill(
        self, name_or_id: str | int, units: RawNumber, day: RawDay | None = None, note: str = ""
    ) -> Refill:
        medication = self.medication(name_or_id)
        cleaned = entries.refill(
            {"units": units, "note": note, "day": day if day not in (None, "") else self.today()},
            self.today(),
        )
        with self._write():
            current = self._rows("SELECT stock_units FROM medications WHERE id = ?", [medication.id])
            after = float(current[0]["stock_units"] or 0) + float(cleaned["units"])
            if after > v.MAX_STOCK_UNITS:
                raise ValidationError(
                    _(
                        "This refill would make the stock {after} units, more than medjournal keeps count of "
                        "({most}); check the number of units."
                    ).format(after=format_amount(after), most=format_decimal(v.MAX_STOCK_UNITS, 0)),
                    "units",
                )
            entry_id = self._insert("refills", {**cleaned, "medication_id": medication.id})
            written = self._rows("SELECT * FROM refills WHERE id = ?", [entry_id])[0]
            if (
                current[0]["stock_units"] is None
            ):  # the first refill starts the count: its units, at its moment
                moment = refill_moment(date.fromisoformat(cleaned["day"]), written["recorded_at"])
                self.db.execute(
                    "UPDATE medications SET stock_units = ?, stock_counted_at = ? WHERE id = ?",
                    [cleaned["units"], moment.isoformat(timespec="seconds"), medication.id],
                )
            else:
                self._adjust_stock("refills", written, +1)
        return self._get(Refill, "refills", entry_id)


def _already_logged(medication_name: str, log: DoseLog) -> str:
    detail = (
        _("taken at {time}").format(time=log.moment.strftime("%H:%M"))
        if log.status == "taken"
        else _("skipped")
    )
    return _("The {slot} dose of {name} on {date} is already logged ({detail}).").format(
        slot=log.slot, name=medication_name, date=log.day.isoformat(), detail=detail
    )
