"""Hypothesis strategies shared by the tests: units, loads, athletes, doses and plans.

Valid strategies build records through the public constructors; the ``invalid_*``
strategies draw ``(field, kwargs)`` pairs where exactly one field is wrong, so a test
can check that the error names that field.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

import legraise_plan as lp


#: Heaviest pound amount (to 3 decimals) still within the 1000 kg cap.
MAX_LB = Decimal("2204.622")

BAND = lp.CATALOG["standing-band-hip-extension"]


# --- units -------------------------------------------------------------------------------


def amounts(
    *, min_value: Decimal | str = "0", max_value: Decimal | str = "1000", places: int = 3
) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most ``places`` decimals in ``min_value..max_value``."""
    return st.decimals(
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def masses(
    unit: lp.Unit | None = None, *, positive: bool = False, places: int = 3
) -> st.SearchStrategy[lp.Mass]:
    """Valid masses in ``unit`` (or either unit), optionally above zero."""
    low = Decimal(1).scaleb(-places) if positive else Decimal(0)

    def in_unit(chosen: lp.Unit) -> st.SearchStrategy[lp.Mass]:
        high = Decimal(1000) if chosen is lp.Unit.KG else MAX_LB
        return st.builds(
            lp.Mass, amounts(min_value=low, max_value=high, places=places), st.just(chosen)
        )

    if unit is not None:
        return in_unit(unit)
    return st.sampled_from(lp.Unit).flatmap(in_unit)


def increments() -> st.SearchStrategy[Decimal]:
    """Positive rounding increments, from 0.001 to 50."""
    return amounts(min_value="0.001", max_value="50")


# --- equipment ---------------------------------------------------------------------------

band_colours = st.sampled_from(lp.BandColour)


def bodyweight_loads() -> st.SearchStrategy[lp.Load]:
    """Bodyweight loads (no external resistance)."""
    return st.just(lp.Load.bodyweight())


def band_loads(*, looped: bool | None = None) -> st.SearchStrategy[lp.Load]:
    """Band loads of any colour; flat, looped, or either when ``looped`` is None."""
    looping = st.booleans() if looped is None else st.just(looped)
    return st.builds(lambda c, loop: lp.Load.band_of(c, looped=loop), band_colours, looping)


def ankle_loads(places: int = 3) -> st.SearchStrategy[lp.Load]:
    """Ankle weights above zero, in either unit."""
    return st.builds(lp.Load.ankle, masses(positive=True, places=places))


def cable_loads(places: int = 1) -> st.SearchStrategy[lp.Load]:
    """Cable loads above zero with a pulley ratio of 1..4."""
    return st.builds(
        lambda m, r: lp.Load.cable(m, pulley_ratio=r),
        masses(positive=True, places=places),
        st.integers(1, 4),
    )


def loads() -> st.SearchStrategy[lp.Load]:
    """Any valid load on the progression ladder."""
    return st.one_of(bodyweight_loads(), band_loads(), ankle_loads(), cable_loads())


def loads_for(equipment: lp.Equipment) -> st.SearchStrategy[lp.Load]:
    """Valid loads that use ``equipment``."""
    if equipment is lp.Equipment.BAND:
        return band_loads()
    if equipment is lp.Equipment.ANKLE_WEIGHTS:
        return ankle_loads()
    if equipment is lp.Equipment.CABLE:
        return cable_loads()
    return st.just(lp.Load.bodyweight(equipment))


# --- catalog -----------------------------------------------------------------------------

variations = st.sampled_from(tuple(lp.CATALOG.values()))


# --- athlete -----------------------------------------------------------------------------

#: Every condition, the default pool :func:`athletes` draws from.
ALL_CONDITIONS = tuple(lp.Condition)

#: The heaviest ankle weight an athlete may own: 10 kg (22.046 lb, to 3 decimals).
ANKLE_WEIGHT_MAX = {lp.Unit.KG: Decimal(10), lp.Unit.LB: Decimal("22.046")}


def _masses_up_to(limits: Mapping[lp.Unit, Decimal]) -> st.SearchStrategy[lp.Mass]:
    """Masses above zero in either unit, up to that unit's limit."""
    return st.sampled_from(lp.Unit).flatmap(
        lambda unit: st.builds(
            lp.Mass, amounts(min_value="0.001", max_value=limits[unit]), st.just(unit)
        )
    )


@st.composite
def athletes(
    draw: st.DrawFn, *, conditions: Collection[lp.Condition] = ALL_CONDITIONS
) -> lp.Athlete:
    """Valid athletes: any equipment, level, units, clearance, name, limits and band set-up.

    Conditions are any set drawn from ``conditions``; with recent hip surgery the
    surgical approach is any approach or unknown (None).
    """
    drawn = draw(st.frozensets(st.sampled_from(tuple(conditions))))
    surgery = lp.Condition.RECENT_HIP_SURGERY in drawn
    return lp.Athlete(
        equipment=draw(st.frozensets(st.sampled_from(lp.Equipment))),
        level=draw(st.sampled_from(lp.Level)),
        units=draw(st.sampled_from(lp.Unit)),
        conditions=drawn,
        cleared=draw(st.booleans()),
        name=draw(st.text(max_size=200)),
        ankle_weight_max=draw(st.none() | _masses_up_to(ANKLE_WEIGHT_MAX)),
        cable_increment=draw(st.none() | masses(positive=True)),
        pulley_ratio=draw(st.integers(1, 4)),
        band_setup=draw(st.sampled_from(lp.BandSetup)),
        band_brand=draw(st.text(max_size=80)),
        surgical_approach=draw(st.none() | st.sampled_from(lp.SurgicalApproach))
        if surgery
        else None,
    )


# --- plans -------------------------------------------------------------------------------

#: Characters allowed in one-line ids (plan ids, uids): no control characters or line breaks.
ONE_LINE = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))

