"""Closing the loop on the command line: ``log``, ``adapt`` and ``next``, and log files.

Everything runs for real: the CLI in-process through ``main(..., today=...)`` and as
``python -m legraise_plan`` processes, on files in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import legraise_plan as lp
from legraise_plan.cli import main


TODAY = dt.date(2026, 12, 20)  # a Sunday, after the first two weeks of the plan
START = "2026-12-07"  # sessions on Monday, Wednesday and Friday from here
#: A plan wholly in the past, for real processes that use the real date.
PAST_START = "2020-01-06"


def run(capsys: pytest.CaptureFixture[str], *argv: str, today: dt.date = TODAY):
    """Run the CLI in-process; return (status, stdout, stderr)."""
    status = main(list(argv), today=today)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def cli(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m legraise_plan`` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "legraise_plan", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (by name) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(name="plan_file")
def fixture_plan_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A 6-week accessory plan from 2026-12-07 (MO/WE/FR 18:00 Europe/Berlin) as JSON."""
    target = tmp_path / "plan.json"
    status, _, _ = run(
        capsys,
        "plan",
        "--start",
        START,
        "--tz",
        "Europe/Berlin",
        "--equipment",
        "band",
        "-o",
        str(target),
    )
    assert status == 0
    return target


def load_plan(path: Path) -> lp.Plan:
    """A plan saved as JSON."""
    return lp.from_dict(json.loads(path.read_text(encoding="utf-8")))


