"""What the athlete did: :class:`SetLog`, :class:`SessionLog` and :class:`TrainingLog`.

A training log is append-only history: every :class:`SessionLog` names the planned
session it records by ``uid``.  When a session is logged twice the later entry counts
(:meth:`TrainingLog.latest`) and :attr:`TrainingLog.notes` says which entry replaced
which.  Logs hold no clock: whether a date lies in the future is checked against the
``today`` that :func:`legraise_plan.adapt` is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from legraise_plan import _validate as v
from legraise_plan.errors import LogError
from legraise_plan.progression import SessionOutcome, SetResult


__all__ = ["MAX_LOGGED_REPS", "SessionLog", "SetLog", "TrainingLog"]

#: Most reps per leg one logged set may hold.
MAX_LOGGED_REPS: Final = 50


def _optional_int(lo: int, hi: int) -> Any:
    check = v.int_in(lo, hi, LogError)

    def optional(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(inst, attribute, value)

    return optional


def _optional_text(limit: int) -> Any:
    check = v.text(limit, LogError)

    def optional(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(inst, attribute, value)

    return optional


def _check_day(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise LogError(f"{attribute.name} must be a datetime.date, got {value!r}", field="date")


@attrs.frozen(kw_only=True)
class SetLog:
    """One set as done: reps per leg (left and right may differ), load label and RIR.

    ``load`` is the load's label as the plan writes it (``"band red"``,
    ``"ankle weights 1.5 kg"``), or None when the prescribed load was used.
    """

    left: int = attrs.field(validator=v.int_in(0, MAX_LOGGED_REPS, LogError))
    right: int = attrs.field(validator=v.int_in(0, MAX_LOGGED_REPS, LogError))
    load: str | None = attrs.field(default=None, validator=_optional_text(80))
    rir: int | None = attrs.field(default=None, validator=_optional_int(0, 10))

    @classmethod
    def both(cls, reps: int, **kwargs: Any) -> SetLog:
        """A set of ``reps`` on each leg; ``load`` and ``rir`` as keywords."""
        return cls(left=reps, right=reps, **kwargs)

    @property
    def worst(self) -> int:
        """Reps of the weaker leg."""
        return min(self.left, self.right)


def _check_sets(inst: SessionLog, _attribute: attrs.Attribute[Any], value: object) -> None:
    v.items_of(SetLog, LogError)(inst, _attribute, value)
    if inst.skipped is None and not value:
        raise LogError(
            "sets must hold at least one SetLog for a session that was done (or give "
            "skipped= with a reason), got none",
            field="sets",
        )
    if inst.skipped is not None and value:
        raise LogError(
            f"sets must be empty for a skipped session, got {len(value)} (skipped: "  # type: ignore[arg-type]
            f"{inst.skipped!r})",
            field="sets",
        )
    if len(value) > 10:  # type: ignore[arg-type]
        raise LogError(f"sets must be at most 10, got {len(value)}", field="sets")  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class SessionLog:
    """One planned session as it went: done with its sets, or skipped with a reason.

    Pain is on the 0-10 scale: ``pain_during`` the worst during the session,
    ``morning_pain`` the next morning (None until known), both read against the
    athlete's usual ``baseline_pain``.
    """

    uid: str = attrs.field(validator=v.text(200, LogError, one_line=True))
    date: dt.date = attrs.field(validator=_check_day)
    sets: tuple[SetLog, ...] = attrs.field(default=(), converter=v.to_tuple, validator=_check_sets)
    pain_during: int = attrs.field(default=0, validator=v.int_in(0, 10, LogError))
    morning_pain: int | None = attrs.field(default=None, validator=_optional_int(0, 10))
    baseline_pain: int = attrs.field(default=0, validator=v.int_in(0, 10, LogError))
    form_kept: bool = attrs.field(default=True, validator=v.instance_of(bool, LogError))
    notes: str = attrs.field(default="", validator=v.text(2000, LogError))
    skipped: str | None = attrs.field(default=None, validator=_optional_text(200))

    def __attrs_post_init__(self) -> None:
        if not self.uid.strip():
            raise LogError("uid must name a planned session, got an empty string", field="uid")

    @property
    def is_skipped(self) -> bool:
        """True when the session was not done."""
        return self.skipped is not None

    @property
    def rir(self) -> int | None:
        """The fewest reps in reserve reported in any set, or None if none was reported."""
        reported = [s.rir for s in self.sets if s.rir is not None]
        return min(reported) if reported else None

    @property
    def loads(self) -> tuple[str | None, ...]:
        """Each set's load label (None: as prescribed)."""
        return tuple(s.load for s in self.sets)

    def outcome(self) -> SessionOutcome:
        """The session as the progression engine reads it.

        Raises:
            LogError: for a skipped session, which has no outcome.
        """
        if self.skipped is not None:
            raise LogError(f"session {self.uid} was skipped ({self.skipped}): it has no outcome")
        return SessionOutcome(
            sets=tuple(SetResult(s.left, s.right) for s in self.sets),
            form_kept=self.form_kept,
            rir=self.rir,
            pain_during=self.pain_during,
            next_morning_pain=self.morning_pain,
            baseline_pain=self.baseline_pain,
        )

    def summary(self) -> str:
        """One line on what was done, e.g. ``3 sets: 12, 12, 11/10; pain 2/10``."""
        if self.skipped is not None:
            return f"skipped ({self.skipped})" if self.skipped else "skipped"
        reps = ", ".join(
            str(s.left) if s.left == s.right else f"{s.left}/{s.right}" for s in self.sets
        )
        plural = "s" if len(self.sets) > 1 else ""
        parts = [f"{len(self.sets)} set{plural}: {reps} reps"]
        loads = {s.load for s in self.sets if s.load is not None}
        if loads:
            parts.append(", ".join(sorted(loads)))
        if self.rir is not None:
            parts.append(f"{self.rir} in reserve")
        parts.append(f"pain {self.pain_during}/10")
        if self.morning_pain is not None:
            parts.append(f"next morning {self.morning_pain}/10")
        if not self.form_kept:
            parts.append("form lost")
        return "; ".join(parts)


