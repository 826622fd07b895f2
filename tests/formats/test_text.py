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
        """A session line has date, time, duration, dose, variation, load, tempo, rest, reason."""
        session = plan.sessions[0]
        block = session.blocks[0]
        minutes = int(session.duration.total_seconds()) // 60

        assert (lp.Tempo(2, 1, 2), 3, 10) == (block.tempo, block.sets, block.reps)
        assert (
            f"- Mon 2026-12-07 18:00 · {minutes} min · 3×10/leg {block.variation.name} · "
            f"{block.load.label} · tempo 2-1-2 (2 s up, 1 s hold at the top, 2 s down) · "
            f"rest 60 s · stop 2 reps short of failure — {block.reason}"
        ) in to_text(plan).splitlines()

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
        for note in plan.notes:
            assert f"- {note}\n" in text
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
        """A block without a reason ends at the reps in reserve."""
        text = to_text(with_first_block(plan, reason=""))

        assert "· rest 60 s · stop 2 reps short of failure\n" in text

    def test_several_blocks(self, plan):
        """Several blocks share the session's line."""
        block = plan.sessions[0].blocks[0]
        text = to_text(with_first_session(plan, blocks=(block, block)))

        assert f"{block.reason} + 3×10/leg" in text

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

        line = session_lines(text)[0]
        assert line.startswith(
            "- Mon 2026-12-07 18:00 · 10 min · done — 3 sets: 12, 12, 12 reps; pain 0/10 · "
            "3×10/leg "
        )

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
            " · done — 1 set: 10/9 reps; 1 in reserve; pain 3/10; note: “tired after work” · "
            in session_lines(text)[0]
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
        """A cancelled session says so; its notes still close the line."""
        changed = with_first_session(
            plan, status=lp.SessionStatus.CANCELLED, notes=("plan adapted",), sequence=2
        )
        line = session_lines(to_text(changed))[0]

        assert line.startswith("- Mon 2026-12-07 18:00 · 10 min · cancelled · 3×10/leg ")
        assert line.endswith(" (plan adapted)")

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
    """Text from users or files stays inside its line, quoted: no headings, items or sessions."""

    HOSTILE = st.text(
        alphabet=st.characters(codec="utf-8")
        | st.sampled_from("\n\r\x0b\x0c\x1c\x85\u2028\u2029#-*"),
        max_size=40,
    )

    PLAN = lp.build_plan(lp.Athlete(), weeks=2, start=dt.date(2026, 12, 7))

    @settings(max_examples=150, deadline=None)
    @given(name=HOSTILE, note=HOSTILE, log_note=HOSTILE, reason=HOSTILE)
    def test_lines_keep_their_shape(self, name, note, log_note, reason):
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
        clean = to_text(attrs.evolve(plan, sessions=(logged, *plan.sessions[1:])))
        lines = to_text(hostile).splitlines()

        assert len(lines) == len(clean.splitlines()) + (3 if note else 0) + 1
        headings = [line for line in lines if line.startswith("#")]
        assert headings == [h for h in to_text(plan).splitlines() if h.startswith("#")] + (
            ["## Note"] if note else []
        )
        sessions = [line for line in lines if line.startswith(("- Mon ", "- Wed "))]
        assert len(sessions) == len([s for s in plan.sessions if s.start.weekday() in (0, 2)])
