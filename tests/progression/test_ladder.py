"""Tests for the equipment ladder and the resistance model (progression._ladder, _resistance)."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.catalog import EndRange, neutral_version
from legraise_plan.progression import LADDER_BANDS, estimate_nm, stays_at_neutral


E = lp.Equipment
C = lp.Condition
A = lp.SurgicalApproach
KIT = {E.BAND, E.ANKLE_WEIGHTS, E.CABLE}
BENCHES = {E.HYPEREXTENSION_BENCH, E.GLUTE_HAM_BENCH}
EQUIPMENT = [e for e in E if e is not E.BODYWEIGHT]
CATALOG = lp.CATALOG
#: Cable limits per unit (rules 8 and 10): largest step, heaviest first load.
CABLE_LIMITS = {lp.Unit.KG: (Decimal(5), Decimal(10)), lp.Unit.LB: (Decimal(10), Decimal(20))}
#: Past-neutral cue wording (see tests/test_catalog.py).
PAST_NEUTRAL = ("hand's width", "slightly up", "as high", "higher than", "pelvis would have to tip")

#: The resistance table for an intermediate with bands, ankle weights and a cable (docs).
FULL_KIT_TABLE = [
    ("standing, bodyweight", 10.9),
    ("standing, bodyweight + 2 s pause", 11.7),
    ("band yellow, anchored at the ankle", 22.2),
    ("band red, anchored at the ankle", 24.9),
    ("band green, anchored at the ankle", 28.3),
    ("band blue, anchored at the ankle", 32.8),
    ("band black, anchored at the ankle", 38.5),
    ("prone, bodyweight", 42.0),
    ("prone, ankle weights 0.5 kg/ankle", 46.2),
    ("prone, ankle weights 1 kg/ankle", 50.3),
    ("prone, ankle weights 1.5 kg/ankle", 54.5),
    ("prone, ankle weights 2 kg/ankle", 58.7),
    ("prone, ankle weights 2.5 kg/ankle", 62.8),
    ("prone, ankle weights 3 kg/ankle", 67.0),
    ("prone, ankle weights 3.5 kg/ankle", 71.2),
    ("prone, ankle weights 4 kg/ankle", 75.3),
    ("prone, ankle weights 4.5 kg/ankle", 79.5),
    ("prone, ankle weights 5 kg/ankle", 83.7),
    ("cable 10 kg", 94.2),
    ("cable 15 kg", 135.9),
    ("cable 20 kg", 177.6),
    ("cable 25 kg", 219.3),
    ("cable 30 kg", 260.9),
    ("cable 35 kg", 302.6),
    ("cable 40 kg", 344.3),
]


# --------------------------------------------------------------------------- strategies


def masses(high: str) -> st.SearchStrategy[lp.Mass]:
    """Masses above 0 up to ``high`` kilograms (or the same number of pounds)."""
    amounts = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(high), places=3)
    return st.builds(lp.Mass, amounts, st.sampled_from(lp.Unit))


@st.composite
def athletes(draw: st.DrawFn) -> lp.Athlete:
    """Any valid athlete: equipment, level, units, conditions, caps, band set-up, approach."""
    conditions = draw(st.frozensets(st.sampled_from(C), max_size=3))
    approach = draw(st.none() | st.sampled_from(A)) if C.RECENT_HIP_SURGERY in conditions else None
    return lp.Athlete(
        equipment=draw(st.frozensets(st.sampled_from(EQUIPMENT))),
        level=draw(st.sampled_from(lp.Level)),
        units=draw(st.sampled_from(lp.Unit)),
        conditions=conditions,
        cleared=draw(st.booleans()),
        ankle_weight_max=draw(st.none() | masses("10").filter(lambda m: m <= lp.Mass(10))),
        cable_increment=draw(st.none() | masses("1000")),
        pulley_ratio=draw(st.integers(1, 4)),
        band_setup=draw(st.sampled_from(lp.BandSetup)),
        surgical_approach=approach,
    )


roles = st.sampled_from(lp.Role)


def labels(athlete: lp.Athlete, role: lp.Role = lp.Role.ACCESSORY) -> list[str]:
    """The rung labels of the athlete's ladder in ``role``."""
    return [r.label for r in lp.build_ladder(athlete, role)]


def chain_of(rung: lp.progression.Rung) -> str:
    """Which chain a rung belongs to."""
    variation = rung.variation
    if variation.equipment is E.BODYWEIGHT:
        return variation.position.value
    return variation.equipment.value


def effective(load: lp.Load) -> Decimal:
    """A cable load's stack divided by its pulley ratio, in the stack's unit."""
    assert load.mass is not None
    return load.mass.amount / load.pulley_ratio


# --------------------------------------------------------------------------- the model


