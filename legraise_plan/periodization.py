"""Periodization: what kind of day each session is, and its dose (rules 11, 12 and 27).

- **linear** (default): every session progresses; a deload week every
  ``deload_every`` weeks (6 by default, so a 6-week plan is 5 weeks of progress and a
  deload week 6).
- **undulating** (daily undulating): sessions inside a week rotate heavy / light /
  medium: heavy is one rung up at the bottom of the range, medium the current dose,
  light one rung down at the top of the range with a set fewer; deload weeks as linear.
- **block**: 6-week cycles of 2 accumulation weeks (a set more, reps back to the bottom
  of the range), 2 intensification weeks (normal progression), 1 peak week (one rung
  up, bottom of the range, fewer sets) and 1 deload.

The day kinds vary the dose around one base progression, under four guards:

- one step at a time: no session is more than one rung harder than the trained
  session before it (a deload is a planned step back, so the dose after it returns to
  the dose last trained), and a heavy or peak day never goes up a rung right after the
  base progression stepped up (nor in rehab, which steps only on its criteria);
- bounded volume (rule 27): a session's sets × reps per leg stay within 120 % of the
  mean session of the same kind in the previous trained week (within 100 % right after a
  deload), so weekly volume rises at most 20 % between trained weeks with the same
  number of sessions; where the cap trims a normal day, the base progression follows
  what was prescribed;
- honest deloads: cut from the biggest dose prescribed in the last trained week (see
  :func:`legraise_plan.progression.deload_state`); the progression then resumes from the
  base dose last trained;
- a steady dose for warm-ups (and anyone held at an easy dose): no deloads and no
  periodized days, only the warm-up's own progression.

:func:`dose_sessions` turns a day plan into per-session states using the
progression engine.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Sequence
from typing import Final

import attrs

from legraise_plan import _validate as v
from legraise_plan.errors import PlanError
from legraise_plan.progression import (
    DELOAD_RIR,
    Change,
    Facts,
    Ladder,
    ProgressionRules,
    ProgressionState,
    Rung,
    SessionOutcome,
    Step,
    as_prescribed,
    count,
    deload_state,
    dose_words,
    load_allowed,
    next_step,
)


__all__ = [
    "VOLUME_RISE",
    "DayKind",
    "DayPlan",
    "Observed",
    "Periodization",
    "day_kinds",
    "dose_sessions",
    "week_phases",
]

#: Most that a trained week's volume may rise over the trained week before it (rule 27).
VOLUME_RISE: Final = 0.20
#: ``deload_every`` bounds: a deload every 3 to 12 weeks (the survey mean is ~5.6).
_DELOAD_EVERY = (3, 12)


class Periodization(enum.StrEnum):
    """How load and volume vary across weeks and sessions."""

    LINEAR = "linear"
    UNDULATING = "undulating"
    BLOCK = "block"


class DayKind(enum.StrEnum):
    """The kind of one session."""

    NORMAL = "normal"
    HEAVY = "heavy"
    MEDIUM = "medium"
    LIGHT = "light"
    ACCUMULATION = "accumulation"
    INTENSIFICATION = "intensification"
    PEAK = "peak"
    DELOAD = "deload"


_BLOCK_CYCLE = (
    DayKind.ACCUMULATION,
    DayKind.ACCUMULATION,
    DayKind.INTENSIFICATION,
    DayKind.INTENSIFICATION,
    DayKind.PEAK,
    DayKind.DELOAD,
)
_UNDULATING_ROTATION = (DayKind.HEAVY, DayKind.LIGHT, DayKind.MEDIUM)
#: Day kinds whose dose is the base progression itself: only they advance it, since
#: only they train it (a heavy, light, accumulation or peak day varies the dose around
#: the base, and the base is not credited with work it did not do).
_BASE_DAYS = frozenset({DayKind.NORMAL, DayKind.MEDIUM, DayKind.INTENSIFICATION})


def week_phases(
    model: Periodization,
    weeks: int,
    *,
    deload_every: int = 6,
    steady: bool = False,
    offset: int = 0,
) -> tuple[DayKind, ...]:
    """The phase of each week: DELOAD, one of the block phases, or NORMAL.

    ``steady`` (warm-ups) gives NORMAL weeks only: no deloads, no block phases.
    ``offset`` is how many weeks of the cycle came before week 1 (a plan that
    continues an earlier one keeps its deload rhythm).

    >>> [k.value for k in week_phases(Periodization.LINEAR, 6)]
    ['normal', 'normal', 'normal', 'normal', 'normal', 'deload']
    >>> [k.value for k in week_phases(Periodization.LINEAR, 4, offset=4)]
    ['normal', 'deload', 'normal', 'normal']
    """
    if not 1 <= weeks <= 52:
        raise PlanError(f"weeks must be 1..52, got {weeks}")
    low, high = _DELOAD_EVERY
    if not low <= deload_every <= high:
        raise PlanError(f"deload_every must be {low}..{high} weeks, got {deload_every}")
    if not 0 <= offset <= 52:
        raise PlanError(f"offset must be 0..52 weeks, got {offset}")
    if steady:
        return (DayKind.NORMAL,) * weeks
    if model is Periodization.BLOCK:
        return tuple(_BLOCK_CYCLE[(i + offset) % len(_BLOCK_CYCLE)] for i in range(weeks))
    return tuple(
        DayKind.DELOAD if (week + offset) % deload_every == 0 else DayKind.NORMAL
        for week in range(1, weeks + 1)
    )


def day_kinds(
    model: Periodization,
    session_weeks: Sequence[int],
    weeks: int,
    *,
    deload_every: int = 6,
    steady: bool = False,
    offset: int = 0,
) -> tuple[DayKind, ...]:
    """The kind of each session, given the 1-based week each session falls in."""
    phases = week_phases(model, weeks, deload_every=deload_every, steady=steady, offset=offset)
    kinds: list[DayKind] = []
    index_in_week = 0
    previous_week = 0
    for week in session_weeks:
        index_in_week = index_in_week + 1 if week == previous_week else 0
        previous_week = week
        phase = phases[week - 1]
        if model is Periodization.UNDULATING and phase is DayKind.NORMAL and not steady:
            kinds.append(_UNDULATING_ROTATION[index_in_week % len(_UNDULATING_ROTATION)])
        else:
            kinds.append(phase)
    return tuple(kinds)


@attrs.frozen(kw_only=True)
class DayPlan:
    """One session's dose state, its kind, why it is dosed so, and extra reps in reserve.

    ``reason`` is the engine's trace for coaches; ``plain`` says why in the athlete's
    words, about the dose this day shows; ``change`` is what the base progression last
    decided (:class:`~legraise_plan.progression.Change`), for apps.
    """

    kind: DayKind = attrs.field(validator=v.member_of(DayKind, PlanError))
    state: ProgressionState
    reason: str
    plain: str = ""
    change: Change = Change.HOLD
    rir_bonus: int = attrs.field(default=0, validator=v.int_in(0, 10, PlanError))
    #: True once pain escalated earlier: the session is cancelled (``reason`` says why).
    cancelled: bool = False

    @property
    def is_deload(self) -> bool:
        """True for a deload session."""
        return self.kind is DayKind.DELOAD


@attrs.frozen(kw_only=True)
class Observed:
    """A session as it went, for replaying a plan against a training log.

    ``outcome`` is None for a session that was not done.  ``label`` names the session in
    reasons (``"Mon 12 Oct"``); ``dose`` is what the athlete set out to do (rung, sets,
    target reps and extra hold: the dose their plan showed then, on the load they used),
    when known; ``why`` says why a session was not done.
    """

    outcome: SessionOutcome | None
    label: str
    dose: ProgressionState | None = None
    why: str = ""


def _vary_day(state: ProgressionState, _facts: Facts) -> Step:
    """A non-base day's outcome moves the base only through the pain rules."""
    return Step(state=state, change=Change.HOLD, reason="", rule=_vary_day.__name__)


