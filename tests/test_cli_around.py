"""legraise-plan around: raises planned around the athlete's own calendar file."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import zoneinfo
from pathlib import Path

import icalendar
import pytest

from legraise_plan.cli import main


BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
TODAY = dt.date(2026, 12, 2)  # next Monday is 2026-12-07


def host_calendar(*titles: tuple[str, int]) -> bytes:
    """Weekly 18:00-19:15 events from the week of 2026-12-07, one per (title, day)."""
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//tests//host//EN")
    calendar.add("VERSION", "2.0")
    for i, (title, day) in enumerate(titles):
        event = icalendar.Event()
        event.add("UID", f"host-{i}@example.com")
        event.add("SUMMARY", title)
        event.add("DESCRIPTION", f"notes for {title}")
        event.add("DTSTART", dt.datetime(2026, 12, day, 18, 0, tzinfo=BERLIN))
        event.add("DTEND", dt.datetime(2026, 12, day, 19, 15, tzinfo=BERLIN))
        event.add("DTSTAMP", dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
        event.add("RRULE", {"FREQ": "WEEKLY", "COUNT": 6})
        calendar.add_component(event)
    return bytes(calendar.to_ical())


@pytest.fixture
def host(tmp_path: Path) -> Path:
    path = tmp_path / "training.ics"
    path.write_bytes(host_calendar(("Leg day: squats", 7), ("Upper body", 8), ("Long run", 12)))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv), today=TODAY)
    out, err = capsys.readouterr()
    return status, out, err


def events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


class TestAround:
    def test_accessory_at_the_end_of_each_leg_day(self, capsys, host, tmp_path):
        out_path = tmp_path / "raises.ics"
        status, _, err = run(capsys, "around", str(host), "-o", str(out_path))

        assert status == 0
        found = events(out_path)
        assert len(found) == 6
        for event in found:
            end = event.decoded("DTEND")
            assert (end.hour, end.minute) == (19, 15)
            assert end.weekday() == 0
        assert "6 sessions around" in err

    def test_two_roles_and_merge_keep_every_host_event(self, capsys, host, tmp_path):
        out_path = tmp_path / "merged.ics"
        status, _, _ = run(
            capsys,
            "around",
            str(host),
            "--roles",
            "warm_up,accessory",
            "--merge",
            "--stamp",
            "2026-12-01T00:00:00Z",
            "-o",
            str(out_path),
        )

        assert status == 0
        merged = events(out_path)
        originals = {
            str(e["UID"]): e for e in icalendar.Calendar.from_ical(host.read_bytes()).walk("VEVENT")
        }
        kept = {str(e["UID"]): e for e in merged if str(e["UID"]) in originals}
        assert kept.keys() == originals.keys()
        for uid, event in kept.items():
            for prop in ("DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "RRULE"):
                assert event[prop].to_ical() == originals[uid][prop].to_ical()
        raises = [e for e in merged if str(e["UID"]) not in originals]
        warm_ups = [e for e in raises if e.decoded("DTEND").time() == dt.time(18, 0)]
        assert len(warm_ups) == 6
        assert len(raises) == 12
        zones = icalendar.Calendar.from_ical(out_path.read_bytes()).walk("VTIMEZONE")
        assert [str(z["TZID"]) for z in zones] == ["Europe/Berlin"]

    def test_json_for_one_role(self, capsys, host, tmp_path):
        out_path = tmp_path / "raises.json"
        status, _, _ = run(capsys, "around", str(host), "--roles", "warm_up", "-o", str(out_path))

        assert status == 0
        assert json.loads(out_path.read_text())["role"] == "warm_up"

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            (["--roles", "warm_up,accessory", "--format", "json"], "--format json writes one plan"),
            (["--merge", "--format", "text"], "--format text writes one plan"),
            (["--weeks", "60"], "--weeks must be 1..52"),
        ],
    )
    def test_refused_options(self, capsys, host, tmp_path, extra, message):
        out_path = tmp_path / "out"
        status, out, err = run(capsys, "around", str(host), *extra, "-o", str(out_path))

        assert (status, out) == (2, "")
        assert message in err
        assert len(err.splitlines()) == 1
        assert not out_path.exists()

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"not a calendar", "must be icalendar data"),
            (
                host_calendar(("Long run", 12), ("Upper body", 8)),
                "must include full body or lower body sessions",
            ),
            (
                b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\nEND:VCALENDAR\r\n",
                "must hold at least one event",
            ),
        ],
    )
    def test_bad_calendars(self, capsys, tmp_path, content, message):
        path = tmp_path / "training.ics"
        path.write_bytes(content)
        out_path = tmp_path / "raises.ics"

        status, out, err = run(capsys, "around", str(path), "-o", str(out_path))

        assert (status, out) == (2, "")
        assert err.startswith("legraise-plan: error:")
        assert message in err.lower()
        assert len(err.splitlines()) == 1
        assert not out_path.exists()

    def test_missing_file(self, capsys, tmp_path):
        status, _, err = run(capsys, "around", str(tmp_path / "nope.ics"))

        assert status == 2
        assert "no such file" in err

    def test_a_real_process(self, host, tmp_path):
        out_path = tmp_path / "raises.ics"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "legraise_plan",
                "around",
                str(host),
                "--start",
                "2026-12-07",
                "-o",
                str(out_path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert len(events(out_path)) == 6
