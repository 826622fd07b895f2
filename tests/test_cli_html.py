"""--format html on the command line: plan, convert, show, adapt, next and around."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import zoneinfo
from pathlib import Path

import icalendar
import pytest

import legraise_plan as lp
from legraise_plan.cli import main


TODAY = dt.date(2026, 12, 2)  # next Monday is 2026-12-07
SHEET = '<table class="sheet">'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv), today=TODAY)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(name="plan_file")
def fixture_plan_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A 6-week plan saved as JSON."""
    path = tmp_path / "plan.json"
    assert run(capsys, "plan", "-o", str(path))[0] == 0
    return path


class TestHtml:
    def test_plan_to_html_file(self, tmp_path):
        """A real process writes -o plan.html as the printable page (the suffix says html)."""
        out = tmp_path / "plan.html"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "legraise_plan",
                "plan",
                "--start",
                "2026-12-07",
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

        assert result.returncode == 0, result.stderr
        page = out.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert page.endswith("</html>\n")
        assert page.count(SHEET) == 6
        assert "<script" not in page
        assert page == lp.to_html(lp.build_plan(lp.Athlete(), weeks=6, start=dt.date(2026, 12, 7)))

    def test_format_html_to_stdout(self, capsys):
        """--format html writes the page to standard output."""
        status, out, _ = run(capsys, "plan", "--weeks", "2", "--format", "html")

        assert status == 0
        assert out.count(SHEET) == 2

    def test_suffix_mismatch_warns(self, capsys, tmp_path):
        """--format html into a .txt file is written, with a warning."""
        status, _, err = run(capsys, "plan", "--format", "html", "-o", str(tmp_path / "p.txt"))

        assert status == 0
        assert "--format html written to" in err

    def test_convert_and_show(self, capsys, plan_file, tmp_path):
        """convert -o plan.html and show --format html give one page; show is text by default."""
        out = tmp_path / "plan.html"
        assert run(capsys, "convert", str(plan_file), "-o", str(out))[0] == 0
        status, shown, _ = run(capsys, "show", str(plan_file), "--format", "html")
        _, text, _ = run(capsys, "show", str(plan_file))

        assert status == 0
        assert shown == out.read_text(encoding="utf-8")
        assert shown.count(SHEET) == 6
        assert text.startswith("# Backward leg raises")

    def test_adapt_fills_in_the_log(self, capsys, plan_file, tmp_path):
        """adapt -o plan.html writes the adapted plan with the logged reps in the boxes."""
        assert (
            run(
                capsys,
                "log",
                str(plan_file),
                "--date",
                "2026-12-07",
                "--reps",
                "10,11,9",
                "--pain",
                "2",
                "--today",
                "2026-12-08",
            )[0]
            == 0
        )
        out = tmp_path / "adapted.html"
        status, _, _ = run(capsys, "adapt", str(plan_file), "--today", "2026-12-08", "-o", str(out))
        page = out.read_text(encoding="utf-8")

        assert status == 0
        assert '<tbody class="session done">' in page
        assert '<span class="box">11</span>' in page
        assert '<span class="box">2</span>' in page  # the pain

    def test_next_block(self, capsys, plan_file, tmp_path):
        """next --format html writes the next block's page."""
        log = plan_file.with_name("plan.log.json")
        log.write_text(json.dumps(lp.log_to_dict(lp.TrainingLog())), encoding="utf-8")
        out = tmp_path / "next.html"
        status, _, _ = run(capsys, "next", str(plan_file), "--weeks", "4", "-o", str(out))

        assert status == 0
        assert out.read_text(encoding="utf-8").count(SHEET) == 4

    def test_around(self, capsys, tmp_path):
        """around -o raises.html writes one plan's page."""
        berlin = zoneinfo.ZoneInfo("Europe/Berlin")
        calendar = icalendar.Calendar()
        calendar.add("PRODID", "-//tests//host//EN")
        calendar.add("VERSION", "2.0")
        event = icalendar.Event()
        event.add("UID", "legs@example.com")
        event.add("SUMMARY", "Leg day: squats")
        event.add("DTSTART", dt.datetime(2026, 12, 7, 18, 0, tzinfo=berlin))
        event.add("DTEND", dt.datetime(2026, 12, 7, 19, 15, tzinfo=berlin))
        event.add("DTSTAMP", dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
        event.add("RRULE", {"FREQ": "WEEKLY", "COUNT": 6})
        calendar.add_component(event)
        host = tmp_path / "training.ics"
        host.write_bytes(calendar.to_ical())
        out = tmp_path / "raises.html"
        status, _, _ = run(capsys, "around", str(host), "-o", str(out))

        assert status == 0
        page = out.read_text(encoding="utf-8")
        assert page.count(SHEET) == 6
        assert page.count('<tbody class="session ') == 6
