"""Plans and training logs as plain JSON data: ``to_dict``/``from_dict`` and ``log_*``.

:func:`to_dict` and :func:`from_dict` turn plans into JSON data and back;
:func:`log_to_dict` and :func:`log_from_dict` do the same for training logs.

``to_dict`` returns only ``dict``, ``list``, ``str``, ``int``, ``bool``, ``None`` and
(for ``max_step_pct`` only) ``float``, so ``json.dumps`` works on it as is, and
``from_dict(to_dict(plan)) == plan``.  The shape (schema version 3), abridged to one
session::

    {
      "schema_version": 3,
      "plan_id": "",
      "role": "accessory",
      "periodization": "linear",
      "weeks": 6,
      "start": "2026-12-07",
      "days": ["MO", "WE", "FR"],
      "at": "18:00:00",
      "tz": "Europe/Berlin",
      "athlete": {
        "equipment": ["ankle_weights", "band", "bodyweight"], "level": "novice",
        "units": "kg", "conditions": [], "cleared": false, "name": "",
        "ankle_weight_max": {"amount": "2.5", "unit": "kg"}, "cable_increment": null,
        "pulley_ratio": 1, "band_setup": "anchored", "band_brand": "",
        "surgical_approach": null
      },
      "note": "",
      "notes": ["Stop the set at once on sharp pain in the low back, hip or knee.", "..."],
      "options": {
        "rules": null, "deload_every": 6, "after": null, "allow_close_sessions": false,
        "skip": [], "reschedule": false, "start_state": null, "start_reason": "",
        "phase_offset": 0
      },
      "sessions": [
        {
          "start": "2026-12-07T18:00:00+01:00", "duration": "PT10M", "week": 1,
          "role": "accessory", "kind": "normal",
          "uid": "9c0001f4-1338-5cfb-9191-940076d0a927-20261207@legraise-plan",
          "blocks": [
            {
              "variation": "standing-hip-extension", "sets": 3, "reps": 10,
              "load": {"equipment": "bodyweight", "band": null, "looped": false,
                       "mass": null, "pulley_ratio": 1},
              "tempo": {"lift": 2, "hold": 1, "lower": 2},
              "rest": "PT1M", "rir": 2,
              "reason": "A first level to learn the movement: standing, bodyweight, 3 × 10.",
              "change": "start", "detail": "start (novice): standing, bodyweight"
            }
          ],
          "notes": [], "status": "planned", "sequence": 0, "log": null
        }
      ]
    }

A block's ``reason`` says why it is dosed so in the athlete's words; ``change`` is what
the progression last decided (a :class:`~legraise_plan.progression.Change` value such
as ``"more_reps"``, ``"step_up"`` or ``"deload"``), for apps; ``detail`` is the
engine's trace for coaches.

Version 3 added the blocks' ``change`` and ``detail``; version 2 each session's
``status``, ``sequence`` and ``log`` and the plan's ``options``.  :func:`from_dict`
still reads versions 1 and 2 (which must not have the keys added later) and gives the
missing keys their defaults (``change`` null, ``detail`` empty: the ``reason`` of an
older file is the engine's trace).  In ``options``, ``rules`` is null or an object with
every :class:`~legraise_plan.progression.ProgressionRules` field (rep ranges as
``{"low": 10, "high": 15}``, ``max_step_pct`` a JSON number) and ``start_state`` null
or an object with every :class:`~legraise_plan.progression.ProgressionState` field.

A session's ``log``, and each entry of a training log, is a session log::

    {"uid": "...", "date": "2026-12-07",
     "sets": [{"left": 12, "right": 11, "load": null, "rir": 2}],
     "pain_during": 2, "morning_pain": null, "baseline_pain": 0, "form_kept": true,
     "notes": "", "skipped": null}

and :func:`log_to_dict` writes ``{"schema_version": 1, "entries": [...]}`` (layout
:data:`LOG_SCHEMA_VERSION`).

Conventions:

- dates ``"2026-12-07"`` and times ``"18:00:00"`` in ISO 8601; session starts carry
  their UTC offset in a zoned plan (``tz`` an IANA name) and none in a floating plan
  (``tz`` null).  On loading, a zoned start gets the plan's ``ZoneInfo(tz)`` back (not
  a fixed offset); its offset must match the zone at that local time.
- durations in ISO 8601 (``"PT10M"``, ``"PT1M30S"``; hours, minutes, seconds only);
- enums by value; frozensets as sorted lists; a mass as ``{"amount": "2.5", "unit":
  "kg"}`` with the amount as a decimal string, so it stays exact;
- a block's variation by its stable catalog id (looked up in :data:`CATALOG` on
  loading), and the block flattened: its prescription's fields sit next to ``reason``.

One table declares the shape for loading: each kind of object maps its keys, in output
order, to a reader that states the key's JSON type (plus its allowed values or string
format) and turns the JSON value into the domain value.  One generic loader walks it.

Loading is strict: every key is required, and unknown keys are rejected, so a typo or
a newer schema cannot be silently dropped.  It does not stop at the first problem: it
collects every one it can find and raises them together as one
:class:`~legraise_plan.errors.PlanProblemsError` (an :class:`ExportError`).  Its
``problems`` holds a :class:`~legraise_plan.errors.Problem` (path, message, code) for
each, and its message has one ``path: message`` line per problem, in the order found,
e.g. ``sessions[3].blocks[0].sets: sets must be 1..10, got 0``.

- Sibling keys and later sessions are still read after a bad one.  What a bad value
  hides is not checked: the keys of a non-object, the items of a non-array, and the
  checks that need a whole object (a band load needs a colour) once one of its keys is
  bad; each key's own value check still runs.
- A missing or unsupported ``schema_version`` stops loading at once: nothing else can
  be read with confidence.  The version decides the keys: a version-1 plan with a
  version-2 key has an unknown key.
- The value checks are the domain classes' own, reported at the path of the field
  they name, plus those the plan needs as a whole: every session's week is within the
  plan's weeks and its role is the plan's, uids are unique, sessions are in time
  order, and starts agree with ``tz`` (an offset exactly when zoned, and one the zone
  has then).  A zoned start whose instant, in UTC or in the zone, falls outside years
  1..9999 (``0001-01-01T00:00:00+01:00``) cannot be checked against the zone; it is an
  ``invalid_value`` at the session's ``start``, not a ``zone_mismatch``, as its offset
  may well be the zone's.

Why hand-written, without cattrs, in both directions:

- the JSON shape is deliberately not the attrs shape (blocks flattened, variations by
  id, ISO strings, exact decimal strings), so a converter would need a hand-written
  hook for nearly every class anyway;
- loading must be strict (no ``int("3")``, no bools for ints, no extra keys, no
  defaults for missing keys) and its problems must read ``path: message`` in the
  domain's own words, which cattrs' lenient primitives and ``transform_error`` output
  do not give without more hooks;
- not importing cattrs saves about 50 ms on first use.

Speed is not what decides it.  Measured on the 18-session example plan (best of 5,
this machine, noisy): ``to_dict`` about 60 µs against about 66-72 µs for a cattrs
``Converter.unstructure`` of the plain attrs shape; ``from_dict`` about 290-350 µs
against about 310-350 µs for cattrs ``structure`` without strict checks or paths.
Collecting every problem costs good data little (within 10 %): each object and array
is read in one fast pass, and only a bad one is read again, carefully.  Blocks are
not cached on the way out: a block hashes its whole catalog variation, which costs
more than building its dict, and a cached dict handed out twice could be mutated by a
caller.  On the way in, equal loads and tempos are shared (they are immutable).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, NamedTuple, NoReturn, TypeVar

import attrs

from legraise_plan.athlete import Athlete, Condition, Level, SurgicalApproach
from legraise_plan.catalog import CATALOG, Variation
from legraise_plan.checks import check
from legraise_plan.equipment import BandColour, BandSetup, Equipment, Load
from legraise_plan.errors import (
    ExportError,
    LegraisePlanError,
    PlanProblemsError,
    Problem,
)
from legraise_plan.log import SessionLog, SetLog, TrainingLog
from legraise_plan.periodization import DayKind, Periodization
from legraise_plan.plan import Block, Plan, PlanOptions, Session, SessionStatus
from legraise_plan.prescription import Prescription, RepRange, Role, Tempo
from legraise_plan.progression import Change, ProgressionRules, ProgressionState, Trigger
from legraise_plan.schedule import Weekday, resolve_zone
from legraise_plan.units import Mass, Unit


__all__ = [
    "LOG_SCHEMA_VERSION",
    "SCHEMA_VERSION",
    "catalog_to_list",
    "from_dict",
    "log_from_dict",
    "log_to_dict",
    "to_dict",
]

#: Version of the plan layout that :func:`to_dict` writes; :func:`from_dict` reads it
#: and versions 1 and 2 (plans saved before blocks had a change and a detail, and
#: before sessions had a status, a log and a sequence).
SCHEMA_VERSION: Final[int] = 3
#: Version of the training-log layout of :func:`log_to_dict` and :func:`log_from_dict`.
LOG_SCHEMA_VERSION: Final[int] = 1
#: The plan layouts :func:`from_dict` reads.
_PLAN_VERSIONS: Final = (1, 2, SCHEMA_VERSION)
#: Limits checked before the work: the most sessions a plan may hold (every day of 52
#: weeks), the longest zone name, and how many unknown keys of one object are listed.
MAX_SESSIONS: Final = 7 * 52
_MAX_ZONE_NAME: Final = 100
_MAX_UNKNOWN_KEYS: Final = 10

_T = TypeVar("_T")

_ENUMS: Final = (
    BandColour,
    BandSetup,
    Change,
    Condition,
    DayKind,
    Equipment,
    Level,
    Periodization,
    Role,
    SessionStatus,
    SurgicalApproach,
    Trigger,
    Unit,
    Weekday,
)
# Member -> plain ``str`` value: a dict lookup is several times faster than ``.value``.
_VALUE: Final[dict[Any, str]] = {member: member.value for kind in _ENUMS for member in kind}
# Enum -> {value: member}: a dict lookup is several times faster than calling the enum.
_MEMBERS: Final[dict[type[Any], dict[str, Any]]] = {
    kind: {member.value: member for member in kind} for kind in _ENUMS
}
_BUILTIN: Final[dict[str, Variation]] = {variation.id: variation for variation in CATALOG.values()}

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?"
    r"(?:[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{6})?)?)?"
)
_DURATION = re.compile(
    r"PT(?:(?P<h>[0-9]{1,11})H)?(?:(?P<m>[0-9]{1,9})M)?"
    r"(?:(?P<s>[0-9]{1,9})(?:\.(?P<us>[0-9]{1,6}))?S)?"
)
_DECIMAL = re.compile(r"-?[0-9]{1,30}(?:\.[0-9]{1,30})?")


# --------------------------------------------------------------------------- to_dict


def to_dict(plan: Plan) -> dict[str, Any]:
    """Turn ``plan`` into a dict of plain JSON types (see the module docs for the shape).

    Args:
        plan: the plan to serialise.

    Returns:
        A new dict (nothing in it is shared with other calls) holding only ``dict``,
        ``list``, ``str``, ``int``, ``bool``, ``None`` and, for the rules'
        ``max_step_pct``, ``float``, with ``"schema_version"`` (:data:`SCHEMA_VERSION`).

    Raises:
        ExportError: when ``plan`` is not a :class:`Plan`, or holds a variation that is
            not in :data:`CATALOG` (the format stores variations by id).
    """
    if not isinstance(plan, Plan):
        raise ExportError(f"plan must be a Plan, got {type(plan).__name__}")
    value = _VALUE
    return {
        "schema_version": SCHEMA_VERSION,
        "plan_id": plan.plan_id,
        "role": value[plan.role],
        "periodization": value[plan.periodization],
        "weeks": plan.weeks,
        "start": plan.start.isoformat(),
        "days": [value[day] for day in plan.days],
        "at": plan.at.isoformat(),
        "tz": plan.tz,
        "athlete": _dump_athlete(plan.athlete),
        "note": plan.note,
        "notes": list(plan.notes),
        "options": _dump_options(plan.options),
        "sessions": [_dump_session(s, i) for i, s in enumerate(plan.sessions)],
    }


def _dump_options(options: PlanOptions) -> dict[str, Any]:
    rules, after, state = options.rules, options.after, options.start_state
    return {
        "rules": None if rules is None else _dump_rules(rules),
        "deload_every": options.deload_every,
        "after": None if after is None else _iso_duration(after),
        "allow_close_sessions": options.allow_close_sessions,
        "skip": [day.isoformat() for day in options.skip],
        "reschedule": options.reschedule,
        "start_state": None if state is None else _dump_state(state),
        "start_reason": options.start_reason,
        "phase_offset": options.phase_offset,
    }


def _dump_rules(rules: ProgressionRules) -> dict[str, Any]:
    heavy = rules.heavy_rep_range
    return {
        "rep_range": {"low": rules.rep_range.low, "high": rules.rep_range.high},
        "heavy_rep_range": None if heavy is None else {"low": heavy.low, "high": heavy.high},
        "rep_step": rules.rep_step,
        "trigger": _VALUE[rules.trigger],
        "sessions_to_step": rules.sessions_to_step,
        "extra_reps": rules.extra_reps,
        "max_step_pct": float(rules.max_step_pct),
        "regress_after_misses": rules.regress_after_misses,
        "pain_continue_max": rules.pain_continue_max,
        "pain_hold_max": rules.pain_hold_max,
        "rehab": rules.rehab,
        "bridge": rules.bridge,
        "pain_free_before_load": rules.pain_free_before_load,
        "base_sets": rules.base_sets,
        "max_sets": rules.max_sets,
        "min_sets": rules.min_sets,
        "min_rir": rules.min_rir,
        "max_extra_hold": rules.max_extra_hold,
    }


def _dump_state(state: ProgressionState) -> dict[str, Any]:
    """Every field of the state, by name (all plain ints, bools or None)."""
    return attrs.asdict(state)


def _dump_session_log(entry: SessionLog) -> dict[str, Any]:
    return {
        "uid": entry.uid,
        "date": entry.date.isoformat(),
        "sets": [
            {"left": s.left, "right": s.right, "load": s.load, "rir": s.rir} for s in entry.sets
        ],
        "pain_during": entry.pain_during,
        "morning_pain": entry.morning_pain,
        "baseline_pain": entry.baseline_pain,
        "form_kept": entry.form_kept,
        "notes": entry.notes,
        "skipped": entry.skipped,
    }


def _dump_athlete(athlete: Athlete) -> dict[str, Any]:
    value = _VALUE
    return {
        "equipment": sorted(value[e] for e in athlete.equipment),
        "level": value[athlete.level],
        "units": value[athlete.units],
        "conditions": sorted(value[c] for c in athlete.conditions),
        "cleared": athlete.cleared,
        "name": athlete.name,
        "ankle_weight_max": _dump_mass(athlete.ankle_weight_max),
        "cable_increment": _dump_mass(athlete.cable_increment),
        "pulley_ratio": athlete.pulley_ratio,
        "band_setup": value[athlete.band_setup],
        "band_brand": athlete.band_brand,
        "surgical_approach": None
        if athlete.surgical_approach is None
        else value[athlete.surgical_approach],
    }


def _dump_mass(mass: Mass | None) -> dict[str, str] | None:
    if mass is None:
        return None
    # The amount as given ("2.50" stays "2.50"), in fixed point, never with an exponent:
    # str() writes one only for big or tiny amounts (1E+1); format "f" then gives "10".
    # Not cached: a cache keyed on the Decimal would hand "2.50" to a later Decimal("2.5"),
    # as the two are equal, so the output would depend on what was serialised before.
    amount = mass.amount
    text = str(amount)
    if "E" in text or "e" in text:  # "e" under a decimal context with capitals=0
        text = format(amount, "f")
    return {"amount": text, "unit": _VALUE[mass.unit]}


def _dump_session(session: Session, index: int) -> dict[str, Any]:
    value = _VALUE
    duration = session.duration
    return {
        "start": session.start.isoformat(),
        "duration": _iso_duration(duration),
        "week": session.week,
        "role": value[session.role],
        "kind": value[session.kind],
        "uid": session.uid,
        "blocks": [_dump_block(b, index, j) for j, b in enumerate(session.blocks)],
        "notes": list(session.notes),
        "status": value[session.status],
        "sequence": session.sequence,
        "log": None if session.log is None else _dump_session_log(session.log),
    }


def _dump_block(block: Block, session: int, index: int) -> dict[str, Any]:
    rx = block.prescription
    variation = rx.variation
    known = _BUILTIN.get(variation.id)
    if known is not variation and known != variation:
        raise ExportError(
            f"sessions[{session}].blocks[{index}].variation: only catalog variations can be "
            f"serialised (they are stored by id), got a custom {variation.id!r}"
        )
    load = rx.load
    tempo = rx.tempo
    return {
        "variation": variation.id,
        "sets": rx.sets,
        "reps": rx.reps,
        "load": {
            "equipment": _VALUE[load.equipment],
            "band": None if load.band is None else _VALUE[load.band],
            "looped": load.looped,
            "mass": _dump_mass(load.mass),
            "pulley_ratio": load.pulley_ratio,
        },
        "tempo": {"lift": tempo.lift, "hold": tempo.hold, "lower": tempo.lower},
        "rest": _iso_duration(rx.rest),
        "rir": rx.rir,
        "reason": block.reason,
        "change": None if block.change is None else _VALUE[block.change],
        "detail": block.detail,
    }


@functools.lru_cache(maxsize=256)
def _iso_duration(duration: dt.timedelta) -> str:
    """ISO 8601 with hours, minutes and seconds only: ``PT1H5M``, ``PT45S``, ``PT0S``."""
    hours, rest = divmod(duration.days * 86_400 + duration.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if duration.microseconds:
        text += f"{seconds}.{duration.microseconds:06d}".rstrip("0") + "S"
    elif seconds or text == "PT":
        text += f"{seconds}S"
    return text


def log_to_dict(log: TrainingLog) -> dict[str, Any]:
    """Turn a training log into a dict of plain JSON types (see the module docs).

    Args:
        log: the log to serialise; its entries keep their order.

    Returns:
        A new dict holding only ``dict``, ``list``, ``str``, ``int``, ``bool`` and
        ``None``, with ``"schema_version"`` (:data:`LOG_SCHEMA_VERSION`) and
        ``"entries"``; ``log_from_dict(log_to_dict(log)) == log``.

    Raises:
        ExportError: when ``log`` is not a :class:`TrainingLog`.
    """
    if not isinstance(log, TrainingLog):
        raise ExportError(f"log must be a TrainingLog, got {type(log).__name__}")
    return {
        "schema_version": LOG_SCHEMA_VERSION,
        "entries": [_dump_session_log(entry) for entry in log.entries],
    }


# --------------------------------------------------------------------------- from_dict


def from_dict(data: Mapping[str, Any]) -> Plan:
    """Rebuild a :class:`Plan` from :func:`to_dict` output (or its JSON round trip).

    Args:
        data: a mapping in the schema-version-3 shape, or in the older shapes of
            files saved before it: version 2 (without the blocks' ``change`` and
            ``detail``, which then get None and ``""``) and version 1 (also without
            the sessions' ``status``, ``sequence`` and ``log`` and the plan's
            ``options``, which then get their defaults: planned, 0, no log,
            ``PlanOptions()``).

    Returns:
        The plan; ``from_dict(to_dict(plan)) == plan``.

    Raises:
        PlanProblemsError: an :class:`ExportError` listing every problem found (anything
            missing, unknown, of the wrong type or out of range) in its ``problems``;
            its message has one ``path: message`` line per problem, e.g.
            ``sessions[3].blocks[0].sets: sets must be 1..10, got 0``.
    """
    loader = _Loader()
    raw: object = data
    if not isinstance(raw, Mapping):
        loader.add("$", "wrong_type", f"expected an object, got {_got(raw)}")
        loader.fail()
    layout = _LAYOUTS[_check_version(data, loader, _PLAN_VERSIONS)]
    shape = layout.plan
    # Plan-level fields first (their problems come first), then the sessions.
    fields, _ = _read_fields(shape, data, loader, "", layout.head)
    head: Plan | None = None
    if fields.keys() >= layout.head_keys:
        try:
            head = _construct(shape, _plan_head, fields, loader, "")
        except _Bad:
            head = None
    else:
        _check_alone(shape, fields, loader, "")
    sessions = _read_sessions(
        data.get("sessions", _ABSENT), loader, head, fields.get("role"), layout.session
    )
    if loader.problems or head is None or sessions is None:
        loader.fail()
    try:
        plan = attrs.evolve(head, sessions=sessions)
    except LegraisePlanError as exc:  # the checks above cover the plan's own; a safety net
        loader.add_error(shape, "", exc)
        loader.fail()
    # What the shape cannot say: the plan's meaning (see legraise_plan.check).
    problems = check(plan)
    if problems:
        raise PlanProblemsError(problems)
    return plan


def log_from_dict(data: Mapping[str, Any]) -> TrainingLog:
    """Rebuild a :class:`TrainingLog` from :func:`log_to_dict` output (or its JSON).

    Loading is as strict as :func:`from_dict`'s: every key is required, unknown keys
    are refused, and every problem found is reported with its path.

    Args:
        data: a mapping in the log layout, version :data:`LOG_SCHEMA_VERSION`.

    Returns:
        The log; ``log_from_dict(log_to_dict(log)) == log``.

    Raises:
        PlanProblemsError: an :class:`ExportError` listing every problem found in its
            ``problems``; its message has one ``path: message`` line per problem, e.g.
            ``entries[2].sets[0].left: left must be 0..50, got 51``.
    """
    loader = _Loader()
    raw: object = data
    if not isinstance(raw, Mapping):
        loader.add("$", "wrong_type", f"expected an object, got {_got(raw)}")
        loader.fail()
    _check_version(data, loader, (LOG_SCHEMA_VERSION,))
    try:
        log: TrainingLog = _LOG_READ(data, loader, "", "")
    except _Bad as bad:  # the object's own problems are recorded already
        if bad.code is not None:  # pragma: no cover - the root is a mapping
            loader.add("$", bad.code, bad.message, bad.cause)
        loader.fail()
    return log


def _check_version(data: Mapping[str, Any], loader: _Loader, versions: tuple[int, ...]) -> int:
    """The ``schema_version``; stop at once unless it is one of ``versions``."""
    if "schema_version" not in data:
        loader.add("schema_version", "missing_key", "missing")
        loader.fail()
    try:
        return _check_known(data["schema_version"], versions)
    except _Bad as bad:
        loader.add("schema_version", bad.code or "invalid_value", bad.message, bad.cause)
        loader.fail()


def _check_known(value: object, versions: tuple[int, ...]) -> int:
    if type(value) is not int or value not in versions:
        code = "unsupported_version" if type(value) is int else "wrong_type"
        names = [str(version) for version in versions]
        expected = " or ".join(filter(None, (", ".join(names[:-1]), names[-1])))
        raise _Bad(code, f"must be {expected}, got {_short(value)}")
    return value


def _plan_head(**fields: Any) -> Plan:
    """The plan without sessions, so its own fields are checked before the sessions."""
    return Plan(**fields, sessions=())


def _read_sessions(
    value: Any, loader: _Loader, head: Plan | None, role: Role | None, read: _ReadFn
) -> tuple[Session, ...] | None:
    """Read the sessions and check them against the plan; None when any is bad."""
    try:
        items = _read_array_value(value)
    except _Bad as bad:
        if value is not _ABSENT:  # a missing key is recorded already
            loader.add("sessions", "wrong_type", bad.message)
        return None
    most = MAX_SESSIONS if head is None else 7 * head.weeks
    if len(items) > most:
        loader.add(
            "sessions",
            "invalid_value",
            f"must hold at most {most} sessions (one a day for the plan's weeks), got {len(items)}",
        )
        return None
    loaded: list[Session] = []
    uids: set[str] = set()
    failed = False
    for i, item in enumerate(items):
        try:
            session = read(item, loader, "sessions", i)
        except _Bad as bad:
            failed = True
            if bad.code is not None:
                loader.add(f"sessions[{i}]", bad.code, bad.message, bad.cause)
            uid = item.get("uid") if isinstance(item, Mapping) else None
            if isinstance(uid, str):  # a bad session's uid still counts as taken
                uids.add(uid)
            continue
        _check_session(session, i, loaded[-1] if loaded else None, head, role, uids, loader)
        loaded.append(session)
    return None if failed else tuple(loaded)


def _check_session(  # noqa: PLR0917 - the plan-wide facts a session is checked against
    session: Session,
    i: int,
    previous: Session | None,
    head: Plan | None,
    role: Role | None,
    uids: set[str],
    loader: _Loader,
) -> None:
    """The plan-wide checks of one session: week, role, unique uid, time order."""
    if head is not None and session.week > head.weeks:
        loader.add(
            f"sessions[{i}].week",
            "invalid_value",
            f"must be 1..{head.weeks} (the plan's weeks), got {session.week}",
        )
    if role is not None and session.role is not role:
        loader.add(
            f"sessions[{i}].role",
            "invalid_value",
            f"role must be the plan's role {role.value}, got {session.role.value}",
        )
    if session.uid in uids:
        loader.add(
            f"sessions[{i}].uid",
            "duplicate_uid",
            f"uid must be unique, got {session.uid!r} twice",
        )
    uids.add(session.uid)
    if head is not None and not head.start <= session.start.date() < head.end:
        loader.add(
            f"sessions[{i}].start",
            "invalid_value",
            f"must fall within the plan's weeks, {head.start.isoformat()} to "
            f"{(head.end - dt.timedelta(days=1)).isoformat()}, got {session.start.isoformat()}",
        )
    # Without a good tz, starts may mix offsets and none: they cannot be compared.
    if previous is not None and loader.zone is not _UNKNOWN_ZONE and session.start < previous.start:
        loader.add(
            f"sessions[{i}].start",
            "out_of_order",
            f"sessions must be in time order, got {session.start.isoformat()} after "
            f"{previous.start.isoformat()}",
        )


# --------------------------------------------------------------------------- the loader


class _Bad(Exception):  # noqa: N818 - a private signal, not an error users see
    """A value could not be read.

    ``code`` None means its problems are recorded already (inside a container);
    otherwise whoever knows the path records ``code`` and ``message``.
    """

    def __init__(
        self, code: str | None = None, message: str = "", cause: BaseException | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.cause = cause


#: What ``from_dict`` reads for a missing ``sessions`` key.
_ABSENT: Final = object()
#: ``_Loader.zone`` when ``tz`` is bad: session starts are then parsed but not checked.
_UNKNOWN_ZONE: Final = dt.timezone(dt.timedelta(0), "unknown")


class _Loader:
    """The state of one :func:`from_dict` call: the problems found and the plan's zone."""

    __slots__ = ("causes", "problems", "zone")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.causes: list[BaseException | None] = []
        self.zone: dt.tzinfo | None = _UNKNOWN_ZONE

    def add(self, path: str, code: str, message: str, cause: BaseException | None = None) -> None:
        """Record one problem."""
        self.problems.append(Problem(path, message, code))
        self.causes.append(cause)

    def add_error(self, shape: _Shape, path: str, error: BaseException) -> None:
        """Record a domain error at the path of the field it names (or of the object)."""
        key = _field_of(error, shape)
        where = _path(path, key) if key is not None else path or "$"
        self.add(where, "invalid_value", str(error), error)

    def forget(self, mark: int) -> None:
        """Drop the problems recorded since there were ``mark``, to read a value again."""
        del self.problems[mark:], self.causes[mark:]

    def fail(self) -> NoReturn:
        """Raise every problem recorded, chained to the first domain error among them."""
        cause = next((c for c in self.causes if c is not None), None)
        raise PlanProblemsError(self.problems) from cause