#: The pain rules alone, for days that vary the dose around the base (and deloads).
_PAIN_ONLY: Final = (_vary_day,)


@attrs.frozen(kw_only=True)
class _Context:
    """What the day modifiers read: the ladder, the rules and the floor on working sets."""

    ladder: Ladder
    rules: ProgressionRules
    min_sets: int

    def low(self, state: ProgressionState) -> int:
        return self.rules.range_for(self.ladder[state.rung]).low

    def high(self, state: ProgressionState) -> int:
        return self.rules.range_for(self.ladder[state.rung]).high


def _on_rung(state: ProgressionState, rung: int) -> ProgressionState:
    """``state`` moved to ``rung``; an extra top hold belongs to the old rung and is dropped."""
    if rung == state.rung:
        return state
    return attrs.evolve(state, rung=rung, extra_hold=0, bridged=False)


def _label(ctx: _Context, state: ProgressionState) -> str:
    return ctx.ladder[state.rung].label


#: How each varied day introduces itself to the athlete.
_DAY_WORDS: Final = {
    DayKind.HEAVY: "Heavy day",
    DayKind.PEAK: "Peak week",
    DayKind.LIGHT: "Light day",
    DayKind.ACCUMULATION: "Volume week",
}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@attrs.frozen
class _Why:
    """Why a guard or a day changed the dose: the coach's trace and the athlete's words."""

    trace: str = ""
    plain: str = ""


