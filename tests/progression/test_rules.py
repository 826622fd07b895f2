"""The rule chain: each rule decides or passes, pain escalates, outcomes are read in full."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.progression import PAIN_RULES, RULES


BAND = lp.Athlete(equipment={lp.Equipment.BAND})
LADDER = lp.build_ladder(BAND)
RULES_ACCESSORY = lp.ProgressionRules.for_role()


def step(state: lp.ProgressionState, outcome: lp.SessionOutcome, **kwargs: object) -> lp.Step:
    """One step on the band ladder with accessory rules (or the given rules)."""
    rules = kwargs.pop("rules", RULES_ACCESSORY)
    assert isinstance(rules, lp.ProgressionRules)
    return lp.next_step(state, outcome, LADDER, rules, **kwargs)  # type: ignore[arg-type]


def run(state: lp.ProgressionState, *outcomes: lp.SessionOutcome) -> list[lp.Step]:
    """Steps for a sequence of outcomes, each from the state the last one left."""
    steps = []
    for outcome in outcomes:
        result = step(state, outcome)
        steps.append(result)
        state = result.state
    return steps


class TestChain:
    @pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
    def test_each_rule_cites_its_coaching_rule(self, rule):
        """Every rule's docstring names the coaching rule it encodes (docs/coaching.md)."""
        assert re.search(r"\b(Rules?|rules?) \d+|NSCA", rule.__doc__ or "")

    def test_pain_rules_come_first(self):
        """The default chain asks the pain rules first, in their order."""
        assert PAIN_RULES == RULES[: len(PAIN_RULES)]

    def test_every_step_names_the_rule_that_decided(self):
        """A step's rule is the name of a rule in the chain."""
        names = {rule.__name__ for rule in RULES}
        state = lp.ProgressionState(rung=3, sets=3, reps=10)

        decided = [
            step(state, lp.SessionOutcome.uniform(3, 10)).rule,
            step(state, lp.SessionOutcome.uniform(3, 10, pain_during=7)).rule,
            step(state, lp.SessionOutcome.uniform(3, 10, pain_during=4)).rule,
        ]

        assert ["add_reps", "stop_on_pain", "hold_in_pain_zone"] == decided
        assert set(decided) <= names

    @given(rung=st.integers(0, LADDER.top), sets=st.integers(1, 4), reps=st.integers(1, 20))
    def test_last_rule_steps_one_rung_or_keeps_the_top(self, rung, sets, reps):
        """step_up_one_rung moves exactly one rung up, or holds on the top rung."""
        state = lp.ProgressionState(rung=rung, sets=sets, reps=reps, top_streak=2)
        facts = lp.progression.Facts(
            outcome=lp.SessionOutcome.uniform(sets, reps), ladder=LADDER, rules=RULES_ACCESSORY
        )

        result = lp.progression.step_up_one_rung(state, facts)

        if rung == LADDER.top:
            assert (lp.Change.HOLD, rung) == (result.change, result.state.rung)
        else:
            assert (lp.Change.STEP_UP, rung + 1) == (result.change, result.state.rung)

    @pytest.mark.parametrize(
        "chain",
        [
            [lp.progression.wait_for_pain_free_load, lp.progression.step_up_one_rung],
            [lp.progression.bridge_big_jump, lp.progression.step_up_one_rung],
        ],
        ids=["pain-free gate", "bridge"],
    )
    def test_custom_chains_hold_on_the_top_rung(self, chain):
        """Rules that look at the rung above pass on the top rung instead of failing."""
        top = lp.ProgressionState(rung=LADDER.top, sets=3, reps=15, top_streak=2)

        result = step(top, lp.SessionOutcome.uniform(3, 15), chain=chain)

        assert (lp.Change.HOLD, LADDER.top) == (result.change, result.state.rung)

    @pytest.mark.parametrize(
        "chain",
        [
            [lp.progression.step_up_one_rung],
            [lp.progression.step_up_one_rung, *PAIN_RULES],
            [r for r in RULES if r is not lp.progression.stop_on_pain],
        ],
        ids=["without", "after", "one left out"],
    )
    def test_no_chain_can_skip_the_pain_rules(self, chain):
        """Rule 14: the pain rules run first whatever the chain, so 9/10 never steps up."""
        state = lp.ProgressionState(rung=3, sets=3, reps=15, top_streak=1, bridged=True)

        result = step(state, lp.SessionOutcome.uniform(3, 15, pain_during=9), chain=chain)

        assert ("stop_on_pain", lp.Change.REGRESS) == (result.rule, result.change)

    def test_a_chain_of_non_rules_is_refused(self):
        """Something that is not a rule in a chain is a clear error."""
        with pytest.raises(lp.ProgressionError, match="chain must hold rules"):
            step(
                lp.ProgressionState(rung=0, sets=3, reps=10),
                lp.SessionOutcome.uniform(3, 10),
                chain=[None],
            )

    def test_a_chain_must_decide(self):
        """A chain of pass-through rules is an error, not a silent hold."""
        with pytest.raises(lp.ProgressionError, match="chain must decide a step"):
            step(
                lp.ProgressionState(rung=0, sets=3, reps=10),
                lp.SessionOutcome.uniform(3, 10),
                chain=PAIN_RULES,
            )

    def test_a_custom_rule_can_be_inserted(self):
        """A custom chain may add a rule; the first rule that decides wins."""

        def never_on_red(state, facts):
            """Rule 6, a house variant: hold on the red band."""
            if facts.rung(state).load.band is lp.BandColour.RED:
                return lp.Step(state=state, change=lp.Change.HOLD, reason="red", rule="red")
            return state

        chain = (never_on_red, *RULES[len(PAIN_RULES) :])
        red = next(r.index for r in LADDER if r.load.band is lp.BandColour.RED)

        result = step(
            lp.ProgressionState(rung=red, sets=3, reps=10),
            lp.SessionOutcome.uniform(3, 10),
            chain=chain,
        )

        assert ("red", lp.Change.HOLD) == (result.rule, result.change)


