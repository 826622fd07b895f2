"""The ``legraise-plan`` command line: it parses arguments and calls the public API.

User errors print one line on stderr and exit with status 2; nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import getpass
import json
import os
import re
import sys
import tomllib
import zoneinfo
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import legraise_plan as lp
from legraise_plan._files import read_bounded, write_atomic
from legraise_plan._validate import did_you_mean as _did_you_mean


__all__ = ["main"]

_FORMATS = ("ics", "json", "text", "html", "fit")
#: The environment variable ``publish`` reads the CalDAV password from.
_PASSWORD_VARIABLE = "LEGRAISE_PLAN_PASSWORD"  # noqa: S105 - its name, not a password
_SUFFIX_FORMATS = {
    ".ics": "ics",
    ".json": "json",
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".fit": "fit",
}


class _UsageError(Exception):
    """A bad command line: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
            raise argparse.ArgumentTypeError(f"must be a real date, got {text!r} ({exc})") from None
        raise argparse.ArgumentTypeError(f"must be a date YYYY-MM-DD, got {_short(text)}") from None


def _zone(text: str) -> str:
    """An IANA zone name, checked here so that a near miss gets a suggestion."""
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        by_case = {name.lower(): name for name in zoneinfo.available_timezones()}
        close = difflib.get_close_matches(text.strip().lower(), list(by_case), n=1, cutoff=0.7)
        hint = f" (did you mean {by_case[close[0]]}?)" if close else ""
        raise argparse.ArgumentTypeError(
            f"must be an IANA zone name such as Europe/Berlin, got {_short(text)}{hint}"
        ) from None
    return text


def _dates(text: str) -> tuple[dt.date, ...]:
    return tuple(_date(part.strip()) for part in text.split(",") if part.strip())


_DAY_WORDS = (
    "mo",
    "tu",
    "we",
    "th",
    "fr",
    "sa",
    "su",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


def _days(text: str) -> str:
    """Weekdays, comma-separated; a near miss gets a suggestion (the library parses them)."""
    for part in (p.strip() for p in text.split(",")):
        if part and part.lower() not in _DAY_WORDS:
            # The spelling the user chose first: 'fir' is nearer 'fr', but meant 'fri'.
            alike = [w for w in _DAY_WORDS if len(w) == len(part)]
            hint = _did_you_mean(part.lower(), alike) or _did_you_mean(
                part.lower(), list(_DAY_WORDS)
            )
            raise argparse.ArgumentTypeError(
                f"must be weekdays such as mon,wed,fri (or MO..SU), got {_short(part)}{hint}"
            )
    return text


def _time(text: str) -> dt.time:
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a time HH:MM, got {text!r}") from None
    if value.tzinfo is not None:
        raise argparse.ArgumentTypeError(f"must be a time without zone (use --tz), got {text!r}")
    return value


def _minutes(text: str) -> dt.timedelta:
    try:
        minutes = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be whole minutes, got {_short(text)}") from None
    if abs(minutes) > _MAX_MINUTES:
        raise argparse.ArgumentTypeError(
            f"must be whole minutes from -{_MAX_MINUTES} to {_MAX_MINUTES}, got {_short(text)}"
        )
    return dt.timedelta(minutes=minutes)


#: Minutes beyond this (about two years) are refused before use; options check their own
#: narrower ranges after.
_MAX_MINUTES = 1_000_000


def _short(text: str) -> str:
    """A command-line value for a message: escaped, and cut to a readable length."""
    shown = repr(text)
    return shown if len(shown) <= 60 else shown[:50] + "…" + shown[-5:]


def _after(text: str) -> dt.timedelta:
    after = _minutes(text)
    if not dt.timedelta(0) <= after <= dt.timedelta(hours=6):
        raise argparse.ArgumentTypeError(f"must be minutes from 0 to 360, got {_short(text)}")
    return after


def _alarm(text: str) -> dt.timedelta | None:
    if text.strip().lower() in {"none", "off", "no"}:
        return None
    before = _minutes(text)
    if not dt.timedelta(0) <= before <= dt.timedelta(days=1):
        raise argparse.ArgumentTypeError(
            f"must be minutes before the session from 0 to 1440, or none, got {text!r}"
        )
    return -before


def _stamp(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be an ISO date-time with offset, e.g. 2026-12-01T00:00:00Z, got {text!r}"
        ) from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"must include an offset such as Z, got {text!r}")
    try:
        value.astimezone(dt.UTC)
    except OverflowError:
        raise argparse.ArgumentTypeError(
            f"must be a date-time that exists in UTC (years 1 to 9999), got {text!r}"
        ) from None
    return value


def _reps(text: str) -> tuple[tuple[int, int], ...]:
    """``12,12,11`` or ``12/11,12/12``: one number per set, or LEFT/RIGHT when legs differ."""
    sets = []
    for part in (p.strip() for p in text.split(",")):
        left, slash, right = part.partition("/")
        try:
            reps = (int(left), int(right) if slash else int(left))
        except ValueError:
            raise argparse.ArgumentTypeError(
                "must be reps per set, e.g. 12,12,11, or LEFT/RIGHT per set when the legs "
                f"differ, e.g. 12/11,12/12; got {text!r}"
            ) from None
        sets.append(reps)
    return tuple(sets)


