"""Tests for lp.json_schema: the generated schemas agree with to_dict and from_dict."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.formats import json as json_format
from legraise_plan.formats.schema import KINDS, SCHEMA_DIR, json_schema
from tests import strategies as s
from tests.formats.test_json import done_log, plan_options, session_logs, with_statuses


def validator(kind: str) -> jsonschema.Draft202012Validator:
    """A validator of ``kind`` that also asserts the formats it knows (such as date)."""
    return jsonschema.Draft202012Validator(
        json_schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


PLAN = validator("plan")
LOG = validator("log")


def errors(check: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [error.message for error in check.iter_errors(data)]


@pytest.fixture(name="rich_dict")
def fixture_rich_dict(plan: lp.Plan) -> dict[str, Any]:
    """The reference plan with rules, a start state, a mass and a done session's log."""
    session = plan.sessions[0]
    done = attrs.evolve(session, status=lp.SessionStatus.DONE, log=done_log(session))
    options = lp.PlanOptions(
        rules=lp.ProgressionRules(),
        start_state=lp.ProgressionState(rung=0, sets=2, reps=10),
        after=dt.timedelta(),
    )
    athlete = attrs.evolve(plan.athlete, ankle_weight_max=lp.Mass("2.5"))
    rich = attrs.evolve(plan, athlete=athlete, options=options, sessions=(done, *plan.sessions[1:]))
    return json.loads(json.dumps(lp.to_dict(rich)))


@pytest.fixture(name="log_dict")
def fixture_log_dict() -> dict[str, Any]:
    log = lp.TrainingLog(
        (
            lp.SessionLog(
                uid="s1",
                date=dt.date(2026, 12, 7),
                sets=[lp.SetLog(left=12, right=11, load="band red", rir=2)],
                morning_pain=1,
            ),
            lp.SessionLog(uid="s2", date=dt.date(2026, 12, 9), skipped="ill"),
        )
    )
    return lp.log_to_dict(log)


class TestSchema:
    def test_schemas_are_valid_draft_2020_12(self):
        for kind in KINDS:
            schema = json_schema(kind)
            jsonschema.Draft202012Validator.check_schema(schema)
            assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]

    def test_default_is_plan(self):
        assert json_schema() == json_schema("plan")
        assert {"const": lp.SCHEMA_VERSION} == json_schema()["properties"]["schema_version"]
        assert {"const": lp.LOG_SCHEMA_VERSION} == json_schema("log")["properties"][
            "schema_version"
        ]

    def test_every_object_is_closed_and_requires_every_key(self):
        schema = json_schema("plan")
        for obj in [schema, *schema["$defs"].values()]:
            assert obj["additionalProperties"] is False
            assert list(obj["properties"]) == obj["required"]

    def test_keys_follow_the_loader_tables(self):
        schema = json_schema("plan")
        assert schema["required"] == list(json_format._PLAN.order)
        assert schema["$defs"]["session"]["required"] == list(json_format._SESSION.order)
        assert schema["$defs"]["block"]["properties"]["variation"]["enum"] == list(lp.CATALOG)

    def test_nullable_values(self):
        defs = json_schema("plan")["$defs"]
        assert ["string", "null"] == defs["set_log"]["properties"]["load"]["type"]
        surgical = defs["athlete"]["properties"]["surgical_approach"]
        assert ["string", "null"] == surgical["type"]
        assert None in surgical["enum"]
        assert {"anyOf": [{"$ref": "#/$defs/mass"}, {"type": "null"}]} == defs["load"][
            "properties"
        ]["mass"]

    def test_patterns_are_portable(self):
        """No Python-only syntax (named groups), and anchored at both ends."""
        text = json.dumps([json_schema(kind) for kind in KINDS])
        assert "(?P<" not in text
        for pattern in _patterns(json_schema("plan")):
            assert pattern.startswith("^")
            assert pattern.endswith("(?![\\s\\S])")

    def test_a_fresh_dict_each_call(self):
        first = json_schema("plan")
        first["properties"].clear()
        assert json_schema("plan")["properties"]

    @pytest.mark.parametrize("kind", ["", "Plan", "catalog", None])
    def test_unknown_kind(self, kind):
        with pytest.raises(lp.ExportError, match="'plan', 'log'"):
            json_schema(kind)

    @pytest.mark.parametrize("kind", KINDS)
    def test_shipped_files_match(self, kind):
        path = SCHEMA_DIR / f"{kind}.schema.json"
        shipped = json.loads(path.read_text(encoding="utf-8"))
        assert shipped == json_schema(kind), (
            f"{path.name} is stale: run python -c "
            '"from legraise_plan.formats.schema import write_schemas; write_schemas()"'
        )


