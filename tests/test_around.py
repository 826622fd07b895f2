"""plan_around: raises placed around the athlete's own training."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.around import plan_around
from legraise_plan.formats.host_ics import read_host_sessions
from legraise_plan.host import HostSession


BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
ATHLETE = lp.Athlete(equipment={lp.Equipment.BAND})
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def host(summary: str, start: dt.datetime, minutes: int = 60, uid: str = "") -> HostSession:
    return HostSession.from_event(
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        summary=summary,
        uid=uid or f"{summary}-{start.isoformat()}",
    )


def leg_days(weeks: int = 4, zone: zoneinfo.ZoneInfo | None = BERLIN) -> list[HostSession]:
    """Leg day Monday and Thursday 18:00-19:30 from 2 March 2026 (DST change on 29 March)."""
    out = []
    for week in range(weeks):
        for offset in (0, 3):
            day = dt.date(2026, 3, 2) + dt.timedelta(weeks=week, days=offset)
            out.append(host("Leg day", dt.datetime.combine(day, dt.time(18), zone), 90, uid="legs"))
    for s in out:  # one uid, one occurrence each, as a recurring event is read
        assert s.occurrence == s.start.date()
    return out


def overlaps(a0: dt.datetime, a1: dt.datetime, b0: dt.datetime, b1: dt.datetime) -> bool:
    return a0 < b1 and b0 < a1


class TestWarmUp:
    def test_ends_as_each_leg_day_starts_across_dst(self) -> None:
        plan = plan_around(ATHLETE, leg_days(5), role=lp.Role.WARM_UP)

        assert 10 == len(plan.sessions)
        assert all(s.end.time() == dt.time(18) for s in plan.sessions)
        assert {dt.timedelta(hours=1), dt.timedelta(hours=2)} == {
            s.end.utcoffset() for s in plan.sessions
        }
        assert ("MO", "TH") == tuple(d.value for d in plan.days)
        assert (dt.time(18), "Europe/Berlin", dt.date(2026, 3, 2), 5) == (
            plan.at,
            plan.tz,
            plan.start,
            plan.weeks,
        )
        assert any(n.startswith("Matched 'Leg day' (lower body") for n in plan.notes)

    def test_dropped_when_another_event_ends_late(self) -> None:
        hosts = [
            *leg_days(1),
            host("Team call", dt.datetime(2026, 3, 2, 17, 30, tzinfo=BERLIN), 28),
        ]
        plan = plan_around(ATHLETE, hosts, role=lp.Role.WARM_UP)

        assert [dt.date(2026, 3, 5)] == [s.start.date() for s in plan.sessions]
        assert any("Mon 2 Mar 18:00 'Leg day' — left out: 'Team call'" in n for n in plan.notes)

    def test_exports_and_round_trips(self) -> None:
        plan = plan_around(ATHLETE, leg_days(), role=lp.Role.WARM_UP, plan_id="dana")

        assert 8 == lp.to_ics(plan, stamp=STAMP).count(b"BEGIN:VEVENT")
        assert plan == lp.from_dict(lp.to_dict(plan))


class TestAccessory:
    def test_starts_as_the_main_lifts_end(self) -> None:
        plan = plan_around(ATHLETE, leg_days())

        assert all(s.end.time() == dt.time(19, 30) for s in plan.sessions)

    def test_after(self) -> None:
        plan = plan_around(ATHLETE, leg_days(), after=dt.timedelta(minutes=45))

        assert {dt.time(18, 45)} == {s.start.time() for s in plan.sessions}

    def test_moves_away_from_an_overlapping_event(self) -> None:
        call = host("Call", dt.datetime(2026, 3, 2, 19, 15, tzinfo=BERLIN), 30)
        plan = plan_around(ATHLETE, [*leg_days(1), call])
        first = plan.sessions[0]

        assert not overlaps(first.start, first.end, call.start, call.end)
        assert any(n.startswith("Moved to") for n in first.notes)

    def test_spacing_and_cap(self) -> None:
        """Leg days on Monday and Tuesday: the Tuesday one is too close."""
        hosts = [
            host("Squat", dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN)),
            host("Squat", dt.datetime(2026, 3, 3, 18, tzinfo=BERLIN)),
            host("Squat", dt.datetime(2026, 3, 5, 18, tzinfo=BERLIN)),
        ]
        plan = plan_around(ATHLETE, hosts)
        assert [2, 5] == [s.start.day for s in plan.sessions]
        assert any("less than 48 hours" in n for n in plan.notes)
        close = plan_around(ATHLETE, hosts, allow_close_sessions=True)
        assert 3 == len(close.sessions)

    def test_uids_follow_the_host_occurrence(self) -> None:
        """A moved leg day keeps its raise's uid; the uid ends @legraise-plan."""
        plan = plan_around(ATHLETE, leg_days(1))
        moved = [
            HostSession(
                start=s.start + dt.timedelta(days=1),
                end=s.end + dt.timedelta(days=1),
                summary=s.summary,
                uid=s.uid,
                kind=s.kind,
                why=s.why,
                occurrence=s.occurrence,
            )
            for s in leg_days(1)
        ]
        again = plan_around(ATHLETE, moved, start=plan.start)

        assert [s.uid for s in plan.sessions] == [s.uid for s in again.sessions]
        assert all(s.uid.endswith("@legraise-plan") for s in plan.sessions)


