"""A plan as readable, Markdown-friendly text for printing or a chat message.

:func:`to_text` gives a title, the schedule and the athlete, a short "How to use this
plan" section, one ``## Week N`` section per week, a "What's next" section on the
athlete's equipment, then the plan's notes (safety first, each once) and its free-text
note.  Every line is at most 100 characters; longer text wraps onto indented lines::

    # Backward leg raises: 6-week accessory plan

    From Mon 2026-12-07 · Mon, Wed, Fri at 18:00 · Europe/Berlin · linear periodization

    Athlete: novice · equipment: bodyweight, band, ankle weights · units kg

    ## How to use this plan
    - Each session: sets × reps per leg, the exercise and its load; below it the tempo, ...
    ...

    ## Week 1
    - Mon 2026-12-07 18:00 · 10 min · 3×10/leg Standing backward leg raise · bodyweight
      tempo 2-1-2 (2 s up, 1 s hold at the top, 2 s down) · rest 60 s · 2 reps in reserve
      why: start (novice): standing, bodyweight
      How to do the standing backward leg raise:
      - Squeeze the glute of the working leg to start the lift; the back stays quiet.
      ...

A session's first line holds its date, time, length and dose; the lines below it give
the tempo, rest and reps in reserve, why the dose was chosen, the session's own notes in
brackets and, the first time an exercise appears, its key cues.  A session that is no
longer planned says so after its length: ``done`` (with a ``logged:`` line saying what
was logged), ``skipped (ill)``, ``skipped`` or ``cancelled``.

Text from users or files (the athlete's name, notes, reasons, logged notes) is folded
onto one line before it is wrapped, and a wrapped line never starts with a character
that Markdown would read as a heading, list item, quote or rule, so such text cannot
pose as part of the plan.  The output depends on the plan only (English day names, no
locale), so the same plan always gives the same text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

import attrs

from legraise_plan.athlete import Athlete
from legraise_plan.catalog import CATALOG, Variation
from legraise_plan.equipment import Equipment
from legraise_plan.errors import ExportError
from legraise_plan.formats._shared import (
    WEEKDAY_NAMES,
    advice,
    clock,
    conditions,
    day,
    equipment_list,
    equipment_name,
    ladder_of,
    log_commands,
    reps_in_reserve,
    span_text,
    step_of,
)
from legraise_plan.periodization import DayKind
from legraise_plan.plan import Block, Plan, Session, SessionStatus
from legraise_plan.prescription import Role
from legraise_plan.progression import Rung


__all__ = ["catalog_text", "to_text"]

#: The longest line :func:`to_text` writes.
_WIDTH: Final = 100
#: Indents: a list item's first line, its continuation lines, a detail line under it.
_ITEM, _MORE, _DETAIL = "- ", "  ", "    "


def to_text(plan: Plan) -> str:
    """Render ``plan`` as readable, Markdown-friendly text, week by week.

    Args:
        plan: the plan to render.

    Returns:
        The text, ending with a newline, no line longer than 100 characters: a title
        (role and weeks), a line with the start date, days, time and zone (or "floating
        local time"), the athlete, ``## How to use this plan`` (reps in reserve, missed
        reps, logging, warming up, the band set-up, when to stop), a ``## Week N`` section
        per week (``(deload)`` marks deload weeks) with each session and, the first time
        an exercise appears, its key cues, ``## What's next`` (which of the athlete's
        equipment the plan reaches and what comes later), then ``## Notes`` (the safety
        notes first, each once) and ``## Note`` when the plan has one.

    Raises:
        ExportError: when ``plan`` is not a :class:`Plan`.

    >>> import datetime as dt
    >>> import legraise_plan as lp
    >>> plan = lp.build_plan(lp.Athlete(), weeks=1, start=dt.date(2026, 12, 7))
    >>> lines = to_text(plan).splitlines()
    >>> print(lines[0])
    # Backward leg raises: 1-week accessory plan
    >>> print(lines[lines.index("## Week 1") + 1])
    - Mon 2026-12-07 18:00 · 10 min · 3×10/leg Standing backward leg raise · bodyweight
    >>> max(len(line) for line in lines) <= 100
    True
    """
    if not isinstance(plan, Plan):
        raise ExportError(f"plan must be a Plan, got {type(plan).__name__}")
    days = ", ".join(WEEKDAY_NAMES[d] for d in plan.days)
    zone = plan.tz if plan.tz is not None else "floating local time"
    when = "done by" if plan.role is Role.WARM_UP else "at"
    lines = [
        f"# Backward leg raises: {plan.weeks}-week {plan.role.label} plan",
        "",
        *_wrap(
            f"From {day(plan.start)} · {days} {when} {clock(plan.at)} · {zone} · "
            f"{plan.periodization.value} periodization"
        ),
        "",
        *_wrap(_athlete_line(plan.athlete)),
        "",
        "## How to use this plan",
        *_how_to(plan),
    ]
    by_week: dict[int, list[Session]] = {}
    for session in plan.sessions:
        by_week.setdefault(session.week, []).append(session)
    last_week = max([plan.weeks, *by_week])
    shown: set[str] = set()  # the variations whose cues are already shown
    for week in range(1, last_week + 1):
        sessions = by_week.get(week, [])
        deload = " (deload)" if any(s.is_deload for s in sessions) else ""
        lines += ["", f"## Week {week}{deload}"]
        for session in sessions:
            lines += _session_lines(session, shown)
        if not sessions:
            lines.append("- no sessions")
    lines += ["", "## What's next", *_whats_next(plan)]
    notes = [text for text in dict.fromkeys(_line(note) for note in plan.notes) if text]
    if notes:
        lines += ["", "## Notes"]
        for note in notes:
            lines += _wrap(note, _ITEM, _MORE)
    if plan.note:
        lines += ["", "## Note", *_wrap(_quoted(plan.note))]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- user text


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
#: Where a line may break: at a space before a word that starts with a letter, an opening
#: quote or bracket, or a number not followed by ``.`` or ``)``.  Anything else (``#``,
#: ``-``, ``*``, ``+``, ``>``, ``=``, ``1.``, a backtick, …) could start a Markdown heading,
#: list, quote, rule or code block, so no line starts with it.
_BREAK: Final = re.compile(r" (?=[^\W\d_]|[“‘\"'(]|\d+(?![\d.)]))")


def _wrap(text: str, first: str = "", rest: str = _MORE, width: int = _WIDTH) -> list[str]:
    """``text`` (one line) in lines of at most ``width`` characters, broken at spaces.

    The first line starts with ``first``, the others with ``rest``.  A line is broken only
    before a word that cannot start a Markdown block (:data:`_BREAK`); when there is no
    such place (a very long word, or a run of symbols), the line is cut with ``…`` and the
    text goes on at the next place where a line may start.
    """
    if "  " in text or text.strip(" ") != text:
        text = " ".join(word for word in text.split(" ") if word)
    if len(first) + len(text) <= width:
        return [first + text]  # the usual case: it fits
    breaks = [match.start() for match in _BREAK.finditer(text)]
    lines: list[str] = []
    prefix, pos = first, 0
    while len(prefix) + len(text) - pos > width:
        room = width - len(prefix)
        k = bisect.bisect_right(breaks, pos + room) - 1
        if k >= 0 and breaks[k] > pos:
            lines.append(prefix + text[pos : breaks[k]])
            pos = breaks[k] + 1
        else:
            lines.append(prefix + text[pos : pos + room - 1].rstrip() + "…")
            k = bisect.bisect_left(breaks, pos + room - 1)
            if k == len(breaks):
                return lines
            pos = breaks[k] + 1
        prefix = rest
    lines.append(prefix + text[pos:])
    return lines


# --------------------------------------------------------------------------- header


def _athlete_line(athlete: Athlete) -> str:
    parts = [_quoted(athlete.name)] if athlete.name else []
    parts.append(athlete.level.value)
    parts.append(f"equipment: {equipment_list(athlete)}")
    if athlete.conditions:
        parts.append(f"conditions: {conditions(athlete)}")
    parts.append(f"units {athlete.units.value}")
    return "Athlete: " + " · ".join(parts)


def _how_to(plan: Plan) -> list[str]:
    """The short guide at the top: how to read, do, log and stop a session."""
    items = [
        (
            "Each session: sets × reps per leg, the exercise and its load; below it the "
            "tempo, the rest between sets, the reps in reserve and why this dose."
        ),
        *(str(item) for item in advice(plan)),
    ]
    lines = [line for item in items[:3] for line in _wrap(item, _ITEM, _MORE)]
    lines += _wrap(
        "Log each session after training (the reps of each set, the worst pain 0-10), with "
        "the plan saved as plan.json, then let the plan adjust the sessions still to come:",
        _ITEM,
        _MORE,
    )
    lines += [f"{_MORE}`{command}`" for command in log_commands(plan)]
    return lines + [line for item in items[3:] for line in _wrap(item, _ITEM, _MORE)]


# --------------------------------------------------------------------------- sessions


def _session_lines(session: Session, shown: set[str]) -> list[str]:
    """A session: its first line (when, how long, status, dose), then its details."""
    start = session.start
    head = f"{day(start.date())} {clock(start)}"
    if session.kind is not DayKind.NORMAL:
        head += f" [{session.kind.value}]"
    head += f" · {span_text(session.duration)}"
    if session.status is not SessionStatus.PLANNED:
        head += f" · {_status(session)}"
    first, *others = session.blocks
    lines = _wrap(f"{head} · {_dose(first)}", _ITEM, _MORE) + _logged(session)
    for i, block in enumerate(session.blocks):
        if i:
            lines += _wrap(f"then {_dose(block)}", _MORE, _DETAIL)
        lines += _wrap(_details(block), _MORE, _DETAIL)
        if block.reason.strip():
            lines += _wrap(f"why: {_line(block.reason)}", _MORE, _DETAIL)
    if session.notes:
        lines += _wrap("(" + "; ".join(_line(n) for n in session.notes) + ")", _MORE, _DETAIL)
    for block in (first, *others):
        if block.variation.id not in shown:
            shown.add(block.variation.id)
            lines += _cues(block.variation)
    return lines


def _logged(session: Session) -> list[str]:
    """For a done session, a line with what was logged and the log's note."""
    log = session.log
    if session.status is not SessionStatus.DONE or log is None:
        return []
    logged = f"logged: {_line(log.summary())}"
    if log.notes.strip():
        logged += f"; note: {_quoted(log.notes)}"
    return _wrap(logged, _MORE, _DETAIL)


