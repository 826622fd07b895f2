"""Tests for legraise_plan.formats.fit: to_fit, read back with the FIT SDK and fitdecode."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs
import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Profile, Stream
from hypothesis import HealthCheck, given, settings

import legraise_plan as lp
from legraise_plan.formats import fit
from tests.strategies import plans


START = dt.date(2026, 12, 7)

# workout_step field numbers (the same in every FIT profile)
NAME, DURATION_TYPE, DURATION_VALUE, INTENSITY = 0, 1, 2, 7
CATEGORY, EXERCISE, WEIGHT = 10, 11, 12


@attrs.frozen
class Step:
    """What a workout step says, in the units the tests compare."""

    reps: int | None
    rest_ms: int | None
    category: str | None
    exercise: int | None
    weight_centi_kg: int | None


def expected(session: lp.Session) -> list[Step]:
    """The steps ``to_fit`` should write for ``session``, from the session itself."""
    steps = []
    for number, block in enumerate(session.blocks):
        mapped = fit.exercise_of(block.variation.id)
        category, exercise = (mapped[0], mapped[3]) if mapped else (None, None)
        mass = block.load.mass
        weight = None
        if mass is not None:
            kg = mass.kilograms * 100
            cents = Decimal(kg.numerator) / Decimal(kg.denominator)
            weight = int(cents.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        rest_ms = int(block.rest.total_seconds() * 1000)
        for n in range(block.sets):
            steps.append(Step(block.reps, None, category, exercise, weight))
            last = number == len(session.blocks) - 1 and n == block.sets - 1
            if rest_ms and not last:
                steps.append(Step(None, rest_ms, None, None, None))
    return steps


def read_sdk(data: bytes) -> tuple[dict[str, Any], dict[str, Any], list[Step]]:
    """``file_id``, ``workout`` and the steps as Garmin's own decoder reads them."""
    checker = Decoder(Stream.from_byte_array(bytearray(data)))
    assert checker.is_fit()
    assert checker.check_integrity()  # reads the stream through: decode with a fresh one
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    steps = []
    for i, raw in enumerate(messages["workout_step_mesgs"]):
        assert raw["message_index"] == i
        assert raw["target_type"] == "open"
        if raw["duration_type"] == "reps":
            assert raw["intensity"] == "active"
            weight = raw.get("exercise_weight")
            steps.append(
                Step(
                    raw["duration_value"],
                    None,
                    raw.get("exercise_category"),
                    raw.get("exercise_name"),
                    None if weight is None else round(weight * 100),
                )
            )
        else:
            assert (raw["duration_type"], raw["intensity"]) == ("time", "rest")
            assert raw["duration_time"] * 1000 == raw["duration_value"]
            steps.append(Step(None, raw["duration_value"], None, None, None))
    [file_id] = messages["file_id_mesgs"]
    [workout] = messages["workout_mesgs"]
    return file_id, workout, steps


def read_fitdecode(data: bytes) -> tuple[dict[str, Any], list[Step]]:
    """The workout and the steps as fitdecode reads them (raw field values by number)."""
    categories = Profile["types"]["exercise_category"]
    workout: dict[str, Any] = {}
    steps = []
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if not isinstance(frame, fitdecode.FitDataMessage):
                continue
            if frame.name == "workout":
                workout = {f.name: f.value for f in frame.fields}
            if frame.name != "workout_step":
                continue
            raw = {f.def_num: f.raw_value for f in frame.fields}
            if frame.get_value(DURATION_TYPE) == "reps":
                steps.append(
                    Step(
                        raw[DURATION_VALUE],
                        None,
                        categories.get(raw[CATEGORY]) if CATEGORY in raw else None,
                        raw.get(EXERCISE),
                        raw.get(WEIGHT),
                    )
                )
            else:
                assert frame.get_value(DURATION_TYPE) == "time"
                assert frame.get_value(INTENSITY) == "rest"
                steps.append(Step(None, raw[DURATION_VALUE], None, None, None))
    return workout, steps


