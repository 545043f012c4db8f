"""Read article inputs into :class:`graph.model.Article` records, streaming, one input at a time.

Formats (``fmt="auto"`` picks by extension):

- ``text`` (``.txt``): raw copied pages; a leading section label, a repeated title, a byline, the
  page's time stamp, share lines, captions and tags, wire credit lines and trailing site boilerplate
  are dropped (kept in ``Article.dropped``, see :mod:`loaders.clean`); the first line is the title
  when it looks like one and stays in the text as its own paragraph. An absolute time stamp in the
  header ("19 September 2023, 14:35") is the publication date (``published_source`` "time stamp in
  the text"); a relative one ("3 hours ago") or an ambiguous one ("03/04/2023") dates nothing.
- ``md`` (``.md``): YAML front matter (``title``, ``url``, ``outlet``, ``published``, ``language``,
  ``published_inferred``, ``published_source``; any other key kept in ``Article.extra`` as a string)
  then the body.
- ``json`` (one record or a list of records) and ``jsonl`` (one record a line): the same keys plus
  ``text``.
- ``html`` through trafilatura (offline; title and date from the page's metadata, never from its text).
- ``rss`` (``.rss``, ``.atom``, ``.xml``) through feedparser: one article per entry, its content or
  summary with the HTML stripped.
- Directories are read recursively in sorted path order; hidden files and sidecars are skipped.

A sidecar ``NAME.meta.json`` (or ``NAME.EXT.meta.json``) beside a file overrides its metadata, and
``published`` (CLI ``--published``) overrides both. Without any of them ``Article.published`` is None:
never today, the file's mtime or a guess (nor a numeric date that reads two ways, "03/04/2024").

Bad input never stops the stream: each bad file or record is yielded as one :class:`InputError`
naming the file (and line or record) and the problem. Size policy: a text of more than
:data:`TEXT_LIMIT_BYTES` (5 MB) is rejected, as the issue lists it with the bad inputs; markup files
(HTML, feeds, JSON) are refused unread above :data:`FILE_LIMIT_BYTES` (50 MB). An accepted text
longer than :data:`CHUNK_CHARS` (a 5 MB article, say) is split on paragraph boundaries into chunk
articles that are parsed one after the other, so parser memory stays bounded by the chunk size: each
chunk is an Article of its own whose offsets index its own text, with ``extra`` ``chunk`` (1-based),
``chunks`` and ``chunk_of`` (the id of the whole text).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.md").write_text("---\\ntitle: Talks resume\\npublished: 2024-05-02\\ndesk: east\\n---\\n"
...                           "The envoy said talks would resume on Friday.\\n", encoding="utf-8")
>>> [a] = read_inputs([d])
>>> a.title, a.published.isoformat(), a.extra, a.text
('Talks resume', '2024-05-02', {'desk': 'east'}, 'The envoy said talks would resume on Friday.')
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from graph.errors import InputError
from graph.model import Article, DroppedSpan, article_id
from loaders.clean import clean_text

TEXT_LIMIT_BYTES = 5 * 1024 * 1024
FILE_LIMIT_BYTES = 50 * 1024 * 1024
CHUNK_CHARS = 100_000

FORMATS: tuple[str, ...] = ("auto", "text", "md", "json", "jsonl", "html", "rss")
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "rss",
    ".atom": "rss",
    ".xml": "rss",
}
SIDECAR_SUFFIX = ".meta.json"
KNOWN_KEYS = frozenset(
    {"title", "url", "outlet", "published", "language", "published_inferred", "published_source", "text"}
)


@dataclass(frozen=True)
class Skipped:
    """A file met while walking the inputs that is not an article (no error: nothing to ingest)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped, {self.reason}"


Item = Article | InputError | Skipped