class TestEstimate:
    """The resistance model: estimated hip-extension torque for the reference adult."""

    @pytest.mark.parametrize(
        ("variation", "load", "expected"),
        [
            ("standing-hip-extension", lp.Load.bodyweight(), 10.9),
            ("prone-hip-extension", lp.Load.bodyweight(), 42.0),
            ("standing-band-hip-extension", lp.Load.band_of(lp.BandColour.YELLOW), 22.2),
            ("prone-ankle-weight-hip-extension", lp.Load.ankle(lp.Mass(1)), 50.3),
            ("standing-ankle-weight-hip-extension", lp.Load.ankle(lp.Mass(1)), 13.0),
            ("cable-standing-hip-extension", lp.Load.cable(lp.Mass(10)), 94.2),
            ("glute-hyperextension-45", lp.Load.bodyweight(E.HYPEREXTENSION_BENCH), 139.6),
            ("glute-ham-raise", lp.Load.bodyweight(E.GLUTE_HAM_BENCH), 366.6),
        ],
    )
    def test_reference_values(self, variation, load, expected):
        """70 kg adult, 0.9 m leg: the leg's weight on a 0.38 m lever, loads at the ankle."""
        assert expected == estimate_nm(CATALOG[variation], load)

    def test_prone_loads_the_hip_more_than_standing(self):
        """Rule 8: prone bodyweight beats a standing kickback with the black band."""
        prone = estimate_nm(CATALOG["prone-hip-extension"], lp.Load.bodyweight())
        black = estimate_nm(
            CATALOG["standing-band-hip-extension"], lp.Load.band_of(lp.BandColour.BLACK)
        )

        assert black < prone

    @given(amount=st.integers(1, 20))
    def test_ankle_weights_load_more_prone_than_standing(self, amount):
        """Rule 8: the same ankle weight asks more of the hip prone than standing."""
        load = lp.Load.ankle(lp.Mass(Decimal(amount) / 2))

        assert estimate_nm(CATALOG["standing-ankle-weight-hip-extension"], load) < estimate_nm(
            CATALOG["prone-ankle-weight-hip-extension"], load
        )

    @given(colour=st.sampled_from(lp.BandColour))
    def test_a_loop_doubles_the_band(self, colour):
        """Rule 9: a looped band adds twice the flat band's torque (up to rounding)."""
        band = CATALOG["standing-band-hip-extension"]
        leg = estimate_nm(CATALOG["standing-hip-extension"], lp.Load.bodyweight())
        flat = estimate_nm(band, lp.Load.band_of(colour)) - leg
        looped = estimate_nm(band, lp.Load.band_of(colour, looped=True)) - leg

        assert 2 * flat == pytest.approx(looped, abs=0.3)

    def test_pause_is_a_small_bonus(self):
        """A 2 s pause counts 8 % harder than the same raise without it."""
        prone = CATALOG["prone-hip-extension"]

        plain = estimate_nm(prone, lp.Load.bodyweight())
        paused = estimate_nm(prone, lp.Load.bodyweight(), 2)

        assert 1.08 == pytest.approx(paused / plain, abs=0.005)

    def test_cable_is_stack_over_pulley_ratio(self):
        """Rule 10: 20 kg on a 2:1 pulley asks as much as 10 kg at 1:1."""
        cable = CATALOG["cable-standing-hip-extension"]

        assert estimate_nm(cable, lp.Load.cable(lp.Mass(10))) == estimate_nm(
            cable, lp.Load.cable(lp.Mass(20), pulley_ratio=2)
        )

    @pytest.mark.parametrize("base", ["prone-hip-extension", "standing-hip-extension"])
    def test_neutral_versions_ask_as_much(self, base):
        """Capping at neutral keeps the leg's angle in space, so the estimate is the same."""
        variation = CATALOG[base]

        assert estimate_nm(variation, lp.Load.bodyweight()) == estimate_nm(
            neutral_version(variation), lp.Load.bodyweight()
        )

    def test_load_must_fit_the_variation(self):
        """A band on the prone raise is refused, naming the equipment each needs."""
        with pytest.raises(lp.ProgressionError) as info:
            estimate_nm(CATALOG["prone-hip-extension"], lp.Load.band_of(lp.BandColour.RED))

        assert "load must use bodyweight for prone-hip-extension, got band" == str(info.value)
        assert "load" == info.value.field

    @pytest.mark.parametrize(
        ("hold", "message"),
        [
            (11, "extra_hold must be 0..10 seconds, got 11"),
            (-1, "extra_hold must be 0..10 seconds, got -1"),
            (1.5, "extra_hold must be a whole number 0..10, got 1.5"),
            (True, "extra_hold must be a whole number 0..10, got True"),
        ],
    )
    def test_extra_hold_range(self, hold, message):
        """The extra hold is a whole number of seconds, 0..10."""
        with pytest.raises(lp.ProgressionError) as info:
            estimate_nm(CATALOG["standing-hip-extension"], lp.Load.bodyweight(), hold)

        assert message == str(info.value)


