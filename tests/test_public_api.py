"""Tests for the public surface: __all__, lazy exports, version, typing marker, errors."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import importlib.metadata
import importlib.resources
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import legraise_plan as lp
from legraise_plan import errors


ROOT = Path(__file__).parents[1]
ERROR_NAMES = {
    "AthleteError",
    "CatalogError",
    "ClearanceRequiredError",
    "EquipmentError",
    "ExportError",
    "LegraisePlanError",
    "LogError",
    "PlanError",
    "PlanProblemsError",
    "PrescriptionError",
    "ProgressionError",
    "PublishError",
    "ReferralRequiredError",
    "ScheduleError",
    "UnitError",
}
LAZY = [
    "merge_calendars",
    "read_host_sessions",
    "plan_around",
    "HostSession",
    "HostKind",
    "LOG_SCHEMA_VERSION",
    "Missed",
    "PlanDiff",
    "PublishResult",
    "SCHEMA_VERSION",
    "adapt",
    "append_log",
    "continue_plan",
    "diff",
    "log_as_planned",
    "log_from_dict",
    "log_to_dict",
    "publish",
    "read_log",
    "catalog_text",
    "catalog_to_list",
    "from_dict",
    "to_dict",
    "to_ics",
    "to_text",
    "write_ics",
    "to_html",
    "to_fit",
    "check",
    "json_schema",
    "BatchFailure",
    "BatchFormat",
    "BatchResult",
    "BatchSpec",
    "BatchSummary",
    "build_many",
    "parse_spec",
    "run_batch",
]
DESIGN_NAMES = {
    "Athlete",
    "Equipment",
    "Level",
    "Role",
    "LegraisePlanError",
    "build_plan",
    "from_dict",
    "to_dict",
    "to_ics",
    "to_text",
    "write_ics",
}


def isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 "isort-style" order: CONSTANTS, then Classes, then everything else."""
    if name.isupper():
        return (0, name)
    if name[0].isupper():
        return (1, name)
    return (2, name)


class TestAll:
    def test_sorted(self):
        """__all__ is sorted isort-style (RUF022): constants, classes, then functions."""
        assert sorted(lp.__all__, key=isort_key) == lp.__all__

    def test_no_duplicates(self):
        """Every public name is listed once."""
        assert len(set(lp.__all__)) == len(lp.__all__)

    def test_no_private_names(self):
        """Only __version__ may start with an underscore."""
        assert ["__version__"] == [n for n in lp.__all__ if n.startswith("_")]

    def test_design_contract_names(self):
        """The names of the documented public contract are all public."""
        assert set() == DESIGN_NAMES - set(lp.__all__)

    @pytest.mark.parametrize("name", lp.__all__)
    def test_every_name_resolves(self, name):
        """Every name in __all__ is an attribute of the package (lazy ones load on access)."""
        assert getattr(lp, name) is not None

    @pytest.mark.parametrize("name", LAZY)
    def test_lazy_names_are_listed(self, name):
        """Export functions loaded on first use are still part of __all__ and dir()."""
        assert name in lp.__all__
        assert name in dir(lp)

    def test_lazy_functions_are_functions_after_their_module_loads(self):
        """Importing a lazy name's module directly never hides the function behind it."""
        import legraise_plan.adaptation
        import legraise_plan.logfile

        assert lp.adapt is legraise_plan.adaptation.adapt
        assert callable(lp.adapt)
        assert callable(lp.read_log)

    def test_dir_lists_the_public_names(self):
        """dir(legraise_plan) shows the public names, sorted."""
        assert sorted(lp.__all__) == dir(lp)

    def test_unknown_attribute(self):
        """A missing name raises AttributeError that names it."""
        with pytest.raises(AttributeError, match="no_such_name"):
            _ = lp.no_such_name  # type: ignore[attr-defined]

    @pytest.mark.parametrize(
        "name", [n for n in lp.__all__ if n not in LAZY and not n.startswith("_")]
    )
    def test_public_objects_come_from_the_package(self, name):
        """Public classes and functions are defined in legraise_plan, not borrowed from others."""
        obj = getattr(lp, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__module__.startswith("legraise_plan.")


class TestPackaging:
    def test_version_matches_metadata(self):
        """__version__ is the installed distribution's version."""
        assert importlib.metadata.version("legraise-plan") == lp.__version__

    def test_py_typed_ships_in_the_package(self):
        """The PEP 561 marker is a file inside the package."""
        assert importlib.resources.files("legraise_plan").joinpath("py.typed").is_file()

    def test_import_is_light(self):
        """Importing legraise_plan loads no exporter, edge or CLI library."""
        heavy = ("icalendar", "cattrs", "argparse", "jinja2", "tqdm", "dask", "distributed")
        code = (
            "import json, sys\n"
            "import legraise_plan\n"
            f"print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))\n"
        )

        result = subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )

        assert [] == json.loads(result.stdout)

    def test_publish_loads_the_caldav_library_only_when_it_runs(self):
        """lp.publish resolves without importing caldav; the library loads on first publish."""
        code = (
            "import json, sys\n"
            "import legraise_plan as lp\n"
            "lp.publish, lp.PublishResult\n"
            "print(json.dumps(sorted(m for m in ('caldav', 'niquests', 'lxml')"
            " if m in sys.modules)))\n"
        )

        result = subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )

        assert [] == json.loads(result.stdout)

    def test_caldav_extra_is_declared(self):
        """pip install 'legraise-plan[caldav]' brings the caldav package; [test] brings it too."""
        requires = [r.replace("'", '"') for r in importlib.metadata.requires("legraise-plan") or []]

        assert any(r.startswith("caldav") and 'extra == "caldav"' in r for r in requires)
        assert any(r.startswith("radicale") and 'extra == "test"' in r for r in requires)


