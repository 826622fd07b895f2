"""A plan as short, Markdown-friendly text for printing or a chat message.

:func:`to_text` gives a title, the athlete, one ``## Week N`` section per week with a
line per session (wrapped below), then the plan's notes (safety first) and its
free-text note::

    # Backward leg raises: 6-week accessory plan

    From Mon 2026-12-07 · Mon, Wed, Fri at 18:00 · Europe/Berlin · linear periodization

    Athlete: novice · equipment: bodyweight, band, ankle weights · units kg

    ## Week 1
    - Mon 2026-12-07 18:00 · 10 min · 3×10/leg Prone backward leg raise · bodyweight ·
      tempo 2-1-2 (2 s up, 1 s hold at the top, 2 s down) · rest 60 s ·
      stop 2 reps short of failure — ...

A session that is no longer planned says what became of it after its duration:
``done — 3 sets: 12, 12, 12 reps; pain 0/10`` (what was logged, then the log's note),
``skipped (ill)`` or ``cancelled``; its notes, as for any session, close the line.

The output depends on the plan only (English day names, no locale), so the same plan
always gives the same text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from legraise_plan.athlete import Athlete
from legraise_plan.catalog import CATALOG, Variation
from legraise_plan.equipment import Equipment
from legraise_plan.errors import ExportError
from legraise_plan.periodization import DayKind
from legraise_plan.plan import Block, Plan, Session, SessionStatus
from legraise_plan.prescription import Role
from legraise_plan.schedule import Weekday


__all__ = ["catalog_text", "to_text"]

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_NAMES = dict(zip(Weekday, _DAY_NAMES, strict=True))


def to_text(plan: Plan) -> str:
    """Render ``plan`` as readable, Markdown-friendly text, week by week.

    Args:
        plan: the plan to render.

    Returns:
        The text, ending with a newline: a title (role and weeks), a line with the
        start date, days, time and zone (or "floating local time"), the athlete, a
        ``## Week N`` section per week (``(deload)`` marks deload weeks) with one line
        per session, then ``## Notes`` (the safety notes first) and ``## Note`` when
        the plan has one.

    Raises:
        ExportError: when ``plan`` is not a :class:`Plan`.

    >>> import datetime as dt
    >>> import legraise_plan as lp
    >>> plan = lp.build_plan(lp.Athlete(), weeks=1, start=dt.date(2026, 12, 7))
    >>> print(to_text(plan).splitlines()[0])
    # Backward leg raises: 1-week accessory plan
    """
    if not isinstance(plan, Plan):
        raise ExportError(f"plan must be a Plan, got {type(plan).__name__}")
    days = ", ".join(_WEEKDAY_NAMES[day] for day in plan.days)
    zone = plan.tz if plan.tz is not None else "floating local time"
    when = "done by" if plan.role is Role.WARM_UP else "at"
    lines = [
        f"# Backward leg raises: {plan.weeks}-week {plan.role.label} plan",
        "",
        (
            f"From {_day(plan.start)} · {days} {when} {plan.at:%H:%M} · {zone} · "
            f"{plan.periodization.value} periodization"
        ),
        "",
        _athlete_line(plan.athlete),
    ]
    by_week: dict[int, list[Session]] = {}
    for session in plan.sessions:
        by_week.setdefault(session.week, []).append(session)
    last_week = max([plan.weeks, *by_week])
    for week in range(1, last_week + 1):
        sessions = by_week.get(week, [])
        deload = " (deload)" if any(s.is_deload for s in sessions) else ""
        lines += ["", f"## Week {week}{deload}"]
        lines += [_session_line(s) for s in sessions] or ["- no sessions"]
    if plan.notes:
        lines += ["", "## Notes", *_bullets(_line(note) for note in plan.notes)]
    if plan.note:
        lines += ["", "## Note", _quoted(plan.note)]
    return "\n".join(lines) + "\n"


def _line(text: str) -> str:
    """``text`` on one line: line breaks and control characters become single spaces.

    Text from users (or from a loaded file) then cannot start a line of its own, so it
    cannot pose as a heading, a list item or a session of the plan.
    """
    if _BREAKS.search(text) is None:  # the usual case: nothing to fold
        return text.strip() if "  " not in text else " ".join(text.split())
    cleaned = "".join(" " if unicodedata.category(char) in _BREAKING else char for char in text)
    return " ".join(cleaned.split())


def _quoted(text: str) -> str:
    """User text on one line, in quotation marks, so it reads as quoted, not as the plan."""
    return f"“{_line(text)}”"


#: Unicode categories folded into spaces: control characters, line and paragraph
#: separators, and surrogates (a lone surrogate cannot be printed).
_BREAKING: Final = frozenset({"Cc", "Zl", "Zp", "Cs"})
#: A quick test for any character of those categories (then the slow path runs).
_BREAKS: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _day(date: dt.date) -> str:
    return f"{_DAY_NAMES[date.weekday()]} {date.isoformat()}"


def _athlete_line(athlete: Athlete) -> str:
    parts = [_quoted(athlete.name)] if athlete.name else []
    parts.append(athlete.level.value)
    equipment = sorted(athlete.equipment, key=lambda e: e.rank)
    parts.append("equipment: " + ", ".join(_equipment(e) for e in equipment))
    if athlete.conditions:
        conditions = ", ".join(sorted(c.value.replace("_", " ") for c in athlete.conditions))
        cleared = "cleared" if athlete.cleared else "not cleared"
        parts.append(f"conditions: {conditions} ({cleared})")
    parts.append(f"units {athlete.units.value}")
    return "Athlete: " + " · ".join(parts)


def _equipment(equipment: Equipment) -> str:
    return equipment.value.replace("_", " ")


def _session_line(session: Session) -> str:
    start = session.start
    head = f"- {_day(start.date())} {start:%H:%M}"
    if session.kind is not DayKind.NORMAL:
        head += f" [{session.kind.value}]"
    head += f" · {_span(session.duration)}"
    if session.status is not SessionStatus.PLANNED:
        head += f" · {_status(session)}"
    blocks = " + ".join(_block_text(b) for b in session.blocks)
    line = f"{head} · {blocks}"
    if session.notes:
        line += " (" + "; ".join(_line(note) for note in session.notes) + ")"
    return line


def _status(session: Session) -> str:
    """``done — <what was logged>``, ``skipped (<reason>)``, ``skipped`` or ``cancelled``."""
    log = session.log
    if log is None:
        return session.status.value
    if session.status is SessionStatus.DONE:
        text = f"done — {_line(log.summary())}"
        return f"{text}; note: {_quoted(log.notes)}" if log.notes.strip() else text
    return _line(log.summary())  # a skipped log: "skipped (ill)"


def _block_text(block: Block) -> str:
    rx = block.prescription
    text = (
        f"{rx.dose} {rx.variation.name} · {rx.load.label} · "
        f"tempo {rx.tempo.describe()} · rest {_span(rx.rest)} · "
        f"stop {rx.rir} reps short of failure"
    )
    return f"{text} — {_line(block.reason)}" if block.reason else text


def _span(duration: dt.timedelta) -> str:
    """``45 s``, ``60 s``, ``10 min`` or ``2 min 30 s`` (whole seconds)."""
    seconds = int(duration.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def _bullets(items: Iterable[str]) -> list[str]:
    return [f"- {item}" for item in items]


def catalog_text(variations: Iterable[Variation] | None = None) -> str:
    """The exercise catalog as readable text: each variation with its id and cues.

    Args:
        variations: the variations to list; the whole :data:`CATALOG` when None.

    >>> print(catalog_text([CATALOG["prone-hip-extension"]]).splitlines()[0])
    Prone backward leg raise  [prone-hip-extension]
    """
    chosen = CATALOG.values() if variations is None else variations
    lines: list[str] = []
    for x in chosen:
        muscles = ", ".join(m.value.replace("_", " ") for m in x.primary_muscles)
        advanced = "; advanced" if x.is_advanced else ""
        lines += [
            f"{x.name}  [{x.id}]",
            f"  equipment: {_equipment(x.equipment)}; position: {x.position.value}{advanced}",
            f"  primary muscles: {muscles}",
            "  setup:",
            *(f"    - {cue}" for cue in x.setup),
            "  execution:",
            *(f"    - {cue}" for cue in x.execution),
            f"  breathing: {x.breathing}",
            "  common mistakes:",
            *(f"    - {m}" for m in x.mistakes),
            "  safety:",
            *(f"    - {s}" for s in x.safety),
            "  see a professional first if:",
            *(f"    - {c}" for c in x.contraindications),
            "",
        ]
    return "\n".join(lines)