ALL_ROLES = tuple(lp.Role)
#: Roles whose sessions are hard: 48 h apart unless ``allow_close_sessions=True``.
HARD_ROLES = frozenset({lp.Role.ACCESSORY, lp.Role.FULL_BODY})
#: Conditions a plan needs a clinician's clearance for (rehab needs it too).
NEEDS_CLEARANCE = frozenset({lp.Condition.PREGNANCY, lp.Condition.RECENT_HIP_SURGERY})
#: Conditions a plan can be made for: red flags stop every plan (a referral instead).
PLANNABLE_CONDITIONS = tuple(c for c in lp.Condition if c is not lp.Condition.RED_FLAGS)

#: Every non-empty set of weekday codes, Monday first.
DAY_SETS = tuple(
    days for n in range(1, 8) for days in itertools.combinations([d.value for d in lp.Weekday], n)
)


def _spaced(days: tuple[str, ...]) -> bool:
    """True when consecutive days (Sunday to Monday too) are at least 48 h apart."""
    numbers = [lp.Weekday.parse(d).number for d in days]
    return all(b - a >= 2 for a, b in itertools.pairwise([*numbers, numbers[0] + 7]))


#: The day sets with 48 h between sessions (at most 3 days, within every level's cap).
SPACED_DAY_SETS = tuple(days for days in DAY_SETS if _spaced(days))

#: Starts whose first weeks hold daylight-saving changes (Europe and North America,
#: spring and autumn), or run over the new year.
EDGE_STARTS = (
    dt.date(2026, 3, 23),
    dt.date(2026, 10, 19),
    dt.date(2026, 12, 7),
    dt.date(2027, 3, 1),
)
#: 02:30 is skipped by spring-forward days; a 03:00 warm-up and a 01:30 + 45 min
#: accessory block start across a change; 00:05 is the earliest a warm-up fits its day.
EDGE_TIMES = (
    dt.time(18, 0),
    dt.time(7, 30),
    dt.time(2, 30),
    dt.time(3, 0),
    dt.time(1, 30),
    dt.time(0, 5),
    dt.time(6, 15, 30),
)
ZONES = (None, "Europe/Berlin", "America/New_York")
#: A warm-up ends when the main session starts, so it begins this much earlier.
WARM_UP = dt.timedelta(minutes=5)
_MIDNIGHT = dt.datetime(2000, 1, 1)
_LAST_SECOND = dt.time(23, 59, 59)