def _status(session: Session) -> str:
    """``done``, ``skipped (<reason>)``, ``skipped`` or ``cancelled``."""
    log = session.log
    if session.status is SessionStatus.SKIPPED and log is not None:
        return _line(log.summary())  # a skipped log: "skipped (ill)"
    return session.status.value


def _dose(block: Block) -> str:
    rx = block.prescription
    return f"{rx.dose} {rx.variation.name} · {rx.load.label}"


def _details(block: Block) -> str:
    rx = block.prescription
    return f"tempo {rx.tempo.describe()} · rest {span_text(rx.rest)} · {reps_in_reserve(rx.rir)}"


def _cues(variation: Variation) -> list[str]:
    """The variation's key cues, under the session where it first appears."""
    name = variation.name
    if not name[1:2].isupper():
        name = name[:1].lower() + name[1:]
    lines = _wrap(f"How to do the {name}:", _MORE, _DETAIL)
    for cue in variation.key_cues:
        lines += _wrap(_line(cue), f"{_MORE}{_ITEM}", _DETAIL)
    return lines


# --------------------------------------------------------------------------- what's next

#: The athlete's equipment as the "What's next" section names it, and whether the name
#: takes a plural verb.
_NAMES: Final = {
    Equipment.BODYWEIGHT: ("bodyweight", False),
    Equipment.BAND: ("the bands", True),
    Equipment.ANKLE_WEIGHTS: ("the ankle weights", True),
    Equipment.CABLE: ("the cable", False),
    Equipment.HYPEREXTENSION_BENCH: ("the 45° hyperextension bench", False),
    Equipment.GLUTE_HAM_BENCH: ("the glute-ham bench", False),
}


