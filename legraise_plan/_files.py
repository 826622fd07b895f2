"""Atomic file writes: a temp file in the target's folder, then one rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from legraise_plan.errors import ExportError


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.

    The bytes go to a temporary file beside ``path``, are flushed to disk, and the
    temporary file is renamed over ``path``.  On any failure the temporary file is
    removed and an existing ``path`` is left untouched.

    Raises:
        ExportError: the folder does not exist or cannot be written.
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"path must be in an existing folder, got {str(target)!r}")
    if target.is_dir():
        raise ExportError(f"path must be a file, not a folder, got {str(target)!r}")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"path must be writable, got {str(target)!r} ({exc.strerror})") from None
    try:
        # mkstemp makes the file private (0600); give it the old file's mode, or rw-r--r--.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp_name).replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        if isinstance(exc, OSError):
            raise ExportError(
                f"path must be writable, got {str(target)!r} ({exc.strerror})"
            ) from None
        raise
    return target