# --------------------------------------------------------------------------- worked examples


class TestOrder:
    """Rule 8: rungs ordered by estimated resistance at the hip, chains kept whole."""

    def test_full_kit_table(self):
        """Standing, pause, bands, prone, prone ankle weights, cable: each a real step up."""
        ladder = lp.build_ladder(lp.Athlete(equipment=KIT, level=lp.Level.INTERMEDIATE))

        assert FULL_KIT_TABLE == [(r.label, r.resistance_nm) for r in ladder]

    def test_full_kit_variations(self):
        """The full kit uses standing, band, prone and prone ankle-weight raises, then the cable."""
        ladder = lp.build_ladder(lp.Athlete(equipment=KIT))
        runs = [key for key, _ in itertools.groupby(r.variation.id for r in ladder)]

        assert [
            "standing-hip-extension",
            "standing-band-hip-extension",
            "prone-hip-extension",
            "prone-ankle-weight-hip-extension",
            "cable-standing-hip-extension",
        ] == runs

    def test_prone_bodyweight_is_kept_and_harder_bands_trimmed(self):
        """Rules 4 and 24: prone bodyweight always opens the prone chain; looped bands above go."""
        athlete = lp.Athlete(equipment={E.BAND, E.ANKLE_WEIGHTS}, band_setup=lp.BandSetup.LOOPED)

        assert [
            "band red, looped round both ankles",
            "prone, bodyweight",
            "prone, ankle weights 0.5 kg/ankle",
        ] == labels(athlete)[3:6]

    def test_bench_variations_top_the_ladder(self):
        """Past novice, with benches: 45° hyperextension, then the glute-ham raise."""
        athlete = lp.Athlete(equipment=BENCHES, level=lp.Level.INTERMEDIATE)

        assert [
            "standing, bodyweight",
            "standing, bodyweight + 2 s pause",
            "prone, bodyweight",
            "45° hyperextension, bodyweight",
            "glute-ham raise, bodyweight",
        ] == labels(athlete)

    def test_hyperextension_trims_heavy_cable(self):
        """With both benches, cable loads as hard as the hyperextension make way for it."""
        athlete = lp.Athlete(equipment=KIT | BENCHES, level=lp.Level.ADVANCED)

        assert [
            "cable 10 kg",
            "cable 15 kg",
            "45° hyperextension, bodyweight",
            "glute-ham raise, bodyweight",
        ] == labels(athlete)[-4:]

    def test_hyperextension_is_kept_after_a_cable(self):
        """The hyperextension cannot be made lighter: it stays, after cable 15 kg."""
        athlete = lp.Athlete(
            equipment={E.CABLE, E.HYPEREXTENSION_BENCH}, level=lp.Level.INTERMEDIATE
        )

        assert ["cable 15 kg", "45° hyperextension, bodyweight"] == labels(athlete)[-2:]

    def test_glute_ham_raise_alone_follows_the_whole_cable(self):
        """The glute-ham raise is harder than the heaviest cable rung, so nothing is trimmed."""
        athlete = lp.Athlete(equipment={E.CABLE, E.GLUTE_HAM_BENCH}, level=lp.Level.ADVANCED)

        assert ["cable 40 kg", "glute-ham raise, bodyweight"] == labels(athlete)[-2:]

    def test_without_equipment(self):
        """Bodyweight only: standing, standing with a pause, prone."""
        assert [
            "standing, bodyweight",
            "standing, bodyweight + 2 s pause",
            "prone, bodyweight",
        ] == labels(lp.Athlete())


class TestSteps:
    """Rule 7: every step is measured in resistance; big ones need a bridge."""

    def test_step_pct_for_every_rung(self):
        """Each rung's step is its rise over the rung below, across equipment too."""
        ladder = lp.build_ladder(lp.Athlete(equipment=KIT))

        assert [None, 7.3, 89.7, 12.2] == [r.step_pct for r in ladder][:4]
        assert 9.1 == ladder[7].step_pct  # band black → prone bodyweight
        assert 12.5 == ladder[18].step_pct  # ankle weights 5 kg → cable 10 kg

    def test_needs_bridge_compares_with_the_threshold(self):
        """A step needs a bridge when it is above the threshold, whatever changes."""
        ladder = lp.build_ladder(lp.Athlete(equipment=KIT))

        assert [False, False, True, True] == [r.needs_bridge(10.0) for r in ladder][:4]
        assert ladder[1].needs_bridge(5.0)
        assert not ladder[7].needs_bridge(10.0)

    def test_load_steps(self):
        """A load step puts on a different external load; pauses and position changes do not."""
        ladder = lp.build_ladder(lp.Athlete(equipment=KIT))

        assert [False, False, True, True] == [r.is_load_step for r in ladder][:4]
        assert not ladder[7].is_load_step  # band black → prone bodyweight
        assert ladder[8].is_load_step

    def test_heavy_rungs(self):
        """Ankle weights from 2.5 kg and every cable rung are heavy (rule 2's 8-12 range)."""
        ladder = lp.build_ladder(lp.Athlete(equipment=KIT))

        assert [r.label for r in ladder if r.is_heavy][:2] == [
            "prone, ankle weights 2.5 kg/ankle",
            "prone, ankle weights 3 kg/ankle",
        ]
        assert all(r.is_heavy for r in ladder if r.load.equipment is E.CABLE)