class TestLogFile:
    """lp.read_log and lp.append_log."""

    def test_missing_file_is_an_empty_log(self, tmp_path):
        """A log file that does not exist yet reads as an empty log, and is not created."""
        assert lp.read_log(tmp_path / "plan.log.json") == lp.TrainingLog()
        assert list(tmp_path.iterdir()) == []

    def test_append_creates_and_round_trips(self, tmp_path):
        """append_log writes indented JSON with a final newline that reads back equal."""
        path = tmp_path / "plan.log.json"
        entry = lp.SessionLog(
            uid="s1",
            date=dt.date(2026, 12, 7),
            sets=[lp.SetLog(left=12, right=11, load="band red", rir=2)],
            pain_during=2,
        )

        log = lp.append_log(path, entry)

        text = path.read_text(encoding="utf-8")
        assert log == lp.TrainingLog((entry,))
        assert lp.read_log(path) == log
        assert text.endswith("}\n")
        assert text == json.dumps(lp.log_to_dict(log), indent=2, ensure_ascii=False) + "\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.log.json", "plan.log.json.lock"]

    def test_append_keeps_earlier_entries(self, tmp_path):
        """A second entry for the same session is appended; the later one counts."""
        path = tmp_path / "log.json"
        first = lp.SessionLog(uid="s1", date=dt.date(2026, 12, 7), skipped="ill")
        second = lp.SessionLog(uid="s1", date=dt.date(2026, 12, 8), sets=[lp.SetLog.both(10)])
        other = lp.SessionLog(uid="s2", date=dt.date(2026, 12, 9), sets=[lp.SetLog.both(11)])

        for entry in (first, second, other):
            log = lp.append_log(path, entry)

        assert lp.read_log(path).entries == (first, second, other)
        assert log.get("s1") == second
        assert len(log.notes) == 1

    def test_keeps_file_mode(self, tmp_path):
        """Appending keeps the log file's permissions."""
        path = tmp_path / "log.json"
        lp.append_log(path, lp.SessionLog(uid="a", date=dt.date(2026, 1, 5), skipped="ill"))
        path.chmod(0o600)

        lp.append_log(path, lp.SessionLog(uid="b", date=dt.date(2026, 1, 7), skipped="ill"))

        assert path.stat().st_mode & 0o777 == 0o600

    @pytest.mark.parametrize(
        ("content", "error", "fragment"),
        [
            (b"{not json", lp.LogError, "is not JSON: "),
            (b"\xff\xfe{}", lp.LogError, "is not UTF-8 text"),
            (b'{"schema_version": 99}', lp.PlanProblemsError, "is not a valid training log"),
            (b"[1, 2]", lp.PlanProblemsError, "is not a valid training log: $: expected an"),
        ],
    )
    def test_bad_file(self, tmp_path, content, error, fragment):
        """A bad file is a one-line error naming the file; appending leaves it as it was."""
        path = tmp_path / "log.json"
        path.write_bytes(content)
        entry = lp.SessionLog(uid="a", date=dt.date(2026, 1, 5), skipped="ill")

        with pytest.raises(error) as read:
            lp.read_log(path)
        with pytest.raises(error):
            lp.append_log(path, entry)

        assert fragment in str(read.value)
        assert str(path) in str(read.value)
        assert "\n" not in str(read.value)
        assert path.read_bytes() == content

    def test_bad_document_keeps_its_problems(self, tmp_path):
        """The problems of an invalid document stay available as data."""
        path = tmp_path / "log.json"
        path.write_text('{"schema_version": 99}')

        with pytest.raises(lp.PlanProblemsError) as caught:
            lp.read_log(path)

        assert caught.value.problems
        assert all(isinstance(p, lp.Problem) for p in caught.value.problems)

    def test_many_problems_in_one_line(self, tmp_path):
        """A document with many problems is one line: the first few, then a count."""
        path = tmp_path / "log.json"
        path.write_text('{"schema_version": 1, "entries": [{}, {}]}')

        with pytest.raises(lp.PlanProblemsError) as caught:
            lp.read_log(path)

        message = str(caught.value)
        assert message.startswith(f"log file {str(path)!r} is not a valid training log: ")
        assert f"{len(caught.value.problems)} problems: entries[0]." in message
        assert message.endswith(f"; and {len(caught.value.problems) - 5} more")
        assert "\n" not in message

    def test_lock_cannot_be_made(self, tmp_path):
        """When the lock file cannot be opened, nothing is appended."""
        (tmp_path / "log.json.lock").mkdir()
        entry = lp.SessionLog(uid="a", date=dt.date(2026, 1, 5), skipped="ill")

        with pytest.raises(lp.ExportError, match="cannot be locked"):
            lp.append_log(tmp_path / "log.json", entry)

        assert not (tmp_path / "log.json").exists()

    def test_folder_is_not_a_log(self, tmp_path):
        """A folder where the log should be is a clear error."""
        with pytest.raises(lp.LogError, match="must be a regular file, got a folder"):
            lp.read_log(tmp_path)

    def test_fifo_is_refused_without_blocking(self, tmp_path):
        """A FIFO with no writer is refused up front instead of hanging."""
        fifo = tmp_path / "log.json"
        os.mkfifo(fifo)
        with pytest.raises(lp.LogError, match="must be a regular file, got a FIFO"):
            lp.read_log(fifo)

    def test_oversized_log_is_refused_up_front(self, tmp_path):
        """A log file over 16 MiB is refused before it is read."""
        big = tmp_path / "log.json"
        with big.open("wb") as handle:
            handle.truncate(17 * 1024 * 1024)  # sparse: no real disk use
        with pytest.raises(lp.LogError, match="more than the limit of 16,777,216"):
            lp.read_log(big)

    def test_missing_folder(self, tmp_path):
        """Appending into a folder that does not exist creates nothing."""
        entry = lp.SessionLog(uid="a", date=dt.date(2026, 1, 5), skipped="ill")

        with pytest.raises(lp.ExportError, match="existing folder"):
            lp.append_log(tmp_path / "no" / "log.json", entry)

        assert list(tmp_path.iterdir()) == []

    def test_entry_must_be_a_session_log(self, tmp_path):
        """Only SessionLog entries are appended."""
        with pytest.raises(lp.LogError, match="entry must be a SessionLog"):
            lp.append_log(tmp_path / "log.json", {"uid": "a"})  # type: ignore[arg-type]

        assert list(tmp_path.iterdir()) == []

    def test_threads_append_at_once(self, tmp_path):
        """Appends racing in threads all land (each takes the lock on its own descriptor)."""
        path = tmp_path / "log.json"
        barrier = threading.Barrier(8)

        def append(i: int) -> None:
            barrier.wait()
            entry = lp.SessionLog(uid=f"s{i}", date=dt.date(2026, 1, 5), skipped="ill")
            lp.append_log(path, entry)

        threads = [threading.Thread(target=append, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert sorted(e.uid for e in lp.read_log(path).entries) == [f"s{i}" for i in range(8)]


class TestLog:
    """legraise-plan log."""

    def test_by_date_with_default_log_file(self, capsys, plan_file, tmp_path):
        """--date finds the session; the log goes to plan.log.json; one line says what."""
        session = load_plan(plan_file).session_on(dt.date(2026, 12, 9))

        status, out, err = run(
            capsys, "log", str(plan_file), "--date", "2026-12-09", "--reps", "12,12,11"
        )

        log = lp.read_log(tmp_path / "plan.log.json")
        assert (status, err) == (0, "")
        assert out.count("\n") == 1
        assert out.startswith("logged session 2026-12-09: 3 sets: 12, 12, 11 reps; pain 0/10")
        assert out.endswith(f" -> {tmp_path / 'plan.log.json'}\n")
        assert log.entries == (
            lp.SessionLog(
                uid=session.uid,
                date=dt.date(2026, 12, 9),
                sets=[lp.SetLog.both(12), lp.SetLog.both(12), lp.SetLog.both(11)],
            ),
        )

    def test_every_option(self, capsys, plan_file, tmp_path):
        """Per-leg reps, load, RIR, pain, form and notes all reach the log entry."""
        target = tmp_path / "my-log.json"

        status, out, _ = run(
            capsys,
            "log",
            str(plan_file),
            "--date",
            "2026-12-11",
            "--reps",
            "12/11, 12/12",
            "--load",
            "band red",
            "--rir",
            "2",
            "--pain",
            "3",
            "--morning-pain",
            "1",
            "--baseline-pain",
            "1",
            "--form",
            "lost",
            "--notes",
            "left hamstring tight",
            "--log",
            str(target),
        )

        (entry,) = lp.read_log(target).entries
        assert status == 0
        assert "12/11, 12" in out
        assert entry.sets == (
            lp.SetLog(left=12, right=11, load="band red", rir=2),
            lp.SetLog(left=12, right=12, load="band red", rir=2),
        )
        assert (entry.pain_during, entry.morning_pain, entry.baseline_pain) == (3, 1, 1)
        assert (entry.form_kept, entry.notes, entry.skipped) == (
            False,
            "left hamstring tight",
            None,
        )
        assert not (tmp_path / "plan.log.json").exists()

    def test_skipped(self, capsys, plan_file, tmp_path):
        """--skipped logs a session not done, with its reason and no sets."""
        status, out, _ = run(
            capsys, "log", str(plan_file), "--date", "2026-12-07", "--skipped", "ill"
        )

        (entry,) = lp.read_log(tmp_path / "plan.log.json").entries
        assert status == 0
        assert "skipped (ill)" in out
        assert (entry.skipped, entry.sets, entry.date) == ("ill", (), dt.date(2026, 12, 7))

    def test_by_uid_done_on_another_day(self, capsys, plan_file, tmp_path):
        """--session names the session; --date is then only the day it was done."""
        uid = load_plan(plan_file).session_on(dt.date(2026, 12, 14)).uid

        status, out, _ = run(
            capsys, "log", str(plan_file), "--session", uid, "--date", "2026-12-15", "--reps", "10"
        )

        (entry,) = lp.read_log(tmp_path / "plan.log.json").entries
        assert status == 0
        assert out.startswith("logged session 2026-12-14 (done 2026-12-15): 1 set: 10 reps")
        assert (entry.uid, entry.date) == (uid, dt.date(2026, 12, 15))

    def test_date_defaults_to_today(self, capsys, plan_file, tmp_path):
        """Without --date the session is today's, done today."""
        friday = dt.date(2026, 12, 18)

        status, _, _ = run(capsys, "log", str(plan_file), "--reps", "10", today=friday)

        (entry,) = lp.read_log(tmp_path / "plan.log.json").entries
        assert status == 0
        assert entry.date == friday
        assert entry.uid == load_plan(plan_file).session_on(friday).uid

    def test_logging_again_replaces(self, capsys, plan_file, tmp_path):
        """Logging a session twice keeps both entries; the line says the later one counts."""
        args = ("log", str(plan_file), "--date", "2026-12-09")
        run(capsys, *args, "--reps", "10")

        status, out, _ = run(capsys, *args, "--reps", "12")

        log = lp.read_log(tmp_path / "plan.log.json")
        assert status == 0
        assert "replaces the earlier entry" in out
        assert [e.sets[0].left for e in log.entries] == [10, 12]

    def test_log_name_for_other_suffixes(self, capsys, plan_file, tmp_path):
        """A plan file without .json gets .log.json added to its whole name."""
        other = tmp_path / "plan.saved"
        other.write_bytes(plan_file.read_bytes())

        status, _, _ = run(capsys, "log", str(other), "--date", "2026-12-09", "--reps", "10")

        assert status == 0
        assert (tmp_path / "plan.saved.log.json").exists()

    @pytest.mark.parametrize(
        ("argv", "fragment"),
        [
            (["--session", "no-such-uid", "--reps", "10"], "uid must name a session"),
            (["--date", "2026-12-08", "--reps", "10"], "nearest: 2026-12-07, 2026-12-09"),
            (["--date", "2026-12-21", "--reps", "10"], "--date must not be after today"),
            (["--date", "2026-12-09", "--reps", "51"], "--reps: left must be 0..50, got 51"),
            (["--date", "2026-12-09", "--reps", "12/-1"], "--reps: right must be 0..50, got -1"),
            (["--date", "2026-12-09", "--reps", "12,x"], "argument --reps: must be reps per set"),
            (["--date", "2026-12-09", "--reps", "12,,12"], "argument --reps: must be reps per"),
            (["--date", "2026-12-09", "--reps", "10", "--pain", "11"], "--pain: pain_during"),
            (["--date", "2026-12-09", "--reps", "10", "--rir", "11"], "--rir: rir must be 0..10"),
            (["--date", "2026-12-09", "--reps", "10", "--pain", "high"], "must be a whole number"),
            (["--date", "2026-12-09", "--reps", "10", "--form", "meh"], "invalid choice"),
            (["--date", "2026-12-09", "--reps", ",".join(["10"] * 11)], "sets must be at most 10"),
            (["--date", "2026-12-09", "--skipped", "ill", "--reps", "10"], "not allowed with"),
            (["--date", "2026-12-09", "--skipped", "ill", "--load", "band red"], "with --reps"),
            (["--date", "2026-12-09"], "one of the arguments --reps --skipped is required"),
            (["--date", "09.12.2026", "--reps", "10"], "must be a date YYYY-MM-DD"),
        ],
    )
    def test_bad_input(self, capsys, plan_file, tmp_path, argv, fragment):
        """Bad input is one line on stderr, status 2, and no file made or changed."""
        before = snapshot(tmp_path)

        status, out, err = run(capsys, "log", str(plan_file), *argv)

        assert (status, out) == (2, "")
        assert err.startswith("legraise-plan: error: ")
        assert err.count("\n") == 1
        assert fragment in err
        assert snapshot(tmp_path) == before

    @pytest.mark.parametrize(
        ("content", "fragment"),
        [
            (b"{not json", "is not JSON"),
            (b"\xff\xfe", "is not UTF-8 text"),
            (b'{"schema_version": 99}', "is not a valid training log"),
        ],
    )
    def test_bad_log_file_is_untouched(self, capsys, plan_file, tmp_path, content, fragment):
        """An unreadable existing log is an error; the file stays as it was."""
        (tmp_path / "plan.log.json").write_bytes(content)
        before = snapshot(tmp_path)

        status, _, err = run(capsys, "log", str(plan_file), "--date", "2026-12-09", "--reps", "10")

        assert status == 2
        assert err.count("\n") == 1
        assert fragment in err
        assert "plan.log.json" in err
        assert snapshot(tmp_path) == before

    def test_log_in_missing_folder(self, capsys, plan_file, tmp_path):
        """A --log in a folder that does not exist is an error; nothing is created."""
        before = snapshot(tmp_path)
        target = tmp_path / "no" / "log.json"

        status, _, err = run(
            capsys,
            "log",
            str(plan_file),
            "--date",
            "2026-12-09",
            "--reps",
            "10",
            "--log",
            str(target),
        )

        assert status == 2
        assert "existing folder" in err
        assert snapshot(tmp_path) == before
        assert not (tmp_path / "no").exists()

    def test_plan_file_as_log(self, capsys, plan_file, tmp_path):
        """Naming the plan itself as the log is refused and the plan is left alone."""
        before = snapshot(tmp_path)

        status, _, err = run(
            capsys, "log", str(plan_file), "--date", "2026-12-09", "--reps", "10", "--log",
            str(plan_file),
        )  # fmt: skip

        assert status == 2
        assert "is not a valid training log" in err
        assert snapshot(tmp_path) == before

    def test_bad_plan_file(self, capsys, tmp_path):
        """A missing plan file is an error and no log is made."""
        status, _, err = run(capsys, "log", str(tmp_path / "plan.json"), "--reps", "10")

        assert status == 2
        assert "cannot read" in err
        assert list(tmp_path.iterdir()) == []


@pytest.fixture(name="logged")
def fixture_logged(capsys: pytest.CaptureFixture[str], plan_file: Path) -> Path:
    """The plan's first two weeks logged: one session skipped, the rest done."""
    plan = load_plan(plan_file)
    for session in plan.sessions:
        day = session.start.date()
        if day > TODAY:
            break
        reps = ["--skipped", "ill"] if day == dt.date(2026, 12, 9) else ["--reps", "12,12,12"]
        status, _, _ = run(capsys, "log", str(plan_file), "--date", day.isoformat(), *reps)
        assert status == 0
    return plan_file.with_name("plan.log.json")


class TestAdapt:
    """legraise-plan adapt."""

    def test_adapt_writes_plan_and_diff(self, capsys, plan_file, logged, tmp_path):
        """adapt writes lp.adapt's plan and prints lp.diff's summary on stderr."""
        target = tmp_path / "adapted.json"

        status, out, err = run(
            capsys, "adapt", str(plan_file), "--log", str(logged), "-o", str(target)
        )

        old, log = load_plan(plan_file), lp.read_log(logged)
        expected = lp.adapt(old, log, today=TODAY)
        assert (status, out) == (0, "")
        assert load_plan(target) == expected
        assert err == lp.diff(old, expected).summary() + "\n"

    def test_default_log_and_stdout(self, capsys, plan_file, logged):
        """Without --log the plan's own log file is read; the plan goes to stdout."""
        status, out, _ = run(capsys, "adapt", str(plan_file), "--format", "json")

        expected = lp.adapt(load_plan(plan_file), lp.read_log(logged), today=TODAY)
        assert status == 0
        assert lp.from_dict(json.loads(out)) == expected

    def test_today_and_missed(self, capsys, plan_file, logged):
        """--today and --missed reach lp.adapt."""
        later = dt.date(2026, 12, 31)

        status, out, _ = run(
            capsys,
            "adapt",
            str(plan_file),
            "--today",
            later.isoformat(),
            "--missed",
            "shift",
            "--format",
            "json",
        )

        log = lp.read_log(logged)
        expected = lp.adapt(load_plan(plan_file), log, today=later, missed="shift")
        assert status == 0
        assert lp.from_dict(json.loads(out)) == expected

    def test_ics_output(self, capsys, plan_file, logged, tmp_path):
        """The output options work as for plan."""
        target = tmp_path / "adapted.ics"

        status, _, _ = run(
            capsys,
            "adapt",
            str(plan_file),
            "-o",
            str(target),
            "--alarm",
            "none",
            "--stamp",
            "2026-12-20T08:00:00Z",
        )

        expected = lp.adapt(load_plan(plan_file), lp.read_log(logged), today=TODAY)
        stamp = dt.datetime(2026, 12, 20, 8, tzinfo=dt.UTC)
        assert status == 0
        assert target.read_bytes() == lp.to_ics(expected, alarm=None, stamp=stamp)

    @pytest.mark.usefixtures("logged")
    def test_log_after_today(self, capsys, plan_file, tmp_path):
        """A log entry dated after --today is the library's error, and nothing is written."""
        before = snapshot(tmp_path)

        status, _, err = run(
            capsys, "adapt", str(plan_file), "--today", "2026-12-10", "-o", str(tmp_path / "a.ics")
        )

        assert status == 2
        assert err.startswith("legraise-plan: error: ")
        assert err.count("\n") == 1
        assert snapshot(tmp_path) == before

    def test_log_of_another_plan(self, capsys, plan_file, tmp_path):
        """A log naming sessions that are not in the plan is an error."""
        foreign = tmp_path / "foreign.json"
        lp.append_log(
            foreign, lp.SessionLog(uid="not-in-plan", date=dt.date(2026, 12, 7), skipped="ill")
        )
        before = snapshot(tmp_path)

        status, _, err = run(
            capsys, "adapt", str(plan_file), "--log", str(foreign), "-o", str(tmp_path / "a.json")
        )

        assert status == 2
        assert err.count("\n") == 1
        assert snapshot(tmp_path) == before

    @pytest.mark.parametrize("command", ["adapt", "next"])
    def test_missing_log(self, capsys, plan_file, tmp_path, command):
        """adapt and next need an existing log file: a typo must not read as no training."""
        before = snapshot(tmp_path)

        status, _, err = run(capsys, command, str(plan_file), "--log", str(tmp_path / "typo.json"))

        assert status == 2
        assert "no such log file" in err
        assert snapshot(tmp_path) == before

    @pytest.mark.parametrize(
        ("argv", "fragment"),
        [
            (["--missed", "ignore"], "argument --missed: must be one of"),
            (["--today", "tomorrow"], "argument --today: must be a date"),
            (["--format", "pdf"], "argument --format: invalid choice"),
        ],
    )
    @pytest.mark.usefixtures("logged")
    def test_bad_options(self, capsys, plan_file, tmp_path, argv, fragment):
        """Bad options are one line and status 2."""
        before = snapshot(tmp_path)

        status, _, err = run(capsys, "adapt", str(plan_file), *argv, "-o", str(tmp_path / "x"))

        assert status == 2
        assert fragment in err
        assert snapshot(tmp_path) == before


class TestNext:
    """legraise-plan next."""

    def test_next_block(self, capsys, plan_file, logged, tmp_path):
        """next writes lp.continue_plan's plan and one line about it on stderr."""
        target = tmp_path / "next.json"

        status, out, err = run(
            capsys,
            "next",
            str(plan_file),
            "--weeks",
            "4",
            "--start",
            "2027-01-18",
            "-o",
            str(target),
        )

        expected = lp.continue_plan(
            load_plan(plan_file), lp.read_log(logged), weeks=4, start=dt.date(2027, 1, 18)
        )
        assert (status, out) == (0, "")
        assert load_plan(target) == expected
        assert err.startswith("next block: ")
        assert err.count("\n") == 1

    def test_defaults(self, capsys, plan_file, logged):
        """Without --weeks and --start, continue_plan's defaults apply."""
        status, out, _ = run(capsys, "next", str(plan_file), "--format", "json")

        expected = lp.continue_plan(load_plan(plan_file), lp.read_log(logged))
        assert status == 0
        assert lp.from_dict(json.loads(out)) == expected

    @pytest.mark.usefixtures("logged")
    def test_bad_weeks(self, capsys, plan_file, tmp_path):
        """A bad --weeks is the library's one-line error; nothing is written."""
        before = snapshot(tmp_path)

        target = tmp_path / "next.ics"

        status, _, err = run(capsys, "next", str(plan_file), "--weeks", "0", "-o", str(target))

        assert status == 2
        assert err.startswith("legraise-plan: error: ")
        assert snapshot(tmp_path) == before


class TestProcess:
    """The commands as real processes, on the real date."""

    @pytest.fixture(name="past_plan")
    def fixture_past_plan(self, tmp_path):
        """A 6-week plan in 2020 (wholly before today), saved as JSON."""
        target = tmp_path / "plan.json"
        result = cli("plan", "--start", PAST_START, "--tz", "Europe/Berlin", "-o", str(target))
        assert result.returncode == 0, result.stderr
        return target

    def test_log_adapt_next(self, past_plan, tmp_path):
        """log, then adapt, then next, each in its own process."""
        plan = load_plan(past_plan)
        first, second = plan.sessions[0], plan.sessions[1]

        logged = [
            cli("log", str(past_plan), "--date", first.start.date().isoformat(), "--reps", "12,12"),
            cli("log", str(past_plan), "--session", second.uid, "--date", "2020-01-08",
                "--reps", "12/11,11/11", "--pain", "2"),
        ]  # fmt: skip
        adapted = cli("adapt", str(past_plan), "-o", str(tmp_path / "adapted.json"))
        log_file = str(tmp_path / "plan.log.json")
        after = cli("next", str(tmp_path / "adapted.json"), "--log", log_file,
                    "-o", str(tmp_path / "next.ics"))  # fmt: skip

        for result in (*logged, adapted, after):
            assert result.returncode == 0, result.stderr
        assert [r.stdout.count("\n") for r in logged] == [1, 1]
        assert len(lp.read_log(tmp_path / "plan.log.json").entries) == 2
        new = load_plan(tmp_path / "adapted.json")
        assert adapted.stderr.strip() == lp.diff(plan, new).summary()
        assert (tmp_path / "next.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")

    def test_error_is_one_line(self, past_plan, tmp_path):
        """A bad log command in a real process: one line, status 2, no traceback, no file."""
        before = snapshot(tmp_path)

        result = cli("log", str(past_plan), "--date", "2020-01-07", "--reps", "10")

        assert result.returncode == 2
        assert result.stderr.startswith("legraise-plan: error: date must be the date of")
        assert result.stderr.count("\n") == 1
        assert snapshot(tmp_path) == before

    def test_future_date(self, past_plan, tmp_path):
        """A date after the real today is refused."""
        tomorrow = dt.datetime.now().astimezone().date() + dt.timedelta(days=1)

        result = cli("log", str(past_plan), "--date", tomorrow.isoformat(), "--reps", "10")

        assert result.returncode == 2
        assert "--date must not be after today" in result.stderr
        assert not (tmp_path / "plan.log.json").exists()

    def test_processes_append_at_once(self, past_plan, tmp_path):
        """Many log processes started at once against one log file: every entry lands."""
        plan = load_plan(past_plan)
        sessions = plan.sessions[:12]
        log_file = tmp_path / "shared.log.json"
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "legraise_plan", "log", str(past_plan),
                 "--session", s.uid, "--date", s.start.date().isoformat(),
                 "--reps", f"{10 + i % 5},10", "--log", str(log_file)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for i, s in enumerate(sessions)
        ]  # fmt: skip
        results = [(*p.communicate(timeout=120), p.returncode) for p in processes]

        assert [status for _, _, status in results] == [0] * len(sessions), results
        log = lp.read_log(log_file)
        assert sorted(e.uid for e in log.entries) == sorted(s.uid for s in sessions)
        assert {e.uid: e.sets[0].left for e in log.entries} == {
            s.uid: 10 + i % 5 for i, s in enumerate(sessions)
        }
        assert log_file.read_text(encoding="utf-8").endswith("}\n")
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "plan.json",
            "shared.log.json",
            "shared.log.json.lock",
        ]
