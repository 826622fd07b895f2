"""Tests for legraise_plan.dosing: conditions, safety notes, doses within the rules, frequency."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.dosing import GENERAL_SAFETY, dose_for, frequency_notes, rules_for
from legraise_plan.prescription import MAX_REHAB_REP_SECONDS, ROLE_DOSES


START = dt.date(2026, 12, 7)
C = lp.Condition
A = lp.SurgicalApproach
NEUTRAL = "lift only until the leg is in line with the body (hip neutral)"
ANTERIOR_NOTE = (
    "Anterior approach: no hip extension past neutral, so lift only until the leg is in line "
    "with the body (hip neutral), and never turn the foot out at the top of the lift."
)
POSTERIOR_LIMITS = (
    "no bending the hip past 90°, no crossing the leg over the middle of the body, and no "
    "turning the leg inwards"
)
PARQ_NOTE = (
    "You answered yes to a screening question: see a physician or physiotherapist before "
    "becoming more active. Until they confirm, this plan stays at an easy bodyweight dose "
    "(warm-up sets, reps and tempo, well short of fatigue)."
)
#: A bare lift-hold-lower triple: a tempo not followed by its meaning in seconds.
BARE_TEMPO = re.compile(r"\b\d{1,2}-\d{1,2}-\d{1,2}\b(?! \(\d+ s up)")


#: Any set of conditions a plan can be made for (red flags refuse every plan).
PLANNABLE_CONDITIONS = st.frozensets(st.sampled_from([c for c in C if c is not C.RED_FLAGS]))
CLEARED_OR_NOT = st.booleans()


@st.composite
def athletes(
    draw: st.DrawFn,
    conditions: st.SearchStrategy[frozenset[lp.Condition]] = PLANNABLE_CONDITIONS,
    cleared: st.SearchStrategy[bool] = CLEARED_OR_NOT,
) -> lp.Athlete:
    """Any equipment, level and band set-up, with ``conditions`` (never red flags)."""
    drawn = draw(conditions)
    surgery = C.RECENT_HIP_SURGERY in drawn
    return lp.Athlete(
        equipment=draw(st.frozensets(st.sampled_from(lp.Equipment))),
        level=draw(st.sampled_from(lp.Level)),
        conditions=drawn,
        cleared=draw(cleared),
        surgical_approach=draw(st.none() | st.sampled_from(A)) if surgery else None,
        band_setup=draw(st.sampled_from(lp.BandSetup)),
        band_brand=draw(st.sampled_from(["", "TheraBand", "Acme Loops"])),
    )


DAYS = st.sampled_from(["mon", "mon,thu", "mon,wed,fri", "mon,wed,fri,sat"])


def plan_for(athlete: lp.Athlete, role: lp.Role, days: str = "mon,wed,fri") -> lp.Plan:
    """A 6-week plan from START, or a skipped example when the athlete may not have one."""
    try:
        return lp.build_plan(athlete, role=role, start=START, days=days)
    except (lp.ClearanceRequiredError, lp.ScheduleError):
        assume(False)
        raise


def cleared(*conditions: lp.Condition, **changes: object) -> lp.Athlete:
    """A cleared athlete with a band and ``conditions``."""
    return lp.Athlete(
        equipment={lp.Equipment.BAND}, conditions=set(conditions), cleared=True, **changes
    )


class TestRecentHipSurgery:
    """Rule 23: after hip surgery, the surgeon's limits and a pain-free gate before load."""

    @pytest.mark.parametrize("approach", [None, *A])
    @pytest.mark.parametrize("role", list(lp.Role))
    def test_pain_free_gate_in_every_role(self, role, approach):
        """Rules 23 and 24: external load waits for 2 pain-free sessions in any role."""
        athlete = cleared(C.RECENT_HIP_SURGERY, surgical_approach=approach)

        assert 2 <= rules_for(athlete, role).pain_free_before_load

    def test_gate_survives_custom_rules(self):
        """Rule 23: rules passed in cannot drop the pain-free gate after surgery."""
        athlete = cleared(C.RECENT_HIP_SURGERY)
        custom = lp.ProgressionRules(pain_free_before_load=0)

        assert 2 == rules_for(athlete, lp.Role.ACCESSORY, custom).pain_free_before_load

    def test_anterior_worked_example(self):
        """Rule 23: after anterior surgery, extension stops at neutral, foot not turned out."""
        plan = lp.build_plan(
            cleared(C.RECENT_HIP_SURGERY, surgical_approach=A.ANTERIOR), start=START
        )

        assert ANTERIOR_NOTE in plan.notes
        assert not any("90°" in note for note in plan.notes)

    @pytest.mark.parametrize(
        ("approach", "label"), [(A.POSTERIOR, "Posterior"), (A.LATERAL, "Lateral")]
    )
    def test_posterior_and_lateral(self, approach, label):
        """Rule 23: posterior or lateral: no flexion past 90°, no crossing, no turning in."""
        plan = lp.build_plan(cleared(C.RECENT_HIP_SURGERY, surgical_approach=approach), start=START)
        notes = "\n".join(plan.notes)

        assert f"{label} approach: {POSTERIOR_LIMITS}" in notes
        assert "past neutral" not in notes

    def test_lateral_adds_no_side_raise(self):
        """After a lateral approach the leg is not lifted out to the side against resistance."""
        plan = lp.build_plan(
            cleared(C.RECENT_HIP_SURGERY, surgical_approach=A.LATERAL), start=START
        )

        assert any("out to the side" in note for note in plan.notes)

    def test_arthroscopy_follows_the_surgeon(self):
        """Rule 23: after arthroscopy the surgeon's protocol sets the limits."""
        plan = lp.build_plan(
            cleared(C.RECENT_HIP_SURGERY, surgical_approach=A.ARTHROSCOPY), start=START
        )
        notes = "\n".join(plan.notes)

        assert "Hip arthroscopy: follow your surgeon's protocol" in notes
        assert "90°" not in notes

    def test_unknown_approach_is_most_cautious(self):
        """Rule 23: without the approach, both the anterior and the posterior limits apply."""
        plan = lp.build_plan(cleared(C.RECENT_HIP_SURGERY), start=START)
        notes = "\n".join(plan.notes)

        assert "Surgical approach not given, so the most cautious limits apply" in notes
        assert "no hip extension past neutral" in notes
        assert POSTERIOR_LIMITS in notes

    def test_surgery_keeps_loads_light_and_gated(self):
        """Rule 23: the surgery note says load waits for 2 pain-free sessions at rehab levels."""
        plan = lp.build_plan(cleared(C.RECENT_HIP_SURGERY), start=START)

        assert (
            "Recent hip surgery: follow your surgeon's or physiotherapist's limits; add external "
            "load only after 2 pain-free sessions, and keep it at rehab levels."
        ) in plan.notes


