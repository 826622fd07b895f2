"""Private attrs validators that raise legraise_plan errors naming the field."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, Final

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


#: What one-line text (ids) may not hold: control characters and line breaks.
_ONE_LINE_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def text(max_len: int, error: type[LegraisePlanError], *, one_line: bool = False) -> Validator:
    """Accept a ``str`` of at most ``max_len`` characters that is Unicode text.

    Lone surrogates (which no file can hold) are refused everywhere; ``one_line`` text
    (ids such as uids) may hold no control characters or line breaks either.  Other
    text keeps them, and each output writes them safely (folded, escaped or dropped).
    """

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check_text(attribute.name, value, max_len, error, one_line=one_line)

    return check


def check_text(
    name: str,
    value: object,
    max_len: int,
    error: type[LegraisePlanError],
    *,
    one_line: bool = False,
) -> None:
    """Raise ``error`` unless ``value`` is text :func:`text` accepts."""
    if not isinstance(value, str):
        raise error(f"{name} must be text, got {_excerpt(value)}", field=name)
    if len(value) > max_len:
        raise error(f"{name} must be at most {max_len} characters, got {len(value)}", field=name)
    found = _ONE_LINE_CONTROL.search(value) if one_line else None
    if found is not None:
        raise error(
            f"{name} must be one line without control characters, got "
            f"U+{ord(found.group()):04X} at position {found.start()}",
            field=name,
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise error(
            f"{name} must be Unicode text, got a lone surrogate at position {exc.start}",
            field=name,
        ) from None


def texts(max_len: int, error: type[LegraisePlanError]) -> Validator:
    """Accept a tuple of multi-line texts :func:`text` accepts."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        items_of(str, error)(_inst, attribute, value)
        for item in value:  # type: ignore[attr-defined]
            check_text(f"{attribute.name} items", item, max_len, error)

    return check


def _excerpt(value: object) -> str:
    text = repr(value) if not isinstance(value, int) or value.bit_length() < 128 else "a huge int"
    return text if len(text) <= 60 else text[:57] + "..."


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


def did_you_mean(text: str, values: Sequence[str]) -> str:
    """`` (did you mean X?)`` for a near miss among ``values``, else nothing."""
    close = difflib.get_close_matches(text, values, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""
