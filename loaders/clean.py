"""Clean the text of a raw article: drop a leading section label, a repeated title, a byline,
share/subscribe lines, wire credit lines ("Reporting by …; Editing by …") and trailing site
boilerplate, and keep what was dropped on record.

The cleaned text is what the Article stores; every evidence offset indexes it. Cleaning only removes
whole lines and normalises paragraph breaks (a blank line between paragraphs), so any sentence of the
body is a verbatim substring of the cleaned text.

>>> raw = "WORLD\\nTroops withdraw from the pass\\nTroops withdraw from the pass\\n" \\
...       "The army said on Monday it had left the pass.\\nShare on Facebook\\n" \\
...       "Our readers are reading too\\nSome other story\\n"
>>> cleaned = clean_text(raw, detect_title=True)
>>> cleaned.title
'Troops withdraw from the pass'
>>> print(cleaned.text)
Troops withdraw from the pass
<BLANKLINE>
The army said on Monday it had left the pass.
>>> [d.reason for d in cleaned.dropped]
['section label', 'repeated title', 'share line', 'trailing boilerplate']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import DroppedSpan, normalise

# A line that is exactly one of these (case-insensitive, surrounding punctuation ignored) starts the
# site's trailing furniture: it and everything after it are dropped. Only whole lines count, so a
# sentence of the body that merely contains these words is never cut.
TRAILING_MARKERS: tuple[str, ...] = (
    "our readers are reading too",
    "readers are also reading",
    "related articles",
    "related stories",
    "related news",
    "related coverage",
    "more from this section",
    "more stories",
    "more on this story",
    "you may also like",
    "you might also like",
    "recommended stories",
    "most read",
    "most popular",
    "trending now",
    "what to read next",
    "leave a comment",
)

# Short lines that are page furniture wherever they appear (share buttons, newsletter prompts, ad
# slots, "Read more: <other story>" links); only that line is dropped.
SHARE_LINE = re.compile(
    r"^\W*(share( this( article| story)?)?( on| via)?( (facebook|twitter|x|whatsapp|telegram|linkedin|"
    r"email|e-mail|reddit))*|tweet|print( this article)?|e-?mail( this)?( article)?|copy link|"
    r"(subscribe|sign up)( now| today)?( to| for)?( our| the)?( daily| weekly)?( newsletter| newsletters)?|"
    r"follow us( on [\w ,&]+)?|click here to subscribe.*|join our (telegram|whatsapp) channel.*|"
    r"advertisement|advertising|sponsored|(read more|read also|also read|related|see also)(:.*)?)\W*$",
    re.IGNORECASE,
)
_MAX_SHARE_LINE_WORDS = 25

# A line of only rule characters ("___", "* * *", "----") separates the body from the page's
# furniture or one section from another; it carries no text.
RULE_LINE = re.compile(r"^\s*([_*=~\u2014\u2013-]\s*){3,}$")

# A promotional line that sends the reader elsewhere: "Follow our coverage of the war at
# https://…", "More on the crisis: www.…", "Download our app …". It starts with a call to action
# and holds a link; a body sentence that cites a web address does not start that way.
PROMO_LINE = re.compile(
    r"^\W*(follow|find|read|see|more|listen|watch|get|download|visit|sign up|subscribe|join|"
    r"for more|click)\b.*(https?://|www\.)\S+\W*$",
    re.IGNORECASE,
)

# Credit lines of wire copy, wherever they stand: "(Reporting by A; Editing by B)", "Additional
# reporting by C", "Writing by D", "X contributed to this report.", "Our Standards: …", a copyright
# line, a republication note ("This story was republished from X.", "… originally appeared in Y").
# Their names are staff, not actors of the story, so the whole line is dropped.
CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(((additional|further) )?(reporting|writing|editing|research|compiled|compilation|"
    r"graphics|production|translation|translated|edited|written|produced|reported)"
    r"( and (reporting|writing|editing))? by\s+(?P<names>.*)|"
    r"our standards:.*|(copyright|©|\(c\))\s*(©\s*)?\d{4}\b.*|all rights reserved\W*|"
    r"[\w .,'’&-]+ contributed (reporting|to this (report|story|article))\b.*|"
    r"(this|the) (story|article|report) (was|has been|is) "
    r"(republished|reprinted|(originally|first) (published|appeared))\b.*)$",
    re.IGNORECASE,
)
# After "Reporting by", a credit line holds only names, places and more credits: "Reporting by Jane
# Doe in Abeche; Editing by John Smith". A body sentence ("Reporting by the UN was slow") has verbs.
_CREDIT_WORDS = frozenset(
    {
        "and",
        "&",
        "in",
        "from",
        "with",
        "by",
        "the",
        "of",
        "de",
        "da",
        "van",
        "von",
        "al",
        "el",
        "bin",
        "additional",
        "further",
        "reporting",
        "writing",
        "editing",
        "research",
        "graphics",
        "production",
        "translation",
        "compiled",
        "edited",
        "written",
        "produced",
        "reported",
    }
)
_MAX_CREDIT_LINE_WORDS = 40

# Labelled page furniture, wherever it stands: a photo caption or credit, tags, a view counter.
META_LINE = re.compile(
    r"^[(\[]?\s*(photo|photos|image|images|picture|pictures|video|file photo|photo credit|credit|caption|"
    r"illustration|tags|keywords|topics|views|comments)\s*[:|]\s*\S.*$",
    re.IGNORECASE,
)
# A header line that is only a time stamp ("19 September 2023, 14:35", "Updated: Jun 12, 2024 10:45 GMT",
# "Published 3 hours ago", "5 min read"): every word is a date or time word, a number or a label.
_STAMP_WORDS = frozenset(
    (  # noqa: SIM905 (a word list reads best as one string)
        "january february march april may june july august september october november december jan feb mar "
        "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
        "mon tue tues wed thu thurs fri sat sun am pm a.m. p.m. gmt utc bst cet cest eet eest est edt "
        "pst pdt ist msk "
        "local time at on updated published posted last modified ago min mins minute minutes hour hours day "
        "days read"
    ).split()
)

# A byline at the top of the page: "By Jane Doe and John Roe", "By STAFF REPORTER, Reuters". Every
# word is capitalised or a joiner, and it does not end like a sentence, so "By Monday the army had
# left." is never one.
_BYLINE = re.compile(r"^by\s+\S", re.IGNORECASE)
_BYLINE_JOINERS = frozenset({"and", "&", "in", "of", "the", "de", "da", "van", "von", "al", "el", "bin"})
_MAX_BYLINE_WORDS = 12
# The header lines a byline may sit in: label, title, repeated title, standfirst, byline, dateline.
_HEADER_LINES = 6

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_MAX_LABEL_WORDS = 4
_MAX_LABEL_CHARS = 32
_MAX_TITLE_WORDS = 30


@dataclass
class CleanText:
    """The cleaned text, the title found in it (or None) and the spans that were dropped."""

    text: str
    title: str | None = None
    dropped: list[DroppedSpan] = field(default_factory=list)
    stamp: str | None = None
    """The page's own time stamp line in the header, if it had one (dropped from the text)."""