def read_inputs(
    paths: Iterable[str | Path], fmt: str = "auto", published: date | str | None = None
) -> Iterator[Item]:
    """Articles of every file under ``paths``, in order; bad inputs come as InputError items."""
    check_format(fmt)
    override = parse_published(published, "--published") if published is not None else None
    for path in iter_files(paths):
        yield from read_file(path, fmt, override)


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def iter_files(paths: Iterable[str | Path], skip_dirs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Files named by ``paths``: files as given, directories recursively in sorted order (hidden
    entries, ``*.meta.json`` sidecars, embedded-store directories and the directories ``skip_dirs``
    skipped; symlinked directories not followed)."""
    skip = {os.path.realpath(d) for d in skip_dirs}

    def skipped(d: Path) -> bool:
        return os.path.realpath(d) in skip or _is_store_dir(d)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if skipped(path):
                continue
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not skipped(Path(root) / d))
                for name in sorted(files):
                    if not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX):
                        yield Path(root) / name
        else:
            yield path


def _is_store_dir(path: Path) -> bool:
    """An embedded store's directory (its snapshot and journal), e.g. ./conflictgraph-data left by an
    earlier run: its files are the store's, never articles, whichever store this run writes to."""
    from graph.nx_store import JOURNAL, SNAPSHOT

    return (path / JOURNAL).is_file() and (path / SNAPSHOT).is_file()


def format_of(path: Path) -> str | None:
    """The format of a file by its extension, or None when the extension is not an article's."""
    return EXTENSIONS.get(path.suffix.lower())


def read_file(path: str | Path, fmt: str = "auto", published: date | None = None) -> Iterator[Item]:
    """Articles of one file (several for JSON lists, JSONL and feeds), chunked when long."""
    path = Path(path)
    source = str(path)
    kind = fmt if fmt != "auto" else format_of(path)
    if kind is None:
        yield Skipped(source, f"unknown file type {path.suffix or '(no extension)'!r}")
        return
    if path.name.endswith(".gold.json"):
        yield Skipped(source, "a gold annotation, not an article (use --format annotations)")
        return
    try:
        if not path.exists():
            raise InputError(source, "no such file or directory")
        sidecar = read_sidecar(path)
        reader = _READERS[kind]
        for item in reader(path, sidecar):
            if isinstance(item, (InputError, Skipped)):
                yield item
                continue
            try:
                article = _finish(item, sidecar, published, source)
            except InputError as exc:
                yield exc
                continue
            yield from split_long(article)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")


# --- metadata ----------------------------------------------------------------------------------


def read_sidecar(path: Path) -> dict[str, Any]:
    """The metadata of ``NAME.meta.json`` or ``NAME.EXT.meta.json`` beside ``path`` ({} when none)."""
    for cand in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)):
        if cand.is_file() and cand != path:
            raw = _read_bytes(cand, FILE_LIMIT_BYTES)
            text = _decode(raw, str(cand))
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(
                    str(cand), f"broken JSON in metadata sidecar: {exc.msg}", exc.lineno
                ) from exc
            if not isinstance(data, dict):
                raise InputError(str(cand), "metadata sidecar must be a JSON object")
            return data
    return {}


