"""Tests for batches: batch lines, build_many, the runner and ``legraise-plan batch``."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import io
import itertools
import json
import os
import pickle
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import icalendar
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan import batch
from legraise_plan.batch import BatchFormat, BatchResult, BatchSpec
from tests import strategies as s


START = dt.date(2027, 1, 4)
STAMP = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
SCHEMA = jsonschema.Draft202012Validator(
    batch.batch_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def line(**fields: Any) -> str:
    """A batch line: id and start filled in unless given."""
    return json.dumps({"id": "dana", "start": START.isoformat(), **fields})


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{text}\n" for text in lines), encoding="utf-8")
    return path


def problems(data: Any) -> list[tuple[str, str]]:
    """The (path, code) of every problem parse_spec finds in ``data``."""
    with pytest.raises(lp.PlanProblemsError) as caught:
        batch.parse_spec(data)
    return [(p.path, p.code) for p in caught.value.problems]


def spec_line(spec: BatchSpec) -> dict[str, Any]:
    """The batch line of a spec, as a program writing batch files would write it."""
    athlete = spec.athlete

    def mass(value: lp.Mass | None) -> dict[str, str] | None:
        return None if value is None else {"amount": format(value.amount, "f"), "unit": value.unit}

    data: dict[str, Any] = {
        "id": spec.id,
        "start": spec.start.isoformat(),
        "athlete": {
            "equipment": sorted(athlete.equipment),
            "level": athlete.level,
            "units": athlete.units,
            "conditions": sorted(athlete.conditions),
            "cleared": athlete.cleared,
            "name": athlete.name,
            "ankle_weight_max": mass(athlete.ankle_weight_max),
            "cable_increment": mass(athlete.cable_increment),
            "pulley_ratio": athlete.pulley_ratio,
            "band_setup": athlete.band_setup,
            "band_brand": athlete.band_brand,
            "surgical_approach": athlete.surgical_approach,
        },
        "role": spec.role,
        "weeks": spec.weeks,
        "days": [day.value for day in spec.days],
        "at": spec.at.isoformat(),
        "tz": spec.tz,
        "periodization": spec.periodization,
        "skip": [day.isoformat() for day in spec.skip],
        "reschedule": spec.reschedule,
        "after": None if spec.after is None else f"PT{int(spec.after.total_seconds())}S",
        "allow_close_sessions": spec.allow_close_sessions,
        "deload_every": spec.deload_every,
        "note": spec.note,
    }
    if spec.plan_id is not None:
        data["plan_id"] = spec.plan_id
    return json.loads(json.dumps(data))


@st.composite
def specs(draw: st.DrawFn, *, ids: st.SearchStrategy[str] | None = None) -> BatchSpec:
    """Specs whose plans build: the plan strategy's arguments with a safe id."""
    kwargs = draw(s.plan_kwargs())
    plan_id = kwargs.pop("plan_id")
    name = draw(ids if ids is not None else st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True))
    return BatchSpec(id=name, plan_id=draw(st.none() | st.just(plan_id)), **kwargs)


# --------------------------------------------------------------------------- ids

SAFE_ID = st.from_regex(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}", fullmatch=True).filter(
    lambda text: not batch._DEVICE.fullmatch(text)
)


class TestIds:
    @given(SAFE_ID)
    def test_safe_ids_are_kept(self, name):
        """Letters, digits, -, _ and . (not first), up to 100: the id as given."""
        assert name == batch.check_id(name)
        assert name == BatchSpec(id=name, start=START).id

    @given(
        st.text(min_size=1, max_size=20).filter(
            lambda text: any(c in text for c in '/\\\x00:*?"<> \n') or text[0] == "."
        )
    )
    def test_path_syntax_is_refused(self, name):
        """Any id with a slash, backslash, NUL, colon, space... or a leading dot is refused."""
        with pytest.raises(lp.PlanError, match="id must be 1 to 100 characters") as caught:
            batch.check_id(name)

        assert "id" == caught.value.field

    @pytest.mark.parametrize(
        "name",
        [
            "",
            ".",
            "..",
            "../etc",
            ".hidden",
            "a/b",
            "a\\b",
            "a\x00b",
            "é",
            "x" * 101,
            "con",
            "CON",
            "nul.txt",
            "Com1",
            "lpt9.x",
        ],
    )
    def test_unsafe_ids(self, name):
        """Empty, dot names, separators, NUL, non-ASCII, too long, Windows device names."""
        with pytest.raises(lp.PlanError) as caught:
            batch.check_id(name)

        assert "id" == caught.value.field

    @pytest.mark.parametrize("name", ["console", "com10", "a..b", "x" * 100, "lpt", "-", "_a."])
    def test_near_misses_are_fine(self, name):
        """Names that only look like the refused ones are safe."""
        assert name == batch.check_id(name)

    def test_not_text(self):
        with pytest.raises(lp.PlanError, match="id must be text"):
            batch.check_id(42)


# --------------------------------------------------------------------------- specs


