"""The Dask adapter on a real local cluster: the same results as one process."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import datetime as dt
import functools
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dask.bag as db
import pytest
from distributed import Client, LocalCluster

import legraise_plan as lp
import legraise_plan.dask as lpdask
from legraise_plan import batch
from tests.test_examples import EXAMPLES, run_example


STAMP = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
LINES = [
    '{"id": "ana", "start": "2027-01-04", "athlete": {"equipment": ["band"]}}\n',
    '{"id": "ben", "start": "2027-01-04", "tz": "Europe/Berlin", "days": ["TU", "FR"]}\n',
    "\n",
    '{"id": "cleo", "start": "2027-01-04", "weeks": 0}\n',
    "not json\n",
    '{"id": "dev", "start": "2027-01-04", "role": "rehab"}\n',
    *(f'{{"id": "u{i}", "start": "2027-01-04", "weeks": {1 + i % 9}}}\n' for i in range(20)),
]
#: What one process gives for the lines that are not blank.
KEPT = [text for text in LINES if text.strip()]


@pytest.fixture(name="client", scope="module")
def fixture_client() -> Iterator[Client]:
    """Two worker processes of one thread each, on the loopback only, no dashboard."""
    with (
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def bag() -> db.Bag:
    return db.from_sequence(LINES, npartitions=3)


def test_ics_equals_one_process(client: Client) -> None:
    """.ics bytes made on the cluster equal build_many's in this process, in order."""
    here = list(lp.build_many(KEPT, export=functools.partial(lp.to_ics, stamp=STAMP)))

    there = client.compute(lpdask.build_ics(bag(), stamp=STAMP)).result()

    assert here == there
    assert [True, True, False, False, False] == [r.ok for r in there[:5]]
    assert there[0].unwrap().startswith(b"BEGIN:VCALENDAR")


def test_plans_and_dicts_equal_one_process(client: Client) -> None:
    """Plans come back whole; dicts are to_dict's."""
    here = list(lp.build_many(KEPT))

    assert here == client.compute(lpdask.build(bag())).result()
    assert [r.value if r.ok else None for r in here] == [
        lp.from_dict(r.value) if r.ok else None
        for r in client.compute(lpdask.build_dicts(bag())).result()
    ]


def test_json_lines(client: Client) -> None:
    """One JSON line per line of input: the plan, or the error."""
    lines = client.compute(lpdask.to_json_lines(bag())).result()

    here = [batch.result_line(r) for r in lp.build_many(KEPT, export=lp.to_dict)]
    assert here == lines
    assert ["ana", "ben", "cleo", None, "dev"] == [json.loads(text)["id"] for text in lines[:5]]
    assert "error" in json.loads(lines[2])


def test_specs_as_well_as_lines(client: Client) -> None:
    specs = [batch.BatchSpec(id=f"s{i}", start=dt.date(2027, 1, 4), weeks=i + 1) for i in range(6)]

    there = client.compute(lpdask.build_dicts(db.from_sequence(specs, npartitions=2))).result()

    assert list(lp.build_many(specs, export=lp.to_dict)) == there


def test_example_on_the_cluster(client: Client, tmp_path: Path) -> None:
    """examples/dask_batch.py against the cluster's scheduler address writes the parts."""
    source = tmp_path / "athletes.jsonl"
    source.write_text("".join(LINES), encoding="utf-8")
    address = client.scheduler.address

    out = run_example(
        "dask_batch.py", str(source), "--out", "plans", "--scheduler", address, cwd=tmp_path
    )

    assert f"written to plans by {address}" in out
    parts = sorted((tmp_path / "plans").glob("part-*.jsonl"), key=lambda p: int(p.stem[5:]))
    written = [text for part in parts for text in part.read_text(encoding="utf-8").splitlines()]
    assert [batch.result_line(r) for r in lp.build_many(KEPT, export=lp.to_dict)] == written


def test_example_with_its_own_cluster(tmp_path: Path) -> None:
    """Without --scheduler the example starts (and stops) a local cluster of its own."""
    out = run_example("dask_batch.py", "--count", "12", "--out", "plans", cwd=tmp_path)

    assert "4 files written to plans by tcp://127.0.0.1:" in out
    written = [
        json.loads(text)
        for part in sorted((tmp_path / "plans").glob("part-*.jsonl"))
        for text in part.read_text(encoding="utf-8").splitlines()
    ]
    assert 12 == len(written)
    assert all("plan" in item for item in written)


def test_import_does_not_load_dask() -> None:
    """import legraise_plan (and build_many) never imports dask or distributed."""
    code = (
        "import sys, legraise_plan as lp; lp.build_many; "
        "print(sorted(m for m in ('dask', 'distributed', 'tqdm') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )

    assert "[]" == result.stdout.strip()
    assert (EXAMPLES / "dask_batch.py").is_file()


@pytest.mark.parametrize(
    ("item", "kept"),
    [("\n", False), ("  \r\n", False), (b"\n", False), ("{}", True), (b"{}", True), ({}, True)],
)
def test_blank_lines_are_dropped(item: object, kept: bool) -> None:
    """Blank lines (read_text keeps them) are no athletes; everything else is kept."""
    assert kept is lpdask._has_content(item)
