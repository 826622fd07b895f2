"""Tests for the legraise-plan command line."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import icalendar
import pytest

import legraise_plan as lp
from legraise_plan.cli import main


TODAY = dt.date(2026, 11, 26)  # a Thursday
STAMP = "2026-11-26T08:00:00Z"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (status, stdout, stderr)."""
    status = main(list(argv), today=TODAY)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


class TestNextMonday:
    """The default start date."""

    @pytest.mark.parametrize(
        ("today", "expected"),
        [
            (dt.date(2026, 11, 26), dt.date(2026, 11, 30)),
            (dt.date(2026, 11, 30), dt.date(2026, 12, 7)),
            (dt.date(2026, 12, 6), dt.date(2026, 12, 7)),
        ],
    )
    def test_next_monday(self, today, expected):
        """The plan starts on the first Monday after today."""
        assert expected == lp.next_monday(today)


class TestExercises:
    """legraise-plan exercises."""

    def test_lists_catalog_with_cues(self, capsys):
        """Every variation is listed with its id and cues."""
        status, out, err = run(capsys, "exercises")

        assert (status, err) == (0, "")
        for variation in lp.CATALOG.values():
            assert f"[{variation.id}]" in out
            assert variation.execution[0] in out

    def test_filter_by_equipment(self, capsys):
        """--equipment keeps only the variations for that equipment."""
        status, out, _ = run(capsys, "exercises", "--equipment", "band")

        assert status == 0
        assert "[standing-band-hip-extension]" in out
        assert "[prone-hip-extension]" not in out

    def test_json(self, capsys):
        """--format json gives the catalog as JSON."""
        status, out, _ = run(capsys, "exercises", "--format", "json", "--equipment", "cable,band")

        assert status == 0
        assert [x["id"] for x in json.loads(out)] == [
            "standing-band-hip-extension",
            "standing-band-hip-extension-to-neutral",
            "cable-standing-hip-extension",
            "cable-standing-hip-extension-to-neutral",
        ]

    def test_bad_equipment(self, capsys):
        """An unknown equipment name is one line on stderr and status 2."""
        status, out, err = run(capsys, "exercises", "--equipment", "kettlebell")

        assert (status, out) == (2, "")
        assert err.count("\n") == 1
        assert "argument --equipment: must be among bodyweight, band" in err