class _Shape:
    """One kind of JSON object: its keys in output order, each with its reader.

    ``make`` builds the domain value from one keyword argument per key; ``checks`` are
    the attrs classes whose field validators can run one at a time, to find more
    problems in an object that cannot be built.
    """

    __slots__ = ("alone", "checks", "fields", "keys", "make", "order", "readers")

    def __init__(
        self,
        fields: Mapping[str, _Reader],
        make: Callable[..., Any],
        checks: tuple[type[Any], ...] = (),
    ) -> None:
        self.fields = dict(fields)
        self.make = make
        self.checks = checks
        self.order = tuple(self.fields)
        self.keys = frozenset(self.order)
        self.readers = tuple((key, reader.read) for key, reader in self.fields.items())
        self.alone = tuple(
            (attribute.name, attribute)
            for kind in checks
            for attribute in attrs.fields(kind)
            if attribute.name in self.keys and attribute.validator is not None
        )


_ReadFn = Callable[[Any, _Loader, str, "str | int"], Any]


@attrs.frozen
class _Reader:
    """How one JSON value is read: what JSON Schema would say of it, and the function.

    ``json_type`` is the JSON type (``integer``, ``boolean``, ``string``, ``array`` or
    ``object``); ``nullable`` adds null; ``allowed`` lists the only strings allowed
    (enum values, variation ids); ``format`` names a string syntax (``date``, ``time``,
    ``date-time``, ``duration``, ``decimal``); ``items`` reads an array's items and
    ``shape`` an object's keys; ``const`` is the only value allowed, if any.
    """

    json_type: str
    read: _ReadFn = attrs.field(eq=False)
    nullable: bool = False
    allowed: tuple[str, ...] = ()
    format: str = ""
    items: _Reader | None = None
    shape: _Shape | None = attrs.field(default=None, eq=False)
    const: int | None = None


