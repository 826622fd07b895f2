"""Tests for doses, tempo, rep ranges and time estimates (legraise_plan.prescription)."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.prescription import (
    MAX_REHAB_REP_SECONDS,
    ROLE_DOSES,
    SIDE_SWITCH_SECONDS,
    RoleDose,
    block_seconds,
    round_up_to_5_minutes,
    setup_seconds,
)
from tests import strategies as s


E = lp.Equipment
PRONE = lp.CATALOG["prone-hip-extension"]
STANDING = lp.CATALOG["standing-hip-extension"]
BAND = lp.CATALOG["standing-band-hip-extension"]
ANKLE = lp.CATALOG["standing-ankle-weight-hip-extension"]
CABLE = lp.CATALOG["cable-standing-hip-extension"]
SECONDS = dt.timedelta(seconds=1)


def dose(
    sets: int,
    reps: int,
    tempo: str,
    rest: int,
    *,
    variation: lp.Variation = STANDING,
    load: lp.Load | None = None,
) -> lp.Prescription:
    """A prescription written the way the time-estimate table of rule 19 writes it."""
    return lp.Prescription(
        variation=variation,
        load=load or lp.Load.bodyweight(),
        sets=sets,
        reps=reps,
        tempo=lp.Tempo.parse(tempo),
        rest=rest * SECONDS,
    )


class TestRole:
    def test_values_and_labels(self):
        """Roles serialise as snake_case and read as hyphenated labels."""
        assert [
            ("warm_up", "warm-up"),
            ("accessory", "accessory"),
            ("full_body", "full-body"),
            ("rehab", "rehab"),
        ] == [(r.value, r.label) for r in lp.Role]


class TestRepRange:
    def test_str(self):
        """A range prints as low-high, a single count as one number."""
        assert ("10-15", "12") == (str(lp.RepRange(10, 15)), str(lp.RepRange(12, 12)))

    @given(rep_range=s.rep_ranges())
    def test_parse_round_trips_str(self, rep_range):
        """parse(str(r)) gives r back."""
        assert rep_range == lp.RepRange.parse(str(rep_range))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("10-15", lp.RepRange(10, 15)),
            ("12", lp.RepRange(12, 12)),
            (" 8-12 ", lp.RepRange(8, 12)),
        ],
    )
    def test_parse_good_input(self, text, expected):
        """'10-15' and '12' (and surrounding space) parse."""
        assert expected == lp.RepRange.parse(text)

    @pytest.mark.parametrize("text", ["", "a", "-5", "10-15-20", "10–15", "1.5", "²"])
    def test_parse_bad_input(self, text):
        """Text that is not 'low-high' or one count raises an error showing the format."""
        with pytest.raises(lp.PrescriptionError) as info:
            lp.RepRange.parse(text)

        assert f"rep range must look like 10-15 or 12, got {text!r}" == str(info.value)

    @pytest.mark.parametrize("text", ["15-10", "0-5", "10-51"])
    def test_parse_out_of_range(self, text):
        """Well-formed but out-of-range text raises a PrescriptionError."""
        with pytest.raises(lp.PrescriptionError):
            lp.RepRange.parse(text)

    @given(text=st.text(max_size=8))
    def test_parse_never_raises_anything_else(self, text):
        """Any text parses to a RepRange or raises a PrescriptionError."""
        try:
            result = lp.RepRange.parse(text)
        except lp.PrescriptionError:
            return
        assert isinstance(result, lp.RepRange)

    @given(rep_range=s.rep_ranges(), reps=st.integers(-5, 60))
    def test_contains(self, rep_range, reps):
        """A rep count is in the range when low <= reps <= high."""
        assert (rep_range.low <= reps <= rep_range.high) == (reps in rep_range)

    def test_contains_only_whole_numbers(self):
        """Text and fractions are never in a range."""
        assert "12" not in lp.RepRange(10, 15)
        assert 12.5 not in lp.RepRange(10, 15)

    @given(case=s.invalid_rep_range_fields())
    def test_invalid_names_the_field(self, case):
        """Crossed or out-of-range bounds raise a PrescriptionError naming low or high."""
        field, kwargs = case

        with pytest.raises(lp.PrescriptionError) as info:
            lp.RepRange(**kwargs)

        message = str(info.value)
        assert re.search(rf"\b{field}\b.* must ", message), message

    @pytest.mark.parametrize(
        ("low", "high", "message"),
        [
            (15, 10, "rep range low must be at most high, got 15-10"),
            (0, 10, "low must be 1..50, got 0"),
            (10, 51, "high must be 1..50, got 51"),
        ],
    )
    def test_invalid_messages(self, low, high, message):
        """Messages give the rule and the value: low <= high, both 1..50."""
        with pytest.raises(lp.PrescriptionError) as info:
            lp.RepRange(low, high)

        assert message == str(info.value)


class TestTempo:
    @pytest.mark.parametrize(
        ("text", "expected", "seconds"),
        [
            ("1-1-1", lp.Tempo(1, 1, 1), 3),
            ("2-1-2", lp.Tempo(2, 1, 2), 5),
            ("3-2-3", lp.Tempo(3, 2, 3), 8),
            (" 2-0-3 ", lp.Tempo(2, 0, 3), 5),
            ("10-60-10", lp.Tempo(10, 60, 10), 80),
        ],
    )
    def test_parse_and_rep_seconds(self, text, expected, seconds):
        """'lift-hold-lower' parses; a rep takes the sum (§7: 1-1-1 is 3 s, 3-2-3 is 8 s)."""
        tempo = lp.Tempo.parse(text)

        assert expected == tempo
        assert seconds == tempo.rep_seconds

    @given(tempo=s.tempos())
    def test_parse_round_trips_str(self, tempo):
        """parse(str(t)) gives t back."""
        assert tempo == lp.Tempo.parse(str(tempo))

    def test_str_stays_compact(self):
        """str() stays the bare lift-hold-lower triple that JSON and the CLI parse."""
        assert "2-1-2" == str(lp.Tempo(2, 1, 2))

    @pytest.mark.parametrize(
        ("tempo", "text"),
        [
            (lp.Tempo(2, 1, 2), "2-1-2 (2 s up, 1 s hold at the top, 2 s down)"),
            (lp.Tempo(1, 1, 1), "1-1-1 (1 s up, 1 s hold at the top, 1 s down)"),
            (lp.Tempo(3, 2, 3), "3-2-3 (3 s up, 2 s hold at the top, 3 s down)"),
            (lp.Tempo(2, 0, 3), "2-0-3 (2 s up, no hold at the top, 3 s down)"),
        ],
    )
    def test_describe(self, tempo, text):
        """Rule 19 and §7: a tempo for people says what each number means, in seconds."""
        assert text == tempo.describe()

    @given(tempo=s.tempos())
    def test_describe_seconds_add_up(self, tempo):
        """The seconds a description states add up to the rep's duration."""
        words = tempo.describe().removeprefix(str(tempo))
        stated = [int(n) for n in re.findall(r"(\d+) s ", words)]

        assert tempo.rep_seconds == sum(stated)
        assert words.startswith(" (")

    @pytest.mark.parametrize(
        "text", ["", "2-1", "2-1-2-0", "a-1-2", "2--2", "-1-1-1", "1.5-1-1", "2 1 2", "2-1-2-"]
    )
    def test_parse_bad_format(self, text):
        """Text that is not three whole numbers joined by '-' raises, showing the format."""
        with pytest.raises(lp.PrescriptionError) as info:
            lp.Tempo.parse(text)

        assert f"tempo must be lift-hold-lower seconds like 2-1-2, got {text!r}" == str(info.value)

    @pytest.mark.parametrize(
        ("text", "field"), [("0-1-1", "lift"), ("1-61-1", "hold"), ("1-1-11", "lower")]
    )
    def test_parse_out_of_range(self, text, field):
        """Well-formed but out-of-range tempos raise a PrescriptionError naming the part."""
        with pytest.raises(lp.PrescriptionError, match=rf"^{field} must be "):
            lp.Tempo.parse(text)

    def test_parse_superscript_digits(self):
        """Digits Python's int() cannot read, such as '²', raise a PrescriptionError."""
        with pytest.raises(lp.PrescriptionError):
            lp.Tempo.parse("²-1-2")

    @given(
        text=st.lists(
            st.sampled_from(["1", "2", "12", "²", "٣", " 3", "", "x"]), min_size=3, max_size=3
        ).map("-".join)
        | st.text(max_size=8)
    )
    def test_parse_never_raises_anything_else(self, text):
        """Any text parses to a Tempo or raises a PrescriptionError."""
        try:
            result = lp.Tempo.parse(text)
        except lp.PrescriptionError:
            return
        assert isinstance(result, lp.Tempo)

    @given(case=s.invalid_tempo_fields())
    def test_invalid_names_the_field(self, case):
        """Out-of-range parts raise a PrescriptionError naming lift, hold or lower."""
        field, kwargs = case

        with pytest.raises(lp.PrescriptionError) as info:
            lp.Tempo(**kwargs)

        assert str(info.value).startswith(f"{field} must be ")

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"lift": 0, "hold": 1, "lower": 1}, "lift must be 1..10, got 0"),
            ({"lift": 1, "hold": 61, "lower": 1}, "hold must be 0..60, got 61"),
            ({"lift": 1, "hold": 1, "lower": 11}, "lower must be 1..10, got 11"),
            ({"lift": 1.5, "hold": 1, "lower": 1}, "lift must be a whole number 1..10, got 1.5"),
        ],
    )
    def test_invalid_messages(self, kwargs, message):
        """Messages give the allowed range and the value."""
        with pytest.raises(lp.PrescriptionError) as info:
            lp.Tempo(**kwargs)

        assert message == str(info.value)


