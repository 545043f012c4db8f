"""Score predicted article graphs against gold annotations (shared ANNOTATION.md format).

Both sides are annotation dicts (``actors``, ``locations``, ``incidents``, ``claims``, ``edges`` with
local ids). Items are matched one-to-one, greedily and deterministically; edges are compared after their
endpoints are mapped through those matchings. The rules are documented in ``docs/evaluation.md``.

>>> gold = {"article": "x", "published": "2024-01-02",
...     "actors": [{"id": "a1", "name": "Ministry of Defence of Ruritania", "kind": "government_body",
...                 "aliases": ["the Ruritanian defence ministry"], "country": None}],
...     "locations": [], "incidents": [],
...     "claims": [{"id": "c1", "claimant": "a1", "stance": "assert", "target": None, "about": None,
...                 "quote": "the ministry said the road was open"}], "edges": []}
>>> pred = {"actors": [{"id": "p9", "name": "The Ruritanian  Defence Ministry", "aliases": []}],
...     "locations": [], "incidents": [], "edges": [],
...     "claims": [{"id": "q1", "claimant": "p9", "stance": "assert", "quote": "said the road was open"}]}
>>> report = evaluate({"x": gold}, {"x": pred})
>>> report.micro["actors"].f1, report.micro["attributed_claims"].f1
(1.0, 1.0)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.model import TimeSpan

Annotation = Mapping[str, Any]

METRICS: tuple[str, ...] = (
    "actors",
    "locations",
    "incidents",
    "incident_dates",
    "claims",
    "attributed_claims",
    "ACCUSES",
    "DENIES",
    "OCCURRED_NEAR",
)

#: A predicted quote matches a gold quote when they share at least this share of the shorter one.
QUOTE_OVERLAP = 0.5


@dataclass
class Score:
    """Counts of one metric; precision/recall/F1 derive from them.

    An empty side is not a failure: with nothing in gold and nothing predicted every figure is 1.0;
    with nothing predicted but something in gold, precision is 0.0 (and recall 0.0), and vice versa.

    >>> Score(tp=3, fp=1, fn=2).f1
    0.6667
    >>> Score().precision, Score(fn=2).precision
    (1.0, 0.0)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return round(self.tp / (self.tp + self.fp), 4)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return round(self.tp / (self.tp + self.fn), 4)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else round(2 * p * r / (p + r), 4)

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class EvalReport:
    """Micro-averaged scores over all gold articles, plus the scores of each article."""

    micro: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in METRICS})
    per_article: dict[str, dict[str, Score]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``{"micro": {metric: {...}}, "per_article": {...}, "missing": [...], ...}``."""
        return {
            "micro": {m: s.to_dict() for m, s in self.micro.items()},
            "per_article": {
                name: {m: s.to_dict() for m, s in scores.items()}
                for name, scores in sorted(self.per_article.items())
            },
            "missing": list(self.missing),
            "unscored": list(self.unscored),
        }


def evaluate(gold: Mapping[str, Annotation], predicted: Mapping[str, Annotation]) -> EvalReport:
    """Score ``predicted`` against ``gold``; both map an article name to its annotation dict.

    A gold article without a prediction scores as an empty prediction (listed in ``missing``);
    a predicted article without gold cannot be scored (listed in ``unscored``).
    """
    report = EvalReport()
    for name in sorted(gold):
        pred = predicted.get(name)
        if pred is None:
            report.missing.append(name)
            pred = {}
        scores = score_article(gold[name], pred)
        report.per_article[name] = scores
        for metric, score in scores.items():
            report.micro[metric] += score
    report.unscored = sorted(set(predicted) - set(gold))
    return report


def score_article(gold: Annotation, pred: Annotation) -> dict[str, Score]:
    """Scores of one article, metric by metric (see :data:`METRICS`)."""
    g_actors, p_actors = _items(gold, "actors"), _items(pred, "actors")
    g_locs, p_locs = _items(gold, "locations"), _items(pred, "locations")
    g_incs, p_incs = _items(gold, "incidents"), _items(pred, "incidents")
    g_claims, p_claims = _items(gold, "claims"), _items(pred, "claims")

    actor_map = _greedy(g_actors, p_actors, _name_score)
    loc_map = _greedy(g_locs, p_locs, _name_score)

    g_near = _incident_places(gold, g_incs)
    p_near = _incident_places(pred, p_incs)
    # Predicted place ids expressed as gold place ids, so both sides compare in one id space.
    p_near_mapped = {pid: {loc_map[x] for x in places if x in loc_map} for pid, places in p_near.items()}

    def incident_score(g: dict[str, Any], p: dict[str, Any]) -> float:
        if str(g.get("type")) != str(p.get("type")):
            return 0.0
        g_places, p_places = g_near.get(g["id"], set()), p_near_mapped.get(p["id"], set())
        place = _jaccard(g_places, p_places)
        when = _dates_overlap(g, p)
        if not (place or when or (not g_places and _span(g) is None)):
            return 0.0
        # The place or the date decides; the rest only orders otherwise equal candidates.
        return (
            2.0 * (place > 0)
            + 1.0 * when
            + 0.25  # eligible at all (a gold incident with neither place nor date matches on type)
            + 0.5 * _same_date(g, p)
            + 0.5 * place
            + 0.2 * _jaccard(set(g.get("victims") or []), _mapped(p.get("victims"), actor_map))
            + 0.1 * (g.get("killed") is not None and g.get("killed") == p.get("killed"))
            + 0.1 * (g.get("injured") is not None and g.get("injured") == p.get("injured"))
            + 0.1 * (name_key(str(g.get("summary") or "")) == name_key(str(p.get("summary") or "")))
        )

    inc_map = _greedy(g_incs, p_incs, incident_score)

    def claim_score(g: dict[str, Any], p: dict[str, Any]) -> float:
        span = _quote_score(g, p)
        if not span:
            return 0.0
        # One sentence can carry several claims (one per target, one per claimant): the claim's
        # attributes order the candidates that share a quote.
        return (
            span
            + 0.1 * (str(g.get("stance")) == str(p.get("stance")))
            + 0.1 * _same_ref(g.get("claimant"), p.get("claimant"), actor_map)
            + 0.1 * _same_ref(g.get("target"), p.get("target"), actor_map)
            + 0.05 * _same_ref(g.get("about"), p.get("about"), inc_map)
        )

    claim_map = _greedy(g_claims, p_claims, claim_score)

    def attributed_score(g: dict[str, Any], p: dict[str, Any]) -> float:
        if str(g.get("stance")) != str(p.get("stance")):
            return 0.0
        if g.get("claimant") is None or actor_map.get(str(p.get("claimant"))) != g.get("claimant"):
            return 0.0
        return claim_score(g, p)

    attributed_map = _greedy(g_claims, p_claims, attributed_score)

    scores = {
        "actors": _count(len(g_actors), len(p_actors), len(actor_map)),
        "locations": _count(len(g_locs), len(p_locs), len(loc_map)),
        "incidents": _count(len(g_incs), len(p_incs), len(inc_map)),
        "incident_dates": _date_score(g_incs, p_incs, inc_map),
        "claims": _count(len(g_claims), len(p_claims), len(claim_map)),
        "attributed_claims": _count(len(g_claims), len(p_claims), len(attributed_map)),
    }
    node_maps = {**actor_map, **loc_map, **inc_map, **claim_map}
    for etype in ("ACCUSES", "DENIES", "OCCURRED_NEAR"):
        g_edges = _edges_unique(gold, etype)
        p_edges = {_edge_key(e, node_maps) for e in _edges(pred, etype)}
        # Predicted edges that map onto the same gold edge count once (the rest are false positives).
        tp = len(g_edges & p_edges)
        scores[etype] = Score(tp=tp, fp=len(_edges_unique(pred, etype)) - tp, fn=len(g_edges) - tp)
    return scores


# --- matching ----------------------------------------------------------------------------------


def _greedy(
    gold: Sequence[dict[str, Any]],
    pred: Sequence[dict[str, Any]],
    score: Callable[[dict[str, Any], dict[str, Any]], float],
) -> dict[str, str]:
    """One-to-one matching: pairs with a positive score, best first; ties go to the earlier gold item,
    then the earlier predicted item. Returns predicted id -> gold id."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s > 0:
                pairs.append((-s, gi, pi))
    pairs.sort()
    used_gold: set[int] = set()
    mapping: dict[str, str] = {}
    used_pred: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        mapping[str(pred[pi]["id"])] = str(gold[gi]["id"])
    return mapping


_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})