class TestPublishSurface:
    def test_publish_error_is_an_export_error(self):
        """A PublishError is caught by except ExportError, like every export failure."""
        assert issubclass(lp.PublishError, lp.ExportError)

    def test_publish_signature(self):
        """Everything after the URL is keyword-only, with the documented defaults."""
        parameters = inspect.signature(lp.publish).parameters

        assert ["plan", "url"] == [
            n for n, p in parameters.items() if p.kind is p.POSITIONAL_OR_KEYWORD
        ]
        assert {
            "calendar": None,
            "timeout": 30.0,
            "stamp": None,
            "insecure_http": False,
        } == {n: p.default for n, p in parameters.items() if p.default is not p.empty}
        assert {"username", "password"} == {
            n for n, p in parameters.items() if p.kind is p.KEYWORD_ONLY and p.default is p.empty
        }

    def test_publish_result_fields(self):
        """PublishResult holds uids per outcome and says what happened in one line."""
        result = lp.PublishResult(created=("a",), unchanged=("b", "c"), calendar="Legs")

        assert "calendar 'Legs': 1 created, 0 updated, 0 removed, 2 unchanged" == result.summary()
        assert lp.PublishResult.__module__ == "legraise_plan.caldav"


class TestErrors:
    def test_exported_errors(self):
        """The package exports exactly these error classes."""
        exported = {n for n in lp.__all__ if n.endswith("Error")}

        assert ERROR_NAMES == exported

    def test_every_error_in_errors_is_public(self):
        """Every exception class defined in errors.py is exported, so callers can catch it."""
        defined = {
            name
            for name, obj in vars(errors).items()
            if inspect.isclass(obj) and issubclass(obj, Exception)
        }

        assert ERROR_NAMES == defined

    @pytest.mark.parametrize("name", sorted(ERROR_NAMES))
    def test_errors_are_value_errors(self, name):
        """Every error is a LegraisePlanError and a ValueError."""
        error = getattr(lp, name)

        assert issubclass(error, lp.LegraisePlanError)
        assert issubclass(error, ValueError)

    def test_catalog_error_is_a_lookup_error(self):
        """CatalogError is also a LookupError, for unknown ids."""
        assert issubclass(lp.CatalogError, LookupError)

    @pytest.mark.parametrize(
        "name", ["ClearanceRequiredError", "ReferralRequiredError", "ScheduleError"]
    )
    def test_plan_errors(self, name):
        """Clearance, referral and scheduling problems are plan errors."""
        assert issubclass(getattr(lp, name), lp.PlanError)