def _read_fields(
    shape: _Shape,
    obj: Mapping[str, Any],
    loader: _Loader,
    path: str,
    readers: tuple[tuple[str, _ReadFn], ...] | None = None,
) -> tuple[dict[str, Any], bool]:
    """Read ``obj``'s keys with ``shape``'s readers; return the good values and if all were."""
    ok = True
    if obj.keys() != shape.keys:
        ok = False
        _key_problems(shape, obj, loader, path)
    fields: dict[str, Any] = {}
    for key, read in shape.readers if readers is None else readers:
        if not ok and key not in obj:
            continue
        try:
            fields[key] = read(obj[key], loader, path, key)
        except _Bad as bad:
            ok = False
            if bad.code is not None:
                loader.add(_path(path, key), bad.code, bad.message, bad.cause)
    return fields, ok


def _key_problems(shape: _Shape, obj: Mapping[str, Any], loader: _Loader, path: str) -> None:
    for key in shape.order:
        if key not in obj:
            loader.add(_path(path, key), "missing_key", "missing")
    allowed = ", ".join(shape.order)
    unknown = sorted(str(key) for key in obj if key not in shape.keys)
    for key in unknown[:_MAX_UNKNOWN_KEYS]:
        loader.add(
            _path(path, _safe_key(key)), "unknown_key", f"unknown key; allowed keys: {allowed}"
        )
    if len(unknown) > _MAX_UNKNOWN_KEYS:
        loader.add(
            path or "$",
            "unknown_key",
            f"{len(unknown) - _MAX_UNKNOWN_KEYS} more unknown keys; allowed keys: {allowed}",
        )


