"""Architecture rules, checked on the source with ast: imports point one way only.

Modules are named by their dotted path inside the package (``catalog``,
``progression._chain``, ``formats.ical``); a subpackage's ``__init__`` is named for the
subpackage (``progression``), the package's own is ``__init__``.  Layers, lowest first
(a module may import only from lower layers):

    errors, _validate, units, equipment, catalog, athlete, prescription,
    progression (its private modules, then its __init__), periodization, dosing,
    schedule, host, log, plan, adaptation and around, _files, formats (private helpers,
    then one module per format), logfile, __init__, caldav and batch (edges on the
    public API: publishing to a CalDAV server, plans for many athletes), dask (the
    batch on a Dask cluster), cli, __main__

The format modules share a layer, so none imports another; they may use private
``formats._*`` helpers.  A private module of a subpackage is imported only inside that
subpackage; everyone else goes through the subpackage's ``__init__``.  ``__init__`` may
import anything; importing the package itself counts as importing ``__init__``.  The
domain (errors … adaptation) does no I/O, reads no clock, imports none of the export or CLI
libraries and never imports ``formats``, ``cli`` or an edge.
"""

# House style (structlog): `assert expected == actual`, hence no SIM300.

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
    {"progression._resistance"},
    {"progression._ladder"},
    {"progression._rules"},
    {"progression._state"},
    {"progression._chain"},
    {"progression._plain"},
    {"progression._engine"},
    {"progression"},
    {"periodization"},
    {"dosing"},
    {"schedule"},
    {"host"},
    {"log"},
    {"plan"},
    {"adaptation", "around", "checks"},
    {"_files"},
    {"formats"},
    {"formats._shared"},
    {
        "formats.ical",
        "formats.json",
        "formats.text",
        "formats.host_ics",
        "formats.fit",
        "formats.html",
    },
    {"formats.schema"},
    {"logfile"},
    {"__init__"},
    {"caldav", "batch"},
    {"dask"},
    {"cli"},
    {"__main__"},
]
RANK = {module: rank for rank, layer in enumerate(LAYERS) for module in layer}
DOMAIN = {m for layer in LAYERS[: RANK["adaptation"] + 1] for m in layer}
#: What the domain never imports: the formats, the command line and the edges.
ABOVE_DOMAIN = ("formats", "cli", "batch", "caldav", "dask", "__init__")
DOMAIN_BANNED = {"icalendar", "cattrs", "argparse", "json", "os", "pathlib", "random"}
ONLY_IN = {
    "icalendar": {"formats.ical", "formats.host_ics", "caldav"},  # caldav reads the server's
    "recurring_ical_events": {"formats.host_ics"},
    "garmin_fit_sdk": {"formats.fit"},
    "jinja2": {"formats.html"},  # the printable HTML page's templates
    "caldav": {"caldav"},  # the optional CalDAV client library
    "dateutil": {"schedule", "cli"},
    "tqdm": {"batch"},  # the batch runner's progress bar, loaded on a terminal only
    "dask": {"dask"},  # the optional Dask adapter
    "distributed": {"dask"},
}
CLOCK_CALLS = {"now", "today", "utcnow"}
TIME_CALLS = {"time", "time_ns", "monotonic", "perf_counter"}
RANDOM_IDS = {"uuid1", "uuid4"}


@attrs.frozen
class Import:
    """One import statement's target."""

    target: str  # a package module ("catalog", "formats.ical", "__init__") or a library
    internal: bool
    line: int


def module_name(path: Path) -> str:
    """The dotted name of a source file: ``catalog``, ``formats.ical``, ``progression``."""
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def modules() -> list[str]:
    """The package's module names, e.g. ``catalog``, ``progression._chain`` and ``__init__``."""
    return sorted(module_name(p) for p in SOURCE.rglob("*.py"))


def parse(module: str) -> ast.Module:
    """The syntax tree of one package module."""
    path = SOURCE / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = SOURCE / module.replace(".", "/") / "__init__.py"
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
    inside = ".".join(parts[1:])
    candidate = f"{inside}.{imported}" if inside else imported
    if candidate in known:  # from legraise_plan import catalog / from .formats import ical
        return Import(candidate, internal=True, line=line)
    return Import(inside or "__init__", internal=True, line=line)


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


