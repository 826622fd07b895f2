"""The printable plan in a real browser: headless Chromium draws it and prints it to PDF.

Chromium (Debian's ``chromium`` package) takes screenshots of ``lp.to_html`` of the
6-week reference plan at a phone's width (375 px) and a desktop's (1280 px), and prints
it to PDF on A4 and on Letter paper; ``pdfinfo`` and ``pdftotext`` (``poppler-utils``)
read the PDFs back.  The PNG screenshots are decoded here with zlib, without an imaging
library.

The browser loads the page from a ``file://`` URL, with every host name resolving to
nothing, so it cannot reach the network.  When ``chromium`` or the poppler tools are
missing these tests are skipped with a reason; ``.ci/run`` installs them and sets
``LEGRAISE_PLAN_REQUIRE_BROWSER=1``, so there a missing one fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import struct
import subprocess
import zlib
from pathlib import Path

import attrs
import pytest

import legraise_plan as lp
from tests.benchmarks import workload


CHROMIUM = shutil.which("chromium")
PDFINFO = shutil.which("pdfinfo")
PDFTOTEXT = shutil.which("pdftotext")
_MISSING = [
    name
    for name, path in (("chromium", CHROMIUM), ("pdfinfo", PDFINFO), ("pdftotext", PDFTOTEXT))
    if path is None
]
#: The longest one browser run may take (a cold start on a slow machine takes a few seconds).
TIMEOUT = 120
#: Window sizes in CSS pixels: a phone and a desktop.
PHONE, DESKTOP = (375, 4000), (1280, 1600)


@pytest.fixture(scope="module", name="browser")
def fixture_browser() -> str:
    """The chromium command, or a skip (a failure under .ci/run) when a tool is missing."""
    if _MISSING and os.environ.get("LEGRAISE_PLAN_REQUIRE_BROWSER"):
        pytest.fail(f"{' and '.join(_MISSING)} missing, and .ci/run requires the browser tests")
    if _MISSING or CHROMIUM is None:
        pytest.skip(
            f"browser tests need {' and '.join(_MISSING)}: apt-get install chromium poppler-utils"
        )
    return CHROMIUM


@pytest.fixture(scope="module", name="page")
def fixture_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 6-week reference plan as an HTML file."""
    path = tmp_path_factory.mktemp("page") / "plan.html"
    path.write_text(lp.to_html(workload.reference_plan(6)), encoding="utf-8")
    return path


def run_chromium(browser: str, page: Path, folder: Path, *action: str) -> None:
    """Run headless Chromium on ``page`` once, with a fresh profile in ``folder``.

    The process gets its own session, so on a timeout the whole group (the browser and
    its helpers) is killed by its id.
    """
    profile = folder / f"profile-{len(list(folder.glob('profile-*')))}"
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # no host name resolves: no network
        f"--user-data-dir={profile}",
        *action,
        page.as_uri(),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"chromium took longer than {TIMEOUT} s: {' '.join(action)}")
    assert process.returncode == 0, err.decode(errors="replace")[-2000:]


# --------------------------------------------------------------------------- PNG


@attrs.frozen
class Image:
    """A decoded 8-bit PNG: its size and its rows of pixels (each pixel ``channels`` bytes)."""

    width: int
    height: int
    channels: int
    rows: tuple[bytes, ...]

    def is_white(self, row: bytes, start: int = 0, stop: int | None = None) -> bool:
        """True when the pixels ``start:stop`` of ``row`` are all (nearly) white."""
        c = self.channels
        colour = min(c, 3)  # alpha aside
        part = row[start * c : (self.width if stop is None else stop) * c]
        return all(min(part[i : i + colour]) >= 245 for i in range(0, len(part), c))


