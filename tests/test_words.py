"""Reasons a trainee reads: plain words about the dose shown, and a machine-readable change."""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import legraise_plan as lp
from tests import strategies
from tests.progression.test_engine import outcomes, situations


START = dt.date(2026, 12, 7)
#: Words and marks of the engine's trace that a trainee should never have to decode.
JARGON = re.compile(r"→|\brung\b|\bstreak\b|\(\d+ of \d+\)|/leg\b|\btop of range\b")
#: A label from a training log that may open a reason: ``Fri 11 Dec: ``.
DATED = re.compile(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}: ")


def is_plain(text: str) -> bool:
    """One or two sentences of plain words: capitalised, ending in a full stop, no trace."""
    body = DATED.sub("", text)
    return (
        bool(body)
        and body[0].isupper()
        and body.endswith(".")
        and not JARGON.search(body)
        and len(text) <= 300
    )


def doses_named(text: str) -> set[tuple[int, int]]:
    """Every ``sets × reps`` and ``N sets of R`` the text names."""
    pairs = re.findall(r"(\d+) × (\d+)", text) + re.findall(r"(\d+) sets? of (\d+)", text)
    return {(int(sets), int(reps)) for sets, reps in pairs}


def novice_plan(**kwargs: object) -> lp.Plan:
    athlete = lp.Athlete(equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS})
    return lp.build_plan(athlete, start=START, **kwargs)  # type: ignore[arg-type]


class TestPlans:
    @settings(max_examples=60, deadline=None)
    @given(strategies.plans())
    def test_every_reason_is_plain_and_names_the_dose_shown(self, plan: lp.Plan) -> None:
        """No jargon, and any dose a reason names is the dose its block prescribes."""
        for session in plan.sessions:
            for block in session.blocks:
                assert is_plain(block.reason), block.reason
                assert doses_named(block.reason) <= {(block.sets, block.reps)}, block.reason
                per_leg = re.findall(r"\((\d+) per leg\)", block.reason)
                assert {int(n) for n in per_leg} <= {block.reps}, block.reason
                assert isinstance(block.change, lp.Change)
                assert block.detail

    @settings(max_examples=30, deadline=None)
    @given(strategies.plans(), st.data())
    def test_adapted_reasons_are_plain(self, plan: lp.Plan, data: st.DataObject) -> None:
        """Reasons after a log (pain, misses, sessions not done) stay plain and dose-true."""
        done = data.draw(st.integers(0, min(6, len(plan.sessions))))
        log = lp.TrainingLog()
        for session in plan.sessions[:done]:
            entry = lp.log_as_planned(session)
            pain = data.draw(st.integers(0, 10))
            reps = data.draw(st.integers(0, session.blocks[0].reps))
            entry = attrs.evolve(
                entry,
                pain_during=pain,
                sets=tuple(lp.SetLog.both(reps) for _ in entry.sets),
            )
            log = log.add(entry)
        today = plan.sessions[done - 1].start.date() + dt.timedelta(days=1) if done else START
        adapted = lp.adapt(plan, log, today=today)
        for session in adapted.sessions:
            for block in session.blocks:
                assert is_plain(block.reason), block.reason
                assert doses_named(block.reason) <= {(block.sets, block.reps)}, block.reason
            for note in session.notes:
                if note.startswith("cancelled: "):
                    assert is_plain(note.removeprefix("cancelled: ")), note