class TestOtherRoles:
    def test_full_body_only_in_full_body_sessions(self) -> None:
        hosts = [*leg_days(1), host("Ganzkörper", dt.datetime(2026, 3, 7, 10, tzinfo=BERLIN))]
        plan = plan_around(ATHLETE, hosts, role=lp.Role.FULL_BODY)

        assert [dt.date(2026, 3, 7)] == [s.start.date() for s in plan.sessions]

    def test_rehab_on_days_without_strength(self) -> None:
        run = host("Long run", dt.datetime(2026, 3, 7, 18, tzinfo=BERLIN), 90)
        plan = plan_around(lp.Athlete(cleared=True), [*leg_days(1), run], role=lp.Role.REHAB)
        days = {s.start.date() for s in plan.sessions}

        assert not days & {dt.date(2026, 3, 2), dt.date(2026, 3, 5)}
        assert 5 == len(days)
        saturday = plan.session_on(dt.date(2026, 3, 7))
        assert not overlaps(saturday.start, saturday.end, run.start, run.end)
        assert dt.time(18) == plan.at

    def test_rehab_needs_clearance(self) -> None:
        with pytest.raises(lp.ClearanceRequiredError):
            plan_around(ATHLETE, leg_days(1), role=lp.Role.REHAB)


class TestCalendars:
    def test_two_zones_take_the_most_used(self) -> None:
        trip = host("Leg day", dt.datetime(2026, 3, 10, 12, tzinfo=NEW_YORK), uid="trip")
        plan = plan_around(ATHLETE, [*leg_days(2), trip], role=lp.Role.WARM_UP)

        assert "Europe/Berlin" == plan.tz
        assert dt.datetime(2026, 3, 10, 12, tzinfo=NEW_YORK) in [s.end for s in plan.sessions]
        assert any("in America/New_York shown in Europe/Berlin" in n for n in plan.notes)
        assert plan == lp.from_dict(lp.to_dict(plan))

    def test_floating(self) -> None:
        plan = plan_around(ATHLETE, leg_days(2, zone=None), role=lp.Role.WARM_UP)

        assert plan.tz is None
        assert all(s.start.tzinfo is None for s in plan.sessions)
        assert plan == lp.from_dict(lp.to_dict(plan))
        assert b"TZID" not in lp.to_ics(plan, stamp=STAMP)

    def test_no_training_at_all(self) -> None:
        hosts = [
            host("Dentist", dt.datetime(2026, 3, 3, 9, tzinfo=BERLIN)),
            host("Long run", dt.datetime(2026, 3, 7, 9, tzinfo=BERLIN)),
        ]
        with pytest.raises(lp.PlanError, match=r"found 2 other .*'Dentist', 'Long run'") as info:
            plan_around(ATHLETE, hosts, role=lp.Role.WARM_UP)
        assert "\n" not in str(info.value)

    def test_left_out_notes(self) -> None:
        run = host("Long run", dt.datetime(2026, 12, 12, 9, tzinfo=BERLIN))
        legs = host("Leg day", dt.datetime(2026, 12, 7, 18, tzinfo=BERLIN))
        plan = plan_around(ATHLETE, [legs, run])

        assert "Sat 12 Dec 'Long run' — not a strength session." in plan.notes

    def test_from_an_ics_file(self) -> None:
        """A whole messy calendar: RRULE + EXDATE + moved + cancelled, read and planned."""
        cal = icalendar.Calendar()
        cal.add("VERSION", "2.0")
        cal.add("PRODID", "-//test//EN")
        legs = icalendar.Event()
        legs.add("UID", "legs@x")
        legs.add("SUMMARY", "Beintag")
        legs.add("DTSTART", dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN))
        legs.add("DTEND", dt.datetime(2026, 3, 2, 19, 30, tzinfo=BERLIN))
        legs.add("RRULE", {"FREQ": "WEEKLY", "BYDAY": ["MO", "TH"], "COUNT": 8})
        legs.add("EXDATE", dt.datetime(2026, 3, 5, 18, tzinfo=BERLIN))
        cal.add_component(legs)
        moved = icalendar.Event()
        moved.add("UID", "legs@x")
        moved.add("SUMMARY", "Beintag")
        moved.add("RECURRENCE-ID", dt.datetime(2026, 3, 9, 18, tzinfo=BERLIN))
        moved.add("DTSTART", dt.datetime(2026, 3, 10, 7, tzinfo=BERLIN))
        moved.add("DTEND", dt.datetime(2026, 3, 10, 8, tzinfo=BERLIN))
        cal.add_component(moved)
        hosts = read_host_sessions(
            cal.to_ical(), start=dt.date(2026, 3, 2), end=dt.date(2026, 4, 6)
        )
        plan = plan_around(ATHLETE, hosts, role=lp.Role.WARM_UP)

        assert 7 == len(plan.sessions)
        assert dt.datetime(2026, 3, 10, 7, tzinfo=BERLIN) in [s.end for s in plan.sessions]


