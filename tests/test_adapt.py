"""Closing the loop: training logs, adapt, continue_plan and diff, through the public API."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legraise_plan as lp
from tests.strategies import plans


START = dt.date(2026, 12, 7)
BAND = lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.INTERMEDIATE)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def done(session: lp.Session, reps: int | None = None, **kwargs: object) -> lp.SessionLog:
    """``session`` done with ``reps`` (default: as prescribed) in every set, on its date."""
    block = session.blocks[0]
    count = block.reps if reps is None else reps
    fields = {"morning_pain": 0, **kwargs}
    return lp.SessionLog(
        uid=session.uid,
        date=session.start.date(),
        sets=[lp.SetLog.both(count) for _ in range(block.sets)],
        **fields,  # type: ignore[arg-type]
    )


def day_after(session: lp.Session) -> dt.date:
    return session.start.date() + dt.timedelta(days=1)


def as_planned(plan: lp.Plan, count: int) -> lp.TrainingLog:
    return lp.TrainingLog([lp.log_as_planned(s) for s in plan.sessions[:count]])


def live(plan: lp.Plan, outcomes: list[dict[str, object]]) -> lp.Plan:
    """Train session by session: each done as the adapted plan shows it, then adapt."""
    log = lp.TrainingLog()
    for index, fields in enumerate(outcomes):
        session = plan.sessions[index]
        log = log.add(done(session, **fields))
        plan = lp.adapt(plan, log, today=day_after(session))
    return plan


@pytest.fixture(scope="module")
def plan() -> lp.Plan:
    return lp.build_plan(BAND, start=START)


@pytest.fixture(scope="module")
def rehab() -> lp.Plan:
    athlete = lp.Athlete(
        equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS},
        conditions={lp.Condition.LOW_BACK_PAIN_HISTORY},
        cleared=True,
    )
    return lp.build_plan(athlete, role=lp.Role.REHAB, start=START)


# --------------------------------------------------------------------------- log values


class TestLogValues:
    def test_reps_are_0_to_50(self):
        lp.SetLog(left=0, right=50)
        with pytest.raises(lp.LogError, match=r"^left must be 0\.\.50, got 51"):
            lp.SetLog(left=51, right=10)
        with pytest.raises(lp.LogError, match=r"^right must be 0\.\.50, got -1"):
            lp.SetLog(left=1, right=-1)

    @pytest.mark.parametrize("field", ["pain_during", "baseline_pain", "morning_pain"])
    def test_pain_is_0_to_10(self, field):
        with pytest.raises(lp.LogError, match=rf"^{field} must be 0\.\.10, got 11"):
            lp.SessionLog(uid="a", date=START, sets=[lp.SetLog.both(10)], **{field: 11})

    def test_done_needs_sets_and_skipped_has_none(self):
        with pytest.raises(lp.LogError, match="sets must hold at least one SetLog"):
            lp.SessionLog(uid="a", date=START)
        with pytest.raises(lp.LogError, match="sets must be empty for a skipped session"):
            lp.SessionLog(uid="a", date=START, sets=[lp.SetLog.both(10)], skipped="ill")

    def test_date_must_be_a_date(self):
        with pytest.raises(lp.LogError, match=r"date must be a datetime\.date"):
            lp.SessionLog(uid="a", date=dt.datetime(2026, 12, 7), skipped="ill")  # type: ignore[arg-type]

    def test_later_entry_replaces_earlier_with_a_note(self):
        first = lp.SessionLog(uid="a", date=START, skipped="ill")
        second = lp.SessionLog(uid="a", date=START + dt.timedelta(days=1), sets=[lp.SetLog.both(9)])
        log = lp.TrainingLog().add(first).add(second)
        assert log.latest() == {"a": second}
        assert log.entries == (first, second)
        assert log.notes == ("log of session a from 2026-12-08 replaces the entry from 2026-12-07",)

    def test_outcome_reads_per_leg_reps_and_fewest_rir(self):
        entry = lp.SessionLog(
            uid="a",
            date=START,
            sets=[lp.SetLog(left=12, right=11, rir=3), lp.SetLog(left=10, right=12, rir=1)],
            pain_during=2,
        )
        outcome = entry.outcome()
        assert [s.worst for s in outcome.sets] == [11, 10]
        assert outcome.rir == 1
        assert outcome.pain_during == 2
        assert entry.summary() == "2 sets: 12/11, 10/12 reps; 1 in reserve; pain 2/10"


# --------------------------------------------------------------------------- adapt: errors


class TestAdaptErrors:
    def test_unknown_uid_is_named(self, plan):
        log = lp.TrainingLog([lp.SessionLog(uid="nope", date=START, skipped="ill")])
        with pytest.raises(lp.LogError, match="uid must name a session of this plan, got 'nope'"):
            lp.adapt(plan, log, today=START)

    def test_date_after_today_is_named(self, plan):
        first = plan.sessions[0]
        log = lp.TrainingLog([lp.log_as_planned(first)])
        with pytest.raises(lp.LogError, match=r"date must not be after today \(2026-12-06\)"):
            lp.adapt(plan, log, today=START - dt.timedelta(days=1))

    def test_load_not_on_the_ladder(self, plan):
        first = plan.sessions[0]
        entry = lp.SessionLog(
            uid=first.uid, date=START, sets=[lp.SetLog.both(10, load="cable 40 kg")]
        )
        with pytest.raises(lp.LogError, match="load must be one on this plan's ladder"):
            lp.adapt(plan, lp.TrainingLog([entry]), today=START)

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"today": "2026-12-07"}, "today must be a datetime.date"),
            ({"today": START, "missed": "later"}, "missed must be one of skip, shift"),
        ],
    )
    def test_bad_arguments(self, plan, kwargs, match):
        with pytest.raises(lp.PlanError, match=match):
            lp.adapt(plan, lp.TrainingLog(), **kwargs)

    def test_log_must_be_a_training_log(self, plan):
        with pytest.raises(lp.LogError, match="log must be a TrainingLog"):
            lp.adapt(plan, [], today=START)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- adapt: behaviour


class TestAdapt:
    def test_log_as_expected_changes_nothing_to_come(self, plan):
        today = plan.sessions[5].start.date()
        new = lp.adapt(plan, as_planned(plan, 5), today=today)
        change = lp.diff(plan, new)
        assert change.logged == tuple(s.uid for s in plan.sessions[:5])
        assert change.changed == change.cancelled == change.added == ()
        assert new.sessions[5:] == plan.sessions[5:]
        assert [s.status for s in new.sessions[:5]] == [lp.SessionStatus.DONE] * 5

    def test_pain_above_5_regresses_with_a_dated_reason(self, plan):
        sixth = plan.sessions[5]
        log = as_planned(plan, 5).add(done(sixth, pain_during=6))
        new = lp.adapt(plan, log, today=day_after(sixth))
        nxt = new.sessions[6].blocks[0]
        assert nxt.detail.startswith("Fri 18 Dec: pain 6/10 during (above 5) → regress:")
        assert nxt.load.label != sixth.blocks[0].load.label
        assert new.sessions[6].sequence == 1
        assert new.sessions[5].blocks == sixth.blocks  # the logged session keeps its dose

    def test_pain_4_to_5_holds_the_dose(self, plan):
        sixth = plan.sessions[5]
        log = as_planned(plan, 5).add(done(sixth, pain_during=4))
        new = lp.adapt(plan, log, today=day_after(sixth))
        nxt = new.sessions[6].blocks[0]
        held = sixth.blocks[0].prescription
        assert (nxt.load, nxt.sets, nxt.reps) == (held.load, held.sets, held.reps)
        assert "pain 4/10 during (4-5 zone) → hold" in nxt.detail

    def test_next_morning_pain_repeats_minus_one_set(self, plan):
        sixth = plan.sessions[5]
        log = as_planned(plan, 5).add(done(sixth, morning_pain=3))
        new = lp.adapt(plan, log, today=day_after(sixth))
        nxt = new.sessions[6].blocks[0]
        assert nxt.sets == sixth.blocks[0].sets - 1
        assert nxt.reps == sixth.blocks[0].reps
        assert "next-morning pain 3/10 above baseline 0/10" in nxt.detail

    def test_misses_twice_regress(self, plan):
        log = as_planned(plan, 3)
        for session in plan.sessions[3:5]:
            log = log.add(done(session, reps=5))
        new = lp.adapt(plan, log, today=plan.sessions[5].start.date())
        reason = new.sessions[5].blocks[0].detail
        assert "2 sessions in a row → regress" in reason

    def test_lighter_band_used_counts_as_done_on_it(self):
        plan = lp.build_plan(BAND, start=START, weeks=12)
        index = next(
            i
            for i, s in enumerate(plan.sessions[:-1])
            if s.blocks[0].load.label.startswith("band red")
            and plan.sessions[i + 1].kind is lp.DayKind.NORMAL
        )
        upper = plan.sessions[index]
        log = as_planned(plan, index)
        entry = lp.SessionLog(
            uid=upper.uid,
            date=upper.start.date(),
            sets=[lp.SetLog.both(upper.blocks[0].reps, load="band yellow")] * upper.blocks[0].sets,
            morning_pain=0,
        )
        new = lp.adapt(plan, log.add(entry), today=day_after(upper))
        assert new.sessions[index + 1].blocks[0].load.label.startswith("band yellow")

    def test_stop_and_refer_cancels_the_rest(self, plan):
        log = as_planned(plan, 3)
        for session in plan.sessions[3:5]:
            log = log.add(done(session, pain_during=7))
        new = lp.adapt(plan, log, today=day_after(plan.sessions[4]))
        rest = new.sessions[5:]
        assert {s.status for s in rest} == {lp.SessionStatus.CANCELLED}
        assert all("see a physiotherapist or doctor" in s.notes[-1] for s in rest)
        assert set(lp.diff(plan, new).cancelled) == {s.uid for s in rest}
        assert "exercise stopped" in new.notes[-1]

    def test_missed_sessions_skip_by_default(self, plan):
        today = plan.sessions[4].start.date()
        new = lp.adapt(plan, as_planned(plan, 2), today=today)
        assert [s.status for s in new.sessions[2:4]] == [lp.SessionStatus.SKIPPED] * 2
        assert new.sessions[2].notes[-1] == "no log for this session: treated as skipped"
        assert "2 past sessions with no log treated as skipped" in new.notes[-1]
        assert [s.start for s in new.sessions] == [s.start for s in plan.sessions]
        assert lp.diff(plan, new).missed == (plan.sessions[2].uid, plan.sessions[3].uid)
        resumed = new.sessions[4].blocks[0]
        # Nothing was trained since the second session: the dose it led to comes back,
        # on the same load and no bigger, and the reason says why.
        assert resumed.detail.startswith("Mon 14 Dec not done (no log) → same dose")
        assert resumed.load == plan.sessions[2].blocks[0].load
        assert resumed.sets * resumed.reps <= plan.sessions[2].blocks[0].prescription.volume

    def test_missed_sessions_shift_the_rest(self, plan):
        today = plan.sessions[7].start.date() + dt.timedelta(days=1)  # Sat of week 3
        new = lp.adapt(plan, as_planned(plan, 3), today=today, missed=lp.Missed.SHIFT)
        assert [s.uid for s in new.sessions] == [s.uid for s in plan.sessions]
        moved = new.sessions[3]
        assert moved.start - plan.sessions[3].start == dt.timedelta(weeks=2)
        assert moved.week == plan.sessions[3].week + 2
        assert new.weeks == plan.weeks + 2
        assert moved.blocks == plan.sessions[3].blocks  # the same dose, two weeks on
        assert "moved 2 weeks later" in new.notes[-1]

    def test_shift_after_skip_plans_the_missed_sessions_again(self, plan):
        """Sessions first treated as skipped and then shifted are planned again, note gone."""
        today = plan.sessions[5].start.date()
        skipped = lp.adapt(plan, as_planned(plan, 3), today=today)
        shifted = lp.adapt(skipped, as_planned(plan, 3), today=today, missed="shift")
        moved = shifted.sessions[3]
        assert moved.status is lp.SessionStatus.PLANNED
        assert moved.start - plan.sessions[3].start == dt.timedelta(weeks=1)
        assert "no log for this session: treated as skipped" not in moved.notes

    def test_shifting_again_with_the_same_log_is_stable(self, plan):
        today = plan.sessions[7].start.date() + dt.timedelta(days=1)
        once = lp.adapt(plan, as_planned(plan, 3), today=today, missed=lp.Missed.SHIFT)
        twice = lp.adapt(once, as_planned(plan, 3), today=today, missed=lp.Missed.SHIFT)
        assert twice == once

    def test_shift_keeps_each_sessions_own_time(self):
        """A session placed at its own time (not the plan's) keeps it when shifted."""
        plan = lp.build_plan(BAND, start=START, tz="Europe/Berlin")
        odd = attrs.evolve(plan.sessions[3], start=plan.sessions[3].start.replace(hour=7))
        changed = attrs.evolve(plan, sessions=(*plan.sessions[:3], odd, *plan.sessions[4:]))
        today = plan.sessions[7].start.date() + dt.timedelta(days=1)
        moved = lp.adapt(changed, as_planned(plan, 3), today=today, missed="shift").sessions[3]
        assert (moved.start.hour, moved.start - odd.start) == (7, dt.timedelta(weeks=2))

    def test_shift_past_52_weeks_is_refused(self):
        long = lp.build_plan(BAND, start=START, weeks=50)
        today = long.sessions[3].start.date() + dt.timedelta(weeks=3)
        with pytest.raises(lp.PlanError, match="missed must be skip here"):
            lp.adapt(long, as_planned(long, 3), today=today, missed="shift")

    def test_adapting_again_is_stable(self, plan):
        sixth = plan.sessions[5]
        log = as_planned(plan, 5).add(done(sixth, pain_during=6))
        today = day_after(sixth)
        once = lp.adapt(plan, log, today=today)
        assert lp.adapt(once, log, today=today) == once

    def test_a_later_adapt_raises_sequence_again_only_where_changed(self, plan):
        sixth = plan.sessions[5]
        once = lp.adapt(
            plan, as_planned(plan, 5).add(done(sixth, pain_during=6)), today=day_after(sixth)
        )
        log = as_planned(plan, 5).add(done(sixth, pain_during=6))
        seventh = once.sessions[6]
        twice = lp.adapt(once, log.add(lp.log_as_planned(seventh)), today=day_after(seventh))
        assert twice.sessions[6].sequence == 2
        assert [s.sequence for s in twice.sessions[7:]] == [s.sequence for s in once.sessions[7:]]


class TestRepeatedHour:
    def test_a_warm_up_in_the_repeated_hour_keeps_one_note(self):
        """A warm-up placed in the hour the clocks repeat says which one, after adapt too."""
        plan = lp.build_plan(
            lp.Athlete(),
            role=lp.Role.WARM_UP,
            start=dt.date(2026, 10, 19),
            weeks=2,
            days="sun",
            at=dt.time(3, 0),
            tz="Europe/Berlin",
        )
        night = next(s for s in plan.sessions if s.start.date() == dt.date(2026, 10, 25))
        assert sum("happens twice" in n for n in night.notes) == 1
        first = plan.sessions[0]
        log = lp.TrainingLog([done(first, pain_during=6)])
        adapted = lp.adapt(plan, log, today=day_after(first))
        again = next(s for s in adapted.sessions if s.uid == night.uid)
        assert sum("happens twice" in n for n in again.notes) == 1
        assert again.end == night.end  # still ends as the main session starts


class TestRehabEndToEnd:
    """The pain-monitoring model through adapt, one rule a test."""

    def test_pain_0_to_3_goes_on(self, rehab):
        first = rehab.sessions[0]
        new = lp.adapt(rehab, lp.TrainingLog([done(first, pain_during=3)]), today=day_after(first))
        assert new.sessions[1].blocks == rehab.sessions[1].blocks  # reps still go up

    def test_pain_0_to_3_is_not_pain_free_for_the_load_gate(self, rehab):
        """Rule 24: external load waits for sessions free of pain, not merely low pain."""
        new = live(rehab, [{"pain_during": 3}] * 4)
        assert new.sessions[4].blocks[0].load.label == "bodyweight"
        assert "external load needs 2 pain-free sessions first" in new.sessions[4].blocks[0].detail
        assert rehab.sessions[4].blocks[0].load.label != "bodyweight"

    def test_pain_4_to_5_holds(self, rehab):
        new = live(rehab, [{}, {"pain_during": 5}])
        held, nxt = new.sessions[1].blocks[0], new.sessions[2].blocks[0]
        assert (nxt.load, nxt.sets, nxt.reps) == (held.load, held.sets, held.reps)

    def test_pain_above_5_regresses(self, rehab):
        new = live(rehab, [{}, {"pain_during": 6}])
        assert "pain 6/10 during (above 5) → regress" in new.sessions[2].blocks[0].detail

    def test_rehab_waits_for_the_next_morning(self, rehab):
        first = rehab.sessions[0]
        log = lp.TrainingLog([done(first, morning_pain=None)])
        new = lp.adapt(rehab, log, today=day_after(first))
        reason = new.sessions[1].blocks[0].detail
        assert "progress only once next-morning pain is known to be at baseline → hold" in reason
        assert new.sessions[1].blocks[0].reps == first.blocks[0].reps

    def test_morning_pain_at_the_fewest_sets_regresses(self, rehab):
        new = live(rehab, [{"morning_pain": 2}])
        reason = new.sessions[1].blocks[0].detail
        assert reason.startswith("Mon 7 Dec: next-morning pain 2/10 above baseline 0/10 → regress")

    def test_morning_pain_then_two_sessions_at_baseline(self, plan):
        """Rule 15 on a plan with sets to spare: a set fewer, then 2 sessions back at baseline."""
        new = live(plan, [{}, {"morning_pain": 2}, {}, {}])
        assert new.sessions[2].blocks[0].sets == plan.sessions[1].blocks[0].sets - 1
        assert "back at baseline (1 of 2" in new.sessions[3].blocks[0].detail
        assert "back at baseline (2 of 2" in new.sessions[4].blocks[0].detail

    def test_baseline_pain_is_not_a_rise(self, rehab):
        log = lp.TrainingLog(
            [done(s, pain_during=2, morning_pain=2, baseline_pain=2) for s in rehab.sessions[:4]]
        )
        new = lp.adapt(rehab, log, today=rehab.sessions[4].start.date())
        assert new.sessions[4].blocks == rehab.sessions[4].blocks

    def test_constant_hold_zone_pain_refers(self, rehab):
        log = lp.TrainingLog([done(s, pain_during=4) for s in rehab.sessions[:6]])
        new = lp.adapt(rehab, log, today=day_after(rehab.sessions[5]))
        assert new.sessions[6].status is lp.SessionStatus.CANCELLED
        stopped = "Pain of 4-5/10 in 6 sessions running: stop this exercise"
        assert stopped in new.sessions[6].notes[-1]


# --------------------------------------------------------------------------- continue


class TestContinue:
    def test_starts_where_the_log_leaves_the_athlete(self, plan):
        log = as_planned(plan, len(plan.sessions))
        nxt = lp.continue_plan(plan, log)
        assert nxt.start == dt.date(2027, 1, 18)  # the Monday after the last session
        first = nxt.sessions[0].blocks[0]
        assert first.detail.startswith("continued from the plan ending 2027-01-15 on ")
        assert first.load >= plan.sessions[-2].blocks[0].load
        assert not {s.uid for s in nxt.sessions} & {s.uid for s in plan.sessions}
        assert (nxt.athlete, nxt.role, nxt.days, nxt.at) == (
            plan.athlete,
            plan.role,
            plan.days,
            plan.at,
        )

    def test_a_due_deload_comes_first(self):
        eight = lp.build_plan(BAND, start=START, weeks=8, deload_every=4)
        nxt = lp.continue_plan(eight, as_planned(eight, len(eight.sessions)), weeks=4)
        kinds = [s.kind for s in nxt.sessions if s.week == 4]
        assert set(kinds) == {lp.DayKind.DELOAD}
        three = lp.build_plan(BAND, start=START, weeks=3, deload_every=4)
        nxt = lp.continue_plan(three, as_planned(three, len(three.sessions)), weeks=2)
        assert {s.kind for s in nxt.sessions if s.week == 1} == {lp.DayKind.DELOAD}

    def test_no_log_counts_as_planned_or_skipped(self, plan):
        assumed = lp.continue_plan(plan, lp.TrainingLog())
        skipped = lp.continue_plan(plan, lp.TrainingLog(), assume_done=False)
        assert assumed.sessions[0].blocks[0].load > skipped.sessions[0].blocks[0].load
        assert "counted as done as prescribed" in assumed.notes[-1]
        assert "counted as skipped" in skipped.notes[-1]

    def test_sessions_adapt_found_missed_stay_missed(self, plan):
        """After adapt marked sessions as missed, next does not count them as done."""
        log = as_planned(plan, 2)
        adapted = lp.adapt(plan, log, today=plan.sessions[-1].start.date() + dt.timedelta(1))
        nxt = lp.continue_plan(adapted, log)
        skipped = lp.continue_plan(plan, log, assume_done=False)
        assert nxt.sessions[0].blocks == skipped.sessions[0].blocks
        assert "16 with no log counted as skipped" in nxt.notes[-1]

    def test_a_plan_around_a_calendar_is_not_continued_on_a_grid(self, plan):
        moved = [attrs.evolve(s, start=s.start.replace(hour=7)) for s in plan.sessions]
        around = attrs.evolve(plan, sessions=moved)
        with pytest.raises(lp.PlanError, match="plan follows a calendar of your own training"):
            lp.continue_plan(around, lp.TrainingLog())

    def test_stopped_log_refuses(self, plan):
        log = as_planned(plan, 3)
        for session in plan.sessions[3:5]:
            log = log.add(done(session, pain_during=7))
        with pytest.raises(lp.PlanError, match="log stopped this exercise"):
            lp.continue_plan(plan, log)

    def test_start_must_follow_the_plan(self, plan):
        with pytest.raises(lp.PlanError, match="start must be after the plan's last session"):
            lp.continue_plan(plan, lp.TrainingLog(), start=START)

    def test_a_continued_plan_adapts_from_its_own_start(self, plan):
        nxt = lp.continue_plan(plan, as_planned(plan, len(plan.sessions)))
        again = lp.adapt(nxt, as_planned(nxt, 4), today=nxt.sessions[4].start.date())
        assert again.sessions[4:] == nxt.sessions[4:]


# --------------------------------------------------------------------------- properties


def _today(plan: lp.Plan, index: int) -> dt.date:
    if index >= len(plan.sessions):
        return plan.sessions[-1].start.date() + dt.timedelta(days=1)
    return plan.sessions[index].start.date()


def _unique_days(plan: lp.Plan) -> bool:
    return len({s.start.date() for s in plan.sessions}) == len(plan.sessions)


@st.composite
def logged(draw: st.DrawFn) -> tuple[lp.Plan, lp.TrainingLog, dt.date]:
    """A plan, a random log of its first sessions, and the day after the last logged."""
    plan = draw(plans().filter(_unique_days))
    count = draw(st.integers(0, len(plan.sessions)))
    entries = []
    for session in plan.sessions[:count]:
        if draw(st.booleans()):
            entries.append(
                lp.SessionLog(uid=session.uid, date=session.start.date(), skipped="busy")
            )
            continue
        sets = draw(
            st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), min_size=1, max_size=5)
        )
        entries.append(
            lp.SessionLog(
                uid=session.uid,
                date=session.start.date(),
                sets=[lp.SetLog(left=a, right=b) for a, b in sets],
                pain_during=draw(st.integers(0, 10)),
                morning_pain=draw(st.none() | st.integers(0, 10)),
                form_kept=draw(st.booleans()),
            )
        )
    return plan, lp.TrainingLog(entries), _today(plan, count)


