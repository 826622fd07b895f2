"""Dosing: roles, the athlete's conditions and safety, turned into session doses.

It knows nothing of dates: given the week each session falls in, it returns one
:class:`PlannedBlock` per session.  :mod:`legraise_plan.plan` puts them on dates.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from legraise_plan.athlete import Athlete, Condition, Level, SurgicalApproach
from legraise_plan.equipment import BandSetup, Equipment, increment_for
from legraise_plan.errors import ClearanceRequiredError, PlanError, ReferralRequiredError
from legraise_plan.periodization import (
    DayKind,
    DayPlan,
    Observed,
    Periodization,
    day_kinds,
    dose_sessions,
)
from legraise_plan.prescription import ROLE_DOSES, Prescription, RepRange, Role, RoleDose
from legraise_plan.progression import (
    Change,
    Ladder,
    ProgressionRules,
    Step,
    build_ladder,
    cable_usable,
    expected_outcome,
    starting_state,
)
from legraise_plan.units import Unit


__all__ = [
    "GENERAL_SAFETY",
    "PlannedBlock",
    "check_clearance",
    "dose_for",
    "frequency_notes",
    "plan_blocks",
    "plan_days",
    "planned_blocks",
    "rules_for",
    "safety_notes",
]

#: Notes every plan carries.
GENERAL_SAFETY = (
    "Stop the set at once on sharp pain in the low back, hip or knee.",
    (
        "With a history of back pain or hip problems, check with a physiotherapist or doctor "
        "before starting."
    ),
    (
        "Pain 0-3/10 during a set is fine; 4-5/10: keep the dose, do not progress; above 5/10: "
        "stop and drop back a level next session."
    ),
    "If pain or stiffness is worse the next morning, repeat the previous dose with one set fewer.",
    (
        "Stop this exercise and see a physiotherapist or doctor if pain is sharp, gets worse "
        "from session to session, is constant or wakes you at night, makes you limp, or lasts "
        "long after a session."
    ),
    (
        "Stop and see a doctor urgently on any red-flag sign: numbness in the saddle area "
        "(groin, buttocks, inner thighs), a new change in bladder or bowel control, leg "
        "weakness that keeps increasing, fever, or weight loss you cannot explain."
    ),
    "End a set when the low back arches, the pelvis twists or the leg swings.",
    "This is general fitness guidance, not a diagnosis or treatment.",
)
_NEUTRAL = "lift only until the leg is in line with the body (hip neutral)"
_CONDITION_NOTES = {
    Condition.LOW_BACK_PAIN_HISTORY: (
        (
            f"Low-back pain history: {_NEUTRAL}, brace before every rep, and add external "
            "load only after 2 pain-free sessions."
        ),
    ),
    Condition.HIP_PAIN: (
        (
            f"Hip pain or impingement: {_NEUTRAL}, never higher, and add external load only "
            "after 2 pain-free sessions."
        ),
    ),
    Condition.PREGNANCY: (
        "Pregnancy: standing variations only, no lying face down.",
        (
            "Stop and contact your care provider on vaginal bleeding, regular painful "
            "contractions, fluid leaking, breathlessness before exertion, dizziness, headache, "
            "chest pain, muscle weakness affecting balance, calf pain or swelling, or reduced "
            "fetal movement."
        ),
    ),
    Condition.PARQ_YES: (),  # depends on clearance: see _condition_notes
    Condition.RED_FLAGS: (),  # no plan is made: see check_clearance
    Condition.RECENT_HIP_SURGERY: (
        (
            "Recent hip surgery: follow your surgeon's or physiotherapist's limits; add "
            "external load only after 2 pain-free sessions, and keep it at rehab levels."
        ),
    ),
}
_PARQ_UNCLEARED = (
    "You answered yes to a screening question: see a physician or physiotherapist before "
    "becoming more active. Until they confirm, this plan stays at an easy bodyweight dose "
    "(warm-up sets, reps and tempo, well short of fatigue)."
)
_PARQ_CLEARED = (
    "You answered yes to a screening question and have been cleared: tell your physician or "
    "physiotherapist if your health changes, and stop at once on chest pain, dizziness or "
    "unusual breathlessness."
)
_ANTERIOR_LIMITS = (
    f"no hip extension past neutral, so {_NEUTRAL}, and never turn the foot out at the top "
    "of the lift"
)
_POSTERIOR_LIMITS = (
    "no bending the hip past 90°, no crossing the leg over the middle of the body, and no "
    "turning the leg inwards"
)
_APPROACH_NOTES = {
    SurgicalApproach.ANTERIOR: f"Anterior approach: {_ANTERIOR_LIMITS}.",
    SurgicalApproach.POSTERIOR: f"Posterior approach: {_POSTERIOR_LIMITS}.",
    SurgicalApproach.LATERAL: (
        f"Lateral approach: {_POSTERIOR_LIMITS}; and no lifting the leg out to the side "
        "against resistance."
    ),
    SurgicalApproach.ARTHROSCOPY: (
        "Hip arthroscopy: follow your surgeon's protocol for how far and how hard the hip may "
        "move, and ask before going past it."
    ),
    None: (
        "Surgical approach not given, so the most cautious limits apply: "
        f"{_ANTERIOR_LIMITS}; {_POSTERIOR_LIMITS}."
    ),
}
_BAND_SETUPS = {
    BandSetup.ANCHORED: (
        "This plan assumes the band is anchored: one end fixed low in front of you (a door "
        "anchor or a post), the other round the working ankle. Looped round both ankles, the "
        "same colour pulls about twice as hard."
    ),
    BandSetup.LOOPED: (
        "This plan assumes the band is looped round both ankles, which pulls about twice as "
        "hard as the same colour anchored at one ankle; keep that set-up from session to "
        "session."
    ),
}
#: The fewest rehab sessions a week that rule 4 recommends.
_REHAB_MIN_DAYS = 3
#: The fewest sessions a week for a novice's accessory or full-body work (rule 5).
_NOVICE_MIN_DAYS = 2
_NEEDS_CLEARANCE = (Condition.PREGNANCY, Condition.RECENT_HIP_SURGERY)


@attrs.frozen(kw_only=True)
class PlannedBlock:
    """One session's block before it has a date."""

    kind: DayKind
    prescription: Prescription
    reason: str
    plain: str
    change: Change

    @property
    def is_deload(self) -> bool:
        """True for a deload session."""
        return self.kind is DayKind.DELOAD


