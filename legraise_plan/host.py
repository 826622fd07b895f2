"""The athlete's own training calendar: host sessions and what kind of training they are.

A :class:`HostSession` is one timed occurrence from the athlete's calendar (a leg day,
a run, a meeting).  :func:`classify` decides its :class:`HostKind` from whole words in
its title, then its description, and says which word decided it.  Everything here is a
pure value or function: reading a calendar file is
:func:`legraise_plan.formats.host_ics.read_host_sessions`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from legraise_plan import _validate as v
from legraise_plan.errors import PlanError


__all__ = [
    "DEFAULT_KEYWORDS",
    "HostKind",
    "HostSession",
    "Keywords",
    "classify",
    "classify_with",
    "keywords",
]


class HostKind(enum.StrEnum):
    """What a host session trains, as far as its words tell."""

    LOWER_BODY = "lower_body"
    FULL_BODY = "full_body"
    UPPER_BODY = "upper_body"
    OTHER = "other"

    @property
    def label(self) -> str:
        """``lower body``, ``full body``, ``upper body`` or ``other``."""
        return self.value.replace("_", " ")

    @property
    def is_strength(self) -> bool:
        """True for lower-, full- and upper-body sessions."""
        return self is not HostKind.OTHER


#: The order kinds are tried in: the first whose word matches decides.
_ORDER: Final = (HostKind.FULL_BODY, HostKind.LOWER_BODY, HostKind.UPPER_BODY)

#: Default words (English and German), matched case-insensitively on whole words; a
#: trailing plural ``s`` is allowed, and a space also matches a hyphen or underscore.
DEFAULT_KEYWORDS: Final[Mapping[HostKind, tuple[str, ...]]] = types.MappingProxyType(
    {
        HostKind.FULL_BODY: (
            "full body",
            "total body",
            "whole body",
            "ganzkörper",
            "ganzkörpertraining",
            "ganzkoerper",
        ),
        HostKind.LOWER_BODY: (
            "squat",
            "back squat",
            "front squat",
            "split squat",
            "deadlift",
            "leg day",
            "leg",
            "legs",
            "leg press",
            "lower",
            "lower body",
            "lunge",
            "rdl",
            "hip thrust",
            "glutes",
            "beine",
            "beintag",
            "beintraining",
            "kniebeuge",
            "kniebeugen",
            "kreuzheben",
            "unterkörper",
            "unterkoerper",
            "ausfallschritt",
            "ausfallschritte",
        ),
        HostKind.UPPER_BODY: (
            "upper",
            "upper body",
            "push",
            "pull",
            "bench",
            "bench press",
            "overhead press",
            "chest",
            "arms",
            "shoulders",
            "pull-up",
            "oberkörper",
            "oberkoerper",
            "bankdrücken",
            "brust",
            "schultern",
            "arme",
            "klimmzüge",
        ),
    }
)

_MAX_WORDS = 200
_MAX_WORD = 100

#: Keywords in a normal, hashable form: ``((kind, (word, ...)), ...)`` in matching order.
Keywords = tuple[tuple[HostKind, tuple[str, ...]], ...]


def keywords(match: Mapping[HostKind | str, Iterable[str]] | None = None) -> Keywords:
    """The keywords to match: the defaults, with the kinds in ``match`` replaced.

    ``match`` maps ``HostKind.LOWER_BODY``, ``FULL_BODY`` or ``UPPER_BODY`` (or their
    values, such as ``"lower_body"``) to words; a kind it leaves out keeps its default
    words, and an empty list turns a kind off.

    >>> dict(keywords({"lower_body": ["Gym A"]}))[HostKind.LOWER_BODY]
    ('gym a',)

    Raises:
        PlanError: ``match`` is not such a mapping, or a word is empty or too long.
    """
    chosen = dict(DEFAULT_KEYWORDS)
    if match is None:
        return tuple((kind, chosen[kind]) for kind in _ORDER)
    if not isinstance(match, Mapping):
        raise PlanError(
            f"match must be a mapping of kind to keywords or None, got {match!r:.80}", field="match"
        )
    allowed = ", ".join(kind.value for kind in _ORDER)
    for key, words in match.items():
        try:
            kind = HostKind(key)
        except ValueError:
            kind = HostKind.OTHER
        if kind is HostKind.OTHER:
            raise PlanError(f"match keys must be {allowed}, got {key!r:.60}", field="match")
        chosen[kind] = _words(kind, words)
    return tuple((kind, chosen[kind]) for kind in _ORDER)


def _words(kind: HostKind, words: object) -> tuple[str, ...]:
    if isinstance(words, str) or not isinstance(words, Iterable):
        raise PlanError(
            f"match[{kind.value}] must be a list of words, got {words!r:.60}", field="match"
        )
    out: list[str] = []
    for word in words:
        if not isinstance(word, str) or not word.strip() or len(word) > _MAX_WORD:
            raise PlanError(
                f"match[{kind.value}] words must be text of 1..{_MAX_WORD} characters, "
                f"got {word!r:.60}",
                field="match",
            )
        normal = " ".join(word.lower().split())
        if normal not in out:
            out.append(normal)
    if len(out) > _MAX_WORDS:
        raise PlanError(
            f"match[{kind.value}] must have at most {_MAX_WORDS} words, got {len(out)}",
            field="match",
        )
    return tuple(out)


@functools.lru_cache(maxsize=64)
def _patterns(chosen: Keywords) -> tuple[tuple[HostKind, re.Pattern[str] | None], ...]:
    """One compiled pattern per kind; longer words first so ``leg day`` beats ``leg``."""
    out: list[tuple[HostKind, re.Pattern[str] | None]] = []
    for kind, words in chosen:
        if not words:
            out.append((kind, None))
            continue
        parts = [
            r"[\s_-]+".join(re.escape(piece) for piece in word.split())
            for word in sorted(words, key=len, reverse=True)
        ]
        alternatives = "|".join(parts)
        out.append((kind, re.compile(rf"(?<!\w)(?:{alternatives})s?(?!\w)", re.IGNORECASE)))
    return tuple(out)


def classify(
    summary: str, description: str = "", match: Mapping[HostKind | str, Iterable[str]] | None = None
) -> tuple[HostKind, str]:
    """The kind of a host session and why: the first keyword found, or no keyword.

    The title is searched first, then the description.  Kinds are tried full body,
    lower body, upper body: a "Full body (squats, bench)" session is full body, and a
    session naming both a lower- and an upper-body word counts as lower body.

    >>> classify("Beintag 💪")
    (<HostKind.LOWER_BODY: 'lower_body'>, "keyword 'beintag' in the title")
    >>> classify("Gym", "5x5 squats, then RDLs")
    (<HostKind.LOWER_BODY: 'lower_body'>, "keyword 'squats' in the description")
    >>> classify("Long run")
    (<HostKind.OTHER: 'other'>, 'no training keyword in the title or description')
    """
    texts: tuple[object, object] = (summary, description)
    if not all(isinstance(text, str) for text in texts):
        raise PlanError(
            f"summary and description must be text, got {summary!r:.40} and {description!r:.40}"
        )
    return classify_with(summary, description, keywords(match))


def classify_with(summary: str, description: str, chosen: Keywords) -> tuple[HostKind, str]:
    """:func:`classify` with keywords already normalised by :func:`keywords` (faster)."""
    patterns = _patterns(chosen)
    for where, text in (("title", summary), ("description", description)):
        if not text:
            continue
        for kind, pattern in patterns:
            found = pattern.search(text) if pattern is not None else None
            if found is not None:
                word = " ".join(found.group(0).lower().replace("-", " ").replace("_", " ").split())
                return kind, f"keyword {word!r} in the {where}"
    return HostKind.OTHER, "no training keyword in the title or description"


def _check_end(inst: HostSession, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.datetime):
        raise PlanError(f"end must be a datetime, got {value!r}", field="end")
    start = inst.start
    if (start.tzinfo is None) != (value.tzinfo is None):
        raise PlanError(
            f"end must be zoned exactly when start is (both aware or both floating), "
            f"got start {start.isoformat()} and end {value.isoformat()}",
            field="end",
        )
    if value < start:
        raise PlanError(
            f"end must not be before start {start.isoformat()}, got {value.isoformat()}",
            field="end",
        )


def _default_occurrence(inst: HostSession) -> dt.date:
    return inst.start.date()


@attrs.frozen(kw_only=True)
class HostSession:
    """One timed occurrence from the athlete's calendar.

    ``start`` and ``end`` are zone-aware, or both naive for floating local time.
    ``uid`` is the calendar event's UID, and ``occurrence`` the date the occurrence was
    first planned on (the date of its ``RECURRENCE-ID``: a leg day moved from Monday to
    Tuesday still has Monday's date), so raises derived from it keep their uids when the
    host calendar changes.  ``kind`` is what it trains and ``why`` the rule that decided.
    """

    start: dt.datetime = attrs.field(validator=v.instance_of(dt.datetime, PlanError))
    end: dt.datetime = attrs.field(validator=_check_end)
    summary: str = attrs.field(default="", validator=v.text(1000, PlanError))
    uid: str = attrs.field(validator=v.text(1000, PlanError, one_line=True))
    kind: HostKind = attrs.field(default=HostKind.OTHER, validator=v.member_of(HostKind, PlanError))
    why: str = attrs.field(default="", validator=v.text(500, PlanError))
    occurrence: dt.date = attrs.field(
        default=attrs.Factory(_default_occurrence, takes_self=True),
        validator=v.instance_of(dt.date, PlanError),
    )

    def __attrs_post_init__(self) -> None:
        if not self.uid:
            raise PlanError("uid must not be empty", field="uid")
        if isinstance(self.occurrence, dt.datetime):
            raise PlanError(
                f"occurrence must be a date, not a datetime, got {self.occurrence!r}",
                field="occurrence",
            )

    @classmethod
    def from_event(
        cls,
        *,
        start: dt.datetime,
        end: dt.datetime,
        summary: str,
        uid: str,
        description: str = "",
        occurrence: dt.date | None = None,
        match: Mapping[HostKind | str, Iterable[str]] | None = None,
    ) -> HostSession:
        """A host session classified from its title and description (see :func:`classify`).

        >>> import datetime as dt
        >>> s = HostSession.from_event(start=dt.datetime(2026, 12, 7, 18),
        ...                            end=dt.datetime(2026, 12, 7, 19), summary="Leg day",
        ...                            uid="legs@example.com")
        >>> s.kind, s.why
        (<HostKind.LOWER_BODY: 'lower_body'>, "keyword 'leg day' in the title")
        """
        kind, why = classify(summary, description, match)
        if occurrence is None:
            return cls(start=start, end=end, summary=summary, uid=uid, kind=kind, why=why)
        return cls(
            start=start,
            end=end,
            summary=summary,
            uid=uid,
            kind=kind,
            why=why,
            occurrence=occurrence,
        )

    @property
    def duration(self) -> dt.timedelta:
        """Elapsed time from start to end."""
        if self.start.tzinfo is None:
            return self.end - self.start
        return self.end.astimezone(dt.UTC) - self.start.astimezone(dt.UTC)

    @property
    def title(self) -> str:
        """The summary, or ``(no title)``."""
        return self.summary.strip() or "(no title)"