def _whats_next(plan: Plan) -> list[str]:
    """Which of the athlete's equipment the plan reaches, and what comes after it.

    Read from the athlete's ladder of steps for this role: the hardest step a planned or
    done session reaches, the step after it, and for each piece of equipment the plan
    does not reach, the equipment whose steps come before it.  No dates: the plan does
    not show when a later step will come.
    """
    ladder = ladder_of(attrs.evolve(plan.athlete, name=""), plan.role)
    used = [
        block
        for session in plan.sessions
        if session.status in {SessionStatus.PLANNED, SessionStatus.DONE}
        for block in session.blocks
    ]
    keys = {(b.variation.id, b.load, b.tempo.hold): b for b in used}  # each dose once
    steps = [step_of(ladder.rungs, block) for block in keys.values()]
    top = max((i for i in steps if i is not None), default=None)
    reached = {block.load.equipment for block in used}
    span = "this week" if plan.weeks == 1 else f"these {plan.weeks} weeks"
    lines: list[str] = []
    if used:
        names = [_NAMES[e][0] for e in sorted(reached, key=lambda e: e.rank)]
        if reached == {Equipment.BODYWEIGHT}:
            names = ["bodyweight only"]
        text = f"{_capital(span)} use {_and(names)}"
        if top is not None:
            text += f"; the hardest step is {ladder[top].label}"
        lines.append(text + ".")
    if top is not None and top < ladder.top:
        lines.append(f"After this plan, the next step up is {ladder[top + 1].label}.")
    elif top is not None:
        lines.append("That is as far as this kind of plan goes with your equipment.")
    owned = plan.athlete.equipment - reached - {Equipment.BODYWEIGHT}
    lines += _later(sorted(owned, key=lambda e: e.rank), ladder.rungs, top, span)
    if not lines:
        lines.append("Nothing to add: this plan has no sessions left.")
    return [line for text in lines for line in _wrap(text, _ITEM, _MORE)]


