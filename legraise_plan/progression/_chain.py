"""The progression rules, one small pure function each, in the order they are asked.

A rule takes the current state and the session's :class:`Facts` and either decides,
by returning a :class:`Step`, or passes a (possibly updated) state on to the next
rule.  :data:`RULES` is the default chain; :func:`legraise_plan.progression.next_step`
folds over it, and the last rule always decides.  Each docstring names the coaching
rule it encodes (numbers as in ``docs/coaching.md``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import attrs

from legraise_plan.prescription import RepRange
from legraise_plan.progression._ladder import Ladder, Rung
from legraise_plan.progression._rules import ProgressionRules, Trigger
from legraise_plan.progression._state import (
    Change,
    ProgressionState,
    SessionOutcome,
    Step,
)


#: Sessions back at baseline before progressing again after next-morning pain (design: 2).
BASELINE_SESSIONS: Final = 2
#: Sessions running in the 4-5/10 zone that count as constant pain (design: two weeks at
#: three sessions a week).
HOLD_ZONE_SESSIONS: Final = 6


@attrs.frozen(kw_only=True)
class Facts:
    """What every rule may read about one session: the outcome, the ladder and the rules."""

    outcome: SessionOutcome
    ladder: Ladder
    rules: ProgressionRules

    def rung(self, state: ProgressionState) -> Rung:
        """The rung ``state`` stands on."""
        return self.ladder[state.rung]

    def rep_range(self, state: ProgressionState) -> RepRange:
        """The rep range that applies on ``state``'s rung."""
        return self.rules.range_for(self.rung(state))


Rule = Callable[[ProgressionState, Facts], "Step | ProgressionState"]


def _step(
    state: ProgressionState, change: Change, reason: str, rule: Rule, plain: str = ""
) -> Step:
    return Step(state=state, change=change, reason=reason, rule=rule.__name__, plain=plain)


def fresh(state: ProgressionState, rung: int, sets: int, reps: int) -> ProgressionState:
    """A new dose on ``rung``: streaks restart, the pain history goes on."""
    return ProgressionState(
        rung=rung,
        sets=sets,
        reps=reps,
        high_pain_streak=state.high_pain_streak,
        hold_zone_streak=state.hold_zone_streak,
        last_pain=state.last_pain,
        pain_rises=state.pain_rises,
    )


def regress(state: ProgressionState, facts: Facts, why: str, rule: Rule) -> Step:
    """One rung down at the base sets and the bottom of the range.

    The rung below must be one the athlete may use: an external load waits for the
    required pain-free sessions (rule 24), so a regression skips down past it to
    bodyweight.  With no such rung below, a set comes off (never below the role's
    minimum working sets).
    """
    ladder, rules = facts.ladder, facts.rules
    below = next(
        (r for r in reversed(ladder.rungs[: state.rung]) if load_allowed(r, state, rules)), None
    )
    if below is None:
        sets = max(min(rules.min_sets, state.sets), state.sets - 1)
        new = attrs.evolve(
            state,
            sets=sets,
            top_streak=0,
            miss_streak=0,
            pain_free_streak=0,
            bridged=False,
            extra_hold=0,
        )
        easier = new.difficulty < state.difficulty
        what = f"{state.sets} → {sets} sets" if sets < state.sets else "keep the dose"
        if state.extra_hold:
            what += ", no extra pause"
        where = "already on the first rung" if state.rung == 0 else "no easier rung to use yet"
        change = Change.REGRESS if easier else Change.HOLD
        return _step(new, change, f"{why} → {where}: {what}", rule)
    new = fresh(state, below.index, min(state.sets, rules.base_sets), rules.range_for(below).low)
    reason = f"{why} → regress: {ladder[state.rung].label} → {below.label}"
    if below.index < state.rung - 1:
        reason += " (no external load before the pain-free sessions it needs)"
    return _step(new, Change.REGRESS, reason, rule)


def load_allowed(rung: Rung, state: ProgressionState, rules: ProgressionRules) -> bool:
    """False for an external load the pain-free gate still holds back (rule 24)."""
    return not rung.load.is_external or state.pain_free_streak >= rules.pain_free_before_load


# --------------------------------------------------------------------------- pain and recovery

