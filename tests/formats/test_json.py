"""Tests for legraise_plan.formats.json: to_dict, from_dict, SCHEMA_VERSION (plans)."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import zoneinfo
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.cli import main
from legraise_plan.formats.json import SCHEMA_VERSION, from_dict, to_dict
from tests import strategies as s
from tests.strategies import ONE_LINE


BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
JSON_SCALARS = (str, int, float, bool, type(None))
ALLOWED_IDS = ", ".join(lp.CATALOG)


def assert_json_types(value: Any, path: str = "$") -> None:
    """Fail unless ``value`` is made of plain JSON types only (no subclasses)."""
    if type(value) is dict:
        for key, item in value.items():
            assert type(key) is str, f"{path}: key {key!r} is not a str"
            assert_json_types(item, f"{path}.{key}")
    elif type(value) is list:
        for i, item in enumerate(value):
            assert_json_types(item, f"{path}[{i}]")
    else:
        assert type(value) in JSON_SCALARS, f"{path}: {type(value).__name__} is not a JSON type"


def with_first_session(plan: lp.Plan, **changes: Any) -> lp.Plan:
    """The plan with its first session changed (and the others dropped)."""
    return attrs.evolve(plan, sessions=(attrs.evolve(plan.sessions[0], **changes),))


def with_first_prescription(plan: lp.Plan, **changes: Any) -> lp.Plan:
    """The plan with its first session's first prescription changed."""
    block = plan.sessions[0].blocks[0]
    rx = attrs.evolve(block.prescription, **changes)
    return with_first_session(plan, blocks=(attrs.evolve(block, prescription=rx),))


class TestSchemaVersion:
    def test_is_three(self):
        """The schema version written is 3 and is re-exported by the package."""
        assert SCHEMA_VERSION == 3
        assert lp.SCHEMA_VERSION == SCHEMA_VERSION

    def test_package_functions(self):
        """The package re-exports to_dict and from_dict from this module."""
        assert lp.to_dict is to_dict
        assert lp.from_dict is from_dict


class TestToDict:
    def test_schema_version(self, plan):
        """The dict carries the schema version first."""
        data = to_dict(plan)

        assert data["schema_version"] == SCHEMA_VERSION
        assert next(iter(data)) == "schema_version"

    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_plain_json_types(self, request, name):
        """Every value is a plain dict, list, str, int, bool or None, and json.dumps works."""
        data = to_dict(request.getfixturevalue(name))

        assert_json_types(data)
        json.dumps(data, allow_nan=False)

    def test_deterministic(self, plan, athlete):
        """Equal plans give equal dicts, and the same JSON text."""
        again = lp.build_plan(
            athlete, weeks=6, start=dt.date(2026, 12, 7), days="mon,wed,fri", tz="Europe/Berlin"
        )

        assert json.dumps(to_dict(plan)) == json.dumps(to_dict(again))

    def test_fresh_dicts(self, plan):
        """Mutating a returned dict does not change later results."""
        first = to_dict(plan)
        expected = copy.deepcopy(first)
        first["sessions"][0]["blocks"][0]["load"]["equipment"] = "mutated"
        first["athlete"]["equipment"].append("mutated")

        assert expected == to_dict(plan)

    def test_plan_fields(self, plan):
        """Dates, times, days and enums are ISO strings and enum values."""
        data = to_dict(plan)

        expected = {
            "role": "accessory",
            "periodization": "linear",
            "weeks": 6,
            "start": "2026-12-07",
            "days": ["MO", "WE", "FR"],
            "at": "18:00:00",
            "tz": "Europe/Berlin",
            "note": "",
            "plan_id": "",
        }

        assert {key: data[key] for key in expected} == expected
        assert list(plan.notes) == data["notes"]

    def test_session_fields(self, plan):
        """A zoned session has an offset, an ISO duration, enum values and its uid."""
        session = to_dict(plan)["sessions"][0]

        assert session["start"] == "2026-12-07T18:00:00+01:00"
        assert session["duration"] == "PT10M"
        assert (session["week"], session["role"], session["kind"]) == (1, "accessory", "normal")
        assert plan.sessions[0].uid == session["uid"]
        assert session["notes"] == []

    def test_block_flattened(self, plan):
        """A block holds its prescription's fields next to the reason; the variation is its id."""
        block = to_dict(plan)["sessions"][0]["blocks"][0]

        assert {
            "variation": plan.sessions[0].blocks[0].prescription.variation.id,
            "sets": 3,
            "reps": 10,
            "load": {
                "equipment": "bodyweight",
                "band": None,
                "looped": False,
                "mass": None,
                "pulley_ratio": 1,
            },
            "tempo": {"lift": 2, "hold": 1, "lower": 2},
            "rest": "PT1M",
            "rir": 2,
            "reason": "A first level to learn the movement: standing, bodyweight, 3 × 10.",
            "change": "start",
            "detail": "start (novice): standing, bodyweight",
        } == block

    def test_dst_offsets(self, dst_plan):
        """Starts across a spring-forward change keep 07:30 and switch from +01:00 to +02:00."""
        starts = [s["start"] for s in to_dict(dst_plan)["sessions"]]

        assert starts[0] == "2027-03-02T07:30:00+01:00"
        assert starts[-1] == "2027-04-10T07:30:00+02:00"

    def test_floating_has_no_offset(self, floating_plan):
        """Floating sessions are local date-times without an offset, and tz is null."""
        data = to_dict(floating_plan)

        assert data["tz"] is None
        assert data["sessions"][0]["start"] == "2026-12-07T16:55:00"

    def test_athlete_sets_sorted(self):
        """Equipment and conditions are sorted lists; masses are exact decimal strings."""
        athlete = lp.Athlete(
            equipment={"cable", "band"},
            conditions={"pregnancy", "hip_pain"},
            cleared=True,
            ankle_weight_max=lp.Mass("2.5"),
            cable_increment=lp.Mass(Decimal("1E+1"), "lb"),
        )
        plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7))

        data = to_dict(plan)["athlete"]

        assert data["equipment"] == ["band", "bodyweight", "cable"]
        assert data["conditions"] == ["hip_pain", "pregnancy"]
        assert data["ankle_weight_max"] == {"amount": "2.5", "unit": "kg"}
        assert data["cable_increment"] == {"amount": "10", "unit": "lb"}

    def test_load_mass_and_band(self):
        """Band colours are values and load masses are decimal strings with their unit."""
        band = lp.Load.band_of(lp.BandColour.GREEN, looped=True)
        ankle = lp.Load.ankle(lp.Mass("1.5", "lb"))

        def dumped(load: lp.Load, variation: str) -> dict[str, Any]:
            plan = with_first_prescription(
                lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7)),
                variation=lp.get_variation(variation),
                load=load,
            )
            result: dict[str, Any] = to_dict(plan)["sessions"][0]["blocks"][0]["load"]
            return result

        expected_band = {
            "equipment": "band",
            "band": "green",
            "looped": True,
            "mass": None,
            "pulley_ratio": 1,
        }
        assert dumped(band, "standing-band-hip-extension") == expected_band
        assert dumped(ankle, "standing-ankle-weight-hip-extension")["mass"] == {
            "amount": "1.5",
            "unit": "lb",
        }

    def test_mass_text_independent_of_order(self):
        """A mass is written as given, whatever equal amount was written before (2.50, 2.5)."""
        plans = [
            lp.build_plan(lp.Athlete(cable_increment=lp.Mass(text)), start=dt.date(2026, 12, 7))
            for text in ("2.50", "2.5", "2.50")
        ]

        written = [to_dict(plan)["athlete"]["cable_increment"]["amount"] for plan in plans]

        assert ["2.50", "2.5", "2.50"] == written

    @pytest.mark.parametrize(
        ("amount", "text"),
        [("10", "10"), ("1E+1", "10"), ("2.50", "2.50"), ("0.0000001", "0.0000001")],
    )
    def test_mass_text_fixed_point(self, amount, text):
        """Amounts are written in fixed point, never with an exponent."""
        plan = lp.build_plan(
            lp.Athlete(cable_increment=lp.Mass(Decimal(amount))), start=dt.date(2026, 12, 7)
        )

        assert text == to_dict(plan)["athlete"]["cable_increment"]["amount"]

    @pytest.mark.parametrize(
        ("duration", "text"),
        [
            (dt.timedelta(seconds=45), "PT45S"),
            (dt.timedelta(minutes=15), "PT15M"),
            (dt.timedelta(minutes=1, seconds=30), "PT1M30S"),
            (dt.timedelta(hours=1, minutes=5), "PT1H5M"),
            (dt.timedelta(days=1), "PT24H"),
            (dt.timedelta(seconds=1, microseconds=500_000), "PT1.5S"),
            (dt.timedelta(microseconds=20), "PT0.00002S"),
        ],
    )
    def test_duration_text(self, floating_plan, duration, text):
        """Durations are ISO 8601 with hours, minutes and (fractional) seconds only."""
        plan = with_first_session(floating_plan, duration=duration)

        assert text == to_dict(plan)["sessions"][0]["duration"]

    def test_not_a_plan(self):
        """Anything but a Plan raises ExportError."""
        with pytest.raises(lp.ExportError, match="plan must be a Plan, got dict"):
            to_dict({})  # type: ignore[arg-type]

    def test_custom_variation(self, plan):
        """A variation that is not the catalog's cannot be stored by id."""
        custom = attrs.evolve(lp.get_variation("prone-hip-extension"), name="My raise")
        changed = with_first_prescription(plan, variation=custom)

        with pytest.raises(lp.ExportError, match=r"^sessions\[0\]\.blocks\[0\]\.variation: "):
            to_dict(changed)

    def test_equal_catalog_variation(self, plan):
        """A variation equal to the catalog's (but another object) is stored by id."""
        twin = attrs.evolve(lp.get_variation("prone-hip-extension"))
        changed = with_first_prescription(plan, variation=twin)

        assert changed == from_dict(to_dict(changed))

    def test_plans_cannot_hold_what_json_cannot(self, plan):
        """A negative duration or a wrong field type is refused when the plan is built."""
        with pytest.raises(lp.PlanError, match="duration must be a timedelta above 0"):
            with_first_session(plan, duration=dt.timedelta(minutes=-5))
        with pytest.raises(lp.PlanError, match="role must be one of"):
            attrs.evolve(plan, role=5)


