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
        "duration must be a timedelta above 0 and at most 24 hours, got datetime.timedelta(0)",
        id="positive-duration",
    ),
]


START = dt.date(2026, 12, 7)
E = lp.Equipment
BANDS = ", ".join(lp.BandColour)

# Checks made outside the shared validators (post-init checks, custom validators, plan
# building): each names its field, so callers such as the JSON loader need not parse text.
DOMAIN_CHECKS: list[Any] = [
    pytest.param(
        lambda: lp.Load(equipment=E.BAND),
        "band",
        f"band must be one of {BANDS} for a band load, got None",
        id="load-band-missing",
    ),
    pytest.param(
        lambda: lp.Load(equipment=E.BODYWEIGHT, band="red"),
        "band",
        "band must be None for bodyweight loads, got <BandColour.RED: 'red'>",
        id="load-band-extra",
    ),
    pytest.param(
        lambda: lp.Load(equipment=E.BAND, band="red", looped="yes"),
        "looped",
        "looped must be True or False, got 'yes'",
        id="load-looped-type",
    ),
    pytest.param(
        lambda: lp.Load(equipment=E.BODYWEIGHT, looped=True),
        "looped",
        "looped must be False for bodyweight loads, got True",
        id="load-looped-not-band",
    ),
    pytest.param(
        lambda: lp.Load(equipment=E.CABLE),
        "mass",
        "mass must be a Mass above 0 for cable loads, got None",
        id="load-mass-missing",
    ),
    pytest.param(
        lambda: lp.Load(equipment=E.BAND, band="red", mass=lp.Mass(1)),
        "mass",
        "mass must be None for band loads, got Mass(amount=Decimal('1'), unit=<Unit.KG: 'kg'>)",
        id="load-mass-extra",
    ),
    pytest.param(
        lambda: lp.Load(equipment=E.BAND, band="red", pulley_ratio=2),
        "pulley_ratio",
        "pulley_ratio must be 1 for band loads, got 2",
        id="load-pulley-ratio",
    ),
    pytest.param(
        lambda: lp.Mass("heavy"),
        "amount",
        "amount must be a finite number, got 'heavy'",
        id="mass-amount-type",
    ),
    pytest.param(
        lambda: lp.Mass(-1), "amount", "amount must be 0 or more, got -1", id="mass-negative"
    ),
    pytest.param(
        lambda: lp.Mass("1e9"),
        "amount",
        "amount must be 0 or between 1e-12 and 1e6, got 1E+9",
        id="mass-size",
    ),
    pytest.param(
        lambda: lp.Mass(5000, "lb"),
        "amount",
        "amount must be at most 1000 kg, got 5000 lb",
        id="mass-at-most",
    ),
    pytest.param(
        lambda: lp.Mass(1, "g"), "unit", "unit must be one of kg, lb, got 'g'", id="mass-unit"
    ),
    pytest.param(
        lambda: lp.Mass(1).to("g"), "unit", "unit must be one of kg, lb, got 'g'", id="mass-to"
    ),
    pytest.param(
        lambda: lp.Mass(1).round_to(0),
        "increment",
        "increment must be a positive number between 1e-30 and 1e6, got 0",
        id="mass-round-to",
    ),
    pytest.param(
        lambda: lp.Athlete(cable_increment=lp.Mass(0)),
        "cable_increment",
        "cable_increment must be a Mass above 0 or None, "
        "got Mass(amount=Decimal('0'), unit=<Unit.KG: 'kg'>)",
        id="athlete-optional-mass",
    ),
    pytest.param(
        lambda: lp.Athlete(ankle_weight_max=lp.Mass(11)),
        "ankle_weight_max",
        "ankle_weight_max must be at most 10 kg (22 lb) per ankle, got 11 kg",
        id="athlete-ankle-max",
    ),
    pytest.param(
        lambda: lp.Athlete(surgical_approach=lp.SurgicalApproach.ANTERIOR),
        "surgical_approach",
        "surgical_approach must be None unless conditions include recent_hip_surgery, "
        "got 'anterior'",
        id="athlete-approach",
    ),
    pytest.param(
        lambda: attrs.evolve(_block().prescription, load=None),
        "load",
        "load must be a Load, got None",
        id="prescription-load-type",
    ),
    pytest.param(
        lambda: attrs.evolve(_block().prescription, load=lp.Load.band_of(lp.BandColour.RED)),
        "load",
        "load must use bodyweight for standing-hip-extension, got band",
        id="prescription-load-equipment",
    ),
    pytest.param(
        lambda: lp.RepRange(5, 3), "low", "rep range low must be at most high, got 5-3", id="rep"
    ),
    pytest.param(
        lambda: lp.RepRange.parse("x"),
        "rep_range",
        "rep range must look like 10-15 or 12, got 'x'",
        id="rep-range-parse",
    ),
    pytest.param(
        lambda: lp.Tempo.parse("x"),
        "tempo",
        "tempo must be lift-hold-lower seconds like 2-1-2, got 'x'",
        id="tempo-parse",
    ),
    pytest.param(
        lambda: attrs.evolve(_plan(), days=[lp.Weekday.MO, lp.Weekday.MO]),
        "days",
        "days must not repeat a weekday, got ['MO', 'MO']",
        id="plan-days",
    ),
    pytest.param(
        lambda: attrs.evolve(_plan(), sessions=[attrs.evolve(_plan().sessions[0], week=2)]),
        "sessions",
        "sessions[0].week must be 1..1, got 2",
        id="plan-session-week",
    ),
    pytest.param(
        lambda: attrs.evolve(
            _plan(), sessions=[attrs.evolve(_plan().sessions[0], role=lp.Role.REHAB)]
        ),
        "sessions",
        "sessions[0].role must be the plan's role accessory, got rehab",
        id="plan-session-role",
    ),
    pytest.param(
        lambda: lp.build_plan(None, start=START),
        "athlete",
        "athlete must be an Athlete, got None",
        id="build-athlete",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), role="cardio", start=START),
        "role",
        "role must be one of warm_up, accessory, full_body, rehab, got 'cardio'",
        id="build-role",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start=START, weeks=0),
        "weeks",
        "weeks must be a whole number 1..52, got 0",
        id="build-weeks",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start="2026-12-07"),
        "start",
        "start must be a datetime.date, got '2026-12-07'",
        id="build-start",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start=START, at="18:00"),
        "at",
        "at must be a datetime.time without tzinfo (give the zone as tz=), got '18:00'",
        id="build-at",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), role="warm_up", start=START, at=dt.time(0, 1)),
        "at",
        "at 00:01 puts the warm-up before the main session on another day "
        "(2026-12-06 23:56); choose a time that keeps the session on its day",
        id="build-at-other-day",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start=START, after=dt.timedelta(hours=7)),
        "after",
        "after must be a timedelta from 0 to 6 hours or None, "
        "got datetime.timedelta(seconds=25200)",
        id="build-after",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), role="rehab", start=START, after=dt.timedelta(0)),
        "after",
        "after only applies to the accessory role, got role rehab",
        id="build-after-role",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start=START, note=3),
        "note",
        "note must be text of at most 2000 characters, got 3",
        id="build-note",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start=START, rules="fast"),
        "rules",
        "rules must be ProgressionRules or None, got 'fast'",
        id="build-rules",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start=START, deload_every="4"),
        "deload_every",
        "deload_every must be 3..12 weeks, got '4'",
        id="build-deload-every",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start=START, days=list(lp.Weekday)),
        "days",
        "days must be at most 3 a week for novice accessory work "
        "(coaching rule 5 in docs/coaching.md), got 7",
        id="build-days-cap",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start=START, skip=3),
        "skip",
        "skip must be an iterable of datetime.date values, got 3",
        id="build-skip-type",
    ),
    pytest.param(
        lambda: lp.build_plan(lp.Athlete(), start=START, skip=["2026-12-07"]),
        "skip",
        "skip must hold datetime.date values, got '2026-12-07'",
        id="build-skip-items",
    ),
    pytest.param(
        lambda: lp.build_plan(
            lp.Athlete(),
            start=START,
            weeks=1,
            skip=[START + dt.timedelta(days=d) for d in range(7)],
        ),
        "skip",
        "skip must leave at least one session, got every planned session on a skipped date",
        id="build-skip-all",
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

    @pytest.mark.parametrize(("make", "field", "message"), DOMAIN_CHECKS)
    def test_domain_checks_name_the_field(
        self, make: Callable[[], object], field: str, message: str
    ):
        """A check outside the shared validators also carries its field, message unchanged."""
        with pytest.raises(lp.LegraisePlanError) as info:
            make()

        assert (field, message) == (info.value.field, str(info.value))

    def test_duplicate_uid_names_sessions(self):
        """A plan whose sessions repeat a uid names the sessions field."""
        session = _plan().sessions[0]

        with pytest.raises(lp.PlanError) as info:
            attrs.evolve(_plan(), sessions=[session, session])

        expected = ("sessions", f"sessions[1].uid must be unique, got {session.uid!r} twice")
        assert expected == (info.value.field, str(info.value))

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