class TestSpec:
    def test_defaults(self):
        """Only id and start: build_plan's defaults, and the id as the plan id."""
        spec = BatchSpec(id="dana", start=START)
        plan = spec.build()

        assert lp.Athlete() == spec.athlete
        assert "dana" == plan.plan_id
        assert plan == lp.build_plan(lp.Athlete(), start=START, plan_id="dana")

    def test_strings_for_enums_and_days(self):
        """role, periodization and days take their text forms, as build_plan does."""
        spec = BatchSpec(
            id="dana", start=START, role="warm_up", periodization="Block", days="fri,tue"
        )

        assert lp.Role.WARM_UP is spec.role
        assert lp.Periodization.BLOCK is spec.periodization
        assert (lp.Weekday.TU, lp.Weekday.FR) == spec.days

    def test_every_argument_reaches_build_plan(self):
        spec = BatchSpec(
            id="dana",
            start=START,
            athlete=lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.ADVANCED),
            weeks=12,
            days=("TU", "TH"),
            at=dt.time(7, 30),
            tz="Europe/Berlin",
            periodization=lp.Periodization.UNDULATING,
            skip=[dt.date(2027, 1, 5)],
            reschedule=True,
            after=dt.timedelta(minutes=15),
            allow_close_sessions=True,
            deload_every=4,
            note="keep it easy",
            plan_id="plan-7",
        )

        assert spec.build() == lp.build_plan(
            spec.athlete,
            start=START,
            weeks=12,
            days=("TU", "TH"),
            at=dt.time(7, 30),
            tz="Europe/Berlin",
            periodization=lp.Periodization.UNDULATING,
            skip=[dt.date(2027, 1, 5)],
            reschedule=True,
            after=dt.timedelta(minutes=15),
            allow_close_sessions=True,
            deload_every=4,
            note="keep it easy",
            plan_id="plan-7",
        )

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("id", "a/b"),
            ("start", "2027-01-04"),
            ("start", dt.datetime(2027, 1, 4)),
            ("athlete", {"level": "novice"}),
            ("role", "coach"),
            ("weeks", "6"),
            ("weeks", True),
            ("days", "someday"),
            ("days", ()),
            ("days", 5),
            ("days", [["MO"]]),
            ("at", "18:00"),
            ("at", dt.time(18, tzinfo=dt.UTC)),
            ("tz", "Mars/Olympus"),
            ("tz", 3),
            ("periodization", 1),
            ("skip", "2027-01-05"),
            ("skip", [dt.datetime(2027, 1, 5)]),
            ("reschedule", 1),
            ("after", 15),
            ("allow_close_sessions", "yes"),
            ("deload_every", 6.0),
            ("note", None),
            ("plan_id", 7),
        ],
    )
    def test_types_are_checked(self, field, value):
        """A wrong type (or an unknown choice) is a PlanError naming the field."""
        with pytest.raises(lp.PlanError) as caught:
            BatchSpec(**{"id": "dana", "start": START, field: value})

        assert field == caught.value.field

    def test_ranges_are_checked_when_built(self):
        """weeks 0 is a type-correct spec; build_plan refuses it."""
        spec = BatchSpec(id="dana", start=START, weeks=0)

        with pytest.raises(lp.PlanError) as caught:
            spec.build()

        assert "weeks" == caught.value.field

    def test_frozen(self):
        spec = BatchSpec(id="dana", start=START)

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            spec.weeks = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- lines


class TestParse:
    def test_every_key(self):
        """A line with every key gives the spec with those values."""
        data = line(
            athlete={
                "equipment": ["band", "ankle_weights"],
                "level": "intermediate",
                "units": "lb",
                "conditions": ["hip_pain"],
                "cleared": True,
                "name": "Dana",
                "ankle_weight_max": {"amount": "5", "unit": "lb"},
                "cable_increment": None,
                "pulley_ratio": 2,
                "band_setup": "looped",
                "band_brand": "Theraband",
                "surgical_approach": None,
            },
            role="accessory",
            weeks=8,
            days=["TU", "FR"],
            at="07:30",
            tz="Europe/Berlin",
            periodization="undulating",
            skip=["2027-01-08"],
            reschedule=True,
            after="PT1H30M",
            allow_close_sessions=False,
            deload_every=4,
            note="n",
            plan_id="p",
        )

        spec = batch.parse_spec(data)

        assert (
            BatchSpec(
                id="dana",
                start=START,
                athlete=lp.Athlete(
                    equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS},
                    level=lp.Level.INTERMEDIATE,
                    units=lp.Unit.LB,
                    conditions={lp.Condition.HIP_PAIN},
                    cleared=True,
                    name="Dana",
                    ankle_weight_max=lp.Mass(5, lp.Unit.LB),
                    pulley_ratio=2,
                    band_setup=lp.BandSetup.LOOPED,
                    band_brand="Theraband",
                ),
                weeks=8,
                days=("TU", "FR"),
                at=dt.time(7, 30),
                tz="Europe/Berlin",
                periodization=lp.Periodization.UNDULATING,
                skip=(dt.date(2027, 1, 8),),
                reschedule=True,
                after=dt.timedelta(hours=1, minutes=30),
                deload_every=4,
                note="n",
                plan_id="p",
            )
            == spec
        )
        assert [] == list(SCHEMA.iter_errors(json.loads(data)))

    def test_minimal_line(self):
        assert BatchSpec(id="dana", start=START) == batch.parse_spec(line())

    @pytest.mark.parametrize(
        "data",
        [
            line().encode(),
            "\ufeff" + line(),
            line() + "\r\n",
            types.MappingProxyType(json.loads(line())),
        ],
    )
    def test_forms(self, data):
        """Bytes, a byte-order mark, a CRLF ending and any mapping are read alike."""
        assert BatchSpec(id="dana", start=START) == batch.parse_spec(data)

    @pytest.mark.parametrize(
        ("value", "when"),
        [
            ('{"id": "dana", "start": "2027-01-04", "id": "x"}', "repeats"),
            ('{"id": "dana", "start": "2027-01-04", "weeks": NaN}', "NaN"),
            ("[1, 2]", "expected an object, got array"),
            ('"dana"', "expected an object, got string"),
            ("{", "not JSON"),
            ("", "not JSON"),
            (b"\xff\xfe{}", "not UTF-8"),
            ("[" * 100_000, "nested too deeply"),
            ('{"weeks": ' + "9" * 5000 + "}", "not JSON this reads"),
        ],
    )
    def test_not_a_line(self, value, when):
        """What is no JSON object is one problem at $ saying why."""
        with pytest.raises(lp.PlanProblemsError, match=when) as caught:
            batch.parse_spec(value)

        assert ["$"] == [p.path for p in caught.value.problems]

    def test_every_problem_is_found(self):
        """Unknown, missing and wrong keys are all reported, each at its path."""
        data = {
            "athlete": {"level": "pro", "equipement": ["band"], "equipment": ["band", 3]},
            "weeks": "6",
            "days": ["MO", "mon"],
            "skip": ["2027-02-30"],
            "after": "15 minutes",
            "tz": 1,
            "extra": None,
        }

        assert [
            ("extra", "unknown_key"),
            ("id", "missing_key"),
            ("start", "missing_key"),
            ("athlete.equipement", "unknown_key"),
            ("athlete.equipment[1]", "wrong_type"),
            ("athlete.level", "invalid_value"),
            ("weeks", "wrong_type"),
            ("days[1]", "invalid_value"),
            ("tz", "wrong_type"),
            ("skip[0]", "invalid_value"),
            ("after", "invalid_value"),
        ] == problems(data)

    def test_long_values_are_cut(self):
        """A message quotes a long value in part, a long array by its length."""
        with pytest.raises(lp.PlanProblemsError, match="got array <20 items>"):
            batch.parse_spec(line(note=[0] * 20))
        with pytest.raises(lp.PlanProblemsError, match=r"got 'x{40,}…x+'$"):
            batch.parse_spec(line(id="x" * 300))

    def test_empty_duration(self):
        """PT alone is no duration (the pattern allows it, the reader does not)."""
        assert [("after", "invalid_value")] == problems(line(after="PT"))

    def test_did_you_mean(self):
        with pytest.raises(lp.PlanProblemsError, match=r"did you mean equipment\?"):
            batch.parse_spec(line(athlete={"equipement": []}))
        with pytest.raises(lp.PlanProblemsError, match=r"did you mean advanced\?"):
            batch.parse_spec(line(athlete={"level": "advnced"}))

    def test_odd_keys_are_quoted(self):
        """A key that is no identifier is quoted in the path."""
        assert [("'two words'", "unknown_key")] == problems(line(**{"two words": 1}))

    def test_domain_errors_at_their_field(self):
        """Errors of Athlete, Mass and BatchSpec land on the key they name."""
        assert [("athlete.ankle_weight_max", "invalid_value")] == problems(
            line(athlete={"ankle_weight_max": {"amount": "50", "unit": "kg"}})
        )
        assert [("athlete.ankle_weight_max.amount", "invalid_value")] == problems(
            line(athlete={"ankle_weight_max": {"amount": "2e1", "unit": "kg"}})
        )
        assert [("athlete.cable_increment.unit", "missing_key")] == problems(
            line(athlete={"cable_increment": {"amount": "2.5"}})
        )
        assert [("athlete.name", "invalid_value")] == problems(line(athlete={"name": "x" * 500}))
        assert [("days", "invalid_value")] == problems(line(days=[]))
        assert [("tz", "invalid_value")] == problems(line(tz="Mars/Olympus"))
        assert [("id", "invalid_value")] == problems(line(id="../x"))

    @pytest.mark.parametrize(
        ("key", "value"),
        [
            ("start", 20270104),
            ("at", "7:30"),
            ("at", 1830),
            ("role", ["accessory"]),
            ("reschedule", "true"),
            ("note", 1),
            ("athlete", []),
            ("athlete", {"cleared": 1}),
            ("athlete", {"pulley_ratio": 1.0}),
            ("athlete", {"cable_increment": "2.5"}),
        ],
    )
    def test_strict_types(self, key, value):
        """No strings for numbers or booleans, no other time syntax: one problem each."""
        found = problems(line(**{key: value}))

        assert 1 == len(found)
        assert found[0][0].startswith(key)


