"""The equipment ladder: chains of rungs, ordered by the estimated resistance at the hip.

Each source turns the athlete's equipment into one chain of candidate rungs, easiest
first; each gate may refuse an external load for this athlete and role (the role's cap,
the surgery cap, bodyweight until cleared).  The chains are walked in this order, each
kept in one piece::

    standing bodyweight → standing + 2 s pause → standing bands (yellow → black)
    → prone bodyweight → prone + ankle weights (0.5 kg / 1 lb steps up to a cap)
    → cable (steps of at most 5 kg / 10 lb) → 45° hyperextension → glute-ham raise

Every rung carries ``resistance_nm``, the estimated hip-extension torque it asks for
(``progression._resistance``: an estimate within about ±30 %, used only for ordering
and step sizes), and the ladder strictly rises in it (rule 8).  Lying face down, the
leg's whole weight works against the hip, so prone bodyweight is harder than a standing
kickback with the heaviest ladder band, and ankle weights go on the prone raise, where
they load the hip most and the trunk is supported.  On moving to the next chain, its
rungs that are not harder than the current top are dropped, so every change of
equipment or position is a real step up.  Two chains have an entry rule: the cable
starts at 10 kg (20 lb) or less (rules 8 and 10), and the first bench variation, which
cannot be made lighter, is always kept; when such an entry is not harder than the top,
the top rungs are trimmed instead, so the step onto it is real.

Athletes who must stay at hip neutral (anterior hip pain, a low-back pain history, or
recent hip surgery by an anterior, arthroscopic or unrecorded approach; rules 23-24)
get the neutral-capped variations throughout.  In pregnancy there are no prone rungs
and no ankle weights (rule 22): standing, an ankle weight hangs almost in line with
the leg and adds little at the hip, while it makes the leg swing and the balance harder.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Final, NamedTuple

import attrs

from legraise_plan import _validate as v
from legraise_plan.athlete import Athlete, Condition, Level, SurgicalApproach
from legraise_plan.catalog import (
    CABLE,
    GLUTE_HAM_RAISE,
    HYPEREXTENSION,
    PRONE,
    PRONE_ANKLE,
    PRONE_ANKLE_NEUTRAL,
    PRONE_NEUTRAL,
    STANDING,
    STANDING_ANKLE,
    STANDING_BAND,
    STANDING_NEUTRAL,
    EndRange,
    Variation,
    neutral_version,
)
from legraise_plan.equipment import BandColour, Equipment, Load, increment_for
from legraise_plan.errors import ProgressionError
from legraise_plan.prescription import Role
from legraise_plan.progression._resistance import estimate_nm
from legraise_plan.units import Mass, Unit


#: Band colours on the ladder, in order (rule 8); none is ever skipped.
LADDER_BANDS: Final = (
    BandColour.YELLOW,
    BandColour.RED,
    BandColour.GREEN,
    BandColour.BLUE,
    BandColour.BLACK,
)
_PAUSE_SECONDS: Final = 2


class _CableLimits(NamedTuple):
    """Cable realism in one unit (rules 8 and 10): steps, first load, top, smallest step."""

    step: Decimal
    first: Decimal
    top: Decimal
    least: Decimal


#: Effective loads (stack ÷ pulley ratio): steps of at most 5 kg / 10 lb, a first load of
#: at most 10 kg / 20 lb, nothing above 40 kg / 80 lb (design: past that, move to another
#: exercise), and plates added at least 2.5 kg / 5 lb at a time.
_CABLE: Final = {
    Unit.KG: _CableLimits(Decimal(5), Decimal(10), Decimal(40), Decimal("2.5")),
    Unit.LB: _CableLimits(Decimal(10), Decimal(20), Decimal(80), Decimal(5)),
}
_CABLE_RUNGS: Final = 24
_CENT: Final = Decimal("0.01")

#: How a rung label names the place of each variation (band and cable rungs say standing).
_PLACES: Final = {
    STANDING.id: "standing",
    STANDING_NEUTRAL.id: "standing to neutral",
    STANDING_ANKLE.id: "standing",
    PRONE.id: "prone",
    PRONE_NEUTRAL.id: "prone to neutral",
    PRONE_ANKLE.id: "prone",
    PRONE_ANKLE_NEUTRAL.id: "prone to neutral",
    HYPEREXTENSION.id: "45° hyperextension",
    GLUTE_HAM_RAISE.id: "glute-ham raise",
}


def _check_nm(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProgressionError(
            f"{attribute.name} must be a number of N·m above 0, got {value!r}",
            field=attribute.name,
        )
    if not (math.isfinite(value) and value > 0):
        raise ProgressionError(
            f"{attribute.name} must be a finite number of N·m above 0, got {value!r}",
            field=attribute.name,
        )


@attrs.frozen(kw_only=True)
class Rung:
    """One step of the ladder: a variation with a load (and perhaps an extra pause).

    ``resistance_nm`` is the estimated hip-extension torque of the rung (within about
    ±30 %; for ordering and step sizes only).  ``step_pct`` is how much higher it is
    than the rung below, in percent, whatever changed (None on the first rung).
    ``is_load_step`` is True when this rung puts on a different external load than
    the rung below; False where only the position, the variation or a pause changes,
    or the load comes off.  ``is_add_on`` marks a cable load between the machine's
    plates, made up with add-on plates; ``note`` says how.
    """

    index: int = attrs.field(validator=v.int_in(0, 200, ProgressionError))
    variation: Variation = attrs.field(validator=v.instance_of(Variation, ProgressionError))
    load: Load = attrs.field(validator=v.instance_of(Load, ProgressionError))
    extra_hold: int = attrs.field(default=0, validator=v.int_in(0, 10, ProgressionError))
    resistance_nm: float = attrs.field(validator=_check_nm)
    step_pct: float | None = None
    is_load_step: bool = False
    is_heavy: bool = False
    is_add_on: bool = attrs.field(default=False, validator=v.instance_of(bool, ProgressionError))
    note: str = attrs.field(default="", validator=v.text(300, ProgressionError))

    @property
    def label(self) -> str:
        """Short label, e.g. ``prone, bodyweight`` or ``band green, anchored at the ankle``."""
        pause = f" + {self.extra_hold} s pause" if self.extra_hold else ""
        if self.load.equipment in {Equipment.BAND, Equipment.CABLE}:
            what = self.load.label
            if self.is_add_on:
                what = (
                    f"{what[:-1]}, add-on plate)"
                    if what.endswith(")")
                    else f"{what} (add-on plate)"
                )
            neutral = ", to neutral" if self.variation.end_range is EndRange.NEUTRAL else ""
            return f"{what}{neutral}{pause}"
        place = _PLACES.get(self.variation.id, self.variation.name)
        return f"{place}, {self.load.label}{pause}"

    def needs_bridge(self, max_step_pct: float) -> bool:
        """True when stepping onto this rung is a rise in resistance above ``max_step_pct``."""
        return self.step_pct is not None and self.step_pct > max_step_pct


@attrs.frozen
class Ladder:
    """The rungs available to one athlete in one role, easiest first.

    Rungs are numbered from 0 and strictly rise in ``resistance_nm``.
    ``advanced_allowed`` says whether this athlete may progress to the bench
    variations at all: accessory or full-body work, past novice, no condition, and a
    hyperextension or glute-ham bench at hand.
    """

    rungs: tuple[Rung, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(Rung, ProgressionError)
    )
    advanced_allowed: bool = attrs.field(
        default=False, kw_only=True, validator=v.instance_of(bool, ProgressionError)
    )

    def __attrs_post_init__(self) -> None:
        if not self.rungs:
            raise ProgressionError("ladder must have at least one rung, got none", field="rungs")
        for i, rung in enumerate(self.rungs):
            if rung.index != i:
                raise ProgressionError(f"rung index must be {i}, got {rung.index}", field="rungs")
            below = self.rungs[i - 1] if i else None
            if below is not None and rung.resistance_nm <= below.resistance_nm:
                raise ProgressionError(
                    f"rung {i} resistance_nm must be above rung {i - 1}'s "
                    f"{below.resistance_nm:g} N·m (rungs get harder), got {rung.resistance_nm:g}",
                    field="rungs",
                )

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
    """A rung a source offers, before gates and numbering.

    ``entry`` is False for a rung that may not be the first of its chain on a ladder;
    ``keep`` marks a rung that is never dropped for being too easy (the ladder's top is
    trimmed below it instead).
    """

    variation: Variation
    load: Load
    hold: int = 0
    heavy: bool = False
    entry: bool = True
    keep: bool = False
    add_on: bool = False
    note: str = ""


Source = Callable[[Athlete, Role], Iterable[_Candidate]]
Gate = Callable[[Athlete, Role, Load], bool]


def stays_at_neutral(athlete: Athlete) -> bool:
    """True when every lift must stop at hip neutral (rules 23-24).

    Anterior hip pain or impingement, a low-back pain history, or recent hip surgery
    by an anterior approach, by arthroscopy, or by an approach not recorded.  After a
    posterior or lateral approach the limit is hip flexion (no variation on a ladder
    bends the hip past 90°), not extension.
    """
    if athlete.conditions & {Condition.HIP_PAIN, Condition.LOW_BACK_PAIN_HISTORY}:
        return True
    flexion_limited = {SurgicalApproach.POSTERIOR, SurgicalApproach.LATERAL}
    return (
        Condition.RECENT_HIP_SURGERY in athlete.conditions
        and athlete.surgical_approach not in flexion_limited
    )


def _pick(athlete: Athlete, variation: Variation) -> Variation:
    """``variation``, or its neutral-capped version for an athlete who stays at neutral."""
    return neutral_version(variation) if stays_at_neutral(athlete) else variation


def _pregnant(athlete: Athlete) -> bool:
    return Condition.PREGNANCY in athlete.conditions


# --------------------------------------------------------------------------- sources


def standing(athlete: Athlete, role: Role) -> Iterator[_Candidate]:
    """Standing bodyweight, then with a 2 s pause at the top (not for warm-ups)."""
    variation, load = _pick(athlete, STANDING), Load.bodyweight()
    yield _Candidate(variation, load)
    if role is not Role.WARM_UP:
        yield _Candidate(variation, load, _PAUSE_SECONDS)


def bands(athlete: Athlete, _role: Role) -> Iterator[_Candidate]:
    """Every ladder band colour, lightest first, set up as the athlete sets bands up (rule 9)."""
    if not athlete.has(Equipment.BAND):
        return
    variation, looped = _pick(athlete, STANDING_BAND), athlete.band_setup.is_looped
    yield from (_Candidate(variation, Load.band_of(c, looped=looped)) for c in LADDER_BANDS)


def prone(athlete: Athlete, _role: Role) -> Iterator[_Candidate]:
    """Prone bodyweight with the knee straight (not in pregnancy).

    Always kept: it is the trunk-supported way into the prone chain (rules 4 and 24), so
    bands that the estimate puts above it (looped bands) are trimmed instead.
    """
    if not _pregnant(athlete):
        yield _Candidate(_pick(athlete, PRONE), Load.bodyweight(), keep=True)


def ankle_weights(athlete: Athlete, _role: Role) -> Iterator[_Candidate]:
    """Prone ankle weights, 0.5 kg / 1 lb steps up to the cap (5 kg / 10 lb by default).

    None in pregnancy, where there are no prone rungs.  Heavy from 2.5 kg / 5 lb.
    """
    if not athlete.has(Equipment.ANKLE_WEIGHTS) or _pregnant(athlete):
        return
    units = athlete.units
    step = increment_for(Equipment.ANKLE_WEIGHTS, units)
    cap = athlete.ankle_weight_max or (Mass(5, Unit.KG) if units is Unit.KG else Mass(10, Unit.LB))
    heavy_from = Mass("2.5", Unit.KG) if units is Unit.KG else Mass(5, Unit.LB)
    variation = _pick(athlete, PRONE_ANKLE)
    n = 1
    while (mass := Mass(step.amount * n, units)) <= cap:
        yield _Candidate(variation, Load.ankle(mass), heavy=mass >= heavy_from)
        n += 1


def cable_step(plate: Mass) -> Mass:
    """The stack step the ladder uses with ``plate``-sized plates (rule 8).

    One plate when it is 2.5-5 kg (5-10 lb); smaller plates go on two or more at a
    time (at least 2.5 kg / 5 lb); bigger plates are split into equal add-on steps of
    at most 5 kg (10 lb), or 5 kg (10 lb) steps when they do not split evenly.

    >>> str(cable_step(Mass(20))), str(cable_step(Mass(6))), str(cable_step(Mass(1)))
    ('5 kg', '3 kg', '3 kg')
    """
    limits = _CABLE[plate.unit]
    amount = plate.amount
    if amount > limits.step:
        split = amount / math.ceil(amount / limits.step)
        return Mass(split if split == split.quantize(_CENT) else limits.step, plate.unit)
    return Mass(amount * math.ceil(limits.least / amount), plate.unit)


def cable_usable(athlete: Athlete) -> bool:
    """True when the cable's first plate, through the pulley, is a safe first load.

    A first cable load is at most 10 kg (20 lb) at the ankle (rule 10); a stack whose
    lightest plate is heavier than that (through the athlete's pulley ratio) is left off
    the ladder, and the plan notes say why.
    """
    plate = athlete.cable_increment or increment_for(Equipment.CABLE, athlete.units)
    return plate.amount / athlete.pulley_ratio <= _CABLE[plate.unit].first


def cable(athlete: Athlete, _role: Role) -> Iterator[_Candidate]:
    """The cable stack in steps of at most 5 kg (10 lb), up to 40 kg (80 lb) at the ankle.

    Loads are the stack divided by the pulley ratio (rule 10); the first cable rung is the
    machine's first plate, which must be 10 kg (20 lb) or less at the ankle.  Steps
    between the machine's plates are marked as add-on plates.
    """
    if not athlete.has(Equipment.CABLE) or not cable_usable(athlete):
        return
    plate = athlete.cable_increment or increment_for(Equipment.CABLE, athlete.units)
    limits, ratio, unit = _CABLE[plate.unit], athlete.pulley_ratio, plate.unit
    step = cable_step(plate).amount
    variation = _pick(athlete, CABLE)
    for n in range(1, _CABLE_RUNGS + 1):
        stack = step * n
        if stack < plate.amount:
            continue  # below the first plate: the pin needs a plate to hold
        if stack / ratio > limits.top:
            return
        add_on = stack % plate.amount != 0
        note = (
            f"The machine's plates are {plate}: make up {Mass(stack, unit)} with add-on plates."
            if add_on
            else ""
        )
        yield _Candidate(
            variation,
            Load.cable(Mass(stack, unit), pulley_ratio=ratio),
            heavy=True,
            entry=stack / ratio <= limits.first,
            add_on=add_on,
            note=note,
        )


def benches_allowed(athlete: Athlete, role: Role) -> bool:
    """True when ``athlete`` may progress to the bench variations in ``role``.

    Accessory or full-body work, past novice, no condition, and a bench at hand.
    """
    return (
        role in {Role.ACCESSORY, Role.FULL_BODY}
        and athlete.level is not Level.NOVICE
        and not athlete.conditions
        and any(athlete.has(x.equipment) for x in (HYPEREXTENSION, GLUTE_HAM_RAISE))
    )


def benches(athlete: Athlete, role: Role) -> Iterator[_Candidate]:
    """45° hyperextension, then glute-ham raise, for athletes allowed them (bodyweight).

    The first bench the athlete has is always kept: a bench cannot be made lighter, so
    loads at least as hard below it make way for it.
    """
    if not benches_allowed(athlete, role):
        return
    owned = [x for x in (HYPEREXTENSION, GLUTE_HAM_RAISE) if athlete.has(x.equipment)]
    for i, variation in enumerate(owned):
        yield _Candidate(variation, Load.bodyweight(variation.equipment), keep=i == 0)


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


SOURCES: Final[tuple[Source, ...]] = (standing, bands, prone, ankle_weights, cable, benches)
GATES: Final[tuple[Gate, ...]] = (role_cap, surgery_cap, bodyweight_until_cleared)


# --------------------------------------------------------------------------- building


class _Placed(NamedTuple):
    """A candidate that passed the gates, with its estimated resistance."""

    candidate: _Candidate
    nm: float


def _chain(athlete: Athlete, role: Role, source: Source) -> list[_Placed]:
    """The candidates of ``source`` that every gate lets through, with their resistance."""
    return [
        _Placed(c, estimate_nm(c.variation, c.load, c.hold))
        for c in source(athlete, role)
        if not c.load.is_external or all(gate(athlete, role, c.load) for gate in GATES)
    ]


def _start(chain: list[_Placed], top: float) -> int | None:
    """Where ``chain`` joins a ladder whose top is ``top`` N·m (None: not at all).

    At its first rung harder than the top, or its first rung to keep, whichever comes
    first; when that rung may not start the chain, at the chain's hardest entry rung
    below it.
    """
    start = next((i for i, p in enumerate(chain) if p.nm > top or p.candidate.keep), None)
    if start is None or chain[start].candidate.entry:
        return start
    return max((i for i in range(start) if chain[i].candidate.entry), default=start)


def _join(ladder: list[_Placed], chain: list[_Placed]) -> None:
    """Append ``chain`` from where it joins, trimming the top until that is a step up."""
    start = _start(chain, ladder[-1].nm if ladder else 0.0)
    if start is None:
        return
    while ladder and ladder[-1].nm >= chain[start].nm:
        ladder.pop()
    ladder.extend(chain[start:])


def _rung(index: int, placed: _Placed, below: _Placed | None) -> Rung:
    candidate = placed.candidate
    step = None if below is None else round((placed.nm / below.nm - 1) * 100, 1)
    new_load = below is None or candidate.load != below.candidate.load
    return Rung(
        index=index,
        variation=candidate.variation,
        load=candidate.load,
        extra_hold=candidate.hold,
        resistance_nm=placed.nm,
        step_pct=step,
        is_load_step=candidate.load.is_external and new_load,
        is_heavy=candidate.heavy,
        is_add_on=candidate.add_on,
        note=candidate.note,
    )


def build_ladder(athlete: Athlete, role: Role = Role.ACCESSORY) -> Ladder:
    """Build the ladder for ``athlete`` in ``role``, easiest first, by resistance at the hip.

    Walks the sources' chains in order, keeping the rungs every gate lets through and
    dropping those of a new chain that are not harder than the top (see the module
    docstring).  Skips rungs for missing equipment; caps warm-up at the lightest band
    and rehab (and anyone after recent hip surgery) at light loads; keeps people with an
    uncleared back or hip condition at bodyweight; swaps in neutral-capped variations
    for athletes who must stay at hip neutral; drops prone rungs and ankle weights in
    pregnancy; adds the bench variations only for accessory and full-body work by
    non-novices without a condition.
    """
    role = Role.parse(role)
    placed: list[_Placed] = []
    for source in SOURCES:
        _join(placed, _chain(athlete, role, source))
    rungs = tuple(_rung(i, p, placed[i - 1] if i else None) for i, p in enumerate(placed))
    return Ladder(rungs, advanced_allowed=benches_allowed(athlete, role))
