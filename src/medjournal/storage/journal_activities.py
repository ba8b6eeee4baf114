"""The person's own activities and their weekly ratings (domain/activities.py; docs/clinical.md §2, Function).

Renaming an activity keeps its ratings (they refer to it by id); retiring one stops it being asked and keeps its
ratings, which History, Trends and the summary still show; bringing it back asks it again.
"""

from __future__ import annotations

from datetime import date

from medjournal.domain import activities as act
from medjournal.domain.activities import Activity, ActivityRating
from medjournal.domain.entries import as_day
from medjournal.storage.journal_reads import ReadsMixin


class ActivitiesMixin(ReadsMixin):
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
