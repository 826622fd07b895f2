"""A 6-week accessory plan after squats, written to plan.ics for a phone's calendar.

Run: python examples/accessory_ics.py [OUTPUT.ics]
"""

from __future__ import annotations

import datetime as dt
import sys

import legraise_plan as lp


def main() -> None:
    athlete = lp.Athlete(
        equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS},
        level=lp.Level.INTERMEDIATE,
        name="Sam",
    )
    plan = lp.build_plan(
        athlete,
        role=lp.Role.ACCESSORY,
        weeks=6,
        start=dt.date(2026, 12, 7),
        days=("MO", "WE", "FR"),
        at=dt.time(18, 0),  # the squats start at 18:00 ...
        after=dt.timedelta(minutes=45),  # ... and the raises follow 45 minutes later
        tz="Europe/Berlin",
    )
    target = lp.write_ics(plan, sys.argv[1] if len(sys.argv) > 1 else "plan.ics")
    print(f"{len(plan.sessions)} sessions written to {target}")
    for week, loads in enumerate(plan.load_ladder(), start=1):
        print(f"week {week}: {', '.join(loads)}")


if __name__ == "__main__":
    main()
