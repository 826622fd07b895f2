"""check(): every meaning problem of a plan at once, and none for plans the library makes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zoneinfo
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.around import plan_around
from legraise_plan.host import HostSession
from tests.strategies import plans


# Through the package, as users reach it (see test_exported_as_the_function).
check = lp.check


START = dt.date(2026, 12, 7)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
BAND = lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.INTERMEDIATE)
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def plan() -> lp.Plan:
    return lp.build_plan(BAND, start=START, tz="Europe/Berlin")


def with_session(plan: lp.Plan, index: int, **changes: Any) -> lp.Plan:
    sessions = list(plan.sessions)
    sessions[index] = attrs.evolve(sessions[index], **changes)
    return attrs.evolve(plan, sessions=sessions)


def with_block(plan: lp.Plan, index: int, **changes: Any) -> lp.Plan:
    block = plan.sessions[index].blocks[0]
    prescription = attrs.evolve(block.prescription, **changes)
    return with_session(plan, index, blocks=[attrs.evolve(block, prescription=prescription)])


def paths(plan: lp.Plan) -> list[str]:
    return [p.path for p in check(plan)]


def log_sessions(plan: lp.Plan, data: st.DataObject) -> lp.TrainingLog:
    """A log of the plan's first sessions, each done with drawn reps and pain, or skipped."""
    entries = []
    count = data.draw(st.integers(0, len(plan.sessions)))
    for session in plan.sessions[:count]:
        day = session.start.date()
        if data.draw(st.booleans()):
            entries.append(lp.SessionLog(uid=session.uid, date=day, skipped="busy"))
            continue
        reps = data.draw(st.integers(1, 30))
        sets = data.draw(st.integers(1, 6))
        entries.append(
            lp.SessionLog(
                uid=session.uid,
                date=day,
                sets=[lp.SetLog.both(reps, rir=data.draw(st.integers(0, 6))) for _ in range(sets)],
                pain_during=data.draw(st.integers(0, 7)),
                morning_pain=0,
            )
        )
    return lp.TrainingLog(entries)


class TestGeneratedPlansPass:
    @SLOW
    @given(plans())
    def test_built(self, plan: lp.Plan) -> None:
        assert () == check(plan)

    @SLOW
    @given(plans(), st.data())
    def test_adapted_and_continued(self, plan: lp.Plan, data: st.DataObject) -> None:
        log = log_sessions(plan, data)
        last = plan.sessions[-1].start.date()
        first = max((e.date for e in log.entries), default=plan.start)
        today = data.draw(st.dates(first, last + dt.timedelta(days=14)))
        missed = data.draw(st.sampled_from(["skip", "shift"]))
        try:
            adapted = lp.adapt(plan, log, today=today, missed=missed)
        except lp.PlanError:
            adapted = lp.adapt(plan, log, today=today)
        assert () == check(adapted)
        try:
            continued = lp.continue_plan(adapted, log, weeks=data.draw(st.integers(1, 8)))
        except lp.PlanError:  # e.g. the log stopped the exercise: no next block
            return
        assert () == check(continued)

    @SLOW
    @given(plans(roles=[lp.Role.ACCESSORY, lp.Role.FULL_BODY]), st.data())
    def test_own_rules(self, plan: lp.Plan, data: st.DataObject) -> None:
        rules = lp.ProgressionRules(
            rep_range=lp.RepRange(15, 25),
            max_sets=data.draw(st.integers(4, 8)),
            base_sets=4,
            min_sets=2,
        )
        built = lp.build_plan(
            plan.athlete,
            role=plan.role,
            weeks=plan.weeks,
            start=plan.start,
            days=plan.days,
            at=plan.at,
            tz=plan.tz,
            rules=rules,
            allow_close_sessions=True,
        )
        assert () == check(built)

    @pytest.mark.parametrize("zone", [BERLIN, None])
    @pytest.mark.parametrize("role", [lp.Role.WARM_UP, lp.Role.ACCESSORY, lp.Role.FULL_BODY])
    def test_around(self, role: lp.Role, zone: zoneinfo.ZoneInfo | None) -> None:
        # Leg days (full-body days for full-body work) across the March clock change.
        summary = "Ganzkörper" if role is lp.Role.FULL_BODY else "Leg day"
        hosts = [
            HostSession.from_event(
                start=dt.datetime.combine(day, dt.time(18), zone),
                end=dt.datetime.combine(day, dt.time(19, 30), zone),
                summary=summary,
                uid="legs",
            )
            for week in range(5)
            for offset in (0, 3)
            for day in [dt.date(2026, 3, 2) + dt.timedelta(weeks=week, days=offset)]
        ]
        after = dt.timedelta(minutes=45) if role is lp.Role.ACCESSORY else None
        assert () == check(plan_around(BAND, hosts, role=role))
        assert () == check(plan_around(BAND, hosts, role=role, after=after))

    def test_rehab_around(self) -> None:
        run = HostSession.from_event(
            start=dt.datetime(2026, 3, 7, 18, tzinfo=BERLIN),
            end=dt.datetime(2026, 3, 7, 19, 30, tzinfo=BERLIN),
            summary="Long run",
            uid="run",
        )
        plan = plan_around(lp.Athlete(cleared=True), [run], role=lp.Role.REHAB, weeks=2)
        assert () == check(plan)


