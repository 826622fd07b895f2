"""Private attrs validators that raise legraise_plan errors naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any

import attrs

from legraise_plan.errors import LegraisePlanError


Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def int_in(lo: int, hi: int, error: type[LegraisePlanError]) -> Validator:
    """Accept an ``int`` (not a ``bool``) in ``lo..hi`` inclusive."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise error(
                f"{attribute.name} must be a whole number {lo}..{hi}, got {value!r}",
                field=attribute.name,
            )
        if not lo <= value <= hi:
            raise error(f"{attribute.name} must be {lo}..{hi}, got {value!r}", field=attribute.name)

    return check


def instance_of(
    kind: type[Any] | tuple[type[Any], ...], error: type[LegraisePlanError]
) -> Validator:
    """Accept instances of ``kind`` only; name the allowed type(s) otherwise."""
    names = " or ".join(k.__name__ for k in kind) if isinstance(kind, tuple) else kind.__name__

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise error(f"{attribute.name} must be a {names}, got {value!r}", field=attribute.name)

    return check


def member_of(enum: type[Enum], error: type[LegraisePlanError]) -> Validator:
    """Accept members of ``enum`` only; list the allowed values otherwise."""
    allowed = ", ".join(str(m.value) for m in enum)

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum):
            raise error(
                f"{attribute.name} must be one of {allowed}, got {value!r}", field=attribute.name
            )

    return check


def members_of(enum: type[Enum], error: type[LegraisePlanError]) -> Validator:
    """Accept a frozenset/tuple whose items are all members of ``enum``."""
    allowed = ", ".join(str(m.value) for m in enum)

    def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, (frozenset, tuple)):
            raise error(
                f"{attribute.name} must be a collection of {allowed}, got {value!r}",
                field=attribute.name,
            )
        for item in value:
            if not isinstance(item, enum):
                raise error(
                    f"{attribute.name} items must be one of {allowed}, got {item!r}",
                    field=attribute.name,
                )

    return check


def non_negative_duration(hi: dt.timedelta, error: type[LegraisePlanError]) -> Validator:
    """Accept a ``timedelta`` in ``0..hi``."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, dt.timedelta):
            raise error(
                f"{attribute.name} must be a timedelta, got {value!r}", field=attribute.name
            )
        if not dt.timedelta(0) <= value <= hi:
            raise error(
                f"{attribute.name} must be between 0 s and {int(hi.total_seconds())} s, "
                f"got {value.total_seconds():g} s",
                field=attribute.name,
            )

    return check


def text(max_len: int, error: type[LegraisePlanError]) -> Validator:
    """Accept a ``str`` of at most ``max_len`` characters."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str):
            raise error(f"{attribute.name} must be text, got {value!r}", field=attribute.name)
        if len(value) > max_len:
            raise error(
                f"{attribute.name} must be at most {max_len} characters, got {len(value)}",
                field=attribute.name,
            )

    return check


def to_frozenset(value: Any) -> Any:
    """Convert an iterable (but not a lone string) to a frozenset; leave others to validation."""
    if isinstance(value, (str, bytes)):
        return frozenset((value,))
    try:
        return frozenset(value)
    except TypeError:
        return value


def to_tuple(value: Any) -> Any:
    """Convert an iterable (but not a lone string) to a tuple; leave others to validation."""
    if isinstance(value, (str, bytes)):
        return (value,)
    try:
        return tuple(value)
    except TypeError:
        return value


def items_of(
    kind: type[Any], error: type[LegraisePlanError], *, non_empty: bool = False
) -> Validator:
    """Accept a tuple whose items are all instances of ``kind`` (and not empty if asked)."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or (non_empty and not value):
            need = "a non-empty" if non_empty else "a"
            raise error(
                f"{attribute.name} must be {need} sequence of {kind.__name__}, got {value!r}",
                field=attribute.name,
            )
        for item in value:
            if not isinstance(item, kind):
                raise error(
                    f"{attribute.name} items must be {kind.__name__}, got {item!r}",
                    field=attribute.name,
                )

    return check


def positive_duration(error: type[LegraisePlanError]) -> Validator:
    """Accept a ``timedelta`` above zero."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
            raise error(
                f"{attribute.name} must be a timedelta above 0, got {value!r}", field=attribute.name
            )

    return check