class TestPlan:
    """legraise-plan plan."""

    def test_band_and_surgery_options(self, capsys):
        """--band-setup, --band-brand and --surgical-approach reach the athlete in the plan."""
        status, out, _ = run(
            capsys,
            "plan",
            "--format",
            "json",
            "--equipment",
            "band",
            "--band-setup",
            "looped",
            "--band-brand",
            "Acme",
            "--condition",
            "recent_hip_surgery",
            "--surgical-approach",
            "posterior",
            "--cleared",
        )
        athlete = json.loads(out)["athlete"]

        assert 0 == status
        assert ("looped", "Acme", "posterior") == (
            athlete["band_setup"],
            athlete["band_brand"],
            athlete["surgical_approach"],
        )

    def test_surgical_approach_needs_the_condition(self, capsys):
        """An approach without recent hip surgery is one clear line and status 2."""
        status, out, err = run(capsys, "plan", "--surgical-approach", "anterior")

        assert (2, "") == (status, out)
        assert err == (
            "legraise-plan: error: surgical_approach must be None unless conditions include "
            "recent_hip_surgery, got 'anterior'\n"
        )

    def test_defaults_write_six_week_ics(self, capsys, tmp_path):
        """The defaults give an accessory plan from next Monday, MO/WE/FR 18:00 floating."""
        target = tmp_path / "plan.ics"

        status, out, err = run(capsys, "plan", "-o", str(target), "--stamp", STAMP)

        assert (status, out, err) == (0, "", "")
        calendar = icalendar.Calendar.from_ical(target.read_bytes())
        events = calendar.walk("VEVENT")
        assert len(events) == 18
        first = min(e.decoded("DTSTART") for e in events)
        assert first == dt.datetime(2026, 11, 30, 18, 0)
        assert "accessory" in str(events[0]["SUMMARY"])

    def test_every_option(self, capsys, tmp_path):
        """All build_plan arguments are reachable from the command line."""
        target = tmp_path / "rehab.json"

        status, _, err = run(
            capsys,
            "plan",
            "--role",
            "rehab",
            "--weeks",
            "4",
            "--start",
            "2026-12-01",
            "--days",
            "tue,thu,sat",
            "--at",
            "07:30",
            "--tz",
            "Europe/Berlin",
            "--equipment",
            "band",
            "--level",
            "intermediate",
            "--units",
            "lb",
            "--condition",
            "low-back-pain-history",
            "--cleared",
            "--name",
            "Ana",
            "--periodization",
            "linear",
            "--skip",
            "2026-12-24,2026-12-26",
            "--reschedule",
            "--note",
            "bring the band",
            "--plan-id",
            "ana-1",
            "-o",
            str(target),
        )

        assert (status, err) == (0, "")
        plan = lp.from_dict(json.loads(target.read_text()))
        assert plan.role is lp.Role.REHAB
        assert plan.tz == "Europe/Berlin"
        assert plan.athlete.conditions == {lp.Condition.LOW_BACK_PAIN_HISTORY}
        assert plan.athlete.units is lp.Unit.LB
        assert plan.note == "bring the band"
        assert plan.sessions[0].start == dt.datetime(
            2026, 12, 1, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))
        )

    def test_accessory_after(self, capsys):
        """--after places the accessory block after the main lifts."""
        status, out, _ = run(
            capsys, "plan", "--after", "40", "--format", "json", "--start", "2026-12-07"
        )

        assert status == 0
        assert lp.from_dict(json.loads(out)).sessions[0].start == dt.datetime(2026, 12, 7, 18, 40)

    def test_text_to_stdout(self, capsys):
        """--format text prints the readable plan."""
        status, out, _ = run(capsys, "plan", "--format", "text", "--weeks", "2")

        assert status == 0
        assert "Week 1" in out
        assert "Week 2" in out

    def test_suffix_picks_format(self, capsys, tmp_path):
        """-o plan.md writes text and -o plan.json writes JSON."""
        run(capsys, "plan", "-o", str(tmp_path / "plan.md"))
        run(capsys, "plan", "-o", str(tmp_path / "plan.json"))

        assert "Week 6" in (tmp_path / "plan.md").read_text()
        assert (
            json.loads((tmp_path / "plan.json").read_text())["schema_version"] == lp.SCHEMA_VERSION
        )

    def test_no_alarm(self, capsys, tmp_path):
        """--alarm none leaves reminders out."""
        target = tmp_path / "quiet.ics"

        run(capsys, "plan", "--alarm", "none", "-o", str(target))

        assert icalendar.Calendar.from_ical(target.read_bytes()).walk("VALARM") == []

    @pytest.mark.parametrize(
        ("argv", "fragment"),
        [
            (["--weeks", "0"], "weeks must be a whole number 1..52, got 0"),
            (["--weeks", "x"], "argument --weeks"),
            (["--days", "mon,xyz"], "argument --days: must be weekdays"),
            (["--days", "mon,tue"], "--allow-close-sessions"),
            (["--at", "25:00"], "argument --at: must be a time HH:MM"),
            (["--tz", "Mars/Olympus"], "argument --tz: must be an IANA zone name"),
            (["--role", "cardio"], "argument --role: must be one of warm_up"),
            (["--start", "2026-13-01"], "argument --start: must be a real date"),
            (["--start", "13.1.2026"], "argument --start: must be a date YYYY-MM-DD"),
            (["--skip", "soon"], "argument --skip"),
            (["--after", "ten"], "argument --after: must be whole minutes"),
            (["--alarm", "2000"], "argument --alarm: must be minutes before the session from 0"),
            (["--stamp", "2026-11-26T08:00"], "argument --stamp: must include an offset"),
            (["--stamp", "later"], "argument --stamp: must be an ISO date-time"),
            (["--condition", "flu"], "argument --condition: must be among"),
            (["--format", "pdf"], "argument --format: invalid choice"),
            (["--no-such-option"], "unrecognized arguments"),
        ],
    )
    def test_bad_input(self, capsys, tmp_path, argv, fragment):
        """Bad input is one line on stderr naming the problem, status 2, no file written."""
        target = tmp_path / "plan.ics"

        status, out, err = run(capsys, "plan", *argv, "-o", str(target))

        assert (status, out) == (2, "")
        assert err.startswith("legraise-plan: error: ")
        assert err.count("\n") == 1
        assert fragment in err
        assert list(tmp_path.iterdir()) == []

    def test_failure_keeps_existing_file(self, capsys, tmp_path):
        """An existing output file is only replaced on success."""
        target = tmp_path / "plan.ics"
        target.write_bytes(b"old")

        status, _, _ = run(capsys, "plan", "--weeks", "60", "-o", str(target))

        assert status == 2
        assert target.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]

    def test_missing_folder(self, capsys, tmp_path):
        """Writing into a folder that does not exist is a clear error."""
        status, _, err = run(capsys, "plan", "-o", str(tmp_path / "no" / "plan.ics"))

        assert status == 2
        assert "path must be in an existing folder" in err


