"""Tests for legraise_plan.formats.ical: to_ics and write_ics."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import stat
import subprocess
import sys
import zoneinfo
from importlib.metadata import version
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.formats import ical
from legraise_plan.schedule import is_ambiguous


STAMP = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SPRING_FORWARD = dt.date(2027, 3, 28)
HOUR = dt.timedelta(hours=1)
START_DAY = dt.date(2026, 12, 7)
EVENT_PROPERTIES = {
    "CATEGORIES",
    "DESCRIPTION",
    "DTSTAMP",
    "DTEND",
    "DTSTART",
    "SEQUENCE",
    "SUMMARY",
    "UID",
    "X-LEGRAISE-PLAN",
}
ALARM_PROPERTIES = {"ACTION", "DESCRIPTION", "TRIGGER"}
CALENDAR_PROPERTIES = {"NAME", "PRODID", "UID", "VERSION", "X-WR-CALNAME"}
#: The zones whose plans the tests read back with icalendar and vobject.
READ_ZONES = (
    "Europe/London",
    "Australia/Adelaide",
    "Asia/Kathmandu",
    "America/Sao_Paulo",
)
ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Europe/Dublin",
    "Africa/Casablanca",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
)


def export(plan: lp.Plan, **kwargs: Any) -> bytes:
    """to_ics with the fixed test stamp unless one is given."""
    kwargs.setdefault("stamp", STAMP)
    return lp.to_ics(plan, **kwargs)


def parse(data: bytes) -> icalendar.Calendar:
    """Parse exported bytes with icalendar."""
    return icalendar.Calendar.from_ical(data)


def read_vobject(data: bytes) -> Any:
    """Parse exported bytes with vobject (which shares no code with icalendar) afresh.

    vobject keeps the first VTIMEZONE it meets for a TZID in a module-level registry
    for the rest of the process; clear it so that each file is read with its own.
    """
    forget_vobject_zones()
    return vobject.readOne(data.decode("utf-8"))


def forget_vobject_zones() -> None:
    """Empty vobject's registry of time zones, but for the UTC it registers on import."""
    vars(vobject.icalendar)["__tzidMap"].clear()
    vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)


def unescape(text: str) -> str:
    """Undo RFC 5545 TEXT escaping (backslash before backslash, ';', ',', 'n' or 'N')."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def calendar_name(calendar: icalendar.Calendar) -> str:
    """X-WR-CALNAME, unescaped: icalendar 7 reads it as an unknown property, still escaped."""
    return unescape(calendar["X-WR-CALNAME"].to_ical().decode("utf-8"))


def cleaned(text: str) -> str:
    """The documented clean-up of user text without control characters other than CR/LF/tab."""
    text = re.sub("\r\n|[\r\u2028\u2029]", "\n", text)
    return text.replace("\\N", "\\\u2060N")


def one_line(text: str) -> str:
    """The documented clean-up of a name: cleaned, on one line, stripped."""
    return cleaned(text).replace("\n", " ").replace("\t", " ").strip()


def observances(calendar: icalendar.Calendar) -> list[icalendar.Component]:
    """The STANDARD and DAYLIGHT parts of every VTIMEZONE."""
    return [
        part
        for timezone in calendar.timezones
        for part in timezone.subcomponents
        if part.name in {"STANDARD", "DAYLIGHT"}
    ]


def vtimezone_text(data: bytes) -> bytes:
    """The one VTIMEZONE of exported bytes, as written."""
    (text,) = re.findall(rb"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", data, flags=re.DOTALL)
    return text


def with_sessions(plan: lp.Plan, sessions: Any) -> lp.Plan:
    """The plan with other sessions (Plan does not check them)."""
    return attrs.evolve(plan, sessions=tuple(sessions))


def in_zone(session: lp.Session, zone: dt.tzinfo) -> lp.Session:
    """The session at the same wall time in another zone."""
    return attrs.evolve(session, start=session.start.replace(tzinfo=zone))


def raw_lines(data: bytes) -> list[bytes]:
    """The physical lines of ``data`` (without their CRLF)."""
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


class TestEvents:
    def test_one_event_per_session(self, plan: lp.Plan) -> None:
        """There is one VEVENT for each session."""
        assert len(plan.sessions) == len(parse(export(plan)).events)

    def test_uids_are_the_session_uids(self, plan: lp.Plan) -> None:
        """Each event's UID is its session's uid, in session order, all different."""
        uids = [str(event["UID"]) for event in parse(export(plan)).events]

        assert [s.uid for s in plan.sessions] == uids
        assert len(set(uids)) == len(uids)

    def test_zoned_start(self, plan: lp.Plan) -> None:
        """DTSTART is the session's start, zone-aware, with a TZID parameter."""
        events = parse(export(plan)).events

        for session, event in zip(plan.sessions, events, strict=True):
            assert session.start == event.start
            assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
            assert str(event.start.tzinfo) == "Europe/Berlin"

    def test_local_time_kept_across_dst(self, dst_plan: lp.Plan) -> None:
        """Sessions stay at 07:30 local time before and after the spring-forward change."""
        events = parse(export(dst_plan)).events
        before = [e.start for e in events if e.start.date() < SPRING_FORWARD]
        after = [e.start for e in events if e.start.date() > SPRING_FORWARD]

        assert before
        assert after
        for start in before + after:
            assert dt.time(7, 30) == start.time()
        assert {dt.timedelta(hours=1)} == {s.utcoffset() for s in before}
        assert {dt.timedelta(hours=2)} == {s.utcoffset() for s in after}
        assert [s.start for s in dst_plan.sessions] == [e.start for e in events]

    def test_floating_start(self, floating_plan: lp.Plan) -> None:
        """A floating plan has naive DTSTARTs, no TZID and no VTIMEZONE."""
        data = export(floating_plan)
        calendar = parse(data)

        assert [s.start for s in floating_plan.sessions] == [e.start for e in calendar.events]
        assert all(e.start.tzinfo is None for e in calendar.events)
        assert calendar.timezones == []
        assert b"TZID" not in data

    def test_dtend(self, plan: lp.Plan) -> None:
        """Each event ends at the session's end, in its zone, and has no DURATION."""
        data = export(plan)
        events = parse(data).events

        assert [s.end for s in plan.sessions] == [e.end for e in events]
        assert [s.duration for s in plan.sessions] == [e.duration for e in events]
        assert all(e["DTEND"].params["TZID"] == "Europe/Berlin" for e in events)
        assert all("DURATION" not in e for e in events)
        assert b"DTEND;TZID=Europe/Berlin:20261207T181000\r\n" in data

    def test_summary(self, plan: lp.Plan) -> None:
        """The title names the exercise, the role and the dose."""
        first = parse(export(plan)).events[0]

        assert first["SUMMARY"] == "Leg raises · accessory · 3×10/leg · bodyweight"

    def test_deload_summary(self, plan: lp.Plan) -> None:
        """Deload sessions, and only they, have titles ending in · deload."""
        events = parse(export(plan)).events

        assert any(s.is_deload for s in plan.sessions)
        for session, event in zip(plan.sessions, events, strict=True):
            assert session.is_deload == str(event["SUMMARY"]).endswith(" · deload")

    def test_description_has_the_whole_session(self, dst_plan: lp.Plan) -> None:
        """The description holds the dose, the cues, the reason and the safety notes."""
        session = dst_plan.sessions[0]
        block = session.blocks[0]
        text = str(parse(export(dst_plan)).events[0]["DESCRIPTION"])

        assert lp.Tempo(2, 1, 2) == block.tempo
        assert text.startswith("Week 1 of 6 · accessory\n\n")
        for expected in (
            block.variation.name,
            f"{block.sets} sets × {block.reps} reps per leg",
            "Tempo 2-1-2 (2 s up, 1 s hold at the top, 2 s down)",
            "Rest 60 s between sets",
            f"Load: {block.load.label}",
            f"Stop each set with {block.rir} reps in reserve",
            f"Why this dose: {block.reason}",
            *block.variation.key_cues,
            *dst_plan.notes,
        ):
            assert expected in text
        assert 2 <= len(block.variation.key_cues) <= 3
        assert "Plan note" not in text

    def test_description_has_the_plan_note(self, athlete: lp.Athlete) -> None:
        """A plan's note appears in every description."""
        plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7), weeks=1, note="Band in bag")

        for event in parse(export(plan)).events:
            assert "\n\nPlan note:\nBand in bag\n\n" in str(event["DESCRIPTION"])

    def test_plan_without_notes(self, plan: lp.Plan) -> None:
        """A plan built without notes (not by build_plan) has no notes section."""
        text = str(parse(export(attrs.evolve(plan, notes=()))).events[0]["DESCRIPTION"])

        assert "Safety" not in text
        assert text.endswith(f"Why this dose: {plan.sessions[0].blocks[0].reason}")

    def test_blank_note_is_left_out(self, athlete: lp.Athlete) -> None:
        """A note of only white space adds no section."""
        plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7), weeks=1, note=" \n ")

        assert b"Plan note" not in export(plan)

    def test_description_has_session_notes(self) -> None:
        """A session's notes (here: a time moved by a DST change) are in its description."""
        plan = lp.build_plan(
            lp.Athlete(),
            start=dt.date(2027, 3, 22),
            weeks=1,
            days=("SU",),
            at=dt.time(2, 30),
            tz="Europe/Berlin",
        )
        session = plan.sessions[0]
        text = str(parse(export(plan)).events[0]["DESCRIPTION"])

        assert session.notes
        assert f"Session notes:\n- {session.notes[0]}" in text

    def test_day_kind_in_description(self, athlete: lp.Athlete) -> None:
        """Sessions other than normal ones name their kind of day."""
        plan = lp.build_plan(
            athlete, start=dt.date(2026, 12, 7), weeks=1, periodization=lp.Periodization.UNDULATING
        )
        events = parse(export(plan)).events

        for session, event in zip(plan.sessions, events, strict=True):
            assert f"· {session.kind.value} day\n" in str(event["DESCRIPTION"])

    @pytest.mark.parametrize(
        ("tempo", "line"),
        [
            (lp.Tempo(3, 4, 3), "Tempo 3-4-3 (3 s up, 4 s hold at the top, 3 s down)"),
            (lp.Tempo(2, 0, 2), "Tempo 2-0-2 (2 s up, no hold at the top, 2 s down)"),
        ],
    )
    def test_tempo_spelled_out(self, plan: lp.Plan, tempo: lp.Tempo, line: str) -> None:
        """Rule 19 and §7 notation: the description spells the tempo out in seconds."""
        session = plan.sessions[0]
        block = session.blocks[0]
        slow = attrs.evolve(block, prescription=attrs.evolve(block.prescription, tempo=tempo))
        changed = with_sessions(plan, [attrs.evolve(session, blocks=(slow,))])
        text = str(parse(export(changed)).events[0]["DESCRIPTION"])

        assert f"\n{line}\n" in text

    def test_rehab_description_states_the_slow_tempo(self) -> None:
        """A rehab event states its 3-2-3 tempo in full, never as a bare triple (rules 4, 19)."""
        athlete = lp.Athlete(cleared=True)
        plan = lp.build_plan(athlete, role=lp.Role.REHAB, start=dt.date(2026, 12, 7), weeks=1)
        text = str(parse(export(plan)).events[0]["DESCRIPTION"])

        assert "Tempo 3-2-3 (3 s up, 2 s hold at the top, 3 s down)" in text
        assert [] == re.findall(r"\b\d{1,2}-\d{1,2}-\d{1,2}\b(?! \(\d+ s up)", text)

    def test_single_set_and_long_rest(self, plan: lp.Plan) -> None:
        """One set has no rest line; whole minutes from 2 min on are written in minutes."""
        session = plan.sessions[0]
        block = session.blocks[0]
        one = attrs.evolve(block.prescription, sets=1, rir=1)
        long_rest = attrs.evolve(block.prescription, rest=dt.timedelta(minutes=2))
        blocks = (
            attrs.evolve(block, prescription=one),
            attrs.evolve(block, prescription=long_rest),
        )
        changed = with_sessions(plan, [attrs.evolve(session, blocks=blocks)])
        event = parse(export(changed)).events[0]
        text = str(event["DESCRIPTION"])

        assert "1 set × 10 reps per leg" in text
        assert "Stop each set with 1 rep in reserve" in text
        assert text.count("Rest ") == 1
        assert "Rest 2 min between sets" in text
        assert "1×10/leg · bodyweight + 3×10/leg · bodyweight" in str(event["SUMMARY"])

    def test_categories(self, floating_plan: lp.Plan) -> None:
        """Events are filed under Training and the role."""
        for event in parse(export(floating_plan)).events:
            assert event.categories == ["Training", "warm-up"]

    def test_sequence(self, plan: lp.Plan) -> None:
        """SEQUENCE is 0 by default and the given number otherwise."""
        assert {0} == {e.sequence for e in parse(export(plan)).events}
        assert {7} == {e.sequence for e in parse(export(plan, sequence=7)).events}

    def test_stamp_in_utc(self, plan: lp.Plan) -> None:
        """DTSTAMP is the stamp converted to UTC, to the second."""
        stamp = dt.datetime(2026, 12, 1, 10, 30, 15, 999_999, tzinfo=BERLIN)
        data = export(plan, stamp=stamp)

        assert data.count(b"DTSTAMP:20261201T093015Z\r\n") == len(plan.sessions)

    def test_stamp_defaults_to_now(self, plan: lp.Plan) -> None:
        """Without a stamp, DTSTAMP is the current UTC time."""
        before = dt.datetime.now(dt.UTC).replace(microsecond=0)
        events = parse(lp.to_ics(plan)).events
        after = dt.datetime.now(dt.UTC)

        for event in events:
            assert before <= event.DTSTAMP <= after
            assert event.DTSTAMP.utcoffset() == dt.timedelta(0)

    def test_utc_and_fixed_offset_starts(self, plan: lp.Plan) -> None:
        """UTC starts are written with Z; fixed-offset starts are converted to UTC."""
        fixed = dt.timezone(dt.timedelta(hours=2))
        sessions = [
            in_zone(plan.sessions[0], zoneinfo.ZoneInfo("UTC")),
            in_zone(plan.sessions[1], fixed),
        ]
        data = export(with_sessions(plan, sessions))
        events = parse(data).events

        assert b"DTSTART:20261207T180000Z\r\n" in data
        assert b"DTSTART:20261209T160000Z\r\n" in data
        assert [s.start for s in sessions] == [e.start for e in events]
        assert b"VTIMEZONE" not in data