class TestTimeEstimate:
    @pytest.mark.parametrize(
        ("prescription", "seconds"),
        [
            (dose(2, 12, "1-1-1", 30, variation=PRONE), 204),
            (dose(3, 12, "2-1-2", 60), 525),
            (dose(4, 15, "2-1-2", 60), 840),
            (dose(3, 10, "3-2-3", 60, variation=PRONE), 645),
        ],
        ids=["warm-up", "accessory", "accessory-high", "rehab"],
    )
    def test_training_rules_table(self, prescription, seconds):
        """The §7 table: warm-up 204 s, accessory 525 s, accessory high 840 s, rehab 645 s."""
        assert seconds == prescription.seconds
        assert dt.timedelta(seconds=seconds) == prescription.duration

    @pytest.mark.parametrize(
        ("variation", "load", "extra"),
        [
            (BAND, lp.Load.band_of(lp.BandColour.RED), 30),
            (BAND, lp.Load.band_of(lp.BandColour.GOLD, looped=True), 30),
            (CABLE, lp.Load.cable(lp.Mass(10)), 60),
            (ANKLE, lp.Load.ankle(lp.Mass(1)), 0),
            (ANKLE, lp.Load.ankle(lp.Mass(2)), 0),
        ],
    )
    def test_setup_time(self, variation, load, extra):
        """A band adds 30 s of setup and a cable 60 s; other equipment adds none."""
        bare = dose(3, 12, "2-1-2", 60)

        loaded = attrs.evolve(bare, variation=variation, load=load)

        assert bare.seconds + extra == loaded.seconds
        assert extra == setup_seconds(load.equipment)

    @given(prescription=s.prescriptions())
    def test_one_more_set_adds_a_set_and_a_rest(self, prescription):
        """Each extra set adds both legs' reps, one side switch and one rest (rule 19)."""
        assume(prescription.sets < 10)
        rep_s = prescription.tempo.rep_seconds
        rest_s = int(prescription.rest.total_seconds())
        legs, switch = (1, 0) if prescription.variation.bilateral else (2, 15)

        more = attrs.evolve(prescription, sets=prescription.sets + 1)

        assert legs * prescription.reps * rep_s + switch + rest_s == (
            more.seconds - prescription.seconds
        )

    @given(prescription=s.prescriptions())
    def test_one_more_rep_adds_a_rep_per_leg_per_set(self, prescription):
        """Each extra rep per leg adds two reps' time to every set (one for a two-legged move)."""
        assume(prescription.reps < 50)
        legs = 1 if prescription.variation.bilateral else 2

        more = attrs.evolve(prescription, reps=prescription.reps + 1)

        assert legs * prescription.sets * prescription.tempo.rep_seconds == (
            more.seconds - prescription.seconds
        )

    @given(prescription=s.prescriptions())
    def test_single_set_has_no_rest(self, prescription):
        """One set costs no rest: only reps, the side switch and setup."""
        single = attrs.evolve(prescription, sets=1)

        assert single.seconds == attrs.evolve(single, rest=dt.timedelta(0)).seconds

    def test_block_seconds_formula(self):
        """block_seconds applies rule 19 with a 15 s side switch."""
        assert 15 == SIDE_SWITCH_SECONDS
        assert 525 + 60 == block_seconds(sets=3, reps=12, rep_seconds=5, rest_seconds=60, setup=60)

    def test_two_legged_moves_count_reps_once(self):
        """The bench variations work both legs at once: 3 × 12 is 36 reps, no side switch."""
        ghr = lp.CATALOG["glute-ham-raise"]
        rx = attrs.evolve(
            dose(3, 12, "2-1-2", 60), variation=ghr, load=lp.Load.bodyweight(E.GLUTE_HAM_BENCH)
        )

        assert (3 * 12 * 5 + 2 * 60, "3×12 · bodyweight") == (rx.seconds, rx.summary)
        assert "3×12/leg · bodyweight" == dose(3, 12, "2-1-2", 60).summary