def clean_text(raw: str, detect_title: bool = False) -> CleanText:
    """Clean one article's raw text.

    ``detect_title`` (raw ``.txt``): the first line may be a section label ("WORLD", "Europe") followed
    by the title, and the title may be repeated on the next line. The title stays in the text as its
    own paragraph, so the parser never glues it to the first sentence.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    dropped: list[DroppedSpan] = []

    # Trailing furniture first: everything from the first marker line on.
    for i, line in enumerate(lines):
        if _is_trailing_marker(line) and any(x.strip() for x in lines[:i]):
            tail = "\n".join(lines[i:]).strip()
            dropped.append(DroppedSpan(reason="trailing boilerplate", text=tail))
            lines = lines[:i]
            break

    kept: list[str] = []
    share: list[DroppedSpan] = []
    nonblank = 0
    stamp: str | None = None
    for line in lines:
        stripped = line.strip()
        nonblank += bool(stripped)
        n_words = len(stripped.split())
        if stripped and n_words <= _MAX_SHARE_LINE_WORDS and SHARE_LINE.match(stripped):
            share.append(DroppedSpan(reason="share line", text=stripped))
            continue
        if stripped and RULE_LINE.match(stripped):
            share.append(DroppedSpan(reason="separator", text=stripped))
            continue
        if stripped and n_words <= _MAX_SHARE_LINE_WORDS and PROMO_LINE.match(stripped):
            share.append(DroppedSpan(reason="share line", text=stripped))
            continue
        if stripped and n_words <= _MAX_CREDIT_LINE_WORDS and is_credit_line(stripped):
            share.append(DroppedSpan(reason="credit line", text=stripped))
            continue
        if stripped and nonblank <= _HEADER_LINES and _is_byline(stripped):
            share.append(DroppedSpan(reason="byline", text=stripped))
            continue
        if stripped and n_words <= _MAX_SHARE_LINE_WORDS and META_LINE.match(stripped):
            share.append(DroppedSpan(reason="page metadata", text=stripped))
            continue
        if stripped and detect_title and nonblank <= _HEADER_LINES and _is_stamp(stripped):
            share.append(DroppedSpan(reason="time stamp", text=stripped))
            stamp = stamp or stripped
            continue
        kept.append(line)

    title: str | None = None
    head: list[DroppedSpan] = []
    if detect_title:
        kept, title, head = _split_title(kept)
    paragraphs = _paragraphs(kept)
    if title is not None:
        paragraphs.insert(0, title)
    return CleanText(
        text="\n\n".join(paragraphs), title=title, dropped=[*head, *share, *dropped], stamp=stamp
    )


def _is_trailing_marker(line: str) -> bool:
    key = re.sub(r"^\W+|\W+$", "", normalise(line))
    return bool(key) and key in TRAILING_MARKERS


def is_credit_line(line: str) -> bool:
    """A wire credit or republication line: its names are staff or the outlet, not actors of the story.

    >>> is_credit_line("(Reporting by Jane Doe in Abeche; Editing by John Smith)")
    True
    >>> is_credit_line("This story was republished from Meridian Wire. Some edits were made for length.")
    True
    >>> is_credit_line("Reporting by the UN was slow to reach the camps.")
    False
    """
    match = CREDIT_LINE.match(line)
    if match is None:
        return False
    names = match.group("names")
    if names is None:
        return True
    words = [w.strip("()[];,.:'\"") for w in names.split()]
    return all(not w or w[0].isupper() or not w[0].isalpha() or w.lower() in _CREDIT_WORDS for w in words)


def _is_stamp(line: str) -> bool:
    words = re.findall(r"[^\W\d_]+(?:\.[^\W\d_]+\.?)?", line.lower())
    return (
        len(line.split()) <= 12
        and any(ch.isdigit() for ch in line)
        # A bare "18:20" is a live blog's entry time, part of the text; a stamp has a year or is relative.
        and re.search(r"\b(1[89]|2[01])\d\d\b|\bago\b|\bmin(ute)?s? read\b", line, re.IGNORECASE) is not None
        and all(w in _STAMP_WORDS for w in words)
        and not _SENTENCE_END.search(line.rstrip("."))
    )


def _is_byline(line: str) -> bool:
    words = line.split()
    if not _BYLINE.match(line) or len(words) > _MAX_BYLINE_WORDS or _SENTENCE_END.search(line):
        return False
    return all(
        w[0].isupper() or not w[0].isalpha() or w.lower().strip(",") in _BYLINE_JOINERS for w in words[1:]
    )


def _split_title(lines: list[str]) -> tuple[list[str], str | None, list[DroppedSpan]]:
    """Take a section label, the title and a repeat of it off the top of ``lines``."""
    body = list(lines)
    dropped: list[DroppedSpan] = []
    first = _next_nonblank(body, 0)
    if first is None:
        return body, None, dropped
    second = _next_nonblank(body, first + 1)
    third = _next_nonblank(body, second + 1) if second is not None else None
    # A short Title-Case headline ("Clashes Erupt Near Border") followed by a standfirst must not be
    # taken for a label: beyond two words, a Title-Case label needs the repeated title after it.
    repeated_next = (
        third is not None and second is not None and normalise(body[third]) == normalise(body[second])
    )
    if (
        second is not None
        and _looks_like_label(body[first])
        and _looks_like_title(body[second])
        and (body[first].strip().isupper() or len(body[first].split()) <= 2 or repeated_next)
    ):
        dropped.append(DroppedSpan(reason="section label", text=body[first].strip()))
        body[first] = ""
        first, second = second, _next_nonblank(body, second + 1)
    if not _looks_like_title(body[first]):
        return body, None, dropped
    title = body[first].strip()
    if second is None:
        # A single line is a (short) article, not a title with no body.
        return body, None, dropped
    body[first] = ""
    if normalise(body[second]) == normalise(title):
        dropped.append(DroppedSpan(reason="repeated title", text=body[second].strip()))
        body[second] = ""
    return body, title, dropped


def _next_nonblank(lines: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def _looks_like_label(line: str) -> bool:
    """A section label: a few capitalised words, no sentence punctuation, no digits."""
    s = line.strip()
    words = s.split()
    if not words or len(words) > _MAX_LABEL_WORDS or len(s) > _MAX_LABEL_CHARS:
        return False
    if re.search(r"[.!?:;,\d\"“”]", s):
        return False
    return s.isupper() or all(w[0].isupper() or w.lower() in {"and", "&", "of", "the"} for w in words)


def _looks_like_title(line: str) -> bool:
    """A headline: one line, not too long, not ending like a sentence of running text."""
    s = line.strip()
    words = s.split()
    return 0 < len(words) <= _MAX_TITLE_WORDS and not (s.endswith(".") and len(words) > 12)


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs separated by blank lines. A text with no blank line whose lines end like sentences
    has one paragraph per line (copied web pages); hard-wrapped prose keeps its lines together."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    out: list[str] = []
    for block in blocks:
        ends = sum(1 for x in block if _SENTENCE_END.search(x.strip()))
        if len(block) > 1 and ends >= len(block) - 1:
            out.extend(x.strip() for x in block)
        else:
            out.append("\n".join(block).strip())
    return out
