"""The equipment ladder: sources offer rungs, gates take away what a role or condition forbids.

Each source turns the athlete's equipment into candidate rungs, easiest first; the
sources run in ladder order (bodyweight → bands → ankle weights → cable → bench
variations).  Each gate then decides whether an external load may stay on this
athlete's ladder (the role's cap, the surgery cap, bodyweight until cleared).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Final, NamedTuple

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
from legraise_plan.prescription import Role
from legraise_plan.units import Mass, Unit


#: Band colours on the ladder, in order.
LADDER_BANDS: Final = (
    BandColour.YELLOW,
    BandColour.RED,
    BandColour.GREEN,
    BandColour.BLUE,
    BandColour.BLACK,
)
_PAUSE_SECONDS: Final = 2
_CABLE_PLATES: Final = 8


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


class _Candidate(NamedTuple):
    """A rung a source offers, before gates and numbering."""

    variation: Variation
    load: Load
    hold: int = 0
    heavy: bool = False


Source = Callable[[Athlete, Role], Iterable[_Candidate]]
Gate = Callable[[Athlete, Role, Load], bool]


# --------------------------------------------------------------------------- sources


def bodyweight(athlete: Athlete, role: Role) -> Iterator[_Candidate]:
    """Prone (not in pregnancy), standing, and standing with a pause (not for warm-ups)."""
    load = Load.bodyweight()
    if Condition.PREGNANCY not in athlete.conditions:
        yield _Candidate(PRONE, load)
    yield _Candidate(STANDING, load)
    if role is not Role.WARM_UP:
        yield _Candidate(STANDING, load, _PAUSE_SECONDS)


def bands(athlete: Athlete, _role: Role) -> Iterator[_Candidate]:
    """Every ladder band colour, lightest first."""
    if athlete.has(Equipment.BAND):
        yield from (_Candidate(STANDING_BAND, Load.band_of(c)) for c in LADDER_BANDS)


def ankle_weights(athlete: Athlete, _role: Role) -> Iterator[_Candidate]:
    """Ankle weights in 0.5 kg / 1 lb steps up to the athlete's cap (5 kg / 10 lb by default)."""
    if not athlete.has(Equipment.ANKLE_WEIGHTS):
        return
    units = athlete.units
    step = increment_for(Equipment.ANKLE_WEIGHTS, units)
    cap = athlete.ankle_weight_max or (Mass(5, Unit.KG) if units is Unit.KG else Mass(10, Unit.LB))
    heavy_from = Mass("2.5", Unit.KG) if units is Unit.KG else Mass(5, Unit.LB)
    n = 1
    while (mass := Mass(step.amount * n, units)) <= cap:
        yield _Candidate(STANDING_ANKLE, Load.ankle(mass), heavy=mass >= heavy_from)
        n += 1


def cable(athlete: Athlete, _role: Role) -> Iterator[_Candidate]:
    """The cable stack, one plate at a time."""
    if not athlete.has(Equipment.CABLE):
        return
    plate = athlete.cable_increment or increment_for(Equipment.CABLE, athlete.units)
    for n in range(1, _CABLE_PLATES + 1):
        mass = Mass(plate.amount * n, plate.unit)
        yield _Candidate(CABLE, Load.cable(mass, pulley_ratio=athlete.pulley_ratio), heavy=True)


def benches(athlete: Athlete, role: Role) -> Iterator[_Candidate]:
    """45° hyperextension and glute-ham raise: accessory or full-body, past novice, no condition."""
    if role not in {Role.ACCESSORY, Role.FULL_BODY} or athlete.level is Level.NOVICE:
        return
    if athlete.conditions:
        return
    for variation in (HYPEREXTENSION, GLUTE_HAM_RAISE):
        if athlete.has(variation.equipment):
            yield _Candidate(variation, Load.bodyweight(variation.equipment))


# --------------------------------------------------------------------------- gates


def role_cap(athlete: Athlete, role: Role, load: Load) -> bool:
    """Warm-up: the lightest band only.  Rehab: a band up to red, ankle weights to 1 kg / 2 lb."""
    if role is Role.WARM_UP:
        return load.band is LADDER_BANDS[0]
    if role is Role.REHAB:
        if load.band is not None:
            return load.band.rank <= BandColour.RED.rank
        if load.equipment is Equipment.ANKLE_WEIGHTS and load.mass is not None:
            cap = Mass(1, Unit.KG) if athlete.units is Unit.KG else Mass(2, Unit.LB)
            return load.mass <= cap
        return load.equipment is not Equipment.CABLE
    return True


def surgery_cap(athlete: Athlete, _role: Role, load: Load) -> bool:
    """Recent hip surgery keeps external loads at rehab levels in every role."""
    if Condition.RECENT_HIP_SURGERY not in athlete.conditions:
        return True
    return role_cap(athlete, Role.REHAB, load)


def bodyweight_until_cleared(athlete: Athlete, _role: Role, _load: Load) -> bool:
    """An uncleared back or hip condition, or a PAR-Q yes, keeps the ladder at bodyweight."""
    screened = {Condition.LOW_BACK_PAIN_HISTORY, Condition.HIP_PAIN, Condition.PARQ_YES}
    return athlete.cleared or not athlete.conditions & screened


SOURCES: Final[tuple[Source, ...]] = (bodyweight, bands, ankle_weights, cable, benches)
GATES: Final[tuple[Gate, ...]] = (role_cap, surgery_cap, bodyweight_until_cleared)


def build_ladder(athlete: Athlete, role: Role = Role.ACCESSORY) -> Ladder:
    """Build the ladder for ``athlete`` in ``role``: every source's rungs that pass every gate.

    Skips rungs for missing equipment; caps warm-up at the lightest band and rehab
    (and anyone after recent hip surgery) at light loads; keeps people with an
    uncleared back or hip condition at bodyweight; drops the prone rung in pregnancy;
    adds the advanced bench variations only for accessory and full-body work by
    non-novices without a back or hip condition.
    """
    rungs: list[Rung] = []
    for source in SOURCES:
        for variation, load, hold, heavy in source(athlete, role):
            if load.is_external and not all(gate(athlete, role, load) for gate in GATES):
                continue
            previous = rungs[-1] if rungs else None
            step_pct: float | None = None
            if load.is_external and previous and previous.load.equipment is load.equipment:
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
