"""The person's own activities and their weekly ratings (domain/activities.py; docs/clinical.md §2, Function).

Renaming an activity keeps its ratings (they refer to it by id); retiring one stops it being asked and keeps its
ratings, which History, Trends and the summary still show; bringing it back asks it again.
"""

from __future__ import annotations

from datetime import date

from medjournal.domain import activities as act
from medjournal.domain.activities import Activity, ActivityRating
from medjournal.domain.entries import as_day
from medjournal.domain.errors import NotFoundError
from medjournal.i18n import _
from medjournal.storage.journal_base import JournalBase


class ActivitiesMixin(JournalBase):
    def activities(self, include_retired: bool = False) -> list[Activity]:
        """The activities in the order they were added; retired ones only with ``include_retired``."""
        where = "" if include_retired else "retired_on IS NULL"
        return self._fetch(Activity, "activities", where, order="id")

    def activity(self, name_or_id: str | int) -> Activity:
        """An activity by id, or by name (case, accents and look-alike letters aside)."""
        every = self.activities(include_retired=True)
        if isinstance(name_or_id, int):
            found = [a for a in every if a.id == name_or_id]
        else:
            from medjournal.domain.validation import name_skeleton

            skeleton = name_skeleton(name_or_id)
            found = [a for a in every if name_skeleton(a.name) == skeleton]
        if not found:
            known = ", ".join(f"“{a.name}”" for a in every) or _("none yet")
            raise NotFoundError(
                _("There is no activity called “{name}” in the journal (known: {known}).").format(
                    name=name_or_id, known=known
                )
            )
        return found[0]

    def add_activity(self, name: str) -> Activity:
        """Add an activity to be rated weekly (at most three are asked at a time)."""
        every = self.activities(include_retired=True)
        cleaned = act.check_name(name, every)
        act.check_room([a for a in every if a.active])
        with self._write():
            entry_id = self._insert("activities", {"name": cleaned, "retired_on": None})
        return self._get(Activity, "activities", entry_id)

    def rename_activity(self, name_or_id: str | int, new_name: str) -> Activity:
        """Give an activity a new name; its ratings stay with it."""
        activity = self.activity(name_or_id)
        cleaned = act.check_name(new_name, self.activities(include_retired=True), own_id=activity.id)
        with self._write():
            self.db.execute("UPDATE activities SET name = ? WHERE id = ?", [cleaned, activity.id])
        return self._get(Activity, "activities", activity.id)

    def retire_activity(self, name_or_id: str | int, day: date | None = None) -> Activity:
        """Stop asking an activity from ``day`` (default today); its ratings stay."""
        activity = self.activity(name_or_id)
        if not activity.active:
            return activity
        with self._write():
            self.db.execute(
                "UPDATE activities SET retired_on = ? WHERE id = ?",
                [(day or self.today()).isoformat(), activity.id],
            )
        return self._get(Activity, "activities", activity.id)

    def restore_activity(self, name_or_id: str | int) -> Activity:
        """Ask a retired activity again (within the limit of three)."""
        activity = self.activity(name_or_id)
        if activity.active:
            return activity
        act.check_room(self.activities())
        with self._write():
            self.db.execute("UPDATE activities SET retired_on = NULL WHERE id = ?", [activity.id])
        return self._get(Activity, "activities", activity.id)

    def rate_activity(
        self, name_or_id: str | int, rating: int | str, day: date | str | None = None, note: str = ""
    ) -> ActivityRating:
        """Rate an activity for the week ending ``day`` (default today; a rating typed in later keeps its day)."""
        activity = self.activity(name_or_id)
        target = as_day(day, "date") if day not in (None, "") else self.today()
        cleaned = act.rating_row(
            {"activity_id": activity.id, "day": target, "rating": rating, "note": note}, self.today()
        )
        with self._write():
            entry_id = self._insert("activity_ratings", cleaned)
        return self._get(ActivityRating, "activity_ratings", entry_id)

    def activity_ratings(
        self, start: date | None = None, end: date | None = None, activity_id: int | None = None
    ) -> list[ActivityRating]:
        where, days = self._range(start, end)
        params: list[object] = list(days)
        if activity_id is not None:
            where = " AND ".join(filter(None, [where, "activity_id = ?"]))
            params.append(activity_id)
        return self._fetch(ActivityRating, "activity_ratings", where, params, order="day, id")