class TestAlarm:
    def test_default_alarm(self, plan: lp.Plan) -> None:
        """Every event has one display alarm 30 minutes before, saying what is due."""
        data = export(plan)

        for event in parse(data).events:
            (alarm,) = event.subcomponents
            assert alarm.name == "VALARM"
            assert alarm["ACTION"] == "DISPLAY"
            assert dt.timedelta(minutes=-30) == alarm["TRIGGER"].dt
            assert event["SUMMARY"] == alarm["DESCRIPTION"]
        assert data.count(b"TRIGGER:-PT30M\r\n") == len(plan.sessions)

    def test_no_alarm(self, plan: lp.Plan) -> None:
        """alarm=None leaves the alarms out."""
        data = export(plan, alarm=None)

        assert b"VALARM" not in data
        assert all(not e.subcomponents for e in parse(data).events)

    @pytest.mark.parametrize(
        ("alarm", "expected"),
        [
            (dt.timedelta(days=-1), b"TRIGGER:-P1D"),
            (dt.timedelta(days=1), b"TRIGGER:P1D"),
            (dt.timedelta(0), b"TRIGGER:P0D"),
            (dt.timedelta(minutes=-5), b"TRIGGER:-PT5M"),
        ],
    )
    def test_alarm_limits(
        self, floating_plan: lp.Plan, alarm: dt.timedelta, expected: bytes
    ) -> None:
        """Alarms from one day before to one day after the start are allowed."""
        data = export(floating_plan, alarm=alarm)

        assert data.count(expected + b"\r\n") == len(floating_plan.sessions)


class TestCalendar:
    def test_header(self, plan: lp.Plan) -> None:
        """The calendar has our PRODID, VERSION 2.0 and only the expected properties."""
        calendar = parse(export(plan))

        assert f"-//legraise_plan//legraise_plan {version('legraise-plan')}//EN" == str(
            calendar["PRODID"]
        )
        assert str(calendar["VERSION"]) == "2.0"
        assert set(calendar.keys()) == CALENDAR_PROPERTIES

    def test_default_name(self, plan: lp.Plan, dst_plan: lp.Plan) -> None:
        """The default name is the role's plan, led by the athlete's name when there is one."""
        assert calendar_name(parse(export(plan))) == "Leg raises · accessory plan"
        assert calendar_name(parse(export(dst_plan))) == "Dana · Leg raises · accessory plan"
        assert b"\r\nNAME:Dana \xc2\xb7 Leg raises" in export(dst_plan)

    def test_given_name(self, plan: lp.Plan) -> None:
        """calendar_name replaces the default name, on one line."""
        calendar = parse(export(plan, calendar_name=" Rehab, knee;\nphase 2 "))

        assert calendar_name(calendar) == "Rehab, knee; phase 2"

    def test_stable_uid(self, athlete: lp.Athlete) -> None:
        """The calendar UID depends on the plan's identity only, not on the export."""
        start = dt.date(2026, 12, 7)
        one = lp.build_plan(athlete, start=start, weeks=2)
        longer = lp.build_plan(athlete, start=start, weeks=3)
        other = lp.build_plan(athlete, start=start, weeks=2, plan_id="user-2")

        uid = str(parse(export(one))["UID"])
        assert uid == str(parse(lp.to_ics(one, sequence=3))["UID"])
        assert uid == str(parse(export(longer))["UID"])
        assert uid != str(parse(export(other))["UID"])
        assert uid.endswith("@legraise-plan")

    def test_validates(self, plan: lp.Plan) -> None:
        """The parsed calendar passes icalendar's validation."""
        parse(export(plan)).validate()


