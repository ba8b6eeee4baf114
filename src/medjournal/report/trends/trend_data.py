"""The journal's daily series as numpy arrays, ready to hand to chart items (no Qt here).

Days are kept as proleptic ordinals (``date.toordinal()``); :mod:`medjournal.report.charts.chart_items` turns them
into the chart's x coordinate. Daily means and rolling averages come from :mod:`medjournal.domain.analysis`,
so the charts show the same numbers as the summary.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from medjournal.domain import instruments
from medjournal.domain.analysis import daily_means, rolling_mean
from medjournal.domain.knowledge import side_effect_label
from medjournal.domain.records import CheckIn, DoseLog, Medication, QuestionnaireResult, Regimen, SideEffect
from medjournal.i18n import N_, _, format_amount
from medjournal.report.trends.trend_measures import MeasureSeries, measure_series
from medjournal.storage import Journal

SEVERITY_WORDS = (N_("none"), N_("mild"), N_("moderate"), N_("severe"))  # translated where shown
ROLLING_WINDOW = 7
EMPTY = np.zeros(0)


@dataclass
class DailySeries:
    """A daily rating (pain, mood or sleep): the day's mean, how many ratings it rests on, a 7-day average."""

    days: np.ndarray = field(default_factory=lambda: EMPTY)  # ordinals of days with a rating
    values: np.ndarray = field(default_factory=lambda: EMPTY)
    counts: np.ndarray = field(default_factory=lambda: EMPTY)
    average_days: np.ndarray = field(default_factory=lambda: EMPTY)
    average: np.ndarray = field(default_factory=lambda: EMPTY)  # NaN where the window holds no rating

    def __len__(self) -> int:
        return len(self.days)

    def on(self, day: int) -> tuple[float, int] | None:
        index = int(np.searchsorted(self.days, day))
        if index < len(self.days) and self.days[index] == day:
            return float(self.values[index]), int(self.counts[index])
        return None

    def average_on(self, day: int) -> float | None:
        index = int(np.searchsorted(self.average_days, day))
        if index < len(self.average_days) and self.average_days[index] == day:
            value = float(self.average[index])
            return None if np.isnan(value) else value
        return None


@dataclass(frozen=True)
class DoseStep:
    start: date
    end: date | None  # last day of the step, None = current
    dose: float
    unit: str
    as_needed: bool
    times: tuple[str, ...]

    def label(self) -> str:
        amount = f"{format_amount(self.dose)} {self.unit}"  # "7,5 mg" in German, as the tables write it
        if self.as_needed:
            return _("{amount} as needed").format(amount=amount)
        if len(self.times) > 1:
            return _("{amount} × {count}/day").format(amount=amount, count=len(self.times))
        return amount


@dataclass
class MedicationSeries:
    id: int
    name: str
    steps: list[DoseStep]
    as_needed_moments: np.ndarray  # fractional ordinals (day + time of day) of as-needed and extra doses
    missed_days: np.ndarray  # ordinals of past days with fewer taken doses than scheduled
    taken_by_day: dict[int, int]
    scheduled_by_day: dict[int, int]
    skipped_by_day: dict[int, int]

    @property
    def max_dose(self) -> float:
        return max((step.dose for step in self.steps), default=1.0) or 1.0

    def step_on(self, day: date) -> DoseStep | None:
        for step in reversed(self.steps):
            if step.start <= day and (step.end is None or day <= step.end):
                return step
        return None


@dataclass
class QuestionnaireSeries:
    instrument: str
    title: str
    days: np.ndarray
    scores: np.ndarray
    percent: np.ndarray  # score as a share of the scale's range, 0–100, higher = worse for every instrument


@dataclass
class ActivitySeries:
    """One of the person's own activities in the range: the day each rating is about (ordinals), the rating."""

    name: str
    days: np.ndarray
    ratings: np.ndarray


