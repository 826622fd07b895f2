"""Tests for equipment, band colours and loads (legraise_plan.equipment)."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.equipment import increment_for
from tests import strategies as s


E = lp.Equipment
C = lp.BandColour

#: TheraBand at 100 % elongation, the band table of rule 9: colour, lbf, N (derived, 1 decimal).
THERABAND = [
    (C.TAN, "2.4", 10.7),
    (C.YELLOW, "3.0", 13.3),
    (C.RED, "3.7", 16.5),
    (C.GREEN, "4.6", 20.5),
    (C.BLUE, "5.8", 25.8),
    (C.BLACK, "7.3", 32.5),
    (C.SILVER, "10.2", 45.4),
    (C.GOLD, "14.2", 63.2),
]


class TestEquipment:
    def test_listing_rank(self):
        """Equipment lists as bodyweight, band, ankle weights, cable (not the ladder's order)."""
        ladder = [E.BODYWEIGHT, E.BAND, E.ANKLE_WEIGHTS, E.CABLE]

        assert ladder == sorted(ladder, key=lambda e: e.rank)
        assert len({e.rank for e in E}) == len(E)

    def test_external_load(self):
        """Only bands, ankle weights and cables add resistance beyond bodyweight."""
        assert {E.BAND, E.ANKLE_WEIGHTS, E.CABLE} == {e for e in E if e.is_external_load}

    def test_values_are_stable_strings(self):
        """Equipment values are the strings stored in plans and JSON."""
        expected = [
            "bodyweight",
            "band",
            "ankle_weights",
            "cable",
            "hyperextension_bench",
            "glute_ham_bench",
        ]

        assert expected == [e.value for e in E]


class TestBandColour:
    def test_colour_order(self):
        """Colours run tan < yellow < red < green < blue < black < silver < gold."""
        expected = ["tan", "yellow", "red", "green", "blue", "black", "silver", "gold"]

        assert expected == [c.value for c in sorted(C, key=lambda c: c.rank)]
        assert list(range(8)) == [C(name).rank for name in expected]

    @pytest.mark.parametrize(("colour", "lbf", "newtons"), THERABAND)
    def test_forces_from_the_theraband_table(self, colour, lbf, newtons):
        """Each colour pulls its TheraBand force at 100 % elongation (red 3.7 lbf ≈ 16.5 N)."""
        assert Decimal(lbf) == colour.force_lbf
        assert newtons == round(colour.force_n, 1)

    def test_red_band_in_newtons(self):
        """A red band pulls 3.7 lbf, which is 16.458 N."""
        assert 3.7 * 4.4482216152605 == pytest.approx(C.RED.force_n, rel=1e-12)

    @given(a=s.band_colours, b=s.band_colours)
    def test_force_rises_with_the_colour(self, a, b):
        """A later colour always pulls harder than an earlier one."""
        assume(a.rank < b.rank)

        assert a.force_n < b.force_n


class TestLoadConstructors:
    def test_bodyweight(self):
        """A bodyweight load has no band, no mass, no loop and a 1:1 ratio."""
        load = lp.Load.bodyweight()

        assert E.BODYWEIGHT is load.equipment
        assert (None, False, None, 1) == (load.band, load.looped, load.mass, load.pulley_ratio)
        assert not load.is_external

    def test_bodyweight_on_a_bench(self):
        """A bench with bodyweight only is an unloaded load on that bench."""
        load = lp.Load.bodyweight(E.HYPEREXTENSION_BENCH)

        assert E.HYPEREXTENSION_BENCH is load.equipment
        assert not load.is_external
        assert 0.0 == load.force_n

    def test_strings_are_converted(self):
        """Equipment and band colour may be given as their string values."""
        assert lp.Load.band_of(C.GREEN) == lp.Load(equipment="band", band="green")

    def test_constructors_make_external_loads(self):
        """Band, ankle and cable loads count as external resistance."""
        loads = [lp.Load.band_of(C.RED), lp.Load.ankle(lp.Mass(1)), lp.Load.cable(lp.Mass(5))]

        assert [True, True, True] == [load.is_external for load in loads]

    def test_loads_are_hashable_values(self):
        """Equal loads hash alike, so they work in sets."""
        assert 1 == len({lp.Load.ankle(lp.Mass(1)), lp.Load.ankle(lp.Mass("1.0"))})


class TestInvalidLoad:
    @given(case=s.invalid_load_fields())
    def test_raises_equipment_error(self, case):
        """Every invalid load raises an EquipmentError, which is a LegraisePlanError."""
        _field, kwargs = case

        with pytest.raises(lp.EquipmentError):
            lp.Load(**kwargs)

    @given(case=s.invalid_load_fields())
    def test_message_names_the_field_and_the_rule(self, case):
        """The message names the bad field and says what it must be."""
        field, kwargs = case

        with pytest.raises(lp.LegraisePlanError) as info:
            lp.Load(**kwargs)

        message = str(info.value)
        assert message.startswith(f"{field} must be "), message

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            (
                {"equipment": "band"},
                (
                    "band must be one of tan, yellow, red, green, blue, black, silver, gold "
                    "for a band load, got None"
                ),
            ),
            (
                {"equipment": "bodyweight", "mass": lp.Mass(1)},
                (
                    "mass must be None for bodyweight loads, got "
                    "Mass(amount=Decimal('1'), unit=<Unit.KG: 'kg'>)"
                ),
            ),
            (
                {"equipment": "cable", "mass": lp.Mass(10), "pulley_ratio": 5},
                "pulley_ratio must be 1..4, got 5",
            ),
            (
                {"equipment": "band", "band": "red", "pulley_ratio": 2},
                "pulley_ratio must be 1 for band loads, got 2",
            ),
        ],
    )
    def test_messages_say_what_is_allowed(self, kwargs, message):
        """Messages state the rule for this kind of load and the value given."""
        with pytest.raises(lp.EquipmentError) as info:
            lp.Load(**kwargs)

        assert message == str(info.value)

    @pytest.mark.parametrize(
        "make",
        [
            lambda: lp.Load.ankle(lp.Mass(0)),
            lambda: lp.Load.ankle(lp.Mass(0, "lb")),
            lambda: lp.Load.cable(lp.Mass(0)),
            lambda: lp.Load(equipment=E.ANKLE_WEIGHTS),
        ],
    )
    def test_weights_must_weigh_something(self, make):
        """Ankle weights and cable stacks need a mass above zero."""
        with pytest.raises(lp.EquipmentError, match=r"^mass must be a Mass above 0"):
            make()


