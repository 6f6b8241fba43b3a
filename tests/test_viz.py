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


def test_a_thousand_node_page_is_ready_within_5_s_and_still(open_page, tmp_path):
    from dealgraph.synthetic import synthetic_dataset

    data = synthetic_dataset(claims=4000, entities=1000, seed=3)
    out = tmp_path / "thousand.html"
    out.write_text(render_html(data), encoding="utf-8")
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
