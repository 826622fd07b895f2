"""The progression engine: the equipment ladder and the rules that move along it.

The ladder is built for one athlete and role from the equipment they have, and its
rungs rise strictly in estimated resistance at the hip (``Rung.resistance_nm``)::

    standing bodyweight → standing + pause → standing bands (yellow → black)
    → prone bodyweight → prone + ankle weights (0.5 kg / 1 lb steps up to a cap)
    → cable (steps of at most 5 kg / 10 lb, first load at most 10 kg / 20 lb)
    → 45° hyperextension → glute-ham raise

Rungs for missing equipment are skipped; roles and conditions cap the top.  The pure
:func:`next_step` takes a state and a session's outcome and asks an ordered chain of
small rules (:data:`RULES`); the first that decides returns the next state with the
reason and its own name, e.g. ``top of range 2 sessions in a row → band red → band
green`` from ``step_up_one_rung``.  :func:`project` lays the progression out session
by session for planning.
"""

from legraise_plan.progression._chain import (
    PAIN_RULES,
    RULES,
    Facts,
    Rule,
    add_reps,
    beat_goal_by_extra,
    bridge_big_jump,
    count_pain_free,
    hold_below_target,
    hold_in_pain_zone,
    hold_on_low_rir,
    hold_until_baseline,
    hold_until_streak,
    load_allowed,
    refer_on_escalating_pain,
    regress_on_misses,
    restore_sets,
    stay_stopped,
    step_up_one_rung,
    stop_on_pain,
    top_of_ladder,
    track_pain,
    trim_after_morning_pain,
    wait_for_next_morning,
    wait_for_pain_free_load,
)
from legraise_plan.progression._engine import (
    DELOAD_RIR,
    Projected,
    deload_state,
    next_step,
    project,
    starting_state,
)
from legraise_plan.progression._ladder import (
    GATES,
    LADDER_BANDS,
    SOURCES,
    Ladder,
    Rung,
    build_ladder,
    cable_usable,
    stays_at_neutral,
)
from legraise_plan.progression._plain import count, dose_words, explain
from legraise_plan.progression._resistance import estimate_nm
from legraise_plan.progression._rules import ProgressionRules, Trigger
from legraise_plan.progression._state import (
    Change,
    ProgressionState,
    SessionOutcome,
    SetResult,
    Step,
    as_prescribed,
    expected_outcome,
)


__all__ = [
    "DELOAD_RIR",
    "GATES",
    "LADDER_BANDS",
    "PAIN_RULES",
    "RULES",
    "SOURCES",
    "Change",
    "Facts",
    "Ladder",
    "ProgressionRules",
    "ProgressionState",
    "Projected",
    "Rule",
    "Rung",
    "SessionOutcome",
    "SetResult",
    "Step",
    "Trigger",
    "add_reps",
    "as_prescribed",
    "beat_goal_by_extra",
    "bridge_big_jump",
    "build_ladder",
    "cable_usable",
    "count",
    "count_pain_free",
    "deload_state",
    "dose_words",
    "estimate_nm",
    "expected_outcome",
    "explain",
    "hold_below_target",
    "hold_in_pain_zone",
    "hold_on_low_rir",
    "hold_until_baseline",
    "hold_until_streak",
    "load_allowed",
    "next_step",
    "project",
    "refer_on_escalating_pain",
    "regress_on_misses",
    "restore_sets",
    "starting_state",
    "stay_stopped",
    "stays_at_neutral",
    "step_up_one_rung",
    "stop_on_pain",
    "top_of_ladder",
    "track_pain",
    "trim_after_morning_pain",
    "wait_for_next_morning",
    "wait_for_pain_free_load",
]
