"""Publishing a plan to a CalDAV server (Nextcloud, Radicale, Fastmail, ...).

:func:`publish` keeps one calendar on the server equal to the plan: every session is
its own calendar resource, named by the session's uid; an event whose content changed is
replaced in place (guarded by the server's ``ETag``) with a ``SEQUENCE`` above the
server's copy; an event of this plan whose session is no longer in the plan is deleted.
Only events that carry this plan's ``X-LEGRAISE-PLAN`` marker are ever deleted, and
events that are not this plan's sessions are never touched.  Publishing the same plan
again writes nothing: contents are compared ignoring ``DTSTAMP``, ``SEQUENCE`` and
``PRODID``.

The work is planned before anything is written (the calendar is listed, every event
compared), then each write is one conditional request that the server applies whole.
If a publish fails half-way, the events written so far are already right and running
it again finishes the job.

This module needs the optional ``caldav`` package (``pip install
'legraise-plan[caldav]'``); it is imported only when :func:`publish` runs.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
import re
import urllib.parse
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
import icalendar

from legraise_plan.errors import ExportError, PublishError
from legraise_plan.formats import ical
from legraise_plan.plan import UID_NAMESPACE, Plan


if TYPE_CHECKING:
    from caldav.davclient import DAVClient

__all__ = ["PublishResult", "publish"]

_DAV = "DAV:"
_CALDAV = "urn:ietf:params:xml:ns:caldav"
_MARKER = "X-LEGRAISE-PLAN"
#: The first day of the plan an event was published with: plans that share a marker
#: (the same plan_id and role: one season and the next) keep apart by it.
_START = "X-LEGRAISE-PLAN-START"
#: Properties that change on every export, or with the library version, but say
#: nothing about the event itself.
_VOLATILE = frozenset({"DTSTAMP", "SEQUENCE", "PRODID"})
_MAX_TIMEOUT = 3600.0
_FOLD = re.compile(r"\r?\n[ \t]")
_SEQUENCE_LINE = re.compile(rb"^SEQUENCE:(\d+)\r?$", re.MULTILINE)
_CONTENT_TYPE = "text/calendar; charset=utf-8"
_LOOPBACK_NAMES = frozenset({"localhost", "localhost."})
_INSTALL = "pip install 'legraise-plan[caldav]'"

_LIST_CALENDARS = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "<D:prop><D:resourcetype/><D:displayname/></D:prop></D:propfind>"
)
_ALL_EVENTS = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
    '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/>'
    "</C:comp-filter></C:filter></C:calendar-query>"
)


def _tuple_of_uids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class PublishResult:
    """What :func:`publish` did: the session uids per outcome, and the calendar used.

    >>> PublishResult(created=("a", "b"), unchanged=("c",), calendar="Legs").summary()
    "calendar 'Legs': 2 created, 0 updated, 0 removed, 1 unchanged"
    """

    #: Events written for the first time.
    created: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_uids)
    #: Events whose content changed, replaced in place.
    updated: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_uids)
    #: This plan's events whose sessions are no longer in the plan, deleted.
    removed: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_uids)
    #: Events already as the plan has them: nothing was written.
    unchanged: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_uids)
    #: The calendar's display name.
    calendar: str = ""
    #: The calendar's URL on the server.
    calendar_url: str = ""
    #: Whether publish created the calendar.
    calendar_created: bool = False

    @property
    def writes(self) -> int:
        """How many write requests publish sent (events, and the calendar if created)."""
        return len(self.created) + len(self.updated) + len(self.removed) + self.calendar_created

    def summary(self) -> str:
        """One line: the calendar and how many events were created, updated, removed, kept."""
        new = " (new)" if self.calendar_created else ""
        return (
            f"calendar {self.calendar!r}{new}: {len(self.created)} created, "
            f"{len(self.updated)} updated, {len(self.removed)} removed, "
            f"{len(self.unchanged)} unchanged"
        )


# --- arguments --------------------------------------------------------------------------


def _check_url(url: object, *, insecure_http: bool) -> tuple[str, str]:
    """The collection URL (ending in ``/``) and its host, or a PublishError."""
    if not isinstance(url, str) or not url.strip():
        raise PublishError(
            f"url must be the https:// URL of your calendars on the server, got {url!r:.80}",
            field="url",
        )
    try:
        parts = urllib.parse.urlsplit(url.strip())
        host = parts.hostname
        _ = parts.port
    except ValueError:
        raise PublishError(f"url is not a valid URL: {url!r:.80}", field="url") from None
    if parts.scheme not in {"http", "https"} or not host:
        raise PublishError(
            f"url must start with https:// and name a server, got {url!r:.80}", field="url"
        )
    if parts.username is not None or parts.password is not None:
        raise PublishError(
            "url must not contain a user name or password: give them as username and password",
            field="url",
        )
    if parts.scheme == "http" and not insecure_http and not _is_loopback(host):
        raise PublishError(
            f"url uses plain http:// to {host}, which would send your password unencrypted: "
            "use https://, or allow plain http explicitly (insecure_http=True, "
            "--insecure-http on the command line)",
            field="url",
        )
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, parts.query, "")), host


def _is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine: ``localhost``, 127.0.0.0/8 or ::1."""
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _check_text(value: object, name: str) -> str:
    if not isinstance(value, str) or not value or "\n" in value or "\r" in value:
        raise PublishError(f"{name} must be non-empty text on one line", field=name)
    return value