class TestEachProblem:
    def test_all_are_invalid_value(self, plan: lp.Plan) -> None:
        broken = with_block(plan, 0, sets=10, reps=40, rir=0)
        found = check(broken)
        assert 3 == len(found)
        assert all(p.code == "invalid_value" for p in found)

    def test_no_sessions(self, plan: lp.Plan) -> None:
        assert ["sessions"] == paths(attrs.evolve(plan, sessions=()))

    def test_before_the_window(self, plan: lp.Plan) -> None:
        first = plan.sessions[0]
        broken = with_session(plan, 0, start=first.start - dt.timedelta(days=1))
        assert ["sessions[0].start"] == paths(broken)
        assert "2026-12-06" in check(broken)[0].message

    def test_after_the_window(self, plan: lp.Plan) -> None:
        last = len(plan.sessions) - 1
        moved = plan.sessions[last].start + dt.timedelta(weeks=1)
        assert [f"sessions[{last}].start"] == paths(with_session(plan, last, start=moved))

    def test_week_not_matching_its_date(self, plan: lp.Plan) -> None:
        assert ["sessions[0].week"] == paths(with_session(plan, 0, week=2))

    def test_week_going_backwards(self, plan: lp.Plan) -> None:
        # Outside the window a week cannot be matched to its date, but it still may not
        # fall below the week before it.
        last = len(plan.sessions) - 1
        late = plan.sessions[last].start + dt.timedelta(weeks=1)
        found = check(with_session(plan, last, start=late, week=1))
        assert [f"sessions[{last}].start", f"sessions[{last}].week"] == [p.path for p in found]
        assert "week must not go backwards: 1 after week 6" == found[1].message

    def test_out_of_time_order(self, plan: lp.Plan) -> None:
        sessions = list(plan.sessions)
        sessions[0], sessions[1] = sessions[1], sessions[0]
        found = check(attrs.evolve(plan, sessions=sessions))
        assert ["sessions[1].start"] == [p.path for p in found]
        assert "before the previous session's start" in found[0].message

    def test_overlapping(self, plan: lp.Plan) -> None:
        first = plan.sessions[0]
        inside = first.start + first.duration / 2
        sessions = [first, attrs.evolve(plan.sessions[1], start=inside), *plan.sessions[2:]]
        assert ["sessions[1].start"] == paths(attrs.evolve(plan, sessions=sessions))

    def test_back_to_back_is_fine(self, plan: lp.Plan) -> None:
        first = plan.sessions[0]
        sessions = [first, attrs.evolve(plan.sessions[1], start=first.end), *plan.sessions[2:]]
        assert [] == paths(attrs.evolve(plan, sessions=sessions))

    def test_duplicate_uid(self, plan: lp.Plan) -> None:
        # Plan itself refuses a repeated uid, so only data that slipped past it (or a
        # future loader) can carry one; check() still reports it.
        sessions = list(plan.sessions)
        sessions[2] = attrs.evolve(sessions[2], uid=sessions[0].uid)
        broken = attrs.evolve(plan, sessions=sessions[:2])
        object.__setattr__(broken, "sessions", tuple(sessions))
        assert ["sessions[2].uid"] == paths(broken)

    def test_red_flags(self, plan: lp.Plan) -> None:
        athlete = attrs.evolve(plan.athlete, conditions={lp.Condition.RED_FLAGS})
        assert ["athlete.conditions"] == paths(attrs.evolve(plan, athlete=athlete))

    def test_rehab_without_clearance(self) -> None:
        rehab = lp.build_plan(lp.Athlete(cleared=True), role=lp.Role.REHAB, start=START)
        uncleared = attrs.evolve(rehab, athlete=lp.Athlete())
        found = check(uncleared)
        assert ["athlete.cleared"] == [p.path for p in found]
        assert "rehab" in found[0].message

    def test_condition_without_clearance(self, plan: lp.Plan) -> None:
        athlete = attrs.evolve(plan.athlete, conditions={lp.Condition.PREGNANCY})
        found = check(attrs.evolve(plan, athlete=athlete))
        assert ["athlete.cleared"] == [p.path for p in found]
        assert "pregnancy" in found[0].message

    def test_red_flags_and_no_clearance(self, plan: lp.Plan) -> None:
        athlete = attrs.evolve(
            plan.athlete, conditions={lp.Condition.RED_FLAGS, lp.Condition.RECENT_HIP_SURGERY}
        )
        assert ["athlete.conditions", "athlete.cleared"] == paths(
            attrs.evolve(plan, athlete=athlete)
        )

    def test_too_many_sets(self, plan: lp.Plan) -> None:
        found = check(with_block(plan, 1, sets=5))
        assert ["sessions[1].blocks[0].sets"] == [p.path for p in found]
        assert "sets must be at most 4 in a accessory plan, got 5" == found[0].message

    def test_too_many_reps(self, plan: lp.Plan) -> None:
        assert ["sessions[1].blocks[0].reps"] == paths(with_block(plan, 1, reps=16))

    def test_too_few_reps_in_reserve(self, plan: lp.Plan) -> None:
        assert ["sessions[1].blocks[0].rir"] == paths(with_block(plan, 1, rir=0))

    def test_rehab_tempo_too_slow(self) -> None:
        rehab = lp.build_plan(lp.Athlete(cleared=True), role=lp.Role.REHAB, start=START)
        found = check(with_block(rehab, 0, tempo=lp.Tempo(3, 6, 3)))
        assert ["sessions[0].blocks[0].tempo"] == [p.path for p in found]

    def test_warm_up_limits(self) -> None:
        warm = lp.build_plan(BAND, role=lp.Role.WARM_UP, start=START)
        assert ["sessions[0].blocks[0].sets", "sessions[0].blocks[0].rir"] == paths(
            with_block(warm, 0, sets=3, rir=3)
        )

    def test_held_to_warm_up_limits(self) -> None:
        held = lp.Athlete(conditions={lp.Condition.PARQ_YES})
        accessory = lp.build_plan(held, start=START)
        assert () == check(accessory)
        assert ["sessions[0].blocks[0].sets"] == paths(with_block(accessory, 0, sets=3))

    def test_fewer_sets_and_reps_are_fine(self, plan: lp.Plan) -> None:
        assert [] == paths(with_block(plan, 1, sets=1, reps=1))