class TestTimezone:
    def test_one_vtimezone(self, plan: lp.Plan, dst_plan: lp.Plan) -> None:
        """A zoned plan carries exactly one VTIMEZONE, for its zone."""
        for each in (plan, dst_plan):
            calendar = parse(export(each))
            assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
            assert set() == calendar.get_missing_tzids()

    def test_current_rules(self, plan: lp.Plan) -> None:
        """A plan in Berlin's current rules era gets yearly DAYLIGHT and STANDARD parts."""
        daylight, standard = observances(parse(export(plan)))

        assert ("DAYLIGHT", dt.datetime(1996, 3, 31, 2)) == (daylight.name, daylight.DTSTART)
        assert ("STANDARD", dt.datetime(1996, 10, 27, 3)) == (standard.name, standard.DTSTART)
        assert daylight["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
        assert standard["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
        assert (daylight.TZOFFSETFROM, daylight.TZOFFSETTO) == (HOUR, 2 * HOUR)
        assert (standard.TZOFFSETFROM, standard.TZOFFSETTO) == (2 * HOUR, HOUR)
        assert [str(daylight["TZNAME"]), str(standard["TZNAME"])] == ["CEST", "CET"]

    def test_same_text_for_every_plan_in_the_era(self, plan: lp.Plan, dst_plan: lp.Plan) -> None:
        """A winter plan, a plan across spring-forward and one decades on share the text."""
        later = lp.build_plan(lp.Athlete(), start=dt.date(2061, 7, 4), tz="Europe/Berlin")
        texts = {vtimezone_text(export(each)) for each in (plan, dst_plan, later)}

        assert len(texts) == 1

    def test_no_rdate_lists(self, dst_plan: lp.Plan) -> None:
        """No part has RDATE: an era part has one RRULE, an exact part none."""
        early = lp.build_plan(lp.Athlete(), start=dt.date(1994, 9, 5), tz="Europe/Berlin")
        for each in (dst_plan, early):
            for part in observances(parse(export(each))):
                keys = {"DTSTART", "TZNAME", "TZOFFSETFROM", "TZOFFSETTO"}
                assert set(part.keys()) - {"RRULE"} == keys

    def test_exact_parts_before_the_era(self) -> None:
        """A plan with days before the era starts gets exact parts for them first."""
        plan = lp.build_plan(lp.Athlete(), start=dt.date(1995, 9, 4), tz="Europe/Berlin")
        parts = observances(parse(export(plan)))

        assert [(p.name, p.DTSTART, "RRULE" in p) for p in parts] == [
            ("DAYLIGHT", dt.datetime(1995, 9, 4), False),
            ("STANDARD", dt.datetime(1995, 9, 24, 3), False),
            ("DAYLIGHT", dt.datetime(1996, 3, 31, 2), True),
            ("STANDARD", dt.datetime(1996, 10, 27, 3), True),
        ]
        assert parts[1].TZOFFSETTO == parts[2].TZOFFSETFROM == HOUR

    def test_starts_before_the_plan(self) -> None:
        """A session before the plan's first day extends the exact parts back."""
        early = lp.build_plan(lp.Athlete(), start=dt.date(1995, 12, 4), tz="Europe/Berlin")
        first = early.sessions[0]
        moved = attrs.evolve(first, start=dt.datetime(1995, 12, 3, 23, 50, tzinfo=BERLIN))
        parts = observances(parse(export(with_sessions(early, [moved, *early.sessions[1:]]))))

        assert dt.datetime(1995, 12, 3) == parts[0].DTSTART
        assert "RRULE" not in parts[0]
        assert observances(parse(export(early)))[0].DTSTART == dt.datetime(1995, 12, 4)

    def test_ends_after_the_plan(self) -> None:
        """Where no yearly rule fits, a last session ending after the plan extends the range."""
        casablanca = zoneinfo.ZoneInfo("Africa/Casablanca")
        plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 1, 2), tz="Africa/Casablanca")
        last = plan.sessions[-1]
        late = attrs.evolve(last, start=dt.datetime(2026, 2, 14, 23, 0, tzinfo=casablanca))
        late = attrs.evolve(late, duration=dt.timedelta(hours=5))
        calendar = parse(export(with_sessions(plan, [*plan.sessions[:-1], late])))
        (part,) = observances(parse(export(plan)))

        assert dt.datetime(2026, 1, 2) == part.DTSTART
        assert "RRULE" not in part
        assert late.end.date() == dt.date(2026, 2, 15) > plan.end
        assert [(p.DTSTART, p.TZOFFSETTO) for p in observances(calendar)] == [
            (dt.datetime(2026, 1, 2), HOUR),
            (dt.datetime(2026, 2, 15, 3), dt.timedelta(0)),
        ]

    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            (
                "Europe/London",
                [
                    ("DAYLIGHT", "1996-03-31T01:00", "-1SU", 3),
                    ("STANDARD", "1996-10-27T02:00", "-1SU", 10),
                ],
            ),
            (
                "Europe/Dublin",
                [
                    ("DAYLIGHT", "1996-03-31T01:00", "-1SU", 3),
                    ("STANDARD", "1996-10-27T02:00", "-1SU", 10),
                ],
            ),
            (
                "America/New_York",
                [
                    ("DAYLIGHT", "2007-03-11T02:00", "2SU", 3),
                    ("STANDARD", "2007-11-04T02:00", "1SU", 11),
                ],
            ),
            (
                "Australia/Sydney",
                [
                    ("STANDARD", "2008-04-06T03:00", "1SU", 4),
                    ("DAYLIGHT", "2008-10-05T02:00", "1SU", 10),
                ],
            ),
            (
                "Australia/Adelaide",
                [
                    ("STANDARD", "2008-04-06T03:00", "1SU", 4),
                    ("DAYLIGHT", "2008-10-05T02:00", "1SU", 10),
                ],
            ),
            (
                "Pacific/Chatham",
                [
                    ("STANDARD", "2008-04-06T03:45", "1SU", 4),
                    ("DAYLIGHT", "2008-09-28T02:45", "-1SU", 9),
                ],
            ),
            ("America/Sao_Paulo", [("STANDARD", "2019-02-17T00:00", "", 0)]),
            ("Asia/Kolkata", [("STANDARD", "1970-01-01T00:00", "", 0)]),
            ("Asia/Kathmandu", [("STANDARD", "1986-01-01T00:00", "", 0)]),
            ("UTC", [("STANDARD", "1970-01-01T00:00", "", 0)]),
            ("Africa/Casablanca", None),
            ("America/Santiago", None),
        ],
    )
    def test_eras(self, key: str, expected: list[tuple[str, str, str, int]] | None) -> None:
        """Each zone's era: its parts, first onsets and yearly rules (None: exact parts only)."""
        era = ical._era(key)

        if expected is None:
            assert era is None
            return
        assert era is not None
        found = [
            (
                "DAYLIGHT" if part.is_dst else "STANDARD",
                part.start.isoformat(timespec="minutes"),
                str(dict(part.rule).get("BYDAY", "")),
                int(dict(part.rule).get("BYMONTH", 0)),
            )
            for part in era.parts
        ]
        assert found == expected
        assert era.onset == era.parts[0].start

    def test_dublin_summer_is_daylight(self) -> None:
        """tzdata marks Irish winter time as negative DST; the VTIMEZONE calls summer DAYLIGHT."""
        plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 1, 5), tz="Europe/Dublin")
        daylight, standard = observances(parse(export(plan)))

        assert (daylight.name, str(daylight["TZNAME"]), daylight.TZOFFSETTO) == (
            "DAYLIGHT",
            "IST",
            HOUR,
        )
        assert (standard.name, str(standard["TZNAME"]), standard.TZOFFSETTO) == (
            "STANDARD",
            "GMT",
            dt.timedelta(0),
        )

    def test_several_zones_sorted(self, plan: lp.Plan) -> None:
        """With sessions in several zones, each zone gets a VTIMEZONE, in TZID order."""
        tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
        sessions = [in_zone(s, tokyo) if i % 2 else s for i, s in enumerate(plan.sessions)]
        calendar = parse(export(with_sessions(plan, sessions)))

        assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Tokyo", "Europe/Berlin"]
        assert set() == calendar.get_missing_tzids()
        assert [s.start for s in sessions] == [e.start for e in calendar.events]

    def test_vtimezone_alone_gives_the_offsets(self, dst_plan: lp.Plan) -> None:
        """Read without the zone database, the VTIMEZONE gives each start its offset."""
        (timezone,) = parse(export(dst_plan)).timezones
        zone = timezone.to_tz(lookup_tzid=False)

        for session in dst_plan.sessions:
            local = session.start.replace(tzinfo=None)
            assert session.start.utcoffset() == local.replace(tzinfo=zone).utcoffset()

    def test_cached(self) -> None:
        """The observances of a zone and date range are computed once."""
        args = ("America/New_York", dt.date(2031, 1, 1), dt.date(2031, 6, 1))
        first = ical._observances(*args)
        hits = ical._observances.cache_info().hits

        assert first is ical._observances(*args)
        assert hits + 1 == ical._observances.cache_info().hits

    def test_era_cached(self) -> None:
        """A zone's era is computed once per process."""
        first = ical._era("America/New_York")
        hits = ical._era.cache_info().hits

        assert first is ical._era("America/New_York")
        assert hits + 1 == ical._era.cache_info().hits

    @given(
        key=st.sampled_from(ZONES + READ_ZONES),
        first=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2045, 12, 31)),
        days=st.integers(min_value=1, max_value=120),
    )
    def test_vtimezone_matches_zoneinfo(self, key: str, first: dt.date, days: int) -> None:
        """Read alone by icalendar and by vobject, the VTIMEZONE gives zoneinfo's offset
        at every hour of the days it is written for (wall times that occur once)."""
        zone = zoneinfo.ZoneInfo(key)
        last = first + dt.timedelta(days=days)
        calendar = icalendar.Calendar()
        calendar.add_component(ical._vtimezone(key, first, last))
        text = calendar.to_ical()
        readers = [parse(text).timezones[0].to_tz(lookup_tzid=False)]
        forget_vobject_zones()
        readers.append(vobject.readOne(text.decode("utf-8")).vtimezone.gettzinfo())
        instant = dt.datetime.combine(first, dt.time(), zone).astimezone(dt.UTC)
        end = dt.datetime.combine(last, dt.time(), zone).astimezone(dt.UTC)
        while instant < end:
            local = instant.astimezone(zone)
            if not is_ambiguous(local):
                wall = local.replace(tzinfo=None)
                for reader in readers:
                    assert wall.replace(tzinfo=reader).utcoffset() == local.utcoffset()
            instant += HOUR

    @given(
        key=st.sampled_from(ZONES),
        first=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2036, 12, 31)),
        days=st.integers(min_value=1, max_value=7 * 52 + 2),
    )
    def test_observances_match_zoneinfo(self, key: str, first: dt.date, days: int) -> None:
        """The parts chain up, and at every hour the part in force has zoneinfo's offset."""
        zone = zoneinfo.ZoneInfo(key)
        last = first + dt.timedelta(days=days)
        found = ical._observances.__wrapped__(key, first, last)
        onsets = [o.start - o.offset_from for o in found]  # as naive UTC

        assert dt.datetime.combine(first, dt.time(), zone).replace(tzinfo=None) <= found[0].start
        assert found[0].offset_from == found[0].offset_to
        assert onsets == sorted(set(onsets))
        for before, after in itertools.pairwise(found):
            assert before.offset_to == after.offset_from
        begin = dt.datetime.combine(first, dt.time(), zone).astimezone(dt.UTC)
        end = dt.datetime.combine(last, dt.time(), zone).astimezone(dt.UTC)
        assert onsets[-1] < end.replace(tzinfo=None)
        instant = begin
        index = 0
        while instant < end:
            naive = instant.replace(tzinfo=None)
            while index + 1 < len(found) and onsets[index + 1] <= naive:
                index += 1
            assert instant.astimezone(zone).utcoffset() == found[index].offset_to
            assert instant.astimezone(zone).tzname() == found[index].name
            instant += dt.timedelta(hours=1)


