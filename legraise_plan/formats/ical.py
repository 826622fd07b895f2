"""iCalendar (RFC 5545) export: one event per session, ready for any calendar app.

Each session becomes a ``VEVENT`` with a stable ``UID`` (re-importing an updated plan
updates the events instead of duplicating them), its start and ``DURATION``, a short
title, the whole prescription and the safety notes as its description, and a display
reminder.  A zoned plan carries one ``VTIMEZONE`` per zone, built here from
:mod:`zoneinfo` data and bounded to the plan's dates, with one observance per UTC-offset
period and no ``RDATE`` lists (which some readers, such as vobject and the Radicale
server, misread).  A floating plan (``tz=None``) has naive local times and no
``VTIMEZONE``.

A session that is no longer simply planned says so: a done session's description
opens with ``Done:`` and its log's summary (then the log's notes), a skipped one's
with ``Skipped:`` and the reason, and a cancelled session stays in the file as an
event with ``STATUS:CANCELLED``, the same ``UID``, a title starting ``Cancelled:``, a
description opening with the reason (the session's last note) and no reminder, so
calendars remove or strike out the event they already hold.  Each event's
``SEQUENCE`` is the ``sequence`` argument plus the session's own ``sequence``, so
re-publishing an adapted plan updates exactly the events that changed.

The output is byte-for-byte reproducible: the same plan and ``stamp`` give the same
bytes, whatever ``PYTHONHASHSEED``.  Only this module imports :mod:`icalendar`.

User text (the athlete's name, the plan's note) is escaped by icalendar, after three
clean-ups that keep every reader safe:

- line breaks (CR LF, CR, NEL, U+2028, U+2029) become LF, and other control characters
  (Unicode category Cc) except tab are dropped: iCalendar text cannot carry them;
- a lone surrogate becomes U+FFFD, since it cannot be written as UTF-8;
- a backslash before a capital N gets an invisible word joiner (U+2060) between them,
  because icalendar 7 writes that pair as a line break.

The calendar name is one line: its line breaks and tabs become spaces.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import uuid
import zoneinfo
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import icalendar

from legraise_plan._files import write_atomic
from legraise_plan._version import __version__
from legraise_plan.errors import ExportError
from legraise_plan.periodization import DayKind
from legraise_plan.plan import UID_NAMESPACE, Block, Plan, Session, SessionStatus


__all__ = ["to_ics", "write_ics"]

# The PRODID of every calendar written.
_PRODID = f"-//legraise_plan//legraise_plan {__version__}//EN"

_DEFAULT_ALARM = dt.timedelta(minutes=-30)
_ALARM_LIMIT = dt.timedelta(days=1)
_MAX_SEQUENCE = 2**31 - 1
_MAX_CALENDAR_NAME = 200
_DAY_SECONDS = 86_400
_ZERO = dt.timedelta()

_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_BACKSLASH_N = re.compile(r"\\(?=N)")


def _clean(text: str) -> str:
    """Make user text safe for any iCalendar reader (see the module docstring)."""
    text = _SURROGATES.sub("\ufffd", text)
    text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))
    return _BACKSLASH_N.sub("\\\\\u2060", text)


def _one_line(text: str) -> str:
    """Clean ``text`` and put it on one line (for names)."""
    return _clean(text).replace("\n", " ").replace("\t", " ").strip()


def _check_stamp(stamp: object) -> dt.datetime:
    if stamp is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    if not isinstance(stamp, dt.datetime) or stamp.utcoffset() is None:
        raise ExportError(
            "stamp must be a timezone-aware datetime.datetime (e.g. "
            f"datetime.now(timezone.utc)) or None for now, got {stamp!r}"
        )
    return stamp.astimezone(dt.UTC).replace(microsecond=0)


def _check_alarm(alarm: object) -> dt.timedelta | None:
    if alarm is None:
        return None
    if not isinstance(alarm, dt.timedelta):
        raise ExportError(
            f"alarm must be a datetime.timedelta from -1 day to +1 day or None, got {alarm!r}"
        )
    if not -_ALARM_LIMIT <= alarm <= _ALARM_LIMIT or alarm.microseconds:
        raise ExportError(
            "alarm must be whole seconds from -1 day to +1 day relative to the start "
            f"(negative is before) or None, got {alarm}"
        )
    return alarm


def _check_sequence(sequence: object, plan: Plan) -> int:
    if (
        isinstance(sequence, bool)
        or not isinstance(sequence, int)
        or not 0 <= sequence <= _MAX_SEQUENCE
    ):
        raise ExportError(
            f"sequence must be a whole number from 0 to {_MAX_SEQUENCE}, got {sequence!r}"
        )
    most = max(session.sequence for session in plan.sessions)
    if sequence + most > _MAX_SEQUENCE:
        raise ExportError(
            f"sequence must be at most {_MAX_SEQUENCE - most} for this plan (a session's own "
            f"sequence, up to {most}, is added to it and the sum may be at most "
            f"{_MAX_SEQUENCE}), got {sequence}"
        )
    return sequence


def _check_calendar_name(name: object, plan: Plan) -> str:
    if name is None:
        athlete = _one_line(plan.athlete.name)
        default = f"Leg raises · {plan.role.label} plan"
        return f"{athlete} · {default}" if athlete else default
    line = _one_line(name) if isinstance(name, str) and len(name) <= _MAX_CALENDAR_NAME else ""
    if not line:
        raise ExportError(
            f"calendar_name must be text of 1 to {_MAX_CALENDAR_NAME} characters (not only "
            f"spaces) or None for a name from the plan, got {name!r:.80}"
        )
    return line


def _check_plan(plan: object) -> Plan:
    if not isinstance(plan, Plan):
        raise ExportError(f"plan must be a legraise_plan.Plan, got {plan!r:.80}")
    if not plan.sessions:
        raise ExportError("plan must have at least one session to export, got none")
    return plan


def _event_start(start: dt.datetime) -> dt.datetime:
    """``start`` as written: naive (floating) or in its IANA zone; other zones in UTC."""
    zone = start.tzinfo
    if zone is None or (isinstance(zone, zoneinfo.ZoneInfo) and zone.key):
        return start
    return start.astimezone(dt.UTC)


# --- descriptions -----------------------------------------------------------------------


def _seconds(duration: dt.timedelta) -> str:
    seconds = int(duration.total_seconds())
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _bullets(title: str, lines: Iterable[str]) -> str:
    return "\n".join((title, *(f"- {line}" for line in lines)))


@functools.lru_cache(maxsize=1024)
def _block_text(block: Block) -> str:
    """Describe one block: the exercise, the dose, the cues and the reason for the dose.

    Blocks are immutable and plans share most of them, so the text is cached.
    """
    lines = [
        block.variation.name,
        f"{_plural(block.sets, 'set')} × {block.reps} reps"
        + ("" if block.variation.bilateral else " per leg"),
        f"Tempo {block.tempo.describe()}",
    ]
    if block.sets > 1:
        lines.append(f"Rest {_seconds(block.rest)} between sets")
    lines += [
        f"Load: {block.load.label}",
        f"Stop each set with {_plural(block.rir, 'rep')} in reserve",
        _bullets("Cues:", block.variation.key_cues),
        f"Why this dose: {block.reason}",
    ]
    return _clean("\n".join(lines))


def _plan_text(plan: Plan) -> str:
    """The part of every description that comes from the plan: its note and safety notes."""
    parts = []
    note = _clean(plan.note)
    if note.strip():
        parts.append(f"Plan note:\n{note}")
    if plan.notes:
        parts.append(_clean(_bullets("Safety and plan notes:", plan.notes)))
    return "\n\n".join(parts)


def _summary(session: Session) -> str:
    doses = " + ".join(block.prescription.summary for block in session.blocks)
    summary = f"Leg raises · {session.role.label} · {doses}"
    if session.is_deload:
        summary += " · deload"
    if session.status is SessionStatus.CANCELLED:
        summary = f"Cancelled: {summary}"
    return summary


def _outcome(session: Session) -> str:
    """What became of a done, skipped or cancelled session: the description's first part.

    A cancelled session's reason is its last note (where the plan records why); a
    skipped one's is its log's reason, or else its last note.
    """
    status, log = session.status, session.log
    last_note = session.notes[-1] if session.notes else ""
    if status is SessionStatus.DONE and log is not None:
        lines = [f"Done: {log.summary()}"]
        if log.notes.strip():
            lines.append(log.notes)
        return _clean("\n".join(lines))
    if status is SessionStatus.SKIPPED:
        reason = log.skipped if log is not None and log.skipped else last_note
        return _clean(f"Skipped: {reason}" if reason else "Skipped")
    return _clean(last_note or "Cancelled")


def _description(session: Session, plan: Plan, plan_text: str) -> str:
    header = f"Week {session.week} of {plan.weeks} · {session.role.label}"
    if session.kind is not DayKind.NORMAL:
        header += f" · {session.kind.value} day"
    parts = [header]
    if session.status is not SessionStatus.PLANNED:
        parts.insert(0, _outcome(session))
    parts.extend(_block_text(block) for block in session.blocks)
    if session.notes:
        parts.append(_clean(_bullets("Session notes:", session.notes)))
    if plan_text:
        parts.append(plan_text)
    return "\n\n".join(parts)


# --- time zones -------------------------------------------------------------------------


class _Observance(NamedTuple):
    """One period of constant UTC offset: its onset in local time and its offsets."""

    start: dt.datetime
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str
    is_dst: bool


def _state(zone: zoneinfo.ZoneInfo, timestamp: int) -> tuple[dt.timedelta, dt.timedelta, str]:
    local = dt.datetime.fromtimestamp(timestamp, zone)
    return (
        local.utcoffset() or dt.timedelta(),
        local.dst() or dt.timedelta(),
        local.tzname() or "",
    )


@functools.lru_cache(maxsize=256)
def _observances(key: str, first: dt.date, last: dt.date) -> tuple[_Observance, ...]:
    """The offset periods of zone ``key`` that overlap the local days ``first`` to ``last``.

    ``last`` is exclusive.  Transitions are found by sampling the zone once a day (in
    UTC) and bisecting to the second where the offset, DST flag or name changes.  A
    pure function of its arguments, so it is cached.
    """
    zone = zoneinfo.ZoneInfo(key)
    begin = int(dt.datetime.combine(first, dt.time(), zone).timestamp())
    end = int(dt.datetime.combine(last, dt.time(), zone).timestamp()) - 1
    state = _state(zone, begin)
    onset = dt.datetime.fromtimestamp(begin, zone).replace(tzinfo=None)
    found = [_Observance(onset, state[0], state[0], state[2], state[1] > _ZERO)]
    now = begin
    while now < end:
        sample = min(now + _DAY_SECONDS, end)
        if _state(zone, sample) == state:
            now = sample
            continue
        low, high = now, sample  # state holds at low and no longer at high
        while high - low > 1:
            middle = (low + high) // 2
            if _state(zone, middle) == state:
                low = middle
            else:
                high = middle
        previous, state = state, _state(zone, high)
        # RFC 5545: the onset is given in the local time in force before the change.
        onset = (dt.datetime.fromtimestamp(high, dt.UTC) + previous[0]).replace(tzinfo=None)
        found.append(_Observance(onset, previous[0], state[0], state[2], state[1] > _ZERO))
        now = high
    return tuple(found)


def _vtimezone(key: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """A ``VTIMEZONE`` for zone ``key`` covering the local days ``first`` to ``last``."""
    timezone = icalendar.Timezone()
    timezone.add("TZID", key)
    for observance in _observances(key, first, last):
        part = icalendar.TimezoneDaylight() if observance.is_dst else icalendar.TimezoneStandard()
        # In icalendar's canonical order (see to_ics).
        part.add("DTSTART", observance.start)
        part.add("TZNAME", observance.name)
        part.add("TZOFFSETFROM", observance.offset_from)
        part.add("TZOFFSETTO", observance.offset_to)
        timezone.add_component(part)
    return timezone


# --- the calendar -----------------------------------------------------------------------


def _calendar_uid(plan: Plan) -> str:
    key = f"{plan.plan_id}|{plan.role.value}|{plan.start.isoformat()}|calendar"
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@legraise-plan"


def to_ics(
    plan: Plan,
    *,
    alarm: dt.timedelta | None = _DEFAULT_ALARM,
    stamp: dt.datetime | None = None,
    sequence: int = 0,
    calendar_name: str | None = None,
) -> bytes:
    """Export ``plan`` as an iCalendar file: one event per session.

    >>> import datetime as dt, legraise_plan as lp
    >>> plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), tz="Europe/Berlin")
    >>> data = lp.to_ics(plan, stamp=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))
    >>> data.count(b"BEGIN:VEVENT"), data.count(b"BEGIN:VTIMEZONE")
    (18, 1)

    Args:
        plan: the plan to export (see :func:`~legraise_plan.build_plan`).
        alarm: when the reminder fires, relative to the start (negative is before),
            from -1 day to +1 day in whole seconds; None for no reminder.
        stamp: the ``DTSTAMP`` of every event, a timezone-aware datetime (written in
            UTC); None for the current time, which makes the output differ per call.
        sequence: the base of every event's ``SEQUENCE``, 0 to 2147483647: an event's
            ``SEQUENCE`` is this plus its session's own ``sequence`` (how often the
            session changed since first published, kept up to date by
            :func:`~legraise_plan.adapt`), and may be at most 2147483647.  Leave it at
            0 when you re-publish adapted plans; raise it to make calendars take every
            event of a re-published plan as new.
        calendar_name: the calendar's display name; None for the athlete's name (if
            any) and the role, e.g. ``Dana · Leg raises · accessory plan``.

    Returns:
        The calendar as bytes: UTF-8, CRLF line endings, lines folded at 75 octets.

    Raises:
        ExportError: for a bad argument (the message names it and says what is
            allowed) or a plan with no sessions.
    """
    plan = _check_plan(plan)
    alarm = _check_alarm(alarm)
    sequence = _check_sequence(sequence, plan)
    name = _check_calendar_name(calendar_name, plan)
    stamp = _check_stamp(stamp)

    shared = _Shared(plan, stamp=stamp, sequence=sequence, alarm=alarm)
    events = []
    zones: dict[str, list[dt.date]] = {}
    for session in plan.sessions:
        event = shared.event(session)
        tzid = event["DTSTART"].params.get("TZID")  # none for floating and UTC times
        if tzid is not None:
            start = event.DTSTART
            zones.setdefault(tzid, []).extend((start.date(), (start + session.duration).date()))
        events.append(event)

    calendar = icalendar.Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", _PRODID)
    # icalendar 7 writes NAME and X-WR-CALNAME unescaped unless given a vText.
    calendar.add("NAME", icalendar.vText(name))
    calendar.add("X-WR-CALNAME", icalendar.vText(name))
    calendar.add("UID", _calendar_uid(plan))
    for tzid in sorted(zones):
        days = zones[tzid]
        first = min(plan.start, *days)
        last = max(plan.end, max(days) + dt.timedelta(days=1))
        calendar.add_component(_vtimezone(tzid, first, last))
    for event in events:
        calendar.add_component(event)
    calendar.validate()  # type: ignore[no-untyped-call]
    data: bytes = calendar.to_ical(sorted=False)
    return data


class _Shared:
    """What the events of one calendar share: equal values are built once.

    Properties go in icalendar's canonical order, so the unsorted (faster)
    serialisation in :func:`to_ics` gives the same bytes as the sorted one.
    """

    def __init__(
        self, plan: Plan, *, stamp: dt.datetime, sequence: int, alarm: dt.timedelta | None
    ) -> None:
        self.plan = plan
        self.plan_text = _plan_text(plan)
        self.categories = icalendar.vCategory(["Training", plan.role.label])
        self.sequence = sequence
        self.sequences: dict[int, icalendar.vInt] = {}
        self.stamp = icalendar.vDDDTypes(stamp)
        self.trigger = icalendar.vDuration(alarm) if alarm is not None else None
        self.texts: dict[str, icalendar.vText] = {}
        self.reminders: dict[str, icalendar.Alarm] = {}

    def text(self, text: str) -> icalendar.vText:
        """One shared ``vText`` per distinct text."""
        value = self.texts.get(text)
        if value is None:
            value = self.texts[text] = icalendar.vText(text)
        return value

    def event(self, session: Session) -> icalendar.Event:
        """The ``VEVENT`` of one session; a cancelled one has ``STATUS`` and no reminder."""
        summary = _summary(session)
        cancelled = session.status is SessionStatus.CANCELLED
        event = icalendar.Event()
        event.add("SUMMARY", self.text(summary))
        event.add("DTSTART", _event_start(session.start))
        event.add("DURATION", session.duration)
        event.add("DTSTAMP", self.stamp)
        event.add("UID", session.uid)
        event.add("SEQUENCE", self.sequence_of(session))
        event.add("CATEGORIES", self.categories)
        event.add("DESCRIPTION", self.text(_description(session, self.plan, self.plan_text)))
        if cancelled:
            event.add("STATUS", "CANCELLED")
        if self.trigger is not None and not cancelled:
            event.add_component(self.reminder(summary))
        return event

    def sequence_of(self, session: Session) -> icalendar.vInt:
        """The event's ``SEQUENCE``: the base plus the session's own (one shared per value)."""
        number = self.sequence + session.sequence
        value = self.sequences.get(number)
        if value is None:
            value = self.sequences[number] = icalendar.vInt(number)
        return value

    def reminder(self, summary: str) -> icalendar.Alarm:
        """The display alarm for events titled ``summary`` (one shared per title)."""
        alarm = self.reminders.get(summary)
        if alarm is None:
            alarm = self.reminders[summary] = icalendar.Alarm()
            alarm.add("ACTION", "DISPLAY")
            alarm.add("DESCRIPTION", self.text(summary))
            alarm.add("TRIGGER", self.trigger)
        return alarm


# --- writing a file ---------------------------------------------------------------------


def _check_path(path: object) -> str:
    name = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
    if not isinstance(name, str) or not name:
        raise ExportError(f"path must be a file path (str or os.PathLike[str]), got {path!r}")
    return name


def write_ics(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    alarm: dt.timedelta | None = _DEFAULT_ALARM,
    stamp: dt.datetime | None = None,
    sequence: int = 0,
    calendar_name: str | None = None,
) -> Path:
    """Write ``plan`` as an iCalendar file at ``path`` (see :func:`to_ics`).

    The file is written atomically: to a temporary file in the same directory, which
    then replaces ``path``.  When anything fails, no file is left behind and an
    existing file at ``path`` is untouched.  A replaced file keeps its permissions; a
    new one is readable by all and writable by its owner.

    Args:
        plan: the plan to export.
        path: where to write, in an existing directory; an existing file is replaced.
        alarm: as for :func:`to_ics`.
        stamp: as for :func:`to_ics`.
        sequence: as for :func:`to_ics`.
        calendar_name: as for :func:`to_ics`.

    Returns:
        The path written.

    Raises:
        ExportError: for a bad argument, a missing directory or a file that cannot be
            written (the message says which and why).
    """
    data = to_ics(plan, alarm=alarm, stamp=stamp, sequence=sequence, calendar_name=calendar_name)
    return write_atomic(_check_path(path), data)
