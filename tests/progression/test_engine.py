"""Tests for the progression engine: ladder, rules, step function, projection."""

from __future__ import annotations

import itertools

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import legraise_plan as lp
from tests import strategies as s


roles = st.sampled_from(lp.Role)


@st.composite
def situations(draw: st.DrawFn) -> tuple[lp.Ladder, lp.ProgressionRules, lp.ProgressionState]:
    """A ladder, rules and any valid state on that ladder."""
    athlete = draw(s.athletes())
    role = draw(roles)
    ladder = lp.build_ladder(athlete, role)
    rules = lp.ProgressionRules.for_role(role, athlete.level)
    if draw(st.booleans()):
        rules = attrs.evolve(rules, trigger=lp.Trigger.TWO_FOR_TWO)
    state = lp.ProgressionState(
        rung=draw(st.integers(0, ladder.top)),
        sets=draw(st.integers(1, rules.max_sets)),
        reps=draw(st.integers(1, 20)),
        extra_hold=draw(st.integers(0, 2)),
        bridged=draw(st.booleans()),
        top_streak=draw(st.integers(0, 3)),
        miss_streak=draw(st.integers(0, 3)),
        pain_free_streak=draw(st.integers(0, 3)),
    )
    return ladder, rules, state


outcomes = st.builds(
    lp.SessionOutcome,
    sets=st.lists(
        st.builds(lp.SetResult, st.integers(0, 25), st.integers(0, 25)), min_size=1, max_size=5
    ),
    form_kept=st.booleans(),
    pain_during=st.integers(0, 10),
    next_morning_pain=st.none() | st.integers(0, 10),
    baseline_pain=st.integers(0, 10),
)


def novice_with_bands_and_ankle_weights() -> lp.Athlete:
    """The athlete of the reference example plan."""
    return lp.Athlete(equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS})