class TestFromDict:
    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_round_trip(self, request, name):
        """from_dict(to_dict(p)) == p for the fixtures."""
        plan = request.getfixturevalue(name)

        assert plan == from_dict(to_dict(plan))

    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_json_round_trip(self, request, name):
        """The plan survives json.dumps and json.loads."""
        plan = request.getfixturevalue(name)

        assert plan == from_dict(json.loads(json.dumps(to_dict(plan))))

    def test_zone_restored(self, dst_plan):
        """Zoned starts come back with the plan's ZoneInfo, not a fixed offset."""
        back = from_dict(to_dict(dst_plan))

        assert all(s.start.tzinfo is BERLIN for s in back.sessions)
        assert [s.start.utcoffset() for s in dst_plan.sessions] == [
            s.start.utcoffset() for s in back.sessions
        ]

    def test_floating_restored(self, floating_plan):
        """Floating starts come back naive."""
        back = from_dict(to_dict(floating_plan))

        assert all(s.start.tzinfo is None for s in back.sessions)

    def test_repeated_hour_keeps_fold(self):
        """The second 02:30 of a fall-back night comes back as the second (fold=1)."""
        plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 10, 19), tz="Europe/Berlin")
        second = dt.datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1)
        changed = with_first_session(plan, start=second)

        data = to_dict(changed)
        back = from_dict(data)

        assert data["sessions"][0]["start"] == "2026-10-25T02:30:00+01:00"
        assert back.sessions[0].start.fold == 1
        assert second.utcoffset() == back.sessions[0].start.utcoffset()

    def test_masses_round_trip(self):
        """Athlete and load masses come back exactly, in their units."""
        athlete = lp.Athlete(
            equipment={"ankle_weights", "cable"},
            units="lb",
            ankle_weight_max=lp.Mass(7, "lb"),
            cable_increment=lp.Mass("2.26796185", "kg"),
            pulley_ratio=2,
        )
        plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7), weeks=12)

        assert plan == from_dict(json.loads(json.dumps(to_dict(plan))))

    def test_load_mass_text_independent_of_order(self, plan):
        """A load mass keeps its text after an equal one written "4.750" was loaded."""
        loaded = []
        for amount in ("4.750", "4.75", "4.750"):
            data = to_dict(plan)
            data["sessions"][0]["blocks"][0].update(
                variation="standing-ankle-weight-hip-extension",
                load={
                    "equipment": "ankle_weights",
                    "band": None,
                    "looped": False,
                    "mass": {"amount": amount, "unit": "kg"},
                    "pulley_ratio": 1,
                },
            )
            back = to_dict(from_dict(data))
            loaded.append(back["sessions"][0]["blocks"][0]["load"]["mass"]["amount"])

        assert ["4.750", "4.75", "4.750"] == loaded

    def test_start_at_the_end_of_the_calendar(self, plan):
        """A zoned start of 9999-12-31T23:59:59+01:00 is read, and refused as off the plan."""
        data = to_dict(plan)
        data["sessions"][-1]["start"] = "9999-12-31T23:59:59+01:00"

        with pytest.raises(lp.PlanProblemsError) as info:
            from_dict(data)

        assert [("sessions[17].start", "invalid_value")] == [
            (p.path, p.code) for p in info.value.problems
        ]
        assert "must fall within the plan's weeks" in str(info.value)

    def test_accepts_tuples(self, floating_plan):
        """Sequences other than lists (tuples) are accepted as arrays."""
        data = to_dict(floating_plan)
        data["days"] = tuple(data["days"])
        data["sessions"] = tuple(data["sessions"])

        assert floating_plan == from_dict(data)

    def test_uses_catalog_variations(self, plan):
        """Variations are the catalog's own records."""
        back = from_dict(to_dict(plan))

        assert all(
            b.variation is lp.CATALOG[b.variation.id] for s in back.sessions for b in s.blocks
        )

    @given(s.plans())
    def test_round_trip_property(self, plan):
        """Any built plan survives to_dict, JSON and from_dict unchanged."""
        data = to_dict(plan)

        assert_json_types(data)
        assert plan == from_dict(data)
        assert plan == from_dict(json.loads(json.dumps(data)))

    @given(st.timedeltas(min_value=dt.timedelta(microseconds=1), max_value=dt.timedelta(days=1)))
    def test_duration_property(self, duration):
        """Any duration a session may have (to the microsecond, up to 24 h) round-trips."""
        plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), weeks=1)
        changed = with_first_session(plan, duration=duration)

        assert changed == from_dict(to_dict(changed))


Mutation = Callable[[dict[str, Any]], None]


def _set(*path: str | int, value: Any) -> Mutation:
    """A mutation that sets the value at ``path``."""

    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(*path: str | int) -> Mutation:
    """A mutation that removes the key at ``path``."""

    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