def _may_go_up(
    state: ProgressionState, ctx: _Context, *, just_stepped: bool, previous: int | None
) -> bool:
    """A heavy or peak day may add one rung: not in rehab, not right after a step."""
    above = state.rung + 1
    if ctx.rules.rehab or just_stepped or above > ctx.ladder.top:
        return False
    if previous is not None and previous < state.rung:
        return False
    rung = ctx.ladder[above]
    if ctx.rules.bridge and not state.bridged and rung.needs_bridge(ctx.rules.max_step_pct):
        return False  # a big jump is taken only after its bridge (rule 7)
    return _same_position(rung, ctx.ladder[state.rung]) and load_allowed(rung, state, ctx.rules)


def _heavy(
    kind: DayKind,
    state: ProgressionState,
    ctx: _Context,
    *,
    up: bool,
    accumulated: int | None,
) -> tuple[ProgressionState, _Why]:
    """Heavy day or peak week: one rung up at the bottom of the range, where allowed.

    Where the rung above is not allowed today (a jump that needs its bridge first, the
    pain-free gate, a step just taken), the day stays on its rung with a 1 s longer hold
    at the bottom of the range; rehab keeps its dose.  A peak week also has fewer sets
    than this cycle's accumulation weeks.
    """
    word = "heavy day" if kind is DayKind.HEAVY else "peak week"
    sets = state.sets
    if kind is DayKind.PEAK:
        most = min(state.sets, accumulated or state.sets + 1) - 1
        sets = max(ctx.min_sets, most)
    fewer = f", {sets} sets" if sets != state.sets else ""
    said = f"{_DAY_WORDS[kind]}: "
    if not up:
        dose = attrs.evolve(state, sets=sets)
        same = f"{said}same level as your regular dose ({_label(ctx, state)})"
        if not ctx.rules.rehab and state.extra_hold < ctx.rules.max_extra_hold:
            # The rung above is too big a jump today: hold the top longer instead.
            dose = attrs.evolve(dose, extra_hold=state.extra_hold + 1, reps=ctx.low(state))
            why = f"1 s longer hold at the top, bottom of the range ({dose.reps})"
            return dose, _Why(
                f"{word}: stays on {_label(ctx, state)}, {why}{fewer}",
                f"{same}, holding the top 1 s longer, {dose_words(dose)}.",
            )
        return dose, _Why(
            f"{word}: stays on {_label(ctx, state)}{fewer}", f"{same}, {dose_words(dose)}."
        )
    dose = attrs.evolve(_on_rung(state, state.rung + 1), sets=sets)
    dose = attrs.evolve(dose, reps=ctx.low(dose))
    where = f"one rung up to {_label(ctx, dose)}"
    return dose, _Why(
        f"{word}: {where}, bottom of the range ({dose.reps}){fewer}",
        f"{said}one level harder than your regular dose ({_label(ctx, dose)}), {dose_words(dose)}.",
    )


