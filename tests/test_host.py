"""Host sessions: classification, validation, and reading real-world .ics files."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest

import legraise_plan as lp
from legraise_plan.formats.host_ics import read_host_sessions
from legraise_plan.host import DEFAULT_KEYWORDS, HostKind, HostSession, classify, keywords


BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
START, END = dt.date(2026, 3, 2), dt.date(2026, 4, 13)


def calendar(*events: icalendar.Event, **props: str) -> icalendar.Calendar:
    """A calendar holding ``events``, with extra calendar properties."""
    cal = icalendar.Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", "-//test//EN")
    for key, value in props.items():
        cal.add(key.replace("_", "-"), value)
    for event in events:
        cal.add_component(event)
    return cal


def event(
    uid: str, summary: str, start: object, end: object = None, **props: object
) -> icalendar.Event:
    """One VEVENT; ``end`` defaults to an hour after ``start``."""
    e = icalendar.Event()
    e.add("UID", uid)
    e.add("SUMMARY", summary)
    e.add("DTSTART", start)
    if end is None and isinstance(start, dt.datetime):
        end = start + dt.timedelta(hours=1)
    if end is not None:
        e.add("DTEND", end)
    for key, value in props.items():
        e.add(key.replace("_", "-"), value)
    return e


def read(cal: icalendar.Calendar, **kw: object) -> tuple[HostSession, ...]:
    return read_host_sessions(cal.to_ical(), start=START, end=END, **kw)  # type: ignore[arg-type]


class TestClassify:
    @pytest.mark.parametrize(
        ("summary", "kind"),
        [
            ("Leg day", HostKind.LOWER_BODY),
            ("SQUATS 5x5", HostKind.LOWER_BODY),
            ("Beintag", HostKind.LOWER_BODY),
            ("Kreuzheben + RDL", HostKind.LOWER_BODY),
            ("Unterkörper", HostKind.LOWER_BODY),
            ("Full-body circuit", HostKind.FULL_BODY),
            ("Ganzkörper", HostKind.FULL_BODY),
            ("Full body: squat and bench", HostKind.FULL_BODY),
            ("Bench press", HostKind.UPPER_BODY),
            ("Oberkörper", HostKind.UPPER_BODY),
            ("Long run", HostKind.OTHER),
            ("Plegsomething", HostKind.OTHER),  # whole words only
        ],
    )
    def test_default_words(self, summary: str, kind: HostKind) -> None:
        assert kind == classify(summary)[0]

    def test_description_after_title(self) -> None:
        assert (HostKind.LOWER_BODY, "keyword 'lunges' in the description") == classify(
            "Gym", "lunges and sled"
        )

    def test_match_replaces_a_kind(self) -> None:
        assert HostKind.LOWER_BODY == classify("Gym A", match={"lower_body": ["gym a"]})[0]
        assert HostKind.OTHER == classify("Leg day", match={HostKind.LOWER_BODY: []})[0]
        assert HostKind.UPPER_BODY == classify("Bench", match={"lower_body": ["gym a"]})[0]

    @pytest.mark.parametrize(
        "match", [{"other": ["x"]}, {"lower_body": "legs"}, {"lower_body": [""]}, ["x"]]
    )
    def test_bad_match(self, match: object) -> None:
        with pytest.raises(lp.PlanError, match="match"):
            keywords(match)  # type: ignore[arg-type]

    def test_defaults_cover_every_strength_kind(self) -> None:
        assert {HostKind.LOWER_BODY, HostKind.FULL_BODY, HostKind.UPPER_BODY} == set(
            DEFAULT_KEYWORDS
        )


class TestHostSession:
    def test_from_event_classifies(self) -> None:
        s = HostSession.from_event(
            start=dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN),
            end=dt.datetime(2026, 3, 2, 19, tzinfo=BERLIN),
            summary="Kniebeugen",
            uid="u",
        )
        assert (HostKind.LOWER_BODY, dt.date(2026, 3, 2)) == (s.kind, s.occurrence)
        assert dt.timedelta(hours=1) == s.duration

    @pytest.mark.parametrize(
        ("kw", "field"),
        [
            ({"end": dt.datetime(2026, 3, 2, 17)}, "end"),
            ({"end": dt.datetime(2026, 3, 2, 19, tzinfo=BERLIN)}, "end"),
            ({"uid": ""}, "uid"),
            ({"kind": "legs"}, "kind"),
        ],
    )
    def test_invalid(self, kw: dict[str, object], field: str) -> None:
        args: dict[str, object] = {
            "start": dt.datetime(2026, 3, 2, 18),
            "end": dt.datetime(2026, 3, 2, 19),
            "uid": "u",
        }
        with pytest.raises(lp.PlanError) as info:
            HostSession(**{**args, **kw})  # type: ignore[arg-type]
        assert field == info.value.field


class TestRead:
    def test_rrule_exdate_moved_and_cancelled(self) -> None:
        """A weekly leg day: one date excluded, one moved, one cancelled."""
        base = event(
            "legs@x",
            "Leg day",
            dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN),
            dt.datetime(2026, 3, 2, 19, 30, tzinfo=BERLIN),
            rrule={"FREQ": "WEEKLY", "COUNT": 6},
            exdate=dt.datetime(2026, 3, 9, 18, tzinfo=BERLIN),
        )
        moved = event(
            "legs@x",
            "Leg day",
            dt.datetime(2026, 3, 17, 7, tzinfo=BERLIN),
            recurrence_id=dt.datetime(2026, 3, 16, 18, tzinfo=BERLIN),
        )
        cancelled = event(
            "legs@x",
            "Leg day",
            dt.datetime(2026, 3, 23, 18, tzinfo=BERLIN),
            recurrence_id=dt.datetime(2026, 3, 23, 18, tzinfo=BERLIN),
            status="CANCELLED",
        )
        sessions = read(calendar(base, moved, cancelled))

        assert [s.start for s in sessions] == [
            dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN),
            dt.datetime(2026, 3, 17, 7, tzinfo=BERLIN),
            dt.datetime(2026, 3, 30, 18, tzinfo=BERLIN),  # after the change to summer time
            dt.datetime(2026, 4, 6, 18, tzinfo=BERLIN),
        ]
        assert dt.date(2026, 3, 16) == sessions[1].occurrence
        assert {HostKind.LOWER_BODY} == {s.kind for s in sessions}

    def test_all_day_events_are_not_sessions(self) -> None:
        cal = calendar(
            event("a", "Leg day camp", dt.date(2026, 3, 3), dt.date(2026, 3, 5)),
            event("b", "Squat", dt.datetime(2026, 3, 3, 18, tzinfo=BERLIN)),
        )
        assert ["b"] == [s.uid for s in read(cal)]

    def test_a_uid_with_control_characters_gets_a_stable_stand_in(self) -> None:
        cal = calendar(event("a\x1bb", "Squat", dt.datetime(2026, 3, 3, 18, tzinfo=BERLIN)))
        (first,) = read(cal)
        (again,) = read(cal)
        assert first.uid.endswith("@host")
        assert "\x1b" not in first.uid
        assert first.uid == again.uid

    def test_utc_and_zoned(self) -> None:
        cal = calendar(
            event("a", "Run", dt.datetime(2026, 3, 3, 17, tzinfo=dt.UTC)),
            event("b", "Squat", dt.datetime(2026, 3, 4, 12, tzinfo=NEW_YORK)),
        )
        a, b = read(cal)
        assert dt.datetime(2026, 3, 3, 17, tzinfo=dt.UTC) == a.start
        assert "America/New_York" == str(b.start.tzinfo)

    def test_floating_with_x_wr_timezone(self) -> None:
        """Google: floating and UTC times are in the calendar's X-WR-TIMEZONE."""
        cal = calendar(
            event("a", "Leg day", dt.datetime(2026, 3, 3, 18)),
            event("b", "Run", dt.datetime(2026, 3, 4, 17, tzinfo=dt.UTC)),
            x_wr_timezone="Europe/Berlin",
        )
        a, b = read(cal)
        assert dt.datetime(2026, 3, 3, 18, tzinfo=BERLIN) == a.start
        assert dt.datetime(2026, 3, 4, 18, tzinfo=BERLIN) == b.start
        assert "Europe/Berlin" == str(a.start.tzinfo)

    def test_floating_without_zone_stays_naive(self) -> None:
        (s,) = read(calendar(event("a", "Leg day", dt.datetime(2026, 3, 3, 18))))
        assert s.start.tzinfo is None

    def test_windows_zone_name(self) -> None:
        """Outlook writes Windows zone names; they become IANA zones."""
        text = (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:outlook\r\nBEGIN:VEVENT\r\nUID:o\r\n"
            b"SUMMARY:Beintag\r\nDTSTART;TZID=W. Europe Standard Time:20260303T180000\r\n"
            b"DTEND;TZID=W. Europe Standard Time:20260303T190000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        (s,) = read_host_sessions(text, start=START, end=END)
        assert dt.datetime(2026, 3, 3, 18, tzinfo=BERLIN) == s.start
        assert "Europe/Berlin" == str(s.start.tzinfo)

    def test_match_is_used(self) -> None:
        (s,) = read(
            calendar(event("a", "Gym A", dt.datetime(2026, 3, 3, 18))),
            match={"lower_body": ["gym a"]},
        )
        assert HostKind.LOWER_BODY == s.kind

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (b"hello", "must be iCalendar data"),
            (b"", "must be iCalendar data"),
            (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "at least one event"),
            (12, "must be the bytes"),
        ],
    )
    def test_errors(self, data: object, message: str) -> None:
        with pytest.raises(lp.ExportError, match=message) as info:
            read_host_sessions(data, start=START, end=END)  # type: ignore[arg-type]
        assert "\n" not in str(info.value)

    def test_bad_window(self) -> None:
        with pytest.raises(lp.ScheduleError, match="end must be after start"):
            read_host_sessions(b"BEGIN:VCALENDAR", start=END, end=START)


class TestHostileRules:
    @pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY"])
    def test_a_rule_repeating_too_often_is_refused_before_expanding(self, freq: str) -> None:
        cal = calendar(
            event("a", "Squat", dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN), RRULE={"FREQ": freq})
        )
        with pytest.raises(lp.ExportError, match="at most 20,000 event occurrences"):
            read(cal)

    def test_a_counted_rule_is_fine(self) -> None:
        cal = calendar(
            event(
                "a",
                "Squat",
                dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN),
                RRULE={"FREQ": "MINUTELY", "COUNT": 3},
            )
        )
        assert len(read(cal)) == 3
