"""One self-contained HTML report of a store: timeline, claim chains, map, sources and an about page.

The page inlines everything it needs (the vendored libraries and base map in ``queries/report_assets/``,
built by ``report/build.mjs`` from npm with a lockfile), so it opens offline, from an e-mail attachment
or a web server alike. Its data is the JSON of ``conflictgraph export --format json``, embedded in a
``<script type="application/json">`` element with ``<``, ``>`` and ``&`` written as ``\\u003c``-style
escapes, so no quote can close the element. The timeline and the claims are also rendered here as plain
HTML tables: they are what a reader without JavaScript sees and what the print stylesheet puts on paper.

>>> from graph import open_store
>>> html = build_report(open_store("memory://"), generated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
>>> html.startswith("<!DOCTYPE html>") and 'id="report-data"' in html
True
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import html
import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from graph.model import Claim, NodeKind, Stance, node_from_dict
from graph.store import GraphStore, TimelineFilter, claim_sort_key
from queries.chains import ChainNode, chain
from queries.common import checked_filter
from queries.export import export_json
from queries.timeline import TimelineRow, iter_timeline

# Beyond this many incidents (or chain steps) the no-script tables stop and say where the rest is: the
# interactive views and the export carry everything, and a 30k-row table would slow every page load.
STATIC_ROWS_MAX = 2000
# Above this many bytes of JSON the page carries the data gzip-compressed (base64): a 50 MB export
# becomes a few MB, which the browser reads and inflates far faster than it parses 50 MB of HTML.
GZIP_ABOVE = 1_000_000

_VENDOR_JS = ("vis-timeline-graph2d.min.js", "cytoscape.min.js", "leaflet.js", "topojson-client.min.js")
_VENDOR_CSS = ("vis-timeline-graph2d.min.css", "leaflet.css")
_BASEMAP = "countries-110m.json"
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def build_report(
    store: GraphStore,
    flt: TimelineFilter | None = None,
    *,
    as_of: dt.date | None = None,
    title: str = "Conflict report",
    generated_at: dt.datetime | None = None,
    static_rows_max: int = STATIC_ROWS_MAX,
    gzip_above: int = GZIP_ABOVE,
) -> str:
    """The report page for the incidents matching ``flt`` (everything when None) as of ``as_of``.

    >>> from graph import open_store
    >>> from loaders.annotations import load_annotation
    >>> store = open_store("memory://")
    >>> store.write_article(load_annotation("seeds/000_d0a399db87bfc5a2.gold.json"))
    >>> page = build_report(store)
    >>> page.count('<tr class="incident') , "absolute lies" in page
    (7, True)
    """
    if as_of is None and flt is not None:
        as_of = flt.as_of
    if as_of is not None:
        flt = (flt or TimelineFilter()).model_copy(update={"as_of": as_of})
    if flt is not None:
        flt = checked_filter(store, flt)
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    data = export_json(store, flt, as_of)
    rows = list(_take(iter_timeline(store, flt or TimelineFilter()), static_rows_max + 1))
    chains = _chains(store, data, as_of, static_rows_max + 1)
    version = _tool_version()

    counts = {k: sum(1 for n in data["nodes"] if n.get("kind") == k.value) for k in NodeKind}
    filters = describe_filter(flt)
    subtitle = (
        f"{counts[NodeKind.INCIDENT]} incidents · {counts[NodeKind.CLAIM]} claims · "
        f"{counts[NodeKind.ARTICLE]} articles · filters: {filters} · as of: {as_of or 'not set'} · "
        f"generated {generated_at.strftime('%Y-%m-%d %H:%M UTC')}"
    )
    data_text, encoding = embed_data(data, gzip_above)
    scripts = {
        "DATA": data_text,
        "BASEMAP": embed_json(json.loads(_asset(_BASEMAP))),
        "VENDOR_JS": "\n;\n".join(_inline_js(_asset(n)) for n in _VENDOR_JS),
        "REPORT_JS": _inline_js(_asset("report.js")),
        "HEAD_JS": _inline_js(_asset("head.js").strip()),
    }
    values: dict[str, str] = {
        **scripts,
        "DATA_ATTRS": f' data-encoding="{encoding}"' if encoding else "",
        "CSP": _csp([scripts["HEAD_JS"], scripts["VENDOR_JS"], scripts["REPORT_JS"]]),
        "GENERATOR": html.escape(f"conflictgraph {version}"),
        "TITLE": html.escape(title),
        "SUBTITLE": html.escape(subtitle),
        "VENDOR_CSS": "\n".join(_inline_css(_asset(n)) for n in _VENDOR_CSS),
        "REPORT_CSS": _inline_css(_asset("report.css")),
        "TIMELINE_TABLE": timeline_table(rows, static_rows_max),
        "CLAIMS_TABLE": claims_table(chains, static_rows_max),
        "ABOUT": _about(store, version, filters, as_of, generated_at, data),
    }
    # One pass, so text substituted for one placeholder is never searched for another.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("template.html"))


def write_report(
    store: GraphStore,
    path: str | Path,
    flt: TimelineFilter | None = None,
    **options: Any,
) -> int:
    """Write the report to ``path`` (atomically: temp file + rename); returns its size in bytes."""
    page = build_report(store, flt, **options).encode("utf-8")
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(page)
    tmp.replace(path)
    return len(page)


def embed_data(data: Any, gzip_above: int = GZIP_ABOVE) -> tuple[str, str | None]:
    """The export JSON as the page embeds it, and its encoding: the JSON text itself (see
    :func:`embed_json`), or, above ``gzip_above`` bytes, the same JSON gzip-compressed and base64-encoded
    (``"gzip+base64"``), which the page inflates with the browser's DecompressionStream.

    >>> text, enc = embed_data({"q": "x" * 10}, gzip_above=5)
    >>> enc, json.loads(gzip.decompress(base64.b64decode(text)))
    ('gzip+base64', {'q': 'xxxxxxxxxx'})
    """
    text = embed_json(data)
    if len(text) <= gzip_above:
        return text, None
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii"), "gzip+base64"


def embed_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` and the JS line
    separators are escaped, so ``</script>`` or ``<!--`` in a quote stays inside the string.

    >>> embed_json({"q": "</script><script>alert(1)</script>"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    >>> json.loads(embed_json({"q": "<!-- & -->"}))["q"]
    '<!-- & -->'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def describe_filter(flt: TimelineFilter | None) -> str:
    """The filter in words, for the page header and the about page.

    >>> describe_filter(TimelineFilter(actor="Baku", since=dt.date(2023, 1, 1)))
    'actor=Baku, since=2023-01-01'
    >>> describe_filter(None)
    'none (whole graph)'
    """
    if flt is None:
        return "none (whole graph)"
    parts = []
    for key, value in flt.model_dump(exclude_defaults=True).items():
        if key == "as_of":
            continue
        if key == "types":
            value = ",".join(t.value if hasattr(t, "value") else str(t) for t in value)
        parts.append(f"{key}={value}")
    return ", ".join(parts) or "none (whole graph)"


# -- tables (server-rendered) ----------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _link(url: str | None) -> str:
    """A clickable link only for web URLs; anything else (javascript:, data:) is shown as text."""
    if not url:
        return ""
    if re.match(r"https?://", url, re.I):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>'
    return _e(url)


def timeline_table(rows: list[TimelineRow], limit: int = STATIC_ROWS_MAX) -> str:
    """The timeline as an HTML table, one row per incident, in timeline order."""
    if not rows:
        return '<p class="empty">No incident matches this report.</p>'
    out = [
        '<table id="timeline-table"><caption>Incidents in event-time order (undated last). '
        "⚑ marks a disputed incident: a claim about it has been denied.</caption>",
        "<thead><tr>"
        + "".join(
            f'<th scope="col">{h}</th>'
            for h in (
                "#",
                "When",
                "Precision",
                "Type",
                "Summary",
                "Place",
                "Killed",
                "Injured",
                "Actors",
                "Claims",
                "Independent sources",
                "Disputed",
            )
        )
        + "</tr></thead><tbody>",
    ]
    for i, r in enumerate(rows[:limit], 1):
        when = _e(r.display_date) + (
            f'<br><span class="hint">“{_e(r.date_words)}”</span>' if r.date_words else ""
        )
        actors = "; ".join(_e(f"{a.name} ({a.role})" if a.role else a.name) for a in r.actors)
        claims = "<br>".join(
            f"{_e(c.claimant or '?')} {_e(c.stance.value)}{' (denied)' if c.disputed else ''}: "
            f"“{_e(c.quote)}”"
            for c in r.claims
        )
        out.append(
            f'<tr class="incident{" disputed" if r.disputed else ""}" id="row-{_e(r.id)}" '
            f'data-incident="{_e(r.id)}"><td>{i}</td><td>{when}</td><td>{_e(r.precision.value)}</td>'
            f"<td>{_e(r.type.value.replace('_', ' '))}</td><td>{_e(r.summary)}</td><td>{_e(r.place)}</td>"
            f"<td>{_e(r.killed_display)}</td><td>{_e(r.injured_display)}</td><td>{actors}</td>"
            f'<td class="quote">{claims}</td><td>{r.sources}</td>'
            f"<td>{'⚑ disputed' if r.disputed else ''}</td></tr>"
        )
    out.append("</tbody></table>")
    if len(rows) > limit:
        out.append(
            f'<p class="truncated">The table stops at {limit} incidents; the interactive timeline and '
            "<code>conflictgraph export</code> have all of them.</p>"
        )
    return "\n".join(out)


def claims_table(chains: list[ChainNode], limit: int = STATIC_ROWS_MAX) -> str:
    """Every claim chain as table rows: the first claim, then each reply, denial and counter-accusation
    indented under what it answers."""
    if not chains:
        return '<p class="empty">No claim in this report.</p>'
    out = [
        '<table id="claims-table"><caption>Claim chains: each chain starts with its first claim; replies, '
        "denials and counter-accusations follow in the order a reader follows them.</caption>",
        "<thead><tr>"
        + "".join(
            f'<th scope="col">{h}</th>'
            for h in ("Chain", "Step", "Claimant", "Stance", "Target", "Quote", "Claim date", "Source")
        )
        + "</tr></thead><tbody>",
    ]
    shown = 0
    for n, root in enumerate(chains, 1):
        for node in _walk_tree(root):
            if shown >= limit:
                break
            shown += 1
            rel = {"root": "first claim", "about": "reply", "counter": "counter-accusation"}[node.relation]
            if node.relation == "about" and node.stance is Stance.DENY:
                rel = "denial"
            sources = "<br>".join(
                f"<cite>{_e(ev.article.title or ev.article.id)}</cite>"
                f"{' — ' + _e(ev.article.outlet) if ev.article.outlet else ''}"
                f"{' — ' + _e(ev.article.published) if ev.article.published else ''} {_link(ev.article.url)}"
                f'<br><span class="hint">'
                + (
                    f"sentence {_e(ev.sentence)}, characters {ev.start}–{ev.end}"
                    if ev.start is not None
                    else "offsets not recorded"
                )
                + "</span>"
                for ev in node.evidence
            )
            out.append(
                f'<tr class="claim{" disputed" if node.disputed else ""}" data-claim="{_e(node.claim_id)}">'
                f'<td>{n}</td><td class="depth-{min(node.depth, 6)}">{_e(rel)}</td>'
                f"<td>{_e(node.claimant.name if node.claimant else '(not named)')}</td>"
                f"<td>{_e(node.stance.value)}{' (denied)' if node.disputed else ''}</td>"
                f"<td>{_e(node.target.name if node.target else '')}</td>"
                f'<td class="quote">{_e(node.quote)}</td><td>{_e(node.display_date)}</td>'
                f"<td>{sources}</td></tr>"
            )
    out.append("</tbody></table>")
    if shown >= limit:
        out.append(
            f'<p class="truncated">The table stops at {limit} claims; the interactive view and '
            "<code>conflictgraph export</code> have all of them.</p>"
        )
    return "\n".join(out)


def _walk_tree(node: ChainNode) -> Iterable[ChainNode]:
    yield node
    for child in node.children:
        yield from _walk_tree(child)


def _chains(store: GraphStore, data: dict[str, Any], as_of: dt.date | None, limit: int) -> list[ChainNode]:
    """The chain trees of the exported claims, one per first claim (a claim not ABOUT another claim of
    the report), in claim-time order; stops once ``limit`` steps are collected."""
    claims = {n["id"]: n for n in data["nodes"] if n.get("kind") == NodeKind.CLAIM.value}
    roots: list[Claim] = []
    for raw in claims.values():
        if raw.get("about_id") not in claims:
            node = node_from_dict(raw)
            assert isinstance(node, Claim)
            roots.append(node)
    roots.sort(key=claim_sort_key)
    out: list[ChainNode] = []
    steps = 0
    for root in roots:
        if steps >= limit:
            break
        trees = chain(store, claim_id=root.id, as_of=as_of).roots
        # chain() climbs to the original claim; keep the tree only when it starts at this root.
        for tree in trees:
            if tree.claim_id == root.id:
                out.append(tree)
                steps += sum(1 for _ in _walk_tree(tree))
    return out


def _take(it: Iterable[TimelineRow], n: int) -> Iterable[TimelineRow]:
    for i, row in enumerate(it):
        if i >= n:
            return
        yield row


# -- about page -----------------------------------------------------------------------------------


def _about(
    store: GraphStore,
    version: str,
    filters: str,
    as_of: dt.date | None,
    generated_at: dt.datetime,
    data: dict[str, Any],
) -> str:
    meta = data.get("meta") or {}
    meta_rows = "".join(
        f"<dt>{_e(k)}</dt><dd>{_e(v if isinstance(v, str) else json.dumps(v, default=str))}</dd>"
        for k, v in sorted(meta.items())
    )
    manifest = json.loads(_asset("manifest.json"))
    libs = sorted(
        {(f["package"], f["version"]) for f in manifest["files"].values() if f.get("version")},
    )
    lib_list = ", ".join(f"{_e(p)} {_e(v)}" for p, v in libs)
    return f"""