def _times(earliest: dt.time, latest: dt.time) -> st.SearchStrategy[dt.time]:
    """Whole-second times of day in ``earliest..latest``, the edge times more often."""
    edges = [t for t in EDGE_TIMES if earliest <= t <= latest]
    anytime = st.times(earliest, latest).map(lambda t: t.replace(microsecond=0))
    return st.sampled_from(edges) | anytime if edges else anytime


def _kept_date(
    draw: st.DrawFn,
    window: list[dt.date],
    planned: list[dt.date],
    skip: list[dt.date],
    *,
    reschedule: bool,
) -> dt.date | None:
    """A skipped date to un-skip so that a session is left, or None when one is left.

    With ``reschedule`` the first skipped session moves to the next free day within 6
    days (there is nothing yet to keep apart from), so one such free day suffices.
    """
    skipped = set(skip)
    if not skipped >= set(planned):
        return None
    pool = planned
    if reschedule:
        first = planned[0]
        room = [d for d in window if first < d <= first + dt.timedelta(days=6)]
        if not skipped >= set(room):
            return None
        pool = room or planned
    return draw(st.sampled_from(pool))


@st.composite
def plan_kwargs(
    draw: st.DrawFn, *, roles: Collection[lp.Role] = ALL_ROLES, moves: bool = True
) -> dict[str, Any]:
    """Keyword arguments ``lp.build_plan`` accepts, with the athlete under ``"athlete"``.

    Every draw builds a plan (pass it to :func:`build`): any plannable athlete (cleared
    where the role or a condition needs it), a role from ``roles``, 1 to 14 weeks from a
    date in 2026..2028, any weekdays the role allows (close ones with
    ``allow_close_sessions=True``), any whole-second time that keeps a session on its
    day, three time zones, every periodization, deload interval, note and plan id.
    With ``moves=True`` it may also skip dates (leaving a session), reschedule them and
    start an accessory block ``after`` the main lifts; with ``moves=False`` every
    session keeps to a requested day and time.
    """
    role = draw(st.sampled_from(tuple(roles)))
    athlete = draw(athletes(conditions=PLANNABLE_CONDITIONS))
    if role is lp.Role.REHAB or athlete.conditions & NEEDS_CLEARANCE:
        athlete = attrs.evolve(athlete, cleared=True)
    weeks = draw(st.integers(1, 14))
    start = draw(
        st.sampled_from(EDGE_STARTS) | st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31))
    )
    kwargs: dict[str, Any] = {
        "athlete": athlete,
        "role": role,
        "weeks": weeks,
        "start": start,
        "tz": draw(st.sampled_from(ZONES)),
        "periodization": draw(st.sampled_from(lp.Periodization)),
        "deload_every": draw(st.integers(3, 12)),
        "note": draw(st.text(max_size=30)),
        "plan_id": draw(st.text(ONE_LINE, max_size=12)),
    }
    day_sets = DAY_SETS
    if role in HARD_ROLES:
        cap = 3 if athlete.level is lp.Level.NOVICE else 4
        if draw(st.booleans()):
            kwargs["allow_close_sessions"] = True
            day_sets = tuple(days for days in DAY_SETS if len(days) <= cap)
        else:
            day_sets = SPACED_DAY_SETS
    kwargs["days"] = days = draw(st.sampled_from(day_sets))
    earliest = (_MIDNIGHT + WARM_UP).time() if role is lp.Role.WARM_UP else dt.time(0)
    latest = _LAST_SECOND
    if moves and role is lp.Role.ACCESSORY:
        after = draw(st.none() | st.just(45) | st.integers(0, 360))
        kwargs["after"] = None if after is None else dt.timedelta(minutes=after)
        if after is not None:
            latest = (dt.datetime.combine(_MIDNIGHT, _LAST_SECOND) - kwargs["after"]).time()
    kwargs["at"] = draw(_times(earliest, latest))
    if moves:
        window = [start + dt.timedelta(days=n) for n in range(7 * weeks)]
        numbers = {lp.Weekday.parse(d).number for d in days}
        planned = [d for d in window if d.weekday() in numbers]
        skip = draw(st.lists(st.sampled_from(window)))
        reschedule = draw(st.booleans())
        kept = _kept_date(draw, window, planned, skip, reschedule=reschedule)
        kwargs["skip"] = [d for d in skip if d != kept]
        kwargs["reschedule"] = reschedule
    return kwargs


