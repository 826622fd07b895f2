"""iCalendar (RFC 5545) export: one event per session, ready for any calendar app.

Each session becomes a ``VEVENT`` with a stable ``UID`` (re-importing an updated plan
updates the events instead of duplicating them), its ``DTSTART`` and a ``DTEND`` in the
same zone (the session's ``end``: start plus duration in elapsed time, also across a
clock change), a short title, the whole prescription and the safety notes as its
description, a display reminder, and ``X-LEGRAISE-PLAN`` with the plan's marker
(:func:`plan_marker`).  When the start's or the end's wall time is ambiguous in its zone
(a time the clocks repeat when they go back), both are written in UTC, since readers
disagree on which occurrence a zoned time means.  A floating plan (``tz=None``) has
naive local times and no ``VTIMEZONE``.

A zoned plan carries one ``VTIMEZONE`` per zone its events refer to, built here from
:mod:`zoneinfo` data alone (never from the clock).  It describes the zone's current rules
era with one yearly ``RRULE`` per change (month, weekday, nth or last week, local time),
the same text for every plan in that zone, because some readers (vobject, and so the
Radicale server) keep the first ``VTIMEZONE`` they meet per ``TZID``.  A plan with days
before the era starts gets exact observances for those days first, and a zone whose
changes no yearly rule describes gets exact observances over the plan's days; exact
observances have one part per UTC-offset period and no ``RDATE`` lists, which some
readers misread.

:func:`session_calendars` gives one complete calendar per session (for a CalDAV
server), with the event exactly as :func:`to_ics` writes it.

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
import itertools
import operator
import os
import re
import uuid
import zoneinfo
from calendar import monthrange
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import icalendar

from legraise_plan._files import write_atomic
from legraise_plan._version import __version__
from legraise_plan.dosing import frequency_notes, safety_notes
from legraise_plan.errors import ExportError
from legraise_plan.periodization import DayKind
from legraise_plan.plan import UID_NAMESPACE, Block, Plan, Session, SessionStatus, _uid_base
from legraise_plan.schedule import is_ambiguous


__all__ = ["to_ics", "write_ics"]

# The PRODID of every calendar written.
_PRODID = f"-//legraise_plan//legraise_plan {__version__}//EN"

_DEFAULT_ALARM = dt.timedelta(minutes=-30)
_ALARM_LIMIT = dt.timedelta(days=1)
_MAX_SEQUENCE = 2**31 - 1
_MAX_CALENDAR_NAME = 200
_DAY_SECONDS = 86_400
_DAY = dt.timedelta(days=1)
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
    """The part of every description that comes from the plan: its note and safety notes.

    Only the safety notes go into every event; the plan's other notes (moved or dropped
    sessions, what an adapted plan or a plan around a calendar matched) go once into the
    calendar's own description (:func:`_other_notes`), so the file grows with them once.
    """
    parts = []
    note = _clean(plan.note)
    if note.strip():
        parts.append(f"Plan note:\n{note}")
    safety = _safety_notes(plan)
    if safety:
        parts.append(_clean(_bullets("Safety and plan notes:", safety)))
    return "\n\n".join(parts)


def _safety_notes(plan: Plan) -> tuple[str, ...]:
    """The plan's notes that are about safety and dosing: the ones every event repeats."""
    known = {
        *safety_notes(plan.athlete, plan.role),
        *frequency_notes(plan.athlete, plan.role, len(plan.days)),
    }
    return tuple(note for note in plan.notes if note in known)


def _other_notes(plan: Plan) -> tuple[str, ...]:
    """The plan's notes written once, in the calendar's description."""
    safety = set(_safety_notes(plan))
    return tuple(note for note in plan.notes if note not in safety)


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
#
# A zoned plan's VTIMEZONE describes its zone's current rules era with yearly RRULEs, the
# same text for every plan in that era (see _era); a plan with dates before the era starts
# gets exact observances for those dates first (see _observances).  Both are inferred
# from zoneinfo alone, never from the clock.

_State = tuple[dt.timedelta, dt.timedelta, str]

