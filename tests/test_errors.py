"""Tests for legraise_plan.errors: the field on errors, Problem, PlanProblemsError, pickling."""

from __future__ import annotations

import datetime as dt
import inspect
import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan import errors


ERROR_CLASSES = sorted(
    (obj for obj in vars(errors).values() if inspect.isclass(obj) and issubclass(obj, Exception)),
    key=lambda kind: kind.__name__,
)
CODES = [
    "missing_key",
    "unknown_key",
    "wrong_type",
    "invalid_value",
    "unsupported_version",
    "out_of_order",
    "zone_mismatch",
    "duplicate_uid",
]
PROBLEM = lp.Problem("sessions[0].week", "week must be 1..52, got 0", "invalid_value")


def round_trip(value: Any) -> Any:
    """Pickle ``value`` and load it back, as a process pool does."""
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - bytes this test just made


def _plan() -> lp.Plan:
    """A small plan to change one field of."""
    return lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), weeks=1)


def _block() -> lp.Block:
    """The first block of the small plan."""
    return _plan().sessions[0].blocks[0]


BAD_VALUES: list[Any] = [
    pytest.param(
        lambda: lp.Tempo(lift=0, hold=1, lower=2),
        lp.PrescriptionError,
        "lift",
        "lift must be 1..10, got 0",
        id="int-range",
    ),
    pytest.param(
        lambda: lp.Tempo(lift=2, hold="1", lower=2),
        lp.PrescriptionError,
        "hold",
        "hold must be a whole number 0..60, got '1'",
        id="int-type",
    ),
    pytest.param(
        lambda: lp.Athlete(pulley_ratio=9),
        lp.AthleteError,
        "pulley_ratio",
        "pulley_ratio must be 1..4, got 9",
        id="athlete",
    ),
    pytest.param(
        lambda: lp.Load(equipment="treadmill"),
        lp.EquipmentError,
        "equipment",
        f"equipment must be one of {', '.join(lp.Equipment)}, got 'treadmill'",
        id="member-of",
    ),
    pytest.param(
        lambda: attrs.evolve(_plan(), note="n" * 2001),
        lp.PlanError,
        "note",
        "note must be at most 2000 characters, got 2001",
        id="text-length",
    ),
    pytest.param(
        lambda: attrs.evolve(_plan(), plan_id=7),
        lp.PlanError,
        "plan_id",
        "plan_id must be text, got 7",
        id="text-type",
    ),
    pytest.param(
        lambda: attrs.evolve(_plan(), notes=[1]),
        lp.PlanError,
        "notes",
        "notes items must be str, got 1",
        id="items-of",
    ),
    pytest.param(
        lambda: attrs.evolve(_plan(), start="2026-12-07"),
        lp.PlanError,
        "start",
        "start must be a date, got '2026-12-07'",
        id="instance-of",
    ),
    pytest.param(
        lambda: attrs.evolve(_block().prescription, rest=dt.timedelta(minutes=11)),
        lp.PrescriptionError,
        "rest",
        "rest must be between 0 s and 600 s, got 660 s",
        id="duration-range",
    ),
    pytest.param(
        lambda: attrs.evolve(_plan().sessions[0], duration=dt.timedelta(0)),
        lp.PlanError,
        "duration",
        "duration must be a timedelta above 0, got datetime.timedelta(0)",
        id="positive-duration",
    ),
]


class TestField:
    @pytest.mark.parametrize(("make", "kind", "field", "message"), BAD_VALUES)
    def test_validators_name_the_field(
        self, make: Callable[[], object], kind: type[Exception], field: str, message: str
    ):
        """A shared validator's error carries the attribute's name and its usual message."""
        with pytest.raises(kind) as info:
            make()

        assert (field, message) == (info.value.field, str(info.value))

    def test_default_is_none(self):
        """An error raised without a field has field None."""
        assert None is lp.PlanError("weeks must be 1..52, got 0").field

    def test_keyword_only(self):
        """The field is given by keyword and leaves the message alone."""
        error = lp.ScheduleError("tz must be an IANA zone name, got 'x'", field="tz")

        assert ("tz", ("tz must be an IANA zone name, got 'x'",)) == (error.field, error.args)


