"""Plans for many athletes: batch specs, :func:`build_many` and the batch runner.

A batch is a JSON Lines file: one JSON object per line, each an athlete and the options of
their plan, named by a required ``id`` (see ``docs/batch.md`` for the format and
:func:`batch_schema` for its JSON Schema)::

    {"id": "dana", "start": "2027-01-04", "athlete": {"equipment": ["band"]}, "tz": "Europe/Berlin"}

- :func:`parse_spec` reads one line (or its decoded object) into a :class:`BatchSpec`;
- :func:`build_many` builds specs, in this process or across worker processes, and yields
  one :class:`BatchResult` per spec in input order: the plan (or what ``export`` made of
  it in the worker) or the :class:`~legraise_plan.errors.LegraisePlanError` for that spec;
- :func:`run_batch`, behind ``legraise-plan batch``, reads a file and writes one file per
  athlete (``<id>.ics`` or ``<id>.json``) or one ``plans.jsonl`` stream, resumably.

Everything a worker needs (specs, results, errors, the export functions named in the
docs) pickles, so the same functions run on ``concurrent.futures`` pools here and on a
Dask cluster in :mod:`legraise_plan.dask`.

Why workers should export: whatever a worker returns, the parent unpickles.  A whole
:class:`~legraise_plan.plan.Plan` costs more to send that way than to build (about
0.4 ms against 0.35 ms for a 6-week plan here), and ``lp.to_dict``'s tree of small dicts
about a third of building it, so with either two workers are no faster than one.  Bytes
cost next to nothing: export what will be written (``.ics`` bytes with
``functools.partial(lp.to_ics, stamp=...)``, JSON text) and the plan stays in the worker.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import datetime as dt
import enum
import functools
import json
import multiprocessing
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, Generic, Self, TypeVar, overload

import attrs

import legraise_plan as lp
from legraise_plan import _validate as v
from legraise_plan._files import open_atomic, remove_leftovers, write_atomic
from legraise_plan._validate import did_you_mean as _did_you_mean
from legraise_plan.errors import ExportError, LegraisePlanError, PlanError, PlanProblemsError
from legraise_plan.schedule import parse_days, resolve_zone


if TYPE_CHECKING:
    from multiprocessing.context import BaseContext


__all__ = [
    "MAX_ID_LENGTH",
    "STREAM_NAME",
    "BatchFailure",
    "BatchFormat",
    "BatchResult",
    "BatchSpec",
    "BatchSummary",
    "batch_schema",
    "build_many",
    "build_one",
    "check_id",
    "parse_spec",
    "result_line",
    "run_batch",
]

T = TypeVar("T")
_X = TypeVar("_X")
_R = TypeVar("_R")

#: The longest id a batch line may have.
MAX_ID_LENGTH: Final = 100
#: The file ``--format jsonl`` writes in the output folder.
STREAM_NAME: Final = "plans.jsonl"
#: The longest line a batch file may have, in bytes (a line is usually under 1 KiB).
MAX_LINE_BYTES: Final = 1024 * 1024
#: The most worker processes :func:`build_many` and :func:`run_batch` start.
MAX_WORKERS: Final = 256
#: Chunks in flight per worker: enough to keep every worker busy while the results of
#: the oldest are read, few enough that memory stays flat whatever the batch's length.
_IN_FLIGHT: Final = 4
#: A chunk of specs sent to a worker is sized to take about this long (seconds): long
#: enough that sending it costs little, short enough that Ctrl-C is felt at once.
_CHUNK_SECONDS: Final = 0.1
_FIRST_CHUNK: Final = 1
_MAX_CHUNK: Final = 512

_ID: Final = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,%d}" % (MAX_ID_LENGTH - 1))  # noqa: UP031
#: Names Windows keeps for devices, alone or before a dot (``con.ics`` is the console).
_DEVICE: Final = re.compile(r"(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\..*)?", re.IGNORECASE)
_ID_RULE: Final = (
    f"1 to {MAX_ID_LENGTH} characters of ASCII letters, digits, '-', '_' and '.', not "
    "starting with '.', and not a Windows device name (con, prn, aux, nul, com1-com9, "
    "lpt1-lpt9, in any case, alone or before a dot)"
)
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME: Final = re.compile(r"[0-9]{2}:[0-9]{2}(?::[0-9]{2})?")
_DURATION: Final = re.compile(
    r"PT(?:(?P<h>[0-9]{1,11})H)?(?:(?P<m>[0-9]{1,9})M)?"
    r"(?:(?P<s>[0-9]{1,9})(?:\.(?P<us>[0-9]{1,6}))?S)?"
)
_DECIMAL: Final = re.compile(r"-?[0-9]{1,30}(?:\.[0-9]{1,30})?")
#: The start of a line this module wrote to a stream: its id, read without parsing the plan.
_STREAM_ID: Final = re.compile(rb'\{"id":"([A-Za-z0-9._-]{1,%d})",' % MAX_ID_LENGTH)


class BatchFormat(enum.StrEnum):
    """What :func:`run_batch` writes: a file per athlete, or one JSON Lines stream."""

    #: ``<id>.ics``, an iCalendar file per athlete.
    ICS = "ics"
    #: ``<id>.json``, the plan as :func:`~legraise_plan.formats.json.to_dict` writes it.
    JSON = "json"
    #: ``plans.jsonl``: one line ``{"id": ..., "plan": {...}}`` per plan.
    JSONL = "jsonl"


# --------------------------------------------------------------------------- the spec


def check_id(value: object) -> str:
    r"""Return ``value`` if it is a safe batch id, else raise a :class:`PlanError`.

    A safe id is 1 to 100 characters of ASCII letters, digits, ``-``, ``_`` and ``.``,
    not starting with ``.`` (no hidden files, no ``..``), and not a name Windows keeps
    for a device (``con``, ``prn``, ``aux``, ``nul``, ``com1``-``com9``,
    ``lpt1``-``lpt9``, in any case, alone or before a dot).  It names the athlete's
    output file, so it can hold no ``/``, ``\``, NUL or other path syntax.

    >>> check_id("user-0042")
    'user-0042'
    """
    if not isinstance(value, str):
        raise PlanError(f"id must be text ({_ID_RULE}), got {_got(value)}", field="id")
    if not _ID.fullmatch(value) or _DEVICE.fullmatch(value):
        raise PlanError(f"id must be {_ID_RULE}, got {_short(value)}", field="id")
    return value


def _check_id(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    check_id(value)


def _to_enum(kind: type[enum.Enum]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, kind):
            with contextlib.suppress(ValueError):
                return kind(value.strip().lower())
        return value

    return convert


def _to_role(value: Any) -> Any:
    return _to_enum(lp.Role)(value)


def _to_periodization(value: Any) -> Any:
    return _to_enum(lp.Periodization)(value)


def _to_days(value: Any) -> tuple[lp.Weekday, ...]:
    try:
        return _parsed_days(value if isinstance(value, str) else tuple(value))
    except TypeError:  # not iterable, or an item is unhashable: parse_days says why
        pass
    except LegraisePlanError as exc:
        raise lp.ScheduleError(str(exc), field="days") from None
    try:
        return parse_days(value)
    except LegraisePlanError as exc:
        raise lp.ScheduleError(str(exc), field="days") from None


@functools.lru_cache(maxsize=256)
def _parsed_days(days: str | tuple[Any, ...]) -> tuple[lp.Weekday, ...]:
    """``parse_days``, remembered: a batch repeats a few calendars many times."""
    return parse_days(days)


def _to_tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, (list, tuple, frozenset, set)) else value


def _date_value(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise PlanError(f"{attribute.name} must be a date, got {value!r:.80}", field=attribute.name)


def _dates(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    v.instance_of(tuple, PlanError)(_inst, attribute, value)
    for item in value:  # type: ignore[attr-defined]
        if not isinstance(item, dt.date) or isinstance(item, dt.datetime):
            raise PlanError(
                f"{attribute.name} items must be dates, got {item!r:.80}", field=attribute.name
            )


def _whole(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanError(
            f"{attribute.name} must be a whole number, got {value!r:.80}", field=attribute.name
        )


def _flag(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise PlanError(
            f"{attribute.name} must be True or False, got {value!r:.80}", field=attribute.name
        )


def _local_time(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise PlanError(
            f"{attribute.name} must be a time of day without zone, got {value!r:.80}",
            field=attribute.name,
        )


def _zone(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    try:
        resolve_zone(value)  # type: ignore[arg-type]
    except LegraisePlanError as exc:
        raise lp.ScheduleError(str(exc), field=attribute.name) from None


def _optional(kind: type[Any]) -> v.Validator:
    check = v.instance_of(kind, PlanError)

    def validate(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(inst, attribute, value)

    return validate


@attrs.frozen(kw_only=True)
class BatchSpec:
    """One athlete of a batch and the options of their plan, named by a safe ``id``.

    The fields are :func:`~legraise_plan.plan.build_plan`'s arguments; ``plan_id``
    defaults to the ``id``, so every session uid is stable per athlete.  Types are
    checked here (strings are accepted for ``role``, ``periodization`` and ``days`` as
    in ``build_plan``); ranges and combinations are checked when the plan is built, and
    :func:`build_many` reports those errors per spec.

    >>> spec = BatchSpec(id="dana", start=dt.date(2027, 1, 4), days="tue,thu")
    >>> len(spec.build().sessions)
    12
    """

    id: str = attrs.field(validator=_check_id)
    start: dt.date = attrs.field(validator=_date_value)
    athlete: lp.Athlete = attrs.field(
        factory=lp.Athlete, validator=v.instance_of(lp.Athlete, PlanError)
    )
    role: lp.Role = attrs.field(
        default=lp.Role.ACCESSORY,
        converter=_to_role,
        validator=v.member_of(lp.Role, PlanError),
    )
    weeks: int = attrs.field(default=6, validator=_whole)
    days: tuple[lp.Weekday, ...] = attrs.field(default=("MO", "WE", "FR"), converter=_to_days)
    at: dt.time = attrs.field(default=dt.time(18, 0), validator=_local_time)
    tz: str | None = attrs.field(default=None, validator=_zone)
    periodization: lp.Periodization = attrs.field(
        default=lp.Periodization.LINEAR,
        converter=_to_periodization,
        validator=v.member_of(lp.Periodization, PlanError),
    )
    skip: tuple[dt.date, ...] = attrs.field(default=(), converter=_to_tuple, validator=_dates)
    reschedule: bool = attrs.field(default=False, validator=_flag)
    after: dt.timedelta | None = attrs.field(default=None, validator=_optional(dt.timedelta))
    allow_close_sessions: bool = attrs.field(default=False, validator=_flag)
    deload_every: int = attrs.field(default=6, validator=_whole)
    note: str = attrs.field(default="", validator=v.instance_of(str, PlanError))
    plan_id: str | None = attrs.field(default=None, validator=_optional(str))

    def build(self) -> lp.Plan:
        """The plan of this spec (``build_plan`` with its fields).

        Raises:
            PlanError: as :func:`~legraise_plan.plan.build_plan` does for bad arguments.
        """
        return lp.build_plan(
            self.athlete,
            role=self.role,
            weeks=self.weeks,
            start=self.start,
            days=self.days,
            at=self.at,
            tz=self.tz,
            periodization=self.periodization,
            skip=self.skip,
            reschedule=self.reschedule,
            after=self.after,
            allow_close_sessions=self.allow_close_sessions,
            deload_every=self.deload_every,
            note=self.note,
            plan_id=self.id if self.plan_id is None else self.plan_id,
        )


# --------------------------------------------------------------------------- reading lines


class _Bad(Exception):  # noqa: N818 - a private signal, not an error users see
    """A value could not be read: ``code`` and ``message`` for the caller to record."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class _Recorded(Exception):  # noqa: N818 - a private signal
    """A container's items had problems; they are recorded already."""


