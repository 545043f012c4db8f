"""The Cypher cookbook: named, parameterised queries kept in ``queries/*.cypher``.

Each file holds one query under a header of ``//`` comment lines::

    // name: actor-timeline
    // description: Incidents an actor is involved in, in event-time order.
    // param: actor  name, alias or id of the actor
    // example: conflictgraph query actor-timeline --param actor=Baku

>>> q = named_queries()["actor-timeline"]
>>> q.name, [p.name for p in q.params]
('actor-timeline', ['actor', 'include_parts'])
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from graph.errors import NotFound, ValidationError
from graph.store import GraphStore

COOKBOOK_DIR = Path(__file__).parent
_HEADER = re.compile(r"^//\s*(name|description|param|example|question):\s*(.*)$")


class QueryParam(BaseModel):
    name: str
    description: str = ""
    default: str | None = Field(default=None, description="used when the parameter is not given")


class NamedQuery(BaseModel):
    """One cookbook query: its header and its Cypher text."""

    name: str
    question: str = Field(default="", description="the researcher's question it answers")
    description: str = ""
    params: list[QueryParam] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)
    cypher: str
    path: str


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.cypher`` file with its header."""
    fields: dict[str, Any] = {"params": [], "examples": []}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line.strip())
        if m and not body:
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                pname, _, rest = value.partition(" ")
                default = None
                dm = re.search(r"\(default:\s*(.*?)\)\s*$", rest)
                if dm:
                    default = dm.group(1)
                fields["params"].append(QueryParam(name=pname, description=rest.strip(), default=default))
            elif key == "example":
                fields["examples"].append(value)
            else:
                fields[key] = value
        elif line.strip() or body:
            body.append(line)
    if "name" not in fields:
        raise ValidationError(f"{path}: a cookbook query needs a '// name: …' header line")
    if fields["name"] != path.stem:
        raise ValidationError(f"{path}: header name {fields['name']!r} differs from the file name")
    cypher = "\n".join(body).strip()
    if not cypher:
        raise ValidationError(f"{path}: no Cypher after the header")
    return NamedQuery(cypher=cypher, path=str(path), **fields)


def named_queries(directory: Path = COOKBOOK_DIR) -> dict[str, NamedQuery]:
    """Every named query in the cookbook, by name."""
    return {q.name: q for q in (parse_query_file(p) for p in sorted(directory.glob("*.cypher")))}


def parse_param(text: str) -> tuple[str, Any]:
    """``k=v`` with v read as JSON when it parses (numbers, booleans, lists, null), else as a string.

    >>> parse_param("km=25"), parse_param("actor=Baku"), parse_param('ids=["a","b"]')
    (('km', 25), ('actor', 'Baku'), ('ids', ['a', 'b']))
    """
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ValidationError(f"parameter {text!r} is not of the form key=value")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return key.strip(), value


def bind_params(query: NamedQuery, given: dict[str, Any]) -> dict[str, Any]:
    """Check the given parameters against the query's header and fill defaults."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise ValidationError(
            f"query {query.name!r} has no parameter {', '.join(unknown)}; "
            f"its parameters: {', '.join(known) or 'none'}"
        )
    bound = dict(given)
    for p in query.params:
        if p.name not in bound:
            if p.default is None:
                raise ValidationError(f"query {query.name!r} needs --param {p.name}=… ({p.description})")
            bound[p.name] = parse_param(f"{p.name}={p.default}")[1]
    return bound


def run_cypher(
    store: GraphStore, cypher: str, params: dict[str, Any], write: bool = False
) -> list[dict[str, Any]]:
    """Run Cypher on a store that has a Cypher engine (Neo4j); read-only unless ``write``."""
    runner = getattr(store, "run_cypher", None)
    if runner is None:
        raise ValidationError(
            f"Cypher needs a Neo4j store (--store bolt://HOST:PORT); the store {store.url!r} is the "
            "embedded one, which has no Cypher engine"
        )
    rows: list[dict[str, Any]] = runner(cypher, params, write=write)
    return rows


def run_named(store: GraphStore, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Run a cookbook query by name (always read-only)."""
    queries = named_queries()
    if name not in queries:
        raise NotFound(f"no cookbook query {name!r}; known: {', '.join(sorted(queries))}")
    query = queries[name]
    return run_cypher(store, query.cypher, bind_params(query, params))


def render_markdown(queries: dict[str, NamedQuery] | None = None) -> str:
    """docs/cypher.md, generated from the query headers so the docs and the files cannot drift."""
    queries = queries if queries is not None else named_queries()
    out = [
        "# Cypher cookbook",
        "",
        "Named, parameterised queries for researchers, kept in `queries/*.cypher` (one per file, with a",
        "header of `//` comment lines). Run one against a Neo4j store with",
        "",
        "```",
        "conflictgraph query NAME --param key=value ... --store bolt://localhost:7687",
        "```",
        "",
        "or paste the Cypher into Neo4j Browser and set the parameters with `:param key => value`.",
        '`conflictgraph query --list` lists them; `conflictgraph cypher "MATCH …" --param k=v` runs',
        "your own (read-only unless `--write`). Values given with `--param` are read as JSON when they parse",
        "(`km=25` is a number, `include_parts=true` a boolean), else as strings. Names match like the rest",
        "of conflictgraph: an id, or a name or alias compared case-insensitively (`Baku` finds",
        "Azerbaijan). The properties the queries read are described in [model.md](model.md).",
        "",
        "This file is generated from the query headers (`python -m queries.cookbook > docs/cypher.md`);",
        "a test checks it is up to date, and every query runs in the tests against a real Neo4j.",
        "",
        "| query | question |",
        "|---|---|",
    ]
    out += [f"| [`{q.name}`](#{q.name}) | {q.question} |" for q in queries.values()]
    for q in queries.values():
        out += ["", f"## {q.name}", "", f"**{q.question}**", "", q.description, ""]
        if q.params:
            out += ["| parameter | meaning |", "|---|---|"]
            out += [f"| `{p.name}` | {p.description} |" for p in q.params]
        else:
            out.append("No parameters.")
        out += ["", "```", *q.examples, "```", "", "```cypher", q.cypher, "```"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_markdown())