class TestSchema:
    def test_is_a_valid_schema(self):
        jsonschema.Draft202012Validator.check_schema(batch.batch_schema())

    def test_shipped_file_matches(self):
        """legraise_plan/schemas/batch.schema.json is batch_schema(), for other languages."""
        shipped = Path(batch.__file__).parent / "schemas" / "batch.schema.json"

        assert batch.batch_schema() == json.loads(shipped.read_text(encoding="utf-8"))

    def test_keys_are_the_readers(self):
        """The schema lists the keys the reader knows, and the athlete's are a saved plan's."""
        schema = batch.batch_schema()
        plan = lp.json_schema("plan")

        assert list(batch._LINE_KEYS) == list(schema["properties"])
        assert list(batch._ATHLETE_KEYS) == list(schema["$defs"]["athlete"]["properties"])
        assert list(plan["$defs"]["athlete"]["properties"]) == list(batch._ATHLETE_KEYS)
        assert "required" not in schema["$defs"]["athlete"]

    @settings(max_examples=25)
    @given(specs())
    def test_lines_of_specs_validate_and_read_back(self, spec):
        """A spec's line validates against the schema and reads back as the same spec."""
        data = spec_line(spec)

        assert [] == [e.message for e in SCHEMA.iter_errors(data)]
        assert spec == batch.parse_spec(data)

    @settings(max_examples=50)
    @given(
        st.sampled_from(list(batch._LINE_KEYS)),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5), st.just([1])),
    )
    def test_what_the_schema_refuses_the_reader_refuses(self, key, value):
        """A line the schema refuses is never read: the schema is the looser check."""
        data = {"id": "dana", "start": "2027-01-04", key: value}
        if SCHEMA.is_valid(data):
            return
        with pytest.raises(lp.PlanProblemsError):
            batch.parse_spec(data)


# --------------------------------------------------------------------------- results


class TestResult:
    def test_value(self):
        result = BatchResult("dana", 3)

        assert result.ok
        assert 3 == result.unwrap()

    def test_error(self):
        error = lp.PlanError("weeks must be 1..52, got 0", field="weeks")
        result = BatchResult("dana", error=error)

        assert not result.ok
        with pytest.raises(lp.PlanError) as caught:
            result.unwrap()
        assert caught.value is error

    def test_errors_compare_by_content(self):
        """Equal errors make equal results, so results compare across processes."""
        first = BatchResult("a", error=lp.PlanError("bad", field="weeks"))

        assert first == BatchResult("a", error=lp.PlanError("bad", field="weeks"))
        assert first != BatchResult("a", error=lp.PlanError("bad", field="days"))
        assert first != BatchResult("a", error=lp.ScheduleError("bad", field="weeks"))
        assert first == pickle.loads(pickle.dumps(first))  # noqa: S301 - our own bytes

    def test_checked(self):
        with pytest.raises(lp.PlanError, match="error must be"):
            BatchResult("a", error=ValueError("x"))  # type: ignore[arg-type]
        with pytest.raises(lp.PlanError, match="id must be"):
            BatchResult("a/b", 1)


