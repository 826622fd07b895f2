"""A training log kept in a JSON file: :func:`read_log` and :func:`append_log`.

The file holds the document :func:`legraise_plan.log_to_dict` makes (UTF-8 JSON, indented
by 2, ending in a newline).  :func:`append_log` is safe to call from several processes at
once: each one holds an exclusive lock on a small sidecar file (``<name>.lock`` beside the
log; it is left in place, as removing it would race with the next writer) while it reads,
appends and writes, and every write replaces the file atomically, so a reader never sees a
half-written log and no append is lost.  Locking uses ``fcntl.flock`` (POSIX systems).

>>> import datetime as dt, tempfile
>>> from pathlib import Path
>>> from legraise_plan.log import SessionLog, SetLog
>>> folder = tempfile.TemporaryDirectory()
>>> path = Path(folder.name) / "plan.log.json"
>>> len(read_log(path).entries)                  # no file yet: an empty log
0
>>> entry = SessionLog(uid="s1", date=dt.date(2026, 12, 7), sets=[SetLog.both(12)])
>>> append_log(path, entry).entries == (entry,)
True
>>> read_log(path).entries == (entry,)
True
>>> folder.cleanup()
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path

from legraise_plan._files import read_bounded, write_atomic
from legraise_plan.errors import ExportError, LogError, PlanProblemsError
from legraise_plan.formats.json import log_from_dict, log_to_dict
from legraise_plan.log import SessionLog, TrainingLog


__all__ = ["append_log", "read_log"]

#: How many of a document's problems an error message lists before counting the rest.
_SHOWN_PROBLEMS = 5


def read_log(path: str | os.PathLike[str]) -> TrainingLog:
    """The training log saved in the JSON file ``path``; a missing file is an empty log.

    The file is read without a lock: :func:`append_log` replaces it atomically, so this
    sees either the log before an append or the one after it.

    Raises:
        LogError: the file cannot be read, is not a regular file, is larger than 16 MiB,
            is not UTF-8 text or is not JSON.
        PlanProblemsError: the JSON is not a valid training log; ``problems`` lists
            every problem, and the message (one line) names the file.
    """
    target = Path(path)
    try:
        raw = read_bounded(target)
    except FileNotFoundError:
        return TrainingLog()
    except ExportError as exc:
        raise LogError(f"log {exc}", field="path") from None
    return _parse(raw, target)


def append_log(path: str | os.PathLike[str], entry: SessionLog) -> TrainingLog:
    """Append ``entry`` to the log file ``path`` (created if missing); return the new log.

    Under an exclusive lock on the sidecar file ``<name>.lock`` the log is read, ``entry``
    is added (a later entry for the same session replaces the earlier one when the log is
    read, see :class:`~legraise_plan.TrainingLog`) and the whole log is written back
    atomically.  Processes appending at the same moment take turns, so every entry lands.
    On any error the log file is left as it was.

    Raises:
        LogError: ``entry`` is not a :class:`~legraise_plan.SessionLog`, or the existing
            file cannot be read or is not JSON.
        PlanProblemsError: the existing file is not a valid training log.
        ExportError: the folder does not exist, or the lock or the log cannot be written.
    """
    if not isinstance(entry, SessionLog):
        raise LogError(f"entry must be a SessionLog, got {entry!r:.80}", field="entry")
    # One lock and one file per log, whichever link or path names it.
    target = Path(os.path.realpath(path))
    with _locked(target):
        log = read_log(target).add(entry)
        text = json.dumps(log_to_dict(log), indent=2, ensure_ascii=False) + "\n"
        write_atomic(target, text.encode("utf-8"))
    return log


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``<target>.lock`` for the ``with`` block."""
    lock_path = target.with_name(target.name + ".lock")
    if not target.parent.is_dir():
        raise ExportError(
            f"log file must be in an existing folder, got {str(target)!r}", field="path"
        )
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ExportError(
            f"log file {str(target)!r} cannot be locked: {exc.strerror or exc} "
            f"({str(lock_path)!r})",
            field="path",
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        # Closing the descriptor releases the lock.
        os.close(fd)


def _parse(raw: bytes, target: Path) -> TrainingLog:
    """The log in ``raw``, the bytes of ``target``; errors name the file."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LogError(f"log file {str(target)!r} is not UTF-8 text", field="path") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LogError(
            f"log file {str(target)!r} is not JSON: {exc.msg} at line {exc.lineno}",
            field="path",
        ) from None
    try:
        return log_from_dict(data)
    except PlanProblemsError as exc:
        error = PlanProblemsError(exc.problems)
        error.args = (_problems_line(target, exc),)
        raise error from None


def _problems_line(target: Path, exc: PlanProblemsError) -> str:
    """One line naming the file and its problems: ``log file 'x': 2 problems: a; b``."""
    problems = [" ".join(str(p).split()) for p in exc.problems]
    if len(problems) == 1:
        return f"log file {str(target)!r} is not a valid training log: {problems[0]}"
    shown = "; ".join(problems[:_SHOWN_PROBLEMS])
    more = len(problems) - _SHOWN_PROBLEMS
    return f"log file {str(target)!r} is not a valid training log: {len(problems)} problems: " + (
        shown + (f"; and {more} more" if more > 0 else "")
    )
