"""Slot the raises into the training the athlete already does: :func:`plan_around`.

Given the athlete's own calendar as :class:`~legraise_plan.host.HostSession` values, it
builds one :class:`~legraise_plan.plan.Plan` for one role, dosed exactly as
:func:`~legraise_plan.plan.build_plan` doses it, with the sessions placed against the
host sessions instead of on fixed weekdays:

- a warm-up ends exactly when a lower- or full-body session starts;
- an accessory block starts when the main lifts end (the host session's end minus the
  block's length), or ``after`` into the host session;
- a full-body block goes at the end of a full-body session;
- rehab goes on days without a strength session, at ``at``.

Pure: no I/O, no clock.  All time arithmetic is done in UTC (elapsed time), so a
daylight-saving change inside the window moves nothing.
"""

from __future__ import annotations

import collections
import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import TypeVar

import attrs

from legraise_plan.athlete import Athlete, Level
from legraise_plan.dosing import check_clearance, frequency_notes, plan_blocks, safety_notes
from legraise_plan.errors import PlanError, ScheduleError
from legraise_plan.host import HostKind, HostSession
from legraise_plan.periodization import Periodization
from legraise_plan.plan import (
    MAX_AFTER,
    UID_NAMESPACE,
    Plan,
    PlanOptions,
    Session,
    check_flag,
    session_length,
    to_block,
)
from legraise_plan.prescription import Role
from legraise_plan.progression import ProgressionRules
from legraise_plan.schedule import Weekday, local_start, resolve_zone


__all__ = ["plan_around"]

_E = TypeVar("_E", Role, Periodization)
_MAX_WEEKS = 52
#: How many single occurrences the plan's notes list before summing up the rest.
_MAX_LISTED = 20
#: How many distinct titles of unused events the notes name.
_MAX_TITLES = 12
_DEFAULT_AT = dt.time(18, 0)
_WEEKDAYS = tuple(Weekday)

#: The host kinds each role is placed against (rehab avoids the strength kinds instead).
_ANCHORS = {
    Role.WARM_UP: frozenset({HostKind.LOWER_BODY, HostKind.FULL_BODY}),
    Role.ACCESSORY: frozenset({HostKind.LOWER_BODY, HostKind.FULL_BODY}),
    Role.FULL_BODY: frozenset({HostKind.FULL_BODY}),
    Role.REHAB: frozenset(),
}
_VERB = {
    Role.WARM_UP: "warm-up before it",
    Role.ACCESSORY: "accessory block as the main lifts end",
    Role.FULL_BODY: "full-body block at its end",
}


@attrs.frozen
class _Busy:
    """A host session on the time line: instants in UTC (naive when floating)."""

    start: dt.datetime
    end: dt.datetime
    host: HostSession
    index: int


@attrs.frozen
class _Candidate:
    """Where one session could go: its host session (None for rehab) and local day."""

    day: dt.date
    host: _Busy | None
    preferred: dt.datetime | None = None  # rehab: the time at ``at``
    note: str = ""