def private_imports(module: str, tree: ast.Module, known: set[str]) -> list[str]:
    """Imports of another subpackage's private modules (``pkg._x`` from outside ``pkg``)."""
    problems = []
    for imp in imports(tree, known):
        package, _, leaf = imp.target.rpartition(".")
        if imp.internal and package and leaf.startswith("_"):
            home = module if module in PACKAGES else module.rpartition(".")[0]
            if home != package:
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
PACKAGES = {m for m in MODULES if (SOURCE / m.replace(".", "/")).is_dir()}


class TestChecker:
    def test_finds_forward_imports_anywhere(self):
        """The checker flags forward imports at top level, in functions and relative ones."""
        tree = ast.parse(
            "from legraise_plan.plan import Plan\n"
            "def f():\n"
            "    import legraise_plan.schedule\n"
            "from . import formats\n"
            "from .errors import PlanError\n"
            "import legraise_plan\n"
        )

        assert [
            "line 1: catalog imports plan",
            "line 3: catalog imports schedule",
            "line 4: catalog imports formats",
            "line 6: catalog imports __init__",
        ] == forward_imports("catalog", tree, KNOWN)

    def test_format_modules_may_not_import_each_other(self):
        """formats.ical importing formats.json is flagged: they share one layer."""
        tree = ast.parse(
            "from legraise_plan.formats.json import to_dict\n"
            "from legraise_plan.formats import _words\n"
        )

        assert ["line 1: formats.ical imports formats.json"] == forward_imports(
            "formats.ical", tree, KNOWN
        )

    def test_private_modules_of_a_subpackage(self):
        """Importing progression._chain from outside progression is flagged."""
        tree = ast.parse(
            "from legraise_plan.progression._chain import RULES\n"
            "from legraise_plan.progression import next_step\n"
        )

        assert ["line 1: periodization imports progression._chain"] == private_imports(
            "periodization", tree, KNOWN
        )

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

    @pytest.mark.parametrize("module", MODULES)
    def test_private_modules_stay_in_their_package(self, module):
        """A subpackage's private modules are imported only from inside that subpackage."""
        assert [] == private_imports(module, parse(module), KNOWN)

    def test_schedule_knows_nothing_of_plans(self):
        """schedule imports neither dosing nor plan."""
        targets = {imp.target for imp in imports(parse("schedule"), KNOWN) if imp.internal}

        assert set() == targets & {"dosing", "plan"}


class TestDomainPurity:
    @pytest.mark.parametrize("module", sorted(DOMAIN & KNOWN))
    def test_no_io_or_export_libraries(self, module):
        """Domain modules import no icalendar, cattrs, argparse, json, os, pathlib or random."""
        targets = {imp.target for imp in imports(parse(module), KNOWN) if not imp.internal}

        assert set() == targets & DOMAIN_BANNED

    @pytest.mark.parametrize("module", sorted(DOMAIN & KNOWN))
    def test_never_imports_formats_cli_or_edges(self, module):
        """The domain imports no format, the command line, an edge or the package facade."""
        targets = {imp.target for imp in imports(parse(module), KNOWN) if imp.internal}

        assert set() == {t for t in targets if t.split(".")[0] in ABOVE_DOMAIN}

    @pytest.mark.parametrize("module", sorted(DOMAIN & KNOWN))
    def test_no_clock(self, module):
        """Domain modules read no clock and draw no random ids: output is deterministic."""
        assert [] == clock_reads(parse(module))

    @pytest.mark.parametrize("library", sorted(ONLY_IN))
    def test_library_confined(self, library):
        """icalendar only in formats.ical and caldav; the caldav library only in caldav;
        dateutil only in schedule and cli."""
        users = {
            module
            for module in MODULES
            if module != "__init__"
            and any(
                not imp.internal and imp.target == library for imp in imports(parse(module), KNOWN)
            )
        }

        assert set() == users - ONLY_IN[library]
