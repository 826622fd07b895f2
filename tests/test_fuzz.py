"""Fuzzers: no input to the loaders ends in anything but a plan, a log or a clean error.

The quick profile runs in every test run; ``LEGRAISE_FUZZ=thorough python -m pytest
tests/test_fuzz.py`` runs each fuzzer on 10,000 examples.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legraise_plan as lp


THOROUGH = os.environ.get("LEGRAISE_FUZZ") == "thorough"
FUZZ = settings(
    max_examples=10_000 if THOROUGH else 150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Hostile scalars: huge and edge integers, odd floats, control characters, lone
#: surrogates, edge dates, durations and zones, and very long strings.
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**63, -1, 0, 52, 53, 10**18]),
    # Integers over Python's 4,300-digit string limit (built lazily: even repr fails).
    st.builds(pow, st.just(10), st.integers(4301, 5000)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "\udcff",
            "x\n# Injected",
            "\x1b[31m",
            "\\N",
            "0001-01-01",
            "9999-12-31",
            "0001-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59+14:00",
            "PT999999999H",
            "PT99999999999H",
            "-PT5M",
            "Asia/Tokyo",
            "../../etc/passwd",
            "x" * 5000,
        ]
    ),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["\x1b", "a.b", "[0]"]), inner, max_size=4
        )
    ),
    max_leaves=12,
)


def nested(depth: int) -> Any:
    """A list nested ``depth`` deep."""
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    plan = lp.build_plan(
        lp.Athlete(equipment={lp.Equipment.BAND}),
        start=dt.date(2026, 12, 7),
        weeks=2,
        tz="Europe/Berlin",
    )
    log = lp.TrainingLog([lp.log_as_planned(plan.sessions[0])])
    plan = lp.adapt(plan, log, today=dt.date(2026, 12, 8))
    return json.loads(json.dumps(lp.to_dict(plan)))


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copied = copy.deepcopy(document)
    target = copied
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copied


def loads_or_refuses(data: Any) -> None:
    """``from_dict`` gives a plan or a PlanProblemsError whose lines are short and clean."""
    try:
        plan = lp.from_dict(data)
    except lp.PlanProblemsError as error:
        problems = error.problems
    else:
        assert lp.from_dict(lp.to_dict(plan)) == plan
        return
    assert problems
    for problem in problems:
        assert len(str(problem)) < 1000
        assert "\x1b" not in str(problem)


class TestFromDict:
    @FUZZ
    @given(data=st.data())
    def test_one_value_replaced(self, document: dict[str, Any], data: st.DataObject) -> None:
        path = data.draw(st.sampled_from(paths(document)))
        loads_or_refuses(replaced(document, path, data.draw(JSON)))

    @FUZZ
    @given(data=st.data())
    def test_one_key_added_or_removed(self, document: dict[str, Any], data: st.DataObject) -> None:
        path = data.draw(st.sampled_from([p for p in paths(document) if p]))
        parent = replaced(document, (), copy.deepcopy(document))
        target = parent
        for key in path[:-1]:
            target = target[key]
        if isinstance(target, dict) and data.draw(st.booleans()):
            del target[path[-1]]
        elif isinstance(target, dict):
            target[data.draw(st.text(max_size=12))] = data.draw(JSON)
        else:
            target.append(data.draw(JSON))
        loads_or_refuses(parent)

    @FUZZ
    @given(JSON)
    def test_random_json(self, value: Any) -> None:
        loads_or_refuses(value)

    @pytest.mark.parametrize("depth", [100, 10_000])
    def test_deep_nesting(self, document: dict[str, Any], depth: int) -> None:
        loads_or_refuses(replaced(document, ("sessions", 0, "notes"), nested(depth)))
        loads_or_refuses(replaced(document, ("schema_version",), nested(depth)))

    def test_too_many_sessions_is_refused_before_reading_them(
        self, document: dict[str, Any]
    ) -> None:
        many = replaced(document, ("sessions",), [document["sessions"][0]] * 100_000)
        with pytest.raises(lp.PlanProblemsError, match="at most 14 sessions"):
            lp.from_dict(many)


class TestLogFromDict:
    @FUZZ
    @given(data=st.data())
    def test_one_value_replaced(self, data: st.DataObject) -> None:
        log = {
            "schema_version": 1,
            "entries": [
                {
                    "uid": "a",
                    "date": "2026-12-07",
                    "sets": [{"left": 10, "right": 9, "load": None, "rir": 2}],
                    "pain_during": 0,
                    "morning_pain": None,
                    "baseline_pain": 0,
                    "form_kept": True,
                    "notes": "",
                    "skipped": None,
                }
            ],
        }
        path = data.draw(st.sampled_from(paths(log)))
        try:
            back = lp.log_from_dict(replaced(log, path, data.draw(JSON)))
        except lp.PlanProblemsError as error:
            problems = error.problems
        else:
            assert lp.log_from_dict(lp.log_to_dict(back)) == back
            return
        assert all(len(str(p)) < 1000 for p in problems)