def _load(shape: _Shape, value: Any, loader: _Loader, path: str) -> Any:
    """Read one object of ``shape`` and build its domain value, recording every problem."""
    if type(value) is not dict and not isinstance(value, Mapping):
        raise _Bad("wrong_type", f"expected an object, got {_got(value)}")
    fields, ok = _read_fields(shape, value, loader, path)
    if ok:
        return _construct(shape, shape.make, fields, loader, path)
    _check_alone(shape, fields, loader, path)
    raise _Bad


def _construct(
    shape: _Shape, make: Callable[..., _T], fields: dict[str, Any], loader: _Loader, path: str
) -> _T:
    """Call a domain constructor; record its errors at the path of the field they name."""
    try:
        return make(**fields)
    except (LegraisePlanError, TypeError, ValueError) as exc:
        if not _check_alone(shape, fields, loader, path):
            loader.add_error(shape, path, exc)
    raise _Bad


def _check_alone(shape: _Shape, fields: dict[str, Any], loader: _Loader, path: str) -> int:
    """Run the field validators of ``shape``'s classes one by one on the good ``fields``.

    An object that cannot be built (a key is bad, or its constructor failed) may still
    hide problems in its other keys; this finds them.  Validators see the good fields
    as a stand-in instance.  Returns how many problems were found.
    """
    converted = dict(fields)
    for key, attribute in shape.alone:
        convert = attribute.converter
        if key in converted and convert is not None and not isinstance(convert, attrs.Converter):
            try:
                converted[key] = convert(converted[key])
            except (LegraisePlanError, TypeError, ValueError):
                del converted[key]
    stand_in = types.SimpleNamespace(**converted)
    found: list[tuple[str, LegraisePlanError]] = []
    for key, attribute in shape.alone:
        if key not in converted or attribute.validator is None:
            continue
        try:
            attribute.validator(stand_in, attribute, converted[key])
        except LegraisePlanError as error:
            found.append((key, error))
        except Exception:  # noqa: BLE001, S112 - it needs a sibling that is bad: skip it
            continue
    found.sort(key=lambda item: shape.order.index(item[0]))  # in the object's key order
    for key, problem in found:
        loader.add(_path(path, key), "invalid_value", str(problem), problem)
    return len(found)


