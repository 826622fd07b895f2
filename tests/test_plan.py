"""Tests for build_plan: roles, periodization, scheduling on real dates, the plan record."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from tests import strategies as s


START = dt.date(2026, 12, 7)
#: Every role but rehab, which cannot be planned without clearance.
UNCLEARED_ROLES = [r for r in lp.Role if r is not lp.Role.REHAB]


class TestDesignExample:
    """The reference example plan: a novice with a band and ankle weights, 6 weeks."""

    def test_eighteen_sessions(self, plan):
        """6 weeks × 3 days gives 18 sessions, Monday/Wednesday/Friday at 18:00 Berlin."""
        berlin = zoneinfo.ZoneInfo("Europe/Berlin")

        assert len(plan.sessions) == 18
        assert plan.sessions[0].start == dt.datetime(2026, 12, 7, 18, 0, tzinfo=berlin)
        assert plan.sessions[-1].start == dt.datetime(2027, 1, 15, 18, 0, tzinfo=berlin)
        assert {s.start.strftime("%a %H:%M") for s in plan.sessions} == {
            "Mon 18:00",
            "Wed 18:00",
            "Fri 18:00",
        }
        assert [s.week for s in plan.sessions] == [w for w in range(1, 7) for _ in range(3)]

    def test_linear_deload_in_week_six(self, plan):
        """Linear periodization progresses weeks 1-5 (≤ +20 % a week) and deloads week 6."""
        assert [s.is_deload for s in plan.sessions] == [False] * 15 + [True] * 3
        assert plan.weekly_volume() == (108, 126, 120, 123, 133, 72)

    def test_blocks_and_reasons(self, plan):
        """Each session has one block with a dose and the reason for it."""
        first = plan.sessions[0].blocks[0]
        ninth = plan.sessions[8].blocks[0]

        assert (first.variation.id, first.sets, first.reps, str(first.tempo)) == (
            "standing-hip-extension",
            3,
            10,
            "2-1-2",
        )
        assert first.rest == dt.timedelta(seconds=60)
        assert first.load == lp.Load.bodyweight()
        assert first.rir == 2
        assert first.detail == "start (novice): standing, bodyweight"
        assert (ninth.variation.id, str(ninth.tempo)) == ("standing-hip-extension", "2-3-2")
        assert ninth.detail.startswith("top of range 2 sessions in a row")

    def test_duration_is_rule_19_rounded_up(self, plan):
        """3 × 10/leg at 2-1-2 with 60 s rest is 465 s, so a 10-minute session."""
        assert plan.sessions[0].duration == dt.timedelta(minutes=10)
        assert plan.sessions[0].end == plan.sessions[0].start + dt.timedelta(minutes=10)

    def test_uids_stable_and_unique(self, plan, athlete):
        """Uids are unique in a plan and equal for the same inputs."""
        again = lp.build_plan(athlete, start=START, tz="Europe/Berlin")

        assert len({s.uid for s in plan.sessions}) == 18
        assert [s.uid for s in again.sessions] == [s.uid for s in plan.sessions]
        assert again == plan
        assert hash(again) == hash(plan)

    def test_uid_survives_a_time_change(self, athlete):
        """Moving the time keeps the uids, so calendars update events in place."""
        early = lp.build_plan(athlete, start=START, at=dt.time(7, 0))
        late = lp.build_plan(athlete, start=START, at=dt.time(19, 0))
        other = lp.build_plan(athlete, start=START, plan_id="user-42")

        assert [s.uid for s in early.sessions] == [s.uid for s in late.sessions]
        assert {s.uid for s in other.sessions}.isdisjoint(s.uid for s in early.sessions)

    def test_load_ladder(self, dst_plan):
        """The summary lists the loads used week by week."""
        assert dst_plan.load_ladder()[0] == ("band yellow, anchored at the ankle",)
        assert dst_plan.end == dt.date(2027, 4, 12)

    def test_safety_notes(self, plan):
        """Every plan carries the stop rule and the advice to consult a professional."""
        assert any("sharp pain" in n for n in plan.notes)
        assert any("physiotherapist or doctor" in n for n in plan.notes)


class TestRoles:
    """Role-specific dosing and placement."""

    def test_warm_up_ends_when_main_session_starts(self):
        """A warm-up is short, light and ends at the main session's start."""
        plan = lp.build_plan(
            lp.Athlete(equipment={lp.Equipment.BAND}),
            role=lp.Role.WARM_UP,
            start=START,
            days="mon,thu",
            at=dt.time(17, 0),
        )

        for session in plan.sessions:
            block = session.blocks[0]
            assert session.end.time() == dt.time(17, 0)
            assert session.duration <= dt.timedelta(minutes=5)
            assert block.sets <= 2
            assert str(block.tempo) == "1-1-1"
            assert block.rest <= dt.timedelta(seconds=30)
            assert block.rir >= 4

    def test_accessory_after_main_lifts(self, athlete):
        """With after=, the accessory block starts that long after the main lifts begin."""
        plan = lp.build_plan(
            athlete, start=START, at=dt.time(18, 0), after=dt.timedelta(minutes=45)
        )

        assert {s.start.time() for s in plan.sessions} == {dt.time(18, 45)}

    def test_after_only_for_accessory(self, athlete):
        """after= makes no sense for other roles."""
        with pytest.raises(lp.ScheduleError, match="after only applies to the accessory role"):
            lp.build_plan(
                athlete, role=lp.Role.FULL_BODY, start=START, after=dt.timedelta(minutes=5)
            )

    def test_rehab_needs_clearance(self):
        """Rehab without clearance says how to give it."""
        with pytest.raises(lp.ClearanceRequiredError, match=r"cleared=True.*--cleared"):
            lp.build_plan(lp.Athlete(), role=lp.Role.REHAB, start=START)

    def test_rehab_plan(self):
        """A cleared rehab plan is slow, held at the top, and starts prone (to neutral, rule 24)."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND},
            conditions={lp.Condition.LOW_BACK_PAIN_HISTORY},
            cleared=True,
        )
        plan = lp.build_plan(athlete, role=lp.Role.REHAB, start=START, days="tue,thu,sat")
        first = plan.sessions[0].blocks[0]

        assert (first.variation.id, str(first.tempo), first.sets, first.reps) == (
            "prone-hip-extension-to-neutral",
            "3-2-3",
            2,
            8,
        )
        assert any("hip neutral" in n for n in plan.notes)
        assert any("Rehab plan" in n for n in plan.notes)

    def test_rehab_allows_daily_sessions(self):
        """Rehab may run up to 7 days a week (rule 4)."""
        athlete = lp.Athlete(cleared=True)
        plan = lp.build_plan(
            athlete,
            role=lp.Role.REHAB,
            start=START,
            weeks=1,
            days=("MO", "TU", "WE", "TH", "FR", "SA", "SU"),
        )

        assert len(plan.sessions) == 7

    @pytest.mark.parametrize("condition", [lp.Condition.PREGNANCY, lp.Condition.RECENT_HIP_SURGERY])
    def test_conditions_needing_clearance(self, condition):
        """Pregnancy and recent hip surgery need clearance for any plan."""
        with pytest.raises(lp.ClearanceRequiredError, match=condition.value):
            lp.build_plan(lp.Athlete(conditions={condition}), start=START)

    def test_pregnancy_notes_list_stop_signs(self):
        """A cleared pregnancy plan is standing only and lists the stop signs."""
        plan = lp.build_plan(
            lp.Athlete(conditions={lp.Condition.PREGNANCY}, cleared=True), start=START
        )

        assert all(s.blocks[0].variation.id != "prone-hip-extension" for s in plan.sessions)
        assert any("reduced fetal movement" in n for n in plan.notes)

    def test_uncleared_condition_note(self):
        """An uncleared back condition says the plan stays at bodyweight."""
        plan = lp.build_plan(
            lp.Athlete(conditions={lp.Condition.HIP_PAIN}), role=lp.Role.WARM_UP, start=START
        )

        assert any("stays at bodyweight" in n for n in plan.notes)


class TestPeriodization:
    """Linear, undulating and block models."""

    def test_undulating_rotates_heavy_light_medium(self):
        """Daily undulating rotates heavy, light and medium inside each week."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.INTERMEDIATE)
        plan = lp.build_plan(athlete, start=START, periodization=lp.Periodization.UNDULATING)

        assert [s.kind.value for s in plan.sessions[:3]] == ["heavy", "light", "medium"]
        heavy, light, medium = (s.blocks[0] for s in plan.sessions[:3])
        # Yellow → red is +12 %, over an intermediate's 5 %: the heavy day holds longer
        # on yellow instead of jumping (rule 7); the light day is a rung lower.
        assert heavy.load == medium.load > light.load
        assert heavy.tempo.hold > medium.tempo.hold
        assert light.sets == medium.sets - 1
        assert "heavy day" in heavy.detail

    def test_block_phases(self):
        """Block periodization runs accumulation, intensification, peak and deload."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.INTERMEDIATE)
        plan = lp.build_plan(athlete, start=START, periodization=lp.Periodization.BLOCK)

        kinds = [plan.sessions[i * 3].kind.value for i in range(6)]
        assert kinds == [
            "accumulation",
            "accumulation",
            "intensification",
            "intensification",
            "peak",
            "deload",
        ]
        assert plan.sessions[0].blocks[0].sets == 4

    def test_longer_plans_deload_every_six_weeks(self, athlete):
        """A 14-week linear plan deloads in weeks 6 and 12; deload_every changes that."""
        plan = lp.build_plan(athlete, start=START, weeks=14)
        every_four = lp.build_plan(athlete, start=START, weeks=14, deload_every=4)

        assert sorted({s.week for s in plan.sessions if s.is_deload}) == [6, 12]
        assert sorted({s.week for s in every_four.sessions if s.is_deload}) == [4, 8, 12]

    def test_bad_deload_every(self, athlete):
        """deload_every must be 3..12 (rule 11); 1 and 2 are refused."""
        with pytest.raises(lp.PlanError, match=r"deload_every must be 3\.\.12 weeks, got 1"):
            lp.build_plan(athlete, start=START, deload_every=1)


class TestScheduling:
    """Dates, skips, DST and spacing."""

    def test_skip_drops_the_session(self, athlete):
        """A skipped date has no session and the plan says so."""
        plan = lp.build_plan(athlete, start=START, skip=[dt.date(2026, 12, 25)])

        assert len(plan.sessions) == 17
        assert dt.date(2026, 12, 25) not in {s.start.date() for s in plan.sessions}
        assert "session on 2026-12-25 dropped: date skipped" in plan.notes

    def test_reschedule_moves_to_next_free_day(self, athlete):
        """With reschedule=True a skipped session moves to the next day that keeps 48 h."""
        plan = lp.build_plan(
            athlete, start=START, days="mon,thu", skip=[dt.date(2026, 12, 21)], reschedule=True
        )
        dates = [s.start.date() for s in plan.sessions]

        assert len(plan.sessions) == 12
        assert dt.date(2026, 12, 21) not in dates
        assert dt.date(2026, 12, 22) in dates
        moved = plan.sessions[dates.index(dt.date(2026, 12, 22))]
        assert moved.notes == ("moved from 2026-12-21 (skipped date)",)
        assert "session on 2026-12-21 moved to 2026-12-22" in plan.notes

    def test_reschedule_keeps_rest_days(self, athlete):
        """On Mon/Wed/Fri no nearby day keeps 48 h, so the skipped Wednesday is dropped."""
        plan = lp.build_plan(athlete, start=START, skip=[dt.date(2026, 12, 23)], reschedule=True)

        assert len(plan.sessions) == 17
        assert any(n.startswith("session on 2026-12-23 dropped") for n in plan.notes)

    def test_reschedule_without_room_drops(self, athlete):
        """A skipped session with no free day left in the plan is dropped, with a note."""
        plan = lp.build_plan(
            athlete,
            start=START,
            weeks=1,
            skip=[dt.date(2026, 12, 11), dt.date(2026, 12, 12), dt.date(2026, 12, 13)],
            reschedule=True,
        )

        assert len(plan.sessions) == 2
        assert any(n.startswith("session on 2026-12-11 dropped: skipped") for n in plan.notes)

    def test_dst_keeps_wall_clock(self, dst_plan):
        """Across the spring-forward change the sessions stay at 07:30 local time."""
        offsets = {s.start.utcoffset() for s in dst_plan.sessions}

        assert {s.start.time() for s in dst_plan.sessions} == {dt.time(7, 30)}
        assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}

    def test_nonexistent_local_time_moves_forward(self, athlete):
        """02:30 on the spring-forward Sunday does not exist: it moves to 03:30, noted."""
        plan = lp.build_plan(
            athlete,
            start=dt.date(2027, 3, 22),
            weeks=1,
            days="su",
            at=dt.time(2, 30),
            tz="Europe/Berlin",
        )
        session = plan.sessions[0]

        assert session.start.time() == dt.time(3, 30)
        assert "does not exist" in session.notes[0]

    def test_repeated_local_time_takes_the_first(self, athlete):
        """02:30 on the fall-back Sunday happens twice: the session is at the first, noted."""
        plan = lp.build_plan(
            athlete,
            start=dt.date(2026, 10, 19),
            weeks=2,
            days="su",
            at=dt.time(2, 30),
            tz="Europe/Berlin",
        )
        repeated, after = plan.sessions

        assert repeated.start.isoformat() == "2026-10-25T02:30:00+02:00"
        assert repeated.start.fold == 0
        assert repeated.notes == (
            (
                "02:30 happens twice on 2026-10-25 in Europe/Berlin (clocks change: they go "
                "back); the session is at the first 02:30 (00:30 UTC)"
            ),
        )
        assert after.notes == ()

    @pytest.mark.parametrize(
        ("key", "day", "first_utc"),
        [
            ("America/New_York", dt.date(2026, 11, 1), "05:30"),
            ("Australia/Sydney", dt.date(2026, 4, 5), "15:30"),
        ],
    )
    def test_repeated_local_time_in_other_zones(self, athlete, key, day, first_utc):
        """The note names the zone and the first occurrence's UTC time."""
        plan = lp.build_plan(
            athlete,
            start=day - dt.timedelta(days=6),
            weeks=1,
            days="su",
            at=dt.time(1, 30) if key == "America/New_York" else dt.time(2, 30),
            tz=key,
        )
        (session,) = plan.sessions

        assert session.start.fold == 0
        (note,) = session.notes
        assert f"happens twice on {day.isoformat()} in {key}" in note
        assert note.endswith(f"({first_utc} UTC)")
        assert f"{session.start.astimezone(dt.UTC):%H:%M}" == first_utc

    @pytest.mark.parametrize(
        ("at", "start", "which"),
        [
            (dt.time(3, 0), "2026-10-25T02:55:00+01:00", "second 02:55 (01:55 UTC)"),
            (dt.time(2, 5), "2026-10-25T02:00:00+02:00", "first 02:00 (00:00 UTC)"),
        ],
    )
    def test_warm_up_in_the_repeated_hour(self, at, start, which):
        """A warm-up placed in elapsed time before the main session may start in the
        repeated hour: its own note says which occurrence."""
        plan = lp.build_plan(
            lp.Athlete(),
            role=lp.Role.WARM_UP,
            weeks=1,
            start=dt.date(2026, 10, 19),
            days="su",
            at=at,
            tz="Europe/Berlin",
        )
        (session,) = plan.sessions

        assert session.start.isoformat() == start
        assert session.end.astimezone(dt.UTC) - session.start.astimezone(dt.UTC) == (
            session.duration
        )
        assert session.notes[-1].endswith(f"the session is at the {which}")
        assert all("clocks change" in note for note in session.notes)

    def test_warm_up_before_the_repeated_hour_has_no_note(self):
        """A warm-up ending at 02:00 on the fall-back day starts before the repeated hour."""
        plan = lp.build_plan(
            lp.Athlete(),
            role=lp.Role.WARM_UP,
            weeks=1,
            start=dt.date(2026, 10, 19),
            days="su",
            at=dt.time(1, 59),
            tz="Europe/Berlin",
        )

        assert plan.sessions[0].notes == ()

    def test_accessory_after_into_the_repeated_hour(self):
        """01:30 + 60 min on the fall-back day is the first 02:30, noted."""
        plan = lp.build_plan(
            lp.Athlete(),
            weeks=1,
            start=dt.date(2026, 10, 19),
            days="su",
            at=dt.time(1, 30),
            after=dt.timedelta(hours=1),
            tz="Europe/Berlin",
        )
        (session,) = plan.sessions

        assert session.start.isoformat() == "2026-10-25T02:30:00+02:00"
        assert session.notes == (
            (
                "02:30 happens twice on 2026-10-25 in Europe/Berlin (clocks change: they go "
                "back); the session is at the first 02:30 (00:30 UTC)"
            ),
        )

    def test_repeated_time_without_a_zone_or_change(self):
        """Floating and fixed-offset times, and times outside a change, get no note."""
        from legraise_plan.schedule import is_ambiguous, repeated_note

        berlin = zoneinfo.ZoneInfo("Europe/Berlin")
        naive = dt.datetime(2026, 10, 25, 2, 30)
        skipped = dt.datetime(2026, 3, 29, 2, 30, tzinfo=berlin)

        assert repeated_note(naive) == ""
        assert repeated_note(naive.replace(tzinfo=dt.UTC)) == ""
        assert repeated_note(skipped) == ""  # skipped, not repeated
        assert repeated_note(dt.datetime(2026, 10, 25, 3, 0, tzinfo=berlin)) == ""
        assert not is_ambiguous(naive)
        assert is_ambiguous(naive.replace(tzinfo=berlin))
        assert is_ambiguous(skipped)
        assert not is_ambiguous(dt.datetime(2026, 10, 25, 3, 0, tzinfo=berlin))

    def test_floating_time_is_naive(self, floating_plan):
        """tz=None gives naive (floating) datetimes."""
        assert all(s.start.tzinfo is None for s in floating_plan.sessions)

    def test_spacing_guard_and_opt_out(self, athlete):
        """Hard sessions 24 h apart are refused unless explicitly allowed."""
        with pytest.raises(lp.ScheduleError, match="MO and TU are 24 h apart"):
            lp.build_plan(athlete, start=START, days="mon,tue")
        with pytest.raises(lp.ScheduleError, match="SU and MO are 24 h apart"):
            lp.build_plan(
                athlete.__class__(level=lp.Level.INTERMEDIATE), start=START, days="mo,we,fr,su"
            )

        plan = lp.build_plan(athlete, start=START, days="mon,tue", allow_close_sessions=True)

        assert len(plan.sessions) == 12

    def test_frequency_cap(self, athlete):
        """Rule 5: novices do hard raises at most 3 days a week."""
        with pytest.raises(lp.ScheduleError, match="at most 3 a week for novice accessory"):
            lp.build_plan(athlete, start=START, days="mo,tu,we,th", allow_close_sessions=True)

    def test_start_mid_week(self, athlete):
        """A Thursday start begins with the Friday session; weeks count from the start."""
        plan = lp.build_plan(athlete, start=dt.date(2026, 12, 10), weeks=1)

        assert [s.start.date() for s in plan.sessions] == [
            dt.date(2026, 12, 11),
            dt.date(2026, 12, 14),
            dt.date(2026, 12, 16),
        ]