def name_key(name: str) -> str:
    """Key under which two surface forms of a name are the same: NFKC, casefolded, one space,
    typographic apostrophes straightened, a leading article dropped.

    >>> name_key("The  Ministry’s\\nspokesman")
    "ministry's spokesman"
    """
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES)
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return _LEADING_ARTICLE.sub("", text)


def _names(item: Mapping[str, Any]) -> set[str]:
    names = [item.get("name") or "", *(item.get("aliases") or [])]
    return {k for k in (name_key(str(n)) for n in names) if k}


def _name_score(g: dict[str, Any], p: dict[str, Any]) -> float:
    """Shared names, as a Jaccard share so the closest pair wins; 0 when no name is shared."""
    a, b = _names(g), _names(p)
    shared = len(a & b)
    return shared / len(a | b) if shared else 0.0


def quote_overlap(a: str, b: str) -> float:
    """Share of the shorter quote covered by the longest stretch both quotes have in common.

    Quotes are exact substrings of one article, so a common stretch is where the spans overlap.

    >>> quote_overlap("the army said it shelled the town", "it shelled the town on Monday")
    0.6552
    """
    a, b = _ws(a), _ws(b)
    if not a or not b:
        return 0.0
    return round(_common(a, b) / min(len(a), len(b)), 4)


