"""Fact-checkers' ratings of claims, for the ClaimReview export.

The graph records who claims, denies and counter-accuses what; it never records a verdict. A
fact-checker who has rated claims gives the ratings as a file, and ``export --format claimreview
--ratings FILE`` puts each one in its claim's ``reviewRating`` (schema.org ``Rating``), with the
reviewer as the review's author. Claims without a rating get no ``reviewRating``.

The file is CSV with a header, or JSON (a list of objects) / JSONL (one object per line), with these
keys (only ``claim_id`` and ``rating`` are required):

=================  =====================================================================
``claim_id``       the claim's id, as printed by ``conflictgraph chain`` or the exports
``rating``         the verdict in words ("False", "Misleading", "Unproven"); ``alternateName``
``rating_value``   a number on the reviewer's scale; needs ``best_rating`` and ``worst_rating``
``best_rating``    the top of the scale
``worst_rating``   the bottom of the scale
``reviewer``       who rated it (default: "unnamed reviewer")
``review_url``     where the review is published
``review_date``    when it was published (YYYY-MM-DD)
=================  =====================================================================

>>> import io
>>> ratings, problems = read_ratings(
...     io.StringIO("claim_id,rating,rating_value,best_rating,worst_rating\\nclm_1,False,1,5,1\\n"), "r.csv"
... )
>>> ratings["clm_1"].schema()["alternateName"], problems
('False', [])
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from graph.errors import InputError
from graph.model import NodeKind
from graph.store import GraphStore

FIELDS = (
    "claim_id",
    "rating",
    "rating_value",
    "best_rating",
    "worst_rating",
    "reviewer",
    "review_url",
    "review_date",
)


@dataclass(frozen=True)
class Rating:
    """One reviewer's verdict on one claim."""

    claim_id: str
    rating: str
    value: float | None = None
    best: float | None = None
    worst: float | None = None
    reviewer: str = "unnamed reviewer"
    url: str | None = None
    date: dt.date | None = None
    line: int | None = field(default=None, compare=False)  # where it was read, for error messages

    def schema(self) -> dict[str, Any]:
        """The schema.org ``Rating`` object."""
        out: dict[str, Any] = {"@type": "Rating", "alternateName": self.rating}
        if self.value is not None:
            out |= {
                "ratingValue": _num(self.value),
                "bestRating": _num(self.best),
                "worstRating": _num(self.worst),
            }
        return out


def _num(x: float | None) -> float | int | None:
    return int(x) if x is not None and float(x).is_integer() else x


def _records(fh: TextIO, name: str) -> Iterator[tuple[int, Any]]:
    """(line, record) pairs; a line that is not a record is yielded as an InputError."""
    if name.endswith(".jsonl"):
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield n, InputError(name, f"not JSON: {exc.msg}", n)
    elif name.endswith(".json"):
        try:
            doc = json.load(fh)
        except json.JSONDecodeError as exc:
            yield exc.lineno, InputError(name, f"not JSON: {exc.msg}", exc.lineno)
            return
        if not isinstance(doc, list):
            yield 1, InputError(name, "expected a list of rating objects", 1)
            return
        for n, rec in enumerate(doc, 1):
            yield n, rec
    else:
        reader = csv.DictReader(fh)
        missing = [f for f in ("claim_id", "rating") if f not in (reader.fieldnames or [])]
        if missing:
            yield (
                1,
                InputError(name, f"the header lacks {', '.join(missing)}; columns: {', '.join(FIELDS)}", 1),
            )
            return
        for rec in reader:
            yield reader.line_num, rec


def _number(rec: dict[str, Any], key: str) -> float | None:
    raw = rec.get(key)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{key} {raw!r} is not a number") from None


def _rating(rec: Any) -> Rating:
    if not isinstance(rec, dict):
        raise ValueError(f"expected an object with {', '.join(FIELDS)}, got {type(rec).__name__}")
    unknown = sorted(set(rec) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}; allowed: {', '.join(FIELDS)}")
    claim_id = str(rec.get("claim_id") or "").strip()
    rating = str(rec.get("rating") or "").strip()
    if not claim_id:
        raise ValueError("claim_id is empty")
    if not rating:
        raise ValueError(f"rating is empty for claim {claim_id!r}")
    value, best, worst = (_number(rec, k) for k in ("rating_value", "best_rating", "worst_rating"))
    if value is not None:
        if best is None or worst is None:
            raise ValueError(f"rating_value {_num(value)} needs best_rating and worst_rating (the scale)")
        if not min(best, worst) <= value <= max(best, worst):
            raise ValueError(f"rating_value {_num(value)} is outside the scale {_num(worst)}..{_num(best)}")
    date_raw = str(rec.get("review_date") or "").strip()
    try:
        date = dt.date.fromisoformat(date_raw) if date_raw else None
    except ValueError:
        raise ValueError(f"review_date {date_raw!r} is not YYYY-MM-DD") from None
    return Rating(
        claim_id=claim_id,
        rating=rating,
        value=value,
        best=best if value is not None else None,
        worst=worst if value is not None else None,
        reviewer=str(rec.get("reviewer") or "").strip() or "unnamed reviewer",
        url=str(rec.get("review_url") or "").strip() or None,
        date=date,
    )


def read_ratings(fh: TextIO, name: str) -> tuple[dict[str, Rating], list[InputError]]:
    """Ratings by claim id, and one error per bad record (the other records are kept). A claim rated
    twice is an error on the second record: which verdict stands would be a guess."""
    ratings: dict[str, Rating] = {}
    problems: list[InputError] = []
    for line, rec in _records(fh, name):
        if isinstance(rec, InputError):
            problems.append(rec)
            continue
        try:
            r = _rating(rec)
        except ValueError as exc:
            problems.append(InputError(name, str(exc), line))
            continue
        if r.claim_id in ratings:
            problems.append(InputError(name, f"claim {r.claim_id!r} is rated twice", line))
            continue
        ratings[r.claim_id] = replace(r, line=line)
    return ratings, problems


def unknown_claims(store: GraphStore, ratings: Mapping[str, Rating], name: str) -> list[InputError]:
    """One error per rating whose claim id is not a claim in ``store`` (a typo, or another graph's id)."""
    out = []
    for r in ratings.values():
        node = store.get(r.claim_id)
        if node is None or node.kind is not NodeKind.CLAIM:
            kind = node.kind.value.lower() if node is not None else ""
            what = (
                "no node" if node is None else f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}, not a claim,"
            )
            out.append(
                InputError(name, f"claim_id {r.claim_id!r}: the store has {what} with this id", r.line)
            )
    return out


def load_ratings(path: str | Path) -> tuple[dict[str, Rating], list[InputError]]:
    """:func:`read_ratings` on a file (CSV, or ``.json`` / ``.jsonl`` by its name)."""
    p = Path(path)
    try:
        with p.open(encoding="utf-8-sig", newline="") as fh:
            return read_ratings(fh, str(p))
    except OSError as exc:
        raise InputError(str(p), f"cannot read the ratings file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(str(p), "the ratings file is not UTF-8 text") from None


__all__ = ["Rating", "load_ratings", "read_ratings", "unknown_claims"]
