"""Exports read back into the same graph: GraphML and node-link JSON by networkx, CSV by the
tabular loader, the Cypher script by a real Neo4j."""

from __future__ import annotations

import csv
import io
import json
import os

import networkx as nx
import pytest
from click.testing import CliRunner

from dealgraph import exports
from dealgraph.cli import cli
from dealgraph.errors import SourceError
from dealgraph.graph.dataset import Dataset
from dealgraph.loaders import load_sources


def _same(a, b) -> bool:
    """The same nodes and edges with the same attributes (graph-level defaults aside)."""

    def edges(g):
        return sorted((u, v, k, sorted(d.items())) for u, v, k, d in g.edges(keys=True, data=True))

    return dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and edges(a) == edges(b)


def test_graphml_reads_back_into_an_identical_graph(corpus, tmp_path):
    path = tmp_path / "deal.graphml"
    exports.to_graphml(corpus, path)
    back = nx.read_graphml(str(path), force_multigraph=True)
    original = exports.flat_graph(corpus)
    assert back.is_directed() and back.is_multigraph()
    assert _same(back, original)
    assert back.nodes["japan"]["name"] == "Japan"
    edge = back.get_edge_data("japan", "first-tranche")["japan-pledges-first-tranche-000"]
    assert edge["type"] == "PLEDGES" and edge["amount"] == 6e12 and edge["due_by"] == "2026-02-01"


def test_node_link_json_reads_back(corpus, tmp_path):
    data = json.loads(exports.to_json(corpus))
    back = nx.node_link_graph(data, edges="edges")
    assert _same(back, exports.flat_graph(corpus))
    assert len(data["nodes"]) == len(corpus.entities) and len(data["edges"]) == len(corpus.claims)


def test_csv_loads_back_into_the_same_dataset(corpus, tmp_path, documents_dir):
    files = exports.to_csv(corpus, tmp_path / "csv")
    assert [f.name for f in files] == ["documents.csv", "entities.csv", "claims.csv"]
    header = (tmp_path / "csv" / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,:START_ID,:END_ID,:TYPE,") and "amount:double" in header
    assert load_sources([tmp_path / "csv"], documents_dir=documents_dir) == corpus


def test_cypher_script_recreates_the_graph_in_neo4j(corpus, neo4j_store):
    driver = neo4j_store._connect()
    for statement in exports.cypher_statements(corpus):
        driver.execute_query(statement, database_=neo4j_store.database)
    assert neo4j_store.read() == corpus
    script = exports.to_cypher(corpus)
    assert script.count(";\n") == len(exports.cypher_statements(corpus))


@pytest.mark.parametrize("value", ["it's", "back\\slash", "line\nbreak", "'}) DETACH DELETE (n", "中文 ✓", "\u2028"])
def test_cypher_literals_round_trip_hostile_strings(neo4j_store, value):
    literal = exports.cypher_literal({"v": [value]})
    assert neo4j_store.query(f"RETURN {literal} AS x").rows == [[{"v": [value]}]]


def test_export_command(invoke, tmp_path):
    out = invoke("export", "--format", "cypher")
    assert out.exit_code == 0 and out.output.startswith("// dealgraph export: 50 entities, 96 claims\n")
    result = invoke("export", "--format", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert result.output == f"wrote {tmp_path / 'g.graphml'}\n"
    assert invoke("export", "--format", "csv", "-o", str(tmp_path / "c")).exit_code == 0
    assert (tmp_path / "c" / "claims.csv").exists()
    assert invoke("export", "--format", "xml").exit_code == 2


def test_export_to_a_place_it_cannot_write_is_a_clear_error(loaded_store, tmp_path):
    loaded_store.close()
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("keep me")
    for fmt, out, message in [
        ("json", "a-folder", "Is a directory; nothing was written"),
        ("graphml", "a-folder", "Is a directory; nothing was written"),
        ("cypher", "missing/x.cypher", "No such file or directory; nothing was written"),
        ("csv", "a-file", "File exists"),
        ("json", ".", "Is a directory; nothing was written"),
        ("json", "a-file/x.json", "Not a directory; nothing was written"),
    ]:
        target = tmp_path / out
        result = CliRunner().invoke(
            cli, ["--store", loaded_store.location, "export", "--format", fmt, "-o", str(target)]
        )
        assert result.exit_code == 1, (fmt, result.output)
        assert result.output == f"Error: cannot write {target}: {message}\n", fmt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "a-folder"]
    assert list((tmp_path / "a-folder").iterdir()) == [] and (tmp_path / "a-file").read_text() == "keep me"


#: Values that broke the CSV round trip, or could: list separators, quotes, the CSV's own
#: delimiters, line breaks of every kind, NUL, JSON look-alikes, controls.
HOSTILE = [
    *("a;b", ";", "a;", "\\;", "x\\", '"quoted"', "'", ",", "line\nbreak", "cr\r\nlf", "nul\x00byte"),
    *("  pad  ", '["json"]', "[", "]", "\u2028sep", "\x1b[31mred", "tab\there", "#", "alias 32;x"),
]


def _hostile_corpus() -> Dataset:
    from dealgraph.graph.model import Claim, Document, Entity, Evidence, Kind, Money, RelType

    doc = Document(id="d.txt", title='Doc ; "x"', publisher="p;q\n", language=",").as_entity()
    entities = [doc]
    for i, value in enumerate(HOSTILE):
        entities.append(
            Entity(
                id=f"e{i}",
                kind=Kind.COUNTRY,
                name=value,
                aliases=(value, f"alias {i};x", "plain"),
                description=value,
                attributes={value: value, "k": ""},
            )
        )
        entities.append(Entity(id=f"p{i}", kind=Kind.PROJECT, name=f"p{i}", aliases=(value,)))
    claims = [
        Claim(
            id=f"c{i}",
            type=RelType.PLEDGES,
            source=f"e{i}",
            target=f"p{i}",
            note=value,
            money=Money(amount=1.5e17, currency="USD"),
            evidence=[Evidence(doc="d.txt", quote=value)],
        )
        for i, value in enumerate(HOSTILE)
    ]
    return Dataset.of(entities, claims)


def test_csv_round_trips_hostile_values(tmp_path):
    data = _hostile_corpus()
    exports.to_csv(data, tmp_path / "csv")
    back = load_sources([tmp_path / "csv"])
    assert [i for i in data.entities if back.entities.get(i) != data.entities[i]] == []
    assert back == data
    assert back.entities["e0"].aliases == ("a;b", "alias 0;x", "plain")


def test_csv_aliases_without_separators_stay_neo4j_admin_arrays(corpus, tmp_path):
    exports.to_csv(corpus, tmp_path)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "entities.csv").read_text(encoding="utf-8"), newline="")))
    japan = next(r for r in rows if r["id:ID"] == "japan")
    assert japan["aliases:string[]"].split(";") == list(corpus.entities["japan"].aliases)


def test_an_empty_alias_is_a_problem_not_dropped(tmp_path):
    (tmp_path / "e.jsonl").write_text('{"id": "x", "kind": "Country", "name": "X", "aliases": ["a", ""]}\n')
    with pytest.raises(SourceError) as info:
        load_sources([tmp_path / "e.jsonl"])
    assert [str(p) for p in info.value.problems] == [
        f"{os.path.relpath(tmp_path / 'e.jsonl')}:1: entity 'x': aliases.1: String should have at least 1 character"
    ]
