"""The exception hierarchy: every error legraise_plan raises on purpose.

All errors derive from :class:`LegraisePlanError`, itself a :class:`ValueError`, so
callers can catch one type.  Messages say which value was wrong, what it was and what
is allowed, e.g. ``sets must be 1..10, got 0``.
"""

from __future__ import annotations


class LegraisePlanError(ValueError):
    """Base class of every error raised by legraise_plan."""


class UnitError(LegraisePlanError):
    """A mass or unit is invalid (negative, not finite, unknown unit)."""


class EquipmentError(LegraisePlanError):
    """A load does not fit its equipment (e.g. a band load without a colour)."""


class CatalogError(LegraisePlanError, LookupError):
    """An exercise variation is unknown or the catalog is inconsistent."""


class AthleteError(LegraisePlanError):
    """An athlete's profile is invalid."""


class PrescriptionError(LegraisePlanError):
    """A dose (sets, reps, tempo, rest, reps in reserve) is out of range."""


class ProgressionError(LegraisePlanError):
    """Progression rules, a state or a session outcome is invalid."""


class PlanError(LegraisePlanError):
    """A plan cannot be built from the arguments given."""


class ClearanceRequiredError(PlanError):
    """The plan needs a clinician's clearance that the athlete does not have."""


class ReferralRequiredError(PlanError):
    """No plan can be made: the athlete's answers call for urgent medical assessment."""


class ScheduleError(PlanError):
    """Dates, weekdays, times or time zones are invalid or cannot be scheduled."""


class ExportError(LegraisePlanError):
    """A plan cannot be exported, or exported data cannot be loaded."""
