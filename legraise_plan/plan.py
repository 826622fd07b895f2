"""The plan you get back, and :func:`build_plan`, which puts the doses on real dates."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

from legraise_plan import _validate as v
from legraise_plan.athlete import Athlete, Level
from legraise_plan.catalog import Variation
from legraise_plan.dosing import PlannedBlock, frequency_notes, plan_blocks, safety_notes
from legraise_plan.equipment import Load
from legraise_plan.errors import PlanError, ScheduleError
from legraise_plan.log import SessionLog
from legraise_plan.periodization import DayKind, Periodization
from legraise_plan.prescription import Prescription, Role, Tempo, round_up_to_5_minutes
from legraise_plan.progression import Change, ProgressionRules, ProgressionState, Step
from legraise_plan.schedule import Weekday, parse_days, repeated_note, schedule_slots


__all__ = ["Block", "Plan", "PlanOptions", "Session", "SessionStatus", "build_plan"]

#: Namespace of session UIDs: ``<uuid5(plan id, role)>-<planned date YYYYMMDD>@legraise-plan``.
UID_NAMESPACE = uuid.UUID("6f0b1c52-3a52-5c4e-9d59-2b8d4c1f7a10")
_MAX_WEEKS = 52


@attrs.frozen(kw_only=True)
class Block:
    """One exercise block of a session: the prescription and why it is dosed so.

    ``reason`` says why in words a trainee reads, about the dose this block shows
    (``All reps done last session: 2 more reps per set (12 per leg).``).  For apps,
    ``change`` is what the progression last decided (a
    :class:`~legraise_plan.progression.Change`; the session's ``kind`` says how a heavy,
    light, volume or peak day varies it), and ``detail`` is the engine's trace for
    coaches (``all sets hit 10/leg → 12 reps on standing, bodyweight``).  Blocks read
    from files saved before these existed have ``change=None`` and no ``detail``.
    """

    prescription: Prescription = attrs.field(validator=v.instance_of(Prescription, PlanError))
    reason: str = attrs.field(validator=v.text(2000, PlanError))
    change: Change | None = attrs.field(
        default=None, validator=attrs.validators.optional(v.member_of(Change, PlanError))
    )
    detail: str = attrs.field(default="", validator=v.text(2000, PlanError))

    @property
    def variation(self) -> Variation:
        """The exercise variation (with its stable ``id``)."""
        return self.prescription.variation

    @property
    def sets(self) -> int:
        """Number of sets."""
        return self.prescription.sets

    @property
    def reps(self) -> int:
        """Target reps per leg in each set."""
        return self.prescription.reps

    @property
    def load(self) -> Load:
        """The load, with its ``equipment``."""
        return self.prescription.load

    @property
    def tempo(self) -> Tempo:
        """Lift-hold-lower seconds."""
        return self.prescription.tempo

    @property
    def rest(self) -> dt.timedelta:
        """Rest between sets."""
        return self.prescription.rest

    @property
    def rir(self) -> int:
        """Reps in reserve at the end of each set."""
        return self.prescription.rir


#: Plans start within these dates, so every date and time they hold (and their
#: conversions to UTC) stays far from the calendar's ends.
FIRST_START: Final = dt.date(1900, 1, 1)
LAST_START: Final = dt.date(9000, 12, 31)
#: The longest a session may last.
MAX_DURATION: Final = dt.timedelta(hours=24)


def _check_start(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise PlanError(f"start must be a date, got {value!r:.60}", field="start")
    check_start(value)


def check_flag(name: str, value: object) -> None:
    """Raise unless the option ``name`` is ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise ScheduleError(f"{name} must be True or False, got {value!r:.60}", field=name)


def check_start(value: dt.date) -> None:
    """Raise unless ``value`` is a day a plan may start on."""
    if not FIRST_START <= value <= LAST_START:
        raise ScheduleError(
            f"start must be from {FIRST_START.isoformat()} to {LAST_START.isoformat()}, got "
            f"{value.isoformat()}",
            field="start",
        )


def _check_duration(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.timedelta) or not dt.timedelta(0) < value <= MAX_DURATION:
        raise PlanError(
            f"duration must be a timedelta above 0 and at most 24 hours, got {value!r:.60}",
            field="duration",
        )


class SessionStatus(enum.StrEnum):
    """Where a session stands: still planned, done or skipped (logged), or cancelled."""

    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