class TestRoundUpTo5Minutes:
    @pytest.mark.parametrize(
        ("seconds", "minutes"),
        [
            (-10, 5),
            (0, 5),
            (1, 5),
            (204, 5),
            (300, 5),
            (300.5, 10),
            (301, 10),
            (525, 10),
            (645, 15),
            (840, 15),
            (900, 15),
            (901, 20),
        ],
    )
    def test_examples(self, seconds, minutes):
        """Sessions round up to whole 5-minute steps, never below 5 minutes."""
        assert dt.timedelta(minutes=minutes) == round_up_to_5_minutes(seconds)

    @given(seconds=st.floats(min_value=0.001, max_value=10**6))
    def test_smallest_5_minute_step_that_fits(self, seconds):
        """The result is a multiple of 5 min, at least the time given and less than 5 min more."""
        rounded = round_up_to_5_minutes(seconds)

        assert dt.timedelta(0) == rounded % dt.timedelta(minutes=5)
        assert seconds <= rounded.total_seconds() < seconds + 300


class TestPrescription:
    def test_volume_and_summary(self):
        """3 × 12 per leg with a green band has a volume of 36 and a compact summary."""
        load = lp.Load.band_of("green")
        prescription = dose(3, 12, "2-1-2", 60, variation=BAND, load=load)

        assert 36 == prescription.volume
        assert f"3×12/leg · {load.label}" == prescription.summary
        assert load.label.startswith("band green")

    def test_default_reps_in_reserve(self):
        """Without rir, a dose leaves two reps in reserve."""
        assert 2 == dose(3, 12, "2-1-2", 60).rir

    @given(prescription=s.prescriptions())
    def test_valid_prescriptions_are_values(self, prescription):
        """Prescriptions are frozen, equal to a copy and hashable."""
        assert prescription == attrs.evolve(prescription)
        assert hash(prescription) == hash(attrs.evolve(prescription))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            prescription.sets = 1  # type: ignore[misc]

    @given(variation=s.variations, load=s.loads())
    def test_load_must_fit_the_variation(self, variation, load):
        """A load is accepted exactly when it uses the variation's equipment."""
        kwargs = s.valid_prescription_kwargs() | {"variation": variation, "load": load}

        if load.equipment is variation.equipment:
            assert load == lp.Prescription(**kwargs).load
        else:
            with pytest.raises(lp.PrescriptionError, match=r"^load must use "):
                lp.Prescription(**kwargs)


