"""Doses: sets, reps per leg, tempo, rest, load, reps in reserve, and time estimates.

The time estimate is coaching rule 19 (docs/coaching.md)::

    block_s = sets × (2 legs × reps × rep_s + 15 s switch) + (sets − 1) × rest_s + setup_s

with a setup of 30 s for a band and 60 s for a cable; a session is rounded up to
whole 5-minute steps.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import types
from typing import Any

import attrs

from legraise_plan import _validate as v
from legraise_plan.catalog import Variation
from legraise_plan.equipment import Equipment, Load
from legraise_plan.errors import PrescriptionError


__all__ = [
    "MAX_REHAB_REP_SECONDS",
    "ROLE_DOSES",
    "SIDE_SWITCH_SECONDS",
    "Prescription",
    "RepRange",
    "Role",
    "RoleDose",
    "Tempo",
    "block_seconds",
    "round_up_to_5_minutes",
    "setup_seconds",
]

#: Seconds to switch legs inside a set (rule 19).
SIDE_SWITCH_SECONDS = 15
#: The longest rep (lift + hold + lower) a rehab dose may prescribe: slow reps help
#: rehab (rule 4), but reps longer than 10 s do no better for muscle than faster ones.
MAX_REHAB_REP_SECONDS = 10
_SETUP_SECONDS = {Equipment.BAND: 30, Equipment.CABLE: 60}
_MAX_REST = dt.timedelta(minutes=10)
_MAX_HOLD = 60
_RANGE = re.compile(r"\s*([0-9]{1,3})\s*(?:-\s*([0-9]{1,3})\s*)?")
_TEMPO = re.compile(r"\s*([0-9]{1,3})-([0-9]{1,3})-([0-9]{1,3})\s*")


class Role(enum.StrEnum):
    """Where the raises sit in the athlete's training."""

    WARM_UP = "warm_up"
    ACCESSORY = "accessory"
    FULL_BODY = "full_body"
    REHAB = "rehab"

    @property
    def label(self) -> str:
        """Human label, e.g. ``warm-up``."""
        return self.value.replace("_", "-")

    @classmethod
    def parse(cls, value: object) -> Role:
        """``value`` as a role: a member, or its value such as ``"rehab"``.

        Raises:
            PrescriptionError: for anything else, listing the allowed values.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in cls._value2member_map_:
            return cls(value)
        allowed = ", ".join(m.value for m in cls)
        raise PrescriptionError(f"role must be one of {allowed}, got {value!r:.80}", field="role")


@attrs.frozen
class RepRange:
    """Reps per leg, from ``low`` to ``high`` inclusive.

    >>> str(RepRange(10, 15))
    '10-15'
    """

    low: int = attrs.field(validator=v.int_in(1, 50, PrescriptionError))
    high: int = attrs.field(validator=v.int_in(1, 50, PrescriptionError))

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise PrescriptionError(
                f"rep range low must be at most high, got {self.low}-{self.high}", field="low"
            )

    def __contains__(self, reps: object) -> bool:
        return isinstance(reps, int) and self.low <= reps <= self.high

    def __str__(self) -> str:
        return f"{self.low}-{self.high}" if self.low != self.high else str(self.low)

    @classmethod
    def parse(cls, text: str) -> RepRange:
        """Parse ``"10-15"`` or ``"12"``."""
        raw: object = text
        match = _RANGE.fullmatch(raw) if isinstance(raw, str) else None
        if match is None:
            raise PrescriptionError(
                f"rep range must look like 10-15 or 12, got {text!r}", field="rep_range"
            )
        low, high = match.group(1), match.group(2)
        return cls(int(low), int(high or low))


@attrs.frozen
class Tempo:
    """Seconds to lift, hold at the top, and lower: ``2-1-2`` is 2 s up, 1 s squeeze, 2 s down.

    >>> Tempo.parse("3-2-3").rep_seconds
    8
    """

    lift: int = attrs.field(validator=v.int_in(1, 10, PrescriptionError))
    hold: int = attrs.field(validator=v.int_in(0, 60, PrescriptionError))
    lower: int = attrs.field(validator=v.int_in(1, 10, PrescriptionError))

    @property
    def rep_seconds(self) -> int:
        """Seconds one rep takes."""
        return self.lift + self.hold + self.lower

    def describe(self) -> str:
        """The tempo spelled out for people, not only the bare ``lift-hold-lower`` triple.

        >>> Tempo(2, 1, 2).describe()
        '2-1-2 (2 s up, 1 s hold at the top, 2 s down)'
        >>> Tempo(1, 0, 3).describe()
        '1-0-3 (1 s up, no hold at the top, 3 s down)'
        """
        hold = f"{self.hold} s hold" if self.hold else "no hold"
        return f"{self} ({self.lift} s up, {hold} at the top, {self.lower} s down)"

    def __str__(self) -> str:
        """The compact ``lift-hold-lower`` form that :meth:`parse` reads back."""
        return f"{self.lift}-{self.hold}-{self.lower}"

    @classmethod
    def parse(cls, text: str) -> Tempo:
        """Parse ``"2-1-2"`` (lift-hold-lower seconds)."""
        raw: object = text
        match = _TEMPO.fullmatch(raw) if isinstance(raw, str) else None
        if match is None:
            raise PrescriptionError(
                f"tempo must be lift-hold-lower seconds like 2-1-2, got {text!r}", field="tempo"
            )
        return cls(*(int(part) for part in match.groups()))


def setup_seconds(equipment: Equipment) -> int:
    """Setup time for ``equipment`` (band 30 s, cable 60 s, otherwise 0)."""
    return _SETUP_SECONDS.get(equipment, 0)


def block_seconds(
    *, sets: int, reps: int, rep_seconds: int, rest_seconds: int, setup: int, legs: int = 2
) -> int:
    """Rule 19: seconds for ``sets`` of ``reps`` per leg, both legs, with rests and setup.

    ``legs=1`` is for moves done with both legs at once: no second side, no switch.
    """
    per_set = legs * reps * rep_seconds + (SIDE_SWITCH_SECONDS if legs == 2 else 0)
    return sets * per_set + (sets - 1) * rest_seconds + setup


def round_up_to_5_minutes(seconds: float) -> dt.timedelta:
    """Round a session's seconds up to whole 5-minute steps (at least 5 minutes)."""
    steps = max(1, math.ceil(seconds / 300))
    return dt.timedelta(minutes=5 * steps)


