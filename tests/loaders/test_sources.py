"""Reading inputs: every format, cleaning with exact offsets, metadata precedence, bad input."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.model import Article, article_id
from loaders.sources import (
    CHUNK_CHARS,
    TEXT_LIMIT_BYTES,
    Skipped,
    parse_published,
    read_file,
    read_inputs,
    split_long,
)

RAW_TXT = """EUROPE
Ferry crews strike over unpaid wages at northern port
Ferry crews strike over unpaid wages at northern port
Crews of three ferries walked off their ships in Lundhaven on Thursday, the dockers' union said.

"We have not been paid since March," said Ilse Varga, a union organiser.
Share on Facebook
The port authority rejected the union's figures as exaggerated.
Our readers are reading too
Storm closes mountain pass
Subscribe to our newsletter
"""


def articles(items: list[object]) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def errors(items: list[object]) -> list[InputError]:
    return [x for x in items if isinstance(x, InputError)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_txt_drops_label_repeated_title_share_line_and_trailing_boilerplate(tmp_path: Path) -> None:
    [a] = read_file(write(tmp_path / "ferry.txt", RAW_TXT))
    assert isinstance(a, Article)
    assert a.title == "Ferry crews strike over unpaid wages at northern port"
    assert a.text == (
        "Ferry crews strike over unpaid wages at northern port\n\n"
        "Crews of three ferries walked off their ships in Lundhaven on Thursday, the dockers' union said.\n\n"
        '"We have not been paid since March," said Ilse Varga, a union organiser.\n\n'
        "The port authority rejected the union's figures as exaggerated."
    )
    assert [(d.reason, d.text) for d in a.dropped] == [
        ("section label", "EUROPE"),
        ("repeated title", "Ferry crews strike over unpaid wages at northern port"),
        ("share line", "Share on Facebook"),
        (
            "trailing boilerplate",
            "Our readers are reading too\nStorm closes mountain pass\nSubscribe to our newsletter",
        ),
    ]
    assert a.id == article_id(a.text)
    assert a.published is None
    for quote in ("rejected the union's figures as exaggerated", '"We have not been paid since March,"'):
        start = a.text.index(quote)
        assert a.text[start : start + len(quote)] == quote
    assert "Our readers" not in a.text and "Share on" not in a.text


def test_txt_drops_byline_and_credit_lines_but_keeps_sentences_that_look_like_them(tmp_path: Path) -> None:
    raw = (
        "Dam talks collapse after a night of shelling\n"
        "By Mara Lind and OTTO VEGA, Northwind Wire\n"
        "RIVERTON (Northwind Wire) - Shells hit the dam road on Friday, the district chief said.\n\n"
        "Reporting by the monitors was slow, residents said.\n\n"
        "Copyright laws do not cover the leaked footage, the broadcaster said.\n\n"
        "By Sunday the convoy had turned back.\n\n"
        "Reporting by Mara Lind in Riverton; Additional reporting by Otto Vega; Editing by Ines Holm\n"
        "Northwind Wire writer Pia Sand contributed to this report.\n"
        "Copyright 2026 Northwind Wire. All rights reserved.\n"
    )
    [a] = read_file(write(tmp_path / "dam.txt", raw))
    assert isinstance(a, Article)
    assert a.title == "Dam talks collapse after a night of shelling"
    assert a.text == (
        "Dam talks collapse after a night of shelling\n\n"
        "RIVERTON (Northwind Wire) - Shells hit the dam road on Friday, the district chief said.\n\n"
        "Reporting by the monitors was slow, residents said.\n\n"
        "Copyright laws do not cover the leaked footage, the broadcaster said.\n\n"
        "By Sunday the convoy had turned back."
    )
    assert [(d.reason, d.text) for d in a.dropped] == [
        ("byline", "By Mara Lind and OTTO VEGA, Northwind Wire"),
        (
            "credit line",
            "Reporting by Mara Lind in Riverton; Additional reporting by Otto Vega; Editing by Ines Holm",
        ),
        ("credit line", "Northwind Wire writer Pia Sand contributed to this report."),
        ("credit line", "Copyright 2026 Northwind Wire. All rights reserved."),
    ]


def test_md_drops_a_republication_note_but_keeps_a_sentence_about_a_report(tmp_path: Path) -> None:
    raw = (
        "---\ntitle: Dam road shelled\npublished: 2026-03-02\n---\n\n"
        "Shells hit the dam road on Friday, the district chief said.\n\n"
        "The report was published by the monitors on Sunday, residents said.\n\n"
        "This article was originally published by Northwind Wire. It has been edited for length.\n"
    )
    [a] = read_file(write(tmp_path / "dam.md", raw))
    assert isinstance(a, Article)
    assert a.text.endswith("The report was published by the monitors on Sunday, residents said.")
    assert [(d.reason, d.text) for d in a.dropped] == [
        (
            "credit line",
            "This article was originally published by Northwind Wire. It has been edited for length.",
        )
    ]


def test_txt_drops_rule_separators_and_promo_links_but_keeps_body_sentences_with_addresses(
    tmp_path: Path,
) -> None:
    raw = (
        "Ferry service resumes after the storm\n\n"
        "LUNDHAVEN (Northwind Wire) - Ferries sailed again on Monday, the port authority said.\n\n"
        "* * *\n\n"
        "The authority posted the new timetable at www.lundhaven-port.example on Sunday.\n\n"
        "___\n\n"
        "Follow Northwind Wire's coverage of the storm at https://northwind.example/hub/storm\n"
    )
    [a] = read_file(write(tmp_path / "ferry.txt", raw))
    assert isinstance(a, Article)
    assert a.text == (
        "Ferry service resumes after the storm\n\n"
        "LUNDHAVEN (Northwind Wire) - Ferries sailed again on Monday, the port authority said.\n\n"
        "The authority posted the new timetable at www.lundhaven-port.example on Sunday."
    )
    assert [(d.reason, d.text) for d in a.dropped] == [
        ("separator", "* * *"),
        ("separator", "___"),
        (
            "share line",
            "Follow Northwind Wire's coverage of the storm at https://northwind.example/hub/storm",
        ),
    ]


def test_txt_header_time_stamp_dates_the_article_and_page_metadata_lines_are_dropped(tmp_path: Path) -> None:
    body = (
        "Villagers flee as shelling resumes near the dam\n"
        "{stamp}\n"
        "Views: 1284\n"
        "Photo: Villagers load a truck near the dam. (Northwind Wire)\n"
        "Shells fell on two villages near the dam on Tuesday, the district chief said.\n"
        "Tags: dam, shelling, villages\n"
    )
    [a] = read_file(write(tmp_path / "dam.txt", body.format(stamp="19 September 2023, 14:35")))
    assert isinstance(a, Article)
    assert a.published == date(2023, 9, 19) and not a.published_inferred
    assert a.extra["published_source"] == "time stamp in the text"
    assert a.text == (
        "Villagers flee as shelling resumes near the dam\n\n"
        "Shells fell on two villages near the dam on Tuesday, the district chief said."
    )
    assert [(d.reason, d.text) for d in a.dropped] == [
        ("time stamp", "19 September 2023, 14:35"),
        ("page metadata", "Views: 1284"),
        ("page metadata", "Photo: Villagers load a truck near the dam. (Northwind Wire)"),
        ("page metadata", "Tags: dam, shelling, villages"),
    ]
    # A sidecar still wins over the stamp.
    write(tmp_path / "dam.meta.json", json.dumps({"published": "2023-09-20"}))
    [b] = read_file(tmp_path / "dam.txt")
    assert isinstance(b, Article) and b.published == date(2023, 9, 20)
    # A relative or ambiguous stamp is dropped from the text but dates nothing.
    for stamp in ("Updated 3 hours ago", "03/04/2023 10:15"):
        [c] = read_file(write(tmp_path / "other" / "dam.txt", body.format(stamp=stamp)))
        assert isinstance(c, Article)
        assert c.published is None, stamp
        assert ("time stamp", stamp) in [(d.reason, d.text) for d in c.dropped]


def test_txt_title_case_label_and_no_repeat(tmp_path: Path) -> None:
    raw = (
        "Middle East\nTalks on prisoner swap stall\n\n"
        "Negotiators left the capital on Sunday without a deal.\n"
    )
    [a] = read_file(write(tmp_path / "swap.txt", raw))
    assert isinstance(a, Article)
    assert a.title == "Talks on prisoner swap stall"
    assert a.text == "Talks on prisoner swap stall\n\nNegotiators left the capital on Sunday without a deal."
    assert [d.reason for d in a.dropped] == ["section label"]


def test_txt_that_starts_with_running_text_has_no_title_and_drops_nothing(tmp_path: Path) -> None:
    raw = (
        "Negotiators left the capital on Sunday without a deal on the exchange of prisoners, officials "
        "from both delegations told reporters.\nA new round is due next month.\n"
    )
    [a] = read_file(write(tmp_path / "plain.txt", raw))
    assert isinstance(a, Article)
    assert a.title == ""
    assert a.dropped == []
    assert a.text.startswith("Negotiators left the capital") and a.text.endswith("due next month.")


def test_md_front_matter_extra_keys_and_inferred_date(tmp_path: Path) -> None:
    md = (
        '---\ntitle: "Shelling resumes near the dam"\nurl: https://example.invalid/dam\noutlet: Valley Post\n'
        "published: 2024-02-10\npublished_inferred: true\npublished_source: inferred\nlanguage: en\n"
        "desk: regional\ncomplete: true\ntags: [dam, shelling]\n---\n\n"
        "Artillery fire hit the dam road overnight, the district governor said.\n\n"
        "Nobody was hurt, he added.\n"
    )
    [a] = read_file(write(tmp_path / "dam.md", md))
    assert isinstance(a, Article)
    assert (a.title, a.url, a.outlet, a.language) == (
        "Shelling resumes near the dam",
        "https://example.invalid/dam",
        "Valley Post",
        "en",
    )
    assert a.published == date(2024, 2, 10) and a.published_inferred is True
    assert a.extra == {
        "desk": "regional",
        "complete": "true",
        "tags": '["dam", "shelling"]',
        "published_source": "inferred",
    }
    assert a.text == (
        "Artillery fire hit the dam road overnight, the district governor said.\n\nNobody was hurt, he added."
    )


def test_json_record_list_and_jsonl(tmp_path: Path) -> None:
    one = {
        "title": "Aid convoy reaches town",
        "published": "2024-06-01",
        "text": "The convoy arrived.",
        "x": 5,
    }
    write(tmp_path / "one.json", json.dumps(one))
    write(
        tmp_path / "many.json",
        json.dumps([{"text": "First report of fire."}, {"text": "Second report of fire.", "outlet": "Wire"}]),
    )
    write(
        tmp_path / "lines.jsonl",
        json.dumps({"text": "Line one text."}) + "\n\n" + json.dumps({"text": "Line three text."}) + "\n",
    )
    got = articles(list(read_inputs([tmp_path])))
    assert [a.text for a in got] == [
        "Line one text.",
        "Line three text.",
        "First report of fire.",
        "Second report of fire.",
        "The convoy arrived.",
    ]
    convoy = got[-1]
    assert (convoy.title, convoy.published, convoy.extra) == (
        "Aid convoy reaches town",
        date(2024, 6, 1),
        {"x": "5"},
    )
    assert got[3].outlet == "Wire"


HTML = """<!doctype html><html lang="en"><head><title>Bridge shelled | Valley Post</title>
<meta property="og:title" content="Bridge shelled on the river road">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
</head><body><nav>Home | World | Sport</nav><article><h1>Bridge shelled on the river road</h1>
<p>The regional governor said on Monday that artillery had hit the bridge over the river, cutting the
only road to the valley towns.</p><p>The rebel command denied firing at the bridge and called the claim
a fabrication meant to justify new offensives in the region.</p></article>
<footer>Copyright Valley Post. All rights reserved.</footer><script>track()</script></body></html>"""


def test_html_through_trafilatura_with_title_and_page_date(tmp_path: Path) -> None:
    [a] = read_file(write(tmp_path / "bridge.html", HTML))
    assert isinstance(a, Article)
    assert a.title == "Bridge shelled on the river road"
    assert a.published == date(2024, 3, 5)
    assert a.extra["published_source"] == "page metadata"
    assert "artillery had hit the bridge" in a.text
    assert "The rebel command denied firing at the bridge" in a.text
    assert "track()" not in a.text and "Home | World" not in a.text


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Post</title><link>https://example.invalid</link>
<item><title>Curfew lifted</title><link>https://example.invalid/curfew</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The mayor &lt;b&gt;said&lt;/b&gt; the curfew was lifted.&lt;/p&gt;
&lt;p&gt;Shops reopened.&lt;/p&gt;</description></item>
<item><title>Empty item</title><description></description></item>
<item><title>No date</title><description>Police said two men were detained.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Wire</title><id>urn:x</id>
<updated>2024-04-02T00:00:00Z</updated>
<entry><title>Drone downed</title><id>urn:x:1</id><updated>2024-04-01T12:00:00Z</updated>
<content type="html">&lt;p&gt;Air defence units shot down a drone, the ministry said.&lt;/p&gt;
</content></entry>
</feed>"""


