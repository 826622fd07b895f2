"""The step function: :func:`next_step` folds over a chain of rules; starts, deloads, projection."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import attrs

from legraise_plan.athlete import Athlete, Level
from legraise_plan.errors import ProgressionError
from legraise_plan.progression._chain import PAIN_RULES, RULES, Facts, Rule
from legraise_plan.progression._ladder import Ladder
from legraise_plan.progression._rules import ProgressionRules
from legraise_plan.progression._state import (
    Change,
    ProgressionState,
    SessionOutcome,
    Step,
    as_prescribed,
)


def starting_state(athlete: Athlete, ladder: Ladder, rules: ProgressionRules) -> Step:
    """Choose the first rung (rule 4 and issue 3, point 5).

    Novices, rehab and anyone with a condition start on the first (bodyweight) rung;
    intermediates on the first external-load rung the ladder offers; advanced lifters
    one rung above that; nobody starts on an advanced bench variation.  Reps start at
    the bottom of the range, sets at the base.
    """
    if athlete.level is Level.NOVICE or athlete.conditions or rules.rehab:
        index = 0
        why = "novice" if athlete.level is Level.NOVICE else "conditions or rehab"
    else:
        first = ladder.first_external()
        index = (ladder.top if first is None else first) + (
            1 if athlete.level is Level.ADVANCED else 0
        )
        index = min(index, ladder.top)
        # Never start on an advanced bench variation: it is earned on the ladder.
        while index > 0 and ladder[index].variation.is_advanced:
            index -= 1
        why = athlete.level.value
    rung = ladder[index]
    state = ProgressionState(
        rung=index, sets=rules.base_sets, reps=rules.range_for(rung).low, extra_hold=0
    )
    reason = f"start ({why}): {rung.label}"
    return Step(state=state, change=Change.START, reason=reason, rule="start")


def _check_state(state: ProgressionState, ladder: Ladder, rules: ProgressionRules) -> None:
    if state.rung > ladder.top:
        raise ProgressionError(
            f"state rung must be 0..{ladder.top} for this ladder, got {state.rung}"
        )
    if state.sets > rules.max_sets:
        raise ProgressionError(f"state sets must be 1..{rules.max_sets}, got {state.sets}")


def next_step(
    state: ProgressionState,
    outcome: SessionOutcome,
    ladder: Ladder,
    rules: ProgressionRules,
    *,
    chain: Sequence[Rule] | None = None,
) -> Step:
    """Return the state for the next session, what changed and why (a pure function).

    Asks each rule of ``chain`` (by default :data:`RULES`) in turn: a rule decides by
    returning a :class:`Step`, whose ``rule`` names it, or passes a state on.  A custom
    chain must keep the pain rules (:data:`PAIN_RULES`) and must decide.

    Raises:
        ProgressionError: a state off this ladder or above the rules' sets, a chain
            without the pain rules, or a chain that ends without deciding.
    """
    _check_state(state, ladder, rules)
    rules_chain = RULES if chain is None else _check_chain(chain)
    facts = Facts(outcome=outcome, ladder=ladder, rules=rules)
    for rule in rules_chain:
        result = rule(state, facts)
        if isinstance(result, Step):
            return result
        state = result
    names = ", ".join(rule.__name__ for rule in rules_chain)
    raise ProgressionError(f"chain must decide a step, but no rule did ({names})")


def _check_chain(chain: Sequence[Rule]) -> tuple[Rule, ...]:
    rules = tuple(chain)
    missing = [rule.__name__ for rule in PAIN_RULES if rule not in rules]
    if missing:
        raise ProgressionError(
            f"chain must keep the pain rules; missing {', '.join(missing)} "
            f"(every chain includes {', '.join(r.__name__ for r in PAIN_RULES)})"
        )
    return rules


# --------------------------------------------------------------------------- deload and projection


def deload_state(state: ProgressionState, ladder: Ladder, rules: ProgressionRules) -> Step:
    """Rule 11: one rung lower, sets cut by about 40 %, reps at the bottom of the range.

    When sets cannot drop (a single set), reps drop by 40 % instead.  The state the
    progression resumes from after the deload is unchanged.
    """
    _check_state(state, ladder, rules)
    rung = ladder[max(0, state.rung - 1)]
    sets = max(1, round(state.sets * 0.6))
    low = rules.range_for(rung).low
    reps = low if sets < state.sets else max(1, math.floor(low * 0.6))
    new = ProgressionState(rung=rung.index, sets=sets, reps=reps)
    where = (
        f"{ladder[state.rung].label} → {rung.label}"
        if rung.index != state.rung
        else f"stay on {rung.label}"
    )
    return Step(
        state=new,
        change=Change.DELOAD,
        rule="deload",
        reason=f"deload: {where}, {state.sets} → {sets} sets of {reps}",
    )


@attrs.frozen(kw_only=True)
class Projected:
    """One projected session: the dose's state, whether it is a deload, and why."""

    state: ProgressionState
    is_deload: bool
    reason: str


def project(
    ladder: Ladder,
    start: Step,
    rules: ProgressionRules,
    deloads: Sequence[bool],
    *,
    outcome: Callable[[ProgressionState], SessionOutcome] = as_prescribed,
) -> tuple[Projected, ...]:
    """Project the progression session by session, one entry per item of ``deloads``.

    Normal sessions apply :func:`next_step` with the ``outcome`` model (by default,
    done as prescribed); deload sessions use :func:`deload_state` and leave the
    underlying progression where it was.
    """
    state, reason = start.state, start.reason
    out: list[Projected] = []
    for is_deload in deloads:
        if is_deload:
            deload = deload_state(state, ladder, rules)
            out.append(Projected(state=deload.state, is_deload=True, reason=deload.reason))
            continue
        out.append(Projected(state=state, is_deload=False, reason=reason))
        step = next_step(state, outcome(state), ladder, rules)
        state, reason = step.state, step.reason
    return tuple(out)