def _check_log(inst: Session, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, SessionLog):
        raise PlanError(f"log must be a SessionLog or None, got {value!r:.80}", field="log")
    status = inst.status
    if status is SessionStatus.DONE and (value is None or value.is_skipped):
        raise PlanError("log must record the sets done for a done session, got none", field="log")
    if status in {SessionStatus.PLANNED, SessionStatus.CANCELLED} and value is not None:
        raise PlanError(f"log must be None for a {status.value} session", field="log")
    if status is SessionStatus.SKIPPED and value is not None and not value.is_skipped:
        raise PlanError("log of a skipped session must be a skipped SessionLog", field="log")
    if value is not None and value.uid != inst.uid:
        raise PlanError(
            f"log.uid must be the session's uid {inst.uid!r}, got {value.uid!r}", field="log"
        )


@attrs.frozen(kw_only=True)
class Session:
    """One training session on a real date and time.

    ``start`` is zone-aware for a zoned plan and naive for floating local time.
    ``uid`` is stable: the same inputs give the same uid, so a re-imported calendar
    updates events instead of duplicating them.
    """

    start: dt.datetime = attrs.field(validator=v.instance_of(dt.datetime, PlanError))
    duration: dt.timedelta = attrs.field(validator=_check_duration)
    week: int = attrs.field(validator=v.int_in(1, _MAX_WEEKS, PlanError))
    role: Role = attrs.field(validator=v.member_of(Role, PlanError))
    kind: DayKind = attrs.field(validator=v.member_of(DayKind, PlanError))
    uid: str = attrs.field(validator=v.text(200, PlanError, one_line=True))
    blocks: tuple[Block, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(Block, PlanError, non_empty=True)
    )
    notes: tuple[str, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.texts(2000, PlanError)
    )
    #: Planned, or after :func:`legraise_plan.adapt`: done, skipped or cancelled.
    status: SessionStatus = attrs.field(
        default=SessionStatus.PLANNED, validator=v.member_of(SessionStatus, PlanError)
    )
    #: What was logged for a done or skipped session.
    log: SessionLog | None = attrs.field(default=None, validator=_check_log)
    #: How many times the session's content changed since first published (iCalendar SEQUENCE).
    sequence: int = attrs.field(default=0, validator=v.int_in(0, 10_000, PlanError))

    @property
    def is_deload(self) -> bool:
        """True for a deload session."""
        return self.kind is DayKind.DELOAD

    @property
    def end(self) -> dt.datetime:
        """When the session ends: start + estimated duration of elapsed time."""
        return _place(self.start, self.duration)

    @property
    def volume(self) -> int:
        """Reps per leg in the session (sets × reps, summed over blocks)."""
        return sum(b.prescription.volume for b in self.blocks)


def _optional(kind: type[Any]) -> Any:
    return v.instance_of((kind, type(None)), PlanError)


#: The most an accessory block may start after the main lifts.
MAX_AFTER: Final = dt.timedelta(hours=6)