<dl class="about">
  <dt>Tool</dt><dd>conflictgraph {_e(version)}</dd>
  <dt>Store</dt><dd>{_e(redact_url(store.url))}</dd>
  <dt>Filters</dt><dd>{_e(filters)}</dd>
  <dt>As of</dt><dd>{_e(as_of.isoformat() if as_of else "not set: everything in the store")}</dd>
  <dt>Generated</dt><dd>{_e(generated_at.isoformat(timespec="seconds"))}</dd>
</dl>
<h3>Export metadata</h3>
<p class="hint">The page's data is the JSON of <code>conflictgraph export --format json</code> with the same
filters; its metadata block:</p>
<dl class="about">{meta_rows}</dl>
<h3>How to read this report</h3>
<ul>
  <li><strong>Dates are never more precise than the sources.</strong> An incident known to the day is a
  solid box over that day. One known only to the month, the year or a range is a faded, hatched band with
  a dashed edge over the whole span it could fall in: “2023-09” covers September 2023 and “in the early
  1990s” (1990–1994) covers five years. Incidents with no date at all are listed under the timeline, not
  drawn on it.</li>
  <li><strong>⚑ disputed</strong> (and a red edge) marks an incident about which a claim has been denied;
  a claim that has been denied carries a “denied” badge (and a red ring in the chain graph).</li>
  <li><strong>Claim chains</strong> run left to right in claim time; a reply is always drawn to the right
  of what it answers, and claims with no date fall in after the claim they answer. Each lane is an actor;
  colour is the claimant. Solid arrow: accuses (to the accused actor); dashed with a bar: denies; dotted:
  replies to; thick: counter-accusation (a denier accusing the accuser in the same article).</li>
  <li><strong>Map.</strong> A marker stands at the incident's own place when it has coordinates, else at
  the most specific place the incident occurred near that has them (the detail says so). A dashed circle
  shows the place's precision radius where the data gives one. Incidents with no place with coordinates
  are counted above the map and not drawn.</li>
  <li><strong>Independent sources</strong> count stories, not copies: articles linked as the same story
  (syndicated or rewritten wire copy) count once.</li>
  <li><strong>Large reports.</strong> With more than 1,500 timeline entries the timeline shows counts per
  day, week, month or year and group, and expands into single incidents as you zoom in.</li>
</ul>
<h3>Software in this page</h3>
<p>{lib_list}; base map: Natural Earth 1:110m country outlines (public domain) via world-atlas.</p>
<details><summary>Licence notices</summary>
<pre class="licences">{_e(_asset("THIRD_PARTY_LICENSES.txt"))}</pre></details>
"""


def redact_url(url: str) -> str:
    """A store URL without any user name or password in it.

    >>> redact_url("bolt://neo4j:secret@localhost:7687")
    'bolt://localhost:7687'
    >>> redact_url("./conflictgraph-data")
    './conflictgraph-data'
    """
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# -- assets ---------------------------------------------------------------------------------------


@cache
def _asset(name: str) -> str:
    return (resources.files("queries") / "report_assets" / name).read_text(encoding="utf-8")


def _inline_js(text: str) -> str:
    # report/build.mjs refuses libraries containing these; this keeps a hand-edited bundle safe too.
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def _inline_css(text: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", text, flags=re.I)


def _csp(scripts: list[str]) -> str:
    """Content-Security-Policy: only the page's own scripts (by hash) run, nothing is fetched."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
        "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _tool_version() -> str:
    try:
        return metadata.version("conflictgraph")
    except metadata.PackageNotFoundError:
        return "unknown"