def test_rss_and_atom_entries_with_html_stripped(tmp_path: Path) -> None:
    items = list(read_file(write(tmp_path / "feed.rss", RSS)))
    got = articles(items)
    assert [(a.title, a.text, a.published, a.outlet) for a in got] == [
        (
            "Curfew lifted",
            "The mayor said the curfew was lifted.\n\nShops reopened.",
            date(2024, 3, 5),
            "Valley Post",
        ),
        ("No date", "Police said two men were detained.", None, "Valley Post"),
    ]
    [err] = errors(items)
    assert str(err) == f"{tmp_path / 'feed.rss'}: entry 2 ('Empty item') has no text"
    [drone] = read_file(write(tmp_path / "wire.atom", ATOM))
    assert isinstance(drone, Article)
    assert (drone.title, drone.text, drone.published) == (
        "Drone downed",
        "Air defence units shot down a drone, the ministry said.",
        date(2024, 4, 1),
    )


def test_sidecar_overrides_and_published_option_overrides_both(tmp_path: Path) -> None:
    md = "---\ntitle: Old title\npublished: 2024-01-01\n---\nThe minister said the border was open.\n"
    path = write(tmp_path / "border.md", md)
    write(
        tmp_path / "border.meta.json",
        json.dumps(
            {
                "title": "Border reopens",
                "published": "2024-01-03",
                "published_inferred": True,
                "published_source": "inferred",
                "published_note": "from the events",
            }
        ),
    )
    [a] = read_file(path)
    assert isinstance(a, Article)
    assert (a.title, a.published, a.published_inferred) == ("Border reopens", date(2024, 1, 3), True)
    assert a.extra == {"published_note": "from the events", "published_source": "inferred"}
    [b] = read_inputs([path], published="2024-01-09")
    assert isinstance(b, Article)
    assert (b.published, b.published_inferred, b.extra["published_source"]) == (
        date(2024, 1, 9),
        False,
        "override",
    )
    # The sidecar is metadata, never an article of its own.
    assert [x.source_path for x in articles(list(read_inputs([tmp_path])))] == [str(path)]