def build(kwargs: Mapping[str, Any], **overrides: Any) -> lp.Plan:
    """Call ``lp.build_plan`` with drawn keyword arguments, changed by ``overrides``."""
    merged = {**kwargs, **overrides}
    athlete = merged.pop("athlete")
    return lp.build_plan(athlete, **merged)


def plans(
    *, roles: Collection[lp.Role] = ALL_ROLES, moves: bool = True
) -> st.SearchStrategy[lp.Plan]:
    """Plans built from :func:`plan_kwargs` (see there for what they cover)."""
    return plan_kwargs(roles=roles, moves=moves).map(build)


# --- prescription ------------------------------------------------------------------------


def rep_ranges() -> st.SearchStrategy[lp.RepRange]:
    """Valid rep ranges, low <= high within 1..50."""
    return st.tuples(st.integers(1, 50), st.integers(1, 50)).map(
        lambda pair: lp.RepRange(min(pair), max(pair))
    )


def tempos() -> st.SearchStrategy[lp.Tempo]:
    """Valid tempos: lift 1..10, hold 0..60, lower 1..10 seconds."""
    return st.builds(lp.Tempo, st.integers(1, 10), st.integers(0, 60), st.integers(1, 10))


def rests() -> st.SearchStrategy[dt.timedelta]:
    """Whole-second rests from 0 s to 10 min."""
    return st.integers(0, 600).map(lambda s: dt.timedelta(seconds=s))


def prescriptions() -> st.SearchStrategy[lp.Prescription]:
    """Valid prescriptions whose load fits the variation's equipment."""
    return variations.flatmap(
        lambda variation: st.builds(
            lp.Prescription,
            variation=st.just(variation),
            load=loads_for(variation.equipment),
            sets=st.integers(1, 10),
            reps=st.integers(1, 50),
            tempo=tempos(),
            rest=rests(),
            rir=st.integers(0, 10),
        )
    )


# --- invalid input -----------------------------------------------------------------------

#: Values that are never a whole number.
not_ints = st.one_of(
    st.booleans(), st.floats(allow_nan=False), st.text(max_size=5), st.none(), st.just([1])
)


def _fields(**cases: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[str, Any]]:
    return st.one_of(*(st.tuples(st.just(name), case) for name, case in cases.items()))


def _not_member(enum: type[lp.Unit | lp.Level], text: st.SearchStrategy[str]) -> Any:
    values = {m.value for m in enum}
    return text.filter(lambda s: s.strip().lower() not in values)


def _unknown_items(enum: type[lp.Equipment | lp.Condition]) -> st.SearchStrategy[Any]:
    values = {m.value for m in enum}
    unknown = st.text(max_size=20).filter(lambda s: s not in values)
    return st.one_of(
        st.frozensets(unknown, min_size=1),
        st.lists(st.integers(), min_size=1),
        st.integers(),
        st.none(),
        unknown,
    )


def _not_text_or_too_long(max_len: int) -> st.SearchStrategy[Any]:
    return st.one_of(st.text(min_size=max_len + 1, max_size=max_len + 50), st.integers(), st.none())


def _zero_or_not_mass() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(lp.Unit).map(lambda u: lp.Mass(0, u)),
        st.integers(),
        st.floats(),
        st.text(max_size=5),
    )