def _patterns(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value["pattern"]] if isinstance(value.get("pattern"), str) else []
        return found + [p for v in value.values() for p in _patterns(v)]
    if isinstance(value, list):
        return [p for v in value for p in _patterns(v)]
    return []


class TestValidDocuments:
    @given(s.plans().flatmap(with_statuses), plan_options())
    def test_any_plan(self, plan, options):
        data = json.loads(json.dumps(lp.to_dict(attrs.evolve(plan, options=options))))
        assert [] == errors(PLAN, data)

    @given(st.lists(session_logs(), max_size=5))
    def test_any_log(self, entries):
        data = json.loads(json.dumps(lp.log_to_dict(lp.TrainingLog(tuple(entries)))))
        assert [] == errors(LOG, data)

    def test_rich_plan_and_log(self, rich_dict, log_dict):
        assert [] == errors(PLAN, rich_dict)
        assert [] == errors(LOG, log_dict)

    def test_floating_plan(self, athlete):
        plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7), tz=None)
        data = lp.to_dict(plan)
        assert "+" not in data["sessions"][0]["start"]
        assert [] == errors(PLAN, data)


Mutation = Callable[[dict[str, Any]], None]


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def put(*path: str | int, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        _at(data, path[:-1])[path[-1]] = value

    return mutate


def drop(*path: str | int) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        del _at(data, path[:-1])[path[-1]]

    return mutate


S0, B0, SET0 = ("sessions", 0), ("sessions", 0, "blocks", 0), ("sessions", 0, "log", "sets", 0)
PLAN_MUTATIONS = {
    "missing key": drop("weeks"),
    "missing nested key": drop(*B0, "tempo", "hold"),
    "missing log key": drop(*S0, "log", "form_kept"),
    "unknown key": put("athlete", "colour", value="red"),
    "unknown nested key": put(*B0, "load", "weight", value=1),
    "string for integer": put("weeks", value="6"),
    "bool for integer": put(*B0, "sets", value=True),
    "float for integer": put(*SET0, "left", value=10.5),
    "integer for bool": put("athlete", "cleared", value=0),
    "null not allowed": put("plan_id", value=None),
    "object for array": put("days", value={"MO": True}),
    "string for number": put("options", "rules", "max_step_pct", value="10"),
    "enum value": put("role", value="cardio"),
    "enum item": put("days", 1, value="XX"),
    "nested enum value": put(*S0, "status", value="finished"),
    "unit": put("athlete", "ankle_weight_max", "unit", value="g"),
    "variation id": put(*B0, "variation", value="no-such-exercise"),
    "schema version": put("schema_version", value=4),
    "bad date": put("start", value="7 Dec 2026"),
    "impossible date": put("start", value="2026-13-45"),
    "date with a newline": put("start", value="2026-12-07\n"),
    "bad skip date": put("options", "skip", value=["2026/12/24"]),
    "bad time": put("at", value="6pm"),
    "bad start": put(*S0, "start", value="2026-12-07 18:00"),
    "bad duration": put(*B0, "rest", value="60s"),
    "bad decimal": put("athlete", "ankle_weight_max", "amount", value="2,5"),
    "number for decimal": put("athlete", "ankle_weight_max", "amount", value=2.5),
}
LOG_MUTATIONS = {
    "missing key": drop("entries", 0, "uid"),
    "unknown key": put("entries", 0, "mood", value="good"),
    "wrong type": put("entries", 0, "pain_during", value="2"),
    "bad date": put("entries", 1, "date", value="2026-02-30"),
    "null entries": put("entries", value=None),
    "schema version": put("schema_version", value=2),
}


class TestRefusedDocuments:
    """What from_dict refuses for its shape, the schema refuses too."""

    @pytest.mark.parametrize("name", PLAN_MUTATIONS)
    def test_plan(self, name, rich_dict):
        assert [] == errors(PLAN, rich_dict)
        data = copy.deepcopy(rich_dict)
        PLAN_MUTATIONS[name](data)

        with pytest.raises(lp.ExportError):
            lp.from_dict(data)
        assert errors(PLAN, data)

    @pytest.mark.parametrize("name", LOG_MUTATIONS)
    def test_log(self, name, log_dict):
        assert [] == errors(LOG, log_dict)
        data = copy.deepcopy(log_dict)
        LOG_MUTATIONS[name](data)

        with pytest.raises(lp.ExportError):
            lp.log_from_dict(data)
        assert errors(LOG, data)

    def test_a_version_1_plan_is_not_version_2(self, rich_dict):
        data = copy.deepcopy(rich_dict)
        data["schema_version"] = 1
        assert errors(PLAN, data)