def _same_position(rung: Rung, other: Rung) -> bool:
    """A day's variation of the dose keeps the position (no prone day becomes standing)."""
    return rung.variation.position is other.variation.position


def _light(state: ProgressionState, ctx: _Context) -> tuple[ProgressionState, _Why]:
    here, lower = ctx.ladder[state.rung], ctx.ladder[max(0, state.rung - 1)]
    usable = load_allowed(lower, state, ctx.rules) and _same_position(lower, here)
    down = _on_rung(state, lower.index if usable else state.rung)
    sets = max(ctx.min_sets, state.sets - 1)
    dose = attrs.evolve(down, sets=sets, reps=ctx.high(down))
    where = (
        f"one rung down to {_label(ctx, dose)}"
        if dose.rung != state.rung
        else f"stays on {_label(ctx, dose)}"
    )
    plural = "s" if sets > 1 else ""
    level = "one level easier" if dose.rung != state.rung else "same level"
    return dose, _Why(
        f"light day: {where}, {sets} set{plural} at the top of the range ({dose.reps})",
        f"Light day, easy on purpose: {level} ({_label(ctx, dose)}), "
        f"{count(sets, 'set')} of {dose.reps}.",
    )


def _accumulate(state: ProgressionState, ctx: _Context) -> tuple[ProgressionState, _Why]:
    sets = min(ctx.rules.max_sets, state.sets + 1)
    dose = attrs.evolve(state, sets=sets, reps=min(state.reps, ctx.low(state)))
    return dose, _Why(
        f"accumulation week: {sets} sets of {dose.reps} for volume",
        f"Volume week: {sets} sets of {dose.reps} on {_label(ctx, dose)} to build up the "
        "work you can handle.",
    )


def _one_step(
    dose: ProgressionState, ctx: _Context, previous: int | None
) -> tuple[ProgressionState, _Why]:
    """At most one rung above the session before (bottom of the range when clamped)."""
    if previous is None or dose.rung <= previous + 1:
        return dose, _Why()
    clamped = _on_rung(dose, previous + 1)
    clamped = attrs.evolve(clamped, reps=ctx.low(clamped))
    return clamped, _Why(
        f"one rung at a time: {_label(ctx, clamped)}",
        f"at most one level above the last session: {_label(ctx, clamped)}, {dose_words(clamped)}.",
    )


def _cap_volume(
    dose: ProgressionState, ctx: _Context, cap: tuple[float, bool] | None
) -> tuple[ProgressionState, _Why]:
    """Trim reps (then sets) so sets × reps stays within ``cap`` (rule 27).

    ``cap`` is the most sets × reps, and whether the week resumes after a break (a
    deload or a missed week), when it may not rise at all.
    """
    if cap is None or dose.sets * dose.reps <= cap[0]:
        return dose, _Why()
    most, resumed = cap
    low = ctx.low(dose)
    sets = dose.sets
    if math.floor(most / sets) < low:
        sets = max(ctx.min_sets, min(sets, math.floor(most / low)))
    reps = max(1, min(dose.reps, math.floor(most / sets)))
    capped = attrs.evolve(dose, sets=sets, reps=reps)
    rise = (
        "does not rise above the week before the break"
        if resumed
        else "rises by no more than 20 % over last week"
    )
    return capped, _Why(
        f"held to {sets} × {reps}: weekly volume rises at most 20 %",
        f"held at {sets} × {reps}, so this week's total {rise}.",
    )


