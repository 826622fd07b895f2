"""Equipment and the loads it gives: bodyweight, resistance bands, ankle weights, cable.

Loads sort by kind of equipment (bodyweight < band < ankle weights < cable), then
within one kind by how hard they are (band colour order, mass, effective cable mass).
That is a stable listing order, not a physical comparison across equipment: a band's
pull and an ankle weight's weight act differently on the leg, and the same load is
harder prone than standing.  The progression ladder orders its rungs by the estimated
torque at the hip instead (``legraise_plan.progression``, rule 8).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs

from legraise_plan import _validate as v
from legraise_plan.errors import EquipmentError
from legraise_plan.units import Mass, Unit


__all__ = ["BandColour", "BandSetup", "Equipment", "Load"]

_N_PER_LBF = 4.4482216152605


class Equipment(enum.StrEnum):
    """What the athlete trains with.  Bodyweight is always available."""

    BODYWEIGHT = "bodyweight"
    BAND = "band"
    ANKLE_WEIGHTS = "ankle_weights"
    CABLE = "cable"
    HYPEREXTENSION_BENCH = "hyperextension_bench"
    GLUTE_HAM_BENCH = "glute_ham_bench"

    @property
    def rank(self) -> int:
        """Position in the listing order (bodyweight, band, ankle weights, cable, benches)."""
        return _EQUIPMENT_RANK[self]

    @property
    def is_external_load(self) -> bool:
        """True for equipment that adds resistance beyond the body's own weight."""
        return self in {Equipment.BAND, Equipment.ANKLE_WEIGHTS, Equipment.CABLE}


_EQUIPMENT_RANK = {e: i for i, e in enumerate(Equipment)}


class BandColour(enum.StrEnum):
    """Resistance-band levels in the standard colour order (TheraBand), lightest first.

    Colour meanings differ between brands; this order and these nominal forces are
    the TheraBand ones, good as a ranking and within about ±30 % as forces.
    """

    TAN = "tan"
    YELLOW = "yellow"
    RED = "red"
    GREEN = "green"
    BLUE = "blue"
    BLACK = "black"
    SILVER = "silver"
    GOLD = "gold"

    @property
    def rank(self) -> int:
        """Position in the colour order, 0 for tan."""
        return _BAND_RANK[self]

    @property
    def force_lbf(self) -> Decimal:
        """Nominal pull at 100 % elongation, in pounds-force (manufacturer figure)."""
        return _BAND_LBF_AT_100[self]

    @property
    def force_n(self) -> float:
        """Nominal pull at 100 % elongation, in newtons."""
        return float(self.force_lbf) * _N_PER_LBF


_BAND_RANK = {c: i for i, c in enumerate(BandColour)}


class BandSetup(enum.StrEnum):
    """How a band is set up for a standing kickback.

    ``anchored``: one end fixed low in front (a door anchor or a post), the other round
    the working ankle.  ``looped``: a loop round both ankles, which pulls about twice as
    hard as the same colour anchored.
    """

    ANCHORED = "anchored"
    LOOPED = "looped"

    @property
    def is_looped(self) -> bool:
        """True for a loop round both ankles (a doubled band)."""
        return self is BandSetup.LOOPED


_BAND_LBF_AT_100 = {
    BandColour.TAN: Decimal("2.4"),
    BandColour.YELLOW: Decimal("3.0"),
    BandColour.RED: Decimal("3.7"),
    BandColour.GREEN: Decimal("4.6"),
    BandColour.BLUE: Decimal("5.8"),
    BandColour.BLACK: Decimal("7.3"),
    BandColour.SILVER: Decimal("10.2"),
    BandColour.GOLD: Decimal("14.2"),
}


def _to_equipment(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Equipment):
        try:
            return Equipment(value)
        except ValueError:
            return value
    return value


def _to_band(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, BandColour):
        try:
            return BandColour(value)
        except ValueError:
            return value
    return value