def invalid_athlete_fields() -> st.SearchStrategy[tuple[str, Any]]:
    """``(field, value)`` pairs that make :class:`legraise_plan.Athlete` invalid."""
    return _fields(
        equipment=_unknown_items(lp.Equipment),
        level=st.one_of(_not_member(lp.Level, st.text(max_size=20)), st.integers()),
        units=st.one_of(_not_member(lp.Unit, st.text(max_size=20)), st.integers()),
        conditions=_unknown_items(lp.Condition),
        cleared=st.one_of(st.integers(), st.text(max_size=5), st.none()),
        name=_not_text_or_too_long(200),
        ankle_weight_max=_zero_or_not_mass(),
        cable_increment=_zero_or_not_mass(),
        pulley_ratio=st.one_of(st.integers(max_value=0), st.integers(min_value=5), not_ints),
    )


def invalid_mass_fields() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """``(field, kwargs)`` pairs that make :class:`legraise_plan.Mass` invalid."""
    negative = amounts(min_value="-1000", max_value="-0.001")
    not_finite = st.sampled_from(
        [float("nan"), float("inf"), float("-inf"), "NaN", "sNaN", "Infinity", "-inf"]
    )
    not_numbers = st.one_of(
        st.sampled_from(["", "abc", "1,5", "5kg", "one"]), st.booleans(), st.none(), st.just([1])
    )
    too_heavy = st.one_of(
        amounts(min_value="1000.001", max_value="100000").map(
            lambda a: {"amount": a, "unit": lp.Unit.KG}
        ),
        amounts(min_value="2204.623", max_value="100000").map(
            lambda a: {"amount": a, "unit": lp.Unit.LB}
        ),
    )
    bad_units = st.one_of(_not_member(lp.Unit, st.text(max_size=10)), st.integers(), st.none())
    return st.one_of(
        st.tuples(
            st.just("amount"),
            st.one_of(negative, not_finite, not_numbers).map(lambda a: {"amount": a}),
        ),
        st.tuples(st.just("amount"), too_heavy),
        st.tuples(st.just("unit"), bad_units.map(lambda u: {"amount": 1, "unit": u})),
    )


_NON_BAND = (
    lp.Load.bodyweight(),
    lp.Load.ankle(lp.Mass(1)),
    lp.Load.cable(lp.Mass(10)),
    lp.Load.bodyweight(lp.Equipment.HYPEREXTENSION_BENCH),
)
_NON_CABLE = (
    lp.Load.bodyweight(),
    lp.Load.band_of(lp.BandColour.RED),
    lp.Load.ankle(lp.Mass(1)),
    lp.Load.bodyweight(lp.Equipment.GLUTE_HAM_BENCH),
)


def _load_kwargs(load: lp.Load, **changes: Any) -> dict[str, Any]:
    kwargs = {
        "equipment": load.equipment,
        "band": load.band,
        "looped": load.looped,
        "mass": load.mass,
        "pulley_ratio": load.pulley_ratio,
    }
    return kwargs | changes


def invalid_load_fields() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """``(field, kwargs)`` pairs that make :class:`legraise_plan.Load` invalid."""
    colours = {c.value for c in lp.BandColour}
    band_without_colour = st.one_of(
        st.none(), st.text(max_size=10).filter(lambda s: s not in colours), st.integers()
    ).map(lambda b: {"equipment": lp.Equipment.BAND, "band": b})
    colour_on_non_band = st.builds(
        lambda load, colour: _load_kwargs(load, band=colour),
        st.sampled_from(_NON_BAND),
        band_colours,
    )
    mass_on_unloaded = st.builds(
        lambda equipment, mass: {"equipment": equipment, "mass": mass},
        st.sampled_from(
            [
                lp.Equipment.BODYWEIGHT,
                lp.Equipment.HYPEREXTENSION_BENCH,
                lp.Equipment.GLUTE_HAM_BENCH,
            ]
        ),
        masses(),
    ) | band_colours.flatmap(
        lambda c: masses().map(lambda m: {"equipment": lp.Equipment.BAND, "band": c, "mass": m})
    )
    no_mass_on_loaded = st.builds(
        lambda equipment, mass: {"equipment": equipment, "mass": mass},
        st.sampled_from([lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE]),
        _zero_or_not_mass() | st.none(),
    )
    looped_on_non_band = st.sampled_from(_NON_BAND).map(
        lambda load: _load_kwargs(load, looped=True)
    )
    looped_not_bool = st.one_of(st.integers(), st.text(max_size=3), st.none()).map(
        lambda x: _load_kwargs(lp.Load.band_of(lp.BandColour.RED), looped=x)
    )
    ratio_on_non_cable = st.builds(
        lambda load, ratio: _load_kwargs(load, pulley_ratio=ratio),
        st.sampled_from(_NON_CABLE),
        st.integers(2, 4),
    )
    ratio_out_of_range = st.one_of(
        st.integers(max_value=0), st.integers(min_value=5), not_ints
    ).map(lambda r: _load_kwargs(lp.Load.cable(lp.Mass(10)), pulley_ratio=r))
    bad_equipment = st.one_of(
        st.text(max_size=15).filter(lambda s: s not in {e.value for e in lp.Equipment}),
        st.integers(),
        st.none(),
    ).map(lambda e: {"equipment": e})
    return st.one_of(
        st.tuples(st.just("band"), band_without_colour | colour_on_non_band),
        st.tuples(st.just("mass"), mass_on_unloaded | no_mass_on_loaded),
        st.tuples(st.just("looped"), looped_on_non_band | looped_not_bool),
        st.tuples(st.just("pulley_ratio"), ratio_on_non_cable | ratio_out_of_range),
        st.tuples(st.just("equipment"), bad_equipment),
    )