#: The eras are searched from this year back to _ERA_FLOOR (zoneinfo extrapolates the
#: current rules from the TZif footer, so far-future years show the rules themselves).
_ERA_LAST_YEAR = 2100
#: No era is searched before this year: a zone without changes since then gets one
#: STANDARD observance starting on its first day.
_ERA_FLOOR = 1970
#: An era that starts later than this is a run of tzdata's listed predictions (such as
#: Morocco's changes around Ramadan, listed to 2087), not a rule: such zones get exact
#: observances over each plan's dates.
_ERA_LATEST_START = 2037
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class _Observance(NamedTuple):
    """One period of constant UTC offset: its onset in local time and its offsets.

    ``rule`` is the RRULE of a yearly observance (empty for an exact one).
    """

    start: dt.datetime
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str
    is_dst: bool
    rule: tuple[tuple[str, int | str], ...] = ()


class _Change(NamedTuple):
    """A change of a zone's state at ``timestamp`` (UTC seconds)."""

    timestamp: int
    before: _State
    after: _State

    @property
    def onset(self) -> dt.datetime:
        """The change's local time in the offset in force before it (as RFC 5545 asks)."""
        return _EPOCH + dt.timedelta(seconds=self.timestamp) + self.before[0]


class _Yearly(NamedTuple):
    """A yearly change: in ``month``, on the ``week``-th (-1: last) ``weekday`` at ``time``."""

    month: int
    weekday: int
    week: int
    time: dt.timedelta
    before: _State
    after: _State

    def onset(self, year: int) -> dt.datetime:
        """The change's local onset in ``year``."""
        if self.week > 0:
            day = dt.date(year, self.month, 1)
            day += dt.timedelta(days=(self.weekday - day.weekday()) % 7 + 7 * (self.week - 1))
        else:
            day = dt.date(year, self.month, monthrange(year, self.month)[1])
            day -= dt.timedelta(days=(day.weekday() - self.weekday) % 7)
        return dt.datetime.combine(day, dt.time()) + self.time

    def rrule(self) -> tuple[tuple[str, int | str], ...]:
        return (
            ("FREQ", "YEARLY"),
            ("BYDAY", f"{self.week}{_RRULE_DAYS[self.weekday]}"),
            ("BYMONTH", self.month),
        )


class _Era(NamedTuple):
    """A zone's current rules era: its first onset (local time) and its observances."""

    onset: dt.datetime
    parts: tuple[_Observance, ...]


_EPOCH = dt.datetime.combine(dt.date(1970, 1, 1), dt.time())


def _state(zone: zoneinfo.ZoneInfo, timestamp: int) -> _State:
    local = dt.datetime.fromtimestamp(timestamp, zone)
    return (
        local.utcoffset() or dt.timedelta(),
        local.dst() or dt.timedelta(),
        local.tzname() or "",
    )


def _changes(zone: zoneinfo.ZoneInfo, begin: int, end: int) -> list[_Change]:
    """Every change of ``zone``'s offset, DST flag or name in the UTC seconds ``begin..end``.

    Found by sampling the zone once a day (all samples at once, which is fast) and
    bisecting to the second where the state changes.
    """
    stamps = list(range(begin, end, _DAY_SECONDS))
    # A datetime whose tzinfo is the zone, holding UTC fields: what fromutc reads.
    base = dt.datetime.fromtimestamp(begin, dt.UTC).replace(tzinfo=zone)
    steps = itertools.repeat(_DAY, len(stamps) - 1)
    instants: list[dt.datetime] = list(itertools.accumulate(steps, operator.add, initial=base))
    stamps.append(end)
    instants.append(base + dt.timedelta(seconds=end - begin))
    local = list(map(zone.fromutc, instants))
    samples = list(
        zip(map(zone.utcoffset, local), map(zone.dst, local), map(zone.tzname, local), strict=True)
    )
    found = []
    changed = [i for i, (a, b) in enumerate(itertools.pairwise(samples)) if a != b]
    for index in changed:
        low, last = stamps[index], stamps[index + 1]
        state = _state(zone, low)
        while _state(zone, last) != state:  # the next change is in (low, last]
            high = last
            while high - low > 1:
                middle = (low + high) // 2
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            previous, state = state, _state(zone, high)
            found.append(_Change(high, previous, state))
            low = high
    return found