def check_session(session: lp.Session) -> None:
    """``to_fit(session)`` reads back the same, step by step, with both readers."""
    data = fit.to_fit(session)
    want = expected(session)
    file_id, workout, sdk_steps = read_sdk(data)
    assert (file_id["type"], file_id["manufacturer"]) == ("workout", "development")
    assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
    assert workout["num_valid_steps"] == len(want)
    assert sdk_steps == want
    other, fd_steps = read_fitdecode(data)
    assert fd_steps == want
    assert other["wkt_name"] == workout["wkt_name"]


def with_block(session: lp.Session, **changes: Any) -> lp.Session:
    """``session`` with its first block's prescription changed (and the others dropped)."""
    block = session.blocks[0]
    rx = attrs.evolve(block.prescription, **changes)
    return attrs.evolve(session, blocks=(attrs.evolve(block, prescription=rx),))


def with_cable(session: lp.Session, stack: lp.Mass) -> lp.Session:
    """``session`` with one hand-made cable block of ``stack``."""
    rx = lp.Prescription(
        variation=lp.CATALOG["cable-standing-hip-extension"],
        load=lp.Load.cable(stack),
        sets=3,
        reps=10,
        tempo=lp.Tempo(2, 1, 2),
        rest=dt.timedelta(seconds=90),
    )
    return attrs.evolve(session, blocks=(lp.Block(prescription=rx, reason="hand-made"),))


@pytest.fixture(name="loaded")
def fixture_loaded() -> lp.Plan:
    """An advanced athlete with ankle weights and a cable, in pounds: weighted steps."""
    athlete = lp.Athlete(
        equipment={lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE},
        level=lp.Level.ADVANCED,
        units=lp.Unit.LB,
    )
    return lp.build_plan(athlete, start=START, weeks=14, tz="Europe/Berlin")


class TestToFit:
    def test_reference_plan_reads_back(self, plan: lp.Plan) -> None:
        for session in plan.sessions:
            check_session(session)

    def test_weights_read_back(self, loaded: lp.Plan) -> None:
        weighted = [s for s in loaded.sessions if any(b.load.mass for b in s.blocks)]
        assert weighted
        for session in weighted:
            check_session(session)
        _, _, steps = read_sdk(fit.to_fit(weighted[-1]))
        assert any(step.weight_centi_kg for step in steps)

    def test_first_session_in_detail(self, plan: lp.Plan) -> None:
        session = plan.sessions[0]
        block = session.blocks[0]
        file_id, workout, _ = read_sdk(fit.to_fit(session))
        assert workout["wkt_name"] == f"Leg raises accessory {session.start.date().isoformat()}"
        assert file_id["time_created"] == session.start.astimezone(dt.UTC)
        decoder = Decoder(Stream.from_byte_array(bytearray(fit.to_fit(session))))
        first = decoder.read()[0]["workout_step_mesgs"][0]
        assert first["wkt_step_name"] == f"{block.variation.name} 1/{block.sets}"
        assert first["notes"].startswith(f"{block.reps} reps")
        assert str(block.tempo) in first["notes"]

    def test_pounds_and_display_unit(self, loaded: lp.Plan) -> None:
        session = with_block(loaded.sessions[0], load=lp.Load.ankle(lp.Mass(5, lp.Unit.LB)))
        data = fit.to_fit(session)
        step = Decoder(Stream.from_byte_array(bytearray(data))).read()[0]["workout_step_mesgs"][0]
        assert step["weight_display_unit"] == "pound"
        assert round(step["exercise_weight"] * 100) == 227  # 2.26796185 kg
        check_session(session)

    def test_deterministic_and_named(self, plan: lp.Plan) -> None:
        session = plan.sessions[3]
        assert fit.to_fit(session) == fit.to_fit(session)
        _, workout, _ = read_sdk(fit.to_fit(session, name="Hips · Montag"))
        assert workout["wkt_name"] == "Hips · Montag"

    def test_zero_rest_has_no_rest_steps(self, plan: lp.Plan) -> None:
        session = with_block(plan.sessions[0], rest=dt.timedelta(0))
        _, _, steps = read_sdk(fit.to_fit(session))
        assert all(step.rest_ms is None for step in steps)
        check_session(session)

    def test_top_level_export(self, plan: lp.Plan) -> None:
        assert lp.to_fit(plan.sessions[0]) == fit.to_fit(plan.sessions[0])