class TestReproducibility:
    def test_same_bytes_twice(self, plan: lp.Plan) -> None:
        """The same plan and stamp give the same bytes."""
        assert export(plan) == export(plan)

    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_round_trip(self, name: str, request: pytest.FixtureRequest) -> None:
        """Parsing and writing again gives the same bytes."""
        data = export(request.getfixturevalue(name))

        assert data == parse(data).to_ical()

    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_crlf_and_folding(self, name: str, request: pytest.FixtureRequest) -> None:
        """Every line ends in CRLF and is at most 75 octets long."""
        data = export(request.getfixturevalue(name), calendar_name="é" * 200)

        assert data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r")
        assert max(len(line) for line in raw_lines(data)) <= 75
        data.decode("utf-8")

    def test_independent_of_hash_seed(self) -> None:
        """The output does not depend on PYTHONHASHSEED, even with several zones."""
        script = (
            "import datetime as dt, hashlib, zoneinfo, attrs, legraise_plan as lp\n"
            "p = lp.build_plan(lp.Athlete(name='Kim'), start=dt.date(2027, 3, 1), tz='UTC')\n"
            "zones = [zoneinfo.ZoneInfo(k) for k in ('Asia/Tokyo', 'Europe/Berlin', 'UTC')]\n"
            "s = [attrs.evolve(x, start=x.start.replace(tzinfo=zones[i % 3]))\n"
            "     for i, x in enumerate(p.sessions)]\n"
            "data = lp.to_ics(attrs.evolve(p, sessions=s),\n"
            "                 stamp=dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc))\n"
            "print(hashlib.sha256(data).hexdigest())\n"
        )
        root = Path(__file__).resolve().parents[2]
        digests = set()
        for seed in ("0", "1", "4242"):
            env = {**os.environ, "PYTHONHASHSEED": seed}
            done = subprocess.run(
                [sys.executable, "-c", script],
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            digests.add(done.stdout.strip())

        assert len(digests) == 1
        assert re.fullmatch("[0-9a-f]{64}", digests.pop())

    def test_caches_do_not_change_the_bytes(self, plan: lp.Plan) -> None:
        """Cached time zones and block texts give the same bytes as fresh ones."""
        first = export(plan)
        ical._observances.cache_clear()
        ical._era.cache_clear()
        ical._block_text.cache_clear()

        assert first == export(plan)
        assert first == export(plan)

    def test_block_text_cached(self, plan: lp.Plan) -> None:
        """Each distinct block is described once, also across exports."""
        ical._block_text.cache_clear()
        export(plan)
        distinct = len({block for session in plan.sessions for block in session.blocks})
        after_first = ical._block_text.cache_info()
        export(plan)

        assert distinct == after_first.misses
        assert after_first.hits + len(plan.sessions) == ical._block_text.cache_info().hits


# Text a user might type: anything but surrogates and control characters, plus the
# characters that iCalendar escapes or uses as separators, and line breaks.
def user_text(max_size: int) -> st.SearchStrategy[str]:
    """Text of at most ``max_size`` characters, rich in what iCalendar treats specially."""
    pieces = st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from(
        ["\n", "\r", "\r\n", "\t", "\\", "\\N", "\\n", ",", ";", ":", '"', "END:VEVENT"]
    )
    return st.lists(pieces, max_size=max_size).map("".join).map(lambda s: s[:max_size])


class TestUserText:
    @given(
        name=user_text(200),
        note=user_text(2000),
    )
    def test_text_cannot_break_the_file(self, name: str, note: str) -> None:
        """Any name and note parse back intact, with no extra property or component."""
        athlete = lp.Athlete(name=name)
        plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7), weeks=1, note=note, tz="UTC")
        data = export(plan)
        calendar = parse(data)

        assert data == calendar.to_ical()
        assert set(calendar.keys()) == CALENDAR_PROPERTIES
        assert len(plan.sessions) == len(calendar.events)
        assert len(plan.sessions) == data.count(b"\r\nBEGIN:VEVENT\r\n")
        assert len(plan.sessions) == len(calendar.subcomponents)
        for event in calendar.events:
            assert set(event.keys()) == EVENT_PROPERTIES
            (alarm,) = event.subcomponents
            assert set(alarm.keys()) == ALARM_PROPERTIES
            if note.strip():
                assert f"\n\nPlan note:\n{cleaned(note)}\n\n" in str(event["DESCRIPTION"])
        if one_line(name):
            assert f"{one_line(name)} · Leg raises · accessory plan" == calendar_name(calendar)
        else:
            assert calendar_name(calendar) == "Leg raises · accessory plan"
        assert max(len(line) for line in raw_lines(data)) <= 75

    @given(note=user_text(300))
    def test_vobject_reads_the_same_text(self, note: str) -> None:
        """vobject, an independent reader, reads the note and name as icalendar does."""
        plan = lp.build_plan(
            lp.Athlete(name=note[:200]), start=dt.date(2026, 12, 7), weeks=1, note=note
        )
        data = export(plan)
        icalendar_events = parse(data).events
        read = read_vobject(data)

        assert len(plan.sessions) == len(read.vevent_list)
        for event, other in zip(icalendar_events, read.vevent_list, strict=True):
            assert str(event["DESCRIPTION"]) == other.description.value
        assert calendar_name(parse(data)) == read.x_wr_calname.value

    def test_control_characters(self) -> None:
        """Line breaks become LF; other control characters except tab are dropped."""
        note = "a\x00b\x07c\x1bd\x7fe\x85f\u2028g\u2029h\r\ni\rj\x0bk\x0cl\x1cm\x9fn\to"
        plan = lp.build_plan(lp.Athlete(name=note), start=dt.date(2026, 12, 7), note=note)
        data = export(plan)
        calendar = parse(data)

        assert "abcde\nf\ng\nh\ni\njklmn\to" in str(calendar.events[0]["DESCRIPTION"])
        assert calendar_name(calendar) == "abcde f g h i jklmn o · Leg raises · accessory plan"
        assert re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data.replace(b"\r\n", b"")) is None

    def test_surrogates(self) -> None:
        """A lone surrogate, which no file can hold, is refused where the text comes in."""
        with pytest.raises(lp.AthleteError, match="name must be Unicode text, got a lone"):
            lp.Athlete(name="Ann\ud800")
        with pytest.raises(lp.PlanError, match="note must be Unicode text"):
            lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), note="x\udfffy")

    def test_backslash_n(self) -> None:
        """A backslash before N stays a backslash (icalendar 7 would make it a line break)."""
        plan = lp.build_plan(
            lp.Athlete(name="C:\\Notes"), start=dt.date(2026, 12, 7), note="C:\\Notes"
        )
        data = export(plan)

        for read in (
            parse(data).events[0]["DESCRIPTION"],
            read_vobject(data).vevent.description.value,
        ):
            assert "Plan note:\nC:\\\u2060Notes\n" in str(read)
        assert calendar_name(parse(data)).startswith("C:\\\u2060Notes · ")

    def test_injection(self) -> None:
        """Text shaped like iCalendar lines stays text."""
        evil = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\rEND:VCALENDAR\nX-EVIL:1;a=b,c"
        plan = lp.build_plan(lp.Athlete(name=evil), start=dt.date(2026, 12, 7), note=evil)
        data = export(plan)
        calendar = parse(data)

        assert len(plan.sessions) == len(calendar.events)
        assert b"\r\nUID:evil" not in data
        assert b"\r\nX-EVIL" not in data
        assert "UID:evil" not in [str(e["UID"]) for e in calendar.events]
        assert set(calendar.keys()) == CALENDAR_PROPERTIES
        assert len(plan.sessions) == len(read_vobject(data).vevent_list)


