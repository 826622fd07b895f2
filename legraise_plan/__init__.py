"""legraise_plan: plan backward leg raises (hip extensions) into real training weeks.

>>> import datetime as dt
>>> import legraise_plan as lp
>>> athlete = lp.Athlete(equipment={lp.Equipment.BAND}, level=lp.Level.NOVICE)
>>> plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7))
>>> len(plan.sessions)
18
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from legraise_plan import progression
from legraise_plan.athlete import Athlete, Condition, Level, SurgicalApproach
from legraise_plan.catalog import (
    CATALOG,
    Catalog,
    EndRange,
    Muscle,
    MuscleRole,
    MuscleWork,
    Position,
    Variation,
    get_variation,
)
from legraise_plan.equipment import BandColour, BandSetup, Equipment, Load
from legraise_plan.errors import (
    AthleteError,
    CatalogError,
    ClearanceRequiredError,
    EquipmentError,
    ExportError,
    LegraisePlanError,
    LogError,
    PlanError,
    PlanProblemsError,
    PrescriptionError,
    Problem,
    ProgressionError,
    PublishError,
    ReferralRequiredError,
    ScheduleError,
    UnitError,
)
from legraise_plan.log import SessionLog, SetLog, TrainingLog
from legraise_plan.periodization import DayKind, Periodization
from legraise_plan.plan import Block, Plan, PlanOptions, Session, SessionStatus, build_plan
from legraise_plan.prescription import Prescription, RepRange, Role, Tempo
from legraise_plan.progression import (
    Change,
    Ladder,
    ProgressionRules,
    ProgressionState,
    SessionOutcome,
    SetResult,
    Step,
    Trigger,
    build_ladder,
    next_step,
    starting_state,
)
from legraise_plan.schedule import Weekday, next_monday
from legraise_plan.units import Mass, Unit


if TYPE_CHECKING:
    from legraise_plan.adaptation import (
        Missed,
        PlanDiff,
        adapt,
        continue_plan,
        diff,
        log_as_planned,
    )
    from legraise_plan.around import plan_around
    from legraise_plan.batch import (
        BatchFailure,
        BatchFormat,
        BatchResult,
        BatchSpec,
        BatchSummary,
        build_many,
        parse_spec,
        run_batch,
    )
    from legraise_plan.caldav import PublishResult, publish
    from legraise_plan.checks import check
    from legraise_plan.formats.fit import to_fit
    from legraise_plan.formats.host_ics import merge_calendars, read_host_sessions
    from legraise_plan.formats.html import to_html
    from legraise_plan.formats.ical import to_ics, write_ics
    from legraise_plan.formats.json import (
        LOG_SCHEMA_VERSION,
        SCHEMA_VERSION,
        catalog_to_list,
        from_dict,
        log_from_dict,
        log_to_dict,
        to_dict,
    )
    from legraise_plan.formats.schema import json_schema
    from legraise_plan.formats.text import catalog_text, to_text
    from legraise_plan.host import HostKind, HostSession
    from legraise_plan.logfile import append_log, read_log

# A plain module, not importlib.metadata: reading package metadata costs ~40 ms at import.
from legraise_plan._version import __version__


# Export functions (and icalendar), adapting and log files load only when first used.
_LAZY = {
    "Missed": "legraise_plan.adaptation",
    "PlanDiff": "legraise_plan.adaptation",
    "adapt": "legraise_plan.adaptation",
    "continue_plan": "legraise_plan.adaptation",
    "diff": "legraise_plan.adaptation",
    "log_as_planned": "legraise_plan.adaptation",
    "LOG_SCHEMA_VERSION": "legraise_plan.formats.json",
    "SCHEMA_VERSION": "legraise_plan.formats.json",
    "catalog_text": "legraise_plan.formats.text",
    "catalog_to_list": "legraise_plan.formats.json",
    "from_dict": "legraise_plan.formats.json",
    "log_from_dict": "legraise_plan.formats.json",
    "log_to_dict": "legraise_plan.formats.json",
    "append_log": "legraise_plan.logfile",
    "PublishResult": "legraise_plan.caldav",
    "check": "legraise_plan.checks",
    "json_schema": "legraise_plan.formats.schema",
    "to_fit": "legraise_plan.formats.fit",
    "to_html": "legraise_plan.formats.html",
    "BatchFailure": "legraise_plan.batch",
    "BatchFormat": "legraise_plan.batch",
    "BatchResult": "legraise_plan.batch",
    "BatchSpec": "legraise_plan.batch",
    "BatchSummary": "legraise_plan.batch",
    "build_many": "legraise_plan.batch",
    "parse_spec": "legraise_plan.batch",
    "run_batch": "legraise_plan.batch",
    "HostKind": "legraise_plan.host",
    "HostSession": "legraise_plan.host",
    "plan_around": "legraise_plan.around",
    "read_host_sessions": "legraise_plan.formats.host_ics",
    "merge_calendars": "legraise_plan.formats.host_ics",
    "publish": "legraise_plan.caldav",
    "read_log": "legraise_plan.logfile",
    "to_dict": "legraise_plan.formats.json",
    "to_ics": "legraise_plan.formats.ical",
    "to_text": "legraise_plan.formats.text",
    "write_ics": "legraise_plan.formats.ical",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'legraise_plan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CATALOG",
    "LOG_SCHEMA_VERSION",
    "SCHEMA_VERSION",
    "Athlete",
    "AthleteError",
    "BandColour",
    "BandSetup",
    "BatchFailure",
    "BatchFormat",
    "BatchResult",
    "BatchSpec",
    "BatchSummary",
    "Block",
    "Catalog",
    "CatalogError",
    "Change",
    "ClearanceRequiredError",
    "Condition",
    "DayKind",
    "EndRange",
    "Equipment",
    "EquipmentError",
    "ExportError",
    "HostKind",
    "HostSession",
    "Ladder",
    "LegraisePlanError",
    "Level",
    "Load",
    "LogError",
    "Mass",
    "Missed",
    "Muscle",
    "MuscleRole",
    "MuscleWork",
    "Periodization",
    "Plan",
    "PlanDiff",
    "PlanError",
    "PlanOptions",
    "PlanProblemsError",
    "Position",
    "Prescription",
    "PrescriptionError",
    "Problem",
    "ProgressionError",
    "ProgressionRules",
    "ProgressionState",
    "PublishError",
    "PublishResult",
    "ReferralRequiredError",
    "RepRange",
    "Role",
    "ScheduleError",
    "Session",
    "SessionLog",
    "SessionOutcome",
    "SessionStatus",
    "SetLog",
    "SetResult",
    "Step",
    "SurgicalApproach",
    "Tempo",
    "TrainingLog",
    "Trigger",
    "Unit",
    "UnitError",
    "Variation",
    "Weekday",
    "__version__",
    "adapt",
    "append_log",
    "build_ladder",
    "build_many",
    "build_plan",
    "catalog_text",
    "catalog_to_list",
    "check",
    "continue_plan",
    "diff",
    "from_dict",
    "get_variation",
    "json_schema",
    "log_as_planned",
    "log_from_dict",
    "log_to_dict",
    "merge_calendars",
    "next_monday",
    "next_step",
    "parse_spec",
    "plan_around",
    "progression",
    "publish",
    "read_host_sessions",
    "read_log",
    "run_batch",
    "starting_state",
    "to_dict",
    "to_fit",
    "to_html",
    "to_ics",
    "to_text",
    "write_ics",
]