class TestLadder:
    """The equipment ladder built for an athlete and role."""

    def test_full_ladder_order(self):
        """Rule 8, by resistance: standing, bands, prone, prone ankle weights, then cable."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE}
        )
        labels = [r.label for r in lp.build_ladder(athlete)]

        assert labels[:8] == [
            "standing, bodyweight",
            "standing, bodyweight + 2 s pause",
            "band yellow, anchored at the ankle",
            "band red, anchored at the ankle",
            "band green, anchored at the ankle",
            "band blue, anchored at the ankle",
            "band black, anchored at the ankle",
            "prone, bodyweight",
        ]
        assert labels[8] == "prone, ankle weights 0.5 kg/ankle"
        assert labels[17] == "prone, ankle weights 5 kg/ankle"
        assert labels[18] == "cable 10 kg"
        assert labels[-1] == "cable 40 kg"

    def test_pounds_use_pound_increments(self):
        """An athlete in pounds gets 1 lb ankle steps up to 10 lb and 10 lb plates."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE}, units=lp.Unit.LB
        )
        loads = [r.load for r in lp.build_ladder(athlete) if r.load.is_external]

        assert [str(x.mass) for x in loads[:3]] == ["1 lb", "2 lb", "3 lb"]
        assert str(loads[9].mass) == "10 lb"
        assert [str(x.mass) for x in loads[10:12]] == ["20 lb", "30 lb"]
        assert loads[10].equipment is lp.Equipment.CABLE

    def test_no_cable_ends_at_ankle_weights(self):
        """Without a cable the ladder ends at the ankle-weight cap."""
        ladder = lp.build_ladder(novice_with_bands_and_ankle_weights())

        assert ladder[ladder.top].label == "prone, ankle weights 5 kg/ankle"

    def test_custom_caps(self):
        """The athlete's ankle-weight cap, plate size and pulley ratio shape the ladder."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE},
            ankle_weight_max=lp.Mass(2),
            cable_increment=lp.Mass("2.5"),
            pulley_ratio=2,
        )
        labels = [r.label for r in lp.build_ladder(athlete) if r.load.is_external]

        assert labels[3] == "prone, ankle weights 2 kg/ankle"
        assert labels[4] == "cable 12.5 kg (2:1 pulley)"

    def test_warm_up_caps_at_lightest_band(self):
        """Warm-up stops at the yellow band and has no pause rung."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE}
        )
        labels = [r.label for r in lp.build_ladder(athlete, lp.Role.WARM_UP)]

        assert labels == [
            "standing, bodyweight",
            "band yellow, anchored at the ankle",
            "prone, bodyweight",
        ]

    def test_rehab_caps_loads(self):
        """Rehab keeps bands to red, ankle weights to 1 kg and never uses the cable."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE},
            cleared=True,
        )
        labels = [r.label for r in lp.build_ladder(athlete, lp.Role.REHAB)]

        assert labels[2:] == [
            "band yellow, anchored at the ankle",
            "band red, anchored at the ankle",
            "prone, bodyweight",
            "prone, ankle weights 0.5 kg/ankle",
            "prone, ankle weights 1 kg/ankle",
        ]

    def test_uncleared_back_pain_stays_bodyweight(self):
        """A low-back pain history without clearance keeps every rung at bodyweight."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND}, conditions={lp.Condition.LOW_BACK_PAIN_HISTORY}
        )

        assert all(not r.load.is_external for r in lp.build_ladder(athlete))

    def test_pregnancy_drops_prone(self):
        """Pregnancy swaps the prone raise for standing work."""
        athlete = lp.Athlete(conditions={lp.Condition.PREGNANCY}, cleared=True)
        ladder = lp.build_ladder(athlete)

        assert ladder[0].label == "standing, bodyweight"
        assert all(r.variation.position is lp.Position.STANDING for r in ladder)

    def test_advanced_variations_need_equipment_and_experience(self):
        """Bench variations top the ladder for non-novices who have the bench."""
        benches = {lp.Equipment.HYPEREXTENSION_BENCH, lp.Equipment.GLUTE_HAM_BENCH}
        trained = lp.Athlete(equipment=benches, level=lp.Level.INTERMEDIATE)
        novice = lp.Athlete(equipment=benches)

        assert [r.variation.id for r in lp.build_ladder(trained)][-2:] == [
            "glute-hyperextension-45",
            "glute-ham-raise",
        ]
        assert all(not r.variation.is_advanced for r in lp.build_ladder(novice))
        assert all(not r.variation.is_advanced for r in lp.build_ladder(trained, lp.Role.REHAB))

    def test_step_sizes(self):
        """Band steps are 12-18 % at the hip; a change of equipment is measured too."""
        ladder = lp.build_ladder(lp.Athlete(equipment={lp.Equipment.BAND}))

        assert ladder[0].step_pct is None
        assert ladder[2].step_pct == pytest.approx(89.7)
        assert ladder[3].step_pct == pytest.approx(12.2)
        assert ladder[2].needs_bridge(10.0)
        assert not ladder[1].needs_bridge(10.0)

    def test_bad_ladder(self):
        """A ladder needs rungs numbered from 0."""
        rung = lp.build_ladder(lp.Athlete())[1]

        with pytest.raises(lp.ProgressionError, match="ladder must have at least one rung"):
            lp.Ladder(())
        with pytest.raises(lp.ProgressionError, match="rung index must be 0, got 1"):
            lp.Ladder((rung,))

    @given(athlete=s.athletes(), role=roles)
    def test_never_uses_missing_equipment(self, athlete, role):
        """Every rung uses equipment the athlete has."""
        ladder = lp.build_ladder(athlete, role)

        assert {r.load.equipment for r in ladder} <= athlete.equipment

    @given(athlete=s.athletes(), role=roles)
    def test_rungs_get_harder(self, athlete, role):
        """Rule 8: the estimated resistance at the hip rises on every rung."""
        nms = [r.resistance_nm for r in lp.build_ladder(athlete, role)]

        assert all(a < b for a, b in itertools.pairwise(nms))