class TestCable:
    """Rules 8 and 10: small cable steps, a light first load, stack ÷ pulley ratio."""

    def test_big_plates_use_add_on_steps(self):
        """With 10 kg plates the cable steps 5 kg at a time, the in-between loads on add-ons."""
        athlete = lp.Athlete(
            equipment={E.CABLE}, level=lp.Level.INTERMEDIATE, cable_increment=lp.Mass(10)
        )
        ladder = lp.build_ladder(athlete)
        cable = [r for r in ladder if r.load.equipment is E.CABLE]

        assert [
            "cable 10 kg",
            "cable 15 kg (add-on plate)",
            "cable 20 kg",
            "cable 25 kg (add-on plate)",
            "cable 30 kg",
        ] == [r.label for r in cable][:5]
        assert "The machine's plates are 10 kg: make up 15 kg with add-on plates." == cable[1].note
        assert ("", False) == (cable[0].note, cable[0].is_add_on)

    def test_a_stack_too_heavy_to_start_is_left_out(self):
        """Rule 10: with 20 kg plates no first cable load is 10 kg or less: no cable, a note."""
        athlete = lp.Athlete(equipment={E.CABLE}, cable_increment=lp.Mass(20))
        plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7))

        assert [] == [r for r in lp.build_ladder(athlete) if r.load.equipment is E.CABLE]
        assert any("leaves the cable out" in n for n in plan.notes)

    def test_heavy_ankle_cap_stops_below_the_first_cable_load(self):
        """Ankle weights stop where cable 10 kg is the next step up, whatever their cap."""
        athlete = lp.Athlete(equipment={E.ANKLE_WEIGHTS, E.CABLE}, ankle_weight_max=lp.Mass(10))

        assert ["prone, ankle weights 6 kg/ankle", "cable 10 kg"] == labels(athlete)[14:16]

    def test_pulley_ratio(self):
        """Rule 10: on a 2:1 pulley the first rung above prone bodyweight is a 10 kg stack."""
        athlete = lp.Athlete(equipment={E.CABLE}, pulley_ratio=2)
        ladder = lp.build_ladder(athlete)

        assert "cable 10 kg (2:1 pulley)" == ladder[3].label
        assert 52.5 == ladder[3].resistance_nm

    def test_add_on_with_a_pulley(self):
        """A 2:1 pulley makes 20 kg plates usable; its add-on loads say both in one bracket."""
        athlete = lp.Athlete(equipment={E.CABLE}, pulley_ratio=2, cable_increment=lp.Mass(20))

        assert ["cable 20 kg (2:1 pulley)", "cable 25 kg (2:1 pulley, add-on plate)"] == labels(
            athlete
        )[3:5]

    def test_pounds(self):
        """In pounds: 10 lb plates, first load 20 lb after 10 lb of ankle weights."""
        athlete = lp.Athlete(equipment={E.ANKLE_WEIGHTS, E.CABLE}, units=lp.Unit.LB)

        assert ["prone, ankle weights 10 lb/ankle", "cable 20 lb", "cable 30 lb"] == labels(
            athlete
        )[12:15]

    @pytest.mark.parametrize(
        ("plate", "step"),
        [
            (lp.Mass(5), "5 kg"),
            (lp.Mass("2.5"), "2.5 kg"),
            (lp.Mass(1), "3 kg"),
            (lp.Mass(6), "3 kg"),
            (lp.Mass(13), "5 kg"),
            (lp.Mass(20), "5 kg"),
            (lp.Mass(10, "lb"), "10 lb"),
            (lp.Mass(15, "lb"), "7.5 lb"),
            (lp.Mass(2, "lb"), "6 lb"),
        ],
    )
    def test_cable_step(self, plate, step):
        """One plate of 2.5-5 kg (5-10 lb); small plates together; big plates split."""
        assert step == str(lp.progression._ladder.cable_step(plate))

    def test_advanced_start_is_at_most_10_kg(self):
        """An advanced athlete with only a cable starts on cable 10 kg, not heavier."""
        athlete = lp.Athlete(equipment={E.CABLE}, level=lp.Level.ADVANCED)
        ladder = lp.build_ladder(athlete)
        rules = lp.ProgressionRules.for_role(lp.Role.ACCESSORY, athlete.level)

        start = lp.starting_state(athlete, ladder, rules)

        assert "cable 10 kg" == ladder[start.state.rung].label


