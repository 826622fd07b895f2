"""Where an athlete stands, what a session's outcome was, and what a step did."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import attrs

from legraise_plan import _validate as v
from legraise_plan.errors import ProgressionError
from legraise_plan.progression._rules import HOLD_PAIN_MAX, ProgressionRules, Trigger


@attrs.frozen(kw_only=True)
class ProgressionState:
    """Where an athlete stands: rung, sets, target reps per leg and the streaks rules read."""

    rung: int = attrs.field(validator=v.int_in(0, 200, ProgressionError))
    sets: int = attrs.field(validator=v.int_in(1, 10, ProgressionError))
    reps: int = attrs.field(validator=v.int_in(1, 50, ProgressionError))
    extra_hold: int = attrs.field(default=0, validator=v.int_in(0, 10, ProgressionError))
    bridged: bool = attrs.field(default=False, validator=v.instance_of(bool, ProgressionError))
    top_streak: int = attrs.field(default=0, validator=v.int_in(0, 1000, ProgressionError))
    miss_streak: int = attrs.field(default=0, validator=v.int_in(0, 1000, ProgressionError))
    pain_free_streak: int = attrs.field(default=0, validator=v.int_in(0, 1000, ProgressionError))
    recovering: int = attrs.field(default=0, validator=v.int_in(0, 10, ProgressionError))
    #: Sessions running with pain above 5/10 (during, or next morning above baseline).
    high_pain_streak: int = attrs.field(default=0, validator=v.int_in(0, 1000, ProgressionError))
    #: Sessions running with pain in the 4-5/10 hold zone during the session.
    hold_zone_streak: int = attrs.field(default=0, validator=v.int_in(0, 1000, ProgressionError))
    #: The last session's pain above baseline (the higher of during and next morning).
    last_pain: int | None = attrs.field(default=None)
    #: Sessions running whose pain above baseline was higher than the session before.
    pain_rises: int = attrs.field(default=0, validator=v.int_in(0, 1000, ProgressionError))
    #: True once pain escalated: the exercise stops until the athlete has been assessed.
    stopped: bool = attrs.field(default=False, validator=v.instance_of(bool, ProgressionError))

    @last_pain.validator
    def _check_last_pain(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            v.int_in(0, 10, ProgressionError)(self, attribute, value)

    @property
    def difficulty(self) -> tuple[int, int, int, int]:
        """Comparable difficulty: rung, then sets, then pause, then reps."""
        return (self.rung, self.sets, self.extra_hold, self.reps)


@attrs.frozen
class SetResult:
    """Reps achieved in one set, per leg."""

    left: int = attrs.field(validator=v.int_in(0, 100, ProgressionError))
    right: int = attrs.field(validator=v.int_in(0, 100, ProgressionError))

    @property
    def worst(self) -> int:
        """Reps of the weaker leg."""
        return min(self.left, self.right)


def _check_sets(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise ProgressionError(f"sets must be a non-empty sequence of SetResult, got {value!r}")
    for item in value:
        if not isinstance(item, SetResult):
            raise ProgressionError(f"sets items must be SetResult, got {item!r}")


@attrs.frozen(kw_only=True)
class SessionOutcome:
    """What happened in a session: reps per set and leg, form, effort and pain.

    Pain is on the 0-10 scale.  ``next_morning_pain`` is None until it is known;
    rehab progresses only once it is known and back at ``baseline_pain``.
    """

    sets: tuple[SetResult, ...] = attrs.field(converter=v.to_tuple, validator=_check_sets)
    form_kept: bool = attrs.field(default=True, validator=v.instance_of(bool, ProgressionError))
    rir: int | None = attrs.field(default=None)
    pain_during: int = attrs.field(default=0, validator=v.int_in(0, 10, ProgressionError))
    next_morning_pain: int | None = attrs.field(default=None)
    baseline_pain: int = attrs.field(default=0, validator=v.int_in(0, 10, ProgressionError))

    @rir.validator
    def _check_rir(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            v.int_in(0, 10, ProgressionError)(self, attribute, value)

    @next_morning_pain.validator
    def _check_morning(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            v.int_in(0, 10, ProgressionError)(self, attribute, value)

    @property
    def pain(self) -> int:
        """The session's pain: the higher of during and next morning (when known)."""
        return max(self.pain_during, self.next_morning_pain or 0)

    @property
    def is_high_pain(self) -> bool:
        """Pain above 5/10 during, or next morning above 5 and above baseline (rule 26)."""
        morning = self.next_morning_pain
        return self.pain_during > HOLD_PAIN_MAX or (
            morning is not None and morning > HOLD_PAIN_MAX and morning > self.baseline_pain
        )

    @property
    def next_morning_above_baseline(self) -> bool:
        """True when next-morning pain is known and higher than baseline (rule 15)."""
        return self.next_morning_pain is not None and self.next_morning_pain > self.baseline_pain

    @classmethod
    def uniform(cls, sets: int, reps: int, **kwargs: Any) -> SessionOutcome:
        """``sets`` sets of ``reps`` on both legs; other fields as keywords."""
        return cls(sets=tuple(SetResult(reps, reps) for _ in range(sets)), **kwargs)


def as_prescribed(state: ProgressionState) -> SessionOutcome:
    """The outcome model for planning: the session is done exactly as prescribed."""
    return SessionOutcome.uniform(
        state.sets, state.reps, next_morning_pain=0, baseline_pain=0, pain_during=0
    )


def expected_outcome(rules: ProgressionRules) -> Callable[[ProgressionState], SessionOutcome]:
    """The outcome model a plan assumes: done as prescribed.

    Under the 2-for-2 trigger, "as prescribed" means the last set beats the rep goal by
    ``extra_reps`` (that is what the rule asks the athlete to do before the load goes
    up); under double progression every set hits the target.
    """
    if rules.trigger is Trigger.ALL_SETS_AT_TOP:
        return as_prescribed
    extra = rules.extra_reps

    def beats_goal(state: ProgressionState) -> SessionOutcome:
        done = as_prescribed(state)
        last = SetResult(state.reps + extra, state.reps + extra)
        return attrs.evolve(done, sets=(*done.sets[:-1], last))

    return beats_goal


class Change(enum.StrEnum):
    """What a step did."""

    START = "start"
    MORE_REPS = "more_reps"
    BRIDGE = "bridge"
    STEP_UP = "step_up"
    ADD_SET = "add_set"
    LONGER_HOLD = "longer_hold"
    HOLD = "hold"
    REDUCE = "reduce"
    REGRESS = "regress"
    DELOAD = "deload"
    #: Back from a deload at the dose last trained.
    RESUME = "resume"
    #: Pain escalated (rule 26): stop the exercise and get assessed.
    STOP_AND_REFER = "stop_and_refer"


@attrs.frozen(kw_only=True)
class Step:
    """The result of :func:`next_step`: the new state, what changed, why, and which rule decided.

    ``reason`` is the engine's trace for coaches and developers (``top of range 2
    sessions in a row → band red → band green``); ``plain`` says the same to the
    athlete, in words a trainee reads (``Top of the rep range 2 sessions running: move
    up to band green, back to 10 reps.``).  :func:`next_step` fills ``plain`` in for any
    rule that leaves it empty.
    """

    state: ProgressionState
    change: Change
    reason: str
    rule: str
    plain: str = ""