class TestWorkedExamples:
    """The default novice plan, read as a trainee reads it."""

    def test_first_session(self) -> None:
        block = novice_plan().sessions[0].blocks[0]

        assert block.reason == "A first level to learn the movement: standing, bodyweight, 3 × 10."
        assert block.change is lp.Change.START
        assert block.detail == "start (novice): standing, bodyweight"

    def test_more_reps(self) -> None:
        block = novice_plan().sessions[1].blocks[0]

        assert block.reason == "All reps done last session: 2 more reps per set (12 per leg)."
        assert block.change is lp.Change.MORE_REPS

    def test_volume_cap_speaks_for_the_dose_shown(self) -> None:
        """Week 2 would go to 15 reps, but the weekly cap holds it: the reason says 3 × 14."""
        block = novice_plan().sessions[3].blocks[0]

        assert (block.sets, block.reps) == (3, 14)
        assert block.reason == (
            "Held at 3 × 14, so this week's total rises by no more than 20 % over last week."
        )
        assert block.change is lp.Change.HOLD
        assert "15 reps" in block.detail  # the trace still shows the step the cap trimmed

    def test_repeat_before_moving_up(self) -> None:
        block = novice_plan().sessions[7].blocks[0]

        assert block.reason == (
            "Top of the rep range reached: repeat this dose once more before moving up."
        )

    def test_step_up(self) -> None:
        block = novice_plan().sessions[8].blocks[0]

        assert block.reason == (
            "Top of the rep range 2 sessions running: move up to standing, bodyweight + 2 s "
            "pause, back to 10 reps."
        )
        assert block.change is lp.Change.STEP_UP

    def test_bridge_before_a_big_jump(self) -> None:
        block = novice_plan().sessions[13].blocks[0]

        assert block.reason == (
            "Ready to move up, but band yellow, anchored at the ankle is a big jump (+90 %): "
            "one more set first (4 × 10)."
        )
        assert block.change is lp.Change.BRIDGE

    def test_deload_and_resume(self) -> None:
        plan = novice_plan(weeks=7)
        deload = plan.sessions[15].blocks[0]
        back = plan.sessions[18].blocks[0]

        assert deload.reason == (
            "Week 6 is a deload. An easier week so your body can recover: 2 × 12, one level "
            "easier (standing, bodyweight); the next week picks up where you were."
        )
        assert deload.change is lp.Change.DELOAD
        assert back.change is lp.Change.RESUME
        assert back.reason == (
            "Held at 4 × 11, so this week's total does not rise above the week before the break."
        )

    def test_heavy_and_light_days_describe_their_own_dose(self) -> None:
        """Not the base step: the heavy day says it is one level harder, at 3 × 10."""
        plan = novice_plan(periodization=lp.Periodization.UNDULATING)
        heavy, light = plan.sessions[3].blocks[0], plan.sessions[4].blocks[0]

        assert heavy.reason == (
            "Heavy day: one level harder than your regular dose (standing, bodyweight + "
            "2 s pause), 3 × 10."
        )
        assert light.reason == (
            "Light day, easy on purpose: same level (standing, bodyweight), 2 sets of 15."
        )
        assert heavy.change is light.change is lp.Change.MORE_REPS  # the base's last step

    def test_a_regular_day_after_varied_days_says_last_regular_session(self) -> None:
        """Friday's 3 × 12 follows Wednesday's light 2 × 15: "more" is against Monday's base."""
        plan = novice_plan(periodization=lp.Periodization.UNDULATING)
        medium = plan.sessions[5].blocks[0]

        assert (medium.sets, medium.reps) == (3, 12)
        assert medium.reason == (
            "All reps done last regular session: 2 more reps per set (12 per leg)."
        )

    def test_regular_weeks_after_volume_weeks_are_no_first_level(self) -> None:
        plan = novice_plan(periodization=lp.Periodization.BLOCK)

        assert plan.sessions[6].blocks[0].reason == (
            "Regular sessions start here: standing, bodyweight, 3 × 10."
        )

    def test_volume_week(self) -> None:
        block = novice_plan(periodization=lp.Periodization.BLOCK).sessions[0].blocks[0]

        assert block.reason == (
            "Volume week: 4 sets of 10 on standing, bodyweight to build up the work you can handle."
        )

    def test_rehab_start(self) -> None:
        athlete = lp.Athlete(cleared=True)
        plan = lp.build_plan(athlete, role=lp.Role.REHAB, start=START)

        assert (
            plan.sessions[0]
            .blocks[0]
            .reason.startswith(
                "Rehab starts lying face down without added load, with the trunk supported: prone"
            )
        )

    def test_intermediate_start(self) -> None:
        athlete = lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.INTERMEDIATE)
        block = lp.build_plan(athlete, start=START).sessions[0].blocks[0]

        assert block.reason == (
            "Where an intermediate lifter starts: band yellow, anchored at the ankle, 3 × 10."
        )

    def test_pain_after_a_log_is_dated_and_plain(self) -> None:
        athlete = lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.INTERMEDIATE)
        plan = lp.build_plan(athlete, start=START)
        first, second, third = plan.sessions[:3]
        log = lp.TrainingLog([lp.log_as_planned(first), lp.log_as_planned(second)])
        log = log.add(attrs.evolve(lp.log_as_planned(third), pain_during=6))

        adapted = lp.adapt(plan, log, today=dt.date(2026, 12, 12))
        block = adapted.sessions[3].blocks[0]

        assert block.reason == (
            "Fri 11 Dec: Pain reached 6/10 during the last session: go back to an easier "
            "level, standing, bodyweight + 2 s pause, 3 × 10."
        )
        assert block.change is lp.Change.REGRESS

    def test_missed_session(self) -> None:
        plan = novice_plan()
        log = lp.TrainingLog([lp.log_as_planned(plan.sessions[0])])

        adapted = lp.adapt(plan, log, today=dt.date(2026, 12, 10))

        assert adapted.sessions[2].blocks[0].reason == (
            "Wed 9 Dec was not done (no log): same dose again."
        )