class TestBuildOne:
    def test_plan(self):
        result = batch.build_one(BatchSpec(id="dana", start=START))

        assert BatchResult("dana", BatchSpec(id="dana", start=START).build()) == result

    def test_line_and_export(self):
        result = batch.build_one(line(weeks=2), export=lp.to_dict)

        assert "dana" == result.id
        assert 6 == len(result.unwrap()["sessions"])

    def test_bad_line_keeps_its_id(self):
        """A line that cannot be read is an error result, with its id when that was good."""
        assert "dana" == batch.build_one(line(weeks="6")).id
        assert batch.build_one("{").id is None
        assert batch.build_one(line(id="../x")).id is None
        assert isinstance(batch.build_one("{").error, lp.PlanProblemsError)

    def test_export_errors_are_results(self):
        """An export that raises a LegraisePlanError gives an error result."""

        def refuse(_plan: lp.Plan) -> None:
            raise lp.ExportError("no")

        assert "no" == str(batch.build_one(line(), export=refuse).error)

    def test_other_errors_propagate(self):
        """A bug in an export is not a spec's error: it propagates."""

        def broken(_plan: lp.Plan) -> None:
            raise RuntimeError("bug")

        with pytest.raises(RuntimeError, match="bug"):
            batch.build_one(line(), export=broken)


# --------------------------------------------------------------------------- build_many


def mixed() -> list[Any]:
    """Good specs, lines and mappings, with bad ones among them."""
    return [
        BatchSpec(id="s0", start=START),
        line(id="s1", weeks=0),
        BatchSpec(id="s2", start=START, role=lp.Role.REHAB),
        {"id": "s3", "start": "2027-01-04", "tz": "Europe/Berlin"},
        "{",
        line(id="s5", athlete={"equipment": ["band"]}),
        BatchSpec(id="s6", start=START, athlete=lp.Athlete(conditions={lp.Condition.RED_FLAGS})),
    ]


class TestBuildMany:
    @pytest.mark.parametrize("workers", [None, 1, 2])
    def test_order_and_errors(self, workers):
        """One result per spec, in input order, each the plan or the spec's error."""
        results = list(lp.build_many(mixed(), workers=workers))

        assert ["s0", "s1", "s2", "s3", None, "s5", "s6"] == [r.id for r in results]
        assert [True, False, False, True, False, True, False] == [r.ok for r in results]
        assert "weeks" == results[1].error.field
        assert isinstance(results[2].error, lp.ClearanceRequiredError)
        assert isinstance(results[4].error, lp.PlanProblemsError)
        assert isinstance(results[6].error, lp.ReferralRequiredError)
        assert BatchSpec(id="s0", start=START).build() == results[0].value

    def test_workers_give_what_one_process_gives(self):
        """With an export, the results of two workers equal those of this process."""
        export = functools.partial(lp.to_ics, stamp=STAMP)
        here = list(lp.build_many(mixed(), export=export))

        assert here == list(lp.build_many(mixed(), workers=2, export=export))
        assert here[0].unwrap().startswith(b"BEGIN:VCALENDAR")

    @settings(max_examples=4, deadline=None)
    @given(st.lists(specs(), min_size=1, max_size=12))
    def test_two_workers_equal_one(self, drawn):
        """build_many(workers=2) gives what workers=1 gives, in the same order."""
        assert list(lp.build_many(drawn, export=lp.to_dict)) == list(
            lp.build_many(drawn, workers=2, export=lp.to_dict)
        )

    @pytest.mark.parametrize("workers", [0, -1, 257, True, 1.5, "2"])
    def test_bad_workers(self, workers):
        """workers is None or 1..256, checked when build_many is called."""
        with pytest.raises(lp.PlanError) as caught:
            lp.build_many([], workers=workers)

        assert "workers" == caught.value.field

    def test_export_must_pickle_for_workers(self):
        """A lambda cannot reach a worker: refused at once; fine in this process."""
        with pytest.raises(lp.PlanError, match="export must pickle") as caught:
            lp.build_many([], workers=2, export=lambda plan: plan.weeks)

        assert "export" == caught.value.field
        results = lp.build_many([BatchSpec(id="a", start=START)], export=lambda plan: plan.weeks)
        assert [6] == [r.value for r in results]

    def test_lazy_and_bounded(self):
        """An endless input: results come while it is read, with a bounded lead."""
        pulled = itertools.count()

        def endless() -> Iterator[BatchSpec]:
            for i in itertools.count():
                next(pulled)
                yield BatchSpec(id=f"u{i}", start=START)

        results = lp.build_many(endless(), workers=2, export=lp.to_dict)
        first = list(itertools.islice(results, 300))
        results.close()  # type: ignore[attr-defined]

        assert [f"u{i}" for i in range(300)] == [r.id for r in first]
        limit = 300 + 2 * batch._IN_FLIGHT * batch._MAX_CHUNK + batch._MAX_CHUNK
        assert next(pulled) <= limit

    def test_in_process_is_lazy(self):
        """With one worker nothing is built before it is asked for."""
        results = lp.build_many(BatchSpec(id=f"u{i}", start=START) for i in itertools.count())

        assert "u0" == next(results).id

    def test_a_dead_worker_is_an_error(self):
        """A worker that dies (killed, out of memory) stops the work with BrokenProcessPool."""
        from concurrent.futures.process import BrokenProcessPool

        with pytest.raises(BrokenProcessPool):
            list(batch._Window(os._exit, 2).run([3]))  # the worker calls os._exit(3)


def test_a_chunk_in_a_worker():
    """A worker runs the task on its chunk and says how long it took."""
    results, seconds = batch._run_chunk(str, [1, 2])

    assert ["1", "2"] == results
    assert seconds >= 0


def test_workers_ignore_ctrl_c():
    """Ctrl-C reaches the parent, which stops the batch; workers end their chunk."""
    before = signal.getsignal(signal.SIGINT)
    try:
        batch._quiet_worker()
        assert signal.SIG_IGN == signal.getsignal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGINT, before)


