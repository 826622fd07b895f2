"""The README's quick start runs, and every >>> example in README.md and docs/*.md holds."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import legraise_plan as lp


ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
QUICK_START = re.compile(r"## Quick start \(Python\)\n\n```python\n(.*?)```", re.DOTALL)
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def run_examples(path: Path, namespace: dict[str, object]) -> doctest.TestResults:
    """Run the ``>>>`` examples of one Markdown file in ``namespace``."""
    # A closing code fence ends an example's expected output, as a blank line would.
    source = path.read_text(encoding="utf-8").replace("\n```", "\n\n```")
    name = path.relative_to(ROOT).as_posix()
    test = doctest.DocTestParser().get_doctest(source, namespace, name, str(path), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    return runner.summarize(verbose=False)


def anchors(path: Path) -> set[str]:
    """The anchors a Markdown renderer gives the headings of ``path``."""
    headings = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}


class TestReadme:
    """README.md: the quick start and the examples that build on it."""

    def test_quick_start_and_examples(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The quick start runs as written, then every >>> example in the README holds."""
        quick_start = QUICK_START.search(README.read_text(encoding="utf-8"))
        assert quick_start is not None
        monkeypatch.chdir(tmp_path)
        namespace: dict[str, object] = {}

        exec(compile(quick_start.group(1), "README quick start", "exec"), namespace)  # noqa: S102
        result = run_examples(README, namespace)

        assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
        assert result.attempted > 0
        assert 0 == result.failed


class TestDocs:
    """docs/*.md: each file's examples run on their own."""

    def test_docs_exist(self) -> None:
        """The reference documents the README links to are there."""
        names = {path.name for path in DOCS}

        assert {"cli.md", "coaching.md", "json.md", "performance.md", "progression.md"} <= names

    def test_links_resolve(self) -> None:
        """Every relative link in the README and the docs points at a file and heading there."""
        for path in [README, *DOCS]:
            text = path.read_text(encoding="utf-8")
            for target, anchor in re.findall(r"\]\(([^)#:]*)(?:#([^)]*))?\)", text):
                linked = path.parent / target if target else path
                assert linked.exists(), f"{path.name} links to {target}"
                if anchor:
                    assert anchor in anchors(linked), f"{path.name} links to {target}#{anchor}"

    def test_rule_chain_table(self) -> None:
        """The progression guide lists every rule of the default chain, in chain order."""
        text = (ROOT / "docs" / "progression.md").read_text(encoding="utf-8")
        section = text.split("### The rule chain", 1)[1].split("\n#", 1)[0]
        listed = re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)

        assert [rule.__name__ for rule in lp.progression.RULES] == listed

    @pytest.mark.parametrize("path", DOCS, ids=lambda path: path.name)
    def test_examples(self, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Every >>> example in the file holds; a file with examples runs at least one."""
        monkeypatch.chdir(tmp_path)
        has_examples = ">>>" in path.read_text(encoding="utf-8")

        result = run_examples(path, {})

        assert (result.attempted > 0) == has_examples
        assert 0 == result.failed
