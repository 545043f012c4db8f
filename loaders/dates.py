"""Time expressions of news text resolved against the publication date, with precision and an interval.

Absolute forms ("14 April 2025", "April 14") go through dateparser. Relative forms (weekday names,
"yesterday", "last night", "earlier this week", "the 2020 war", "the early 1990s", "for months") are
resolved here, because dateparser either cannot parse them or resolves them against today's clock
(see tests/extraction/test_dates.py). Without a publication date a relative form stays unknown and keeps
its words.

>>> from datetime import date
>>> resolve("on Tuesday", date(2025, 5, 20)).label()
'2025-05-20'
>>> resolve("last night", date(2025, 5, 20)).label()
'2025-05-19/2025-05-20'
>>> resolve("the early 1990s", None).label()
'1990/1994'
>>> resolve("yesterday", None).label()
'unknown'
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from graph.model import Precision, TimeSpan

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [m.lower() for m in calendar.month_name[1:]]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))"
_NUM_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]

# Ordered: longer, more specific forms first. Each alternative is one named group.
_PATTERNS = [
    (
        "overnight_weekday",
        rf"\b(?:overnight|during the night)\s+(?:from|between)\s+{_WEEKDAY_RE}\s+"
        rf"(?:to|and|into)\s+{_WEEKDAY_RE}\b",
    ),
    (
        "abs_full",
        rf"\b(?:(?:on|since|from|by)\s+)?(?:{_WEEKDAY_RE},?\s+)?(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE},?\s+\d{{4}})\b",
    ),
    (
        "abs_day",
        rf"\b(?:(?:on|since|from|by)\s+)?(?:{_WEEKDAY_RE},?\s+)?(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE})\b(?!\s*,?\s*\d{{4}})",
    ),
    ("month_year", rf"\b(?:(?:in|since|from|by|until|early|late|mid-?)\s+)*{_MONTH_RE},?\s+\d{{4}}\b"),
    ("decade", r"\b(?:(?:in|since|during)\s+)?(?:the\s+)?(?:(early|mid|late)[- ])?(\d{3}0)s\b"),
    (
        "year_war",
        r"\b(?:the\s+)?(\d{4})\s+(?:[a-z-]+\s+){0,2}?(?:war|conflict|offensive|ceasefire|truce|election|elections|coup|agreement|deal|talks|fighting)\b",
    ),
    ("since_year", r"\bsince\s+(?:early\s+|late\s+|mid-)?(\d{4})\b"),
    (
        "since_start",
        r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:(\d{4})|(?:the|this)\s+year|last\s+year)\b",
    ),
    (
        "season_year",
        r"\b(?:(?:in|since|during)\s+)?the\s+(?:spring|summer|autumn|fall|winter)\s+of\s+(\d{4})\b",
    ),
    ("year", r"\b(?:(?:in|since|during|by|until|early|late)\s+)?(?:mid-)?((?:19|20)\d{2})\b"),
    (
        "weekday",
        rf"\b(?:(?:on|later on|earlier on|late on|early on|late|early|last|this|since|by|until)\s+)?"
        rf"{_WEEKDAY_RE}{_PART}?(?:\s+and\s+{_WEEKDAY_RE})?\b",
    ),
    ("month", rf"\b(?:(?:in|since|from|by|until|early|late|last|this)\s+|mid-\s*)*(?:{_MONTH_RE})\b"),
    (
        "relative",
        r"\b(?:(?:the\s+)?day\s+before\s+yesterday|(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|weeks?|months?|years?)\s+ago|today|tonight|yesterday(?:\s+(?:morning|afternoon|evening))?|this\s+(?:morning|afternoon|evening)|last\s+night|overnight|during\s+the\s+night|earlier\s+(?:this|in\s+the)\s+(?:week|month|year|day)|earlier\s+today|this\s+week|last\s+week|(?:the\s+)?past\s+week|this\s+month|last\s+month|this\s+year|last\s+year|the\s+day\s+before|the\s+previous\s+day|the\s+same\s+day|in\s+recent\s+(?:days|weeks|months))\b",
    ),
    (
        "nth_unit",
        r"\bin\s+(?:its|their)\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
        r"\d{1,2}(?:st|nd|rd|th))\s+(?:year|month)\b",
    ),
    ("duration", r"\bfor\s+(?:weeks|months|years|days)\b"),
    ("weekend", r"\b(?:(?:over|at|during|on)\s+)?(?:the|this|last)\s+weekend\b"),
]
_SCANNER = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in _PATTERNS), re.I)
# Every pattern starts at a word boundary with a digit or one of these words (each followed by a non-word
# character), so a match can only start there: trying the scanner at those words alone finds what
# ``_SCANNER.finditer`` finds (which tries all its alternatives at every character), in about 40% less
# time than trying it at every word. A new pattern that opens with another word adds it here
# (tests/extraction/test_dates.py compares the two on the corpora).
_FIRST_WORDS = [
    *("on", "since", "from", "by", "in", "until", "during", "for", "over", "at", "the", "this", "last"),
    *("past", "day", "early", "late", "mid", "later", "earlier", "overnight", "today", "tonight"),
    "yesterday",
    *_NUM_WORDS,
    *_MONTH_ABBR,
    *WEEKDAYS,
    *MONTHS,
]
_DATE_START = re.compile(rf"\b(?:(?:{'|'.join(_FIRST_WORDS)})\b|\d)", re.I)


def _scan(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_SCANNER.finditer(text)``, tried only where a date can start.

    >>> text = "On 3 May 2024 and since last week, mid-2023"
    >>> [m.group(0) for m in _scan(text)] == [m.group(0) for m in _SCANNER.finditer(text)]
    True
    """
    end = 0
    for word in _DATE_START.finditer(text):
        if word.start() < end:
            continue
        m = _SCANNER.match(text, word.start())
        if m is not None:
            end = m.end()
            yield m