def decode_png(data: bytes) -> Image:
    """Decode a non-interlaced 8-bit grey, RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    assert header is not None, "no IHDR chunk"
    width, height, depth, colour, _, _, interlace = header
    assert (depth, interlace) == (8, 0), f"bit depth {depth}, interlace {interlace}"
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    assert len(raw) == height * (stride + 1)
    rows: list[bytes] = []
    prior = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        rows.append(
            bytes(
                prior := _unfilter(raw[start], raw[start + 1 : start + 1 + stride], prior, channels)
            )
        )
    return Image(width, height, channels, tuple(rows))


def _unfilter(kind: int, line: bytes, prior: bytearray, bpp: int) -> bytearray:
    """Undo one row's PNG filter (RFC 2083, section 6)."""
    out = bytearray(line)
    n = len(out)
    if kind == 1:  # Sub
        for i in range(bpp, n):
            out[i] = (out[i] + out[i - bpp]) & 255
    elif kind == 2:  # Up
        out = bytearray((a + b) & 255 for a, b in zip(out, prior, strict=True))
    elif kind == 3:  # Average
        for i in range(n):
            left = out[i - bpp] if i >= bpp else 0
            out[i] = (out[i] + ((left + prior[i]) >> 1)) & 255
    elif kind == 4:  # Paeth
        for i in range(n):
            a = out[i - bpp] if i >= bpp else 0
            b = prior[i]
            c = prior[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            out[i] = (out[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    else:
        assert kind == 0, f"PNG filter {kind}"
    return out


def _predict(kind: int, out: bytes, prior: bytes, i: int, bpp: int) -> int:
    """What PNG filter ``kind`` predicts for byte ``i`` of a row (``out``: its raw bytes)."""
    a = out[i - bpp] if i >= bpp else 0
    b = prior[i]
    c = prior[i - bpp] if i >= bpp else 0
    if kind == 4:
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        return a if pa <= pb and pa <= pc else b if pb <= pc else c
    return {0: 0, 1: a, 2: b, 3: (a + b) >> 1}[kind]


def test_png_decoder():
    """The decoder reads back each of the five filters: a 4×5 RGB image written by hand."""
    pixels = [bytes((x * 37 + y * 91 + 13) & 255 for x in range(12)) for y in range(5)]
    rows, prior = [], bytes(12)
    for kind, line in enumerate(pixels):  # row y uses filter y
        rows.append(
            bytes([kind, *((line[i] - _predict(kind, line, prior, i, 3)) & 255 for i in range(12))])
        )
        prior = line

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + b"\0\0\0\0"

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 5, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )
    image = decode_png(png)
    white = Image(2, 1, 4, (bytes([255, 255, 255, 0, 250, 250, 250, 255]),))

    assert (image.width, image.height, image.channels) == (4, 5, 3)
    assert list(image.rows) == pixels
    assert white.is_white(white.rows[0])
    assert not image.is_white(image.rows[0])


# --------------------------------------------------------------------------- screenshots


@pytest.mark.parametrize(("width", "height"), [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshot_not_blank(browser, page, tmp_path, width, height):
    """At phone and desktop widths the page draws: ink on many rows, nothing off the side.

    A page that failed to load, or drew nothing, is one colour; a page that drew only its
    title has a handful of distinct rows.  Content wider than the window would reach its
    right edge, where the page's margin is always white.
    """
    shot = tmp_path / f"{width}.png"
    run_chromium(browser, page, tmp_path, f"--screenshot={shot}", f"--window-size={width},{height}")
    image = decode_png(shot.read_bytes())
    inked = [row for row in image.rows if not image.is_white(row)]
    margin = 8 if width == PHONE[0] else 100

    assert (image.width, image.height) == (width, height)
    assert len(inked) > height // 3
    assert len(set(image.rows)) > height // 10
    assert all(image.is_white(row, width - margin) for row in image.rows)
    assert all(image.is_white(row, 0, margin) for row in image.rows)


# --------------------------------------------------------------------------- printing

#: Paper sizes in points, as pdfinfo gives them.
PAPER = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}


def pdfinfo(pdf: Path) -> dict[str, str]:
    result = subprocess.run(
        [PDFINFO or "pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    )
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in result.stdout.splitlines())
    }


def page_text(pdf: Path, number: int) -> str:
    result = subprocess.run(
        [PDFTOTEXT or "pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


@pytest.mark.parametrize("paper", list(PAPER))
def test_print_to_pdf(browser, page, tmp_path, paper):
    """Printed on A4 or Letter, the 6-week plan takes 8 to 11 pages, a week to a page.

    Each week starts a new page (6 pages: three sessions fit on one), the cues and
    safety notes start another (1 or 2 pages), and the header, how-to and chart come
    first (1 to 3 pages), so 8 to 11 pages; the reference plan prints on 9.  The paper
    size is chosen in the page, as the print dialog would.
    """
    sized = tmp_path / "sized.html"
    sized.write_text(
        page.read_text(encoding="utf-8").replace(
            "</style>", f"@page {{ size: {paper}; }}\n</style>", 1
        ),
        encoding="utf-8",
    )
    pdf = tmp_path / "plan.pdf"
    run_chromium(browser, sized, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    info = pdfinfo(pdf)
    pages = int(info["Pages"])
    size = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"])
    texts = [page_text(pdf, n) for n in range(1, pages + 1)]
    firsts = [text.strip().splitlines()[0] for text in texts]

    assert size is not None
    assert (float(size[1]), float(size[2])) == pytest.approx(PAPER[paper], abs=1)
    assert 8 <= pages <= 11
    assert "Backward leg raises: 6-week accessory plan" in texts[0]
    week_pages = [i for i, first in enumerate(firsts) if first.startswith("Week ")]
    assert [firsts[i].split()[1] for i in week_pages] == [str(n) for n in range(1, 7)]
    assert week_pages == list(range(week_pages[0], week_pages[0] + 6))
    assert firsts[week_pages[-1]].split()[:3] == ["Week", "6", "DELOAD"]
    assert firsts[week_pages[-1] + 1] == "How to do each exercise"
    assert "Safety notes" in "".join(texts[week_pages[-1] + 1 :])
