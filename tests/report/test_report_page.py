"""The report page as HTML text (no browser): data blob, tables, safety, offline-ness, CLI."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from report_support import ROOT, data_of, seed_graph
from typer.testing import CliRunner

from graph import open_store
from graph.model import ArticleGraph
from graph.store import GraphStore, TimelineFilter
from queries.export import export_json
from queries.report import build_report, embed_json, redact_url

GENERATED = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)


class _Scripts(HTMLParser):
    """Collects every <script> element with its type and text, and every external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str | None, str]] = []
        self.external: list[str] = []
        self._in: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self._in = a.get("type") or "text/javascript"
            self._buf = []
            if "src" in a:
                self.external.append(f"script src={a['src']}")
        if tag == "link":
            self.external.append(f"link {a}")
        if tag in ("img", "iframe", "source") and a.get("src"):
            self.external.append(f"{tag} src={a['src']}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in is not None:
            self.scripts.append((self._in, "".join(self._buf)))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._buf.append(data)


def _parse(html: str) -> _Scripts:
    p = _Scripts()
    p.feed(html)
    return p


def test_data_blob_is_the_export_json(seed_store: GraphStore) -> None:
    html = build_report(seed_store, generated_at=GENERATED)
    blob = data_of(html)
    exported = export_json(seed_store)
    assert blob["nodes"] == exported["nodes"] and blob["edges"] == exported["edges"]
    assert blob["disputed"] == exported["disputed"]
    assert {k: v for k, v in blob["meta"].items() if k != "exported_at"} == {
        k: v for k, v in exported["meta"].items() if k != "exported_at"
    }
    assert len([n for n in blob["nodes"] if n["kind"] == "Incident"]) == 7


def test_large_data_is_the_same_export_json_compressed(seed_store: GraphStore) -> None:
    import gzip

    html = build_report(seed_store, generated_at=GENERATED, gzip_above=0)
    text = _parse(html).scripts[1][1]
    assert 'id="report-data" data-encoding="gzip+base64"' in html
    assert (
        data_of(build_report(seed_store, generated_at=GENERATED))["nodes"]
        == json.loads(gzip.decompress(base64.b64decode(text)))["nodes"]
    )


def test_filtered_report_carries_the_filtered_export(seed_store: GraphStore) -> None:
    flt = TimelineFilter(types=("gps_jamming",))
    html = build_report(seed_store, flt, generated_at=GENERATED)
    blob = data_of(html)
    assert [n["summary"] for n in blob["nodes"] if n["kind"] == "Incident"] == [
        "GPS system of a passenger plane flying from Tbilisi to Baku jammed"
    ]
    assert blob["meta"]["query"] == {"types": ["gps_jamming"]}
    assert "filters: types=gps_jamming" in html
    assert html.count('<tr class="incident') == 1


def test_timeline_table_lists_the_seven_incidents_in_time_order(seed_store: GraphStore) -> None:
    html = build_report(seed_store, generated_at=GENERATED)
    table = html[
        html.index('<table id="timeline-table">') : html.index("</table>", html.index("timeline-table"))
    ]
    rows = re.findall(r'<tr class="incident[^"]*" id="row-([^"]+)"', table)
    assert rows == [i.id for i in seed_store.timeline()]
    when = re.findall(r'id="row-[^"]+" data-incident="[^"]+"><td>\d+</td><td>(.*?)</td>', table)
    assert when[:4] == [
        'early 1990s<br><span class="hint">“in the early 1990s”</span>',
        '2020<br><span class="hint">“during the 2020 war”</span>',
        '2023-01-01/2023-09-19<br><span class="hint">“for months”</span>',
        '2023-09-18<br><span class="hint">“a day after”</span>',
    ]
    # The GPS jamming is the disputed one (its accusation was denied as "absolute lies").
    disputed = re.findall(r'<tr class="incident disputed"[^>]*>.*?</tr>', table, re.S)
    assert len(disputed) == 1 and "GPS system of a passenger plane" in disputed[0]


def test_claims_table_follows_each_chain_from_first_claim_to_last_reply(seed_store: GraphStore) -> None:
    html = build_report(seed_store, generated_at=GENERATED)
    table = html[html.index('<table id="claims-table">') :]
    table = table[: table.index("</table>")]
    rows = re.findall(
        r'<tr class="claim[^"]*" data-claim="([^"]+)"><td>(\d+)</td><td class="depth-(\d)">([^<]+)<', table
    )
    by_chain: dict[str, list[tuple[str, str, str]]] = {}
    for cid, chain_no, depth, rel in rows:
        by_chain.setdefault(chain_no, []).append((cid, depth, rel))
    gps = next(c for c in by_chain.values() if len(c) == 3 and c[1][2] == "denial")
    steps = seed_store.claim_chain(gps[0][0])
    assert [(s.claim.id, str(s.depth)) for s in steps] == [(c, d) for c, d, _ in gps]
    assert [r for _, _, r in gps] == ["first claim", "denial", "counter-accusation"]
    assert "absolute lies" in table and "sentence" not in table  # the seed has no text, so no offsets
    assert "offsets not recorded" in table


def test_quotes_and_names_are_escaped_everywhere() -> None:
    from graph.model import Article, ArticleGraph

    evil = "</script><script>window.__pwned=1</script><!--"
    g = seed_graph()
    assert g.article is not None
    g.article = Article(**{**g.article.model_dump(), "title": evil, "url": "javascript:alert(1)"})
    for n in g.nodes:
        if n.kind.value == "Claim":
            n.quote = evil  # type: ignore[union-attr]
    store = open_store("memory://")
    store.write_article(
        ArticleGraph(article=g.article, nodes=g.nodes, edges=g.edges, source_key=g.source_key)
    )
    html = build_report(store, generated_at=GENERATED)
    assert "window.__pwned" in html  # the text is there …
    assert "<script>window.__pwned" not in html  # … but never as markup
    assert 'href="javascript' not in html
    parsed = _parse(html)
    assert [t for t, _ in parsed.scripts] == [
        "text/javascript",
        "application/json",
        "application/json",
        "text/javascript",
        "text/javascript",
    ]
    blob = json.loads(parsed.scripts[1][1])
    assert {n["quote"] for n in blob["nodes"] if n["kind"] == "Claim"} == {evil}


def test_embed_json_round_trips_and_never_closes_the_element() -> None:
    tricky = {"q": "</script><!--<script>&\u2028\u2029</SCRIPT>", "n": [1, None, True]}
    text = embed_json(tricky)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == tricky


def test_page_is_self_contained_and_its_csp_allows_only_its_own_scripts(seed_store: GraphStore) -> None:
    html = build_report(seed_store, generated_at=GENERATED)
    parsed = _parse(html)
    assert parsed.external == []
    # No stylesheet fetches anything (data: URIs and leaflet's old-IE "#default#VML" are not fetches).
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert not re.search(r"url\((?!['\"]?(data:|#))", styles)
    assert not re.search(r"@import", styles)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    hashes = set(re.findall(r"'sha256-([^']+)'", csp.group(1)))
    code = [text for kind, text in parsed.scripts if kind == "text/javascript"]
    assert hashes == {base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() for c in code}
    assert "default-src 'none'" in csp.group(1) and "connect-src 'none'" in csp.group(1)


def test_about_page_names_version_store_filters_and_licences(seed_store: GraphStore) -> None:
    html = build_report(
        seed_store, TimelineFilter(actor="Baku"), as_of=dt.date(2023, 9, 30), generated_at=GENERATED
    )
    about = html[html.index('id="view-about"') :]
    assert "<dt>Store</dt><dd>memory://</dd>" in about
    assert "<dt>Filters</dt><dd>actor=Baku</dd>" in about
    assert "<dt>As of</dt><dd>2023-09-30</dd>" in about
    assert "<dt>Generated</dt><dd>2024-01-01T12:00:00+00:00</dd>" in about
    for lib in ("vis-timeline 8.5.4", "cytoscape 3.34.4", "leaflet 1.9.4", "world-atlas 2.0.2"):
        assert lib in about
    assert "Permission is hereby granted" in about and "Natural Earth" in about


def test_store_credentials_never_reach_the_page() -> None:
    assert redact_url("neo4j://reader:s3cret@db.example:7687/x") == "neo4j://db.example:7687/x"


def test_licence_notices_cover_every_bundled_package() -> None:
    assets = ROOT / "queries" / "report_assets"
    notices = (assets / "THIRD_PARTY_LICENSES.txt").read_text(encoding="utf-8")
    lock = json.loads((ROOT / "report" / "package-lock.json").read_text(encoding="utf-8"))
    for key, meta in lock["packages"].items():
        if key.startswith("node_modules/"):
            assert f"{key.removeprefix('node_modules/')} {meta['version']}" in notices
    manifest = json.loads((assets / "manifest.json").read_text(encoding="utf-8"))
    for name, entry in manifest["files"].items():
        digest = hashlib.sha256((assets / name).read_bytes()).hexdigest()
        assert digest == entry["sha256"], f"{name} differs from the build; re-run node report/build.mjs"


def _unboxed(output: str) -> str:
    """Click's usage error as one line: rich draws it in a box and wraps it at the terminal width."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", output).split())


def test_cli_writes_the_report(tmp_path: Path) -> None:
    from conflictgraph.cli import app

    store_dir = tmp_path / "store"
    with open_store(str(store_dir)) as s:
        s.write_article(seed_graph())
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        app,
        [
            "report",
            "-s",
            str(store_dir),
            "-o",
            str(out),
            "--actor",
            "Baku",
            "--include-parts",
            "--as-of",
            "2023-09-30",
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    blob = data_of(html)
    assert blob["meta"]["as_of"] == "2023-09-30" and blob["meta"]["query"]["actor"] == "Baku"
    incidents = {n["incident_type"] for n in blob["nodes"] if n["kind"] == "Incident"}
    assert "gps_jamming" in incidents and "war" not in incidents
    bad = CliRunner().invoke(app, ["report", "-s", str(store_dir), "-o", str(out), "--since", "yesterday"])
    assert bad.exit_code == 2 and "'yesterday' is not YYYY, YYYY-MM or YYYY-MM-DD" in _unboxed(bad.output)
    # An unknown type is a usage error too (exit 2), naming the value and what is allowed.
    bad = CliRunner().invoke(app, ["report", "-s", str(store_dir), "-o", str(out), "--type", "bombing"])
    assert bad.exit_code == 2 and "unknown incident type 'bombing'; allowed:" in _unboxed(bad.output)
    assert "gps_jamming" in _unboxed(bad.output)
    # Partial dates work as in `timeline`: September 2023 keeps what overlaps it (the months-long blockade
    # included) and drops the two wars.
    month = CliRunner().invoke(
        app, ["report", "-s", str(store_dir), "-o", str(out), "--since", "2023-09", "--until", "2023-09"]
    )
    assert month.exit_code == 0, month.output
    blob = data_of(out.read_text(encoding="utf-8"))
    kept = sorted(n["incident_type"] for n in blob["nodes"] if n["kind"] == "Incident")
    assert kept == ["aid_delivery", "blockade", "gps_jamming", "landmine_explosion", "landmine_explosion"]


def test_report_reads_the_same_from_both_stores(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.write_article(seed_graph)
    html = build_report(store, generated_at=GENERATED)
    blob = data_of(html)
    assert {n["id"] for n in blob["nodes"]} == {n.id for n in seed_graph.nodes} | {seed_graph.article.id}  # type: ignore[union-attr]
    table = html[html.index('<table id="timeline-table">') :]
    rows = re.findall(
        r'<tr class="incident[^"]*" id="row-[^"]+" data-incident="[^"]+"><td>\d+</td>(.*?)</tr>', table
    )
    summaries = [re.findall(r"<td>(.*?)</td>", r)[3] for r in rows]
    assert summaries[:4] == [
        "War after which the ethnic Armenian majority broke away from Baku&#x27;s control",
        "2020 war in which Azerbaijan regained large territories in and around the region",
        "Azerbaijan restricted the Lachin corridor for months, blocking humanitarian aid",
        "Food and medicine shipments delivered to Nagorno-Karabakh via two routes simultaneously",
    ]
    assert len(summaries) == 7 and any(s.startswith("GPS system") for s in summaries[4:])