def _out_of(lo: int, hi: int) -> st.SearchStrategy[Any]:
    return st.one_of(st.integers(max_value=lo - 1), st.integers(min_value=hi + 1), not_ints)


def invalid_rep_range_fields() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """``(field, kwargs)`` pairs that make :class:`legraise_plan.RepRange` invalid."""
    crossed = st.tuples(st.integers(1, 50), st.integers(1, 50)).filter(lambda p: p[0] != p[1])
    return st.one_of(
        st.tuples(
            st.just("low"),
            crossed.map(lambda p: {"low": max(p), "high": min(p)}),
        ),
        st.tuples(st.just("low"), _out_of(1, 50).map(lambda x: {"low": x, "high": 50})),
        st.tuples(st.just("high"), _out_of(1, 50).map(lambda x: {"low": 1, "high": x})),
    )


def invalid_tempo_fields() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """``(field, kwargs)`` pairs that make :class:`legraise_plan.Tempo` invalid."""
    good = {"lift": 2, "hold": 1, "lower": 2}
    return _fields(lift=_out_of(1, 10), hold=_out_of(0, 60), lower=_out_of(1, 10)).map(
        lambda pair: (pair[0], good | {pair[0]: pair[1]})
    )


def valid_prescription_kwargs() -> dict[str, Any]:
    """A valid accessory dose with a band: 3 × 12/leg, 2-1-2, 60 s rest."""
    return {
        "variation": BAND,
        "load": lp.Load.band_of(lp.BandColour.RED),
        "sets": 3,
        "reps": 12,
        "tempo": lp.Tempo(2, 1, 2),
        "rest": dt.timedelta(seconds=60),
    }


def invalid_prescription_fields() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """``(field, kwargs)`` pairs that make :class:`legraise_plan.Prescription` invalid."""
    wrong_rest = st.one_of(
        st.integers(min_value=1, max_value=10**6).map(lambda s: dt.timedelta(seconds=-s)),
        st.integers(min_value=601, max_value=10**6).map(lambda s: dt.timedelta(seconds=s)),
        st.integers(0, 600),
        st.none(),
    )
    wrong_load = st.one_of(
        st.sampled_from(
            [lp.Load.bodyweight(), lp.Load.ankle(lp.Mass(1)), lp.Load.cable(lp.Mass(10))]
        ),
        st.none(),
        st.text(max_size=5),
    )
    fields = _fields(
        sets=_out_of(1, 10),
        reps=_out_of(1, 50),
        rir=_out_of(0, 10),
        rest=wrong_rest,
        load=wrong_load,
        tempo=st.one_of(st.text(max_size=6), st.none(), rep_ranges()),
        variation=st.one_of(st.text(max_size=6), st.none()),
    )
    return fields.map(lambda pair: (pair[0], valid_prescription_kwargs() | {pair[0]: pair[1]}))
