"""Close the loop: :func:`adapt` a plan to its training log, :func:`continue_plan`, :func:`diff`."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from legraise_plan.log import TrainingLog
from legraise_plan.plan import Plan


__all__ = ["Missed", "PlanDiff", "adapt", "continue_plan", "diff"]


class Missed(enum.StrEnum):
    """What :func:`adapt` does with past sessions that have no log."""

    #: Treat them as skipped and resume the plan on its dates.
    SKIP = "skip"
    #: Move the rest of the plan later by the whole weeks lost.
    SHIFT = "shift"


@attrs.frozen(kw_only=True)
class PlanDiff:
    """How a plan changed, by session uid (each tuple in time order)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    logged: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line, e.g. ``2 logged, 3 changed, 0 cancelled, 0 added, 10 unchanged``."""
        raise NotImplementedError


def adapt(plan: Plan, log: TrainingLog, *, today: dt.date, missed: Missed | str = "skip") -> Plan:
    """The plan with what was logged, and the rest recomputed from it."""
    raise NotImplementedError


def continue_plan(
    plan: Plan, log: TrainingLog, *, weeks: int = 6, start: dt.date | None = None
) -> Plan:
    """The next block, from where the log leaves the athlete."""
    raise NotImplementedError


def diff(old: Plan, new: Plan) -> PlanDiff:
    """Sessions added, changed, cancelled, logged and unchanged from ``old`` to ``new``."""
    raise NotImplementedError