def plan_around(
    athlete: Athlete,
    host_sessions: Iterable[HostSession],
    *,
    role: Role = Role.ACCESSORY,
    start: dt.date | None = None,
    weeks: int | None = None,
    periodization: Periodization = Periodization.LINEAR,
    rules: ProgressionRules | None = None,
    deload_every: int = 6,
    after: dt.timedelta | None = None,
    at: dt.time | None = None,
    allow_close_sessions: bool = False,
    note: str = "",
    plan_id: str = "",
) -> Plan:
    """A plan for one ``role``, placed around the athlete's own training.

    Call it once per role (a plan has one role): a warm-up plan and an accessory plan
    around the same calendar never overlap, since warm-ups end as the host session
    starts and accessory blocks start no earlier.

    Args:
        athlete: who the plan is for; the same clearance rules as build_plan apply.
        host_sessions: the athlete's calendar, e.g. from
            :func:`legraise_plan.read_host_sessions`; every event counts as busy time.
        role: warm-up and accessory work go with lower- and full-body sessions,
            full-body work with full-body sessions, rehab on days without strength work.
        start: the first day of week 1; by default the Monday on or before the first
            host session.  Host sessions before it are not used.
        weeks: 1 to 52; by default up to the last host session (at most 52).
        periodization: linear (default), undulating or block, as for build_plan.
        rules: progression rules; the role's defaults when None.
        deload_every: weeks between deload weeks, 3..12.
        note: free text added to every session's description.
        plan_id: a stable id of this plan in your app, part of every session uid.
        after: accessory only: start the block this long after the host session starts
            instead of at its end (0 to 6 hours).
        at: rehab only: the time of day on free days; by default the most common start
            time of the strength sessions (18:00 when there are none).
        allow_close_sessions: keep hard sessions less than two days apart.

    Returns:
        A plan whose ``days`` are the weekdays used, whose ``at`` is the most common
        start time of the host sessions used (rehab: the rehab time), and whose ``tz`` is
        the zone most host sessions are in (None when all are floating).  Its notes say
        what was matched, moved and left out, and why.

    Raises:
        PlanError: for a bad argument, a calendar with nothing to place the role
            against (the message lists what was found), or an athlete without the
            clearance the role needs (:class:`ClearanceRequiredError`).
    """
    role = _as_enum(Role, role, "role")
    periodization = _as_enum(Periodization, periodization, "periodization")
    hosts = _check(athlete, host_sessions, role, after, at, allow_close_sessions)
    options = PlanOptions(
        rules=rules,
        deload_every=deload_every,
        after=after,
        allow_close_sessions=allow_close_sessions,
    )
    check_clearance(athlete, role)
    zone, zone_notes = _zone(hosts)
    line = _timeline(hosts, zone)
    start, weeks, window_notes = _window(line, zone, start, weeks)
    notes: list[str] = [*zone_notes, *window_notes]
    end = start + dt.timedelta(weeks=weeks)
    inside = [b for b in line if start <= _local_day(b.start, zone) < end]
    outside = len(line) - len(inside)
    if outside:
        notes.append(
            f"{outside} host event{'s' if outside != 1 else ''} outside {start.isoformat()} to "
            f"{(end - dt.timedelta(days=1)).isoformat()} not used."
        )
    busy = _by_day(line, zone)
    layout = _Layout(
        athlete=athlete,
        role=role,
        zone=zone,
        start=start,
        weeks=weeks,
        busy=busy,
        after=after,
        allow_close=allow_close_sessions,
    )
    if role is Role.REHAB:
        rehab_at = (
            at
            if at is not None
            else _common_time([b for b in inside if b.host.kind.is_strength], zone, _DEFAULT_AT)
        )
        candidates, unused = layout.rehab_days(inside, end, rehab_at)
        at_time = rehab_at
    else:
        candidates, unused = layout.anchors(inside)
        at_time = _DEFAULT_AT
    notes.extend(_unused_notes(unused, role, zone))
    if not candidates:
        raise PlanError(_nothing_found(role, inside, start, end), field="host_sessions")
    sessions, placed_notes = layout.place(
        candidates,
        periodization=periodization,
        rules=rules,
        deload_every=deload_every,
        plan_id=plan_id,
    )
    notes[:0] = _matched_notes(sessions, role)
    notes.extend(placed_notes)
    if not sessions:
        raise PlanError(
            f"host_sessions leave no room for any {role.label} session: "
            + "; ".join(placed_notes[:3]),
            field="host_sessions",
        )
    if role is not Role.REHAB:
        at_time = _common_time([p.busy for p in sessions if p.busy], zone, _DEFAULT_AT)
    used_days = sorted({_WEEKDAYS[s.day.weekday()] for s in sessions}, key=lambda d: d.number)
    counts = collections.Counter(s.session.week for s in sessions)
    per_week = sorted(counts.get(w, 0) for w in range(1, weeks + 1))[(weeks - 1) // 2]
    return Plan(
        athlete=athlete,
        role=role,
        periodization=periodization,
        weeks=weeks,
        start=start,
        days=used_days,
        at=at_time,
        tz=None if zone is None else zone.key,
        sessions=tuple(s.session for s in sessions),
        notes=(
            *safety_notes(athlete, role),
            *frequency_notes(athlete, role, min(7, max(1, per_week))),
            *notes,
        ),
        note=note,
        plan_id=plan_id,
        options=options,
    )


# --------------------------------------------------------------------------- checks


def _window(
    line: Sequence[_Busy], zone: zoneinfo.ZoneInfo | None, start: object, weeks: object
) -> tuple[dt.date, int, list[str]]:
    """The plan's first day and weeks: as given, or covering the host sessions."""
    first_day, last_day = _span(line, zone)
    if start is None:
        start = first_day - dt.timedelta(days=first_day.weekday())
    elif not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise ScheduleError(f"start must be a datetime.date or None, got {start!r}", field="start")
    if weeks is not None:
        if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= _MAX_WEEKS:
            raise PlanError(
                f"weeks must be a whole number 1..{_MAX_WEEKS}, got {weeks!r}", field="weeks"
            )
        return start, weeks, []
    needed = max(1, (last_day - start).days // 7 + 1)
    if needed <= _MAX_WEEKS:
        return start, needed, []
    last = start + dt.timedelta(weeks=_MAX_WEEKS, days=-1)
    return (
        start,
        _MAX_WEEKS,
        [
            (
                f"Host sessions after {_day(last)} are not used: a plan covers at most "
                f"{_MAX_WEEKS} weeks."
            )
        ],
    )


def _as_enum(kind: type[_E], value: object, name: str) -> _E:
    """``value`` as a member of ``kind`` (members and their values are accepted)."""
    try:
        return kind(value)  # type: ignore[arg-type]  # checked by the enum
    except ValueError:
        allowed = ", ".join(str(m.value) for m in kind)
        raise PlanError(f"{name} must be one of {allowed}, got {value!r:.60}", field=name) from None


def _check(  # noqa: PLR0917 - the arguments to check
    athlete: object,
    host_sessions: object,
    role: Role,
    after: object,
    at: object,
    allow_close: object,
) -> tuple[HostSession, ...]:
    if not isinstance(athlete, Athlete):
        raise PlanError(f"athlete must be an Athlete, got {athlete!r:.80}", field="athlete")
    if isinstance(host_sessions, (str, bytes)) or not isinstance(host_sessions, Iterable):
        raise PlanError(
            f"host_sessions must be an iterable of HostSession, got {host_sessions!r:.80}",
            field="host_sessions",
        )
    hosts = tuple(host_sessions)
    for item in hosts:
        if not isinstance(item, HostSession):
            raise PlanError(
                f"host_sessions items must be HostSession, got {item!r:.80}", field="host_sessions"
            )
    _check_times(role, after, at, allow_close)
    if not hosts:
        raise PlanError(
            "host_sessions must hold at least one timed event, got none", field="host_sessions"
        )
    return hosts


def _check_times(role: Role, after: object, at: object, allow_close: object) -> None:
    if after is not None:
        if role is not Role.ACCESSORY:
            raise ScheduleError(
                f"after only applies to the accessory role, got role {role.value}", field="after"
            )
        if not isinstance(after, dt.timedelta) or not dt.timedelta(0) <= after <= MAX_AFTER:
            raise ScheduleError(
                f"after must be a timedelta from 0 to 6 hours or None, got {after!r}",
                field="after",
            )
    if at is not None:
        if role is not Role.REHAB:
            raise ScheduleError(
                f"at only applies to the rehab role (other roles follow the host sessions), "
                f"got role {role.value}",
                field="at",
            )
        if not isinstance(at, dt.time) or at.tzinfo is not None:
            raise ScheduleError(
                f"at must be a datetime.time without tzinfo, got {at!r}", field="at"
            )
    check_flag("allow_close_sessions", allow_close)


# --------------------------------------------------------------------------- time line


def _zone(hosts: Sequence[HostSession]) -> tuple[zoneinfo.ZoneInfo | None, list[str]]:
    """The plan's zone: the IANA zone most host sessions use (UTC only if nothing else).

    Ties go to the zone of the earliest such session.  Sessions in other zones keep
    their instant; floating ones are read as local time in the chosen zone.
    """
    named: collections.Counter[str] = collections.Counter()
    aware = 0
    for host in sorted(hosts, key=lambda h: _instant(h.start)):
        zone = host.start.tzinfo
        if zone is None:
            continue
        aware += 1
        if isinstance(zone, zoneinfo.ZoneInfo) and zone.key and zone.key != "UTC":
            named[zone.key] += 1
    if not aware:
        return None, []
    key = named.most_common(1)[0][0] if named else "UTC"
    chosen = resolve_zone(key)
    assert chosen is not None  # noqa: S101 - a key given, a zone returned
    notes = [
        f"{count} host event{'s' if count != 1 else ''} in {other} shown in {key} (same instant)."
        for other, count in sorted(named.items())
        if other != key
    ]
    floating = sum(1 for h in hosts if h.start.tzinfo is None)
    if floating:
        notes.append(
            f"{floating} host event{'s' if floating != 1 else ''} with floating times read as "
            f"local time in {key}."
        )
    return chosen, notes


def _instant(moment: dt.datetime) -> dt.datetime:
    """A sort key: aware times by instant, floating times as if UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _utc(moment: dt.datetime, zone: zoneinfo.ZoneInfo | None) -> dt.datetime:
    """``moment`` on the plan's time line: UTC when zoned, naive when floating."""
    if zone is None:
        return moment.replace(tzinfo=None)  # all floating: nothing to convert
    if moment.tzinfo is None:
        moment = local_start(moment.date(), moment.time(), zone)[0]
    return moment.astimezone(dt.UTC)


def _local(moment: dt.datetime, zone: zoneinfo.ZoneInfo | None) -> dt.datetime:
    """A time-line instant as the plan shows it: in ``zone``, or floating."""
    return moment if zone is None else moment.astimezone(zone)


def _local_day(moment: dt.datetime, zone: zoneinfo.ZoneInfo | None) -> dt.date:
    return _local(moment, zone).date()


def _timeline(hosts: Sequence[HostSession], zone: zoneinfo.ZoneInfo | None) -> list[_Busy]:
    line = [
        _Busy(start=_utc(h.start, zone), end=_utc(h.end, zone), host=h, index=i)
        for i, h in enumerate(hosts)
    ]
    line.sort(key=lambda b: (b.start, b.end, b.index))
    return line


def _span(line: Sequence[_Busy], zone: zoneinfo.ZoneInfo | None) -> tuple[dt.date, dt.date]:
    return _local_day(line[0].start, zone), max(_local_day(b.start, zone) for b in line)


def _by_day(line: Sequence[_Busy], zone: zoneinfo.ZoneInfo | None) -> dict[dt.date, list[_Busy]]:
    """Every host session under each local day it touches."""
    days: dict[dt.date, list[_Busy]] = collections.defaultdict(list)
    for busy in line:
        first, last = _local_day(busy.start, zone), _local_day(busy.end, zone)
        day = first
        while day <= last and (day - first).days <= 31:
            days[day].append(busy)
            day += dt.timedelta(days=1)
    return days


def _midnight(day: dt.date, zone: zoneinfo.ZoneInfo | None) -> dt.datetime:
    moment = local_start(day, dt.time(0), zone)[0]
    return moment if zone is None else moment.astimezone(dt.UTC)


def _common_time(
    line: Sequence[_Busy], zone: zoneinfo.ZoneInfo | None, default: dt.time
) -> dt.time:
    """The most common local start time (the earliest on ties), or ``default``."""
    counts = collections.Counter(_local(b.start, zone).time().replace(fold=0) for b in line)
    if not counts:
        return default
    top = max(counts.values())
    return min(t for t, n in counts.items() if n == top)


# --------------------------------------------------------------------------- layout


@attrs.frozen
class _Placed:
    session: Session
    day: dt.date
    busy: _Busy | None

    @property
    def host(self) -> HostSession | None:
        return None if self.busy is None else self.busy.host


@attrs.define
class _Layout:
    """The arguments every step of the layout shares."""

    athlete: Athlete
    role: Role
    zone: zoneinfo.ZoneInfo | None
    start: dt.date
    weeks: int
    busy: dict[dt.date, list[_Busy]]
    after: dt.timedelta | None
    allow_close: bool

    def week(self, day: dt.date) -> int:
        return (day - self.start).days // 7 + 1

    def anchors(self, inside: Sequence[_Busy]) -> tuple[list[_Candidate], list[tuple[_Busy, str]]]:
        """The host sessions to place against, and the others with why they are unused."""
        wanted = _ANCHORS[self.role]
        candidates: list[_Candidate] = []
        unused: list[tuple[_Busy, str]] = []
        seen_days: set[dt.date] = set()
        for busy in inside:
            kind = busy.host.kind
            if kind not in wanted:
                unused.append((busy, _unused_reason(kind, self.role)))
                continue
            day = _local_day(busy.start, self.zone)
            if day in seen_days:
                unused.append(
                    (busy, f"a second {kind.label} session that day: one {self.role.label} a day")
                )
                continue
            seen_days.add(day)
            candidates.append(_Candidate(day=day, host=busy))
        return candidates, unused

    def rehab_days(
        self, inside: Sequence[_Busy], end: dt.date, at: dt.time
    ) -> tuple[list[_Candidate], list[tuple[_Busy, str]]]:
        """Every day of the plan without a strength session, at ``at``."""
        strength_days: set[dt.date] = set()
        unused: list[tuple[_Busy, str]] = []
        for busy in inside:
            if busy.host.kind.is_strength:
                strength_days.add(_local_day(busy.start, self.zone))
                unused.append(
                    (busy, f"{busy.host.kind.label} session ({busy.host.why}): no rehab that day")
                )
        candidates = []
        day = self.start
        while day < end:
            if day not in strength_days:
                moment, dst_note = local_start(day, at, self.zone)
                preferred = moment if self.zone is None else moment.astimezone(dt.UTC)
                candidates.append(
                    _Candidate(day=day, host=None, preferred=preferred, note=dst_note)
                )
            day += dt.timedelta(days=1)
        return candidates, unused

    def place(
        self,
        candidates: list[_Candidate],
        *,
        periodization: Periodization,
        rules: ProgressionRules | None,
        deload_every: int,
        plan_id: str,
    ) -> tuple[list[_Placed], list[str]]:
        """Dose and place the candidates; drop those that do not fit, and dose again."""
        dropped: dict[int, str] = {}
        while True:
            chosen = self._spaced(candidates, dropped)
            if not chosen:
                return [], _dropped_notes(candidates, dropped, self.zone)
            planned = plan_blocks(
                self.athlete,
                self.role,
                [self.week(candidates[i].day) for i in chosen],
                self.weeks,
                periodization=periodization,
                rules=rules,
                deload_every=deload_every,
            )
            placed: list[_Placed] = []
            failed = False
            uids: set[str] = set()
            for i, item in zip(chosen, planned, strict=True):
                candidate = candidates[i]
                length = session_length(item)
                begin, why = self._slot(candidate, length)
                uid = self._uid(candidate, plan_id)
                if begin is None or uid in uids:
                    dropped[i] = why if begin is None else "the same event appears twice"
                    failed = True
                    continue
                uids.add(uid)
                placed.append(
                    _Placed(
                        session=Session(
                            start=_local(begin, self.zone),
                            duration=length,
                            week=self.week(candidate.day),
                            role=self.role,
                            kind=item.kind,
                            uid=uid,
                            blocks=(to_block(item),),
                            notes=self._session_notes(candidate, begin, length, why),
                        ),
                        day=candidate.day,
                        busy=candidate.host,
                    )
                )
            if not failed:
                placed.sort(key=lambda p: _instant(p.session.start))
                return placed, _dropped_notes(candidates, dropped, self.zone)

    def _spaced(self, candidates: Sequence[_Candidate], dropped: dict[int, str]) -> list[int]:
        """The candidates kept after the spacing and weekly limits, in order.

        Hard roles need a day without hard work between two sessions (as build_plan
        counts its 48 hours) and at most 3 sessions a week for novices, 4 for others.
        Reasons for the candidates left out are written to ``dropped``.
        """
        hard = self.role in {Role.ACCESSORY, Role.FULL_BODY}
        cap = (3 if self.athlete.level is Level.NOVICE else 4) if hard else 7
        kept: list[int] = []
        per_week: collections.Counter[int] = collections.Counter()
        last: dt.date | None = None
        for i, candidate in enumerate(candidates):
            if i in dropped:
                continue
            week = self.week(candidate.day)
            if (
                hard
                and not self.allow_close
                and last is not None
                and (candidate.day - last).days < 2
            ):
                dropped[i] = (
                    f"less than 48 hours after the {self.role.label} session on {_day(last)} "
                    "(hard sessions need a day between; allow_close_sessions=True keeps it)"
                )
                continue
            if per_week[week] >= cap:
                dropped[i] = (
                    f"week {week} already has {cap} {self.role.label} sessions, the most for "
                    f"{self.athlete.level.value} {self.role.label} work"
                )
                continue
            per_week[week] += 1
            last = candidate.day
            kept.append(i)
        return kept

    def _uid(self, candidate: _Candidate, plan_id: str) -> str:
        if candidate.host is None:
            key = f"{plan_id}|{self.role.value}|day|{candidate.day.isoformat()}"
        else:
            host = candidate.host.host
            key = f"{plan_id}|{self.role.value}|{host.uid}|{host.occurrence.isoformat()}"
        return f"{uuid.uuid5(UID_NAMESPACE, key)}@legraise-plan"

    def _slot(self, candidate: _Candidate, length: dt.timedelta) -> tuple[dt.datetime | None, str]:
        """Where the session goes (time line), and a note; None and why when nowhere."""
        day = candidate.day
        day_start = _midnight(day, self.zone)
        day_end = _midnight(day + dt.timedelta(days=1), self.zone)
        host = candidate.host
        others = [b for b in self.busy.get(day, ()) if host is None or b.index != host.index]
        if host is None:  # rehab at ``at``
            assert candidate.preferred is not None  # noqa: S101 - set for every rehab day
            return _nearest(
                candidate.preferred, length, day_start, day_end - length, others, self.zone
            )
        if self.role is Role.WARM_UP:
            begin = host.start - length
            if begin < day_start:
                return None, f"the {_minutes(length)} warm-up would start the day before"
            clash = _clash(begin, host.start, others)
            if clash is not None:
                return None, (
                    f"{_event(clash, self.zone)} leaves no room for the {_minutes(length)} "
                    "warm-up before it"
                )
            return begin, ""
        if self.after is not None:
            preferred = host.start + self.after
        else:
            preferred = max(host.start, host.end - length)
        return _nearest(preferred, length, host.start, day_end - length, others, self.zone)

    def _session_notes(
        self, candidate: _Candidate, begin: dt.datetime, length: dt.timedelta, moved: str
    ) -> tuple[str, ...]:
        notes = []
        if candidate.host is not None:
            host = candidate.host
            notes.append(
                f"With {host.host.title!r} {_clock(host.start, self.zone)}-"
                f"{_clock(host.end, self.zone)} ({host.host.kind.label}: {host.host.why})."
            )
        else:
            notes.append("On a day without a strength session.")
        if candidate.note:
            notes.append(candidate.note)
        if moved:
            notes.append(
                f"Moved to {_clock(begin, self.zone)}-{_clock(begin + length, self.zone)}: {moved}."
            )
        return tuple(notes)


def _clash(begin: dt.datetime, end: dt.datetime, others: Iterable[_Busy]) -> _Busy | None:
    """The first host session that overlaps ``begin``-``end`` (touching is fine)."""
    for other in others:
        if other.start < end and begin < other.end:
            return other
    return None


def _nearest(  # noqa: PLR0917 - a small search over one day
    preferred: dt.datetime,
    length: dt.timedelta,
    lo: dt.datetime,
    hi: dt.datetime,
    others: Sequence[_Busy],
    zone: zoneinfo.ZoneInfo | None,
) -> tuple[dt.datetime | None, str]:
    """The free start nearest ``preferred`` within ``lo``..``hi`` (later first on ties).

    Free starts form intervals whose ends are ``lo``, ``hi`` or the edges of host
    sessions, so the nearest one is ``preferred`` itself or one of those.
    """
    blocking = _clash(preferred, preferred + length, others)
    if blocking is None and lo <= preferred <= hi:
        return preferred, ""
    points = {lo, hi}
    for other in others:
        points.add(other.end)
        points.add(other.start - length)
    ordered = sorted(
        (p for p in points if lo <= p <= hi),
        key=lambda p: (abs(p - preferred), p < preferred, p),
    )
    for point in ordered:
        if _clash(point, point + length, others) is None:
            if blocking is None:
                return point, "the usual time falls outside the day"
            return point, f"{_event(blocking, zone)} overlapped the usual time"
    if blocking is None:
        return None, "no free time that day"
    return None, f"no free time that day ({_event(blocking, zone)} overlaps)"


# --------------------------------------------------------------------------- notes


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _clock(moment: dt.datetime, zone: zoneinfo.ZoneInfo | None) -> str:
    return f"{_local(moment, zone):%H:%M}"


def _minutes(length: dt.timedelta) -> str:
    return f"{int(length.total_seconds() // 60)}-minute"


def _event(busy: _Busy, zone: zoneinfo.ZoneInfo | None) -> str:
    return f"{busy.host.title!r} {_clock(busy.start, zone)}-{_clock(busy.end, zone)}"


def _when(busy: _Busy, zone: zoneinfo.ZoneInfo | None) -> str:
    return f"{_day(_local_day(busy.start, zone))} {_clock(busy.start, zone)} {busy.host.title!r}"


def _unused_reason(kind: HostKind, role: Role) -> str:
    if kind is HostKind.OTHER:
        return "not a strength session"
    if kind is HostKind.UPPER_BODY:
        return "an upper-body session: no leg raises go with it"
    return f"a {kind.label} session: {role.label} blocks go only into full-body sessions"


def _unused_notes(
    unused: Sequence[tuple[_Busy, str]], role: Role, zone: zoneinfo.ZoneInfo | None
) -> list[str]:
    """One note per title (with a count when it repeats), the most frequent first."""
    groups: dict[tuple[str, str], list[_Busy]] = {}
    for busy, reason in unused:
        groups.setdefault((busy.host.title, reason), []).append(busy)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))
    notes = []
    for (title, reason), items in ordered[:_MAX_TITLES]:
        first = items[0]
        if len(items) == 1:
            notes.append(f"{_day(_local_day(first.start, zone))} {title!r} — {reason}.")
        else:
            notes.append(
                f"{title!r} ({len(items)} times from {_day(_local_day(first.start, zone))}) "
                f"— {reason}."
            )
    rest = sum(len(items) for _, items in ordered[_MAX_TITLES:])
    if rest:
        notes.append(f"… and {rest} more host events not used for {role.label} work.")
    return notes