class TestBadArguments:
    """Every bad argument raises a LegraisePlanError naming it."""

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            ({"weeks": 0}, lp.PlanError, "weeks must be a whole number 1..52, got 0"),
            ({"weeks": 53}, lp.PlanError, "weeks must be a whole number 1..52, got 53"),
            ({"weeks": True}, lp.PlanError, "weeks must be a whole number"),
            ({"days": ("MO", "XX")}, lp.ScheduleError, "days must be weekday codes"),
            ({"days": ("MO", "mon")}, lp.ScheduleError, "days must not repeat a weekday"),
            ({"days": ()}, lp.ScheduleError, "days must name at least one weekday"),
            ({"days": (1,)}, lp.ScheduleError, "days must be weekday codes"),
            ({"tz": "Mars/Olympus"}, lp.ScheduleError, "tz must be an IANA zone name"),
            ({"tz": ""}, lp.ScheduleError, "tz must be an IANA zone name"),
            ({"at": "18:00"}, lp.ScheduleError, "at must be a datetime.time"),
            (
                {"at": dt.time(18, tzinfo=dt.UTC)},
                lp.ScheduleError,
                "at must be a datetime.time without tzinfo",
            ),
            ({"start": "2026-12-07"}, lp.ScheduleError, "start must be a datetime.date"),
            ({"start": dt.datetime(2026, 12, 7)}, lp.ScheduleError, "start must be a"),
            ({"skip": ["2026-12-25"]}, lp.ScheduleError, "skip must hold datetime.date"),
            ({"role": "cardio"}, lp.PlanError, "role must be one of warm_up, accessory"),
            ({"periodization": "wave"}, lp.PlanError, "periodization must be one of linear"),
            ({"after": dt.timedelta(hours=7)}, lp.ScheduleError, "after must be a timedelta"),
            ({"note": "x" * 2001}, lp.PlanError, "note must be text of at most 2000"),
            ({"plan_id": 7}, lp.PlanError, "plan_id must be text"),
        ],
    )
    def test_bad_argument(self, athlete, kwargs, error, message):
        """The error names the argument, the value and what is allowed."""
        with pytest.raises(error, match=message):
            lp.build_plan(athlete, **{"start": START, **kwargs})

    def test_athlete_must_be_athlete(self):
        """A dict is not an athlete."""
        with pytest.raises(lp.PlanError, match="athlete must be an Athlete"):
            lp.build_plan({"level": "novice"}, start=START)  # type: ignore[arg-type]

    def test_string_enums_accepted(self, athlete):
        """Role and periodization accept their string values."""
        plan = lp.build_plan(athlete, start=START, role="full_body", periodization="block")

        assert (plan.role, plan.periodization) == (lp.Role.FULL_BODY, lp.Periodization.BLOCK)