_Problems = list[lp.Problem]
_Read = Callable[[Any, str, _Problems], Any]

_JSON_NAMES: Final = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (dict, "object"),
    (list, "array"),
    (type(None), "null"),
)


def _short(value: object) -> str:
    """A value for a message: its repr, escaped and cut to a readable length."""
    if isinstance(value, (list, dict)) and len(value) > 10:
        return f"<{len(value)} items>"
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # pragma: no cover - nested too deep to show
        return "<too deep to show>"
    return text if len(text) <= 60 else text[:50] + "…" + text[-5:]


def _got(value: object) -> str:
    kind = next((name for t, name in _JSON_NAMES if isinstance(value, t)), type(value).__name__)
    return f"{kind} {_short(value)}"


def _string(value: Any, _path: str, _problems: _Problems) -> str:
    if not isinstance(value, str):
        raise _Bad("wrong_type", f"expected a string, got {_got(value)}")
    return value


def _integer(value: Any, _path: str, _problems: _Problems) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad("wrong_type", f"expected an integer, got {_got(value)}")
    return value


def _boolean(value: Any, _path: str, _problems: _Problems) -> bool:
    if not isinstance(value, bool):
        raise _Bad("wrong_type", f"expected true or false, got {_got(value)}")
    return value


def _choice(kind: type[enum.Enum]) -> _Read:
    members = {str(member.value): member for member in kind}
    allowed = ", ".join(members)

    def read(value: Any, _path: str, _problems: _Problems) -> Any:
        if not isinstance(value, str):
            raise _Bad("wrong_type", f"must be one of {allowed}, got {_got(value)}")
        member = members.get(value)
        if member is None:
            hint = _did_you_mean(value, list(members))
            raise _Bad("invalid_value", f"must be one of {allowed}, got {_got(value)}{hint}")
        return member

    return read


