"""The progression engine: the equipment ladder and the rules that move along it.

The ladder is built for one athlete and role from the equipment they have::

    prone bodyweight → standing bodyweight → standing + pause → bands (yellow → black)
    → ankle weights (0.5 kg / 1 lb steps up to a cap) → cable (one plate at a time)
    → 45° hyperextension → glute-ham raise

Rungs for missing equipment are skipped; roles and conditions cap the top.  A pure
:func:`next_step` takes a state and a session's outcome and returns the next state
with the reason, e.g. ``top of range 2 sessions in a row → band red → band green``.
:func:`project` lays the progression out session by session for planning.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from legraise_plan import _validate as v
from legraise_plan.athlete import Athlete, Condition, Level
from legraise_plan.catalog import (
    CABLE,
    GLUTE_HAM_RAISE,
    HYPEREXTENSION,
    PRONE,
    STANDING,
    STANDING_ANKLE,
    STANDING_BAND,
    Variation,
)
from legraise_plan.equipment import BandColour, Equipment, Load, increment_for
from legraise_plan.errors import ProgressionError
from legraise_plan.prescription import ROLE_DOSES, RepRange, Role
from legraise_plan.units import Mass, Unit


__all__ = [
    "Change",
    "Ladder",
    "ProgressionRules",
    "ProgressionState",
    "Projected",
    "Rung",
    "SessionOutcome",
    "SetResult",
    "Step",
    "Trigger",
    "as_prescribed",
    "build_ladder",
    "deload_state",
    "expected_outcome",
    "next_step",
    "project",
    "starting_state",
]

#: Band colours on the ladder, in order (rule 8).
LADDER_BANDS = (
    BandColour.YELLOW,
    BandColour.RED,
    BandColour.GREEN,
    BandColour.BLUE,
    BandColour.BLACK,
)
_PAUSE_SECONDS = 2
_MAX_BRIDGE_HOLD = 2
#: Rule 15: sessions back at baseline before progressing again (design choice: 2).
_BASELINE_SESSIONS = 2
_CABLE_PLATES = 8


# --------------------------------------------------------------------------- ladder


@attrs.frozen(kw_only=True)
class Rung:
    """One step of the ladder: a variation with a load (and perhaps an extra pause).

    ``step_pct`` is how much harder this rung's load is than the rung below when both
    use the same equipment; ``None`` when they are not comparable (a change of
    equipment).  ``is_load_step`` is False where only the position or a pause changes.
    """

    index: int = attrs.field(validator=v.int_in(0, 200, ProgressionError))
    variation: Variation
    load: Load
    extra_hold: int = attrs.field(default=0, validator=v.int_in(0, 10, ProgressionError))
    step_pct: float | None = None
    is_load_step: bool = False
    is_heavy: bool = False

    @property
    def label(self) -> str:
        """Short label, e.g. ``prone, bodyweight`` or ``band green``."""
        if self.load.is_external:
            return self.load.label
        position = {
            PRONE.id: "prone",
            STANDING.id: "standing",
            HYPEREXTENSION.id: "45° hyperextension",
            GLUTE_HAM_RAISE.id: "glute-ham raise",
        }.get(self.variation.id, self.variation.name)
        pause = f" + {self.extra_hold} s pause" if self.extra_hold else ""
        return f"{position}, bodyweight{pause}"

    def needs_bridge(self, max_step_pct: float) -> bool:
        """True when stepping onto this rung is a load jump above ``max_step_pct``."""
        return self.is_load_step and (self.step_pct is None or self.step_pct > max_step_pct)


@attrs.frozen
class Ladder:
    """The rungs available to one athlete in one role, easiest first."""

    rungs: tuple[Rung, ...] = attrs.field(converter=v.to_tuple)

    def __attrs_post_init__(self) -> None:
        if not self.rungs:
            raise ProgressionError("ladder must have at least one rung, got none")
        for i, rung in enumerate(self.rungs):
            if rung.index != i:
                raise ProgressionError(f"rung index must be {i}, got {rung.index}")

    def __getitem__(self, index: int) -> Rung:
        return self.rungs[index]

    def __len__(self) -> int:
        return len(self.rungs)

    def __iter__(self) -> Iterator[Rung]:
        return iter(self.rungs)

    @property
    def top(self) -> int:
        """Index of the hardest rung."""
        return len(self.rungs) - 1

    def first_external(self) -> int | None:
        """Index of the first rung with an external load, if any."""
        return next((r.index for r in self.rungs if r.load.is_external), None)


def _role_allows(role: Role, load: Load, units: Unit) -> bool:
    """Warm-up: bodyweight or the lightest ladder band.  Rehab: light band or ankle load."""
    if role is Role.WARM_UP:
        return not load.is_external or load.band is LADDER_BANDS[0]
    if role is Role.REHAB:
        if load.band is not None:
            return load.band.rank <= BandColour.RED.rank
        if load.equipment is Equipment.ANKLE_WEIGHTS and load.mass is not None:
            cap = Mass(1, Unit.KG) if units is Unit.KG else Mass(2, Unit.LB)
            return load.mass <= cap
        return load.equipment is not Equipment.CABLE
    return True


def build_ladder(athlete: Athlete, role: Role = Role.ACCESSORY) -> Ladder:  # noqa: C901
    """Build the ladder for ``athlete`` in ``role``.

    Skips rungs for missing equipment; caps warm-up at the lightest band and rehab
    (and anyone after recent hip surgery) at light loads; keeps people with an
    uncleared back or hip condition at bodyweight; drops the prone rung in pregnancy;
    adds the advanced bench variations only for accessory and full-body work by
    non-novices without a back or hip condition.
    """
    units = athlete.units
    conditions = athlete.conditions
    after_surgery = Condition.RECENT_HIP_SURGERY in conditions
    bodyweight_only = (
        bool(conditions & {Condition.LOW_BACK_PAIN_HISTORY, Condition.HIP_PAIN, Condition.PARQ_YES})
        and not athlete.cleared
    )
    candidates: list[tuple[Variation, Load, int, bool]] = []
    bw = Load.bodyweight()
    if Condition.PREGNANCY not in conditions:
        candidates.append((PRONE, bw, 0, False))
    candidates.append((STANDING, bw, 0, False))
    if role is not Role.WARM_UP:
        candidates.append((STANDING, bw, _PAUSE_SECONDS, False))
    if athlete.has(Equipment.BAND):
        candidates += [(STANDING_BAND, Load.band_of(c), 0, False) for c in LADDER_BANDS]
    if athlete.has(Equipment.ANKLE_WEIGHTS):
        step = increment_for(Equipment.ANKLE_WEIGHTS, units)
        default_cap = Mass(5, Unit.KG) if units is Unit.KG else Mass(10, Unit.LB)
        cap = athlete.ankle_weight_max or default_cap
        heavy_from = Mass("2.5", Unit.KG) if units is Unit.KG else Mass(5, Unit.LB)
        n = 1
        while (mass := Mass(step.amount * n, units)) <= cap:
            candidates.append((STANDING_ANKLE, Load.ankle(mass), 0, mass >= heavy_from))
            n += 1
    if athlete.has(Equipment.CABLE):
        plate = athlete.cable_increment or increment_for(Equipment.CABLE, units)
        candidates += [
            (
                CABLE,
                Load.cable(
                    Mass(plate.amount * n, plate.unit),
                    pulley_ratio=athlete.pulley_ratio,
                ),
                0,
                True,
            )
            for n in range(1, _CABLE_PLATES + 1)
        ]
    advanced_ok = (
        role in {Role.ACCESSORY, Role.FULL_BODY}
        and athlete.level is not Level.NOVICE
        and not conditions
    )
    if advanced_ok:
        for variation in (HYPEREXTENSION, GLUTE_HAM_RAISE):
            if athlete.has(variation.equipment):
                candidates.append((variation, Load.bodyweight(variation.equipment), 0, False))

    rungs: list[Rung] = []
    for variation, load, hold, heavy in candidates:
        allowed = _role_allows(role, load, units) and (
            not after_surgery or _role_allows(Role.REHAB, load, units)
        )
        if load.is_external and (bodyweight_only or not allowed):
            continue
        previous = rungs[-1] if rungs else None
        step_pct: float | None = None
        if previous is not None and previous.load.equipment is load.equipment and load.is_external:
            step_pct = round((load.force_n / previous.load.force_n - 1) * 100, 1)
        rungs.append(
            Rung(
                index=len(rungs),
                variation=variation,
                load=load,
                extra_hold=hold,
                step_pct=step_pct,
                is_load_step=load.is_external,
                is_heavy=heavy,
            )
        )
    return Ladder(tuple(rungs))


# --------------------------------------------------------------------------- rules


class Trigger(enum.StrEnum):
    """What earns a step up the ladder."""

    #: Double progression: every set reaches the top of the rep range.
    ALL_SETS_AT_TOP = "all_sets_at_top"
    #: NSCA 2-for-2: the last set beats the rep goal by ``extra_reps`` or more.
    TWO_FOR_TWO = "two_for_two"


def _check_pct(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
        raise ProgressionError(f"{attribute.name} must be a number in (0, 100], got {value!r}")


@attrs.frozen(kw_only=True)
class ProgressionRules:
    """The rules a progression follows, as data.

    Defaults are double progression (rule 6) for accessory work: stay on a rung until
    every set reaches the top of the range in 2 sessions in a row, then step up one
    rung and restart at the bottom.  Use :meth:`for_role` and :meth:`two_for_two` for
    the shipped presets, or :func:`attrs.evolve` to change a field.
    """

    rep_range: RepRange = attrs.field(
        default=RepRange(10, 15), validator=v.instance_of(RepRange, ProgressionError)
    )
    heavy_rep_range: RepRange | None = attrs.field(
        default=None, validator=v.instance_of((RepRange, type(None)), ProgressionError)
    )
    rep_step: int = attrs.field(default=2, validator=v.int_in(1, 10, ProgressionError))
    trigger: Trigger = attrs.field(
        default=Trigger.ALL_SETS_AT_TOP,
        validator=v.member_of(Trigger, ProgressionError),
    )
    sessions_to_step: int = attrs.field(default=2, validator=v.int_in(1, 10, ProgressionError))
    extra_reps: int = attrs.field(default=2, validator=v.int_in(1, 10, ProgressionError))
    max_step_pct: float = attrs.field(default=10.0, validator=_check_pct)
    regress_after_misses: int = attrs.field(default=2, validator=v.int_in(1, 10, ProgressionError))
    pain_continue_max: int = attrs.field(default=3, validator=v.int_in(0, 10, ProgressionError))
    pain_hold_max: int = attrs.field(default=5, validator=v.int_in(0, 10, ProgressionError))
    rehab: bool = attrs.field(default=False, validator=v.instance_of(bool, ProgressionError))
    bridge: bool = attrs.field(default=True, validator=v.instance_of(bool, ProgressionError))
    pain_free_before_load: int = attrs.field(default=0, validator=v.int_in(0, 20, ProgressionError))
    base_sets: int = attrs.field(default=3, validator=v.int_in(1, 10, ProgressionError))
    max_sets: int = attrs.field(default=4, validator=v.int_in(1, 10, ProgressionError))

    def __attrs_post_init__(self) -> None:
        if self.base_sets > self.max_sets:
            raise ProgressionError(
                f"base_sets must be at most max_sets ({self.max_sets}), got {self.base_sets}"
            )
        if self.pain_continue_max > self.pain_hold_max:
            raise ProgressionError(
                f"pain_continue_max must be at most pain_hold_max ({self.pain_hold_max}), "
                f"got {self.pain_continue_max}"
            )

    @classmethod
    def for_role(cls, role: Role = Role.ACCESSORY, level: Level = Level.NOVICE) -> ProgressionRules:
        """Double progression dosed for ``role``; step threshold by ``level`` (rule 7).

        Novices may take load steps up to 10 %, experienced lifters 5 %; rehab
        progresses only on the rehab criteria (rule 16).
        """
        dose = ROLE_DOSES[role]
        return cls(
            rep_range=dose.rep_range,
            heavy_rep_range=dose.heavy_rep_range,
            rep_step=2,
            max_step_pct=10.0 if level is Level.NOVICE else 5.0,
            rehab=role is Role.REHAB,
            bridge=role is not Role.WARM_UP,
            pain_continue_max=3,
            pain_hold_max=5,
            base_sets=dose.base_sets,
            max_sets=dose.max_sets,
        )

    @classmethod
    def two_for_two(
        cls, role: Role = Role.ACCESSORY, level: Level = Level.NOVICE
    ) -> ProgressionRules:
        """The NSCA 2-for-2 rule: 2 reps over the goal on the last set, 2 sessions running."""
        return attrs.evolve(cls.for_role(role, level), trigger=Trigger.TWO_FOR_TWO)

    def range_for(self, rung: Rung) -> RepRange:
        """The rep range that applies on ``rung`` (the heavy range on heavy rungs)."""
        if rung.is_heavy and self.heavy_rep_range is not None:
            return self.heavy_rep_range
        return self.rep_range


# --------------------------------------------------------------------------- state and outcomes


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


@attrs.frozen(kw_only=True)
class Step:
    """The result of :func:`next_step`: the new state, what changed and why."""

    state: ProgressionState
    change: Change
    reason: str


# --------------------------------------------------------------------------- the step function


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
    return Step(state=state, change=Change.START, reason=f"start ({why}): {rung.label}")


def _check_state(state: ProgressionState, ladder: Ladder, rules: ProgressionRules) -> None:
    if state.rung > ladder.top:
        raise ProgressionError(
            f"state rung must be 0..{ladder.top} for this ladder, got {state.rung}"
        )
    if state.sets > rules.max_sets:
        raise ProgressionError(f"state sets must be 1..{rules.max_sets}, got {state.sets}")


def _regress(state: ProgressionState, ladder: Ladder, rules: ProgressionRules, why: str) -> Step:
    if state.rung == 0:
        sets = max(1, state.sets - 1)
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
        return Step(
            state=new,
            change=Change.REGRESS if easier else Change.HOLD,
            reason=f"{why} → already on the first rung: {what}",
        )
    below = ladder[state.rung - 1]
    new = ProgressionState(
        rung=below.index,
        sets=min(state.sets, rules.base_sets),
        reps=rules.range_for(below).low,
    )
    return Step(
        state=new,
        change=Change.REGRESS,
        reason=f"{why} → regress: {ladder[state.rung].label} → {below.label}",
    )


def next_step(  # noqa: C901, PLR0912
    state: ProgressionState,
    outcome: SessionOutcome,
    ladder: Ladder,
    rules: ProgressionRules,
) -> Step:
    """Return the state for the next session and the reason (a pure function).

    The rules, in order: pain above ``pain_hold_max`` regresses one rung (rule 14);
    next-morning pain above baseline takes one set off (rule 15); form failure or a
    missed rep-range bottom ``regress_after_misses`` times running regresses (rule 13);
    pain in the hold zone holds; rehab progresses only when pain is at most 3, the
    next morning is known and at baseline and form was kept (rule 16); otherwise the
    trigger (double progression or 2-for-2) adds reps, then bridges big load jumps
    with a set or a pause (rule 7), then steps up exactly one rung (rule 6).
    """
    _check_state(state, ladder, rules)
    rung = ladder[state.rung]
    rep_range = rules.range_for(rung)
    pain = outcome.pain_during

    if pain > rules.pain_hold_max:
        return _regress(
            state, ladder, rules, f"pain {pain}/10 during (above {rules.pain_hold_max})"
        )

    if outcome.next_morning_above_baseline:
        why = (
            f"next-morning pain {outcome.next_morning_pain}/10 above baseline "
            f"{outcome.baseline_pain}/10"
        )
        if state.sets == 1:
            return _regress(state, ladder, rules, why)
        new = attrs.evolve(
            state,
            sets=state.sets - 1,
            top_streak=0,
            pain_free_streak=0,
            recovering=_BASELINE_SESSIONS,
        )
        return Step(
            state=new,
            change=Change.REDUCE,
            reason=f"{why} → previous dose minus one set: {state.sets} → {new.sets} sets",
        )

    floor = min(state.reps, rep_range.low)
    missed_bottom = any(s.worst < floor for s in outcome.sets)
    if missed_bottom or not outcome.form_kept:
        misses = state.miss_streak + 1
        what = "form lost" if not outcome.form_kept else f"bottom of the range ({floor}) missed"
        if misses >= rules.regress_after_misses:
            return _regress(state, ladder, rules, f"{what} {misses} sessions in a row")
        return Step(
            state=attrs.evolve(state, miss_streak=misses, top_streak=0, pain_free_streak=0),
            change=Change.HOLD,
            reason=f"{what} ({misses} of {rules.regress_after_misses} before regressing) → hold",
        )
    state = attrs.evolve(state, miss_streak=0)

    if pain > rules.pain_continue_max:
        return Step(
            state=attrs.evolve(state, top_streak=0, pain_free_streak=0),
            change=Change.HOLD,
            reason=f"pain {pain}/10 during ({rules.pain_continue_max + 1}-"
            f"{rules.pain_hold_max} zone) → hold, no progression",
        )
    # Rule 24 counts only sessions known to be pain-free: no pain above baseline during
    # the session or the next morning.
    morning_known = outcome.next_morning_pain is not None
    pain_free = morning_known and pain <= outcome.baseline_pain
    state = attrs.evolve(
        state, pain_free_streak=min(state.pain_free_streak + 1, 1000) if pain_free else 0
    )

    if (rules.rehab or state.recovering) and not morning_known:
        who = "rehab" if rules.rehab else "after next-morning pain"
        return Step(
            state=state,
            change=Change.HOLD,
            reason=f"{who}: progress only once next-morning pain is known to be at baseline → hold",
        )
    if state.recovering:
        left = state.recovering - 1
        done = _BASELINE_SESSIONS - left
        return Step(
            state=attrs.evolve(state, recovering=left, top_streak=0),
            change=Change.HOLD,
            reason=f"back at baseline ({done} of {_BASELINE_SESSIONS} sessions before "
            "progressing again) → hold",
        )

    hit = all(s.worst >= state.reps for s in outcome.sets) and len(outcome.sets) >= state.sets
    if not hit:
        worst = min(s.worst for s in outcome.sets)
        return Step(
            state=attrs.evolve(state, top_streak=0),
            change=Change.HOLD,
            reason=f"reps below target ({worst} of {state.reps}) → hold",
        )

    if state.sets < rules.base_sets:
        return Step(
            state=attrs.evolve(state, sets=state.sets + 1, top_streak=0),
            change=Change.ADD_SET,
            reason=f"all sets hit {state.reps}/leg → restore a set: {state.sets} → "
            f"{state.sets + 1} sets",
        )

    if rules.trigger is Trigger.ALL_SETS_AT_TOP:
        if state.reps < rep_range.high:
            reps = min(rep_range.high, state.reps + rules.rep_step)
            return Step(
                state=attrs.evolve(state, reps=reps, top_streak=0),
                change=Change.MORE_REPS,
                reason=f"all sets hit {state.reps}/leg → {reps} reps on {rung.label}",
            )
        streak = state.top_streak + 1
        earned = f"top of range {streak} session{'s' if streak > 1 else ''} in a row"
    else:
        goal = state.reps
        beat = outcome.sets[-1].worst >= goal + rules.extra_reps
        if not beat:
            return Step(
                state=attrs.evolve(state, top_streak=0),
                change=Change.HOLD,
                reason=f"last set under the goal + {rules.extra_reps} "
                f"({goal + rules.extra_reps}) → hold",
            )
        streak = state.top_streak + 1
        plural = "s" if streak > 1 else ""
        earned = (
            f"{rules.extra_reps} reps over the goal on the last set, "
            f"{streak} session{plural} in a row"
        )

    if streak < rules.sessions_to_step:
        return Step(
            state=attrs.evolve(state, top_streak=streak),
            change=Change.HOLD,
            reason=f"{earned} ({streak} of {rules.sessions_to_step}) → hold",
        )
    return _step_up(state, ladder, rules, earned)


def _step_up(state: ProgressionState, ladder: Ladder, rules: ProgressionRules, earned: str) -> Step:
    here = ladder[state.rung]
    if state.rung == ladder.top:
        if state.sets < rules.max_sets:
            return Step(
                state=attrs.evolve(state, sets=state.sets + 1, top_streak=0),
                change=Change.ADD_SET,
                reason=f"{earned}; top of the ladder ({here.label}) → add a set: "
                f"{state.sets} → {state.sets + 1}",
            )
        if rules.bridge and state.extra_hold < _MAX_BRIDGE_HOLD:
            return Step(
                state=attrs.evolve(state, extra_hold=state.extra_hold + 1, top_streak=0),
                change=Change.LONGER_HOLD,
                reason=f"{earned}; top of the ladder and of sets → hold the top 1 s longer",
            )
        return Step(
            state=attrs.evolve(state, top_streak=0),
            change=Change.HOLD,
            reason=f"{earned}; top of the ladder, sets and pauses ({here.label}) → keep the "
            "dose; progress to an advanced variation with the right equipment",
        )
    above = ladder[state.rung + 1]
    if above.load.is_external and state.pain_free_streak < rules.pain_free_before_load:
        return Step(
            state=attrs.evolve(state, top_streak=0),
            change=Change.HOLD,
            reason=f"{earned}, but external load needs {rules.pain_free_before_load} pain-free "
            f"sessions first ({state.pain_free_streak} so far) → hold {here.label}",
        )
    if rules.bridge and above.needs_bridge(rules.max_step_pct) and not state.bridged:
        size = "a new kind of load" if above.step_pct is None else f"+{above.step_pct:g} %"
        jump = f"next step {here.label} → {above.label} is {size} (over {rules.max_step_pct:g} %)"
        if state.sets < rules.max_sets:
            new = attrs.evolve(state, sets=state.sets + 1, bridged=True, top_streak=0)
            detail = f"add a set first: {state.sets} → {new.sets}"
        else:
            new = attrs.evolve(state, extra_hold=state.extra_hold + 1, bridged=True, top_streak=0)
            detail = f"hold the top 1 s longer first ({new.extra_hold} s extra)"
        return Step(state=new, change=Change.BRIDGE, reason=f"{earned}; {jump} → {detail}")
    new = ProgressionState(
        rung=above.index,
        sets=rules.base_sets,
        reps=rules.range_for(above).low,
        pain_free_streak=state.pain_free_streak,
    )
    return Step(
        state=new,
        change=Change.STEP_UP,
        reason=f"{earned} → {here.label} → {above.label}",
    )


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
