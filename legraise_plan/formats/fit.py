"""Garmin FIT workouts: :func:`to_fit` turns one session into a workout file for a watch.

The file holds one strength workout (sport ``training``, sub-sport
``strength_training``) with a step per set: the set's reps as the step's duration,
the FIT exercise that best matches the variation (:data:`EXERCISES`) and, for ankle
weights and cables, the weight.  A rest step with the prescribed rest (in
milliseconds) follows every set but the session's last.

Encoding uses Garmin's own FIT SDK (``garmin-fit-sdk``), an optional dependency that
is imported only when a file is written: ``pip install 'legraise-plan[fit]'``.  The SDK
silently wraps a value that does not fit its field, so every value is checked first and
anything out of range raises :class:`~legraise_plan.errors.ExportError`.
"""

from __future__ import annotations

import datetime as dt
import functools
import zlib
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Final

from legraise_plan.equipment import Load
from legraise_plan.errors import ExportError
from legraise_plan.plan import Block, Session
from legraise_plan.units import Unit


if TYPE_CHECKING:
    from collections.abc import Mapping


__all__ = ["EXERCISES", "to_fit"]

_INSTALL = "pip install 'legraise-plan[fit]'"

#: The FIT exercise (category, name) written for each catalog variation id.  FIT has
#: no backward leg raise of its own, so each is the nearest movement in the profile;
#: loaded variations take the ``weighted_`` name where FIT has one.
EXERCISES: Final[Mapping[str, tuple[str, str]]] = {
    "standing-hip-extension": ("hip_stability", "standing_rear_leg_raise"),
    "standing-hip-extension-to-neutral": ("hip_stability", "standing_rear_leg_raise"),
    "standing-ankle-weight-hip-extension": ("hip_stability", "weighted_standing_rear_leg_raise"),
    "standing-band-hip-extension": ("banded_exercises", "hip_extension"),
    "standing-band-hip-extension-to-neutral": ("banded_exercises", "hip_extension"),
    "prone-hip-extension": ("leg_raise", "reverse_leg_raise"),
    "prone-hip-extension-to-neutral": ("leg_raise", "reverse_leg_raise"),
    "prone-ankle-weight-hip-extension": ("leg_raise", "weighted_reverse_leg_raise"),
    "prone-ankle-weight-hip-extension-to-neutral": ("leg_raise", "weighted_reverse_leg_raise"),
    "cable-standing-hip-extension": ("hip_stability", "weighted_standing_rear_leg_raise"),
    "cable-standing-hip-extension-to-neutral": (
        "hip_stability",
        "weighted_standing_rear_leg_raise",
    ),
    "glute-hyperextension-45": ("core", "ghd_back_extensions"),
    "glute-ham-raise": ("leg_curl", "leg_curl"),
}

# Field limits of the FIT profile (the largest value is one below the field's "invalid").
_MAX_UINT32: Final = 0xFFFFFFFE
_MAX_WEIGHT: Final = Decimal("655.34")  # exercise_weight: uint16 in 1/100 kg
_MAX_MESSAGE_INDEX: Final = 0x0FFF  # message_index keeps the step number in 12 bits
_MAX_STRING_BYTES: Final = 254  # a field holds 255 bytes, with the closing NUL
_CENT: Final = Decimal("0.01")
#: FIT times count seconds from 1989-12-31 UTC; values below 0x10000000 mean device
#: uptime instead, so absolute times start there.
_FIT_EPOCH: Final = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
_FIRST_TIME: Final = _FIT_EPOCH + dt.timedelta(seconds=0x10000000)
_LAST_TIME: Final = _FIT_EPOCH + dt.timedelta(seconds=_MAX_UINT32)


def to_fit(session: Session, *, name: str | None = None) -> bytes:
    """``session`` as a Garmin FIT workout file (one strength workout).

    Each set is one step whose duration is its reps (per leg for one-leg variations);
    the step names the exercise (the FIT category and name in :data:`EXERCISES`, the
    variation's own name as the step name) and carries the weight for ankle weights
    (per ankle) and cables (the stack).  A rest step with the block's rest follows each
    set but the last of the session (none for a rest of 0 s).  The file's creation time
    is the session's start (naive times taken as UTC), so the same session always gives
    the same bytes.

    >>> import datetime as dt, legraise_plan as lp
    >>> plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7))
    >>> data = to_fit(plan.sessions[0])
    >>> data[8:12], data == to_fit(plan.sessions[0])
    (b'.FIT', True)

    Args:
        session: the session to export.
        name: the workout's name as the watch shows it; by default e.g.
            ``Leg raises accessory 2026-12-07``.

    Returns:
        The FIT file's bytes.

    Raises:
        ExportError: when ``garmin-fit-sdk`` is missing, for a bad argument, or when a
            value does not fit its FIT field (the message names it).
    """
    if not isinstance(session, Session):
        raise ExportError(f"session must be a legraise_plan.Session, got {session!r:.80}")
    title = _check_text(
        f"Leg raises {session.role.label} {session.start.date().isoformat()}"
        if name is None
        else name,
        "name",
    )
    messages = _messages(session, title)
    try:
        from garmin_fit_sdk import Encoder, Profile  # noqa: PLC0415
    except ImportError:
        raise ExportError(f"FIT export needs the garmin-fit-sdk package: {_INSTALL}") from None
    encoder = Encoder()
    numbers = Profile["mesg_num"]
    for kind, fields in messages:
        fields["mesg_num"] = numbers[kind.upper()]
        try:
            encoder.write_mesg(fields)
        except ValueError as error:  # pragma: no cover - every value is checked above
            raise ExportError(f"FIT {kind} message cannot be written: {error}") from None
    return encoder.close()


