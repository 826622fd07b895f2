"""Masses in kilograms or pounds, exact conversion and rounding to real increments.

A :class:`Mass` keeps the number the user gave (a :class:`~decimal.Decimal`) in the
unit they gave it.  Conversion between units is exact in one direction (1 lb is
defined as exactly 0.45359237 kg) and exact to 28 significant digits in the other;
:meth:`Mass.round_to` snaps a mass to the increments real equipment comes in.
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import attrs

from legraise_plan.errors import UnitError


__all__ = ["KG_PER_LB", "Mass", "Unit"]

#: One avoirdupois pound in kilograms, exactly (international yard and pound, 1959).
KG_PER_LB = Decimal("0.45359237")
_MAX_KG = Decimal(1000)
#: Private decimal arithmetic, independent of the caller's decimal context.
_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
_WIDE = Context(prec=80, rounding=ROUND_HALF_EVEN)
#: Amounts are 0 or between 1e-12 and 1e6; increments between 1e-30 and 1e6.
_EXPONENTS = range(-12, 7)
_STEP_EXPONENTS = range(-30, 7)
_STANDARD_GRAVITY = 9.80665  # m/s², to turn a mass into a force estimate


class Unit(enum.StrEnum):
    """A unit of mass."""

    KG = "kg"
    LB = "lb"


def _to_decimal(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, str)):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    if isinstance(value, float):
        # repr() gives the shortest string that round-trips: 2.5 -> "2.5", not 2.5000...01
        return Decimal(repr(value))
    if isinstance(value, Fraction):
        return _CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))
    return value


def _sized(value: Decimal) -> bool:
    """True when a finite decimal is 0 or of a sensible size (no 1e99999999 inputs)."""
    return value.is_zero() or value.adjusted() in _EXPONENTS


def _check_amount(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise UnitError(f"amount must be a finite number, got {value!r:.80}", field="amount")
    if value < 0:
        raise UnitError(f"amount must be 0 or more, got {value}", field="amount")
    if not _sized(value):
        raise UnitError(f"amount must be 0 or between 1e-12 and 1e6, got {value}", field="amount")


def _check_unit(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Unit):
        raise UnitError(f"unit must be one of kg, lb, got {value!r}", field="unit")


def _to_unit(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Unit):
        try:
            return Unit(value.strip().lower())
        except ValueError:
            return value
    return value


@attrs.frozen(order=False)
class Mass:
    """A non-negative mass in kilograms or pounds.

    Equality compares the stored amount and unit; ordering compares the physical
    mass, so ``Mass(1, "kg") > Mass(2, "lb")``.

    >>> Mass(5, Unit.LB).to(Unit.KG)
    Mass(amount=Decimal('2.26796185'), unit=<Unit.KG: 'kg'>)
    >>> str(Mass("2.5", "kg"))
    '2.5 kg'
    """

    amount: Decimal = attrs.field(converter=_to_decimal, validator=_check_amount)
    unit: Unit = attrs.field(default=Unit.KG, converter=_to_unit, validator=_check_unit)

    def __attrs_post_init__(self) -> None:
        if self.amount.is_zero() and self.amount.is_signed():
            object.__setattr__(self, "amount", Decimal(0))  # -0 is 0
        if self.kilograms > _MAX_KG:
            raise UnitError(f"amount must be at most {_MAX_KG} kg, got {self}", field="amount")

    @property
    def kilograms(self) -> Fraction:
        """The mass in kilograms, exactly."""
        exact = Fraction(self.amount)
        return exact if self.unit is Unit.KG else exact * Fraction(KG_PER_LB)

    @property
    def newtons(self) -> float:
        """The weight of this mass under standard gravity, in newtons."""
        return float(self.kilograms) * _STANDARD_GRAVITY

    def to(self, unit: Unit | str) -> Mass:
        """Convert to ``unit``: exact from lb to kg, 28 significant digits from kg to lb."""
        target = _to_unit(unit)
        if not isinstance(target, Unit):
            raise UnitError(f"unit must be one of kg, lb, got {unit!r}", field="unit")
        if target is self.unit:
            return self
        if target is Unit.KG:
            return Mass(_WIDE.multiply(self.amount, KG_PER_LB), Unit.KG)
        return Mass(_CONTEXT.divide(self.amount, KG_PER_LB).normalize(_CONTEXT), Unit.LB)

    def round_to(self, increment: Decimal | str | float) -> Mass:
        """Round half-even to the nearest multiple of ``increment`` (in this unit)."""
        step = _to_decimal(increment)
        if (
            not isinstance(step, Decimal)
            or not step.is_finite()
            or step <= 0
            or step.adjusted() not in _STEP_EXPONENTS
        ):
            raise UnitError(
                f"increment must be a positive number between 1e-30 and 1e6, got {increment!r:.80}",
                field="increment",
            )
        steps = _WIDE.divide(self.amount, step).quantize(Decimal(1), context=_WIDE)
        return Mass(_WIDE.add(_WIDE.multiply(steps, step).normalize(_WIDE), Decimal(0)), self.unit)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Mass):
            return NotImplemented
        return self.kilograms < other.kilograms

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Mass):
            return NotImplemented
        return self.kilograms <= other.kilograms

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Mass):
            return NotImplemented
        return self.kilograms > other.kilograms

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Mass):
            return NotImplemented
        return self.kilograms >= other.kilograms

    def __str__(self) -> str:
        return f"{_plain(self.amount)} {self.unit.value}"


def _plain(amount: Decimal) -> str:
    """Format without exponent or trailing zeros: 2.50 -> '2.5', 1E+1 -> '10'."""
    return format(amount.normalize(_CONTEXT), "f")