class TestBands:
    """Rule 9: bands set up as the athlete sets them up, every colour in order."""

    def test_looped(self):
        """A looped athlete's band rungs say so and count about twice the flat pull."""
        ladder = lp.build_ladder(lp.Athlete(equipment={E.BAND}, band_setup=lp.BandSetup.LOOPED))
        bands = [r for r in ladder if r.load.band is not None]

        assert all(r.load.looped for r in bands)
        assert "band yellow, looped round both ankles" == bands[0].label
        assert 33.6 == bands[0].resistance_nm

    def test_anchored_by_default(self):
        """Bands are anchored at the ankle unless the athlete loops them."""
        ladder = lp.build_ladder(lp.Athlete(equipment={E.BAND}))

        assert not any(r.load.looped for r in ladder)

    def test_every_colour(self):
        """Yellow, red, green, blue, black: none skipped."""
        ladder = lp.build_ladder(lp.Athlete(equipment={E.BAND}))

        assert list(LADDER_BANDS) == [r.load.band for r in ladder if r.load.band is not None]


class TestNeutral:
    """Rules 23-24: neutral-capped variations for athletes who must stay at hip neutral."""

    @pytest.mark.parametrize(
        "athlete",
        [
            lp.Athlete(conditions={C.HIP_PAIN}),
            lp.Athlete(conditions={C.LOW_BACK_PAIN_HISTORY}),
            lp.Athlete(conditions={C.RECENT_HIP_SURGERY}),
            lp.Athlete(conditions={C.RECENT_HIP_SURGERY}, surgical_approach=A.ANTERIOR),
            lp.Athlete(conditions={C.RECENT_HIP_SURGERY}, surgical_approach=A.ARTHROSCOPY),
            lp.Athlete(
                conditions={C.RECENT_HIP_SURGERY, C.HIP_PAIN}, surgical_approach=A.POSTERIOR
            ),
        ],
    )
    def test_who_stays_at_neutral(self, athlete):
        """Hip pain, back pain history, and surgery unless by a posterior or lateral approach."""
        assert stays_at_neutral(athlete)

    @pytest.mark.parametrize(
        "athlete",
        [
            lp.Athlete(),
            lp.Athlete(conditions={C.PREGNANCY, C.PARQ_YES}),
            lp.Athlete(conditions={C.RECENT_HIP_SURGERY}, surgical_approach=A.POSTERIOR),
            lp.Athlete(conditions={C.RECENT_HIP_SURGERY}, surgical_approach=A.LATERAL),
        ],
    )
    def test_who_need_not(self, athlete):
        """Without those conditions, or after a posterior or lateral approach, no cap."""
        assert not stays_at_neutral(athlete)

    def test_cleared_hip_pain_ladder(self):
        """Cleared hip pain: the same order, every rung on a neutral-capped variation."""
        athlete = lp.Athlete(equipment=KIT, conditions={C.HIP_PAIN}, cleared=True)
        ladder = lp.build_ladder(athlete)

        assert [
            "standing to neutral, bodyweight",
            "standing to neutral, bodyweight + 2 s pause",
            "band yellow, anchored at the ankle, to neutral",
        ] == [r.label for r in ladder][:3]
        assert "prone to neutral, ankle weights 5 kg/ankle" == ladder[17].label
        assert "cable 10 kg, to neutral" == ladder[18].label
        assert {EndRange.NEUTRAL} == {r.variation.end_range for r in ladder}

    def test_no_cue_goes_past_neutral(self):
        """No cue on a neutral athlete's ladder says to lift past the line of the body."""
        athlete = lp.Athlete(equipment=KIT, conditions={C.LOW_BACK_PAIN_HISTORY}, cleared=True)
        said = {
            cue
            for rung in lp.build_ladder(athlete)
            for cue in (*rung.variation.setup, *rung.variation.execution)
        }

        assert set() == {cue for cue in said if any(p in cue for p in PAST_NEUTRAL)}

    def test_anterior_approach(self):
        """After an anterior hip replacement, the rehab ladder is neutral-capped."""
        athlete = lp.Athlete(
            equipment=KIT,
            conditions={C.RECENT_HIP_SURGERY},
            surgical_approach=A.ANTERIOR,
            cleared=True,
        )
        ladder = lp.build_ladder(athlete, lp.Role.REHAB)

        assert all(r.variation.end_range is EndRange.NEUTRAL for r in ladder)

    @pytest.mark.parametrize("approach", [A.POSTERIOR, A.LATERAL])
    def test_posterior_and_lateral_approaches(self, approach):
        """Rule 23: nothing bends the hip past 90°; the usual variations otherwise."""
        athlete = lp.Athlete(
            equipment=KIT | BENCHES,
            level=lp.Level.ADVANCED,
            conditions={C.RECENT_HIP_SURGERY},
            surgical_approach=approach,
            cleared=True,
        )
        ladder = lp.build_ladder(athlete)

        assert max(r.variation.max_hip_flexion_deg for r in ladder) <= 90
        assert "prone, bodyweight" in [r.label for r in ladder]


