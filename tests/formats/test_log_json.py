"""Tests for the training-log JSON document: log_to_dict, log_from_dict, LOG_SCHEMA_VERSION."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.formats.json import LOG_SCHEMA_VERSION, log_from_dict, log_to_dict
from tests.formats.test_json import assert_json_types, session_logs


def sample_log() -> lp.TrainingLog:
    """A log with a done session, a skipped one, and a session logged twice."""
    return lp.TrainingLog(
        (
            lp.SessionLog(
                uid="s1",
                date=dt.date(2026, 12, 7),
                sets=[
                    lp.SetLog(left=12, right=11, load="band red", rir=2),
                    lp.SetLog.both(10),
                    lp.SetLog.both(9, rir=0),
                ],
                pain_during=2,
                morning_pain=1,
                baseline_pain=1,
                form_kept=False,
                notes="knee felt odd",
            ),
            lp.SessionLog(uid="s2", date=dt.date(2026, 12, 9), skipped="ill"),
            lp.SessionLog(uid="s2", date=dt.date(2026, 12, 10), sets=[lp.SetLog.both(12)]),
        )
    )


def problems_of(data: Any) -> list[tuple[str, str]]:
    """The (path, code) of every problem log_from_dict finds in ``data``."""
    with pytest.raises(lp.PlanProblemsError) as info:
        log_from_dict(data)
    return [(p.path, p.code) for p in info.value.problems]


class TestLogToDict:
    def test_package_functions(self):
        """The package re-exports the log functions and version from the JSON module."""
        assert (lp.log_to_dict, lp.log_from_dict) == (log_to_dict, log_from_dict)
        assert 1 == LOG_SCHEMA_VERSION == lp.LOG_SCHEMA_VERSION

    def test_shape(self):
        """The document holds the version and one object per entry, in order."""
        data = log_to_dict(sample_log())

        assert ["schema_version", "entries"] == list(data)
        assert {
            "uid": "s1",
            "date": "2026-12-07",
            "sets": [
                {"left": 12, "right": 11, "load": "band red", "rir": 2},
                {"left": 10, "right": 10, "load": None, "rir": None},
                {"left": 9, "right": 9, "load": None, "rir": 0},
            ],
            "pain_during": 2,
            "morning_pain": 1,
            "baseline_pain": 1,
            "form_kept": False,
            "notes": "knee felt odd",
            "skipped": None,
        } == data["entries"][0]
        assert ([], "ill") == (data["entries"][1]["sets"], data["entries"][1]["skipped"])
        assert ["s1", "s2", "s2"] == [e["uid"] for e in data["entries"]]

    def test_empty_log(self):
        """An empty log is a document without entries, and loads back."""
        data = log_to_dict(lp.TrainingLog())

        assert {"schema_version": 1, "entries": []} == data
        assert lp.TrainingLog() == log_from_dict(data)

    def test_plain_json(self):
        """The document holds plain JSON types only."""
        data = log_to_dict(sample_log())

        assert_json_types(data)
        json.dumps(data, allow_nan=False)

    def test_fresh_dicts(self):
        """Mutating a returned dict does not change later results."""
        log = sample_log()
        first = log_to_dict(log)
        expected = copy.deepcopy(first)
        first["entries"][0]["sets"][0]["left"] = 0

        assert expected == log_to_dict(log)

    def test_not_a_log(self):
        """Anything but a TrainingLog raises ExportError."""
        with pytest.raises(lp.ExportError, match="log must be a TrainingLog, got list"):
            log_to_dict([])  # type: ignore[arg-type]


class TestLogFromDict:
    def test_round_trip(self):
        """A log survives log_to_dict, JSON and log_from_dict unchanged, replaced entries too."""
        log = sample_log()
        back = log_from_dict(json.loads(json.dumps(log_to_dict(log))))

        assert log == back
        assert log.notes == back.notes
        assert back.latest()["s2"].date == dt.date(2026, 12, 10)

    @given(st.lists(session_logs(), max_size=6).map(lp.TrainingLog))
    def test_round_trip_property(self, log):
        """Any log survives JSON unchanged."""
        data = log_to_dict(log)

        assert_json_types(data)
        assert log == log_from_dict(json.loads(json.dumps(data)))

    def test_accepts_tuples(self):
        """Sequences other than lists are accepted as arrays."""
        data = log_to_dict(sample_log())
        data["entries"] = tuple(data["entries"])

        assert sample_log() == log_from_dict(data)

    def test_input_not_mutated(self):
        """log_from_dict does not change its input."""
        data = log_to_dict(sample_log())
        expected = copy.deepcopy(data)

        log_from_dict(data)

        assert expected == data


def _set(*path: str | int, value: Any) -> Any:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


BAD_LOGS = [
    pytest.param(
        _set("entries", 2, "sets", 0, "left", value=51),
        "entries[2].sets[0].left: left must be 0..50, got 51",
        id="left",
    ),
    pytest.param(
        _set("entries", 0, "sets", 1, "right", value="10"),
        "entries[0].sets[1].right: expected an integer, got string '10'",
        id="right-type",
    ),
    pytest.param(
        _set("entries", 0, "sets", 0, "load", value="x" * 81),
        "entries[0].sets[0].load: load must be at most 80 characters, got 81",
        id="load-long",
    ),
    pytest.param(
        _set("entries", 0, "pain_during", value=11),
        "entries[0].pain_during: pain_during must be 0..10, got 11",
        id="pain",
    ),
    pytest.param(
        _set("entries", 0, "baseline_pain", value=None),
        "entries[0].baseline_pain: expected an integer, got null None",
        id="baseline-null",
    ),
    pytest.param(
        _set("entries", 0, "date", value="2026-12-07T18:00:00"),
        "entries[0].date: expected an ISO 8601 date like 2026-12-07",
        id="date-time",
    ),
    pytest.param(
        _set("entries", 0, "uid", value=" "),
        "entries[0].uid: uid must name a planned session, got an empty string",
        id="uid-blank",
    ),
    pytest.param(
        _set("entries", 1, "skipped", value=None),
        "entries[1].sets: sets must hold at least one SetLog for a session that was done",
        id="done-without-sets",
    ),
    pytest.param(
        _set("entries", 1, "skipped", value=3),
        "entries[1].skipped: expected a string, got integer 3",
        id="skipped-type",
    ),
    pytest.param(
        _set("entries", 0, "sets", value=[{"left": 1, "right": 1, "load": None, "rir": None}] * 11),
        "entries[0].sets: sets must be at most 10, got 11",
        id="too-many-sets",
    ),
    pytest.param(
        _set("entries", 0, "sets", 0, "reps", value=1),
        "entries[0].sets[0].reps: unknown key; allowed keys: left, right, load, rir",
        id="unknown-set-key",
    ),
    pytest.param(
        _set("entries", value={}),
        "entries: expected an array, got object {}",
        id="entries-object",
    ),
    pytest.param(
        _set("entries", 1, value="s2"),
        "entries[1]: expected an object, got string 's2'",
        id="entry-string",
    ),
    pytest.param(
        _set("extra", value=1),
        "extra: unknown key; allowed keys: schema_version, entries",
        id="unknown-root-key",
    ),
    pytest.param(
        _set("schema_version", value=2),
        "schema_version: must be 1, got 2",
        id="version-2",
    ),
    pytest.param(
        _set("schema_version", value=True),
        "schema_version: must be 1, got True",
        id="version-bool",
    ),
]


class TestLogProblems:
    @pytest.mark.parametrize(("mutate", "message"), BAD_LOGS)
    def test_bad_value(self, mutate, message):
        """Each bad value is reported at its path, in the domain's words."""
        data = log_to_dict(sample_log())
        mutate(data)

        with pytest.raises(lp.PlanProblemsError) as info:
            log_from_dict(data)

        assert str(info.value).startswith(message)
        assert 1 == len(info.value.problems)

    def test_every_problem_in_order(self):
        """Problems in several entries are all reported, in document order."""
        data = log_to_dict(sample_log())
        data["entries"][0]["sets"][2]["rir"] = -1
        data["entries"][0]["morning_pain"] = "1"
        data["entries"][1]["form_kept"] = None
        del data["entries"][2]["notes"]

        expected = [
            ("entries[0].sets[2].rir", "invalid_value"),
            ("entries[0].morning_pain", "wrong_type"),
            ("entries[1].form_kept", "wrong_type"),
            ("entries[2].notes", "missing_key"),
        ]
        assert expected == problems_of(data)

    def test_codes(self):
        """Version problems stop loading; codes tell the kinds apart."""
        data = log_to_dict(sample_log())
        data["schema_version"] = 7
        data["entries"] = None

        assert [("schema_version", "unsupported_version")] == problems_of(data)
        del data["schema_version"]
        assert [("schema_version", "missing_key")] == problems_of(data)

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ([], "$: expected an object, got array []"),
            (None, "$: expected an object, got null None"),
        ],
    )
    def test_not_an_object(self, data, message):
        """A root that is not a mapping is rejected at ``$``."""
        with pytest.raises(lp.ExportError) as info:
            log_from_dict(data)

        assert message == str(info.value)

    def test_chains_the_log_error(self):
        """The error is an ExportError chained to the first LogError."""
        data = log_to_dict(sample_log())
        data["entries"][0]["sets"][0]["left"] = -1

        with pytest.raises(lp.ExportError) as info:
            log_from_dict(data)

        assert isinstance(info.value.__cause__, lp.LogError)
        assert "left" == info.value.__cause__.field