def test_no_date_stays_none_whatever_the_mtime(tmp_path: Path) -> None:
    path = write(tmp_path / "n.txt", "Troops moved overnight, witnesses said yesterday.\n")
    import os

    os.utime(path, (1_700_000_000, 1_700_000_000))
    [a] = read_file(path)
    assert isinstance(a, Article)
    assert a.published is None and a.published_inferred is False and "published_source" not in a.extra


def test_relative_or_bad_published_value_is_refused() -> None:
    assert parse_published("5 March 2024", "x") == date(2024, 3, 5)
    for bad in ("yesterday", "2024-13-45", "soon"):
        with pytest.raises(InputError, match="is not a date"):
            parse_published(bad, "x")


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "z.txt", "Zeta town was calm, the police said.")
    write(tmp_path / "b" / "a.txt", "Alpha town was calm, the police said.")
    write(tmp_path / "a.md", "Root file text, the mayor said.")
    write(tmp_path / ".hidden" / "x.txt", "Hidden text.")
    write(tmp_path / ".dot.txt", "Hidden file.")
    write(tmp_path / "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(
        tmp_path / "seed.gold.json", json.dumps({"article": "seed", "actors": [], "claims": [], "edges": []})
    )
    items = list(read_inputs([tmp_path]))
    assert [Path(a.source_path or "").relative_to(tmp_path).as_posix() for a in articles(items)] == [
        "a.md",
        "b/a.txt",
        "b/z.txt",
    ]
    skipped = [x for x in items if isinstance(x, Skipped)]
    assert [(Path(s.path).name, s.reason.split(" (")[0]) for s in skipped] == [
        ("logo.png", "unknown file type '.png'"),
        ("seed.gold.json", "a gold annotation, not an article"),
    ]
    assert errors(items) == []


