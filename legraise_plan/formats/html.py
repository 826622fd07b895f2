"""A plan as one self-contained HTML page to read on a phone or print as a log sheet.

:func:`to_html` writes one HTML5 document that needs nothing else: the styles are inline
CSS, the chart is inline SVG, and there are no scripts and nothing to fetch (no fonts,
images or links to other files).  The page holds

- a header: the athlete (level, conditions), the role, the dates and days, the equipment,
  the plan's id and its note;
- "How to use this plan": how to read a row and fill it in, a legend of the dose, the
  tempo, RIR and pain, and the advice :func:`~legraise_plan.formats.text.to_text` gives
  (reps in reserve, missed reps, warming up, the band set-up, pain and when to stop);
- "Progression": a chart of the weekly volume (reps per leg) and the load level (the
  step on the athlete's ladder) by week, deload weeks shaded and labelled and, once
  sessions are logged, what was done against what was planned; a table below it holds
  the same numbers, for screen readers and for paper;
- one section with one table per week: each session's date, exercise, sets × reps per
  leg, load, tempo and rest, and empty boxes for the reps of each set, the reps in reserve
  and the worst pain (0-10), filled in from the log where a session was logged;
- "How to do each exercise": the key cues of each exercise the plan uses, once;
- "Safety notes": the plan's notes, each once.

Printed (A4 or Letter), each week starts on a new page and a session is never split
across pages; the page is black on white, and nothing is told by colour alone.  On a
narrow screen (a phone) each session becomes a card instead of a table row.

Text from users or files (the athlete's name, the plan's note and id, log notes, skip
reasons, logged loads) goes through jinja2's autoescaping, so it can never become markup,
and control characters in it become spaces.  The page depends on the plan and the log
only: no clock, no locale.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Mapping, Sequence
from typing import Final

import attrs
import jinja2

from legraise_plan.catalog import Variation
from legraise_plan.equipment import Equipment
from legraise_plan.errors import ExportError
from legraise_plan.formats._shared import (
    DAY_NAMES,
    WEEKDAY_NAMES,
    Advice,
    advice,
    clock,
    conditions,
    day,
    equipment_list,
    ladder_of,
    log_commands,
    reps_in_reserve,
    span_text,
    step_of,
)
from legraise_plan.log import SessionLog, SetLog, TrainingLog
from legraise_plan.periodization import DayKind
from legraise_plan.plan import Block, Plan, Session, SessionStatus
from legraise_plan.prescription import Role, Tempo
from legraise_plan.progression import Rung


__all__ = ["to_html"]


def to_html(plan: Plan, *, log: TrainingLog | None = None) -> str:
    """Render ``plan`` as one self-contained, printable HTML page.

    Args:
        plan: the plan to render; an adapted plan shows its done, skipped and cancelled
            sessions as such.
        log: a training log to fill in the sheet from: each session's latest entry
            (matched by uid) fills its boxes and marks it done or skipped, and the chart
            shows what was done against what was planned.  Entries for sessions the
            plan does not hold are counted, not shown.  None: only what ``plan`` holds.

    Returns:
        An HTML5 document (UTF-8, ending with a newline) with inline CSS and SVG, no
        scripts: the header, "How to use this plan", "Progression" (the chart and its
        table), one "Week N" section with one table per week, "How to do each exercise"
        and "Safety notes".

    Raises:
        ExportError: when ``plan`` is not a :class:`Plan` or ``log`` is neither a
            :class:`TrainingLog` nor None.

    >>> import datetime as dt
    >>> import legraise_plan as lp
    >>> plan = lp.build_plan(lp.Athlete(), weeks=2, start=dt.date(2026, 12, 7))
    >>> page = to_html(plan)
    >>> page.startswith("<!DOCTYPE html>"), page.count('<table class="sheet"')
    (True, 2)
    >>> "<script" in page
    False
    """
    if not isinstance(plan, Plan):
        raise ExportError(f"plan must be a Plan, got {type(plan).__name__}")
    if log is not None and not isinstance(log, TrainingLog):
        raise ExportError(
            f"log must be a TrainingLog or None, got {type(log).__name__}; read a log file "
            "with lp.read_log"
        )
    latest = log.latest() if log is not None else {}
    logs = {session.uid: _entry(session, latest) for session in plan.sessions}
    weeks = _weeks(plan, logs)
    unmatched = len(latest.keys() - logs.keys())
    return _template().render(
        page=_Page(
            title=f"Backward leg raises: {plan.weeks}-week {plan.role.label} plan",
            facts=_facts(plan),
            note=plan.note.strip(),
            intro=_INTRO,
            advice=advice(plan),
            legend=_legend(plan),
            commands=log_commands(plan),
            chart=_chart(plan, weeks, logs),
            weeks=weeks,
            unmatched=unmatched,
            cues=_cues(plan),
            notes=tuple(dict.fromkeys(" ".join(n.split()) for n in plan.notes if n.strip())),
        )
    )


# --------------------------------------------------------------------------- template


#: Control characters other than tab and line feed: each becomes a space in every value
#: written, as no HTML document may hold them (a carriage return becomes a line break).
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _finalize(value: object) -> object:
    """What jinja2 writes for ``{{ value }}``, before escaping: text without controls."""
    if isinstance(value, str) and _CONTROL.search(value) is not None:
        return _CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


@functools.cache
def _template() -> jinja2.Template:
    """The page template, loaded and compiled once (package data in ``templates/``)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("legraise_plan.formats", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("plan.html.j2")


# --------------------------------------------------------------------------- page parts


@attrs.frozen
class _Fact:
    """One line of the header: a name and its value."""

    name: str
    value: str


@attrs.frozen
class _Term:
    """One entry of the legend: a term and what it means."""

    term: str
    meaning: str


@attrs.frozen
class _Cue:
    """An exercise and its key cues."""

    name: str
    cues: tuple[str, ...]


@attrs.frozen(kw_only=True)
class _Line:
    """One block of a session: the dose, and the boxes for what was done."""

    exercise: str
    reason: str
    sets: int
    reps: int
    per_leg: bool
    rir: str
    load: str
    done_load: str
    tempo: str
    rest: str
    boxes: tuple[str, ...]
    rir_done: str


@attrs.frozen(kw_only=True)
class _Row:
    """One session: when, its status, its blocks, the pain box and its notes."""

    weekday: str
    date: str
    time: str
    kind: str
    status: str
    status_text: str
    lines: tuple[_Line, ...]
    pain: str
    notes: tuple[str, ...]
    log_note: str


@attrs.frozen(kw_only=True)
class _Week:
    """One week: its number, dates and sessions."""

    number: int
    first: str
    last: str
    deload: bool
    rows: tuple[_Row, ...]


@attrs.frozen(kw_only=True)
class _Page:
    """Everything the template shows."""

    title: str
    facts: tuple[_Fact, ...]
    note: str
    intro: str
    advice: tuple[Advice, ...]
    legend: tuple[_Term, ...]
    commands: tuple[str, str]
    chart: _Chart
    weeks: tuple[_Week, ...]
    unmatched: int
    cues: tuple[_Cue, ...]
    notes: tuple[str, ...]


def _facts(plan: Plan) -> tuple[_Fact, ...]:
    """The header: athlete, conditions, role, dates, days and time, equipment, plan id."""
    athlete = plan.athlete
    who = f"“{athlete.name.strip()}” · " if athlete.name.strip() else ""
    days = ", ".join(WEEKDAY_NAMES[d] for d in plan.days)
    when = "done by" if plan.role is Role.WARM_UP else "at"
    zone = plan.tz if plan.tz is not None else "local time"
    equipment = equipment_list(athlete)
    if athlete.has(Equipment.BAND):
        equipment += f" (band {athlete.band_setup.value})"
    facts = [
        _Fact("Athlete", f"{who}{athlete.level.value}"),
        _Fact("Conditions", conditions(athlete)),
        _Fact("Role", f"{plan.role.label}, {plan.periodization.value} periodization"),
        _Fact(
            "Dates",
            f"{day(plan.start)} to {day(plan.end - dt.timedelta(days=1))} "
            f"({plan.weeks} week{'s' if plan.weeks != 1 else ''})",
        ),
        _Fact("Days", f"{days} {when} {clock(plan.at)} ({zone})"),
        _Fact("Equipment", f"{equipment}; units {athlete.units.value}"),
        _Fact("Plan", plan.plan_id),
    ]
    return tuple(fact for fact in facts if fact.value.strip())


#: How to read a week's table and fill it in.
_INTRO: Final = (
    "Each row is one session: its date, the exercise, sets × reps, the load, the tempo and "
    "the rest. After each set, write the reps you did in the next box (left/right when the "
    "legs differ); after the session, the reps you had in reserve and the worst pain (0-10)."
)


def _legend(plan: Plan) -> tuple[_Term, ...]:
    """The dose, tempo, RIR and pain legend, with the plan's first dose as the example."""
    first = plan.sessions[0].blocks[0] if plan.sessions else None
    sets, reps = (first.sets, first.reps) if first is not None else (3, 10)
    tempo = first.tempo if first is not None else Tempo(2, 1, 2)
    rir = first.rir if first is not None else 2
    each = " with both legs" if first is not None and first.variation.bilateral else " on each leg"
    terms = [
        _Term(f"{sets} × {reps}", f"{sets} sets of {reps} reps{each}"),
        _Term(f"Tempo {tempo}", f"seconds to lift, hold at the top and lower: {tempo.describe()}"),
        _Term(
            "RIR",
            "reps in reserve: how many more clean reps you could still do at the end of a set "
            f"(this plan asks for {reps_in_reserve(rir)} at first)",
        ),
        _Term("Pain 0-10", "0 is no pain, 10 the worst imaginable; write the worst of the session"),
    ]
    if any(s.is_deload for s in plan.sessions):
        terms.append(_Term("Deload", "a lighter week on purpose, marked in the chart and the week"))
    return tuple(terms)


def _cues(plan: Plan) -> tuple[_Cue, ...]:
    """The key cues of each exercise in the plan, in the order they first appear."""
    seen: dict[str, Variation] = {}
    for session in plan.sessions:
        for block in session.blocks:
            seen.setdefault(block.variation.id, block.variation)
    return tuple(_Cue(x.name, x.key_cues) for x in seen.values())


# --------------------------------------------------------------------------- sessions


def _entry(session: Session, latest: Mapping[str, SessionLog]) -> SessionLog | None:
    """What was logged for ``session``: the log's latest entry, else the plan's own."""
    if session.status is SessionStatus.CANCELLED:
        return None
    return latest.get(session.uid, session.log)


def _status(session: Session, entry: SessionLog | None) -> SessionStatus:
    """Done or skipped as logged; otherwise the plan's own status."""
    if entry is None:
        return session.status
    return SessionStatus.SKIPPED if entry.is_skipped else SessionStatus.DONE


def _weeks(plan: Plan, logs: dict[str, SessionLog | None]) -> tuple[_Week, ...]:
    """Each week of the plan with its sessions (a week may have none)."""
    by_week: dict[int, list[Session]] = {}
    for session in plan.sessions:
        by_week.setdefault(session.week, []).append(session)
    weeks = []
    for number in range(1, plan.weeks + 1):
        sessions = by_week.get(number, [])
        first = plan.start + dt.timedelta(weeks=number - 1)
        weeks.append(
            _Week(
                number=number,
                first=day(first),
                last=day(first + dt.timedelta(days=6)),
                deload=any(s.is_deload for s in sessions),
                rows=tuple(_row(s, logs[s.uid]) for s in sessions),
            )
        )
    return tuple(weeks)


def _row(session: Session, entry: SessionLog | None) -> _Row:
    """One session's rows: logged sets fill each block's boxes in order, the rest the last."""
    status = _status(session, entry)
    done = entry is not None and status is SessionStatus.DONE
    sets = list(entry.sets) if entry is not None else []
    lines = []
    for i, block in enumerate(session.blocks):
        last = i == len(session.blocks) - 1
        mine, sets = (sets, []) if last else (sets[: block.sets], sets[block.sets :])
        lines.append(_line(block, mine, status))
    notes = list(session.notes)
    if done and entry is not None:
        if entry.morning_pain is not None:
            notes.append(f"pain the next morning: {entry.morning_pain}/10")
        if not entry.form_kept:
            notes.append("form was not kept")
    return _Row(
        weekday=DAY_NAMES[session.start.weekday()],
        date=session.start.date().isoformat(),
        time=f"{clock(session.start)} · {span_text(session.duration)}",
        kind=session.kind.value if session.kind is not DayKind.NORMAL else "",
        status=status.value,
        status_text="" if status is SessionStatus.PLANNED else _status_text(status, entry),
        lines=tuple(lines),
        pain=str(entry.pain_during) if done and entry is not None else "",
        notes=tuple(note.strip() for note in notes if note.strip()),
        log_note=entry.notes.strip() if entry is not None else "",
    )


def _status_text(status: SessionStatus, entry: SessionLog | None) -> str:
    """``done``, ``skipped (<reason>)``, ``skipped`` or ``cancelled``."""
    if status is SessionStatus.SKIPPED and entry is not None and entry.skipped:
        return f"skipped ({entry.skipped.strip()})"
    return status.value


def _line(block: Block, sets: Sequence[SetLog], status: SessionStatus) -> _Line:
    """One block's row; ``sets`` are the sets logged for it."""
    rx = block.prescription
    boxes: tuple[str, ...] = ()
    if status in {SessionStatus.PLANNED, SessionStatus.DONE}:
        reps = [str(s.left) if s.left == s.right else f"{s.left}/{s.right}" for s in sets]
        boxes = (*reps, *[""] * (rx.sets - len(reps)))
    loads = dict.fromkeys(s.load.strip() for s in sets if s.load and s.load.strip())
    loads.pop(rx.load.label, None)
    reported = [s.rir for s in sets if s.rir is not None]
    return _Line(
        exercise=rx.variation.name,
        reason=block.reason.strip(),
        sets=rx.sets,
        reps=rx.reps,
        per_leg=not rx.variation.bilateral,
        rir=str(rx.rir),
        load=rx.load.label,
        done_load=", ".join(loads),
        tempo=str(rx.tempo),
        rest=span_text(rx.rest),
        boxes=boxes,
        rir_done=str(min(reported)) if reported else "",
    )


# --------------------------------------------------------------------------- chart

#: The chart's drawing area (SVG user units): the volume panel above the load panel.
_WIDTH: Final = 420
_HEIGHT: Final = 294
_LEFT: Final = 60
_RIGHT: Final = 8
_VOLUME: Final = (36, 140)  # top and bottom of the volume panel
_STEPS: Final = (184, 246)  # top and bottom of the load panel
_WEEK_LABELS: Final = 268


@attrs.frozen
class _Rect:
    x: str
    y: str
    width: str
    height: str


@attrs.frozen
class _Mark:
    """A point or a label: where it goes and what it says."""

    x: str
    y: str
    text: str


@attrs.frozen
class _Deload:
    """A deload week's column: its left edge, its centre and its label."""

    x: str
    centre: str
    label: str


@attrs.frozen(kw_only=True)
class _ChartRow:
    """One week in the chart's table."""

    week: int
    step: str
    planned: int
    done: str
    deload: bool


@attrs.frozen(kw_only=True)
class _Chart:
    """The chart's shapes, its text alternative and its table."""

    width: int
    height: int
    left: int
    right: int
    volume_top: int
    volume_bottom: int
    steps_top: int
    steps_bottom: int
    deloads: tuple[_Deload, ...]
    deload_width: str
    planned: tuple[_Rect, ...]
    done: tuple[_Rect, ...]
    volume_ticks: tuple[_Mark, ...]
    step_ticks: tuple[_Mark, ...]
    week_labels: tuple[_Mark, ...]
    line: str
    points: tuple[_Mark, ...]
    radius: str
    size: str
    done_line: str
    done_points: tuple[_Mark, ...]
    title: str
    description: str
    rows: tuple[_ChartRow, ...]
    has_done: bool


def _n(value: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{value:.1f}".removesuffix(".0")


def _chart(plan: Plan, weeks: tuple[_Week, ...], logs: dict[str, SessionLog | None]) -> _Chart:
    """The progression chart: volume bars and load-level line by week, deloads shaded."""
    rungs = ladder_of(attrs.evolve(plan.athlete, name=""), plan.role).rungs
    count = plan.weeks
    planned = [0] * count
    done: list[int | None] = [None] * count
    steps: list[int | None] = [None] * count
    done_steps: list[int | None] = [None] * count
    for session in plan.sessions:
        w = session.week - 1
        entry = logs[session.uid]
        if session.status is not SessionStatus.CANCELLED:
            planned[w] += session.volume
            steps[w] = _top(steps[w], *(step_of(rungs, b) for b in session.blocks))
        if entry is None:
            continue
        done[w] = (done[w] or 0) + sum(s.worst for s in entry.sets)
        if not entry.is_skipped:
            done_steps[w] = _top(done_steps[w], _done_step(rungs, session, entry))
    column = (_WIDTH - _LEFT - _RIGHT) / count
    centre = [_LEFT + column * (i + 0.5) for i in range(count)]
    top = _ceiling(max([*planned, *(d or 0 for d in done), 1]))
    low, high = _VOLUME

    def bar(i: int, value: int, share: float) -> _Rect:
        height = (high - low) * value / top
        return _Rect(
            _n(centre[i] - column * share / 2), _n(high - height), _n(column * share), _n(height)
        )

    used = [s for s in (*steps, *done_steps) if s is not None]
    first, last = (min(used), max(used)) if used else (0, 0)

    def step_y(step: int) -> float:
        return _step_y(first, last, step)

    line = [(i, s) for i, s in enumerate(steps) if s is not None]
    done_line = [(i, s) for i, s in enumerate(done_steps) if s is not None]
    has_done = any(d is not None for d in done)
    rows = tuple(
        _ChartRow(
            week=i + 1,
            step=f"step {s + 1}: {rungs[s].label}" if s is not None else "none",
            planned=planned[i],
            done="" if done[i] is None else str(done[i]),
            deload=weeks[i].deload,
        )
        for i, s in enumerate(steps)
    )
    every = math.ceil(count / 13)
    radius = min(3.5, column / 3)
    return _Chart(
        width=_WIDTH,
        height=_HEIGHT,
        left=_LEFT,
        right=_WIDTH - _RIGHT,
        volume_top=low,
        volume_bottom=high,
        steps_top=_STEPS[0],
        steps_bottom=_STEPS[1],
        deloads=tuple(
            _Deload(_n(_LEFT + column * i), _n(centre[i]), "deload" if column >= 44 else "D")
            for i, week in enumerate(weeks)
            if week.deload
        ),
        deload_width=_n(column),
        planned=tuple(bar(i, v, 0.7) for i, v in enumerate(planned)),
        done=tuple(bar(i, d, 0.34) for i, d in enumerate(done) if d is not None),
        volume_ticks=tuple(
            _Mark(_n(_LEFT - 6), _n(high - (high - low) * v / top), str(v))
            for v in (0, top // 2, top)
        ),
        step_ticks=tuple(
            _Mark(_n(_LEFT - 6), _n(step_y(s)), f"step {s + 1}") for s in _step_ticks(first, last)
        )
        if used
        else (),
        week_labels=tuple(
            _Mark(_n(centre[i]), str(_WEEK_LABELS), str(i + 1))
            for i in range(count)
            if i % every == 0
        ),
        line=" ".join(f"{_n(centre[i])},{_n(step_y(s))}" for i, s in line),
        points=tuple(_Mark(_n(centre[i]), _n(step_y(s)), "") for i, s in line),
        radius=_n(radius),
        size=_n(2 * radius),
        done_line=" ".join(f"{_n(centre[i])},{_n(step_y(s))}" for i, s in done_line),
        done_points=tuple(
            _Mark(_n(centre[i] - radius), _n(step_y(s) - radius), "") for i, s in done_line
        ),
        title=f"Progression by week: volume and load level over {count} "
        f"week{'s' if count != 1 else ''}",
        description=_description(planned, done, steps, rungs, weeks),
        rows=rows,
        has_done=has_done,
    )


def _top(current: int | None, *steps: int | None) -> int | None:
    """The highest of ``current`` and ``steps``, ignoring None."""
    known = [s for s in (current, *steps) if s is not None]
    return max(known) if known else None


def _done_step(rungs: tuple[Rung, ...], session: Session, entry: SessionLog) -> int | None:
    """The highest ladder step the logged sets of ``session`` were done on.

    The sets are read against the session's first exercise.  A set logged with the
    prescribed load (or none named) counts as the planned step; a set logged with another
    load counts as the lowest step of the same exercise with that load, or as the planned
    step when the ladder has no such step.
    """
    block = session.blocks[0]
    exercise = block.variation.id
    planned = step_of(rungs, block)
    found: list[int | None] = []
    for logged in entry.sets:
        label = (logged.load or "").strip()
        if not label or label == block.load.label:
            found.append(planned)
            continue
        same = [r.index for r in rungs if r.variation.id == exercise and r.load.label == label]
        found.append(min(same) if same else planned)
    return _top(None, *found)


def _ceiling(value: int) -> int:
    """A round top for the volume axis: the first multiple of 10, 20, 50, 100… at or above."""
    for step in (10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return math.ceil(value / step) * step
    return math.ceil(value / 10_000) * 10_000


def _step_y(first: int, last: int, step: int) -> float:
    """The y of ``step`` in the load panel (the middle when all weeks share one step)."""
    top, bottom = _STEPS
    if first == last:
        return (top + bottom) / 2
    return bottom - (bottom - top) * (step - first) / (last - first)


def _step_ticks(first: int, last: int) -> list[int]:
    """Up to five steps to label on the load axis, the lowest and highest among them."""
    if last - first <= 4:
        return list(range(first, last + 1))
    return sorted({round(first + (last - first) * k / 4) for k in range(5)})


def _description(
    planned: list[int],
    done: list[int | None],
    steps: list[int | None],
    rungs: tuple[Rung, ...],
    weeks: tuple[_Week, ...],
) -> str:
    """The chart in words, for screen readers (the table below it has every number)."""
    parts = [f"Planned volume ranges from {min(planned)} to {max(planned)} reps per leg a week"]
    known = [s for s in steps if s is not None]
    if known:
        first, last = known[0], max(known)
        if first == last:
            parts.append(f"the load stays at step {first + 1} ({rungs[first].label})")
        else:
            parts.append(
                f"the load rises from step {first + 1} ({rungs[first].label}) to step "
                f"{last + 1} ({rungs[last].label})"
            )
    deloads = [str(w.number) for w in weeks if w.deload]
    if deloads:
        parts.append(f"deload in week{'s' if len(deloads) > 1 else ''} {', '.join(deloads)}")
    logged = [(p, d) for p, d in zip(planned, done, strict=True) if d is not None]
    if logged:
        parts.append(
            f"logged so far: {len(logged)} week{'s' if len(logged) > 1 else ''}, "
            f"{sum(d for _, d in logged)} of {sum(p for p, _ in logged)} planned reps per leg "
            "done in them"
        )
    return "; ".join(parts) + ". The table below lists every week."