class TestScreeningYes:
    """Rule 20: a screening yes keeps any plan at an easy bodyweight dose until cleared."""

    @pytest.mark.parametrize("role", list(lp.Role))
    def test_dose_for_uncleared_is_warm_up(self, role):
        """Rule 20: uncleared, any role gets warm-up sets, reps and tempo, RIR at least 3."""
        warm_up = ROLE_DOSES[lp.Role.WARM_UP]
        dose = dose_for(lp.Athlete(conditions={C.PARQ_YES}), role)

        assert (warm_up.rep_range, warm_up.base_sets, warm_up.max_sets, warm_up.tempo) == (
            dose.rep_range,
            dose.base_sets,
            dose.max_sets,
            dose.tempo,
        )
        assert max(3, warm_up.rir) == dose.rir

    @given(athlete=athletes(), role=st.sampled_from(lp.Role))
    def test_dose_for_everyone_else_is_the_role_dose(self, athlete, role):
        """Without an uncleared screening yes, the dose is the role's own."""
        assume(C.PARQ_YES not in athlete.conditions or athlete.cleared)

        assert ROLE_DOSES[role] == dose_for(athlete, role)

    @pytest.mark.parametrize("role", [lp.Role.WARM_UP, lp.Role.ACCESSORY, lp.Role.FULL_BODY])
    def test_rules_keep_warm_up_volume(self, role):
        """Rule 20: an uncleared screening yes progresses only within warm-up sets and reps."""
        warm_up = ROLE_DOSES[lp.Role.WARM_UP]
        custom = lp.ProgressionRules(base_sets=4, max_sets=6, rep_range=lp.RepRange(10, 20))

        rules = rules_for(lp.Athlete(conditions={C.PARQ_YES}), role, custom)

        assert rules.base_sets <= rules.max_sets <= warm_up.max_sets
        assert rules.rep_range.high <= warm_up.rep_range.high
        assert rules.heavy_rep_range is None

    def test_worked_example(self):
        """Rule 20: an uncleared novice's accessory plan stays at a warm-up dose of bodyweight."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND}, conditions={C.PARQ_YES})
        plan = lp.build_plan(athlete, start=START)
        blocks = [block for session in plan.sessions for block in session.blocks]

        assert PARQ_NOTE in plan.notes
        assert [] == [b for b in blocks if b.load.is_external]
        assert [] == [b for b in blocks if b.sets > 2 or b.reps > 15 or b.rir < 3]
        assert {(1, 1)} == {(b.tempo.lift, b.tempo.lower) for b in blocks}

    @given(
        athlete=athletes(
            conditions=st.frozensets(st.sampled_from([C.HIP_PAIN, C.LOW_BACK_PAIN_HISTORY])).map(
                lambda others: others | {C.PARQ_YES}
            ),
            cleared=st.just(False),
        ),
        role=st.sampled_from([lp.Role.WARM_UP, lp.Role.ACCESSORY, lp.Role.FULL_BODY]),
        days=DAYS,
    )
    def test_property_uncleared_sessions_stay_at_warm_up_volume(self, athlete, role, days):
        """Rule 20: no session of an uncleared screening yes passes 2 sets of 15 per leg."""
        plan = plan_for(athlete, role, days)

        assert [] == [s for s in plan.sessions if s.volume > 2 * 15]

    def test_cleared_note(self):
        """Once cleared, the screening note no longer says the plan stays at bodyweight."""
        plan = lp.build_plan(cleared(C.PARQ_YES), start=START)
        notes = [n for n in plan.notes if "screening question" in n]

        assert 1 == len(notes)
        assert "have been cleared" in notes[0]
        assert "bodyweight" not in notes[0]


class TestWhenToSeekAssessment:
    """Rule 26: every plan says when to stop and be assessed."""

    def test_general_notes(self):
        """Rule 26: the general notes name bad pain and every red-flag sign, and whom to see."""
        notes = "\n".join(GENERAL_SAFETY)

        for words in (
            "sharp",
            "gets worse",
            "constant",
            "at night",
            "limp",
            "lasts long after a session",
            "see a physiotherapist or doctor",
            "saddle area",
            "bladder or bowel",
            "leg weakness that keeps increasing",
            "fever",
            "weight loss you cannot explain",
            "see a doctor urgently",
        ):
            assert words in notes

    @given(athlete=athletes(), role=st.sampled_from(lp.Role), days=DAYS)
    def test_property_every_plan_says_it(self, athlete, role, days):
        """Rule 26: any plan that can be built carries every general safety note."""
        plan = plan_for(athlete, role, days)

        assert list(GENERAL_SAFETY) == [n for n in plan.notes if n in GENERAL_SAFETY]


class TestBandNotes:
    """Rule 9 and §8: band forces vary by brand and set-up; check the band before use."""

    def test_looped_with_brand(self):
        """Rule 9: a looped band's note names the brand, the ±30 % spread and the doubled pull."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND}, band_setup=lp.BandSetup.LOOPED, band_brand="TheraBand"
        )
        notes = lp.build_plan(athlete, start=START).notes

        assert (
            "Band colours are a guide, not an exact load: the same colour pulls about 30 % more "
            "or less from one brand to another (your band: TheraBand). Pick the band that gives "
            "the reps asked for with the reps in reserve asked for."
        ) in notes
        assert "Check the band for nicks or tears before each use; replace a damaged band." in notes
        assert any(
            n.startswith("This plan assumes the band is looped round both ankles")
            and "twice as hard" in n
            for n in notes
        )

    def test_anchored_without_brand(self):
        """Rule 9: the default set-up is anchored; looping is said to pull twice as hard."""
        notes = lp.build_plan(lp.Athlete(equipment={lp.Equipment.BAND}), start=START).notes
        text = "\n".join(notes)

        assert "This plan assumes the band is anchored" in text
        assert "Looped round both ankles, the same colour pulls about twice as hard." in text
        assert "your band:" not in text

    @given(athlete=athletes(), role=st.sampled_from(lp.Role))
    def test_property_band_notes_only_with_a_band(self, athlete, role):
        """Band notes appear exactly when the athlete has a band."""
        plan = plan_for(athlete, role)

        assert athlete.has(lp.Equipment.BAND) == any("band" in n.lower() for n in plan.notes)


