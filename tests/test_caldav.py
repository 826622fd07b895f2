"""lp.publish against a real CalDAV server (Radicale on 127.0.0.1, see caldav_server.py).

Events are read back with CalDAV time-range queries, so the server itself says at which
instant it places each event.
"""

# House style (structlog): `assert expected == actual`, hence no SIM300.

from __future__ import annotations

import datetime as dt
import sys
import time
import urllib.parse
from typing import Any

import attrs
import icalendar
import pytest

import legraise_plan as lp
from legraise_plan import caldav as publishing
from tests.caldav_server import Account, writes


STAMP = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
QUERY = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
    '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">{range}'
    "</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>"
)


@attrs.frozen
class Stored:
    """One event resource as the server holds it."""

    href: str
    etag: str
    event: icalendar.Event


def client(account: Account) -> Any:
    from caldav.davclient import DAVClient

    return DAVClient(url=account.url, username=account.username, password=account.password)


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def query(account: Account, calendar_url: str, start=None, end=None) -> list[Stored]:
    """The calendar's events, or those overlapping [start, end), as the server answers."""
    window = f'<C:time-range start="{utc(start)}" end="{utc(end)}"/>' if start else ""
    with client(account) as dav:
        response = dav.report(calendar_url, QUERY.format(range=window), depth=1)
    assert 207 == response.status
    found = []
    for item in response.tree.iter("{DAV:}response"):
        data = item.find(".//{urn:ietf:params:xml:ns:caldav}calendar-data")
        etag = item.find(".//{DAV:}getetag")
        (event,) = icalendar.Calendar.from_ical(data.text).walk("VEVENT")
        found.append(Stored(item.findtext("{DAV:}href"), etag.text, event))
    return found


def by_uid(stored: list[Stored]) -> dict[str, Stored]:
    result = {str(s.event["UID"]): s for s in stored}
    assert len(result) == len(stored), "duplicate UIDs on the server"
    return result


def put_event(
    account: Account,
    calendar_url: str,
    uid: str,
    start: dt.datetime = dt.datetime(2026, 12, 8, 9, tzinfo=dt.UTC),
    **extra: str,
) -> str:
    """Put an event that publish did not write; return its href."""
    event = icalendar.Event()
    event.add("UID", uid)
    event.add("DTSTAMP", STAMP)
    event.add("DTSTART", start)
    event.add("DURATION", dt.timedelta(hours=1))
    event.add("SUMMARY", "Dentist")
    for name, value in extra.items():
        event.add(name.replace("_", "-"), value)
    calendar = icalendar.Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", "-//someone else//EN")
    calendar.add_component(event)
    href = urllib.parse.urljoin(calendar_url, f"{uid}.ics")
    with client(account) as dav:
        response = dav.put(href, calendar.to_ical(), {"Content-Type": "text/calendar"})
    assert response.status in {201, 204}
    return href


def publish(plan: lp.Plan, account: Account, **kwargs: Any) -> lp.PublishResult:
    arguments = {"stamp": STAMP, **kwargs}
    return lp.publish(
        plan, account.url, username=account.username, password=account.password, **arguments
    )


def adapted(plan: lp.Plan) -> lp.Plan:
    """The plan adapted to one session done as planned and one painful session."""
    first, second = plan.sessions[0], plan.sessions[1]
    log = lp.TrainingLog(
        [
            lp.log_as_planned(first),
            lp.SessionLog(
                uid=second.uid,
                date=second.start.date(),
                sets=[lp.SetLog.both(10)] * 3,
                pain_during=6,
            ),
        ]
    )
    return lp.adapt(plan, log, today=second.start.date() + dt.timedelta(days=1))


def assert_at_true_instants(account: Account, calendar_url: str, plan: lp.Plan) -> None:
    """Each session is found by a time-range query at its instant, and not just before or after.

    A server that misread the time zone would place the event an hour or more off, so it
    would turn up in the hour before the start or after the end.
    """
    hour = dt.timedelta(hours=1)
    for session in plan.sessions:
        during = by_uid(query(account, calendar_url, session.start, session.end))
        before = by_uid(query(account, calendar_url, session.start - 2 * hour, session.start))
        after = by_uid(query(account, calendar_url, session.end, session.end + 2 * hour))

        assert session.uid in during
        assert session.uid not in before
        assert session.uid not in after
        start = during[session.uid].event.DTSTART
        assert session.start == start
        assert session.start.utcoffset() == start.utcoffset()