class TestProperties:
    """Invariants over generated plans."""

    @given(inputs=s.plan_kwargs(moves=False))
    def test_sessions_on_requested_days_and_times(self, inputs):
        """Sessions fall on requested weekdays at the requested wall-clock time, in order."""
        plan = s.build(inputs, allow_close_sessions=True)
        wanted = {lp.Weekday.parse(d).number for d in inputs["days"]}

        starts = [s.start for s in plan.sessions]
        assert starts == sorted(starts)
        for session in plan.sessions:
            # A warm-up ends when the main session starts; other roles start then.
            anchor = session.end if plan.role is lp.Role.WARM_UP else session.start
            if any("does not exist" in n for n in session.notes):
                continue
            assert anchor.weekday() in wanted
            assert anchor.time() == inputs["at"]
            assert session.start.date() == anchor.date()
            if inputs["tz"] is None:
                assert session.start.tzinfo is None
            else:
                assert session.start.tzinfo == zoneinfo.ZoneInfo(inputs["tz"])
                # Elapsed time: across a clock change the wall-clock difference differs.
                real = session.end.astimezone(dt.UTC) - session.start.astimezone(dt.UTC)
                assert real == session.duration

    @given(inputs=s.plan_kwargs(moves=False))
    def test_within_plan_window(self, inputs):
        """No session starts before the start date or on/after start + weeks."""
        plan = s.build(inputs, allow_close_sessions=True)
        window_end = inputs["start"] + dt.timedelta(weeks=inputs["weeks"])

        for session in plan.sessions:
            anchor = session.end if plan.role is lp.Role.WARM_UP else session.start
            assert inputs["start"] <= anchor.date() < window_end
            assert 1 <= session.week <= inputs["weeks"]

    @given(inputs=s.plan_kwargs(moves=False), data=st.data())
    def test_no_session_on_skipped_date(self, inputs, data):
        """Skipped dates never hold a session, whether dropped or rescheduled."""
        window = [inputs["start"] + dt.timedelta(days=i) for i in range(7 * inputs["weeks"])]
        numbers = {lp.Weekday.parse(d).number for d in inputs["days"]}
        first = next(d for d in window if d.weekday() in numbers)
        # Keep the first planned date, so a session is left (test_every_date_skipped
        # covers a plan with nothing left).
        skip = data.draw(
            st.lists(st.sampled_from([d for d in window if d != first]), max_size=5, unique=True)
        )
        reschedule = data.draw(st.booleans())

        plan = s.build(inputs, skip=skip, reschedule=reschedule, allow_close_sessions=True)

        anchors = [
            (s.end if plan.role is lp.Role.WARM_UP else s.start).date() for s in plan.sessions
        ]
        assert not set(anchors) & set(skip)
        assert len(anchors) == len(set(anchors))

    @given(inputs=s.plan_kwargs(moves=False))
    def test_deload_weeks_have_less_volume(self, inputs):
        """Each deload week has less volume than the week before it."""
        plan = s.build(inputs, allow_close_sessions=True)
        volume = plan.weekly_volume()
        deload_weeks = sorted({s.week for s in plan.sessions if s.is_deload})

        for week in deload_weeks:
            if week > 1:
                assert volume[week - 1] < volume[week - 2]

    @given(inputs=s.plan_kwargs(moves=False))
    def test_role_load_caps(self, inputs):
        """Warm-up never exceeds the lightest band; rehab never exceeds light loads."""
        plan = s.build(inputs, allow_close_sessions=True)

        for session in plan.sessions:
            load = session.blocks[0].load
            if plan.role is lp.Role.WARM_UP:
                assert not load.is_external or load.band is lp.BandColour.YELLOW
                assert session.duration <= dt.timedelta(minutes=5)
            if plan.role is lp.Role.REHAB:
                assert load.equipment is not lp.Equipment.CABLE
                assert load.band is None or load.band.rank <= lp.BandColour.RED.rank
                assert load.mass is None or load.mass <= lp.Mass(1)

    @given(inputs=s.plan_kwargs(moves=False))
    def test_same_inputs_same_plan(self, inputs):
        """The same inputs give equal plans with equal uids."""
        first = s.build(inputs, allow_close_sessions=True)
        second = s.build(inputs, allow_close_sessions=True)

        assert first == second
        assert [s.uid for s in first.sessions] == [s.uid for s in second.sessions]

    @given(inputs=s.plan_kwargs(roles=UNCLEARED_ROLES, moves=False))
    def test_conditions_hold_load_until_pain_free(self, inputs):
        """With back or hip conditions and no clearance, no session uses external load."""
        athlete = attrs.evolve(
            inputs["athlete"],
            conditions={lp.Condition.HIP_PAIN},
            cleared=False,
            surgical_approach=None,  # only recent hip surgery has one
        )
        plan = s.build(inputs, athlete=athlete, allow_close_sessions=True)

        assert all(not s.blocks[0].load.is_external for s in plan.sessions)


