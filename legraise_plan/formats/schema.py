"""JSON Schemas (draft 2020-12) of the plan and training-log documents: :func:`json_schema`.

The schemas are generated from the reader tables :mod:`legraise_plan.formats.json`
loads with, so they cannot drift from what :func:`~legraise_plan.formats.json.from_dict`
and :func:`~legraise_plan.formats.json.log_from_dict` accept.  Each kind of object
becomes an entry of ``$defs`` (named after its table) with every key ``required`` and
``additionalProperties: false``; each value gets its JSON type, its allowed values
(``enum``, ``const``), ``null`` when it may be null, and, for the string syntaxes, a
``pattern`` taken from the loader's own regular expression.

A schema checks the shape only.  The value checks that need the domain (ranges such as
``sets`` 1..10, a real calendar date, a known IANA zone, sessions in time order) stay
with the loader; a document the schema accepts may still be refused there, while one
the schema refuses is always refused by the loader.

``format`` is given only for ``date``: a plan's times of day and floating session
starts carry no UTC offset, and durations may have a fraction of a second, which the
RFC 3339 ``time``, ``date-time`` and ``duration`` formats do not allow, so a validator
that asserts formats would refuse good documents.  Their patterns check them instead.

The package ships the same schemas as ``legraise_plan/schemas/plan.schema.json`` and
``log.schema.json``, for programs in other languages.  After a change to the tables,
write them again with::

    python -c "from legraise_plan.formats.schema import write_schemas; write_schemas()"
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Final

from legraise_plan.errors import ExportError
from legraise_plan.formats import json as json_format


__all__ = ["KINDS", "json_schema", "write_schemas"]

#: The documents :func:`json_schema` describes.
KINDS: Final = ("plan", "log")
#: Where the package keeps the generated schema files.
SCHEMA_DIR: Final = Path(__file__).parents[1] / "schemas"

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
#: String format (as the readers name it) -> the loader's regular expression.
_PATTERNS: Final[dict[str, re.Pattern[str]]] = {
    "date": json_format._DATE,  # noqa: SLF001 - the loader's own syntax, so it cannot drift
    "time": json_format._TIME,  # noqa: SLF001
    "date-time": json_format._DATETIME,  # noqa: SLF001
    "duration": json_format._DURATION,  # noqa: SLF001
    "decimal": json_format._DECIMAL,  # noqa: SLF001
}
#: The formats that every accepted value also meets in RFC 3339 terms.
_FORMATS: Final = frozenset({"date"})
_DESCRIPTIONS: Final = {
    "date": "ISO 8601 date, e.g. 2026-12-07",
    "time": "ISO 8601 time of day without UTC offset, e.g. 18:00:00",
    "date-time": (
        "ISO 8601 date-time, with a UTC offset exactly when the plan's tz is set, "
        "e.g. 2026-12-07T18:00:00+01:00"
    ),
    "duration": "ISO 8601 duration in hours, minutes and seconds only, e.g. PT10M or PT1M30S",
    "decimal": 'exact decimal number as a string, e.g. "2.5"',
}
_TITLES: Final = {
    "plan": f"legraise_plan plan (schema_version {json_format.SCHEMA_VERSION})",
    "log": f"legraise_plan training log (schema_version {json_format.LOG_SCHEMA_VERSION})",
}


def json_schema(kind: str = "plan") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan or training-log document.

    Args:
        kind: ``"plan"`` for what :func:`~legraise_plan.formats.json.to_dict` writes
            (schema version 3) or ``"log"`` for what
            :func:`~legraise_plan.formats.json.log_to_dict` writes (log version 1).

    Returns:
        A new dict of plain JSON types, ready for ``json.dumps`` or a validator.

    Raises:
        ExportError: for any other ``kind``.

    >>> schema = json_schema("log")
    >>> schema["properties"]["schema_version"], schema["required"]
    ({'const': 1}, ['schema_version', 'entries'])
    """
    if kind == "plan":
        shape = json_format._LAYOUTS[json_format.SCHEMA_VERSION].plan  # noqa: SLF001
    elif kind == "log":
        shape = json_format._LOG  # noqa: SLF001
    else:
        allowed = ", ".join(repr(k) for k in KINDS)
        raise ExportError(f"unknown schema kind {kind!r}; allowed: {allowed}")
    return _Builder().document(shape, _TITLES[kind])


def write_schemas(directory: Path = SCHEMA_DIR) -> None:
    """Write ``<kind>.schema.json`` for every kind into ``directory`` (the package's)."""
    for kind in KINDS:
        text = json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        (directory / f"{kind}.schema.json").write_text(text, encoding="utf-8")


def _pattern(format_name: str) -> str:
    """The loader's regex for ``format_name``, anchored, in syntax ECMA-262 also reads."""
    source = re.sub(r"\(\?P<\w+>", "(?:", _PATTERNS[format_name].pattern)
    # ``$`` would let Python's re.search accept a trailing newline; this end does not.
    return f"^(?:{source})(?![\\s\\S])"


def _shape_names() -> dict[int, str]:
    """``id(shape)`` -> ``$defs`` name, from the table's name (``_SESSION_LOG``: session_log)."""
    return {
        id(value): name.strip("_").lower()
        for name, value in vars(json_format).items()
        if isinstance(value, json_format._Shape)  # noqa: SLF001
    }


class _Builder:
    """Turns one document's shape into a schema, collecting named objects in ``$defs``."""

    def __init__(self) -> None:
        self.names = _shape_names()
        self.defs: dict[str, Any] = {}

    def document(self, shape: json_format._Shape, title: str) -> dict[str, Any]:
        body = self.object(shape)
        schema: dict[str, Any] = {"$schema": _DIALECT, "title": title, **body}
        if self.defs:
            schema["$defs"] = self.defs
        return schema

    def object(self, shape: json_format._Shape) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {key: self.value(reader) for key, reader in shape.fields.items()},
            "required": list(shape.order),
            "additionalProperties": False,
        }

    def reference(self, shape: json_format._Shape) -> dict[str, Any]:
        name = self.names.get(id(shape))
        if name is None:  # a shape without a name of its own is written in place
            return self.object(shape)
        if name not in self.defs:
            self.defs[name] = {}  # reserve the place first: $defs stay in reading order
            self.defs[name] = self.object(shape)
        return {"$ref": f"#/$defs/{name}"}

    def value(self, reader: json_format._Reader) -> dict[str, Any]:
        if reader.const is not None:
            return {"const": reader.const}
        if reader.shape is not None:
            schema = self.reference(reader.shape)
        else:
            schema = {"type": reader.json_type}
            if reader.items is not None:
                schema["items"] = self.value(reader.items)
            if reader.allowed:
                schema["enum"] = list(reader.allowed)
            if reader.format:
                if reader.format in _FORMATS:
                    schema["format"] = reader.format
                schema["pattern"] = _pattern(reader.format)
                schema["description"] = _DESCRIPTIONS[reader.format]
        if not reader.nullable:
            return schema
        if "$ref" in schema:
            return {"anyOf": [schema, {"type": "null"}]}
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"].append(None)
        return schema