@dataclass
class TrendData:
    start: date
    end: date
    pain: DailySeries
    mood: DailySeries
    sleep: DailySeries
    medications: list[MedicationSeries]
    symptoms: list[str]  # every symptom logged in the range, most often reported (severity > 0) first
    severity_grid: np.ndarray  # (days, symptoms) uint8: 0 = nothing logged, 1 + severity otherwise
    grid_start: int  # ordinal of column 0
    questionnaires: list[QuestionnaireSeries]
    visits: list[date]
    data_span: tuple[date, date] | None
    # For the response analysis of a selected medication.
    medication_records: dict[int, Medication] = field(default_factory=dict)
    regimens: dict[int, list[Regimen]] = field(default_factory=dict)
    measures: MeasureSeries = field(default_factory=MeasureSeries)  # weight, blood pressure, drinks
    activities: list[ActivitySeries] = field(default_factory=list)  # the person's own, rated in the range

    @property
    def journal_is_empty(self) -> bool:
        """Nothing logged yet anywhere in the journal (medications alone do not make a chart)."""
        return self.data_span is None

    def covers(self, start: date, end: date) -> bool:
        return self.start <= start and end <= self.end

    @property
    def is_empty(self) -> bool:
        """Nothing to draw in the loaded range."""
        return (
            not len(self.pain)
            and not len(self.mood)
            and not len(self.sleep)
            and not self.symptoms
            and not any(len(q.days) for q in self.questionnaires)
            and not any(m.taken_by_day for m in self.medications)
            and not self.measures
        )

    def severities_on(self, day: int) -> list[tuple[str, int]]:
        column = day - self.grid_start
        if not self.symptoms or not 0 <= column < self.severity_grid.shape[0]:
            return []
        row = self.severity_grid[column]
        return [(name, int(row[i]) - 1) for i, name in enumerate(self.symptoms) if row[i]]


def load_trend_data(journal: Journal, start: date | None = None, end: date | None = None) -> TrendData:
    """Read the journal between ``start`` and ``end`` (whole journal by default) into arrays.

    Only that range is queried (plus the 6 days before it that the first 7-day averages need), so a view of a
    few months stays quick however long the journal is.
    """
    today = journal.today()
    span = journal.date_span()
    first = start or (span[0] if span else today)
    last = end or max(today, span[1] if span else today)
    checkins = journal.checkins(first - timedelta(days=ROLLING_WINDOW - 1), last)
    medications = journal.medications(include_archived=True)
    regimens = journal.regimens_by_medication()
    logs = journal.dose_logs(first, last)
    symptoms, grid = _severity_grid(journal.side_effects(first, last), first, last)
    results = journal.questionnaires(first, last)
    return TrendData(
        start=first,
        end=last,
        pain=_daily_series(checkins, "pain", first, last),
        mood=_daily_series(checkins, "mood", first, last),
        sleep=_daily_series(checkins, "sleep", first, last),
        medications=[
            _medication_series(m, regimens.get(m.id, []), logs, first, min(last, today), today)
            for m in medications
            if regimens.get(m.id)
        ],
        symptoms=symptoms,
        severity_grid=grid,
        grid_start=first.toordinal(),
        questionnaires=_questionnaires(results),
        visits=[visit.day for visit in journal.visits()],
        data_span=span,
        medication_records={m.id: m for m in medications},
        regimens=regimens,
        measures=measure_series(journal.measures(first, last), journal.weight_unit()),
        activities=_activities(journal, first, last),
    )


def _activities(journal: Journal, first: date, last: date) -> list[ActivitySeries]:
    """Each activity with a rating in the range (retired ones too), in the order they were added."""
    ratings = journal.activity_ratings(first, last)
    found = []
    for activity in journal.activities(include_retired=True):
        own = [r for r in ratings if r.activity_id == activity.id]
        if own:
            found.append(
                ActivitySeries(
                    activity.name,
                    np.asarray([r.day.toordinal() for r in own], dtype=float),
                    np.asarray([r.rating for r in own], dtype=float),
                )
            )
    return found


def _daily_series(checkins: Sequence[CheckIn], name: str, start: date, end: date) -> DailySeries:
    means = daily_means(checkins, field=name)
    ordered = [day for day in sorted(means) if start <= day <= end]
    if not ordered:
        return DailySeries()
    counts = Counter(c.day for c in checkins if getattr(c, name) is not None)
    averaged = rolling_mean(means, start, end, window=ROLLING_WINDOW)
    return DailySeries(
        days=np.fromiter((d.toordinal() for d in ordered), dtype=float, count=len(ordered)),
        values=np.fromiter((means[d] for d in ordered), dtype=float, count=len(ordered)),
        counts=np.fromiter((counts[d] for d in ordered), dtype=float, count=len(ordered)),
        average_days=np.fromiter((d.toordinal() for d, _ in averaged), dtype=float, count=len(averaged)),
        average=np.fromiter(
            (np.nan if v is None else v for _, v in averaged), dtype=float, count=len(averaged)
        ),
    )