def test_chunk_sizes():
    """Chunks aim at 0.1 s of work, 1 to 512 specs."""
    assert 512 == batch._chunk_size(10, 0.0)
    assert 512 == batch._chunk_size(10, 0.0001)
    assert 100 == batch._chunk_size(10, 0.01)
    assert 1 == batch._chunk_size(1, 5.0)


class TestPickle:
    @pytest.mark.parametrize(
        "value",
        [
            BatchSpec(
                id="dana",
                start=START,
                athlete=lp.Athlete(
                    equipment={lp.Equipment.CABLE},
                    cable_increment=lp.Mass("2.5"),
                    conditions={lp.Condition.HIP_PAIN},
                ),
                tz="America/New_York",
                skip=[dt.date(2027, 1, 6)],
                after=dt.timedelta(minutes=20),
            ),
            BatchResult("dana", BatchSpec(id="dana", start=START).build()),
            BatchResult(None, error=lp.PlanProblemsError([lp.Problem("$", "bad", "wrong_type")])),
            batch.BatchFailure(3, "dana", lp.ScheduleError("no days", field="days")),
            BatchFormat.JSONL,
            functools.partial(batch.build_one, export=functools.partial(lp.to_ics, stamp=STAMP)),
            functools.partial(
                batch._work, folder=Path("out"), output_format=BatchFormat.ICS, stamp=STAMP
            ),
            batch._Ready(batch._Outcome(1, "a", skipped=True)),
        ],
        ids=["spec", "result", "error", "failure", "format", "task", "work", "ready"],
    )
    def test_round_trip(self, value):
        """Everything a worker is sent or sends back pickles to an equal value."""
        back = pickle.loads(pickle.dumps(value))  # noqa: S301 - our own bytes

        if isinstance(value, functools.partial):
            assert (value.func, value.args) == (back.func, back.args)
            assert value.keywords.keys() == back.keywords.keys()
        else:
            assert value == back

    def test_errors_keep_their_facts(self):
        original = lp.PlanProblemsError([lp.Problem("id", "x", "wrong_type")])
        error = pickle.loads(pickle.dumps(original))  # noqa: S301 - our own bytes

        assert ("id",) == tuple(p.path for p in error.problems)


# --------------------------------------------------------------------------- run_batch


@pytest.fixture(name="good")
def fixture_good(tmp_path: Path) -> Path:
    return write_lines(
        tmp_path / "athletes.jsonl",
        [
            line(id="a1", athlete={"equipment": ["band"]}, tz="Europe/Berlin"),
            line(id="a2", weeks=2),
            "",
            line(id="a3", days=["TU", "TH"], at="07:30"),
        ],
    )


