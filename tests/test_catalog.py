"""Tests for the exercise catalog (legraise_plan.catalog)."""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import legraise_plan as lp
from legraise_plan.catalog import EndRange, neutral_version
from tests import strategies as s


M = lp.Muscle
E = lp.Equipment
END = EndRange

#: The stable ids, easiest first, each neutral-capped version after its variation.  Stored
#: plans refer to these: never change them.
IDS = [
    "standing-hip-extension",
    "standing-hip-extension-to-neutral",
    "standing-ankle-weight-hip-extension",
    "standing-band-hip-extension",
    "standing-band-hip-extension-to-neutral",
    "prone-hip-extension",
    "prone-hip-extension-to-neutral",
    "prone-ankle-weight-hip-extension",
    "prone-ankle-weight-hip-extension-to-neutral",
    "cable-standing-hip-extension",
    "cable-standing-hip-extension-to-neutral",
    "glute-hyperextension-45",
    "glute-ham-raise",
]
#: The ids of the first release, which stored plans may hold.
FIRST_IDS = {
    "prone-hip-extension",
    "standing-hip-extension",
    "standing-band-hip-extension",
    "standing-ankle-weight-hip-extension",
    "cable-standing-hip-extension",
    "glute-hyperextension-45",
    "glute-ham-raise",
}
#: Each variation that goes past neutral, and its neutral-capped version (rule 24).
NEUTRAL_VERSIONS = {
    "standing-hip-extension": "standing-hip-extension-to-neutral",
    "standing-band-hip-extension": "standing-band-hip-extension-to-neutral",
    "prone-hip-extension": "prone-hip-extension-to-neutral",
    "prone-ankle-weight-hip-extension": "prone-ankle-weight-hip-extension-to-neutral",
    "cable-standing-hip-extension": "cable-standing-hip-extension-to-neutral",
}
#: Cue wording that sends the leg past hip neutral.
PAST_NEUTRAL = re.compile(
    r"hand's width|slightly up|as high|higher than|past neutral|pelvis would have to tip",
    re.IGNORECASE,
)
HAMSTRINGS = {M.BICEPS_FEMORIS, M.SEMITENDINOSUS, M.SEMIMEMBRANOSUS}
SEED = Path(__file__).parents[2] / "shared" / "seed" / "backward-leg-raises.txt"
VARIATIONS = list(lp.CATALOG.values())


def by_role(variation: lp.Variation, role: lp.MuscleRole) -> set[lp.Muscle]:
    """The muscles a variation lists in ``role``."""
    return {work.muscle for work in variation.muscles if work.role is role}


def texts(variation: lp.Variation) -> list[str]:
    """Every piece of coaching text a variation carries."""
    return [
        variation.name,
        *variation.setup,
        *variation.execution,
        variation.breathing,
        *variation.mistakes,
        *variation.safety,
        *variation.contraindications,
    ]


def words(text: str) -> list[str]:
    """Lowercase words with punctuation stripped."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words in ``text``."""
    ws = words(text)
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def cues(variation: lp.Variation) -> list[str]:
    """The setup and execution cues of a variation."""
    return [*variation.setup, *variation.execution]


class TestIds:
    def test_ids_are_stable_and_in_ladder_order(self):
        """The built-in ids are exactly these, in this order."""
        assert IDS == list(lp.CATALOG)
        assert IDS == [v.id for v in lp.CATALOG.variations]

    def test_first_release_ids_are_kept(self):
        """Every id of the first release still names a variation, so stored plans load."""
        assert FIRST_IDS <= set(lp.CATALOG)

    def test_ids_are_unique(self):
        """No two variations share an id."""
        assert len(IDS) == len(lp.CATALOG) == len({v.id for v in VARIATIONS})

    @pytest.mark.parametrize("variation", VARIATIONS, ids=IDS)
    def test_ids_are_lowercase_slugs(self, variation):
        """Ids are lowercase ASCII words joined by hyphens, safe in URLs and UIDs."""
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", variation.id)


