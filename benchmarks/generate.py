"""Write a realistic journal of N years quickly (bulk inserts), deterministic by seed.

One or two check-ins a day, two scheduled doses a day with some skips and gaps, dose steps, side effects, weekly PEG,
PHQ-2/GAD-2 every two weeks and treatments. The journal ends on ``end`` (default: today).

``heavy=True`` is the journal of someone with a flaring condition who keeps it for decades (issue "Speed at
scale"): eight check-ins a day (7:00 to 21:00, every two hours, a few missed), the as-needed medication on most
days (one to three doses), side effects four times as often and a walk logged as exercise on most days; 20 years
of it is about 100,000 rows.

    python benchmarks/generate.py /tmp/ten-years.db --years 10
    python benchmarks/generate.py /tmp/heavy.db --years 20 --heavy
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from medjournal.domain.clock import FixedClock
from medjournal.storage.journal import Journal, open_journal


def _moment(day: date, hour: int, minute: int) -> str:
    return datetime.combine(day, time(hour, minute)).astimezone().isoformat(timespec="seconds")


HEAVY_CHECKIN_HOURS = (7, 9, 11, 13, 15, 17, 19, 21)


def generate(
    path: Path,
    years: float = 10,
    seed: int = 1,
    end: date | None = None,
    days: int | None = None,
    heavy: bool = False,
) -> dict[str, int]:
    """Create the journal at ``path`` (must not exist) and return its row counts."""
    if path.exists():
        raise FileExistsError(path)
    last = end or date.today()
    total = days if days is not None else round(years * 365.25)
    first = last - timedelta(days=total - 1)
    rng = random.Random(seed)
    journal = open_journal(path, FixedClock(datetime.combine(last, time(22, 0)).astimezone()))
    try:
        with journal.db.atomic():
            _fill(journal, rng, first, last, heavy)
        return journal.counts()
    finally:
        journal.close()


def _fill(journal: Journal, rng: random.Random, first: date, last: date, heavy: bool = False) -> None:  # noqa: C901 (a generator: one kind of entry after another)
    db = journal.db
    total = (last - first).days + 1
    start = first + timedelta(days=min(28, total // 4))
    step = start + timedelta(days=7)
    stamp = _moment(first, 8, 0)
    meds = [
        (1, "Duloxetine", "chronic low back pain", "capsule", stamp),
        (2, "Amitriptyline", "sleep and nerve pain", "tablet", stamp),
        (3, "Ibuprofen", "flares", "tablet", stamp),
    ]
    db.conn.executemany(
        "INSERT INTO medications (id, name, purpose, form, unit, recorded_at) VALUES (?, ?, ?, ?, 'mg', ?)",
        meds,
    )
    regimens = [
        (
            1,
            start.isoformat(),
            (step - timedelta(days=1)).isoformat(),
            30,
            json.dumps(["08:00"]),
            0,
            None,
            "",
        ),
        (1, step.isoformat(), None, 60, json.dumps(["08:00"]), 0, None, "planned titration"),
        (2, first.isoformat(), None, 10, json.dumps(["21:00"]), 0, None, ""),
        (3, first.isoformat(), None, 400, "[]", 1, 3, ""),
    ]
    db.conn.executemany(
        "INSERT INTO regimens (medication_id, start_date, end_date, dose, unit, times, as_needed, "
        "max_daily, reason, recorded_at) VALUES (?, ?, ?, ?, 'mg', ?, ?, ?, ?, '" + stamp + "')",
        regimens,
    )
    doses, checkins, effects, questionnaires, treatments = [], [], [], [], []
    pain_level = 6.5
    for offset in range(total):
        day = first + timedelta(days=offset)
        iso = day.isoformat()
        on_dulox = day >= start
        pain_level += rng.gauss(0, 0.15) + (5.5 - pain_level) * 0.02 - (0.02 if on_dulox else 0)
        pain_level = max(1.0, min(9.0, pain_level))
        gap = rng.random() < 0.01
        for medication_id, slot, dose, active in (
            (1, "08:00", 60 if day >= step else 30, on_dulox),
            (2, "21:00", 10, True),
        ):
            if not active or gap:
                continue
            roll = rng.random()
            if roll < 0.04:
                continue  # not recorded
            hour, minute = int(slot[:2]), rng.randint(0, 50)
            status = "skipped" if roll < 0.07 else "taken"
            when = _moment(day, hour, minute)
            doses.append(
                (medication_id, iso, slot, when, status, dose if status == "taken" else None, "", when)
            )
        if heavy and rng.random() < 0.85:
            for hour in (8, 14, 20)[: rng.randint(1, 3)]:
                when = _moment(day, hour, rng.randint(0, 50))
                doses.append((3, iso, None, when, "taken", 400, "", when))
        elif not heavy and rng.random() < 0.06:
            when = _moment(day, 13, 0)
            doses.append((3, iso, None, when, "taken", 400, "", when))
        hours = HEAVY_CHECKIN_HOURS if heavy else (21,) if rng.random() > 0.3 else (12, 21)
        for hour in hours:
            if rng.random() < (0.02 if heavy else 0.05):
                continue
            pain = int(max(0, min(10, round(pain_level + rng.gauss(0, 0.9)))))
            mood = int(max(0, min(10, round(6 - (pain_level - 5) * 0.4 + rng.gauss(0, 1)))))
            sleep = int(max(0, min(10, round(5.5 + rng.gauss(0, 1.2)))))
            when = _moment(day, hour, rng.randint(0, 50))
            checkins.append(
                (
                    iso,
                    when,
                    pain,
                    mood,
                    sleep,
                    round(6 + rng.gauss(0, 0.8), 1),
                    json.dumps(["lower_back_centre"]),
                    "",
                    when,
                )
            )
        for symptom, chance in (("nausea", 0.05), ("dry_mouth", 0.08), ("fatigue", 0.1), ("insomnia", 0.04)):
            if rng.random() < chance * (4 if heavy else 1):
                effects.append((iso, symptom, rng.randint(1, 3), "", _moment(day, 21, 0)))
        if offset % 7 == 6:
            answers = [round(pain_level)] * 2 + [int(max(0, min(10, round(pain_level - 1))))]
            questionnaires.append(
                (iso, "peg", json.dumps(answers), round(sum(answers) / 3, 4), _moment(day, 21, 5))
            )
        if offset % 14 == 13:
            for instrument in ("phq2", "gad2"):
                answers = [rng.randint(0, 2), rng.randint(0, 1)]
                questionnaires.append(
                    (iso, instrument, json.dumps(answers), float(sum(answers)), _moment(day, 21, 10))
                )
        if day.weekday() == 1 and rng.random() < 0.5:
            treatments.append((iso, "physical_therapy", 45, "", _moment(day, 16, 0)))
        elif heavy and rng.random() < 0.7:
            treatments.append((iso, "exercise", rng.choice((20, 30, 45)), "", _moment(day, 18, 0)))
    db.conn.executemany(
        "INSERT INTO dose_logs (medication_id, day, slot, taken_at, status, amount, note, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        doses,
    )
    db.conn.executemany(
        "INSERT INTO checkins (day, time, pain, mood, sleep, sleep_hours, locations, note, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        checkins,
    )
    db.conn.executemany(
        "INSERT INTO side_effects (day, symptom, severity, note, recorded_at) VALUES (?, ?, ?, ?, ?)", effects
    )
    db.conn.executemany(
        "INSERT INTO questionnaires (day, instrument, answers, score, recorded_at) VALUES (?, ?, ?, ?, ?)",
        questionnaires,
    )
    db.conn.executemany(
        "INSERT INTO treatments (day, kind, minutes, note, recorded_at) VALUES (?, ?, ?, ?, ?)", treatments
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--days", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", type=date.fromisoformat)
    parser.add_argument("--heavy", action="store_true", help="8 check-ins a day, as-needed doses most days")
    args = parser.parse_args()
    counts = generate(args.path, args.years, args.seed, args.end, args.days, args.heavy)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