def test_each_bad_input_gives_one_line_naming_file_and_problem(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "The governor said the road was open again.")
    bad = {
        "empty.txt": ("", "empty file"),
        "blank.md": ("  \n\n", "empty file"),
        "binary.txt": (b"\x7fELF\x02\x01\x00\x00binary", "binary file (NUL bytes), not text"),
        "latin.txt": (
            "Caf\xe9 shelled".encode("latin-1"),
            "undecodable text: not UTF-8 (byte 0xe9 at offset 3)",
        ),
        "broken.json": ('{"text": "a",\n  "title": }', "broken JSON: Expecting value (column 12)"),
        "notext.json": (json.dumps({"title": "No body"}), "the record has no text"),
        "nested.json": ("[" * 100_000 + "]" * 100_000, "broken JSON: nested too deeply"),
    }
    for name, (content, _) in bad.items():
        write(tmp_path / name, content)
    big = tmp_path / "huge.txt"
    with big.open("w", encoding="utf-8") as fh:
        para = "The committee said the count would continue. " * 20 + "\n\n"
        while fh.tell() <= TEXT_LIMIT_BYTES:
            fh.write(para)
    write(tmp_path / "lines.jsonl", '{"text": "fine record"}\n{"text": \n{"title": "x"}\n')
    items = list(read_inputs([tmp_path]))
    lines = sorted(str(e) for e in errors(items))
    expected = sorted(
        [f"{tmp_path / name}: {problem}" for name, (_, problem) in bad.items()]
        + [
            f"{tmp_path / 'broken.json'}:2: broken JSON: Expecting value (column 12)",
            f"{big}: {big.stat().st_size / 1048576:.1f} MB is over the 5.0 MB limit",
            f"{tmp_path / 'lines.jsonl'}:2: broken JSON: Expecting value (column 9)",
            f"{tmp_path / 'lines.jsonl'}:3: record has no text",
        ]
    )
    expected.remove(f"{tmp_path / 'broken.json'}: broken JSON: Expecting value (column 12)")
    assert lines == expected
    assert all("\n" not in line for line in lines)
    assert sorted(a.text for a in articles(items)) == [
        "The governor said the road was open again.",
        "fine record",
    ]
    assert good.exists()