class TestOutcomesReadInFull:
    def test_reps_above_target_count_toward_the_top(self):
        """Rule 6: 15 done when 10 were prescribed, twice, steps up one rung."""
        state = lp.ProgressionState(rung=3, sets=3, reps=10)

        first, second = run(
            state, lp.SessionOutcome.uniform(3, 15), lp.SessionOutcome.uniform(3, 15)
        )

        assert (lp.Change.MORE_REPS, 15, 1) == (
            first.change,
            first.state.reps,
            first.state.top_streak,
        )
        assert second.change in {lp.Change.STEP_UP, lp.Change.BRIDGE}
        assert "top of range 2 sessions in a row" in second.reason

    def test_reps_between_target_and_top_set_the_next_target(self):
        """Rule 6: 13 done when 10 were prescribed sets the next target to 13."""
        result = step(
            lp.ProgressionState(rung=3, sets=3, reps=10), lp.SessionOutcome.uniform(3, 13)
        )

        assert (lp.Change.MORE_REPS, 13) == (result.change, result.state.reps)
        assert "every set reached 13/leg (target 10)" in result.reason

    def test_low_reps_in_reserve_block_progress(self):
        """Rule 1: a warm-up reported at 0 reps in reserve holds instead of progressing."""
        rules = lp.ProgressionRules.for_role(lp.Role.WARM_UP)
        ladder = lp.build_ladder(BAND, lp.Role.WARM_UP)

        result = lp.next_step(
            lp.ProgressionState(rung=0, sets=2, reps=10),
            lp.SessionOutcome.uniform(2, 10, rir=0),
            ladder,
            rules,
        )

        assert (lp.Change.HOLD, "hold_on_low_rir", 4) == (result.change, result.rule, rules.min_rir)
        assert "0 reps in reserve reported, below this role's minimum of 4" in result.reason

    def test_enough_reps_in_reserve_progress(self):
        """Rule 2: an accessory set with 2 reps in reserve (minimum 1) progresses."""
        result = step(
            lp.ProgressionState(rung=3, sets=3, reps=10), lp.SessionOutcome.uniform(3, 10, rir=2)
        )

        assert lp.Change.MORE_REPS == result.change

    def test_fewer_sets_than_prescribed_is_a_miss(self):
        """Rule 13: 2 of 3 sets, twice running, regresses one rung."""
        state = lp.ProgressionState(rung=3, sets=3, reps=10)

        first, second = run(
            state, lp.SessionOutcome.uniform(2, 10), lp.SessionOutcome.uniform(2, 10)
        )

        assert (lp.Change.HOLD, "only 2 of 3 sets done (1 of 2 before regressing) → hold") == (
            first.change,
            first.reason,
        )
        assert (lp.Change.REGRESS, 2) == (second.change, second.state.rung)