class TestRunBatch:
    @pytest.mark.parametrize("fmt", ["ics", "json"])
    def test_a_file_per_athlete(self, good, tmp_path, fmt):
        """Each line gives <id>.<format>; the bytes are the plan's export."""
        summary = batch.run_batch(good, tmp_path / "out", output_format=fmt, stamp=STAMP)

        assert (3, 3, 0, 0) == (summary.lines, summary.written, summary.skipped, summary.failed)
        assert tmp_path / "out" == summary.output
        files = sorted(p.name for p in (tmp_path / "out").iterdir())
        assert [f"a1.{fmt}", f"a2.{fmt}", f"a3.{fmt}"] == files
        plan = batch.parse_spec(line(id="a2", weeks=2)).build()
        data = (tmp_path / "out" / f"a2.{fmt}").read_bytes()
        if fmt == "ics":
            assert lp.to_ics(plan, stamp=STAMP) == data
        else:
            assert lp.to_dict(plan) == json.loads(data)

    @pytest.mark.parametrize("workers", [None, 2])
    def test_stream(self, good, tmp_path, workers):
        """jsonl: one plans.jsonl, a line {"id", "plan"} per athlete in input order."""
        summary = batch.run_batch(good, tmp_path, output_format=BatchFormat.JSONL, workers=workers)

        assert tmp_path / "plans.jsonl" == summary.output
        lines = (tmp_path / "plans.jsonl").read_text(encoding="utf-8").splitlines()
        assert ["a1", "a2", "a3"] == [json.loads(text)["id"] for text in lines]
        plan = lp.from_dict(json.loads(lines[1])["plan"])
        assert batch.parse_spec(line(id="a2", weeks=2)).build() == plan

    def test_stream_resumes(self, good, tmp_path):
        """A re-run keeps the stream's lines and appends the ids it lacks, in a new file."""
        batch.run_batch(good, tmp_path)  # the .ics files are another format's outputs
        stream = tmp_path / "plans.jsonl"
        stream.write_bytes(b'{"id":"a2","plan":"kept as it was"}\n')

        summary = batch.run_batch(good, tmp_path, output_format="jsonl")

        assert (2, 1) == (summary.written, summary.skipped)
        lines = stream.read_text(encoding="utf-8").splitlines()
        assert '{"id":"a2","plan":"kept as it was"}' == lines[0]
        assert ["a2", "a1", "a3"] == [json.loads(text)["id"] for text in lines]

    def test_complete_stream_is_not_touched(self, good, tmp_path):
        batch.run_batch(good, tmp_path, output_format="jsonl")
        before = (tmp_path / "plans.jsonl").stat()

        summary = batch.run_batch(good, tmp_path, output_format="jsonl")

        after = (tmp_path / "plans.jsonl").stat()
        assert (0, 3) == (summary.written, summary.skipped)
        assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)

    @pytest.mark.parametrize(
        "content", [b'{"id": "a1", "plan": {}}\n', b"not ours\n", b'{"id":"a1","plan":{}}']
    )
    def test_foreign_stream_is_refused(self, good, tmp_path, content):
        """A plans.jsonl this command did not write is left alone: a usage error."""
        (tmp_path / "plans.jsonl").write_bytes(content)

        with pytest.raises(lp.ExportError, match="not a plan line of this command"):
            batch.run_batch(good, tmp_path, output_format="jsonl")

    def test_failures_in_line_order(self, tmp_path):
        """Bad, failing and repeated lines are reported in line order; the rest is built."""
        source = write_lines(
            tmp_path / "in.jsonl",
            [
                line(id="a1"),
                line(id="a2", weeks="6"),
                "not json",
                line(id="A1"),
                line(id="a5", role="rehab"),
                line(id="a2"),
                "   ",
                line(id="a8", athlete={"level": "advanced"}),
            ],
        )
        failures: list[batch.BatchFailure] = []

        summary = batch.run_batch(source, tmp_path / "out", workers=2, on_failure=failures.append)

        assert [(2, "a2"), (3, None), (4, "A1"), (5, "a5"), (6, "a2")] == [
            (f.line, f.id) for f in failures
        ]
        assert "first on line 1" in str(failures[2])
        assert "first on line 2" in str(failures[4])
        assert str(failures[1]).startswith("line 3: $: not JSON")
        assert (7, 2, 0, 5) == (summary.lines, summary.written, summary.skipped, summary.failed)
        assert ["a1.ics", "a8.ics"] == sorted(p.name for p in (tmp_path / "out").iterdir())
        assert "7 lines: 2 written, 0 skipped (complete already), 5 failed -> " in summary.summary()

    def test_resume_skips_complete_outputs(self, good, tmp_path):
        """Existing outputs are complete: kept as they are; temp files of a killed run go."""
        out = tmp_path / "out"
        out.mkdir()
        (out / "a1.ics").write_bytes(b"from the first run")
        kept = (out / "a1.ics").stat()
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            check=True,
            capture_output=True,
            text=True,
        )
        leftover = out / f".{'0' * 16}.{dead.stdout.strip()}.0123abcd.lp-tmp"
        leftover.write_bytes(b"half a calen")

        summary = batch.run_batch(good, out)

        assert (2, 1) == (summary.written, summary.skipped)
        assert b"from the first run" == (out / "a1.ics").read_bytes()
        assert (kept.st_ino, kept.st_mtime_ns) == (
            (out / "a1.ics").stat().st_ino,
            (out / "a1.ics").stat().st_mtime_ns,
        )
        assert not leftover.exists()

    def test_a_folder_in_the_way_fails_its_line(self, good, tmp_path):
        """An output name taken by a folder is no complete output: that line fails."""
        (tmp_path / "a2.json").mkdir()
        failures: list[batch.BatchFailure] = []

        summary = batch.run_batch(good, tmp_path, output_format="json", on_failure=failures.append)

        assert [2] == [f.line for f in failures]
        assert isinstance(failures[0].error, lp.ExportError)
        assert 2 == summary.written

    def test_long_lines(self, tmp_path, monkeypatch):
        """A line over the limit fails alone; the next line is read as usual."""
        monkeypatch.setattr(batch, "MAX_LINE_BYTES", 100)
        source = write_lines(tmp_path / "in.jsonl", [line(id="a1", note="x" * 200), line(id="a2")])
        failures: list[batch.BatchFailure] = []

        summary = batch.run_batch(source, tmp_path / "out", on_failure=failures.append)

        assert [(1, None)] == [(f.line, f.id) for f in failures]
        assert "longer than 100 bytes" in failures[0].message
        assert (1, 1) == (summary.written, summary.failed)

    def test_a_stream_source(self, tmp_path):
        """An open binary stream (stdin) works as the source; a last line without newline too."""
        source = io.BytesIO((line(id="a1") + "\n" + line(id="a2")).encode())

        summary = batch.run_batch(source, tmp_path, output_format="json")

        assert 2 == summary.written

    def test_a_folder_named_like_the_stream(self, good, tmp_path):
        (tmp_path / "plans.jsonl").mkdir()

        with pytest.raises(lp.ExportError, match=r"cannot read .*plans\.jsonl"):
            batch.run_batch(good, tmp_path, output_format="jsonl")

    def test_a_symlink_loop_as_input(self, tmp_path):
        loop = tmp_path / "loop.jsonl"
        loop.symlink_to(loop)

        with pytest.raises(lp.ExportError, match=r"cannot read .*loop\.jsonl"):
            batch.run_batch(loop, tmp_path / "out")

    def test_progress_of_a_stream(self, tmp_path, capfd):
        """A stream has no length known up front: the bar counts lines without a total."""
        batch.run_batch(io.BytesIO(line().encode()), tmp_path, progress=True)

        assert "0 lines [" in capfd.readouterr().err

    def test_result_lines(self):
        """A result as a stream line: the plan's data, or the error as one line."""
        good = BatchResult("a", {"weeks": 1})
        bad = BatchResult(None, error=lp.PlanProblemsError([lp.Problem("$", "x\ny", "wrong_type")]))

        assert '{"id":"a","plan":{"weeks":1}}' == batch.result_line(good)
        assert '{"id":null,"error":"$: x y"}' == batch.result_line(bad)

    def test_many_problems_in_one_line(self):
        """A failure is one line; more than five problems are counted, not listed."""
        error = lp.PlanProblemsError(
            [lp.Problem(f"k{i}", "bad\nvery", "wrong_type") for i in range(7)]
        )
        failure = batch.BatchFailure(9, None, error)

        assert str(failure).startswith("line 9: 7 problems: k0: bad very; k1: bad very;")
        assert str(failure).endswith("; and 2 more")
        assert "\n" not in str(failure)

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"output_format": "pdf"}, "output_format must be one of ics, json, jsonl"),
            ({"stamp": dt.datetime(2027, 1, 1)}, "stamp must be None or a datetime with a zone"),
        ],
    )
    def test_bad_arguments(self, good, tmp_path, kwargs, match):
        with pytest.raises(lp.ExportError, match=match):
            batch.run_batch(good, tmp_path, **kwargs)

    def test_bad_workers(self, good, tmp_path):
        with pytest.raises(lp.PlanError, match="workers must be"):
            batch.run_batch(good, tmp_path, workers=0)

    def test_bad_places(self, good, tmp_path):
        """Input and output are checked before anything is made."""
        with pytest.raises(lp.ExportError, match="no such file"):
            batch.run_batch(tmp_path / "missing.jsonl", tmp_path / "new")
        assert not (tmp_path / "new").exists()
        with pytest.raises(lp.ExportError, match="it is a folder"):
            batch.run_batch(tmp_path, tmp_path / "new")
        with pytest.raises(lp.ExportError, match="output must be a folder"):
            batch.run_batch(good, good)
        with pytest.raises(lp.ExportError, match="cannot make the output folder"):
            batch.run_batch(good, tmp_path / "no" / "such")

    def test_unreadable_input(self, tmp_path):
        if os.geteuid() == 0:
            pytest.skip("root reads every file")
        source = write_lines(tmp_path / "in.jsonl", [line()])
        source.chmod(0)

        with pytest.raises(lp.ExportError, match="cannot read"):
            batch.run_batch(source, tmp_path / "out")

    def test_read_error_midway(self, tmp_path):
        class Failing(io.BytesIO):
            def readline(self, _size: int | None = -1) -> bytes:
                raise OSError(5, "Input/output error")

        with pytest.raises(lp.ExportError, match="cannot read the batch input: Input/output"):
            batch.run_batch(Failing(), tmp_path)

    def test_dead_worker(self, good, tmp_path, monkeypatch):
        """A worker that died is an ExportError that says the outputs are complete."""
        from concurrent.futures.process import BrokenProcessPool

        def broken(*_args: Any) -> Iterator[Any]:
            raise BrokenProcessPool("gone")
            yield

        monkeypatch.setattr(batch, "_in_order", broken)

        with pytest.raises(lp.ExportError, match="a worker process died"):
            batch.run_batch(good, tmp_path, workers=2)

    def test_progress_bar_when_asked(self, good, tmp_path, capfd):
        """progress=True draws a bar on stderr; failures are written around it."""
        write_lines(good, [line(id="a1"), "bad"])
        reported: list[str] = []

        batch.run_batch(good, tmp_path, progress=True, on_failure=lambda f: reported.append(str(f)))

        err = capfd.readouterr().err
        assert "/2 [" in err
        assert ["line 2: $: not JSON: Expecting value at column 1"] == reported

    def test_no_progress_when_not_a_terminal(self, good, tmp_path):
        """By default the bar is drawn only on a terminal: nothing here, tqdm not loaded."""
        code = (
            "import sys; from legraise_plan import batch; "
            f"batch.run_batch({str(good)!r}, {str(tmp_path)!r}); "
            "print('tqdm' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )

        assert "False\n" == result.stdout
        assert "" == result.stderr


# --------------------------------------------------------------------------- the command


def run_cli(*args: str, cwd: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legraise_plan", "batch", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
        **kwargs,
    )


class TestCommand:
    def test_good_bad_and_repeated_lines(self, tmp_path):
        """Exit 1; one stderr line per failed line, with its number; files for the rest."""
        write_lines(
            tmp_path / "athletes.jsonl",
            [
                line(id="ana", athlete={"equipment": ["band"]}),
                line(id="ben", athlete={"level": "pro"}),
                line(id="cleo", tz="Europe/Berlin", days=["TU", "FR"]),
                "{oops",
                line(id="ana", weeks=2),
                line(id="dev", weeks=0),
            ],
        )

        result = run_cli("athletes.jsonl", "-o", "out", "--workers", "2", cwd=tmp_path)

        assert 1 == result.returncode
        lines = result.stderr.splitlines()
        expected = [
            "legraise-plan: error: 'athletes.jsonl', line 2 (id 'ben'): athlete.level: ",
            "legraise-plan: error: 'athletes.jsonl', line 4: $: not JSON: ",
            "legraise-plan: error: 'athletes.jsonl', line 5 (id 'ana'): id: id must be unique",
            "legraise-plan: error: 'athletes.jsonl', line 6 (id 'dev'): ",
        ]
        assert all(text.startswith(want) for text, want in zip(lines, expected, strict=False))
        assert "6 lines: 2 written, 0 skipped (complete already), 4 failed -> out" == lines[-1]
        assert 5 == len(lines)
        assert "Traceback" not in result.stderr
        assert ["ana.ics", "cleo.ics"] == sorted(p.name for p in (tmp_path / "out").iterdir())
        calendar = icalendar.Calendar.from_ical((tmp_path / "out" / "cleo.ics").read_bytes())
        assert 12 == len(calendar.walk("VEVENT"))
        assert "" == result.stdout

    def test_all_good(self, tmp_path):
        """Exit 0 and only the summary: no bar when stderr is not a terminal."""
        write_lines(tmp_path / "in.jsonl", [line(id=f"u{i}") for i in range(5)])

        result = run_cli("in.jsonl", "-o", "out", "--format", "json", cwd=tmp_path)

        assert 0 == result.returncode
        assert (
            "5 lines: 5 written, 0 skipped (complete already), 0 failed -> out\n" == result.stderr
        )
        assert 5 == len(list((tmp_path / "out").glob("u*.json")))

    def test_workers_write_what_one_process_writes(self, tmp_path):
        """--workers 2 writes the same bytes as one process (with a fixed --stamp)."""
        write_lines(tmp_path / "in.jsonl", [line(id=f"u{i}", weeks=1 + i % 8) for i in range(40)])

        for workers, out in (("1", "one"), ("2", "two")):
            result = run_cli(
                "in.jsonl",
                "-o",
                out,
                "--workers",
                workers,
                "--stamp",
                "2027-01-01T00:00:00Z",
                cwd=tmp_path,
            )
            assert 0 == result.returncode, result.stderr

        one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
        assert 40 == len(one)
        assert one == {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}

    def test_stdin_and_jsonl(self, tmp_path):
        result = run_cli("-", "-o", "out", "--format", "jsonl", cwd=tmp_path, input=line() + "\n")

        assert 0 == result.returncode
        assert "dana" == json.loads((tmp_path / "out" / "plans.jsonl").read_text())["id"]
        assert (
            "1 lines: 1 written, 0 skipped (complete already), 0 failed -> out/plans.jsonl\n"
            == result.stderr
        )

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["missing.jsonl", "-o", "out"], "cannot read 'missing.jsonl': no such file"),
            (["in.jsonl", "-o", "in.jsonl"], "output must be a folder"),
            (["in.jsonl", "-o", "out", "--workers", "0"], "argument --workers: must be 1 to 256"),
            (
                ["in.jsonl", "-o", "out", "--workers", "x"],
                "argument --workers: must be a whole number",
            ),
            (["in.jsonl", "-o", "out", "--format", "pdf"], "argument --format: invalid choice"),
            (["in.jsonl"], "the following arguments are required: -o/--output"),
        ],
    )
    def test_usage_errors(self, tmp_path, args, message):
        """Exit 2 and one line on stderr; no traceback, nothing made."""
        write_lines(tmp_path / "in.jsonl", [line()])

        result = run_cli(*args, cwd=tmp_path)

        assert 2 == result.returncode
        assert 1 == len(result.stderr.splitlines()), result.stderr
        assert result.stderr.startswith("legraise-plan: error: ")
        assert message in result.stderr
        assert not (tmp_path / "out").exists()

    def test_resume_after_a_crash(self, tmp_path):
        """Earlier outputs are kept as they are; a killed write's temp file is no output."""
        write_lines(tmp_path / "in.jsonl", [line(id=f"u{i}") for i in range(4)])
        out = tmp_path / "out"
        out.mkdir()
        (out / "u1.ics").write_bytes(b"written by the first run")
        before = (out / "u1.ics").stat()
        temp = out / f".{'a' * 16}.999999999.00000000.lp-tmp"  # a pid no process has
        temp.write_bytes(b"BEGIN:VCALEN")

        result = run_cli("in.jsonl", "-o", "out", cwd=tmp_path)

        assert 0 == result.returncode
        assert (
            "4 lines: 3 written, 1 skipped (complete already), 0 failed -> out\n" == result.stderr
        )
        after = (out / "u1.ics").stat()
        assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
        assert b"written by the first run" == (out / "u1.ics").read_bytes()
        assert not temp.exists()
        assert ["u0.ics", "u1.ics", "u2.ics", "u3.ics"] == sorted(p.name for p in out.iterdir())

    @pytest.mark.parametrize("workers", ["1", "2"])
    def test_interrupted_and_resumed(self, tmp_path, workers):
        """Ctrl-C stops the batch (exit 2); every file is whole; the same command finishes it."""
        count = 400
        write_lines(
            tmp_path / "in.jsonl", [line(id=f"u{i:03d}", tz="Europe/Berlin") for i in range(count)]
        )
        out = tmp_path / "out"
        command = [sys.executable, "-m", "legraise_plan", "batch", "in.jsonl", "-o", "out"]
        process = subprocess.Popen(
            [*command, "--workers", workers],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while len(list(out.glob("*.ics")) if out.exists() else []) < 3:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
        _, stderr = process.communicate(timeout=120)

        assert 2 == process.returncode
        assert "interrupted; the files written are complete" in stderr
        assert "Traceback" not in stderr
        # An interrupt that lands between creating a temporary file and its cleanup can
        # leave that hidden temporary behind: never an output, and the next run clears it.
        first = {p.name: p.stat() for p in out.iterdir() if not p.name.startswith(".")}
        assert 3 <= len(first) < count
        for name in first:
            assert (out / name).read_bytes().endswith(b"END:VCALENDAR\r\n")

        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)

        assert 0 == result.returncode
        assert f"{len(first)} skipped" in result.stderr
        assert count == len(list(out.iterdir()))
        for name, info in first.items():
            assert (info.st_ino, info.st_mtime_ns) == (
                (out / name).stat().st_ino,
                (out / name).stat().st_mtime_ns,
            )

    def test_progress_bar_on_a_terminal(self, tmp_path):
        """With stderr on a terminal the command draws a bar that ends at every line."""
        write_lines(tmp_path / "in.jsonl", [line(id=f"u{i}") for i in range(3)])
        main, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # 80 columns
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "legraise_plan", "batch", "in.jsonl", "-o", "out"],
                cwd=tmp_path,
                stderr=child,
                stdout=subprocess.DEVNULL,
            )
            os.close(child)
            shown = b""
            while True:
                try:
                    chunk = os.read(main, 4096)
                except OSError:  # the terminal closed with the process
                    break
                if not chunk:
                    break
                shown += chunk
            process.wait(timeout=60)
        finally:
            os.close(main)

        assert 0 == process.returncode
        assert b"/3 [" in shown
        assert b"3 lines: 3 written" in shown


