"""The parameters a progression follows, as data: :class:`ProgressionRules` and its presets."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Final

import attrs

from legraise_plan import _validate as v
from legraise_plan.athlete import Level
from legraise_plan.errors import ProgressionError
from legraise_plan.prescription import MAX_REHAB_REP_SECONDS, ROLE_DOSES, RepRange, Role
from legraise_plan.progression._ladder import Rung


class Trigger(enum.StrEnum):
    """What earns a step up the ladder."""

    #: Double progression: every set reaches the top of the rep range.
    ALL_SETS_AT_TOP = "all_sets_at_top"
    #: NSCA 2-for-2: the last set beats the rep goal by ``extra_reps`` or more.
    TWO_FOR_TWO = "two_for_two"


#: The pain ceilings of the pain-monitoring model (rule 14): 0-3 continue, 4-5 hold, above 5
#: stop.  Rules may tighten them, never loosen them.
SAFE_PAIN_MAX: Final = 3
HOLD_PAIN_MAX: Final = 5
#: Extra seconds of top hold the engine may add (a pause rung's hold counts too).
MAX_EXTRA_HOLD: Final = 2


def _pain_ceiling(
    ceiling: int, zone: str
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= ceiling:
            raise ProgressionError(
                f"{attribute.name} must be 0..{ceiling} ({zone}); pain thresholds may be "
                f"tightened but never loosened, got {value!r}"
            )

    return check


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
    pain_continue_max: int = attrs.field(
        default=SAFE_PAIN_MAX,
        validator=_pain_ceiling(SAFE_PAIN_MAX, "progress only while pain stays 0-3/10"),
    )
    pain_hold_max: int = attrs.field(
        default=HOLD_PAIN_MAX,
        validator=_pain_ceiling(HOLD_PAIN_MAX, "above 5/10 the set stops"),
    )
    rehab: bool = attrs.field(default=False, validator=v.instance_of(bool, ProgressionError))
    bridge: bool = attrs.field(default=True, validator=v.instance_of(bool, ProgressionError))
    pain_free_before_load: int = attrs.field(default=0, validator=v.int_in(0, 20, ProgressionError))
    base_sets: int = attrs.field(default=3, validator=v.int_in(1, 10, ProgressionError))
    max_sets: int = attrs.field(default=4, validator=v.int_in(1, 10, ProgressionError))
    min_sets: int = attrs.field(default=1, validator=v.int_in(1, 10, ProgressionError))
    min_rir: int = attrs.field(default=0, validator=v.int_in(0, 10, ProgressionError))
    max_extra_hold: int = attrs.field(
        default=MAX_EXTRA_HOLD, validator=v.int_in(0, MAX_EXTRA_HOLD, ProgressionError)
    )

    def __attrs_post_init__(self) -> None:
        if self.min_sets > self.base_sets:
            raise ProgressionError(
                f"min_sets must be at most base_sets ({self.base_sets}), got {self.min_sets}"
            )
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
        progresses only on the rehab criteria (rule 16) and keeps every rep within
        10 s (its tempo plus any extra top hold); progress needs at least the role's
        minimum reps in reserve (e.g. 4 for a warm-up, rule 1).
        """
        role = Role.parse(role)
        dose = ROLE_DOSES[role]
        rep_seconds = dose.tempo.lift + dose.tempo.hold + dose.tempo.lower
        hold_room = MAX_REHAB_REP_SECONDS - rep_seconds if role is Role.REHAB else MAX_EXTRA_HOLD
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
            min_sets=dose.min_sets,
            min_rir=dose.min_rir,
            max_extra_hold=max(0, min(MAX_EXTRA_HOLD, hold_room)),
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
