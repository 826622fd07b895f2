"""The public API as users call it, with every type spelled out for ``mypy --strict``.

``.ci/run`` type-checks this module, so it fails when a public name, signature or
field type stops being usable from ``import legraise_plan as lp``.  Importing it does
nothing; the doctest runs it once, so the annotated code is also known to work:

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     use_the_api(Path(folder))
'ok'
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import legraise_plan as lp


START = dt.date(2026, 12, 7)
STAMP = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def make_athlete() -> lp.Athlete:
    """An athlete with every field given, in the types users pass."""
    return lp.Athlete(
        equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE},
        level=lp.Level.INTERMEDIATE,
        units=lp.Unit.KG,
        conditions=frozenset[lp.Condition](),
        cleared=False,
        name="Dana",
        ankle_weight_max=lp.Mass(Decimal("4.5"), lp.Unit.KG),
        cable_increment=lp.Mass("2.5"),
        pulley_ratio=2,
    )


def make_plan(athlete: lp.Athlete) -> lp.Plan:
    """A plan from build_plan with every keyword argument."""
    return lp.build_plan(
        athlete,
        role=lp.Role.ACCESSORY,
        weeks=6,
        start=START,
        days=("MO", "WE", "FR"),
        at=dt.time(18, 0),
        tz="Europe/Berlin",
        periodization=lp.Periodization.UNDULATING,
        skip=[dt.date(2026, 12, 25)],
        reschedule=True,
        rules=lp.ProgressionRules.two_for_two(lp.Role.ACCESSORY, athlete.level),
        after=dt.timedelta(minutes=45),
        allow_close_sessions=False,
        deload_every=4,
        note="after squats",
        plan_id="user-42",
    )


def read_plan(plan: lp.Plan) -> list[str]:
    """Plan, session, block and load fields, one line per block."""
    role: lp.Role = plan.role
    days: tuple[lp.Weekday, ...] = plan.days
    zone: str | None = plan.tz
    end: dt.date = plan.end
    volume: tuple[int, ...] = plan.weekly_volume()
    notes: tuple[str, ...] = plan.notes
    sessions: tuple[lp.Session, ...] = plan.sessions
    lines = [f"{role.value} on {[d.value for d in days]} in {zone} until {end}: {volume}"]
    lines.extend(notes)
    for session in sessions:
        start: dt.datetime = session.start
        length: dt.timedelta = session.duration
        finish: dt.datetime = session.end
        week: int = session.week
        kind: lp.DayKind = session.kind
        deload: bool = session.is_deload
        uid: str = session.uid
        blocks: tuple[lp.Block, ...] = session.blocks
        for block in blocks:
            variation: lp.Variation = block.variation
            load: lp.Load = block.load
            equipment: lp.Equipment = load.equipment
            band: lp.BandColour | None = load.band
            mass: lp.Mass | None = load.mass
            tempo: lp.Tempo = block.tempo
            rest: dt.timedelta = block.rest
            prescription: lp.Prescription = block.prescription
            sets: int = block.sets
            reps: int = block.reps
            rir: int = block.rir
            reason: str = block.reason
            change: lp.Change | None = block.change
            detail: str = block.detail
            lines.append(
                f"{uid} week {week} {kind.value} deload={deload} {start}-{finish} ({length}): "
                f"{variation.id} {sets}x{reps} {load.label} {equipment.value} {band} {mass} "
                f"{tempo} rest {rest} rir {rir} ({prescription.volume}): {reason} [{change}] "
                f"{detail}"
            )
    return lines


def export(plan: lp.Plan, folder: Path) -> lp.Plan:
    """Every export, and the plan read back from JSON."""
    ics: bytes = lp.to_ics(
        plan, alarm=dt.timedelta(minutes=-30), stamp=STAMP, sequence=1, calendar_name="Legs"
    )
    written: Path = lp.write_ics(plan, folder / "plan.ics", alarm=None, stamp=STAMP)
    text: str = lp.to_text(plan)
    page: str = lp.to_html(plan)
    data: dict[str, Any] = lp.to_dict(plan)
    version: int = lp.SCHEMA_VERSION
    catalog: list[dict[str, Any]] = lp.catalog_to_list()
    listing: str = lp.catalog_text(lp.CATALOG.values())
    assert version == data["schema_version"]
    assert ics.count(b"BEGIN:VEVENT") == written.read_bytes().count(b"BEGIN:VEVENT")
    assert f"{plan.weeks}-week" in text
    assert page.startswith("<!DOCTYPE html>")
    assert len(lp.CATALOG) == len(catalog)
    assert lp.get_variation("prone-hip-extension").name in listing
    return lp.from_dict(json.loads(json.dumps(data)))


def keep_a_log(plan: lp.Plan) -> lp.Plan:
    """Log two sessions, save the log as JSON and read it back; mark the plan with it."""
    first, second = plan.sessions[0], plan.sessions[1]
    sets: list[lp.SetLog] = [lp.SetLog(left=12, right=11, load="band red", rir=2)]
    done = lp.SessionLog(
        uid=first.uid,
        date=first.start.date(),
        sets=[*sets, lp.SetLog.both(10, rir=1)],
        pain_during=1,
        morning_pain=None,
        baseline_pain=0,
        form_kept=True,
        notes="easy",
        skipped=None,
    )
    skipped = lp.SessionLog(uid=second.uid, date=second.start.date(), skipped="ill")
    log: lp.TrainingLog = lp.TrainingLog((done,)).add(skipped)
    data: dict[str, Any] = lp.log_to_dict(log)
    version: int = lp.LOG_SCHEMA_VERSION
    back: lp.TrainingLog = lp.log_from_dict(json.loads(json.dumps(data)))
    latest: Mapping[str, lp.SessionLog] = back.latest()
    summary: str = latest[first.uid].summary()
    assert version == data["schema_version"]
    assert back == log
    assert latest[second.uid].is_skipped
    assert summary.startswith("2 sets")
    status: lp.SessionStatus = lp.SessionStatus.DONE
    marked = (
        attrs.evolve(first, status=status, log=latest[first.uid], sequence=1),
        attrs.evolve(second, status=lp.SessionStatus.SKIPPED, log=latest[second.uid]),
        *plan.sessions[2:],
    )
    options: lp.PlanOptions = attrs.evolve(plan.options, phase_offset=1)
    return attrs.evolve(plan, sessions=marked, options=options)


def load_problems(plan: lp.Plan) -> list[lp.Problem]:
    """The problems from_dict and log_from_dict report, with their paths."""
    data = lp.to_dict(plan)
    data["sessions"][0]["status"] = "finished"
    found: list[lp.Problem] = []
    try:
        lp.from_dict(data)
    except lp.PlanProblemsError as error:
        found.extend(error.problems)
    try:
        lp.log_from_dict({"schema_version": lp.LOG_SCHEMA_VERSION, "entries": [1]})
    except lp.PlanProblemsError as error:
        found.extend(error.problems)
    return found


def progress(athlete: lp.Athlete) -> lp.Step:
    """A ladder, rules, a starting state and one step of the progression engine."""
    ladder: lp.Ladder = lp.build_ladder(athlete, lp.Role.ACCESSORY)
    rungs: list[str] = [rung.label for rung in ladder]
    top: int = ladder.top
    rules: lp.ProgressionRules = lp.ProgressionRules.for_role(lp.Role.ACCESSORY, athlete.level)
    first: lp.Step = lp.starting_state(athlete, ladder, rules)
    state: lp.ProgressionState = first.state
    outcome = lp.SessionOutcome(
        sets=[lp.SetResult(state.reps, state.reps) for _ in range(state.sets)],
        form_kept=True,
        pain_during=2,
        next_morning_pain=None,
        baseline_pain=0,
    )
    step: lp.Step = lp.next_step(state, outcome, ladder, rules)
    change: lp.Change = step.change
    why: str = step.reason
    assert len(rungs) == top + 1
    assert isinstance(change, lp.Change)
    assert why
    return step


def refused(athlete: lp.Athlete) -> str | None:
    """A rehab plan without clearance fails with the package's own errors."""
    try:
        lp.build_plan(athlete, role=lp.Role.REHAB, start=START)
    except lp.ClearanceRequiredError as error:
        problem: lp.PlanError = error
        return f"clearance: {problem}"
    except lp.LegraisePlanError as error:
        return str(error)
    return None