class TestCommandInProcess:
    """The batch command through ``main``, as the other CLI tests run commands."""

    def test_all_good(self, good, tmp_path, capsys):
        from legraise_plan.cli import main

        assert 0 == main(["batch", str(good), "-o", str(tmp_path / "out"), "--workers", "1"])
        assert "3 lines: 3 written" in capsys.readouterr().err

    def test_a_failed_line_is_status_1(self, tmp_path, capsys):
        from legraise_plan.cli import main

        source = write_lines(tmp_path / "in.jsonl", [line(), line(id="b", weeks=0)])

        assert 1 == main(["batch", str(source), "-o", str(tmp_path / "out")])

        err = capsys.readouterr().err.splitlines()
        assert err[0].startswith("legraise-plan: error: '/")
        assert "', line 2 (id 'b'): " in err[0]
        assert err[1].startswith("2 lines: 1 written, 0 skipped (complete already), 1 failed")

    def test_interrupt(self, good, tmp_path, capsys, monkeypatch):
        """Ctrl-C: one line saying the files are complete and how to resume; status 2."""
        from legraise_plan import cli

        def interrupted(*_args: Any, **_kwargs: Any) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(batch, "run_batch", interrupted)

        assert 2 == cli.main(["batch", str(good), "-o", str(tmp_path)])
        assert "run the same command to resume" in capsys.readouterr().err

    @pytest.mark.parametrize("workers", ["0", "257", "two"])
    def test_bad_workers(self, good, tmp_path, capsys, workers):
        from legraise_plan.cli import main

        assert 2 == main(["batch", str(good), "-o", str(tmp_path), "--workers", workers])
        assert "argument --workers: must be" in capsys.readouterr().err