@dataclass(frozen=True)
class DateMention:
    """A time expression found in text: offsets relative to the scanned string, and its resolution."""

    start: int
    end: int
    text: str
    span: TimeSpan
    kind: str


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every time expression in ``text``, resolved against ``published``.

    >>> [m.span.label() for m in find_dates("Fighting since 2022 resumed on Monday.", date(2025, 5, 20))]
    ['2022-01-01/2025-05-20', '2025-05-19']
    """
    out = []
    for m in _scan(text):
        kind = m.lastgroup or ""
        words = m.group(0)
        if kind == "month" and words.lower() in ("may", "march") and not _month_context(text, m.start()):
            continue  # the modal verb "may", the verb "march"
        if kind == "year" and not _year_context(text, m):
            continue
        span = resolve(words, published, kind)
        start = m.start()
        since = re.search(r"\bsince\s+$", text[max(0, start - 7) : start], re.I)
        if (
            since
            and kind == "relative"
            and span.known
            and published
            and span.start
            and span.start <= published
        ):
            # "since last year": from the start of that period to publication
            start -= len(since.group(0))
            words = text[start : m.end()]
            span = TimeSpan.range(span.start, published, words)
        out.append(DateMention(start, m.end(), words, span, kind))
    return out


def _month_context(text: str, pos: int) -> bool:
    before = text[max(0, pos - 12) : pos].lower()
    return bool(re.search(r"\b(in|since|from|until|by|early|late|mid-?|last|this)\s*$", before))


def _year_context(text: str, m: re.Match[str]) -> bool:
    """A bare four-digit number is a year only after a preposition or in a plausible range."""
    value = int(re.sub(r"\D", "", m.group(0))[-4:])
    if not 1900 <= value <= 2100:
        return False
    after = text[m.end() : m.end() + 8]
    return not re.match(r"\s*(people|dead|killed|troops|soldiers|residents|km|kilometres|metres)", after)


def resolve(words: str, published: date | None, kind: str | None = None) -> TimeSpan:
    """Resolve one time expression. ``kind`` is the scanner's pattern name when known."""
    raw = words
    low = re.sub(r"\s+", " ", words.strip().lower())
    if kind is None:
        m = _SCANNER.search(words)
        kind = (m.lastgroup or "") if m else ""
    try:
        span = _resolve(low, published, kind, raw)
    except ValueError:
        span = None
    return span if span is not None else TimeSpan.unknown(raw)