class TestNotesAgreeWithThePlan:
    """No note suggests what the plan excludes, or contradicts an exercise cue."""

    @given(athlete=athletes(), role=st.sampled_from(lp.Role))
    def test_property_no_excluded_variation_named(self, athlete, role):
        """No note names a catalog variation that is not on the athlete's ladder."""
        plan = plan_for(athlete, role)
        on_ladder = {rung.variation.id for rung in lp.build_ladder(athlete, role)}
        notes = "\n".join(plan.notes).lower()

        for variation in lp.CATALOG.values():
            if variation.id not in on_ladder:
                assert variation.name.lower() not in notes
                assert variation.id not in notes
        if not any(lp.CATALOG[v].position is lp.Position.PRONE for v in on_ladder):
            assert "prone" not in notes

    @given(athlete=athletes(), role=st.sampled_from(lp.Role))
    def test_property_neutral_cap_wording(self, athlete, role):
        """Rules 23-24: the hip-neutral limit is stated, as the cue words it, when it applies."""
        plan = plan_for(athlete, role)
        capped = bool(athlete.conditions & {C.HIP_PAIN, C.LOW_BACK_PAIN_HISTORY}) or (
            C.RECENT_HIP_SURGERY in athlete.conditions
            and athlete.surgical_approach in {None, A.ANTERIOR}
        )

        assert capped == any(NEUTRAL in note for note in plan.notes)

    @pytest.mark.parametrize("condition", [C.HIP_PAIN, C.LOW_BACK_PAIN_HISTORY])
    def test_back_and_hip_notes_use_the_cue_wording(self, condition):
        """Rule 24: hip pain and back pain notes say to lift only until the leg is in line."""
        plan = lp.build_plan(cleared(condition), start=START)

        assert any(NEUTRAL in note and "2 pain-free sessions" in note for note in plan.notes)

    @given(athlete=athletes(), role=st.sampled_from(lp.Role), days=DAYS)
    def test_property_plain_self_contained_notes(self, athlete, role, days):
        """Rule 19: notes never give a bare tempo triple, nor point at files outside the package."""
        notes = "\n".join(plan_for(athlete, role, days).notes)

        assert [] == BARE_TEMPO.findall(notes)
        for outside in ("TRAINING-RULES", "DESIGN.md", "../", ".md"):
            assert outside not in notes