class TestPainEscalates:
    def test_worst_pain_on_the_first_rung_stops_and_refers(self):
        """Rule 26: 10/10 with no easier rung left stops the exercise (no 'keep the dose')."""
        result = step(
            lp.ProgressionState(rung=0, sets=1, reps=12),
            lp.SessionOutcome.uniform(1, 12, pain_during=10),
        )

        assert (lp.Change.STOP_AND_REFER, True) == (result.change, result.state.stopped)
        assert result.reason.endswith(
            "stop this exercise and see a physiotherapist or doctor before going on"
        )

    def test_stop_zone_twice_running_stops_and_refers(self):
        """Rule 26: pain above 5/10 in 2 sessions running regresses, then stops."""
        state = lp.ProgressionState(rung=4, sets=3, reps=12)

        first, second = run(
            state,
            lp.SessionOutcome.uniform(3, 12, pain_during=7),
            lp.SessionOutcome.uniform(3, 10, pain_during=6),
        )

        assert (lp.Change.REGRESS, lp.Change.STOP_AND_REFER) == (first.change, second.change)
        assert "pain above 5/10 in 2 sessions running" in second.reason

    def test_next_morning_pain_twice_running_stops_and_refers(self):
        """Rules 14 and 26: next-morning pain 9/10 above baseline regresses once, then stops."""
        state = lp.ProgressionState(rung=3, sets=3, reps=12)
        morning = lp.SessionOutcome.uniform(3, 12, next_morning_pain=9, baseline_pain=1)

        first, second = run(state, morning, attrs.evolve(morning, sets=morning.sets[:2]))

        assert (lp.Change.REGRESS, lp.Change.STOP_AND_REFER) == (first.change, second.change)

    def test_rising_pain_over_three_sessions_stops_and_refers(self):
        """Rule 26: pain rising 2 → 3 → 4 over 3 sessions stops the exercise."""
        state = lp.ProgressionState(rung=3, sets=3, reps=10)

        steps = run(
            state,
            *(
                lp.SessionOutcome.uniform(3, r, pain_during=p)
                for r, p in ((10, 2), (12, 3), (14, 4))
            ),
        )

        assert [lp.Change.MORE_REPS, lp.Change.MORE_REPS, lp.Change.STOP_AND_REFER] == [
            s.change for s in steps
        ]
        assert "pain rising over 3 sessions, now 4/10" in steps[-1].reason

    def test_rising_within_the_safe_zone_does_not_stop(self):
        """Rule 26 (design choice): 1 → 2 → 3 stays in the safe zone and goes on."""
        steps = run(
            lp.ProgressionState(rung=3, sets=3, reps=10),
            *(lp.SessionOutcome.uniform(3, 10, pain_during=p) for p in (1, 2, 3)),
        )

        assert lp.Change.STOP_AND_REFER not in {s.change for s in steps}

    def test_a_stopped_exercise_stays_stopped(self):
        """Rule 26: after the stop, every later session says stop until assessed."""
        stopped = lp.ProgressionState(rung=3, sets=3, reps=10, stopped=True)

        result = step(stopped, lp.SessionOutcome.uniform(3, 10))

        assert (lp.Change.STOP_AND_REFER, "stay_stopped", stopped) == (
            result.change,
            result.rule,
            result.state,
        )

    @pytest.mark.parametrize(
        "loosened",
        [
            {"pain_continue_max": 8, "pain_hold_max": 10},
            {"pain_continue_max": 4},
            {"pain_hold_max": 6},
        ],
    )
    @pytest.mark.parametrize("role", list(lp.Role))
    def test_pain_thresholds_cannot_be_loosened(self, loosened, role):
        """Rule 14: no custom rule may loosen the pain thresholds, in any role."""
        with pytest.raises(lp.ProgressionError, match="tightened but never loosened"):
            attrs.evolve(lp.ProgressionRules.for_role(role), **loosened)

    def test_pain_thresholds_can_be_tightened(self):
        """Rule 14: stricter thresholds are accepted."""
        rules = attrs.evolve(RULES_ACCESSORY, pain_continue_max=2, pain_hold_max=4)

        assert (2, 4) == (rules.pain_continue_max, rules.pain_hold_max)

    @given(
        rung=st.integers(0, LADDER.top),
        first=st.integers(6, 10),
        second=st.integers(6, 10),
    )
    def test_two_stop_zone_sessions_always_stop(self, rung, first, second):
        """Rule 26: from any rung, two sessions above 5/10 end in a stop, never in progress."""
        state = lp.ProgressionState(rung=rung, sets=3, reps=10)

        steps = run(
            state,
            lp.SessionOutcome.uniform(3, 10, pain_during=first),
            lp.SessionOutcome.uniform(3, 10, pain_during=second),
        )

        assert lp.Change.STOP_AND_REFER in {s.change for s in steps}


class TestRehabTempo:
    def test_rehab_reps_stay_within_ten_seconds(self):
        """Rule 4: rehab (3-2-3) may add at most 2 s of top hold, pause rungs included."""
        rules = lp.ProgressionRules.for_role(lp.Role.REHAB)
        ladder = lp.build_ladder(lp.Athlete(cleared=True), lp.Role.REHAB)
        top = ladder[ladder.top]
        state = lp.ProgressionState(rung=ladder.top, sets=rules.max_sets, reps=12, top_streak=1)

        result = lp.next_step(
            state,
            lp.SessionOutcome.uniform(rules.max_sets, 12, next_morning_pain=0),
            ladder,
            rules,
        )

        assert 2 == rules.max_extra_hold
        assert 3 + 2 + 3 + top.extra_hold + result.state.extra_hold <= 10


