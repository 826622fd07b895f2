"""The athlete: equipment at hand, training level, units, conditions and clearance."""

from __future__ import annotations

import contextlib
import enum
from typing import Any

import attrs

from legraise_plan import _validate as v
from legraise_plan.equipment import BandSetup, Equipment
from legraise_plan.errors import AthleteError
from legraise_plan.units import Mass, Unit, _to_unit


__all__ = ["Athlete", "Condition", "Level", "SurgicalApproach"]

#: The heaviest ankle weight a plan may use (heavy adjustable lines reach about 20 lb).
_ANKLE_WEIGHT_LIMIT = Mass(10, Unit.KG)


class Level(enum.StrEnum):
    """Training status (ACSM 2009): novice < 6 months, intermediate ~6 months, advanced years."""

    NOVICE = "novice"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Condition(enum.StrEnum):
    """Health conditions that change what a plan may contain."""

    LOW_BACK_PAIN_HISTORY = "low_back_pain_history"
    HIP_PAIN = "hip_pain"
    PREGNANCY = "pregnancy"
    RECENT_HIP_SURGERY = "recent_hip_surgery"
    #: A "yes" to a PAR-Q screening question (heart condition, chest pain, dizziness or
    #: fainting, a bone or joint problem, blood-pressure or heart medication, another
    #: reason): bodyweight only until a physician confirms (rule 20).
    PARQ_YES = "parq_yes"
    #: A low-back red flag (saddle numbness, new bladder or bowel change, progressive leg
    #: weakness, fever or unexplained weight loss, severe night pain, recent major
    #: trauma): no plan, urgent medical assessment (rule 21).
    RED_FLAGS = "red_flags"


class SurgicalApproach(enum.StrEnum):
    """How a recent hip operation was done; each approach has its own movement limits.

    Anterior: no extension past neutral (with the foot turned out least of all).
    Posterior and lateral: no hip flexion past 90°, no crossing the midline, no turning
    the leg in.  Arthroscopy: the surgeon's protocol, usually neutral at first.
    """

    ANTERIOR = "anterior"
    POSTERIOR = "posterior"
    LATERAL = "lateral"
    ARTHROSCOPY = "arthroscopy"


def _to_equipment_set(value: Any) -> Any:
    items = v.to_frozenset(value)
    if not isinstance(items, frozenset):
        return items
    converted = set()
    for item in items:
        if isinstance(item, str) and not isinstance(item, Equipment):
            with contextlib.suppress(ValueError):
                item = Equipment(item)  # noqa: PLW2901
        converted.add(item)
    converted.add(Equipment.BODYWEIGHT)
    return frozenset(converted)


def _to_conditions(value: Any) -> Any:
    items = v.to_frozenset(value)
    if not isinstance(items, frozenset):
        return items
    converted = set()
    for item in items:
        if isinstance(item, str) and not isinstance(item, Condition):
            with contextlib.suppress(ValueError):
                item = Condition(item)  # noqa: PLW2901
        converted.add(item)
    return frozenset(converted)


def _to_level(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Level):
        try:
            return Level(value.strip().lower())
        except ValueError:
            return value
    return value


def _check_optional_mass(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not (isinstance(value, Mass) and value.amount > 0):
        raise AthleteError(
            f"{attribute.name} must be a Mass above 0 or None, got {value!r}",
            field=attribute.name,
        )


def _check_ankle_max(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_optional_mass(inst, attribute, value)
    if isinstance(value, Mass) and value > _ANKLE_WEIGHT_LIMIT:
        raise AthleteError(
            f"{attribute.name} must be at most 10 kg (22 lb) per ankle, got {value}",
            field=attribute.name,
        )


@attrs.frozen(kw_only=True)
class Athlete:
    """Who the plan is for.

    Bodyweight is always available, whether or not it is listed.  ``cleared`` records
    that a clinician (physiotherapist or doctor) has cleared the athlete for this work;
    rehab plans, pregnancy and recent hip surgery require it.

    >>> Athlete(equipment={Equipment.BAND}).equipment == {Equipment.BAND, Equipment.BODYWEIGHT}
    True
    """

    equipment: frozenset[Equipment] = attrs.field(
        factory=frozenset,
        converter=_to_equipment_set,
        validator=v.members_of(Equipment, AthleteError),
    )
    level: Level = attrs.field(
        default=Level.NOVICE,
        converter=_to_level,
        validator=v.member_of(Level, AthleteError),
    )
    units: Unit = attrs.field(
        default=Unit.KG,
        converter=_to_unit,
        validator=v.member_of(Unit, AthleteError),
    )
    conditions: frozenset[Condition] = attrs.field(
        factory=frozenset,
        converter=_to_conditions,
        validator=v.members_of(Condition, AthleteError),
    )
    cleared: bool = attrs.field(default=False, validator=v.instance_of(bool, AthleteError))
    name: str = attrs.field(default="", validator=v.text(200, AthleteError))
    ankle_weight_max: Mass | None = attrs.field(default=None, validator=_check_ankle_max)
    cable_increment: Mass | None = attrs.field(default=None, validator=_check_optional_mass)
    pulley_ratio: int = attrs.field(default=1, validator=v.int_in(1, 4, AthleteError))
    band_setup: BandSetup = attrs.field(
        default=BandSetup.ANCHORED, validator=v.member_of(BandSetup, AthleteError)
    )
    band_brand: str = attrs.field(default="", validator=v.text(80, AthleteError))
    surgical_approach: SurgicalApproach | None = attrs.field(default=None)

    @surgical_approach.validator
    def _check_approach(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        v.member_of(SurgicalApproach, AthleteError)(self, attribute, value)
        if Condition.RECENT_HIP_SURGERY not in self.conditions:
            raise AthleteError(
                "surgical_approach must be None unless conditions include "
                f"recent_hip_surgery, got {getattr(value, 'value', value)!r}",
                field=attribute.name,
            )

    def has(self, equipment: Equipment) -> bool:
        """True when the athlete can train with ``equipment``."""
        return equipment in self.equipment

    @property
    def has_back_or_hip_condition(self) -> bool:
        """True with a low-back pain history, hip pain or recent hip surgery."""
        return bool(
            self.conditions
            & {
                Condition.LOW_BACK_PAIN_HISTORY,
                Condition.HIP_PAIN,
                Condition.RECENT_HIP_SURGERY,
            }
        )