def _field_of(error: BaseException, shape: _Shape) -> str | None:
    """The key of ``shape`` that a domain error is about, or None for the whole object."""
    field = getattr(error, "field", None)
    return str(field) if field in shape.keys else None


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


_JSON_TYPES: Final = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (Mapping, "object"),
    (list, "array"),
    (tuple, "array"),
    (type(None), "null"),
)


def _got(value: object) -> str:
    """Describe a bad value by its JSON type and a short repr: ``string '3'``."""
    kind = next((name for t, name in _JSON_TYPES if isinstance(value, t)), type(value).__name__)
    return f"{kind} {_short(value)}"


#: The most characters of a bad value a message quotes.
_EXCERPT: Final = 60


def _short(value: object) -> str:
    """A short, escaped excerpt of ``value`` for a message, whatever its size or depth."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"<an integer of {value.bit_length()} bits>"
    if isinstance(value, str) and len(value) > _EXCERPT:
        value = value[:_EXCERPT]
        return repr(value)[:-1] + "…" + repr(value)[-1]
    if isinstance(value, (list, tuple, Mapping)) and len(value) > 20:
        return f"<{type(value).__name__} of {len(value)} items>"
    try:
        text = repr(value)
    except (RecursionError, ValueError):
        return f"<a {type(value).__name__} too deep or too large to show>"
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 3] + "..."


def _safe_key(key: object) -> str:
    """An object key for a path: as is when short and printable, else an escaped excerpt."""
    text = str(key)
    if text and text.isprintable() and len(text) <= _EXCERPT and not {".", "["} & set(text):
        return text
    return _short(text)


# --------------------------------------------------------------------------- readers
#
# A reader takes the JSON value, the loader, and the parent's path and the key (only
# containers use those, to name their items); it returns the domain value or raises
# _Bad, with a code and message for the caller to record at the value's path.


def _wrong_type(expected: str, value: object) -> NoReturn:
    raise _Bad("wrong_type", f"expected {expected}, got {_got(value)}")


def _read_int(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> int:
    if type(value) is not int and (not isinstance(value, int) or isinstance(value, bool)):
        _wrong_type("an integer", value)
    return value


def _read_bool(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> bool:
    if not isinstance(value, bool):
        _wrong_type("true or false", value)
    return value


def _read_str(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> str:
    if type(value) is not str and not isinstance(value, str):
        _wrong_type("a string", value)
    return value


def _version_reader(version: int) -> _Reader:
    """The reader of ``schema_version`` in a layout of ``version``."""
    versions = (version,)

    def read(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> int:
        return _check_known(value, versions)

    return _Reader("integer", read, const=version)


def _read_number(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> float:
    if type(value) is float:
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _wrong_type("a number", value)
    try:
        return float(value)
    except OverflowError:  # an int too big for a float: the domain's range check refuses it
        return value


def _read_variation(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> Variation:
    variation = _BUILTIN.get(value) if isinstance(value, str) else None
    if variation is None:
        if not isinstance(value, str):
            _wrong_type("a string", value)
        raise _Bad(
            "invalid_value",
            f"unknown variation id {_short(value)}; allowed: {', '.join(_BUILTIN)}",
        )
    return variation


def _read_tz(value: Any, loader: _Loader, _parent: str, _key: str | int) -> str | None:
    """Read ``tz`` and set the loader's zone, which session starts are checked against."""
    if value is not None and not isinstance(value, str):
        _wrong_type("an IANA zone name or null", value)
    if value is not None and (len(value) > _MAX_ZONE_NAME or not value.isprintable()):
        loader.zone = _UNKNOWN_ZONE
        raise _Bad(
            "invalid_value",
            f"tz must be an IANA zone name like Europe/Berlin or null, got {_short(value)}",
        )
    try:
        loader.zone = resolve_zone(value)
    except LegraisePlanError as exc:
        raise _Bad("invalid_value", str(exc), exc) from None
    return value


