"""Tests for legraise_plan.formats.json: to_dict, from_dict, SCHEMA_VERSION."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import zoneinfo
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.cli import main
from legraise_plan.formats.json import SCHEMA_VERSION, from_dict, to_dict
from tests import strategies as s


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
    def test_is_one(self):
        """The first schema version is 1 and is re-exported by the package."""
        assert SCHEMA_VERSION == 1
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
            "reason": plan.sessions[0].blocks[0].reason,
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
            (dt.timedelta(days=2), "PT48H"),
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

    def test_repeated_hour_keeps_fold(self, plan):
        """The second 02:30 of a fall-back night comes back as the second (fold=1)."""
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
        """A zoned start of 9999-12-31T23:59:59+01:00, still in range in UTC, loads."""
        data = to_dict(plan)
        data["sessions"][-1]["start"] = "9999-12-31T23:59:59+01:00"

        back = from_dict(data)

        assert dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=BERLIN) == back.sessions[-1].start
        assert data == to_dict(back)

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

    @given(st.timedeltas(min_value=dt.timedelta(microseconds=1), max_value=dt.timedelta(days=30)))
    def test_duration_property(self, duration):
        """Any positive duration (to the microsecond) round-trips."""
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
        _set("schema_version", value=2), "schema_version: must be 1, got 2", id="schema-2"
    ),
    pytest.param(
        _set("schema_version", value="1"), "schema_version: must be 1, got '1'", id="schema-str"
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
        _set("sessions", 3, "start", value="2026-12-01T18:00:00+01:00"),
        "sessions[3].start: sessions must be in time order, got 2026-12-01T18:00:00+01:00 after",
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

        assert f"weeks: expected an integer, got string '{'w' * 56}..." == str(info.value)

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
        _set("schema_version", value=2), ("schema_version", "unsupported_version"), id="version"
    ),
    pytest.param(
        _set("sessions", 3, "start", value="2026-12-01T18:00:00+01:00"),
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
        data["schema_version"] = 2
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