BLOCK = ("sessions", 3, "blocks", 0)
BAD_DATA = [
    pytest.param(
        _set(*BLOCK, "sets", value=0),
        "sessions[3].blocks[0].sets: sets must be 1..10, got 0",
        id="sets-zero",
    ),
    pytest.param(
        _set(*BLOCK, "variation", value="moon-walk"),
        "sessions[3].blocks[0].variation: unknown variation id 'moon-walk'; "
        f"allowed: {ALLOWED_IDS}",
        id="unknown-variation",
    ),
    pytest.param(
        _set("schema_version", value=4), "schema_version: must be 1, 2 or 3, got 4", id="schema-4"
    ),
    pytest.param(
        _set("schema_version", value=0), "schema_version: must be 1, 2 or 3, got 0", id="schema-0"
    ),
    pytest.param(
        _set("schema_version", value="2"),
        "schema_version: must be 1, 2 or 3, got '2'",
        id="schema-str",
    ),
    pytest.param(_delete("schema_version"), "schema_version: missing", id="schema-missing"),
    pytest.param(_delete("sessions"), "sessions: missing", id="sessions-missing"),
    pytest.param(
        _delete("sessions", 2, "blocks", 0, "tempo", "hold"),
        "sessions[2].blocks[0].tempo.hold: missing",
        id="nested-missing",
    ),
    pytest.param(
        _set("sessions", 1, "week", value="2"),
        "sessions[1].week: expected an integer, got string '2'",
        id="str-for-int",
    ),
    pytest.param(
        _set(*BLOCK, "reps", value=True),
        "sessions[3].blocks[0].reps: expected an integer, got boolean True",
        id="bool-for-int",
    ),
    pytest.param(
        _set(*BLOCK, "rir", value=2.0),
        "sessions[3].blocks[0].rir: expected an integer, got number 2.0",
        id="float-for-int",
    ),
    pytest.param(
        _set("start", value="2026-13-07"),
        "start: expected an ISO 8601 date like 2026-12-07, got string '2026-13-07'",
        id="bad-date",
    ),
    pytest.param(
        _set("start", value="7.12.2026"),
        "start: expected an ISO 8601 date like 2026-12-07, got string '7.12.2026'",
        id="date-format",
    ),
    pytest.param(
        _set("at", value="25:00:00"),
        "at: expected an ISO 8601 time like 18:00:00, got string '25:00:00'",
        id="bad-time",
    ),
    pytest.param(
        _set("tz", value="Mars/Olympus_Mons"),
        "tz: tz must be an IANA zone name like Europe/Berlin or None, got 'Mars/Olympus_Mons'",
        id="bad-tz",
    ),
    pytest.param(
        _set("tz", value=1),
        "tz: expected an IANA zone name or null, got integer 1",
        id="tz-type",
    ),
    pytest.param(
        _set("role", value="cardio"),
        "role: must be one of warm_up, accessory, full_body, rehab, got string 'cardio'",
        id="bad-enum",
    ),
    pytest.param(
        _set("periodization", value=["linear"]),
        "periodization: must be one of linear, undulating, block, got array ['linear']",
        id="unhashable-enum",
    ),
    pytest.param(
        _set("days", 1, value="WED"),
        "days[1]: must be one of MO, TU, WE, TH, FR, SA, SU, got string 'WED'",
        id="bad-day",
    ),
    pytest.param(
        _set("sessions", 0, "blocks", 0, "colour", value="red"),
        "sessions[0].blocks[0].colour: unknown key; allowed keys: variation, sets, reps",
        id="unknown-key",
    ),
    pytest.param(
        _set("extra", value=1), "extra: unknown key; allowed keys: schema_version", id="root-extra"
    ),
    pytest.param(
        _set("sessions", value={}),
        "sessions: expected an array, got object {}",
        id="object-for-array",
    ),
    pytest.param(
        _set("sessions", 0, value=[]),
        "sessions[0]: expected an object, got array []",
        id="array-for-object",
    ),
    pytest.param(
        _set("athlete", value=None),
        "athlete: expected an object, got null None",
        id="null-athlete",
    ),
    pytest.param(
        _set("athlete", "equipment", 0, value="treadmill"),
        "athlete.equipment[0]: must be one of bodyweight, band",
        id="bad-equipment",
    ),
    pytest.param(
        _set("athlete", "conditions", value=["flu"]),
        "athlete.conditions[0]: must be one of low_back_pain_history",
        id="bad-condition",
    ),
    pytest.param(
        _set("athlete", "cleared", value="yes"),
        "athlete.cleared: expected true or false, got string 'yes'",
        id="bad-bool",
    ),
    pytest.param(
        _set("athlete", "name", value=7),
        "athlete.name: expected a string, got integer 7",
        id="bad-string",
    ),
    pytest.param(
        _set("athlete", "pulley_ratio", value=9),
        "athlete.pulley_ratio: pulley_ratio must be 1..4, got 9",
        id="domain-athlete",
    ),
    pytest.param(
        _set("athlete", "ankle_weight_max", value={"amount": 2, "unit": "kg"}),
        'athlete.ankle_weight_max.amount: expected a decimal string like "2.5", got integer 2',
        id="mass-number",
    ),
    pytest.param(
        _set("athlete", "ankle_weight_max", value={"amount": "1e3", "unit": "kg"}),
        "athlete.ankle_weight_max.amount: expected a decimal string",
        id="mass-exponent",
    ),
    pytest.param(
        _set("athlete", "ankle_weight_max", value={"amount": "-1", "unit": "kg"}),
        "athlete.ankle_weight_max.amount: amount must be 0 or more, got -1",
        id="mass-negative",
    ),
    pytest.param(
        _set("athlete", "cable_increment", value={"amount": "5", "unit": "stone"}),
        "athlete.cable_increment.unit: must be one of kg, lb, got string 'stone'",
        id="mass-unit",
    ),
    pytest.param(
        _set("notes", 2, value=None),
        "notes[2]: expected a string, got null None",
        id="note-type",
    ),
    pytest.param(
        _set("sessions", 0, "notes", value="moved"),
        "sessions[0].notes: expected an array, got string 'moved'",
        id="session-notes-type",
    ),
    pytest.param(
        _set("sessions", 0, "duration", value="15 min"),
        "sessions[0].duration: expected an ISO 8601 duration like PT15M or PT1M30S, "
        "got string '15 min'",
        id="bad-duration",
    ),
    pytest.param(
        _set("sessions", 0, "duration", value="PT"),
        "sessions[0].duration: expected an ISO 8601 duration",
        id="empty-duration",
    ),
    pytest.param(
        _set("sessions", 0, "duration", value=900),
        "sessions[0].duration: expected an ISO 8601 duration like PT15M or PT1M30S, "
        "got integer 900",
        id="seconds-duration",
    ),
    pytest.param(
        _set(*BLOCK, "rest", value="PT11M"),
        "sessions[3].blocks[0].rest: rest must be between 0 s and 600 s, got 660 s",
        id="rest-range",
    ),
    pytest.param(
        _set(*BLOCK, "tempo", "hold", value=99),
        "sessions[3].blocks[0].tempo.hold: hold must be 0..60, got 99",
        id="tempo-range",
    ),
    pytest.param(
        _set(*BLOCK, "load", "equipment", value="band"),
        "sessions[3].blocks[0].load.band: band must be one of tan",
        id="band-without-colour",
    ),
    pytest.param(
        _set(*BLOCK, "load", "band", value="pink"),
        "sessions[3].blocks[0].load.band: must be one of tan, yellow",
        id="bad-colour",
    ),
    pytest.param(
        _set(*BLOCK, "variation", value="cable-standing-hip-extension"),
        "sessions[3].blocks[0].load: load must use cable for cable-standing-hip-extension, "
        "got bodyweight",
        id="load-mismatch",
    ),
    pytest.param(
        _set(*BLOCK, "reason", value="x" * 2001),
        "sessions[3].blocks[0].reason: reason must be at most 2000 characters, got 2001",
        id="long-reason",
    ),
    pytest.param(
        _set("sessions", 3, "week", value=7),
        "sessions[3].week: must be 1..6 (the plan's weeks), got 7",
        id="week-beyond-plan",
    ),
    pytest.param(
        _set("sessions", 3, "week", value=0),
        "sessions[3].week: week must be 1..52, got 0",
        id="week-zero",
    ),
    pytest.param(
        _set("sessions", 3, "start", value="2026-12-07T18:00:00+01:00"),
        "sessions[3].start: sessions must be in time order, got 2026-12-07T18:00:00+01:00 after",
        id="time-order",
    ),
    pytest.param(
        _set("sessions", 0, "start", value="2026-12-07T18:00:00"),
        "sessions[0].start: must have a UTC offset in a plan with tz Europe/Berlin",
        id="zoned-without-offset",
    ),
    pytest.param(
        _set("sessions", 0, "start", value="2026-12-07T18:00:00+05:00"),
        "sessions[0].start: '2026-12-07T18:00:00+05:00' is not a local time in Europe/Berlin",
        id="wrong-offset",
    ),
    pytest.param(
        _set("sessions", 0, "start", value="2026-03-29T02:30:00+01:00"),
        "sessions[0].start: '2026-03-29T02:30:00+01:00' is not a local time in Europe/Berlin",
        id="skipped-hour",
    ),
    pytest.param(
        _set("sessions", 0, "start", value="2026-12-07 18:00:00+01:00"),
        "sessions[0].start: expected an ISO 8601 date-time like 2026-12-07T18:00:00+01:00",
        id="datetime-format",
    ),
    pytest.param(
        _set("sessions", 0, "start", value="2026-02-30T18:00:00+01:00"),
        "sessions[0].start: expected an ISO 8601 date-time",
        id="datetime-invalid",
    ),
    pytest.param(
        _set("sessions", 0, "uid", value="u" * 201),
        "sessions[0].uid: uid must be at most 200 characters, got 201",
        id="long-uid",
    ),
    pytest.param(
        _set("sessions", 0, 7, value=1),
        "sessions[0].7: unknown key; allowed keys: start, duration",
        id="non-string-key",
    ),
    pytest.param(
        _set("note", value="n" * 2001),
        "note: note must be at most 2000 characters, got 2001",
        id="domain-plan",
    ),
    pytest.param(
        _set("weeks", value=0),
        "weeks: weeks must be 1..52, got 0",
        id="weeks-zero",
    ),
]