class TestRules:
    """ProgressionRules presets and validation."""

    def test_presets(self):
        """Role presets take the role's dosing; experienced lifters step in 5 % jumps."""
        accessory = lp.ProgressionRules.for_role(lp.Role.ACCESSORY, lp.Level.ADVANCED)
        rehab = lp.ProgressionRules.for_role(lp.Role.REHAB)

        assert (accessory.rep_range, accessory.heavy_rep_range) == (
            lp.RepRange(10, 15),
            lp.RepRange(8, 12),
        )
        assert accessory.max_step_pct == 5.0
        assert rehab.rehab
        assert rehab.rep_range == lp.RepRange(8, 12)
        assert lp.ProgressionRules.two_for_two().trigger is lp.Trigger.TWO_FOR_TWO

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"base_sets": 5, "max_sets": 4}, "base_sets must be at most max_sets"),
            ({"pain_continue_max": 6}, r"pain_continue_max must be 0\.\.3 .*never loosened"),
            ({"pain_hold_max": 8}, r"pain_hold_max must be 0\.\.5 .*never loosened"),
            (
                {"pain_continue_max": 3, "pain_hold_max": 2},
                "pain_continue_max must be at most pain_hold_max",
            ),
            ({"max_step_pct": 0}, "max_step_pct must be a number in"),
            ({"rep_step": 0}, "rep_step must be 1..10, got 0"),
            ({"trigger": "fast"}, "trigger must be one of"),
            ({"rep_range": (10, 15)}, "rep_range must be a RepRange"),
        ],
    )
    def test_invalid_rules(self, kwargs, message):
        """Bad rules raise a ProgressionError naming the field."""
        with pytest.raises(lp.ProgressionError, match=message):
            lp.ProgressionRules(**kwargs)


class TestOutcome:
    """Session outcomes."""

    def test_next_morning(self):
        """Next-morning pain counts only when known and above baseline."""
        assert not lp.SessionOutcome.uniform(3, 12).next_morning_above_baseline
        assert lp.SessionOutcome.uniform(
            3, 12, next_morning_pain=3, baseline_pain=2
        ).next_morning_above_baseline

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"sets": ()}, "sets must be a non-empty sequence"),
            ({"sets": (12,)}, "sets items must be SetResult"),
            ({"sets": (lp.SetResult(1, 1),), "pain_during": 11}, "pain_during must be 0..10"),
            ({"sets": (lp.SetResult(1, 1),), "rir": -1}, "rir must be 0..10"),
            ({"sets": (lp.SetResult(1, 1),), "next_morning_pain": 12}, "next_morning_pain"),
            ({"sets": (lp.SetResult(1, 1),), "form_kept": "yes"}, "form_kept must be"),
        ],
    )
    def test_invalid(self, kwargs, message):
        """Bad outcomes raise a ProgressionError naming the field."""
        with pytest.raises(lp.ProgressionError, match=message):
            lp.SessionOutcome(**kwargs)


def _step(state, outcome, athlete=None, role=lp.Role.ACCESSORY, rules=None):
    athlete = athlete or novice_with_bands_and_ankle_weights()
    ladder = lp.build_ladder(athlete, role)
    rules = rules or lp.ProgressionRules.for_role(role, athlete.level)
    return lp.next_step(state, outcome, ladder, rules)


RED = "band red, anchored at the ankle"
GREEN = "band green, anchored at the ankle"


