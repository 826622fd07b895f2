"""Run a 6-week plan through a simulated training log, adapting it after every session.

Week 1 goes to plan, week 2 is lost to a cold, week 3 brings a pain flare (6/10 during
one session), and week 4 is a great week (every set beats its target).  After each
session the log grows and the plan is adapted; the sessions still to come are dosed
again, keep their uids, and count a new revision only when they change.  At the end
the adapted plan is written as an .ics (re-importing it updates the calendar in
place) and the next block continues from where the athlete is.

Run: python examples/log_and_adapt.py [OUTPUT.ics]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import legraise_plan as lp


START = dt.date(2026, 12, 7)


def outcome(session: lp.Session) -> lp.SessionLog | None:
    """What happened in ``session`` this simulated block (None: not logged at all)."""
    block = session.blocks[0]
    day = session.start.date()
    if session.week == 2:
        return None  # a cold: nothing logged this week
    if session.week == 3 and day.weekday() == 0:
        sets = [lp.SetLog.both(block.reps)] * block.sets
        return lp.SessionLog(
            uid=session.uid, date=day, sets=sets, pain_during=6, morning_pain=4, notes="back"
        )
    reps = block.reps + 3 if session.week == 4 else block.reps
    sets = [lp.SetLog.both(min(reps, 50), rir=2)] * block.sets
    return lp.SessionLog(uid=session.uid, date=day, sets=sets, morning_pain=0)


def main() -> None:
    athlete = lp.Athlete(
        equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS}, level=lp.Level.INTERMEDIATE
    )
    original = lp.build_plan(
        athlete, start=START, days="mon,wed,fri", at=dt.time(18, 0), tz="Europe/Berlin"
    )
    plan, log = original, lp.TrainingLog()
    for index in range(len(original.sessions)):
        session = plan.sessions[index]
        if session.week > 4:
            break
        entry = outcome(session)
        if entry is not None:
            log = log.add(entry)
        today = session.start.date() + dt.timedelta(days=1)
        before, plan = plan, lp.adapt(plan, log, today=today)
        change = lp.diff(before, plan)
        if change.changed or change.cancelled:
            first = plan.sessions[index + 1]
            print(f"{today}: {change.summary()}")
            print(f"  next: {first.blocks[0].prescription.summary} — {first.blocks[0].reason}")

    print(f"\nWhole block: {lp.diff(original, plan).summary()}")
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "adapted.ics")
    lp.write_ics(plan, output)
    Path(output.with_suffix(".log.json")).write_text(
        json.dumps(lp.log_to_dict(log), indent=2) + "\n", encoding="utf-8"
    )
    following = lp.continue_plan(plan, log)
    first = following.sessions[0].blocks[0]
    print(f"Wrote {output}; the next block starts {following.start}: {first.prescription.summary}")


if __name__ == "__main__":
    main()
