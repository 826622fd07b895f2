"""Embedding legraise_plan in an app: a request as JSON in, the plan as JSON out.

An app stores the plan with lp.to_dict and loads it back with lp.from_dict; the
round trip gives an equal plan, and bad stored data raises a LegraisePlanError that
names the bad field's path.

Run: python examples/embed_in_app.py
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import legraise_plan as lp


REQUEST = """
{
  "user_id": "u-1029",
  "equipment": ["band", "cable"],
  "level": "intermediate",
  "units": "lb",
  "role": "full_body",
  "start": "2027-01-04",
  "days": ["tu", "th"],
  "at": "06:45",
  "tz": "America/New_York"
}
"""


def plan_for(request: dict[str, Any]) -> lp.Plan:
    """Turn an app's request into a plan; any bad field raises a LegraisePlanError."""
    athlete = lp.Athlete(
        equipment=request["equipment"], level=request["level"], units=request["units"]
    )
    try:
        start = dt.date.fromisoformat(request["start"])
        at = dt.time.fromisoformat(request["at"])
    except (TypeError, ValueError) as exc:
        raise lp.PlanError(f"start and at must be ISO date and time strings: {exc}") from None
    return lp.build_plan(
        athlete,
        role=request["role"],  # the enum's value; a bad one raises PlanError
        start=start,
        days=request["days"],
        at=at,
        tz=request.get("tz"),  # JSON null: floating local time
        plan_id=request["user_id"],
    )


def main() -> None:
    plan = plan_for(json.loads(REQUEST))
    stored = json.dumps(lp.to_dict(plan))
    loaded = lp.from_dict(json.loads(stored))
    if loaded != plan:
        raise SystemExit("the stored plan did not load back equal")
    first = loaded.sessions[0]
    print(f"stored {len(stored)} bytes; first session {first.start.isoformat()}")
    print(f"uid {first.uid}: {first.blocks[0].prescription.summary}")

    broken = json.loads(stored)
    broken["sessions"][1]["blocks"][0]["sets"] = 0
    try:
        lp.from_dict(broken)
    except lp.LegraisePlanError as exc:
        print(f"rejected: {exc}")


if __name__ == "__main__":
    main()
