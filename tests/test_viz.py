"""HTML views: what they select, that they escape everything, and how they behave in a real
headless Chromium (Debian's) with the network cut off.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Claim, Entity, Evidence, Kind, Money, RelType
from dealgraph.viz import graph_data, render_html, subgraph
from dealgraph.viz.page import edge_width

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE_NAME = "<script>window.__pwned = 1</script>Evil Corp"
HOSTILE_QUOTE = '"><img src=x onerror="window.__pwned = 2">'
#: The nodes drawn faded, as vis-network draws them: the opacity it resolves for each node.
DIMMED_NODES = """dealgraph.nodes.getIds().filter(v => dealgraph.network.body.nodes[v].getFormattingValues().opacity < 1)
                  .map(dealgraph.id)"""


# -- selection and data (no browser) --------------------------------------------------------


def test_focus_keeps_exactly_the_neighbourhood(corpus):
    view = subgraph(corpus, focus="softbank-group", depth=2)
    g = nx.Graph()
    g.add_edges_from((c.source, c.target) for c in corpus.claims.values())
    expected = set(nx.ego_graph(g, "softbank-group", radius=2).nodes)
    assert set(view.entities) == expected
    assert {"softbank-group", "gas-power-plants", "first-tranche"} <= expected
    assert all(c.source in expected and c.target in expected for c in view.claims.values())
    # Every claim between kept entities is kept.
    assert len(view.claims) == sum(1 for c in corpus.claims.values() if c.source in expected and c.target in expected)


def test_kind_and_type_filters(corpus):
    view = subgraph(corpus, kinds=[Kind.COUNTRY, Kind.PROJECT], types=[RelType.PLEDGES])
    assert {e.kind for e in view.entities.values()} == {Kind.COUNTRY, Kind.PROJECT}
    assert {c.type for c in view.claims.values()} == {RelType.PLEDGES}
    assert len(view.claims) == sum(
        1
        for c in corpus.claims.values()
        if c.type is RelType.PLEDGES
        and corpus.entities[c.source].kind in {Kind.COUNTRY, Kind.PROJECT}
        and corpus.entities[c.target].kind in {Kind.COUNTRY, Kind.PROJECT}
    )


def test_edges_grow_wider_with_usd():
    assert edge_width(None) == 1.0
    assert edge_width(5e5) == 1.0
    assert 1.0 < edge_width(6e8) < edge_width(36e9) < edge_width(550e9) <= 10.0


def test_large_graphs_get_positions_and_no_physics():
    from dealgraph.synthetic import synthetic_dataset

    small = graph_data(synthetic_dataset(claims=400))
    assert small["physics"] is True and "x" not in small["nodes"][0]
    large = graph_data(synthetic_dataset(claims=4400))
    assert len(large["nodes"]) > 1000
    assert large["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in large["nodes"])


def _hostile() -> Dataset:
    doc = Entity(id="doc-1", kind=Kind.DOCUMENT, name="</script><script>window.__pwned = 3</script>")
    evil = Entity(id="evil-corp", kind=Kind.COMPANY, name=HOSTILE_NAME, aliases=("<b>bold</b>",))
    japan = Entity(id="japan", kind=Kind.COUNTRY, name="Japan")
    project = Entity(id="plan", kind=Kind.PROJECT, name='Plan "A" & <i>B</i>')
    odd = Entity(id="odd-one", kind=Kind.COMPANY, name="toString")  # a name that is a JS prototype member
    # an id that is a JS prototype member (the one a slug can spell): vis-network keys objects by id
    builder = Entity(id="constructor", kind=Kind.COMPANY, name="Constructor")
    claims = [
        Claim(
            id="constructor",
            type=RelType.PARTICIPATES_IN,
            source="constructor",
            target="plan",
            evidence=[Evidence(doc="doc-1", quote="builds it")],
        ),
        Claim(
            id="evil-pledges-plan",
            type=RelType.PLEDGES,
            source="evil-corp",
            target="plan",
            evidence=[Evidence(doc="doc-1", quote=HOSTILE_QUOTE)],
            money=Money(amount=1e9, currency="USD"),
            note="<img src=x onerror=alert(1)>",
        ),
        Claim(
            id="japan-pledges-plan",
            type=RelType.PLEDGES,
            source="japan",
            target="plan",
            evidence=[Evidence(doc="doc-1", quote="plain words")],
        ),
    ]
    return Dataset.of([doc, evil, japan, project, odd, builder], claims)


def test_the_page_carries_no_source_text_as_markup():
    page = render_html(_hostile(), title="<script>alert('title')</script>")
    plain = render_html(Dataset(), title="plain")
    for tag in ("<script", "<img", "<b>", "<i>"):  # vis-network's own code holds some of these
        assert page.count(tag) == plain.count(tag), tag  # the sources add none
    assert "<script>window.__pwned" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    data = json.loads(re.search(r'id="dealgraph-data">(.*?)</script>', page, re.S).group(1))
    assert {n["label"] for n in data["nodes"]} >= {HOSTILE_NAME}
    evil = next(e for e in data["edges"] if e["id"] == "evil-pledges-plan")
    assert evil["evidence"][0]["quote"] == HOSTILE_QUOTE


def test_the_page_references_nothing_outside_itself(corpus):
    page = render_html(corpus)
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=""", page)
    assert "default-src 'none'" in page  # and the page's policy forbids fetching anything


