"""Wall-clock times on a given day, with that day's own UTC offset (docs/today.md, "Times on other days").

A dose at 08:00 on the day before the change to summer time is 08:00 at that day's offset, not at today's. A
wall-clock time that does not exist (02:30 on the night the clocks go forward) is refused with a sentence
instead of being moved silently; a time that happens twice (the night the clocks go back) is the first one.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time

from medjournal.domain.errors import ValidationError
from medjournal.i18n import _, numeric_date


def local_moment(
    day: date, clock_time: time, reference: datetime | None = None, what: str = "time"
) -> datetime:
    """``clock_time`` on ``day`` as an aware moment in the zone of ``reference`` (default: this computer's).

    ``reference`` is usually the clock's now. When it carries a zone with rules (ZoneInfo) those rules give the
    day's offset; when it is a plain offset equal to this computer's at that moment, the computer's zone rules
    do (the system clock and ``MEDJOURNAL_NOW`` give such offsets); any other fixed offset is kept as it is.
    """
    naive = datetime.combine(day, clock_time.replace(second=0, microsecond=0))
    zone = reference.tzinfo if reference is not None else None
    # A ZoneInfo exists only once zoneinfo is loaded; not loading it here keeps every command's start shorter.
    zoneinfo = sys.modules.get("zoneinfo")
    if zoneinfo is not None and isinstance(zone, zoneinfo.ZoneInfo):
        moment = naive.replace(tzinfo=zone)
        back = moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    elif zone is None or _is_system_offset(reference):
        moment = naive.astimezone()  # this computer's zone rules for that day (TZ, /etc/localtime)
        back = datetime.fromtimestamp(moment.timestamp())
    else:
        return naive.replace(tzinfo=zone)
    if back != naive:
        raise ValidationError(
            _(
                "{day} {time} does not exist in this time zone: the clocks skipped that hour. Give a time before "
                "or after it."
            ).format(day=numeric_date(day), time=clock_time.strftime("%H:%M")),
            what,
        )
    return moment


def _is_system_offset(reference: datetime | None) -> bool:
    if reference is None or reference.tzinfo is None:
        return True
    return reference.utcoffset() == reference.astimezone().utcoffset()