@functools.lru_cache(maxsize=256)
def _observances(key: str, first: dt.date, last: dt.date) -> tuple[_Observance, ...]:
    """The offset periods of zone ``key`` that overlap the local days ``first`` to ``last``.

    ``last`` is exclusive.  A pure function of its arguments, so it is cached.
    """
    zone = zoneinfo.ZoneInfo(key)
    begin = int(dt.datetime.combine(first, dt.time(), zone).timestamp())
    end = int(dt.datetime.combine(last, dt.time(), zone).timestamp()) - 1
    offset, dst, name = _state(zone, begin)
    onset = dt.datetime.fromtimestamp(begin, zone).replace(tzinfo=None)
    found = [_Observance(onset, offset, offset, name, dst > _ZERO)]
    found.extend(
        _Observance(c.onset, c.before[0], c.after[0], c.after[2], c.after[1] > _ZERO)
        for c in _changes(zone, begin, end)
    )
    return tuple(found)


def _year_changes(zone: zoneinfo.ZoneInfo, year: int) -> list[_Change]:
    begin = int(dt.datetime(year, 1, 1, tzinfo=dt.UTC).timestamp())
    return _changes(zone, begin, int(dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC).timestamp()))


def _descriptions(change: _Change) -> list[_Yearly]:
    """The yearly rules ``change`` could follow: its nth weekday, and last when it is."""
    onset = change.onset
    midnight = dt.datetime.combine(onset.date(), dt.time())
    month_days = monthrange(onset.year, onset.month)[1]
    weeks = [(onset.day - 1) // 7 + 1] if onset.day <= 28 else []
    if onset.day > month_days - 7:
        weeks.append(-1)
    return [
        _Yearly(onset.month, onset.weekday(), week, onset - midnight, change.before, change.after)
        for week in weeks
    ]


def _follows(rules: tuple[_Yearly, ...], year: int, changes: list[_Change]) -> bool:
    """True when ``changes`` are exactly the changes ``rules`` give in ``year``."""
    predicted = sorted((rule.onset(year), rule.before, rule.after) for rule in rules)
    return predicted == [(c.onset, c.before, c.after) for c in changes]


@functools.lru_cache(maxsize=64)
def _era(key: str) -> _Era | None:
    """Zone ``key``'s current rules as yearly observances, or None when none fit.

    The rules are read from the changes zoneinfo gives in year 2100 (each described as
    month, weekday, nth or last week and local time); the era is the longest run of
    years up to 2100 in which tzdata follows them exactly, found by going back year by
    year.  A zone with no change in 2100 has one STANDARD observance from its last
    change (or from 1970-01-01 when it has none since).  None when 2100 has one change
    or more than two, when they fit no such rule, or when the era starts after 2037.
    A pure function of the zone data, so it is cached.
    """
    zone = zoneinfo.ZoneInfo(key)
    last = _year_changes(zone, _ERA_LAST_YEAR)
    if not last:
        return _fixed_era(zone)
    if len(last) != 2:
        return None
    candidates = list(itertools.product(*(_descriptions(change) for change in last)))
    year = _ERA_LAST_YEAR
    while year > _ERA_FLOOR:
        changes = _year_changes(zone, year - 1)
        fitting = [rules for rules in candidates if _follows(rules, year - 1, changes)]
        if not fitting:
            break
        candidates, year = fitting, year - 1
    if year > _ERA_LATEST_START:
        return None
    rules = sorted(candidates[0], key=lambda rule: rule.onset(year))
    offsets = {rule.after[0] for rule in rules}
    parts = tuple(
        _Observance(
            rule.onset(year),
            rule.before[0],
            rule.after[0],
            rule.after[2],
            # The higher offset is daylight time, also where tzdata has negative DST.
            rule.after[0] == max(offsets) if len(offsets) > 1 else rule.after[1] > _ZERO,
            rule.rrule(),
        )
        for rule in rules
    )
    return _Era(parts[0].start, parts)


def _fixed_era(zone: zoneinfo.ZoneInfo) -> _Era | None:
    """The era of a zone without changes in 2100: one STANDARD observance.

    It starts at the zone's last change, or on 1970-01-01 with no change since.
    """
    year = _ERA_LAST_YEAR - 1
    changes = _year_changes(zone, year)
    while not changes and year > _ERA_FLOOR:
        year -= 1
        changes = _year_changes(zone, year)
    if changes:
        change = changes[-1]
        part = _Observance(
            change.onset, change.before[0], change.after[0], change.after[2], is_dst=False
        )
    else:
        onset = dt.datetime.combine(dt.date(_ERA_FLOOR, 1, 1), dt.time())
        offset, _dst, name = _state(zone, int(onset.replace(tzinfo=zone).timestamp()))
        part = _Observance(onset, offset, offset, name, is_dst=False)
    if part.start.year > _ERA_LATEST_START:
        return None
    return _Era(part.start, (part,))


def _vtimezone(key: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """A ``VTIMEZONE`` for zone ``key`` that holds for the local days ``first`` to ``last``.

    The era's yearly observances, after exact ones for the days before the era starts;
    exact observances over the days alone for a zone without an era.
    """
    era = _era(key)
    if era is None:
        observances = _observances(key, first, last)
    elif dt.datetime.combine(first, dt.time()) < era.onset:
        observances = _observances(key, first, era.onset.date()) + era.parts
    else:
        observances = era.parts
    timezone = icalendar.Timezone()
    timezone.add("TZID", key)
    for observance in observances:
        part = icalendar.TimezoneDaylight() if observance.is_dst else icalendar.TimezoneStandard()
        # In icalendar's canonical order (see to_ics).
        part.add("DTSTART", observance.start)
        if observance.rule:
            part.add("RRULE", dict(observance.rule))
        part.add("TZNAME", observance.name)
        part.add("TZOFFSETFROM", observance.offset_from)
        part.add("TZOFFSETTO", observance.offset_to)
        timezone.add_component(part)
    return timezone


# --- the calendar -----------------------------------------------------------------------


def _calendar_uid(plan: Plan) -> str:
    key = f"{plan.plan_id}|{plan.role.value}|{plan.start.isoformat()}|calendar"
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@legraise-plan"


def plan_marker(plan: Plan) -> str:
    """A stable id of ``plan``'s events, written on each as ``X-LEGRAISE-PLAN``.

    It is the uuid5 of the plan's ``plan_id`` and role (with which the session uids of
    :func:`~legraise_plan.build_plan` begin; a plan made around a calendar derives its
    uids from the host events instead), so it stays the same when the plan is adapted,
    rescheduled or re-exported, and differs between plans with other ids or roles.  A
    calendar server finds every event of one plan by this property, not by uid.  Not in
    ``__all__``, but stable.

    >>> import datetime as dt, legraise_plan as lp
    >>> plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), plan_id="kim")
    >>> marker = plan_marker(plan)
    >>> all(s.uid.startswith(marker + "-") for s in plan.sessions)
    True

    Raises:
        ExportError: when ``plan`` is not a Plan.
    """
    if not isinstance(plan, Plan):
        raise ExportError(f"plan must be a legraise_plan.Plan, got {plan!r:.80}")
    return _uid_base(plan.plan_id, plan.role)


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

    events, timezones = _events(plan, alarm=alarm, stamp=stamp, sequence=sequence)
    calendar = _calendar()
    other = _other_notes(plan)
    about = _clean(_bullets("Plan notes:", other)) if other else ""
    # In icalendar's canonical order (see _serialise): DESCRIPTION, X-WR-CALDESC, NAME,
    # X-WR-CALNAME, then UID.
    if about:
        calendar.add("DESCRIPTION", icalendar.vText(about))
        calendar.add("X-WR-CALDESC", icalendar.vText(about))
    # icalendar 7 writes NAME and X-WR-CALNAME unescaped unless given a vText.
    calendar.add("NAME", icalendar.vText(name))
    calendar.add("X-WR-CALNAME", icalendar.vText(name))
    calendar.add("UID", _calendar_uid(plan))
    for timezone in timezones.values():
        calendar.add_component(timezone)
    for event in events:
        calendar.add_component(event)
    return _serialise(calendar)


def session_calendars(
    plan: Plan,
    *,
    alarm: dt.timedelta | None = _DEFAULT_ALARM,
    stamp: dt.datetime | None = None,
    sequence: int = 0,
) -> dict[str, bytes]:
    """One complete calendar per session, by session uid in time order (for CalDAV).

    Each holds ``VERSION`` and ``PRODID`` as :func:`to_ics` writes them, the
    ``VTIMEZONE`` its event refers to (the same text as in :func:`to_ics`; none for a
    floating event or one written in UTC) and the session's ``VEVENT`` exactly as
    :func:`to_ics` writes it.  It has no calendar name or calendar ``UID``: a CalDAV
    server stores each as one resource of a calendar collection.  Not in ``__all__``,
    but stable.

    >>> import datetime as dt, legraise_plan as lp
    >>> plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), tz="Europe/Berlin")
    >>> stamp = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    >>> resources = session_calendars(plan, stamp=stamp)
    >>> list(resources) == [s.uid for s in plan.sessions]
    True
    >>> one = resources[plan.sessions[0].uid]
    >>> one.count(b"BEGIN:VEVENT"), one.count(b"BEGIN:VTIMEZONE")
    (1, 1)

    Args:
        plan: the plan to export.
        alarm: as for :func:`to_ics`.
        stamp: as for :func:`to_ics`.
        sequence: as for :func:`to_ics`.

    Returns:
        Each session's uid mapped to its calendar's bytes (UTF-8, CRLF, folded).

    Raises:
        ExportError: as :func:`to_ics`.
    """
    plan = _check_plan(plan)
    alarm = _check_alarm(alarm)
    sequence = _check_sequence(sequence, plan)
    stamp = _check_stamp(stamp)

    events, timezones = _events(plan, alarm=alarm, stamp=stamp, sequence=sequence)
    found = {}
    for session, event in zip(plan.sessions, events, strict=True):
        calendar = _calendar()
        tzid = event["DTSTART"].params.get("TZID")
        if tzid is not None:
            calendar.add_component(timezones[tzid])
        calendar.add_component(event)
        found[session.uid] = _serialise(calendar)
    return found


def _calendar() -> icalendar.Calendar:
    """A calendar with the ``VERSION`` and ``PRODID`` of every calendar written."""
    calendar = icalendar.Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", _PRODID)
    return calendar


def _serialise(calendar: icalendar.Calendar) -> bytes:
    calendar.validate()  # type: ignore[no-untyped-call]
    data: bytes = calendar.to_ical(sorted=False)
    return data


def _events(
    plan: Plan, *, alarm: dt.timedelta | None, stamp: dt.datetime, sequence: int
) -> tuple[list[icalendar.Event], dict[str, icalendar.Timezone]]:
    """The ``VEVENT`` of every session, and the ``VTIMEZONE`` of every TZID they use.

    The time zones are in TZID order; each holds for the plan's days and every
    event's days in its zone (see :func:`_vtimezone`).
    """
    shared = _Shared(plan, stamp=stamp, sequence=sequence, alarm=alarm)
    events = []
    zones: dict[str, list[dt.date]] = {}
    for session in plan.sessions:
        event = shared.event(session)
        tzid = event["DTSTART"].params.get("TZID")  # none for floating and UTC times
        if tzid is not None:
            zones.setdefault(tzid, []).extend((event.DTSTART.date(), event.DTEND.date()))
        events.append(event)
    timezones = {}
    for tzid in sorted(zones):
        days = zones[tzid]
        first = min(plan.start, *days)
        last = max(plan.end, max(days) + dt.timedelta(days=1))
        timezones[tzid] = _vtimezone(tzid, first, last)
    return events, timezones


def _event_times(session: Session) -> tuple[dt.datetime, dt.datetime]:
    """``DTSTART`` and ``DTEND`` as written: both in UTC when either wall time is ambiguous.

    A wall time a clock change repeats (or skips) has two UTC offsets in its zone, and
    readers do not agree which one a ``TZID`` time means; in UTC it has one.
    """
    start, end = _event_start(session.start), _event_start(session.end)
    if is_ambiguous(start) or is_ambiguous(end):
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    return start, end


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
        self.marker = icalendar.vText(plan_marker(plan))
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
        start, end = _event_times(session)
        event = icalendar.Event()
        event.add("SUMMARY", self.text(summary))
        event.add("DTSTART", start)
        event.add("DTEND", end)
        event.add("DTSTAMP", self.stamp)
        event.add("UID", session.uid)
        event.add("SEQUENCE", self.sequence_of(session))
        event.add("CATEGORIES", self.categories)
        event.add("DESCRIPTION", self.text(_description(session, self.plan, self.plan_text)))
        if cancelled:
            event.add("STATUS", "CANCELLED")
        event.add("X-LEGRAISE-PLAN", self.marker)
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