def check_clearance(athlete: Athlete, role: Role) -> None:
    """Raise when no plan may be made: red flags, or a clearance the athlete lacks.

    Raises:
        ReferralRequiredError: with red flags, whatever the clearance (rule 21).
        ClearanceRequiredError: rehab, pregnancy or recent hip surgery without clearance.
    """
    if Condition.RED_FLAGS in athlete.conditions:
        raise ReferralRequiredError(
            "conditions include red_flags (e.g. saddle numbness, new bladder or bowel "
            "changes, progressive leg weakness, fever or unexplained weight loss, severe night "
            "pain, recent major trauma): no plan is made; see a doctor urgently"
        )
    if athlete.cleared:
        return
    how = "confirm with your physiotherapist or doctor, then pass Athlete(cleared=True)"
    if role is Role.REHAB:
        raise ClearanceRequiredError(
            f"role rehab requires a clinician's clearance (cleared=False); {how} "
            "(--cleared at the command line)"
        )
    for condition in _NEEDS_CLEARANCE:
        if condition in athlete.conditions:
            raise ClearanceRequiredError(
                f"condition {condition.value} requires a clinician's clearance (cleared=False); "
                f"{how} (--cleared at the command line)"
            )


def _held_to_warm_up(athlete: Athlete) -> bool:
    """True for a screening yes not yet confirmed by a clinician (rule 20)."""
    return Condition.PARQ_YES in athlete.conditions and not athlete.cleared


def dose_for(athlete: Athlete, role: Role) -> RoleDose:
    """The dose ``role`` prescribes for ``athlete``: the role's dose, with one exception.

    An athlete who answered yes to a screening question and is not yet cleared gets
    warm-up sets, reps, tempo and rest in any role, with at least 3 reps in reserve,
    until a physician or physiotherapist confirms (rule 20).

    >>> dose_for(Athlete(conditions={Condition.PARQ_YES}), Role.ACCESSORY).max_sets
    2
    """
    if not _held_to_warm_up(athlete):
        return ROLE_DOSES[role]
    warm_up = ROLE_DOSES[Role.WARM_UP]
    return attrs.evolve(warm_up, rir=max(3, warm_up.rir))


def rules_for(
    athlete: Athlete, role: Role, rules: ProgressionRules | None = None
) -> ProgressionRules:
    """The rules a plan uses: ``rules`` or the role's defaults, with safety adjustments.

    A low-back pain history, hip pain or recent hip surgery holds external load until 2
    pain-free sessions in every role (rules 23 and 24), whatever rules were passed.
    Warm-up and rehab rules are clamped to their role's sets, reps and pain limits, and
    an uncleared screening yes keeps any role at warm-up volume (rule 20).
    """
    if rules is not None and not isinstance(rules, ProgressionRules):
        raise PlanError(f"rules must be ProgressionRules or None, got {rules!r:.80}")
    chosen = rules if rules is not None else ProgressionRules.for_role(role, athlete.level)
    if athlete.has_back_or_hip_condition:
        chosen = attrs.evolve(chosen, pain_free_before_load=max(chosen.pain_free_before_load, 2))
    if role in {Role.WARM_UP, Role.REHAB} or _held_to_warm_up(athlete):
        chosen = _clamp_to_dose(chosen, dose_for(athlete, role), role)
    if _held_to_warm_up(athlete):
        # Warm-up tempo too: no bridging sets or longer holds until cleared (rule 20).
        chosen = attrs.evolve(chosen, bridge=False, max_extra_hold=0)
    return chosen