def _matched_notes(placed: Sequence[_Placed], role: Role) -> list[str]:
    if role is Role.REHAB:
        return [f"Rehab on {len(placed)} days without a strength session."] if placed else []
    groups: collections.Counter[tuple[str, str, str]] = collections.Counter()
    for item in placed:
        if item.host is not None:
            groups[item.host.title, item.host.kind.label, item.host.why] += 1
    notes = []
    for (title, kind, why), count in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])):
        times = "once" if count == 1 else f"{count} times"
        notes.append(f"Matched {title!r} ({kind}: {why}): {_VERB[role]}, {times}.")
    return notes


def _dropped_notes(
    candidates: Sequence[_Candidate], dropped: dict[int, str], zone: zoneinfo.ZoneInfo | None
) -> list[str]:
    notes = []
    for i in sorted(dropped)[:_MAX_LISTED]:
        candidate = candidates[i]
        if candidate.host is not None:
            what = _when(candidate.host, zone)
        else:
            what = f"{_day(candidate.day)} (rehab)"
        notes.append(f"{what} — left out: {dropped[i]}.")
    rest = len(dropped) - _MAX_LISTED
    if rest > 0:
        notes.append(f"… and {rest} more left out for the same reasons.")
    return notes


def _nothing_found(role: Role, inside: Sequence[_Busy], start: dt.date, end: dt.date) -> str:
    wanted = " or ".join(k.label for k in sorted(_ANCHORS[role])) or "free"
    window = f"between {start.isoformat()} and {(end - dt.timedelta(days=1)).isoformat()}"
    kinds = collections.Counter(b.host.kind.label for b in inside)
    found = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no events"
    examples = ", ".join(repr(t) for t in dict.fromkeys(b.host.title for b in inside))
    listed = f" ({examples:.120})" if examples else ""
    what = "days" if role is Role.REHAB else "sessions"
    return (
        f"host_sessions must include {wanted} {what} for {role.label} work {window}; "
        f"found {found}{listed}"
    )