def parse_published(value: Any, source: str) -> date | None:
    """A publication date from metadata: ISO date or datetime, RFC 822, or an absolute date in words.

    Relative words ("yesterday") are refused: they would silently become a guess.

    >>> parse_published("2023-09-19T08:00:00Z", "x").isoformat()
    '2023-09-19'
    >>> parse_published("Tue, 05 Mar 2024 10:00:00 GMT", "x").isoformat()
    '2024-03-05'
    >>> parse_published("yesterday", "x")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: x: published 'yesterday' is not a date (give YYYY-MM-DD)
    >>> parse_published("03/04/2024", "x")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: x: published '03/04/2024' is ambiguous (day/month or month/day): give YYYY-MM-DD
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})([T ].*)?", text)
    if m:
        try:
            return date.fromisoformat(m.group(1))
        except ValueError:
            pass
    else:
        import dateparser

        # "03/04/2024" is March 4 in one country and 3 April in another: refuse it rather than guess.
        m = re.search(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b", text)
        if m and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2):
            raise InputError(
                source, f"published {text!r} is ambiguous (day/month or month/day): give YYYY-MM-DD"
            )
        # Absolute forms only: dateparser would resolve "yesterday" against today's date.
        parsed = dateparser.parse(
            text,
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
            languages=["en"],
        )
        if parsed is not None and not re.search(r"(?i)\b(ago|yesterday|today|tomorrow|last|next)\b", text):
            found: date = parsed.date()
            return found
    raise InputError(source, f"published {text!r} is not a date (give YYYY-MM-DD)")


def _finish(
    fields: dict[str, Any], sidecar: Mapping[str, Any], published: date | None, source: str
) -> Article:
    """Merge record metadata, sidecar and override into an Article."""
    line, where = fields.get("_line"), fields.get("_where")
    private = ("text", "dropped", "_line", "_where")
    meta = {**{k: v for k, v in fields.items() if k not in private}, **sidecar}
    text: str = fields["text"]
    try:
        pub = parse_published(meta.get("published"), source)
        extra = {k: _as_str(v) for k, v in meta.items() if k not in KNOWN_KEYS and v is not None}
    except InputError as exc:
        problem = f"{where}: {exc.problem}" if where and not isinstance(line, int) else exc.problem
        raise InputError(source, problem, line if isinstance(line, int) else None) from exc
    inferred = _truthy(meta.get("published_inferred"))
    pub_source = meta.get("published_source")
    if published is not None:
        pub, inferred, pub_source = published, False, "override"
    if pub_source is not None and pub is not None:
        extra["published_source"] = str(pub_source)
    title = meta.get("title")
    return Article(
        id=article_id(text),
        title="" if title is None else str(title),
        url=None if meta.get("url") in (None, "") else str(meta["url"]),
        outlet=None if meta.get("outlet") in (None, "") else str(meta["outlet"]),
        language=str(meta.get("language") or "en"),
        published=pub,
        published_inferred=inferred and pub is not None,
        source_path=source,
        text=text,
        dropped=list(fields.get("dropped") or []),
        extra=extra,
    )


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return bool(value)


def _as_str(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    _check_size(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


_MAX_META_ITEMS = 10_000


def _check_size(value: Any) -> None:
    """Refuse a metadata value of more than 10,000 items before serialising it: YAML aliases can make
    a few lines of front matter expand to an exponential structure."""
    stack, seen = [value], 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > _MAX_META_ITEMS:
            raise InputError("", f"a metadata value has more than {_MAX_META_ITEMS} items")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)


# --- long texts --------------------------------------------------------------------------------


def split_long(article: Article, limit: int = CHUNK_CHARS) -> Iterator[Article]:
    """The article itself, or its chunks on paragraph boundaries when the text is longer than
    ``limit`` characters (a paragraph longer than that is cut after a sentence, else at a space)."""
    if len(article.text) <= limit:
        yield article
        return
    pieces = list(_chunks(article.text, limit))
    whole = article.id
    for i, piece in enumerate(pieces, 1):
        yield article.model_copy(
            update={
                "id": article_id(piece),
                "text": piece,
                "dropped": article.dropped if i == 1 else [],
                "extra": {**article.extra, "chunk": str(i), "chunks": str(len(pieces)), "chunk_of": whole},
            }
        )


def _chunks(text: str, limit: int) -> Iterator[str]:
    current: list[str] = []
    size = 0
    for para in text.split("\n\n"):
        for piece in _cut(para, limit):
            if current and size + 2 + len(piece) > limit:
                yield "\n\n".join(current)
                current, size = [], 0
            current.append(piece)
            size += len(piece) + (2 if size else 0)
    if current:
        yield "\n\n".join(current)


def _cut(para: str, limit: int) -> Iterator[str]:
    while len(para) > limit:
        window = para[:limit]
        cut = max(window.rfind(". "), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit - 1
        yield para[: cut + 1].strip()
        para = para[cut + 1 :].strip()
    if para:
        yield para


# --- reading bytes safely ----------------------------------------------------------------------


def _read_bytes(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise InputError(str(path), f"{_mb(size)} is over the {_mb(limit)} limit")
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:  # grew while reading
        raise InputError(str(path), f"more than {_mb(limit)}, over the limit")
    if not data.strip():
        raise InputError(str(path), "empty file")
    if b"\x00" in data and _bom(data) is None:
        raise InputError(str(path), "binary file (NUL bytes), not text")
    return data


# A byte-order mark names the encoding outright (Windows tools save "Unicode" text as UTF-16 with
# one), so such a file is text and is read in that encoding. Without a mark only UTF-8 is read:
# guessing a legacy code page could silently garble names.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),  # before UTF-16 LE: its mark starts the same way
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _bom(data: bytes) -> tuple[str, str] | None:
    """(codec, name) of the encoding ``data``'s byte-order mark names, or None without one."""
    return next(((codec, name) for bom, codec, name in _BOMS if data.startswith(bom)), None)