class TestArguments:
    @pytest.mark.parametrize(
        ("kw", "field"),
        [
            ({"role": "coach"}, "role"),
            ({"weeks": 53}, "weeks"),
            ({"after": dt.timedelta(hours=7)}, "after"),
            ({"role": lp.Role.WARM_UP, "after": dt.timedelta(0)}, "after"),
            ({"at": dt.time(7)}, "at"),
            ({"start": "2026-03-02"}, "start"),
            ({"allow_close_sessions": 1}, "allow_close_sessions"),
        ],
    )
    def test_bad(self, kw: dict[str, object], field: str) -> None:
        with pytest.raises(lp.PlanError) as info:
            plan_around(ATHLETE, leg_days(1), **kw)  # type: ignore[arg-type]
        assert field == info.value.field

    def test_no_host_sessions(self) -> None:
        with pytest.raises(lp.PlanError, match="at least one timed event"):
            plan_around(ATHLETE, [])


# --------------------------------------------------------------------------- property

KINDS = ["Leg day", "Full body", "Bench", "Meeting", "Run"]


@st.composite
def host_week(draw: st.DrawFn) -> list[HostSession]:
    """A week of random events in Berlin around the spring DST change."""
    out = []
    for i in range(draw(st.integers(1, 10))):
        day = dt.date(2026, 3, 23) + dt.timedelta(days=draw(st.integers(0, 6)))
        minute = draw(st.integers(6 * 12, 22 * 12)) * 5
        start = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), BERLIN)
        length = draw(st.integers(1, 24)) * 5
        out.append(host(draw(st.sampled_from(KINDS)), start, length, uid=f"e{i}"))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hosts=host_week(), role=st.sampled_from([lp.Role.WARM_UP, lp.Role.ACCESSORY, lp.Role.FULL_BODY])
)
def test_property_no_overlap_warm_up_ends_at_start_spacing(
    hosts: list[HostSession], role: lp.Role
) -> None:
    try:
        plan = plan_around(ATHLETE, hosts, role=role)
    except lp.PlanError as error:
        if error.field != "host_sessions":
            raise
        return
    by_uid = {}
    for session in plan.sessions:
        notes = session.notes[0]
        anchor = next(
            h
            for h in hosts
            if notes.startswith(f"With {h.title!r} {h.start:%H:%M}")
            and h.start.date() == session.start.date()
            and (role is not lp.Role.WARM_UP or h.start == session.end)
        )
        by_uid[session.uid] = anchor
        for other in hosts:
            if other is not anchor:
                assert not overlaps(session.start, session.end, other.start, other.end)
        if role is lp.Role.WARM_UP:
            assert session.end == anchor.start
        else:
            assert session.start >= anchor.start
    if role is not lp.Role.WARM_UP:
        days = [s.start.date() for s in plan.sessions]
        assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))
    assert plan == lp.from_dict(lp.to_dict(plan))
