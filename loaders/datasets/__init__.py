"""Structured event datasets in: ACLED, UCDP GED and GDELT 2.0 (events and mentions).

Every loader streams its file (memory flat in the file size), yields one :class:`ArticleGraph` per
dataset row (``graph.article`` is None; ``graph.source_key`` is a hash of dataset + row id + row content,
the ingest-ledger key), and yields an :class:`InputError` naming file and line for each bad row, then
goes on. Ids are deterministic: reading a file twice gives identical graphs. See docs/datasets.md.

>>> from pathlib import Path
>>> fixture = Path(__file__).parents[2] / "tests/datasets/fixtures/acled_current.csv"
>>> items = list(read_dataset("acled", fixture))
>>> sum(isinstance(i, ArticleGraph) for i in items) > 0
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.errors import InputError
from graph.model import ArticleGraph
from loaders.datasets.acled import read_acled
from loaders.datasets.gdelt import read_gdelt_events, read_gdelt_mentions
from loaders.datasets.ucdp import read_ucdp

FORMATS = ("acled", "ucdp", "gdelt", "gdelt-mentions")


def read_dataset(
    fmt: str,
    path: str | Path,
    *,
    all_codes: bool = False,
    extract_notes: bool = False,
    progress: bool = False,
) -> Iterator[ArticleGraph | InputError]:
    """Stream the graphs (and bad-row errors) of one dataset file.

    ``all_codes`` (GDELT) keeps every CAMEO code as an incident of type ``other``; ``extract_notes``
    (ACLED) also runs the article extractor over each event's notes; ``progress`` shows a rich bar on
    stderr. An unknown ``fmt`` raises :class:`InputError`; an unreadable file yields one.
    """
    p = Path(path)
    if fmt not in FORMATS:
        raise InputError(str(p), f"unknown dataset format {fmt!r}; allowed: {', '.join(FORMATS)}")
    if not p.is_file():
        yield InputError(str(p), "no such file")
        return
    try:
        if fmt == "acled":
            yield from read_acled(p, extract_notes=extract_notes, progress=progress)
        elif fmt == "ucdp":
            yield from read_ucdp(p, progress=progress)
        elif fmt == "gdelt":
            yield from read_gdelt_events(p, all_codes=all_codes, progress=progress)
        else:
            yield from read_gdelt_mentions(p, all_codes=all_codes, progress=progress)
    except InputError as err:
        yield err
    except OSError as exc:
        yield InputError(str(p), f"cannot read the file: {exc.strerror or exc}")


__all__ = ["FORMATS", "read_acled", "read_dataset", "read_gdelt_events", "read_gdelt_mentions", "read_ucdp"]
