"""What the human-readable formats share: how they write dates and doses, and the advice.

:mod:`legraise_plan.formats.text` and :mod:`legraise_plan.formats.html` show a plan to
people, so they write days, times, rests and reps in reserve the same way, give the same
advice on how to train with the plan, and place a block on the athlete's ladder of steps
the same way.  Everything here is pure: the same plan always gives the same words.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Final

import attrs

from legraise_plan.athlete import Athlete
from legraise_plan.equipment import Equipment
from legraise_plan.plan import Block, Plan
from legraise_plan.prescription import Role
from legraise_plan.progression import Ladder, Rung, build_ladder
from legraise_plan.schedule import Weekday


__all__ = [
    "DAY_NAMES",
    "WEEKDAY_NAMES",
    "Advice",
    "advice",
    "clock",
    "conditions",
    "day",
    "equipment_list",
    "equipment_name",
    "ladder_of",
    "log_commands",
    "reps_in_reserve",
    "span_text",
    "step_of",
]

#: English day names, Monday first (no locale: the same plan always reads the same).
DAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: The same names by weekday.
WEEKDAY_NAMES: Final = dict(zip(Weekday, DAY_NAMES, strict=True))


def clock(moment: dt.time | dt.datetime) -> str:
    """``18:00``, or ``18:00:30`` when the time has seconds (as the calendar shows them)."""
    return f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"


def day(date: dt.date) -> str:
    """``Mon 2026-12-07``."""
    return f"{DAY_NAMES[date.weekday()]} {date.isoformat()}"


def span_text(duration: dt.timedelta) -> str:
    """``45 s``, ``60 s``, ``10 min`` or ``2 min 30 s`` (whole seconds)."""
    seconds = int(duration.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def reps_in_reserve(rir: int) -> str:
    """``1 rep in reserve`` or ``2 reps in reserve``."""
    return f"{rir} rep in reserve" if rir == 1 else f"{rir} reps in reserve"


def equipment_name(equipment: Equipment) -> str:
    """``ankle weights`` for :attr:`Equipment.ANKLE_WEIGHTS`."""
    return equipment.value.replace("_", " ")


def equipment_list(athlete: Athlete) -> str:
    """The athlete's equipment in ladder order: ``bodyweight, band, ankle weights``."""
    return ", ".join(equipment_name(e) for e in sorted(athlete.equipment, key=lambda e: e.rank))


def conditions(athlete: Athlete) -> str:
    """``hip pain, pregnancy (not cleared)``, or ``""`` for an athlete without conditions."""
    if not athlete.conditions:
        return ""
    names = ", ".join(sorted(c.value.replace("_", " ") for c in athlete.conditions))
    return f"{names} ({'cleared' if athlete.cleared else 'not cleared'})"


# --------------------------------------------------------------------------- advice


@attrs.frozen
class Advice:
    """One piece of advice on training with a plan: its topic and what to do."""

    topic: str
    text: str

    def __str__(self) -> str:
        return f"{self.topic}: {self.text}"


def advice(plan: Plan) -> tuple[Advice, ...]:
    """How to train with ``plan``, in the order both formats give it.

    Reps in reserve (with the plan's first dose), missed reps, warming up, the band
    set-up (when the athlete has a band), pain and when to stop, and deload weeks (when
    the plan has any).
    """
    first = plan.sessions[0] if plan.sessions else None
    rir = first.blocks[0].rir if first is not None else 2
    items = [
        Advice(
            "Reps in reserve",
            f"end each set while you could still do that many more clean reps. "
            f"“{reps_in_reserve(rir)}” means stop with {rir} left; never train to failure.",
        ),
        Advice(
            "Missed reps",
            "log what you did and repeat the same dose next time. The plan then holds the "
            "dose or steps back a level; it does not push on.",
        ),
        Advice(
            "Warm-up",
            "this plan is your warm-up; do it in the minutes before your main training.",
        )
        if plan.role is Role.WARM_UP
        else Advice(
            "Warm up first",
            "3-5 minutes of easy walking or marching on the spot, then a few slow practice "
            "reps per leg without load.",
        ),
    ]
    if plan.athlete.has(Equipment.BAND):
        items.append(
            Advice(
                "Band set-up",
                "looped round both ankles. A loop pulls about twice as hard as the same "
                "colour anchored, and the colours in this plan allow for that."
                if plan.athlete.band_setup.is_looped
                else "anchored, one end fixed low in front of you (a door anchor or a post) "
                "and the other round the working ankle.",
            )
        )
    items.append(
        Advice(
            "Pain during a set",
            "0-3/10 is fine; 4-5/10: hold the dose, do not progress; above 5/10: stop the "
            "exercise for today and log it. Stop at once on any sharp pain.",
        )
    )
    if any(s.is_deload for s in plan.sessions):
        items.append(Advice("Deload weeks are lighter on purpose", "do them as written."))
    return tuple(items)


def log_commands(plan: Plan) -> tuple[str, str]:
    """The commands that log the first session as planned and adapt the plan to it.

    They assume the plan is saved as ``plan.json``.
    """
    first = plan.sessions[0] if plan.sessions else None
    block = first.blocks[0] if first is not None else None
    date = first.start.date() if first is not None else plan.start
    reps = ",".join([str(block.reps)] * block.sets) if block is not None else "10,10,10"
    return (
        f"legraise-plan log plan.json --date {date.isoformat()} --reps {reps} --pain 0",
        "legraise-plan adapt plan.json -o plan.json",
    )


# --------------------------------------------------------------------------- ladder


@functools.lru_cache(maxsize=256)
def ladder_of(athlete: Athlete, role: Role) -> Ladder:
    """The athlete's ladder of steps for ``role``: a pure function, so memoised.

    Pass the athlete without a name (``attrs.evolve(athlete, name="")``), so that
    athletes who differ only in name share one entry.
    """
    return build_ladder(athlete, role)


def step_of(rungs: tuple[Rung, ...], block: Block) -> int | None:
    """The index of the ladder step ``block`` trains on, or None when it is on none.

    A step with a pause shares its exercise and load with the step below it; the
    block's hold at the top tells them apart.
    """
    same = [r for r in rungs if r.variation.id == block.variation.id and r.load == block.load]
    if not same:
        return None
    paused = [r for r in same if r.extra_hold < block.tempo.hold]
    return max(paused or same[:1], key=lambda r: r.index).index