def _parsed(pattern: re.Pattern[str], parse: Callable[[str], _R], example: str) -> _Read:
    def read(value: Any, _path: str, _problems: _Problems) -> _R:
        if not isinstance(value, str):
            raise _Bad("wrong_type", f"expected {example}, got {_got(value)}")
        try:
            if pattern.fullmatch(value):
                return parse(value)
        except (ValueError, OverflowError):
            pass
        raise _Bad("invalid_value", f"expected {example}, got {_got(value)}")

    return read


def _parse_duration(text: str) -> dt.timedelta:
    match = _DURATION.fullmatch(text)
    if match is None or text == "PT":
        raise ValueError(text)
    hours, minutes, seconds, micros = match.group("h", "m", "s", "us")
    return dt.timedelta(
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
        microseconds=int((micros or "0").ljust(6, "0")),
    )


def _nullable(read: _Read) -> _Read:
    def read_or_null(value: Any, path: str, problems: _Problems) -> Any:
        return None if value is None else read(value, path, problems)

    return read_or_null


def _array(item: _Read) -> _Read:
    def read(value: Any, path: str, problems: _Problems) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _Bad("wrong_type", f"expected an array, got {_got(value)}")
        items, bad = [], False
        for i, element in enumerate(value):
            try:
                items.append(_read_value(item, element, f"{path}[{i}]", problems))
            except _Recorded:
                bad = True
        if bad:
            raise _Recorded
        return tuple(items)

    return read


def _read_value(read: _Read, value: Any, path: str, problems: _Problems) -> Any:
    """``read(value)``, recording its own problem at ``path`` (then raising _Recorded)."""
    try:
        return read(value, path, problems)
    except _Bad as bad:
        problems.append(lp.Problem(path, bad.message, bad.code))
        raise _Recorded from None