def test_viz_command_writes_the_file(invoke, tmp_path):
    out = tmp_path / "deal.html"
    result = invoke("viz", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out} ({len(out.read_bytes()) // 1024} KB)\n"
    bad = invoke("viz", "--kinds", "Countri", "-o", str(out))
    assert bad.exit_code == 2
    assert "unknown kind 'Countri'; choose from Country, Leader" in bad.output
    unknown = invoke("viz", "--focus", "nobody-at-all", "-o", str(tmp_path / "x.html"))
    assert unknown.exit_code == 1 and "no entity named 'nobody-at-all'" in unknown.output
    assert not (tmp_path / "x.html").exists()


# -- in a real browser ------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: scripts/test installs Debian's chromium package")
    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


class Page:
    """A page opened offline, recording every request and every console error."""

    def __init__(self, browser, path: Path, *, ready_within: float = 60_000, viewport=(1400, 900)):
        self.context = browser.new_context(offline=True, viewport={"width": viewport[0], "height": viewport[1]})
        self.context.set_default_timeout(120_000)  # the machine may be busy: a slow step is not a failure here
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.dealgraph && window.dealgraph.isReady()", timeout=ready_within)

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):
    pages: list[Page] = []

    def opener(path: Path, **kwargs) -> Page:
        pages.append(Page(browser, path, **kwargs))
        return pages[-1]

    yield opener
    for p in pages:
        p.close()


def _click_edge(page: Page, edge_id: str) -> None:
    """Click the middle of an edge on the canvas, as a user would."""
    page.eval("document.getElementById('physics').click()")  # physics off: nothing moves
    page.eval(
        """id => { const n = dealgraph.network, e = dealgraph.edges.get(dealgraph.edgeId(id));
                  const p = n.getPositions([e.from, e.to]);
                  n.moveTo({position: {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2},
                            scale: 2.5, animation: false}); }""",
        edge_id,
    )
    box = page.page.locator("#network").bounding_box()
    page.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _hover_node(page: Page, node_id: str) -> str:
    """Move the mouse over a node; returns the tooltip's text."""
    page.eval("document.getElementById('physics').checked && document.getElementById('physics').click()")
    point = page.eval(
        "id => { const v = dealgraph.nodeId(id); return dealgraph.network.canvasToDOM(dealgraph.network.getPositions([v])[v]); }",
        node_id,
    )
    box = page.page.locator("#network").bounding_box()
    page.page.mouse.move(box["x"] + point["x"] + 1, box["y"] + point["y"] + 1)
    tooltip = page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    return tooltip.inner_text()


def test_hovering_a_node_shows_kind_aliases_and_relationships(invoke, corpus, open_page, tmp_path):
    out = tmp_path / "deal.html"
    invoke("viz", "-o", str(out))
    page = open_page(out)
    degree = sum(1 for c in corpus.claims.values() if "japan" in (c.source, c.target))
    text = _hover_node(page, "japan")
    assert text.splitlines()[:2] == ["Japan", f"Country · {degree} relationships"]
    assert "aliases: " + ", ".join(corpus.entities["japan"].aliases) in text


def test_the_deal_page_offline_shows_everything_and_the_evidence(invoke, corpus, open_page, tmp_path):
    out = tmp_path / "deal.html"
    assert invoke("viz", "-o", str(out)).exit_code == 0
    page = open_page(out)
    assert page.eval("[dealgraph.nodes.length, dealgraph.edges.length]") == [len(corpus.entities), len(corpus.claims)]
    assert sorted(page.eval("dealgraph.nodes.getIds().map(dealgraph.id)")) == sorted(corpus.entities)
    assert sorted(page.eval("dealgraph.edges.getIds().map(dealgraph.id)")) == sorted(corpus.claims)
    legend_kinds = page.page.locator("#legend-kinds li .name").all_inner_texts()
    assert legend_kinds == [k.value for k in Kind if k in corpus.kind_counts()]
    legend_types = page.page.locator("#legend-types li .name").all_inner_texts()
    assert legend_types == [t.value for t in RelType if t in corpus.type_counts()]

    # Select the PLEDGES edge from Japan to the investment plan: its evidence shows.
    claim = corpus.claims["japan-pledges-us-investment-plan"]
    _click_edge(page, claim.id)
    assert page.eval("document.getElementById('details').dataset.edge") == claim.id
    details = page.page.locator("#details").inner_text()
    assert "Japan → PLEDGES →" in details
    assert "USD 550 billion" in details
    for ev in claim.evidence:
        assert ev.quote in details
        assert corpus.entities[ev.doc].name in details

    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "deal-pledges-edge.png"))
    coloured = page.eval(
        """() => { const c = document.querySelector('#network canvas');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++; }
                   return n; }"""
    )
    assert coloured > 2000, "the network canvas is blank"
    assert page.errors == []
    assert page.outside_requests() == []


def test_kind_toggle_hides_exactly_that_kind(invoke, corpus, open_page, tmp_path):
    out = tmp_path / "deal.html"
    invoke("viz", "-o", str(out))
    page = open_page(out)
    page.page.locator("#legend-kinds input[data-name='Project']").uncheck()
    visible = set(page.eval("dealgraph.visibleNodes()"))
    assert visible == {i for i, e in corpus.entities.items() if e.kind is not Kind.PROJECT}
    hidden_edges = set(page.eval("dealgraph.edges.get({filter: e => e.hidden}).map(e => dealgraph.id(e.id))"))
    projects = {i for i, e in corpus.entities.items() if e.kind is Kind.PROJECT}
    assert hidden_edges == {i for i, c in corpus.claims.items() if c.source in projects or c.target in projects}
    page.page.locator("#legend-types input[data-name='SUPPORTS']").uncheck()
    hidden_edges = set(page.eval("dealgraph.edges.get({filter: e => e.hidden}).map(e => dealgraph.id(e.id))"))
    assert {i for i, c in corpus.claims.items() if c.type is RelType.SUPPORTS} <= hidden_edges
    page.page.locator("#legend-kinds input[data-name='Project']").check()
    assert set(page.eval("dealgraph.visibleNodes()")) == set(corpus.entities)
    assert page.errors == [] and page.outside_requests() == []