class TestLoadOrder:
    @given(
        bodyweight=s.bodyweight_loads(),
        band=s.band_loads(),
        ankle=s.ankle_loads(),
        cable=s.cable_loads(),
    )
    def test_listing_order_across_equipment(self, bodyweight, band, ankle, cable):
        """Loads list bodyweight < any band < any ankle weight < any cable, however heavy."""
        assert bodyweight < band < ankle < cable
        assert cable > ankle > band > bodyweight
        assert bodyweight <= band <= ankle <= cable
        assert cable >= ankle >= band >= bodyweight

    @given(items=st.lists(s.loads(), max_size=10))
    def test_sorting_groups_by_equipment(self, items):
        """Sorted loads list by kind of equipment first."""
        ranks = [load.equipment.rank for load in sorted(items)]

        assert sorted(ranks) == ranks

    @given(a=s.band_colours, b=s.band_colours)
    def test_flat_bands_order_by_colour(self, a, b):
        """Flat bands compare as their colours do."""
        assert (a.rank < b.rank) == (lp.Load.band_of(a) < lp.Load.band_of(b))

    def test_band_colour_examples(self):
        """Tan < yellow < red < green < blue < black < silver < gold as loads."""
        bands = [lp.Load.band_of(colour) for colour, _lbf, _n in THERABAND]
        shuffled = bands[1::2] + bands[::2]

        assert bands == sorted(shuffled)

    @given(colour=s.band_colours)
    def test_loop_pulls_twice_as_hard(self, colour):
        """A looped band is a doubled band: exactly twice the force of the flat one."""
        flat, looped = lp.Load.band_of(colour), lp.Load.band_of(colour, looped=True)

        assert 2 * flat.force_n == looped.force_n
        assert flat < looped

    @given(a=s.masses(positive=True), b=s.masses(positive=True))
    def test_ankle_weights_order_by_mass_in_any_unit(self, a, b):
        """Ankle weights compare by physical mass, whatever units they are in."""
        assume(a.kilograms != b.kilograms)

        assert (a < b) == (lp.Load.ankle(a) < lp.Load.ankle(b))

    def test_mixed_unit_ankle_weights(self):
        """1 kg per ankle is heavier than 2 lb per ankle."""
        assert lp.Load.ankle(lp.Mass(2, "lb")) < lp.Load.ankle(lp.Mass(1, "kg"))

    @given(a=s.cable_loads(), b=s.cable_loads())
    def test_cable_orders_by_stack_over_pulley_ratio(self, a, b):
        """Cable loads compare by what the handle feels: stack ÷ pulley ratio."""
        felt_a = a.mass.kilograms / a.pulley_ratio
        felt_b = b.mass.kilograms / b.pulley_ratio
        assume(felt_a != felt_b)

        assert (felt_a < felt_b) == (a < b)

    def test_cable_pulley_examples(self):
        """20 kg on a 2:1 pulley is lighter than 15 kg and heavier than 5 kg at 1:1."""
        halved = lp.Load.cable(lp.Mass(20), pulley_ratio=2)

        assert lp.Load.cable(lp.Mass(5)) < halved < lp.Load.cable(lp.Mass(15))
        assert halved <= lp.Load.cable(lp.Mass(10))
        assert halved >= lp.Load.cable(lp.Mass(10))

    @pytest.mark.parametrize("other", [1, None, "band green"])
    def test_comparing_with_a_non_load_is_a_type_error(self, other):
        """Ordering a load against something else raises TypeError, as Python's own types do."""
        with pytest.raises(TypeError):
            _ = lp.Load.bodyweight() < other