def publish(plan: lp.Plan) -> str:
    """Publishing to a CalDAV server; plain http to another host is refused before connecting."""
    try:
        result: lp.PublishResult = lp.publish(
            plan,
            "http://cal.example.com/dav/calendars/dana/",
            username="dana",
            password="an app password",
            calendar="Legs",
            timeout=10.0,
            stamp=STAMP,
            insecure_http=False,
        )
    except lp.PublishError as error:
        problem: lp.ExportError = error
        return f"{problem.field}: {problem}"
    uids: tuple[str, ...] = result.created + result.updated + result.removed + result.unchanged
    writes: int = result.writes
    return f"{result.summary()} ({len(uids)} events, {writes} writes to {result.calendar_url})"


def use_the_api(folder: Path) -> str:
    """Run every function above; ``"ok"`` when the results fit together."""
    athlete = make_athlete()
    plan = make_plan(athlete)
    assert read_plan(plan)
    assert export(plan, folder) == plan
    logged = keep_a_log(plan)
    assert export(logged, folder) == logged
    assert [p.path for p in load_problems(plan)] == ["sessions[0].status", "entries[0]"]
    assert progress(athlete).state.rung >= 0
    assert refused(athlete) is not None
    assert publish(plan).startswith("url: url uses plain http://")
    return "ok"