#: What to do once pain escalates (said to the athlete as well).
ASSESS: Final = "stop this exercise and see a physiotherapist or doctor before going on"


def stay_stopped(state: ProgressionState, _facts: Facts) -> Step | ProgressionState:
    """Rule 26: once pain has escalated, the exercise stays stopped until assessed."""
    if not state.stopped:
        return state
    reason = (
        "stopped after escalating pain → no further sessions; once a physiotherapist or "
        "doctor has assessed it, start again from a new starting state"
    )
    return _step(state, Change.STOP_AND_REFER, reason, stay_stopped)


def track_pain(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 26 (bookkeeping): count high-pain and hold-zone sessions, and rising pain.

    Rising pain is measured above the athlete's baseline, so a steady chronic pain is
    not mistaken for a rise.
    """
    outcome, rules = facts.outcome, facts.rules
    excess = max(0, outcome.pain - outcome.baseline_pain)
    high = state.high_pain_streak + 1 if outcome.is_high_pain else 0
    zone = rules.pain_continue_max < outcome.pain_during <= rules.pain_hold_max
    held = state.hold_zone_streak + 1 if zone else 0
    rising = state.last_pain is not None and excess > state.last_pain
    rises = state.pain_rises + 1 if rising else 0
    return attrs.evolve(
        state,
        high_pain_streak=min(high, 1000),
        hold_zone_streak=min(held, 1000),
        last_pain=excess,
        pain_rises=min(rises, 1000),
    )


def refer_on_escalating_pain(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 26: stop and get assessed when pain escalates.

    Pain above 5/10 (during, or next morning above baseline) with no easier rung left,
    in 2 sessions running, pain rising over 3 sessions into the hold zone (above 3/10;
    design choice, so that 1 → 2 → 3 does not count), or pain that stays in the hold
    zone for :data:`HOLD_ZONE_SESSIONS` sessions running (constant pain; design choice).
    """
    outcome = facts.outcome
    pain = outcome.pain
    if outcome.is_high_pain and state.rung == 0:
        why = f"pain {pain}/10 with no easier level left"
    elif state.high_pain_streak >= 2:
        why = f"pain above 5/10 in {state.high_pain_streak} sessions running"
    elif state.pain_rises >= 2 and pain > facts.rules.pain_continue_max:
        why = f"pain rising over {state.pain_rises + 1} sessions, now {pain}/10"
    elif state.hold_zone_streak >= HOLD_ZONE_SESSIONS:
        why = f"pain of 4-5/10 in {state.hold_zone_streak} sessions running"
    else:
        return state
    new = attrs.evolve(state, stopped=True, top_streak=0, pain_free_streak=0)
    plain = f"{why[:1].upper()}{why[1:]}: {ASSESS}."
    return _step(new, Change.STOP_AND_REFER, f"{why} → {ASSESS}", refer_on_escalating_pain, plain)


def stop_on_pain(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 14: pain above the hold zone during the session regresses one rung."""
    pain, limit = facts.outcome.pain_during, facts.rules.pain_hold_max
    if pain > limit:
        return regress(state, facts, f"pain {pain}/10 during (above {limit})", stop_on_pain)
    return state


def trim_after_morning_pain(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 15: next-morning pain above baseline repeats the dose minus one set.

    Above 5/10, or when a set less would go below the role's minimum, it regresses a
    rung instead (rule 14).
    """
    outcome = facts.outcome
    if not outcome.next_morning_above_baseline:
        return state
    why = (
        f"next-morning pain {outcome.next_morning_pain}/10 above baseline "
        f"{outcome.baseline_pain}/10"
    )
    severe = (outcome.next_morning_pain or 0) > facts.rules.pain_hold_max
    if severe or state.sets <= facts.rules.min_sets:
        return regress(state, facts, why, trim_after_morning_pain)
    new = attrs.evolve(
        state,
        sets=state.sets - 1,
        top_streak=0,
        pain_free_streak=0,
        recovering=BASELINE_SESSIONS,
    )
    reason = f"{why} → previous dose minus one set: {state.sets} → {new.sets} sets"
    return _step(new, Change.REDUCE, reason, trim_after_morning_pain)


def regress_on_misses(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 13: form lost, the range's bottom missed or sets left out, twice running, regresses."""
    outcome, rules = facts.outcome, facts.rules
    floor = min(state.reps, facts.rep_range(state).low)
    missed_bottom = any(s.worst < floor for s in outcome.sets)
    done = len(outcome.sets)
    if not missed_bottom and outcome.form_kept and done >= state.sets:
        return attrs.evolve(state, miss_streak=0)
    misses = state.miss_streak + 1
    if not outcome.form_kept:
        what = "form lost"
    elif missed_bottom:
        what = f"bottom of the range ({floor}) missed"
    else:
        what = f"only {done} of {state.sets} sets done"
    if misses >= rules.regress_after_misses:
        return regress(state, facts, f"{what} {misses} sessions in a row", regress_on_misses)
    new = attrs.evolve(state, miss_streak=misses, top_streak=0, pain_free_streak=0)
    reason = f"{what} ({misses} of {rules.regress_after_misses} before regressing) → hold"
    return _step(new, Change.HOLD, reason, regress_on_misses)


def hold_in_pain_zone(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 14: pain in the 4-5 zone keeps the dose; no progression."""
    pain, rules = facts.outcome.pain_during, facts.rules
    if pain <= rules.pain_continue_max:
        return state
    reason = (
        f"pain {pain}/10 during ({rules.pain_continue_max + 1}-{rules.pain_hold_max} zone) "
        "→ hold, no progression"
    )
    new = attrs.evolve(state, top_streak=0, pain_free_streak=0)
    return _step(new, Change.HOLD, reason, hold_in_pain_zone)


def count_pain_free(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 24 (bookkeeping): count sessions known to be pain-free, during and next morning."""
    outcome = facts.outcome
    morning = outcome.next_morning_pain
    pain_free = (
        morning is not None
        and morning <= outcome.baseline_pain
        and outcome.pain_during <= outcome.baseline_pain
    )
    streak = min(state.pain_free_streak + 1, 1000) if pain_free else 0
    return attrs.evolve(state, pain_free_streak=streak)


def hold_on_low_rir(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rules 1 and 2: reported reps in reserve below the role's minimum block progress."""
    rir, need = facts.outcome.rir, facts.rules.min_rir
    if rir is None or rir >= need:
        return state
    reason = (
        f"{rir} reps in reserve reported, below this role's minimum of {need} → hold: keep "
        "the dose and finish sets further from failure"
    )
    return _step(attrs.evolve(state, top_streak=0), Change.HOLD, reason, hold_on_low_rir)


def wait_for_next_morning(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rules 15 and 16: rehab, or recovery from morning pain, waits for the next morning."""
    if not (facts.rules.rehab or state.recovering) or facts.outcome.next_morning_pain is not None:
        return state
    who = "rehab" if facts.rules.rehab else "after next-morning pain"
    reason = f"{who}: progress only once next-morning pain is known to be at baseline → hold"
    return _step(state, Change.HOLD, reason, wait_for_next_morning)


def hold_until_baseline(state: ProgressionState, _facts: Facts) -> Step | ProgressionState:
    """Rule 15: after morning pain, 2 sessions back at baseline before progressing again."""
    if not state.recovering:
        return state
    left = state.recovering - 1
    done = BASELINE_SESSIONS - left
    reason = (
        f"back at baseline ({done} of {BASELINE_SESSIONS} sessions before progressing again) → hold"
    )
    new = attrs.evolve(state, recovering=left, top_streak=0)
    return _step(new, Change.HOLD, reason, hold_until_baseline)


# --------------------------------------------------------------------------- double progression


def hold_below_target(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 6: every prescribed set must reach the target reps before anything progresses."""
    sets = facts.outcome.sets
    if all(s.worst >= state.reps for s in sets) and len(sets) >= state.sets:
        return state
    worst = min(s.worst for s in sets)
    reason = f"reps below target ({worst} of {state.reps}) → hold"
    return _step(attrs.evolve(state, top_streak=0), Change.HOLD, reason, hold_below_target)


def restore_sets(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 15: a set taken off for morning pain comes back first."""
    if state.sets >= facts.rules.base_sets:
        return state
    new = attrs.evolve(state, sets=state.sets + 1, top_streak=0)
    reason = f"all sets hit {state.reps}/leg → restore a set: {state.sets} → {new.sets} sets"
    return _step(new, Change.ADD_SET, reason, restore_sets)


def add_reps(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 6 (double progression): add reps up to the top of the range, then count sessions.

    Reps done beyond the target count toward the top of the range.
    """
    if facts.rules.trigger is not Trigger.ALL_SETS_AT_TOP:
        return state
    high = facts.rep_range(state).high
    if state.reps >= high:
        return attrs.evolve(state, top_streak=state.top_streak + 1)
    done = min(s.worst for s in facts.outcome.sets)
    label = facts.rung(state).label
    if done >= high:
        # Reps beyond the target count: this session reached the top of the range.
        at_top = attrs.evolve(state, reps=high, top_streak=state.top_streak + 1)
        if at_top.top_streak >= facts.rules.sessions_to_step:
            return at_top
        reason = (
            f"every set reached {done}/leg (target {state.reps}) → counts as the top of the "
            f"range: {high} reps on {label}"
        )
        return _step(at_top, Change.MORE_REPS, reason, add_reps)
    reps = min(high, max(state.reps + facts.rules.rep_step, done))
    reason = f"all sets hit {state.reps}/leg → {reps} reps on {label}"
    if done > state.reps:
        reason = f"every set reached {done}/leg (target {state.reps}) → {reps} reps on {label}"
    return _step(attrs.evolve(state, reps=reps, top_streak=0), Change.MORE_REPS, reason, add_reps)


def beat_goal_by_extra(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """The NSCA 2-for-2 rule: the last set beats the goal by ``extra_reps``, sessions running."""
    rules = facts.rules
    if rules.trigger is not Trigger.TWO_FOR_TWO:
        return state
    goal = state.reps + rules.extra_reps
    if facts.outcome.sets[-1].worst >= goal:
        return attrs.evolve(state, top_streak=state.top_streak + 1)
    reason = f"last set under the goal + {rules.extra_reps} ({goal}) → hold"
    return _step(attrs.evolve(state, top_streak=0), Change.HOLD, reason, beat_goal_by_extra)


def earned(state: ProgressionState, rules: ProgressionRules) -> str:
    """What the athlete did to earn progress, for reasons (``state.top_streak`` sessions)."""
    streak = state.top_streak
    sessions = f"{streak} session{'s' if streak > 1 else ''} in a row"
    if rules.trigger is Trigger.ALL_SETS_AT_TOP:
        return f"top of range {sessions}"
    return f"{rules.extra_reps} reps over the goal on the last set, {sessions}"


def hold_until_streak(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 6: the trigger must be met in ``sessions_to_step`` sessions running."""
    needed = facts.rules.sessions_to_step
    if state.top_streak >= needed:
        return state
    reason = f"{earned(state, facts.rules)} ({state.top_streak} of {needed}) → hold"
    return _step(state, Change.HOLD, reason, hold_until_streak)


# --------------------------------------------------------------------------- stepping up


def hold_room(state: ProgressionState, facts: Facts) -> int:
    """Seconds of top hold the engine may still add.

    In rehab a pause rung's hold counts too, so a rep never passes 10 s (rule 4).
    """
    pause = facts.rung(state).extra_hold if facts.rules.rehab else 0
    return facts.rules.max_extra_hold - pause - state.extra_hold


def add_set(state: ProgressionState, facts: Facts) -> ProgressionState:
    """One set more, bridged: reps back to the bottom of the range (rule 27)."""
    low = facts.rep_range(state).low
    return attrs.evolve(state, sets=state.sets + 1, reps=min(state.reps, low), top_streak=0)


def top_of_ladder(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 8: at the top of the ladder, add a set, then lengthen the top hold, then keep."""
    ladder, rules = facts.ladder, facts.rules
    if state.rung < ladder.top:
        return state
    why = earned(state, rules)
    here = ladder[state.rung]
    if state.sets < rules.max_sets:
        new = add_set(state, facts)
        reason = (
            f"{why}; top of the ladder ({here.label}) → add a set: {state.sets} → {new.sets} "
            f"sets of {new.reps}"
        )
        return _step(new, Change.ADD_SET, reason, top_of_ladder)
    if rules.bridge and hold_room(state, facts) > 0:
        new = attrs.evolve(state, extra_hold=state.extra_hold + 1, top_streak=0)
        reason = f"{why}; top of the ladder and of sets → hold the top 1 s longer"
        return _step(new, Change.LONGER_HOLD, reason, top_of_ladder)
    advice = "keep the dose"
    if ladder.advanced_allowed and not here.variation.is_advanced:
        advice += "; a harder variation (45° hyperextension, glute-ham raise) is the next step"
    reason = f"{why}; top of the ladder, sets and pauses ({here.label}) → {advice}"
    return _step(attrs.evolve(state, top_streak=0), Change.HOLD, reason, top_of_ladder)


def wait_for_pain_free_load(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 24: external load only after the required pain-free sessions."""
    ladder, rules = facts.ladder, facts.rules
    if state.rung >= ladder.top:
        return state
    above = ladder[state.rung + 1]
    needed = rules.pain_free_before_load
    if not above.load.is_external or state.pain_free_streak >= needed:
        return state
    reason = (
        f"{earned(state, rules)}, but external load needs {needed} pain-free sessions first "
        f"({state.pain_free_streak} so far) → hold {ladder[state.rung].label}"
    )
    return _step(attrs.evolve(state, top_streak=0), Change.HOLD, reason, wait_for_pain_free_load)


def bridge_big_jump(state: ProgressionState, facts: Facts) -> Step | ProgressionState:
    """Rule 7: before a load step above ``max_step_pct``, add a set or a longer hold first."""
    ladder, rules = facts.ladder, facts.rules
    if state.rung >= ladder.top:
        return state
    above = ladder[state.rung + 1]
    if not rules.bridge or state.bridged or not above.needs_bridge(rules.max_step_pct):
        return state
    here = ladder[state.rung]
    jump = (
        f"next step {here.label} → {above.label} is +{above.step_pct:g} % "
        f"(over {rules.max_step_pct:g} %)"
    )
    if state.sets < rules.max_sets:
        new = attrs.evolve(add_set(state, facts), bridged=True)
        detail = f"add a set first: {state.sets} → {new.sets} sets of {new.reps}"
    elif hold_room(state, facts) > 0:
        new = attrs.evolve(state, extra_hold=state.extra_hold + 1, bridged=True, top_streak=0)
        detail = f"hold the top 1 s longer first ({new.extra_hold} s extra)"
    else:
        return state
    reason = f"{earned(state, rules)}; {jump} → {detail}"
    return _step(new, Change.BRIDGE, reason, bridge_big_jump)


def step_up_one_rung(state: ProgressionState, facts: Facts) -> Step:
    """Rule 6: one rung up, base sets, bottom of the new rung's range (always decides).

    On the top rung (a custom chain without :func:`top_of_ladder`) it keeps the dose.
    """
    ladder, rules = facts.ladder, facts.rules
    here = ladder[state.rung]
    if state.rung >= ladder.top:
        reason = f"{earned(state, rules)}; top of the ladder ({here.label}) → keep the dose"
        return _step(attrs.evolve(state, top_streak=0), Change.HOLD, reason, step_up_one_rung)
    above = ladder[state.rung + 1]
    new = attrs.evolve(
        fresh(state, above.index, rules.base_sets, rules.range_for(above).low),
        pain_free_streak=state.pain_free_streak,
    )
    reason = f"{earned(state, rules)} → {here.label} → {above.label}"
    return _step(new, Change.STEP_UP, reason, step_up_one_rung)


#: The pain rules: they run first, in this order, whatever chain is asked.
PAIN_RULES: Final[tuple[Rule, ...]] = (
    stay_stopped,
    track_pain,
    refer_on_escalating_pain,
    stop_on_pain,
    trim_after_morning_pain,
    hold_in_pain_zone,
)

#: The default chain, in the order the rules are asked.
RULES: Final[tuple[Rule, ...]] = (
    stay_stopped,
    track_pain,
    refer_on_escalating_pain,
    stop_on_pain,
    trim_after_morning_pain,
    hold_in_pain_zone,
    regress_on_misses,
    count_pain_free,
    hold_on_low_rir,
    wait_for_next_morning,
    hold_until_baseline,
    hold_below_target,
    restore_sets,
    add_reps,
    beat_goal_by_extra,
    hold_until_streak,
    top_of_ladder,
    wait_for_pain_free_load,
    bridge_big_jump,
    step_up_one_rung,
)
