"""The real command, run as a user runs it: exit status, one line on stderr, no file left.

Each case starts ``python -m legraise_plan`` in a fresh process, so what is checked is
what a shell sees: nothing in-process (no captured ``sys.exit``, no patched streams).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest


def run(
    *args: str, cwd: Path, stdout: int | None = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    """``python -m legraise_plan ARGS`` in ``cwd``, with a fixed clock-free environment."""
    env = {**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}
    env.pop("LEGRAISE_PLAN_PASSWORD", None)
    return subprocess.run(
        [sys.executable, "-m", "legraise_plan", *args],
        cwd=cwd,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )


#: (arguments, exit status, words the one stderr line must hold)
REFUSED = [
    pytest.param(["--after", "-5"], 2, ["--after", "0 to 360", "'-5'"], id="after-negative"),
    pytest.param(["--equipment", "bands"], 2, ["did you mean band?"], id="equipment-near-miss"),
    pytest.param(["--start", "2026-02-30"], 2, ["must be a real date"], id="impossible-date"),
    pytest.param(["--tz", "Europe/Berln"], 2, ["did you mean Europe/Berlin?"], id="zone-near-miss"),
    pytest.param(["--role", "acessory"], 2, ["did you mean accessory?"], id="role-near-miss"),
    pytest.param(["--days", "mon,wed,fir"], 2, ["did you mean fri?"], id="weekday-near-miss"),
    pytest.param(["--level", "expert"], 2, ["novice, intermediate, advanced"], id="level"),
    pytest.param(["--units", "stone"], 2, ["kg, lb", "'stone'"], id="units"),
    pytest.param(
        ["--condition", "hip_pian"], 2, ["did you mean hip_pain?"], id="condition-near-miss"
    ),
    pytest.param(
        ["--role", "rehab"], 3, ["clearance", "add --cleared"], id="rehab-needs-clearance"
    ),
    pytest.param(
        ["--condition", "pregnancy"], 3, ["clearance", "add --cleared"], id="pregnancy-clearance"
    ),
    pytest.param(
        ["--condition", "red_flags"], 4, ["see a doctor urgently"], id="red-flags-referral"
    ),
]


@pytest.mark.parametrize(("args", "status", "words"), REFUSED)
def test_refused_input_is_one_line_and_no_file(
    tmp_path: Path, args: list[str], status: int, words: list[str]
) -> None:
    """Bad input: the documented status, one stderr line naming the problem, no file."""
    result = run("plan", *args, "-o", "plan.ics", cwd=tmp_path)

    assert status == result.returncode
    lines = result.stderr.splitlines()
    assert 1 == len(lines), result.stderr
    assert lines[0].startswith("legraise-plan: error: ")
    assert all(word in lines[0] for word in words), lines[0]
    assert "Traceback" not in result.stderr
    assert "datetime.timedelta" not in lines[0]
    assert "or None" not in lines[0]
    assert [] == list(tmp_path.iterdir())


def test_full_disk_is_one_line_with_status_2(tmp_path: Path) -> None:
    """``plan > /dev/full``: the write fails; one line, exit 2, no traceback."""
    with Path("/dev/full").open("w") as full:
        result = run("plan", cwd=tmp_path, stdout=full.fileno())

    assert 2 == result.returncode
    assert 1 == len(result.stderr.splitlines()), result.stderr
    assert "No space left on device" in result.stderr


def test_read_only_output_is_refused_even_for_root(tmp_path: Path) -> None:
    """A file without write permission is not replaced, whoever runs the command."""
    target = tmp_path / "plan.ics"
    target.write_text("mine")
    target.chmod(stat.S_IRUSR)

    result = run("plan", "-o", str(target), cwd=tmp_path)

    assert 2 == result.returncode
    assert 1 == len(result.stderr.splitlines()), result.stderr
    assert "read-only" in result.stderr
    assert "mine" == target.read_text()
    assert ["plan.ics"] == [p.name for p in tmp_path.iterdir()]


@pytest.mark.parametrize(
    ("args", "warning"),
    [
        pytest.param(["--skip", "2020-01-01"], "outside the plan", id="skip-outside"),
        pytest.param(["--start", "2020-01-06"], "the plan starts in the past", id="past-start"),
        pytest.param(["--format", "json"], "a .ics name", id="format-against-suffix"),
    ],
)
def test_surprises_warn_but_still_write(tmp_path: Path, args: list[str], warning: str) -> None:
    """A surprise is a warning on stderr; the plan is still written and the status is 0."""
    result = run("plan", *args, "-o", "plan.ics", cwd=tmp_path)

    assert 0 == result.returncode
    lines = result.stderr.splitlines()
    assert 1 == len(lines), result.stderr
    assert lines[0].startswith("legraise-plan: warning: ")
    assert warning in lines[0]
    assert (tmp_path / "plan.ics").stat().st_size > 0


def test_seconds_in_the_time_are_kept_in_text_and_calendar(tmp_path: Path) -> None:
    """``--at 18:00:30``: the text and the .ics agree on the second."""
    text = run("plan", "--at", "18:00:30", "--format", "text", cwd=tmp_path)
    ics = run("plan", "--at", "18:00:30", "-o", "plan.ics", cwd=tmp_path)

    assert (0, 0) == (text.returncode, ics.returncode)
    assert "18:00:30" in text.stdout
    calendar = icalendar.Calendar.from_ical((tmp_path / "plan.ics").read_bytes())
    starts = {e.decoded("DTSTART").time().isoformat() for e in calendar.walk("VEVENT")}
    assert {"18:00:30"} == starts


def test_bad_profile_names_key_and_line(tmp_path: Path) -> None:
    """A profile with a wrong value: one line naming the key and its line; no file."""
    profile = tmp_path / "me.toml"
    profile.write_text('equipment = ["band"]\nlevel = "expert"\n')

    result = run("plan", "--profile", str(profile), "-o", "plan.ics", cwd=tmp_path)

    assert 2 == result.returncode
    lines = result.stderr.splitlines()
    assert 1 == len(lines), result.stderr
    assert "level" in lines[0]
    assert "line 2" in lines[0]
    assert ["me.toml"] == [p.name for p in tmp_path.iterdir()]


def test_profile_options_lose_to_the_command_line(tmp_path: Path) -> None:
    """The command line wins over the profile."""
    profile = tmp_path / "me.toml"
    profile.write_text('at = "07:30"\n')

    result = run(
        "plan", "--profile", str(profile), "--at", "06:15", "--format", "text", cwd=tmp_path
    )

    assert 0 == result.returncode, result.stderr
    assert "06:15" in result.stdout
    assert "07:30" not in result.stdout


def test_help_lists_the_exit_statuses(tmp_path: Path) -> None:
    """``plan --help`` says what 2, 3 and 4 mean."""
    result = run("plan", "--help", cwd=tmp_path)

    assert 0 == result.returncode
    text = " ".join(result.stdout.split())
    for status in ("2", "3", "4"):
        assert f"{status} " in text
    assert "clearance" in text
    assert "doctor" in text
