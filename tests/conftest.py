"""Shared fixtures and hypothesis profiles."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, settings

import legraise_plan as lp


# The Radicale CalDAV server and its fixtures (radicale, account, http_log, ...).
pytest_plugins = ("tests.caldav_server",)

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
# A long hunt for counterexamples: pytest --hypothesis-profile=thorough
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(name="athlete")
def fixture_athlete() -> lp.Athlete:
    """A novice with bands and ankle weights (the reference example)."""
    return lp.Athlete(equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS})


@pytest.fixture(name="plan")
def fixture_plan(athlete: lp.Athlete) -> lp.Plan:
    """The reference example: 6 weeks, MO/WE/FR 18:00 Europe/Berlin, from 2026-12-07."""
    return lp.build_plan(
        athlete,
        role=lp.Role.ACCESSORY,
        weeks=6,
        start=dt.date(2026, 12, 7),
        days=("MO", "WE", "FR"),
        at=dt.time(18, 0),
        tz="Europe/Berlin",
    )


@pytest.fixture(name="dst_plan")
def fixture_dst_plan() -> lp.Plan:
    """A zoned plan that crosses the 2027-03-28 spring-forward change in Europe/Berlin."""
    athlete = lp.Athlete(
        equipment={lp.Equipment.BAND, lp.Equipment.CABLE},
        level=lp.Level.INTERMEDIATE,
        name="Dana",
    )
    return lp.build_plan(
        athlete,
        start=dt.date(2027, 3, 1),
        weeks=6,
        days="tue,thu,sat",
        at=dt.time(7, 30),
        tz="Europe/Berlin",
    )


@pytest.fixture(name="floating_plan")
def fixture_floating_plan() -> lp.Plan:
    """A floating-time (tz=None) warm-up plan."""
    return lp.build_plan(
        lp.Athlete(),
        role=lp.Role.WARM_UP,
        weeks=4,
        start=dt.date(2026, 12, 7),
        days=("MO", "TH"),
        at=dt.time(17, 0),
    )