def test_text_with_a_utf16_byte_order_mark_is_read_and_furniture_only_html_is_refused(
    tmp_path: Path,
) -> None:
    body = "Shells hit the dam road on Friday, the district chief said.\n\nThe militia denied it."
    for codec in ("utf-16", "utf-16-be", "utf-32"):
        data = body.encode(codec)
        if codec == "utf-16-be":
            data = b"\xfe\xff" + data
        [a] = read_file(write(tmp_path / f"{codec}.txt", data))
        assert isinstance(a, Article) and a.text == body, codec
    # Without a mark, UTF-16 stays binary: no guessing of encodings.
    [err] = read_file(write(tmp_path / "nobom.txt", body.encode("utf-16-le")))
    assert str(err) == f"{tmp_path / 'nobom.txt'}: binary file (NUL bytes), not text"
    [err] = read_file(write(tmp_path / "lines.jsonl", json.dumps({"text": body}).encode("utf-16")))
    assert str(err) == (
        f"{tmp_path / 'lines.jsonl'}: JSON Lines in UTF-16/UTF-32 are not read; save the file as UTF-8"
    )
    page = "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"
    [err] = read_file(write(tmp_path / "nav.html", page))
    assert isinstance(err, InputError)
    assert str(err).startswith(f"{tmp_path / 'nav.html'}: no article text found in the HTML")