def test_several_problems_together(plan: lp.Plan) -> None:
    athlete = attrs.evolve(plan.athlete, conditions={lp.Condition.RED_FLAGS})
    broken = with_block(with_session(plan, 2, week=3), 4, sets=9, rir=0)
    broken = attrs.evolve(broken, athlete=athlete)
    found = check(broken)
    assert [
        "athlete.conditions",
        "sessions[2].week",
        "sessions[4].blocks[0].sets",
        "sessions[4].blocks[0].rir",
    ] == [p.path for p in found]
    error = lp.PlanProblemsError(found)
    assert error.problems == found


def test_does_not_change_the_plan(plan: lp.Plan) -> None:
    copy = attrs.evolve(plan)
    check(plan)
    assert copy == plan


def test_refuses_a_non_plan() -> None:
    with pytest.raises(lp.PlanError, match="plan must be a Plan"):
        check("plan")  # type: ignore[arg-type]


def test_exported_as_the_function() -> None:
    code = (
        "import legraise_plan.checks, legraise_plan as lp; "
        "assert lp.check is legraise_plan.checks.check, lp.check"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_lazy_export() -> None:
    code = (
        "import sys, legraise_plan as lp; f = lp.check; "
        "assert f is sys.modules['legraise_plan.checks'].check and lp.check is f"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
