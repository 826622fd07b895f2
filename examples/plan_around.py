"""Warm-ups slotted into the athlete's own calendar, written to raises.ics.

The script makes a small host calendar itself (a weekly leg day with one week off, a
moved session and a long run), reads it back like any exported .ics, and plans
warm-ups that end exactly when each leg day starts.

Run: python examples/plan_around.py [OUTPUT.ics]
"""

from __future__ import annotations

import datetime as dt
import sys
import zoneinfo
from pathlib import Path

import icalendar

import legraise_plan as lp
from legraise_plan.around import plan_around
from legraise_plan.formats.host_ics import read_host_sessions


BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def host_calendar() -> bytes:
    """Leg day every Monday at 18:00 for 6 weeks (not on 9 March), moved once; a run."""
    cal = icalendar.Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", "-//example//host//EN")
    legs = icalendar.Event()
    legs.add("UID", "leg-day@example.com")
    legs.add("SUMMARY", "Leg day")
    legs.add("DTSTART", dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN))
    legs.add("DTEND", dt.datetime(2026, 3, 2, 19, 30, tzinfo=BERLIN))
    legs.add("RRULE", {"FREQ": "WEEKLY", "COUNT": 6})
    legs.add("EXDATE", dt.datetime(2026, 3, 9, 18, tzinfo=BERLIN))
    cal.add_component(legs)
    moved = icalendar.Event()
    moved.add("UID", "leg-day@example.com")
    moved.add("SUMMARY", "Leg day")
    moved.add("RECURRENCE-ID", dt.datetime(2026, 3, 16, 18, tzinfo=BERLIN))
    moved.add("DTSTART", dt.datetime(2026, 3, 17, 7, tzinfo=BERLIN))
    moved.add("DTEND", dt.datetime(2026, 3, 17, 8, tzinfo=BERLIN))
    cal.add_component(moved)
    run = icalendar.Event()
    run.add("UID", "run@example.com")
    run.add("SUMMARY", "Long run")
    run.add("DTSTART", dt.datetime(2026, 3, 7, 9, tzinfo=BERLIN))
    run.add("DTEND", dt.datetime(2026, 3, 7, 10, 30, tzinfo=BERLIN))
    cal.add_component(run)
    data: bytes = cal.to_ical()
    return data


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "raises.ics")
    hosts = read_host_sessions(host_calendar(), start=dt.date(2026, 3, 2), end=dt.date(2026, 4, 13))
    athlete = lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.NOVICE)
    plan = plan_around(athlete, hosts, role=lp.Role.WARM_UP)
    lp.write_ics(plan, target)
    print(f"{len(plan.sessions)} warm-ups written to {target}")
    for session in plan.sessions:
        print(f"{session.start:%a %d %b %H:%M}-{session.end:%H:%M}")
    for note in plan.notes:
        if note.startswith(("Matched", "Sat", "Long")) or "'Long run'" in note:
            print(note)


if __name__ == "__main__":
    main()