class TestPublish:
    def test_creates_one_event_per_session_at_its_instant(self, account, plan):
        """A first publish creates the calendar and every event, read back where it belongs."""
        result = publish(plan, account)

        assert result.calendar_created
        assert "Leg raises · accessory plan" == result.calendar
        assert tuple(s.uid for s in plan.sessions) == result.created
        assert ((), (), ()) == (result.updated, result.removed, result.unchanged)
        stored = by_uid(query(account, result.calendar_url))
        assert {s.uid for s in plan.sessions} == set(stored)
        for session in plan.sessions:
            href = urllib.parse.unquote(stored[session.uid].href)
            assert href.endswith(f"/{session.uid}.ics")
            assert stored[session.uid].event.get("X-LEGRAISE-PLAN")
        assert_at_true_instants(account, result.calendar_url, plan)

    def test_summary(self, account, plan):
        """The summary names the calendar and counts each outcome."""
        result = publish(plan, account)

        assert (
            "calendar 'Leg raises · accessory plan' (new): 18 created, 0 updated, "
            "0 removed, 0 unchanged"
        ) == result.summary()
        assert 19 == result.writes

    def test_publishing_again_writes_nothing(self, account, plan, http_log):
        """The same plan again: every event unchanged, and not one write request."""
        publish(plan, account)
        http_log.clear()

        again = publish(plan, account, stamp=STAMP + dt.timedelta(days=3))

        assert tuple(s.uid for s in plan.sessions) == again.unchanged
        assert ((), (), ()) == (again.created, again.updated, again.removed)
        assert not again.calendar_created
        assert 0 == again.writes
        assert [] == writes(http_log)
        assert http_log, "the comparison reads the calendar"

    def test_adapted_plan_updates_events_in_place(self, account, plan):
        """An adapted plan replaces the changed events at their hrefs, with higher SEQUENCE."""
        first = publish(plan, account)
        before = by_uid(query(account, first.calendar_url))
        new = adapted(plan)

        result = publish(new, account)

        assert () == result.created
        assert () == result.removed
        assert {plan.sessions[0].uid, plan.sessions[1].uid} <= set(result.updated)
        after = by_uid(query(account, first.calendar_url))
        assert set(before) == set(after)
        for uid, stored in after.items():
            assert before[uid].href == stored.href
            old, now = int(before[uid].event["SEQUENCE"]), int(stored.event["SEQUENCE"])
            if uid in result.updated:
                assert now > old
                assert before[uid].etag != stored.etag
            else:
                assert (now, stored.etag) == (old, before[uid].etag)
        done = after[plan.sessions[0].uid].event
        assert str(done["DESCRIPTION"]).startswith("Done: ")
        for session in new.sessions:
            status = after[session.uid].event.get("STATUS")
            assert (session.status is lp.SessionStatus.CANCELLED) == (status == "CANCELLED")
        assert_at_true_instants(account, first.calendar_url, new)
        assert len(result.unchanged) == len(publish(new, account).unchanged) - len(result.updated)

    def test_sequence_rises_above_the_servers_copy(self, account, plan):
        """Going back to an older plan still raises SEQUENCE above what the server holds."""
        result = publish(plan, account)
        publish(adapted(plan), account)
        uid = plan.sessions[0].uid
        held = int(by_uid(query(account, result.calendar_url))[uid].event["SEQUENCE"])

        back = publish(plan, account)

        assert uid in back.updated
        now = by_uid(query(account, result.calendar_url))[uid].event
        assert held + 1 == int(now["SEQUENCE"])
        assert not str(now["DESCRIPTION"]).startswith("Done: ")

    def test_removed_sessions_are_deleted_other_events_untouched(self, account, plan):
        """A session gone from the plan is deleted; other people's events stay as they were."""
        result = publish(plan, account)
        url = result.calendar_url
        foreign = put_event(account, url, "dentist@example.com")
        other_plan = put_event(account, url, "other@legraise-plan", X_LEGRAISE_PLAN="another")
        before = by_uid(query(account, url))
        gone = plan.sessions[-1]
        edited = attrs.evolve(plan, sessions=plan.sessions[:-1])

        again = publish(edited, account)

        assert (gone.uid,) == again.removed
        assert () == again.created
        after = by_uid(query(account, url))
        assert gone.uid not in after
        for uid in ("dentist@example.com", "other@legraise-plan"):
            assert before[uid].etag == after[uid].etag
        hrefs = {urllib.parse.unquote(s.href) for s in after.values()}
        assert {urllib.parse.urlsplit(h).path for h in (foreign, other_plan)} <= hrefs
        assert len(plan.sessions) - 1 + 2 == len(after)

    def test_a_shorter_plan_removes_the_weeks_it_lost(self, account):
        """The same plan rebuilt with fewer weeks: the events of the weeks gone are deleted."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND})
        six, four = (
            lp.build_plan(athlete, start=dt.date(2027, 1, 4), weeks=w, tz="Europe/Berlin")
            for w in (6, 4)
        )
        publish(six, account)

        result = publish(four, account)

        assert {s.uid for s in six.sessions[12:]} == set(result.removed)
        assert {s.uid for s in four.sessions} == set(by_uid(query(account, result.calendar_url)))

    def test_the_next_block_keeps_the_last_one(self, account, plan):
        """continue_plan's block shares the marker, but the block before it stays."""
        log = lp.TrainingLog([lp.log_as_planned(s) for s in plan.sessions])
        following = lp.continue_plan(plan, log)
        publish(plan, account)

        result = publish(following, account)

        assert (len(following.sessions), ()) == (len(result.created), result.removed)
        stored = by_uid(query(account, result.calendar_url))
        assert {s.uid for p in (plan, following) for s in p.sessions} == set(stored)

    def test_events_of_this_plan_without_its_start_day(self, account, plan):
        """An event with the marker but no start day goes only when it falls in the plan's days."""
        result = publish(plan, account)
        stored = by_uid(query(account, result.calendar_url))
        marker = str(stored[plan.sessions[0].uid].event["X-LEGRAISE-PLAN"])
        later = dt.datetime(2027, 6, 1, 9, tzinfo=dt.UTC)
        for uid, start in (
            ("inside", dt.datetime(2026, 12, 8, 9, tzinfo=dt.UTC)),
            ("later", later),
        ):
            put_event(account, result.calendar_url, uid, start, X_LEGRAISE_PLAN=marker)

        again = publish(plan, account)

        assert ("inside",) == again.removed
        assert "later" in by_uid(query(account, result.calendar_url))

    def test_two_seasons_in_one_calendar(self, account):
        """A January and a July plan in Europe/Berlin (UTC+1 and UTC+2) share one calendar."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND})
        plans = [
            lp.build_plan(athlete, start=start, weeks=4, tz="Europe/Berlin", at=dt.time(7, 30))
            for start in (dt.date(2027, 1, 4), dt.date(2027, 7, 5))
        ]

        winter, summer = (publish(p, account) for p in plans)

        assert winter.calendar_url == summer.calendar_url
        assert () == summer.removed
        assert {s.uid for p in plans for s in p.sessions} == set(
            by_uid(query(account, winter.calendar_url))
        )
        offsets = set()
        for p in plans:
            assert_at_true_instants(account, winter.calendar_url, p)
            offsets |= {s.start.utcoffset() for s in p.sessions}
        assert {dt.timedelta(hours=1), dt.timedelta(hours=2)} == offsets
        assert () == publish(plans[0], account).removed

    def test_named_calendar_is_found_or_created(self, account, plan, floating_plan):
        """calendar= picks a calendar by display name, creating it only once."""
        first = publish(plan, account, calendar="Training")
        second = publish(floating_plan, account, calendar="Training")
        default = publish(floating_plan, account)

        assert (True, False) == (first.calendar_created, second.calendar_created)
        assert first.calendar_url == second.calendar_url
        assert default.calendar_url != first.calendar_url
        assert 18 + 8 == len(query(account, first.calendar_url))
        assert_at_true_instants(account, first.calendar_url, floating_plan)

    def test_url_of_a_calendar_itself(self, account, plan):
        """A calendar's own URL publishes into that calendar."""
        result = publish(plan, account)

        again = lp.publish(
            plan,
            result.calendar_url,
            username=account.username,
            password=account.password,
            calendar=result.calendar,
        )

        assert (result.calendar_url, 18) == (again.calendar_url, len(again.unchanged))
        with pytest.raises(lp.PublishError, match="is the calendar 'Leg raises"):
            lp.publish(
                plan,
                result.calendar_url,
                username=account.username,
                password=account.password,
                calendar="Other",
            )

    def test_uid_of_another_plan_is_refused_before_writing(self, account, plan, http_log):
        """An event with a session's uid but another plan's marker stops publish; no writes."""
        result = publish(plan, account, calendar="Shared")
        uid = plan.sessions[3].uid
        with client(account) as dav:
            dav.delete(urllib.parse.urljoin(result.calendar_url, f"{uid}.ics"))
        put_event(account, result.calendar_url, uid, X_LEGRAISE_PLAN="another")
        http_log.clear()

        with pytest.raises(lp.PublishError, match="belongs to another plan"):
            publish(adapted(plan), account, calendar="Shared")

        assert [] == writes(http_log)

    def test_a_failed_publish_completes_when_run_again(self, account, plan, monkeypatch):
        """The connection drops after 5 events: publishing again writes just the rest."""
        from caldav.lib.http_sync import requests as http

        original = http.Session.request
        puts = []

        def flaky(self, method, url, *args, **kwargs):
            if method == "PUT":
                puts.append(url)
                if len(puts) > 5:
                    raise http.exceptions.ConnectionError("connection reset")
            return original(self, method, url, *args, **kwargs)

        monkeypatch.setattr(http.Session, "request", flaky)
        with pytest.raises(lp.PublishError, match="cannot connect"):
            publish(plan, account)
        monkeypatch.undo()

        result = publish(plan, account)

        uids = [s.uid for s in plan.sessions]
        assert tuple(uids[:5]) == result.unchanged
        assert tuple(uids[5:]) == result.created
        assert set(uids) == set(by_uid(query(account, result.calendar_url)))

    def test_event_changed_while_publishing(self, account, plan, monkeypatch):
        """Someone changes an event between reading and writing: 412, and a clear message."""
        result = publish(plan, account)
        uid = plan.sessions[0].uid
        original = publishing._Publish.plan_writes

        def meddle(self, calendar_url, remote):
            writes = original(self, calendar_url, remote)
            put_event(account, calendar_url, uid)
            return writes

        monkeypatch.setattr(publishing._Publish, "plan_writes", meddle)

        with pytest.raises(lp.PublishError, match=r"changed on the server.*publish again"):
            publish(adapted(plan), account)

        stored = by_uid(query(account, result.calendar_url))[uid].event
        assert "Dentist" == str(stored["SUMMARY"])


