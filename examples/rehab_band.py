"""A rehab plan for someone with a low-back pain history who owns only a band.

Rehab plans need a clinician's clearance: set cleared=True only after your
physiotherapist or doctor has confirmed the plan.  The plan starts trunk-supported,
prone at bodyweight; the band is the easier option it regresses to if pain asks for it.

Run: python examples/rehab_band.py [OUTPUT.ics]
"""

from __future__ import annotations

import datetime as dt
import sys

import legraise_plan as lp


def main() -> None:
    athlete = lp.Athlete(
        equipment={lp.Equipment.BAND},
        conditions={lp.Condition.LOW_BACK_PAIN_HISTORY},
        cleared=True,
    )
    plan = lp.build_plan(
        athlete,
        role=lp.Role.REHAB,
        weeks=6,
        start=dt.date(2026, 12, 8),
        days="tue,thu,sat",
        at=dt.time(7, 30),
        tz="Europe/Berlin",
        note="Check with Dr. Weber before adding a band or any weight.",
    )
    print(lp.to_text(plan))
    lp.write_ics(plan, sys.argv[1] if len(sys.argv) > 1 else "rehab.ics")


if __name__ == "__main__":
    main()