class TestShowAndConvert:
    """legraise-plan show and convert."""

    @pytest.fixture(name="saved")
    def fixture_saved(self, capsys, tmp_path):
        """A plan saved as JSON."""
        target = tmp_path / "plan.json"
        run(capsys, "plan", "--tz", "America/New_York", "-o", str(target))
        return target

    def test_show(self, capsys, saved):
        """show prints the saved plan as text."""
        status, out, _ = run(capsys, "show", str(saved))

        assert status == 0
        assert out == lp.to_text(lp.from_dict(json.loads(saved.read_text())))

    def test_convert_to_ics(self, capsys, saved, tmp_path):
        """convert turns a saved plan into the same calendar as exporting it directly."""
        target = tmp_path / "plan.ics"

        status, _, _ = run(capsys, "convert", str(saved), "-o", str(target), "--stamp", STAMP)

        plan = lp.from_dict(json.loads(saved.read_text()))
        stamp = dt.datetime(2026, 11, 26, 8, tzinfo=dt.UTC)
        assert status == 0
        assert target.read_bytes() == lp.to_ics(plan, stamp=stamp)

    @pytest.mark.parametrize(
        ("content", "fragment"),
        [
            ("{not json", "is not JSON"),
            ('{"schema_version": 99}', "schema_version"),
            (f'{{"schema_version": {lp.SCHEMA_VERSION}}}', "problems: plan_id: missing; "),
        ],
    )
    def test_bad_files(self, capsys, tmp_path, content, fragment):
        """Unreadable, non-JSON or foreign files are one clear line and status 2."""
        source = tmp_path / "plan.json"
        source.write_text(content)

        status, _, err = run(capsys, "show", str(source))

        assert status == 2
        assert err.count("\n") == 1
        assert fragment in err

    def test_missing_file(self, capsys, tmp_path):
        """A missing input file is a clear error."""
        status, _, err = run(capsys, "show", str(tmp_path / "nope.json"))

        assert status == 2
        assert "cannot read" in err


class TestOutputOptions:
    """--sequence and --calendar-name of plan, convert, adapt and next."""

    def test_sequence_and_calendar_name(self, capsys, tmp_path):
        """They reach to_ics: every SEQUENCE is raised and the calendar is named."""
        target = tmp_path / "plan.ics"

        status, _, err = run(
            capsys,
            "plan",
            "--start",
            "2026-12-07",
            "--sequence",
            "3",
            "--calendar-name",
            "Legs · spring",
            "--stamp",
            STAMP,
            "-o",
            str(target),
        )

        calendar = icalendar.Calendar.from_ical(target.read_bytes())
        assert (status, err) == (0, "")
        assert {3} == {int(e["SEQUENCE"]) for e in calendar.walk("VEVENT")}
        assert "Legs · spring" == str(calendar["X-WR-CALNAME"])

    def test_convert_takes_them_too(self, capsys, tmp_path):
        """convert passes them on as well."""
        saved = tmp_path / "plan.json"
        run(capsys, "plan", "--start", "2026-12-07", "-o", str(saved))

        status, out, _ = run(
            capsys,
            "convert",
            str(saved),
            "--format",
            "ics",
            "--sequence",
            "1",
            "--calendar-name",
            "Mine",
        )

        assert status == 0
        assert "X-WR-CALNAME:Mine" in out
        assert "SEQUENCE:1\r\n" in out or "SEQUENCE:1\n" in out

    @pytest.mark.parametrize(
        ("option", "value", "fragment"),
        [
            ("--sequence", "-1", "--sequence: must be a whole number 0 or more"),
            ("--sequence", "x", "--sequence: must be a whole number"),
            ("--sequence", "2147483648", "sequence must be"),
            ("--calendar-name", "  ", "calendar_name must be"),
        ],
    )
    def test_bad_values(self, capsys, option, value, fragment):
        """Bad values are one line on stderr and status 2."""
        status, out, err = run(capsys, "plan", "--format", "ics", option, value)

        assert (status, out) == (2, "")
        assert err.count("\n") == 1
        assert fragment in err