@attrs.define
class _Volumes:
    """Session volumes (sets × reps) of trained weeks, and the deload weeks, for the cap.

    A session may have at most 120 % of the mean session of the reference week (100 %
    when a deload came between), counting only that week's sessions of the same day kind
    when it had any, so like is compared with like in undulating weeks; the weekly total
    then rises at most 20 % between weeks with the same number of sessions.  The
    reference is the last trained week; a peak week is a planned taper, so the week
    before it stays the reference after the deload.
    """

    trained: dict[int, list[tuple[DayKind, int]]] = attrs.Factory(dict)
    deloads: set[int] = attrs.Factory(set)
    #: Weeks with a session not done: like a deload, the next trained week does not rise.
    missed: set[int] = attrs.Factory(set)

    def cap(self, week: int, kind: DayKind) -> tuple[float, bool] | None:
        """The most sets × reps a ``kind`` session of ``week`` may have; None at first.

        With it, whether the week resumes after a deload or a missed week.
        """
        earlier = [
            w
            for w, days in self.trained.items()
            if w < week and not any(k is DayKind.PEAK for k, _ in days)
        ]
        if not earlier:
            return None
        reference = max(earlier)
        resumed = any(reference < d < week for d in self.deloads) or any(
            reference < m < week and m not in self.trained for m in self.missed
        )
        factor = 1.0 if resumed else 1.0 + VOLUME_RISE
        days = self.trained[reference]
        alike = [volume for k, volume in days if k is kind] or [volume for _, volume in days]
        return factor * sum(alike) / len(alike), resumed

    def add(self, week: int, kind: DayKind, dose: ProgressionState) -> None:
        """Record a trained session."""
        self.trained.setdefault(week, []).append((kind, dose.sets * dose.reps))


def _modify(
    kind: DayKind,
    state: ProgressionState,
    ctx: _Context,
    *,
    just_stepped: bool,
    previous: int | None,
    accumulated: int | None,
) -> tuple[ProgressionState, _Why]:
    if kind is DayKind.ACCUMULATION:
        return _accumulate(state, ctx)
    if kind in {DayKind.HEAVY, DayKind.PEAK}:
        up = _may_go_up(state, ctx, just_stepped=just_stepped, previous=previous)
        return _heavy(kind, state, ctx, up=up, accumulated=accumulated)
    if kind is DayKind.LIGHT:
        return _light(state, ctx)
    return state, _Why()


def _same_dose(one: ProgressionState, other: ProgressionState) -> bool:
    """The same rung, sets, reps and extra hold."""
    return (one.rung, one.sets, one.reps, one.extra_hold) == (
        other.rung,
        other.sets,
        other.reps,
        other.extra_hold,
    )


def _size(state: ProgressionState) -> tuple[int, int]:
    """Volume (sets × reps), then sets: how big a dose is (ties go to the later dose)."""
    return state.sets * state.reps, state.sets


#: The pain bookkeeping a state carries through a deload and a resumed base.
_PAIN_FIELDS: Final = (
    "high_pain_streak",
    "hold_zone_streak",
    "last_pain",
    "pain_rises",
    "recovering",
    "stopped",
)


def _resume(trained: ProgressionState, state: ProgressionState) -> ProgressionState:
    """After a deload: the dose last trained, or the current one where that is easier.

    A regression (pain, misses) since the dose last trained is kept, and so is the pain
    history; pain-free sessions count only as far as both agree.
    """
    easier = state if state.difficulty < trained.difficulty else trained
    history = {name: getattr(state, name) for name in _PAIN_FIELDS}
    pain_free = min(trained.pain_free_streak, state.pain_free_streak)
    return attrs.evolve(easier, top_streak=0, pain_free_streak=pain_free, **history)