class TestFromDictErrors:
    @pytest.mark.parametrize(("mutate", "message"), BAD_DATA)
    def test_bad_data(self, plan, mutate, message):
        """Bad or foreign data raises ExportError whose message starts with the field's path."""
        data = to_dict(plan)
        mutate(data)

        with pytest.raises(lp.ExportError) as info:
            from_dict(data)

        assert str(info.value).startswith(message)

    @pytest.mark.parametrize(
        ("tz", "start"),
        [
            ("Europe/Berlin", "0001-01-01T00:00:00+01:00"),
            ("Europe/Berlin", "0001-01-01T00:00:00+00:53:28"),
            ("Europe/Berlin", "9999-12-31T23:59:59-01:00"),
            ("America/New_York", "9999-12-31T23:00:00-05:00"),
        ],
    )
    def test_start_beyond_the_calendar(self, tz, start):
        """A zoned start outside years 1..9999 in UTC or the zone is an invalid_value there."""
        plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), tz=tz)
        data = to_dict(plan)
        data["sessions"][0]["start"] = start

        with pytest.raises(lp.PlanProblemsError) as info:
            from_dict(data)

        message = f"must fall within years 1..9999 both in UTC and in {tz}, got {start!r}"
        expected = [lp.Problem("sessions[0].start", message, "invalid_value")]
        assert expected == list(info.value.problems)

    def test_path_comes_from_the_field_not_the_message(self, plan, monkeypatch):
        """An error without a field is placed at its object, even if its text starts with a key."""

        def fail(_self: lp.Plan) -> None:
            raise lp.PlanError("days must not repeat a weekday, got ['MO', 'MO']")

        monkeypatch.setattr(lp.Plan, "__attrs_post_init__", fail)

        assert [("$", "invalid_value")] == problems_of(to_dict(plan))

    def test_floating_with_offset(self, floating_plan):
        """A floating plan rejects a start with a UTC offset."""
        data = to_dict(floating_plan)
        data["sessions"][0]["start"] = "2026-12-07T16:55:00+01:00"

        with pytest.raises(lp.ExportError, match=r"^sessions\[0\]\.start: must be a local time"):
            from_dict(data)

    def test_floating_bad_datetime(self, floating_plan):
        """A floating plan's example date-time has no offset."""
        data = to_dict(floating_plan)
        data["sessions"][0]["start"] = "soon"

        with pytest.raises(lp.ExportError) as info:
            from_dict(data)

        assert str(info.value) == (
            "sessions[0].start: expected an ISO 8601 date-time like 2026-12-07T18:00:00, "
            "got string 'soon'"
        )

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ([], "$: expected an object, got array []"),
            ("plan", "$: expected an object, got string 'plan'"),
            ({1, 2}, "$: expected an object, got set {1, 2}"),
        ],
    )
    def test_not_an_object(self, data, message):
        """A root that is not a mapping is rejected at ``$``."""
        with pytest.raises(lp.ExportError) as info:
            from_dict(data)

        assert message == str(info.value)

    def test_long_values_shortened(self, plan):
        """Long bad values are cut short in the message."""
        data = to_dict(plan)
        data["weeks"] = "w" * 100

        with pytest.raises(lp.ExportError) as info:
            from_dict(data)

        assert f"weeks: expected an integer, got string '{'w' * 60}…'" == str(info.value)

    def test_error_hierarchy(self, plan):
        """ExportError is a LegraisePlanError and a ValueError, and chains the domain error."""
        data = to_dict(plan)
        data["sessions"][3]["blocks"][0]["sets"] = 0

        with pytest.raises(ValueError, match="sets must be") as info:
            from_dict(data)

        assert isinstance(info.value, lp.LegraisePlanError)
        assert isinstance(info.value.__cause__, lp.PrescriptionError)

    def test_input_not_mutated(self, plan):
        """from_dict does not change its input."""
        data = to_dict(plan)
        expected = copy.deepcopy(data)

        from_dict(data)

        assert expected == data


class TestPlanWideChecks:
    def test_duplicate_uids(self, plan):
        """Two sessions with one uid are refused, naming the second."""
        data = to_dict(plan)
        data["sessions"][1]["uid"] = data["sessions"][0]["uid"]

        with pytest.raises(
            lp.ExportError, match=r"^sessions\[1\]\.uid: uid must be unique, got '.*' twice$"
        ):
            from_dict(data)


def problems_of(data: Any) -> list[tuple[str, str]]:
    """The (path, code) of every problem from_dict finds in ``data``."""
    with pytest.raises(lp.PlanProblemsError) as info:
        from_dict(data)
    return [(p.path, p.code) for p in info.value.problems]


SINGLE_PROBLEMS = [
    pytest.param(_delete("sessions", 2, "kind"), ("sessions[2].kind", "missing_key"), id="missing"),
    pytest.param(_set("athlete", "x", value=1), ("athlete.x", "unknown_key"), id="unknown"),
    pytest.param(_set("weeks", value="6"), ("weeks", "wrong_type"), id="wrong-type"),
    pytest.param(_set("role", value=["accessory"]), ("role", "wrong_type"), id="enum-type"),
    pytest.param(_set("role", value="cardio"), ("role", "invalid_value"), id="enum-value"),
    pytest.param(_set("start", value="2026-13-07"), ("start", "invalid_value"), id="bad-date"),
    pytest.param(_set(*BLOCK, "sets", value=0), ("sessions[3].blocks[0].sets", "invalid_value")),
    pytest.param(
        _set("schema_version", value=4), ("schema_version", "unsupported_version"), id="version"
    ),
    pytest.param(
        _set("sessions", 3, "start", value="2026-12-07T18:00:00+01:00"),
        ("sessions[3].start", "out_of_order"),
        id="order",
    ),
    pytest.param(
        _set("sessions", 0, "start", value="2026-12-07T18:00:00+05:00"),
        ("sessions[0].start", "zone_mismatch"),
        id="zone",
    ),
    pytest.param(
        lambda data: data["sessions"][4].update(uid=data["sessions"][3]["uid"]),
        ("sessions[4].uid", "duplicate_uid"),
        id="uid",
    ),
    pytest.param(
        _set("sessions", 2, "role", value="warm_up"),
        ("sessions[2].role", "invalid_value"),
        id="session-role",
    ),
]