def _clamp_to_dose(rules: ProgressionRules, dose: RoleDose, role: Role) -> ProgressionRules:
    """``rules`` kept within ``dose``: sets, reps, reps in reserve, rep time, pain (rules 1, 4, 14).

    Progress needs at least the dose's ``min_rir``, and extra top holds may not take a
    rep past the dose's ``max_rep_seconds`` (10 s in rehab).
    """
    hold_room = rules.max_extra_hold
    if dose.max_rep_seconds is not None:
        hold_room = min(hold_room, max(0, dose.max_rep_seconds - dose.tempo.rep_seconds))
    base_sets = min(rules.base_sets, dose.max_sets)
    return attrs.evolve(
        rules,
        max_sets=min(rules.max_sets, dose.max_sets),
        base_sets=base_sets,
        min_sets=min(max(rules.min_sets, dose.min_sets), base_sets),
        rep_range=_clamp_range(rules.rep_range, dose.rep_range.high),
        heavy_rep_range=None,
        pain_continue_max=min(rules.pain_continue_max, 3),
        pain_hold_max=min(rules.pain_hold_max, 5),
        rehab=rules.rehab or role is Role.REHAB,
        bridge=rules.bridge and role is not Role.WARM_UP,
        min_rir=max(rules.min_rir, dose.min_rir),
        max_extra_hold=hold_room,
    )


def _clamp_range(reps: RepRange, high: int) -> RepRange:
    """``reps`` with its top (and bottom) at most ``high``."""
    return RepRange(min(reps.low, high), min(reps.high, high))


def safety_notes(athlete: Athlete, role: Role) -> tuple[str, ...]:
    """The safety notes for this athlete and role.

    General notes (including when to seek assessment, rule 26), then a note per
    condition (surgery by approach, rule 23), the band notes when the athlete has a
    band, and the role's notes.
    """
    return (
        *GENERAL_SAFETY,
        *_condition_notes(athlete),
        *_band_notes(athlete),
        *_cable_notes(athlete),
        *_role_notes(role),
    )


def _condition_notes(athlete: Athlete) -> list[str]:
    notes: list[str] = []
    for condition in sorted(athlete.conditions):
        notes.extend(_CONDITION_NOTES[condition])
        if condition is Condition.RECENT_HIP_SURGERY:
            notes.append(_APPROACH_NOTES[athlete.surgical_approach])
        elif condition is Condition.PARQ_YES:
            notes.append(_PARQ_CLEARED if athlete.cleared else _PARQ_UNCLEARED)
    screened = {Condition.LOW_BACK_PAIN_HISTORY, Condition.HIP_PAIN}
    if athlete.conditions & screened and not athlete.cleared:
        notes.append("Until a physiotherapist or doctor confirms, this plan stays at bodyweight.")
    return notes


def _band_notes(athlete: Athlete) -> tuple[str, ...]:
    if not athlete.has(Equipment.BAND):
        return ()
    brand = f" (your band: {athlete.band_brand})" if athlete.band_brand.strip() else ""
    return (
        (
            "Band colours are a guide, not an exact load: the same colour pulls about 30 % "
            f"more or less from one brand to another{brand}. Pick the band that gives the "
            "reps asked for with the reps in reserve asked for."
        ),
        "Check the band for nicks or tears before each use; replace a damaged band.",
        _BAND_SETUPS[athlete.band_setup],
    )


def _cable_notes(athlete: Athlete) -> tuple[str, ...]:
    if not athlete.has(Equipment.CABLE) or cable_usable(athlete):
        return ()
    plate = athlete.cable_increment or increment_for(Equipment.CABLE, athlete.units)
    first = "10 kg" if plate.unit is Unit.KG else "20 lb"
    note = (
        f"The cable's lightest plate ({plate}) is more than a first cable load should be "
        f"({first} at the ankle), so this plan leaves the cable out; a 2:1 pulley or a machine "
        "with lighter plates makes it usable."
    )
    return (note,)


def _role_notes(role: Role) -> tuple[str, ...]:
    if role is Role.REHAB:
        return ("Rehab plan: confirm every change of dose with your clinician.",)
    if role is Role.WARM_UP:
        return ("Warm-up: activate, do not fatigue; finish before the main lifts.",)
    return ()


