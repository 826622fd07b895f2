"""Tests for masses, units, exact conversion and rounding (legraise_plan.units)."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import decimal
import re
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.units import KG_PER_LB
from tests import strategies as s


KG = lp.Unit.KG
LB = lp.Unit.LB


class TestUnit:
    def test_values(self):
        """Units are the strings kg and lb, so they serialise readably."""
        assert ["kg", "lb"] == [u.value for u in lp.Unit]

    def test_pound_is_exact(self):
        """One pound is defined as exactly 0.45359237 kg."""
        assert Decimal("0.45359237") == KG_PER_LB


class TestConstruction:
    def test_defaults_to_kilograms(self):
        """A mass without a unit is in kilograms."""
        assert KG == lp.Mass(5).unit

    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            (5, Decimal(5)),
            ("2.5", Decimal("2.5")),
            (" 2.5 ", Decimal("2.5")),
            (0.1, Decimal("0.1")),
            (2.5, Decimal("2.5")),
            (Fraction(1, 4), Decimal("0.25")),
            (Decimal("1.250"), Decimal("1.25")),
        ],
    )
    def test_amount_becomes_the_decimal_the_user_meant(self, amount, expected):
        """Ints, strings, floats (by their shortest repr) and fractions become Decimals."""
        actual = lp.Mass(amount).amount

        assert isinstance(actual, Decimal)
        assert expected == actual

    @pytest.mark.parametrize("unit", ["kg", "KG", " Kg ", KG])
    def test_unit_strings_are_normalised(self, unit):
        """Unit strings are matched ignoring case and surrounding space."""
        assert KG is lp.Mass(1, unit).unit

    def test_equal_amounts_are_equal_and_hash_alike(self):
        """2 kg and 2.0 kg are the same mass, also as dict keys."""
        assert lp.Mass(2) == lp.Mass("2.0")
        assert {lp.Mass(2): "x"}[lp.Mass("2.00")] == "x"

    def test_same_mass_in_other_units_is_not_equal(self):
        """Equality compares the stored amount and unit, not the physical mass."""
        assert lp.Mass("0.45359237", KG) != lp.Mass(1, LB)

    def test_is_frozen(self):
        """A mass cannot be changed in place."""
        mass = lp.Mass(1)

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            mass.amount = Decimal(2)  # type: ignore[misc]

    @pytest.mark.parametrize(("amount", "unit"), [(1000, KG), ("2204.622", LB), (0, LB)])
    def test_limits_are_inclusive(self, amount, unit):
        """0 and exactly 1000 kg (or the pound amount just under it) are allowed."""
        assert Decimal(amount) == lp.Mass(amount, unit).amount


class TestInvalidMass:
    @given(case=s.invalid_mass_fields())
    def test_raises_unit_error(self, case):
        """Every invalid mass raises a UnitError, which is a LegraisePlanError."""
        _field, kwargs = case

        with pytest.raises(lp.UnitError):
            lp.Mass(**kwargs)

    @given(case=s.invalid_mass_fields())
    def test_message_names_the_field_and_the_rule(self, case):
        """The message names the bad field (amount or unit) and says what it must be."""
        field, kwargs = case

        with pytest.raises(lp.LegraisePlanError) as info:
            lp.Mass(**kwargs)

        message = str(info.value)
        assert re.search(rf"\b{field}\b", message), message
        assert " must be " in message

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"amount": 1, "unit": "stone"}, "unit must be one of kg, lb, got 'stone'"),
            ({"amount": "abc"}, "must be a finite number, got 'abc'"),
            ({"amount": -1}, "must be 0 or more, got -1"),
            ({"amount": 1001}, "must be at most 1000 kg, got 1001 kg"),
            ({"amount": 2205, "unit": "lb"}, "must be at most 1000 kg, got 2205 lb"),
        ],
    )
    def test_messages_say_what_is_allowed(self, kwargs, message):
        """Messages state the rule and the value given."""
        with pytest.raises(lp.UnitError) as info:
            lp.Mass(**kwargs)

        assert str(info.value).endswith(message)

    @pytest.mark.parametrize("amount", ["1e99999999", "1e-99999999"])
    def test_huge_exponents_fail_fast_with_a_short_message(self, amount):
        """Untrusted input such as '1e99999999' is handled in well under a second, not hung on."""
        code = (
            "import legraise_plan as lp\n"
            "try:\n"
            f"    lp.Mass({amount!r})\n"
            "except lp.LegraisePlanError as e:\n"
            "    assert len(str(e)) < 200, len(str(e))\n"
            "else:\n"
            "    raise SystemExit('no error raised')\n"
        )
        try:
            subprocess.run([sys.executable, "-c", code], check=True, timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail(f"Mass({amount!r}) did not finish within 10 s")


class TestConversion:
    def test_pounds_to_kilograms_pinned(self):
        """5 lb is exactly 2.26796185 kg."""
        assert lp.Mass(Decimal("2.26796185"), KG) == lp.Mass(5, LB).to(KG)

    def test_kilograms_to_pounds_pinned(self):
        """1 kg is 2.204622621848775807229738013 lb to 28 significant digits."""
        assert lp.Mass(Decimal("2.204622621848775807229738013"), LB) == lp.Mass(1).to(LB)

    @given(amount=s.amounts(max_value=s.MAX_LB))
    def test_pounds_to_kilograms_is_exact(self, amount):
        """lb → kg multiplies by exactly 0.45359237."""
        expected = Fraction(amount) * Fraction("0.45359237")

        assert expected == lp.Mass(amount, LB).to(KG).kilograms

    @given(mass=s.masses(KG))
    def test_kilogram_round_trip_to_the_gram(self, mass):
        """kg → lb → kg gives back any mass given to the gram."""
        assert mass == mass.to(LB).to(KG).round_to("0.001")

    @given(mass=s.masses(LB))
    def test_pound_round_trip_is_exact(self, mass):
        """lb → kg → lb gives back exactly the pounds given."""
        assert mass == mass.to(KG).to(LB)

    @given(mass=s.masses())
    def test_to_own_unit_is_identity(self, mass):
        """Converting to the unit a mass already has changes nothing."""
        assert mass == mass.to(mass.unit)

    @given(mass=s.masses())
    def test_conversion_keeps_the_physical_mass_to_28_digits(self, mass):
        """A converted mass weighs the same, within the 28-digit Decimal precision."""
        other = KG if mass.unit is LB else LB

        converted = mass.to(other)

        assert other is converted.unit
        assert abs(mass.kilograms - converted.kilograms) <= Fraction(1, 10**24)

    def test_unit_given_as_string(self):
        """to('kg') on a kilogram mass stays in kilograms, as the constructor's strings do."""
        assert lp.Mass(2, KG) == lp.Mass(2, KG).to("kg")  # type: ignore[arg-type]

    def test_unknown_target_unit_is_rejected(self):
        """to() with something that is not a unit raises a UnitError naming the unit."""
        with pytest.raises(lp.UnitError, match=r"\bunit\b"):
            lp.Mass(2).to("stone")  # type: ignore[arg-type]

    def test_independent_of_the_callers_decimal_context(self):
        """A caller's low-precision decimal context does not change conversion results."""
        expected = lp.Mass(1).to(LB)

        with decimal.localcontext() as context:
            context.prec = 6
            actual = lp.Mass(1).to(LB)

        assert expected == actual