class TestLookup:
    @pytest.mark.parametrize("variation_id", IDS)
    def test_by_id(self, variation_id):
        """CATALOG[id] and get_variation(id) return the same variation with that id."""
        variation = lp.CATALOG[variation_id]

        assert variation_id == variation.id
        assert variation is lp.get_variation(variation_id)

    def test_unknown_id_lists_the_known_ids(self):
        """An unknown id raises a CatalogError that names it and lists every known id."""
        with pytest.raises(lp.CatalogError) as info:
            lp.get_variation("backward-leg-swing")

        message = str(info.value)
        assert message.startswith("variation must be one of ")
        assert "'backward-leg-swing'" in message
        assert all(variation_id in message for variation_id in IDS)

    def test_unknown_id_is_a_lookup_error(self):
        """Callers may catch an unknown id as LookupError."""
        with pytest.raises(LookupError):
            lp.CATALOG["nope"]

    def test_membership(self):
        """`in` answers True for a known id and False for an unknown one, without raising."""
        assert "prone-hip-extension" in lp.CATALOG
        assert "nope" not in lp.CATALOG

    def test_get_with_default(self):
        """Mapping.get returns the default for an unknown id instead of raising."""
        assert lp.CATALOG.get("nope") is None
        assert lp.CATALOG["glute-ham-raise"] is lp.CATALOG.get("glute-ham-raise")

    def test_is_a_read_only_mapping(self):
        """The catalog is a mapping of id to variation that cannot be changed in place."""
        assert dict(zip(IDS, VARIATIONS, strict=True)) == dict(lp.CATALOG.items())
        with pytest.raises(TypeError):
            lp.CATALOG["new"] = VARIATIONS[0]  # type: ignore[index]


class TestContent:
    @pytest.mark.parametrize("variation", VARIATIONS, ids=IDS)
    def test_every_variation_can_be_coached(self, variation):
        """Each variation has cues, breathing, mistakes, safety notes and contraindications."""
        for field in ("setup", "execution", "mistakes", "safety", "contraindications"):
            items = getattr(variation, field)
            assert isinstance(items, tuple), field
            assert items, field
            assert all(isinstance(t, str) and t.strip() for t in items), field
        assert variation.breathing.strip()
        assert variation.name.strip()

    @pytest.mark.parametrize("variation", VARIATIONS, ids=IDS)
    def test_primary_movers_are_the_glute_and_hamstrings(self, variation):
        """The prime movers are gluteus maximus and the three hamstrings (seed: Primary Movers)."""
        assert {M.GLUTEUS_MAXIMUS} | HAMSTRINGS == set(variation.primary_muscles)

    @pytest.mark.parametrize("variation", VARIATIONS, ids=IDS)
    def test_synergists_and_stabilisers(self, variation):
        """Erector spinae assists; transverse abdominis and obliques steady the trunk."""
        assert {M.ERECTOR_SPINAE} == by_role(variation, lp.MuscleRole.SYNERGIST)
        assert {M.TRANSVERSE_ABDOMINIS, M.OBLIQUES} <= by_role(variation, lp.MuscleRole.STABILISER)

    @pytest.mark.parametrize(
        "variation", [v for v in VARIATIONS if v.position is lp.Position.STANDING]
    )
    def test_standing_variations_steady_the_pelvis(self, variation):
        """Standing variations add gluteus medius and minimus as pelvis stabilisers."""
        assert {M.GLUTEUS_MEDIUS, M.GLUTEUS_MINIMUS} <= by_role(variation, lp.MuscleRole.STABILISER)

    @pytest.mark.parametrize("variation", VARIATIONS, ids=IDS)
    def test_each_muscle_has_one_role(self, variation):
        """A muscle appears at most once in a variation."""
        muscles = [work.muscle for work in variation.muscles]

        assert len(set(muscles)) == len(muscles)

    def test_advanced_variations_are_flagged(self):
        """Only the 45° hyperextension and the glute-ham raise are advanced."""
        advanced = [v.id for v in VARIATIONS if v.is_advanced]

        assert ["glute-hyperextension-45", "glute-ham-raise"] == advanced

    def test_advanced_variations_come_last(self):
        """The ladder order puts every advanced variation after the others."""
        flags = [v.is_advanced for v in VARIATIONS]

        assert sorted(flags) == flags

    @pytest.mark.parametrize("variation", VARIATIONS, ids=IDS)
    def test_key_cues_are_execution_cues(self, variation):
        """The key cues are one to three of the execution cues, in order."""
        cues = variation.key_cues

        assert 1 <= len(cues) <= 3
        assert cues == variation.execution[: len(cues)]

    @pytest.mark.parametrize("variation", VARIATIONS, ids=IDS)
    def test_safety_says_stop_on_sharp_pain(self, variation):
        """Every variation tells the athlete to stop on sharp pain."""
        assert any("sharp pain" in note.lower() for note in variation.safety)

    @pytest.mark.parametrize(
        "variation_id", ["standing-band-hip-extension", "standing-band-hip-extension-to-neutral"]
    )
    def test_band_variations_warn_about_worn_bands(self, variation_id):
        """The band variations say to check the band for damage."""
        safety = " ".join(lp.CATALOG[variation_id].safety).lower()

        assert "nick" in safety

    def test_prone_ankle_weights(self):
        """Ankle weights have a prone variation, trunk-supported, which loads the hip most."""
        variation = lp.CATALOG["prone-ankle-weight-hip-extension"]

        assert (lp.Position.PRONE, E.ANKLE_WEIGHTS) == (variation.position, variation.equipment)
        assert any("supported" in note for note in variation.safety)