class TestInvalidPrescription:
    @given(case=s.invalid_prescription_fields())
    def test_raises_prescription_error(self, case):
        """Every invalid prescription raises a PrescriptionError, which is a LegraisePlanError."""
        _field, kwargs = case

        with pytest.raises(lp.PrescriptionError):
            lp.Prescription(**kwargs)

    @given(case=s.invalid_prescription_fields())
    def test_message_names_the_field_and_the_rule(self, case):
        """The message names the bad field and says what it must be."""
        field, kwargs = case

        with pytest.raises(lp.LegraisePlanError) as info:
            lp.Prescription(**kwargs)

        message = str(info.value)
        assert message.startswith(f"{field} must "), message

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"sets": 0}, "sets must be 1..10, got 0"),
            ({"sets": 11}, "sets must be 1..10, got 11"),
            ({"reps": 0}, "reps must be 1..50, got 0"),
            ({"reps": 51}, "reps must be 1..50, got 51"),
            ({"rir": 11}, "rir must be 0..10, got 11"),
            ({"rest": -1 * SECONDS}, "rest must be between 0 s and 600 s, got -1 s"),
            ({"rest": 601 * SECONDS}, "rest must be between 0 s and 600 s, got 601 s"),
            ({"rest": 60}, "rest must be a timedelta, got 60"),
            ({"tempo": "2-1-2"}, "tempo must be a Tempo, got '2-1-2'"),
            (
                {"load": lp.Load.bodyweight()},
                "load must use band for standing-band-hip-extension, got bodyweight",
            ),
            ({"load": "band red"}, "load must be a Load, got 'band red'"),
        ],
    )
    def test_messages_say_what_is_allowed(self, changes, message):
        """Messages give the allowed range or kind and the value given."""
        with pytest.raises(lp.PrescriptionError) as info:
            lp.Prescription(**(s.valid_prescription_kwargs() | changes))

        assert message == str(info.value)

    @pytest.mark.parametrize("rest", [0, 600])
    def test_rest_limits_are_inclusive(self, rest):
        """No rest and exactly ten minutes of rest are both allowed."""
        kwargs = s.valid_prescription_kwargs() | {"rest": rest * SECONDS}

        assert rest * SECONDS == lp.Prescription(**kwargs).rest