class TestProblems:
    def test_several_at_once(self, plan):
        """Problems in siblings, in one object and in later sessions are all reported, in order."""
        data = to_dict(plan)
        data["athlete"]["level"] = "guru"
        data["note"] = "n" * 2001
        data["sessions"][0]["week"] = "1"
        block = data["sessions"][2]["blocks"][0]
        block.update(sets=0, reps=0, rest="PT11M")
        data["sessions"][5]["uid"] = data["sessions"][4]["uid"]
        del data["sessions"][6]["kind"]
        data["sessions"][7]["extra"] = 1

        expected = [
            ("athlete.level", "invalid_value"),
            ("note", "invalid_value"),
            ("sessions[0].week", "wrong_type"),
            ("sessions[2].blocks[0].sets", "invalid_value"),
            ("sessions[2].blocks[0].reps", "invalid_value"),
            ("sessions[2].blocks[0].rest", "invalid_value"),
            ("sessions[5].uid", "duplicate_uid"),
            ("sessions[6].kind", "missing_key"),
            ("sessions[7].extra", "unknown_key"),
        ]
        assert expected == problems_of(data)

    def test_message_lines(self, plan):
        """The message is one ``path: message`` line per problem, the first problem first."""
        data = to_dict(plan)
        data["weeks"] = 0
        data["sessions"][1]["blocks"][0]["tempo"]["hold"] = 99

        with pytest.raises(lp.ExportError) as info:
            from_dict(data)

        assert [
            "weeks: weeks must be 1..52, got 0",
            "sessions[1].blocks[0].tempo.hold: hold must be 0..60, got 99",
        ] == str(info.value).split("\n")

    @pytest.mark.parametrize(("mutate", "expected"), SINGLE_PROBLEMS)
    def test_codes(self, plan, mutate, expected):
        """Each kind of problem carries its code."""
        data = to_dict(plan)
        mutate(data)

        assert [expected] == problems_of(data)

    def test_single_problem(self, plan):
        """One problem still raises PlanProblemsError, with a one-line message."""
        data = to_dict(plan)
        data["weeks"] = 0

        with pytest.raises(lp.PlanProblemsError) as info:
            from_dict(data)

        assert "weeks: weeks must be 1..52, got 0" == str(info.value)
        assert 1 == len(info.value.problems)

    def test_version_stops_loading(self, plan):
        """An unsupported schema version is the only problem reported."""
        data = to_dict(plan)
        data["schema_version"] = 4
        data["weeks"] = "six"
        del data["athlete"]

        assert [("schema_version", "unsupported_version")] == problems_of(data)

    def test_bad_container_hides_its_items(self, plan):
        """What a bad value hides is not checked, but its siblings are."""
        data = to_dict(plan)
        data["athlete"] = ["novice"]
        data["sessions"][1]["blocks"] = {"sets": 0}
        data["sessions"][2]["week"] = 0

        expected = [
            ("athlete", "wrong_type"),
            ("sessions[1].blocks", "wrong_type"),
            ("sessions[2].week", "invalid_value"),
        ]
        assert expected == problems_of(data)

    def test_bad_tz_skips_zone_checks(self, plan):
        """With a bad tz, starts are parsed but not checked against a zone."""
        data = to_dict(plan)
        data["tz"] = "Mars/Olympus_Mons"
        data["sessions"][1]["start"] = "2026-12-09T18:00:00"
        data["sessions"][2]["start"] = "noon"

        expected = [("tz", "invalid_value"), ("sessions[2].start", "invalid_value")]
        assert expected == problems_of(data)

    def test_whole_object_checks_wait(self, plan):
        """A band load without a colour is only reported once the load's keys all read."""
        data = to_dict(plan)
        load = data["sessions"][3]["blocks"][0]["load"]
        load["equipment"] = "band"
        other = data["sessions"][4]["blocks"][0]["load"]
        other["equipment"] = "band"
        other["looped"] = "no"

        expected = [
            ("sessions[3].blocks[0].load.band", "invalid_value"),
            ("sessions[4].blocks[0].load.looped", "wrong_type"),
        ]
        assert expected == problems_of(data)

    def test_sibling_checks_need_their_siblings(self, plan):
        """A variation mismatch needs a good variation; other checks in the block still run."""
        data = to_dict(plan)
        block = data["sessions"][0]["blocks"][0]
        block.update(variation="moon-walk", sets=11)

        expected = [
            ("sessions[0].blocks[0].variation", "invalid_value"),
            ("sessions[0].blocks[0].sets", "invalid_value"),
        ]
        assert expected == problems_of(data)

    def test_cause_is_first_domain_error(self, plan):
        """The error chains the first domain error among its problems."""
        data = to_dict(plan)
        data["weeks"] = "six"
        data["sessions"][0]["blocks"][0]["reps"] = 0

        with pytest.raises(lp.PlanProblemsError) as info:
            from_dict(data)

        assert "reps" == info.value.__cause__.field

    @given(st.data())
    def test_corrupted_leaves_property(self, data):
        """Corrupting k leaves with wrong JSON types reports exactly those k, in document order."""
        base, leaves = _base_leaves()
        chosen = sorted(data.draw(st.sets(st.integers(0, len(leaves) - 1), min_size=1, max_size=6)))
        corrupt = copy.deepcopy(base)
        for index in chosen:
            _set(*leaves[index], value=data.draw(st.sampled_from([[], 1.5])))(corrupt)

        expected = [(_path_text(leaves[index]), "wrong_type") for index in chosen]
        assert expected == problems_of(corrupt)

    @given(st.sets(st.integers(0, 17), min_size=1), st.sampled_from([0, 11, -1]))
    def test_bad_sets_property(self, sessions, sets):
        """Out-of-range sets in any k sessions give exactly those k problems, in order."""
        base, _ = _base_leaves()
        corrupt = copy.deepcopy(base)
        for i in sessions:
            corrupt["sessions"][i]["blocks"][0]["sets"] = sets

        expected = [(f"sessions[{i}].blocks[0].sets", "invalid_value") for i in sorted(sessions)]
        assert expected == problems_of(corrupt)


@functools.cache
def _base_leaves() -> tuple[dict[str, Any], list[tuple[str | int, ...]]]:
    """The 18-session default plan as a dict, and the paths of its scalar leaves in order."""
    base = to_dict(lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7)))
    leaves: list[tuple[str | int, ...]] = []

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(item, (dict, list)):
                walk(item, (*path, key))
            elif path or key != "schema_version":
                leaves.append((*path, key))

    walk(base, ())
    return base, leaves


def _path_text(path: tuple[str | int, ...]) -> str:
    """``("sessions", 3, "week")`` as ``sessions[3].week``."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else key
    return text


class TestCommandLine:
    def test_several_problems_one_line(self, plan, tmp_path, capsys):
        """show on a file with several problems prints them on one stderr line, status 2."""
        data = to_dict(plan)
        data["sessions"][0]["week"] = "1"
        data["sessions"][2]["blocks"][0]["sets"] = 0
        data["sessions"][3]["uid"] = data["sessions"][2]["uid"]
        source = tmp_path / "bad.json"
        source.write_text(json.dumps(data))

        status = main(["show", str(source)])
        captured = capsys.readouterr()

        assert (2, "") == (status, captured.out)
        assert (
            f"legraise-plan: error: {str(source)!r}: 3 problems: "
            "sessions[0].week: expected an integer, got string '1'; "
            "sessions[2].blocks[0].sets: sets must be 1..10, got 0; "
            f"sessions[3].uid: uid must be unique, got {data['sessions'][3]['uid']!r} twice\n"
        ) == captured.err

    def test_many_problems_shortened(self, plan, tmp_path, capsys):
        """Beyond five problems the line counts the rest instead of listing them."""
        data = to_dict(plan)
        for session in data["sessions"]:
            session["week"] = 0
        source = tmp_path / "bad.json"
        source.write_text(json.dumps(data))

        status = main(["show", str(source)])
        err = capsys.readouterr().err

        assert 2 == status
        assert 1 == err.count("\n")
        assert err.startswith(
            f"legraise-plan: error: {str(source)!r}: 18 problems: sessions[0].week: "
        )
        assert err.endswith("; sessions[4].week: week must be 1..52, got 0; and 13 more\n")


# --------------------------------------------------------------------------- schema version 2

V1_FILE = Path(__file__).with_name("plan_v1.json")
SESSION_V2_KEYS = ("status", "sequence", "log")


def done_log(session: lp.Session, **changes: Any) -> lp.SessionLog:
    """A log of ``session`` done as three sets of 10 (fields as keywords)."""
    kwargs: dict[str, Any] = {
        "uid": session.uid,
        "date": session.start.date(),
        "sets": [lp.SetLog(left=10, right=10)] * 3,
    }
    return lp.SessionLog(**(kwargs | changes))


def adapted(plan: lp.Plan) -> lp.Plan:
    """``plan`` with non-default options and sessions done, skipped and cancelled."""
    first, second, third, *rest = plan.sessions
    done = done_log(
        first,
        sets=[lp.SetLog(left=12, right=11, load="band red", rir=2), lp.SetLog.both(10)],
        pain_during=2,
        morning_pain=3,
        baseline_pain=1,
        form_kept=False,
        notes="tired\nbut fine",
    )
    skipped = lp.SessionLog(uid=second.uid, date=second.start.date(), skipped="ill")
    sessions = (
        attrs.evolve(first, status=lp.SessionStatus.DONE, log=done, sequence=1),
        attrs.evolve(second, status=lp.SessionStatus.SKIPPED, log=skipped, sequence=2),
        attrs.evolve(
            third, status=lp.SessionStatus.CANCELLED, notes=("cancelled: adapted",), sequence=3
        ),
        *rest,
    )
    rules = attrs.evolve(lp.ProgressionRules.two_for_two(), max_step_pct=7.5)
    options = lp.PlanOptions(
        rules=rules,
        deload_every=4,
        after=dt.timedelta(minutes=30),
        allow_close_sessions=True,
        skip=(dt.date(2026, 12, 25), dt.date(2026, 12, 23)),
        reschedule=True,
        start_state=lp.ProgressionState(rung=2, sets=3, reps=12, last_pain=2, bridged=True),
        start_reason="continued from the last block",
        phase_offset=5,
    )
    return attrs.evolve(plan, sessions=sessions, options=options)


@pytest.fixture(name="rich")
def fixture_rich(plan: lp.Plan) -> lp.Plan:
    """The reference plan with options, statuses, logs and sequences."""
    return adapted(plan)


def as_v2(data: dict[str, Any]) -> dict[str, Any]:
    """A version-3 dict of a plan rewritten as version 2: blocks without change and detail."""
    old = copy.deepcopy(data)
    old["schema_version"] = 2
    for session in old["sessions"]:
        for block in session["blocks"]:
            del block["change"], block["detail"]
    return old


def as_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A version-3 dict of a plan with defaults only, rewritten as version 1."""
    old = as_v2(data)
    old["schema_version"] = 1
    del old["options"]
    for session in old["sessions"]:
        for key in SESSION_V2_KEYS:
            del session[key]
    return old


