"""The benchmark workloads, shared by the pytest-benchmark suite and the budget report."""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import itertools
import json
import os
import sys
from collections.abc import Iterator

import legraise_plan as lp
from legraise_plan.batch import BatchSpec


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
    clear_caches()
    return reference_plan(weeks)


def clear_caches() -> None:
    """Forget the memoised doses and dates: the next builds compute everything."""
    plan_module = importlib.import_module("legraise_plan.plan")
    schedule_module = importlib.import_module("legraise_plan.schedule")
    plan_module._doses.cache_clear()
    schedule_module.schedule_slots.cache_clear()


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


def batch_specs(count: int) -> Iterator[BatchSpec]:
    """The batch's athletes as specs for ``lp.build_many`` (6-week plans, as in batch)."""
    for plan_id, athlete, days, tz in athletes(count):
        yield BatchSpec(id=plan_id, athlete=athlete, start=START, days=days, tz=tz)


def json_text(plan: lp.Plan) -> bytes:
    """The plan as one line of JSON text, as ``legraise-plan batch --format jsonl`` writes it."""
    return json.dumps(lp.to_dict(plan), ensure_ascii=False, separators=(",", ":")).encode()


#: The pipelines the batch benchmarks time: build + ``to_dict`` (the dicts themselves),
#: build + ``to_dict`` as JSON text, and build + ``to_ics``.
EXPORTS = {
    "to_dict": lp.to_dict,
    "json": json_text,
    "to_ics": functools.partial(lp.to_ics, stamp=STAMP),
}


def build_many(count: int, *, workers: int | None, export: str) -> int:
    """``lp.build_many`` of ``count`` specs with one of :data:`EXPORTS`; how many built."""
    results = lp.build_many(batch_specs(count), workers=workers, export=EXPORTS[export])
    return sum(result.ok for result in results)


def resident_kib() -> int:
    """This process's resident memory in KiB (Linux); its peak elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:  # noqa: PTH123
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError):  # pragma: no cover - not Linux
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak


def dict_and_memory(plan: lp.Plan) -> tuple[int, int]:
    """An export for the memory benchmark: ``to_dict`` (kept nowhere), then the
    worker's process id and resident memory (KiB)."""
    lp.to_dict(plan)
    return os.getpid(), resident_kib()


def memory_growth(count: int, *, workers: int) -> tuple[int, int]:
    """Resident memory growth (KiB) of the parent and the worst worker over ``count``
    plans built and serialised by ``build_many``, from a tenth of the way to the end.

    The first tenth fills the bounded caches; after it, memory must stay flat.
    """
    mark = count // 10
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    parent_start = parent_end = 0
    results = lp.build_many(batch_specs(count), workers=workers, export=dict_and_memory)
    for done, result in enumerate(results, start=1):
        pid, rss = result.unwrap()
        if done >= mark:
            first.setdefault(pid, rss)
            last[pid] = rss
        if done == mark:
            parent_start = resident_kib()
    parent_end = resident_kib()
    workers_growth = max(last[pid] - first[pid] for pid in last)
    return parent_end - parent_start, workers_growth


def host_year() -> bytes:
    """A year of someone's calendar, about 500 occurrences: leg days twice a week, a weekly
    full-body class and long run, a weekday stand-up and 30 one-off appointments."""
    import zoneinfo

    import icalendar

    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//benchmarks//host year//EN")
    calendar.add("VERSION", "2.0")

    def event(uid: str, title: str, start: dt.datetime, minutes: int, rule: dict | None) -> None:
        item = icalendar.Event()
        item.add("UID", uid)
        item.add("SUMMARY", title)
        item.add("DTSTART", start)
        item.add("DTEND", start + dt.timedelta(minutes=minutes))
        item.add("DTSTAMP", STAMP)
        if rule is not None:
            item.add("RRULE", rule)
        calendar.add_component(item)

    monday = dt.datetime(2027, 1, 4, tzinfo=zone)
    event(
        "legs",
        "Leg day",
        monday.replace(hour=18),
        75,
        {"FREQ": "WEEKLY", "BYDAY": ["MO", "TH"], "COUNT": 104},
    )
    event(
        "class",
        "Full body class",
        monday.replace(day=6, hour=7),
        60,
        {"FREQ": "WEEKLY", "COUNT": 52},
    )
    event("run", "Long run", monday.replace(day=9, hour=9), 90, {"FREQ": "WEEKLY", "COUNT": 52})
    event(
        "standup",
        "Stand-up",
        monday.replace(hour=9),
        15,
        {"FREQ": "WEEKLY", "BYDAY": ["MO", "TU", "WE", "TH", "FR"], "COUNT": 260},
    )
    for i in range(30):
        event(
            f"dentist-{i}",
            "Dentist",
            monday.replace(day=5, hour=12) + dt.timedelta(days=11 * i),
            30,
            None,
        )
    return bytes(calendar.to_ical())


HOST_START = dt.date(2027, 1, 4)


def plan_around_year(data: bytes) -> lp.Plan:
    """Read the host year and place a 52-week accessory plan around it."""
    host = lp.read_host_sessions(data, start=HOST_START, end=HOST_START + dt.timedelta(weeks=52))
    return lp.plan_around(lp.Athlete(), host, start=HOST_START, weeks=52)


def fit_all(plan: lp.Plan) -> list[bytes]:
    """A FIT workout for every session of ``plan``."""
    return [lp.to_fit(session) for session in plan.sessions]
