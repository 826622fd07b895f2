"""Every script in examples/ runs as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest


EXAMPLES = Path(__file__).parents[1] / "examples"


def run_example(name: str, *args: str, cwd: Path) -> str:
    """Run an example in ``cwd`` and return its standard output."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_example_is_tested() -> None:
    """Each example script has a test below."""
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == [
        "accessory_ics.py",
        "batch_parallel.py",
        "dask_batch.py",
        "embed_in_app.py",
        "log_and_adapt.py",
        "plan_around.py",
        "rehab_band.py",
    ]


def test_accessory_ics(tmp_path: Path) -> None:
    """The accessory example writes an 18-event calendar."""
    out = run_example("accessory_ics.py", cwd=tmp_path)

    calendar = icalendar.Calendar.from_ical((tmp_path / "plan.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == 18
    assert "18 sessions written" in out


def test_rehab_band(tmp_path: Path) -> None:
    """The rehab example prints the plan and writes rehab.ics."""
    out = run_example("rehab_band.py", "mine.ics", cwd=tmp_path)

    assert "Week 1" in out
    assert (tmp_path / "mine.ics").exists()


def test_embed_in_app(tmp_path: Path) -> None:
    """The app example round-trips JSON and shows the path of a bad field."""
    out = run_example("embed_in_app.py", cwd=tmp_path)

    assert "rejected: sessions[1].blocks[0].sets" in out


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_parallel(tmp_path: Path, workers: str) -> None:
    """The batch example writes one calendar per athlete, in one or several processes."""
    out = run_example(
        "batch_parallel.py", "--count", "12", "--workers", workers, "--out", "cals", cwd=tmp_path
    )

    files = sorted((tmp_path / "cals").glob("*.ics"))
    assert len(files) == 12
    assert "12/12" in out


def test_log_and_adapt(tmp_path: Path) -> None:
    """The closed-loop example adapts after a lost week and a pain flare and writes the .ics."""
    out = run_example("log_and_adapt.py", "adapted.ics", cwd=tmp_path)

    assert "0 logged, 1 missed, 1 changed" in out
    assert "Mon 21 Dec: Pain reached 6/10 during the last session: go back to an easier" in out
    assert "Whole block: 9 logged, 3 missed, 6 changed" in out
    calendar = icalendar.Calendar.from_ical((tmp_path / "adapted.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 18
    assert all(int(e["SEQUENCE"]) >= 1 for e in events)
    assert sum(str(e["DESCRIPTION"]).startswith("Done: ") for e in events) == 9
    log = (tmp_path / "adapted.log.json").read_text(encoding="utf-8")
    assert len(json.loads(log)["entries"]) == 9


def test_plan_around(tmp_path: Path) -> None:
    """The host-calendar example writes one warm-up per leg day to raises.ics."""
    out = run_example("plan_around.py", cwd=tmp_path)

    calendar = icalendar.Calendar.from_ical((tmp_path / "raises.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == 5
    assert "5 warm-ups written" in out
    assert "'Long run' — not a strength session" in out