@attrs.frozen(order=False, kw_only=True)
class Load:
    """The resistance of one block: which equipment and how much of it.

    Build loads with the alternate constructors, which say what each kind needs:

    >>> Load.band_of(BandColour.GREEN).label
    'band green, anchored at the ankle'
    >>> Load.ankle(Mass("1.5", Unit.KG)).label
    'ankle weights 1.5 kg/ankle'
    >>> Load.bodyweight() < Load.band_of(BandColour.YELLOW) < Load.ankle(Mass(1))
    True
    """

    equipment: Equipment = attrs.field(
        converter=_to_equipment, validator=v.member_of(Equipment, EquipmentError)
    )
    band: BandColour | None = attrs.field(default=None, converter=_to_band)
    looped: bool = attrs.field(default=False)
    mass: Mass | None = attrs.field(default=None)
    pulley_ratio: int = attrs.field(default=1, validator=v.int_in(1, 4, EquipmentError))

    def __attrs_post_init__(self) -> None:
        kind = self.equipment
        if kind is Equipment.BAND:
            if not isinstance(self.band, BandColour):
                allowed = ", ".join(c.value for c in BandColour)
                raise EquipmentError(
                    f"band must be one of {allowed} for a band load, got {self.band!r}",
                    field="band",
                )
        elif self.band is not None:
            raise EquipmentError(
                f"band must be None for {kind.value} loads, got {self.band!r}", field="band"
            )
        if not isinstance(self.looped, bool):
            raise EquipmentError(
                f"looped must be True or False, got {self.looped!r}", field="looped"
            )
        if self.looped and kind is not Equipment.BAND:
            raise EquipmentError(
                f"looped must be False for {kind.value} loads, got True", field="looped"
            )
        if kind in {Equipment.ANKLE_WEIGHTS, Equipment.CABLE}:
            if not isinstance(self.mass, Mass) or self.mass.amount <= 0:
                raise EquipmentError(
                    f"mass must be a Mass above 0 for {kind.value} loads, got {self.mass!r}",
                    field="mass",
                )
        elif self.mass is not None:
            raise EquipmentError(
                f"mass must be None for {kind.value} loads, got {self.mass!r}", field="mass"
            )
        if self.pulley_ratio != 1 and kind is not Equipment.CABLE:
            raise EquipmentError(
                f"pulley_ratio must be 1 for {kind.value} loads, got {self.pulley_ratio}",
                field="pulley_ratio",
            )

    @classmethod
    def bodyweight(cls, equipment: Equipment = Equipment.BODYWEIGHT) -> Load:
        """No external load (bodyweight, or a bench used with bodyweight only)."""
        return cls(equipment=equipment)

    @classmethod
    def band_of(cls, colour: BandColour, *, looped: bool = False) -> Load:
        """A resistance band of ``colour``, anchored at one ankle or ``looped`` round both.

        A loop (a doubled band) pulls about twice as hard as the same colour anchored.
        """
        return cls(equipment=Equipment.BAND, band=colour, looped=looped)

    @classmethod
    def ankle(cls, mass: Mass) -> Load:
        """Ankle weights of ``mass`` on each ankle."""
        return cls(equipment=Equipment.ANKLE_WEIGHTS, mass=mass)

    @classmethod
    def cable(cls, stack: Mass, *, pulley_ratio: int = 1) -> Load:
        """A cable stack set to ``stack``; the handle feels ``stack / pulley_ratio``."""
        return cls(equipment=Equipment.CABLE, mass=stack, pulley_ratio=pulley_ratio)

    @property
    def is_external(self) -> bool:
        """True when the load adds resistance beyond bodyweight."""
        return self.equipment.is_external_load

    @property
    def force_n(self) -> float:
        """Estimated external resistance in newtons (0 for bodyweight).

        Bands: the colour's nominal pull at 100 % elongation, doubled for a loop;
        ankle weights: the weight of the mass; cable: the stack divided by the
        pulley ratio.  Estimates, useful within one kind of equipment.
        """
        if self.band is not None:
            return self.band.force_n * (2 if self.looped else 1)
        if self.mass is not None:
            return self.mass.newtons / self.pulley_ratio
        return 0.0

    @property
    def sort_key(self) -> tuple[int, float]:
        """The listing order: equipment first, then resistance within the equipment."""
        return (self.equipment.rank, self.force_n)

    @property
    def label(self) -> str:
        """A short human label, e.g. ``band green, anchored at the ankle`` or ``cable 10 kg``.

        A band's label says how it is set up (rule 9), as a loop pulls about twice as
        hard as the same colour anchored.
        """
        if self.band is not None:
            setup = "looped round both ankles" if self.looped else "anchored at the ankle"
            return f"band {self.band.value}, {setup}"
        if self.equipment is Equipment.ANKLE_WEIGHTS:
            return f"ankle weights {self.mass}/ankle"
        if self.equipment is Equipment.CABLE:
            ratio = f" ({self.pulley_ratio}:1 pulley)" if self.pulley_ratio != 1 else ""
            return f"cable {self.mass}{ratio}"
        return "bodyweight"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Load):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Load):
            return NotImplemented
        return self.sort_key <= other.sort_key

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Load):
            return NotImplemented
        return self.sort_key > other.sort_key

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Load):
            return NotImplemented
        return self.sort_key >= other.sort_key


def increment_for(equipment: Equipment, unit: Unit) -> Mass:
    """The smallest real step of ``equipment`` in ``unit`` (ankle 0.5 kg/1 lb, plate 5 kg/10 lb)."""
    if equipment is Equipment.ANKLE_WEIGHTS:
        return Mass("0.5", Unit.KG) if unit is Unit.KG else Mass(1, Unit.LB)
    if equipment is Equipment.CABLE:
        return Mass(5, Unit.KG) if unit is Unit.KG else Mass(10, Unit.LB)
    raise EquipmentError(
        f"equipment must be ankle_weights or cable to have a mass increment, got {equipment.value}",
        field="equipment",
    )