class TestEndRange:
    def test_values(self):
        """End ranges are stored as these strings."""
        assert ["neutral", "slight_extension"] == [e.value for e in END]

    def test_neutral_capped_variations(self):
        """Neutral-capped versions and the benches stop at neutral; the rest go a little past."""
        neutral = {v.id for v in VARIATIONS if v.end_range is END.NEUTRAL}

        assert {*NEUTRAL_VERSIONS.values(), "glute-hyperextension-45", "glute-ham-raise"} == neutral

    @pytest.mark.parametrize(("base", "capped"), NEUTRAL_VERSIONS.items())
    def test_neutral_version(self, base, capped):
        """Each raise that goes past neutral has a neutral-capped twin with the same equipment."""
        variation = lp.CATALOG[base]
        twin = neutral_version(variation)

        assert capped == twin.id
        assert (variation.position, variation.equipment) == (twin.position, twin.equipment)

    @pytest.mark.parametrize("variation", [v for v in VARIATIONS if v.end_range is END.NEUTRAL])
    def test_neutral_variation_is_its_own_version(self, variation):
        """A variation that already stops at neutral is its own neutral-capped version."""
        assert variation is neutral_version(variation)

    def test_no_neutral_version(self):
        """Standing ankle weights have no neutral version; the error names the variation."""
        with pytest.raises(lp.CatalogError) as info:
            neutral_version(lp.CATALOG["standing-ankle-weight-hip-extension"])

        message = str(info.value)
        assert message.startswith("variation must stop at neutral or have a neutral-capped ")
        assert message.endswith("got 'standing-ankle-weight-hip-extension'")

    @pytest.mark.parametrize("capped", NEUTRAL_VERSIONS.values())
    def test_neutral_cues_stop_in_line_with_the_body(self, capped):
        """Rule 24: neutral-capped cues stop the leg in line with the body, never past it."""
        said = cues(lp.CATALOG[capped])

        assert [] == [cue for cue in said if PAST_NEUTRAL.search(cue)]
        assert any("lines up with the" in cue and "no higher" in cue for cue in said)

    @pytest.mark.parametrize("base", ["prone-hip-extension", "cable-standing-hip-extension"])
    def test_past_neutral_wording_is_caught(self, base):
        """The wording check flags the cues of raises that go past neutral."""
        assert any(PAST_NEUTRAL.search(cue) for cue in cues(lp.CATALOG[base]))

    @pytest.mark.parametrize("capped", NEUTRAL_VERSIONS.values())
    def test_neutral_versions_start_with_the_hip_a_little_bent(self, capped):
        """A pillow or a forward hinge bends the hip 15-20°, so the leg still travels."""
        assert 15 <= lp.CATALOG[capped].max_hip_flexion_deg <= 20

    @pytest.mark.parametrize("variation", VARIATIONS, ids=IDS)
    def test_no_variation_bends_the_hip_past_90(self, variation):
        """Rule 23: nothing takes the hip past 90° of flexion (posterior or lateral approach)."""
        assert variation.max_hip_flexion_deg <= 90

    def test_defaults(self):
        """A custom variation goes slightly past neutral and keeps the hip straight by default."""
        prone = lp.CATALOG["prone-hip-extension"]

        assert (END.SLIGHT_EXTENSION, 0) == (prone.end_range, prone.max_hip_flexion_deg)


