"""The command line never ends in a traceback: one line on stderr and exit 2 instead.

The fuzzer runs quickly in every test run; ``LEGRAISE_FUZZ=thorough`` runs it on
10,000 command lines.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legraise_plan.cli import main


THOROUGH = os.environ.get("LEGRAISE_FUZZ") == "thorough"
TODAY = dt.date(2026, 12, 2)


def cli(*argv: str, stdout: object = subprocess.PIPE, timeout: float = 60) -> tuple[int, str]:
    """Run the real command; return its exit status and standard error."""
    result = subprocess.run(
        [sys.executable, "-m", "legraise_plan", *argv],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )
    return result.returncode, result.stderr


def one_clean_line(status: int, err: str) -> None:
    assert status == 2, err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("legraise-plan: error:")


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    assert main(["plan", "--start", "2026-12-07", "-o", str(path)], today=TODAY) == 0
    return path


class TestOutputs:
    def test_full_disk(self) -> None:
        with Path("/dev/full").open("wb") as full:
            status, err = cli("plan", stdout=full)
        one_clean_line(status, err)
        assert "No space left on device" in err

    def test_closed_standard_output(self) -> None:
        code = (
            "import os, sys; os.close(1); sys.stdout = None; "
            "from legraise_plan.cli import main; sys.exit(main(['plan']))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        one_clean_line(result.returncode, result.stderr)
        assert "standard output is closed" in result.stderr

    def test_name_too_long(self, tmp_path: Path) -> None:
        status, err = cli("plan", "-o", str(tmp_path / ("x" * 300 + ".ics")))
        one_clean_line(status, err)
        assert "at most 255 bytes" in err


class TestInputs:
    @pytest.mark.parametrize(
        "argv",
        [
            ["plan", "--alarm", "99999999999999999999999"],
            ["plan", "--after", "1e20"],
            ["plan", "--after", "99999999999999999999"],
            ["plan", "--weeks", "9" * 5000],
            ["plan", "--stamp", "0001-01-01T00:00:00+14:00"],
            ["log", "x.json", "--rir", "9" * 30],
            ["plan", "--start", "9999-12-27"],
            ["plan", "--start", "0001-01-01", "--tz", "Asia/Tokyo"],
        ],
    )
    def test_huge_and_edge_numbers(self, argv: list[str]) -> None:
        one_clean_line(*cli(*argv))

    def test_fifo_is_refused_without_waiting(self, tmp_path: Path) -> None:
        fifo = tmp_path / "plan.json"
        os.mkfifo(fifo)
        status, err = cli("show", str(fifo), timeout=20)
        one_clean_line(status, err)
        assert "must be a regular file, got a FIFO" in err

    @pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
    def test_devices_are_refused(self, device: str) -> None:
        status, err = cli("show", device, timeout=20)
        one_clean_line(status, err)

    def test_oversized_file_is_refused_up_front(self, tmp_path: Path) -> None:
        big = tmp_path / "plan.json"
        with big.open("wb") as handle:
            handle.truncate(3 * 1024**3)  # sparse: 3 GiB that take no disk
        status, err = cli("show", str(big), timeout=20)
        one_clean_line(status, err)
        assert "more than the limit" in err

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('{"schema_version": ' + "9" * 5000 + "}", "a number too long"),
            ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ],
    )
    def test_hostile_json(self, tmp_path: Path, text: str, message: str) -> None:
        path = tmp_path / "plan.json"
        path.write_text(text)
        status, err = cli("show", str(path))
        one_clean_line(status, err)
        assert message in err

    def test_bytes_that_are_not_utf8_in_argv(self, tmp_path: Path) -> None:
        out = tmp_path / "plan.ics"
        result = subprocess.run(
            [
                sys.executable.encode(),
                b"-m",
                b"legraise_plan",
                b"plan",
                b"--plan-id",
                b"\xff",
                b"--name",
                b"\xfe\xff",
                b"-o",
                os.fsencode(out),
            ],
            capture_output=True,
            check=False,
        )
        assert result.returncode in {0, 2}
        assert b"Traceback" not in result.stderr


ARG_VALUES = st.one_of(
    st.text(max_size=12),
    st.integers().map(str),
    st.sampled_from(
        [
            "9999-12-27",
            "0001-01-01",
            "2026-02-30",
            "24:00",
            "-5",
            "1e20",
            "none",
            "\x1b[2J",
            "Asia/Tokyo",
            "mon,mon",
            "",
            "-",
            "--",
            "9" * 40,
        ]
    ),
)
PLAN_OPTIONS = st.sampled_from(
    [
        "--role",
        "--weeks",
        "--start",
        "--days",
        "--at",
        "--tz",
        "--equipment",
        "--level",
        "--units",
        "--condition",
        "--periodization",
        "--skip",
        "--after",
        "--note",
        "--plan-id",
        "--name",
        "--alarm",
        "--stamp",
        "--sequence",
        "--calendar-name",
        "--format",
        "--surgical-approach",
        "--band-setup",
    ]
)


@settings(
    max_examples=10_000 if THOROUGH else 100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.tuples(PLAN_OPTIONS, ARG_VALUES), max_size=4))
def test_fuzzed_plan_command_lines(
    tmp_path_factory: pytest.TempPathFactory, options: list[tuple[str, str]]
) -> None:
    """Any plan command line: exit 0, or exit 2 with one line on stderr; never a crash."""
    out = tmp_path_factory.mktemp("fuzz") / "out.ics"
    argv = ["plan", *[part for pair in options for part in pair], "-o", str(out)]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(argv, today=TODAY)
    assert status in {0, 2}
    if status == 2:
        assert len(err.getvalue().splitlines()) == 1
        assert not out.exists()
    else:
        assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_plan_json_round_trip_through_show(plan_file: Path) -> None:
    data = json.loads(plan_file.read_text())
    assert data["schema_version"] == 3
    status, err = cli("show", str(plan_file))
    assert (status, err) == (0, "")


def test_interrupt_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Ctrl-C while working: one line, exit 2, nothing written."""
    import legraise_plan as lp

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(lp, "build_plan", interrupted)
    assert main(["plan"], today=TODAY) == 2
    assert capsys.readouterr().err == "legraise-plan: error: interrupted; no file was changed\n"