class TestPublish:
    """legraise-plan publish, against the Radicale test server."""

    @pytest.fixture(name="saved")
    def fixture_saved(self, capsys, tmp_path):
        target = tmp_path / "plan.json"
        run(capsys, "plan", "--start", "2026-12-07", "--tz", "Europe/Berlin", "-o", str(target))
        return target

    def test_publish_twice(self, capsys, monkeypatch, account, saved):
        """publish prints the summary line; again, everything is unchanged."""
        monkeypatch.setenv("LEGRAISE_PLAN_PASSWORD", account.password)
        argv = ("publish", str(saved), "--url", account.url, "--user", account.username)

        first = run(capsys, *argv)
        second = run(capsys, *argv, "--calendar", "Leg raises · accessory plan")

        assert (0, "") == (first[0], first[2])
        assert (
            "calendar 'Leg raises · accessory plan' (new): 18 created, 0 updated, "
            "0 removed, 0 unchanged\n"
        ) == first[1]
        assert second[1].endswith("0 created, 0 updated, 0 removed, 18 unchanged\n")
        for output in (*first, *second):
            assert account.password not in str(output)

    def test_wrong_password(self, capsys, monkeypatch, account, saved):
        """A refused login: one line on stderr, status 2, and the password nowhere."""
        monkeypatch.setenv("LEGRAISE_PLAN_PASSWORD", "wrong-horse-battery")

        status, out, err = run(
            capsys, "publish", str(saved), "--url", account.url, "--user", account.username
        )

        assert (status, out) == (2, "")
        assert err.startswith("legraise-plan: error: the server at 127.0.0.1 refused the login")
        assert err.count("\n") == 1
        assert "wrong-horse-battery" not in err

    def test_http_to_another_machine(self, capsys, monkeypatch, saved):
        """Without --insecure-http, http:// elsewhere is refused before connecting."""
        monkeypatch.setenv("LEGRAISE_PLAN_PASSWORD", "pw")

        status, _, err = run(
            capsys, "publish", str(saved), "--url", "http://cal.example.com/", "--user", "u"
        )

        assert status == 2
        assert "--insecure-http" in err

    def test_password_prompt_on_a_terminal(self, capsys, monkeypatch, account, saved):
        """With no environment variable, a terminal is asked for the password."""
        monkeypatch.delenv("LEGRAISE_PLAN_PASSWORD", raising=False)
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        asked = []
        monkeypatch.setattr(
            "getpass.getpass", lambda prompt: asked.append(prompt) or account.password
        )

        status, out, _ = run(
            capsys, "publish", str(saved), "--url", account.url, "--user", account.username
        )

        assert status == 0
        assert [f"Password for {account.username}: "] == asked
        assert "18 created" in out

    @pytest.mark.parametrize("tty", [False, True])
    def test_no_password(self, capsys, monkeypatch, saved, tty):
        """No variable and no terminal, or an empty answer: a clear error, status 2."""
        monkeypatch.delenv("LEGRAISE_PLAN_PASSWORD", raising=False)
        monkeypatch.setattr("sys.stdin.isatty", lambda: tty)

        def interrupted(_prompt):
            raise EOFError

        monkeypatch.setattr("getpass.getpass", interrupted)

        status, _, err = run(
            capsys, "publish", str(saved), "--url", "https://cal.example.com/", "--user", "u"
        )

        assert status == 2
        assert ("no password given" in err) == tty
        assert ("LEGRAISE_PLAN_PASSWORD" in err) != tty

    def test_help_names_the_variable_and_takes_no_password(self, capsys):
        """--help names LEGRAISE_PLAN_PASSWORD, and there is no --password option."""
        with pytest.raises(SystemExit):
            main(["publish", "--help"])
        out = capsys.readouterr().out

        assert "LEGRAISE_PLAN_PASSWORD" in out
        assert "--password" not in out
        status, _, err = run(
            capsys, "publish", "x.json", "--url", "u", "--user", "u", "--password", "pw"
        )
        assert status == 2
        assert "unrecognized arguments" in err