def _check_password(password: object) -> str:
    if not isinstance(password, str) or not password:
        raise PublishError("password must be non-empty text", field="password")
    return password


def _check_plan(plan: object) -> Plan:
    if not isinstance(plan, Plan):
        raise PublishError(f"plan must be a legraise_plan.Plan, got {plan!r:.80}", field="plan")
    return plan


def _check_timeout(timeout: object) -> float:
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not math.isfinite(timeout)
        or not 0 < timeout <= _MAX_TIMEOUT
    ):
        raise PublishError(
            f"timeout must be seconds above 0 and at most {_MAX_TIMEOUT:g}, got {timeout!r:.80}",
            field="timeout",
        )
    return float(timeout)


def _check_calendar(calendar: object, plan: Plan) -> str:
    try:
        return ical._check_calendar_name(calendar, plan)  # noqa: SLF001 - the same rule
    except ExportError:
        raise PublishError(
            "calendar must be a display name of 1 to 200 characters (not only spaces) or "
            f"None for the plan's calendar name, got {calendar!r:.80}",
            field="calendar",
        ) from None


# --- what the plan wants on the server --------------------------------------------------


@attrs.frozen
class _Wanted:
    """One session's calendar resource as the plan has it."""

    uid: str
    data: bytes
    lines: tuple[Any, ...]  # its content, see _stable


@attrs.frozen
class _Remote:
    """One event resource on the server."""

    href: str
    etag: str | None
    uid: str
    marker: str | None
    sequence: int
    lines: tuple[Any, ...]
    text: str
    start: dt.date | None  # the first day of the plan it was published with
    day: dt.date | None  # the day it starts on


def _session_calendars(plan: Plan, stamp: dt.datetime | None) -> dict[str, bytes]:
    """One calendar per session uid, each event tagged with the plan's first day."""
    tag = f"{_START}:{plan.start.isoformat()}\r\nEND:VEVENT\r\n".encode()
    return {
        uid: data.replace(b"END:VEVENT\r\n", tag, 1)
        for uid, data in ical.session_calendars(plan, stamp=stamp).items()
    }