@pytest.mark.parametrize(
    ("query", "expected"), [("高市早苗", "sanae-takaichi"), ("U.S.", "united-states"), ("softbank", "softbank-group")]
)
def test_search_by_alias_focuses_and_highlights(invoke, open_page, tmp_path, query, expected, corpus):
    out = tmp_path / "deal.html"
    invoke("viz", "-o", str(out))
    page = open_page(out)
    page.page.fill("#search-input", query)
    page.page.press("#search-input", "Enter")
    assert page.eval("dealgraph.network.getSelectedNodes().map(dealgraph.id)") == [expected]
    assert page.eval("document.getElementById('details').dataset.node") == expected
    # The neighbourhood stays in colour, the rest is dimmed.
    neighbours = {c.target for c in corpus.claims.values() if c.source == expected}
    neighbours |= {c.source for c in corpus.claims.values() if c.target == expected}
    assert set(page.eval(DIMMED_NODES)) == set(corpus.entities) - neighbours - {expected}
    page.page.fill("#search-input", "nobody at all")
    page.page.press("#search-input", "Enter")
    assert page.page.locator("#search-status").inner_text() == "no actor named “nobody at all”"


def test_physics_switch(invoke, open_page, tmp_path):
    out = tmp_path / "deal.html"
    invoke("viz", "-o", str(out))
    page = open_page(out)
    assert page.eval("dealgraph.network.physics.physicsEnabled") is True
    page.page.locator("#physics").uncheck()
    assert page.eval("dealgraph.network.physics.physicsEnabled") is False


def test_focus_page_shows_the_neighbourhood_only(invoke, corpus, open_page, tmp_path):
    out = tmp_path / "softbank.html"
    result = invoke("viz", "--focus", "softbank", "--depth", "2", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = open_page(out)
    expected = subgraph(corpus, focus="softbank-group", depth=2)
    assert sorted(page.eval("dealgraph.nodes.getIds().map(dealgraph.id)")) == sorted(expected.entities)
    assert sorted(page.eval("dealgraph.edges.getIds().map(dealgraph.id)")) == sorted(expected.claims)
    assert page.page.title() == "dealgraph: SoftBank Group and its ties within 2 steps"


def test_hostile_names_and_quotes_run_nothing(open_page, tmp_path):
    out = tmp_path / "hostile.html"
    out.write_text(render_html(_hostile(), title="<script>window.__pwned = 4</script>"), encoding="utf-8")
    page = open_page(out)
    page.eval("dealgraph.showEdge('evil-pledges-plan')")
    details = page.page.locator("#details").inner_text()
    assert HOSTILE_QUOTE in details
    assert HOSTILE_NAME in details
    assert page.page.locator("#details img, #details script, #details b").count() == 0
    tooltip = _hover_node(page, "evil-corp")
    assert tooltip.splitlines()[0] == HOSTILE_NAME
    assert page.page.locator("div.vis-tooltip *:not(br)").count() == 0  # text only: innerText makes line breaks
    page.page.mouse.move(1, 1)
    page.page.fill("#search-input", "<b>bold</b>")
    page.page.press("#search-input", "Enter")
    assert page.eval("dealgraph.network.getSelectedNodes().map(dealgraph.id)") == ["evil-corp"]
    dimmed = set(page.eval(DIMMED_NODES))
    assert "odd-one" in dimmed and "plan" not in dimmed  # only the neighbourhood stays
    page.page.fill("#search-input", "toString")
    page.page.press("#search-input", "Enter")
    assert page.eval("dealgraph.network.getSelectedNodes().map(dealgraph.id)") == ["odd-one"]
    assert sorted(page.eval("dealgraph.visibleNodes()")) == sorted(_hostile().entities)
    page.eval("dealgraph.showEdge('constructor')")
    assert "builds it" in page.page.locator("#details").inner_text()
    page.page.fill("#search-input", "Constructor")
    page.page.press("#search-input", "Enter")
    assert page.eval("dealgraph.network.getSelectedNodes().map(dealgraph.id)") == ["constructor"]
    assert page.eval("window.__pwned === undefined")
    assert page.page.title() == "<script>window.__pwned = 4</script>"
    assert page.outside_requests() == []
    assert page.errors == []


# -- issue 15: views that stay usable at every size and stand on their own when focused ---------

POSITIONS = "(() => { const p = dealgraph.network.getPositions(); return Object.keys(p).map(k => [k, p[k].x, p[k].y]); })()"


def _thousand_node_page(tmp_path):
    """A generated graph of 1,000 nodes and 4,000 edges, and the page written of it."""
    from dealgraph.synthetic import synthetic_dataset

    data = synthetic_dataset(claims=4000, entities=1000, seed=3)
    out = tmp_path / "thousand.html"
    out.write_text(render_html(data), encoding="utf-8")
    return data, out


def test_a_thousand_node_page_is_ready_within_5_s_and_still(open_page, tmp_path):
    data, out = _thousand_node_page(tmp_path)
    page = open_page(out, ready_within=5_000)  # the page says it is ready within 5 s, or this fails
    assert page.eval("dealgraph.nodes.length") == 1000
    assert page.eval("dealgraph.network.physics.physicsEnabled") is False
    assert page.eval("document.getElementById('physics').checked") is False
    laid_out = {n["id"]: (n["x"], n["y"]) for n in page.eval("dealgraph.data.nodes")}
    before = page.eval(POSITIONS)
    drawn = {k[2:]: (x, y) for k, x, y in before}  # vis-network rounds positions to whole pixels
    assert drawn.keys() == laid_out.keys()
    assert all(abs(drawn[i][0] - x) <= 1 and abs(drawn[i][1] - y) <= 1 for i, (x, y) in laid_out.items())
    page.page.wait_for_timeout(500)
    assert page.eval(POSITIONS) == before  # nothing moves after "ready"
    assert page.errors == [] and page.outside_requests() == []


def test_pages_of_a_few_hundred_nodes_are_laid_out_in_python():
    from dealgraph.synthetic import synthetic_dataset

    data = synthetic_dataset(claims=1200, entities=300, seed=3)
    first, again = graph_data(data), graph_data(data)
    assert first["physics"] is False
    assert [(n["x"], n["y"]) for n in first["nodes"]] == [(n["x"], n["y"]) for n in again["nodes"]]  # seeded


def test_focus_page_names_documents_and_counterparties_and_centres_the_focus(invoke, corpus, open_page, tmp_path):
    out = tmp_path / "softbank.html"
    assert invoke("viz", "--focus", "softbank", "--depth", "2", "-o", str(out)).exit_code == 0
    page = open_page(out, viewport=(1440, 900))
    assert page.eval("dealgraph.network.getSelectedNodes().map(dealgraph.id)") == ["softbank-group"]
    assert page.eval("document.getElementById('details').dataset.node") == "softbank-group"
    box = page.page.locator("#network").bounding_box()
    point = page.eval(
        "() => { const v = dealgraph.nodeId('softbank-group'); return dealgraph.network.canvasToDOM(dealgraph.network.getPositions([v])[v]); }"
    )
    assert abs(point["x"] - box["width"] / 2) < 5 and abs(point["y"] - box["height"] / 2) < 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "focus-softbank.png"))

    view = subgraph(corpus, focus="softbank-group", depth=2)
    titles = {i: e.name for i, e in corpus.entities.items() if e.kind is Kind.DOCUMENT}
    assert not set(titles) & set(view.entities)  # the documents are not in the view...
    claim = next(c for c in view.claims.values() if c.evidence)
    page.eval("id => dealgraph.showEdge(id)", claim.id)
    docs = page.page.locator("#details .doc").all_inner_texts()
    assert docs == [f"{titles[ev.doc]} ({ev.doc})" for ev in claim.evidence]  # ...yet named by their titles

    # A counterparty the view leaves out is named, not shown as an id.
    out = tmp_path / "lutnick.html"
    assert invoke("viz", "--focus", "howard-lutnick", "-o", str(out)).exit_code == 0
    page = open_page(out)
    assert "donald-trump" not in page.eval("dealgraph.nodes.getIds().map(dealgraph.id)")
    page.eval("dealgraph.showEdge('howard-lutnick-pledges-first-tranche')")
    assert "counterparty\nDonald Trump" in page.page.locator("#details dl").inner_text()
    assert page.errors == [] and page.outside_requests() == []