class TestDomainLimits:
    def test_lone_surrogates_are_refused_where_they_come_in(self) -> None:
        import legraise_plan as lp

        with pytest.raises(lp.PlanError, match="plan_id must be Unicode text"):
            lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), plan_id="\udcff")

    def test_ids_are_one_line(self) -> None:
        import legraise_plan as lp

        with pytest.raises(lp.PlanError, match="plan_id must be one line"):
            lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), plan_id="a\nb")
        with pytest.raises(lp.LogError, match="uid must be one line"):
            lp.SessionLog(uid="a\x1bb", date=dt.date(2026, 12, 7), skipped="ill")

    def test_start_dates_stay_far_from_the_calendars_ends(self) -> None:
        import legraise_plan as lp

        for start in (dt.date(1899, 12, 31), dt.date(9001, 1, 1)):
            with pytest.raises(lp.ScheduleError, match="start must be from 1900-01-01"):
                lp.build_plan(lp.Athlete(), start=start)

    def test_skip_dates_outside_the_plan_are_not_kept(self) -> None:
        import legraise_plan as lp

        far = [dt.date(2030, 1, 1) + dt.timedelta(days=n) for n in range(10_000)]
        plan = lp.build_plan(
            lp.Athlete(), start=dt.date(2026, 12, 7), skip=[*far, dt.date(2026, 12, 9)]
        )
        assert plan.options.skip == (dt.date(2026, 12, 9),)

    def test_session_durations_are_bounded(self, plan_file: Path) -> None:
        data = json.loads(plan_file.read_text())
        data["sessions"][0]["duration"] = "PT999999999H"
        path = plan_file.with_name("long.json")
        path.write_text(json.dumps(data))
        status, err = cli("convert", str(path))
        one_clean_line(status, err)
        assert "at most 24 hours" in err