def _resolve(low: str, pub: date | None, kind: str, raw: str) -> TimeSpan | None:
    if kind in ("abs_full", "abs_day"):
        return _absolute(low, pub, raw, with_year=kind == "abs_full")
    if kind == "month_year":
        m = re.search(rf"({_MONTH_RE}),?\s+(\d{{4}})", low, re.I)
        if not m:
            return None
        month = _month_number(m.group(1))
        year = int(m.group(2))
        if low.startswith("since") and pub:
            return TimeSpan.range(date(year, month, 1), pub, raw)
        return TimeSpan.month(year, month, raw)
    if kind == "decade":
        m = re.search(r"(?:(early|mid|late)[- ])?(\d{3}0)s", low)
        if not m:
            return None
        base = int(m.group(2))
        lo, hi = {"early": (0, 4), "mid": (4, 6), "late": (7, 9)}.get(m.group(1) or "", (0, 9))
        return TimeSpan.range(date(base + lo, 1, 1), date(base + hi, 12, 31), raw)
    if kind == "year_war":
        year = int(re.search(r"\d{4}", low).group(0))  # type: ignore[union-attr]
        return TimeSpan.year(year, raw)
    if kind == "since_year":
        year = int(re.search(r"\d{4}", low).group(0))  # type: ignore[union-attr]
        if pub is None:
            return None
        return TimeSpan.range(date(year, 1, 1), pub, raw)
    if kind == "season_year":
        # A season is not a calendar unit; the text supports the year (and "since" runs to publication).
        year = int(re.search(r"\d{4}", low).group(0))  # type: ignore[union-attr]
        if low.startswith("since"):
            return TimeSpan.range(date(year, 1, 1), pub, raw) if pub else None
        return TimeSpan.year(year, raw)
    if kind == "since_start":
        m = re.search(r"\d{4}", low)
        if pub is None:
            return None
        year = int(m.group(0)) if m else pub.year - 1 if "last year" in low else pub.year
        return TimeSpan.range(date(year, 1, 1), pub, raw)
    if kind == "year":
        year = int(re.search(r"\d{4}", low).group(0))  # type: ignore[union-attr]
        if low.startswith("since"):
            return TimeSpan.range(date(year, 1, 1), pub, raw) if pub else None
        return TimeSpan.year(year, raw)
    if pub is None:
        return None  # every remaining form is relative to the publication date
    if kind == "overnight_weekday":
        days = [WEEKDAYS.index(d) for d in re.findall("|".join(WEEKDAYS), low)]
        second = _weekday_on_or_before(pub, days[1])
        return TimeSpan.range(second - timedelta(days=1), second, raw)
    if kind == "weekday":
        names = re.findall("|".join(WEEKDAYS), low)
        last = _weekday_on_or_before(pub, WEEKDAYS.index(names[-1]))
        if low.startswith("last ") and last == pub:
            last -= timedelta(days=7)
        if len(names) == 2:
            first = _weekday_on_or_before(last, WEEKDAYS.index(names[0]))
            return TimeSpan.range(first, last, raw)
        if low.startswith("since "):
            return TimeSpan.range(last, pub, raw)
        return TimeSpan.day(last, raw)
    if kind == "month":
        m = re.search(_MONTH_RE, low, re.I)
        if not m:
            return None
        month = _month_number(m.group(0))
        year = pub.year if month <= pub.month else pub.year - 1
        if low.startswith("last ") and month == pub.month:
            year -= 1
        if low.startswith("since"):
            return TimeSpan.range(date(year, month, 1), pub, raw)
        return TimeSpan.month(year, month, raw)
    if kind == "relative":
        return _relative(low, pub, raw)
    if kind == "weekend":
        # The latest Saturday and Sunday up to publication ("over the weekend" in a Monday report).
        saturday = _weekday_on_or_before(pub, 5)
        if low.split()[-2] == "last" and pub <= saturday + timedelta(days=1):
            saturday -= timedelta(days=7)
        return TimeSpan.range(saturday, min(saturday + timedelta(days=1), pub), raw)
    if kind == "nth_unit":
        # "the war, now in its third year": the year (or month) it began is counted back from publication.
        m = re.search(r"(\w+)\s+(year|month)$", low)
        if not m:
            return None
        word = m.group(1)
        n = _ORDINALS.index(word) + 1 if word in _ORDINALS else int(re.sub(r"\D", "", word))
        if n < 1:
            return None
        if m.group(2) == "year":
            return TimeSpan.range(date(pub.year - n + 1, 1, 1), pub, raw)
        months = pub.year * 12 + pub.month - 1 - (n - 1)
        return TimeSpan.range(date(months // 12, months % 12 + 1, 1), pub, raw)
    if kind == "duration":
        # "for weeks" / "for months" with no start: the start is known only to the year (dev-corpus rule).
        unit = low.split()[-1]
        if unit == "days":
            return TimeSpan.range(pub - timedelta(days=14), pub, raw)
        if unit == "years":
            return None
        return TimeSpan.range(date(pub.year, 1, 1), pub, raw)
    return None


def _range_or_day(start: date, end: date, raw: str) -> TimeSpan:
    """The days from ``start`` to ``end``; one day when they meet (or ``end`` is before ``start``)."""
    return TimeSpan.range(start, end, raw) if end > start else TimeSpan.day(start, raw)


def _relative(low: str, pub: date, raw: str) -> TimeSpan | None:
    if low in ("today", "tonight", "earlier today") or (
        low.startswith("this ") and low.split()[1] in ("morning", "afternoon", "evening")
    ):
        return TimeSpan.day(pub, raw)
    if low.endswith("day before yesterday"):
        return TimeSpan.day(pub - timedelta(days=2), raw)
    if low.endswith(" ago"):
        count, unit = low.split()[:2]
        n = int(count) if count.isdigit() else _NUM_WORDS[count]
        # Counted back from publication, as precise as the unit: "three days ago" is a day, "two weeks
        # ago" that calendar week (as "last week" is the one before this), "a month ago" that month,
        # "two years ago" that year.
        if unit.startswith("week"):
            monday = pub - timedelta(days=pub.weekday() + 7 * n)
            return TimeSpan.range(monday, monday + timedelta(days=6), raw)
        if unit.startswith("month"):
            months = pub.year * 12 + pub.month - 1 - n
            return TimeSpan.month(months // 12, months % 12 + 1, raw)
        if unit.startswith("year"):
            return TimeSpan.year(pub.year - n, raw)
        return TimeSpan.day(pub - timedelta(days=n), raw)
    if low.startswith("yesterday") or low in ("the day before", "the previous day"):
        return TimeSpan.day(pub - timedelta(days=1), raw)
    if low in ("last night", "overnight", "during the night"):
        return TimeSpan.range(pub - timedelta(days=1), pub, raw)
    monday = pub - timedelta(days=pub.weekday())
    # "Earlier this week/month/year" is before the day of the report: it ends the day before publication
    # (unless the period began that day).
    before = pub - timedelta(days=1) if low.startswith("earlier") else pub
    if low in ("earlier this week", "this week", "earlier in the week"):
        return _range_or_day(monday, before, raw)
    if low == "last week":
        return TimeSpan.range(monday - timedelta(days=7), monday - timedelta(days=1), raw)
    if low in ("past week", "the past week"):
        return TimeSpan.range(pub - timedelta(days=7), pub, raw)
    if low in ("earlier this month", "this month", "earlier in the month"):
        return _range_or_day(pub.replace(day=1), before, raw)
    if low == "last month":
        prev = pub.replace(day=1) - timedelta(days=1)
        return TimeSpan.month(prev.year, prev.month, raw)
    if low in ("this year", "earlier this year", "earlier in the year"):
        return _range_or_day(date(pub.year, 1, 1), before, raw)
    if low == "last year":
        return TimeSpan.year(pub.year - 1, raw)
    if low.startswith("in recent"):
        unit = low.split()[-1]
        back = {"days": 14, "weeks": 60, "months": 180}[unit]
        return TimeSpan.range(pub - timedelta(days=back), pub, raw)
    return None  # "the same day" needs the statement's own date; the caller resolves it


def _month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return _MONTH_ABBR[w[:4] if w.startswith("sept") else w[:3]]


def _weekday_on_or_before(ref: date, weekday: int) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _absolute(low: str, pub: date | None, raw: str, with_year: bool) -> TimeSpan | None:
    core = re.sub(r"^(on|since|from|by)\s+", "", low)
    core = re.sub(rf"^{_WEEKDAY_RE},?\s+", "", core, flags=re.I)
    core = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", core)
    if pub is None and not with_year:
        return None  # "April 14" without a publication year is not a date we can place
    day = _dateparser_day(core, pub)
    if day is None:
        return None
    if not with_year and pub is not None and day > pub:
        day = day.replace(year=day.year - 1)
    if low.startswith("since") and pub is not None:
        return TimeSpan.range(day, pub, raw)
    return TimeSpan.day(day, raw)


@lru_cache(maxsize=4096)
def _dateparser_day(core: str, pub: date | None) -> date | None:
    """The day dateparser reads in ``core`` (relative to ``pub`` when given). Cached, at ~2 ms a call: a
    claim's date words are resolved again after its sentence's (14 of 113 calls on the dev, team and
    bench articles)."""
    import dateparser

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "MDY"}
    if pub is not None:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
        settings["PREFER_DATES_FROM"] = "past"
    parsed = dateparser.parse(core, languages=["en"], settings=settings)
    return None if parsed is None else parsed.date()


def load_dateparser() -> None:
    """Import dateparser and load its English data now (~0.4 s, once per process), so that extraction
    workers forked afterwards share it instead of each loading it at its first absolute date.

    >>> load_dateparser()
    """
    _dateparser_day("1 january 2000", None)


def shift(span: TimeSpan, days: int, raw: str) -> TimeSpan:
    """A day-precision span, or a night spanning two days, moved by ``days`` ("a day after X").

    >>> shift(TimeSpan.day(date(2025, 8, 14)), -1, "a day after").label()
    '2025-08-13'
    >>> night = TimeSpan(start=date(2025, 8, 13), end=date(2025, 8, 14), precision=Precision.RANGE)
    >>> shift(night, -1, "a day after").label()
    '2025-08-12/2025-08-13'
    """
    if not short_span(span) or span.start is None or span.end is None:
        return TimeSpan.unknown(raw)
    step = timedelta(days=days)
    if span.precision is Precision.DAY:
        return TimeSpan.day(span.start + step, raw)
    return TimeSpan(start=span.start + step, end=span.end + step, precision=Precision.RANGE, raw=raw)


def short_span(span: TimeSpan) -> bool:
    """A day, or an interval of at most two days ("overnight"): precise enough to count days from."""
    if span.start is None or span.end is None:
        return False
    if span.precision is Precision.DAY:
        return True
    return span.precision is Precision.RANGE and (span.end - span.start).days <= 1


_COARSENESS = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


def narrows(told: TimeSpan, later: TimeSpan) -> bool:
    """``later`` is a finer date that lies within ``told``: a retelling that dates the same event more
    exactly ("the 2021 ceasefire" … "the ceasefire, reached in February 2021").

    >>> narrows(TimeSpan.year(2021), TimeSpan.month(2021, 2))
    True
    >>> narrows(TimeSpan.year(2021), TimeSpan.month(2022, 2))
    False
    >>> narrows(TimeSpan.month(2021, 2), TimeSpan.year(2021))
    False
    """
    if told.precision not in _COARSENESS or later.precision not in _COARSENESS:
        return False
    if told.start is None or told.end is None or later.start is None or later.end is None:
        return False
    finer = _COARSENESS[later.precision] < _COARSENESS[told.precision]
    return finer and told.start <= later.start and later.end <= told.end


_RELATIVE_TO_EVENT = re.compile(
    r"\b(?:(a|an|one|two|three|four|five|six|seven|\d+|the)\s+(day|days|week|weeks)\s+(after|before)"
    r"|the\s+(next|following)\s+(day|week)"
    # "shortly after clashes", "hours before the strike": the same day, unless a time of day follows
    r"|(?:shortly|soon|hours|minutes|moments|just)\s+(after|before)"
    r"(?!\s+(?:noon|midday|midnight|dawn|dusk|daybreak|nightfall|sunrise|sunset|\d)))\b",
    re.I,
)


def relative_to_event(text: str) -> tuple[int, int, int] | None:
    """("a day after" ...) → (start, end, signed offset in days), or None.

    >>> relative_to_event("a day before the police operation")
    (0, 12, -1)
    >>> relative_to_event("the strike came shortly after clashes"), relative_to_event("shortly after noon")
    ((16, 29, 0), None)
    """
    m = _RELATIVE_TO_EVENT.search(text)
    if not m:
        return None
    if m.group(6):
        return m.start(), m.end(), 0
    if m.group(4):  # "the next day": one unit after the event just told
        return m.start(), m.end(), 7 if m.group(5).lower() == "week" else 1
    n_word = m.group(1).lower()
    n = int(n_word) if n_word.isdigit() else _NUM_WORDS.get(n_word, 1)
    days = n * (7 if m.group(2).lower().startswith("week") else 1)
    return m.start(), m.end(), days if m.group(3).lower() == "after" else -days