def _decode(data: bytes, source: str, line: int | None = None) -> str:
    codec, label = _bom(data) or ("utf-8-sig", "UTF-8")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            source,
            f"undecodable text: not {label} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            line,
        ) from exc


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _check_text(text: str, source: str, line: int | None = None) -> None:
    if not text.strip():
        raise InputError(source, "no text", line)
    size = len(text.encode("utf-8"))
    if size > TEXT_LIMIT_BYTES:
        raise InputError(source, f"{_mb(size)} of text is over the {_mb(TEXT_LIMIT_BYTES)} limit", line)


# --- readers: each yields a dict of fields (with 'text'), an InputError or a Skipped ------------

Fields = dict[str, Any]


def _read_text(path: Path, sidecar: Mapping[str, Any]) -> Iterator[Fields | InputError | Skipped]:
    text = _decode(_read_bytes(path, TEXT_LIMIT_BYTES), str(path))
    cleaned = clean_text(text, detect_title=True)
    _check_text(cleaned.text, str(path))
    fields: Fields = {"text": cleaned.text, "title": cleaned.title or "", "dropped": cleaned.dropped}
    stamp = _stamp_date(cleaned.stamp)
    if stamp is not None:
        # The page's own time stamp, copied with the text ("19 September 2023, 14:35"); a sidecar or
        # --published still wins, and a relative stamp ("3 hours ago") dates nothing.
        fields["published"] = stamp.isoformat()
        fields["published_source"] = "time stamp in the text"
    yield fields


def _stamp_date(stamp: str | None) -> date | None:
    if stamp is None:
        return None
    try:
        return parse_published(re.sub(r"(?i)^(updated|published|posted|last modified)\W*", "", stamp), "")
    except InputError:
        return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.S)


def _read_md(path: Path, sidecar: Mapping[str, Any]) -> Iterator[Fields | InputError | Skipped]:
    text = _decode(_read_bytes(path, TEXT_LIMIT_BYTES), str(path))
    text = text.replace("\r\n", "\n")
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        _guard_front_matter(m.group(1) or "", str(path))
        try:
            loaded = yaml.safe_load(m.group(1) or "")
        except RecursionError as exc:
            raise InputError(str(path), "broken YAML front matter: nested too deeply") from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else None
            raise InputError(
                str(path), f"broken YAML front matter: {getattr(exc, 'problem', exc)}", line
            ) from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise InputError(str(path), "YAML front matter is not a mapping of keys", 2)
        meta = {str(k): v for k, v in (loaded or {}).items()}
        text = text[m.end() :]
    elif text.startswith("---\n"):
        raise InputError(str(path), "YAML front matter is not closed by a '---' line", 1)
    cleaned = clean_text(text)
    _check_text(cleaned.text, str(path))
    yield {**meta, "text": cleaned.text, "dropped": cleaned.dropped}


_MAX_FRONT_MATTER = 64 * 1024
_MAX_YAML_DEPTH = 64


