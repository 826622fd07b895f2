"""Batches on a Dask cluster: map a ``dask.bag`` of specs to plans, ``.ics`` bytes or JSON.

The items of the bag are :class:`~legraise_plan.batch.BatchSpec` values or batch lines
(JSON text, as ``dask.bag.read_text`` gives them, or their decoded objects); blank
lines are dropped.  Every function here only builds the task graph; the work runs
where the bag is computed (on the cluster of the active ``distributed.Client``), one
:func:`~legraise_plan.batch.build_one` call per item, and each result is a
:class:`~legraise_plan.batch.BatchResult` in the bag's order, as
:func:`~legraise_plan.batch.build_many` gives them::

    import dask.bag as db
    from distributed import Client
    import legraise_plan.dask as lpdask

    client = Client("tcp://scheduler:8786")
    lines = db.read_text("athletes-*.jsonl")
    lpdask.to_json_lines(lines).to_textfiles("plans/part-*.jsonl")

Every function sent to the workers is a module-level function of the package, so the
workers need ``legraise-plan`` installed, nothing else.  This module needs the
``dask`` extra (``pip install 'legraise-plan[dask]'``); ``import legraise_plan`` never
imports it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import legraise_plan as lp
from legraise_plan import batch


try:
    import dask.bag as db
except ImportError as exc:  # pragma: no cover - the extra is installed for the tests
    raise ImportError("legraise_plan.dask needs Dask: pip install 'legraise-plan[dask]'") from exc

__all__ = ["build", "build_dicts", "build_ics", "to_json_lines"]


def _has_content(item: object) -> bool:
    """False for a blank line (``read_text`` keeps a file's empty lines)."""
    return not (isinstance(item, (str, bytes)) and not item.strip())


def build(bag: db.Bag, *, export: Callable[[Any], Any] | None = None) -> db.Bag:
    """A bag of :class:`~legraise_plan.batch.BatchResult`, one per spec or line of ``bag``.

    Args:
        bag: :class:`~legraise_plan.batch.BatchSpec` values or batch lines.
        export: a function of the plan, run on the workers; the results then hold what
            it returns instead of the plan (it must pickle: a module-level function, or
            a ``functools.partial`` of one).

    Returns:
        The lazy bag of results (values are plans without ``export``).
    """
    kept = bag.filter(_has_content)  # type: ignore[no-untyped-call]  # dask: untyped
    results: db.Bag = kept.map(batch.build_one, export=export)
    return results


def build_ics(bag: db.Bag, *, stamp: dt.datetime | None = None) -> db.Bag:
    """A bag of results whose values are ``.ics`` bytes (``lp.to_ics`` on the workers).

    Args:
        bag: :class:`~legraise_plan.batch.BatchSpec` values or batch lines.
        stamp: the ``DTSTAMP`` of every event; give one for output that is the same on
            every run (the default is each worker's clock).
    """
    return build(bag, export=functools.partial(lp.to_ics, stamp=stamp))


def build_dicts(bag: db.Bag) -> db.Bag:
    """A bag of results whose values are ``lp.to_dict`` data, made on the workers."""
    return build(bag, export=lp.to_dict)


def to_json_lines(bag: db.Bag) -> db.Bag:
    """A bag of JSON lines (no newline), one per spec: ``{"id":...,"plan":{...}}``.

    A spec that failed gives ``{"id":...,"error":"..."}`` instead (see
    :func:`~legraise_plan.batch.result_line`), so nothing is lost silently.
    ``to_json_lines(bag).to_textfiles("out/part-*.jsonl")`` writes one file per
    partition, the same lines as ``legraise-plan batch --format jsonl`` writes for
    the plans.
    """
    lines: db.Bag = build_dicts(bag).map(batch.result_line)  # type: ignore[no-untyped-call]
    return lines