@attrs.frozen
class TrainingLog:
    """Session logs in the order they were written; the latest entry per uid counts.

    >>> import datetime as dt
    >>> log = TrainingLog().add(SessionLog(uid="a", date=dt.date(2026, 12, 7), skipped="ill"))
    >>> log = log.add(SessionLog(uid="a", date=dt.date(2026, 12, 8), sets=[SetLog.both(10)]))
    >>> log.latest()["a"].date.isoformat(), len(log.entries)
    ('2026-12-08', 2)
    """

    entries: tuple[SessionLog, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.items_of(SessionLog, LogError)
    )

    def add(self, entry: SessionLog) -> TrainingLog:
        """A new log with ``entry`` appended (it replaces any earlier entry for its uid)."""
        return TrainingLog((*self.entries, entry))

    def extend(self, entries: Iterable[SessionLog]) -> TrainingLog:
        """A new log with ``entries`` appended in order."""
        return TrainingLog((*self.entries, *entries))

    def latest(self) -> Mapping[str, SessionLog]:
        """The entry that counts for each uid: the last one written."""
        return {entry.uid: entry for entry in self.entries}

    def get(self, uid: str) -> SessionLog | None:
        """The entry that counts for ``uid``, or None."""
        return self.latest().get(uid)

    @property
    def notes(self) -> tuple[str, ...]:
        """One note per entry replaced by a later entry for the same session."""
        seen: dict[str, SessionLog] = {}
        notes = []
        for entry in self.entries:
            before = seen.get(entry.uid)
            if before is not None:
                notes.append(
                    f"log of session {entry.uid} from {entry.date.isoformat()} replaces the "
                    f"entry from {before.date.isoformat()}"
                )
            seen[entry.uid] = entry
        return tuple(notes)