@lru_cache(maxsize=1 << 16)
def _common(a: str, b: str) -> int:
    if a in b or b in a:
        return min(len(a), len(b))
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _quote_score(g: dict[str, Any], p: dict[str, Any]) -> float:
    """0 below the overlap threshold; otherwise the share of the shorter plus the share of the longer
    quote, so that among eligible pairs the closest spans pair up first."""
    quote = _ws(str(p.get("quote") or ""))
    best = 0.0
    for q in [g.get("quote") or "", *(g.get("alt_quotes") or [])]:
        q = _ws(str(q))
        if not q or not quote:
            continue
        common = _common(q, quote)
        if common / min(len(q), len(quote)) >= QUOTE_OVERLAP:
            best = max(best, common / min(len(q), len(quote)) + common / max(len(q), len(quote)))
    return best


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- dates -------------------------------------------------------------------------------------


def _span(item: Mapping[str, Any]) -> TimeSpan | None:
    from loaders.annotations import parse_gold_date

    value = item.get("date")
    if not value:
        return None
    try:
        return parse_gold_date(str(value), item.get("date_precision"))
    except (ValueError, TypeError):
        return None


def _dates_overlap(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    a, b = _span(g), _span(p)
    if a is None or b is None:
        return False
    return a.overlaps(b.start, b.end)


def _same_date(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    a, b = _span(g), _span(p)
    return a is not None and b is not None and (a.label(), a.precision) == (b.label(), b.precision)


def _date_score(
    g_incs: Sequence[dict[str, Any]], p_incs: Sequence[dict[str, Any]], inc_map: Mapping[str, str]
) -> Score:
    """Dates of incidents: a dated prediction is right when its incident matched a gold incident with
    the same date at the same precision."""
    by_id = {str(g["id"]): g for g in g_incs}
    tp = sum(
        1
        for p in p_incs
        if _span(p) is not None and str(p["id"]) in inc_map and _same_date(by_id[inc_map[str(p["id"])]], p)
    )
    n_pred = sum(1 for p in p_incs if _span(p) is not None)
    n_gold = sum(1 for g in g_incs if _span(g) is not None)
    return Score(tp=tp, fp=n_pred - tp, fn=n_gold - tp)


# --- edges -------------------------------------------------------------------------------------


def _edges(ann: Annotation, etype: str) -> list[dict[str, Any]]:
    return [e for e in ann.get("edges") or [] if str(e.get("type")) == etype]


def _edges_unique(ann: Annotation, etype: str) -> set[tuple[str, str, str]]:
    return {_edge_key(e, None) for e in _edges(ann, etype)}


def _edge_key(edge: Mapping[str, Any], mapping: Mapping[str, str] | None) -> tuple[str, str, str]:
    # Only ACCUSES carries its claim; DENIES names the denied claim as its target.
    via = str(edge.get("via") or "") if str(edge.get("type")) == "ACCUSES" else ""
    ends = (str(edge.get("from")), str(edge.get("to")), via)
    if mapping is None:
        return ends
    # An unmapped endpoint keeps a marker that no gold id can equal.
    return tuple(mapping.get(x, "\x00" + x) if x else "" for x in ends)  # type: ignore[return-value]


def _incident_places(ann: Annotation, incidents: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    places = {str(i["id"]): ({str(i["location"])} if i.get("location") else set()) for i in incidents}
    for e in _edges(ann, "OCCURRED_NEAR"):
        places.setdefault(str(e.get("from")), set()).add(str(e.get("to")))
    return places


# --- helpers -----------------------------------------------------------------------------------


def _items(ann: Annotation, key: str) -> list[dict[str, Any]]:
    return [dict(x) for x in ann.get(key) or []]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a & b else 0.0


def _mapped(refs: Iterable[Any] | None, mapping: Mapping[str, str]) -> set[str]:
    return {mapping[str(r)] for r in refs or [] if str(r) in mapping}


def _same_ref(gold_ref: Any, pred_ref: Any, mapping: Mapping[str, str]) -> bool:
    """Both null, or the predicted reference maps onto the gold one."""
    if gold_ref is None and pred_ref is None:
        return True
    return pred_ref is not None and mapping.get(str(pred_ref)) == gold_ref


def _count(n_gold: int, n_pred: int, matched: int) -> Score:
    return Score(tp=matched, fp=n_pred - matched, fn=n_gold - matched)


def load_gold_dir(path: str | Path) -> dict[str, dict[str, Any]]:
    """Gold annotations of a directory (``NAME.json`` or ``NAME.gold.json``), keyed by the
    annotation's ``article`` name. Sidecars (``*.meta.json``) are skipped."""
    out: dict[str, dict[str, Any]] = {}
    for file in sorted(Path(path).rglob("*.json")):
        if file.name.endswith(".meta.json"):
            continue
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(str(file), f"broken JSON: {exc.msg}", exc.lineno) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(file), f"cannot read gold file: {exc}") from exc
        if not isinstance(data, dict) or "claims" not in data or "actors" not in data:
            raise InputError(str(file), "not a gold annotation (needs 'actors' and 'claims' keys)")
        name = str(data.get("article") or file.name.removesuffix(".json").removesuffix(".gold"))
        if name in out:
            raise InputError(str(file), f"a second gold annotation for article {name!r}")
        out[name] = data
    return out
