"""The step function: :func:`next_step` folds over a chain of rules; starts, deloads, projection."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Final, cast

import attrs

from legraise_plan.athlete import Athlete, Condition, Level
from legraise_plan.catalog import Position
from legraise_plan.errors import ProgressionError
from legraise_plan.progression._chain import PAIN_RULES, RULES, Facts, Rule
from legraise_plan.progression._ladder import Ladder
from legraise_plan.progression._plain import dose_words, explain
from legraise_plan.progression._rules import ProgressionRules
from legraise_plan.progression._state import (
    Change,
    ProgressionState,
    SessionOutcome,
    Step,
    as_prescribed,
)


def starting_state(athlete: Athlete, ladder: Ladder, rules: ProgressionRules) -> Step:
    """Choose the first rung.

    Rehab, and anyone with a low-back pain history or hip pain, starts on the first
    trunk-supported rung, prone at bodyweight, where the ladder has one (rules 4 and 24);
    novices and anyone with another condition start on the easiest rung; intermediates
    on the first external-load rung the ladder offers, advanced lifters one rung above
    that; nobody starts on an advanced bench variation.  Reps start at the bottom of the
    range, sets at the base.
    """
    supported = rules.rehab or bool(athlete.conditions & _TRUNK_SUPPORTED_FIRST)
    prone = next(
        (
            r.index
            for r in ladder
            if r.variation.position is Position.PRONE and not r.load.is_external
        ),
        None,
    )
    if supported and prone is not None:
        index, why = prone, "rehab" if rules.rehab else "trunk-supported first"
        plain = (
            "Rehab starts lying face down without added load, with the trunk supported"
            if rules.rehab
            else "With a history of back or hip pain, start lying face down without added "
            "load, with the trunk supported"
        )
    elif athlete.level is Level.NOVICE or athlete.conditions or rules.rehab:
        index = 0
        why = "novice" if athlete.level is Level.NOVICE else "conditions or rehab"
        plain = (
            "A first level to learn the movement"
            if athlete.level is Level.NOVICE
            else "With your conditions, start at the easiest level"
        )
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
        plain = f"Where an {why} lifter starts"
    rung = ladder[index]
    state = ProgressionState(
        rung=index, sets=rules.base_sets, reps=rules.range_for(rung).low, extra_hold=0
    )
    reason = f"start ({why}): {rung.label}"
    plain += f": {rung.label}, {dose_words(state)}."
    return Step(state=state, change=Change.START, reason=reason, rule="start", plain=plain)


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
    returning a :class:`Step`, whose ``rule`` names it, or passes a state on.  The pain
    rules (:data:`PAIN_RULES`) always run first, in their order, whatever the chain
    says; a custom chain must decide.

    Raises:
        ProgressionError: a state off this ladder or above the rules' sets, a chain
            holding something that is not a rule, or a chain that ends without deciding.
    """
    _check_state(state, ladder, rules)
    rules_chain = RULES if chain is None else _check_chain(chain)
    facts = Facts(outcome=outcome, ladder=ladder, rules=rules)
    for rule in rules_chain:
        result = rule(state, facts)
        if isinstance(result, Step):
            if result.plain:
                return result
            return attrs.evolve(result, plain=explain(rule, state, result, facts))
        state = result
    names = ", ".join(rule.__name__ for rule in rules_chain)
    raise ProgressionError(f"chain must decide a step, but no rule did ({names})")


def _check_chain(chain: Sequence[Rule]) -> tuple[Rule, ...]:
    """The pain rules, then ``chain`` without them: no chain can skip or reorder them."""
    rules = tuple(chain)
    bad = [rule for rule in rules if not callable(cast("object", rule))]
    if bad:
        raise ProgressionError(
            f"chain must hold rules (functions of state and facts), got {bad[0]!r:.80}"
        )
    return (*PAIN_RULES, *(rule for rule in rules if rule not in PAIN_RULES))


# --------------------------------------------------------------------------- deload and projection


#: Conditions whose plans start trunk-supported, prone at bodyweight (rule 24).
_TRUNK_SUPPORTED_FIRST: Final = frozenset({Condition.LOW_BACK_PAIN_HISTORY, Condition.HIP_PAIN})
#: Deload set cut: about 40 % fewer sets (3 → 2, 4 → 2, 2 → 1), within rule 11's 30-50 %.
DELOAD_SET_FACTOR: Final = 0.6
#: Extra reps in reserve on a deload that cannot go a level lower (rule 11).
DELOAD_RIR: Final = 2


def deload_state(trained: ProgressionState, ladder: Ladder, rules: ProgressionRules) -> Step:
    """Rule 11: a deload computed from the dose last trained.

    Sets drop by about 40 % (a single set drops 40 % of its reps instead), and either
    the rung goes one lower, when the rung below is done in the same position (a lighter
    band, a lighter weight, no pause), or the athlete keeps 2 more reps in reserve on the
    same rung, so a deload never switches to another position; never every cut at once.
    Reps stay as trained (within the lower rung's range).  The progression resumes from
    ``trained`` afterwards.
    """
    _check_state(trained, ladder, rules)
    if trained.stopped:
        raise ProgressionError(
            "state is stopped after escalating pain: no deload or further session until the "
            "athlete has been assessed; start again from a new starting state"
        )
    here = ladder[trained.rung]
    sets = max(1, round(trained.sets * DELOAD_SET_FACTOR))
    below = ladder[trained.rung - 1] if trained.rung > 0 else None
    if below is not None and below.variation.position is here.variation.position:
        rung = below
        allowed = rules.range_for(rung)
        reps = min(max(trained.reps, allowed.low), allowed.high)
        easier = f"one level lower ({rung.label})"
        plain = f"one level easier ({rung.label})"
    else:
        rung = here
        reps = trained.reps
        easier = f"{DELOAD_RIR} more reps in reserve on {rung.label}"
        plain = f"stopping each set {DELOAD_RIR} reps further from failure"
    if sets == trained.sets:
        reps = max(1, math.floor(trained.reps * DELOAD_SET_FACTOR))
    new = ProgressionState(rung=rung.index, sets=sets, reps=reps)
    reason = (
        f"deload from the dose last trained ({here.label}, {trained.sets} × {trained.reps}): "
        f"{sets} × {reps}, {easier}"
    )
    plain = (
        f"An easier week so your body can recover: {dose_words(new)}, {plain}; the next week "
        "picks up where you were."
    )
    return Step(state=new, change=Change.DELOAD, rule="deload", reason=reason, plain=plain)


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
    done as prescribed); deload sessions use :func:`deload_state` on the dose last
    trained, and the progression resumes from that dose.
    """
    state, reason = start.state, start.reason
    trained: ProgressionState | None = None
    out: list[Projected] = []
    for is_deload in deloads:
        if is_deload:
            deload = deload_state(trained or state, ladder, rules)
            out.append(Projected(state=deload.state, is_deload=True, reason=deload.reason))
            if trained is not None:
                state, reason = trained, "after the deload, resume at the dose last trained"
            continue
        out.append(Projected(state=state, is_deload=False, reason=reason))
        trained = state
        step = next_step(state, outcome(state), ladder, rules)
        state, reason = step.state, step.reason
    return tuple(out)
