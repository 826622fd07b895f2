"""Tests for the athlete profile (legraise_plan.athlete)."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from tests import strategies as s


E = lp.Equipment
BACK_OR_HIP = {
    lp.Condition.LOW_BACK_PAIN_HISTORY,
    lp.Condition.HIP_PAIN,
    lp.Condition.RECENT_HIP_SURGERY,
}


class TestDefaults:
    def test_a_bare_athlete(self):
        """With no arguments: bodyweight only, novice, kilograms, no conditions, not cleared."""
        athlete = lp.Athlete()

        assert frozenset({E.BODYWEIGHT}) == athlete.equipment
        assert lp.Level.NOVICE is athlete.level
        assert lp.Unit.KG is athlete.units
        assert frozenset() == athlete.conditions
        assert athlete.cleared is False
        assert "" == athlete.name
        assert (None, None, 1) == (
            athlete.ankle_weight_max,
            athlete.cable_increment,
            athlete.pulley_ratio,
        )

    def test_design_example(self):
        """The reference athlete has bands, ankle weights and (always) bodyweight."""
        athlete = lp.Athlete(equipment={E.BAND, E.ANKLE_WEIGHTS}, level=lp.Level.NOVICE)

        assert {E.BODYWEIGHT, E.BAND, E.ANKLE_WEIGHTS} == athlete.equipment


class TestConversion:
    def test_strings_become_members(self):
        """Equipment, level, units and conditions may be given as their string values."""
        athlete = lp.Athlete(
            equipment=["band", "cable"],
            level=" Intermediate ",
            units="LB",
            conditions="pregnancy",
        )

        assert frozenset({E.BODYWEIGHT, E.BAND, E.CABLE}) == athlete.equipment
        assert lp.Level.INTERMEDIATE is athlete.level
        assert lp.Unit.LB is athlete.units
        assert frozenset({lp.Condition.PREGNANCY}) == athlete.conditions

    def test_a_lone_string_is_one_item(self):
        """A single equipment string is one item, not a set of letters."""
        assert frozenset({E.BODYWEIGHT, E.CABLE}) == lp.Athlete(equipment="cable").equipment

    @given(athlete=s.athletes())
    def test_collections_are_frozensets(self, athlete):
        """Equipment and conditions are stored as frozensets, so athletes are hashable."""
        assert isinstance(athlete.equipment, frozenset)
        assert isinstance(athlete.conditions, frozenset)
        assert hash(athlete) == hash(attrs.evolve(athlete))


class TestEquipment:
    @given(equipment=st.frozensets(st.sampled_from(E)))
    def test_bodyweight_is_always_available(self, equipment):
        """Whatever is listed, the athlete has it plus bodyweight, and nothing else."""
        athlete = lp.Athlete(equipment=equipment)

        assert equipment | {E.BODYWEIGHT} == athlete.equipment
        assert athlete.has(E.BODYWEIGHT)

    @given(equipment=st.frozensets(st.sampled_from(E)), item=st.sampled_from(E))
    def test_has(self, equipment, item):
        """has() is true for listed equipment and bodyweight, false otherwise."""
        expected = item in equipment or item is E.BODYWEIGHT

        assert expected == lp.Athlete(equipment=equipment).has(item)


class TestConditions:
    @given(conditions=st.frozensets(st.sampled_from(lp.Condition)))
    def test_back_or_hip_condition(self, conditions):
        """Low-back pain history, hip pain and recent hip surgery count; pregnancy does not."""
        expected = bool(conditions & BACK_OR_HIP)

        assert expected == lp.Athlete(conditions=conditions).has_back_or_hip_condition

    def test_pregnancy_alone(self):
        """Pregnancy is not a back or hip condition."""
        athlete = lp.Athlete(conditions={lp.Condition.PREGNANCY}, cleared=True)

        assert not athlete.has_back_or_hip_condition


class TestLimits:
    def test_equipment_limits(self):
        """An ankle weight cap, a cable increment and a pulley ratio can be recorded."""
        athlete = lp.Athlete(
            ankle_weight_max=lp.Mass(5),
            cable_increment=lp.Mass("2.5"),
            pulley_ratio=2,
        )

        assert (lp.Mass(5), lp.Mass("2.5"), 2) == (
            athlete.ankle_weight_max,
            athlete.cable_increment,
            athlete.pulley_ratio,
        )

    def test_name_at_the_limit(self):
        """A 200-character name is allowed."""
        assert 200 == len(lp.Athlete(name="x" * 200).name)


class TestInvalidAthlete:
    @given(case=s.invalid_athlete_fields())
    def test_raises_athlete_error(self, case):
        """Every invalid athlete raises an AthleteError, which is a LegraisePlanError."""
        field, value = case

        with pytest.raises(lp.AthleteError):
            lp.Athlete(**{field: value})

    @given(case=s.invalid_athlete_fields())
    def test_message_names_the_field_and_the_rule(self, case):
        """The message names the bad field and says what it must be."""
        field, value = case

        with pytest.raises(lp.LegraisePlanError) as info:
            lp.Athlete(**{field: value})

        message = str(info.value)
        assert re.match(rf"{field}( items)? must ", message), message

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            (
                {"level": "expert"},
                "level must be one of novice, intermediate, advanced, got 'expert'",
            ),
            ({"units": "stone"}, "units must be one of kg, lb, got 'stone'"),
            (
                {"equipment": {"rowing"}},
                (
                    "equipment items must be one of bodyweight, band, ankle_weights, cable, "
                    "hyperextension_bench, glute_ham_bench, got 'rowing'"
                ),
            ),
            (
                {"conditions": ["flu"]},
                (
                    "conditions items must be one of low_back_pain_history, hip_pain, "
                    "pregnancy, recent_hip_surgery, parq_yes, red_flags, got 'flu'"
                ),
            ),
            ({"cleared": 1}, "cleared must be a bool, got 1"),
            ({"name": "x" * 201}, "name must be at most 200 characters, got 201"),
            (
                {"ankle_weight_max": lp.Mass(0)},
                (
                    "ankle_weight_max must be a Mass above 0 or None, got "
                    "Mass(amount=Decimal('0'), unit=<Unit.KG: 'kg'>)"
                ),
            ),
            ({"pulley_ratio": 5}, "pulley_ratio must be 1..4, got 5"),
            ({"pulley_ratio": True}, "pulley_ratio must be a whole number 1..4, got True"),
        ],
    )
    def test_messages_say_what_is_allowed(self, kwargs, message):
        """Messages list the allowed values or range and show the value given."""
        with pytest.raises(lp.AthleteError) as info:
            lp.Athlete(**kwargs)

        assert message == str(info.value)

    def test_positional_arguments_are_refused(self):
        """Athlete fields are keyword-only, so arguments cannot be swapped by position."""
        with pytest.raises(TypeError):
            lp.Athlete({E.BAND})  # type: ignore[misc]

    def test_is_frozen(self):
        """An athlete cannot be changed in place; attrs.evolve makes a changed copy."""
        athlete = lp.Athlete()

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            athlete.cleared = True  # type: ignore[misc]
        assert attrs.evolve(athlete, cleared=True).cleared is True