class TestProperties:
    @SLOW
    @given(plans(moves=False).filter(_unique_days), st.data())
    def test_expected_log_changes_no_session_to_come(self, plan, data):
        count = data.draw(st.integers(0, len(plan.sessions)))
        new = lp.adapt(plan, as_planned(plan, count), today=_today(plan, count))
        assert new.sessions[count:] == plan.sessions[count:]
        assert [s.uid for s in new.sessions] == [s.uid for s in plan.sessions]
        change = lp.diff(plan, new)
        assert change.changed == change.cancelled == change.added == ()

    @SLOW
    @given(logged())
    def test_logged_sessions_keep_their_dose_and_uids_stay(self, case):
        plan, log, today = case
        new = lp.adapt(plan, log, today=today)
        assert [s.uid for s in new.sessions] == [s.uid for s in plan.sessions]
        for old, now in zip(plan.sessions, new.sessions, strict=True):
            if old.uid in log.latest():
                assert now.blocks == old.blocks
                assert now.log == log.latest()[old.uid]

    @SLOW
    @given(logged())
    def test_sequence_rises_only_on_changed_sessions(self, case):
        plan, log, today = case
        new = lp.adapt(plan, log, today=today)
        change = lp.diff(plan, new)
        moved = {*change.changed, *change.cancelled, *change.logged, *change.missed}
        for old, now in zip(plan.sessions, new.sessions, strict=True):
            assert now.sequence == old.sequence + (now.uid in moved)