class TestLoadForce:
    def test_bodyweight_has_no_external_force(self):
        """Bodyweight adds no external resistance."""
        assert 0.0 == lp.Load.bodyweight().force_n

    def test_red_band(self):
        """A flat red band pulls about 16.5 N at 100 % elongation."""
        assert 16.5 == pytest.approx(lp.Load.band_of(C.RED).force_n, abs=0.05)

    def test_ankle_weight(self):
        """A 1 kg ankle weight weighs 9.80665 N."""
        assert 9.80665 == pytest.approx(lp.Load.ankle(lp.Mass(1)).force_n)

    def test_cable_divides_by_the_pulley_ratio(self):
        """20 kg on a 2:1 pulley feels like 10 kg at the handle."""
        assert lp.Mass(10).newtons == pytest.approx(
            lp.Load.cable(lp.Mass(20), pulley_ratio=2).force_n
        )


class TestLoadLabel:
    @pytest.mark.parametrize(
        ("load", "label"),
        [
            (lp.Load.bodyweight(), "bodyweight"),
            (lp.Load.bodyweight(E.GLUTE_HAM_BENCH), "bodyweight"),
            (lp.Load.band_of(C.GREEN), "band green, anchored at the ankle"),
            (lp.Load.band_of(C.RED, looped=True), "band red, looped round both ankles"),
            (lp.Load.ankle(lp.Mass("1.5", "kg")), "ankle weights 1.5 kg/ankle"),
            (lp.Load.ankle(lp.Mass(3, "lb")), "ankle weights 3 lb/ankle"),
            (lp.Load.cable(lp.Mass(10)), "cable 10 kg"),
            (lp.Load.cable(lp.Mass(20), pulley_ratio=2), "cable 20 kg (2:1 pulley)"),
        ],
    )
    def test_pinned_labels(self, load, label):
        """Labels are short and human: equipment, then how much of it."""
        assert label == load.label

    @given(load=s.loads())
    def test_every_label_is_one_short_line(self, load):
        """Every label is non-empty, one line and short enough for a calendar title."""
        assert re.fullmatch(r"[^\n]{1,40}", load.label)


class TestBandSetup:
    def test_values_are_stable_strings(self):
        """Band set-ups are stored as these strings, anchored first (the default)."""
        assert ["anchored", "looped"] == [x.value for x in lp.BandSetup]

    def test_only_a_loop_is_looped(self):
        """A loop round both ankles is a doubled band; an anchored band is not."""
        assert [False, True] == [x.is_looped for x in lp.BandSetup]

    @given(colour=s.band_colours, setup=st.sampled_from(lp.BandSetup))
    def test_band_label_states_the_setup(self, colour, setup):
        """Rule 9: a band load's label names the colour and how the band is set up."""
        label = lp.Load.band_of(colour, looped=setup.is_looped).label

        where = "looped round both ankles" if setup.is_looped else "anchored at the ankle"
        assert f"band {colour.value}, {where}" == label


class TestIncrementFor:
    @pytest.mark.parametrize(
        ("equipment", "unit", "expected"),
        [
            (E.ANKLE_WEIGHTS, lp.Unit.KG, lp.Mass("0.5", "kg")),
            (E.ANKLE_WEIGHTS, lp.Unit.LB, lp.Mass(1, "lb")),
            (E.CABLE, lp.Unit.KG, lp.Mass(5, "kg")),
            (E.CABLE, lp.Unit.LB, lp.Mass(10, "lb")),
        ],
    )
    def test_smallest_real_step(self, equipment, unit, expected):
        """Ankle weights step 0.5 kg / 1 lb; cable stacks 5 kg / 10 lb plates (rules 7-8)."""
        assert expected == increment_for(equipment, unit)

    @pytest.mark.parametrize("equipment", [E.BODYWEIGHT, E.BAND, E.HYPEREXTENSION_BENCH])
    def test_no_mass_increment_without_masses(self, equipment):
        """Equipment without masses has no mass increment; the error names the equipment."""
        with pytest.raises(lp.EquipmentError, match=rf"^equipment .* got {equipment.value}$"):
            increment_for(equipment, lp.Unit.KG)