class TestFailures:
    def test_wrong_password(self, account, plan):
        """A refused login is one line naming the user, never the password."""
        with pytest.raises(lp.PublishError) as caught:
            lp.publish(plan, account.url, username=account.username, password="not-the-password-42")

        message = str(caught.value)
        assert "refused the login" in message
        assert account.username in message
        assert "not-the-password-42" not in message
        assert "\n" not in message

    def test_another_users_calendars_are_forbidden(self, account, radicale, plan):
        """Another user's calendar home: 403, said so."""
        with pytest.raises(lp.PublishError, match=r"does not allow user .* \(403 Forbidden\)"):
            lp.publish(
                plan,
                f"{radicale.root}someone-else/",
                username=account.username,
                password=account.password,
            )

    def test_unknown_path(self, account, plan):
        """A URL the server does not have: 404, with an example of a right URL."""
        with pytest.raises(lp.PublishError, match=r"nothing found at .*no/such/ \(404"):
            lp.publish(
                plan,
                account.url + "no/such/",
                username=account.username,
                password=account.password,
            )

    def test_server_down(self, plan, dead_port):
        """A closed port: cannot connect."""
        with pytest.raises(lp.PublishError, match=r"cannot connect to the server at 127\.0\.0\.1"):
            lp.publish(plan, f"http://127.0.0.1:{dead_port}/u/", username="u", password="secret-pw")

    def test_timeout(self, plan, silent_port):
        """A server that accepts and never answers: the timeout ends it, in about that time."""
        began = time.perf_counter()
        with pytest.raises(lp.PublishError, match=r"did not answer within 0\.5 s"):
            lp.publish(
                plan,
                f"http://127.0.0.1:{silent_port}/u/",
                username="u",
                password="secret-pw",
                timeout=0.5,
            )

        assert time.perf_counter() - began < 5

    @pytest.mark.parametrize(
        "url", ["http://cloud.example.com/dav/", "http://10.0.0.1:5232/u/", "http://[::2]/"]
    )
    def test_plain_http_to_another_machine_is_refused(self, plan, url, http_log):
        """http:// to a host that is not this machine fails before any connection."""
        with pytest.raises(lp.PublishError, match="unencrypted") as caught:
            lp.publish(plan, url, username="u", password="secret-pw")

        assert "url" == caught.value.field
        assert [] == http_log

    @pytest.mark.parametrize(
        ("host", "loopback"),
        [
            ("localhost", True),
            ("LOCALHOST", True),
            ("127.0.0.1", True),
            ("127.8.9.10", True),
            ("::1", True),
            ("::ffff:127.0.0.1", True),
            ("::ffff:10.0.0.1", False),
            ("10.0.0.1", False),
            ("localhost.example.com", False),
            ("128.0.0.1", False),
        ],
    )
    def test_loopback_hosts(self, host, loopback):
        """Only localhost, 127.0.0.0/8 and ::1 count as this machine."""
        assert loopback == publishing._is_loopback(host)

    def test_insecure_http_allows_plain_http(self):
        """insecure_http=True lets http:// through the check."""
        assert ("http://cal.example.com/dav/", "cal.example.com") == publishing._check_url(
            "http://cal.example.com/dav", insecure_http=True
        )

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"url": ""}, "url"),
            ({"url": 42}, "url"),
            ({"url": "ftp://example.com/"}, "url"),
            ({"url": "https://"}, "url"),
            ({"url": "https://example.com:99999/"}, "url"),
            ({"url": "https://me:pw@example.com/"}, "url"),
            ({"username": ""}, "username"),
            ({"username": "a\nb"}, "username"),
            ({"password": ""}, "password"),
            ({"password": None}, "password"),
            ({"timeout": 0}, "timeout"),
            ({"timeout": float("nan")}, "timeout"),
            ({"timeout": True}, "timeout"),
            ({"calendar": "   "}, "calendar"),
            ({"calendar": 5}, "calendar"),
            ({"insecure_http": "yes"}, "insecure_http"),
            ({"plan": "plan"}, "plan"),
        ],
    )
    def test_bad_arguments(self, plan, kwargs, field, http_log):
        """Each bad argument is a PublishError naming it; nothing is sent."""
        arguments = {
            "plan": plan,
            "url": "https://cal.example.com/dav/",
            "username": "u",
            "password": "secret-pw",
            **kwargs,
        }
        with pytest.raises(lp.PublishError) as caught:
            lp.publish(**arguments)

        assert field == caught.value.field
        assert "secret-pw" not in str(caught.value)
        assert [] == http_log

    def test_without_the_caldav_package(self, plan, monkeypatch):
        """Without the caldav package the error says how to install it."""
        monkeypatch.setitem(sys.modules, "caldav.davclient", None)

        with pytest.raises(lp.PublishError, match=r"pip install 'legraise-plan\[caldav\]'"):
            lp.publish(plan, "https://cal.example.com/dav/", username="u", password="pw")

    @pytest.mark.parametrize(
        ("raised", "message"),
        [
            ("RateLimitError", "asks to slow down"),
            ("DAVError", "failed a PROPFIND request"),
            ("SSLError", "TLS certificate of cal.example.com could not be verified"),
            ("RequestException", "request to cal.example.com failed"),
            ("XMLSyntaxError", "not valid XML"),
        ],
    )
    def test_other_failures(self, plan, monkeypatch, raised, message):
        """Rate limits, protocol errors, TLS and bad XML are each one clear line."""
        from caldav.davclient import DAVClient
        from caldav.lib import error
        from caldav.lib.http_sync import requests as http
        from lxml import etree

        errors = {
            "RateLimitError": lambda: error.RateLimitError(url="x", reason="slow"),
            "DAVError": lambda: error.DAVError(url="x", reason="odd reply with pw-123"),
            "SSLError": lambda: http.exceptions.SSLError("bad cert"),
            "RequestException": lambda: http.exceptions.RequestException("boom"),
            "XMLSyntaxError": lambda: etree.XMLSyntaxError("bad", 1, 1, 1),
        }

        def fail(*_args, **_kwargs):
            exception = errors[raised]()
            raise exception

        monkeypatch.setattr(DAVClient, "request", fail)

        with pytest.raises(lp.PublishError, match=message) as caught:
            lp.publish(plan, "https://cal.example.com/dav/", username="u", password="pw-123")

        assert "pw-123" not in str(caught.value)

    def test_not_a_collection(self, account, plan, monkeypatch):
        """A URL that answers but lists nothing is not taken for a calendar home."""
        monkeypatch.setattr(publishing, "_multistatus", lambda _response: iter(()))

        with pytest.raises(lp.PublishError, match="is not a CalDAV collection"):
            publish(plan, account)

    def test_calendar_renamed_on_the_server(self, account, plan):
        """A calendar renamed by the user is not found by name, and cannot be made again."""
        result = publish(plan, account, calendar="Legs")
        body = (
            '<?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:">'
            "<D:set><D:prop><D:displayname>Renamed</D:displayname></D:prop></D:set>"
            "</D:propertyupdate>"
        )
        with client(account) as dav:
            assert 207 == dav.proppatch(result.calendar_url, body).status

        with pytest.raises(lp.PublishError, match=r"already exists .*\(renamed\?\)"):
            publish(plan, account, calendar="Legs")

        assert 18 == len(publish(plan, account, calendar="Renamed").unchanged)