def _medication_series(
    medication: Medication,
    steps: Sequence[Regimen],
    all_logs: Sequence[DoseLog],
    start: date,
    last_past: date,
    today: date,
) -> MedicationSeries:
    logs = [log for log in all_logs if log.medication_id == medication.id]
    taken: dict[int, int] = defaultdict(int)
    skipped: dict[int, int] = defaultdict(int)
    moments: list[float] = []
    for log in logs:
        day = log.day.toordinal()
        if log.status == "taken":
            if log.slot is None:
                clock = log.moment
                moments.append(day + (clock.hour * 60 + clock.minute) / 1440)
            else:
                taken[day] += 1
        else:
            skipped[day] += 1
    scheduled: dict[int, int] = {}
    for step in steps:
        if step.as_needed or not step.times:
            continue
        first = max(step.start_date, start)
        last = min(step.end_date or today, last_past)
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            scheduled[ordinal] = len(step.times)
    # Today is not over: its unlogged slots are not missed yet.
    missed = [d for d, n in scheduled.items() if taken.get(d, 0) < n and d < today.toordinal()]
    return MedicationSeries(
        id=medication.id,
        name=medication.name,
        steps=[
            DoseStep(s.start_date, s.end_date, s.dose, s.unit, bool(s.as_needed), tuple(s.times))
            for s in steps
        ],
        as_needed_moments=np.asarray(moments, dtype=float),
        missed_days=np.asarray(sorted(missed), dtype=float),
        taken_by_day=dict(taken),
        scheduled_by_day=scheduled,
        skipped_by_day=dict(skipped),
    )


def _severity_grid(
    side_effects: Sequence[SideEffect], start: date, end: date
) -> tuple[list[str], np.ndarray]:
    if not side_effects:
        return [], np.zeros(((end - start).days + 1, 0), dtype=np.uint8)
    days_reported = Counter(effect.symptom.strip().lower() for effect in side_effects if effect.severity > 0)
    names: dict[str, str] = {}
    for effect in side_effects:
        names.setdefault(effect.symptom.strip().lower(), side_effect_label(effect.symptom.strip()))
    ranked = sorted(names, key=lambda key: (-days_reported[key], key))
    row_of = {key: i for i, key in enumerate(ranked)}
    grid = np.zeros(((end - start).days + 1, len(ranked)), dtype=np.uint8)
    for effect in side_effects:
        row = row_of.get(effect.symptom.strip().lower())
        column = (effect.day - start).days
        if row is not None and 0 <= column < grid.shape[0]:
            grid[column, row] = max(grid[column, row], effect.severity + 1)
    return [names[key] for key in ranked], grid


def _questionnaires(results: Sequence[QuestionnaireResult]) -> list[QuestionnaireSeries]:
    by_instrument: dict[str, list[QuestionnaireResult]] = defaultdict(list)
    for result in results:
        by_instrument[result.instrument].append(result)
    series = []
    for key in instruments.CHART_ORDER:
        found = by_instrument.get(key)
        if not found:
            continue
        inst = instruments.instrument(key)
        low = (
            float(sum(item.low for item in inst.items))
            if inst.scoring != "mean"
            else float(inst.items[0].low)
        )
        high = inst.max_score
        scores = np.asarray([r.score for r in found], dtype=float)
        series.append(
            QuestionnaireSeries(
                instrument=key,
                title=inst.title,
                days=np.asarray([r.day.toordinal() for r in found], dtype=float),
                scores=scores,
                percent=(scores - low) / (high - low) * 100.0,
            )
        )
    return series


def range_for_preset(
    preset: str, today: date, data: TrendData | None, last_visit: date | None
) -> tuple[date, date]:
    """The first and last day shown by a range preset: 4w, 3m, 1y, all, visit."""
    end = today
    if preset == "4w":
        return end - timedelta(days=27), end
    if preset == "3m":
        return end - timedelta(days=90), end
    if preset == "1y":
        return end - timedelta(days=364), end
    if preset == "visit" and last_visit is not None:
        return last_visit, end
    if data is not None and data.data_span is not None:
        return min(data.data_span[0], end), max(data.data_span[1], end)
    return end - timedelta(days=27), end
