"""The README's Python examples run and print what the README says."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest


README = Path(__file__).parents[1] / "README.md"


def test_quick_start_and_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick start runs as written and every >>> example in the README holds."""
    text = README.read_text(encoding="utf-8")
    quick_start = re.search(r"## Quick start \(Python\)\n\n```python\n(.*?)```", text, re.DOTALL)
    assert quick_start is not None
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}

    exec(compile(quick_start.group(1), "README quick start", "exec"), namespace)  # noqa: S102

    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    # A closing code fence ends an example's expected output, as a blank line would.
    source = text.replace("\n```", "\n\n```")
    test = doctest.DocTestParser().get_doctest(source, namespace, "README.md", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 5
    assert result.failed == 0