class TestEngine:
    @pytest.mark.parametrize(
        ("allowed", "misses", "expected"),
        [
            (3, 0, "Last session form slipped: same dose; after 2 more such sessions, go back"),
            (3, 1, "Last session form slipped: same dose; if that happens again, go back"),
            (3, 2, "For 3 sessions running, form slipped: go back to an easier level"),
            (1, 0, "Last session form slipped: go back to an easier level"),
        ],
    )
    def test_missed_form_counts_the_rules_own_limit(
        self, allowed: int, misses: int, expected: str
    ) -> None:
        """The words follow ``regress_after_misses``, whatever it is set to."""
        ladder = lp.build_ladder(lp.Athlete(equipment={lp.Equipment.BAND}), lp.Role.ACCESSORY)
        rules = attrs.evolve(
            lp.ProgressionRules.for_role(lp.Role.ACCESSORY), regress_after_misses=allowed
        )
        state = lp.ProgressionState(rung=3, sets=3, reps=12, miss_streak=misses)
        outcome = lp.SessionOutcome.uniform(3, 12, form_kept=False)

        step = lp.next_step(state, outcome, ladder, rules)

        assert step.plain.startswith(expected), step.plain

    def test_dropping_the_extra_pause_is_said(self) -> None:
        """On the first level a regression can only take the extra pause away."""
        ladder = lp.build_ladder(lp.Athlete(), lp.Role.ACCESSORY)
        rules = lp.ProgressionRules.for_role(lp.Role.ACCESSORY)
        state = lp.ProgressionState(rung=0, sets=3, reps=12, extra_hold=1, miss_streak=1)

        step = lp.next_step(state, lp.SessionOutcome.uniform(3, 12, form_kept=False), ladder, rules)

        assert step.change is lp.Change.REGRESS
        assert step.plain.endswith("one set fewer and no extra pause at the top (2 × 12).")

    @settings(max_examples=300, deadline=None)
    @given(situations(), outcomes)
    def test_every_step_has_plain_words(
        self,
        situation: tuple[lp.Ladder, lp.ProgressionRules, lp.ProgressionState],
        outcome: lp.SessionOutcome,
    ) -> None:
        """Whatever the state and the outcome, the step says why in plain words."""
        ladder, rules, state = situation

        step = lp.next_step(state, outcome, ladder, rules)

        assert is_plain(step.plain), (step.rule, step.plain)

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (lp.Change.HOLD, "Same dose: 3 × 12 on standing, bodyweight."),
            (lp.Change.MORE_REPS, "More reps: 3 × 12 on standing, bodyweight."),
            (lp.Change.STOP_AND_REFER, "Pain got worse: stop this exercise and see a"),
        ],
    )
    def test_a_custom_rule_is_described_by_its_change(
        self, change: lp.Change, expected: str
    ) -> None:
        """A rule of the user's own chain, with no words of its own, gets words by its change."""
        ladder = lp.build_ladder(lp.Athlete(), lp.Role.ACCESSORY)
        rules = lp.ProgressionRules.for_role(lp.Role.ACCESSORY)
        state = lp.ProgressionState(rung=0, sets=3, reps=12)

        def my_rule(current: lp.ProgressionState, _facts: object) -> lp.Step:
            return lp.Step(state=current, change=change, reason="mine", rule="my_rule")

        step = lp.next_step(
            state,
            lp.progression.as_prescribed(state),
            ladder,
            rules,
            chain=(my_rule,),  # type: ignore[arg-type]
        )

        assert step.plain.startswith(expected)
        assert step.reason == "mine"

    def test_a_rule_with_its_own_words_keeps_them(self) -> None:
        ladder = lp.build_ladder(lp.Athlete(), lp.Role.ACCESSORY)
        rules = lp.ProgressionRules.for_role(lp.Role.ACCESSORY)
        state = lp.ProgressionState(rung=0, sets=3, reps=12)

        def my_rule(current: lp.ProgressionState, _facts: object) -> lp.Step:
            return lp.Step(
                state=current, change=lp.Change.HOLD, reason="mine", rule="my_rule", plain="Mine."
            )

        step = lp.next_step(
            state,
            lp.progression.as_prescribed(state),
            ladder,
            rules,
            chain=(my_rule,),  # type: ignore[arg-type]
        )

        assert step.plain == "Mine."