class TestResult:
    def test_is_frozen_and_counts_writes(self):
        """A PublishResult is a value; writes counts created, updated, removed and the calendar."""
        result = lp.PublishResult(
            created=["a"], updated=("b", "c"), removed=("d",), calendar_created=True
        )

        assert ("a",) == result.created
        assert 5 == result.writes
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            result.created = ()  # type: ignore[misc]


class TestComparison:
    @pytest.fixture(name="wanted")
    def fixture_wanted(self, plan):
        uid = plan.sessions[0].uid
        return publishing._wanted(publishing._session_calendars(plan, STAMP))[uid]

    def remote(self, text):
        return publishing._remote("/c/x.ics", '"1"', text)

    def test_same_text_in_another_order(self, wanted):
        """Lines and components in another order, and another DTSTAMP, are the same content."""
        text = wanted.data.decode().replace("DTSTAMP:20261201T000000Z", "DTSTAMP:20270101T000000Z")
        lines = text.split("\r\n")
        begin = lines.index("BEGIN:VEVENT")
        lines[begin + 1], lines[begin + 2] = lines[begin + 2], lines[begin + 1]

        assert publishing._same(wanted, self.remote("\r\n".join(lines)))

    def test_same_values_spelled_otherwise(self, wanted):
        """A quoted parameter is compared by value, through icalendar."""
        text = wanted.data.decode().replace("TZID=Europe/Berlin:", 'TZID="Europe/Berlin":')
        remote = self.remote(text)

        assert remote.lines != wanted.lines
        assert publishing._same(wanted, remote)

    def test_different_content(self, wanted):
        """A changed summary is a change; text icalendar cannot read is one too."""
        changed = wanted.data.decode().replace("SUMMARY:Leg raises", "SUMMARY:Leg lifts")
        broken = changed.replace("END:VCALENDAR", "")

        assert not publishing._same(wanted, self.remote(changed))
        assert not publishing._same(wanted, self.remote(broken + "BEGIN:X\r\n:::\r\n"))

    def test_what_is_read_from_an_event(self):
        """uid, marker, start day, highest SEQUENCE; None without a UID."""
        text = (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSEQUENCE:2\r\n"
            "X-LEGRAISE-PLAN:m\r\nX-LEGRAISE-PLAN-START:2026-12-07\r\n"
            "DTSTART;TZID=Europe/Berlin:20261209T180000\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:a\r\nSEQUENCE:5\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )

        event = self.remote(text)

        assert ("a", "m", 5) == (event.uid, event.marker, event.sequence)
        assert (dt.date(2026, 12, 7), dt.date(2026, 12, 9)) == (event.start, event.day)
        assert self.remote("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\n") is None
        unclosed = self.remote("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nSEQUENCE:x")
        assert ("b", 0, None) == (unclosed.uid, unclosed.sequence, unclosed.day)
