"""Atomic writes: permissions, names, leftovers, odd targets and kill -9."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import legraise_plan as lp
from legraise_plan._files import NAME_MAX, _stem, open_atomic, remove_leftovers, write_atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".lp-tmp"))


def dead_pid() -> int:
    """The pid of a process that has finished."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


class TestModes:
    @pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
    def test_new_files_follow_the_umask(self, tmp_path: Path, umask: int, mode: int) -> None:
        old = os.umask(umask)
        try:
            write_atomic(tmp_path / "plan.ics", b"x")
        finally:
            os.umask(old)
        assert stat.S_IMODE((tmp_path / "plan.ics").stat().st_mode) == mode

    def test_a_replaced_file_keeps_its_mode(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.ics"
        target.write_bytes(b"old")
        target.chmod(0o640)
        write_atomic(target, b"new")
        assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"new", 0o640)

    def test_a_read_only_file_is_refused(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.ics"
        target.write_bytes(b"old")
        target.chmod(0o444)
        with pytest.raises(lp.ExportError, match=r"^path is read-only \(mode -r--r--r--\)"):
            write_atomic(target, b"new")
        assert target.read_bytes() == b"old"


class TestNames:
    def test_the_longest_legal_name_works(self, tmp_path: Path) -> None:
        target = tmp_path / ("p" * (NAME_MAX - 4) + ".ics")
        write_atomic(target, b"x")
        assert target.read_bytes() == b"x"
        assert leftovers(tmp_path) == []

    def test_a_name_over_the_limit_is_refused_before_any_write(self, tmp_path: Path) -> None:
        target = tmp_path / ("p" * NAME_MAX + ".ics")
        with pytest.raises(lp.ExportError, match=r"^path must have a file name of at most 255"):
            write_atomic(target, b"x")
        assert list(tmp_path.iterdir()) == []

    def test_multibyte_names_count_bytes(self, tmp_path: Path) -> None:
        with pytest.raises(lp.ExportError, match="got 256"):
            write_atomic(tmp_path / ("é" * 128), b"x")


class TestOddTargets:
    def test_a_fifo_is_refused(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        with pytest.raises(lp.ExportError, match="not a device, FIFO or socket"):
            write_atomic(fifo, b"x")
        assert stat.S_ISFIFO(fifo.stat().st_mode)

    def test_a_device_is_refused(self) -> None:
        with pytest.raises(lp.ExportError, match="not a device, FIFO or socket"):
            write_atomic("/dev/null", b"x")
        assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


class TestLeftovers:
    def test_leftovers_of_a_dead_writer_are_removed(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.ics"
        write_atomic(target, b"first")
        dead = tmp_path / f"{_stem(target)}.{dead_pid()}.abcd1234.lp-tmp"
        dead.write_bytes(b"half")
        other = tmp_path / f"{_stem(tmp_path / 'other.ics')}.{dead_pid()}.abcd1234.lp-tmp"
        other.write_bytes(b"half")
        write_atomic(target, b"second")
        assert leftovers(tmp_path) == [other.name]  # another target's leftovers stay

    def test_a_live_writers_temp_file_is_left_alone(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.ics"
        live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
        try:
            busy = tmp_path / f"{_stem(target)}.{live.pid}.abcd1234.lp-tmp"
            busy.write_bytes(b"in progress")
            write_atomic(target, b"x")
            assert leftovers(tmp_path) == [busy.name]
        finally:
            live.kill()
            live.wait()


_WRITER = """
import sys
from legraise_plan._files import write_atomic
target, size = sys.argv[1], int(sys.argv[2])
n = 0
while True:
    n += 1
    write_atomic(target, bytes([65 + n % 26]) * size)
"""


def test_kill_9_never_leaves_a_broken_file(tmp_path: Path) -> None:
    """Writers killed at random moments leave the old or the new whole file, and the
    next write clears what they left behind."""
    target = tmp_path / "plan.ics"
    size = 2_000_000
    write_atomic(target, b"A" * size)
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31, 0.37, 0.43, 0.53):
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), str(size)])
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        data = target.read_bytes()
        assert len(data) == size
        assert data == data[:1] * size
    write_atomic(target, b"done")
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == b"done"


class TestLinks:
    def test_a_symbolic_link_stays_a_link_and_its_file_is_written(self, tmp_path: Path) -> None:
        real = tmp_path / "real"
        real.mkdir()
        (real / "plan.ics").write_bytes(b"old")
        link = tmp_path / "plan.ics"
        link.symlink_to(real / "plan.ics")
        write_atomic(link, b"new")
        assert link.is_symlink()
        assert (real / "plan.ics").read_bytes() == b"new"

    def test_a_log_through_a_link_and_its_real_path_share_one_file(self, tmp_path: Path) -> None:
        import datetime as dt

        real = tmp_path / "real"
        real.mkdir()
        link = tmp_path / "plan.log.json"
        link.symlink_to(real / "log.json")
        first = lp.SessionLog(uid="a", date=dt.date(2026, 12, 7), skipped="ill")
        second = lp.SessionLog(uid="b", date=dt.date(2026, 12, 9), skipped="ill")
        lp.append_log(link, first)
        lp.append_log(real / "log.json", second)
        assert link.is_symlink()
        assert lp.read_log(link).entries == (first, second)
        assert sorted(p.name for p in real.iterdir()) == ["log.json", "log.json.lock"]


class TestManyFiles:
    """open_atomic and remove_leftovers, for writers of many files (the batch runner)."""

    def test_open_atomic_writes_in_pieces(self, tmp_path: Path) -> None:
        target = tmp_path / "plans.jsonl"

        with open_atomic(target) as handle:
            handle.write(b"one\n")
            assert not target.exists()
            handle.write(b"two\n")

        assert b"one\ntwo\n" == target.read_bytes()
        assert ["plans.jsonl"] == [p.name for p in tmp_path.iterdir()]

    def test_open_atomic_leaves_the_old_file_on_error(self, tmp_path: Path) -> None:
        target = tmp_path / "plans.jsonl"
        target.write_bytes(b"old")

        def write_then_stop() -> None:
            with open_atomic(target) as handle:
                handle.write(b"new")
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            write_then_stop()

        assert b"old" == target.read_bytes()
        assert ["plans.jsonl"] == [p.name for p in tmp_path.iterdir()]

    def test_remove_leftovers_of_dead_writers_only(self, tmp_path: Path) -> None:
        """One scan removes every temp file whose writer is gone, and nothing else."""
        dead = tmp_path / f".{'1' * 16}.999999999.0123abcd.lp-tmp"
        mine = tmp_path / f".{'2' * 16}.{os.getpid()}.0123abcd.lp-tmp"
        other = tmp_path / ".notes.lp-tmp"
        for path in (dead, mine, other, tmp_path / "a.ics"):
            path.write_bytes(b"x")

        assert 1 == remove_leftovers(tmp_path)
        assert {other, mine, tmp_path / "a.ics"} == set(tmp_path.iterdir())

    def test_write_without_cleaning(self, tmp_path: Path) -> None:
        """clean=False leaves other temp files alone (the batch cleaned the folder once)."""
        target = tmp_path / "a.ics"
        leftover = tmp_path / f"{_stem(target)}.999999999.0123abcd.lp-tmp"
        leftover.write_bytes(b"x")

        write_atomic(target, b"new", clean=False)

        assert leftover.exists()
        write_atomic(target, b"new")
        assert not leftover.exists()