def _check_load(inst: Prescription, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Load):
        raise PrescriptionError(f"load must be a Load, got {value!r}", field=attribute.name)
    if value.equipment is not inst.variation.equipment:
        raise PrescriptionError(
            f"load must use {inst.variation.equipment.value} for {inst.variation.id}, "
            f"got {value.equipment.value}",
            field=attribute.name,
        )


@attrs.frozen(kw_only=True)
class Prescription:
    """The dose of one block: what to do, how many, how fast, how heavy, how hard.

    ``reps`` is the target per leg; ``rir`` is reps in reserve (how many more clean
    reps the athlete could do at the end of a set).
    """

    variation: Variation = attrs.field(validator=v.instance_of(Variation, PrescriptionError))
    load: Load = attrs.field(validator=_check_load)
    sets: int = attrs.field(validator=v.int_in(1, 10, PrescriptionError))
    reps: int = attrs.field(validator=v.int_in(1, 50, PrescriptionError))
    tempo: Tempo = attrs.field(validator=v.instance_of(Tempo, PrescriptionError))
    rest: dt.timedelta = attrs.field(
        validator=v.non_negative_duration(_MAX_REST, PrescriptionError)
    )
    rir: int = attrs.field(default=2, validator=v.int_in(0, 10, PrescriptionError))

    @property
    def seconds(self) -> int:
        """Estimated seconds for the block (rule 19)."""
        return block_seconds(
            sets=self.sets,
            reps=self.reps,
            rep_seconds=self.tempo.rep_seconds,
            rest_seconds=int(self.rest.total_seconds()),
            setup=setup_seconds(self.load.equipment),
            legs=1 if self.variation.bilateral else 2,
        )

    @property
    def duration(self) -> dt.timedelta:
        """Estimated duration of the block, unrounded."""
        return dt.timedelta(seconds=self.seconds)

    @property
    def volume(self) -> int:
        """Reps per leg over all sets (sets × reps)."""
        return self.sets * self.reps

    @property
    def dose(self) -> str:
        """Sets × reps, e.g. ``3×12/leg``, or ``3×12`` for a move done with both legs."""
        per = "" if self.variation.bilateral else "/leg"
        return f"{self.sets}×{self.reps}{per}"

    @property
    def summary(self) -> str:
        """Compact dose, e.g. ``3×12/leg · band green``."""
        return f"{self.dose} · {self.load.label}"


def _check_rep_seconds(tempo: Tempo, limit: int | None) -> None:
    if limit is not None and tempo.rep_seconds > limit:
        raise PrescriptionError(
            f"tempo must take at most {limit} s per rep (lift + hold + lower) in this dose, "
            f"got {tempo} ({tempo.rep_seconds} s)",
            field="tempo",
        )


