"""The floor for iCalendar export: plain, obvious icalendar code for the same events.

This is what any exporter built on icalendar must at least pay: the same events with the
same properties (UID, DTSTAMP, DTSTART, DTEND, SUMMARY, DESCRIPTION, CATEGORIES,
SEQUENCE, X-LEGRAISE-PLAN), the same display alarm and a VTIMEZONE for the same date
range, written with the documented icalendar 7 API.  The texts are given, already
built, so the floor pays nothing for describing sessions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import icalendar

import legraise_plan as lp
from legraise_plan.formats.ical import plan_marker


def floor_texts(plan: lp.Plan) -> list[tuple[str, str]]:
    """The SUMMARY and DESCRIPTION of every event, exactly as legraise_plan writes them."""
    calendar = icalendar.Calendar.from_ical(
        lp.to_ics(plan, stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    )
    return [(str(e["SUMMARY"]), str(e["DESCRIPTION"])) for e in calendar.walk("VEVENT")]


def floor_ics(
    plan: lp.Plan,
    texts: Sequence[tuple[str, str]],
    *,
    stamp: dt.datetime,
    alarm: dt.timedelta = dt.timedelta(minutes=-30),
) -> bytes:
    """Build the plan's calendar with plain icalendar calls; return its bytes."""
    calendar = icalendar.Calendar.new(
        prodid="-//legraise_plan floor//EN", name=icalendar.vText("Leg raises"), uid="floor"
    )
    marker = plan_marker(plan)
    for session, (summary, description) in zip(plan.sessions, texts, strict=True):
        event = icalendar.Event.new(
            uid=session.uid,
            stamp=stamp,
            start=session.start,
            end=session.end,
            summary=summary,
            description=description,
            categories=["Training", session.role.label],
            sequence=0,
        )
        event.add("X-LEGRAISE-PLAN", marker)
        reminder = icalendar.Alarm.new(description=summary)
        reminder.add("ACTION", "DISPLAY")
        reminder.add("TRIGGER", alarm)
        event.add_component(reminder)
        calendar.add_component(event)
    if plan.tz is not None:
        calendar.add_missing_timezones(
            first_date=plan.start, last_date=plan.end + dt.timedelta(days=1)
        )
    return calendar.to_ical()
