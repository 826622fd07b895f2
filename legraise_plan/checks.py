"""Meaning checks on a whole plan: :func:`check` lists every problem at once.

A :class:`~legraise_plan.plan.Plan` that constructs is well typed, but data edited by
hand (or by another program) can still describe a plan that :func:`build_plan` would
never make: a session outside the plan's weeks, a week number that disagrees with its
date, overlapping sessions, a dose above the role's limits, an athlete who may not have
a plan at all.  :func:`check` finds all of these without raising, so a loader or a
command can report them together.

>>> import datetime as dt
>>> import legraise_plan as lp
>>> plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7))
>>> check(plan)
()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final

import attrs

from legraise_plan.athlete import Condition
from legraise_plan.dosing import check_clearance, dose_for, rules_for
from legraise_plan.errors import ClearanceRequiredError, PlanError, Problem, ReferralRequiredError
from legraise_plan.plan import Plan, Session


__all__ = ["check"]

_CODE: Final = "invalid_value"


def check(plan: Plan) -> tuple[Problem, ...]:
    """Every meaning problem of ``plan``, in a stable order; ``()`` when there is none.

    Each problem has code ``invalid_value`` and a JSON-style path (``athlete.cleared``,
    ``sessions[3].start``, ``sessions[3].blocks[0].sets``) as
    :func:`legraise_plan.from_dict` would report it.  The checks, in order:

    - the athlete: red flags call for a referral (``athlete.conditions``); rehab,
      pregnancy or recent hip surgery need a clinician's clearance (``athlete.cleared``);
    - the plan has at least one session (``sessions``);
    - each session starts inside the plan's window, from ``start`` up to (not
      including) ``end`` (``sessions[i].start``);
    - each session's ``week`` is the one its date falls in, ``(date - start).days // 7 + 1``,
      and weeks never go backwards (``sessions[i].week``);
    - sessions are in time order, and none starts before the previous one ends
      (``sessions[i].start``);
    - uids are unique (``sessions[i].uid``);
    - each block stays within the role's dose for this athlete: sets at most the most
      the role (or the plan's own progression rules) allows, reps at most the top of
      the rep range (the heavy range included), reps in reserve at least the role's
      minimum, and reps no slower than the role's cap on seconds per rep
      (``sessions[i].blocks[j].sets``, ``.reps``, ``.rir``, ``.tempo``).

    Fewer sets or reps than usual are never flagged: deload, light and volume-capped
    days legitimately go below the range.

    Args:
        plan: the plan to check; it is not changed.

    Returns:
        The problems found, each a :class:`~legraise_plan.errors.Problem`.
    """
    if not isinstance(plan, Plan):
        raise PlanError(f"plan must be a Plan, got {plan!r:.80}", field="plan")
    return (
        *_athlete_problems(plan),
        *_session_problems(plan),
        *_dose_problems(plan),
    )


def _problem(path: str, message: str) -> Problem:
    return Problem(path, message, _CODE)


def _athlete_problems(plan: Plan) -> Iterator[Problem]:
    athlete = plan.athlete
    try:
        check_clearance(athlete, plan.role)
    except ReferralRequiredError as error:
        yield _problem("athlete.conditions", str(error))
        # Look past the red flags too, so a missing clearance is reported as well.
        without = attrs.evolve(athlete, conditions=athlete.conditions - {Condition.RED_FLAGS})
        try:
            check_clearance(without, plan.role)
        except ClearanceRequiredError as inner:
            yield _problem("athlete.cleared", str(inner))
    except ClearanceRequiredError as error:
        yield _problem("athlete.cleared", str(error))


def _before(a: dt.datetime, b: dt.datetime) -> bool | None:
    """``a < b``, or None when one is zone-aware and the other is not."""
    try:
        return a < b
    except TypeError:
        return None


def _session_problems(plan: Plan) -> Iterator[Problem]:
    if not plan.sessions:
        yield _problem("sessions", "sessions must hold at least one session, got none")
        return
    start, end = plan.start, plan.end
    seen: dict[str, int] = {}
    previous: Session | None = None
    previous_week = 0
    for i, session in enumerate(plan.sessions):
        path = f"sessions[{i}]"
        day = session.start.date()
        inside = start <= day < end
        if not inside:
            yield _problem(
                f"{path}.start",
                f"start must fall from {start.isoformat()} to before {end.isoformat()} "
                f"(the plan's {plan.weeks} weeks), got {day.isoformat()}",
            )
        expected = (day - start).days // 7 + 1
        if inside and session.week != expected:
            # A wrong week is not carried on: the next session is judged on its own.
            yield _problem(
                f"{path}.week",
                f"week must be {expected} for a session on {day.isoformat()}, got {session.week}",
            )
        elif session.week < previous_week:
            yield _problem(
                f"{path}.week",
                f"week must not go backwards: {session.week} after week {previous_week}",
            )
        else:
            previous_week = session.week
        if previous is not None:
            yield from _order_problem(path, session, previous)
        previous = session
        if session.uid in seen:
            yield _problem(
                f"{path}.uid",
                f"uid must be unique, got {session.uid!r:.80} (also sessions[{seen[session.uid]}])",
            )
        else:
            seen[session.uid] = i


def _order_problem(path: str, session: Session, previous: Session) -> Iterator[Problem]:
    earlier = _before(session.start, previous.start)
    if earlier is None:
        yield _problem(
            f"{path}.start",
            "start must be zone-aware like the previous session's, or floating like it, "
            f"got {session.start.isoformat()} after {previous.start.isoformat()}",
        )
    elif earlier:
        yield _problem(
            f"{path}.start",
            f"start must not be before the previous session's start "
            f"{previous.start.isoformat()}, got {session.start.isoformat()}",
        )
    elif _before(session.start, previous.end):
        yield _problem(
            f"{path}.start",
            f"start must not be before the previous session ends "
            f"({previous.end.isoformat()}), got {session.start.isoformat()}",
        )


def _dose_problems(plan: Plan) -> Iterator[Problem]:
    dose = dose_for(plan.athlete, plan.role)
    rules = rules_for(plan.athlete, plan.role, plan.options.rules)
    # The plan's own progression rules may allow more than the role's default dose.
    max_sets = max(dose.max_sets, rules.max_sets)
    ranges = (dose.rep_range, dose.heavy_rep_range, rules.rep_range, rules.heavy_rep_range)
    max_reps = max(r.high for r in ranges if r is not None)
    role = plan.role.label
    for i, session in enumerate(plan.sessions):
        for j, block in enumerate(session.blocks):
            path = f"sessions[{i}].blocks[{j}]"
            if block.sets > max_sets:
                yield _problem(
                    f"{path}.sets",
                    f"sets must be at most {max_sets} in a {role} plan, got {block.sets}",
                )
            if block.reps > max_reps:
                yield _problem(
                    f"{path}.reps",
                    f"reps must be at most {max_reps} in a {role} plan, got {block.reps}",
                )
            if block.rir < dose.min_rir:
                yield _problem(
                    f"{path}.rir",
                    f"rir must be at least {dose.min_rir} in a {role} plan, got {block.rir}",
                )
            limit = dose.max_rep_seconds
            if limit is not None and block.tempo.rep_seconds > limit:
                yield _problem(
                    f"{path}.tempo",
                    f"tempo must take at most {limit} s per rep in a {role} plan, "
                    f"got {block.tempo} ({block.tempo.rep_seconds} s)",
                )