class TestReviewFixes:
    def test_chronic_baseline_pain_is_not_a_rise(self):
        """Rule 26: with baseline 4/10, sessions back at baseline are not rising pain."""
        outcomes = [
            lp.SessionOutcome.uniform(3, 10, pain_during=1, baseline_pain=4),
            lp.SessionOutcome.uniform(3, 10, pain_during=2, baseline_pain=4),
            lp.SessionOutcome.uniform(3, 10, pain_during=1, next_morning_pain=4, baseline_pain=4),
        ]

        steps = run(lp.ProgressionState(rung=3, sets=3, reps=10), *outcomes)

        assert lp.Change.STOP_AND_REFER not in {s.change for s in steps}

    def test_constant_hold_zone_pain_refers(self):
        """Rule 26 (design choice): six sessions running at 4-5/10 count as constant pain."""
        steps = run(
            lp.ProgressionState(rung=3, sets=3, reps=10),
            *(lp.SessionOutcome.uniform(3, 10, pain_during=5) for _ in range(6)),
        )

        assert [lp.Change.HOLD] * 5 + [lp.Change.STOP_AND_REFER] == [s.change for s in steps]
        assert "pain of 4-5/10 in 6 sessions running" in steps[-1].reason

    def test_regression_skips_loads_the_gate_holds_back(self):
        """Rule 24: from prone, a back-pain athlete regresses to bodyweight, not onto a band."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS},
            conditions={lp.Condition.LOW_BACK_PAIN_HISTORY},
            cleared=True,
        )
        ladder = lp.build_ladder(athlete)
        rules = attrs.evolve(RULES_ACCESSORY, pain_free_before_load=2)
        start = lp.starting_state(athlete, ladder, rules)

        result = lp.next_step(
            start.state, lp.SessionOutcome.uniform(3, 10, pain_during=6), ladder, rules
        )

        assert "prone" in ladder[start.state.rung].label
        assert not ladder[result.state.rung].load.is_external
        assert result.reason.endswith("(no external load before the pain-free sessions it needs)")

    def test_morning_trim_never_goes_below_the_roles_minimum_sets(self):
        """Rules 4 and 15: rehab at 2 sets regresses a rung instead of dropping to 1 set."""
        rules = lp.ProgressionRules.for_role(lp.Role.REHAB)
        ladder = lp.build_ladder(BAND, lp.Role.REHAB)
        state = lp.ProgressionState(rung=3, sets=2, reps=10)

        result = lp.next_step(
            state,
            lp.SessionOutcome.uniform(2, 10, next_morning_pain=3, baseline_pain=1),
            ladder,
            rules,
        )

        assert (lp.Change.REGRESS, 2, 2) == (result.change, result.state.rung, result.state.sets)

    def test_morning_pain_alone_is_not_pain_free(self):
        """Rule 24: a session with next-morning pain above baseline does not count pain-free."""
        facts = lp.progression.Facts(
            outcome=lp.SessionOutcome.uniform(3, 10, next_morning_pain=8),
            ladder=LADDER,
            rules=RULES_ACCESSORY,
        )
        state = lp.ProgressionState(rung=3, sets=3, reps=10, pain_free_streak=1)

        assert 0 == lp.progression.count_pain_free(state, facts).pain_free_streak

    def test_deload_of_a_stopped_exercise_is_refused(self):
        """Rule 26: a stopped exercise gets no deload until the athlete has been assessed."""
        stopped = lp.ProgressionState(rung=3, sets=3, reps=10, stopped=True)

        with pytest.raises(lp.ProgressionError, match="stopped after escalating pain"):
            lp.progression.deload_state(stopped, LADDER, RULES_ACCESSORY)

    @pytest.mark.parametrize("role", ["rehab", "warm_up"])
    def test_roles_given_as_text_keep_their_caps(self, role):
        """A role given by its value gets the same ladder and rules as the member."""
        athlete = lp.Athlete(equipment=set(lp.Equipment), cleared=True)

        assert lp.build_ladder(athlete, lp.Role(role)) == lp.build_ladder(athlete, role)
        assert lp.ProgressionRules.for_role(lp.Role(role)) == lp.ProgressionRules.for_role(role)

    def test_unknown_role_is_refused(self):
        """An unknown role is a clear error, not a silently uncapped ladder."""
        with pytest.raises(lp.LegraisePlanError, match="role must be one of warm_up, accessory"):
            lp.build_ladder(lp.Athlete(), "bogus")