def as_read_from_v2(plan: lp.Plan) -> lp.Plan:
    """``plan`` as a version-2 file of it reads back: blocks without change and detail."""
    return attrs.evolve(
        plan,
        sessions=tuple(
            attrs.evolve(s, blocks=tuple(attrs.evolve(b, change=None, detail="") for b in s.blocks))
            for s in plan.sessions
        ),
    )


@st.composite
def progression_rules(draw: st.DrawFn) -> lp.ProgressionRules:
    """Any valid ProgressionRules."""
    sets = sorted(draw(st.lists(st.integers(1, 10), min_size=3, max_size=3)))
    pain_continue = draw(st.integers(0, 3))
    return lp.ProgressionRules(
        rep_range=draw(s.rep_ranges()),
        heavy_rep_range=draw(st.none() | s.rep_ranges()),
        rep_step=draw(st.integers(1, 10)),
        trigger=draw(st.sampled_from(lp.Trigger)),
        sessions_to_step=draw(st.integers(1, 10)),
        extra_reps=draw(st.integers(1, 10)),
        max_step_pct=draw(
            st.floats(min_value=0, max_value=100, exclude_min=True) | st.integers(1, 100)
        ),
        regress_after_misses=draw(st.integers(1, 10)),
        pain_continue_max=pain_continue,
        pain_hold_max=draw(st.integers(pain_continue, 5)),
        rehab=draw(st.booleans()),
        bridge=draw(st.booleans()),
        pain_free_before_load=draw(st.integers(0, 20)),
        min_sets=sets[0],
        base_sets=sets[1],
        max_sets=sets[2],
        min_rir=draw(st.integers(0, 10)),
        max_extra_hold=draw(st.integers(0, 2)),
    )


def progression_states() -> st.SearchStrategy[lp.ProgressionState]:
    """Any valid ProgressionState."""
    streak = st.integers(0, 1000)
    return st.builds(
        lp.ProgressionState,
        rung=st.integers(0, 200),
        sets=st.integers(1, 10),
        reps=st.integers(1, 50),
        extra_hold=st.integers(0, 10),
        bridged=st.booleans(),
        top_streak=streak,
        miss_streak=streak,
        pain_free_streak=streak,
        recovering=st.integers(0, 10),
        high_pain_streak=streak,
        hold_zone_streak=streak,
        last_pain=st.none() | st.integers(0, 10),
        pain_rises=streak,
        stopped=st.booleans(),
    )


def plan_options() -> st.SearchStrategy[lp.PlanOptions]:
    """Any valid PlanOptions, with any ``after`` from 0 to 6 hours."""
    return st.builds(
        lp.PlanOptions,
        rules=st.none() | progression_rules(),
        deload_every=st.integers(3, 12),
        after=st.none() | st.timedeltas(dt.timedelta(0), dt.timedelta(hours=6)),
        allow_close_sessions=st.booleans(),
        skip=st.lists(st.dates(), max_size=4).map(tuple),
        reschedule=st.booleans(),
        start_state=st.none() | progression_states(),
        start_reason=st.text(max_size=30),
        phase_offset=st.integers(0, 52),
    )


def set_logs() -> st.SearchStrategy[lp.SetLog]:
    """Any valid SetLog."""
    return st.builds(
        lp.SetLog,
        left=st.integers(0, 50),
        right=st.integers(0, 50),
        load=st.none() | st.text(max_size=80),
        rir=st.none() | st.integers(0, 10),
    )


@st.composite
def session_logs(draw: st.DrawFn, uid: str | None = None, *, skipped: bool | None = None) -> Any:
    """Any valid SessionLog (of ``uid`` when given; done or skipped as asked)."""
    is_skipped = draw(st.booleans()) if skipped is None else skipped
    return lp.SessionLog(
        uid=uid
        if uid is not None
        else draw(st.text(ONE_LINE, min_size=1, max_size=20).filter(str.strip)),
        date=draw(st.dates()),
        sets=() if is_skipped else draw(st.lists(set_logs(), min_size=1, max_size=10)),
        pain_during=draw(st.integers(0, 10)),
        morning_pain=draw(st.none() | st.integers(0, 10)),
        baseline_pain=draw(st.integers(0, 10)),
        form_kept=draw(st.booleans()),
        notes=draw(st.text(max_size=40)),
        skipped=draw(st.text(max_size=20)) if is_skipped else None,
    )


@st.composite
def with_statuses(draw: st.DrawFn, plan: lp.Plan) -> lp.Plan:
    """``plan`` with each session given a drawn status, log and sequence."""
    sessions = []
    for session in plan.sessions:
        status = draw(st.sampled_from(lp.SessionStatus))
        log = None
        if status is lp.SessionStatus.DONE:
            log = draw(session_logs(session.uid, skipped=False))
        elif status is lp.SessionStatus.SKIPPED:
            log = draw(st.none() | session_logs(session.uid, skipped=True))
        sequence = draw(st.integers(0, 10_000))
        sessions.append(attrs.evolve(session, status=status, log=log, sequence=sequence))
    return attrs.evolve(plan, sessions=sessions)


class TestVersion2Output:
    def test_session_defaults(self, plan):
        """A planned session has status planned, sequence 0 and no log, after its notes."""
        session = to_dict(plan)["sessions"][0]

        assert list(session)[-4:] == ["notes", "status", "sequence", "log"]
        assert ("planned", 0, None) == (session["status"], session["sequence"], session["log"])

    def test_default_options(self, plan):
        """A plan built with the defaults writes the default options before its sessions."""
        data = to_dict(plan)

        assert list(data)[-2:] == ["options", "sessions"]
        assert {
            "rules": None,
            "deload_every": 6,
            "after": None,
            "allow_close_sessions": False,
            "skip": [],
            "reschedule": False,
            "start_state": None,
            "start_reason": "",
            "phase_offset": 0,
        } == data["options"]

    def test_options(self, rich):
        """Options are written with every rules and state field, in ISO text and enum values."""
        options = to_dict(rich)["options"]
        rules = options["rules"]

        assert set(rules) == {f.name for f in attrs.fields(lp.ProgressionRules)}
        assert set(options["start_state"]) == {f.name for f in attrs.fields(lp.ProgressionState)}
        assert set(options) == {f.name for f in attrs.fields(lp.PlanOptions)}
        assert (rules["rep_range"], rules["heavy_rep_range"]) == (
            {"low": 10, "high": 15},
            {"low": 8, "high": 12},
        )
        assert ("two_for_two", 7.5) == (rules["trigger"], rules["max_step_pct"])
        assert ("PT30M", ["2026-12-25", "2026-12-23"]) == (options["after"], options["skip"])
        assert (2, True, 2) == tuple(
            options["start_state"][k] for k in ("rung", "bridged", "last_pain")
        )
        assert ("continued from the last block", 5) == (
            options["start_reason"],
            options["phase_offset"],
        )

    def test_statuses_and_logs(self, rich):
        """Done, skipped and cancelled sessions carry their status, sequence and log."""
        first, second, third = to_dict(rich)["sessions"][:3]

        assert [("done", 1), ("skipped", 2), ("cancelled", 3)] == [
            (x["status"], x["sequence"]) for x in (first, second, third)
        ]
        assert {
            "uid": rich.sessions[0].uid,
            "date": "2026-12-07",
            "sets": [
                {"left": 12, "right": 11, "load": "band red", "rir": 2},
                {"left": 10, "right": 10, "load": None, "rir": None},
            ],
            "pain_during": 2,
            "morning_pain": 3,
            "baseline_pain": 1,
            "form_kept": False,
            "notes": "tired\nbut fine",
            "skipped": None,
        } == first["log"]
        assert ([], "ill") == (second["log"]["sets"], second["log"]["skipped"])
        assert third["log"] is None

    def test_whole_number_step_pct_is_a_float(self, plan):
        """max_step_pct is always written as a JSON number with a fraction."""
        rules = attrs.evolve(lp.ProgressionRules(), max_step_pct=10)
        data = to_dict(attrs.evolve(plan, options=lp.PlanOptions(rules=rules)))

        assert "10.0" in json.dumps(data["options"]["rules"]["max_step_pct"])

    @pytest.mark.parametrize(
        ("after", "text"),
        [
            (dt.timedelta(0), "PT0S"),
            (dt.timedelta(hours=6), "PT6H"),
            (dt.timedelta(minutes=45, microseconds=500_000), "PT45M0.5S"),
        ],
    )
    def test_after(self, plan, after, text):
        """after is an ISO duration and loads back."""
        changed = attrs.evolve(plan, options=lp.PlanOptions(after=after))
        data = to_dict(changed)

        assert text == data["options"]["after"]
        assert changed == from_dict(data)