class TestConditionsAndRoles:
    """Rules 1, 4, 20, 22: the gates and the pregnancy swap."""

    def test_pregnancy(self):
        """Rule 22: no prone rungs and no ankle weights in pregnancy."""
        athlete = lp.Athlete(equipment=KIT, conditions={C.PREGNANCY}, cleared=True)
        ladder = lp.build_ladder(athlete)

        assert ["standing, bodyweight", "band black, anchored at the ankle", "cable 5 kg"] == [
            ladder[0].label,
            ladder[6].label,
            ladder[7].label,
        ]
        assert all(r.variation.position is lp.Position.STANDING for r in ladder)

    def test_warm_up(self):
        """Rule 1: warm-ups use bodyweight or the lightest band, and no pause rung."""
        assert [
            "standing, bodyweight",
            "band yellow, anchored at the ankle",
            "prone, bodyweight",
        ] == labels(lp.Athlete(equipment=KIT), lp.Role.WARM_UP)

    def test_rehab(self):
        """Rule 4: rehab keeps bands to red, ankle weights to 1 kg, and no cable."""
        athlete = lp.Athlete(equipment=KIT, cleared=True)

        assert [
            "band yellow, anchored at the ankle",
            "band red, anchored at the ankle",
            "prone, bodyweight",
            "prone, ankle weights 0.5 kg/ankle",
            "prone, ankle weights 1 kg/ankle",
        ] == labels(athlete, lp.Role.REHAB)[2:]

    def test_rehab_in_pounds(self):
        """Rehab ankle weights stop at 2 lb."""
        athlete = lp.Athlete(equipment={E.ANKLE_WEIGHTS}, units=lp.Unit.LB)

        assert "prone, ankle weights 2 lb/ankle" == labels(athlete, lp.Role.REHAB)[-1]

    def test_surgery_caps_every_role(self):
        """Recent hip surgery keeps accessory work at rehab loads."""
        athlete = lp.Athlete(
            equipment=KIT,
            conditions={C.RECENT_HIP_SURGERY},
            surgical_approach=A.POSTERIOR,
            cleared=True,
        )

        assert "prone, ankle weights 1 kg/ankle" == labels(athlete)[-1]

    @pytest.mark.parametrize("condition", [C.PARQ_YES, C.HIP_PAIN, C.LOW_BACK_PAIN_HISTORY])
    def test_bodyweight_until_cleared(self, condition):
        """Rule 20: a PAR-Q yes or a back or hip condition keeps the ladder at bodyweight."""
        ladder = lp.build_ladder(lp.Athlete(equipment=KIT, conditions={condition}))

        assert not any(r.load.is_external for r in ladder)


class TestAdvancedAllowed:
    """Whether the athlete may progress to the bench variations at all."""

    def test_allowed(self):
        """Accessory or full-body work, past novice, no condition, a bench at hand."""
        athlete = lp.Athlete(equipment={E.HYPEREXTENSION_BENCH}, level=lp.Level.INTERMEDIATE)

        assert lp.build_ladder(athlete).advanced_allowed
        assert lp.build_ladder(athlete, lp.Role.FULL_BODY).advanced_allowed

    @pytest.mark.parametrize(
        ("athlete", "role"),
        [
            (lp.Athlete(equipment=BENCHES), lp.Role.ACCESSORY),
            (lp.Athlete(equipment=BENCHES, level=lp.Level.ADVANCED), lp.Role.REHAB),
            (lp.Athlete(equipment=BENCHES, level=lp.Level.ADVANCED), lp.Role.WARM_UP),
            (lp.Athlete(equipment=KIT, level=lp.Level.ADVANCED), lp.Role.ACCESSORY),
            (
                lp.Athlete(
                    equipment=BENCHES,
                    level=lp.Level.ADVANCED,
                    conditions={C.PARQ_YES},
                    cleared=True,
                ),
                lp.Role.ACCESSORY,
            ),
        ],
    )
    def test_not_allowed(self, athlete, role):
        """Novices, rehab and warm-ups, athletes with a condition or without a bench."""
        ladder = lp.build_ladder(athlete, role)

        assert not ladder.advanced_allowed
        assert not any(r.variation.is_advanced for r in ladder)