def test_a_filtered_page_title_says_the_filter(invoke, open_page, tmp_path):
    out = tmp_path / "pledges.html"
    assert invoke("viz", "--kinds", "project,country", "--types", "PLEDGES", "-o", str(out)).exit_code == 0
    page = open_page(out)
    assert page.page.title() == "dealgraph: kinds Country, Project; types PLEDGES"
    assert page.page.locator("h1").inner_text() == page.page.title()
    out = tmp_path / "japan.html"
    assert invoke("viz", "--focus", "Japan", "--types", "DEMANDS", "-o", str(out)).exit_code == 0
    assert open_page(out).page.title() == "dealgraph: Japan and its ties within 1 step; types DEMANDS"


def test_deadline_history_fits_its_panel(invoke, corpus, open_page, tmp_path):
    out = tmp_path / "deal.html"
    invoke("viz", "-o", str(out))
    page = open_page(out, viewport=(1440, 900))
    claim = corpus.claims["japan-pledges-first-tranche-000"]
    assert len(claim.due_history) == 3
    page.eval("id => dealgraph.showEdge(id)", claim.id)
    aside = page.page.locator("aside")
    assert page.eval("(() => { const a = document.querySelector('aside'); return a.scrollWidth <= a.clientWidth; })()")
    panel = aside.bounding_box()
    items = page.page.locator("#details ol.history > li")
    assert items.count() == 3
    for i, h in enumerate(claim.due_history):
        item = items.nth(i).bounding_box()
        assert item["x"] >= panel["x"] and item["x"] + item["width"] <= panel["x"] + panel["width"]
        text = items.nth(i).inner_text()
        assert text.splitlines()[0].startswith(str(h.due_by))
        assert h.evidence[0].quote in text
    # Lines of text, not a word per line: the first line holds the date and the note.
    first = items.nth(0).inner_text().splitlines()[0]
    assert claim.due_history[0].note is None or claim.due_history[0].note.split()[0] in first
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "deal-deadline-history.png"))


def test_node_panel_shows_relationships_description_attributes_and_wikidata(invoke, corpus, open_page, tmp_path):
    out = tmp_path / "deal.html"
    invoke("viz", "-o", str(out))
    page = open_page(out)
    page.page.fill("#search-input", "Japan")
    page.page.press("#search-input", "Enter")
    japan = corpus.entities["japan"]
    panel = page.page.locator("#details")
    assert panel.locator(".description").inner_text() == japan.description
    assert "region\nEast Asia" in panel.locator("dl").inner_text()
    link = panel.locator("a.wikidata")
    assert link.inner_text() == "Q17" and link.get_attribute("href") == "https://www.wikidata.org/wiki/Q17"
    assert link.get_attribute("rel") == "noopener noreferrer"
    mine = {i for i, c in corpus.claims.items() if "japan" in (c.source, c.target)}
    rows = panel.locator("button.rel")
    assert {rows.nth(i).get_attribute("data-edge") for i in range(rows.count())} == mine
    pledge = panel.locator("button.rel[data-edge='japan-pledges-us-investment-plan']")
    assert pledge.inner_text().split("\n") == [
        "→ PLEDGES",
        corpus.entities["us-investment-plan"].name,
        "USD 550 billion · " + corpus.claims["japan-pledges-us-investment-plan"].status.value,
    ]
    pledge.click()  # a row opens that relationship, evidence and all
    assert panel.get_attribute("data-edge") == "japan-pledges-us-investment-plan"
    assert page.eval("dealgraph.network.getSelectedEdges().map(dealgraph.id)") == ["japan-pledges-us-investment-plan"]
    assert corpus.claims["japan-pledges-us-investment-plan"].evidence[0].quote in panel.inner_text()
    assert page.errors == [] and page.outside_requests() == []


