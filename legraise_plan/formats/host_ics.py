"""Read the athlete's own calendar (.ics) into host sessions.

Real-world exports (Google, Apple, Outlook, Nextcloud, Radicale) are read with
:mod:`icalendar`, and recurring events are expanded with :mod:`recurring_ical_events`,
which applies ``RRULE``, ``RDATE``, ``EXDATE`` and moved or changed occurrences
(``RECURRENCE-ID``), and reads a calendar-wide ``X-WR-TIMEZONE`` (Google) as the zone
of its floating and UTC times.  Outlook's Windows zone names ("W. Europe Standard
Time") become IANA zones through the table icalendar ships.

What is kept: every timed event occurrence that overlaps the window, except those with
``STATUS:CANCELLED``.  All-day events are not sessions and are left out.  Times keep
their IANA zone, floating times stay naive, and a time in a zone that is not an IANA
zone (a custom ``VTIMEZONE``) is converted to UTC, keeping its instant.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zoneinfo
from collections.abc import Iterable, Mapping
from typing import Any

import icalendar
import recurring_ical_events  # type: ignore[import-untyped]

from legraise_plan.errors import ExportError, ScheduleError
from legraise_plan.host import HostKind, HostSession, Keywords, classify_with, keywords
from legraise_plan.plan import UID_NAMESPACE


__all__ = ["merge_calendars", "read_host_sessions"]

_MAX_TEXT = 1000
#: What a UID used as an id may not hold (a stand-in is used instead).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_UTC = zoneinfo.ZoneInfo("UTC")


def merge_calendars(calendars: Iterable[bytes], *, host: bytes | None = None, name: str) -> bytes:
    """One calendar holding the events of ``calendars`` and, with ``host``, the host's own.

    The host's events (and to-dos, journals) are copied as they are, so their UIDs,
    times, titles and descriptions are kept; then each of ``calendars``' events in
    order.  Each time zone definition is written once: the first one seen for a TZID,
    the raises' own first, so every reader shares one definition per zone.

    Raises:
        ExportError: a calendar cannot be read.
    """
    parsed = [_parse_one(data, "calendar") for data in calendars]
    host_calendar = _parse_one(host, "host calendar") if host is not None else None
    zones: dict[str, icalendar.Component] = {}
    for calendar in [*parsed, *([host_calendar] if host_calendar is not None else [])]:
        for zone in calendar.walk("VTIMEZONE"):
            zones.setdefault(str(zone.get("TZID")), zone)
    items: list[icalendar.Component] = []
    if host_calendar is not None:
        items += [c for c in host_calendar.subcomponents if c.name != "VTIMEZONE"]
    for calendar in parsed:
        items += [c for c in calendar.subcomponents if c.name == "VEVENT"]
    uids = sorted(str(item.get("UID", "")) for item in items)
    merged = icalendar.Calendar()
    merged.add("PRODID", _PRODID)
    merged.add("VERSION", "2.0")
    merged.add("NAME", name)
    merged.add("X-WR-CALNAME", name)
    merged.add("UID", f"{uuid.uuid5(UID_NAMESPACE, '|'.join(uids))}@legraise-plan")
    for tzid in sorted(zones):
        merged.add_component(zones[tzid])
    for item in items:
        merged.add_component(item)
    return bytes(merged.to_ical())


_PRODID = "-//legraise_plan//merged calendar//EN"


def _parse_one(data: bytes, what: str) -> icalendar.Calendar:
    try:
        return icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise ExportError(f"{what} is not iCalendar data: {exc}") from None


def read_host_sessions(
    ics: bytes | str,
    *,
    start: dt.date,
    end: dt.date,
    match: Mapping[HostKind | str, Iterable[str]] | None = None,
) -> tuple[HostSession, ...]:
    """The timed events of a calendar from ``start`` up to (not including) ``end``.

    Each occurrence of a recurring event is its own :class:`HostSession`, classified by
    the words of its title and description (``match`` replaces the default words of
    the kinds it names; see :func:`legraise_plan.host.keywords`).  Sessions come in time
    order.

    Raises:
        ScheduleError: ``start`` or ``end`` is not a date, or ``end`` is not after ``start``.
        PlanError: ``match`` is malformed.
        ExportError: ``ics`` is not iCalendar data, has no events at all, or holds a
            recurrence that cannot be expanded; the message says what was found.
    """
    _check_window(start, end)
    chosen = keywords(match)
    calendars = _parse(ics)
    total = sum(len(calendar.walk("VEVENT")) for calendar in calendars)
    if total == 0:
        found = ", ".join(sorted({str(c.name) for cal in calendars for c in cal.subcomponents}))
        raise ExportError(
            "ics must hold at least one event (VEVENT), got a calendar with "
            f"{'only ' + found if found else 'no components'}"
        )
    sessions: list[HostSession] = []
    for calendar in calendars:
        try:
            occurrences = _expand(calendar, start, end)
        except (recurring_ical_events.InvalidCalendar, ValueError, TypeError) as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ExportError(f"ics has an event that cannot be expanded: {first:.200}") from None
        for event in occurrences:
            session = _session(event, chosen)
            if session is not None:
                sessions.append(session)
    sessions.sort(key=_order)
    return tuple(sessions)


#: The most event occurrences read from one calendar window (a year of a busy calendar is
#: well under 5,000); a rule repeating every minute or second is refused, not expanded.
MAX_OCCURRENCES = 20_000


_FREQ_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 28 * 86400,
    "YEARLY": 365 * 86400,
}


def _expand(calendar: icalendar.Calendar, start: dt.date, end: dt.date) -> list[Any]:
    """The occurrences from ``start`` up to ``end``, refused up front when too many.

    Each rule's occurrences in the window are estimated from its frequency, interval,
    ``BY…`` lists and ``COUNT`` before anything is expanded, so a rule that repeats every
    second cannot make the reader run for minutes or fill the memory.
    """
    seconds = (end - start).days * 86400
    estimate = 0
    for event in calendar.walk("VEVENT"):
        rules = event.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
            estimate += _occurrences(rule, seconds)
        estimate += 1
    if estimate > MAX_OCCURRENCES:
        raise ExportError(
            f"ics must hold at most {MAX_OCCURRENCES:,} event occurrences between "
            f"{start.isoformat()} and {end.isoformat()}, got about {estimate:,} (a rule "
            "repeats too often, e.g. every minute)"
        )
    return list(recurring_ical_events.of(calendar).between(start, end))


def _occurrences(rule: Any, seconds: int) -> int:
    """About how many times ``rule`` repeats in ``seconds`` (at most its COUNT)."""

    def values(name: str) -> list[Any]:
        found = rule.get(name) or []
        return found if isinstance(found, list) else [found]

    freq = str((values("FREQ") or ["DAILY"])[0]).upper()
    interval = max(1, int((values("INTERVAL") or [1])[0]))
    per_period = 1
    for name in ("BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "BYMONTHDAY", "BYMONTH"):
        per_period *= max(1, len(values(name)))
    count = seconds // (_FREQ_SECONDS.get(freq, 86400) * interval) * per_period + per_period
    limit = values("COUNT")
    return min(count, int(limit[0])) if limit else count


def _check_window(start: object, end: object) -> None:
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ScheduleError(f"{name} must be a datetime.date, got {value!r}", field=name)
    assert isinstance(start, dt.date)  # noqa: S101 - narrowed above, for mypy
    assert isinstance(end, dt.date)  # noqa: S101
    if end <= start:
        raise ScheduleError(
            f"end must be after start {start.isoformat()}, got {end.isoformat()}", field="end"
        )


def _parse(ics: object) -> list[icalendar.Calendar]:
    if isinstance(ics, str):
        ics = ics.encode("utf-8", "surrogatepass")
    if not isinstance(ics, (bytes, bytearray, memoryview)):
        raise ExportError(f"ics must be the bytes of an .ics file, got {type(ics).__name__}")
    data = bytes(ics)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if not head.startswith(b"BEGIN:VCALENDAR"):
        shown = data[:30]
        raise ExportError(
            f"ics must be iCalendar data starting with BEGIN:VCALENDAR, got {shown!r}"
            + (f" ({len(data)} bytes)" if len(data) > 30 else "")
        )
    try:
        parsed = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ExportError(f"ics is not valid iCalendar data: {first:.200}") from None
    return list(parsed)


def _session(event: Any, chosen: Keywords) -> HostSession | None:
    """The host session of one occurrence, or None for an all-day or cancelled one."""
    if str(event.get("STATUS", "")).strip().upper() == "CANCELLED":
        return None
    begin, finish = event.start, event.end
    if not isinstance(begin, dt.datetime) or not isinstance(finish, dt.datetime):
        return None  # an all-day event, or a date-only end: not a session
    begin, finish = _normal(begin), _normal(finish)
    if (begin.tzinfo is None) != (finish.tzinfo is None):
        finish = (
            finish.replace(tzinfo=begin.tzinfo) if begin.tzinfo else finish.replace(tzinfo=None)
        )
    finish = max(finish, begin)
    summary = _text(event.get("SUMMARY"))
    description = _text(event.get("DESCRIPTION"), limit=10 * _MAX_TEXT)
    uid = _text(event.get("UID"), limit=10 * _MAX_TEXT).strip()
    if not uid or len(uid) > _MAX_TEXT or _CONTROL.search(uid):
        # No UID (against RFC 5545), or an unusually long one: a stable stand-in.
        seed = uid or f"{summary}|{begin.isoformat()}"
        uid = f"{uuid.uuid5(UID_NAMESPACE, seed)}@host"
    recurrence = event.get("RECURRENCE-ID")
    occurrence = begin.date()
    if recurrence is not None:
        original = recurrence.dt
        if isinstance(original, dt.datetime):
            normal = _normal(original)
            if normal.tzinfo is not None and begin.tzinfo is not None:
                normal = normal.astimezone(begin.tzinfo)
            occurrence = normal.date()
        elif isinstance(original, dt.date):
            occurrence = original
    kind, why = classify_with(summary[:_MAX_TEXT], description, chosen)
    return HostSession(
        start=begin,
        end=finish,
        summary=summary[:_MAX_TEXT],
        uid=uid,
        kind=kind,
        why=why,
        occurrence=occurrence,
    )


def _normal(moment: dt.datetime) -> dt.datetime:
    """``moment`` in its IANA zone, naive when floating, else converted to UTC."""
    zone = moment.tzinfo
    if zone is None or (isinstance(zone, zoneinfo.ZoneInfo) and zone.key):
        return moment
    if moment.utcoffset() is None:
        return moment.replace(tzinfo=None)
    return moment.astimezone(_UTC)


def _text(value: object, limit: int = _MAX_TEXT) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # a property given more than once
        value = value[0] if value else ""
    return str(value)[:limit]


def _order(session: HostSession) -> tuple[dt.datetime, str]:
    start = session.start
    key = start.astimezone(dt.UTC) if start.tzinfo is not None else start.replace(tzinfo=dt.UTC)
    return key, session.uid