class TestMapping:
    def test_every_catalog_variation_maps_into_the_profile(self) -> None:
        assert set(fit.EXERCISES) == set(lp.CATALOG)
        for variation_id in lp.CATALOG:
            found = fit.exercise_of(variation_id)
            assert found is not None
            category, category_number, exercise, exercise_number = found
            assert Profile["types"]["exercise_category"][category_number] == category
            assert Profile["types"][f"{category}_exercise_name"][exercise_number] == exercise

    def test_weighted_names_for_loaded_variations(self) -> None:
        for variation in lp.CATALOG.values():
            loaded = variation.equipment in {lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE}
            assert fit.EXERCISES[variation.id][1].startswith("weighted_") == loaded

    def test_unknown_variation_has_no_exercise(self) -> None:
        assert fit.exercise_of("not-a-variation") is None


class TestValidation:
    def test_absurd_weight_raises(self, loaded: lp.Plan) -> None:
        session = with_cable(loaded.sessions[0], lp.Mass(1000))
        with pytest.raises(lp.ExportError, match=r"blocks\[0\]\.load must weigh 0\.01\.\.655\.34"):
            fit.to_fit(session)

    def test_largest_weight_fits(self, loaded: lp.Plan) -> None:
        session = with_cable(loaded.sessions[0], lp.Mass("655.34"))
        check_session(session)

    def test_weight_that_rounds_past_the_field_raises(self, loaded: lp.Plan) -> None:
        session = with_cable(loaded.sessions[0], lp.Mass("655.345"))
        with pytest.raises(lp.ExportError, match="must weigh"):
            fit.to_fit(session)

    def test_weight_that_rounds_to_nothing_raises(self, loaded: lp.Plan) -> None:
        session = with_block(loaded.sessions[0], load=lp.Load.ankle(lp.Mass("0.004")))
        with pytest.raises(lp.ExportError, match="must weigh"):
            fit.to_fit(session)

    def test_start_outside_fit_time_raises(self, plan: lp.Plan) -> None:
        session = plan.sessions[0]
        early = attrs.evolve(session, start=session.start.replace(year=1990))
        with pytest.raises(lp.ExportError, match="session start"):
            fit.to_fit(early)

    @pytest.mark.parametrize("name", ["", "   ", "x" * 255, "é" * 128, "a\x00b", 3])
    def test_bad_names_raise(self, plan: lp.Plan, name: Any) -> None:
        with pytest.raises(lp.ExportError, match="name must"):
            fit.to_fit(plan.sessions[0], name=name)

    def test_not_a_session_raises(self, plan: lp.Plan) -> None:
        with pytest.raises(lp.ExportError, match="session must be"):
            fit.to_fit(plan)  # type: ignore[arg-type]

    def test_missing_sdk_says_how_to_install(
        self, plan: lp.Plan, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "garmin_fit_sdk", None)
        with pytest.raises(lp.ExportError, match=r"pip install 'legraise-plan\[fit\]'"):
            fit.to_fit(plan.sessions[0])

    def test_import_stays_light(self) -> None:
        code = "import sys, legraise_plan; print('garmin_fit_sdk' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "False"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_every_session_reads_back(plan: lp.Plan) -> None:
    """Every session of any plan encodes, and both readers see exactly its steps."""
    for session in plan.sessions:
        check_session(session)