class TestVersion2RoundTrip:
    def test_rich_plan(self, rich):
        """Options, statuses, logs and sequences survive JSON unchanged."""
        assert rich == from_dict(json.loads(json.dumps(to_dict(rich))))

    def test_rich_plan_is_plain_json(self, rich):
        """The new keys hold plain JSON types only."""
        data = to_dict(rich)

        assert_json_types(data)
        json.dumps(data, allow_nan=False)

    def test_step_pct_comes_back_as_float(self, plan):
        """A whole-number max_step_pct in JSON loads as a float equal to it."""
        data = to_dict(attrs.evolve(plan, options=lp.PlanOptions(rules=lp.ProgressionRules())))
        data["options"]["rules"]["max_step_pct"] = 10

        rules = from_dict(data).options.rules

        assert rules is not None
        assert (float, 10.0) == (type(rules.max_step_pct), rules.max_step_pct)

    @given(s.plans().flatmap(with_statuses), plan_options())
    def test_round_trip_property(self, plan, options):
        """Any plan with any options, statuses, logs and sequences survives JSON."""
        changed = attrs.evolve(plan, options=options)
        data = to_dict(changed)

        assert_json_types(data)
        assert changed == from_dict(json.loads(json.dumps(data)))
        assert data == to_dict(from_dict(data))


class TestVersion1:
    def test_saved_file_loads(self):
        """A file saved by the version-1 code loads with the defaults for the new keys."""
        data = json.loads(V1_FILE.read_text(encoding="utf-8"))
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS},
            name="Dana",
            ankle_weight_max=lp.Mass("2.5"),
        )
        built = lp.build_plan(
            athlete,
            weeks=2,
            start=dt.date(2026, 12, 21),
            tz="Europe/Berlin",
            skip=[dt.date(2026, 12, 25)],
            reschedule=True,
            note="after squats",
            plan_id="user-42",
        )

        loaded = from_dict(data)

        assert 1 == data["schema_version"]
        # Version 1 files hold the engine's trace as the reason.
        old = attrs.evolve(
            built,
            options=lp.PlanOptions(),
            sessions=tuple(
                attrs.evolve(
                    s,
                    blocks=tuple(
                        attrs.evolve(b, reason=b.detail, change=None, detail="") for b in s.blocks
                    ),
                )
                for s in built.sessions
            ),
        )
        assert old == loaded
        assert all(
            (s.status, s.sequence, s.log) == (lp.SessionStatus.PLANNED, 0, None)
            for s in loaded.sessions
        )

    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_fixtures_as_v1(self, request, name):
        """Each fixture written as version 1 loads as the same plan."""
        plan = request.getfixturevalue(name)

        assert as_read_from_v2(plan) == from_dict(as_v1(to_dict(plan)))

    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_fixtures_as_v2(self, request, name):
        """Each fixture written as version 2 loads with no change and no detail."""
        plan = request.getfixturevalue(name)

        loaded = from_dict(as_v2(to_dict(plan)))

        assert as_read_from_v2(plan) == loaded
        assert {(None, "")} == {(b.change, b.detail) for s in loaded.sessions for b in s.blocks}

    def test_saved_again_as_v3(self):
        """A version-1 plan loaded and saved again is written as version 3."""
        data = to_dict(from_dict(json.loads(V1_FILE.read_text(encoding="utf-8"))))

        first = data["sessions"][0]
        assert (3, "planned") == (data["schema_version"], first["status"])
        assert (None, "") == (first["blocks"][0]["change"], first["blocks"][0]["detail"])

    def test_version_3_needs_change_and_detail(self, plan):
        """A version-3 block without the new keys reports each missing key."""
        data = to_dict(plan)
        del data["sessions"][0]["blocks"][0]["change"], data["sessions"][0]["blocks"][0]["detail"]

        expected = [
            ("sessions[0].blocks[0].change", "missing_key"),
            ("sessions[0].blocks[0].detail", "missing_key"),
        ]
        assert expected == problems_of(data)

    def test_version_2_may_not_have_change(self, plan):
        """A version-2 block may not hold the version-3 keys."""
        data = as_v2(to_dict(plan))
        data["sessions"][1]["blocks"][0]["change"] = "hold"

        assert [("sessions[1].blocks[0].change", "unknown_key")] == problems_of(data)

    def test_change_must_be_a_change(self, plan):
        """A block's change is null or one of the Change values."""
        data = to_dict(plan)
        data["sessions"][0]["blocks"][0]["change"] = "faster"

        with pytest.raises(lp.PlanProblemsError) as info:
            from_dict(data)

        assert str(info.value).startswith(
            "sessions[0].blocks[0].change: must be one of start, more_reps, bridge, step_up"
        )

    @pytest.mark.parametrize(
        ("mutate", "expected"),
        [
            pytest.param(
                _set("options", value={}), [("options", "unknown_key")], id="plan-options"
            ),
            pytest.param(
                _set("sessions", 2, "status", value="planned"),
                [("sessions[2].status", "unknown_key")],
                id="session-status",
            ),
            pytest.param(
                lambda d: d["sessions"][0].update(sequence=0, log=None),
                [("sessions[0].log", "unknown_key"), ("sessions[0].sequence", "unknown_key")],
                id="session-sequence-and-log",
            ),
            pytest.param(
                _delete("sessions", 1, "kind"),
                [("sessions[1].kind", "missing_key")],
                id="v1-key-still-required",
            ),
        ],
    )
    def test_keys_are_the_version_1_keys(self, plan, mutate, expected):
        """A version-1 plan may not hold version-2 keys, and still needs its own."""
        data = as_v1(to_dict(plan))
        mutate(data)

        assert expected == problems_of(data)

    def test_unknown_key_lists_version_1_keys(self, plan):
        """The message of an unknown key lists the keys of version 1."""
        data = as_v1(to_dict(plan))
        data["sessions"][0]["status"] = "planned"

        with pytest.raises(lp.PlanProblemsError) as info:
            from_dict(data)

        assert str(info.value) == (
            "sessions[0].status: unknown key; allowed keys: start, duration, week, role, kind, "
            "uid, blocks, notes"
        )

    def test_version_2_needs_the_new_keys(self, plan):
        """A version-2 plan without the new keys reports each missing key."""
        data = as_v1(to_dict(plan))
        data["schema_version"] = 2
        data["sessions"] = data["sessions"][:1]

        expected = [
            ("options", "missing_key"),
            ("sessions[0].status", "missing_key"),
            ("sessions[0].sequence", "missing_key"),
            ("sessions[0].log", "missing_key"),
        ]
        assert expected == problems_of(data)


def _rich_dict() -> dict[str, Any]:
    """The reference plan, adapted, as a dict."""
    athlete = lp.Athlete(equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS})
    plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7), tz="Europe/Berlin")
    return to_dict(adapted(plan))


