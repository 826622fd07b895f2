"""Atomic file writes: a temp file in the target's folder, then one rename.

The temp file is named ``.<digest>.<pid>.<random>.lp-tmp``: ``digest`` stands for the
target's name (so the temp name is short enough for any legal target name) and ``pid``
for the writing process.  A write that is killed before its rename leaves such a file
behind; the next write to the same target removes every leftover whose process is gone,
and never touches a temp file another live process is still writing.  Writers of many
files into one folder (the batch runner) clear the folder once with
:func:`remove_leftovers` and then write with ``clean=False``: the per-write clean-up
scans the whole folder, which would make writing ``n`` files there cost ``n²``.
:func:`open_atomic` writes one large file in pieces the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Final

from legraise_plan.errors import ExportError


#: The longest file name (in bytes, as the OS stores it) most file systems allow.
NAME_MAX: Final = 255
#: The largest plan or log file read (a 52-week plan with full logs is under 2 MB).
MAX_READ_BYTES: Final = 16 * 1024 * 1024
_SUFFIX: Final = ".lp-tmp"
#: A temp name: ``.<16 hex digits>.<pid>.<8 hex digits>.lp-tmp``.
_TEMP_NAME: Final = re.compile(r"\.[0-9a-f]{16}\.([0-9]+)\.[0-9a-f]{8}\.lp-tmp")


def _excerpt(path: Path) -> str:
    """The path for a message: escaped, and cut to a readable length."""
    text = repr(str(path))
    return text if len(text) <= 120 else text[:100] + "…" + text[-15:]


def _check_target(target: Path) -> os.stat_result | None:
    """The target's status if it exists (a writable regular file); errors otherwise."""
    name_bytes = len(os.fsencode(target.name))
    if name_bytes > NAME_MAX:
        raise ExportError(
            f"path must have a file name of at most {NAME_MAX} bytes, got {name_bytes} "
            f"({_excerpt(target)})"
        )
    try:
        if not target.parent.is_dir():
            raise ExportError(f"path must be in an existing folder, got {_excerpt(target)}")
        info = target.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ExportError(
            f"path must be a writable file, got {_excerpt(target)} ({exc.strerror})"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(f"path must be a file, not a folder, got {_excerpt(target)}")
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(
            f"path must be a regular file, not a device, FIFO or socket, got {_excerpt(target)}"
        )
    if not info.st_mode & 0o222:
        raise ExportError(
            f"path is read-only (mode {stat.filemode(info.st_mode)}), got {_excerpt(target)}; "
            "make it writable or choose another file"
        )
    return info


def _stem(target: Path) -> str:
    """The part of a temp name that stands for ``target``'s name."""
    return "." + hashlib.sha256(os.fsencode(target.name)).hexdigest()[:16]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_leftovers(target: Path) -> None:
    """Remove temp files of earlier writes to ``target`` whose process has gone."""
    _remove_dead(target.parent, _stem(target) + ".")


def remove_leftovers(folder: str | os.PathLike[str]) -> int:
    """Remove every temp file in ``folder`` left by a write whose process has gone.

    One scan of the folder, for writers of many files there, who then pass
    ``clean=False`` to :func:`write_atomic`.  Returns how many files were removed.
    """
    return _remove_dead(Path(folder), ".")


def _remove_dead(folder: Path, prefix: str) -> int:
    """Remove the temp files in ``folder`` named with ``prefix`` whose process has gone."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(_SUFFIX)):
                continue
            match = _TEMP_NAME.fullmatch(name)
            pid = int(match.group(1)) if match else 0
            if pid and pid != os.getpid() and not _alive(pid):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()
                    removed += 1
    return removed


def _open_temp(target: Path) -> tuple[int, Path]:
    """Create a new temp file beside ``target``; new files get 0666 less the umask."""
    stem = _stem(target)
    for _ in range(100):
        temp = target.with_name(f"{stem}.{os.getpid()}.{secrets.token_hex(4)}{_SUFFIX}")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temp
        except FileExistsError:
            continue
        except OSError as exc:
            raise ExportError(
                f"path must be writable, got {_excerpt(target)} ({exc.strerror})"
            ) from None
    raise ExportError(f"path must be writable, got {_excerpt(target)} (no free temp name)")


def write_atomic(path: str | os.PathLike[str], data: bytes, *, clean: bool = True) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.

    The bytes go to a temporary file beside ``path`` (beside the file it links to, for
    a symbolic link), are flushed to disk, and the temporary file is renamed over it.
    A new file gets the usual permissions (0666 less the umask); a replaced file keeps
    its mode.  On any failure the temporary file is removed and an existing ``path`` is
    left untouched.  ``clean`` first removes leftovers of killed writes to ``path``
    (a scan of the folder); pass False after :func:`remove_leftovers`.

    Raises:
        ExportError: the folder does not exist or cannot be written, the file name is
            too long, or ``path`` is a folder, a device, a FIFO, a socket or read-only.
    """
    # Through a symbolic link, write the file it points to (the link stays a link).
    target = Path(os.path.realpath(path))
    with open_atomic(target, clean=clean) as handle:
        handle.write(data)
    return target


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str], *, clean: bool = True) -> Iterator[BinaryIO]:
    """Write a file in pieces, atomically, through the handle this context gives.

    The handle writes to a temporary file beside ``path``; when the block ends without
    an error the file is flushed to disk and renamed over ``path``, so readers see the
    old file or the whole new one.  On any error (or an interrupt) the temporary file
    is removed and an existing ``path`` is left untouched.  Otherwise as
    :func:`write_atomic`.

    Raises:
        ExportError: as :func:`write_atomic`, also for a failed write inside the block.
    """
    target = Path(os.path.realpath(path))
    info = _check_target(target)
    if clean:
        _remove_leftovers(target)
    fd, temp = _open_temp(target)
    try:
        if info is not None:
            os.fchmod(fd, stat.S_IMODE(info.st_mode))
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise ExportError(
                f"path must be writable, got {_excerpt(target)} ({exc.strerror})"
            ) from None
        raise


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_bounded(path: str | os.PathLike[str], limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of the regular file ``path``, refused up front when it is too big.

    FIFOs, devices and sockets are refused before they are opened (reading one could
    block or never end), and so is a file larger than ``limit`` bytes; a file that grows
    past ``limit`` while it is read is refused too.

    Raises:
        FileNotFoundError: ``path`` does not exist (callers decide what that means).
        ExportError: ``path`` is not a regular file, is too big, or cannot be read.
    """
    target = Path(path)
    try:
        info = target.stat()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise ExportError(f"file {_excerpt(target)} cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(
            f"file {_excerpt(target)} must be a regular file, got {_kind(info.st_mode)}"
        )
    if info.st_size > limit:
        raise ExportError(
            f"file {_excerpt(target)} is {info.st_size:,} bytes, more than the limit of {limit:,}"
        )
    try:
        with target.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ExportError(f"file {_excerpt(target)} cannot be read ({exc.strerror})") from None
    if len(data) > limit:
        raise ExportError(f"file {_excerpt(target)} grew past the limit of {limit:,} bytes")
    return data
