"""Tests for legraise_plan.formats.html: to_html, read back with the standard HTML parser."""

from __future__ import annotations

import datetime as dt
import html.parser
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import legraise_plan as lp
from legraise_plan.formats import _shared as shared
from legraise_plan.formats import html as html_module
from legraise_plan.formats.html import to_html


# --------------------------------------------------------------------------- a tiny DOM

#: Elements without an end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})


@attrs.define
class Node:
    """One element: its tag, attributes, children and the text directly inside it."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = attrs.field(factory=list)

    def __iter__(self) -> Iterator[Node]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [
            node
            for node in self
            if node.tag == tag and (cls is None or cls in node.attrs.get("class", "").split())
        ]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert len(found) == 1, f"{len(found)} <{tag} class={cls}>"
        return found[0]

    @property
    def text(self) -> str:
        """The text inside, with whitespace collapsed."""
        parts = [c if isinstance(c, str) else f" {c.text} " for c in self.children]
        return " ".join("".join(parts).split())

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class Parser(html.parser.HTMLParser):
    """Builds a :class:`Node` tree; fails on an end tag that closes nothing open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.declarations: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"a comment in the page: {data!r}")


def parse(page: str) -> Node:
    """The page as a tree; every element it opens is closed."""
    parser = Parser()
    parser.feed(page)
    parser.close()
    assert parser.stack == [parser.root], [n.tag for n in parser.stack]
    assert parser.declarations == ["DOCTYPE html"]
    return parser.root


def shape(root: Node) -> list[tuple[str, tuple[str, ...]]]:
    """Every element's tag and attribute names, in document order."""
    return [(node.tag, tuple(sorted(node.attrs))) for node in root]


def headings(root: Node, tag: str = "h2") -> list[str]:
    return [node.text for node in root.find_all(tag)]


def weeks(root: Node) -> list[Node]:
    return root.find_all("section", "week")


def points(polyline: Node) -> list[tuple[float, float]]:
    pairs = polyline.attrs["points"].split()
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in pairs)]


def done(session: lp.Session, *reps: int | tuple[int, int], **kwargs: Any) -> lp.SessionLog:
    """A done log of ``session``: one set per item (a pair is left/right)."""
    sets = [
        lp.SetLog(left=r[0], right=r[1]) if isinstance(r, tuple) else lp.SetLog.both(r)
        for r in reps
    ]
    return lp.SessionLog(uid=session.uid, date=session.start.date(), sets=sets, **kwargs)


def skipped(session: lp.Session, reason: str = "ill", **kwargs: Any) -> lp.SessionLog:
    return lp.SessionLog(uid=session.uid, date=session.start.date(), skipped=reason, **kwargs)


def with_first_block(plan: lp.Plan, **changes: Any) -> lp.Plan:
    """The plan with its first session's first block's prescription changed."""
    first = plan.sessions[0]
    block = first.blocks[0]
    block = attrs.evolve(block, prescription=attrs.evolve(block.prescription, **changes))
    return attrs.evolve(plan, sessions=(attrs.evolve(first, blocks=(block,)), *plan.sessions[1:]))


# --------------------------------------------------------------------------- the document


