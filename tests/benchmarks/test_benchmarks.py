"""Benchmarks: plan building, every export, a 10,000-athlete batch, and import time.

In the test run (``--benchmark-disable``, the default in pyproject) each benchmark runs
once as a plain test and its checks hold; with ``--benchmark-enable`` pytest-benchmark
times them.  The budget and its table come from ``python -m tests.benchmarks.report``.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys

import icalendar
import pytest

import legraise_plan as lp
from tests.benchmarks import floor, workload
from tests.caldav_server import writes


WEEKS = pytest.mark.parametrize("weeks", workload.WEEKS)


@WEEKS
def test_build_plan(benchmark, weeks):
    """build_plan for 6, 12, 26 and 52 weeks: three sessions a week."""
    plan = benchmark(workload.build_reference, weeks)

    assert len(plan.sessions) == 3 * weeks


@WEEKS
def test_build_plan_first(benchmark, weeks):
    """A first build_plan (memoised doses and dates cleared): what adapt is compared with."""
    plan = benchmark(workload.build_first, weeks)

    assert len(plan.sessions) == 3 * weeks


@WEEKS
def test_adapt(benchmark, weeks):
    """adapt of the reference plans to a full log of what they expected."""
    plan = workload.reference_plan(weeks)
    log, today = workload.full_log(plan)

    adapted = benchmark(workload.adapt_reference, plan, log, today)

    assert lp.diff(plan, adapted).logged == tuple(s.uid for s in plan.sessions)


def test_to_fit(benchmark):
    """to_fit for every session of the 6-week reference plan (a FIT workout each)."""
    plan = workload.reference_plan(6)

    workouts = benchmark(workload.fit_all, plan)

    assert len(workouts) == 18
    assert all(data[8:12] == b".FIT" for data in workouts)


def test_plan_around_a_year(benchmark):
    """Read a year of host events (about 500 occurrences) and plan the raises around it."""
    data = workload.host_year()

    plan = benchmark(workload.plan_around_year, data)

    assert len(plan.sessions) == 104  # one accessory block per leg day


@WEEKS
def test_to_ics(benchmark, weeks):
    """to_ics of the reference plans: one event per session."""
    plan = workload.reference_plan(weeks)

    data = benchmark(lp.to_ics, plan, stamp=workload.STAMP)

    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 3 * weeks


@WEEKS
def test_icalendar_floor(benchmark, weeks):
    """The same events written with plain icalendar code (the floor for to_ics)."""
    plan = workload.reference_plan(weeks)
    texts = floor.floor_texts(plan)

    data = benchmark(floor.floor_ics, plan, texts, stamp=workload.STAMP)

    ours = icalendar.Calendar.from_ical(lp.to_ics(plan, stamp=workload.STAMP))
    theirs = icalendar.Calendar.from_ical(data)
    for mine, plain in zip(ours.walk("VEVENT"), theirs.walk("VEVENT"), strict=True):
        for name in ("UID", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "DTSTAMP"):
            assert mine.decoded(name) == plain.decoded(name)
        assert mine["X-LEGRAISE-PLAN"] == plain["X-LEGRAISE-PLAN"]
        assert mine.walk("VALARM")[0].decoded("TRIGGER") == plain.walk("VALARM")[0].decoded(
            "TRIGGER"
        )
    assert len(theirs.walk("VTIMEZONE")) == 1


@WEEKS
def test_to_dict(benchmark, weeks):
    """to_dict of the reference plans."""
    plan = workload.reference_plan(weeks)

    data = benchmark(lp.to_dict, plan)

    assert len(data["sessions"]) == 3 * weeks


@WEEKS
def test_from_dict(benchmark, weeks):
    """from_dict of the reference plans' JSON."""
    plan = workload.reference_plan(weeks)
    data = json.loads(json.dumps(lp.to_dict(plan)))

    assert benchmark(lp.from_dict, data) == plan


@WEEKS
def test_to_text(benchmark, weeks):
    """to_text of the reference plans."""
    plan = workload.reference_plan(weeks)

    text = benchmark(lp.to_text, plan)

    assert text.count("## Week") == weeks


def test_batch(benchmark):
    """10,000 different athletes' 6-week plans, built and turned into dicts."""
    sessions = benchmark.pedantic(workload.batch, rounds=1, iterations=1)

    assert sessions > 10_000 * 12


def test_import_loads_no_exporter():
    """import legraise_plan loads no exporter, serialisation library, adapting or log files."""
    code = (
        "import sys, legraise_plan; "
        "print(sorted(m for m in ('icalendar', 'json', 'cattrs', 'legraise_plan.formats.ical', "
        "'legraise_plan.formats.json', 'legraise_plan.adaptation', 'legraise_plan.logfile', "
        "'legraise_plan.around', 'legraise_plan.formats.host_ics', 'legraise_plan.caldav', "
        "'recurring_ical_events', 'caldav') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "[]"
    assert "legraise_plan" in result.stderr


def test_publish_unchanged(benchmark, account, http_log):
    """Publishing an unchanged 52-week plan again to the local Radicale: no writes, <= 1 s.

    The first publish (156 events) is set-up and not timed; every timed round must find
    all events unchanged and send no write request.
    """
    plan = workload.reference_plan(52)
    publish = functools.partial(
        lp.publish,
        plan,
        account.url,
        username=account.username,
        password=account.password,
        stamp=workload.STAMP,
    )
    assert len(publish().created) == 156
    http_log.clear()

    result = benchmark.pedantic(publish, rounds=5, iterations=1, warmup_rounds=0)

    assert len(result.unchanged) == 156
    assert result.writes == 0
    assert writes(http_log) == []
    if benchmark.enabled:
        assert benchmark.stats.stats.max <= 1.0