class TestReviewFixes:
    """Edge cases found in review: DST placement, uid stability, caps, bad arguments."""

    def test_warm_up_across_spring_forward(self):
        """A warm-up ending at 03:00 on the spring-forward day starts 5 real minutes earlier."""
        plan = lp.build_plan(
            lp.Athlete(),
            role=lp.Role.WARM_UP,
            weeks=1,
            start=dt.date(2026, 3, 23),
            days="su",
            at=dt.time(3, 0),
            tz="Europe/Berlin",
        )
        session = plan.sessions[0]

        assert session.start.isoformat() == "2026-03-29T01:55:00+01:00"
        assert session.end.isoformat() == "2026-03-29T03:00:00+02:00"
        assert lp.from_dict(lp.to_dict(plan)) == plan

    def test_accessory_after_across_spring_forward(self):
        """01:30 + 60 min on the spring-forward day is 03:30 local, one real hour later."""
        plan = lp.build_plan(
            lp.Athlete(),
            weeks=1,
            start=dt.date(2026, 3, 23),
            days="su",
            at=dt.time(1, 30),
            after=dt.timedelta(hours=1),
            tz="Europe/Berlin",
        )

        assert plan.sessions[0].start.isoformat() == "2026-03-29T03:30:00+02:00"

    def test_session_must_stay_on_its_day(self):
        """A warm-up before a 00:02 main session would start the day before: refused."""
        with pytest.raises(lp.ScheduleError, match="puts the warm-up before the main session"):
            lp.build_plan(lp.Athlete(), role=lp.Role.WARM_UP, start=START, at=dt.time(0, 2))

    def test_uids_survive_a_skipped_date(self, athlete):
        """Skipping one date leaves every other session's uid where it was."""
        plan = lp.build_plan(athlete, start=START)
        skipped = lp.build_plan(athlete, start=START, skip=[dt.date(2026, 12, 9)])
        before = {s.start.date(): s.uid for s in plan.sessions}
        after = {s.start.date(): s.uid for s in skipped.sessions}

        assert after == {d: u for d, u in before.items() if d != dt.date(2026, 12, 9)}

    def test_rescheduled_session_keeps_its_uid(self, athlete):
        """A moved session keeps the uid of the date it was planned for."""
        plan = lp.build_plan(athlete, start=START, days="mon,thu")
        moved = lp.build_plan(
            athlete, start=START, days="mon,thu", skip=[dt.date(2026, 12, 7)], reschedule=True
        )

        assert moved.sessions[0].start.date() == dt.date(2026, 12, 8)
        assert moved.sessions[0].uid == plan.sessions[0].uid

    def test_every_date_skipped(self, athlete):
        """A plan with nothing left is an error, not an empty plan."""
        with pytest.raises(lp.ScheduleError, match="skip must leave at least one session"):
            lp.build_plan(
                athlete,
                start=START,
                weeks=1,
                skip=[dt.date(2026, 12, 7), dt.date(2026, 12, 9), dt.date(2026, 12, 11)],
            )

    def test_warm_up_after_hip_surgery_keeps_warm_up_cap(self):
        """Recent hip surgery adds the rehab caps to the warm-up's, never loosens them."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS},
            conditions={lp.Condition.RECENT_HIP_SURGERY},
            cleared=True,
        )

        labels = [r.label for r in lp.build_ladder(athlete, lp.Role.WARM_UP)]

        assert labels == [
            "standing to neutral, bodyweight",
            "band yellow, anchored at the ankle, to neutral",
            "prone to neutral, bodyweight",
        ]

    def test_never_starts_on_an_advanced_variation(self):
        """With only a glute-ham bench, a trained lifter still starts on the ladder."""
        athlete = lp.Athlete(equipment={lp.Equipment.GLUTE_HAM_BENCH}, level=lp.Level.ADVANCED)

        plan = lp.build_plan(athlete, start=START)

        assert not plan.sessions[0].blocks[0].variation.is_advanced

    def test_two_for_two_plans_progress(self, athlete):
        """A plan under the 2-for-2 rule assumes the goal is beaten, so the load moves up."""
        plan = lp.build_plan(athlete, start=START, rules=lp.ProgressionRules.two_for_two())

        variations = {s.blocks[0].variation.id for s in plan.sessions}
        assert variations >= {"standing-hip-extension", "standing-band-hip-extension"}

    def test_custom_rules_cannot_lift_warm_up_caps(self):
        """Generous custom rules are clamped to the warm-up dose (rule 1)."""
        rules = lp.ProgressionRules(base_sets=4, max_sets=6, rep_range=lp.RepRange(15, 25))
        plan = lp.build_plan(lp.Athlete(), role=lp.Role.WARM_UP, start=START, rules=rules)

        assert all(s.blocks[0].sets <= 2 for s in plan.sessions)
        assert all(s.blocks[0].reps <= 15 for s in plan.sessions)
        assert all(s.duration <= dt.timedelta(minutes=5) for s in plan.sessions)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"tz": "Europe"}, "tz must be an IANA zone name"),
            ({"days": 5}, "days must be weekday codes"),
            ({"rules": {"sets": 3}}, "rules must be ProgressionRules or None"),
            ({"deload_every": "3"}, "deload_every must be 3..12 weeks"),
        ],
    )
    def test_more_bad_arguments(self, athlete, kwargs, message):
        """Wrong types and folder-like zone names are LegraisePlanErrors too."""
        with pytest.raises(lp.LegraisePlanError, match=message):
            lp.build_plan(athlete, **{"start": START, **kwargs})

    def test_plan_records_check_consistency(self, plan):
        """A plan refuses duplicate uids, foreign roles and repeated days."""
        first = plan.sessions[0]
        with pytest.raises(lp.PlanError, match=r"sessions\[1\]\.uid must be unique"):
            attrs.evolve(plan, sessions=(first, first))
        with pytest.raises(lp.PlanError, match=r"sessions\[0\]\.role must be the plan's role"):
            attrs.evolve(plan, sessions=(attrs.evolve(first, role=lp.Role.REHAB),))
        with pytest.raises(lp.PlanError, match="days must not repeat a weekday"):
            attrs.evolve(plan, days=(lp.Weekday.MO, lp.Weekday.MO))
        with pytest.raises(lp.PlanError, match=r"sessions\[0\]\.week must be 1\.\.1"):
            attrs.evolve(plan, weeks=1, sessions=(plan.sessions[5],))

    def test_ankle_weight_cap(self):
        """Ankle weights above 10 kg per ankle are refused with a clear message."""
        with pytest.raises(lp.AthleteError, match="ankle_weight_max must be at most 10 kg"):
            lp.Athlete(ankle_weight_max=lp.Mass(150))


class TestScreening:
    """Rules 20 and 21: screening answers and red flags."""

    def test_red_flags_refuse_any_plan(self):
        """Red flags give no plan but an urgent referral, even with clearance."""
        athlete = lp.Athlete(conditions={lp.Condition.RED_FLAGS}, cleared=True)

        for role in lp.Role:
            with pytest.raises(lp.ReferralRequiredError, match="see a doctor urgently"):
                lp.build_plan(athlete, role=role, start=START)

    def test_parq_yes_stays_bodyweight_until_cleared(self):
        """A screening yes keeps the plan at bodyweight with a consult note until cleared."""
        equipment = {lp.Equipment.BAND, lp.Equipment.CABLE}
        uncleared = lp.Athlete(
            equipment=equipment, level=lp.Level.INTERMEDIATE, conditions={lp.Condition.PARQ_YES}
        )
        cleared = attrs.evolve(uncleared, cleared=True)

        plan = lp.build_plan(uncleared, start=START, weeks=12)
        later = lp.build_plan(cleared, start=START, weeks=12)

        assert all(not s.blocks[0].load.is_external for s in plan.sessions)
        assert any("screening question" in n for n in plan.notes)
        assert any(s.blocks[0].load.is_external for s in later.sessions)


class TestDeterminism:
    """A plan depends on its inputs only, never on what was built before."""

    def test_equal_masses_spelled_differently_keep_their_spelling(self):
        """A cable increment of 5.0 kg, then 5 kg, then 5.0 kg: each plan keeps its spelling."""
        written = []
        for amount in ("5.0", "5", "5.0"):
            athlete = lp.Athlete(
                equipment={lp.Equipment.CABLE},
                cable_increment=lp.Mass(amount),
                level=lp.Level.ADVANCED,
            )
            data = lp.to_dict(lp.build_plan(athlete, start=START))
            written.append(data["sessions"][0]["blocks"][0]["load"]["mass"]["amount"])

        assert ["10.0", "10", "10.0"] == written