def _guard_front_matter(block: str, source: str) -> None:
    """Refuse front matter that is huge or deeply nested before PyYAML sees it: its parser slows to
    seconds per input on a thousand nested brackets."""
    if len(block) > _MAX_FRONT_MATTER:
        raise InputError(source, f"YAML front matter is over {_MAX_FRONT_MATTER // 1024} KB")
    depth = deepest = 0
    for ch in block:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    indent = max((len(x) - len(x.lstrip(" ")) for x in block.split("\n")), default=0)
    if deepest > _MAX_YAML_DEPTH or indent > 2 * _MAX_YAML_DEPTH:
        raise InputError(source, "broken YAML front matter: nested too deeply")


def _record(data: Any, source: str, where: str, line: int | None) -> Fields | InputError | Skipped:
    if not isinstance(data, dict):
        return InputError(source, f"{where} is not a JSON object", line)
    if "text" not in data and {"actors", "claims", "edges"} <= set(data):
        return Skipped(source, "a gold annotation, not an article (use --format annotations)")
    raw = data.get("text")
    if not isinstance(raw, str) or not raw.strip():
        return InputError(source, f"{where} has no text", line)
    try:
        _check_text(raw, source, line)
    except InputError as exc:
        return exc
    cleaned = clean_text(raw)
    fields = {str(k): v for k, v in data.items()}
    return {**fields, "text": cleaned.text, "dropped": cleaned.dropped, "_line": line, "_where": where}


def _read_json(path: Path, sidecar: Mapping[str, Any]) -> Iterator[Fields | InputError | Skipped]:
    text = _decode(_read_bytes(path, FILE_LIMIT_BYTES), str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"broken JSON: {exc.msg} (column {exc.colno})", exc.lineno) from exc
    except RecursionError as exc:
        raise InputError(str(path), "broken JSON: nested too deeply") from exc
    if isinstance(data, list):
        if not data:
            raise InputError(str(path), "empty JSON list: no records")
        for i, rec in enumerate(data, 1):
            yield _record(rec, str(path), f"record {i}", None)
    else:
        yield _record(data, str(path), "the record", None)


def _read_jsonl(path: Path, sidecar: Mapping[str, Any]) -> Iterator[Fields | InputError | Skipped]:
    seen_any = False
    with path.open("rb") as fh:
        if _bom(fh.read(4)) is not None:
            # Lines of UTF-16/32 text do not split on the newline byte; one message, not one per line.
            yield InputError(str(path), "JSON Lines in UTF-16/UTF-32 are not read; save the file as UTF-8")
            return
        fh.seek(0)
        for lineno, line in _bounded_lines(fh, TEXT_LIMIT_BYTES * 2):
            if line is None:
                seen_any = True
                yield InputError(str(path), "record longer than the 10.0 MB line limit", lineno)
                continue
            if not line.strip():
                continue
            seen_any = True
            if b"\x00" in line:
                yield InputError(str(path), "binary data (NUL bytes), not JSON", lineno)
                continue
            try:
                data = json.loads(_decode(line.strip(), str(path), lineno))
            except InputError as exc:
                yield exc
                continue
            except json.JSONDecodeError as exc:
                yield InputError(str(path), f"broken JSON: {exc.msg} (column {exc.colno})", lineno)
                continue
            except RecursionError:
                yield InputError(str(path), "broken JSON: nested too deeply", lineno)
                continue
            yield _record(data, str(path), "record", lineno)
    if not seen_any:
        raise InputError(str(path), "empty file")


