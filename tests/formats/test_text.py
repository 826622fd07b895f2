"""Tests for legraise_plan.formats.text: to_text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.formats import text as text_module
from legraise_plan.formats.text import to_text


def with_first_session(plan: lp.Plan, **changes: Any) -> lp.Plan:
    """The plan with its first session changed (and the others dropped)."""
    return attrs.evolve(plan, sessions=(attrs.evolve(plan.sessions[0], **changes),))


def with_first_block(plan: lp.Plan, *, reason: str | None = None, **changes: Any) -> lp.Plan:
    """The plan with its first session's first block changed."""
    block = plan.sessions[0].blocks[0]
    block = attrs.evolve(
        block,
        prescription=attrs.evolve(block.prescription, **changes),
        reason=block.reason if reason is None else reason,
    )
    return with_first_session(plan, blocks=(block,))


class TestToText:
    def test_package_function(self):
        """The package re-exports to_text from this module."""
        assert lp.to_text is to_text

    def test_title(self, plan):
        """The text opens with the role, the weeks, the start, days, time and zone."""
        lines = to_text(plan).splitlines()

        assert lines[0] == "# Backward leg raises: 6-week accessory plan"
        assert lines[2] == (
            "From Mon 2026-12-07 · Mon, Wed, Fri at 18:00 · Europe/Berlin · linear periodization"
        )

    def test_athlete(self, plan):
        """The athlete's level, equipment (ladder order) and units follow the title."""
        assert "Athlete: novice · equipment: bodyweight, band, ankle weights · units kg" in (
            to_text(plan).splitlines()
        )

    def test_athlete_name_and_conditions(self):
        """A named athlete with conditions shows them and whether they are cleared."""
        athlete = lp.Athlete(name="Dana", conditions={"hip_pain"}, level="intermediate")
        text = to_text(lp.build_plan(athlete, start=dt.date(2026, 12, 7)))

        assert (
            "Athlete: “Dana” · intermediate · equipment: bodyweight · conditions: hip pain " in text
        )
        assert "(not cleared)" in text

    def test_cleared_condition(self):
        """A cleared athlete is marked cleared."""
        athlete = lp.Athlete(conditions={"pregnancy"}, cleared=True)

        assert "conditions: pregnancy (cleared)" in to_text(
            lp.build_plan(athlete, start=dt.date(2026, 12, 7))
        )

    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_every_week_heading(self, request, name):
        """Every week of the plan has a ``## Week N`` heading, in order."""
        plan = request.getfixturevalue(name)
        headings = [line for line in to_text(plan).splitlines() if line.startswith("## Week ")]

        assert [h.split()[2] for h in headings] == [str(n) for n in range(1, plan.weeks + 1)]

    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_every_session_date(self, request, name):
        """Every session appears with its weekday, date and time."""
        plan = request.getfixturevalue(name)
        text = to_text(plan)

        for session in plan.sessions:
            assert session.start.strftime("%Y-%m-%d %H:%M") in text

    def test_deload_marked(self, plan):
        """The deload week's heading and its sessions are marked."""
        text = to_text(plan)

        deloads = [s for s in plan.sessions if s.is_deload]

        assert "## Week 6 (deload)" in text
        assert "## Week 5 (deload)" not in text
        assert [6, 6, 6] == [s.week for s in deloads]
        for session in deloads:
            assert f"- {session.start:%a %Y-%m-%d %H:%M} [deload] · " in text

    def test_session_line(self, plan):
        """A session: date, time, duration, dose, variation, load; then tempo, rest, reason."""
        session = plan.sessions[0]
        block = session.blocks[0]
        minutes = int(session.duration.total_seconds()) // 60
        lines = to_text(plan).splitlines()
        at = lines.index(
            f"- Mon 2026-12-07 18:00 · {minutes} min · 3×10/leg {block.variation.name} · "
            f"{block.load.label}"
        )

        assert (lp.Tempo(2, 1, 2), 3, 10) == (block.tempo, block.sets, block.reps)
        assert lines[at + 1 : at + 3] == [
            "  tempo 2-1-2 (2 s up, 1 s hold at the top, 2 s down) · rest 60 s · 2 reps in reserve",
            f"  why: {block.reason}",
        ]

    @pytest.mark.parametrize(
        ("rir", "text"), [(1, "· 1 rep in reserve\n"), (3, "· 3 reps in reserve\n")]
    )
    def test_reps_in_reserve(self, plan, rir, text):
        """Each session says how many reps to keep in reserve, in the singular for one."""
        assert text in to_text(with_first_block(plan, rir=rir))

    @pytest.mark.parametrize(
        ("tempo", "text"),
        [
            (lp.Tempo(3, 2, 3), "tempo 3-2-3 (3 s up, 2 s hold at the top, 3 s down) · "),
            (lp.Tempo(1, 0, 2), "tempo 1-0-2 (1 s up, no hold at the top, 2 s down) · "),
        ],
    )
    def test_tempo_spelled_out(self, plan, tempo, text):
        """Rule 19 and §7 notation: the tempo is spelled out in seconds, never a bare triple."""
        assert text in to_text(with_first_block(plan, tempo=tempo))

    @given(
        role=st.sampled_from(list(lp.Role)),
        days=st.sampled_from(["mon", "mon,thu", "mon,wed,fri"]),
    )
    def test_property_no_bare_tempo(self, role, days):
        """Every tempo in any plan's text is followed by its meaning in seconds (rule 19)."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND}, cleared=True)
        text = to_text(lp.build_plan(athlete, role=role, start=dt.date(2026, 12, 7), days=days))
        bare = re.findall(r"\b\d{1,2}-\d{1,2}-\d{1,2}\b(?! \(\d+ s up)", text)

        assert [] == bare

    def test_safety_notes(self, plan):
        """Every plan note (the safety notes) is a bullet under ``## Notes``."""
        text = to_text(plan)

        assert "\n## Notes\n" in text
        notes = text[text.index("\n## Notes\n") :]
        for note in plan.notes:
            assert f"- {note}" in " ".join(notes.split("\n  "))
        assert "Stop the set at once on sharp pain" in text

    def test_no_notes(self, plan):
        """A plan without notes has no notes section."""
        assert "## Notes" not in to_text(attrs.evolve(plan, notes=()))

    def test_note_shown(self, athlete):
        """The plan's free-text note is shown at the end."""
        plan = lp.build_plan(athlete, start=dt.date(2026, 12, 7), note="Bring the green band.")

        assert to_text(plan).endswith("\n## Note\n“Bring the green band.”\n")

    def test_no_note(self, plan):
        """Without a note there is no note section."""
        assert "## Note\n" not in to_text(plan)

    def test_floating(self, floating_plan):
        """A floating plan says so, and a warm-up says when it must be done by."""
        assert "Mon, Thu done by 17:00 · floating local time" in to_text(floating_plan)

    def test_dst_times_stay(self, dst_plan):
        """Wall-clock times stay 07:30 across the daylight-saving change."""
        text = to_text(dst_plan)

        assert "- Sat 2027-03-27 07:30" in text
        assert "- Tue 2027-03-30 07:30" in text

    def test_undulating_kinds(self, athlete):
        """Undulating day kinds are tagged on their sessions."""
        plan = lp.build_plan(
            athlete, start=dt.date(2026, 12, 7), periodization=lp.Periodization.UNDULATING
        )
        text = to_text(plan)

        assert "[heavy]" in text
        assert "[light]" in text

    def test_session_notes(self, athlete):
        """A session's own notes (e.g. a moved session) follow its line."""
        plan = lp.build_plan(
            athlete,
            start=dt.date(2026, 12, 7),
            weeks=2,
            days=("MO", "TH"),
            skip=[dt.date(2026, 12, 7)],
            reschedule=True,
        )
        moved = next(s for s in plan.sessions if s.notes)

        assert f"({moved.notes[0]})" in to_text(plan)

    def test_empty_week(self, athlete):
        """A week whose sessions were all skipped says so."""
        plan = lp.build_plan(
            athlete, start=dt.date(2026, 12, 7), weeks=2, days=("MO",), skip=[dt.date(2026, 12, 7)]
        )

        assert "## Week 1\n- no sessions\n" in to_text(plan)

    @pytest.mark.parametrize(
        ("rest", "text"),
        [
            (dt.timedelta(seconds=45), "rest 45 s"),
            (dt.timedelta(minutes=2), "rest 2 min ·"),
            (dt.timedelta(seconds=150), "rest 2 min 30 s"),
        ],
    )
    def test_rest(self, plan, rest, text):
        """Rests read as seconds under two minutes, else minutes (and seconds)."""
        assert text in to_text(with_first_block(plan, rest=rest))

    def test_empty_reason(self, plan):
        """A block without a reason has no ``why`` line: its details end the session."""
        text = to_text(with_first_block(plan, reason=""))

        assert "· rest 60 s · 2 reps in reserve\n  How to do the " in text
        assert text.count("  why: ") == 0

    def test_several_blocks(self, plan):
        """Several blocks stay in the session's entry, each after a ``then``."""
        block = plan.sessions[0].blocks[0]
        text = to_text(with_first_session(plan, blocks=(block, block)))

        assert f"  why: {block.reason}\n  then 3×10/leg {block.variation.name} · " in text
        assert text.count("How to do the ") == 1

    def test_deterministic(self, plan, athlete):
        """Equal plans give the same text."""
        again = lp.build_plan(
            athlete, start=dt.date(2026, 12, 7), days="mon,wed,fri", tz="Europe/Berlin"
        )

        assert to_text(plan) == to_text(again)

    def test_ends_with_newline(self, floating_plan):
        """The text ends with exactly one newline."""
        text = to_text(floating_plan)

        assert text.endswith("\n")
        assert not text.endswith("\n\n")

    def test_not_a_plan(self):
        """Anything but a Plan raises ExportError."""
        with pytest.raises(lp.ExportError, match="plan must be a Plan, got str"):
            to_text("plan")  # type: ignore[arg-type]

    @given(
        role=st.sampled_from([lp.Role.WARM_UP, lp.Role.ACCESSORY, lp.Role.FULL_BODY]),
        weeks=st.integers(1, 12),
        periodization=st.sampled_from(list(lp.Periodization)),
        tz=st.sampled_from([None, "Europe/Berlin", "America/New_York"]),
    )
    def test_property_weeks_and_dates(self, role, weeks, periodization, tz):
        """Any built plan lists every week heading and every session date, with deloads marked."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND})
        plan = lp.build_plan(
            athlete,
            role=role,
            weeks=weeks,
            start=dt.date(2027, 3, 1),
            periodization=periodization,
            tz=tz,
        )
        text = to_text(plan)

        for week in range(1, weeks + 1):
            deload = any(s.is_deload for s in plan.sessions if s.week == week)
            assert f"## Week {week}{' (deload)' if deload else ''}\n" in text
        for session in plan.sessions:
            assert session.start.date().isoformat() in text


def session_lines(text: str) -> list[str]:
    """The lines of ``text`` that describe a session."""
    return [line for line in text.splitlines() if re.match(r"- \w{3} \d{4}-", line)]


class TestStatuses:
    def test_done(self, plan):
        """A done session shows what was logged after its length, then its blocks."""
        first = plan.sessions[0]
        log = lp.SessionLog(uid=first.uid, date=dt.date(2026, 12, 7), sets=[lp.SetLog.both(12)] * 3)
        text = to_text(with_first_session(plan, status=lp.SessionStatus.DONE, log=log))

        assert (
            "- Mon 2026-12-07 18:00 · 10 min · done · 3×10/leg Standing backward leg raise · "
            "bodyweight\n  logged: 3 sets: 12, 12, 12 reps; pain 0/10\n  tempo "
        ) in text

    def test_done_with_notes(self, plan):
        """The log's note follows what was done, on the same line."""
        first = plan.sessions[0]
        log = lp.SessionLog(
            uid=first.uid,
            date=dt.date(2026, 12, 7),
            sets=[lp.SetLog(left=10, right=9, rir=1)],
            pain_during=3,
            notes="tired\n  after work",
        )
        text = to_text(with_first_session(plan, status=lp.SessionStatus.DONE, log=log))

        assert (
            "\n  logged: 1 set: 10/9 reps; 1 in reserve; pain 3/10; note: “tired after work”\n"
            in text
        )

    @pytest.mark.parametrize(
        ("skipped", "shown"), [("ill", " · skipped (ill) · "), ("", " · skipped · ")]
    )
    def test_skipped(self, plan, skipped, shown):
        """A skipped session shows its reason, if the log gives one."""
        first = plan.sessions[0]
        log = lp.SessionLog(uid=first.uid, date=dt.date(2026, 12, 7), skipped=skipped)
        text = to_text(with_first_session(plan, status=lp.SessionStatus.SKIPPED, log=log))

        assert shown in session_lines(text)[0]

    def test_skipped_without_log(self, plan):
        """A skipped session without a log says skipped."""
        text = to_text(with_first_session(plan, status=lp.SessionStatus.SKIPPED))

        assert "- Mon 2026-12-07 18:00 · 10 min · skipped · 3×10/leg" in text

    def test_cancelled(self, plan):
        """A cancelled session says so; its notes still close its details."""
        changed = with_first_session(
            plan, status=lp.SessionStatus.CANCELLED, notes=("plan adapted",), sequence=2
        )
        text = to_text(changed)
        line = session_lines(text)[0]
        entry = text[text.index(line) :].split("\n- ")[0]

        assert line.startswith("- Mon 2026-12-07 18:00 · 10 min · cancelled · 3×10/leg ")
        assert "\n  (plan adapted)\n  How to do the " in entry

    def test_planned_unchanged(self, plan):
        """Statuses on some sessions leave the other lines as they were."""
        sessions = list(plan.sessions)
        sessions[1] = attrs.evolve(sessions[1], status=lp.SessionStatus.CANCELLED, sequence=1)
        before = session_lines(to_text(plan))
        after = session_lines(to_text(attrs.evolve(plan, sessions=sessions)))

        assert before[:1] + before[2:] == after[:1] + after[2:]
        assert before[1] != after[1]

    def test_sequence_not_shown(self, plan):
        """A planned session's sequence does not change its line."""
        changed = with_first_session(plan, sequence=7)

        assert session_lines(to_text(with_first_session(plan))) == session_lines(to_text(changed))


