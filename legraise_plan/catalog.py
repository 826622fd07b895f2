"""The exercise catalog: backward leg raise variations, the muscles they train, cues.

Every :class:`Variation` has a stable ``id`` (safe to store; it never changes meaning)
and the coaching text a plan needs: setup, execution, breathing, common mistakes,
safety notes and contraindications.  Each also says where the lift ends
(:class:`EndRange`) and how far it bends the hip, so a planner can keep athletes who
must stay at hip neutral (rule 24; anterior or unknown surgical approach, rule 23) on
neutral-capped versions (:func:`neutral_version`), and athletes after a posterior or
lateral approach out of deep hip flexion.  :data:`CATALOG` holds them easiest first,
each neutral-capped version right after its variation.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping

import attrs

from legraise_plan import _validate as v
from legraise_plan.equipment import Equipment
from legraise_plan.errors import CatalogError


__all__ = [
    "CATALOG",
    "Catalog",
    "EndRange",
    "Muscle",
    "MuscleRole",
    "MuscleWork",
    "Position",
    "Variation",
    "get_variation",
    "neutral_version",
]


class Muscle(enum.StrEnum):
    """Muscles that move or steady the hip and trunk in a backward leg raise."""

    GLUTEUS_MAXIMUS = "gluteus_maximus"
    BICEPS_FEMORIS = "biceps_femoris"
    SEMITENDINOSUS = "semitendinosus"
    SEMIMEMBRANOSUS = "semimembranosus"
    ERECTOR_SPINAE = "erector_spinae"
    TRANSVERSE_ABDOMINIS = "transverse_abdominis"
    OBLIQUES = "obliques"
    GLUTEUS_MEDIUS = "gluteus_medius"
    GLUTEUS_MINIMUS = "gluteus_minimus"


class MuscleRole(enum.StrEnum):
    """What a muscle does in the movement."""

    PRIMARY = "primary"
    SYNERGIST = "synergist"
    STABILISER = "stabiliser"


class Position(enum.StrEnum):
    """The body position a variation is done in."""

    PRONE = "prone"
    STANDING = "standing"
    BENCH = "bench"


class EndRange(enum.StrEnum):
    """Where the lift stops (rule 17).

    ``neutral``: the leg stops in line with the body, the hip straight and no further
    (rule 24: anterior hip pain, impingement, a low-back pain history; rule 23: an
    anterior approach).  ``slight_extension``: up to about 10° past neutral, as far as
    the pelvis stays still.
    """

    NEUTRAL = "neutral"
    SLIGHT_EXTENSION = "slight_extension"


@attrs.frozen(kw_only=True)
class MuscleWork:
    """One muscle and its role in a variation."""

    muscle: Muscle = attrs.field(validator=v.member_of(Muscle, CatalogError))
    role: MuscleRole = attrs.field(validator=v.member_of(MuscleRole, CatalogError))


_HAMSTRINGS = (Muscle.BICEPS_FEMORIS, Muscle.SEMITENDINOSUS, Muscle.SEMIMEMBRANOSUS)


def _standard_muscles(*, pelvis_stabilisers: bool) -> tuple[MuscleWork, ...]:
    work = [MuscleWork(muscle=Muscle.GLUTEUS_MAXIMUS, role=MuscleRole.PRIMARY)]
    work += [MuscleWork(muscle=m, role=MuscleRole.PRIMARY) for m in _HAMSTRINGS]
    work.append(MuscleWork(muscle=Muscle.ERECTOR_SPINAE, role=MuscleRole.SYNERGIST))
    work += [
        MuscleWork(muscle=m, role=MuscleRole.STABILISER)
        for m in (Muscle.TRANSVERSE_ABDOMINIS, Muscle.OBLIQUES)
    ]
    if pelvis_stabilisers:
        work += [
            MuscleWork(muscle=m, role=MuscleRole.STABILISER)
            for m in (Muscle.GLUTEUS_MEDIUS, Muscle.GLUTEUS_MINIMUS)
        ]
    return tuple(work)


@attrs.frozen(kw_only=True)
class Variation:
    """One way of doing the backward leg raise, with everything needed to coach it.

    ``end_range`` says where the lift stops; ``max_hip_flexion_deg`` is the most the
    working hip bends at any point of the rep (0 when it never bends past straight).
    """

    id: str = attrs.field(validator=v.text(60, CatalogError))
    name: str = attrs.field(validator=v.text(80, CatalogError))
    position: Position = attrs.field(validator=v.member_of(Position, CatalogError))
    equipment: Equipment = attrs.field(validator=v.member_of(Equipment, CatalogError))
    muscles: tuple[MuscleWork, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(MuscleWork, CatalogError)
    )
    setup: tuple[str, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(str, CatalogError)
    )
    execution: tuple[str, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(str, CatalogError)
    )
    breathing: str = attrs.field(validator=v.text(300, CatalogError))
    mistakes: tuple[str, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(str, CatalogError)
    )
    safety: tuple[str, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(str, CatalogError)
    )
    contraindications: tuple[str, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(str, CatalogError)
    )
    is_advanced: bool = attrs.field(default=False, validator=v.instance_of(bool, CatalogError))
    #: Both legs work together (the bench variations): reps count per set, not per leg.
    bilateral: bool = attrs.field(default=False, validator=v.instance_of(bool, CatalogError))
    end_range: EndRange = attrs.field(
        default=EndRange.SLIGHT_EXTENSION, validator=v.member_of(EndRange, CatalogError)
    )
    max_hip_flexion_deg: int = attrs.field(default=0, validator=v.int_in(0, 150, CatalogError))

    def __attrs_post_init__(self) -> None:
        if not self.id or not all(c.isascii() and (c.isalnum() or c == "-") for c in self.id):
            raise CatalogError(
                f"id must be lowercase ASCII letters, digits and '-', got {self.id!r}"
            )
        if self.id != self.id.lower():
            raise CatalogError(f"id must be lowercase, got {self.id!r}")
        for name in ("setup", "execution"):
            if not getattr(self, name):
                raise CatalogError(f"{name} must have at least one cue, got none for {self.id}")
        if not any(m.role is MuscleRole.PRIMARY for m in self.muscles):
            raise CatalogError(f"muscles must include a primary mover, got none for {self.id}")

    @property
    def primary_muscles(self) -> tuple[Muscle, ...]:
        """The prime movers."""
        return tuple(m.muscle for m in self.muscles if m.role is MuscleRole.PRIMARY)

    @property
    def key_cues(self) -> tuple[str, ...]:
        """The two or three cues worth repeating in a calendar note."""
        return self.execution[:3]


@attrs.frozen
class Catalog(Mapping[str, Variation]):
    """An ordered, read-only collection of variations, looked up by id.

    >>> CATALOG["prone-hip-extension"].position
    <Position.PRONE: 'prone'>
    """

    variations: tuple[Variation, ...] = attrs.field(
        converter=v.to_tuple, validator=v.items_of(Variation, CatalogError)
    )
    _by_id: Mapping[str, Variation] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Variation] = {}
        for variation in self.variations:
            if variation.id in by_id:
                raise CatalogError(f"variation ids must be unique, got {variation.id!r} twice")
            by_id[variation.id] = variation
        object.__setattr__(self, "_by_id", by_id)

    def __getitem__(self, key: str) -> Variation:
        try:
            return self._by_id[key]
        except KeyError:
            known = ", ".join(self._by_id)
            raise CatalogError(f"variation must be one of {known}, got {key!r}") from None

    def __contains__(self, key: object) -> bool:
        return key in self._by_id

    def get(self, key: str, default: Variation | None = None) -> Variation | None:  # type: ignore[override]
        """The variation with id ``key``, or ``default``."""
        return self._by_id.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def for_equipment(self, equipment: Equipment) -> tuple[Variation, ...]:
        """The variations done with ``equipment``, in ladder order."""
        return tuple(x for x in self.variations if x.equipment is equipment)


_BRACE = "Brace lightly, as if about to be nudged in the belly, and keep that through every rep."
_SQUEEZE = "Squeeze the glute of the working leg to start the lift; the back stays quiet."
_TOP = "Stop where the pelvis would have to tip or the back arch; hold there as the tempo says."
_LOWER = "Lower under control, taking as long as the lift; do not let the leg drop."
_SWITCH = "Finish all reps on one side, then switch."
_BREATHING = "Breathe out while the leg rises, in while it comes back; never hold the breath."
_MISTAKES = (
    "Arching the low back to lift higher: the back muscles are doing the glutes' job.",
    "Swinging the leg or using momentum instead of a slow, deliberate lift.",
    "Feeling it mostly in the low back or the hamstrings: squeeze the glute harder at the top.",
    "Chasing height: a short range with a neutral spine beats a high, arched lift.",
    "Holding the breath through the set.",
)
_SAFETY = (
    "Stop at once on sharp pain in the low back, hip or knee.",
    "Keep the spine neutral; the movement happens at the hip only.",
    "Master the bodyweight form before adding a band, ankle weights or a cable.",
    "Move slowly and smoothly; no jerks.",
)
_CONTRAINDICATIONS = (
    (
        "Low-back pain history, hip pain or impingement: see a physiotherapist or doctor first "
        "and keep the lift at or just short of hip neutral."
    ),
    "Recent hip surgery: follow the surgeon's or physiotherapist's movement limits.",
    "Pregnancy: get clearance first; prefer standing variations to lying face down.",
)
_BAND_SAFETY = (
    "Check the band for nicks or thin spots before every session; a worn band can snap back.",
)
_LOADED_SAFETY = (
    "An ankle load acts on a long lever and raises low-back demand: add it in the smallest steps.",
)
_PRONE_LOADED_SAFETY = (
    "Lying face down keeps the trunk supported, the gentler place for an ankle load.",
)

# Neutral-capped versions (rule 24): the hip straightens and goes no further.  A pillow
# under the hips, or a slight forward hinge, starts the hip a little bent, so the leg
# still travels while the end of the lift stays at neutral.
_NEUTRAL_SAFETY = (
    "The hip only straightens: the leg stops level with the body, which spares the front "
    "of the hip and the low back."
)
_HINGE = "Tip the trunk slightly forward from the hips, back flat, hands on the support."
_PRONE_NEUTRAL_SETUP = (
    "Lie face down with a firm pillow under the hips, so they start a little bent.",
    "Rest the forehead on your stacked hands; legs long, toes on the mat.",
    _BRACE,
)
_PRONE_NEUTRAL_TOP = "Hold at the top as the tempo says; the hip bones stay on the pillow."
_STANDING_NEUTRAL_TOP = "Hold there as the tempo says; hips square, back flat."


def _neutral_mistakes(*extra: str) -> tuple[str, ...]:
    """The usual mistakes, plus lifting the leg above the body line."""
    return (
        *_MISTAKES,
        "Raising the leg above the line of the body: the hip goes past straight.",
        *extra,
    )


STANDING = Variation(
    id="standing-hip-extension",
    name="Standing backward leg raise",
    position=Position.STANDING,
    equipment=Equipment.BODYWEIGHT,
    muscles=_standard_muscles(pelvis_stabilisers=True),
    setup=(
        "Stand tall, feet hip-width, knees soft, a hand on a wall or chair back for balance.",
        "Shift your weight onto the standing leg.",
        _BRACE,
    ),
    execution=(
        _SQUEEZE,
        "Reach the working heel straight back; the torso stays upright, hips square.",
        _TOP,
        _LOWER,
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=(*_MISTAKES, "Leaning the chest forward to make room for a higher leg."),
    safety=_SAFETY,
    contraindications=_CONTRAINDICATIONS,
)

STANDING_NEUTRAL = Variation(
    id="standing-hip-extension-to-neutral",
    name="Standing leg raise to neutral (hinged)",
    position=Position.STANDING,
    equipment=Equipment.BODYWEIGHT,
    muscles=_standard_muscles(pelvis_stabilisers=True),
    setup=(
        "Face a wall, counter or sturdy chair back, feet hip-width, knees soft.",
        _HINGE,
        _BRACE,
    ),
    execution=(
        _SQUEEZE,
        "Take the straight working leg back until it lines up with the trunk, no higher.",
        _STANDING_NEUTRAL_TOP,
        _LOWER,
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=_neutral_mistakes("Letting the hinge grow deeper to make room for the leg."),
    safety=(*_SAFETY, _NEUTRAL_SAFETY),
    contraindications=_CONTRAINDICATIONS,
    end_range=EndRange.NEUTRAL,
    max_hip_flexion_deg=15,
)

STANDING_ANKLE = Variation(
    id="standing-ankle-weight-hip-extension",
    name="Standing backward leg raise with ankle weights",
    position=Position.STANDING,
    equipment=Equipment.ANKLE_WEIGHTS,
    muscles=_standard_muscles(pelvis_stabilisers=True),
    setup=(
        "Strap the weight snugly above the ankle bone of the working leg.",
        "Stand tall with a hand on support, weight on the standing leg.",
        _BRACE,
    ),
    execution=(
        _SQUEEZE,
        "Reach the weighted heel straight back; the weight must not swing.",
        _TOP,
        _LOWER,
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=_MISTAKES,
    safety=(*_SAFETY, *_LOADED_SAFETY),
    contraindications=_CONTRAINDICATIONS,
)

STANDING_BAND = Variation(
    id="standing-band-hip-extension",
    name="Standing band kickback",
    position=Position.STANDING,
    equipment=Equipment.BAND,
    muscles=_standard_muscles(pelvis_stabilisers=True),
    setup=(
        "Anchor the band low in front of you, or loop it round both ankles.",
        "Stand tall with a hand on support; take up the slack before the first rep.",
        _BRACE,
    ),
    execution=(
        _SQUEEZE,
        "Press the heel back against the band; the standing knee stays soft and still.",
        _TOP,
        "Let the band return the leg slowly; keep tension at the bottom.",
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=(
        *_MISTAKES,
        "Letting the band snap the leg back instead of resisting it.",
    ),
    safety=(*_SAFETY, *_BAND_SAFETY),
    contraindications=_CONTRAINDICATIONS,
)

STANDING_BAND_NEUTRAL = Variation(
    id="standing-band-hip-extension-to-neutral",
    name="Band kickback to neutral (hinged)",
    position=Position.STANDING,
    equipment=Equipment.BAND,
    muscles=_standard_muscles(pelvis_stabilisers=True),
    setup=(
        "Anchor the band low in front of you, or loop it round both ankles.",
        f"{_HINGE} Take up the slack before the first rep.",
        _BRACE,
    ),
    execution=(
        _SQUEEZE,
        "Press the heel back against the band until the leg lines up with the trunk, no higher.",
        _STANDING_NEUTRAL_TOP,
        "Let the band return the leg slowly; keep tension at the bottom.",
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=_neutral_mistakes("Letting the band snap the leg back instead of resisting it."),
    safety=(*_SAFETY, _NEUTRAL_SAFETY, *_BAND_SAFETY),
    contraindications=_CONTRAINDICATIONS,
    end_range=EndRange.NEUTRAL,
    max_hip_flexion_deg=15,
)

PRONE = Variation(
    id="prone-hip-extension",
    name="Prone backward leg raise",
    position=Position.PRONE,
    equipment=Equipment.BODYWEIGHT,
    muscles=_standard_muscles(pelvis_stabilisers=False),
    setup=(
        "Lie face down on a mat, forehead on your stacked hands.",
        "Legs long and together; a thin pillow under the hips eases a sensitive back.",
        _BRACE,
    ),
    execution=(
        _SQUEEZE,
        "Lift one straight leg a hand's width off the floor, knee soft, hip bones pressed down.",
        _TOP,
        _LOWER,
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=_MISTAKES,
    safety=_SAFETY,
    contraindications=_CONTRAINDICATIONS,
)

PRONE_NEUTRAL = Variation(
    id="prone-hip-extension-to-neutral",
    name="Prone leg raise to neutral (hips on a pillow)",
    position=Position.PRONE,
    equipment=Equipment.BODYWEIGHT,
    muscles=_standard_muscles(pelvis_stabilisers=False),
    setup=_PRONE_NEUTRAL_SETUP,
    execution=(
        _SQUEEZE,
        "Raise one straight leg until it lines up with the body, no higher.",
        _PRONE_NEUTRAL_TOP,
        _LOWER,
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=_neutral_mistakes(),
    safety=(*_SAFETY, _NEUTRAL_SAFETY),
    contraindications=_CONTRAINDICATIONS,
    end_range=EndRange.NEUTRAL,
    max_hip_flexion_deg=20,
)

PRONE_ANKLE = Variation(
    id="prone-ankle-weight-hip-extension",
    name="Prone backward leg raise with ankle weights",
    position=Position.PRONE,
    equipment=Equipment.ANKLE_WEIGHTS,
    muscles=_standard_muscles(pelvis_stabilisers=False),
    setup=(
        "Strap the weight snugly above the ankle bone of the working leg.",
        "Lie face down on a mat, forehead on your stacked hands, legs long.",
        _BRACE,
    ),
    execution=(
        _SQUEEZE,
        "Lift the weighted leg a hand's width off the floor, knee straight, hip bones down.",
        _TOP,
        _LOWER,
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=(*_MISTAKES, "Dropping the weight onto the mat between reps."),
    safety=(*_SAFETY, *_LOADED_SAFETY, *_PRONE_LOADED_SAFETY),
    contraindications=_CONTRAINDICATIONS,
)

PRONE_ANKLE_NEUTRAL = Variation(
    id="prone-ankle-weight-hip-extension-to-neutral",
    name="Prone leg raise to neutral with ankle weights",
    position=Position.PRONE,
    equipment=Equipment.ANKLE_WEIGHTS,
    muscles=_standard_muscles(pelvis_stabilisers=False),
    setup=(
        "Strap the weight snugly above the ankle bone of the working leg.",
        *_PRONE_NEUTRAL_SETUP,
    ),
    execution=(
        _SQUEEZE,
        "Raise the weighted leg, knee straight, until it lines up with the body, no higher.",
        _PRONE_NEUTRAL_TOP,
        _LOWER,
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=_neutral_mistakes("Dropping the weight onto the mat between reps."),
    safety=(*_SAFETY, _NEUTRAL_SAFETY, *_LOADED_SAFETY, *_PRONE_LOADED_SAFETY),
    contraindications=_CONTRAINDICATIONS,
    end_range=EndRange.NEUTRAL,
    max_hip_flexion_deg=20,
)

_CABLE_SAFETY = (
    *_SAFETY,
    "Stack numbers differ between machines: track loads per machine.",
)

CABLE = Variation(
    id="cable-standing-hip-extension",
    name="Cable standing hip extension",
    position=Position.STANDING,
    equipment=Equipment.CABLE,
    muscles=_standard_muscles(pelvis_stabilisers=True),
    setup=(
        "Put an ankle cuff on the working leg and clip it to the lowest pulley.",
        "Face the stack, hold the frame, step back until the plates lift off.",
        _BRACE,
    ),
    execution=(
        _SQUEEZE,
        "Drive the heel back and slightly up; ribs down, hips square to the stack.",
        _TOP,
        "Return slowly; do not let the plates touch between reps.",
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=(*_MISTAKES, "Twisting the hips open to lift more weight."),
    safety=_CABLE_SAFETY,
    contraindications=_CONTRAINDICATIONS,
)

CABLE_NEUTRAL = Variation(
    id="cable-standing-hip-extension-to-neutral",
    name="Cable hip extension to neutral (hinged)",
    position=Position.STANDING,
    equipment=Equipment.CABLE,
    muscles=_standard_muscles(pelvis_stabilisers=True),
    setup=(
        "Put an ankle cuff on the working leg and clip it to the lowest pulley.",
        "Face the stack and step back until the plates lift off. " + _HINGE,
        _BRACE,
    ),
    execution=(
        _SQUEEZE,
        "Drive the heel straight back until the leg lines up with the trunk, no higher.",
        _STANDING_NEUTRAL_TOP,
        "Return slowly; do not let the plates touch between reps.",
        _SWITCH,
    ),
    breathing=_BREATHING,
    mistakes=_neutral_mistakes("Twisting the hips open to lift more weight."),
    safety=(*_CABLE_SAFETY, _NEUTRAL_SAFETY),
    contraindications=_CONTRAINDICATIONS,
    end_range=EndRange.NEUTRAL,
    max_hip_flexion_deg=15,
)

HYPEREXTENSION = Variation(
    id="glute-hyperextension-45",
    name="Glute-focused 45° hyperextension",
    position=Position.BENCH,
    equipment=Equipment.HYPEREXTENSION_BENCH,
    muscles=_standard_muscles(pelvis_stabilisers=False),
    setup=(
        "Set the pad just below the hip crease so the hips can hinge freely.",
        "Feet turned slightly out, heels against the plate, arms crossed on the chest.",
        _BRACE,
    ),
    execution=(
        "Hinge at the hips with a neutral back, then squeeze the glutes to rise.",
        "Stop with the body in a straight line; never arch past it.",
        "Lower under control back to the hinge.",
    ),
    breathing=_BREATHING,
    mistakes=(
        "Rising by arching the low back instead of extending the hips.",
        "Rounding the back at the bottom.",
        "Turning the toes in, which shifts work to the back.",
    ),
    safety=(
        *_SAFETY,
        "Only after the standing ladder is mastered; start with bodyweight.",
    ),
    contraindications=_CONTRAINDICATIONS,
    is_advanced=True,
    bilateral=True,
    end_range=EndRange.NEUTRAL,
    max_hip_flexion_deg=90,
)

GLUTE_HAM_RAISE = Variation(
    id="glute-ham-raise",
    name="Glute-ham raise",
    position=Position.BENCH,
    equipment=Equipment.GLUTE_HAM_BENCH,
    muscles=_standard_muscles(pelvis_stabilisers=False),
    setup=(
        "Set the foot plate so the knees sit just behind the pad, ankles locked in.",
        "Start upright on the knees, body straight from knee to head.",
        _BRACE,
    ),
    execution=(
        "Lower the straight body forward slowly, resisting with the hamstrings and glutes.",
        "Go only as far as you can control, then pull back up through the knees and hips.",
        "Keep hips extended; do not bend at the waist to cheat the way up.",
    ),
    breathing=_BREATHING,
    mistakes=(
        "Piking at the hips to shorten the lever.",
        "Dropping into the bottom instead of lowering under control.",
    ),
    safety=(
        *_SAFETY,
        "A demanding hamstring exercise: earn it with the rest of the ladder first.",
    ),
    contraindications=(
        *_CONTRAINDICATIONS,
        "Recent hamstring strain: wait until cleared.",
    ),
    is_advanced=True,
    bilateral=True,
    end_range=EndRange.NEUTRAL,
)

#: The built-in catalog, easiest first (as the ladder meets them); each neutral-capped
#: version follows its variation.  Standing ankle weights are kept for stored plans and
#: custom use: the ladder puts ankle weights on the prone raise, where they load the hip.
CATALOG = Catalog(
    (
        STANDING,
        STANDING_NEUTRAL,
        STANDING_ANKLE,
        STANDING_BAND,
        STANDING_BAND_NEUTRAL,
        PRONE,
        PRONE_NEUTRAL,
        PRONE_ANKLE,
        PRONE_ANKLE_NEUTRAL,
        CABLE,
        CABLE_NEUTRAL,
        HYPEREXTENSION,
        GLUTE_HAM_RAISE,
    )
)

_NEUTRAL_VERSIONS: Mapping[str, Variation] = {
    STANDING.id: STANDING_NEUTRAL,
    STANDING_BAND.id: STANDING_BAND_NEUTRAL,
    PRONE.id: PRONE_NEUTRAL,
    PRONE_ANKLE.id: PRONE_ANKLE_NEUTRAL,
    CABLE.id: CABLE_NEUTRAL,
}


def get_variation(variation_id: str) -> Variation:
    """Look up a built-in variation by its stable id; raise :class:`CatalogError` if unknown."""
    return CATALOG[variation_id]


def neutral_version(variation: Variation) -> Variation:
    """The neutral-capped way of doing ``variation`` (itself when it already stops at neutral).

    >>> neutral_version(PRONE).id
    'prone-hip-extension-to-neutral'

    Raises:
        CatalogError: when ``variation`` goes past neutral and has no neutral-capped version.
    """
    if variation.end_range is EndRange.NEUTRAL:
        return variation
    twin = _NEUTRAL_VERSIONS.get(variation.id)
    if twin is None:
        known = ", ".join(_NEUTRAL_VERSIONS)
        raise CatalogError(
            f"variation must stop at neutral or have a neutral-capped version ({known}), "
            f"got {variation.id!r}"
        )
    return twin