@attrs.define
class _Run:
    """The running projection: base state, last session's rung, volumes, what was trained.

    ``trained`` is the base dose last trained (the progression resumes from it after a
    deload); ``hardest`` the biggest dose (sets × reps) prescribed in the last trained
    week, which a deload is cut from; ``bridge_trained`` the rung whose bridge (a set
    more, or a longer hold, before a big step) a base day has trained; ``stop`` the
    reason the exercise stopped, once pain escalated.  ``reason``, ``plain`` and
    ``change`` describe the base's last step (the coach's trace, the athlete's words,
    the machine's :class:`Change`).
    """

    ctx: _Context
    state: ProgressionState
    reason: str
    plain: str
    change: Change
    outcome: Callable[[ProgressionState], SessionOutcome]
    base_rung: int
    trained: ProgressionState | None = None
    hardest: tuple[int, ProgressionState] | None = None
    previous: int | None = None
    accumulated: int | None = None
    bridge_trained: int | None = None
    stop: str = ""
    stop_plain: str = ""
    #: A heavy, light, volume or peak day came after the base's last step; ``dated``:
    #: that step's words open with the date of a logged session.
    between: bool = False
    dated: bool = False
    volumes: _Volumes = attrs.Factory(_Volumes)

    def session(self, kind: DayKind, week: int, seen: Observed | None) -> DayPlan:
        """The next session's dose, then what it changes, as planned or as ``seen``."""
        if self.state.stopped:
            return DayPlan(
                kind=kind,
                state=self.state,
                reason=self.stop,
                plain=self.stop_plain,
                change=Change.STOP_AND_REFER,
                cancelled=True,
            )
        if seen is not None and seen.outcome is None:
            return self.missed(kind, week, seen)
        day = self.deload(week) if kind is DayKind.DELOAD else self.train(kind, week)
        if seen is not None and seen.dose is not None and kind is not DayKind.DELOAD:
            self.correct(week, day, seen.dose)
        if kind in _BASE_DAYS:
            done = day.state if seen is None or seen.dose is None else self.moved(day, seen.dose)
            outcome = self.outcome(done) if seen is None or seen.outcome is None else seen.outcome
            self.advance(done, outcome, seen)
        elif seen is not None and seen.outcome is not None:
            self.feel(seen.outcome, seen)
        return day

    def missed(self, kind: DayKind, week: int, seen: Observed) -> DayPlan:
        """A session not done: nothing is trained, the base stays, the next week does not rise."""
        self.volumes.missed.add(week)
        why = f" ({seen.why})" if seen.why else ""
        if kind in _BASE_DAYS:
            self.reason = f"{seen.label} not done{why} → same dose"
            self.plain = f"{seen.label} was not done{why}: same dose again."
            self.change = Change.HOLD
        return DayPlan(
            kind=kind,
            state=self.state,
            reason=f"not done{why}",
            plain=f"Not done{why}.",
            change=Change.HOLD,
        )

    def correct(self, week: int, day: DayPlan, dose: ProgressionState) -> None:
        """Count the dose the athlete did, where it was not the one replayed here."""
        if dose.difficulty == day.state.difficulty:
            return
        self.previous = dose.rung
        self.volumes.trained[week][-1] = (day.kind, dose.sets * dose.reps)
        if self.hardest is not None and self.hardest[1] is day.state:
            done = attrs.evolve(
                day.state,
                rung=dose.rung,
                sets=dose.sets,
                reps=dose.reps,
                extra_hold=dose.extra_hold,
            )
            self.hardest = (week, done)

    def moved(self, day: DayPlan, dose: ProgressionState) -> ProgressionState:
        """The base state with the dose actually set out (its streaks go on)."""
        rules = self.ctx.rules
        trained = _on_rung(day.state, dose.rung)
        allowed = rules.range_for(self.ctx.ladder[dose.rung])
        return attrs.evolve(
            trained,
            sets=min(dose.sets, rules.max_sets),
            reps=min(dose.reps, allowed.high),
            extra_hold=min(dose.extra_hold, rules.max_extra_hold),
        )

    def advance(
        self, done: ProgressionState, outcome: SessionOutcome, seen: Observed | None
    ) -> None:
        """A base day trains the base: the engine's next step from its outcome."""
        self.trained = done
        if done.bridged:
            self.bridge_trained = done.rung
        step = next_step(done, outcome, self.ctx.ladder, self.ctx.rules)
        if seen is not None and (
            outcome == self.outcome(done) or step.reason == self.expected(done).reason
        ):
            seen = None  # went as the plan expected: the reason needs no date
        self.take(step, seen)

    def expected(self, done: ProgressionState) -> Step:
        """The step the plan expected after ``done``."""
        return next_step(done, self.outcome(done), self.ctx.ladder, self.ctx.rules)

    def feel(self, outcome: SessionOutcome, seen: Observed) -> None:
        """A varied day or deload as logged: only the pain rules move the base."""
        step = next_step(self.state, outcome, self.ctx.ladder, self.ctx.rules, chain=_PAIN_ONLY)
        if step.rule == _vary_day.__name__:
            self.state = step.state  # the pain bookkeeping only
        else:
            self.take(step, seen)

    def take(self, step: Step, seen: Observed | None) -> None:
        self.state = step.state
        self.base_rung = min(self.base_rung, step.state.rung)
        self.reason = step.reason if seen is None else f"{seen.label}: {step.reason}"
        self.plain = step.plain if seen is None else f"{seen.label}: {step.plain}"
        self.change = step.change
        self.between, self.dated = False, seen is not None
        if step.state.stopped:
            self.stop, self.stop_plain = self.reason, self.plain

    def deload(self, week: int) -> DayPlan:
        """A deload session cut from last week's biggest dose; the base resumes afterwards."""
        trained = self.hardest[1] if self.hardest is not None else self.state
        step = deload_state(trained, self.ctx.ladder, self.ctx.rules)
        bonus = DELOAD_RIR if step.state.rung == trained.rung else 0
        day = DayPlan(
            kind=DayKind.DELOAD,
            state=step.state,
            reason=f"week {week} {step.reason}",
            plain=f"Week {week} is a deload. {step.plain}",
            change=Change.DELOAD,
            rir_bonus=bonus,
        )
        # The one-step guard reads the last trained session: coming back from a
        # deload to the dose last trained is no jump.
        self.volumes.deloads.add(week)
        self.accumulated = None
        if self.trained is not None:
            self.state = _resume(self.trained, self.state)
            self.base_rung = self.state.rung
            self.reason = "after the deload, resume at the dose last trained"
            self.plain = (
                f"Back from the deload to the dose you last trained: {dose_words(self.state)} "
                f"on {_label(self.ctx, self.state)}."
            )
            self.change = Change.RESUME
        return day

    def train(self, kind: DayKind, week: int) -> DayPlan:
        """A training session: the day's dose under the one-step and volume guards."""
        state, ctx = self.state, self.ctx
        # A heavy or peak day counts a bridge once a base day has trained it, not when
        # it is planned.
        view = state
        if kind in {DayKind.HEAVY, DayKind.PEAK} and self.bridge_trained != state.rung:
            view = attrs.evolve(state, bridged=False)
        dose, why = _modify(
            kind,
            view,
            ctx,
            just_stepped=state.rung != self.base_rung,
            previous=self.previous,
            accumulated=self.accumulated,
        )
        dose, clamp = _one_step(dose, ctx, self.previous)
        dose, capped = _cap_volume(dose, ctx, self.volumes.cap(week, kind))
        if kind is DayKind.ACCUMULATION:
            self.accumulated = min(self.accumulated or dose.sets, dose.sets)
        reason = "; ".join(x for x in (self.reason, why.trace, clamp.trace, capped.trace) if x)
        plain, change = self.words(kind, dose, why, clamp, capped)
        self.volumes.add(week, kind, dose)
        if self.hardest is None or self.hardest[0] != week or _size(dose) >= _size(self.hardest[1]):
            self.hardest = (week, dose)
        self.previous = dose.rung
        if kind in _BASE_DAYS:
            # Only base days train the base: the other kinds vary the dose around it.
            self.state = dose
        else:
            self.between = True
        self.base_rung = self.state.rung
        return DayPlan(kind=kind, state=dose, reason=reason, plain=plain, change=change)

    def regular(self, kind: DayKind, dose: ProgressionState) -> str:
        """The base step's words on a regular day, where other kinds of day came between.

        "Last session" then means the last regular one; a start that volume weeks came
        before is no first level any more.
        """
        if self.change is Change.START and self.previous is not None:
            return f"Regular sessions start here: {_label(self.ctx, dose)}, {dose_words(dose)}."
        if self.between and kind in _BASE_DAYS and not self.dated:
            return self.plain.replace("last session", "last regular session")
        return self.plain

    def words(
        self, kind: DayKind, dose: ProgressionState, why: _Why, clamp: _Why, capped: _Why
    ) -> tuple[str, Change]:
        """The athlete's words for the dose shown, and the change behind it.

        A guard that trimmed the dose speaks instead of the step it trimmed (so a
        reason never promises reps the day does not show), after the day's name on a
        varied day.
        """
        change = self.change
        guard = capped.plain or clamp.plain
        if not guard:
            return why.plain or self.regular(kind, dose), change
        if capped.plain and self.trained is not None and _same_dose(dose, self.trained):
            change = Change.HOLD
        if kind in _DAY_WORDS:
            return f"{_DAY_WORDS[kind]}: {guard}", change
        return _capital(guard), change


