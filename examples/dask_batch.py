"""Build a batch of plans on a Dask cluster into a partitioned folder of JSON Lines.

Each line of the input is one athlete (see docs/batch.md); each output file
``part-N.jsonl`` holds one line per athlete of that partition, ``{"id": ..., "plan":
{...}}`` or ``{"id": ..., "error": "..."}``, in input order across the parts.

Run against a cluster:   python examples/dask_batch.py athletes.jsonl --out plans \\
                             --scheduler tcp://scheduler:8786
Run on this machine:     python examples/dask_batch.py --count 1000 --out plans
(without an input file it makes --count demo athletes; without --scheduler it starts a
local cluster of two worker processes).  Needs: pip install 'legraise-plan[dask]'
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import dask.bag as db
from distributed import Client, LocalCluster

import legraise_plan.dask as lpdask


LEVELS = ("novice", "intermediate", "advanced")
EQUIPMENT = ([], ["band"], ["band", "ankle_weights"], ["cable"])
DAYS = (["MO", "WE", "FR"], ["TU", "TH", "SA"], ["MO", "TH"])
ZONES = (None, "Europe/Berlin", "America/New_York")


def demo_lines(count: int) -> list[str]:
    """``count`` different athletes as batch lines, the same on every run."""
    profiles = itertools.cycle(itertools.product(EQUIPMENT, LEVELS))
    return [
        json.dumps(
            {
                "id": f"athlete-{i:05d}",
                "start": "2027-01-04",
                "athlete": {"equipment": equipment, "level": level},
                "days": DAYS[i % len(DAYS)],
                "tz": ZONES[i % len(ZONES)],
            }
        )
        for i, (equipment, level) in zip(range(count), profiles, strict=False)
    ]


@contextlib.contextmanager
def connect(scheduler: str | None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a local cluster made for this run."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", type=Path, help="a JSON Lines file of athletes")
    parser.add_argument("--count", type=int, default=200, help="demo athletes without input")
    parser.add_argument("--out", type=Path, default=Path("plans"), help="the output folder")
    parser.add_argument("--scheduler", default=None, help="e.g. tcp://scheduler:8786")
    parser.add_argument("--partitions", type=int, default=4)
    args = parser.parse_args(argv)

    with connect(args.scheduler) as client:
        if args.input is not None:
            lines = db.read_text(str(args.input), blocksize="16MiB")
        else:
            lines = db.from_sequence(demo_lines(args.count), npartitions=args.partitions)
        args.out.mkdir(parents=True, exist_ok=True)
        parts = str(args.out / "part-*.jsonl")
        written = lpdask.to_json_lines(lines).to_textfiles(parts, last_endline=True)
        print(f"{len(written)} files written to {args.out} by {client.scheduler.address}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