def _bounded_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines of a binary stream, never holding more than ``limit`` bytes of one line: an over-long
    line is skipped to its end and reported as None."""
    lineno = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, line


_MIN_HTML_WORDS = 8


def _read_html(path: Path, sidecar: Mapping[str, Any]) -> Iterator[Fields | InputError | Skipped]:
    import trafilatura

    raw = _read_bytes(path, FILE_LIMIT_BYTES)
    # Only the page's own metadata dates it: the extensive search would read dates out of the text.
    doc = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not str(body).strip():
        raise InputError(str(path), "no article text found in the HTML")
    if len(str(body).split()) < _MIN_HTML_WORDS and not re.search(r"[.!?]", str(body)):
        # A page without an article body gives its navigation ("Home"): no sentence, only furniture.
        raise InputError(str(path), f"no article text found in the HTML (only {str(body).strip()[:40]!r})")
    # trafilatura gives one paragraph a line.
    text = "\n\n".join(line.strip() for line in str(body).split("\n") if line.strip())
    _check_text(text, str(path))
    cleaned = clean_text(text)
    fields: Fields = {"text": cleaned.text, "dropped": cleaned.dropped}
    title = getattr(doc, "title", None)
    if title:
        fields["title"] = str(title)
    page_date = getattr(doc, "date", None)
    if page_date:
        fields["published"] = str(page_date)
        fields["published_source"] = "page metadata"
    for key, attr in (("url", "url"), ("outlet", "sitename"), ("language", "language")):
        value = getattr(doc, attr, None)
        if value:
            fields[key] = str(value)
    yield fields


def _read_rss(path: Path, sidecar: Mapping[str, Any]) -> Iterator[Fields | InputError | Skipped]:
    import feedparser

    raw = _read_bytes(path, FILE_LIMIT_BYTES)
    # Bytes, never a path or URL: feedparser would fetch a URL.
    feed = feedparser.parse(raw)
    entries = list(feed.entries)
    if not entries:
        problem = feed.get("bozo_exception") if feed.get("bozo") else None
        raise InputError(str(path), f"not an RSS/Atom feed with entries{f': {problem}' if problem else ''}")
    outlet = feed.feed.get("title")
    for i, entry in enumerate(entries, 1):
        contents = [c.get("value", "") for c in entry.get("content", []) or []]
        html = max(contents, key=len) if contents else entry.get("summary", "")
        text = html_to_text(html or "")
        where = f"entry {i}" + (f" ({entry.get('title')!r})" if entry.get("title") else "")
        if not text.strip():
            yield InputError(str(path), f"{where} has no text")
            continue
        try:
            _check_text(text, str(path))
        except InputError as exc:
            yield InputError(str(path), f"{where}: {exc.problem}")
            continue
        cleaned = clean_text(text)
        fields: Fields = {"text": cleaned.text, "dropped": cleaned.dropped, "title": entry.get("title", "")}
        if entry.get("link"):
            fields["url"] = entry["link"]
        if outlet:
            fields["outlet"] = outlet
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            fields["published"] = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
            fields["published_source"] = "feed metadata"
        yield fields


_READERS = {
    "text": _read_text,
    "md": _read_md,
    "json": _read_json,
    "jsonl": _read_jsonl,
    "html": _read_html,
    "rss": _read_rss,
}


class _TextOf(HTMLParser):
    """Text of an HTML fragment with block elements as paragraph breaks. Written by hand because the
    feed's fragments are too short for trafilatura's article extraction, which discards them."""

    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"})
    SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element.

    >>> html_to_text("<p>The army <b>said</b> so.</p><script>x()</script><p>Rebels denied it.</p>")
    'The army said so.\\n\\nRebels denied it.'
    """
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    joined = "".join(parser.parts)
    paragraphs = [re.sub(r"[ \t\r\f\v\n]+", " ", p).strip() for p in re.split(r"\n\s*\n", joined)]
    return "\n\n".join(p for p in paragraphs if p)


__all__ = [
    "CHUNK_CHARS",
    "FILE_LIMIT_BYTES",
    "FORMATS",
    "TEXT_LIMIT_BYTES",
    "DroppedSpan",
    "Item",
    "Skipped",
    "check_format",
    "format_of",
    "html_to_text",
    "iter_files",
    "parse_published",
    "read_file",
    "read_inputs",
    "split_long",
]
