"""Generate plans for many athletes across processes, one .ics per athlete.

lp.build_many builds batch specs in worker processes and yields the results in input
order, each the exported calendar or the error for that athlete; export= runs to_ics in
the worker, so only the calendar's bytes come back.  Progress is printed as plans finish.
(The command `legraise-plan batch` does the same from a JSON Lines file, resumably.)

Run: python examples/batch_parallel.py --count 1000 --workers 4 --out calendars
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import legraise_plan as lp
from legraise_plan.batch import BatchSpec


EQUIPMENT_CHOICES = [
    (),
    (lp.Equipment.BAND,),
    (lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS),
    (lp.Equipment.CABLE,),
]
DAY_CHOICES = [("MO", "WE", "FR"), ("TU", "TH", "SA"), ("MO", "TH")]
ZONES = [None, "Europe/Berlin", "America/New_York"]
STAMP = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


def specs(count: int) -> Iterator[BatchSpec]:
    """A varied, deterministic population of athletes, each with an id and a calendar."""
    combos = itertools.cycle(itertools.product(EQUIPMENT_CHOICES, lp.Level, lp.Unit))
    for i, (equipment, level, units) in zip(range(count), combos, strict=False):
        yield BatchSpec(
            id=f"athlete-{i:05d}",
            athlete=lp.Athlete(equipment=equipment, level=level, units=units),
            start=dt.date(2027, 1, 4),
            days=DAY_CHOICES[i % len(DAY_CHOICES)],
            tz=ZONES[i % len(ZONES)],
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("calendars"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    export = functools.partial(lp.to_ics, stamp=STAMP)  # a partial of a function pickles
    step = max(1, args.count // 10)
    failed = 0
    results = lp.build_many(specs(args.count), workers=args.workers, export=export)
    for done, result in enumerate(results, start=1):
        if result.ok:
            (args.out / f"{result.id}.ics").write_bytes(result.unwrap())
        else:
            failed += 1
            print(f"{result.id}: {result.error}", file=sys.stderr)
        if done % step == 0 or done == args.count:
            print(f"{done}/{args.count} calendars written", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