class TestRecords:
    """Ladder and Rung validation."""

    def test_ladder_is_positional_with_a_keyword_flag(self):
        """Ladder(rungs) still works; advanced_allowed defaults to False."""
        rungs = lp.build_ladder(lp.Athlete()).rungs

        assert not lp.Ladder(rungs).advanced_allowed
        assert lp.Ladder(rungs, advanced_allowed=True).advanced_allowed

    def test_flag_must_be_a_bool(self):
        """advanced_allowed must be True or False."""
        rungs = lp.build_ladder(lp.Athlete()).rungs

        with pytest.raises(lp.ProgressionError, match=r"^advanced_allowed must be a bool"):
            lp.Ladder(rungs, advanced_allowed="yes")  # type: ignore[arg-type]

    def test_rungs_must_get_harder(self):
        """A ladder whose rung is not harder than the one below is refused."""
        first, second, *_ = lp.build_ladder(lp.Athlete()).rungs
        flat = attrs.evolve(second, resistance_nm=first.resistance_nm)

        with pytest.raises(lp.ProgressionError) as info:
            lp.Ladder((first, flat))

        assert (
            "rung 1 resistance_nm must be above rung 0's 10.9 N·m (rungs get harder), got 10.9"
            == str(info.value)
        )

    @pytest.mark.parametrize("value", [0, -1.0, float("nan"), float("inf"), "10", True])
    def test_resistance_must_be_a_positive_number(self, value):
        """A rung's resistance is a finite number of N·m above 0."""
        rung = lp.build_ladder(lp.Athlete())[0]

        with pytest.raises(lp.ProgressionError, match=r"^resistance_nm must be a "):
            attrs.evolve(rung, resistance_nm=value)

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"variation": None}, "variation", "variation must be a Variation, got None"),
            ({"variation": "prone"}, "variation", "variation must be a Variation, got 'prone'"),
            ({"load": None}, "load", "load must be a Load, got None"),
            ({"load": "bodyweight"}, "load", "load must be a Load, got 'bodyweight'"),
        ],
    )
    def test_rung_needs_a_variation_and_a_load(self, changes, field, message):
        """A rung's variation must be a Variation and its load a Load."""
        rung = lp.build_ladder(lp.Athlete())[0]

        with pytest.raises(lp.ProgressionError) as info:
            attrs.evolve(rung, **changes)

        assert (field, message) == (info.value.field, str(info.value))

    @pytest.mark.parametrize(
        ("rungs", "message"),
        [
            ([1, 2], "rungs items must be Rung, got 1"),
            (["rung"], "rungs items must be Rung, got 'rung'"),
            (5, "rungs must be a sequence of Rung, got 5"),
            ([], "ladder must have at least one rung, got none"),
        ],
    )
    def test_ladder_needs_rungs(self, rungs, message):
        """A ladder holds one or more Rungs and nothing else."""
        with pytest.raises(lp.ProgressionError) as info:
            lp.Ladder(rungs)

        assert ("rungs", message) == (info.value.field, str(info.value))

    def test_rung_index_names_rungs(self):
        """A rung out of place is refused, naming the rungs field."""
        rungs = lp.build_ladder(lp.Athlete()).rungs

        with pytest.raises(lp.ProgressionError) as info:
            lp.Ladder(rungs[1:])

        assert ("rungs", "rung index must be 0, got 1") == (info.value.field, str(info.value))


# --------------------------------------------------------------------------- properties


