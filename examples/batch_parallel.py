"""Generate plans for many athletes across processes, one .ics per athlete.

Plans and their inputs are plain, picklable values and build_plan is pure, so a batch
parallelises with the standard library.  Progress is printed as plans finish.

Run: python examples/batch_parallel.py --count 1000 --workers 4 --out calendars
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import itertools
import sys
from pathlib import Path

import legraise_plan as lp


EQUIPMENT_CHOICES = [
    (),
    (lp.Equipment.BAND,),
    (lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS),
    (lp.Equipment.CABLE,),
]
DAY_CHOICES = [("MO", "WE", "FR"), ("TU", "TH", "SA"), ("MO", "TH")]
ZONES = [None, "Europe/Berlin", "America/New_York"]


def athletes(count: int) -> list[tuple[str, lp.Athlete]]:
    """A varied, deterministic population of athletes with ids."""
    combos = itertools.cycle(itertools.product(EQUIPMENT_CHOICES, lp.Level, lp.Unit))
    return [
        (f"athlete-{i:05d}", lp.Athlete(equipment=eq, level=level, units=units))
        for i, (eq, level, units) in zip(range(count), combos, strict=False)
    ]


def write_one(job: tuple[str, lp.Athlete, int, Path]) -> Path:
    """Build one athlete's plan and write it; runs in a worker process."""
    athlete_id, athlete, index, out = job
    plan = lp.build_plan(
        athlete,
        start=dt.date(2027, 1, 4),
        days=DAY_CHOICES[index % len(DAY_CHOICES)],
        tz=ZONES[index % len(ZONES)],
        plan_id=athlete_id,
    )
    stamp = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    return lp.write_ics(plan, out / f"{athlete_id}.ics", stamp=stamp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("calendars"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = [(aid, a, i, args.out) for i, (aid, a) in enumerate(athletes(args.count))]
    step = max(1, args.count // 10)
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.workers) as pool:
        for done, _ in enumerate(pool.map(write_one, jobs, chunksize=32), start=1):
            if done % step == 0 or done == args.count:
                print(f"{done}/{args.count} calendars written", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
