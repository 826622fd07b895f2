"""Benchmarks of ``lp.build_many``: build + ``to_dict`` (as dicts and as JSON text) and
build + ``to_ics``, in one and two worker processes, and the memory workers hold.

In the test run (``--benchmark-disable``) each runs once, small, as a plain test; the
batch budget (plans per second per core, the 1 to 2 worker speed-up, memory over 100,000
plans) comes from ``python -m tests.benchmarks.report``.
"""

from __future__ import annotations

import pytest

from tests.benchmarks import workload


@pytest.mark.parametrize(("export", "count"), [("to_dict", 500), ("json", 500), ("to_ics", 20)])
def test_build_many_one_core(benchmark, export, count):
    """Different athletes' 6-week plans, built and exported in this process."""
    built = benchmark.pedantic(
        workload.build_many, args=(count,), kwargs={"workers": None, "export": export}, rounds=1
    )

    assert count == built


@pytest.mark.parametrize(("export", "count"), [("to_dict", 500), ("json", 500), ("to_ics", 40)])
def test_build_many_two_workers(benchmark, export, count):
    """The same with two worker processes (their start included)."""
    built = benchmark.pedantic(
        workload.build_many, args=(count,), kwargs={"workers": 2, "export": export}, rounds=1
    )

    assert count == built


def test_memory_stays_flat():
    """Workers and parent hold no more after many plans than after the first tenth.

    Small here (the report runs 100,000 plans); a plan or result kept anywhere would
    still show: 2,000 plans of about 10 KiB each is about 20 MiB.
    """
    parent, worker = workload.memory_growth(2_000, workers=2)

    assert parent < 8 * 1024
    assert worker < 8 * 1024