def _same(want: _Wanted, have: _Remote) -> bool:
    """Whether the server's event says what the plan's does, DTSTAMP and SEQUENCE aside.

    Most servers give back the text they were given, so the content lines are compared
    first; when they differ, both are read with icalendar and compared value by value,
    so another server's spelling of the same content (folding, parameter order,
    escaping) still counts as the same.
    """
    if want.lines == have.lines:
        return True
    try:
        theirs = _content_key(icalendar.Calendar.from_ical(have.text))
    except ValueError:
        return False
    return _content_key(icalendar.Calendar.from_ical(want.data)) == theirs


def _content_key(calendar: icalendar.Component) -> tuple[Any, ...]:
    return tuple(_component_key(calendar))


def _component_key(component: icalendar.Component) -> Iterator[Any]:
    yield component.name
    props = []
    for name, value in component.property_items(recursive=False, sorted=True):
        if name in _VOLATILE or name in {"BEGIN", "END"}:
            continue
        params = tuple(sorted((k.upper(), str(v)) for k, v in getattr(value, "params", {}).items()))
        props.append((name, value.to_ical() if hasattr(value, "to_ical") else str(value), params))
    yield tuple(sorted(props))
    yield tuple(sorted(tuple(_component_key(sub)) for sub in component.subcomponents))


def _content_lines(text: str) -> list[tuple[str, str, str]]:
    """``(NAME, line, value)`` per unfolded content line of an iCalendar text."""
    found = []
    for line in _FOLD.sub("", text).splitlines():
        if not line:
            continue
        head, value = _split_value(line)
        found.append((head.split(";", 1)[0].upper(), line, value))
    return found


def _split_value(line: str) -> tuple[str, str]:
    """A content line's name and parameters, and its value (after the first unquoted ``:``)."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return line, ""


def _stable(lines: list[tuple[str, str, str]]) -> tuple[Any, ...]:
    """The content lines as nested components, each with its lines and parts sorted.

    Servers may store properties and components in another order; the order carries no
    meaning in iCalendar, so it is taken out.  ``DTSTAMP``, ``SEQUENCE`` and ``PRODID``
    are left out.
    """
    stack: list[tuple[str, list[str], list[tuple[Any, ...]]]] = [("", [], [])]
    for name, line, value in lines:
        if name == "BEGIN":
            stack.append((value.upper(), [], []))
        elif name == "END" and len(stack) > 1:
            kind, props, parts = stack.pop()
            stack[-1][2].append((kind, tuple(sorted(props)), tuple(sorted(parts))))
        elif name not in _VOLATILE:
            stack[-1][1].append(line)
    while len(stack) > 1:  # an unclosed component: close it
        kind, props, parts = stack.pop()
        stack[-1][2].append((kind, tuple(sorted(props)), tuple(sorted(parts))))
    return tuple(sorted(stack[0][2]))


def _wanted(calendars: Mapping[str, bytes]) -> dict[str, _Wanted]:
    return {
        uid: _Wanted(uid, data, _stable(_content_lines(data.decode())))
        for uid, data in calendars.items()
    }


def _remote(href: str, etag: str | None, text: str) -> _Remote | None:
    """An event resource read from the server; None when it holds no event with a UID."""
    lines = _content_lines(text)
    first: dict[str, str] = {}
    sequence, events, depth = 0, 0, []
    for name, line, value in lines:
        if name == "BEGIN":
            depth.append(value.upper())
            events += value.upper() == "VEVENT"
        elif name == "END":
            if depth:
                depth.pop()
        elif depth and depth[-1] == "VEVENT":
            if events == 1:
                first.setdefault(name, value)
            if name == "SEQUENCE":
                sequence = max(sequence, _number(value))
        del line
    if "UID" not in first:
        return None
    return _Remote(
        href=href,
        etag=etag,
        uid=first["UID"],
        marker=first.get(_MARKER),
        sequence=sequence,
        lines=_stable(lines),
        text=text,
        start=_date(first.get(_START, "")),
        day=_date(first.get("DTSTART", "")[:8]),
    )


def _number(text: str) -> int:
    return int(text) if text.strip().isdigit() else 0


def _date(text: str) -> dt.date | None:
    """``2026-12-07`` or ``20261207`` as a date; None for anything else."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _with_sequence(data: bytes, sequence: int) -> bytes:
    """``data`` with its event's ``SEQUENCE`` set to ``sequence``."""
    return _SEQUENCE_LINE.sub(f"SEQUENCE:{sequence}".encode(), data, count=1)