def _read_decimal(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> str:
    if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
        code = "invalid_value" if isinstance(value, str) else "wrong_type"
        raise _Bad(code, f'expected a decimal string like "2.5", got {_got(value)}')
    return value


def _enum_reader(kind: type[enum.Enum]) -> _Reader:
    members = _MEMBERS[kind]
    allowed = ", ".join(members)

    def read(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> Any:
        try:
            member = members.get(value)
        except TypeError:  # unhashable, e.g. a list
            member = None
        if member is None:
            code = "invalid_value" if isinstance(value, str) else "wrong_type"
            raise _Bad(code, f"must be one of {allowed}, got {_got(value)}")
        return member

    return _Reader("string", read, allowed=tuple(members))


def _parse(parse: Callable[[str], _T], pattern: re.Pattern[str], value: object) -> _T | None:
    """``parse(value)`` when ``value`` is a string of ``pattern`` that parses, else None."""
    if not isinstance(value, str) or not pattern.fullmatch(value):
        return None
    try:
        return parse(value)
    except ValueError:
        return None


def _unparsed(value: object, expected: str) -> NoReturn:
    code = "invalid_value" if isinstance(value, str) else "wrong_type"
    raise _Bad(code, f"expected {expected}, got {_got(value)}")


def _read_date(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> dt.date:
    parsed = _parse(dt.date.fromisoformat, _DATE, value)
    if parsed is None:
        _unparsed(value, "an ISO 8601 date like 2026-12-07")
    return parsed


def _read_time(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> dt.time:
    parsed = _parse(dt.time.fromisoformat, _TIME, value)
    if parsed is None:
        _unparsed(value, "an ISO 8601 time like 18:00:00")
    return parsed


def _read_datetime(value: Any, loader: _Loader, _parent: str, _key: str | int) -> dt.datetime:
    zone = loader.zone
    parsed = _parse(dt.datetime.fromisoformat, _DATETIME, value)
    if parsed is None:
        example = "2026-12-07T18:00:00" + ("+01:00" if zone is not None else "")
        _unparsed(value, f"an ISO 8601 date-time like {example}")
    if zone is _UNKNOWN_ZONE:  # tz is bad: nothing to check the offset against
        return parsed
    if zone is None:
        if parsed.tzinfo is not None:
            raise _Bad(
                "zone_mismatch",
                f"must be a local time without UTC offset in a floating plan (tz null), "
                f"got {value!r}",
            )
        return parsed
    if parsed.tzinfo is None:
        raise _Bad(
            "zone_mismatch", f"must have a UTC offset in a plan with tz {zone}, got {value!r}"
        )
    # The instant, seen in the plan's zone, must show the same wall-clock time: this
    # rejects offsets the zone does not have then and times a clock change skips, and
    # gives a repeated (fall-back) time the right fold.
    try:
        local = parsed.astimezone(zone)
    except OverflowError:  # within a day of 0001-01-01 or 9999-12-31: outside datetime's range
        raise _Bad(
            "invalid_value",
            f"must fall within years 1..9999 both in UTC and in {zone}, got {value!r}",
        ) from None
    if local.replace(tzinfo=None) != parsed.replace(tzinfo=None):
        raise _Bad(
            "zone_mismatch",
            f"{value!r} is not a local time in {zone}: the offset does not match the zone "
            f"there (it would be {local.isoformat()}), or the time does not exist",
        )
    return local


def _read_duration(value: Any, _loader: _Loader, _parent: str, _key: str | int) -> dt.timedelta:
    parsed = _parse_duration(value) if isinstance(value, str) else None
    if parsed is None:
        _unparsed(value, "an ISO 8601 duration like PT15M or PT1M30S")
    return parsed


@functools.lru_cache(maxsize=256)
def _parse_duration(text: str) -> dt.timedelta | None:
    match = _DURATION.fullmatch(text)
    if match is None or text == "PT":
        return None
    hours, minutes, seconds, micros = match.group("h", "m", "s", "us")
    try:
        return dt.timedelta(
            hours=int(hours or 0),
            minutes=int(minutes or 0),
            seconds=int(seconds or 0),
            microseconds=int((micros or "0").ljust(6, "0")),
        )
    except OverflowError:  # more than 999999999 days
        return None


def _read_array_value(value: Any) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        _wrong_type("an array", value)
    return value


def _array(item: _Reader, collect: Callable[[list[Any]], Any] = tuple) -> _Reader:
    """An array of ``item``, handed to the constructor as ``collect(items)``."""
    read_item = item.read

    def read(value: Any, loader: _Loader, parent: str, key: str | int) -> Any:
        items = _read_array_value(value)
        path = _path(parent, key)
        mark = len(loader.problems)
        out = []
        try:  # the fast pass, for good data
            for i, element in enumerate(items):
                out.append(read_item(element, loader, path, i))
            return collect(out)
        except _Bad:
            loader.forget(mark)
        # The careful pass: read every item, recording each problem once.
        for i, element in enumerate(items):
            try:
                read_item(element, loader, path, i)
            except _Bad as bad:
                if bad.code is not None:
                    loader.add(f"{path}[{i}]", bad.code, bad.message, bad.cause)
        raise _Bad

    return _Reader("array", read, items=item)


def _object(shape: _Shape) -> _Reader:
    """An object of ``shape``, built by ``shape.make`` from one keyword per key."""
    keys, readers, make = shape.keys, shape.readers, shape.make

    def read(value: Any, loader: _Loader, parent: str, key: str | int) -> Any:
        path = f"{parent}[{key}]" if isinstance(key, int) else f"{parent}.{key}" if parent else key
        if type(value) is dict and value.keys() == keys:
            mark = len(loader.problems)
            fields = {}
            try:  # the fast pass, for good data
                for name, read_key in readers:
                    fields[name] = read_key(value[name], loader, path, name)
                return make(**fields)
            except (_Bad, LegraisePlanError, TypeError, ValueError):
                loader.forget(mark)
        return _load(shape, value, loader, path)  # the careful pass

    return _Reader("object", read, shape=shape)


def _nullable(reader: _Reader) -> _Reader:
    read_value = reader.read

    def read(value: Any, loader: _Loader, parent: str, key: str | int) -> Any:
        return None if value is None else read_value(value, loader, parent, key)

    return attrs.evolve(reader, read=read, nullable=True)


def _make_block(
    *,
    variation: Variation,
    sets: int,
    reps: int,
    load: Load,
    tempo: Tempo,
    rest: dt.timedelta,
    rir: int,
    reason: str,
    change: Change | None = None,
    detail: str = "",
) -> Block:
    """A block from its flattened keys: the prescription's fields next to the reason."""
    prescription = Prescription(
        variation=variation, load=load, sets=sets, reps=reps, tempo=tempo, rest=rest, rir=rir
    )
    return Block(prescription=prescription, reason=reason, change=change, detail=detail)


def _make_log(*, schema_version: int, entries: tuple[SessionLog, ...]) -> TrainingLog:  # noqa: ARG001
    """The log document's entries as a :class:`TrainingLog` (the version is checked)."""
    return TrainingLog(entries)


# Loads, tempos and masses repeat from session to session; they are immutable, so share them.
# Masses are cached by their JSON text ("2.5" and "2.50" apart), so each keeps the amount
# it was written with.
_cached_tempo: Final = functools.lru_cache(maxsize=256)(Tempo)
_cached_mass: Final = functools.lru_cache(maxsize=256)(Mass)


@functools.lru_cache(maxsize=256)
def _shared_load(
    equipment: Equipment,
    band: BandColour | None,
    looped: bool,  # noqa: FBT001 - positional, to be a cache key
    mass: Mass | None,
    pulley_ratio: int,
    _amount: str | None,
) -> Load:
    """The load of these fields; ``_amount``, the mass's text, only tells cache keys apart."""
    return Load(equipment=equipment, band=band, looped=looped, mass=mass, pulley_ratio=pulley_ratio)


def _cached_load(
    *,
    equipment: Equipment,
    band: BandColour | None,
    looped: bool,
    mass: Mass | None,
    pulley_ratio: int,
) -> Load:
    """A shared :class:`Load`, one per distinct JSON load.

    Keyed on the amount's text too: ``Mass("2.5") == Mass("2.50")``, so a cache keyed on
    the mass alone would give a later ``"2.5"`` the load of an earlier ``"2.50"``.
    """
    amount = None if mass is None else str(mass.amount)
    return _shared_load(equipment, band, looped, mass, pulley_ratio, amount)


# --------------------------------------------------------------------------- the shape

_INT: Final = _Reader("integer", _read_int)
_BOOL: Final = _Reader("boolean", _read_bool)
_STR: Final = _Reader("string", _read_str)
_TEXTS: Final = _array(_STR)
_DATE_READER: Final = _Reader("string", _read_date, format="date")
_TIME_READER: Final = _Reader("string", _read_time, format="time")
_DATETIME_READER: Final = _Reader("string", _read_datetime, format="date-time")
_DURATION_READER: Final = _Reader("string", _read_duration, format="duration")
_NUMBER: Final = _Reader("number", _read_number)
_OPTIONAL_INT: Final = _nullable(_INT)
_OPTIONAL_STR: Final = _nullable(_STR)

_MASS: Final = _Shape(
    {
        "amount": _Reader("string", _read_decimal, format="decimal"),
        "unit": _enum_reader(Unit),
    },
    _cached_mass,
    (Mass,),
)
_ATHLETE: Final = _Shape(
    {
        "equipment": _array(_enum_reader(Equipment), frozenset),
        "level": _enum_reader(Level),
        "units": _enum_reader(Unit),
        "conditions": _array(_enum_reader(Condition), frozenset),
        "cleared": _BOOL,
        "name": _STR,
        "ankle_weight_max": _nullable(_object(_MASS)),
        "cable_increment": _nullable(_object(_MASS)),
        "pulley_ratio": _INT,
        "band_setup": _enum_reader(BandSetup),
        "band_brand": _STR,
        "surgical_approach": _nullable(_enum_reader(SurgicalApproach)),
    },
    Athlete,
    (Athlete,),
)
_LOAD: Final = _Shape(
    {
        "equipment": _enum_reader(Equipment),
        "band": _nullable(_enum_reader(BandColour)),
        "looped": _BOOL,
        "mass": _nullable(_object(_MASS)),
        "pulley_ratio": _INT,
    },
    _cached_load,
    (Load,),
)
_TEMPO: Final = _Shape({"lift": _INT, "hold": _INT, "lower": _INT}, _cached_tempo, (Tempo,))
_BLOCK: Final = _Shape(
    {
        "variation": _Reader("string", _read_variation, allowed=tuple(_BUILTIN)),
        "sets": _INT,
        "reps": _INT,
        "load": _object(_LOAD),
        "tempo": _object(_TEMPO),
        "rest": _DURATION_READER,
        "rir": _INT,
        "reason": _STR,
        "change": _nullable(_enum_reader(Change)),
        "detail": _STR,
    },
    _make_block,
    (Prescription, Block),
)
_SET_LOG: Final = _Shape(
    {"left": _INT, "right": _INT, "load": _OPTIONAL_STR, "rir": _OPTIONAL_INT},
    SetLog,
    (SetLog,),
)
_SESSION_LOG: Final = _Shape(
    {
        "uid": _STR,
        "date": _DATE_READER,
        "sets": _array(_object(_SET_LOG)),
        "pain_during": _INT,
        "morning_pain": _OPTIONAL_INT,
        "baseline_pain": _INT,
        "form_kept": _BOOL,
        "notes": _STR,
        "skipped": _OPTIONAL_STR,
    },
    SessionLog,
    (SessionLog,),
)
_SESSION: Final = _Shape(
    {
        "start": _DATETIME_READER,
        "duration": _DURATION_READER,
        "week": _INT,
        "role": _enum_reader(Role),
        "kind": _enum_reader(DayKind),
        "uid": _STR,
        "blocks": _array(_object(_BLOCK)),
        "notes": _TEXTS,
        "status": _enum_reader(SessionStatus),
        "sequence": _INT,
        "log": _nullable(_object(_SESSION_LOG)),
    },
    Session,
    (Session,),
)
_REP_RANGE: Final = _Shape({"low": _INT, "high": _INT}, RepRange, (RepRange,))
_RULES: Final = _Shape(
    {
        "rep_range": _object(_REP_RANGE),
        "heavy_rep_range": _nullable(_object(_REP_RANGE)),
        "rep_step": _INT,
        "trigger": _enum_reader(Trigger),
        "sessions_to_step": _INT,
        "extra_reps": _INT,
        "max_step_pct": _NUMBER,
        "regress_after_misses": _INT,
        "pain_continue_max": _INT,
        "pain_hold_max": _INT,
        "rehab": _BOOL,
        "bridge": _BOOL,
        "pain_free_before_load": _INT,
        "base_sets": _INT,
        "max_sets": _INT,
        "min_sets": _INT,
        "min_rir": _INT,
        "max_extra_hold": _INT,
    },
    ProgressionRules,
    (ProgressionRules,),
)
_STATE: Final = _Shape(
    {
        "rung": _INT,
        "sets": _INT,
        "reps": _INT,
        "extra_hold": _INT,
        "bridged": _BOOL,
        "top_streak": _INT,
        "miss_streak": _INT,
        "pain_free_streak": _INT,
        "recovering": _INT,
        "high_pain_streak": _INT,
        "hold_zone_streak": _INT,
        "last_pain": _OPTIONAL_INT,
        "pain_rises": _INT,
        "stopped": _BOOL,
    },
    ProgressionState,
    (ProgressionState,),
)
_OPTIONS: Final = _Shape(
    {
        "rules": _nullable(_object(_RULES)),
        "deload_every": _INT,
        "after": _nullable(_DURATION_READER),
        "allow_close_sessions": _BOOL,
        "skip": _array(_DATE_READER),
        "reschedule": _BOOL,
        "start_state": _nullable(_object(_STATE)),
        "start_reason": _STR,
        "phase_offset": _INT,
    },
    PlanOptions,
    (PlanOptions,),
)
_PLAN: Final = _Shape(
    {
        "schema_version": _version_reader(SCHEMA_VERSION),
        "plan_id": _STR,
        "role": _enum_reader(Role),
        "periodization": _enum_reader(Periodization),
        "weeks": _INT,
        "start": _DATE_READER,
        "days": _array(_enum_reader(Weekday)),
        "at": _TIME_READER,
        "tz": _Reader("string", _read_tz, nullable=True),  # reads null itself
        "athlete": _object(_ATHLETE),
        "note": _STR,
        "notes": _TEXTS,
        "options": _object(_OPTIONS),
        "sessions": _array(_object(_SESSION)),
    },
    Plan,
    (Plan,),
)
_LOG: Final = _Shape(
    {
        "schema_version": _version_reader(LOG_SCHEMA_VERSION),
        "entries": _array(_object(_SESSION_LOG)),
    },
    _make_log,
    (TrainingLog,),
)
_LOG_READ: Final = _object(_LOG).read


def _older(shape: _Shape, dropped: Iterable[str], **changed: _Reader) -> _Shape:
    """``shape`` as an older layout had it: without ``dropped`` keys, with ``changed`` readers."""
    fields = {key: changed.get(key, reader) for key, reader in shape.fields.items()}
    for key in dropped:
        del fields[key]
    return _Shape(fields, shape.make, shape.checks)


class _Layout(NamedTuple):
    """The shapes of one plan layout version, for :func:`from_dict`.

    The plan is read in two steps: its own fields (``head``, checked as a plan without
    sessions), then the sessions, one by one, against the plan.
    """

    plan: _Shape
    head: tuple[tuple[str, _ReadFn], ...]
    head_keys: frozenset[str]
    session: _ReadFn


def _layout(plan: _Shape, session: _Shape) -> _Layout:
    head = tuple(
        (key, read) for key, read in plan.readers if key not in {"schema_version", "sessions"}
    )
    return _Layout(plan, head, frozenset(key for key, _ in head), _object(session).read)


# Version 2: blocks without change and detail (their reason was the engine's trace).
_BLOCKS_V2: Final = _array(_object(_older(_BLOCK, ("change", "detail"))))
_SESSION_V2: Final = _older(_SESSION, (), blocks=_BLOCKS_V2)
_PLAN_V2: Final = _older(
    _PLAN, (), schema_version=_version_reader(2), sessions=_array(_object(_SESSION_V2))
)
# Version 1: also sessions without status, sequence and log; the plan without options.
_SESSION_V1: Final = _older(_SESSION_V2, ("status", "sequence", "log"))
_PLAN_V1: Final = _older(
    _PLAN_V2,
    ("options",),
    schema_version=_version_reader(1),
    sessions=_array(_object(_SESSION_V1)),
)
_LAYOUTS: Final = {
    1: _layout(_PLAN_V1, _SESSION_V1),
    2: _layout(_PLAN_V2, _SESSION_V2),
    SCHEMA_VERSION: _layout(_PLAN, _SESSION),
}


def catalog_to_list(variations: Iterable[Variation] | None = None) -> list[dict[str, Any]]:
    """The exercise catalog as plain JSON data, one object per variation.

    Args:
        variations: the variations to list; the whole :data:`CATALOG` when None.

    >>> catalog_to_list([CATALOG["glute-ham-raise"]])[0]["advanced"]
    True
    """
    chosen = CATALOG.values() if variations is None else variations
    return [
        {
            "id": x.id,
            "name": x.name,
            "equipment": x.equipment.value,
            "position": x.position.value,
            "advanced": x.is_advanced,
            "bilateral": x.bilateral,
            "end_range": x.end_range.value,
            "muscles": [{"muscle": m.muscle.value, "role": m.role.value} for m in x.muscles],
            "setup": list(x.setup),
            "execution": list(x.execution),
            "breathing": x.breathing,
            "mistakes": list(x.mistakes),
            "safety": list(x.safety),
            "contraindications": list(x.contraindications),
        }
        for x in chosen
    ]