class TestRehabDose:
    """Rule 4: rehab reps stay slow but within 10 s."""

    @given(athlete=athletes(), days=st.sampled_from(["mon,wed,fri", "mon,tue,thu,fri,sat"]))
    def test_property_rehab_reps_at_most_10_seconds(self, athlete, days):
        """Rule 4: no rehab block, extra holds included, asks for a rep longer than 10 s."""
        plan = plan_for(attrs.evolve(athlete, cleared=True), lp.Role.REHAB, days)
        blocks = [block for session in plan.sessions for block in session.blocks]

        assert [] == [b.tempo for b in blocks if b.tempo.rep_seconds > MAX_REHAB_REP_SECONDS]

    def test_custom_rules_cannot_lengthen_rehab_reps(self):
        """Rule 4: rules passed in for rehab get no more top hold than 10 s per rep allows."""
        custom = lp.ProgressionRules(min_rir=0)

        rules = rules_for(lp.Athlete(cleared=True), lp.Role.REHAB, custom)

        rehab = ROLE_DOSES[lp.Role.REHAB]
        assert rehab.tempo.rep_seconds + rules.max_extra_hold <= MAX_REHAB_REP_SECONDS
        assert rehab.min_rir <= rules.min_rir


class TestFrequencyNotes:
    """Rules 4 and 5: warn when a plan trains less often than its role needs."""

    def test_rehab_two_days(self):
        """Rule 4: a rehab plan on 2 days a week says 3 or more work best."""
        plan = lp.build_plan(
            lp.Athlete(cleared=True), role=lp.Role.REHAB, start=START, days="tu,fr"
        )

        assert "Rehab works best 3 or more days a week; this plan has 2." in plan.notes

    def test_novice_accessory_one_day(self):
        """Rule 5: a novice's accessory plan on 1 day a week says 2 or 3 work best."""
        plan = lp.build_plan(lp.Athlete(), start=START, days="mo")

        assert "Novice accessory work progresses best 2 or 3 days a week; this plan has 1." in (
            plan.notes
        )

    @pytest.mark.parametrize(
        ("level", "role", "days", "warned"),
        [
            (lp.Level.NOVICE, lp.Role.REHAB, 1, True),
            (lp.Level.ADVANCED, lp.Role.REHAB, 2, True),
            (lp.Level.NOVICE, lp.Role.REHAB, 3, False),
            (lp.Level.NOVICE, lp.Role.ACCESSORY, 2, False),
            (lp.Level.NOVICE, lp.Role.FULL_BODY, 1, True),
            (lp.Level.INTERMEDIATE, lp.Role.ACCESSORY, 1, False),
            (lp.Level.NOVICE, lp.Role.WARM_UP, 1, False),
        ],
    )
    def test_who_is_warned(self, level, role, days, warned):
        """Rules 4 and 5: rehab below 3 days and novice work below 2 are warned; warm-ups never."""
        assert warned == bool(frequency_notes(lp.Athlete(level=level), role, days))

    @given(athlete=athletes(), role=st.sampled_from(lp.Role), days=st.integers(1, 7))
    def test_property_warning_names_the_days(self, athlete, role, days):
        """Any warning says how many days the plan has, and there is at most one."""
        notes = frequency_notes(athlete, role, days)

        assert len(notes) <= 1
        assert all(n.endswith(f"; this plan has {days}.") for n in notes)

    @pytest.mark.parametrize("days", [0, 8, 2.0, True, "3"])
    def test_bad_days(self, days):
        """Days per week must be a whole number 1..7."""
        with pytest.raises(lp.PlanError) as info:
            frequency_notes(lp.Athlete(), lp.Role.REHAB, days)

        assert f"days_per_week must be a whole number 1..7, got {days!r}" == str(info.value)