def _own_sequence(data: bytes) -> int:
    found = _SEQUENCE_LINE.search(data)
    return int(found.group(1)) if found else 0


# --- talking to the server --------------------------------------------------------------


class _Server:
    """The requests publish sends, with every failure turned into one PublishError."""

    def __init__(self, url: str, host: str, username: str, password: str, timeout: float) -> None:
        try:
            from caldav.davclient import DAVClient  # noqa: PLC0415 - an optional extra
            from caldav.lib import error  # noqa: PLC0415
            from caldav.lib.http_sync import requests as http  # noqa: PLC0415
        except ImportError:
            raise PublishError(
                f"publishing needs the caldav package: {_INSTALL}", field=None
            ) from None
        self._error = error
        self._http = http
        self.url = url
        self.host = host
        self.username = username
        self.password = password
        self.timeout = timeout
        self.client: DAVClient = DAVClient(
            url=url,
            username=username,
            password=password,
            timeout=timeout,  # type: ignore[arg-type] # niquests takes float seconds
            ssl_verify_cert=True,
            enable_rfc6764=False,
        )

    def close(self) -> None:
        self.client.close()

    def fail(self, message: str) -> NoReturn:
        """Raise ``message`` as a PublishError, the password never in it."""
        raise PublishError(message.replace(self.password, "***"))

    def request(
        self,
        method: str,
        url: str,
        body: str | bytes = "",
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Send one request; network, login and permission failures raise PublishError."""
        http, error = self._http, self._error
        try:
            return self.client.request(url, method, body, dict(headers or {}))  # type: ignore[arg-type]
        except error.AuthorizationError as exc:
            if exc.status == 403:
                self.fail(
                    f"the server at {self.host} does not allow user {self.username!r} to "
                    f"{_VERBS.get(method, 'use')} {url} (403 Forbidden)"
                )
            self.fail(
                f"the server at {self.host} refused the login of user {self.username!r}: "
                "check the user name and password (401 Unauthorized)"
            )
        except error.RateLimitError:
            self.fail(f"the server at {self.host} asks to slow down (429/503): try again later")
        except error.DAVError as exc:
            self.fail(f"the server at {self.host} failed a {method} request: {exc.reason}")
        except http.exceptions.Timeout:
            self.fail(f"the server at {self.host} did not answer within {self.timeout:g} s")
        except http.exceptions.SSLError:
            self.fail(
                f"the TLS certificate of {self.host} could not be verified: the connection "
                "was not made"
            )
        except http.exceptions.ConnectionError:
            self.fail(f"cannot connect to the server at {self.host}: {_where(self.url)}")
        except http.exceptions.RequestException as exc:
            self.fail(f"the request to {self.host} failed: {type(exc).__name__}")
        except SyntaxError:  # lxml's XMLSyntaxError: a reply that is not XML
            self.fail(f"the server at {self.host} sent a reply that is not valid XML")

    def expect(self, response: Any, method: str, url: str, *ok: int) -> Any:
        """``response`` when its status is one of ``ok``, else a PublishError saying why."""
        status = int(response.status)
        if status in ok:
            return response
        if status == 404:
            self.fail(
                f"nothing found at {url} (404 Not Found): check the URL; it should be the "
                "collection that holds your calendars, such as "
                "https://cloud.example.com/remote.php/dav/calendars/USER/"
            )
        if status == 412:
            self.fail(
                f"{url} changed on the server while publishing (412 Precondition Failed): "
                "publish again"
            )
        reason = getattr(response, "reason", "") or ""
        return self.fail(
            f"the server at {self.host} refused to {_VERBS.get(method, 'use')} {url} "
            f"({status} {reason})".rstrip()
        )


_VERBS = {
    "PROPFIND": "list",
    "REPORT": "read events in",
    "MKCALENDAR": "create the calendar",
    "PUT": "write",
    "DELETE": "delete",
}


def _where(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"connection to port {port} failed (is the server running, and the URL right?)"


def _multistatus(response: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each ``(href, {property tag: element})`` with status 200 in a 207 reply."""
    root = response.tree  # parsed by caldav, entities not resolved
    if root is None:
        return
    for item in root.iter(f"{{{_DAV}}}response"):
        href = item.findtext(f"{{{_DAV}}}href")
        if not href:
            continue
        found: dict[str, Any] = {}
        for propstat in item.iter(f"{{{_DAV}}}propstat"):
            status = propstat.findtext(f"{{{_DAV}}}status") or ""
            if " 200 " not in f"{status} ":
                continue
            for prop in propstat.iter(f"{{{_DAV}}}prop"):
                for element in prop:
                    found[element.tag] = element
        yield href.strip(), found


# --- publish ----------------------------------------------------------------------------


def publish(
    plan: Plan,
    url: str,
    *,
    username: str,
    password: str,
    calendar: str | None = None,
    timeout: float = 30.0,
    stamp: dt.datetime | None = None,
    insecure_http: bool = False,
) -> PublishResult:
    """Publish ``plan`` to a CalDAV server, so one calendar there holds its sessions.

    The calendar is the one in ``url`` whose display name is ``calendar`` (by default
    the name :func:`~legraise_plan.to_ics` gives the plan, such as ``Leg raises ·
    accessory plan``; the first by URL if several have it); it is created when there is
    none.  When ``url`` is a calendar's own URL, that calendar is used (``calendar``, if
    given, must then be its name).  Then every session becomes an event resource
    ``<uid>.ics``: new sessions are created, changed ones replaced in place (their
    ``SEQUENCE`` raised above the server's), cancelled ones kept as cancelled events,
    and events of this plan (by their ``X-LEGRAISE-PLAN`` marker) whose sessions are
    gone are deleted.  Other events are never touched.  Publishing an unchanged plan
    writes nothing.

    Args:
        plan: the plan to publish.
        url: the collection holding your calendars (the calendar home), such as
            ``https://cloud.example.com/remote.php/dav/calendars/USER/``, or one
            calendar's URL.  ``http://`` is refused unless the host is this machine
            (``localhost``, 127.0.0.0/8, ``::1``) or ``insecure_http`` is True.
        username: the user name to log in with.
        password: the password (or app password) to log in with; it is sent only to
            ``url``'s server and never appears in an error message.
        calendar: the calendar's display name; None for the plan's calendar name.
        timeout: seconds to wait for each answer from the server.
        stamp: the ``DTSTAMP`` of the events written (see :func:`~legraise_plan.to_ics`).
        insecure_http: allow a plain ``http://`` URL to another machine.

    Returns:
        The uids created, updated, removed and unchanged, and the calendar used.

    Raises:
        PublishError: for a bad argument, a missing ``caldav`` package, a login the
            server refuses, a URL it does not know or forbids, a server that cannot
            be reached or does not answer within ``timeout``, or an event changed by
            someone else while publishing.  The message is one line.  Nothing is left
            half-written: publishing again completes the job.
        ExportError: for a plan with no sessions or a bad ``stamp``.
    """
    if not isinstance(insecure_http, bool):
        raise PublishError(
            f"insecure_http must be True or False, got {insecure_http!r:.80}",
            field="insecure_http",
        )
    home, host = _check_url(url, insecure_http=insecure_http)
    username = _check_text(username, "username")
    password = _check_password(password)
    timeout = _check_timeout(timeout)
    plan = _check_plan(plan)
    name = _check_calendar(calendar, plan)
    wanted = _wanted(_session_calendars(plan, stamp))

    server = _Server(home, host, username, password, timeout)
    try:
        return _Publish(server, name, plan, wanted, named=calendar is not None).run()
    finally:
        server.close()


class _Publish:
    """One publish run: find the calendar, compare, then write."""

    def __init__(
        self, server: _Server, name: str, plan: Plan, wanted: dict[str, _Wanted], *, named: bool
    ) -> None:
        self.server = server
        self.name = name
        self.named = named
        self.wanted = wanted
        self.marker = ical.plan_marker(plan)
        self.start = plan.start
        #: The days of the plan: from its first day up to (not including) this one.
        self.until = max(plan.end, *(s.start.date() + dt.timedelta(days=1) for s in plan.sessions))

    def run(self) -> PublishResult:
        calendar_url, created = self.find_calendar()
        remote = {} if created else self.events(calendar_url)
        writes = self.plan_writes(calendar_url, remote)
        for write in writes.writes:
            write()
        return attrs.evolve(
            writes.result,
            calendar=self.name,
            calendar_url=calendar_url,
            calendar_created=created,
        )

    # -- the calendar

    def find_calendar(self) -> tuple[str, bool]:
        """The calendar's URL, and whether it was created now."""
        server = self.server
        home = server.url
        response = server.expect(
            server.request("PROPFIND", home, _LIST_CALENDARS, {"Depth": "1"}),
            "PROPFIND",
            home,
            207,
        )
        found = list(_multistatus(response))
        if not found:
            server.fail(f"{home} is not a CalDAV collection: check the URL")
        calendars: list[tuple[str, str]] = []
        for href, props in found:
            absolute = urllib.parse.urljoin(home, href)
            kind = props.get(f"{{{_DAV}}}resourcetype")
            if kind is None or kind.find(f"{{{_CALDAV}}}calendar") is None:
                continue
            shown = (
                (props[f"{{{_DAV}}}displayname"].text or "").strip()
                if (f"{{{_DAV}}}displayname" in props)
                else ""
            )
            if _same_path(absolute, home):  # url is a calendar's own URL: use it
                if self.named and shown != self.name:
                    server.fail(
                        f"{home} is the calendar {shown!r}, not {self.name!r}: give the URL "
                        "of the collection holding your calendars, or leave out the name"
                    )
                self.name = shown or self.name
                return home, False
            calendars.append((absolute, shown))
        matching = sorted(url for url, shown in calendars if shown == self.name)
        if matching:
            return matching[0], False
        return self.make_calendar(home), True

    def make_calendar(self, home: str) -> str:
        slug = uuid.uuid5(UID_NAMESPACE, f"calendar|{self.name}")
        url = urllib.parse.urljoin(home, f"legraise-plan-{slug}/")
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            "<D:set><D:prop>"
            f"<D:displayname>{_xml_text(self.name)}</D:displayname>"
            '<C:supported-calendar-component-set><C:comp name="VEVENT"/>'
            "</C:supported-calendar-component-set>"
            "</D:prop></D:set></C:mkcalendar>"
        )
        response = self.server.request("MKCALENDAR", url, body)
        if response.status in {405, 409}:
            self.server.fail(
                f"cannot create the calendar {self.name!r}: a calendar already exists at {url} "
                "(renamed?): give its display name as the calendar, or rename it back"
            )
        self.server.expect(response, "MKCALENDAR", url, 200, 201)
        return url

    # -- the events

    def events(self, calendar_url: str) -> dict[str, _Remote]:
        """The calendar's events by uid (the first resource of each uid)."""
        server = self.server
        response = server.expect(
            server.request("REPORT", calendar_url, _ALL_EVENTS, {"Depth": "1"}),
            "REPORT",
            calendar_url,
            207,
        )
        found: dict[str, _Remote] = {}
        for href, props in _multistatus(response):
            data = props.get(f"{{{_CALDAV}}}calendar-data")
            if data is None or not data.text:
                continue
            etag = props.get(f"{{{_DAV}}}getetag")
            event = _remote(
                urllib.parse.urljoin(calendar_url, href),
                etag.text.strip() if etag is not None and etag.text else None,
                data.text,
            )
            if event is not None:
                found.setdefault(event.uid, event)
        return found

    def plan_writes(self, calendar_url: str, remote: dict[str, _Remote]) -> _Writes:
        """Compare the plan with the server; refuse before writing when a uid is not ours."""
        for uid in self.wanted:
            other = remote.get(uid)
            if other is not None and other.marker not in {None, self.marker}:
                self.server.fail(
                    f"the event {uid} in calendar {self.name!r} belongs to another plan "
                    f"(marker {other.marker}); give this plan its own plan_id"
                )
        writes = _Writes()
        for uid, want in self.wanted.items():
            have = remote.get(uid)
            if have is None:
                href = urllib.parse.urljoin(calendar_url, _resource_name(uid))
                writes.add("created", uid, self.put(href, want.data, {"If-None-Match": "*"}))
            elif _same(want, have):
                writes.result_lists["unchanged"].append(uid)
            else:
                sequence = max(_own_sequence(want.data), have.sequence + 1)
                condition = {"If-Match": have.etag} if have.etag else {}
                data = _with_sequence(want.data, sequence)
                writes.add("updated", uid, self.put(have.href, data, condition))
        for uid, have in sorted(remote.items()):
            if uid not in self.wanted and self.owns(have):
                condition = {"If-Match": have.etag} if have.etag else {}
                writes.add("removed", uid, self.delete(have.href, condition))
        return writes

    def owns(self, event: _Remote) -> bool:
        """Whether ``event`` is one of this plan's sessions: publish may delete it.

        It carries this plan's marker, and was published with a plan starting on the
        same day or falls within this plan's days.  Earlier and later blocks of the same
        plan_id and role (one season and the next) are left alone.
        """
        if event.marker != self.marker:
            return False
        if event.start == self.start:
            return True
        return event.day is not None and self.start <= event.day < self.until

    def put(self, href: str, data: bytes, condition: Mapping[str, str]) -> Callable[[], None]:
        def write() -> None:
            headers = {"Content-Type": _CONTENT_TYPE, **condition}
            response = self.server.request("PUT", href, data, headers)
            self.server.expect(response, "PUT", href, 200, 201, 204)

        return write

    def delete(self, href: str, condition: Mapping[str, str]) -> Callable[[], None]:
        def write() -> None:
            response = self.server.request("DELETE", href, "", condition)
            self.server.expect(response, "DELETE", href, 200, 204, 404)

        return write


class _Writes:
    """The writes a publish will send, and the result they add up to."""

    def __init__(self) -> None:
        self.writes: list[Callable[[], None]] = []
        self.result_lists: dict[str, list[str]] = {
            "created": [],
            "updated": [],
            "removed": [],
            "unchanged": [],
        }

    def add(self, outcome: str, uid: str, write: Callable[[], None]) -> None:
        self.writes.append(write)
        self.result_lists[outcome].append(uid)

    @property
    def result(self) -> PublishResult:
        lists = self.result_lists
        return PublishResult(
            created=lists["created"],
            updated=lists["updated"],
            removed=lists["removed"],
            unchanged=lists["unchanged"],
        )


def _resource_name(uid: str) -> str:
    return urllib.parse.quote(uid, safe="@-_.") + ".ics"


def _same_path(first: str, second: str) -> bool:
    a, b = urllib.parse.urlsplit(first), urllib.parse.urlsplit(second)
    return urllib.parse.unquote(a.path).rstrip("/") == urllib.parse.unquote(b.path).rstrip("/")


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