class TestKilogramsAndNewtons:
    def test_kilograms_is_an_exact_fraction(self):
        """2.5 kg is exactly 5/2 kg."""
        assert Fraction(5, 2) == lp.Mass("2.5").kilograms

    def test_newtons_of_a_kilogram(self):
        """1 kg weighs 9.80665 N under standard gravity."""
        assert 9.80665 == pytest.approx(lp.Mass(1).newtons, rel=1e-15)

    def test_newtons_of_a_pound_is_a_pound_force(self):
        """1 lb weighs one pound-force, 4.4482216152605 N."""
        assert 4.4482216152605 == pytest.approx(lp.Mass(1, LB).newtons, rel=1e-12)


class TestOrdering:
    def test_compares_physical_mass_across_units(self):
        """1 kg is heavier than 2 lb, though 1 < 2."""
        assert lp.Mass(1, "kg") > lp.Mass(2, "lb")
        assert lp.Mass(2, "lb") < lp.Mass(1, "kg")
        assert lp.Mass(1, "kg") >= lp.Mass(2, "lb")
        assert lp.Mass(2, "lb") <= lp.Mass(1, "kg")

    def test_physically_equal_masses_are_le_and_ge(self):
        """0.45359237 kg and 1 lb are neither lighter nor heavier than each other."""
        kilos, pound = lp.Mass("0.45359237", KG), lp.Mass(1, LB)

        assert kilos <= pound
        assert kilos >= pound
        assert not kilos < pound
        assert not kilos > pound

    @given(kilos=s.masses(KG), pounds=s.masses(LB))
    def test_order_matches_the_exact_conversion(self, kilos, pounds):
        """A kg mass is lighter than a lb mass exactly when its amount is below lb × 0.45359237."""
        assert (kilos < pounds) == (kilos.amount < pounds.amount * Decimal("0.45359237"))
        assert (kilos > pounds) == (kilos.amount > pounds.amount * Decimal("0.45359237"))

    @given(items=st.lists(s.masses(), max_size=8))
    def test_sorting_orders_by_physical_mass(self, items):
        """Sorting mixed-unit masses orders them by kilograms."""
        ordered = sorted(items)

        assert sorted(m.kilograms for m in items) == [m.kilograms for m in ordered]

    @pytest.mark.parametrize("other", [1, 1.0, "1 kg", None])
    def test_comparing_with_a_non_mass_is_a_type_error(self, other):
        """Ordering a mass against a number or text raises TypeError, as Python's own types do."""
        with pytest.raises(TypeError):
            _ = lp.Mass(1) < other


