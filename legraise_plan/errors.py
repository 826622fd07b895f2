"""The exception hierarchy: every error legraise_plan raises on purpose.

All errors derive from :class:`LegraisePlanError`, itself a :class:`ValueError`, so
callers can catch one type.  Messages say which value was wrong, what it was and what
is allowed, e.g. ``sets must be 1..10, got 0``.

Errors also carry their facts as data, so callers need not parse messages:

- ``error.field`` names the attribute that was wrong (``"sets"``) when one was, else None;
- :class:`PlanProblemsError` holds every :class:`Problem` found in loaded plan data.

Errors pickle with these facts, so they can cross process boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import attrs


#: The machine codes a :class:`Problem` may carry.
_CODES: Final = (
    "missing_key",
    "unknown_key",
    "wrong_type",
    "invalid_value",
    "unsupported_version",
    "out_of_order",
    "zone_mismatch",
    "duplicate_uid",
)


class LegraisePlanError(ValueError):
    """Base class of every error raised by legraise_plan.

    Args:
        *args: the message (and anything else ``ValueError`` takes).
        field: the name of the attribute that was wrong, when the error is about one.
    """

    field: str | None

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        self.field = field

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild without calling __init__ (subclasses take other arguments), then put
        # back the attributes: ``field``, ``problems`` and any notes.
        return _restore, (type(self), self.args, dict(vars(self)))


def _restore(
    kind: type[LegraisePlanError], args: tuple[object, ...], state: dict[str, Any]
) -> LegraisePlanError:
    """Unpickle an error made by :meth:`LegraisePlanError.__reduce__`."""
    error = kind.__new__(kind)
    error.args = args
    vars(error).update(state)
    return error


class UnitError(LegraisePlanError):
    """A mass or unit is invalid (negative, not finite, unknown unit)."""


class EquipmentError(LegraisePlanError):
    """A load does not fit its equipment (e.g. a band load without a colour)."""


class CatalogError(LegraisePlanError, LookupError):
    """An exercise variation is unknown or the catalog is inconsistent."""


class AthleteError(LegraisePlanError):
    """An athlete's profile is invalid."""


class PrescriptionError(LegraisePlanError):
    """A dose (sets, reps, tempo, rest, reps in reserve) is out of range."""


class ProgressionError(LegraisePlanError):
    """Progression rules, a state or a session outcome is invalid."""


class PlanError(LegraisePlanError):
    """A plan cannot be built from the arguments given."""


class ClearanceRequiredError(PlanError):
    """The plan needs a clinician's clearance that the athlete does not have."""


class ReferralRequiredError(PlanError):
    """No plan can be made: the athlete's answers call for urgent medical assessment."""


class ScheduleError(PlanError):
    """Dates, weekdays, times or time zones are invalid or cannot be scheduled."""


class LogError(LegraisePlanError):
    """A training log entry is invalid, or does not fit the plan it is applied to."""


class ExportError(LegraisePlanError):
    """A plan cannot be exported, or exported data cannot be loaded."""


class PublishError(ExportError):
    """A plan cannot be published to a calendar server (login, calendar, network)."""


def _check_text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ExportError(
            f"{attribute.name} must be non-empty text, got {value!r:.80}", field=attribute.name
        )


def _check_code(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in _CODES:
        raise ExportError(
            f"code must be one of {', '.join(_CODES)}, got {value!r:.80}", field=attribute.name
        )


@attrs.frozen
class Problem:
    """One thing wrong with loaded data: where, what, and a stable code for programs.

    ``path`` locates the value (``sessions[3].blocks[0].sets``, or ``$`` for the whole
    document); ``message`` is the domain's own wording (``sets must be 1..10, got 0``);
    ``code`` is one of:

    - ``missing_key``: a required key is absent;
    - ``unknown_key``: a key the object does not have;
    - ``wrong_type``: the JSON type is wrong (a string where an integer belongs);
    - ``invalid_value``: the type is right but the value is not allowed (out of range,
      unknown name, unparsable date, a failed domain check);
    - ``unsupported_version``: ``schema_version`` is not one this version reads;
    - ``out_of_order``: a session starts before the one listed before it;
    - ``zone_mismatch``: a start's UTC offset disagrees with the plan's time zone;
    - ``duplicate_uid``: a session repeats an earlier session's uid.

    >>> str(Problem("weeks", "weeks must be 1..52, got 0", "invalid_value"))
    'weeks: weeks must be 1..52, got 0'
    """

    path: str = attrs.field(validator=_check_text)
    message: str = attrs.field(validator=_check_text)
    code: str = attrs.field(validator=_check_code)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class PlanProblemsError(ExportError):
    """Plan data has one or more problems; ``problems`` lists every one found.

    ``str()`` gives one ``path: message`` line per problem, in the order found.

    Args:
        problems: the problems, at least one.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        found = tuple(problems)
        if not found or not all(isinstance(p, Problem) for p in found):
            raise ExportError(
                f"problems must be a non-empty sequence of Problem, got {found!r:.80}",
                field="problems",
            )
        super().__init__("\n".join(map(str, found)))
        self.problems = found