class TestProperties:
    """Invariants over any athlete and role."""

    @given(athlete=athletes(), role=roles)
    def test_resistance_strictly_rises(self, athlete, role):
        """Rule 8: every rung is harder than the one below."""
        nms = [r.resistance_nm for r in lp.build_ladder(athlete, role)]

        assert all(a < b for a, b in itertools.pairwise(nms))

    @given(athlete=athletes(), role=roles)
    def test_resistance_is_the_model(self, athlete, role):
        """Each rung's resistance is the model's estimate for its variation, load and pause."""
        for rung in lp.build_ladder(athlete, role):
            assert estimate_nm(rung.variation, rung.load, rung.extra_hold) == rung.resistance_nm

    @given(athlete=athletes(), role=roles, threshold=st.floats(0.5, 100))
    def test_steps(self, athlete, role, threshold):
        """step_pct is the rise over the rung below; needs_bridge compares it with the threshold."""
        ladder = lp.build_ladder(athlete, role)

        assert ladder[0].step_pct is None
        for below, rung in itertools.pairwise(ladder):
            rise = round((rung.resistance_nm / below.resistance_nm - 1) * 100, 1)
            assert rise == rung.step_pct
            assert (rise > threshold) == rung.needs_bridge(threshold)
            changed = rung.load.is_external and rung.load != below.load
            assert changed == rung.is_load_step

    @given(athlete=athletes(), role=roles)
    def test_no_band_colour_skipped(self, athlete, role):
        """Rule 8: the band rungs are a run of the ladder colours with none skipped."""
        colours = [r.load.band for r in lp.build_ladder(athlete, role) if r.load.band is not None]
        if colours:
            first = LADDER_BANDS.index(colours[0])
            assert list(LADDER_BANDS[first : first + len(colours)]) == colours

    @given(athlete=athletes(), role=roles)
    def test_bands_follow_the_set_up(self, athlete, role):
        """Rule 9: every band rung is set up the athlete's way."""
        looped = {r.load.looped for r in lp.build_ladder(athlete, role) if r.load.band}

        assert looped <= {athlete.band_setup is lp.BandSetup.LOOPED}

    @given(athlete=athletes(), role=roles)
    def test_only_equipment_at_hand(self, athlete, role):
        """No rung needs equipment the athlete lacks."""
        ladder = lp.build_ladder(athlete, role)

        assert {r.load.equipment for r in ladder} <= athlete.equipment
        assert {r.variation.equipment for r in ladder} <= athlete.equipment

    @given(athlete=athletes(), role=roles)
    def test_cable_is_realistic(self, athlete, role):
        """Rules 8 and 10: first cable load ≤ 10 kg (20 lb), steps ≤ 5 kg (10 lb), at the handle."""
        cable = [r.load for r in lp.build_ladder(athlete, role) if r.load.equipment is E.CABLE]
        if cable:
            unit = cable[0].mass.unit
            step, first = CABLE_LIMITS[unit]
            assert effective(cable[0]) <= first
            assert all(effective(b) - effective(a) <= step for a, b in itertools.pairwise(cable))

    @given(athlete=athletes(), role=roles)
    def test_chains_are_contiguous(self, athlete, role):
        """Equipment chains come in order and never interleave."""
        order = ["standing", "band", "prone", "ankle_weights", "cable"]
        order += ["hyperextension_bench", "glute_ham_bench"]
        runs = [key for key, _ in itertools.groupby(map(chain_of, lp.build_ladder(athlete, role)))]

        assert sorted(runs, key=order.index) == runs
        assert len(set(runs)) == len(runs)

    @given(athlete=athletes(), role=roles)
    def test_neutral_athletes_get_neutral_variations(self, athlete, role):
        """Rules 23-24: neutral-capped variations exactly for those who must stay at neutral."""
        ladder = lp.build_ladder(athlete, role)
        capped = {r.variation.id.endswith("-to-neutral") for r in ladder}

        if stays_at_neutral(athlete):
            assert all(r.variation.end_range is EndRange.NEUTRAL for r in ladder)
            assert {True} == capped
        else:
            assert {False} == capped

    @given(athlete=athletes(), role=roles)
    def test_hip_never_bends_past_90(self, athlete, role):
        """Rule 23: no rung bends the hip past 90° (posterior and lateral approaches)."""
        assert all(r.variation.max_hip_flexion_deg <= 90 for r in lp.build_ladder(athlete, role))

    @given(athlete=athletes(), role=roles)
    def test_pregnancy_stays_standing(self, athlete, role):
        """Rule 22: in pregnancy, no prone rung and no ankle weights."""
        ladder = lp.build_ladder(athlete, role)
        if C.PREGNANCY in athlete.conditions:
            assert all(r.variation.position is not lp.Position.PRONE for r in ladder)
            assert all(r.load.equipment is not E.ANKLE_WEIGHTS for r in ladder)

    @given(athlete=athletes(), role=roles)
    def test_variations_are_in_the_catalog(self, athlete, role):
        """Every variation on a ladder is a catalog variation, so plans store it by id."""
        for rung in lp.build_ladder(athlete, role):
            assert rung.variation is CATALOG[rung.variation.id]

    @given(athlete=athletes(), role=roles)
    def test_starts_standing_at_bodyweight(self, athlete, role):
        """The easiest rung is the standing raise at bodyweight."""
        first = lp.build_ladder(athlete, role)[0]

        assert (lp.Position.STANDING, E.BODYWEIGHT, 0) == (
            first.variation.position,
            first.load.equipment,
            first.extra_hold,
        )

    @given(athlete=athletes(), role=roles)
    def test_benches_only_when_allowed(self, athlete, role):
        """Bench variations appear only on ladders that allow advanced variations."""
        ladder = lp.build_ladder(athlete, role)
        benches = any(r.variation.is_advanced for r in ladder)

        assert benches == ladder.advanced_allowed