def contrast_on_white(colour: str) -> float:
    """The WCAG 2 contrast ratio of ``#rrggbb`` against white: 1 (white) to 21 (black)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 1.05 / (0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b) + 0.05)


def test_palettes_are_separate_and_legible_on_white():
    assert contrast_on_white("#ffffff") == pytest.approx(1.0)
    assert contrast_on_white("#000000") == pytest.approx(21.0)
    assert contrast_on_white("#767676") == pytest.approx(4.54, abs=0.01)
    page = graph_data(Dataset())
    kind_colours = [k["color"] for k in page["kinds"]]
    type_colours = [t["color"] for t in page["types"]]
    for colour in kind_colours + type_colours:
        assert contrast_on_white(colour) >= 3.0, colour
    assert len(set(kind_colours)) == len(Kind) and len(set(type_colours)) == len(RelType)
    assert not set(kind_colours) & set(type_colours)
    assert len({k["shape"] for k in page["kinds"]}) == len(Kind)  # a shape for each kind
    dashes = {t["type"]: t["dashes"] for t in page["types"]}
    assert dashes["PLEDGES"] != dashes["DEMANDS"]  # told apart without colour


def test_legend_shows_shapes_counts_dashes_and_widths(invoke, corpus, open_page, tmp_path):
    out = tmp_path / "deal.html"
    invoke("viz", "-o", str(out))
    page = open_page(out)
    kinds = corpus.kind_counts()
    items = page.page.locator("#legend-kinds li")
    assert items.count() == len(kinds)
    shapes = set()
    for i, (kind, count) in enumerate((k, kinds[k]) for k in Kind if k in kinds):
        item = items.nth(i)
        assert item.locator(".name").inner_text() == kind.value
        assert item.locator(".count").inner_text() == str(count)
        shapes.add(item.locator("svg.shape").get_attribute("data-shape"))
    assert len(shapes) == len(kinds)  # no two kinds look alike
    # The kind's shape in the legend is the shape drawn on the canvas.
    drawn = page.eval(
        "Object.fromEntries(dealgraph.data.nodes.map(n => [n.kind, dealgraph.network.body.nodes[dealgraph.nodeId(n.id)].options.shape]))"
    )
    assert drawn["Country"] == "hexagon" and drawn["Document"] == "custom"
    # Clicking the label's text toggles the kind; the box has a name a screen reader says.
    box = page.page.get_by_role("checkbox", name=f"show Project ({kinds[Kind.PROJECT]})")
    page.page.locator("#legend-kinds label", has_text="Project").locator(".name").click()
    assert not box.is_checked()
    assert not {i for i, e in corpus.entities.items() if e.kind is Kind.PROJECT} & set(page.eval("dealgraph.visibleNodes()"))
    types = corpus.type_counts()
    counts = page.page.locator("#legend-types li .count").all_inner_texts()
    assert counts == [str(types[t]) for t in RelType if t in types]
    dashes = page.eval(
        "Object.fromEntries(dealgraph.edges.getIds().map(v => [dealgraph.id(v), dealgraph.network.body.edges[v].options.dashes]))"
    )
    demands = {dashes[i] and tuple(dashes[i]) for i, c in corpus.claims.items() if c.type is RelType.DEMANDS}
    pledges = {dashes[i] and tuple(dashes[i]) for i, c in corpus.claims.items() if c.type is RelType.PLEDGES}
    assert pledges == {False} and len(demands) == 1 and demands != pledges
    widths = page.page.locator("#legend-widths li").all_inner_texts()
    assert [w.strip() for w in widths] == ["USD 100 million", "USD 10 billion", "USD 1 trillion"]
    assert page.errors == [] and page.outside_requests() == []


EDGE_LABEL_DRAWN = """id => { const e = dealgraph.network.body.edges[dealgraph.edgeId(id)];
    return e.labelModule.fontOptions.size * dealgraph.network.getScale() >= e.options.scaling.label.drawThreshold - 1; }"""


def test_edge_labels_show_on_selection_or_zoom_and_a_selected_node_keeps_its_colour(invoke, corpus, open_page, tmp_path):
    out = tmp_path / "deal.html"
    invoke("viz", "-o", str(out))
    page = open_page(out)
    page.eval("document.getElementById('physics').click()")
    page.eval("dealgraph.network.fit({animation: false})")
    assert page.eval("dealgraph.network.getScale()") < 1
    assert not any(page.eval(EDGE_LABEL_DRAWN, i) for i in corpus.claims)  # at fit scale: none
    page.page.fill("#search-input", "Japan")
    page.page.press("#search-input", "Enter")
    page.eval("dealgraph.network.fit({animation: false})")
    mine = {i for i, c in corpus.claims.items() if "japan" in (c.source, c.target)}
    assert {i for i in corpus.claims if page.eval(EDGE_LABEL_DRAWN, i)} == mine
    # The rest is dimmed, edges too; Japan keeps its kind's colour when selected.
    faded = page.eval(
        "dealgraph.edges.getIds().filter(v => dealgraph.network.body.edges[v].getFormattingValues().opacity < 0.5)"
        ".map(dealgraph.id)"
    )
    assert set(faded) == set(corpus.claims) - mine
    node = page.eval("dealgraph.network.body.nodes[dealgraph.nodeId('japan')].options.color")
    assert node["highlight"]["background"] == node["background"] == "#1f5fa8"
    # Zoomed in, every edge has its label.
    page.page.fill("#search-input", "")
    page.page.press("#search-input", "Enter")
    page.eval("dealgraph.network.moveTo({scale: 2, animation: false})")
    assert all(page.eval(EDGE_LABEL_DRAWN, i) for i in corpus.claims)
    assert page.errors == []


def test_search_suggests_ranks_actors_first_and_clears(invoke, open_page, tmp_path):
    out = tmp_path / "deal.html"
    invoke("viz", "-o", str(out))
    page = open_page(out)
    page.page.locator("#search-input").press_sequentially("sofbank")
    suggestions = page.page.locator("#search-suggestions button")
    assert suggestions.first.get_attribute("data-id") == "softbank-group"
    page.page.press("#search-input", "Enter")
    assert page.page.locator("#search-status").inner_text() == "no actor named “sofbank”; did you mean SoftBank Group?"
    assert page.eval("dealgraph.network.getSelectedNodes()") == []
    suggestions.first.click()
    assert page.eval("dealgraph.network.getSelectedNodes().map(dealgraph.id)") == ["softbank-group"]
    assert page.page.locator("#search-status").inner_text() == ""
    # "Japanese" is Japan, as the CLI reads it, not a document whose title has the word.
    page.page.fill("#search-input", "Japanese")
    page.page.press("#search-input", "Enter")
    assert page.eval("dealgraph.network.getSelectedNodes().map(dealgraph.id)") == ["japan"]
    # Actors before documents.
    page.page.fill("#search-input", "")
    page.page.locator("#search-input").press_sequentially("investment")
    kinds = page.page.locator("#search-suggestions .kind").all_inner_texts()
    assert "Document" in kinds and kinds.index("Document") > 0
    assert kinds[kinds.index("Document") :] == ["Document"] * (len(kinds) - kinds.index("Document"))
    # An empty search clears the last one.
    page.page.fill("#search-input", "")
    page.page.press("#search-input", "Enter")
    assert page.page.locator("#search-status").inner_text() == ""
    assert page.eval("dealgraph.network.getSelectedNodes()") == []
    assert page.eval(DIMMED_NODES) == []
    assert page.errors == [] and page.outside_requests() == []


def test_a_filtered_page_says_what_the_filter_left_out(invoke, corpus, open_page, tmp_path):
    from dealgraph.viz.select import dropped

    out = tmp_path / "pledges.html"
    assert invoke("viz", "--kinds", "Country,Project", "--types", "PLEDGES", "-o", str(out)).exit_code == 0
    page = open_page(out)
    notes = page.page.locator("#filter-notes li").all_inner_texts()
    kinds, types = [Kind.COUNTRY, Kind.PROJECT], [RelType.PLEDGES]
    assert notes == dropped(corpus, subgraph(corpus, kinds=kinds, types=types), kinds=kinds, types=types)
    assert notes[0] == "2 PLEDGES hidden: their sources are of kinds not shown (Leader 1, Person 1)"
    assert notes[1] == "1 PLEDGES hidden: its target is of a kind not shown (Policy 1)"
    assert sum(
        1
        for c in corpus.claims.values()
        if c.type is RelType.PLEDGES
        and (corpus.entities[c.source].kind in kinds) != (corpus.entities[c.target].kind in kinds)
    ) == 3
    whole = tmp_path / "deal.html"
    invoke("viz", "-o", str(whole))
    assert open_page(whole).page.locator("#filter-notes").is_hidden()  # nothing left out, nothing said


def test_large_layout_is_force_directed_and_reproducible():
    import math
    import random

    from dealgraph.synthetic import synthetic_dataset

    data = synthetic_dataset(claims=2000, entities=500, seed=5)
    laid_out = graph_data(data)
    assert laid_out["physics"] is False
    pos = {n["id"]: (n["x"], n["y"]) for n in laid_out["nodes"]}
    assert pos == {n["id"]: (n["x"], n["y"]) for n in graph_data(data)["nodes"]}  # seeded: the same every time
    ids = list(pos)
    pairs = [(c.source, c.target) for c in data.claims.values()]
    rng = random.Random(0)
    linked = sum(math.dist(pos[a], pos[b]) for a, b in pairs) / len(pairs)
    anyhow = sum(math.dist(pos[rng.choice(ids)], pos[rng.choice(ids)]) for _ in pairs) / len(pairs)
    assert linked < 0.8 * anyhow  # what is linked lies closer together than any two nodes
    # Not a circle per kind: nodes of one kind are spread as widely as all nodes.
    countries = [pos[i] for i in ids if data.entities[i].kind is Kind.COUNTRY]
    spread = lambda ps: max(p[0] for p in ps) - min(p[0] for p in ps)  # noqa: E731
    assert spread(countries) > 0.35 * spread(list(pos.values()))


def test_highlight_on_a_5k_page_updates_only_what_changes(open_page, tmp_path):
    from dealgraph.synthetic import synthetic_dataset

    data = synthetic_dataset(claims=20_000, entities=5000, seed=3)
    out = tmp_path / "large.html"
    out.write_text(render_html(data), encoding="utf-8")
    page = open_page(out)
    page.eval(
        """() => { window.__updated = 0; window.__calls = 0;
                   for (const set of [dealgraph.nodes, dealgraph.edges]) {
                     const update = set.update.bind(set);
                     set.update = items => { window.__calls++; window.__updated += Array.isArray(items) ? items.length : 1;
                                             return update(items); };
                   }
                   const n = dealgraph.network, setOptions = n.setOptions.bind(n);
                   n.setOptions = options => { window.__calls++; return setOptions(options); }; }"""
    )
    degree = {i: sum(1 for c in data.claims.values() if i in (c.source, c.target)) for i in data.entities}
    hub = max((i for i, e in data.entities.items() if e.kind is not Kind.DOCUMENT), key=degree.__getitem__)
    ties = [c for c in data.claims.values() if hub in (c.source, c.target)]
    near = {hub} | {c.source for c in ties} | {c.target for c in ties}
    page.page.fill("#search-input", hub)
    page.page.press("#search-input", "Enter")
    assert page.eval("dealgraph.network.getSelectedNodes().map(dealgraph.id)") == [hub]
    updated = page.eval("window.__updated")
    assert updated <= 2 * (len(near) + len(ties))  # the neighbourhood (and its edge labels), not 5,000 nodes
    # Each update or setOptions call costs vis-network a pass over the whole graph: one call, for
    # the edge labels; the dimming is drawn, not stored.
    assert page.eval("window.__calls") == 1
    assert set(page.eval(DIMMED_NODES)) == set(data.entities) - near
    # Above 10,000 edges, the edges the highlight leaves out are not drawn at all.
    drawn = page.eval(
        "dealgraph.edges.getIds().filter(v => !dealgraph.network.body.edges[v].getFormattingValues().hidden)"
        ".map(dealgraph.id)"
    )
    assert drawn and set(drawn) <= {c.id for c in ties}
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "large-5k-search.png"))
    assert page.errors == []


#: Every text the page draws on the network's canvas in one frame, with its box in canvas pixels,
#: as the canvas itself is asked to draw it (whoever draws it: vis-network or the page).
DRAWN_TEXT = """async () => {
  const proto = CanvasRenderingContext2D.prototype;
  if (!proto.__recording) {
    const fill = proto.fillText;
    proto.fillText = function (text, x, y) {
      if (window.__texts) {
        const m = this.measureText(text), t = this.getTransform(), size = parseFloat(this.font.match(/([\\d.]+)px/)[1]);
        const w = m.width * t.a, h = size * t.d, sx = t.a * x + t.e, sy = t.d * y + t.f;
        const left = this.textAlign === "center" ? sx - w / 2 : this.textAlign === "right" || this.textAlign === "end" ? sx - w : sx;
        const top = this.textBaseline === "top" ? sy : this.textBaseline === "middle" ? sy - h / 2 : sy - h;
        window.__texts.push({text: String(text), box: [left, top, left + w, top + h]});
      }
      return fill.apply(this, arguments);
    };
    proto.__recording = true;
  }
  window.__texts = [];
  await new Promise(r => { dealgraph.network.once("afterDrawing", () => r()); dealgraph.network.redraw(); });
  const texts = window.__texts;
  window.__texts = null;
  return texts;
}"""


def _drawn_labels(page: Page, names: set[str]) -> dict[str, list[float]]:
    """The node labels drawn in the next frame: name -> box on the canvas."""
    return {t["text"]: t["box"] for t in page.eval(DRAWN_TEXT) if t["text"] in names}


def _overlapping(boxes: dict[str, list[float]]) -> list[tuple[str, str]]:
    items = sorted(boxes.items())
    return [
        (a, b)
        for i, (a, p) in enumerate(items)
        for b, q in items[i + 1 :]
        if p[0] < q[2] - 0.5 and q[0] < p[2] - 0.5 and p[1] < q[3] - 0.5 and q[1] < p[3] - 0.5
    ]


def _crowd() -> Dataset:
    """A hub and 120 suppliers with long names around it: far more labels than room for them."""
    hub = Entity(id="hub", kind=Kind.COMPANY, name="Hub Holdings")
    suppliers = [Entity(id=f"s{i}", kind=Kind.COMPANY, name=f"Supplier of parts number {i}") for i in range(120)]
    claims = [
        Claim(id=f"c{i}", type=RelType.SUPPLIES, source=s.id, target="hub", evidence=[Evidence(doc="d", quote="q")])
        for i, s in enumerate(suppliers)
    ]
    doc = Entity(id="d", kind=Kind.DOCUMENT, name="Wire story")
    return Dataset.of([hub, doc, *suppliers], claims)


def test_labels_that_would_overlap_are_hidden_until_zoomed_in(open_page, tmp_path):
    data = _crowd()
    out = tmp_path / "crowd.html"
    out.write_text(render_html(data, layout_threshold=0), encoding="utf-8")  # laid out in Python: still
    page = open_page(out)
    names = {e.name for e in data.entities.values()}
    seen_at = {}
    for scale in ("fit", 0.6, 1.0, 1.6):
        if scale == "fit":
            page.eval("dealgraph.network.fit({animation: false})")
        else:
            page.eval(f"dealgraph.network.moveTo({{position: {{x: 0, y: 0}}, scale: {scale}, animation: false}})")
        boxes = _drawn_labels(page, names)
        assert boxes, f"no label drawn at scale {scale}"
        assert _overlapping(boxes) == [], f"labels overlap at scale {scale}"
        seen_at[scale] = set(boxes)
    assert "Hub Holdings" in seen_at["fit"]  # the busiest node's label comes first
    assert len(seen_at["fit"]) < len(names) - 1  # room for some only
    # Zoomed in on a supplier whose label was left out at fit scale, its label is drawn.
    hidden = sorted(names - seen_at["fit"] - {"Wire story"})[0]
    node = next(e.id for e in data.entities.values() if e.name == hidden)
    page.eval(
        "id => { const v = dealgraph.nodeId(id), n = dealgraph.network;"
        " n.moveTo({position: n.getPositions([v])[v], scale: 3, animation: false}); }",
        node,
    )
    boxes = _drawn_labels(page, names)
    assert hidden in boxes
    assert _overlapping(boxes) == []
    # The page's own account of what it drew agrees, and a click on a label selects its node.
    drawn = {d["id"]: d["box"] for d in page.eval("dealgraph.labels()")}
    assert node in drawn
    left, top, right, bottom = drawn[node]
    box = page.page.locator("#network").bounding_box()
    page.page.mouse.click(box["x"] + (left + right) / 2, box["y"] + (top + bottom) / 2)
    assert page.eval("dealgraph.network.getSelectedNodes().map(dealgraph.id)") == [node]
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "labels-zoomed-in.png"))
    assert page.errors == [] and page.outside_requests() == []


#: How many times the network's canvas is asked to stroke and fill in one frame.
CANVAS_CALLS = """async () => {
  const proto = CanvasRenderingContext2D.prototype;
  if (!proto.__counting) {
    for (const name of ["stroke", "fill"]) {
      const own = proto[name];
      proto[name] = function () { if (window.__calls) window.__calls[name]++; return own.apply(this, arguments); };
    }
    proto.__counting = true;
  }
  window.__calls = {stroke: 0, fill: 0};
  await new Promise(r => { dealgraph.network.once("afterDrawing", () => r()); dealgraph.network.redraw(); });
  const calls = window.__calls;
  window.__calls = null;
  return calls;
}"""


def test_a_large_page_draws_no_arrow_too_small_to_see_nor_edges_off_screen(open_page, tmp_path):
    data, out = _thousand_node_page(tmp_path)
    page = open_page(out)
    page.eval("dealgraph.network.fit({animation: false})")
    assert page.eval("dealgraph.network.getScale()") < 0.35
    fit = page.eval(CANVAS_CALLS)
    # Every edge is a stroke, every node a fill and a stroke; no arrow head is filled at this scale.
    assert fit["fill"] <= len(data.entities) + 50
    assert fit["stroke"] >= len(data.claims)
    # A selected node's edges keep their arrows.
    hub = max(data.entities, key=lambda i: sum(1 for c in data.claims.values() if i in (c.source, c.target)))
    ties = sum(1 for c in data.claims.values() if hub in (c.source, c.target))
    page.eval("id => dealgraph.selectNode(id)", hub)
    page.eval("dealgraph.network.fit({animation: false})")
    assert page.eval(CANVAS_CALLS)["fill"] >= len(data.entities) + ties - 50
    # Zoomed in on a corner, the edges off screen are not drawn.
    page.eval("dealgraph.search('')")
    corner = page.eval(
        "(() => { const p = dealgraph.network.getPositions(); const xs = Object.values(p);"
        " return {x: Math.min(...xs.map(q => q.x)), y: Math.min(...xs.map(q => q.y))}; })()"
    )
    page.eval("c => dealgraph.network.moveTo({position: c, scale: 2, animation: false})", corner)
    near = page.eval(CANVAS_CALLS)
    assert near["stroke"] < len(data.claims) / 4, near
    assert page.errors == []


#: Pan in steps, each drawn before the next; then, in the last step's frame, count the strokes and
#: fills the canvas is asked for and keep its pixels; then wait for the frame drawn once still.
MOVING = """async () => {
  const n = dealgraph.network, c = n.canvas.frame.canvas, ctx = c.getContext("2d");
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  const proto = CanvasRenderingContext2D.prototype;
  if (!proto.__counting) {
    for (const name of ["stroke", "fill"]) {
      const own = proto[name];
      proto[name] = function () { if (window.__calls) window.__calls[name]++; return own.apply(this, arguments); };
    }
    proto.__counting = true;
  }
  const start = n.getViewPosition(), scale = n.getScale();
  await frame();
  for (let i = 1; i <= 5; i++) {
    if (i === 5) window.__calls = {stroke: 0, fill: 0};
    n.moveTo({position: {x: start.x + i * 30 / scale, y: start.y}, scale: scale, animation: false});
    await frame();
  }
  const moving = window.__calls, copy = ctx.getImageData(0, 0, c.width, c.height).data;
  window.__calls = {stroke: 0, fill: 0};
  await new Promise(r => { n.once("afterDrawing", () => r()); setTimeout(r, 10000); });
  const still = window.__calls, whole = ctx.getImageData(0, 0, c.width, c.height).data;
  window.__calls = {stroke: 0, fill: 0};
  n.moveTo({position: start, scale: scale, animation: false});  // a jump, once still
  await frame();
  const jump = window.__calls;
  window.__calls = null;
  let ink = 0, differ = 0;
  for (let i = 3; i < whole.length; i += 4) { if (whole[i] > 64) ink++; if (Math.abs(whole[i] - copy[i]) > 64) differ++; }
  return {moving, still, jump, ink, differ};
}"""


def test_a_moving_view_shows_the_last_whole_frame_moved_then_draws_it_whole(open_page, tmp_path):
    data, out = _thousand_node_page(tmp_path)
    page = open_page(out)
    page.eval("dealgraph.network.fit({animation: false})")
    seen = page.eval(MOVING)
    # While moving: no edge or node drawn again, the last whole frame is copied to its new place.
    assert seen["moving"] == {"stroke": 0, "fill": 0}, seen
    # Still again: every edge is drawn, and the copy showed what the whole frame shows.
    assert seen["still"]["stroke"] >= len(data.claims) / 4, seen
    assert seen["ink"] > 10_000 and seen["differ"] < seen["ink"] / 100, seen
    # A jump is drawn whole at once.
    assert seen["jump"]["stroke"] >= len(data.claims) / 4, seen
    assert page.errors == []


#: How many lines the network's canvas draws dashed in one frame.
DASHED_LINES = """async () => {
  const proto = CanvasRenderingContext2D.prototype;
  if (!proto.__dashCounting) {
    const own = proto.setLineDash;
    proto.setLineDash = function (pattern) {
      if (window.__dashed !== null && window.__dashed !== undefined && pattern.some(x => x > 0)) window.__dashed++;
      return own.apply(this, arguments);
    };
    proto.__dashCounting = true;
  }
  window.__dashed = 0;
  await new Promise(r => { dealgraph.network.once("afterDrawing", () => r()); dealgraph.network.redraw(); });
  const dashed = window.__dashed;
  window.__dashed = null;
  return dashed;
}"""


def test_dashes_too_fine_to_see_are_drawn_solid_but_on_what_is_selected(open_page, tmp_path):
    data, out = _thousand_node_page(tmp_path)
    page = open_page(out)
    whole_graph = "dealgraph.network.fit({animation: false}); dealgraph.network.moveTo({scale: 0.1, animation: false})"
    page.eval(whole_graph)  # the whole graph on screen; dashes of 3 to 10 units, gaps of 4 and 6: a pixel or less
    assert page.eval(DASHED_LINES) == 0
    # A selected node's dashed edges keep their dashes.
    dashed = [c for c in data.claims.values() if c.type in (RelType.DEMANDS, RelType.SUSPECTS)]
    hub = max(data.entities, key=lambda i: sum(1 for c in dashed if i in (c.source, c.target)))
    mine = sum(1 for c in dashed if hub in (c.source, c.target))
    page.eval("id => dealgraph.selectNode(id)", hub)
    page.eval(whole_graph)
    assert mine > 0 and page.eval(DASHED_LINES) == mine
    # Zoomed in, every dashed edge on screen is drawn dashed; the legend's data are unchanged.
    page.eval("dealgraph.search('')")
    page.eval("dealgraph.network.moveTo({scale: 2, animation: false})")
    assert page.eval(DASHED_LINES) > 0
    options = page.eval(
        "dealgraph.edges.getIds().filter(v => dealgraph.network.body.edges[v].options.dashes).length"
    )
    assert options == len(dashed)
    assert page.errors == []