class TestRoleDoses:
    def test_every_role_has_a_dose(self):
        """Each role has exactly one dose."""
        assert set(lp.Role) == set(ROLE_DOSES)

    def test_warm_up_rule_1(self):
        """Warm-up: 1-2 sets × 10-15/leg, tempo 1-1-1, rest ≤ 30 s, at least 4 reps in reserve."""
        warm_up = ROLE_DOSES[lp.Role.WARM_UP]

        assert lp.RepRange(10, 15) == warm_up.rep_range
        assert warm_up.heavy_rep_range is None
        assert 1 <= warm_up.base_sets <= warm_up.max_sets <= 2
        assert lp.Tempo(1, 1, 1) == warm_up.tempo
        assert warm_up.rest <= 30 * SECONDS
        assert warm_up.rir >= 4

    def test_accessory_rule_2(self):
        """Accessory: 2-4 sets × 10-15/leg (8-12 heavy), tempo 2-1-2, rest 45-90 s, 1-3 RIR."""
        accessory = ROLE_DOSES[lp.Role.ACCESSORY]

        assert lp.RepRange(10, 15) == accessory.rep_range
        assert lp.RepRange(8, 12) == accessory.heavy_rep_range
        assert 2 <= accessory.base_sets <= accessory.max_sets <= 4
        assert lp.Tempo(2, 1, 2) == accessory.tempo
        assert 45 * SECONDS <= accessory.rest <= 90 * SECONDS
        assert 1 <= accessory.rir <= 3

    def test_full_body_rule_3(self):
        """Full body: 2-3 sets × 12-15/leg, rest ≤ 60 s."""
        full_body = ROLE_DOSES[lp.Role.FULL_BODY]

        assert lp.RepRange(12, 15) == full_body.rep_range
        assert 2 <= full_body.base_sets <= full_body.max_sets <= 3
        assert full_body.rest <= 60 * SECONDS

    def test_rehab_rule_4(self):
        """Rehab: 2-3 sets × 8-12/leg, tempo 3-2-3."""
        rehab = ROLE_DOSES[lp.Role.REHAB]

        assert lp.RepRange(8, 12) == rehab.rep_range
        assert 2 <= rehab.base_sets <= rehab.max_sets <= 3
        assert lp.Tempo(3, 2, 3) == rehab.tempo

    @pytest.mark.parametrize("role", list(lp.Role))
    def test_doses_are_valid_prescriptions(self, role):
        """Every role's base and top dose can be prescribed."""
        role_dose = ROLE_DOSES[role]
        for sets, reps in [
            (role_dose.base_sets, role_dose.rep_range.low),
            (role_dose.max_sets, role_dose.rep_range.high),
        ]:
            prescription = lp.Prescription(
                variation=PRONE,
                load=lp.Load.bodyweight(),
                sets=sets,
                reps=reps,
                tempo=role_dose.tempo,
                rest=role_dose.rest,
                rir=role_dose.rir,
            )
            assert sets * reps == prescription.volume

    def test_warm_up_block_fits_5_minutes(self):
        """Rule 1: the largest warm-up block takes at most 5 minutes."""
        warm_up = ROLE_DOSES[lp.Role.WARM_UP]
        seconds = block_seconds(
            sets=warm_up.max_sets,
            reps=warm_up.rep_range.high,
            rep_seconds=warm_up.tempo.rep_seconds,
            rest_seconds=int(warm_up.rest.total_seconds()),
            setup=setup_seconds(E.BAND),
        )

        assert seconds <= 300

    @pytest.mark.parametrize(
        ("role", "min_sets", "min_rir"),
        [
            (lp.Role.WARM_UP, 1, 4),
            (lp.Role.ACCESSORY, 2, 1),
            (lp.Role.FULL_BODY, 2, 1),
            (lp.Role.REHAB, 2, 2),
        ],
    )
    def test_minimum_sets_and_reps_in_reserve(self, role, min_sets, min_rir):
        """Rules 1-4: the fewest sets outside deloads, and the fewest RIR that may progress."""
        role_dose = ROLE_DOSES[role]

        assert (min_sets, min_rir) == (role_dose.min_sets, role_dose.min_rir)

    @pytest.mark.parametrize("role", [lp.Role.FULL_BODY, lp.Role.REHAB])
    def test_full_body_and_rehab_never_one_set(self, role):
        """Rules 3 and 4: full-body and rehab work is at least 2 sets outside deload weeks."""
        assert 2 <= ROLE_DOSES[role].min_sets

    def test_rehab_reps_at_most_10_seconds(self):
        """Rule 4 with §7: a rehab rep takes 10 s at most, and the dose says so."""
        rehab = ROLE_DOSES[lp.Role.REHAB]

        assert 10 == MAX_REHAB_REP_SECONDS == rehab.max_rep_seconds
        assert rehab.tempo.rep_seconds <= MAX_REHAB_REP_SECONDS

    @pytest.mark.parametrize("role", [lp.Role.WARM_UP, lp.Role.ACCESSORY, lp.Role.FULL_BODY])
    def test_other_roles_have_no_rep_time_cap(self, role):
        """Only rehab caps the length of a rep."""
        assert ROLE_DOSES[role].max_rep_seconds is None

    @pytest.mark.parametrize(
        ("extra", "tempo"),
        [(0, lp.Tempo(3, 2, 3)), (1, lp.Tempo(3, 3, 3)), (2, lp.Tempo(3, 4, 3))],
    )
    def test_rehab_tempo_with_hold(self, extra, tempo):
        """Up to 2 extra seconds of top hold keep a 3-2-3 rehab rep within 10 s."""
        assert tempo == ROLE_DOSES[lp.Role.REHAB].tempo_with_hold(extra)

    def test_rehab_tempo_past_10_seconds_raises(self):
        """Rule 4: a rehab tempo whose rep would take 11 s raises, naming the limit."""
        with pytest.raises(lp.PrescriptionError) as info:
            ROLE_DOSES[lp.Role.REHAB].tempo_with_hold(3)

        assert (
            "tempo must take at most 10 s per rep (lift + hold + lower) in this dose, "
            "got 3-5-3 (11 s)"
        ) == str(info.value)
        assert "tempo" == info.value.field

    @given(role=st.sampled_from(lp.Role), extra=st.integers(0, 50))
    def test_tempo_with_hold_property(self, role, extra):
        """An extra hold lengthens only the hold, or raises when the rep passes the dose's cap."""
        role_dose = ROLE_DOSES[role]
        cap = role_dose.max_rep_seconds
        base = role_dose.tempo

        if cap is not None and base.rep_seconds + extra > cap:
            with pytest.raises(lp.PrescriptionError, match=r"^tempo must take at most "):
                role_dose.tempo_with_hold(extra)
        else:
            expected = lp.Tempo(base.lift, base.hold + extra, base.lower)
            assert expected == role_dose.tempo_with_hold(extra)

    @pytest.mark.parametrize("extra", [-1, 61, 1.5, True, "2"])
    def test_tempo_with_hold_bad_input(self, extra):
        """An extra hold must be whole seconds 0..60."""
        with pytest.raises(lp.PrescriptionError) as info:
            ROLE_DOSES[lp.Role.ACCESSORY].tempo_with_hold(extra)

        assert f"extra_hold must be a whole number of seconds 0..60, got {extra!r}" == str(
            info.value
        )

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"tempo": lp.Tempo(4, 3, 4)},
                (
                    "tempo must take at most 10 s per rep (lift + hold + lower) in this dose, "
                    "got 4-3-4 (11 s)"
                ),
            ),
            ({"max_rep_seconds": 2}, "max_rep_seconds must be 3..80, got 2"),
            ({"max_rep_seconds": 1.5}, "max_rep_seconds must be a whole number 3..80, got 1.5"),
            (
                {"min_sets": 3},
                "base_sets must be from min_sets 3 to max_sets 3, got 2",
            ),
            (
                {"base_sets": 3, "max_sets": 2},
                "base_sets must be from min_sets 2 to max_sets 2, got 3",
            ),
            ({"min_rir": 4}, "min_rir must be at most rir (3), got 4"),
            ({"min_sets": 0}, "min_sets must be 1..10, got 0"),
        ],
    )
    def test_invalid_role_dose(self, changes, message):
        """A dose whose limits contradict each other raises a PrescriptionError saying why."""
        with pytest.raises(lp.PrescriptionError) as info:
            attrs.evolve(ROLE_DOSES[lp.Role.REHAB], **changes)

        assert message == str(info.value)

    def test_role_dose_is_a_value(self):
        """A RoleDose is frozen and equal to a copy."""
        rehab = ROLE_DOSES[lp.Role.REHAB]

        assert rehab == attrs.evolve(rehab)
        assert isinstance(rehab, RoleDose)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            rehab.min_sets = 1  # type: ignore[misc]

    def test_doses_cannot_be_changed_globally(self):
        """ROLE_DOSES is read-only: one caller cannot change every later plan's doses."""
        with pytest.raises(TypeError):
            ROLE_DOSES[lp.Role.WARM_UP] = ROLE_DOSES[lp.Role.REHAB]  # type: ignore[index]