class TestProcess:
    """The command as a real process."""

    def test_version(self):
        """python -m legraise_plan --version prints the version."""
        result = subprocess.run(
            [sys.executable, "-m", "legraise_plan", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )

        assert result.returncode == 0
        assert result.stdout.strip() == f"legraise-plan {lp.__version__}"

    def test_error_has_no_traceback(self):
        """A user error in a real process is one line and status 2."""
        result = subprocess.run(
            [sys.executable, "-m", "legraise_plan", "plan", "--weeks", "99"],
            capture_output=True,
            text=True,
            check=False,
        )

        assert result.returncode == 2
        assert result.stderr == "legraise-plan: error: weeks must be a whole number 1..52, got 99\n"


class TestTextInput:
    """Odd bytes on the command line and in files."""

    def test_non_utf8_name(self, capsys):
        """A name that is not UTF-8 is kept readable instead of crashing the output."""
        status, out, _ = run(capsys, "plan", "--name", "Ana\udcff", "--format", "json")

        assert status == 0
        assert json.loads(out)["athlete"]["name"] == "Ana\ufffd"

    def test_non_utf8_file(self, capsys, tmp_path):
        """show on a file that is not UTF-8 is one clear line and status 2."""
        source = tmp_path / "plan.json"
        source.write_bytes(b"\xff\xfe{}")

        status, _, err = run(capsys, "show", str(source))

        assert status == 2
        assert "is not UTF-8 text" in err

    def test_folder_as_zone(self, capsys):
        """--tz naming a folder of the zone database is a clear error, not a traceback."""
        status, _, err = run(capsys, "plan", "--tz", "Europe")

        assert status == 2
        assert "argument --tz: must be an IANA zone name" in err


COMMANDS = ["plan", "show", "convert", "exercises", "log", "adapt", "next", "publish", "around"]


class TestHelp:
    @pytest.mark.parametrize("command", COMMANDS)
    def test_no_word_is_split_at_80_columns(self, command, monkeypatch, capsys):
        """Help wraps at spaces: every choice value stays whole at 80 columns."""
        monkeypatch.setenv("COLUMNS", "80")
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        assert max(len(line) for line in text.splitlines()) <= 80
        words = set(re.findall(r"\w+", text))
        for kind in (lp.Role, lp.Level, lp.Equipment, lp.Condition, lp.Periodization):
            # Glued back without the line breaks, a split word shows up whole here...
            glued = re.sub(r"\n\s+", "", text)
            shown = [m.value for m in kind if m.value in glued]
            # ...but not among the words of the help as printed.
            assert all(value in words for value in shown), (kind, text)

    def test_defaults_are_shown(self, monkeypatch, capsys):
        monkeypatch.setenv("COLUMNS", "80")
        with pytest.raises(SystemExit):
            main(["plan", "--help"])
        text = " ".join(capsys.readouterr().out.split())
        for default in ("(default novice)", "(default kg)", "(default linear)"):
            assert default in text


class TestSuggestions:
    @pytest.mark.parametrize(
        ("argv", "hint"),
        [
            (["--tz", "Europe/Berln"], "(did you mean Europe/Berlin?)"),
            (["--role", "acessory"], "(did you mean accessory?)"),
            (["--equipment", "bands"], "(did you mean band?)"),
            (["--level", "novise"], "(did you mean novice?)"),
            (["--days", "mon,tuseday"], "(did you mean tuesday?)"),
        ],
    )
    def test_near_misses_get_a_suggestion(self, capsys, argv, hint):
        assert main(["plan", *argv], today=TODAY) == 2
        err = capsys.readouterr().err
        assert err.rstrip().endswith(hint)
        assert len(err.splitlines()) == 1

    def test_no_suggestion_when_nothing_is_close(self, capsys):
        assert main(["plan", "--role", "zzz"], today=TODAY) == 2
        assert "did you mean" not in capsys.readouterr().err


class TestExitStatuses:
    @pytest.mark.parametrize(
        ("argv", "status", "fragment"),
        [
            (["--role", "rehab"], 3, "then add --cleared"),
            (["--condition", "pregnancy"], 3, "then add --cleared"),
            (["--condition", "red_flags"], 4, "see a doctor urgently"),
            (["--role", "rehab", "--cleared"], 0, ""),
        ],
    )
    def test_clearance_and_referral_have_their_own_status(
        self, capsys, tmp_path, argv, status, fragment
    ):
        target = tmp_path / "plan.ics"
        code, out, err = run(capsys, "plan", *argv, "-o", str(target))
        assert (code, out) == (status, "")
        if status:
            assert err.count("\n") == 1
            assert fragment in err
            assert "Athlete(cleared=True)" not in err
            assert not target.exists()

    def test_help_names_the_statuses(self, capsys, monkeypatch):
        monkeypatch.setenv("COLUMNS", "80")
        with pytest.raises(SystemExit):
            main(["--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "exit status: 0 success; 1 (batch) some lines failed; 2 bad input" in text
        assert "3 the plan needs" in text
        assert "4 red-flag symptoms" in text


class TestWarnings:
    def test_start_in_the_past_skip_outside_and_format_mismatch(self, capsys, tmp_path):
        target = tmp_path / "plan.ics"
        code, _, err = run(
            capsys,
            "plan",
            "--start",
            "2026-11-02",
            "--skip",
            "2027-06-01,2027-06-02",
            "--format",
            "json",
            "-o",
            str(target),
        )
        assert code == 0
        lines = err.splitlines()
        assert len(lines) == 3
        assert all(line.startswith("legraise-plan: warning: ") for line in lines)
        assert "starts in the past" in lines[0]
        assert "--skip 2027-06-01 and 1 more outside the plan" in lines[1]
        assert "--format json written to" in lines[2]
        assert target.read_text().startswith("{")

    def test_no_warning_for_a_plain_plan(self, capsys, tmp_path):
        code, _, err = run(capsys, "plan", "-o", str(tmp_path / "plan.ics"))
        assert (code, err) == (0, "")


class TestProfile:
    def write(self, tmp_path, text):
        path = tmp_path / "me.toml"
        path.write_text(text, encoding="utf-8")
        return str(path)

    def test_profile_gives_defaults_and_the_command_line_wins(self, capsys, tmp_path):
        profile = self.write(
            tmp_path,
            'equipment = ["band"]\nlevel = "intermediate"\ndays = "tue,thu,sat"\n'
            'at = "07:30"\ntz = "Europe/Berlin"\nname = "Dana"\n',
        )
        out_path = tmp_path / "plan.json"
        code, _, _ = run(
            capsys, "plan", "--profile", profile, "--days", "mon,wed,fri", "-o", str(out_path)
        )
        assert code == 0
        data = json.loads(out_path.read_text())
        assert data["days"] == ["MO", "WE", "FR"]  # the command line wins
        assert (data["at"], data["tz"]) == ("07:30:00", "Europe/Berlin")
        assert data["athlete"]["level"] == "intermediate"
        assert data["athlete"]["equipment"] == ["band", "bodyweight"]
        assert data["athlete"]["name"] == "Dana"

    @pytest.mark.parametrize(
        ("text", "fragment"),
        [
            ('levle = "novice"\n', "line 1: unknown key 'levle' (did you mean level?)"),
            ('equipment = ["band"]\nlevel = "expert"\n', "line 2: level must be one of"),
            ("cleared = 1\n", "line 1: cleared must be true or false"),
            ("level = \n", "is not TOML"),
        ],
    )
    def test_bad_profiles_name_the_key_and_line(self, capsys, tmp_path, text, fragment):
        code, out, err = run(capsys, "plan", "--profile", self.write(tmp_path, text))
        assert (code, out) == (2, "")
        assert fragment in err
        assert err.count("\n") == 1

    def test_missing_profile(self, capsys, tmp_path):
        code, _, err = run(capsys, "plan", "--profile", str(tmp_path / "none.toml"))
        assert code == 2
        assert "no such file" in err


def test_seconds_in_the_time_show_in_the_text(capsys):
    """--at 18:00:30 reads 18:00:30 in the text, as in the calendar."""
    assert main(["plan", "--at", "18:00:30", "--format", "text"], today=TODAY) == 0
    text = capsys.readouterr().out
    assert " at 18:00:30 · " in text
    assert "18:00:30 · " in text.split("## Week 1", 1)[1]


class TestFit:
    def test_one_workout_per_session_into_a_folder(self, capsys, tmp_path):
        import fitdecode

        folder = tmp_path / "workouts"
        code, out, err = run(capsys, "plan", "--format", "fit", "-o", str(folder))
        assert (code, out) == (0, "")
        files = sorted(folder.iterdir())
        assert len(files) == 18
        assert files[0].name == "2026-11-30-1800.fit"
        assert "18 workouts written" in err
        with fitdecode.FitReader(str(files[0])) as reader:
            names = {frame.name for frame in reader if isinstance(frame, fitdecode.FitDataMessage)}
        assert {"file_id", "workout", "workout_step"} <= names

    def test_fit_needs_a_folder(self, capsys):
        code, _, err = run(capsys, "plan", "--format", "fit")
        assert code == 2
        assert "give a folder with -o DIR" in err
