"""Architecture rules, checked on the source with ast: imports point one way only.

Layers, lowest first (a module may import only from lower layers):

    errors, _validate, units, equipment, catalog, athlete, prescription, progression,
    periodization, planner, schedule, plan, _files, {ical, serialize, text}, cli, __main__

The export modules (ical, serialize, text) share a layer and may not import each other.
``__init__`` may import anything; importing the package itself counts as importing
``__init__``, which sits above the export layer.  The domain (errors … plan) does no I/O,
reads no clock and imports none of the export or CLI libraries.
"""

# House style (STYLE.md, structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest


PACKAGE = "legraise_plan"
SOURCE = Path(__file__).parents[1] / PACKAGE

LAYERS: list[set[str]] = [
    {"errors", "_version"},
    {"_validate"},
    {"units"},
    {"equipment"},
    {"catalog"},
    {"athlete"},
    {"prescription"},
    {"progression"},
    {"periodization"},
    {"planner"},
    {"schedule"},
    {"plan"},
    {"_files"},
    {"ical", "serialize", "text"},
    {"__init__"},
    {"cli"},
    {"__main__"},
]
RANK = {module: rank for rank, layer in enumerate(LAYERS) for module in layer}
DOMAIN = {m for layer in LAYERS[: RANK["plan"] + 1] for m in layer}
DOMAIN_BANNED = {"icalendar", "cattrs", "argparse", "json", "os", "pathlib", "random"}
ONLY_IN = {"icalendar": {"ical"}, "dateutil": {"schedule", "cli"}}
CLOCK_CALLS = {"now", "today", "utcnow"}
TIME_CALLS = {"time", "time_ns", "monotonic", "perf_counter"}
RANDOM_IDS = {"uuid1", "uuid4"}


@attrs.frozen
class Import:
    """One import statement's target."""

    target: str  # a package module name ("catalog", "__init__") or a top-level library
    internal: bool
    line: int


def modules() -> list[str]:
    """The package's module names, e.g. ``catalog`` and ``__init__``."""
    return sorted(p.stem for p in SOURCE.glob("*.py"))


def parse(module: str) -> ast.Module:
    """The syntax tree of one package module."""
    path = SOURCE / f"{module}.py"
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports(tree: ast.Module, known: set[str]) -> list[Import]:
    """Every import in ``tree``, at any depth (also inside functions and if-blocks), by line."""
    return sorted(_imports(tree, known), key=lambda imp: imp.line)


def _imports(tree: ast.Module, known: set[str]) -> Iterator[Import]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield _classify(alias.name, None, known, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x / from .x import y
                base = PACKAGE + (f".{node.module}" if node.module else "")
            else:
                base = node.module or ""
            for alias in node.names:
                yield _classify(base, alias.name, known, node.lineno)


def _classify(name: str, imported: str | None, known: set[str], line: int) -> Import:
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return Import(parts[0], internal=False, line=line)
    if len(parts) > 1:
        return Import(parts[1], internal=True, line=line)
    if imported in known:  # from legraise_plan import catalog
        return Import(imported, internal=True, line=line)
    return Import("__init__", internal=True, line=line)


def forward_imports(module: str, tree: ast.Module, known: set[str]) -> list[str]:
    """Internal imports of ``module`` that do not point to a lower layer."""
    if module == "__init__":
        return []
    problems = []
    for imp in imports(tree, known):
        if not imp.internal:
            continue
        if imp.target not in RANK:
            problems.append(f"line {imp.line}: {imp.target} is not in the layer order")
        elif RANK[imp.target] >= RANK[module]:
            problems.append(f"line {imp.line}: {module} imports {imp.target}")
    return problems


def clock_reads(tree: ast.Module) -> list[str]:
    """Clock reads and random ids: x.now(), x.today(), x.utcnow(), time.time(), uuid4()..."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, owner = node.func.attr, node.func.value
            if attr in CLOCK_CALLS | RANDOM_IDS or (
                attr in TIME_CALLS and isinstance(owner, ast.Name) and owner.id == "time"
            ):
                found.append(f"line {node.lineno}: .{attr}()")
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found.extend(
                f"line {node.lineno}: from time import {a.name}"
                for a in node.names
                if a.name in TIME_CALLS
            )
    return found


MODULES = modules()
KNOWN = set(MODULES)


class TestChecker:
    def test_finds_forward_imports_anywhere(self):
        """The checker flags forward imports at top level, in functions and relative ones."""
        tree = ast.parse(
            "from legraise_plan.plan import Plan\n"
            "def f():\n"
            "    import legraise_plan.schedule\n"
            "from . import ical\n"
            "from .errors import PlanError\n"
            "import legraise_plan\n"
        )

        assert [
            "line 1: catalog imports plan",
            "line 3: catalog imports schedule",
            "line 4: catalog imports ical",
            "line 6: catalog imports __init__",
        ] == forward_imports("catalog", tree, KNOWN)

    def test_export_modules_may_not_import_each_other(self):
        """ical importing serialize is flagged: they share one layer."""
        tree = ast.parse("from legraise_plan.serialize import to_dict\n")

        assert ["line 1: ical imports serialize"] == forward_imports("ical", tree, KNOWN)

    def test_finds_clock_reads(self):
        """The checker flags now(), today(), time.time(), from-time imports and uuid4()."""
        tree = ast.parse(
            "import time\n"
            "a = dt.datetime.now()\n"
            "b = date.today()\n"
            "c = time.time()\n"
            "d = x.time()\n"
            "from time import monotonic\n"
            "e = uuid.uuid4()\n"
        )

        assert [
            "line 2: .now()",
            "line 3: .today()",
            "line 4: .time()",
            "line 6: from time import monotonic",
            "line 7: .uuid4()",
        ] == sorted(clock_reads(tree))


class TestLayers:
    def test_every_module_has_a_layer(self):
        """Each module in the package is placed in the layer order."""
        assert [] == [m for m in MODULES if m not in RANK]

    @pytest.mark.parametrize("module", MODULES)
    def test_imports_point_backwards(self, module):
        """A module imports only from lower layers (the package __init__ is exempt)."""
        assert [] == forward_imports(module, parse(module), KNOWN)

    def test_schedule_knows_nothing_of_plans(self):
        """schedule imports neither planner nor plan."""
        targets = {imp.target for imp in imports(parse("schedule"), KNOWN) if imp.internal}

        assert set() == targets & {"planner", "plan"}


class TestDomainPurity:
    @pytest.mark.parametrize("module", sorted(DOMAIN & KNOWN))
    def test_no_io_or_export_libraries(self, module):
        """Domain modules import no icalendar, cattrs, argparse, json, os, pathlib or random."""
        targets = {imp.target for imp in imports(parse(module), KNOWN) if not imp.internal}

        assert set() == targets & DOMAIN_BANNED

    @pytest.mark.parametrize("module", sorted(DOMAIN & KNOWN))
    def test_no_clock(self, module):
        """Domain modules read no clock and draw no random ids: output is deterministic."""
        assert [] == clock_reads(parse(module))

    @pytest.mark.parametrize("library", sorted(ONLY_IN))
    def test_library_confined(self, library):
        """Only ical imports icalendar; only schedule and cli import dateutil."""
        users = {
            module
            for module in MODULES
            if module != "__init__"
            and any(
                not imp.internal and imp.target == library for imp in imports(parse(module), KNOWN)
            )
        }

        assert set() == users - ONLY_IN[library]