def _join(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _read_object(
    value: Any,
    path: str,
    problems: _Problems,
    fields: Mapping[str, _Read],
    required: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Read the keys of a JSON object; unknown keys and missing required keys are problems."""
    if not isinstance(value, dict):
        raise _Bad("wrong_type", f"expected an object, got {_got(value)}")
    bad = False
    allowed = ", ".join(fields)
    for key in value:
        if key not in fields:
            bad = True
            hint = _did_you_mean(key, list(fields))
            problems.append(
                lp.Problem(
                    _join(path, _short(key) if not key.isidentifier() else key),
                    f"unknown key{hint}; allowed keys: {allowed}",
                    "unknown_key",
                )
            )
    for key in sorted(required - value.keys(), key=list(fields).index):
        bad = True
        problems.append(lp.Problem(_join(path, key), "missing", "missing_key"))
    read: dict[str, Any] = {}
    for key, reader in fields.items():
        if key in value:
            try:
                read[key] = _read_value(reader, value[key], _join(path, key), problems)
            except _Recorded:
                bad = True
    if bad:
        raise _Recorded
    return read


def _make(make: Callable[..., _R], fields: dict[str, Any], path: str, problems: _Problems) -> _R:
    """``make(**fields)``, recording a domain error at the path of the field it names."""
    try:
        return make(**fields)
    except LegraisePlanError as exc:
        where = _join(path, exc.field) if exc.field in fields else path or "$"
        problems.append(lp.Problem(where, " ".join(str(exc).split()), "invalid_value"))
        raise _Recorded from None


def _read_mass(value: Any, path: str, problems: _Problems) -> lp.Mass:
    fields = _read_object(value, path, problems, _MASS_KEYS, frozenset(_MASS_KEYS))
    return _make(lp.Mass, fields, path, problems)


def _read_athlete(value: Any, path: str, problems: _Problems) -> lp.Athlete:
    fields = _read_object(value, path, problems, _ATHLETE_KEYS)
    return _make(lp.Athlete, fields, path, problems)


_MASS_KEYS: Final[dict[str, _Read]] = {
    "amount": _parsed(_DECIMAL, str, 'a decimal string like "2.5"'),
    "unit": _choice(lp.Unit),
}
#: The keys of ``athlete``: a saved plan's athlete object, every key optional.
_ATHLETE_KEYS: Final[dict[str, _Read]] = {
    "equipment": _array(_choice(lp.Equipment)),
    "level": _choice(lp.Level),
    "units": _choice(lp.Unit),
    "conditions": _array(_choice(lp.Condition)),
    "cleared": _boolean,
    "name": _string,
    "ankle_weight_max": _nullable(_read_mass),
    "cable_increment": _nullable(_read_mass),
    "pulley_ratio": _integer,
    "band_setup": _choice(lp.BandSetup),
    "band_brand": _string,
    "surgical_approach": _nullable(_choice(lp.SurgicalApproach)),
}
_DATE_READ: Final = _parsed(_DATE, dt.date.fromisoformat, "an ISO 8601 date like 2027-01-04")
#: The keys of a batch line, in the order the docs list them.
_LINE_KEYS: Final[dict[str, _Read]] = {
    "id": _string,
    "start": _DATE_READ,
    "athlete": _read_athlete,
    "role": _choice(lp.Role),
    "weeks": _integer,
    "days": _array(_choice(lp.Weekday)),
    "at": _parsed(_TIME, dt.time.fromisoformat, "a time of day like 18:00 or 18:00:00"),
    "tz": _nullable(_string),
    "periodization": _choice(lp.Periodization),
    "skip": _array(_DATE_READ),
    "reschedule": _boolean,
    "after": _nullable(_parsed(_DURATION, _parse_duration, "an ISO 8601 duration like PT15M")),
    "allow_close_sessions": _boolean,
    "deload_every": _integer,
    "note": _string,
    "plan_id": _string,
}
_REQUIRED: Final = frozenset({"id", "start"})


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"key {_short(key)} repeats")
        found[key] = value
    return found


def _decode(text: str | bytes) -> Any:
    """The JSON value of one line; ``_Bad`` when it is not UTF-8 JSON."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Bad("invalid_value", f"not UTF-8 text (byte {exc.start + 1})") from None
    try:
        return json.loads(
            text.removeprefix("\ufeff"),
            object_pairs_hook=_unique_keys,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as exc:
        raise _Bad("invalid_value", f"not JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise _Bad("invalid_value", "not JSON this reads: nested too deeply") from None
    except ValueError as exc:  # a repeated key, NaN or Infinity, or a 4,300+ digit number
        raise _Bad("invalid_value", f"not JSON this reads: {exc}") from None


def _read_spec(data: str | bytes | Mapping[str, Any]) -> tuple[str | None, BatchSpec]:
    """The id and spec of one line.

    Raises:
        _NamedProblems: every problem of a bad line, and its id when that could be read.
    """
    problems: _Problems = []
    value: Any = data
    try:
        if isinstance(data, (str, bytes)):
            value = _decode(data)
        if isinstance(value, Mapping) and not isinstance(value, dict):
            value = dict(value)
        fields = _read_object(value, "", problems, _LINE_KEYS, _REQUIRED)
    except _Bad as bad:
        problems.append(lp.Problem("$", bad.message, bad.code))
        fields = None
    except _Recorded:
        fields = None
    raw_id = value.get("id") if isinstance(value, dict) else None
    try:
        known_id = check_id(raw_id)
    except PlanError:
        known_id = None
    if fields is not None:
        try:
            return known_id, _make(BatchSpec, fields, "", problems)
        except _Recorded:
            pass
    raise _NamedProblems(known_id, problems)


class _NamedProblems(Exception):  # noqa: N818 - a private carrier of the problems and the id
    def __init__(self, id_: str | None, problems: _Problems) -> None:
        super().__init__(id_)
        self.id = id_
        self.problems = problems


def parse_spec(data: str | bytes | Mapping[str, Any]) -> BatchSpec:
    """Read one batch line (JSON text, or the object it decodes to) into a :class:`BatchSpec`.

    The line is an object with a required ``id`` (see :func:`check_id`) and ``start``
    (``"2027-01-04"``), an optional ``athlete`` (a saved plan's athlete object, every key
    optional) and optional plan options named as :func:`~legraise_plan.plan.build_plan`'s
    arguments, in the JSON forms of a saved plan: ``role``, ``weeks``, ``days``
    (``["MO", "WE"]``), ``at`` (``"18:00"``), ``tz``, ``periodization``, ``skip``,
    ``reschedule``, ``after`` (``"PT15M"``), ``allow_close_sessions``, ``deload_every``,
    ``note`` and ``plan_id`` (default: the id).  Reading is strict: no unknown keys, no
    repeated keys, no strings for numbers.

    Raises:
        PlanProblemsError: listing every problem found, each with its path
            (``athlete.level``, ``days[1]``) and a code, as
            :func:`~legraise_plan.formats.json.from_dict` reports them.

    >>> spec = parse_spec('{"id": "dana", "start": "2027-01-04", "athlete": {"level": "advanced"}}')
    >>> spec.id, spec.athlete.level.value
    ('dana', 'advanced')
    """
    try:
        return _read_spec(data)[1]
    except _NamedProblems as named:
        raise PlanProblemsError(named.problems) from None


def batch_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one batch line, as the package ships it.

    Built from the plan schema (:func:`~legraise_plan.formats.schema.json_schema`), so the
    athlete's keys and the options' values cannot drift from a saved plan's.  Like the
    plan schema it checks the shape only: a line it refuses, :func:`parse_spec` refuses
    too; a line it accepts may still be refused there (an unknown time zone, a bad id
    such as ``con``) or when the plan is built (``weeks`` 0).  The same schema is
    ``legraise_plan/schemas/batch.schema.json`` (a test keeps the two equal); after a
    change, write it again with ``json.dumps(batch_schema(), indent=2,
    ensure_ascii=False)`` and a final newline.

    >>> batch_schema()["required"]
    ['id', 'start']
    """
    plan = lp.json_schema("plan")
    top, defs = plan["properties"], plan["$defs"]
    options = defs["options"]["properties"]
    athlete = {key: value for key, value in defs["athlete"].items() if key != "required"}
    properties: dict[str, Any] = {
        "id": {
            "type": "string",
            "pattern": r"^(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,%d})(?![\s\S])"  # noqa: UP031
            % (MAX_ID_LENGTH - 1),
            "description": f"names the athlete's output file: {_ID_RULE}",
        },
        "start": top["start"],
        "athlete": {"$ref": "#/$defs/athlete"},
        "role": top["role"],
        "weeks": top["weeks"],
        "days": top["days"],
        "at": {
            "type": "string",
            "pattern": "^(?:[0-9]{2}:[0-9]{2}(?::[0-9]{2})?)(?![\\s\\S])",
            "description": "time of day without UTC offset, e.g. 18:00 or 18:00:00",
        },
        "tz": top["tz"],
        "periodization": top["periodization"],
        "skip": options["skip"],
        "reschedule": options["reschedule"],
        "after": options["after"],
        "allow_close_sessions": options["allow_close_sessions"],
        "deload_every": options["deload_every"],
        "note": top["note"],
        "plan_id": {**top["plan_id"], "description": "default: the id"},
    }
    return {
        "$schema": plan["$schema"],
        "title": "legraise_plan batch line (one athlete and the options of their plan)",
        "type": "object",
        "properties": properties,
        "required": sorted(_REQUIRED, key=list(_LINE_KEYS).index),
        "additionalProperties": False,
        "$defs": {"athlete": athlete, "mass": defs["mass"]},
    }


# --------------------------------------------------------------------------- results


def _error_key(error: LegraisePlanError | None) -> tuple[Any, ...] | None:
    """Errors compare by type, message and field (a pickled copy equals its original)."""
    return None if error is None else (type(error), error.args, error.field)


def _check_error(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, LegraisePlanError):
        raise PlanError(f"error must be a LegraisePlanError or None, got {value!r:.80}")


def _check_result_id(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_id(value)


@attrs.frozen
class BatchResult(Generic[T]):
    """What one spec of a batch gave: its value, or the error that stopped it.

    ``value`` is the plan, or what ``export`` made of it in the worker; ``error`` the
    :class:`~legraise_plan.errors.LegraisePlanError` of a spec that could not be read,
    built or exported (then ``value`` is None).  ``id`` is the spec's id; None only for a
    line that could not be read far enough to know it.  Results compare equal across
    processes: errors compare by type, message and field.

    >>> BatchResult("dana", error=PlanError("weeks must be 1..52, got 0")).ok
    False
    """

    id: str | None = attrs.field(validator=_check_result_id)
    value: T | None = None
    error: LegraisePlanError | None = attrs.field(
        default=None, validator=_check_error, eq=_error_key
    )

    @property
    def ok(self) -> bool:
        """True when the spec gave a value (no error)."""
        return self.error is None

    def unwrap(self) -> T:
        """The value; the error is raised again for a failed spec.

        Raises:
            LegraisePlanError: the spec's error.
        """
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


@overload
def build_one(
    spec: BatchSpec | str | bytes | Mapping[str, Any], *, export: None = None
) -> BatchResult[lp.Plan]: ...
@overload
def build_one(
    spec: BatchSpec | str | bytes | Mapping[str, Any], *, export: Callable[[lp.Plan], T]
) -> BatchResult[T]: ...
def build_one(
    spec: BatchSpec | str | bytes | Mapping[str, Any],
    *,
    export: Callable[[lp.Plan], Any] | None = None,
) -> BatchResult[Any]:
    """Build one spec (or batch line) and export its plan; errors become the result.

    This is what each worker of :func:`build_many` runs per spec, and what
    :mod:`legraise_plan.dask` maps over a bag.

    Args:
        spec: a :class:`BatchSpec`, or a batch line (JSON text, or its object) that is
            read with :func:`parse_spec` first.
        export: a function of the plan (``lp.to_dict``, ``functools.partial(lp.to_ics,
            stamp=...)``); the result then holds what it returns instead of the plan.

    Returns:
        The result: the value, or the :class:`~legraise_plan.errors.LegraisePlanError`
        raised while reading, building or exporting.  Other exceptions propagate.

    >>> result = build_one('{"id": "dana", "start": "2027-01-04", "weeks": 0}')
    >>> result.id, result.ok, result.error.field
    ('dana', False, 'weeks')
    """
    known: str | None = None
    try:
        if isinstance(spec, BatchSpec):
            known = spec.id
        else:
            known, spec = _read_spec(spec)
        plan = spec.build()
        return BatchResult(known, plan if export is None else export(plan))
    except _NamedProblems as named:
        return BatchResult(named.id, error=PlanProblemsError(named.problems))
    except LegraisePlanError as exc:
        return BatchResult(known, error=exc)


def _check_workers(workers: object) -> int:
    if workers is None:
        return 1
    if isinstance(workers, bool) or not isinstance(workers, int):
        raise PlanError(
            f"workers must be None or a whole number 1..{MAX_WORKERS}, got {workers!r:.80}",
            field="workers",
        )
    if not 1 <= workers <= MAX_WORKERS:
        raise PlanError(f"workers must be 1..{MAX_WORKERS}, got {workers}", field="workers")
    return workers


@overload
def build_many(
    specs: Iterable[BatchSpec | str | bytes | Mapping[str, Any]],
    *,
    workers: int | None = None,
    export: None = None,
) -> Iterator[BatchResult[lp.Plan]]: ...
@overload
def build_many(
    specs: Iterable[BatchSpec | str | bytes | Mapping[str, Any]],
    *,
    workers: int | None = None,
    export: Callable[[lp.Plan], T],
) -> Iterator[BatchResult[T]]: ...
def build_many(
    specs: Iterable[BatchSpec | str | bytes | Mapping[str, Any]],
    *,
    workers: int | None = None,
    export: Callable[[lp.Plan], Any] | None = None,
) -> Iterator[BatchResult[Any]]:
    """Build many plans, in this process or in worker processes; results in input order.

    ``specs`` is read lazily and only a bounded number of specs is in flight (four
    chunks per worker, each sized to take about 0.1 s), so memory stays flat however
    many there are; results come as soon as they are ready, in the order of ``specs``.
    A spec that cannot be read, built or exported gives a result with its error, and
    the batch goes on.

    Args:
        specs: :class:`BatchSpec` values, or batch lines (JSON text or objects), which
            are then read in the workers.
        workers: None or 1 builds in this process; N > 1 (at most 256) starts N worker
            processes (``concurrent.futures.ProcessPoolExecutor``, started with
            ``forkserver`` where the system has it, else ``spawn``) for this call.
        export: a function applied to each plan where it was built, e.g. ``lp.to_dict``
            or ``functools.partial(lp.to_ics, stamp=...)``; the results then hold what
            it returns.  With workers it must pickle (a module-level function, or a
            ``functools.partial`` of one).  Use it with workers, and return bytes where
            you can: sending a whole plan back costs more than building it, and a
            ``to_dict`` tree a third as much (see the module docs).

    Returns:
        An iterator of :class:`BatchResult`, one per spec, in input order.

    Raises:
        PlanError: ``workers`` is not None or 1..256, or ``export`` cannot be pickled
            for the workers (raised here, before any work).
        concurrent.futures.process.BrokenProcessPool: a worker process died (killed,
            or out of memory).

    >>> specs = [BatchSpec(id=f"u{i}", start=dt.date(2027, 1, 4), weeks=i) for i in (1, 0)]
    >>> [(r.id, r.ok) for r in build_many(specs, export=lp.to_dict)]
    [('u1', True), ('u0', False)]
    """
    count = _check_workers(workers)
    if count > 1 and export is not None:
        _check_picklable(export, "export")
    return _in_order(functools.partial(build_one, export=export), specs, count)


def _check_picklable(value: object, name: str) -> None:
    import pickle  # noqa: PLC0415 - only with workers

    try:
        pickle.dumps(value)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        raise PlanError(
            f"{name} must pickle to reach the worker processes (a module-level function, "
            f"or a functools.partial of one), got {value!r:.120} ({exc})",
            field=name,
        ) from None


# --------------------------------------------------------------------------- in order


@attrs.frozen
class _Ready(Generic[_R]):
    """An item whose result is known without a worker (a bad or skipped line)."""

    value: _R


def _run_chunk(task: Callable[[_X], _R], items: list[_X]) -> tuple[list[_R], float]:
    """What a worker runs: the task on a chunk of items; the results and the seconds."""
    start = time.perf_counter()
    results = [task(item) for item in items]
    return results, time.perf_counter() - start


def _quiet_worker() -> None:
    """Workers ignore Ctrl-C: the parent stops the batch, and running chunks end whole."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> BaseContext:
    """How worker processes start: ``forkserver`` (safe with threads) where there is one.

    Not ``fork``: a copy of a process that runs threads (a progress bar's, a Dask
    client's) can deadlock.  Each worker imports the package once, when it starts.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return multiprocessing.get_context("spawn")  # Windows
    return multiprocessing.get_context("forkserver")


def _in_order(
    task: Callable[[_X], _R], items: Iterable[_X | _Ready[_R]], workers: int
) -> Generator[_R]:
    """``task`` of every item (ready items as they are), in order, with ``workers``."""
    if workers == 1:
        return (item.value if isinstance(item, _Ready) else task(item) for item in items)
    return _Window(task, workers).run(items)


def _chunk_size(count: int, seconds: float) -> int:
    """How many items to send next, after ``count`` items took ``seconds`` in a worker."""
    if seconds <= 0:
        return _MAX_CHUNK
    return max(1, min(_MAX_CHUNK, int(_CHUNK_SECONDS * count / seconds)))


class _Window(Generic[_X, _R]):
    """A process pool fed chunks of items; a bounded window of them in flight, in order.

    Chunks are sized from the last one's time in its worker, to take about
    ``_CHUNK_SECONDS``: sending them costs little, and an interrupt waits at most for
    the chunks already running.
    """

    def __init__(self, task: Callable[[_X], _R], workers: int) -> None:
        self.task = task
        self.limit = workers * _IN_FLIGHT
        self.size = _FIRST_CHUNK
        self.queue: collections.deque[Future[tuple[list[_R], float]] | _Ready[_R]]
        self.queue = collections.deque()
        self.pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=_context(), initializer=_quiet_worker
        )

    def run(self, items: Iterable[_X | _Ready[_R]]) -> Generator[_R]:
        """The results of ``items`` in order; the pool is shut down at the end."""
        try:
            chunk: list[_X] = []
            for item in items:
                if isinstance(item, _Ready):
                    self.send(chunk)
                    chunk = []
                    self.queue.append(item)
                else:
                    chunk.append(item)
                    if len(chunk) < self.size:
                        continue
                    self.send(chunk)
                    chunk = []
                yield from self.drain(self.limit)
            self.send(chunk)
            yield from self.drain(-1)
        finally:
            # Normal end, an error, an interrupt or a consumer that stopped early: queued
            # chunks are dropped; running ones finish (their files are whole).
            self.pool.shutdown(wait=True, cancel_futures=True)

    def send(self, chunk: list[_X]) -> None:
        """Send a chunk to the workers (nothing for an empty one)."""
        if chunk:
            self.queue.append(self.pool.submit(_run_chunk, self.task, chunk))

    def drain(self, limit: int) -> Iterator[_R]:
        """Results from the front of the queue, in order.

        All that are ready come at once; the oldest is waited for while more than
        ``limit`` entries are queued (with -1, until the queue is empty).
        """
        queue = self.queue
        while queue:
            head = queue[0]
            if not isinstance(head, _Ready) and not head.done() and len(queue) <= limit:
                return
            queue.popleft()
            if isinstance(head, _Ready):
                yield head.value
                continue
            results, seconds = head.result()
            self.size = _chunk_size(len(results), seconds)
            yield from results


# --------------------------------------------------------------------------- the runner


@attrs.frozen
class BatchFailure:
    """A line of a batch file that gave no output: where, which id, and why.

    ``str()`` is one line: ``line 3 (id 'dana'): athlete.level: must be one of ...``.
    """

    line: int
    id: str | None
    error: LegraisePlanError = attrs.field(eq=_error_key)

    @property
    def message(self) -> str:
        """The error as one line; several problems as ``3 problems: a: x; b: y; c: z``."""
        problems = self.error.problems if isinstance(self.error, PlanProblemsError) else ()
        if len(problems) < 2:
            return " ".join(str(self.error).split())
        shown = "; ".join(" ".join(str(p).split()) for p in problems[:5])
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        return f"{len(problems)} problems: {shown}{more}"

    def __str__(self) -> str:
        named = f" (id {self.id!r})" if self.id is not None else ""
        return f"line {self.line}{named}: {self.message}"


@attrs.frozen
class BatchSummary:
    """What :func:`run_batch` did: its counts of lines and outputs, and where they are.

    ``lines`` counts the non-blank lines read; each gave one output ``written``, was
    ``skipped`` (its output was complete already) or ``failed``.
    """

    lines: int
    written: int
    skipped: int
    failed: int
    output: Path

    def summary(self) -> str:
        """One line, e.g. ``10 lines: 7 written, 1 skipped (complete already), 2 failed -> out``."""
        return (
            f"{self.lines} lines: {self.written} written, {self.skipped} skipped "
            f"(complete already), {self.failed} failed -> {self.output}"
        )


@attrs.frozen
class _Outcome:
    """One line's end: written (or a stream line), skipped, or failed."""

    line: int
    id: str | None
    error: LegraisePlanError | None = None
    skipped: bool = False
    data: bytes = b""


def _render(plan: lp.Plan, output_format: BatchFormat, stamp: dt.datetime | None) -> bytes:
    if output_format is BatchFormat.ICS:
        return lp.to_ics(plan, stamp=stamp)
    return (json.dumps(lp.to_dict(plan), indent=2, ensure_ascii=False) + "\n").encode()


def result_line(result: BatchResult[Any]) -> str:
    """One JSON line (without the newline) for a result whose value is ``lp.to_dict``'s.

    ``{"id":"dana","plan":{...}}`` for a plan, ``{"id":"dana","error":"..."}`` for an
    error: the lines of ``plans.jsonl`` and of :func:`legraise_plan.dask.to_json_lines`.
    """
    if result.error is not None:
        line = {"id": result.id, "error": BatchFailure(0, result.id, result.error).message}
    else:
        line = {"id": result.id, "plan": result.value}
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


def _work(
    item: tuple[int, BatchSpec],
    *,
    folder: Path,
    output_format: BatchFormat,
    stamp: dt.datetime | None,
) -> _Outcome:
    """What a worker of the runner does with one line: build, render, write (or return)."""
    number, spec = item
    try:
        plan = spec.build()
        if output_format is BatchFormat.JSONL:
            line = result_line(BatchResult(spec.id, lp.to_dict(plan)))
            return _Outcome(number, spec.id, data=line.encode() + b"\n")
        data = _render(plan, output_format, stamp)
        write_atomic(folder / f"{spec.id}.{output_format.value}", data, clean=False)
    except LegraisePlanError as exc:
        return _Outcome(number, spec.id, error=exc)
    return _Outcome(number, spec.id)


def _numbered_lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` of every line; None for a line longer than the limit."""
    number = 0
    while True:
        try:
            line = handle.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            number += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # the rest of the long line
                    line = handle.readline(65536)
                yield number, None
                continue
        except OSError as exc:
            raise ExportError(f"cannot read the batch input: {exc.strerror}") from None
        yield number, line


def _stream_ids(path: Path) -> set[str]:
    """The ids of an existing ``plans.jsonl`` (each line starts ``{"id":"...",``)."""
    ids: set[str] = set()
    try:
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                match = _STREAM_ID.match(line)
                if match is None or not line.endswith(b"\n"):
                    raise ExportError(
                        f"{path} line {number} is not a plan line of this command (it starts "
                        f"{line[:40]!r}); move the file away to write a new stream"
                    )
                ids.add(match.group(1).decode("ascii").lower())
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror}") from None
    return ids


def _check_stamp(stamp: object) -> dt.datetime | None:
    if stamp is not None and (not isinstance(stamp, dt.datetime) or stamp.tzinfo is None):
        raise ExportError(
            f"stamp must be None or a datetime with a zone, got {stamp!r:.80}", field="stamp"
        )
    return stamp


def _output_folder(out: str | os.PathLike[str]) -> Path:
    """The output folder, made when missing (its parent must exist)."""
    folder = Path(out)
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise ExportError(f"output must be a folder, got the file {str(folder)!r:.120}") from None
    except OSError as exc:
        raise ExportError(
            f"cannot make the output folder {str(folder)!r:.120}: {exc.strerror}"
        ) from None
    return folder


@contextlib.contextmanager
def _open_source(source: str | os.PathLike[str] | IO[bytes]) -> Iterator[IO[bytes]]:
    if not isinstance(source, (str, os.PathLike)):
        yield source
        return
    path = Path(source)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise ExportError(f"cannot read {str(path)!r:.120}: no such file") from None
    except IsADirectoryError:
        raise ExportError(f"cannot read {str(path)!r:.120}: it is a folder") from None
    except OSError as exc:
        raise ExportError(f"cannot read {str(path)!r:.120}: {exc.strerror}") from None
    with handle:
        yield handle


def _count_lines(source: str | os.PathLike[str] | IO[bytes]) -> int | None:
    """How many lines a regular input file has (for the progress bar), else None."""
    if not isinstance(source, (str, os.PathLike)) or not Path(source).is_file():
        return None
    count, last = 0, b"\n"
    with contextlib.suppress(OSError), Path(source).open("rb") as handle:
        for block in iter(functools.partial(handle.read, 1 << 20), b""):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


class _Progress:
    """The progress bar on a terminal (tqdm, loaded only then); nothing otherwise."""

    def __init__(self, *, show: bool, total: int | None) -> None:
        self.bar: Any = None
        if show:
            from tqdm import tqdm  # type: ignore[import-untyped]  # noqa: PLC0415 - terminals only

            self.bar = tqdm(
                total=total, unit=" lines", file=sys.stderr, dynamic_ncols=True, leave=False
            )

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def say(self, report: Callable[[BatchFailure], None], failure: BatchFailure) -> None:
        if self.bar is None:
            report(failure)
            return
        with self.bar.external_write_mode(file=sys.stderr):
            report(failure)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def run_batch(
    source: str | os.PathLike[str] | IO[bytes],
    out: str | os.PathLike[str],
    *,
    output_format: BatchFormat | str = BatchFormat.ICS,
    workers: int | None = None,
    stamp: dt.datetime | None = None,
    progress: bool | None = None,
    on_failure: Callable[[BatchFailure], None] | None = None,
) -> BatchSummary:
    """Build a batch file's plans and write them into a folder; resumable.

    Each non-blank line of ``source`` is read with :func:`parse_spec`.  ``ics`` and
    ``json`` write ``<id>.ics`` or ``<id>.json`` per line, each atomically (a temp file
    renamed into place), so an existing file is complete: it is skipped, not rebuilt,
    and a re-run after a crash or Ctrl-C picks up where the run stopped.  ``jsonl``
    writes one ``plans.jsonl`` stream (``{"id": ..., "plan": {...}}`` per line, in
    input order) to a temp file renamed at the end: a re-run keeps the lines already in
    it and appends the plans of ids it lacks; an interrupted run leaves the earlier
    stream as it was.

    A line that cannot be read or built, or whose id repeats an earlier line's
    (ignoring case, as file names may), is reported to ``on_failure`` with its line
    number and skipped; the batch goes on.

    Args:
        source: the JSON Lines file, or an open binary stream (such as stdin's buffer).
        out: the output folder; made if missing (its parent must exist).
        output_format: ``ics`` (default), ``json`` or ``jsonl``.
        workers: None or 1 builds in this process; N > 1 in N worker processes.
        stamp: the ``DTSTAMP`` of ``.ics`` output (default: now), for reproducible files.
        progress: show a progress bar on stderr; None (default) shows it only when
            stderr is a terminal.
        on_failure: called with each failed line, in line order.

    Returns:
        The counts of lines read, outputs written, skipped and failed.

    Raises:
        ExportError: the input cannot be read, ``out`` is not a folder (or cannot be
            made), an existing ``plans.jsonl`` is not this command's stream, or a worker
            process died.  Nothing is half-written.
        PlanError: bad ``workers``.
    """
    fmt = _to_enum(BatchFormat)(output_format)
    if not isinstance(fmt, BatchFormat):
        allowed = ", ".join(f.value for f in BatchFormat)
        raise ExportError(
            f"output_format must be one of {allowed}, got {output_format!r:.80}",
            field="output_format",
        )
    count = _check_workers(workers)
    stamp = _check_stamp(stamp)
    show = progress if progress is not None else bool(sys.stderr and sys.stderr.isatty())
    with contextlib.ExitStack() as stack:
        handle = stack.enter_context(_open_source(source))  # first: a bad input makes nothing
        runner = _Runner(_output_folder(out), fmt, on_failure or _ignore)
        task = functools.partial(_work, folder=runner.folder, output_format=fmt, stamp=stamp)
        total = _count_lines(source) if show else None
        runner.bar = stack.enter_context(_Progress(show=show, total=total))
        outcomes = _in_order(task, runner.jobs(handle), count)
        try:
            runner.record(stack.enter_context(contextlib.closing(outcomes)), stack)
        except BrokenProcessPool:
            raise ExportError(
                "a worker process died (killed, or out of memory); the outputs written are "
                "complete: run the batch again to resume"
            ) from None
    return runner.summary()


def _ignore(_failure: BatchFailure) -> None:
    """The default ``on_failure``: the summary still counts the failures."""


class _Runner:
    """The state of one :func:`run_batch`: what is done already, ids seen, the counts."""

    def __init__(
        self, folder: Path, fmt: BatchFormat, report: Callable[[BatchFailure], None]
    ) -> None:
        remove_leftovers(folder)  # temp files of killed runs: they never count as outputs
        self.folder = folder
        self.fmt = fmt
        self.report = report
        self.stream = folder / STREAM_NAME
        self.done = _stream_ids(self.stream) if fmt is BatchFormat.JSONL else set()
        self.seen: dict[str, int] = {}
        self.tally = collections.Counter[str]()
        self.bar = _Progress(show=False, total=None)

    def jobs(self, handle: IO[bytes]) -> Iterator[tuple[int, BatchSpec] | _Ready[_Outcome]]:
        """A job per non-blank line: a spec to build, or the outcome known already."""
        for number, raw in _numbered_lines(handle):
            if raw is not None and not raw.strip():
                self.bar.step()
                continue
            self.tally["lines"] += 1
            yield self.job(number, raw)

    def job(self, number: int, raw: bytes | None) -> tuple[int, BatchSpec] | _Ready[_Outcome]:
        """What to do with one line: fail it, skip it, or build it."""
        if raw is None:
            problem = lp.Problem("$", f"longer than {MAX_LINE_BYTES:,} bytes", "invalid_value")
            return _Ready(_Outcome(number, None, error=PlanProblemsError([problem])))
        try:
            known, spec = _read_spec(raw)
        except _NamedProblems as named:
            if named.id is not None:  # a later line with this id is still a repeat
                self.seen.setdefault(named.id.lower(), number)
            return _Ready(_Outcome(number, named.id, error=PlanProblemsError(named.problems)))
        first = self.seen.setdefault(spec.id.lower(), number)
        if first != number:
            message = (
                "id must be unique in a batch (ignoring case, as it names a file), "
                f"got {spec.id!r} again (first on line {first})"
            )
            error = PlanProblemsError([lp.Problem("id", message, "invalid_value")])
            return _Ready(_Outcome(number, known, error=error))
        if self.fmt is BatchFormat.JSONL:
            complete = spec.id.lower() in self.done
        else:
            complete = (self.folder / f"{spec.id}.{self.fmt.value}").is_file()
        return _Ready(_Outcome(number, known, skipped=True)) if complete else (number, spec)

    def record(self, outcomes: Iterable[_Outcome], stack: contextlib.ExitStack) -> None:
        """Count and report the outcomes in line order; append stream lines."""
        writer: IO[bytes] | None = None
        for outcome in outcomes:
            if outcome.error is not None:
                self.tally["failed"] += 1
                self.bar.say(self.report, BatchFailure(outcome.line, outcome.id, outcome.error))
            elif outcome.skipped:
                self.tally["skipped"] += 1
            else:
                if outcome.data:
                    if writer is None:  # the first new line: the old stream goes first
                        writer = stack.enter_context(open_atomic(self.stream))
                        _copy_stream(self.stream, writer)
                    writer.write(outcome.data)
                self.tally["written"] += 1
            self.bar.step()

    def summary(self) -> BatchSummary:
        """The counts, and where the outputs are."""
        jsonl = self.fmt is BatchFormat.JSONL
        return BatchSummary(
            lines=self.tally["lines"],
            written=self.tally["written"],
            skipped=self.tally["skipped"],
            failed=self.tally["failed"],
            output=self.stream if jsonl else self.folder,
        )


def _copy_stream(path: Path, writer: IO[bytes]) -> None:
    """Copy an existing stream's lines into the new one, before its new lines."""
    with contextlib.suppress(FileNotFoundError), path.open("rb") as old:
        for block in iter(functools.partial(old.read, 1 << 20), b""):
            writer.write(block)