class TestUserTextCannotForgeThePlan:
    """Text from users or files stays inside its entry, quoted: no headings, items or sessions.

    Long text wraps onto indented lines, and a wrapped line never starts with anything
    Markdown reads as the start of a heading, list item, quote, rule or code block.
    """

    HOSTILE = st.text(
        alphabet=st.characters(codec="utf-8")
        | st.sampled_from("\n\r\x0b\x0c\x1c\x85\u2028\u2029#-*"),
        max_size=40,
    )
    #: Long text of words and Markdown markers, so that it has to wrap.
    LONG_HOSTILE = st.lists(
        st.sampled_from(
            [
                "#",
                "##",
                "-",
                "*",
                "+",
                ">",
                "1.",
                "2)",
                "---",
                "===",
                "```",
                "word",
                "- Mon",
                "x" * 120,
                "\n",
                "\n- Wed 2026-12-09",
            ]
        ),
        max_size=80,
    ).map(" ".join)

    PLAN = lp.build_plan(lp.Athlete(), weeks=2, start=dt.date(2026, 12, 7))
    #: A line that starts a Markdown block: heading, list item, quote, rule, fence, HTML.
    BLOCK_START = re.compile(r"\s*(#|[-*+](\s|$)|\d+[.)](\s|$)|>|[=-]+\s*$|`{3}|~{3}|<)")

    def check(self, name, note, log_note, reason):
        plan = self.PLAN
        first = plan.sessions[0]
        block = attrs.evolve(first.blocks[0], reason=reason)
        logged = attrs.evolve(
            first,
            blocks=(block,),
            status=lp.SessionStatus.DONE,
            log=lp.SessionLog(
                uid=first.uid, date=first.start.date(), sets=[lp.SetLog.both(10)], notes=log_note
            ),
            notes=(reason,),
        )
        hostile = attrs.evolve(
            plan,
            athlete=attrs.evolve(plan.athlete, name=name),
            note=note,
            notes=(*plan.notes, reason),
            sessions=(logged, *plan.sessions[1:]),
        )
        plain = to_text(plan).splitlines()
        lines = to_text(hostile).splitlines()
        folded = text_module._line(reason)
        new_note = 1 if folded and folded not in {text_module._line(n) for n in plan.notes} else 0

        assert max(len(line) for line in lines) <= 100
        headings = [line for line in lines if line.startswith("#")]
        assert headings == [h for h in plain if h.startswith("#")] + (["## Note"] if note else [])
        sessions = [line for line in lines if line.startswith(("- Mon ", "- Wed "))]
        assert len(sessions) == len([s for s in plan.sessions if s.start.weekday() in (0, 2)])
        blocks = [line for line in lines if self.BLOCK_START.match(line)]
        plain_blocks = [line for line in plain if self.BLOCK_START.match(line)]
        assert len(blocks) == len(plain_blocks) + new_note + (1 if note else 0)

    @settings(max_examples=150, deadline=None)
    @given(name=HOSTILE, note=HOSTILE, log_note=HOSTILE, reason=HOSTILE)
    def test_lines_keep_their_shape(self, name, note, log_note, reason):
        self.check(name, note, log_note, reason)

    @settings(max_examples=100, deadline=None)
    @given(
        name=LONG_HOSTILE.map(lambda text: text[:200]),  # a name has at most 200 characters
        note=LONG_HOSTILE,
        log_note=LONG_HOSTILE,
        reason=LONG_HOSTILE,
    )
    def test_long_text_wraps_safely(self, name, note, log_note, reason):
        """Long text of Markdown markers wraps (or is cut with …) without forging lines."""
        self.check(name, note, log_note, reason)


