"""How hard a rung is: the estimated hip-extension torque it asks for, in N·m.

The ladder orders its rungs by this estimate (rule 8) and measures its steps with it
(rule 7).  The model is a lever sketch for one reference adult (70 kg, leg 0.9 m), taken
at the hardest point of the rep: for the leg raises, the end of the lift.

- **Leg**: the whole lower limb weighs about 16 % of body mass with its centre of mass
  0.38 m from the hip.  Prone, the leg is about horizontal at the top, so its whole
  weight acts on that lever; standing, the leg ends about 15° past vertical, so only
  ``sin 15°`` (about a quarter) of it does.
- **Band**: the colour's TheraBand pull at 100 % elongation (twice that when looped),
  acting at the ankle, 0.85 m from the hip, about square to the leg.
- **Ankle weights**: their weight at the ankle, turned by the same angle as the leg's
  own weight (full lever prone, about a quarter standing).
- **Cable**: the stack divided by the pulley ratio, at the ankle, square to the leg.
- **Pause**: each second of extra hold at the top counts as 4 % harder.
- **Benches** (bodyweight only): the 45° hyperextension holds head, arms and trunk
  (about 68 % of body mass, 0.30 m above the hip) on a horizontal lever mid-range; the
  glute-ham raise holds everything above the knees horizontal at the bottom, counted
  at the knee, where the hamstrings (also hip extensors) meet the largest demand.

The neutral-capped variations use the same geometry: the leg ends at about the same
angle in space, reached by starting from slight hip flexion (a pillow, a forward hinge)
instead of extending past neutral.

These are estimates, good to about ±30 %: use them to ORDER rungs and size steps
between them, never as a prescription of force or a measure of an athlete.

>>> from legraise_plan.catalog import PRONE, STANDING
>>> from legraise_plan.equipment import Load
>>> estimate_nm(STANDING, Load.bodyweight()), estimate_nm(PRONE, Load.bodyweight())
(10.9, 42.0)
"""

from __future__ import annotations

import math
from typing import Final

from legraise_plan.catalog import Position, Variation
from legraise_plan.equipment import Equipment, Load
from legraise_plan.errors import ProgressionError


__all__ = ["estimate_nm"]

#: Standard gravity, m/s² (CGPM 1901).
G: Final = 9.80665
#: Body mass of the reference adult, kg (design estimate).
BODY_MASS_KG: Final = 70.0
#: Whole lower limb as a share of body mass: thigh 10.0 + shank 4.65 + foot 1.45 %
#: (Dempster's segment table as printed in Winter, Biomechanics and Motor Control of
#: Human Movement).
LEG_MASS_FRACTION: Final = 0.161
#: Hip to the leg's centre of mass, m, for a 0.9 m leg (design estimate, ~42 % down the leg).
LEG_COM_M: Final = 0.38
#: Hip to the ankle, where a band, an ankle weight or a cable cuff acts, m (design estimate).
ANKLE_LEVER_M: Final = 0.85
#: Angle of the leg past vertical at the end of a standing raise: about 10° of hip
#: extension (rule 17) plus a little pelvic tilt (design estimate).
STANDING_END_DEG: Final = 15.0
#: Extra difficulty per second of added hold at the top (design estimate: a 2 s pause
#: counts as +8 %, under the 10 % step a novice takes without a bridge, rule 7).
PAUSE_BONUS_PER_S: Final = 0.04
#: Head, arms and trunk as a share of body mass (Winter's segment table, "HAT").
TRUNK_MASS_FRACTION: Final = 0.678
#: Hip to the trunk's centre of mass, m (design estimate, consistent with a whole-body
#: centre of mass at ~55 % of standing height).
TRUNK_COM_M: Final = 0.30
#: Thigh as a share of body mass (Winter's segment table) and its length, m (design).
THIGH_MASS_FRACTION: Final = 0.100
THIGH_LENGTH_M: Final = 0.45
#: Knee to the thigh's centre of mass, as a share of thigh length (Winter's segment table).
THIGH_COM_FROM_KNEE: Final = 0.567
#: Most extra hold a rung may carry, seconds (as :class:`~legraise_plan.progression.Rung`).
_MAX_HOLD: Final = 10


def _weight_n(fraction: float) -> float:
    """The weight of a share of the reference body, N."""
    return fraction * BODY_MASS_KG * G


def gravity_share(position: Position) -> float:
    """How much of a weight at the leg turns the hip at the end of the lift (0..1).

    Prone (and anything lying), the leg is about horizontal: all of it.  Standing, the
    leg hangs ``STANDING_END_DEG`` past vertical: ``sin`` of that angle.
    """
    if position is Position.STANDING:
        return math.sin(math.radians(STANDING_END_DEG))
    return 1.0


def body_nm(variation: Variation) -> float:
    """Torque from the body's own weight in ``variation``, N·m (no external load)."""
    if variation.equipment is Equipment.HYPEREXTENSION_BENCH:
        return _weight_n(TRUNK_MASS_FRACTION) * TRUNK_COM_M
    if variation.equipment is Equipment.GLUTE_HAM_BENCH:
        trunk = _weight_n(TRUNK_MASS_FRACTION) * (THIGH_LENGTH_M + TRUNK_COM_M)
        thigh = _weight_n(THIGH_MASS_FRACTION) * THIGH_LENGTH_M * THIGH_COM_FROM_KNEE
        return trunk + thigh
    return _weight_n(LEG_MASS_FRACTION) * LEG_COM_M * gravity_share(variation.position)


def load_nm(variation: Variation, load: Load) -> float:
    """Torque the external ``load`` adds in ``variation``, N·m (0 for bodyweight).

    Bands and cables pull about square to the leg; ankle weights hang straight down,
    so they turn the hip by the leg's angle, as the leg's own weight does.
    """
    lever = load.force_n * ANKLE_LEVER_M
    if load.equipment is Equipment.ANKLE_WEIGHTS:
        return lever * gravity_share(variation.position)
    return lever


def estimate_nm(variation: Variation, load: Load, extra_hold: int = 0) -> float:
    """Estimated hip-extension torque of ``variation`` with ``load`` and ``extra_hold`` s, N·m.

    Rounded to 0.1 N·m; an estimate within about ±30 %, for ordering only.

    Raises:
        ProgressionError: a load whose equipment is not the variation's, or an extra
            hold outside 0..10 s.
    """
    if load.equipment is not variation.equipment:
        raise ProgressionError(
            f"load must use {variation.equipment.value} for {variation.id}, "
            f"got {load.equipment.value}",
            field="load",
        )
    if isinstance(extra_hold, bool) or not isinstance(extra_hold, int):
        raise ProgressionError(
            f"extra_hold must be a whole number 0..{_MAX_HOLD}, got {extra_hold!r}",
            field="extra_hold",
        )
    if not 0 <= extra_hold <= _MAX_HOLD:
        raise ProgressionError(
            f"extra_hold must be 0..{_MAX_HOLD} seconds, got {extra_hold}", field="extra_hold"
        )
    torque = body_nm(variation) + load_nm(variation, load)
    return round(torque * (1 + PAUSE_BONUS_PER_S * extra_hold), 1)