def _check_after(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (
        not isinstance(value, dt.timedelta) or not dt.timedelta(0) <= value <= MAX_AFTER
    ):
        raise ScheduleError(
            f"after must be a timedelta from 0 to 6 hours or None, got {value!r}", field="after"
        )


@attrs.frozen(kw_only=True)
class PlanOptions:
    """How a plan was built, kept so that adapting and continuing it follow the same rules.

    ``start_state`` and ``start_reason`` are where a continued plan begins (None: the
    athlete's starting state); ``phase_offset`` how many weeks of the deload or block
    cycle came before week 1.
    """

    rules: ProgressionRules | None = attrs.field(
        default=None, validator=_optional(ProgressionRules)
    )
    deload_every: int = attrs.field(default=6, validator=v.int_in(3, 12, PlanError))
    after: dt.timedelta | None = attrs.field(default=None, validator=_check_after)
    allow_close_sessions: bool = attrs.field(
        default=False, validator=v.instance_of(bool, PlanError)
    )
    skip: tuple[dt.date, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.items_of(dt.date, PlanError)
    )
    reschedule: bool = attrs.field(default=False, validator=v.instance_of(bool, PlanError))
    start_state: ProgressionState | None = attrs.field(
        default=None, validator=_optional(ProgressionState)
    )
    start_reason: str = attrs.field(default="", validator=v.text(2000, PlanError))
    phase_offset: int = attrs.field(default=0, validator=v.int_in(0, 52, PlanError))

    def origin(self) -> Step | None:
        """The step a continued plan starts from, or None to start from scratch."""
        if self.start_state is None:
            return None
        return Step(
            state=self.start_state,
            change=Change.START,
            reason=self.start_reason,
            rule="continue",
            plain="Carried on from where your last plan ended.",
        )


@attrs.frozen(kw_only=True)
class Plan:
    """A periodized plan: immutable, comparable, JSON-ready through :func:`to_dict`."""

    athlete: Athlete = attrs.field(validator=v.instance_of(Athlete, PlanError))
    role: Role = attrs.field(validator=v.member_of(Role, PlanError))
    periodization: Periodization = attrs.field(validator=v.member_of(Periodization, PlanError))
    weeks: int = attrs.field(validator=v.int_in(1, _MAX_WEEKS, PlanError))
    start: dt.date = attrs.field(validator=_check_start)
    days: tuple[Weekday, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(Weekday, PlanError, non_empty=True)
    )
    at: dt.time = attrs.field(validator=v.instance_of(dt.time, PlanError))
    tz: str | None = attrs.field(validator=v.instance_of((str, type(None)), PlanError))
    sessions: tuple[Session, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(Session, PlanError)
    )
    notes: tuple[str, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.texts(2000, PlanError)
    )
    note: str = attrs.field(default="", validator=v.text(2000, PlanError))
    plan_id: str = attrs.field(default="", validator=v.text(200, PlanError, one_line=True))
    #: The build options, so :func:`legraise_plan.adapt` and
    #: :func:`legraise_plan.continue_plan` follow the plan's own rules.
    options: PlanOptions = attrs.field(
        factory=PlanOptions, validator=v.instance_of(PlanOptions, PlanError)
    )

    def __attrs_post_init__(self) -> None:
        if len(set(self.days)) != len(self.days):
            raise PlanError(
                f"days must not repeat a weekday, got {[d.value for d in self.days]}",
                field="days",
            )
        uids = set()
        for i, session in enumerate(self.sessions):
            if session.uid in uids:
                raise PlanError(
                    f"sessions[{i}].uid must be unique, got {session.uid!r} twice",
                    field="sessions",
                )
            uids.add(session.uid)
            if session.role is not self.role:
                raise PlanError(
                    f"sessions[{i}].role must be the plan's role {self.role.value}, "
                    f"got {session.role.value}",
                    field="sessions",
                )
            if session.week > self.weeks:
                raise PlanError(
                    f"sessions[{i}].week must be 1..{self.weeks}, got {session.week}",
                    field="sessions",
                )

    def weekly_volume(self) -> tuple[int, ...]:
        """Reps per leg (sets × reps) for each week, week 1 first."""
        totals = [0] * self.weeks
        for session in self.sessions:
            totals[session.week - 1] += session.volume
        return tuple(totals)

    def load_ladder(self) -> tuple[tuple[str, ...], ...]:
        """The distinct load labels used in each week, in order of first use."""
        weeks: list[list[str]] = [[] for _ in range(self.weeks)]
        for session in self.sessions:
            for block in session.blocks:
                label = block.load.label
                if label not in weeks[session.week - 1]:
                    weeks[session.week - 1].append(label)
        return tuple(tuple(w) for w in weeks)

    @property
    def end(self) -> dt.date:
        """The first day after the plan (``start + weeks``)."""
        return self.start + dt.timedelta(weeks=self.weeks)

    def session(self, uid: str) -> Session:
        """The session with ``uid``.

        Raises:
            PlanError: no session has that uid.
        """
        for session in self.sessions:
            if session.uid == uid:
                return session
        raise PlanError(f"uid must name a session of this plan, got {uid!r:.80}", field="uid")

    def session_on(self, day: dt.date) -> Session:
        """The session planned on ``day`` (its local start date).

        Raises:
            PlanError: no session, or more than one, falls on ``day``; the message lists
                the nearest session dates.
        """
        found = [s for s in self.sessions if s.start.date() == day]
        if len(found) == 1:
            return found[0]
        if found:
            raise PlanError(
                f"date {day.isoformat()} has {len(found)} sessions; name one by its uid",
                field="date",
            )
        dates = sorted({s.start.date() for s in self.sessions}, key=lambda d: abs((d - day).days))
        nearest = ", ".join(d.isoformat() for d in sorted(dates[:3]))
        raise PlanError(
            f"date must be the date of a planned session, got {day.isoformat()} "
            f"(nearest: {nearest or 'none'})",
            field="date",
        )


def place(
    anchor: dt.datetime, role: Role, duration: dt.timedelta, after: dt.timedelta | None
) -> dt.datetime:
    """When a session starts, given the main session's start (``anchor``).

    A warm-up ends as the main session starts; accessory work may begin ``after`` it.

    Raises:
        ScheduleError: when that start falls on another day.
    """
    begin = anchor
    if role is Role.WARM_UP:
        begin = _place(anchor, -duration)
    elif after is not None:
        begin = _place(anchor, after)
    if begin.date() != anchor.date():
        what = "the warm-up before" if role is Role.WARM_UP else f"{after} after"
        raise ScheduleError(
            f"at {anchor:%H:%M} puts {what} the main session on another day "
            f"({begin:%Y-%m-%d %H:%M}); choose a time that keeps the session on its day",
            field="at",
        )
    return begin


def placed_note(start: dt.datetime, anchor: dt.datetime) -> str:
    """A note when a session placed away from ``anchor`` starts at a repeated local time.

    A warm-up before a main session just after a fall-back change, or accessory work
    ``after`` one, may start in the hour the clocks repeat; the note says which of the
    two occurrences it is (see :func:`~legraise_plan.schedule.repeated_note`).  The
    main session's own time gets its note when it is scheduled.
    """
    if start.tzinfo is None or start.astimezone(dt.UTC) == anchor.astimezone(dt.UTC):
        return ""
    return repeated_note(start)


def anchor_of(session: Session, after: dt.timedelta | None) -> dt.datetime:
    """The main session's start that ``session`` was placed against (see :func:`place`)."""
    if session.role is Role.WARM_UP:
        return session.end
    if after is not None:
        return _place(session.start, -after)
    return session.start


def _uid_base(plan_id: str, role: Role) -> str:
    """The part of every session uid shared by one plan (a uuid5 of its identity)."""
    return str(uuid.uuid5(UID_NAMESPACE, f"{plan_id}|{role.value}"))


def _place(anchor: dt.datetime, offset: dt.timedelta) -> dt.datetime:
    """``anchor`` moved by ``offset`` of real (elapsed) time, in the anchor's zone.

    Wall-clock arithmetic would land on times a daylight-saving change skips, or an
    hour off across one; going through UTC keeps the elapsed time exact.
    """
    zone = anchor.tzinfo
    if zone is None:
        return anchor + offset
    return (anchor.astimezone(dt.UTC) + offset).astimezone(zone)


def _check_args(weeks: Any, start: Any, at: Any, after: Any) -> None:
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= _MAX_WEEKS:
        raise PlanError(
            f"weeks must be a whole number 1..{_MAX_WEEKS}, got {weeks!r}", field="weeks"
        )
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise ScheduleError(f"start must be a datetime.date, got {start!r:.60}", field="start")
    check_start(start)
    if not isinstance(at, dt.time) or at.tzinfo is not None:
        raise ScheduleError(
            f"at must be a datetime.time without tzinfo (give the zone as tz=), got {at!r}",
            field="at",
        )
    if after is not None and (
        not isinstance(after, dt.timedelta) or not dt.timedelta(0) <= after <= dt.timedelta(hours=6)
    ):
        raise ScheduleError(
            f"after must be a timedelta from 0 to 6 hours or None, got {after!r}", field="after"
        )


def _spelling(athlete: Athlete) -> tuple[str, ...]:
    """How the athlete's masses are written (equal masses may be spelled differently)."""
    masses = (athlete.ankle_weight_max, athlete.cable_increment)
    return tuple("" if m is None else str(m.amount) for m in masses)


@functools.lru_cache(maxsize=1024)
def _doses(
    athlete: Athlete,
    role: Role,
    *,
    session_weeks: tuple[int, ...],
    weeks: int,
    periodization: Periodization,
    rules: ProgressionRules | None,
    deload_every: int,
    spelling: tuple[str, ...],  # noqa: ARG001 - part of the cache key only
    start: Step | None = None,
    offset: int = 0,
) -> tuple[tuple[DayKind, tuple[Block, ...], dt.timedelta], ...]:
    """Each session's kind, blocks and duration: a pure function, memoised.

    Plans for many athletes share few distinct (profile, role, weeks) inputs, so the
    ladder and the projection are computed once per distinct input, and equal blocks
    are shared between sessions.  ``spelling`` keeps equal masses written differently
    (``2.5`` and ``2.50`` kg) apart, so a plan never depends on what was built before.
    """
    planned = plan_blocks(
        athlete,
        role,
        session_weeks,
        weeks,
        periodization=periodization,
        rules=rules,
        deload_every=deload_every,
        start=start,
        offset=offset,
    )
    shared: dict[PlannedBlock, tuple[DayKind, tuple[Block, ...], dt.timedelta]] = {}
    out = []
    for item in planned:
        dose = shared.get(item)
        if dose is None:
            dose = (item.kind, (to_block(item),), session_length(item))
            shared[item] = dose
        out.append(dose)
    return tuple(out)


def to_block(item: PlannedBlock) -> Block:
    """The block a planned dose becomes."""
    return Block(
        prescription=item.prescription, reason=item.plain, change=item.change, detail=item.reason
    )


def session_length(item: PlannedBlock) -> dt.timedelta:
    """A session's length on the calendar: its block's time, up to the next 5 minutes."""
    return round_up_to_5_minutes(item.prescription.seconds)


def _check_options(*, note: object, plan_id: object, rules: object, deload_every: object) -> None:
    _check_text("note", note, 2000)
    _check_text("plan_id", plan_id, 200, one_line=True)
    if rules is not None and not isinstance(rules, ProgressionRules):
        raise PlanError(f"rules must be ProgressionRules or None, got {rules!r:.80}", field="rules")
    if (
        isinstance(deload_every, bool)
        or not isinstance(deload_every, int)
        or not 3 <= deload_every <= 12
    ):
        raise PlanError(
            f"deload_every must be 3..12 weeks, got {deload_every!r}", field="deload_every"
        )


def _check_text(name: str, value: object, limit: int, *, one_line: bool = False) -> None:
    if not isinstance(value, str) or len(value) > limit:
        raise PlanError(
            f"{name} must be text of at most {limit} characters, got {value!r:.60}", field=name
        )
    v.check_text(name, value, limit, PlanError, one_line=one_line)


def _check_skip(skip: object) -> tuple[dt.date, ...]:
    """Validate skipped dates; return them sorted without duplicates."""
    try:
        items = set(skip)  # type: ignore[call-overload]
    except TypeError:
        raise ScheduleError(
            f"skip must be an iterable of datetime.date values, got {skip!r}", field="skip"
        ) from None
    for day in items:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise ScheduleError(f"skip must hold datetime.date values, got {day!r}", field="skip")
    return tuple(sorted(items))


def _frequency_cap(athlete: Athlete, role: Role) -> int:
    if role is Role.WARM_UP:
        return 7
    if role is Role.REHAB:
        return 7
    return 3 if athlete.level is Level.NOVICE else 4


def build_plan(
    athlete: Athlete,
    *,
    role: Role = Role.ACCESSORY,
    weeks: int = 6,
    start: dt.date,
    days: Sequence[str | Weekday] | str = ("MO", "WE", "FR"),
    at: dt.time = dt.time(18, 0),
    tz: str | None = None,
    periodization: Periodization = Periodization.LINEAR,
    skip: Iterable[dt.date] = (),
    reschedule: bool = False,
    rules: ProgressionRules | None = None,
    after: dt.timedelta | None = None,
    allow_close_sessions: bool = False,
    deload_every: int = 6,
    note: str = "",
    plan_id: str = "",
) -> Plan:
    """Build a periodized plan on real dates (pure and deterministic: no clock).

    Args:
        athlete: who the plan is for (equipment, level, conditions, clearance).
        role: warm-up (ends when the main session at ``at`` starts), accessory
            (starts at ``at``, or ``after`` it), full-body or rehab (needs clearance).
        weeks: 1 to 52.
        start: the first day of week 1; sessions fall on ``days`` from this date on.
        days: weekday codes (``MO``…``SU``, or ``mon``…), or ``"mon,wed,fri"``.
        at: wall-clock time of day (stays the same across daylight-saving changes).
        tz: an IANA zone such as ``Europe/Berlin``, or None for floating local time.
        periodization: linear (default), undulating or block.
        skip: dates with no session (holidays); see ``reschedule``.
        reschedule: move a skipped session to the next free day instead of dropping it.
        rules: progression rules; the role's defaults when None.
        after: for accessory work, how long after ``at`` (the main lifts' start) the
            block begins.
        allow_close_sessions: opt out of the 48-hour spacing check for hard sessions.
        deload_every: weeks between deload weeks (linear and undulating), 3..12.
        note: free text added to every session's description.
        plan_id: a stable id of this plan in your app (e.g. a user id), part of every
            session uid.

    Raises:
        PlanError: for any bad argument (the message names it), including a rehab
            plan without clearance (:class:`ClearanceRequiredError`) and scheduling
            problems (:class:`ScheduleError`).
    """
    if not isinstance(athlete, Athlete):
        raise PlanError(f"athlete must be an Athlete, got {athlete!r}", field="athlete")
    role = _enum(Role, role, "role")
    periodization = _enum(Periodization, periodization, "periodization")
    _check_args(weeks, start, at, after)
    if after is not None and role is not Role.ACCESSORY:
        raise ScheduleError(
            f"after only applies to the accessory role, got role {role.value}", field="after"
        )
    _check_options(note=note, plan_id=plan_id, rules=rules, deload_every=deload_every)
    parsed_days = parse_days(days)
    cap = _frequency_cap(athlete, role)
    if len(parsed_days) > cap:
        raise ScheduleError(
            f"days must be at most {cap} a week for {athlete.level.value} {role.label} work "
            f"(coaching rule 5 in docs/coaching.md), got {len(parsed_days)}",
            field="days",
        )
    check_flag("reschedule", reschedule)
    check_flag("allow_close_sessions", allow_close_sessions)
    options = PlanOptions(
        rules=rules,
        deload_every=deload_every,
        after=after,
        allow_close_sessions=allow_close_sessions,
        # Dates outside the plan change nothing: keeping them would only grow the caches.
        skip=tuple(d for d in _check_skip(skip) if start <= d < start + dt.timedelta(weeks=weeks)),
        reschedule=reschedule,
    )
    return plan_from_options(
        athlete,
        role=role,
        weeks=weeks,
        start=start,
        days=parsed_days,
        at=at,
        tz=tz,
        periodization=periodization,
        note=note,
        plan_id=plan_id,
        options=options,
    )


def plan_from_options(
    athlete: Athlete,
    *,
    role: Role,
    weeks: int,
    start: dt.date,
    days: tuple[Weekday, ...],
    at: dt.time,
    tz: str | None,
    periodization: Periodization,
    note: str,
    plan_id: str,
    options: PlanOptions,
) -> Plan:
    """Lay out a plan from checked arguments: :func:`build_plan` after its checks."""
    after, rules = options.after, options.rules
    hard = role in {Role.ACCESSORY, Role.FULL_BODY}
    slots, schedule_notes = schedule_slots(
        start=start,
        weeks=weeks,
        days=days,
        at=at,
        tz=tz,
        skip=options.skip,
        reschedule=options.reschedule,
        min_gap_days=2 if hard and not options.allow_close_sessions else 0,
    )
    origin = options.origin()
    doses = _doses(
        attrs.evolve(athlete, name="") if athlete.name else athlete,
        role,
        session_weeks=tuple(slot.week for slot in slots),
        weeks=weeks,
        periodization=periodization,
        rules=rules,
        deload_every=options.deload_every,
        spelling=_spelling(athlete),
        start=origin,
        offset=options.phase_offset,
    )
    if not slots:
        raise ScheduleError(
            "skip must leave at least one session, got every planned session on a skipped date",
            field="skip",
        )
    uid_base = _uid_base(plan_id, role)
    sessions = []
    for slot, (kind, blocks, duration) in zip(slots, doses, strict=True):
        begin = place(slot.anchor, role, duration, after)
        notes = tuple(n for n in (slot.note, placed_note(begin, slot.anchor)) if n)
        sessions.append(
            Session(
                start=begin,
                duration=duration,
                week=slot.week,
                role=role,
                kind=kind,
                uid=f"{uid_base}-{slot.planned:%Y%m%d}@legraise-plan",
                blocks=blocks,
                notes=notes,
            )
        )
    return Plan(
        athlete=athlete,
        role=role,
        periodization=periodization,
        weeks=weeks,
        start=start,
        days=days,
        at=at,
        tz=tz,
        sessions=tuple(sessions),
        notes=(
            *safety_notes(athlete, role),
            *frequency_notes(athlete, role, len(days)),
            *schedule_notes,
        ),
        note=note,
        plan_id=plan_id,
        options=options,
    )


def _enum(kind: Any, value: Any, name: str) -> Any:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise PlanError(f"{name} must be one of {allowed}, got {value!r}", field=name) from None