LONG_NAME = "Dana Maria Josefine von Hohenberg-Schillingsfürst " * 3
LONG_NOTE = "Bring the green band and a mat; the gym floor is cold in the mornings. " * 6


class TestLayout:
    """The richer layout: width, how-to, cues once, what's next, notes once."""

    def test_catalog_lines_at_most_100(self):
        """The catalog wraps its cues at spaces; no cue is lost or cut."""
        text = lp.catalog_text()
        lines = text.splitlines()

        assert max(len(line) for line in lines) <= 100
        flat = " ".join(line.strip() for line in lines)
        for variation in lp.CATALOG.values():
            for cue in (*variation.setup, *variation.contraindications, variation.breathing):
                assert cue in flat

    @pytest.mark.parametrize("weeks", [6, 52])
    @pytest.mark.parametrize(
        "equipment",
        [
            set(),
            {lp.Equipment.BAND},
            {lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE},
            {lp.Equipment.CABLE, lp.Equipment.HYPEREXTENSION_BENCH, lp.Equipment.GLUTE_HAM_BENCH},
        ],
    )
    @pytest.mark.parametrize("role", list(lp.Role))
    def test_lines_at_most_100(self, role, equipment, weeks):
        """Every line of any plan fits in 100 characters; long user text wraps, whole."""
        athlete = lp.Athlete(
            equipment=equipment, level=lp.Level.INTERMEDIATE, cleared=True, name=LONG_NAME
        )
        plan = lp.build_plan(
            athlete, role=role, weeks=weeks, start=dt.date(2026, 12, 7), note=LONG_NOTE
        )
        first = plan.sessions[0]
        log = lp.SessionLog(
            uid=first.uid, date=dt.date(2026, 12, 7), sets=[lp.SetLog.both(10)], notes=LONG_NOTE
        )
        plan = with_first_session(
            plan, status=lp.SessionStatus.DONE, log=log, notes=(LONG_NOTE, LONG_NOTE[::-1])
        )
        text = to_text(plan)

        assert max(len(line) for line in text.splitlines()) <= 100
        assert "…" not in text
        joined = " ".join(text.split())
        assert " ".join(LONG_NAME.split()) in joined
        assert " ".join(LONG_NOTE.split()) in joined

    def test_how_to_section(self, plan):
        """A short guide sits between the athlete and the first week."""
        lines = to_text(plan).splitlines()
        start, end = lines.index("## How to use this plan"), lines.index("## Week 1")
        section = lines[start + 1 : end - 1]
        text = " ".join(" ".join(section).split())

        assert start < end
        assert 6 <= len([line for line in section if line.startswith("- ")]) <= 8
        assert "“2 reps in reserve” means stop with 2 left" in text
        assert "repeat the same dose next time" in text
        assert "holds the dose or steps back" in text
        assert (
            "  `legraise-plan log plan.json --date 2026-12-07 --reps 10,10,10 --pain 0`" in section
        )
        assert "\n  `legraise-plan adapt plan.json -o plan.json`\n" in "\n".join(section) + "\n"
        assert "then let the plan adjust the sessions still to come" in text
        assert "Warm up first" in text
        assert "Band set-up: anchored, one end fixed low in front of you" in text
        assert "0-3/10 is fine; 4-5/10: hold the dose" in text
        assert "above 5/10: stop" in text
        assert "Stop at once on any sharp pain." in text

    def test_how_to_band_set_up(self):
        """The band set-up follows the athlete's; no band, no band line."""
        looped = lp.Athlete(equipment={lp.Equipment.BAND}, band_setup=lp.BandSetup.LOOPED)
        start = dt.date(2026, 12, 7)

        assert "Band set-up: looped round both ankles." in to_text(
            lp.build_plan(looped, start=start)
        )
        assert "Band set-up" not in to_text(lp.build_plan(lp.Athlete(), start=start))

    def test_how_to_warm_up_role(self, floating_plan):
        """A warm-up plan is itself the warm-up."""
        assert "Warm-up: this plan is your warm-up" in to_text(floating_plan)

    def test_cues_once_per_variation(self):
        """Each exercise's key cues appear once, under the first session that uses it."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS})
        plan = lp.build_plan(athlete, weeks=52, start=dt.date(2026, 12, 7))
        text = to_text(plan)
        variations = list(dict.fromkeys(b.variation for s in plan.sessions for b in s.blocks))

        assert len(variations) >= 3
        assert text.count("How to do the ") == len(variations)
        for variation in variations:
            first = next(s for s in plan.sessions if variation in [b.variation for b in s.blocks])
            entry = text[text.index(f"- {first.start:%a %Y-%m-%d %H:%M}") :].split("\n- ")[0]
            heading = f"How to do the {variation.name[0].lower()}{variation.name[1:]}:"
            assert f"\n  {heading}\n" in entry
            assert text.count(heading) == 1
            for cue in variation.key_cues:
                assert f"\n  - {cue}" in entry

    def test_whats_next_later_equipment(self):
        """Band, ankle weights and a cable: the plan says what comes later, without dates."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE}
        )
        text = to_text(lp.build_plan(athlete, weeks=6, start=dt.date(2026, 12, 7)))
        section = text[text.index("## What's next\n") : text.index("## Notes")]

        assert section == (
            "## What's next\n"
            "- These 6 weeks use bodyweight only; the hardest step is standing, bodyweight + 2 s "
            "pause.\n"
            "- After this plan, the next step up is band yellow, anchored at the ankle.\n"
            "- The bands come in after the bodyweight steps — not within these 6 weeks.\n"
            "- The ankle weights come in after the bands — not within these 6 weeks.\n"
            "- The cable comes in after the ankle weights — not within these 6 weeks.\n\n"
        )

    def test_whats_next_reached(self):
        """A year-long plan reaches the ankle weights; the cable still comes later."""
        athlete = lp.Athlete(
            equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS, lp.Equipment.CABLE}
        )
        text = to_text(lp.build_plan(athlete, weeks=52, start=dt.date(2026, 12, 7)))
        section = " ".join(text[text.index("## What's next") : text.index("## Notes")].split())

        assert "These 52 weeks use bodyweight, the bands and the ankle weights;" in section
        assert "the next step up is prone, ankle weights" in section
        assert "The cable comes in after the ankle weights — not within these 52 weeks." in section
        assert re.search(r"\d{4}-\d\d-\d\d", section) is None

    def test_whats_next_unused_equipment(self):
        """Equipment the plan may not use for this athlete is named as not used."""
        athlete = lp.Athlete(equipment={lp.Equipment.HYPEREXTENSION_BENCH})  # a novice

        assert "- Not used in this kind of plan for you: the 45° hyperextension bench." in to_text(
            lp.build_plan(athlete, start=dt.date(2026, 12, 7))
        )

    def test_notes_once(self, plan):
        """A note given twice (the screening note in some plans) is shown once, in order."""
        doubled = attrs.evolve(plan, notes=(*plan.notes, plan.notes[0], f" {plan.notes[1]}\n"))
        text = to_text(doubled)

        assert text == to_text(plan)
        for note in plan.notes:
            assert " ".join(text.split()).count(note) == 1