class TestDocument:
    def test_package_function(self):
        """The package exports to_html from this module."""
        assert lp.to_html is to_html

    def test_self_contained(self, plan):
        """One HTML5 document: inline CSS and SVG, no scripts, nothing to fetch."""
        page = to_html(plan)
        root = parse(page)
        tags = {node.tag for node in root}

        assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert page.endswith("</html>\n")
        assert {"charset": "utf-8"} in [n.attrs for n in root.find_all("meta")]
        assert len(root.find_all("style")) == 1
        assert len(root.find_all("svg", "progress")) == 1
        assert tags.isdisjoint({"script", "link", "img", "iframe", "object", "embed", "a"})
        assert not [n for n in root if any(a.startswith("on") for a in n.attrs)]
        assert not [n for n in root if {"src", "href"} & set(n.attrs)]
        assert "@import" not in page
        assert "url(" not in page
        assert re.findall(r"https?://[^\s\"']*", page) == ["http://www.w3.org/2000/svg"]

    def test_phone_viewport(self, plan):
        """The page sets a device-width viewport, so a phone does not zoom out."""
        metas = [n.attrs for n in parse(to_html(plan)).find_all("meta")]

        assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas

    def test_print_css(self, plan):
        """The styles have print rules: a page break before each week, none inside a session."""
        style = parse(to_html(plan)).find("style").text

        assert "@media print" in style
        assert "@page" in style
        print_rules = style.split("@media print", 1)[1]
        assert re.search(r"\.week \{ break-before: page;", print_rules)
        assert re.search(r"\.sheet tbody \{ break-inside: avoid;", print_rules)
        assert "@media screen and (max-width: 40rem)" in style

    def test_same_plan_same_page(self, plan):
        """The page depends on the plan only."""
        assert to_html(plan) == to_html(plan)

    def test_template_loaded_once(self):
        """The template is compiled once and kept."""
        assert html_module._template() is html_module._template()

    def test_import_does_not_load_jinja2(self):
        """import legraise_plan loads neither jinja2 nor the HTML format."""
        code = (
            "import sys, legraise_plan; "
            "print(sorted(m for m in ('jinja2', 'markupsafe', 'legraise_plan.formats.html') "
            "if m in sys.modules))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )

        assert result.stdout.strip() == "[]"

    def test_not_a_plan(self):
        """Anything but a Plan is refused, naming what was given."""
        with pytest.raises(lp.ExportError, match="plan must be a Plan, got dict"):
            to_html({})  # type: ignore[arg-type]

    def test_log_not_a_training_log(self, plan):
        """A log must be a TrainingLog (or None); the message says how to get one."""
        entry = lp.log_as_planned(plan.sessions[0])

        with pytest.raises(
            lp.ExportError, match=r"log must be a TrainingLog or None, got list; .*lp.read_log"
        ):
            to_html(plan, log=[entry])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- header and how-to


class TestHeader:
    def test_title_and_sections(self, plan):
        """The title names the plan; the sections come in order."""
        root = parse(to_html(plan))

        assert root.find("head").find("title").text == "Backward leg raises: 6-week accessory plan"
        assert headings(root, "h1") == ["Backward leg raises: 6-week accessory plan"]
        assert [h.split(" ")[0:2] for h in headings(root)] == [
            ["How", "to"],
            ["Progression"],
            *[["Week", str(n)] for n in range(1, 7)],
            ["How", "to"],
            ["Safety", "notes"],
        ]
        assert headings(root)[-2] == "How to do each exercise"

    def test_facts(self, plan):
        """The athlete, role, dates, days, time, zone and equipment are in the header."""
        facts = {
            div.find("dt").text: div.find("dd").text
            for div in parse(to_html(plan)).find("dl", "facts").find_all("div")
        }

        assert facts["Athlete"] == "novice"
        assert facts["Role"] == "accessory, linear periodization"
        assert facts["Dates"] == "Mon 2026-12-07 to Sun 2027-01-17 (6 weeks)"
        assert facts["Days"] == "Mon, Wed, Fri at 18:00 (Europe/Berlin)"
        assert facts["Equipment"] == "bodyweight, band, ankle weights (band anchored); units kg"
        assert "Conditions" not in facts
        assert "Plan" not in facts

    def test_name_conditions_id_and_note(self):
        """A name, conditions, a plan id and a note appear; the note keeps its lines."""
        athlete = lp.Athlete(
            name="Dana",
            conditions={"hip_pain"},
            level="intermediate",
            band_setup=lp.BandSetup.LOOPED,
        )
        plan = lp.build_plan(
            athlete, start=dt.date(2026, 12, 7), note="Bring a mat.\nCold floor.", plan_id="p-1"
        )
        root = parse(to_html(plan))
        header = root.find("header")
        facts = {
            div.find("dt").text: div.find("dd").text
            for div in header.find("dl", "facts").find_all("div")
        }

        assert facts["Athlete"] == "“Dana” · intermediate"
        assert facts["Conditions"] == "hip pain (not cleared)"
        assert facts["Plan"] == "p-1"
        assert facts["Equipment"] == "bodyweight; units kg"
        note = header.find("section", "note")
        assert note.find("h2").text == "Note"
        assert note.find("p").children == ["Bring a mat.\nCold floor."]

    def test_cleared_condition(self):
        """A cleared athlete is marked cleared."""
        athlete = lp.Athlete(conditions={"pregnancy"}, cleared=True)
        facts = parse(to_html(lp.build_plan(athlete, start=dt.date(2026, 12, 7)))).find("header")

        assert "pregnancy (cleared)" in facts.text

    def test_floating_warm_up(self, floating_plan):
        """A floating warm-up plan is done by the time, in local time."""
        root = parse(to_html(floating_plan))
        how_to = _section(root, "how-to")

        assert "Mon, Thu done by 17:00 (local time)" in root.find("header").text
        assert "Warm-up: this plan is your warm-up" in how_to.text
        assert "Deload" not in how_to.text

    def test_clock_with_seconds(self):
        """A time with seconds is shown with them, as the calendar has it."""
        plan = lp.build_plan(
            lp.Athlete(), weeks=1, start=dt.date(2026, 12, 7), at=dt.time(18, 0, 30)
        )

        assert "Mon, Wed, Fri at 18:00:30" in parse(to_html(plan)).find("header").text


def _section(root: Node, ident: str) -> Node:
    [found] = [n for n in root.find_all("section") if n.attrs.get("id") == ident]
    return found


class TestHowTo:
    def test_advice(self, plan):
        """The legend and the advice: dose, tempo, RIR, pain, missed reps, when to stop."""
        how_to = _section(parse(to_html(plan)), "how-to")
        legend = {
            div.find("dt").text: div.find("dd").text for div in how_to.find("dl").find_all("div")
        }
        advice = [li.text for li in how_to.find("ul", "advice").find_all("li")]

        assert legend["3 × 10"] == "3 sets of 10 reps on each leg"
        assert legend["Tempo 2-1-2"].endswith("2-1-2 (2 s up, 1 s hold at the top, 2 s down)")
        assert legend["RIR"].endswith("(this plan asks for 2 reps in reserve at first)")
        assert "0 is no pain" in legend["Pain 0-10"]
        assert "Deload" in legend
        assert advice[0].startswith("Reps in reserve: end each set while you could still")
        assert advice[1].startswith("Missed reps: log what you did and repeat the same dose")
        assert any(item.startswith("Pain during a set: 0-3/10 is fine") for item in advice)
        assert "Stop at once on any sharp pain." in how_to.text
        assert "Band set-up: anchored" in how_to.text
        assert "Deload weeks are lighter on purpose: do them as written." in advice
        assert [c.text for c in how_to.find_all("code")] == [
            "legraise-plan log plan.json --date 2026-12-07 --reps 10,10,10 --pain 0",
            "legraise-plan adapt plan.json -o plan.json",
        ]

    def test_same_advice_as_the_text(self, plan):
        """The advice is worded as in to_text: one source for both formats."""
        how_to = _section(parse(to_html(plan)), "how-to")
        text = " ".join(lp.to_text(plan).split())

        for li in how_to.find("ul", "advice").find_all("li")[:-1]:
            assert li.text in text
        for item in shared.advice(plan):
            assert " ".join(str(item).split()) in text

    def test_looped_band(self):
        """A looped band gets its own set-up line."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND}, band_setup=lp.BandSetup.LOOPED)
        page = to_html(lp.build_plan(athlete, start=dt.date(2026, 12, 7)))

        assert "Band set-up: looped round both ankles." in parse(page).text

    def test_one_rep_in_reserve(self, plan):
        """The legend says 1 rep (not reps) in reserve."""
        page = to_html(with_first_block(plan, rir=1))

        assert "(this plan asks for 1 rep in reserve at first)" in parse(page).text


# --------------------------------------------------------------------------- the weeks


class TestWeeks:
    @pytest.mark.parametrize("name", ["plan", "dst_plan", "floating_plan"])
    def test_one_table_per_week(self, request, name):
        """One section per week with exactly one table, one tbody per session."""
        plan = request.getfixturevalue(name)
        root = parse(to_html(plan))
        sections = weeks(root)

        assert [s.find("h2").text.split()[:2] for s in sections] == [
            ["Week", str(n)] for n in range(1, plan.weeks + 1)
        ]
        for number, section in enumerate(sections, 1):
            assert len(section.find_all("table")) == 1
            sessions = [s for s in plan.sessions if s.week == number]
            assert len(section.find_all("tbody", "session")) == len(sessions)
        assert len(root.find_all("table", "sheet")) == plan.weeks

    def test_columns(self, plan):
        """The sheet's columns: the dose, then boxes for reps, RIR and pain."""
        header = [th.text for th in weeks(parse(to_html(plan)))[0].find("thead").find_all("th")]

        assert header == [
            "Date",
            "Exercise",
            "Sets × reps",
            "Load",
            "Tempo",
            "Rest",
            "Reps done, each set",
            "RIR",
            "Pain 0-10",
        ]

    def test_session_row(self, plan):
        """A planned session: date, time, exercise, dose, load, tempo, rest, empty boxes."""
        first = weeks(parse(to_html(plan)))[0].find_all("tbody", "session")[0]
        cells = {
            td.attrs["data-label"]: td for td in first.find_all("td") if "data-label" in td.attrs
        }

        assert first.classes == ["session", "planned"]
        assert first.find("th").text == "Mon 2026-12-07 18:00 · 10 min"
        assert cells["Exercise"].text.startswith("Standing backward leg raise")
        assert cells["Sets × reps"].text == "3 × 10 per leg RIR 2"
        assert cells["Load"].text == "bodyweight"
        assert cells["Tempo"].text == "2-1-2"
        assert cells["Rest"].text == "60 s"
        assert [b.text for b in cells["Reps done"].find_all("span", "box")] == ["", "", ""]
        assert [b.text for b in cells["RIR"].find_all("span", "box")] == [""]
        assert [b.text for b in cells["Pain 0-10"].find_all("span", "box")] == [""]

    def test_week_dates_and_deload(self, plan):
        """Week headings give the dates; the deload week is tagged, and so are its sessions."""
        sections = weeks(parse(to_html(plan)))

        assert sections[0].find("h2").text == "Week 1 Mon 2026-12-07 to Sun 2026-12-13"
        assert sections[5].find("h2").text == "Week 6 deload Mon 2027-01-11 to Sun 2027-01-17"
        assert [s.find("h2").find_all("span", "tag") != [] for s in sections] == [
            False,
            False,
            False,
            False,
            False,
            True,
        ]
        tags = [th.find("span", "tag").text for th in sections[5].find_all("th", "when")]
        assert tags == ["deload"] * 3

    def test_undulating_day_kinds(self):
        """Undulating plans tag each day heavy, medium or light."""
        plan = lp.build_plan(lp.Athlete(), start=dt.date(2026, 12, 7), periodization="undulating")
        tags = {
            tag.text
            for section in weeks(parse(to_html(plan)))
            for tag in section.find_all("span", "tag")
        }

        assert {"heavy", "light"} <= tags

    def test_rest_in_minutes(self, plan):
        """A rest of 150 s reads 2 min 30 s."""
        page = to_html(with_first_block(plan, rest=dt.timedelta(seconds=150)))
        first = weeks(parse(page))[0].find_all("tbody", "session")[0]

        assert [td.text for td in first.find_all("td") if td.attrs.get("data-label") == "Rest"] == [
            "2 min 30 s"
        ]

    def test_week_without_sessions(self, plan):
        """A week with no sessions still has its table, saying so."""
        thinned = attrs.evolve(plan, sessions=[s for s in plan.sessions if s.week != 2])
        section = weeks(parse(to_html(thinned)))[1]

        assert len(section.find_all("table")) == 1
        assert section.find("td", "empty").text == "No sessions this week."

    def test_no_sessions_at_all(self, plan):
        """A plan without sessions renders: empty weeks, no load line, no cues."""
        root = parse(to_html(attrs.evolve(plan, sessions=())))

        assert len(root.find_all("td", "empty")) == 6
        assert root.find_all("polyline") == []
        assert "This plan has no sessions." in _section(root, "cues").text
        assert "3 × 10" in _section(root, "how-to").text

    def test_two_blocks(self, plan):
        """A session with two blocks spans its date and pain over both rows."""
        first = plan.sessions[0]
        two = attrs.evolve(first, blocks=(first.blocks[0], first.blocks[0]))
        entry = done(two, 10, 10, 10, 9, 9, 9, 8)
        page = to_html(
            attrs.evolve(plan, sessions=(two, *plan.sessions[1:])), log=lp.TrainingLog([entry])
        )
        body = weeks(parse(page))[0].find_all("tbody", "session")[0]
        rows = body.find_all("tr")
        boxes = [[b.text for b in row.find_all("span", "box")] for row in rows]

        assert body.find("th").attrs["rowspan"] == "2"
        assert boxes == [["10", "10", "10", "", "0"], ["9", "9", "9", "8", ""]]


class TestCuesAndNotes:
    def test_cues_once(self, dst_plan):
        """Each exercise's key cues appear once, in order of first use."""
        cues = _section(parse(to_html(dst_plan)), "cues")
        used = list(dict.fromkeys(b.variation.id for s in dst_plan.sessions for b in s.blocks))

        assert headings(cues, "h3") == [lp.CATALOG[i].name for i in used]
        for name, ul in zip(used, cues.find_all("ul"), strict=True):
            assert [li.text for li in ul.find_all("li")] == list(lp.CATALOG[name].key_cues)

    def test_safety_notes_once(self, plan):
        """The plan's notes, each once, in order."""
        doubled = attrs.evolve(plan, notes=(*plan.notes, plan.notes[0], "  "))
        notes = _section(parse(to_html(doubled)), "safety")

        assert [li.text for li in notes.find_all("li")] == [" ".join(n.split()) for n in plan.notes]

    def test_no_notes_no_section(self, plan):
        """A plan without notes has no safety section."""
        root = parse(to_html(attrs.evolve(plan, notes=())))

        assert "Safety notes" not in headings(root)


# --------------------------------------------------------------------------- the chart


class TestChart:
    def test_planned_series(self, plan):
        """One bar and one point per week; bars follow the weekly volume."""
        svg = parse(to_html(plan)).find("svg", "progress")
        bars = svg.find_all("rect", "planned")
        line = svg.find("polyline", "level")
        volume = plan.weekly_volume()

        assert len(bars) == plan.weeks == len(points(line)) == len(svg.find_all("circle"))
        heights = [float(b.attrs["height"]) for b in bars]
        assert heights.index(max(heights)) == volume.index(max(volume))
        assert sorted(range(6), key=heights.__getitem__) == sorted(range(6), key=volume.__getitem__)
        assert svg.find_all("rect", "done") == []
        assert svg.find_all("polyline", "level-done") == []

    def test_points_left_to_right(self, plan):
        """Week n's point is at its bar's centre; a higher step is drawn higher."""
        svg = parse(to_html(plan)).find("svg", "progress")
        xy = points(svg.find("polyline", "level"))
        bars = svg.find_all("rect", "planned")

        for (x, _), bar in zip(xy, bars, strict=True):
            assert x == pytest.approx(
                float(bar.attrs["x"]) + float(bar.attrs["width"]) / 2, abs=0.1
            )
        assert xy[0][1] > xy[2][1]  # step 1 in week 1, step 2 in week 3
        assert xy[5][1] == xy[0][1]  # the deload steps back down

    def test_deload_marked(self, plan):
        """A deload week is shaded and labelled in the chart and its table."""
        root = parse(to_html(plan))
        svg = root.find("svg", "progress")
        rows = [
            tr.find("th").text for tr in root.find("table", "data").find("tbody").find_all("tr")
        ]

        assert len(svg.find_all("rect", "deload")) == 1
        assert [t.text for t in svg.find_all("text", "deload-label")] == ["deload"]
        assert rows == ["1", "2", "3", "4", "5", "6 (deload)"]
        assert "deload week" in root.find("figcaption").text

    def test_text_alternative(self, plan):
        """The chart has a title and a description it is labelled by, and a data table."""
        root = parse(to_html(plan))
        svg = root.find("svg", "progress")
        ids = {node.attrs["id"]: node for node in svg if "id" in node.attrs}
        table = root.find("table", "data")

        assert svg.attrs["role"] == "img"
        assert [ids[i].tag for i in svg.attrs["aria-labelledby"].split()] == ["title", "desc"]
        assert ids["chart-desc"].text == (
            "Planned volume ranges from 72 to 133 reps per leg a week; the load rises from "
            "step 1 (standing, bodyweight) to step 2 (standing, bodyweight + 2 s pause); "
            "deload in week 6. The table below lists every week."
        )
        assert [th.text for th in table.find("thead").find_all("th")] == [
            "Week",
            "Load level",
            "Planned",
        ]
        cells = [[td.text for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
        assert cells[0] == ["step 1: standing, bodyweight", "108"]
        assert [int(c[1]) for c in cells] == list(plan.weekly_volume())

    def test_long_plan(self):
        """A 52-week plan labels every 4th week, marks deloads with a D and shrinks points."""
        athlete = lp.Athlete(equipment={lp.Equipment.BAND, lp.Equipment.ANKLE_WEIGHTS})
        plan = lp.build_plan(athlete, weeks=52, start=dt.date(2026, 12, 7))
        svg = parse(to_html(plan)).find("svg", "progress")
        labels = [
            t.text for t in svg.find_all("text", "tick") if t.attrs["text-anchor"] == "middle"
        ]
        deloads = sum(
            1 for w in range(1, 53) if any(s.is_deload for s in plan.sessions if s.week == w)
        )

        assert labels == [str(w) for w in range(1, 53, 4)] + ["week"]
        assert len(points(svg.find("polyline", "level"))) == 52
        assert [t.text for t in svg.find_all("text", "deload-label")] == ["D"] * deloads
        assert float(svg.find_all("circle")[0].attrs["r"]) < 3.5
        steps = [t.text for t in svg.find_all("text", "tick") if t.text.startswith("step ")]
        assert 2 <= len(steps) <= 5

    def test_one_step_only(self):
        """When every week is on one step, its line runs through the middle of the panel."""
        plan = lp.build_plan(lp.Athlete(), weeks=1, start=dt.date(2026, 12, 7))
        svg = parse(to_html(plan)).find("svg", "progress")

        assert [t.text for t in svg.find_all("text", "tick") if t.text.startswith("step")] == [
            "step 1"
        ]
        assert "the load stays at step 1 (standing, bodyweight)" in svg.find("desc").text

    def test_block_off_the_ladder(self, plan):
        """A block whose exercise and load are on no step of the ladder has no level."""
        weights = lp.CATALOG["standing-ankle-weight-hip-extension"]
        load = lp.Load.ankle(lp.Mass(20))
        off = with_first_block(plan, variation=weights, load=load)
        first_week = [s for s in off.sessions if s.week == 1]
        only = attrs.evolve(off, sessions=first_week[:1], weeks=1)
        root = parse(to_html(only))

        assert root.find("table", "data").find_all("td")[0].text == "none"
        assert root.find_all("polyline") == []
        assert [
            t for t in root.find("svg", "progress").find_all("text", "tick") if "step" in t.text
        ] == []

    def test_ticks(self):
        """Axis helpers: a round volume ceiling, up to five step labels."""
        assert [html_module._ceiling(v) for v in (1, 40, 41, 133, 2001, 50_000)] == [
            10,
            40,
            60,
            150,
            3000,
            50_000,
        ]
        assert html_module._step_ticks(2, 5) == [2, 3, 4, 5]
        assert html_module._step_ticks(0, 12) == [0, 3, 6, 9, 12]


# --------------------------------------------------------------------------- with a log


class TestLog:
    def logged(self, plan: lp.Plan) -> lp.TrainingLog:
        s = plan.sessions
        other = lp.build_plan(lp.Athlete(), weeks=1, start=dt.date(2026, 1, 5)).sessions[0]
        return lp.TrainingLog(
            [
                done(s[0], 10, 10, 10, pain_during=1),
                skipped(s[0]),  # replaced by the next entry for the same session
                done(s[0], 10, (10, 9), 9, pain_during=2, morning_pain=3, notes="easy"),
                lp.SessionLog(
                    uid=s[1].uid,
                    date=s[1].start.date(),
                    sets=[lp.SetLog.both(12, rir=3), lp.SetLog.both(12, rir=1, load="bodyweight")],
                    form_kept=False,
                ),
                skipped(s[2]),
                skipped(s[3], ""),
                skipped(other),
            ]
        )

    def test_boxes_filled(self, plan):
        """Logged sets fill the boxes; left/right differ as 10/9; RIR is the fewest."""
        sessions = weeks(parse(to_html(plan, log=self.logged(plan))))[0].find_all(
            "tbody", "session"
        )

        def boxes(body: Node, label: str) -> list[str]:
            [cell] = [td for td in body.find_all("td") if td.attrs.get("data-label") == label]
            return [b.text for b in cell.find_all("span", "box")]

        assert sessions[0].classes == ["session", "done"]
        assert boxes(sessions[0], "Reps done") == ["10", "10/9", "9"]
        assert boxes(sessions[0], "RIR") == [""]
        assert boxes(sessions[0], "Pain 0-10") == ["2"]
        assert boxes(sessions[1], "Reps done") == ["12", "12", ""]
        assert boxes(sessions[1], "RIR") == ["1"]
        assert boxes(sessions[1], "Pain 0-10") == ["0"]

    def test_statuses_and_notes(self, plan):
        """Done, skipped (with its reason) and the notes of a logged session."""
        section = weeks(parse(to_html(plan, log=self.logged(plan))))
        first, second = section[0].find_all("tbody", "session")[:2]
        statuses = [
            th.find("span", "status").text if th.find_all("span", "status") else ""
            for s in section[:2]
            for th in s.find_all("th", "when")
        ]

        assert statuses == ["done", "done", "skipped (ill)", "skipped", "", ""]
        assert first.find("tr", "notes").text == "pain the next morning: 3/10 Your note: “easy”"
        assert second.find("tr", "notes").text == "form was not kept"
        third = section[0].find_all("tbody", "session")[2]
        assert third.classes == ["session", "skipped"]
        assert [td.text for td in third.find_all("td", "none")] == ["—", "—", "—"]

    def test_done_load(self, dst_plan):
        """Sets done with another load say so; a higher step of the same exercise is charted."""
        s = dst_plan.sessions
        red = "band red, anchored at the ankle"
        log = lp.TrainingLog(
            [
                lp.SessionLog(
                    uid=s[0].uid, date=s[0].start.date(), sets=[lp.SetLog.both(10, load=red)]
                ),
                lp.SessionLog(
                    uid=s[3].uid, date=s[3].start.date(), sets=[lp.SetLog.both(10, load="?")]
                ),
            ]
        )
        root = parse(to_html(dst_plan, log=log))
        first = weeks(root)[0].find_all("tbody", "session")[0]
        [load] = [td for td in first.find_all("td") if td.attrs.get("data-label") == "Load"]
        svg = root.find("svg", "progress")
        planned, done_line = (
            points(svg.find("polyline", "level")),
            points(svg.find("polyline", "level-done")),
        )

        assert load.find("span", "small").text == f"done: {red}"
        assert len(done_line) == 2
        assert done_line[0][1] < planned[0][1]  # red is a step above yellow
        assert done_line[1] == planned[1]  # an unknown load counts as planned

    def test_chart_planned_against_done(self, plan):
        """Done bars for logged weeks, the done figures in the table and the description."""
        root = parse(to_html(plan, log=self.logged(plan)))
        svg = root.find("svg", "progress")
        table = root.find("table", "data")
        done_column = [tr.find_all("td")[-1].text for tr in table.find("tbody").find_all("tr")]

        assert len(svg.find_all("rect", "done")) == 2
        assert len(points(svg.find("polyline", "level-done"))) == 1
        assert done_column == ["52", "0", "—", "—", "—", "—"]
        assert "logged so far: 2 weeks, 52 of 234 planned reps per leg done in them" in (
            svg.find("desc").text
        )
        assert "reps done (weaker leg)" in root.find("figcaption").text

    def test_unmatched_entries(self, plan):
        """Entries for sessions the plan does not hold are counted."""
        root = parse(to_html(plan, log=self.logged(plan)))

        assert root.find("p", "unmatched").text == (
            "1 log entry names no session of this plan and is not shown."
        )
        other = lp.build_plan(lp.Athlete(), weeks=1, start=dt.date(2026, 1, 5)).sessions
        two = lp.TrainingLog([skipped(other[0]), skipped(other[1])])
        assert parse(to_html(plan, log=two)).find("p", "unmatched").text == (
            "2 log entries name no session of this plan and are not shown."
        )

    def test_adapted_plan(self, plan):
        """An adapted plan shows its logged sessions without a separate log."""
        log = lp.TrainingLog([lp.log_as_planned(plan.sessions[0]), skipped(plan.sessions[1])])
        adapted = lp.adapt(plan, log, today=dt.date(2026, 12, 10))
        with_plan_only = parse(to_html(adapted))
        sessions = weeks(with_plan_only)[0].find_all("tbody", "session")

        assert [s.classes[1] for s in sessions] == ["done", "skipped", "planned"]
        assert [b.text for b in sessions[0].find_all("span", "box")][:3] == ["10", "10", "10"]
        assert to_html(adapted) == to_html(adapted, log=log)

    def test_cancelled(self, plan):
        """A cancelled session is struck through, with no boxes, even when logged."""
        first = attrs.evolve(plan.sessions[0], status=lp.SessionStatus.CANCELLED)
        cancelled = attrs.evolve(plan, sessions=(first, *plan.sessions[1:]))
        page = to_html(cancelled, log=lp.TrainingLog([done(first, 10)]))
        body = weeks(parse(page))[0].find_all("tbody", "session")[0]

        assert body.classes == ["session", "cancelled"]
        assert body.find("span", "status").text == "cancelled"
        assert body.find_all("span", "box") == []


# --------------------------------------------------------------------------- user text

HOSTILE_WORDS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</td></tr></table>",
    "<!-- ",
    "]]>",
    "&amp; &lt;",
    "{{ page }}",
    "{% raw %}",
    "' onmouseover='x",
    "<svg/onload=alert(1)>",
    "\x00\x0b\x1b\x7f\x85",
    "\r\n",
]
#: Text as users write it, and text built to break out of the markup.
USER_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.lists(st.sampled_from(HOSTILE_WORDS), max_size=4).map(" ".join),
)
ONE_LINE = USER_TEXT.map(lambda t: "".join(c for c in t if c.isprintable()))


def _placeholder(text: str) -> str:
    """Safe text that gives the page the same shape as ``text``."""
    return "x" if text.strip() else text


class TestUserText:
    PLAN = lp.build_plan(lp.Athlete(), weeks=2, start=dt.date(2026, 12, 7))

    def page(
        self, *, name: str, note: str, plan_id: str, log_note: str, reason: str, load: str
    ) -> str:
        plan = attrs.evolve(
            self.PLAN,
            athlete=attrs.evolve(self.PLAN.athlete, name=name),
            note=note,
            plan_id=plan_id,
            notes=(*self.PLAN.notes, note),
        )
        first, second = plan.sessions[:2]
        log = lp.TrainingLog(
            [
                done(first, 10, notes=log_note)
                if load == ""
                else lp.SessionLog(
                    uid=first.uid,
                    date=first.start.date(),
                    sets=[lp.SetLog.both(10, load=load)],
                    notes=log_note,
                ),
                skipped(second, reason, notes=log_note),
            ]
        )
        return to_html(plan, log=log)

    @settings(max_examples=100, deadline=None)
    @given(
        texts=st.fixed_dictionaries(
            {
                "name": USER_TEXT,
                "note": USER_TEXT,
                "plan_id": ONE_LINE,
                "log_note": USER_TEXT,
                "reason": USER_TEXT,
                "load": USER_TEXT.map(lambda text: text[:80]),  # a logged load is short
            }
        )
    )
    def test_never_markup(self, texts):
        """User text never adds an element or attribute, and shows as written."""
        page = self.page(**texts)
        safe = self.page(**{k: _placeholder(v) for k, v in texts.items()})
        root = parse(page)

        assert shape(root) == shape(parse(safe))
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", page)
        shown = " ".join(root.text.split())
        for text in texts.values():
            cleaned = " ".join(re.sub("[\x00-\x1f\x7f-\x9f]", " ", text).split())
            assert cleaned in shown

    def test_script_is_escaped(self):
        """A script in the note, the name or a log note is text, not a script element."""
        script = '<script>alert("x")</script>'
        page = self.page(
            name=script, note=script, plan_id=script, log_note=script, reason=script, load=script
        )
        root = parse(page)

        assert "<script" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
        assert root.find_all("script") == []
        assert root.text.count(script) >= 6