def _sequence(text: str) -> int:
    value = _whole(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number 0 or more, got {text!r}")
    return value


def _whole(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {_short(text)}") from None
    if abs(value) > 10**18:
        raise argparse.ArgumentTypeError(
            f"must be a whole number of at most 18 digits, got {_short(text)}"
        )
    return value


def _choices(kind: type[Any]) -> str:
    """The values of ``kind`` for help and messages: ``a, b, c`` (so help wraps at spaces)."""
    return ", ".join(m.value for m in kind)


def _list_of(kind: type[Any]) -> Any:
    def parse(text: str) -> tuple[Any, ...]:
        items = []
        for part in (p.strip().lower().replace("-", "_") for p in text.split(",")):
            if not part:
                continue
            try:
                items.append(kind(part))
            except ValueError:
                hint = _did_you_mean(part, [m.value for m in kind])
                raise argparse.ArgumentTypeError(
                    f"must be among {_choices(kind)}, got {part!r}{hint}"
                ) from None
        return tuple(items)

    return parse


def _one_of(kind: type[Any]) -> Any:
    def parse(text: str) -> Any:
        try:
            return kind(text.strip().lower().replace("-", "_"))
        except ValueError:
            hint = _did_you_mean(text.strip().lower().replace("-", "_"), [m.value for m in kind])
            raise argparse.ArgumentTypeError(
                f"must be one of {_choices(kind)}, got {text!r}{hint}"
            ) from None

    return parse


def _text(value: str) -> str:
    """Command-line text: bytes that are not UTF-8 become U+FFFD instead of failing later."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _as_list(value: object) -> str:
    """A TOML list of names (or one comma-separated string) as the command line writes it."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ",".join(value)
    if isinstance(value, str):
        return value
    raise argparse.ArgumentTypeError(f"must be a list of names, got {_short(repr(value))}")


def _as_text(value: object) -> str:
    if not isinstance(value, str):
        raise argparse.ArgumentTypeError(f"must be text, got {_short(repr(value))}")
    return value


def _as_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise argparse.ArgumentTypeError(f"must be true or false, got {_short(repr(value))}")
    return value


def _as_number(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise argparse.ArgumentTypeError(f"must be a whole number, got {_short(repr(value))}")
    return str(value)


#: What a profile may hold: its key, the option's destination, how to read the value,
#: and whether only ``plan`` takes it (the athlete's fields go to ``around`` too).
_PROFILE_KEYS: dict[str, tuple[str, Any, bool]] = {
    "equipment": ("equipment", lambda v: _list_of(lp.Equipment)(_as_list(v)), False),
    "level": ("level", lambda v: _one_of(lp.Level)(_as_text(v)), False),
    "units": ("units", lambda v: _one_of(lp.Unit)(_as_text(v)), False),
    "conditions": ("condition", lambda v: _list_of(lp.Condition)(_as_list(v)), False),
    "cleared": ("cleared", _as_bool, False),
    "name": ("name", lambda v: _text(_as_text(v)), False),
    "surgical_approach": (
        "surgical_approach",
        lambda v: _one_of(lp.SurgicalApproach)(_as_text(v)),
        False,
    ),
    "band_setup": ("band_setup", lambda v: _one_of(lp.BandSetup)(_as_text(v)), False),
    "band_brand": ("band_brand", lambda v: _text(_as_text(v)), False),
    "periodization": (
        "periodization",
        lambda v: _one_of(lp.Periodization)(_as_text(v)),
        False,
    ),
    "role": ("role", lambda v: _one_of(lp.Role)(_as_text(v)), True),
    "weeks": ("weeks", lambda v: _whole(_as_number(v)), True),
    "days": ("days", _as_list, True),
    "at": ("at", lambda v: _time(_as_text(v)), True),
    "tz": ("tz", lambda v: _zone(_as_text(v)), True),
    "alarm": ("alarm", lambda v: _alarm(_as_number(v) if v != "none" else "none"), True),
}


def _profile_path(argv: Sequence[str]) -> Path | None:
    for i, arg in enumerate(argv):
        if arg == "--profile" and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith("--profile="):
            return Path(arg.split("=", 1)[1])
    return None


def _profile_defaults(argv: Sequence[str]) -> dict[str, Any]:
    """The option defaults a ``--profile`` TOML file gives; the command line still wins."""
    path = _profile_path(argv)
    if path is None:
        return {}
    raw = _read_file(path, "a profile in TOML")
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise _UsageError(f"profile {_short(str(path))} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise _UsageError(f"profile {_short(str(path))} is not TOML: {exc}") from None
    found: dict[str, Any] = {}
    for key, value in data.items():
        line = _line_of(text, key)
        entry = _PROFILE_KEYS.get(key)
        if entry is None:
            allowed = ", ".join(_PROFILE_KEYS)
            hint = _did_you_mean(key, list(_PROFILE_KEYS))
            raise _UsageError(
                f"profile {_short(str(path))}, line {line}: unknown key {_short(key)}{hint}; "
                f"allowed keys: {allowed}"
            )
        dest, read, _plan_only = entry
        try:
            found[dest] = read(value)
        except argparse.ArgumentTypeError as exc:
            raise _UsageError(f"profile {_short(str(path))}, line {line}: {key} {exc}") from None
    return found


def _line_of(text: str, key: str) -> int:
    """The line (1-based) where ``key`` is set in a TOML text, or 0 when not found."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _build_parser(profile: dict[str, Any] | None = None) -> _Parser:
    parser = _Parser(
        prog="legraise-plan",
        description="Plan backward leg raises (hip extensions) into real training weeks.",
        epilog=_EXIT_HELP,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {lp.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    exercises = commands.add_parser("exercises", help="list the exercise catalog with cues")
    exercises.add_argument(
        "--equipment",
        type=_list_of(lp.Equipment),
        default=(),
        help=f"only variations for this equipment (comma list of {_choices(lp.Equipment)})",
    )
    exercises.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )

    plan = commands.add_parser(
        "plan",
        help="build a plan and write it as ics, json, text or html",
        description="Build a periodized plan of backward leg raises on real dates and write "
        "it as an iCalendar file (to import into any calendar), JSON (to keep, log and adapt), "
        "text (to read) or HTML (a page to print as a log sheet).",
        epilog=_EXIT_HELP,
    )
    plan.add_argument(
        "--role",
        type=_one_of(lp.Role),
        default=lp.Role.ACCESSORY,
        help=f"{_choices(lp.Role)} (default accessory)",
    )
    plan.add_argument("--weeks", type=int, default=6, help="1..52 (default 6)")
    plan.add_argument(
        "--start", type=_date, default=None, help="first day, YYYY-MM-DD (default next Monday)"
    )
    plan.add_argument(
        "--days", type=_days, default="mon,wed,fri", help="weekdays (default mon,wed,fri)"
    )
    plan.add_argument(
        "--at", type=_time, default=dt.time(18, 0), help="time of day (default 18:00)"
    )
    plan.add_argument(
        "--tz",
        type=_zone,
        default=None,
        help="IANA zone, e.g. Europe/Berlin (default: floating local time)",
    )
    _add_athlete_options(plan)
    plan.add_argument(
        "--periodization",
        type=_one_of(lp.Periodization),
        default=lp.Periodization.LINEAR,
        help=f"{_choices(lp.Periodization)} (default linear)",
    )
    plan.add_argument(
        "--skip", type=_dates, default=(), help="dates without a session, comma list YYYY-MM-DD"
    )
    plan.add_argument(
        "--reschedule", action="store_true", help="move skipped sessions to the next free day"
    )
    plan.add_argument(
        "--after",
        type=_after,
        default=None,
        help="accessory only: start this many minutes (0 to 360) after --at (the main "
        "lifts' start)",
    )
    _add_plan_options(plan)
    _add_output_options(plan)
    _add_profile_option(plan, profile, plan_command=True)

    show = commands.add_parser("show", help="print a plan saved as JSON as text or html")
    show.add_argument("file", type=Path, help="a plan written with --format json")
    show.add_argument(
        "--format",
        choices=("text", "html"),
        default="text",
        help="text (default) or html (a page to print as a log sheet)",
    )

    convert = commands.add_parser("convert", help="convert a plan saved as JSON")
    convert.add_argument("file", type=Path, help="a plan written with --format json")
    _add_output_options(convert)

    _add_log_command(commands)
    _add_around_command(commands, profile)

    adapt = commands.add_parser(
        "adapt", help="adapt a saved plan to its training log and write the new plan"
    )
    adapt.add_argument("file", type=Path, help="a plan written with --format json")
    _add_log_option(adapt)
    adapt.add_argument(
        "--today", type=_date, default=None, help="the date to adapt on, YYYY-MM-DD (default today)"
    )
    adapt.add_argument(
        "--missed",
        type=_one_of(lp.Missed),
        default=lp.Missed.SKIP,
        help="past sessions without a log: skip them (default) or shift the rest of the plan",
    )
    _add_output_options(adapt)

    after = commands.add_parser(
        "next", help="plan the next block from where a saved plan and its log leave off"
    )
    after.add_argument("file", type=Path, help="a plan written with --format json")
    _add_log_option(after)
    after.add_argument("--weeks", type=int, default=6, help="1..52 (default 6)")
    after.add_argument(
        "--start",
        type=_date,
        default=None,
        help="first day, YYYY-MM-DD (default: chosen from the plan's end)",
    )
    after.add_argument(
        "--assume-skipped",
        action="store_true",
        help="count sessions with no log as skipped (default: as done as prescribed)",
    )
    _add_output_options(after)
    _add_publish_command(commands)
    _add_batch_command(commands)
    return parser


def _add_athlete_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--equipment",
        type=_list_of(lp.Equipment),
        default=(),
        help=f"what you have besides bodyweight (comma list of {_choices(lp.Equipment)})",
    )
    parser.add_argument(
        "--level",
        type=_one_of(lp.Level),
        default=lp.Level.NOVICE,
        help=f"{_choices(lp.Level)} (default novice)",
    )
    parser.add_argument(
        "--units", type=_one_of(lp.Unit), default=lp.Unit.KG, help="kg or lb (default kg)"
    )
    parser.add_argument(
        "--condition",
        type=_list_of(lp.Condition),
        default=(),
        help=f"health conditions (comma list of {_choices(lp.Condition)})",
    )
    parser.add_argument(
        "--surgical-approach",
        type=_one_of(lp.SurgicalApproach),
        default=None,
        help=f"with --condition recent_hip_surgery: {_choices(lp.SurgicalApproach)}",
    )
    parser.add_argument(
        "--band-setup",
        type=_one_of(lp.BandSetup),
        default=lp.BandSetup.ANCHORED,
        help="anchored (one end fixed, default) or looped (a loop round both ankles)",
    )
    parser.add_argument(
        "--band-brand", type=_text, default="", help="your band's brand, named in the notes"
    )
    parser.add_argument(
        "--cleared",
        action="store_true",
        help="a physiotherapist or doctor has cleared you for this work (needed for rehab, "
        "pregnancy and recent hip surgery)",
    )
    parser.add_argument(
        "--name", type=_text, default="", help="your name, shown in the calendar name"
    )


def _add_profile_option(
    parser: argparse.ArgumentParser, profile: dict[str, Any] | None, *, plan_command: bool
) -> None:
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="a TOML file with your usual options (equipment, level, units, conditions, "
        "cleared, name, days, at, tz, …); options given on the command line win",
    )
    if profile:
        plan_only = {dest for dest, _read, only in _PROFILE_KEYS.values() if only}
        parser.set_defaults(
            **{k: v for k, v in profile.items() if plan_command or k not in plan_only}
        )


def _add_plan_options(parser: argparse.ArgumentParser) -> None:
    """The options ``plan`` and ``around`` share after the athlete's."""
    parser.add_argument(
        "--allow-close-sessions",
        action="store_true",
        help="allow hard sessions less than 48 h apart",
    )
    parser.add_argument("--note", type=_text, default="", help="text added to every session")
    parser.add_argument(
        "--plan-id", type=_text, default="", help="a stable id of the plan (part of each UID)"
    )


def _athlete(args: argparse.Namespace) -> lp.Athlete:
    return lp.Athlete(
        equipment=args.equipment,
        level=args.level,
        units=args.units,
        conditions=args.condition,
        cleared=args.cleared,
        name=args.name,
        surgical_approach=args.surgical_approach,
        band_setup=args.band_setup,
        band_brand=args.band_brand,
    )


def _add_around_command(commands: Any, profile: dict[str, Any] | None) -> None:
    around = commands.add_parser(
        "around",
        help="plan the raises around the training in your own calendar (an .ics export)",
        description="Read your training calendar, find the lower-body and full-body "
        "sessions, and place warm-ups before them, accessory blocks at their end, or rehab "
        "on the days between.",
        epilog=_EXIT_HELP,
    )
    around.add_argument("file", type=Path, help="your training calendar, an .ics file")
    around.add_argument(
        "--roles",
        type=_list_of(lp.Role),
        default=(lp.Role.ACCESSORY,),
        help=f"comma list of {_choices(lp.Role)} (default accessory); one plan per role",
    )
    around.add_argument("--weeks", type=int, default=6, help="1..52 (default 6)")
    around.add_argument(
        "--start", type=_date, default=None, help="first day, YYYY-MM-DD (default next Monday)"
    )
    around.add_argument(
        "--after",
        type=_after,
        default=None,
        help="accessory: start this many minutes (0 to 360) into the session (default: at its end)",
    )
    around.add_argument("--at", type=_time, default=None, help="rehab: time of day on free days")
    around.add_argument(
        "--merge",
        action="store_true",
        help="write one calendar with your events and the raises (.ics only)",
    )
    _add_athlete_options(around)
    around.add_argument(
        "--periodization",
        type=_one_of(lp.Periodization),
        default=lp.Periodization.LINEAR,
        help=f"{_choices(lp.Periodization)} (default linear)",
    )
    _add_plan_options(around)
    _add_output_options(around)
    _add_profile_option(around, profile, plan_command=False)


def _add_publish_command(commands: Any) -> None:
    publish = commands.add_parser(
        "publish",
        help="publish a saved plan to a calendar on a CalDAV server",
        description="Publish a plan saved as JSON to a calendar on a CalDAV server "
        "(Nextcloud, Radicale, Fastmail, ...): new sessions are created, changed ones "
        "updated in place, and sessions gone from the plan deleted; publishing an "
        "unchanged plan writes nothing. The password is read from the environment "
        f"variable {_PASSWORD_VARIABLE} or, when that is unset, asked for on the terminal; "
        "it is never taken from the command line.",
    )
    publish.add_argument("file", type=Path, help="a plan written with --format json")
    publish.add_argument(
        "--url",
        required=True,
        help="the URL of your calendars on the server, e.g. "
        "https://cloud.example.com/remote.php/dav/calendars/USER/",
    )
    publish.add_argument(
        "--user",
        required=True,
        type=_text,
        help=f"the user name to log in with (the password comes from {_PASSWORD_VARIABLE} "
        "or a prompt)",
    )
    publish.add_argument(
        "--calendar",
        type=_text,
        default=None,
        help="the calendar's display name; created if missing (default: the plan's "
        "calendar name, as in the .ics export)",
    )
    publish.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow a plain http:// URL to another machine (the password then travels "
        "unencrypted); http:// to localhost is always allowed",
    )


def _add_batch_command(commands: Any) -> None:
    batch = commands.add_parser(
        "batch",
        help="build the plans of many athletes from a JSON Lines file",
        description="Build one plan per line of a JSON Lines file (an athlete and the options "
        "of their plan, named by an id; see docs/batch.md) and write <id>.ics or <id>.json "
        "per athlete into the -o folder, or one plans.jsonl stream there. Outputs that are "
        "complete already are skipped, so the same command again resumes an interrupted "
        "batch. A bad line is reported with its line number and skipped.",
        epilog="exit status: 0 every line has its output; 1 some lines failed (each is "
        "reported on standard error); 2 bad usage, an input that cannot be read or an "
        "output folder that cannot be written",
    )
    batch.add_argument("file", help="the JSON Lines file, one athlete a line (- for stdin)")
    batch.add_argument(
        "-o", "--output", required=True, type=Path, help="the output folder (made if missing)"
    )
    batch.add_argument(
        "--format",
        choices=("ics", "json", "jsonl"),
        default="ics",
        help="ics or json: a file per athlete, <id>.ics or <id>.json; jsonl: one "
        "plans.jsonl stream (default ics)",
    )
    batch.add_argument(
        "--workers",
        type=_workers,
        default=1,
        help="worker processes, 1 to 256 (default 1: this process)",
    )
    batch.add_argument(
        "--stamp",
        type=_stamp,
        default=None,
        help="DTSTAMP for reproducible .ics output (ISO date-time with offset; default now)",
    )


def _workers(text: str) -> int:
    value = _whole(text)
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"must be 1 to 256, got {_short(text)}")
    return value


def _batch(args: argparse.Namespace, _today: dt.date) -> int:
    """``legraise-plan batch``: one line per failed line, a summary; status 1 if any failed."""
    from legraise_plan.batch import BatchFailure, run_batch  # noqa: PLC0415 - only for batch

    name = "stdin" if args.file == "-" else _short(args.file)

    def report(failure: BatchFailure) -> None:
        print(f"legraise-plan: error: {name}, {failure}", file=sys.stderr)

    try:
        summary = run_batch(
            sys.stdin.buffer if args.file == "-" else Path(args.file),
            args.output,
            output_format=args.format,
            workers=args.workers,
            stamp=args.stamp,
            on_failure=report,
        )
    except KeyboardInterrupt:
        raise _UsageError(
            "interrupted; the files written are complete: run the same command to resume"
        ) from None
    print(summary.summary(), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else 0


def _add_log_command(commands: Any) -> None:
    log = commands.add_parser("log", help="add one session's log to a plan's training log")
    log.add_argument("file", type=Path, help="a plan written with --format json")
    log.add_argument(
        "--date",
        type=_date,
        default=None,
        help="the day the session was done, YYYY-MM-DD; finds the session unless --session "
        "is given (default today)",
    )
    log.add_argument("--session", default=None, help="the session's uid (default: by --date)")
    done = log.add_mutually_exclusive_group(required=True)
    done.add_argument(
        "--reps",
        type=_reps,
        default=None,
        help="reps per set, e.g. 12,12,11; LEFT/RIGHT per set when the legs differ: 12/11,12/12",
    )
    done.add_argument(
        "--skipped", type=_text, default=None, help="the session was not done, for this reason"
    )
    log.add_argument(
        "--load", type=_text, default=None, help="load used, as the plan writes it: 'band red'"
    )
    log.add_argument("--rir", type=_whole, default=None, help="reps in reserve, 0..10")
    log.add_argument("--pain", type=_whole, default=0, help="worst pain during, 0..10 (default 0)")
    log.add_argument(
        "--morning-pain", type=_whole, default=None, help="pain the next morning, 0..10"
    )
    log.add_argument(
        "--baseline-pain", type=_whole, default=0, help="your usual pain, 0..10 (default 0)"
    )
    log.add_argument("--form", choices=("ok", "lost"), default="ok", help="ok (default) or lost")
    log.add_argument("--notes", type=_text, default="", help="free text")
    log.add_argument(
        "--today", type=_date, default=None, help="count --date against this day (default today)"
    )
    _add_log_option(log)


def _add_log_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--log",
        type=Path,
        default=None,
        help="the training log file (default: the plan file with .log.json for .json)",
    )


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        default=None,
        help="ics, json, text, html (a page to print as a log sheet), or fit (Garmin "
        "workouts: one file per session into the -o folder) (default: from the -o suffix, "
        "else ics)",
    )
    parser.add_argument("-o", "--output", default="-", help="output file, - for stdout (default)")
    parser.add_argument(
        "--alarm",
        type=_alarm,
        default=dt.timedelta(minutes=-30),
        help="reminder minutes before each session, or none (default 30)",
    )
    parser.add_argument(
        "--stamp",
        type=_stamp,
        default=None,
        help="DTSTAMP for reproducible .ics output (ISO date-time with offset; default now)",
    )
    parser.add_argument(
        "--sequence",
        type=_sequence,
        default=0,
        help="added to every event's SEQUENCE in .ics output; raise it to make calendars "
        "take every event as new (default 0)",
    )
    parser.add_argument(
        "--calendar-name",
        type=_text,
        default=None,
        help="the calendar's name in .ics output (default: your name, if any, and the role)",
    )


def _render(plan: lp.Plan, args: argparse.Namespace, log: lp.TrainingLog | None = None) -> bytes:
    fmt = _format(args)
    if fmt == "ics":
        return lp.to_ics(
            plan,
            alarm=args.alarm,
            stamp=args.stamp,
            sequence=args.sequence,
            calendar_name=args.calendar_name,
        )
    if fmt == "json":
        return (json.dumps(lp.to_dict(plan), indent=2, ensure_ascii=False) + "\n").encode()
    if fmt == "html":
        return lp.to_html(plan, log=log).encode()
    return lp.to_text(plan).encode()


def _format(args: argparse.Namespace) -> str:
    return str(args.format or _SUFFIX_FORMATS.get(Path(args.output).suffix.lower(), "ics"))


def _write(plan: lp.Plan, args: argparse.Namespace, log: lp.TrainingLog | None = None) -> None:
    """Write ``plan`` in the chosen format; FIT workouts go one file per session.

    ``log`` fills in the HTML page's boxes (other formats do not use it).
    """
    if _format(args) != "fit":
        _emit(_render(plan, args, log), args.output)
        return
    if args.output == "-":
        raise _UsageError("--format fit writes one file per session: give a folder with -o DIR")
    folder = Path(args.output)
    if folder.suffix.lower() == ".fit":
        folder = folder.with_suffix("")
    workouts = {
        f"{session.start:%Y-%m-%d-%H%M}.fit": lp.to_fit(session)
        for session in plan.sessions
        if session.status is lp.SessionStatus.PLANNED
    }
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise _UsageError(f"cannot make the folder {_short(str(folder))}: {exc.strerror}") from None
    for name, data in workouts.items():
        write_atomic(folder / name, data)
    print(f"{len(workouts)} workouts written to {folder}", file=sys.stderr)


def _emit(data: bytes, output: str) -> None:
    if output != "-":
        write_atomic(output, data)
        return
    stream = sys.stdout
    if stream is None:
        raise _UsageError("standard output is closed: write to a file with -o FILE")
    try:
        stream.buffer.write(data)
        stream.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _UsageError(
            f"cannot write to standard output ({exc.strerror}): write to a file with -o FILE"
        ) from None


def _read_file(path: Path, what: str) -> bytes:
    """A regular input file's bytes, refused up front when it is not one or too big."""
    try:
        return read_bounded(path)
    except FileNotFoundError:
        raise _UsageError(f"cannot read {_short(str(path))}: no such file ({what})") from None


def _load(path: Path) -> lp.Plan:
    raw = _read_file(path, "a plan saved as JSON")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _UsageError(f"{_short(str(path))} is not UTF-8 text (a plan saved as JSON)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _UsageError(
            f"{_short(str(path))} is not JSON: {exc.msg} at line {exc.lineno}"
        ) from None
    except (RecursionError, ValueError) as exc:  # nesting too deep, or a 4,300+ digit number
        kind = "nested too deeply" if isinstance(exc, RecursionError) else "a number too long"
        raise _UsageError(f"{_short(str(path))} is not a plan: {kind}") from None
    try:
        return lp.from_dict(data)
    except lp.PlanProblemsError as exc:
        raise _UsageError(f"{str(path)!r}: {_error_text(exc)}") from None


def _exercises(args: argparse.Namespace, _today: dt.date) -> None:
    chosen = [x for x in lp.CATALOG.values() if not args.equipment or x.equipment in args.equipment]
    if args.format == "text":
        out = lp.catalog_text(chosen)
    else:
        out = json.dumps(lp.catalog_to_list(chosen), indent=2, ensure_ascii=False) + "\n"
    _emit(out.encode(), "-")


def _plan(args: argparse.Namespace, today: dt.date) -> None:
    plan = lp.build_plan(
        _athlete(args),
        role=args.role,
        weeks=args.weeks,
        start=args.start or lp.next_monday(today),
        days=args.days,
        at=args.at,
        tz=args.tz,
        periodization=args.periodization,
        skip=args.skip,
        reschedule=args.reschedule,
        after=args.after,
        allow_close_sessions=args.allow_close_sessions,
        note=args.note,
        plan_id=args.plan_id,
    )
    _write(plan, args)
    _plan_warnings(plan, args, today)


def _show(args: argparse.Namespace, _today: dt.date) -> None:
    plan = _load(args.file)
    page = lp.to_html(plan) if args.format == "html" else lp.to_text(plan)
    _emit(page.encode(), "-")


def _convert(args: argparse.Namespace, _today: dt.date) -> None:
    _write(_load(args.file), args)


def _publish(args: argparse.Namespace, _today: dt.date) -> None:
    result = lp.publish(
        _load(args.file),
        args.url,
        username=args.user,
        password=_password(args.user),
        calendar=args.calendar,
        insecure_http=args.insecure_http,
    )
    print(result.summary())


def _with_log(args: argparse.Namespace, today: dt.date) -> tuple[lp.Plan, Path, dt.date]:
    """The saved plan, its log file (``--log`` or the plan's own) and the day it is."""
    return _load(args.file), args.log or _log_path(args.file), getattr(args, "today", None) or today


def _log_command(args: argparse.Namespace, today: dt.date) -> None:
    plan, log_path, day = _with_log(args, today)
    _log(plan, log_path, args, day)


def _adapt(args: argparse.Namespace, today: dt.date) -> None:
    plan, log_path, day = _with_log(args, today)
    log = _read_log(log_path, must_exist=True)
    new = lp.adapt(plan, log, today=day, missed=args.missed)
    _write(new, args, log)
    print(lp.diff(plan, new).summary(), file=sys.stderr)


def _next(args: argparse.Namespace, today: dt.date) -> None:
    plan, log_path, _day = _with_log(args, today)
    log = _read_log(log_path, must_exist=True)
    new = lp.continue_plan(
        plan, log, weeks=args.weeks, start=args.start, assume_done=not args.assume_skipped
    )
    _write(new, args)
    print(_block_line(new), file=sys.stderr)


def _run(args: argparse.Namespace, today: dt.date) -> int:
    """Run the chosen command (one small function each); its exit status."""
    return _COMMANDS[args.command](args, today) or 0


def _warn(message: str) -> None:
    print(f"legraise-plan: warning: {message}", file=sys.stderr)


def _plan_warnings(plan: lp.Plan, args: argparse.Namespace, today: dt.date) -> None:
    """Say on stderr what was accepted but is probably not what was meant."""
    if plan.start < today:
        _warn(f"the plan starts in the past ({plan.start.isoformat()}; today is {today})")
    outside = sorted(d for d in args.skip if not plan.start <= d < plan.end)
    if outside:
        more = f" and {len(outside) - 1} more" if len(outside) > 1 else ""
        _warn(
            f"--skip {outside[0].isoformat()}{more} outside the plan "
            f"({plan.start.isoformat()} to {(plan.end - dt.timedelta(days=1)).isoformat()}) "
            "changes nothing"
        )
    suffix = _SUFFIX_FORMATS.get(Path(args.output).suffix.lower())
    if args.format is not None and suffix is not None and suffix != args.format:
        _warn(f"--format {args.format} written to {_short(args.output)}, a .{suffix} name")


def _around(args: argparse.Namespace, today: dt.date) -> None:
    """``legraise-plan around``: one plan per role around the host calendar."""
    fmt = _format(args)
    roles = tuple(dict.fromkeys(args.roles))
    if not roles:
        raise _UsageError("--roles must name at least one role")
    if fmt != "ics" and (len(roles) > 1 or args.merge):
        raise _UsageError(
            f"--format {fmt} writes one plan: give one role and no --merge, or write .ics"
        )
    raw = _read_file(args.file, "your training calendar (an .ics file)")
    start = args.start or lp.next_monday(today)
    if not isinstance(args.weeks, int) or not 1 <= args.weeks <= 52:
        raise _UsageError(f"--weeks must be 1..52, got {args.weeks}")
    hosts = lp.read_host_sessions(raw, start=start, end=start + dt.timedelta(weeks=args.weeks))
    athlete = _athlete(args)
    plans = [
        lp.plan_around(
            athlete,
            hosts,
            role=role,
            start=start,
            weeks=args.weeks,
            periodization=args.periodization,
            after=args.after if role is lp.Role.ACCESSORY else None,
            at=args.at if role is lp.Role.REHAB else None,
            allow_close_sessions=args.allow_close_sessions,
            note=args.note,
            plan_id=args.plan_id,
        )
        for role in roles
    ]
    if fmt == "ics" and (len(plans) > 1 or args.merge):
        parts = [_render(plan, args) for plan in plans]
        data = lp.merge_calendars(
            parts,
            host=raw if args.merge else None,
            name=args.calendar_name or "Training and leg raises",
        )
    else:
        _write(plans[0], args)
        data = b""
    if data:
        _emit(data, args.output)
    count = sum(len(plan.sessions) for plan in plans)
    print(
        f"{count} sessions around {len(hosts)} calendar events "
        f"({', '.join(role.label for role in roles)})",
        file=sys.stderr,
    )


def _password(user: str) -> str:
    """The CalDAV password: from the environment, else asked for on the terminal."""
    password = os.environ.get(_PASSWORD_VARIABLE, "")
    if password:
        return password
    if not sys.stdin.isatty():
        raise _UsageError(
            f"no password: set the environment variable {_PASSWORD_VARIABLE}, or run "
            "publish on a terminal to be asked for it"
        )
    try:
        password = getpass.getpass(f"Password for {user}: ")
    except (EOFError, KeyboardInterrupt):
        password = ""
    if not password:
        raise _UsageError("no password given")
    return password


def _log_path(plan_path: Path) -> Path:
    """The default log file of a plan: ``plan.json`` -> ``plan.log.json``."""
    stem = (
        plan_path.name[: -len(".json")] if plan_path.suffix.lower() == ".json" else plan_path.name
    )
    return plan_path.with_name(f"{stem}.log.json")


def _read_log(path: Path, *, must_exist: bool) -> lp.TrainingLog:
    if must_exist and not path.exists():
        raise _UsageError(
            f"cannot read {str(path)!r}: no such log file (write one with 'legraise-plan log', "
            "or name it with --log)"
        )
    return lp.read_log(path)


#: Log fields named as the options that set them, for error messages.
_LOG_OPTIONS = {
    "pain_during": "--pain",
    "morning_pain": "--morning-pain",
    "baseline_pain": "--baseline-pain",
    "left": "--reps",
    "right": "--reps",
    "load": "--load",
    "rir": "--rir",
    "notes": "--notes",
    "skipped": "--skipped",
    "sets": "--reps",
}


def _log(plan: lp.Plan, path: Path, args: argparse.Namespace, today: dt.date) -> None:
    """``legraise-plan log``: check everything, then append one entry to the log file."""
    day = args.date or today
    if day > today:
        raise _UsageError(
            f"--date must not be after today ({today.isoformat()}), got {day.isoformat()}"
        )
    if args.skipped is not None and (args.load is not None or args.rir is not None):
        raise _UsageError("--load and --rir describe sets done: give them with --reps")
    session = plan.session(args.session) if args.session is not None else plan.session_on(day)
    try:
        sets = [
            lp.SetLog(left=left, right=right, load=args.load, rir=args.rir)
            for left, right in args.reps or ()
        ]
        entry = lp.SessionLog(
            uid=session.uid,
            date=day,
            sets=sets,
            pain_during=args.pain,
            morning_pain=args.morning_pain,
            baseline_pain=args.baseline_pain,
            form_kept=args.form == "ok",
            notes=args.notes,
            skipped=args.skipped,
        )
    except lp.LogError as exc:
        option = _LOG_OPTIONS.get(exc.field or "")
        raise _UsageError(f"{option}: {_error_text(exc)}" if option else _error_text(exc)) from None
    _read_log(path, must_exist=False)  # a bad log file fails here, before any file is made
    log = lp.append_log(path, entry)
    earlier = sum(1 for e in log.entries if e.uid == entry.uid) > 1
    planned = session.start.date()
    done = "" if planned == day else f" (done {day.isoformat()})"
    again = "; replaces the earlier entry" if earlier else ""
    print(f"logged session {planned.isoformat()}{done}: {entry.summary()}{again} -> {path}")


def _block_line(plan: lp.Plan) -> str:
    """One line on a new block: how many sessions, from when to when."""
    if not plan.sessions:
        return f"next block: no sessions in {plan.weeks} weeks from {plan.start.isoformat()}"
    first, last = plan.sessions[0].start.date(), plan.sessions[-1].start.date()
    return (
        f"next block: {len(plan.sessions)} sessions in {plan.weeks} weeks, "
        f"{first.isoformat()} to {last.isoformat()}"
    )


#: How many of a file's problems the one error line lists before counting the rest.
_SHOWN_PROBLEMS = 5


def _error_text(exc: Exception) -> str:
    """An error as one line: several problems as ``3 problems: a: x; b: y; c: z``."""
    problems = exc.problems if isinstance(exc, lp.PlanProblemsError) else ()
    if len(problems) < 2 or "\n" not in str(exc):
        return " ".join(str(exc).split())
    shown = "; ".join(" ".join(str(p).split()) for p in problems[:_SHOWN_PROBLEMS])
    more = len(problems) - _SHOWN_PROBLEMS
    return f"{len(problems)} problems: {shown}" + (f"; and {more} more" if more > 0 else "")


#: Exit statuses besides 0 (success) and 2 (bad input, or a file that cannot be read or
#: written): a clinician's clearance is needed, or red-flag symptoms need a doctor.
#: ``batch``: some lines could not be built (each was reported with its line number).
EXIT_SOME_FAILED = 1
EXIT_CLEARANCE = 3
EXIT_REFERRAL = 4
_EXIT_HELP = (
    "exit status: 0 success; 1 (batch) some lines failed; 2 bad input, or a file that "
    "cannot be read or written; "
    f"{EXIT_CLEARANCE} the plan needs a physiotherapist's or doctor's clearance first "
    f"(then add --cleared); {EXIT_REFERRAL} red-flag symptoms: no plan is made, see a "
    "doctor urgently"
)


#: Each command's function.
_COMMANDS: dict[str, Callable[[argparse.Namespace, dt.date], int | None]] = {
    "exercises": _exercises,
    "plan": _plan,
    "around": _around,
    "show": _show,
    "convert": _convert,
    "publish": _publish,
    "log": _log_command,
    "adapt": _adapt,
    "next": _next,
    "batch": _batch,
}


def main(argv: Sequence[str] | None = None, *, today: dt.date | None = None) -> int:
    """Run the command line; return the exit status.

    0 for success, :data:`EXIT_SOME_FAILED` (1) when ``batch`` could not build some of
    its lines, 2 for bad input or a file that cannot be read or written,
    :data:`EXIT_CLEARANCE` when the plan needs a clinician's clearance and
    :data:`EXIT_REFERRAL` when red-flag symptoms need a doctor instead of a plan.
    ``today`` fixes the date the default ``--start`` (next Monday) is counted from, and
    the default ``--date`` of ``log`` and ``--today`` of ``log`` and ``adapt``.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = _build_parser(_profile_defaults(argv))
        args = parser.parse_args(argv)
        return _run(args, today or dt.datetime.now().astimezone().date())
    except lp.ReferralRequiredError as exc:
        print(f"legraise-plan: error: {_error_text(exc)}", file=sys.stderr)
        return EXIT_REFERRAL
    except lp.ClearanceRequiredError as exc:
        text = _error_text(exc).replace(
            "then pass Athlete(cleared=True) (--cleared at the command line)", "then add --cleared"
        )
        print(f"legraise-plan: error: {text}", file=sys.stderr)
        return EXIT_CLEARANCE
    except (_UsageError, lp.LegraisePlanError) as exc:
        print(f"legraise-plan: error: {_error_text(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("legraise-plan: error: interrupted; no file was changed", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