@functools.cache
def exercise_of(variation_id: str) -> tuple[str, int, str, int] | None:
    """The FIT category and exercise (names and numbers) for a catalog variation id.

    None for a variation FIT has no mapping for (such a step has only its name).

    Raises:
        ExportError: when ``garmin-fit-sdk`` is missing or its profile lacks the names.
    """
    found = EXERCISES.get(variation_id)
    if found is None:
        return None
    try:
        from garmin_fit_sdk import Profile  # noqa: PLC0415
    except ImportError:
        raise ExportError(f"FIT export needs the garmin-fit-sdk package: {_INSTALL}") from None
    category, exercise = found
    types = Profile["types"]
    category_number = _number(types["exercise_category"], category)
    exercise_number = _number(types.get(f"{category}_exercise_name", {}), exercise)
    if category_number is None or exercise_number is None:
        raise ExportError(
            f"the installed FIT profile has no exercise {category}/{exercise}; "
            f"upgrade it: {_INSTALL}"
        )
    return category, category_number, exercise, exercise_number


def _number(values: Mapping[int, str], name: str) -> int | None:
    return next((number for number, value in values.items() if value == name), None)


def _messages(session: Session, title: str) -> list[tuple[str, dict[str, Any]]]:
    """The file's messages as ``(message name, fields)``, every value checked."""
    steps: list[dict[str, Any]] = []
    last = len(session.blocks) - 1
    for number, block in enumerate(session.blocks):
        active = _active_step(block, number)
        rest = _rest_ms(block, number)
        for set_number in range(1, block.sets + 1):
            steps.append({**active, "wkt_step_name": _set_name(block, set_number)})
            if rest and not (number == last and set_number == block.sets):
                steps.append({"duration_type": "time", "duration_value": rest, "intensity": "rest"})
    if len(steps) - 1 > _MAX_MESSAGE_INDEX:
        raise ExportError(
            f"session must have at most {_MAX_MESSAGE_INDEX + 1} FIT steps, got {len(steps)}"
        )
    for index, step in enumerate(steps):
        step["message_index"] = index
        step["target_type"] = "open"
    file_id = {
        "type": "workout",
        "manufacturer": "development",
        "product": 0,
        "serial_number": zlib.crc32(session.uid.encode("utf-8")) or 1,
        "time_created": _time_created(session.start),
    }
    workout = {
        "wkt_name": title,
        "sport": "training",
        "sub_sport": "strength_training",
        "num_valid_steps": len(steps),
    }
    return [("file_id", file_id), ("workout", workout)] + [("workout_step", s) for s in steps]


def _active_step(block: Block, number: int) -> dict[str, Any]:
    where = f"blocks[{number}]"
    reps = block.reps
    if not 1 <= reps <= _MAX_UINT32:
        raise ExportError(f"{where}.reps must be 1..{_MAX_UINT32} for FIT, got {reps}")
    rx = block.prescription
    step: dict[str, Any] = {
        "duration_type": "reps",
        "duration_value": reps,
        "intensity": "active",
        "notes": _check_text(_notes(block), f"{where} notes"),
    }
    exercise = exercise_of(block.variation.id)
    if exercise is not None:
        step["exercise_category"] = exercise[1]
        step["exercise_name"] = exercise[3]
    weight = _weight_kg(rx.load, where)
    if weight is not None:
        step["exercise_weight"] = float(weight)
        unit = rx.load.mass.unit if rx.load.mass is not None else Unit.KG
        step["weight_display_unit"] = "pound" if unit is Unit.LB else "kilogram"
    return step


def _weight_kg(load: Load, where: str) -> Decimal | None:
    """The load's mass in kg to 0.01 kg, or None for loads without one."""
    if load.mass is None:
        return None
    kilograms = load.mass.kilograms
    exact = Decimal(kilograms.numerator) / Decimal(kilograms.denominator)
    rounded = exact.quantize(_CENT, rounding=ROUND_HALF_UP)
    if not _CENT <= rounded <= _MAX_WEIGHT:
        raise ExportError(
            f"{where}.load must weigh 0.01..{_MAX_WEIGHT} kg for FIT, got {load.mass}"
        )
    return rounded


def _rest_ms(block: Block, number: int) -> int:
    rest = block.rest
    milliseconds = (rest.days * 86_400 + rest.seconds) * 1000 + rest.microseconds // 1000
    if not 0 <= milliseconds <= _MAX_UINT32:
        raise ExportError(f"blocks[{number}].rest must be 0..{_MAX_UINT32} ms for FIT, got {rest}")
    return milliseconds


def _set_name(block: Block, set_number: int) -> str:
    text = f"{block.variation.name} {set_number}/{block.sets}"
    return _check_text(text, "step name")


def _notes(block: Block) -> str:
    per = "/leg" if not block.variation.bilateral else ""
    return (
        f"{block.reps} reps{per} · {block.load.label} · tempo {block.tempo} · "
        f"{block.rir} in reserve"
    )


def _check_text(text: object, what: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ExportError(f"{what} must be a non-empty str, got {text!r:.80}")
    if "\x00" in text or len(text.encode("utf-8")) > _MAX_STRING_BYTES:
        raise ExportError(
            f"{what} must be at most {_MAX_STRING_BYTES} UTF-8 bytes without NUL for FIT, "
            f"got {text!r:.80}"
        )
    return text


def _time_created(start: dt.datetime) -> dt.datetime:
    moment = start.replace(tzinfo=dt.UTC) if start.tzinfo is None else start.astimezone(dt.UTC)
    if not _FIRST_TIME <= moment <= _LAST_TIME:
        raise ExportError(
            f"session start must be from {_FIRST_TIME:%Y-%m-%d} to {_LAST_TIME:%Y-%m-%d} "
            f"for FIT, got {start.isoformat()}"
        )
    return moment
