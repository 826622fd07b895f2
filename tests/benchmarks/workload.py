"""The benchmark workloads, shared by the pytest-benchmark suite and the budget report."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
from collections.abc import Iterator

import legraise_plan as lp


START = dt.date(2026, 12, 7)
STAMP = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
WEEKS = (6, 12, 26, 52)
BATCH = 10_000

_EQUIPMENT = [
    frozenset(combo)
    for n in range(4)
    for combo in itertools.combinations(
        (lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE), n
    )
]
_DAYS = (("MO", "WE", "FR"), ("TU", "TH", "SA"), ("MO", "TH"))
_ZONES = (None, "Europe/Berlin", "America/New_York")


def reference_plan(weeks: int) -> lp.Plan:
    """The reference example plan (novice, band + ankle weights, MO/WE/FR 18:00 Berlin)."""
    athlete = lp.Athlete(equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS})
    return lp.build_plan(
        athlete, weeks=weeks, start=START, days=("MO", "WE", "FR"), tz="Europe/Berlin"
    )


def build_reference(weeks: int) -> lp.Plan:
    """Build the reference plan (what the build_plan benchmarks time)."""
    return reference_plan(weeks)


def build_first(weeks: int) -> lp.Plan:
    """Build the reference plan as a first build: the memoised doses and dates cleared."""
    plan_module = importlib.import_module("legraise_plan.plan")
    schedule_module = importlib.import_module("legraise_plan.schedule")
    plan_module._doses.cache_clear()  # a first build computes everything
    schedule_module.schedule_slots.cache_clear()
    return reference_plan(weeks)


def full_log(plan: lp.Plan) -> tuple[lp.TrainingLog, dt.date]:
    """Every session of ``plan`` logged as planned, and the day after the last one."""
    log = lp.TrainingLog([lp.log_as_planned(s) for s in plan.sessions])
    return log, plan.sessions[-1].start.date() + dt.timedelta(days=1)


def adapt_reference(plan: lp.Plan, log: lp.TrainingLog, today: dt.date) -> lp.Plan:
    """Adapt the reference plan to its full log (what the adapt benchmarks time)."""
    return lp.adapt(plan, log, today=today)


def athletes(count: int) -> Iterator[tuple[str, lp.Athlete, tuple[str, ...], str | None]]:
    """``count`` different athletes (each with its own name and id) and their calendars."""
    profiles = itertools.cycle(itertools.product(_EQUIPMENT, lp.Level, lp.Unit))
    for i, (equipment, level, units) in zip(range(count), profiles, strict=False):
        athlete = lp.Athlete(equipment=equipment, level=level, units=units, name=f"Athlete {i}")
        yield f"user-{i}", athlete, _DAYS[i % len(_DAYS)], _ZONES[i % len(_ZONES)]


def batch(count: int = BATCH) -> int:
    """Build and serialise ``count`` different athletes' 6-week plans; keep nothing."""
    sessions = 0
    for plan_id, athlete, days, tz in athletes(count):
        plan = lp.build_plan(athlete, start=START, days=days, tz=tz, plan_id=plan_id)
        sessions += len(lp.to_dict(plan)["sessions"])
    return sessions
