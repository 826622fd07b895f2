"""Real dates: weekdays, start date, time of day, IANA zone or floating time, skipped dates.

Dates come from :mod:`dateutil.rrule`.  Times are wall-clock times: 18:00 stays 18:00
across a daylight-saving change.  A local time that a spring-forward change skips
(e.g. 02:30 on the last Sunday of March in Europe/Berlin) is moved forward by the gap,
with a note; a local time that a fall-back change repeats (e.g. 02:30 on the last Sunday
of October in Europe/Berlin) takes its first occurrence, also with a note.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import zoneinfo
from collections.abc import Iterable

import attrs
from dateutil import relativedelta, rrule

from legraise_plan.errors import ScheduleError


__all__ = ["Slot", "Weekday", "next_monday", "parse_days", "resolve_zone", "schedule_slots"]


class Weekday(enum.StrEnum):
    """Days of the week by their iCalendar (RFC 5545) codes."""

    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"

    @property
    def number(self) -> int:
        """0 for Monday … 6 for Sunday (as :meth:`datetime.date.weekday`)."""
        return _INDEX[self]

    @classmethod
    def parse(cls, value: str | Weekday) -> Weekday:
        """Parse ``MO``, ``mon`` or ``monday`` (any case)."""
        if isinstance(value, Weekday):
            return value
        if not isinstance(value, str):
            raise ScheduleError(f"days must be weekday codes like MO or mon, got {value!r}")
        key = value.strip().lower()
        for day in cls:
            name = _NAMES[day]
            if key in {day.value.lower(), name[:3], name}:
                return day
        raise ScheduleError(
            f"days must be weekday codes MO TU WE TH FR SA SU (or mon..sun), got {value!r}"
        )


_INDEX = {d: i for i, d in enumerate(Weekday)}
_NAMES = {
    Weekday.MO: "monday",
    Weekday.TU: "tuesday",
    Weekday.WE: "wednesday",
    Weekday.TH: "thursday",
    Weekday.FR: "friday",
    Weekday.SA: "saturday",
    Weekday.SU: "sunday",
}


def next_monday(today: dt.date) -> dt.date:
    """The first Monday strictly after ``today`` (the command line's default start)."""
    return today + relativedelta.relativedelta(days=+1, weekday=relativedelta.MO)


def parse_days(days: Iterable[str | Weekday] | str) -> tuple[Weekday, ...]:
    """Parse weekdays (a sequence, or one comma-separated string); Monday-first order.

    >>> parse_days("fri,mon")
    (<Weekday.MO: 'MO'>, <Weekday.FR: 'FR'>)
    """
    try:
        items = days.split(",") if isinstance(days, str) else list(days)
    except TypeError:
        raise ScheduleError(
            f"days must be weekday codes like ('MO', 'WE') or 'mon,wed', got {days!r}"
        ) from None
    parsed = [Weekday.parse(d) for d in items]
    if not parsed:
        raise ScheduleError("days must name at least one weekday, got none")
    seen: set[Weekday] = set()
    for day in parsed:
        if day in seen:
            raise ScheduleError(f"days must not repeat a weekday, got {day.value} twice")
        seen.add(day)
    return tuple(sorted(parsed, key=lambda d: d.number))


def resolve_zone(tz: str | None) -> zoneinfo.ZoneInfo | None:
    """The :class:`~zoneinfo.ZoneInfo` for an IANA name, or None for floating time."""
    name: object = tz
    if name is None:
        return None
    if not isinstance(name, str) or not name.strip():
        raise ScheduleError(f"tz must be an IANA zone name like Europe/Berlin or None, got {tz!r}")
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder name
        raise ScheduleError(
            f"tz must be an IANA zone name like Europe/Berlin or None, got {tz!r}"
        ) from None


@attrs.frozen(kw_only=True)
class Slot:
    """A scheduled time for one session (the main session's start), with its week."""

    anchor: dt.datetime
    week: int
    planned: dt.date
    note: str = ""


def local_start(
    day: dt.date, at: dt.time, zone: zoneinfo.ZoneInfo | None
) -> tuple[dt.datetime, str]:
    """``at`` on ``day`` in ``zone``, and a note when the clocks skip or repeat that time.

    A skipped time moves forward by the gap; a repeated one is its first occurrence.
    """
    naive = dt.datetime.combine(day, at)
    if zone is None:
        return naive, ""
    local = naive.replace(tzinfo=zone)
    # A skipped (spring-forward) time does not survive a round trip through UTC.
    normal = local.astimezone(dt.UTC).astimezone(zone)
    if normal.replace(tzinfo=None) != naive:
        return normal, (
            f"{at:%H:%M} does not exist on {day.isoformat()} in {zone.key} (clocks change); "
            f"moved to {normal:%H:%M}"
        )
    return local, repeated_note(local)


def repeated_note(start: dt.datetime) -> str:
    r"""A note when ``start``'s wall time happens twice (clocks go back); else ``""``.

    The note names the occurrence ``start`` is (its ``fold``) and the instant in UTC, so
    the reader knows which of the two the calendar shows.  Every note about a clock
    change contains the words "clocks change".

    >>> import zoneinfo
    >>> berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    >>> note = repeated_note(dt.datetime(2026, 10, 25, 2, 30, tzinfo=berlin))
    >>> print(note.replace("; ", ";\n"))
    02:30 happens twice on 2026-10-25 in Europe/Berlin (clocks change: they go back);
    the session is at the first 02:30 (00:30 UTC)
    >>> repeated_note(dt.datetime(2026, 10, 25, 3, 30, tzinfo=berlin))
    ''
    """
    zone = start.tzinfo
    if not isinstance(zone, zoneinfo.ZoneInfo):
        return ""
    first, second = start.replace(fold=0).utcoffset(), start.replace(fold=1).utcoffset()
    if first is None or second is None or first <= second:  # not repeated (or skipped)
        return ""
    which = "second" if start.fold else "first"
    return (
        f"{start:%H:%M} happens twice on {start.date().isoformat()} in {zone.key} "
        f"(clocks change: they go back); the session is at the {which} {start:%H:%M} "
        f"({start.astimezone(dt.UTC):%H:%M} UTC)"
    )


def is_ambiguous(local: dt.datetime) -> bool:
    """True when ``local``'s wall time has two UTC offsets in its zone (a clock change).

    That is a time a fall-back change repeats, or one a spring-forward change skips;
    a naive or fixed-offset time is never ambiguous.
    """
    if local.tzinfo is None:
        return False
    return local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset()


def _check_spacing(days: tuple[Weekday, ...], min_gap_days: int) -> None:
    if len(days) < 2 or min_gap_days <= 1:
        return
    indices = [d.number for d in days]
    for a, b in zip(indices, [*indices[1:], indices[0] + 7], strict=True):
        if b - a < min_gap_days:
            first, second = Weekday(list(Weekday)[a % 7]), Weekday(list(Weekday)[b % 7])
            raise ScheduleError(
                f"days {first.value} and {second.value} are {24 * (b - a)} h apart; hard "
                f"sessions need at least {24 * min_gap_days} h between them (coaching rule 5 in "
                "docs/coaching.md): pick days with a rest day between, or pass "
                "allow_close_sessions=True "
                "(--allow-close-sessions at the command line)"
            )


@functools.lru_cache(maxsize=256)
def schedule_slots(
    *,
    start: dt.date,
    weeks: int,
    days: tuple[Weekday, ...],
    at: dt.time,
    tz: str | None,
    skip: tuple[dt.date, ...] = (),
    reschedule: bool = False,
    min_gap_days: int = 0,
) -> tuple[tuple[Slot, ...], tuple[str, ...]]:
    """Lay sessions on ``days`` at ``at`` for ``weeks`` weeks from ``start``.

    Returns the slots in time order and notes about moved or dropped sessions.  Pure,
    so results are memoised: a batch of plans with the same calendar computes it once.  A
    skipped date drops its session, or with ``reschedule=True`` moves it to the next
    free day within the next 6 days (and the plan) that keeps ``min_gap_days`` to its
    neighbours; with no such day it is dropped.  Notes say what moved or was dropped.
    """
    zone = resolve_zone(tz)
    _check_spacing(days, min_gap_days)
    skipped = frozenset(skip)
    last = start + dt.timedelta(days=7 * weeks - 1)
    rule = rrule.rrule(
        rrule.WEEKLY,
        dtstart=dt.datetime.combine(start, dt.time()),
        until=dt.datetime.combine(last, dt.time()),
        byweekday=[d.number for d in days],
    )
    planned = [occurrence.date() for occurrence in rule]
    kept = [d for d in planned if d not in skipped]
    notes: list[str] = []
    moved: dict[dt.date, dt.date] = {}
    if reschedule:
        taken = set(kept)
        for missed in (d for d in planned if d in skipped):
            candidate = missed + dt.timedelta(days=1)
            horizon = min(last, missed + dt.timedelta(days=6))
            while candidate <= horizon:
                if (
                    candidate not in skipped
                    and candidate not in taken
                    and all(abs((candidate - other).days) >= min_gap_days for other in taken)
                ):
                    break
                candidate += dt.timedelta(days=1)
            if candidate > horizon:
                notes.append(
                    f"session on {missed.isoformat()} dropped: skipped, and no free day within "
                    "a week keeps the rest between sessions"
                )
                continue
            taken.add(candidate)
            moved[candidate] = missed
            notes.append(f"session on {missed.isoformat()} moved to {candidate.isoformat()}")
        kept = sorted(taken)
    else:
        notes.extend(
            f"session on {d.isoformat()} dropped: date skipped" for d in planned if d in skipped
        )
    slots = []
    for day in kept:
        anchor, dst_note = local_start(day, at, zone)
        note = "; ".join(
            n
            for n in (
                f"moved from {moved[day].isoformat()} (skipped date)" if day in moved else "",
                dst_note,
            )
            if n
        )
        slots.append(
            Slot(
                anchor=anchor,
                week=(day - start).days // 7 + 1,
                planned=moved.get(day, day),
                note=note,
            )
        )
    return tuple(slots), tuple(notes)