class TestVobject:
    def test_dst_instants(self, dst_plan: lp.Plan) -> None:
        """vobject reads the zoned starts at the right instants on both sides of DST."""
        read = read_vobject(export(dst_plan))

        assert len(dst_plan.sessions) == len(read.vevent_list)
        for session, event in zip(dst_plan.sessions, read.vevent_list, strict=True):
            start = event.dtstart.value
            assert session.start.astimezone(dt.UTC) == start.astimezone(dt.UTC)
            assert dt.time(7, 30) == start.time()
            assert session.start.utcoffset() == start.utcoffset()
            assert session.end.astimezone(dt.UTC) == event.dtend.value.astimezone(dt.UTC)
            assert session.uid == event.uid.value
            assert dt.timedelta(minutes=-30) == event.valarm.trigger.value

    def test_floating(self, floating_plan: lp.Plan) -> None:
        """vobject reads floating starts as naive local times."""
        read = read_vobject(export(floating_plan))

        starts = [event.dtstart.value for event in read.vevent_list]
        assert [s.start for s in floating_plan.sessions] == starts

    @pytest.mark.parametrize(
        ("key", "days", "at"),
        [
            ("Europe/Berlin", ("SU",), dt.time(2, 30)),
            ("America/New_York", ("SU",), dt.time(1, 30)),
            ("America/New_York", ("SU",), dt.time(2, 30)),
            ("Australia/Sydney", ("SU",), dt.time(2, 30)),
            ("Australia/Lord_Howe", ("SU",), dt.time(1, 45)),
            ("America/Santiago", ("SA",), dt.time(23, 30)),
            ("Europe/Dublin", ("SU",), dt.time(1, 30)),
        ],
    )
    def test_year_around_changes(self, key: str, days: tuple[str, ...], at: dt.time) -> None:
        """Over a year of sessions at times near the changes, vobject finds every instant."""
        plan = lp.build_plan(
            lp.Athlete(), start=dt.date(2027, 1, 4), weeks=52, days=days, at=at, tz=key
        )
        read = read_vobject(export(plan, alarm=None))

        for session, event in zip(plan.sessions, read.vevent_list, strict=True):
            assert session.start.astimezone(dt.UTC) == event.dtstart.value.astimezone(dt.UTC)


class TestErrors:
    def test_is_a_legraise_plan_error(self) -> None:
        """Export errors can be caught as LegraisePlanError or ValueError."""
        assert issubclass(lp.ExportError, lp.LegraisePlanError)
        assert issubclass(lp.ExportError, ValueError)

    @pytest.mark.parametrize("bad", [None, "plan", 3])
    def test_not_a_plan(self, bad: object) -> None:
        """plan must be a Plan."""
        with pytest.raises(lp.ExportError, match=r"^plan must be a legraise_plan\.Plan, got "):
            lp.to_ics(bad)  # type: ignore[arg-type]

    def test_no_sessions(self, plan: lp.Plan) -> None:
        """A plan without sessions cannot be exported."""
        with pytest.raises(lp.ExportError, match=r"^plan must have at least one session"):
            export(with_sessions(plan, []))

    @pytest.mark.parametrize(
        "bad",
        [dt.datetime(2026, 12, 1, 9, 30), dt.date(2026, 12, 1), "2026-12-01T09:30Z", 0],
    )
    def test_bad_stamp(self, plan: lp.Plan, bad: object) -> None:
        """stamp must be an aware datetime or None."""
        with pytest.raises(lp.ExportError, match=r"^stamp must be a timezone-aware datetime"):
            lp.to_ics(plan, stamp=bad)  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", [30, -30.0, "-PT30M", True])
    def test_alarm_not_a_timedelta(self, plan: lp.Plan, bad: object) -> None:
        """alarm must be a timedelta or None."""
        with pytest.raises(
            lp.ExportError, match=r"^alarm must be a datetime.timedelta from -1 day"
        ):
            export(plan, alarm=bad)

    @pytest.mark.parametrize(
        "bad",
        [
            dt.timedelta(days=1, seconds=1),
            dt.timedelta(days=-1, seconds=-1),
            dt.timedelta(weeks=-3),
            dt.timedelta(minutes=-30, microseconds=1),
        ],
    )
    def test_alarm_out_of_range(self, plan: lp.Plan, bad: dt.timedelta) -> None:
        """alarm must be whole seconds within one day of the start."""
        with pytest.raises(lp.ExportError, match=r"^alarm must be whole seconds from -1 day"):
            export(plan, alarm=bad)

    @pytest.mark.parametrize("bad", [-1, 2**31, 1.0, True, "1", None])
    def test_bad_sequence(self, plan: lp.Plan, bad: object) -> None:
        """sequence must be a whole number from 0 to 2147483647."""
        with pytest.raises(lp.ExportError, match=r"^sequence must be a whole number from 0 to "):
            export(plan, sequence=bad)

    @pytest.mark.parametrize("bad", ["", "  \n\t", "x" * 201, 5, b"name"])
    def test_bad_calendar_name(self, plan: lp.Plan, bad: object) -> None:
        """calendar_name must be 1 to 200 characters of text, or None."""
        with pytest.raises(lp.ExportError, match=r"^calendar_name must be text of 1 to 200"):
            export(plan, calendar_name=bad)

    def test_message_says_what_was_given(self, plan: lp.Plan) -> None:
        """The message shows the bad value."""
        with pytest.raises(lp.ExportError, match=r"got 2 days, 0:00:00$"):
            export(plan, alarm=dt.timedelta(days=2))


