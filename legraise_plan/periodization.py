"""Periodization: what kind of day each session is, week by week (rules 11 and 12).

- **linear** (default): every session progresses; a deload week every
  ``deload_every`` weeks (6 by default, so a 6-week plan is 5 weeks of progress and a
  deload week 6).
- **undulating** (daily undulating): sessions inside a week rotate heavy / light /
  medium: heavy is one rung up at the bottom of the range, medium the current dose,
  light one rung down at the top of the range with a set fewer; deload weeks as linear.
- **block**: 6-week cycles of 2 accumulation weeks (a set more), 2 intensification
  weeks (normal progression), 1 peak week (one rung up, bottom of range) and 1 deload.

:func:`dose_sessions` turns a day plan into per-session states using the
progression engine.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence

import attrs

from legraise_plan import _validate as v
from legraise_plan.errors import PlanError
from legraise_plan.progression import (
    Ladder,
    ProgressionRules,
    ProgressionState,
    SessionOutcome,
    Step,
    as_prescribed,
    deload_state,
    next_step,
)


__all__ = ["DayKind", "DayPlan", "Periodization", "day_kinds", "dose_sessions", "week_phases"]


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
#: Day kinds after which the progression advances (the others leave it where it was).
_ADVANCING = frozenset(
    {
        DayKind.NORMAL,
        DayKind.HEAVY,
        DayKind.MEDIUM,
        DayKind.ACCUMULATION,
        DayKind.INTENSIFICATION,
    }
)


def week_phases(model: Periodization, weeks: int, *, deload_every: int = 6) -> tuple[DayKind, ...]:
    """The phase of each week: DELOAD, one of the block phases, or NORMAL.

    >>> [k.value for k in week_phases(Periodization.LINEAR, 6)]
    ['normal', 'normal', 'normal', 'normal', 'normal', 'deload']
    """
    if not 1 <= weeks <= 52:
        raise PlanError(f"weeks must be 1..52, got {weeks}")
    if not 2 <= deload_every <= 12:
        raise PlanError(f"deload_every must be 2..12 weeks, got {deload_every}")
    if model is Periodization.BLOCK:
        return tuple(_BLOCK_CYCLE[i % len(_BLOCK_CYCLE)] for i in range(weeks))
    return tuple(
        DayKind.DELOAD if week % deload_every == 0 else DayKind.NORMAL
        for week in range(1, weeks + 1)
    )


def day_kinds(
    model: Periodization, session_weeks: Sequence[int], weeks: int, *, deload_every: int = 6
) -> tuple[DayKind, ...]:
    """The kind of each session, given the 1-based week each session falls in."""
    phases = week_phases(model, weeks, deload_every=deload_every)
    kinds: list[DayKind] = []
    index_in_week = 0
    previous_week = 0
    for week in session_weeks:
        index_in_week = index_in_week + 1 if week == previous_week else 0
        previous_week = week
        phase = phases[week - 1]
        if model is Periodization.UNDULATING and phase is DayKind.NORMAL:
            kinds.append(_UNDULATING_ROTATION[index_in_week % len(_UNDULATING_ROTATION)])
        else:
            kinds.append(phase)
    return tuple(kinds)


@attrs.frozen(kw_only=True)
class DayPlan:
    """One session's dose state, its kind and why it is dosed so."""

    kind: DayKind = attrs.field(validator=v.member_of(DayKind, PlanError))
    state: ProgressionState
    reason: str

    @property
    def is_deload(self) -> bool:
        """True for a deload session."""
        return self.kind is DayKind.DELOAD


def _shift(
    state: ProgressionState, ladder: Ladder, rules: ProgressionRules, offset: int
) -> ProgressionState:
    """The state ``offset`` rungs away (clamped to the ladder and the load gate)."""
    target = min(max(state.rung + offset, 0), ladder.top)
    if (
        offset > 0
        and ladder[target].load.is_external
        and state.pain_free_streak < rules.pain_free_before_load
    ):
        target = state.rung
    return attrs.evolve(state, rung=target)


def _modify(
    kind: DayKind, state: ProgressionState, ladder: Ladder, rules: ProgressionRules
) -> tuple[ProgressionState, str]:
    here = ladder[state.rung].label
    if kind is DayKind.ACCUMULATION:
        sets = min(rules.max_sets, state.sets + 1)
        return attrs.evolve(state, sets=sets), f"accumulation week: {sets} sets for volume"
    if kind in {DayKind.HEAVY, DayKind.PEAK}:
        up = _shift(state, ladder, rules, +1)
        reps = rules.range_for(ladder[up.rung]).low
        where = f"one rung up to {ladder[up.rung].label}" if up.rung != state.rung else here
        word = "heavy day" if kind is DayKind.HEAVY else "peak week"
        return attrs.evolve(up, reps=reps), f"{word}: {where}, bottom of the range ({reps})"
    if kind is DayKind.LIGHT:
        down = _shift(state, ladder, rules, -1)
        reps = rules.range_for(ladder[down.rung]).high
        sets = max(1, state.sets - 1)
        where = f"one rung down to {ladder[down.rung].label}" if down.rung != state.rung else here
        plural = "s" if sets > 1 else ""
        why = f"light day: {where}, {sets} set{plural} at the top of the range ({reps})"
        return attrs.evolve(down, reps=reps, sets=sets), why
    return state, ""


def dose_sessions(
    kinds: Sequence[DayKind],
    ladder: Ladder,
    start: Step,
    rules: ProgressionRules,
    *,
    outcome: Callable[[ProgressionState], SessionOutcome] = as_prescribed,
) -> tuple[DayPlan, ...]:
    """Project the progression over sessions of the given kinds.

    The underlying progression state advances after normal, heavy, medium,
    accumulation and intensification sessions (assuming ``outcome``, by default done
    as prescribed); light, peak and deload sessions vary the dose around it and leave
    it where it was.
    """
    state, reason = start.state, start.reason
    out: list[DayPlan] = []
    for kind in kinds:
        if kind is DayKind.DELOAD:
            step = deload_state(state, ladder, rules)
            out.append(DayPlan(kind=kind, state=step.state, reason=step.reason))
            continue
        dose, why = _modify(kind, state, ladder, rules)
        out.append(DayPlan(kind=kind, state=dose, reason=f"{reason}; {why}" if why else reason))
        if kind in _ADVANCING:
            step = next_step(state, outcome(state), ladder, rules)
            state, reason = step.state, step.reason
    return tuple(out)