class TestRoundTo:
    @pytest.mark.parametrize(
        ("mass", "increment", "expected"),
        [
            (lp.Mass("2.25"), "0.5", lp.Mass(2)),
            (lp.Mass("2.75"), "0.5", lp.Mass(3)),
            (lp.Mass("2.74"), "0.5", lp.Mass("2.5")),
            (lp.Mass("1.2"), Decimal("0.5"), lp.Mass(1)),
            (lp.Mass("2.5", LB), 1, lp.Mass(2, LB)),
            (lp.Mass("3.5", LB), 1, lp.Mass(4, LB)),
            (lp.Mass("3.49", LB), 1.0, lp.Mass(3, LB)),
            (lp.Mass("12.5"), 5, lp.Mass(10)),
            (lp.Mass("17.5"), 5, lp.Mass(20)),
            (lp.Mass(13), 5, lp.Mass(15)),
            (lp.Mass(5, LB).to(KG), "0.5", lp.Mass("2.5")),
        ],
    )
    def test_half_even_to_real_increments(self, mass, increment, expected):
        """Rounds to 0.5 kg, 1 lb or 5 kg plates; exact halves go to the even multiple."""
        actual = mass.round_to(increment)

        assert expected == actual
        assert expected.unit is actual.unit

    def test_rounded_mass_prints_without_trailing_zeros(self):
        """12.5 kg rounded to 5 kg plates prints as 10 kg."""
        assert "10 kg" == str(lp.Mass("12.5").round_to(5))

    @given(
        mass=st.builds(lp.Mass, s.amounts(max_value="900"), st.sampled_from(lp.Unit)),
        step=s.increments(),
    )
    def test_result_is_the_nearest_multiple(self, mass, step):
        """The result is a whole multiple of the increment, at most half a step away."""
        rounded = mass.round_to(step)

        assert mass.unit is rounded.unit
        assert 0 == rounded.amount % step
        assert abs(rounded.amount - mass.amount) <= step / 2

    @given(multiple=st.integers(0, 80), step=st.sampled_from(["0.5", "1", "2.5", "5", "10"]))
    def test_exact_halves_round_to_even(self, multiple, step):
        """Halfway between two multiples, the even multiple wins (banker's rounding)."""
        increment = Decimal(step)
        mass = lp.Mass((multiple + Decimal("0.5")) * increment)
        even = multiple if multiple % 2 == 0 else multiple + 1

        assert lp.Mass(even * increment) == mass.round_to(increment)

    @pytest.mark.parametrize("increment", [0, -1, "abc", float("nan"), "inf", True, None])
    def test_rejects_a_non_positive_increment(self, increment):
        """The increment must be a positive number; the message names it."""
        with pytest.raises(lp.UnitError, match=r"^increment must be a positive number"):
            lp.Mass(1).round_to(increment)

    def test_tiny_increment(self):
        """Rounding to an increment finer than Decimal's 28 digits keeps a mass already on it."""
        assert lp.Mass(1000) == lp.Mass(1000).round_to("1e-26")


class TestStr:
    @pytest.mark.parametrize(
        ("mass", "text"),
        [
            (lp.Mass("2.5", "kg"), "2.5 kg"),
            (lp.Mass(10, "lb"), "10 lb"),
            (lp.Mass("2.50"), "2.5 kg"),
            (lp.Mass(Decimal("1E+1")), "10 kg"),
            (lp.Mass(100), "100 kg"),
            (lp.Mass("0.000"), "0 kg"),
            (lp.Mass("0.125", "lb"), "0.125 lb"),
            (lp.Mass(-0.0), "0 kg"),
        ],
    )
    def test_plain_amount_and_unit(self, mass, text):
        """Masses print as a plain number without exponent or trailing zeros, then the unit."""
        assert text == str(mass)