class TestWriteIcs:
    def test_writes_the_bytes(self, plan: lp.Plan, tmp_path: Path) -> None:
        """The file holds exactly what to_ics returns, and the path is returned."""
        target = tmp_path / "plan.ics"

        written = lp.write_ics(plan, target, stamp=STAMP, sequence=2, calendar_name="Mine")

        assert target == written
        assert export(plan, sequence=2, calendar_name="Mine") == target.read_bytes()
        assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]

    def test_accepts_a_str(self, floating_plan: lp.Plan, tmp_path: Path) -> None:
        """A str path works like a Path."""
        written = lp.write_ics(floating_plan, str(tmp_path / "f.ics"), stamp=STAMP, alarm=None)

        assert export(floating_plan, alarm=None) == written.read_bytes()
        assert isinstance(written, Path)

    def test_replaces_and_keeps_mode(self, plan: lp.Plan, tmp_path: Path) -> None:
        """An existing file is replaced and keeps its permissions."""
        target = tmp_path / "plan.ics"
        target.write_bytes(b"old")
        target.chmod(0o640)

        lp.write_ics(plan, target, stamp=STAMP)

        assert export(plan) == target.read_bytes()
        assert stat.S_IMODE(target.stat().st_mode) == 0o640

    def test_new_file_mode_follows_umask(self, plan: lp.Plan, tmp_path: Path) -> None:
        """A new file is readable by all (rw-r--r--), not private like a temporary file."""
        mask = os.umask(0o022)
        try:
            target = lp.write_ics(plan, tmp_path / "plan.ics", stamp=STAMP)
        finally:
            os.umask(mask)

        assert stat.S_IMODE(target.stat().st_mode) == 0o644

    def test_bad_argument_writes_nothing(self, plan: lp.Plan, tmp_path: Path) -> None:
        """A bad argument leaves no file, and an existing file untouched."""
        existing = tmp_path / "old.ics"
        existing.write_bytes(b"old")

        with pytest.raises(lp.ExportError, match=r"^alarm must be"):
            lp.write_ics(plan, tmp_path / "new.ics", alarm=dt.timedelta(days=9))
        with pytest.raises(lp.ExportError, match=r"^sequence must be"):
            lp.write_ics(plan, existing, sequence=-1)

        assert existing.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["old.ics"]

    def test_missing_directory(self, plan: lp.Plan, tmp_path: Path) -> None:
        """A path in a directory that does not exist is an ExportError."""
        with pytest.raises(lp.ExportError, match=r"^path must be in an existing folder"):
            lp.write_ics(plan, tmp_path / "nope" / "plan.ics")

        assert list(tmp_path.iterdir()) == []

    def test_parent_is_a_file(self, plan: lp.Plan, tmp_path: Path) -> None:
        """A path below a file is an ExportError."""
        (tmp_path / "file").write_bytes(b"")

        with pytest.raises(lp.ExportError, match=r"^path must be in an existing folder"):
            lp.write_ics(plan, tmp_path / "file" / "plan.ics")

    @pytest.mark.parametrize("bad", ["", 42, b"plan.ics", None])
    def test_bad_path(self, plan: lp.Plan, bad: object) -> None:
        """path must be a str or os.PathLike[str]."""
        with pytest.raises(lp.ExportError, match=r"^path must be a file path \(str or os"):
            lp.write_ics(plan, bad)  # type: ignore[arg-type]

    def test_path_is_a_directory(self, plan: lp.Plan, tmp_path: Path) -> None:
        """A directory cannot be replaced by the file; no temporary file is left."""
        (tmp_path / "dir").mkdir()

        with pytest.raises(lp.ExportError, match=r"^path must be a file, not a folder"):
            lp.write_ics(plan, tmp_path / "dir")

        assert [p.name for p in tmp_path.iterdir()] == ["dir"]

    def test_unwritable_directory(
        self, plan: lp.Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A directory that refuses new files is an ExportError."""

        def refuse(*_args: object, **_kwargs: object) -> int:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "open", refuse)

        with pytest.raises(
            lp.ExportError, match=r"^path must be writable, got .*Permission denied"
        ):
            lp.write_ics(plan, tmp_path / "plan.ics")
        monkeypatch.undo()

        assert list(tmp_path.iterdir()) == []

    def test_failure_while_writing(
        self, plan: lp.Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An error while writing removes the temporary file and keeps the old file."""
        target = tmp_path / "plan.ics"
        target.write_bytes(b"old")

        def fail(_fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", fail)

        with pytest.raises(lp.ExportError, match=r"No space left on device"):
            lp.write_ics(plan, target)
        monkeypatch.undo()

        assert target.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]

    def test_interrupted(
        self, plan: lp.Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Any other exception is passed on, after the temporary file is removed."""
        target = tmp_path / "plan.ics"

        def interrupt(_fd: int) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "fsync", interrupt)

        with pytest.raises(KeyboardInterrupt):
            lp.write_ics(plan, target)
        monkeypatch.undo()

        assert list(tmp_path.iterdir()) == []


# --- done, skipped and cancelled sessions -------------------------------------------------


def with_statuses(plan: lp.Plan) -> lp.Plan:
    """``plan`` with its first session done, second skipped and third cancelled."""
    first, second, third, *rest = plan.sessions
    done = lp.SessionLog(
        uid=first.uid,
        date=first.start.date(),
        sets=[lp.SetLog(left=12, right=12)] * 2 + [lp.SetLog(left=11, right=10)],
        pain_during=2,
        notes="felt strong",
    )
    skipped = lp.SessionLog(uid=second.uid, date=second.start.date(), skipped="ill")
    return attrs.evolve(
        plan,
        sessions=(
            attrs.evolve(first, status=lp.SessionStatus.DONE, log=done, sequence=1),
            attrs.evolve(second, status=lp.SessionStatus.SKIPPED, log=skipped, sequence=2),
            attrs.evolve(
                third,
                status=lp.SessionStatus.CANCELLED,
                notes=("moved from 2026-12-11", "Cancelled: the plan was adapted to the log"),
                sequence=3,
            ),
            *rest,
        ),
    )


def event_blocks(data: bytes) -> list[bytes]:
    """Each VEVENT of the raw file, as written."""
    return re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.DOTALL)


class TestStatuses:
    def test_sequence_per_event(self, plan: lp.Plan) -> None:
        """Each event's SEQUENCE is the base plus its session's own sequence."""
        changed = with_statuses(plan)

        for base in (0, 5):
            events = parse(export(changed, sequence=base)).events
            assert [base + s.sequence for s in changed.sessions] == [e.sequence for e in events]
            assert [base + 1, base + 2, base + 3, base] == [e.sequence for e in events[:4]]

    @given(st.lists(st.integers(0, 10_000), min_size=3, max_size=3), st.integers(0, 10**6))
    def test_sequence_property(self, sequences: list[int], base: int) -> None:
        """Any session sequences and base add up in every event."""
        plan = lp.build_plan(lp.Athlete(), weeks=1, start=dt.date(2026, 12, 7))
        sessions = [
            attrs.evolve(s, sequence=n) for s, n in zip(plan.sessions, sequences, strict=True)
        ]
        events = parse(export(attrs.evolve(plan, sessions=sessions), sequence=base)).events

        assert [base + n for n in sequences] == [e.sequence for e in events]

    def test_sequence_sum_limit(self, plan: lp.Plan) -> None:
        """The base plus the largest session sequence may be at most 2147483647."""
        changed = with_statuses(plan)  # sequences up to 3

        assert b"SEQUENCE:2147483647" in export(changed, sequence=2**31 - 4)
        with pytest.raises(
            lp.ExportError, match=r"^sequence must be at most 2147483644 for this plan"
        ):
            export(changed, sequence=2**31 - 3)

    def test_cancelled_event(self, plan: lp.Plan) -> None:
        """A cancelled session is an event with its UID, STATUS:CANCELLED and no reminder."""
        changed = with_statuses(plan)
        event = parse(export(changed)).events[2]

        assert changed.sessions[2].uid == str(event["UID"])
        assert "CANCELLED" == str(event["STATUS"])
        assert str(event["SUMMARY"]).startswith("Cancelled: Leg raises · accessory · ")
        assert str(event["DESCRIPTION"]).startswith(
            "Cancelled: the plan was adapted to the log\n\nWeek 1 of 6"
        )
        assert [] == event.walk("VALARM")

    def test_cancelled_without_notes(self, plan: lp.Plan) -> None:
        """A cancelled session without notes says so plainly."""
        session = attrs.evolve(plan.sessions[0], status=lp.SessionStatus.CANCELLED)
        event = parse(export(attrs.evolve(plan, sessions=(session,)))).events[0]

        assert str(event["DESCRIPTION"]).startswith("Cancelled\n\nWeek 1 of 6")

    def test_only_cancelled_events_have_a_status(self, plan: lp.Plan) -> None:
        """Planned, done and skipped events carry no STATUS and keep their reminder."""
        events = parse(export(with_statuses(plan))).events

        assert [None, None, "CANCELLED", None] == [e.get("STATUS") for e in events[:4]]
        assert [1, 1, 0, 1] == [len(e.walk("VALARM")) for e in events[:4]]

    def test_done_description(self, plan: lp.Plan) -> None:
        """A done session's description opens with what was logged, then the log's notes."""
        event = parse(export(with_statuses(plan))).events[0]
        lines = str(event["DESCRIPTION"]).splitlines()

        assert [
            "Done: 3 sets: 12, 12, 11/10 reps; pain 2/10",
            "felt strong",
            "",
            "Week 1 of 6 · accessory",
        ] == lines[:4]
        assert not str(event["SUMMARY"]).startswith("Done")

    def test_skipped_description(self, plan: lp.Plan) -> None:
        """A skipped session's description opens with the reason."""
        events = parse(export(with_statuses(plan))).events

        assert str(events[1]["DESCRIPTION"]).startswith("Skipped: ill\n\nWeek 1 of 6")

    @pytest.mark.parametrize(
        ("notes", "first_line"),
        [((), "Skipped"), (("holiday",), "Skipped: holiday")],
    )
    def test_skipped_without_log(
        self, plan: lp.Plan, notes: tuple[str, ...], first_line: str
    ) -> None:
        """A skipped session without a log takes its reason from its last note, if any."""
        session = attrs.evolve(plan.sessions[0], status=lp.SessionStatus.SKIPPED, notes=notes)
        event = parse(export(attrs.evolve(plan, sessions=(session,)))).events[0]

        assert first_line == str(event["DESCRIPTION"]).splitlines()[0]

    def test_log_notes_are_cleaned(self, plan: lp.Plan) -> None:
        """A log's notes with control characters and CR LF cannot break the file."""
        first = plan.sessions[0]
        log = lp.SessionLog(
            uid=first.uid,
            date=first.start.date(),
            sets=[lp.SetLog.both(10)],
            notes="line one\r\nBEGIN:VEVENT\x00\\N",
        )
        session = attrs.evolve(first, status=lp.SessionStatus.DONE, log=log)
        data = export(attrs.evolve(plan, sessions=(session,)))
        event = parse(data).events[0]

        assert 1 == data.count(b"\r\nBEGIN:VEVENT\r\n") == len(parse(data).events)
        assert str(event["DESCRIPTION"]).splitlines()[1:3] == ["line one", "BEGIN:VEVENT\\\u2060N"]

    def test_planned_events_unchanged(self, plan: lp.Plan) -> None:
        """Marking some sessions leaves every other event byte for byte as it was."""
        before = event_blocks(export(plan))
        after = event_blocks(export(with_statuses(plan)))

        assert len(before) == len(after)
        assert before[3:] == after[3:]
        assert all(a != b for a, b in zip(before[:3], after[:3], strict=True))

    def test_vobject_reads_cancelled_events(self, plan: lp.Plan) -> None:
        """vobject reads the status and sequences too."""
        calendar = read_vobject(export(with_statuses(plan), sequence=4))
        events = calendar.vevent_list

        assert ["5", "6", "7", "4"] == [e.sequence.value for e in events[:4]]
        assert "CANCELLED" == events[2].status.value

    def test_round_trip_bytes(self, plan: lp.Plan) -> None:
        """Parsing and writing a file with statuses again gives the same bytes."""
        data = export(with_statuses(plan))

        assert data == parse(data).to_ical()


#: The zones whose plans are read back instant by instant (see TestReadBack).
SAMPLE_ZONES = (
    "Europe/Berlin",
    "Europe/London",
    "Europe/Dublin",
    "America/New_York",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Africa/Casablanca",
    "UTC",
)


def instants(data: bytes) -> list[dict[str, tuple[dt.datetime, dt.datetime]]]:
    """Every event's start and end as each reader finds them, in UTC.

    ``icalendar``: ``decoded`` (the zone database for a known TZID); ``vtimezone``:
    the wall time read with icalendar's zone made from the file's VTIMEZONE alone;
    ``vobject``: ``vevent.dtstart.value``, read with the file's VTIMEZONE.
    """
    calendar = parse(data)
    own = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in calendar.timezones}
    read = read_vobject(data)
    found = []
    for event, other in zip(calendar.walk("VEVENT"), read.vevent_list, strict=True):
        times = {}
        pairs = {
            "icalendar": (event.decoded("DTSTART"), event.decoded("DTEND")),
            "vobject": (other.dtstart.value, other.dtend.value),
        }
        tzid = event["DTSTART"].params.get("TZID")
        if tzid is not None:
            zone = own[tzid]
            pairs["vtimezone"] = (
                event.decoded("DTSTART").replace(tzinfo=zone),
                event.decoded("DTEND").replace(tzinfo=zone),
            )
        for name, (start, end) in pairs.items():
            times[name] = (start.astimezone(dt.UTC), end.astimezone(dt.UTC))
        found.append(times)
    return found


def assert_read_back(plan: lp.Plan, data: bytes) -> None:
    """Every reader finds every session's start and end instant."""
    found = instants(data)
    assert len(plan.sessions) == len(found)
    for session, times in zip(plan.sessions, found, strict=True):
        want = (session.start.astimezone(dt.UTC), session.end.astimezone(dt.UTC))
        for name, got in times.items():
            assert want == got, (name, session.start.isoformat())
        assert want[1] - want[0] == session.duration


class TestReadBack:
    """Calendars that stay right: DTEND, repeated times and shared VTIMEZONEs."""

    @pytest.mark.parametrize("key", ["Europe/Berlin", "America/New_York"])
    @pytest.mark.parametrize("role", [lp.Role.WARM_UP, lp.Role.ACCESSORY])
    @pytest.mark.parametrize("at", [dt.time(1, 30), dt.time(2, 30), dt.time(3, 0)])
    def test_end_minus_start_is_the_duration(self, key: str, role: lp.Role, at: dt.time) -> None:
        """Over a year of Sundays near the changes, DTEND - DTSTART is the duration."""
        plan = lp.build_plan(
            lp.Athlete(), role=role, start=dt.date(2026, 1, 5), weeks=52, days="su", at=at, tz=key
        )

        assert_read_back(plan, export(plan, alarm=None))

    def test_warm_up_ending_at_three_on_spring_forward(self) -> None:
        """A 5-minute warm-up ending 03:00 on spring-forward day starts 01:55 and ends after."""
        plan = lp.build_plan(
            lp.Athlete(),
            role=lp.Role.WARM_UP,
            weeks=1,
            start=dt.date(2026, 3, 23),
            days="su",
            at=dt.time(3, 0),
            tz="Europe/Berlin",
        )
        data = export(plan)

        assert b"DTSTART;TZID=Europe/Berlin:20260329T015500\r\n" in data
        assert b"DTEND;TZID=Europe/Berlin:20260329T030000\r\n" in data
        (times,) = instants(data)
        for start, end in times.values():
            assert end - start == dt.timedelta(minutes=5)
        assert_read_back(plan, data)

    def test_repeated_start_is_written_in_utc(self) -> None:
        """02:30 on the fall-back day: DTSTART and DTEND in UTC, the other events zoned."""
        plan = lp.build_plan(
            lp.Athlete(),
            start=dt.date(2026, 10, 19),
            weeks=2,
            days="su",
            at=dt.time(2, 30),
            tz="Europe/Berlin",
        )
        data = export(plan)
        repeated, later = event_blocks(data)

        assert b"\r\nDTSTART:20261025T003000Z\r\n" in repeated
        assert b"\r\nDTEND:20261025T004000Z\r\n" in repeated
        assert b"TZID" not in repeated
        assert b"DTSTART;TZID=Europe/Berlin:20261101T023000\r\n" in later
        assert "happens twice" in parse(data).events[0]["DESCRIPTION"]
        assert_read_back(plan, data)

    def test_repeated_end_is_written_in_utc(self) -> None:
        """A session from 01:55 that ends in the repeated hour is pinned in UTC too."""
        plan = lp.build_plan(
            lp.Athlete(),
            start=dt.date(2026, 10, 19),
            weeks=1,
            days="su",
            at=dt.time(1, 55),
            tz="Europe/Berlin",
        )
        data = export(plan)

        assert b"\r\nDTSTART:20261024T235500Z\r\n" in data
        assert b"TZID=" not in data.split(b"BEGIN:VEVENT")[1]
        assert_read_back(plan, data)

    def test_warm_up_at_the_second_occurrence(self) -> None:
        """A warm-up before a 03:00 main session starts at the second 02:55, in UTC."""
        plan = lp.build_plan(
            lp.Athlete(),
            role=lp.Role.WARM_UP,
            weeks=1,
            start=dt.date(2026, 10, 19),
            days="su",
            at=dt.time(3, 0),
            tz="Europe/Berlin",
        )
        data = export(plan)

        assert b"\r\nDTSTART:20261025T015500Z\r\n" in data
        assert b"\r\nDTEND:20261025T020000Z\r\n" in data
        assert "the second 02:55" in str(parse(data).events[0]["DESCRIPTION"])
        assert_read_back(plan, data)

    @pytest.mark.parametrize("key", SAMPLE_ZONES)
    @pytest.mark.parametrize(
        ("start", "at", "role"),
        [
            (dt.date(2026, 1, 5), dt.time(2, 30), lp.Role.WARM_UP),
            (dt.date(2017, 6, 5), dt.time(0, 30), lp.Role.ACCESSORY),
            (dt.date(2031, 3, 3), dt.time(18, 0), lp.Role.ACCESSORY),
        ],
    )
    def test_zones_over_seasons(self, key: str, start: dt.date, at: dt.time, role: lp.Role) -> None:
        """Plans over several seasons in each sample zone read back at every instant."""
        plan = lp.build_plan(
            lp.Athlete(), role=role, start=start, weeks=52, days="su", at=at, tz=key
        )

        assert_read_back(plan, export(plan, alarm=None))

    @pytest.mark.parametrize("key", SAMPLE_ZONES)
    def test_one_vobject_process_reads_winter_then_summer(self, key: str) -> None:
        """vobject keeps the first VTIMEZONE per TZID for the whole process (as Radicale
        does): a winter plan then a summer plan in the same zone both read right."""
        winter = lp.build_plan(
            lp.Athlete(), start=dt.date(2026, 12, 7), weeks=4, at=dt.time(7, 30), tz=key
        )
        summer = lp.build_plan(
            lp.Athlete(), start=dt.date(2027, 6, 7), weeks=4, at=dt.time(7, 30), tz=key
        )
        forget_vobject_zones()
        for plan in (winter, summer):
            read = vobject.readOne(export(plan).decode("utf-8"))
            for session, event in zip(plan.sessions, read.vevent_list, strict=True):
                assert session.start.astimezone(dt.UTC) == event.dtstart.value.astimezone(dt.UTC)
                assert session.end.astimezone(dt.UTC) == event.dtend.value.astimezone(dt.UTC)
        if key not in {"Africa/Casablanca", "UTC"}:  # exact parts per plan; no VTIMEZONE
            assert vtimezone_text(export(winter)) == vtimezone_text(export(summer))

    def test_zone_without_dst_has_one_standard_part(self) -> None:
        """Kolkata and Kathmandu: one STANDARD part; the same for every plan."""
        for key, offset in (("Asia/Kolkata", "+0530"), ("Asia/Kathmandu", "+0545")):
            plans = [
                lp.build_plan(lp.Athlete(), start=start, tz=key)
                for start in (dt.date(2026, 1, 5), dt.date(2040, 7, 2))
            ]
            texts = {vtimezone_text(export(plan)) for plan in plans}
            (text,) = texts
            assert text.count(b"BEGIN:STANDARD") == 1
            assert b"BEGIN:DAYLIGHT" not in text
            assert f"TZOFFSETTO:{offset}".encode() in text

    def test_abolished_dst(self) -> None:
        """Sao Paulo dropped DST in 2019: later plans get one STANDARD part, earlier ones
        exact parts for their days first."""
        later = export(
            lp.build_plan(lp.Athlete(), start=dt.date(2026, 1, 5), tz="America/Sao_Paulo")
        )
        earlier = export(
            lp.build_plan(lp.Athlete(), start=dt.date(2018, 12, 3), tz="America/Sao_Paulo")
        )

        assert vtimezone_text(later).count(b"BEGIN:") == 2  # VTIMEZONE, STANDARD
        assert b"DTSTART:20190217T000000\r\n" in vtimezone_text(later)
        assert vtimezone_text(later) != vtimezone_text(earlier)
        assert vtimezone_text(earlier).endswith(vtimezone_text(later)[-120:])


class TestForCalDav:
    """plan_marker and session_calendars, for publishing one resource per session."""

    def test_marker_on_every_event(self, plan: lp.Plan) -> None:
        """Every event, cancelled ones too, carries X-LEGRAISE-PLAN with the plan's marker."""
        cancelled = attrs.evolve(plan.sessions[0], status=lp.SessionStatus.CANCELLED)
        changed = with_sessions(plan, [cancelled, *plan.sessions[1:]])
        marker = ical.plan_marker(plan)

        for each in (plan, changed):
            events = parse(export(each)).events
            assert {str(e["X-LEGRAISE-PLAN"]) for e in events} == {marker}
        assert read_vobject(export(plan)).vevent.x_legraise_plan.value == marker

    def test_marker_is_stable(self, athlete: lp.Athlete) -> None:
        """The marker depends on plan_id and role only; it begins every session uid."""
        one = lp.build_plan(athlete, start=START_DAY, plan_id="kim")
        other_dates = lp.build_plan(
            athlete, start=START_DAY + dt.timedelta(weeks=3), at=dt.time(7, 0), plan_id="kim"
        )
        other_id = lp.build_plan(athlete, start=START_DAY, plan_id="lee")
        warm_up = lp.build_plan(athlete, role=lp.Role.WARM_UP, start=START_DAY, plan_id="kim")

        assert ical.plan_marker(one) == ical.plan_marker(other_dates)
        assert ical.plan_marker(one) != ical.plan_marker(other_id)
        assert ical.plan_marker(one) != ical.plan_marker(warm_up)
        assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", ical.plan_marker(one))
        assert all(s.uid.startswith(ical.plan_marker(one) + "-") for s in one.sessions)

    def test_marker_needs_a_plan(self) -> None:
        with pytest.raises(lp.ExportError, match=r"plan must be a legraise_plan\.Plan"):
            ical.plan_marker("plan")  # type: ignore[arg-type]

    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_one_calendar_per_session(self, name: str, request: pytest.FixtureRequest) -> None:
        """One calendar per uid, in time order, each with that event exactly as to_ics has it."""
        plan = request.getfixturevalue(name)
        data = export(plan, sequence=3)
        resources = ical.session_calendars(plan, stamp=STAMP, sequence=3)

        assert list(resources) == [s.uid for s in plan.sessions]
        for block, (uid, one) in zip(event_blocks(data), resources.items(), strict=True):
            assert event_blocks(one) == [block]
            calendar = parse(one)
            assert one == calendar.to_ical()
            assert list(calendar.keys()) == ["VERSION", "PRODID"]
            assert str(calendar["PRODID"]) == str(parse(data)["PRODID"])
            assert [str(e["UID"]) for e in calendar.events] == [uid]
            if plan.tz is None:
                assert b"VTIMEZONE" not in one
            else:
                assert vtimezone_text(one) == vtimezone_text(data)
            assert one.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
            assert len(read_vobject(one).vevent_list) == 1

    def test_utc_event_has_no_vtimezone(self) -> None:
        """A session pinned in UTC (a repeated time) refers to no VTIMEZONE."""
        plan = lp.build_plan(
            lp.Athlete(),
            start=dt.date(2026, 10, 19),
            weeks=2,
            days="su",
            at=dt.time(2, 30),
            tz="Europe/Berlin",
        )
        repeated, later = ical.session_calendars(plan, stamp=STAMP).values()

        assert b"VTIMEZONE" not in repeated
        assert b"BEGIN:VTIMEZONE" in later

    def test_options_as_for_to_ics(self, plan: lp.Plan) -> None:
        """alarm, stamp and sequence act and are checked as for to_ics."""
        resources = ical.session_calendars(plan, alarm=None, stamp=STAMP)

        assert all(b"VALARM" not in one for one in resources.values())
        with pytest.raises(lp.ExportError, match="alarm"):
            ical.session_calendars(plan, alarm=dt.timedelta(days=2))
        with pytest.raises(lp.ExportError, match="stamp"):
            ical.session_calendars(plan, stamp=dt.datetime(2026, 1, 1))
        with pytest.raises(lp.ExportError, match="sequence"):
            ical.session_calendars(plan, sequence=-1)
        with pytest.raises(lp.ExportError, match="at least one session"):
            ical.session_calendars(with_sessions(plan, []))


class TestNotesOnce:
    def test_schedule_notes_go_once_into_the_calendar(self) -> None:
        """Dropped-session notes are written once, not in every event."""
        start = dt.date(2026, 12, 7)
        skip = [start + dt.timedelta(days=n) for n in range(0, 52 * 7, 2)]
        plan = lp.build_plan(lp.Athlete(), start=start, weeks=52, days="mon,wed,fri", skip=skip)
        dropped = [n for n in plan.notes if "dropped" in n]
        assert len(dropped) > 50
        calendar = parse(export(plan))

        about = str(calendar["DESCRIPTION"])
        assert all(note in about for note in dropped)
        assert all(note in str(calendar["X-WR-CALDESC"]) for note in dropped)
        for event in calendar.events:
            text = str(event["DESCRIPTION"])
            assert "dropped" not in text
            assert "Stop the set at once on sharp pain" in text  # safety notes stay

    def test_a_plan_without_such_notes_has_no_calendar_description(self, plan: lp.Plan) -> None:
        calendar = parse(export(plan))
        assert "DESCRIPTION" not in calendar
        assert set(calendar.keys()) == CALENDAR_PROPERTIES
