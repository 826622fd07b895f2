"""The planner: roles, the athlete's conditions and safety, turned into session doses.

It knows nothing of dates: given the week each session falls in, it returns one
:class:`PlannedBlock` per session.  :mod:`legraise_plan.plan` puts them on dates.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from legraise_plan.athlete import Athlete, Condition
from legraise_plan.errors import ClearanceRequiredError, PlanError, ReferralRequiredError
from legraise_plan.periodization import DayKind, Periodization, day_kinds, dose_sessions
from legraise_plan.prescription import ROLE_DOSES, Prescription, RepRange, Role, Tempo
from legraise_plan.progression import (
    Ladder,
    ProgressionRules,
    build_ladder,
    expected_outcome,
    starting_state,
)


__all__ = [
    "GENERAL_SAFETY",
    "PlannedBlock",
    "check_clearance",
    "plan_blocks",
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
    "End a set when the low back arches, the pelvis twists or the leg swings.",
    "This is general fitness guidance, not a diagnosis or treatment.",
)
_CONDITION_NOTES = {
    Condition.LOW_BACK_PAIN_HISTORY: (
        (
            "Low-back pain history: lift only to hip neutral, brace before every rep, and add "
            "external load only after 2 pain-free sessions."
        ),
    ),
    Condition.HIP_PAIN: (
        (
            "Hip pain or impingement: stop at hip neutral (no extension past a straight line) "
            "and add external load only after 2 pain-free sessions."
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
    Condition.PARQ_YES: (
        (
            "You answered yes to a screening question: see a physician or physiotherapist "
            "before becoming more active; until they confirm, this plan stays at bodyweight."
        ),
    ),
    Condition.RED_FLAGS: (),
    Condition.RECENT_HIP_SURGERY: (
        (
            "Recent hip surgery: follow your surgeon's or physiotherapist's limits; no extension "
            "past neutral with the foot turned out; loads stay at rehab levels."
        ),
    ),
}
_NEEDS_CLEARANCE = (Condition.PREGNANCY, Condition.RECENT_HIP_SURGERY)


@attrs.frozen(kw_only=True)
class PlannedBlock:
    """One session's block before it has a date."""

    kind: DayKind
    prescription: Prescription
    reason: str

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


def rules_for(
    athlete: Athlete, role: Role, rules: ProgressionRules | None = None
) -> ProgressionRules:
    """The rules a plan uses: ``rules`` or the role's defaults, with safety adjustments.

    A low-back pain history or hip pain holds external load until 2 pain-free sessions
    (rule 24), whatever rules were passed; warm-up and rehab rules are clamped to their
    role's sets, reps and pain limits.
    """
    if rules is not None and not isinstance(rules, ProgressionRules):
        raise PlanError(f"rules must be ProgressionRules or None, got {rules!r:.80}")
    chosen = rules if rules is not None else ProgressionRules.for_role(role, athlete.level)
    if athlete.conditions & {Condition.LOW_BACK_PAIN_HISTORY, Condition.HIP_PAIN}:
        chosen = attrs.evolve(chosen, pain_free_before_load=max(chosen.pain_free_before_load, 2))
    if role in {Role.WARM_UP, Role.REHAB}:
        # Custom rules may not take warm-up or rehab past their role's dose (rules 1, 4, 14).
        dose = ROLE_DOSES[role]
        chosen = attrs.evolve(
            chosen,
            max_sets=min(chosen.max_sets, dose.max_sets),
            base_sets=min(chosen.base_sets, dose.max_sets),
            rep_range=_clamp_range(chosen.rep_range, dose.rep_range.high),
            heavy_rep_range=None,
            pain_continue_max=min(chosen.pain_continue_max, 3),
            pain_hold_max=min(chosen.pain_hold_max, 5),
            rehab=chosen.rehab or role is Role.REHAB,
            bridge=chosen.bridge and role is not Role.WARM_UP,
        )
    return chosen


def _clamp_range(reps: RepRange, high: int) -> RepRange:
    """``reps`` with its top (and bottom) at most ``high``."""
    return RepRange(min(reps.low, high), min(reps.high, high))


def safety_notes(athlete: Athlete, role: Role) -> tuple[str, ...]:
    """The safety notes for this athlete and role: general notes, then per condition."""
    notes = list(GENERAL_SAFETY)
    for condition in sorted(athlete.conditions):
        notes.extend(_CONDITION_NOTES[condition])
    if athlete.conditions and not athlete.cleared:
        notes.append("Until a physiotherapist or doctor confirms, this plan stays at bodyweight.")
    if role is Role.REHAB:
        notes.append("Rehab plan: confirm every change of dose with your clinician.")
    if role is Role.WARM_UP:
        notes.append("Warm-up: activate, do not fatigue; finish before the main lifts.")
    return tuple(notes)


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
) -> tuple[PlannedBlock, ...]:
    """Dose each session of a plan, given the 1-based week of each session."""
    check_clearance(athlete, role)
    chosen = rules_for(athlete, role, rules)
    ladder = ladder if ladder is not None else build_ladder(athlete, role)
    start = starting_state(athlete, ladder, chosen)
    kinds = day_kinds(periodization, session_weeks, weeks, deload_every=deload_every)
    dose = ROLE_DOSES[role]
    out: list[PlannedBlock] = []
    for day in dose_sessions(kinds, ladder, start, chosen, outcome=expected_outcome(chosen)):
        state = day.state
        rung = ladder[state.rung]
        hold = dose.tempo.hold + rung.extra_hold + state.extra_hold
        tempo = (
            dose.tempo
            if hold == dose.tempo.hold
            else Tempo(dose.tempo.lift, hold, dose.tempo.lower)
        )
        rir = min(10, dose.rir + (2 if day.is_deload else 0))
        prescription = Prescription(
            variation=rung.variation,
            load=rung.load,
            sets=state.sets,
            reps=state.reps,
            tempo=tempo,
            rest=dose.rest,
            rir=rir,
        )
        out.append(PlannedBlock(kind=day.kind, prescription=prescription, reason=day.reason))
    return tuple(out)