def test_json_record_over_the_text_limit_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "small one"}) + "\n")
        fh.write(json.dumps({"text": "x " * (TEXT_LIMIT_BYTES // 2 + 10)}) + "\n")
    items = list(read_file(path))
    assert [str(e) for e in errors(items)] == [f"{path}:2: 5.0 MB of text is over the 5.0 MB limit"]
    assert [a.text for a in articles(items)] == ["small one"]


def test_long_article_is_split_into_chunks_on_paragraph_boundaries(tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {i}: the council said the vote on item {i} was delayed." for i in range(8_000)]
    text = "\n\n".join(paragraphs)
    assert len(text.encode()) < TEXT_LIMIT_BYTES
    path = write(tmp_path / "minutes.md", "---\ntitle: Minutes\n---\n" + text)
    chunks = articles(list(read_file(path)))
    assert len(chunks) >= -(-len(text) // CHUNK_CHARS) > 1
    assert all(len(c.text) <= CHUNK_CHARS for c in chunks)
    # Packed greedily: a chunk ends only when the next paragraph (under 80 characters) would not fit.
    assert all(len(c.text) > CHUNK_CHARS - 80 for c in chunks[:-1])
    assert "\n\n".join(c.text for c in chunks) == text
    whole = article_id(text)
    assert [c.extra for c in chunks] == [
        {"chunk": str(i), "chunks": str(len(chunks)), "chunk_of": whole} for i in range(1, len(chunks) + 1)
    ]
    assert all(c.id == article_id(c.text) and c.title == "Minutes" for c in chunks)
    # Every paragraph lives whole in one chunk.
    assert sum(c.text.count("Paragraph ") for c in chunks) == 8_000


def test_a_paragraph_longer_than_a_chunk_is_cut_after_a_sentence() -> None:
    text = "Short lead.\n\n" + "The mayor said the water was safe. " * 50
    art = Article(id=article_id(text), text=text)
    pieces = list(split_long(art, limit=200))
    assert all(len(p.text) <= 200 for p in pieces)
    assert all(p.text.endswith(".") for p in pieces)
    assert sum(p.text.count("The mayor said") for p in pieces) == 50


def test_metadata_problems_name_the_record_or_line(tmp_path: Path) -> None:
    jsonl = write(
        tmp_path / "m.jsonl",
        json.dumps({"text": "Fine.", "published": "2024-01-02"})
        + "\n"
        + json.dumps({"text": "Bad date.", "published": "next Tuesday"})
        + "\n",
    )
    items = list(read_file(jsonl))
    assert [str(e) for e in errors(items)] == [
        f"{jsonl}:2: published 'next Tuesday' is not a date (give YYYY-MM-DD)"
    ]
    listed = write(tmp_path / "l.json", json.dumps([{"text": "A."}, {"text": "B.", "published": "soon"}]))
    assert [str(e) for e in errors(list(read_file(listed)))] == [
        f"{listed}: record 2: published 'soon' is not a date (give YYYY-MM-DD)"
    ]


def test_hostile_front_matter_is_one_line_not_a_crash(tmp_path: Path) -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        prev = chr(ord(level) - 1)
        bomb += (
            f"{level}: &{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        )
    bomb += "---\nThe council said the vote was delayed.\n"
    deep = "---\nk: " + "[" * 1500 + "]" * 1500 + "\n---\nText.\n"
    unclosed = "---\ntitle: x\nNo closing line.\n"
    for name, content, problem in (
        ("bomb.md", bomb, "a metadata value has more than 10000 items"),
        ("deep.md", deep, "broken YAML front matter: nested too deeply"),
        ("open.md", unclosed, "YAML front matter is not closed by a '---' line"),
    ):
        [err] = list(read_file(write(tmp_path / name, content)))
        assert isinstance(err, InputError)
        assert err.problem == problem and err.source == str(tmp_path / name)


# ../shared beside the clone (CI keeps a copy there), or $CONFLICTGRAPH_SHARED, as in tests/conftest.py.
SHARED = Path(os.environ.get("CONFLICTGRAPH_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")
DEV = SHARED / "dev-corpus"


@pytest.mark.skipif(not DEV.is_dir(), reason="shared dev corpus not mounted")
def test_dev_corpus_loads_unchanged_every_gold_quote_and_alias_is_in_the_stored_text() -> None:
    checked = 0
    dropped: list[str] = []
    for path in sorted((DEV / "articles").glob("*.md")):
        [article] = read_file(path)
        assert isinstance(article, Article)
        gold = json.loads((DEV / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert article.published is not None and article.published.isoformat() == gold["published"]
        # Nothing in these bodies is page furniture, except a wire credit line ("Reporting by …") and a
        # republication note.
        assert all(d.reason == "credit line" for d in article.dropped), path.name
        dropped += [d.text for d in article.dropped]
        fragments = [q for c in gold["claims"] for q in [c["quote"], *c.get("alt_quotes", [])]]
        fragments += [alias for item in gold["actors"] + gold["locations"] for alias in item["aliases"]]
        for fragment in fragments:
            assert fragment in article.text, (path.name, fragment)
        checked += len(fragments)
    assert checked > 1000
    assert dropped == [
        "(Reporting by Didier Kasongo; Editing by Helen Marsh)",
        "This story was republished from Meridian Wire. Some edits were made for length and style.",
    ]


def test_short_title_case_headline_with_a_standfirst_is_not_a_label(tmp_path: Path) -> None:
    raw = (
        "Clashes Erupt Near Border\nResidents flee as both armies trade fire along the river\n"
        "Fighting broke out on Sunday near the border crossing, officials said.\n"
    )
    [a] = read_file(write(tmp_path / "c.txt", raw))
    assert isinstance(a, Article)
    assert (a.title, a.dropped) == ("Clashes Erupt Near Border", [])
    assert a.text.startswith("Clashes Erupt Near Border\n\nResidents flee as both armies trade fire")
    labelled = "World News Today\nClashes Erupt Near Border\nClashes Erupt Near Border\nFighting broke out.\n"
    [b] = read_file(write(tmp_path / "d.txt", labelled))
    assert isinstance(b, Article)
    assert [d.reason for d in b.dropped] == ["section label", "repeated title"]
    assert b.text == "Clashes Erupt Near Border\n\nFighting broke out."