class TestOwnWords:
    def test_runs_detects_a_copied_sentence(self):
        """The overlap check finds an 8-word run copied with different case and punctuation."""
        source = "Keep your legs straight, and together, with your toes pointed or relaxed."

        assert runs(source) & runs("KEEP YOUR LEGS STRAIGHT AND TOGETHER WITH YOUR TOES")

    def test_catalog_text_is_not_copied_from_the_seed(self):
        """No run of 8 words from the seed article appears in any catalog text."""
        if not SEED.is_file():
            pytest.skip(f"seed article not found at {SEED}")
        article = runs(SEED.read_text(encoding="utf-8"))

        copied = {
            (variation.id, text)
            for variation in VARIATIONS
            for text in texts(variation)
            if runs(text) & article
        }

        assert set() == copied


class TestForEquipment:
    @pytest.mark.parametrize(
        ("equipment", "ids"),
        [
            (
                E.BODYWEIGHT,
                [
                    "standing-hip-extension",
                    "standing-hip-extension-to-neutral",
                    "prone-hip-extension",
                    "prone-hip-extension-to-neutral",
                ],
            ),
            (E.BAND, ["standing-band-hip-extension", "standing-band-hip-extension-to-neutral"]),
            (
                E.ANKLE_WEIGHTS,
                [
                    "standing-ankle-weight-hip-extension",
                    "prone-ankle-weight-hip-extension",
                    "prone-ankle-weight-hip-extension-to-neutral",
                ],
            ),
            (E.CABLE, ["cable-standing-hip-extension", "cable-standing-hip-extension-to-neutral"]),
            (E.HYPEREXTENSION_BENCH, ["glute-hyperextension-45"]),
            (E.GLUTE_HAM_BENCH, ["glute-ham-raise"]),
        ],
    )
    def test_variations_per_equipment_in_ladder_order(self, equipment, ids):
        """for_equipment returns the variations done with that equipment, easiest first."""
        assert ids == [v.id for v in lp.CATALOG.for_equipment(equipment)]

    def test_partitions_the_catalog(self):
        """Every variation is listed under exactly one equipment."""
        listed = [v.id for e in E for v in lp.CATALOG.for_equipment(e)]

        assert sorted(IDS) == sorted(listed)