def frequency_notes(athlete: Athlete, role: Role, days_per_week: int) -> tuple[str, ...]:
    """Warnings for a plan that trains less often than its role needs (rules 4 and 5).

    Rehab works best 3 or more days a week; a novice's accessory or full-body work 2
    or more.  Warm-ups are exempt.

    >>> frequency_notes(Athlete(cleared=True), Role.REHAB, 2)
    ('Rehab works best 3 or more days a week; this plan has 2.',)

    Raises:
        PlanError: when ``days_per_week`` is not a whole number 1..7.
    """
    raw: object = days_per_week
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 7:
        raise PlanError(f"days_per_week must be a whole number 1..7, got {raw!r}")
    has = f"this plan has {days_per_week}."
    if role is Role.REHAB and days_per_week < _REHAB_MIN_DAYS:
        return (f"Rehab works best {_REHAB_MIN_DAYS} or more days a week; {has}",)
    novice_work = role in {Role.ACCESSORY, Role.FULL_BODY} and athlete.level is Level.NOVICE
    if novice_work and days_per_week < _NOVICE_MIN_DAYS:
        return (f"Novice {role.label} work progresses best 2 or 3 days a week; {has}",)
    return ()


def plan_days(
    athlete: Athlete,
    role: Role,
    session_weeks: Sequence[int],
    weeks: int,
    *,
    periodization: Periodization = Periodization.LINEAR,
    rules: ProgressionRules | None = None,
    ladder: Ladder | None = None,
    deload_every: int = 6,
    start: Step | None = None,
    offset: int = 0,
    kinds: Sequence[DayKind] | None = None,
    observed: Sequence[Observed | None] | None = None,
    end: list[Step] | None = None,
) -> tuple[Ladder, tuple[DayPlan, ...]]:
    """The ladder and each session's progression state, given the week of each session.

    ``start`` continues from a known state (by default the athlete's starting state);
    ``offset`` is how far into the deload or block cycle week 1 falls.  ``kinds``
    replays a plan's own day kinds and ``observed`` its training log, and ``end``
    receives where the athlete is left (see
    :func:`legraise_plan.periodization.dose_sessions`).
    """
    check_clearance(athlete, role)
    chosen = rules_for(athlete, role, rules)
    ladder = ladder if ladder is not None else build_ladder(athlete, role)
    if start is None:
        start = starting_state(athlete, ladder, chosen)
    if kinds is None:
        # Warm-ups (and anyone held to a warm-up dose) keep a steady activation dose.
        steady = role is Role.WARM_UP or _held_to_warm_up(athlete)
        kinds = day_kinds(
            periodization,
            session_weeks,
            weeks,
            deload_every=deload_every,
            steady=steady,
            offset=offset,
        )
    dose = dose_for(athlete, role)
    days = dose_sessions(
        kinds,
        ladder,
        start,
        chosen,
        weeks=session_weeks,
        min_sets=min(dose.min_sets, chosen.base_sets),
        outcome=expected_outcome(chosen),
        observed=observed,
        end=end,
    )
    return ladder, days


def plan_blocks(
    athlete: Athlete,
    role: Role,
    session_weeks: Sequence[int],
    weeks: int,
    *,
    periodization: Periodization = Periodization.LINEAR,
    rules: ProgressionRules | None = None,
    ladder: Ladder | None = None,
    deload_every: int = 6,
    start: Step | None = None,
    offset: int = 0,
) -> tuple[PlannedBlock, ...]:
    """Dose each session of a plan, given the 1-based week of each session."""
    ladder, days = plan_days(
        athlete,
        role,
        session_weeks,
        weeks,
        periodization=periodization,
        rules=rules,
        ladder=ladder,
        deload_every=deload_every,
        start=start,
        offset=offset,
    )
    return planned_blocks(athlete, role, ladder, days)


def planned_blocks(
    athlete: Athlete, role: Role, ladder: Ladder, days: Sequence[DayPlan]
) -> tuple[PlannedBlock, ...]:
    """Each day's progression state as a prescription, dosed for the role."""
    dose = dose_for(athlete, role)
    out: list[PlannedBlock] = []
    for day in days:
        state = day.state
        rung = ladder[state.rung]
        tempo = dose.tempo_with_hold(rung.extra_hold + state.extra_hold)
        rir = min(10, dose.rir + day.rir_bonus)
        prescription = Prescription(
            variation=rung.variation,
            load=rung.load,
            sets=state.sets,
            reps=state.reps,
            tempo=tempo,
            rest=dose.rest,
            rir=rir,
        )
        out.append(
            PlannedBlock(
                kind=day.kind,
                prescription=prescription,
                reason=day.reason,
                plain=day.plain,
                change=day.change,
            )
        )
    return tuple(out)