def _check_max_rep_seconds(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        v.int_in(3, 80, PrescriptionError)(_inst, attribute, value)


@attrs.frozen(kw_only=True)
class RoleDose:
    """How a role doses the raises (rules 1-4).

    ``heavy_rep_range`` applies on heavy rungs (ankle weights from 2.5 kg / 5 lb, cable).
    ``min_sets`` is the fewest working sets outside deload weeks; ``min_rir`` the fewest
    reps in reserve at which a session may still earn progress; ``max_rep_seconds``
    caps lift + hold + lower of every rep the dose prescribes (None: no cap).

    Raises:
        PrescriptionError: for a field out of range, ``min_sets`` above ``base_sets``,
            ``base_sets`` above ``max_sets``, ``min_rir`` above ``rir``, or a tempo
            slower than ``max_rep_seconds``.
    """

    rep_range: RepRange = attrs.field(validator=v.instance_of(RepRange, PrescriptionError))
    heavy_rep_range: RepRange | None = attrs.field(
        validator=v.instance_of((RepRange, type(None)), PrescriptionError)
    )
    base_sets: int = attrs.field(validator=v.int_in(1, 10, PrescriptionError))
    max_sets: int = attrs.field(validator=v.int_in(1, 10, PrescriptionError))
    tempo: Tempo = attrs.field(validator=v.instance_of(Tempo, PrescriptionError))
    rest: dt.timedelta = attrs.field(
        validator=v.non_negative_duration(_MAX_REST, PrescriptionError)
    )
    rir: int = attrs.field(validator=v.int_in(0, 10, PrescriptionError))
    min_sets: int = attrs.field(validator=v.int_in(1, 10, PrescriptionError))
    min_rir: int = attrs.field(validator=v.int_in(0, 10, PrescriptionError))
    max_rep_seconds: int | None = attrs.field(default=None, validator=_check_max_rep_seconds)

    def __attrs_post_init__(self) -> None:
        if not self.min_sets <= self.base_sets <= self.max_sets:
            raise PrescriptionError(
                f"base_sets must be from min_sets {self.min_sets} to max_sets {self.max_sets}, "
                f"got {self.base_sets}",
                field="base_sets",
            )
        if self.min_rir > self.rir:
            raise PrescriptionError(
                f"min_rir must be at most rir ({self.rir}), got {self.min_rir}", field="min_rir"
            )
        _check_rep_seconds(self.tempo, self.max_rep_seconds)

    def tempo_with_hold(self, extra_hold: int) -> Tempo:
        """The dose's tempo with ``extra_hold`` more seconds at the top.

        >>> ROLE_DOSES[Role.REHAB].tempo_with_hold(2).describe()
        '3-4-3 (3 s up, 4 s hold at the top, 3 s down)'

        Raises:
            PrescriptionError: when ``extra_hold`` is not a whole number of seconds 0..60,
                or the rep would take longer than ``max_rep_seconds`` (rehab: 10 s, rule 4).
        """
        raw: object = extra_hold
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= _MAX_HOLD:
            raise PrescriptionError(
                f"extra_hold must be a whole number of seconds 0..{_MAX_HOLD}, got {raw!r}",
                field="extra_hold",
            )
        if extra_hold == 0:
            return self.tempo
        tempo = Tempo(self.tempo.lift, self.tempo.hold + extra_hold, self.tempo.lower)
        _check_rep_seconds(tempo, self.max_rep_seconds)
        return tempo


#: Dosing per role (read-only): warm-up rule 1, accessory rule 2, full-body rule 3, rehab rule 4.
ROLE_DOSES: types.MappingProxyType[Role, RoleDose] = types.MappingProxyType(
    {
        Role.WARM_UP: RoleDose(
            rep_range=RepRange(10, 15),
            heavy_rep_range=None,
            base_sets=2,
            max_sets=2,
            tempo=Tempo(1, 1, 1),
            rest=dt.timedelta(seconds=30),
            rir=4,
            min_sets=1,
            min_rir=4,
        ),
        Role.ACCESSORY: RoleDose(
            rep_range=RepRange(10, 15),
            heavy_rep_range=RepRange(8, 12),
            base_sets=3,
            max_sets=4,
            tempo=Tempo(2, 1, 2),
            rest=dt.timedelta(seconds=60),
            rir=2,
            min_sets=2,
            min_rir=1,
        ),
        Role.FULL_BODY: RoleDose(
            rep_range=RepRange(12, 15),
            heavy_rep_range=None,
            base_sets=2,
            max_sets=3,
            tempo=Tempo(2, 1, 2),
            rest=dt.timedelta(seconds=45),
            rir=2,
            min_sets=2,
            min_rir=1,
        ),
        Role.REHAB: RoleDose(
            rep_range=RepRange(8, 12),
            heavy_rep_range=None,
            base_sets=2,
            max_sets=3,
            tempo=Tempo(3, 2, 3),
            rest=dt.timedelta(seconds=60),
            rir=3,
            min_sets=2,
            min_rir=2,
            max_rep_seconds=MAX_REHAB_REP_SECONDS,
        ),
    }
)