class TestNextStep:
    """The pure step function and its reasons."""

    def test_double_progression_adds_reps(self):
        """Hitting the target on every set adds two reps."""
        step = _step(lp.ProgressionState(rung=3, sets=3, reps=10), lp.SessionOutcome.uniform(3, 10))

        assert (step.change, step.state.reps) == (lp.Change.MORE_REPS, 12)
        assert step.reason == "all sets hit 10/leg → 12 reps on band red, anchored at the ankle"

    def test_top_of_range_twice_then_bridge_then_step(self):
        """Two sessions at the top bridge a big band jump with a set, then step one colour."""
        state = lp.ProgressionState(rung=3, sets=3, reps=15)
        first = _step(state, lp.SessionOutcome.uniform(3, 15))
        second = _step(first.state, lp.SessionOutcome.uniform(3, 15))
        third = _step(second.state, lp.SessionOutcome.uniform(4, 15))
        fourth = _step(third.state, lp.SessionOutcome.uniform(4, 15))

        assert first.change is lp.Change.HOLD
        assert second.change is lp.Change.BRIDGE
        assert (second.state.sets, second.state.reps) == (4, 10)
        assert f"{RED} → {GREEN} is +13.7 % (over 10 %)" in second.reason
        assert third.change is lp.Change.MORE_REPS
        assert "counts as the top of the range" in third.reason
        assert fourth.change is lp.Change.STEP_UP
        assert fourth.reason == f"top of range 2 sessions in a row → {RED} → {GREEN}"
        assert (fourth.state.rung, fourth.state.sets, fourth.state.reps) == (4, 3, 10)

    def test_bridge_with_pause_when_sets_are_maxed(self):
        """At the maximum number of sets the bridge is a longer hold instead."""
        state = lp.ProgressionState(rung=4, sets=4, reps=15, top_streak=1)

        step = _step(state, lp.SessionOutcome.uniform(4, 15))

        assert (step.change, step.state.extra_hold, step.state.sets) == (lp.Change.BRIDGE, 1, 4)

    def test_small_rise_needs_no_bridge(self):
        """Rule 7: standing to standing + pause is +7.3 % (under 10 %), so it steps straight up."""
        step = _step(
            lp.ProgressionState(rung=0, sets=3, reps=15, top_streak=1),
            lp.SessionOutcome.uniform(3, 15),
        )

        assert step.reason == (
            "top of range 2 sessions in a row → standing, bodyweight → standing, bodyweight "
            "+ 2 s pause"
        )

    def test_stop_zone_pain_regresses(self):
        """Pain above 5/10 drops one rung and restarts at the bottom of the range."""
        step = _step(
            lp.ProgressionState(rung=4, sets=3, reps=12),
            lp.SessionOutcome.uniform(3, 12, pain_during=7),
        )

        assert step.change is lp.Change.REGRESS
        assert step.reason == f"pain 7/10 during (above 5) → regress: {GREEN} → {RED}"
        assert (step.state.rung, step.state.reps) == (3, 10)

    def test_stop_zone_pain_on_first_rung_refers(self):
        """Rule 26: pain above 5/10 with no easier rung left stops the exercise."""
        step = _step(
            lp.ProgressionState(rung=0, sets=3, reps=12),
            lp.SessionOutcome.uniform(3, 12, pain_during=6),
        )

        assert (step.change, step.rule, step.state.stopped) == (
            lp.Change.STOP_AND_REFER,
            "refer_on_escalating_pain",
            True,
        )
        assert "pain 6/10 with no easier level left" in step.reason

    def test_first_rung_regression_drops_a_set(self):
        """On the first rung a regression for form takes a set off instead."""
        state = lp.ProgressionState(rung=0, sets=3, reps=12, miss_streak=1)

        step = _step(state, lp.SessionOutcome.uniform(3, 12, form_kept=False))

        assert (step.change, step.state.sets) == (lp.Change.REGRESS, 2)
        assert "already on the first rung: 3 → 2 sets" in step.reason

    def test_hold_zone_pain_holds(self):
        """Pain of 4-5/10 keeps the dose."""
        state = lp.ProgressionState(rung=4, sets=3, reps=12)

        step = _step(state, lp.SessionOutcome.uniform(3, 12, pain_during=4))

        assert step.change is lp.Change.HOLD
        assert step.state.difficulty == state.difficulty
        assert step.reason == "pain 4/10 during (4-5 zone) → hold, no progression"

    def test_next_morning_pain_takes_a_set_off(self):
        """Rule 15: next-morning pain above baseline repeats the dose minus one set."""
        step = _step(
            lp.ProgressionState(rung=4, sets=3, reps=12),
            lp.SessionOutcome.uniform(3, 12, next_morning_pain=4, baseline_pain=1),
        )

        assert (step.change, step.state.sets) == (lp.Change.REDUCE, 2)
        assert step.reason == (
            "next-morning pain 4/10 above baseline 1/10 → previous dose minus one set: 3 → 2 sets"
        )

    def test_next_morning_pain_on_one_set_regresses(self):
        """With one set left, next-morning pain drops a rung."""
        step = _step(
            lp.ProgressionState(rung=4, sets=1, reps=12),
            lp.SessionOutcome.uniform(1, 12, next_morning_pain=4),
        )

        assert (step.change, step.state.rung) == (lp.Change.REGRESS, 3)

    def test_form_failure_twice_regresses(self):
        """Rule 13: form lost in 2 sessions running drops one rung."""
        state = lp.ProgressionState(rung=4, sets=3, reps=12)
        first = _step(state, lp.SessionOutcome.uniform(3, 12, form_kept=False))
        second = _step(first.state, lp.SessionOutcome.uniform(3, 12, form_kept=False))

        assert first.change is lp.Change.HOLD
        assert first.reason == "form lost (1 of 2 before regressing) → hold"
        assert second.change is lp.Change.REGRESS
        assert second.reason == (f"form lost 2 sessions in a row → regress: {GREEN} → {RED}")

    def test_missed_bottom_counts_as_a_miss(self):
        """Missing the bottom of the range on a set is a miss."""
        outcome = lp.SessionOutcome(sets=(lp.SetResult(10, 10), lp.SetResult(10, 7)))

        step = _step(lp.ProgressionState(rung=4, sets=2, reps=12), outcome)

        assert step.reason == "bottom of the range (10) missed (1 of 2 before regressing) → hold"

    def test_reps_below_target_hold(self):
        """Reps between the bottom of the range and the target hold the dose."""
        step = _step(lp.ProgressionState(rung=4, sets=2, reps=14), lp.SessionOutcome.uniform(2, 12))

        assert step.reason == "reps below target (12 of 14) → hold"

    def test_rehab_waits_for_next_morning(self):
        """Rule 16: rehab progresses only when next-morning pain is known."""
        athlete = lp.Athlete(cleared=True)
        state = lp.ProgressionState(rung=0, sets=2, reps=8)

        waiting = _step(state, lp.SessionOutcome.uniform(2, 8), athlete, lp.Role.REHAB)
        known = _step(
            state, lp.SessionOutcome.uniform(2, 8, next_morning_pain=0), athlete, lp.Role.REHAB
        )

        assert waiting.change is lp.Change.HOLD
        assert "next-morning pain is known" in waiting.reason
        assert known.change is lp.Change.MORE_REPS

    def test_external_load_waits_for_pain_free_sessions(self):
        """Rule 24: external load waits for 2 sessions known to be pain-free."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND},
            conditions={lp.Condition.LOW_BACK_PAIN_HISTORY},
            cleared=True,
        )
        rules = attrs.evolve(lp.ProgressionRules.for_role(), pain_free_before_load=2)
        state = lp.ProgressionState(rung=1, sets=3, reps=15, top_streak=1, bridged=True)
        unknown = lp.SessionOutcome.uniform(3, 15, pain_during=3)
        clean = lp.SessionOutcome.uniform(3, 15, next_morning_pain=0)

        painful = _step(state, unknown, athlete, rules=rules)
        once = _step(attrs.evolve(state, pain_free_streak=0), clean, athlete, rules=rules)
        twice = _step(attrs.evolve(state, pain_free_streak=1), clean, athlete, rules=rules)

        assert painful.change is lp.Change.HOLD
        assert "external load needs 2 pain-free sessions first (0 so far)" in painful.reason
        assert "(1 so far)" in once.reason
        assert twice.change is lp.Change.STEP_UP
        assert twice.reason.endswith(
            "standing to neutral, bodyweight + 2 s pause → band yellow, anchored at the ankle, "
            "to neutral"
        )

    def test_next_morning_pain_needs_two_baseline_sessions(self):
        """Rule 15: after a set comes off, 2 sessions back at baseline precede progress."""
        state = lp.ProgressionState(rung=4, sets=3, reps=12)
        sore = lp.SessionOutcome.uniform(3, 12, next_morning_pain=3, baseline_pain=1)
        fine = lp.SessionOutcome.uniform(3, 12, next_morning_pain=1, baseline_pain=1)

        reduced = _step(state, sore)
        first = _step(reduced.state, fine)
        unknown = _step(first.state, lp.SessionOutcome.uniform(2, 12))
        second = _step(first.state, fine)
        restored = _step(second.state, fine)
        onward = _step(restored.state, lp.SessionOutcome.uniform(3, 12, next_morning_pain=0))

        assert (reduced.change, reduced.state.sets) == (lp.Change.REDUCE, 2)
        assert first.reason == "back at baseline (1 of 2 sessions before progressing again) → hold"
        assert unknown.change is lp.Change.HOLD
        assert "next-morning pain is known" in unknown.reason
        assert second.change is lp.Change.HOLD
        assert (restored.change, restored.state.sets) == (lp.Change.ADD_SET, 3)
        assert restored.reason == "all sets hit 12/leg → restore a set: 2 → 3 sets"
        assert (onward.change, onward.state.reps) == (lp.Change.MORE_REPS, 14)

    def test_two_for_two(self):
        """NSCA 2-for-2: two extra reps on the last set in 2 sessions steps the load up."""
        rules = lp.ProgressionRules.two_for_two()
        state = lp.ProgressionState(rung=5, sets=3, reps=12, bridged=True)
        beat = lp.SessionOutcome(sets=(lp.SetResult(12, 12),) * 2 + (lp.SetResult(14, 15),))

        first = _step(state, beat, rules=rules)
        second = _step(first.state, beat, rules=rules)
        plain = _step(state, lp.SessionOutcome.uniform(3, 12), rules=rules)

        assert first.change is lp.Change.HOLD
        assert second.change is lp.Change.STEP_UP
        assert second.reason.startswith("2 reps over the goal on the last set, 2 sessions in a row")
        assert plain.reason == "last set under the goal + 2 (14) → hold"

    def test_top_of_ladder(self):
        """At the top of the ladder the rules add a set, then a longer hold, then hold."""
        ladder = lp.build_ladder(lp.Athlete())
        rules = lp.ProgressionRules.for_role()
        top = ladder.top
        outcome = lp.SessionOutcome.uniform(4, 15)

        add_set = lp.next_step(
            lp.ProgressionState(rung=top, sets=3, reps=15, top_streak=1), outcome, ladder, rules
        )
        add_hold = lp.next_step(
            lp.ProgressionState(rung=top, sets=4, reps=15, top_streak=1), outcome, ladder, rules
        )
        stay = lp.next_step(
            lp.ProgressionState(rung=top, sets=4, reps=15, top_streak=1, extra_hold=2),
            outcome,
            ladder,
            rules,
        )

        assert (add_set.change, add_set.state.sets, add_set.state.reps) == (
            lp.Change.ADD_SET,
            4,
            10,
        )
        assert (add_hold.change, add_hold.state.extra_hold) == (lp.Change.LONGER_HOLD, 1)
        assert stay.change is lp.Change.HOLD
        # A novice without a bench is never pointed at a variation they cannot do.
        assert "variation" not in stay.reason

    def test_state_must_fit_ladder_and_rules(self):
        """A state off the ladder or above max sets is rejected."""
        ladder = lp.build_ladder(lp.Athlete())
        rules = lp.ProgressionRules.for_role()
        outcome = lp.SessionOutcome.uniform(3, 10)

        with pytest.raises(lp.ProgressionError, match=r"state rung must be 0\.\.2"):
            lp.next_step(lp.ProgressionState(rung=3, sets=3, reps=10), outcome, ladder, rules)
        with pytest.raises(lp.ProgressionError, match=r"state sets must be 1\.\.4, got 5"):
            lp.next_step(lp.ProgressionState(rung=0, sets=5, reps=10), outcome, ladder, rules)

    @given(situation=situations(), outcome=outcomes)
    def test_never_skips_a_rung(self, situation, outcome):
        """A step moves at most one rung up or down."""
        ladder, rules, state = situation

        step = lp.next_step(state, outcome, ladder, rules)

        assert abs(step.state.rung - state.rung) <= 1
        assert 0 <= step.state.rung <= ladder.top

    @given(situation=situations(), outcome=outcomes)
    def test_difficulty_drops_only_for_pain_or_form(self, situation, outcome):
        """Difficulty never decreases without a pain, form or missed-reps reason."""
        ladder, rules, state = situation

        step = lp.next_step(state, outcome, ladder, rules)

        if step.state.difficulty < state.difficulty:
            assert step.change in {lp.Change.REGRESS, lp.Change.REDUCE}
            assert any(word in step.reason for word in ("pain", "form", "missed", "sets done"))

    @given(situation=situations(), outcome=outcomes)
    def test_pain_never_increases_difficulty(self, situation, outcome):
        """Pain above 5 (anywhere) or above 3 (rehab) never makes the next session harder."""
        ladder, rules, state = situation
        assume(outcome.pain_during > 5 or (rules.rehab and outcome.pain_during > 3))

        step = lp.next_step(state, outcome, ladder, rules)

        assert step.state.difficulty <= state.difficulty

    @given(situation=situations(), outcome=outcomes)
    def test_deterministic(self, situation, outcome):
        """The same inputs give the same step."""
        ladder, rules, state = situation

        assert lp.next_step(state, outcome, ladder, rules) == lp.next_step(
            state, outcome, ladder, rules
        )


class TestStartAndProjection:
    """Starting rung and session-by-session projection."""

    @pytest.mark.parametrize(
        ("athlete", "label"),
        [
            (novice_with_bands_and_ankle_weights(), "standing, bodyweight"),
            (
                lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.INTERMEDIATE),
                "band yellow, anchored at the ankle",
            ),
            (
                lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.ADVANCED),
                "band red, anchored at the ankle",
            ),
            (lp.Athlete(level=lp.Level.ADVANCED), "prone, bodyweight"),
            (
                lp.Athlete(
                    equipment={lp.Equipment.BAND},
                    level=lp.Level.ADVANCED,
                    conditions={lp.Condition.HIP_PAIN},
                    cleared=True,
                ),
                "prone to neutral, bodyweight",
            ),
        ],
    )
    def test_starting_rung(self, athlete, label):
        """Novices start on the easiest rung, hip pain trunk-supported (rule 24), trained higher."""
        ladder = lp.build_ladder(athlete)
        rules = lp.ProgressionRules.for_role(lp.Role.ACCESSORY, athlete.level)

        start = lp.starting_state(athlete, ladder, rules)

        assert ladder[start.state.rung].label == label
        assert start.change is lp.Change.START
        assert (start.state.sets, start.state.reps) == (3, 10)

    def test_projection_worked_example(self):
        """Novice with bands and ankle weights, 6-week accessory block at 3 sessions a week."""
        athlete = novice_with_bands_and_ankle_weights()
        ladder = lp.build_ladder(athlete)
        rules = lp.ProgressionRules.for_role()
        start = lp.starting_state(athlete, ladder, rules)

        projected = lp.progression.project(ladder, start, rules, [False] * 15 + [True] * 3)
        by_week = [
            sorted({ladder[p.state.rung].label for p in projected[w * 3 : w * 3 + 3]})
            for w in range(6)
        ]

        assert by_week == [
            ["standing, bodyweight"],
            ["standing, bodyweight", "standing, bodyweight + 2 s pause"],
            ["standing, bodyweight + 2 s pause"],
            ["standing, bodyweight + 2 s pause"],
            ["standing, bodyweight + 2 s pause"],
            ["standing, bodyweight"],
        ]
        assert [p.state.reps for p in projected[:6]] == [10, 12, 14, 15, 15, 10]
        # Before the +89.7 % step to the yellow band, a set is added first (rule 7).
        assert [(p.state.sets, p.state.reps) for p in projected[9:11]] == [(3, 15), (4, 10)]
        # The deload is cut from the last dose trained, 4 × 15: 2 × 15 one rung lower.
        assert all(p.is_deload for p in projected[15:])
        assert {(p.state.sets, p.state.reps) for p in projected[15:]} == {(2, 15)}

    @given(athlete=s.athletes(), role=roles, deloads=st.lists(st.booleans(), max_size=40))
    def test_projection_length(self, athlete, role, deloads):
        """A projection of N sessions has N states, deloads where asked."""
        if role is lp.Role.REHAB:
            athlete = attrs.evolve(athlete, cleared=True)
        ladder = lp.build_ladder(athlete, role)
        rules = lp.ProgressionRules.for_role(role, athlete.level)
        start = lp.starting_state(athlete, ladder, rules)

        projected = lp.progression.project(ladder, start, rules, deloads)

        assert len(projected) == len(deloads)
        assert [p.is_deload for p in projected] == deloads

    def test_deload_state(self):
        """Rule 11: from the dose trained, about 40 % fewer sets and one rung lower."""
        ladder = lp.build_ladder(lp.Athlete(equipment={lp.Equipment.BAND}))
        rules = lp.ProgressionRules.for_role()

        step = lp.progression.deload_state(
            lp.ProgressionState(rung=4, sets=3, reps=14), ladder, rules
        )
        single = lp.progression.deload_state(
            lp.ProgressionState(rung=0, sets=1, reps=14), ladder, rules
        )

        assert (step.state.rung, step.state.sets, step.state.reps) == (3, 2, 14)
        assert step.reason == (
            "deload from the dose last trained (band green, anchored at the ankle, 3 × 14): "
            "2 × 14, one level lower (band red, anchored at the ankle)"
        )
        # On the first rung: the same rung with 2 more reps in reserve; one set: 40 % fewer reps.
        assert (single.state.rung, single.state.sets, single.state.reps) == (0, 1, 8)
        assert single.reason.endswith("2 more reps in reserve on standing, bodyweight")