RULES = ("options", "rules")
STATE = ("options", "start_state")
LOG = ("sessions", 0, "log")
NEW_KEY_PROBLEMS = [
    pytest.param(
        _set("sessions", 4, "status", value="finished"),
        "sessions[4].status: must be one of planned, done, skipped, cancelled, "
        "got string 'finished'",
        id="status-value",
    ),
    pytest.param(
        _set("sessions", 4, "status", value=None),
        "sessions[4].status: must be one of planned, done, skipped, cancelled, got null None",
        id="status-null",
    ),
    pytest.param(
        _set("sessions", 4, "sequence", value=-1),
        "sessions[4].sequence: sequence must be 0..10000, got -1",
        id="sequence-negative",
    ),
    pytest.param(
        _set("sessions", 4, "sequence", value=10_001),
        "sessions[4].sequence: sequence must be 0..10000, got 10001",
        id="sequence-too-big",
    ),
    pytest.param(
        _set("sessions", 4, "sequence", value="1"),
        "sessions[4].sequence: expected an integer, got string '1'",
        id="sequence-type",
    ),
    pytest.param(
        _set("sessions", 4, "status", value="done"),
        "sessions[4].log: log must record the sets done for a done session, got none",
        id="done-without-log",
    ),
    pytest.param(
        _set("sessions", 0, "status", value="planned"),
        "sessions[0].log: log must be None for a planned session",
        id="planned-with-log",
    ),
    pytest.param(
        _set(*LOG, "uid", value="another"),
        "sessions[0].log: log.uid must be the session's uid",
        id="log-uid-mismatch",
    ),
    pytest.param(
        _set(*LOG, "uid", value=""),
        "sessions[0].log.uid: uid must name a planned session, got an empty string",
        id="log-uid-empty",
    ),
    pytest.param(
        _set(*LOG, "date", value="2026-12-32"),
        "sessions[0].log.date: expected an ISO 8601 date like 2026-12-07, got string '2026-12-32'",
        id="log-date",
    ),
    pytest.param(
        _set(*LOG, "sets", 1, "left", value=51),
        "sessions[0].log.sets[1].left: left must be 0..50, got 51",
        id="set-left",
    ),
    pytest.param(
        _set(*LOG, "sets", 0, "rir", value=11),
        "sessions[0].log.sets[0].rir: rir must be 0..10, got 11",
        id="set-rir",
    ),
    pytest.param(
        _set(*LOG, "sets", 0, "load", value=3),
        "sessions[0].log.sets[0].load: expected a string, got integer 3",
        id="set-load-type",
    ),
    pytest.param(
        _set(*LOG, "sets", value=[]),
        "sessions[0].log.sets: sets must hold at least one SetLog",
        id="done-log-without-sets",
    ),
    pytest.param(
        _set(*LOG, "morning_pain", value=11),
        "sessions[0].log.morning_pain: morning_pain must be 0..10, got 11",
        id="log-morning-pain",
    ),
    pytest.param(
        _set(*LOG, "form_kept", value=1),
        "sessions[0].log.form_kept: expected true or false, got integer 1",
        id="log-form-kept",
    ),
    pytest.param(
        _set(*LOG, "extra", value=1),
        "sessions[0].log.extra: unknown key; allowed keys: uid, date, sets, pain_during",
        id="log-unknown-key",
    ),
    pytest.param(
        _set(
            "sessions", 1, "log", "sets", value=[{"left": 1, "right": 1, "load": None, "rir": None}]
        ),
        "sessions[1].log.sets: sets must be empty for a skipped session",
        id="skipped-with-sets",
    ),
    pytest.param(
        _set("options", value=None),
        "options: expected an object, got null None",
        id="options-null",
    ),
    pytest.param(
        _set("options", "deload_every", value=2),
        "options.deload_every: deload_every must be 3..12, got 2",
        id="deload-every",
    ),
    pytest.param(
        _set("options", "phase_offset", value=53),
        "options.phase_offset: phase_offset must be 0..52, got 53",
        id="phase-offset",
    ),
    pytest.param(
        _set("options", "after", value="30 min"),
        "options.after: expected an ISO 8601 duration like PT15M or PT1M30S, got string '30 min'",
        id="after-text",
    ),
    pytest.param(
        _set("options", "after", value="-PT5M"),
        "options.after: expected an ISO 8601 duration",
        id="after-negative",
    ),
    pytest.param(
        _set("options", "after", value="PT7H"),
        "options.after: after must be a timedelta from 0 to 6 hours or None",
        id="after-above-6-hours",
    ),
    pytest.param(
        _set("options", "after", value="PT99999999999H"),
        "options.after: expected an ISO 8601 duration",
        id="after-beyond-timedelta",
    ),
    pytest.param(
        _set("options", "skip", 1, value="25.12.2026"),
        "options.skip[1]: expected an ISO 8601 date like 2026-12-07, got string '25.12.2026'",
        id="skip-date",
    ),
    pytest.param(
        _set("options", "reschedule", value="yes"),
        "options.reschedule: expected true or false, got string 'yes'",
        id="reschedule",
    ),
    pytest.param(
        _set("options", "start_reason", value="r" * 2001),
        "options.start_reason: start_reason must be at most 2000 characters, got 2001",
        id="start-reason",
    ),
    pytest.param(
        _set(*RULES, value=[]),
        "options.rules: expected an object, got array []",
        id="rules-array",
    ),
    pytest.param(
        _set(*RULES, "rep_range", "low", value=0),
        "options.rules.rep_range.low: low must be 1..50, got 0",
        id="rep-range-low",
    ),
    pytest.param(
        _set(*RULES, "rep_range", value={"low": 16, "high": 15}),
        "options.rules.rep_range.low: rep range low must be at most high, got 16-15",
        id="rep-range-order",
    ),
    pytest.param(
        _set(*RULES, "heavy_rep_range", value="8-12"),
        "options.rules.heavy_rep_range: expected an object, got string '8-12'",
        id="heavy-range-text",
    ),
    pytest.param(
        _set(*RULES, "trigger", value="always"),
        "options.rules.trigger: must be one of all_sets_at_top, two_for_two, got string 'always'",
        id="trigger",
    ),
    pytest.param(
        _set(*RULES, "max_step_pct", value=0),
        "options.rules.max_step_pct: max_step_pct must be a number in (0, 100], got 0.0",
        id="step-pct-zero",
    ),
    pytest.param(
        _set(*RULES, "max_step_pct", value=10**400),
        "options.rules.max_step_pct: max_step_pct must be a number in (0, 100]",
        id="step-pct-huge-int",
    ),
    pytest.param(
        _set(*RULES, "max_step_pct", value=True),
        "options.rules.max_step_pct: expected a number, got boolean True",
        id="step-pct-bool",
    ),
    pytest.param(
        _set(*RULES, "max_step_pct", value="10"),
        "options.rules.max_step_pct: expected a number, got string '10'",
        id="step-pct-text",
    ),
    pytest.param(
        _set(*RULES, "pain_hold_max", value=6),
        "options.rules.pain_hold_max: pain_hold_max must be 0..5 (above 5/10 the set stops)",
        id="pain-loosened",
    ),
    pytest.param(
        _set(*RULES, "min_sets", value=4),
        "options.rules: min_sets must be at most base_sets (3), got 4",
        id="rules-whole-object",
    ),
    pytest.param(
        _delete(*RULES, "bridge"),
        "options.rules.bridge: missing",
        id="rules-missing-key",
    ),
    pytest.param(
        _set(*STATE, "last_pain", value=11),
        "options.start_state.last_pain: last_pain must be 0..10, got 11",
        id="state-last-pain",
    ),
    pytest.param(
        _set(*STATE, "rung", value=None),
        "options.start_state.rung: expected an integer, got null None",
        id="state-rung-null",
    ),
    pytest.param(
        _set(*STATE, "stopped", value="no"),
        "options.start_state.stopped: expected true or false, got string 'no'",
        id="state-stopped",
    ),
]


class TestVersion2Problems:
    @pytest.mark.parametrize(("mutate", "message"), NEW_KEY_PROBLEMS)
    def test_bad_new_key(self, mutate, message):
        """A bad value under a new key is reported once, at its path, in the domain's words."""
        data = _rich_dict()
        mutate(data)

        with pytest.raises(lp.PlanProblemsError) as info:
            from_dict(data)

        assert str(info.value).startswith(message)
        assert 1 == len(info.value.problems)

    def test_several_new_keys_at_once(self):
        """Problems in options, a log and a status are all reported, in document order."""
        data = _rich_dict()
        data["options"]["rules"]["rep_step"] = 0
        data["options"]["start_state"]["sets"] = "3"
        data["sessions"][0]["log"]["sets"][0]["right"] = -1
        data["sessions"][2]["status"] = 3
        data["sessions"][5]["sequence"] = 1.5

        expected = [
            ("options.rules.rep_step", "invalid_value"),
            ("options.start_state.sets", "wrong_type"),
            ("sessions[0].log.sets[0].right", "invalid_value"),
            ("sessions[2].status", "wrong_type"),
            ("sessions[5].sequence", "wrong_type"),
        ]
        assert expected == problems_of(data)

    def test_domain_errors_are_chained(self):
        """The error chains the domain error of the first problem (LogError, ProgressionError)."""
        data = _rich_dict()
        data["sessions"][0]["log"]["pain_during"] = 11

        with pytest.raises(lp.PlanProblemsError) as info:
            from_dict(data)

        assert isinstance(info.value.__cause__, lp.LogError)
        data = _rich_dict()
        data["options"]["rules"]["max_sets"] = 11

        with pytest.raises(lp.PlanProblemsError) as info:
            from_dict(data)

        assert isinstance(info.value.__cause__, lp.ProgressionError)