class TestCatalog:
    def test_duplicate_ids_are_rejected(self):
        """A catalog with two variations sharing an id raises a CatalogError naming the id."""
        prone = lp.CATALOG["prone-hip-extension"]

        with pytest.raises(lp.CatalogError) as info:
            lp.Catalog((prone, lp.CATALOG["standing-hip-extension"], prone))

        assert "variation ids must be unique, got 'prone-hip-extension' twice" == str(info.value)

    def test_only_variations(self):
        """A catalog holds Variation records only."""
        with pytest.raises(lp.CatalogError, match=r"^variations items must be Variation, got"):
            lp.Catalog(("prone-hip-extension",))

    def test_not_iterable(self):
        """A catalog built from something that is not a collection raises a CatalogError."""
        with pytest.raises(lp.CatalogError, match=r"\bvariations\b"):
            lp.Catalog(5)  # type: ignore[arg-type]

    def test_custom_catalog_keeps_the_given_order(self):
        """A custom catalog looks up by id and iterates in the order given."""
        chosen = (lp.CATALOG["cable-standing-hip-extension"], lp.CATALOG["prone-hip-extension"])

        catalog = lp.Catalog(list(chosen))

        assert ["cable-standing-hip-extension", "prone-hip-extension"] == list(catalog)
        assert chosen == catalog.variations
        assert 2 == len(catalog)
        assert chosen[0] is catalog["cable-standing-hip-extension"]

    def test_equal_catalogs(self):
        """Catalogs with the same variations are equal and hash alike."""
        copy = lp.Catalog(tuple(VARIATIONS))

        assert lp.CATALOG == copy
        assert hash(lp.CATALOG) == hash(copy)


class TestVariation:
    @given(variation=s.variations)
    def test_evolve_with_same_fields_is_equal(self, variation):
        """A variation rebuilt through attrs.evolve is equal to the original."""
        assert variation == attrs.evolve(variation)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("id", ""),
            ("id", "Prone-Hip-Extension"),
            ("id", "prone hip extension"),
            ("id", "prone_hip"),
            ("id", "hüft-streckung"),
            ("id", 5),
            ("id", "x" * 61),
            ("name", "x" * 81),
            ("name", None),
            ("position", "lying"),
            ("equipment", "kettlebell"),
            ("breathing", None),
            ("breathing", "x" * 301),
            ("setup", ()),
            ("execution", []),
            ("muscles", ()),
            ("muscles", (lp.MuscleWork(muscle=M.ERECTOR_SPINAE, role=lp.MuscleRole.SYNERGIST),)),
            ("end_range", "full"),
            ("max_hip_flexion_deg", 151),
            ("max_hip_flexion_deg", -1),
            ("max_hip_flexion_deg", 45.0),
        ],
    )
    def test_invalid_field_raises_catalog_error_naming_it(self, field, value):
        """A bad id, name, position, equipment, breathing, cue list or muscle list is named."""
        with pytest.raises(lp.CatalogError) as info:
            attrs.evolve(VARIATIONS[0], **{field: value})

        assert str(info.value).startswith(f"{field} must ")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("muscles", ("gluteus_maximus",)),
            ("muscles", 5),
            ("setup", 5),
            ("setup", (1, 2)),
            ("execution", (None,)),
            ("mistakes", 5),
            ("safety", ("ok", 3)),
            ("contraindications", None),
            ("is_advanced", "yes"),
        ],
    )
    def test_wrong_types_raise_catalog_error_naming_the_field(self, field, value):
        """Muscle lists, cue lists and the advanced flag of the wrong type are rejected by name."""
        with pytest.raises(lp.CatalogError) as info:
            attrs.evolve(VARIATIONS[0], **{field: value})

        assert re.search(rf"\b{field}\b", str(info.value))

    def test_cue_lists_accept_any_iterable(self):
        """Cue lists given as lists become tuples; a lone string becomes a one-cue tuple."""
        variation = attrs.evolve(VARIATIONS[0], setup=["Lie down."], execution="Lift.")

        assert ("Lie down.",) == variation.setup
        assert ("Lift.",) == variation.execution


class TestMuscleWork:
    @pytest.mark.parametrize(
        ("field", "kwargs"),
        [
            ("muscle", {"muscle": "glutes", "role": lp.MuscleRole.PRIMARY}),
            ("role", {"muscle": M.GLUTEUS_MAXIMUS, "role": "mover"}),
        ],
    )
    def test_invalid_muscle_or_role(self, field, kwargs):
        """Unknown muscles and roles raise a CatalogError naming the field and the options."""
        with pytest.raises(lp.CatalogError) as info:
            lp.MuscleWork(**kwargs)

        assert str(info.value).startswith(f"{field} must be one of ")
