"""Close the loop: :func:`adapt` a plan to its training log, :func:`continue_plan`, :func:`diff`.

:func:`adapt` replays the plan from its first session with the plan's own rules: each
logged session's outcome goes through the progression engine in order (a base day
advances the progression from what was really done, any other day moves it only
through the pain rules, a session not done trains nothing), and every session still
to come is dosed again from where that leaves the athlete.  Logged sessions keep the
dose they had and show what was done; sessions to come keep their uids, and those
whose content changed count one more revision (``Session.sequence``, the iCalendar
``SEQUENCE``), so a calendar that imported the plan updates in place.

The module is pure: no clock (``today`` is an argument) and no I/O.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from legraise_plan.dosing import PlannedBlock, dose_for, plan_days, planned_blocks
from legraise_plan.equipment import Load
from legraise_plan.errors import LogError, PlanError
from legraise_plan.log import SessionLog, SetLog, TrainingLog
from legraise_plan.periodization import DayKind, DayPlan, Observed, Periodization
from legraise_plan.plan import (
    Block,
    Plan,
    Session,
    SessionStatus,
    anchor_of,
    place,
    placed_note,
    plan_from_options,
    session_length,
    to_block,
)
from legraise_plan.progression import Ladder, ProgressionState, Rung, Step, build_ladder
from legraise_plan.schedule import Weekday, local_start, next_monday, resolve_zone


__all__ = ["Missed", "PlanDiff", "adapt", "continue_plan", "diff", "log_as_planned"]

#: Plan notes written by :func:`adapt` start with this; adapting again replaces them.
ADAPTED: Final = "Adapted on "
#: Plan notes written by :func:`continue_plan` start with this.
CONTINUED: Final = "Continues "
_MAX_WEEKS: Final = 52
_BLOCK_CYCLE_WEEKS: Final = 6


class Missed(enum.StrEnum):
    """What :func:`adapt` does with past sessions that have no log."""

    #: Treat them as skipped: nothing was trained, the plan goes on on its dates.
    SKIP = "skip"
    #: Move the rest of the plan later by the whole weeks lost since the first of them.
    SHIFT = "shift"


@attrs.frozen(kw_only=True)
class PlanDiff:
    """How a plan changed, by session uid (each tuple in the new plan's time order).

    ``logged`` sessions gained (or changed) what was logged; ``missed`` ones are past
    with no log, now marked skipped; ``changed`` sessions to come got another dose, time
    or note; ``cancelled`` ones were cancelled (or dropped); ``added`` ones are new.
    """

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    logged: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line, e.g. ``2 logged, 0 missed, 3 changed, 0 cancelled, 0 added, 13 unchanged``."""
        return (
            f"{len(self.logged)} logged, {len(self.missed)} missed, {len(self.changed)} changed, "
            f"{len(self.cancelled)} cancelled, {len(self.added)} added, "
            f"{len(self.unchanged)} unchanged"
        )

    @property
    def is_empty(self) -> bool:
        """True when nothing but unchanged sessions is listed."""
        return not (self.added or self.changed or self.cancelled or self.logged or self.missed)


def _content(session: Session) -> tuple[Any, ...]:
    """What a calendar shows of a session (its revision ``sequence`` aside)."""
    return (
        session.start,
        session.duration,
        session.week,
        session.kind,
        session.blocks,
        session.notes,
        session.status,
        session.log,
    )


def diff(old: Plan, new: Plan) -> PlanDiff:
    """Sessions added, changed, cancelled, logged and unchanged from ``old`` to ``new``.

    >>> import datetime as dt, legraise_plan as lp
    >>> plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7))
    >>> lp.diff(plan, plan).summary()
    '0 logged, 0 missed, 0 changed, 0 cancelled, 0 added, 18 unchanged'
    """
    for name, value in (("old", old), ("new", new)):
        _check_plan(name, value)
    before = {s.uid: s for s in old.sessions}
    kinds = ("added", "changed", "cancelled", "logged", "missed")
    groups: dict[str, list[str]] = {k: [] for k in kinds}
    unchanged = []
    for session in new.sessions:
        was = before.pop(session.uid, None)
        if was is None:
            groups["added"].append(session.uid)
        elif _content(was) == _content(session):
            unchanged.append(session.uid)
        elif session.status is SessionStatus.CANCELLED:
            groups["cancelled"].append(session.uid)
        elif session.status is SessionStatus.SKIPPED and session.log is None:
            groups["missed"].append(session.uid)
        elif session.status in {SessionStatus.DONE, SessionStatus.SKIPPED}:
            groups["logged"].append(session.uid)
        else:
            groups["changed"].append(session.uid)
    groups["cancelled"].extend(before)  # sessions the new plan no longer has
    return PlanDiff(
        added=tuple(groups["added"]),
        changed=tuple(groups["changed"]),
        cancelled=tuple(groups["cancelled"]),
        logged=tuple(groups["logged"]),
        missed=tuple(groups["missed"]),
        unchanged=tuple(unchanged),
    )


def log_as_planned(session: Session, *, date: dt.date | None = None) -> SessionLog:
    """A log of ``session`` done exactly as prescribed, with no pain the next morning.

    ``date`` is when it was done (by default its planned date).  Handy to record a
    session that went to plan, or to simulate a log.
    """
    if not isinstance(session, Session):
        raise PlanError(f"session must be a Session, got {session!r:.80}", field="session")
    block = session.blocks[0]
    return SessionLog(
        uid=session.uid,
        date=session.start.date() if date is None else _check_date("date", date),
        sets=tuple(SetLog.both(block.reps) for _ in range(block.sets)),
        morning_pain=0,
    )


# --------------------------------------------------------------------------- checks


def _check_plan(name: str, value: object) -> Plan:
    if not isinstance(value, Plan):
        raise PlanError(f"{name} must be a Plan, got {value!r:.80}", field=name)
    return value


def _check_weeks(weeks: object) -> int:
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= _MAX_WEEKS:
        raise PlanError(
            f"weeks must be a whole number 1..{_MAX_WEEKS}, got {weeks!r}", field="weeks"
        )
    return weeks


def _check_plan_and_log(plan: object, log: object) -> tuple[Plan, TrainingLog]:
    plan = _check_plan("plan", plan)
    if not isinstance(log, TrainingLog):
        raise LogError(f"log must be a TrainingLog, got {log!r:.80}", field="log")
    return plan, log


def _check_date(name: str, value: object) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise PlanError(f"{name} must be a datetime.date, got {value!r}", field=name)
    return value


def _entries(plan: Plan, log: TrainingLog, today: dt.date | None) -> dict[str, SessionLog]:
    """The entry that counts per session: the log's latest, else the one the plan holds."""
    entries = {s.uid: s.log for s in plan.sessions if s.log is not None}
    entries.update(log.latest())
    uids = {s.uid for s in plan.sessions}
    for uid, entry in entries.items():
        if uid not in uids:
            raise LogError(
                f"uid must name a session of this plan, got {uid!r:.80} (logged on "
                f"{entry.date.isoformat()})",
                field="uid",
            )
        if today is not None and entry.date > today:
            raise LogError(
                f"date must not be after today ({today.isoformat()}), got "
                f"{entry.date.isoformat()} for session {uid}",
                field="date",
            )
    return entries


def _label(day: dt.date) -> str:
    """A date as reasons write it: ``Wed 9 Dec``."""
    return f"{day:%a} {day.day} {day:%b}"


# --------------------------------------------------------------------------- replay


@attrs.frozen(kw_only=True)
class _Replay:
    """A plan's sessions replayed against its log: each day's dose and where it ends."""

    ladder: Ladder
    days: tuple[DayPlan, ...]
    end: Step


def _spellings(rung: Rung) -> frozenset[str]:
    """How a log may name a rung's load: the plan's label, or its first part."""
    label = rung.load.label
    names = {label, label.split(",")[0], label.removesuffix("/ankle"), rung.label}
    return frozenset(" ".join(name.casefold().split()) for name in names)


def _match(name: str, ladder: Ladder, session: Session) -> list[Rung]:
    matches = [r for r in ladder if name in _spellings(r)]
    if not matches:
        allowed = ", ".join(dict.fromkeys(r.load.label.split(",")[0] for r in ladder))
        raise LogError(
            f"load must be one on this plan's ladder ({allowed}), got {name!r:.80} for "
            f"session {session.uid}",
            field="load",
        )
    return matches


def _rung_of(ladder: Ladder, variation: str, load: Load, hold: int) -> Rung | None:
    """The rung with this variation and load whose own pause fits ``hold`` best."""
    fits = [
        r for r in ladder if r.variation.id == variation and r.load == load and r.extra_hold <= hold
    ]
    return max(fits, key=lambda r: r.extra_hold, default=None)


def _dose_done(
    entry: SessionLog,
    session: Session,
    ladder: Ladder,
    find: Callable[[Block], tuple[int, Rung | None]],
) -> ProgressionState | None:
    """What the athlete set out to do: the session's dose, on the load the sets used.

    The dose is the one the session showed when it was done (its block), found on the
    ladder by variation, load and top hold.  A load is named as the plan writes it
    (``"band red, anchored at the ankle"``) or by its first part (``"band red"``,
    ``"ankle weights 1.5 kg"``), in any case; the sets' most used load counts, and among
    rungs with that load the one in the prescribed position.  None when the block is not
    on the ladder and no load was named.
    """
    block = session.blocks[0]
    hold, here = find(block)
    names = [" ".join(label.casefold().split()) for label in entry.loads if label is not None]
    rung = here
    if names:
        matches = _match(max(names, key=names.count), ladder, session)
        if here is None or here not in matches:
            same = [r for r in matches if r.variation.position is block.variation.position]
            rung = (same or matches)[0]
    if rung is None:
        return None
    extra = max(0, hold - rung.extra_hold) if rung is here else 0
    return ProgressionState(
        rung=rung.index, sets=block.sets, reps=block.reps, extra_hold=min(extra, 10)
    )


def _observe(
    plan: Plan,
    sessions: Sequence[Session],
    ladder: Ladder,
    entries: Mapping[str, SessionLog],
    missed: Iterable[int],
) -> list[Observed | None]:
    """What the replay knows of each session: its log, not done, or (None) as planned."""
    observed: list[Observed | None] = [None] * len(sessions)
    base_hold = dose_for(plan.athlete, plan.role).tempo.hold
    found: dict[tuple[str, Load, int], Rung | None] = {}

    def find(block: Block) -> tuple[int, Rung | None]:
        hold = max(0, block.tempo.hold - base_hold)
        key = (block.variation.id, block.load, hold)
        if key not in found:
            found[key] = _rung_of(ladder, *key)
        return hold, found[key]

    for index in missed:
        observed[index] = Observed(
            outcome=None, label=_label(sessions[index].start.date()), why="no log"
        )
    for index, session in enumerate(sessions):
        entry = entries.get(session.uid)
        if entry is None:
            continue
        label = _label(entry.date)
        if entry.skipped is not None:
            observed[index] = Observed(outcome=None, label=label, why=entry.skipped)
        else:
            dose = _dose_done(entry, session, ladder, find)
            observed[index] = Observed(outcome=entry.outcome(), label=label, dose=dose)
    return observed


def _replay(
    plan: Plan,
    sessions: Sequence[Session],
    entries: Mapping[str, SessionLog],
    unlogged: Iterable[int],
) -> _Replay:
    """Dose ``sessions`` (the plan's, perhaps moved) again from the plan's start."""
    options = plan.options
    ladder = build_ladder(plan.athlete, plan.role)
    observed = _observe(plan, sessions, ladder, entries, unlogged)
    origin = options.origin()
    end: list[Step] = []
    ladder, days = plan_days(
        plan.athlete,
        plan.role,
        [s.week for s in sessions],
        max(plan.weeks, *(s.week for s in sessions)),
        periodization=plan.periodization,
        rules=options.rules,
        ladder=ladder,
        deload_every=options.deload_every,
        start=origin,
        kinds=[s.kind for s in sessions],
        observed=observed,
        end=end,
    )
    return _Replay(ladder=ladder, days=days, end=end[0])


# --------------------------------------------------------------------------- adapt


def _shift(
    plan: Plan, entries: Mapping[str, SessionLog], today: dt.date
) -> tuple[tuple[Session, ...], int]:
    """The sessions with the trailing run of unlogged past sessions moved on by whole weeks.

    Unlogged past sessions after the last logged one, and everything after them, move
    later by the fewest whole weeks that put the first of them on or after ``today``.
    """
    last_logged = max((i for i, s in enumerate(plan.sessions) if s.uid in entries), default=-1)
    first = next(
        (
            i
            for i, s in enumerate(plan.sessions)
            if i > last_logged
            and s.start.date() < today
            and s.status is not SessionStatus.CANCELLED
        ),
        None,
    )
    if first is None:
        return plan.sessions, 0
    lost = (today - plan.sessions[first].start.date()).days
    weeks = math.ceil(lost / 7)
    last_week = plan.sessions[-1].week + weeks
    if last_week > _MAX_WEEKS:
        raise PlanError(
            f"missed must be skip here: shifting by {weeks} weeks would run the plan to week "
            f"{last_week}, past the {_MAX_WEEKS}-week limit",
            field="missed",
        )
    zone = resolve_zone(plan.tz)
    moved = list(plan.sessions[:first])
    for session in plan.sessions[first:]:
        anchor = anchor_of(session, plan.options.after)
        # The session's own time of day (a plan around a calendar has no single time),
        # except where a clock change had moved it away from the plan's time.
        at = plan.at if _clock_note(session) else anchor.time()
        new_anchor, note = local_start(anchor.date() + dt.timedelta(weeks=weeks), at, zone)
        start = place(new_anchor, plan.role, session.duration, plan.options.after)
        notes = tuple(n for n in session.notes if not _clock_note_text(n))
        extra = tuple(n for n in (note, placed_note(start, new_anchor)) if n)
        moved.append(
            attrs.evolve(session, start=start, week=session.week + weeks, notes=(*notes, *extra))
        )
    return tuple(moved), weeks


def _clock_note_text(note: str) -> bool:
    return "clocks change" in note


def _clock_note(session: Session) -> bool:
    """True when a clock change moved or pinned the session's time (its note says so)."""
    return any(_clock_note_text(note) for note in session.notes)


def _on_weekly_grid(plan: Plan) -> bool:
    """True when every session keeps the plan's weekdays and time (a plan of build_plan).

    A plan made around the athlete's own calendar places each session against a host
    session instead, so it has no grid a next block could follow.
    """
    for session in plan.sessions:
        if _clock_note(session) or any(n.startswith("moved from") for n in session.notes):
            continue
        anchor = anchor_of(session, plan.options.after)
        weekday = Weekday.parse(("MO", "TU", "WE", "TH", "FR", "SA", "SU")[anchor.weekday()])
        if anchor.time() != plan.at or weekday not in plan.days:
            return False
    return True


def _revised(old: Session, new: Session) -> Session:
    """``new`` with one more revision than ``old`` when a calendar would show a change."""
    if _content(old) == _content(new):
        return attrs.evolve(new, sequence=old.sequence)
    return attrs.evolve(new, sequence=old.sequence + 1)


def _past(session: Session, entry: SessionLog | None) -> Session:
    """A session before today: its dose as it was, with what was logged."""
    notes = tuple(n for n in session.notes if n != _NO_LOG)
    if entry is None:
        return attrs.evolve(
            session, status=SessionStatus.SKIPPED, log=None, notes=(*notes, _NO_LOG)
        )
    status = SessionStatus.SKIPPED if entry.is_skipped else SessionStatus.DONE
    return attrs.evolve(session, status=status, log=entry, notes=notes)


_NO_LOG: Final = "no log for this session: treated as skipped"


def _to_come(plan: Plan, session: Session, day: DayPlan, item: PlannedBlock) -> Session:
    """A session still to come, dosed again (or cancelled once pain escalated)."""
    keep = tuple(n for n in session.notes if n != _NO_LOG and not n.startswith(_CANCELLED))
    if day.cancelled:
        return attrs.evolve(
            session,
            status=SessionStatus.CANCELLED,
            log=None,
            notes=(*keep, _CANCELLED + day.plain),
        )
    duration = session_length(item)
    anchor = anchor_of(session, plan.options.after)
    start = place(anchor, plan.role, duration, plan.options.after)
    if start != session.start:  # a warm-up of another length: its repeated-hour note too
        old, new = placed_note(session.start, anchor), placed_note(start, anchor)
        keep = tuple(n for n in keep if not old or n != old)
        keep = (*keep, new) if new else keep
    return attrs.evolve(
        session,
        start=start,
        duration=duration,
        blocks=(to_block(item),),
        status=SessionStatus.PLANNED,
        log=None,
        notes=keep,
    )


_CANCELLED: Final = "cancelled: "


def adapt(
    plan: Plan,
    log: TrainingLog,
    *,
    today: dt.date,
    missed: Missed | str = Missed.SKIP,
) -> Plan:
    """The plan with what was logged, and every session still to come dosed again from it.

    Sessions logged, or dated before ``today``, are past: they keep their dose and show
    what was logged (status done or skipped).  The rest is recomputed with the plan's
    own rules from the state the log implies, each changed block saying why (``Wed 9
    Dec: pain 6/10 during (above 5) → regress: …``), and keeps its uid.  Past sessions
    with no log are treated as skipped (``missed="skip"``), or the rest of the plan
    moves later by the whole weeks lost (``missed="shift"``); the plan's notes say
    which.  Once pain escalates (stop and refer) every session to come is cancelled
    with the reason.  A log of exactly what the plan expected changes no session to
    come.

    Raises:
        LogError: a log entry names a session the plan does not have, is dated after
            ``today``, or names a load that is not on the plan's ladder.
        PlanError: bad arguments, or a shift that would pass 52 weeks.
    """
    plan, log = _check_plan_and_log(plan, log)
    today = _check_date("today", today)
    try:
        missed = Missed(missed)
    except ValueError:
        allowed = ", ".join(m.value for m in Missed)
        raise PlanError(
            f"missed must be one of {allowed}, got {missed!r}", field="missed"
        ) from None
    entries = _entries(plan, log, today)
    sessions, shifted = plan.sessions, 0
    if missed is Missed.SHIFT:
        sessions, shifted = _shift(plan, entries, today)
    past = [s.uid in entries or s.start.date() < today for s in sessions]
    unlogged = [
        i
        for i, s in enumerate(sessions)
        if past[i] and s.uid not in entries and s.status is not SessionStatus.CANCELLED
    ]
    replay = _replay(plan, sessions, entries, unlogged)
    items = planned_blocks(plan.athlete, plan.role, replay.ladder, replay.days)
    new_sessions = []
    for index, (old, moved) in enumerate(zip(plan.sessions, sessions, strict=True)):
        if past[index] and (old.status is not SessionStatus.CANCELLED or old.uid in entries):
            session = _past(moved, entries.get(moved.uid))
        elif past[index]:
            session = moved  # cancelled before, and still not done
        else:
            session = _to_come(plan, moved, replay.days[index], items[index])
        new_sessions.append(_revised(old, session))
    weeks = max(plan.weeks, *(s.week for s in new_sessions))
    earlier = [n for n in plan.notes if n.startswith(ADAPTED)]
    notes = [n for n in plan.notes if not n.startswith(ADAPTED)]
    head = _adapt_note(today, entries, unlogged, shifted)
    if not shifted:  # a shift done before still stands: keep saying so
        kept = [n for n in earlier if _SHIFTED in n]
        if kept and kept[-1].startswith(head):  # the same adapt again: the same note
            head = kept.pop()
        notes.extend(kept)
    notes.append(head)
    notes.extend(ADAPTED[:-1] + f" {today.isoformat()}: {n}" for n in log.notes)
    if replay.end.state.stopped:
        notes.append(f"{ADAPTED}{today.isoformat()}: exercise stopped — {replay.end.plain}")
    return attrs.evolve(plan, sessions=tuple(new_sessions), weeks=weeks, notes=tuple(notes))


_SHIFTED: Final = "the rest moved"


def _adapt_note(
    today: dt.date, entries: Mapping[str, SessionLog], unlogged: Sequence[int], shifted: int
) -> str:
    done = sum(1 for e in entries.values() if not e.is_skipped)
    head = (
        f"{ADAPTED}{today.isoformat()} from {done} sessions done and {len(entries) - done} skipped"
    )
    if shifted:
        plural = "s" if shifted > 1 else ""
        return f"{head}; {_SHIFTED} {shifted} week{plural} later for past sessions with no log"
    if unlogged:
        return f"{head}; {len(unlogged)} past sessions with no log treated as skipped"
    return head


# --------------------------------------------------------------------------- continue


def _cycle_offset(plan: Plan) -> int:
    """Weeks of the deload (or block) cycle done when ``plan`` ends."""
    options = plan.options
    if plan.periodization is Periodization.BLOCK:
        return (options.phase_offset + plan.weeks) % _BLOCK_CYCLE_WEEKS
    deload_weeks = {s.week for s in plan.sessions if s.kind is DayKind.DELOAD}
    done = options.phase_offset
    for week in range(1, plan.weeks + 1):
        done = 0 if week in deload_weeks else done + 1
    return min(done, options.deload_every - 1)


def continue_plan(
    plan: Plan,
    log: TrainingLog,
    *,
    weeks: int = 6,
    start: dt.date | None = None,
    assume_done: bool = True,
) -> Plan:
    """The next block of ``weeks`` weeks, from where the log leaves the athlete.

    Same athlete, role, days, time, zone, periodization and options; the first session
    starts from the state the whole plan and its log lead to (rung, sets, reps, and the
    pain history), and the deload rhythm carries on, so a deload that is due comes
    first.  ``start`` defaults to the Monday after the last session.  Sessions with no
    log count as done as prescribed (``assume_done=True``, what the plan expected) or
    as skipped; the new plan's notes say which.  New dates give new uids.

    Raises:
        LogError: a log entry names a session the plan does not have, or a load that
            is not on its ladder.
        PlanError: bad arguments, a start before the plan's last session, or a log
            whose pain stopped the exercise (get assessed, then build a new plan).
    """
    plan, log = _check_plan_and_log(plan, log)
    weeks = _check_weeks(weeks)
    if not isinstance(assume_done, bool):
        raise PlanError(
            f"assume_done must be True or False, got {assume_done!r}", field="assume_done"
        )
    last = max(s.start.date() for s in plan.sessions)
    start = next_monday(last) if start is None else _check_date("start", start)
    if start <= last:
        raise PlanError(
            f"start must be after the plan's last session ({last.isoformat()}), got "
            f"{start.isoformat()}",
            field="start",
        )
    if not _on_weekly_grid(plan):
        raise PlanError(
            "plan follows a calendar of your own training (made with plan_around), so it has "
            "no weekly days and time to continue on: plan the next block with plan_around "
            "from a later start (legraise-plan around)",
            field="plan",
        )
    entries = _entries(plan, log, None)
    unlogged = [
        i
        for i, s in enumerate(plan.sessions)
        if s.uid not in entries and s.status is not SessionStatus.CANCELLED
    ]
    # Sessions adapt already found missed stay missed, whatever assume_done says.
    missed = [
        i for i in unlogged if not assume_done or plan.sessions[i].status is SessionStatus.SKIPPED
    ]
    replay = _replay(plan, plan.sessions, entries, missed)
    end = replay.end
    if end.state.stopped:
        raise PlanError(
            f"log stopped this exercise after escalating pain ({end.reason}); once a "
            "physiotherapist or doctor has assessed it, build a new plan with build_plan",
            field="log",
        )
    rung = replay.ladder[end.state.rung]
    reason = f"continued from the plan ending {last.isoformat()} on {rung.label}"
    if end.reason:
        reason += f" ({end.reason})"
    options = attrs.evolve(
        plan.options,
        start_state=end.state,
        start_reason=reason,
        phase_offset=_cycle_offset(plan),
    )
    new = plan_from_options(
        plan.athlete,
        role=plan.role,
        weeks=weeks,
        start=start,
        days=plan.days,
        at=plan.at,
        tz=plan.tz,
        periodization=plan.periodization,
        note=plan.note,
        plan_id=plan.plan_id,
        options=options,
    )
    note = (
        f"{CONTINUED}the plan of {plan.start.isoformat()} to {last.isoformat()}: "
        f"{len(entries)} sessions logged"
    )
    if missed:
        note += f", {len(missed)} with no log counted as skipped"
    if len(unlogged) > len(missed):
        note += f", {len(unlogged) - len(missed)} with no log counted as done as prescribed"
    return attrs.evolve(new, notes=(*new.notes, note))
