"""The progression's decisions in words a trainee reads, one small function per rule.

The rules in :mod:`legraise_plan.progression._chain` write a terse trace for coaches
(``top of range 2 sessions in a row → band red → band green``).  :func:`explain` says
the same to the athlete: what happened last session and what to do now, with no
jargon (no "rung", no arrows, no streak counts), ending in a full stop.  Rules it does
not know (a custom chain's own) are described by what their step changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from legraise_plan.progression import _chain as chain
from legraise_plan.progression._chain import ASSESS, BASELINE_SESSIONS, Facts, Rule
from legraise_plan.progression._rules import Trigger
from legraise_plan.progression._state import Change, ProgressionState, Step


def count(number: int, word: str) -> str:
    """``1 set``, ``2 sets``: a number with its noun."""
    return f"{number} {word}{'' if number == 1 else 's'}"


def dose_words(state: ProgressionState) -> str:
    """``3 × 12`` (sets × reps per leg)."""
    return f"{state.sets} × {state.reps}"


def _label(facts: Facts, state: ProgressionState) -> str:
    return facts.ladder[state.rung].label


def _easier(before: ProgressionState, step: Step, facts: Facts) -> str:
    """What a regression did, as an instruction."""
    new = step.state
    if new.rung < before.rung:
        return f"go back to an easier level, {_label(facts, new)}, {dose_words(new)}"
    fewer = [
        text
        for text, easier in (
            ("one set fewer", new.sets < before.sets),
            ("no extra pause at the top", new.extra_hold < before.extra_hold),
        )
        if easier
    ]
    if fewer:
        return f"{' and '.join(fewer)} ({dose_words(new)})"
    return "keep the same dose, no harder"


def _stay_stopped(_before: ProgressionState, _step: Step, _facts: Facts) -> str:
    return (
        "Stopped after pain got worse: no more sessions of this exercise until a "
        "physiotherapist or doctor has checked it."
    )


def _stop_on_pain(before: ProgressionState, step: Step, facts: Facts) -> str:
    pain = facts.outcome.pain_during
    return f"Pain reached {pain}/10 during the last session: {_easier(before, step, facts)}."


def _morning_pain(before: ProgressionState, step: Step, facts: Facts) -> str:
    outcome = facts.outcome
    why = (
        f"Pain the next morning was {outcome.next_morning_pain}/10, above your usual "
        f"{outcome.baseline_pain}/10"
    )
    if step.change is Change.REDUCE:
        return f"{why}: one set fewer this time ({dose_words(step.state)})."
    return f"{why}: {_easier(before, step, facts)}."


def _misses(before: ProgressionState, step: Step, facts: Facts) -> str:
    outcome = facts.outcome
    floor = min(before.reps, facts.rep_range(before).low)
    if not outcome.form_kept:
        what = "form slipped"
    elif any(s.worst < floor for s in outcome.sets):
        what = f"some sets stopped short of {floor} reps"
    else:
        what = f"only {len(outcome.sets)} of {before.sets} sets were done"
    if step.change is Change.HOLD and step.state.miss_streak:
        left = facts.rules.regress_after_misses - step.state.miss_streak
        again = "if that happens again" if left == 1 else f"after {left} more such sessions"
        return f"Last session {what}: same dose; {again}, go back a level."
    times = before.miss_streak + 1
    when = "Last session" if times == 1 else f"For {times} sessions running,"
    return f"{when} {what}: {_easier(before, step, facts)}."


def _pain_zone(_before: ProgressionState, _step: Step, facts: Facts) -> str:
    pain, calm = facts.outcome.pain_during, facts.rules.pain_continue_max
    return f"Pain was {pain}/10 during the last session: same dose until it is {calm}/10 or less."


def _low_rir(_before: ProgressionState, _step: Step, facts: Facts) -> str:
    rir, need = facts.outcome.rir, facts.rules.min_rir
    return (
        f"The last session ended {count(rir or 0, 'rep')} short of failure and this plan keeps "
        f"at least {need} in reserve: same dose, and stop each set a little earlier."
    )


def _next_morning(_before: ProgressionState, _step: Step, facts: Facts) -> str:
    if facts.rules.rehab:
        return (
            "Rehab moves on only after a morning that feels no worse than usual: log how "
            "the next morning feels; same dose until then."
        )
    return "After pain the next morning: same dose until a morning feels back to usual."


def _baseline(_before: ProgressionState, step: Step, _facts: Facts) -> str:
    done = BASELINE_SESSIONS - step.state.recovering
    return (
        f"The next morning was back to usual ({done} of {BASELINE_SESSIONS} such sessions "
        "before progressing again): same dose."
    )


def _below_target(before: ProgressionState, _step: Step, _facts: Facts) -> str:
    return (
        f"Some sets fell short of {before.reps} reps last time: same dose until every set "
        f"reaches {before.reps}."
    )


def _restore(_before: ProgressionState, step: Step, _facts: Facts) -> str:
    return f"All reps done with no pain: the set taken off comes back ({dose_words(step.state)})."


def _more_reps(before: ProgressionState, step: Step, facts: Facts) -> str:
    new = step.state
    done = min(s.worst for s in facts.outcome.sets)
    if done > before.reps:
        return f"Every set reached {done} reps last time: {new.reps} reps per leg now."
    more = new.reps - before.reps
    return f"All reps done last session: {count(more, 'more rep')} per set ({new.reps} per leg)."


def _goal(before: ProgressionState, _step: Step, facts: Facts) -> str:
    goal = before.reps + facts.rules.extra_reps
    return f"The last set did not reach {goal} reps: same dose."


def _streak(_before: ProgressionState, step: Step, facts: Facts) -> str:
    rules = facts.rules
    left = rules.sessions_to_step - step.state.top_streak
    if rules.trigger is Trigger.ALL_SETS_AT_TOP:
        done = "Top of the rep range reached"
    else:
        done = f"The last set beat the target by {count(rules.extra_reps, 'rep')}"
    again = "once more" if left == 1 else f"{left} more times"
    return f"{done}: repeat this dose {again} before moving up."


def _top_of_ladder(before: ProgressionState, step: Step, facts: Facts) -> str:
    new = step.state
    if step.change is Change.ADD_SET:
        return (
            "This is the hardest level your equipment allows: one more set instead "
            f"({dose_words(new)})."
        )
    if step.change is Change.LONGER_HOLD:
        return "Hardest level and most sets reached: hold the top 1 s longer."
    here = facts.ladder[before.rung]
    text = "Hardest level, most sets and longest pause reached: keep this dose."
    if facts.ladder.advanced_allowed and not here.variation.is_advanced:
        text += " A harder exercise (45° hyperextension, glute-ham raise) is the next step."
    return text


def _pain_free_load(before: ProgressionState, _step: Step, facts: Facts) -> str:
    needed = facts.rules.pain_free_before_load
    return (
        f"Ready to move up, but added load waits for {needed} pain-free sessions "
        f"({before.pain_free_streak} so far): same dose."
    )


def _bridge(before: ProgressionState, step: Step, facts: Facts) -> str:
    above = facts.ladder[before.rung + 1]
    jump = f"Ready to move up, but {above.label} is a big jump (+{above.step_pct:.0f} %)"
    if step.state.sets > before.sets:
        return f"{jump}: one more set first ({dose_words(step.state)})."
    return f"{jump}: hold the top 1 s longer first."


def _step_up(before: ProgressionState, step: Step, facts: Facts) -> str:
    new = step.state
    if step.change is not Change.STEP_UP:
        return "Hardest level reached: keep this dose."
    streak = before.top_streak
    if facts.rules.trigger is Trigger.ALL_SETS_AT_TOP:
        earned = f"Top of the rep range {count(streak, 'session')} running"
    else:
        earned = f"The last set beat the target {count(streak, 'session')} running"
    return f"{earned}: move up to {_label(facts, new)}, back to {new.reps} reps."


#: What each rule of the default chain decided, in the athlete's words.
_BY_RULE: Final[dict[Rule, Callable[[ProgressionState, Step, Facts], str]]] = {
    chain.stay_stopped: _stay_stopped,
    chain.stop_on_pain: _stop_on_pain,
    chain.trim_after_morning_pain: _morning_pain,
    chain.regress_on_misses: _misses,
    chain.hold_in_pain_zone: _pain_zone,
    chain.hold_on_low_rir: _low_rir,
    chain.wait_for_next_morning: _next_morning,
    chain.hold_until_baseline: _baseline,
    chain.hold_below_target: _below_target,
    chain.restore_sets: _restore,
    chain.add_reps: _more_reps,
    chain.beat_goal_by_extra: _goal,
    chain.hold_until_streak: _streak,
    chain.top_of_ladder: _top_of_ladder,
    chain.wait_for_pain_free_load: _pain_free_load,
    chain.bridge_big_jump: _bridge,
    chain.step_up_one_rung: _step_up,
}

#: A custom rule's step, by what it changed.
_BY_CHANGE: Final[dict[Change, str]] = {
    Change.START: "Starting dose: {dose} on {label}.",
    Change.MORE_REPS: "More reps: {dose} on {label}.",
    Change.BRIDGE: "A small step before a bigger one: {dose} on {label}.",
    Change.STEP_UP: "Next level: {label}, {dose}.",
    Change.ADD_SET: "One more set: {dose} on {label}.",
    Change.LONGER_HOLD: "Hold the top 1 s longer: {dose} on {label}.",
    Change.HOLD: "Same dose: {dose} on {label}.",
    Change.REDUCE: "One set fewer: {dose} on {label}.",
    Change.REGRESS: "An easier dose: {dose} on {label}.",
    Change.DELOAD: "An easier week to recover: {dose} on {label}.",
    Change.RESUME: "Back to the dose last trained: {dose} on {label}.",
    Change.STOP_AND_REFER: f"Pain got worse: {ASSESS}.",
}


def explain(rule: Rule, before: ProgressionState, step: Step, facts: Facts) -> str:
    """``step``, decided by ``rule``, in the athlete's words.

    ``before`` is the state the deciding rule saw.
    """
    say = _BY_RULE.get(rule)
    if say is not None:
        return say(before, step, facts)
    label = _label(facts, step.state)
    return _BY_CHANGE[step.change].format(dose=dose_words(step.state), label=label)