class TestProblem:
    def test_str(self):
        """A problem reads as ``path: message``."""
        assert "sessions[0].week: week must be 1..52, got 0" == str(PROBLEM)

    @pytest.mark.parametrize("code", CODES)
    def test_codes(self, code: str):
        """Each documented code is accepted."""
        assert code == lp.Problem("$", "expected an object, got array []", code).code

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"code": "oops"}, "code"),
            ({"code": None}, "code"),
            ({"path": ""}, "path"),
            ({"message": 3}, "message"),
        ],
    )
    def test_invalid(self, changes: dict[str, object], field: str):
        """A problem with an unknown code or empty text is refused, naming the field."""
        with pytest.raises(lp.ExportError, match=f"^{field} must be") as info:
            attrs.evolve(PROBLEM, **changes)

        assert field == info.value.field


class TestPlanProblemsError:
    def test_lines(self):
        """The message has one ``path: message`` line per problem, in order."""
        second = lp.Problem("weeks", "weeks must be 1..52, got 0", "invalid_value")

        error = lp.PlanProblemsError([PROBLEM, second])

        assert (PROBLEM, second) == error.problems
        assert f"{PROBLEM}\n{second}" == str(error)

    def test_is_an_export_error(self):
        """Callers catching ExportError (or ValueError) still catch it."""
        assert issubclass(lp.PlanProblemsError, lp.ExportError)
        assert issubclass(lp.PlanProblemsError, ValueError)

    @pytest.mark.parametrize("problems", [[], ["sessions: missing"]])
    def test_needs_problems(self, problems: list[Any]):
        """It holds at least one Problem and nothing else."""
        with pytest.raises(lp.ExportError, match=r"^problems must be a non-empty sequence"):
            lp.PlanProblemsError(problems)

    @given(
        st.lists(
            st.builds(
                lp.Problem,
                st.text(st.characters(exclude_characters="\n\r"), min_size=1),
                st.text(st.characters(exclude_characters="\n\r"), min_size=1),
                st.sampled_from(CODES),
            ),
            min_size=1,
        )
    )
    def test_one_line_each(self, problems: list[lp.Problem]):
        """Single-line problems give exactly one line each, the first problem first."""
        text = str(lp.PlanProblemsError(problems))

        assert [f"{p.path}: {p.message}" for p in problems] == text.split("\n")


class TestPickle:
    @pytest.mark.parametrize("kind", ERROR_CLASSES, ids=lambda kind: kind.__name__)
    def test_field_survives(self, kind: type[lp.LegraisePlanError]):
        """Every error class pickles with its type, message and field."""
        if kind is lp.PlanProblemsError:
            error: lp.LegraisePlanError = kind([PROBLEM])
        else:
            error = kind("sets must be 1..10, got 0", field="sets")

        back = round_trip(error)

        assert (kind, error.args, error.field) == (type(back), back.args, back.field)

    def test_problems_survive(self):
        """A PlanProblemsError pickles with its problems and its message."""
        error = lp.PlanProblemsError([PROBLEM, lp.Problem("tz", "expected null", "wrong_type")])

        back = round_trip(error)

        assert (error.problems, str(error)) == (back.problems, str(back))

    def test_notes_survive(self):
        """Notes added to an error travel with it."""
        error = lp.CatalogError("variation must be one of a, b, got 'c'", field="variation")
        error.add_note("while loading the catalog")

        back = round_trip(error)

        assert ["while loading the catalog"] == back.__notes__

    def test_raised_error(self):
        """An error raised by the library pickles with the field its validator set."""
        with pytest.raises(lp.PrescriptionError) as info:
            lp.Tempo(lift=2, hold=99, lower=2)

        back = round_trip(info.value)

        assert ("hold", "hold must be 0..60, got 99") == (back.field, str(back))