def _later(
    equipment: list[Equipment], rungs: tuple[Rung, ...], top: int | None, span: str
) -> list[str]:
    """What becomes of the athlete's ``equipment`` that the plan does not use.

    Equipment whose steps lie above ``top`` (the plan's hardest step) comes in after the
    equipment below it; equipment whose steps all lie below is easier than the plan;
    equipment with no step is not used for this athlete and role at all.
    """
    lines: list[str] = []
    easier: list[str] = []
    unused: list[str] = []
    for item in equipment:
        name, plural = _NAMES[item]
        its = [r.index for r in rungs if r.load.equipment is item]
        if not its:
            unused.append(name)
        elif top is not None and max(its) <= top:
            easier.append(name)
        else:
            earlier = [r.load.equipment for r in rungs[: min(its)]]
            external = [e for e in earlier if e is not Equipment.BODYWEIGHT]
            before = _NAMES[external[-1]][0] if external else "the bodyweight steps"
            verb = "come" if plural else "comes"
            lines.append(f"{_capital(name)} {verb} in after {before} — not within {span}.")
    if easier:
        lines.append(f"Easier than where this plan starts, so not used: {_and(easier)}.")
    if unused:
        lines.append(f"Not used in this kind of plan for you: {_and(unused)}.")
    return lines


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# --------------------------------------------------------------------------- catalog


def catalog_text(variations: Iterable[Variation] | None = None) -> str:
    """The exercise catalog as readable text: each variation with its id and cues.

    Args:
        variations: the variations to list; the whole :data:`CATALOG` when None.

    >>> print(catalog_text([CATALOG["prone-hip-extension"]]).splitlines()[0])
    Prone backward leg raise  [prone-hip-extension]
    """
    chosen = CATALOG.values() if variations is None else variations
    lines: list[str] = []

    def items(head: str, texts: Iterable[str]) -> list[str]:
        return [head, *(line for text in texts for line in _wrap(text, "    - ", "      "))]

    for x in chosen:
        muscles = ", ".join(m.value.replace("_", " ") for m in x.primary_muscles)
        advanced = "; advanced" if x.is_advanced else ""
        lines += [
            f"{x.name}  [{x.id}]",
            f"  equipment: {equipment_name(x.equipment)}; position: {x.position.value}{advanced}",
            f"  primary muscles: {muscles}",
            *items("  setup:", x.setup),
            *items("  execution:", x.execution),
            *_wrap(f"breathing: {x.breathing}", "  ", "    "),
            *items("  common mistakes:", x.mistakes),
            *items("  safety:", x.safety),
            *items("  see a professional first if:", x.contraindications),
            "",
        ]
    return "\n".join(lines)