def dose_sessions(
    kinds: Sequence[DayKind],
    ladder: Ladder,
    start: Step,
    rules: ProgressionRules,
    *,
    weeks: Sequence[int] | None = None,
    min_sets: int = 1,
    outcome: Callable[[ProgressionState], SessionOutcome] = as_prescribed,
    observed: Sequence[Observed | None] | None = None,
    end: list[Step] | None = None,
) -> tuple[DayPlan, ...]:
    """Project the progression over sessions of the given kinds.

    ``weeks`` gives each session's 1-based week (by default one session a week).  The
    base progression advances only after the sessions that train it, normal, medium
    and intensification days (assuming ``outcome``, by default done as prescribed);
    heavy, light, accumulation, peak and deload sessions vary the dose around it and
    leave it where it was.  ``min_sets`` floors working sets outside deloads.

    ``observed`` replays a training log: one item per session, None where the session
    is assumed to go as ``outcome`` says.  A logged base day advances the base from its
    real outcome; a logged varied day or deload moves it only through the pain rules; a
    session not done trains nothing.  Once pain escalates (stop and refer), every later
    session is ``cancelled`` with the reason.  ``end``, when given, receives the state
    the athlete is left in after the last session, with the reason of its last step.
    """
    session_weeks = list(weeks) if weeks is not None else list(range(1, len(kinds) + 1))
    if len(session_weeks) != len(kinds):
        raise PlanError(
            f"weeks must give one week per session ({len(kinds)}), got {len(session_weeks)}"
        )
    seen = list(observed) if observed is not None else [None] * len(kinds)
    if len(seen) != len(kinds):
        raise PlanError(f"observed must give one item per session ({len(kinds)}), got {len(seen)}")
    ctx = _Context(ladder=ladder, rules=rules, min_sets=min_sets)
    run = _Run(
        ctx=ctx,
        state=start.state,
        reason=start.reason,
        plain=start.plain or start.reason,
        change=start.change,
        outcome=outcome,
        base_rung=start.state.rung,
    )
    days = tuple(
        run.session(kind, week, item)
        for kind, week, item in zip(kinds, session_weeks, seen, strict=True)
    )
    if end is not None:
        end.append(
            Step(state=run.state, change=run.change, reason=run.reason, rule="end", plain=run.plain)
        )
    return days
