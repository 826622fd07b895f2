"""Benchmarks of the printable HTML plan: ``to_html`` against ``to_ics`` of the same plan.

As in ``test_benchmarks.py``, each benchmark runs once as a plain test in the normal run
(``--benchmark-disable``) and its checks hold; ``--benchmark-enable`` times it.  The
budget (``to_html`` of the 6-week reference plan at most the cost of its ``to_ics``) is
measured by ``python -m tests.benchmarks.report``.
"""

from __future__ import annotations

import pytest

import legraise_plan as lp
from tests.benchmarks import workload


@pytest.mark.parametrize("weeks", workload.WEEKS)
def test_to_html(benchmark, weeks):
    """to_html of the reference plans: one week table per week, one session body each."""
    plan = workload.reference_plan(weeks)

    page = benchmark(lp.to_html, plan)

    assert page.count('<table class="sheet">') == weeks
    assert page.count('<tbody class="session ') == 3 * weeks


def test_to_html_with_log(benchmark):
    """to_html of the 6-week reference plan with every session logged as planned."""
    plan = workload.reference_plan(6)
    log, _ = workload.full_log(plan)

    page = benchmark(lp.to_html, plan, log=log)

    assert page.count('<tbody class="session done">') == 18
    assert page.count('<rect class="done"') == 6  # a done bar per week
