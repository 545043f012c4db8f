"""Article → ArticleGraph: actors, locations, incidents and claims with evidence, offline and deterministic.

>>> from graph.model import Article, Claim, article_id
>>> text = "Azerbaijan accused Armenia on Monday of shelling the village of Sotk."
>>> g = extract(Article(id=article_id(text), text=text))
>>> [(n.stance.value, n.quote) for n in g.nodes if isinstance(n, Claim)]
[('accuse', 'Azerbaijan accused Armenia on Monday of shelling the village of Sotk')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    CasualtyFigure,
    Claim,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    Location,
    LocationKind,
    Node,
    Role,
    Stance,
    TimeSpan,
    claim_id,
    edge_id,
    incident_id,
    location_id,
    trusted,
    trusted_edge,
    trusted_fields,
)
from graph.taxonomy import IncidentType
from loaders import dates as dates_mod
from loaders.actors import (
    MINISTRY_TOPIC_WORDS,
    ActorResolver,
    ArticleActors,
    default_dictionary,
    retag_places_named_elsewhere,
)
from loaders.claims import (
    ClaimDraft,
    ClaimFinder,
    default_lexicon,
    drop_lead_summaries,
    drop_restated_charges,
    fold_quoted_followups,
    link_denials,
    paragraph_quotations,
    quotation_open_after,
    repair_reporting_nouns,
)
from loaders.clean import is_credit_line
from loaders.gazetteer import (
    JOINING_DASHES,
    NAME_PARTICLES,
    REGION_NOUNS,
    SETTLEMENT_NOUNS,
    SITE_NOUNS,
    TOWN_NOUNS,
    Place,
    default_gazetteer,
    distance_km,
    find_sites,
    lemma_is,
    part_of_place,
    retag_places,
)
from loaders.incidents import (
    _EVENT_DEPS,
    _VIOLENT,
    _WEAK,
    GENERIC_EVENT_NOUNS,
    SWAP_WORDS,
    IncidentDraft,
    TriggerTable,
    accused_act,
    casualties,
    is_separate,
    lasting_date,
    merge_weak_duplicates,
    relative_date,
    strike_told_again,
    temporal_anchor,
    victim_heads,
)
from loaders.nlp import (
    common_words,
    ents_of,
    first_conjunct,
    freeze_ents,
    get_nlp,
    paragraph_spans,
    span_ents,
    thaw_ents,
)

_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
# The date of a dateline comes month first ("Oct 14") or, in British and translated copy, day first
# ("14 October").
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'’.-]*(?:[ -][A-Z][A-Za-z'’.-]*)*)\s*,\s*(?:[A-Z][a-z]+\s*,\s*)?"
    rf"(?P<date>{_MONTH_NAMES}\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+{_MONTH_NAMES}\b\.?)"
)
_PLACE_SUFFIX = frozenset(
    [
        "district",
        "province",
        "region",
        "state",
        "county",
        "governorate",
        "oblast",
        "department",
        "territory",
        "township",
        "municipality",
        "prefecture",
        "city",
        "town",
        "village",
        "valley",
        "corridor",
        "road",
        "highway",
        "crossing",
        "border",
        "sector",
        "neighbourhood",
        "neighborhood",
    ]
)
_FORM_QUALIFIERS = frozenset(["middle", "lower", "upper", "greater"])
# Words that make a new region's name of a town's or river's ("Middle Juba", "Lower Shabelle"); the
# last four are the ones that also open a sentence as part of the name.
_NAME_QUALIFIERS = _FORM_QUALIFIERS | frozenset(
    ["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "far"]
)
_ROUTE_WORDS = frozenset(["road", "highway", "corridor", "route", "motorway", "crossing"])
_SITE_WORDS = frozenset(
    [
        "checkpoint",
        "bridge",
        "tunnel",
        "post",
        "base",
        "airport",
        "port",
        "market",
        "hospital",
        "school",
        "camp",
        "border",
        "shoal",
        "reef",
        "crossing",
        "dam",
        "silo",
        "silos",
        "line",
    ]
)
_REGION_WORDS = frozenset(
    [
        "district",
        "province",
        "region",
        "state",
        "county",
        "governorate",
        "oblast",
        "department",
        "territory",
        "township",
        "municipality",
        "prefecture",
        "valley",
        "area",
        "zone",
        "sector",
        "neighbourhood",
        "neighborhood",
    ]
)


_DATELINE_PREFIX = re.compile(
    r"[A-Z][A-Za-z'’.]*(?:[ -][A-Z][A-Za-z'’.]*)*\s*,\s*[^()\n]{0,40}?\d{1,2}(?:,\s*\d{4})?\s*"
    r"(?:\([^)\n]{1,60}\)\s*)?[-–—:]\s+|[A-Z][A-Z'’. -]+\s*(?:,[^()\n]{0,40})?\s*\([^)\n]{1,60}\)\s*[-–—]\s+"
    # "MOGADISHU — ", "QAMISHLI, Syria — ": a place in capitals, maybe its country, and a dash, no date.
    r"|[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*(?:, [A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*)*)? +[-–—] +"
)


def segments(text: str) -> list[tuple[int, int]]:
    """Paragraphs to parse, with a leading dateline ("BAKU, May 20 (Agency) - ") split off its paragraph so
    the place name is not parsed as the subject of the first sentence. A wire credit or republication line
    ("(Reporting by A; Editing by B)") is not parsed at all: its names are staff, not actors.

    >>> text = "Title\\n\\nGOMA, April 14 (Wire) - Shells hit the market."
    >>> [text[a:b] for a, b in segments(text)]
    ['Title', 'GOMA, April 14 (Wire) - ', 'Shells hit the market.']
    >>> text = "QAMISHLI, Syria — Drones struck a farm."
    >>> [text[a:b] for a, b in segments(text)]
    ['QAMISHLI, Syria — ', 'Drones struck a farm.']
    >>> text = "Shells hit the market.\\n\\n(Reporting by Jane Doe; Editing by John Roe)"
    >>> [text[a:b] for a, b in segments(text)]
    ['Shells hit the market.']
    """
    out = []
    for n, (a, b) in enumerate(_lines_as_headings(text)):
        if is_credit_line(text[a:b].strip()):
            continue
        m = _DATELINE_PREFIX.match(text, a, b) if n < 4 else None
        if m and m.end() < b:
            out.append((a, m.end()))
            out.append((m.end(), b))
        else:
            out.append((a, b))
    return out


_HEADING_LINE = re.compile(r"[^\n]{1,60}(?<![.!?:;,\"”’])\n")


def _lines_as_headings(text: str) -> list[tuple[int, int]]:
    """Paragraphs, with a short unpunctuated first line (a live blog's "16:30", a heading) split off."""
    out = []
    for a, b in paragraph_spans(text):
        m = _HEADING_LINE.match(text, a, b)
        if m and len(text[a : m.end()].split()) <= 6 and m.end() < b:
            out.append((a, m.end() - 1))
            rest = m.end()
            while rest < b and text[rest].isspace():
                rest += 1
            out.append((rest, b))
        else:
            out.append((a, b))
    return out


@dataclass
class _Sentence:
    index: int
    span: Any
    offset: int  # article offset of the paragraph doc


@dataclass
class _ArticleState:
    article: Article
    actors: ArticleActors
    resolver: ActorResolver
    places: dict[str, Location] = field(default_factory=dict)
    place_mentions: list[tuple[int, int, int, str]] = field(default_factory=list)  # (sent, start, end, id)
    countries: set[str] = field(default_factory=set)
    dateline: TimeSpan | None = None
    dateline_text: str = ""
    sites: dict[str, str] = field(default_factory=dict)  # site noun -> location id of the latest such site
    site_anchors: dict[str, list[str]] = field(default_factory=dict)  # site id -> ids of the places it is in
    incident_towns: list[tuple[int, str]] = field(default_factory=list)  # (offset, town id) of each event
    headline: int | None = None  # index of the headline sentence, when the text opens with one


class Extractor:
    """Turns articles into article graphs with the pinned pipeline, the gazetteer and the actor dictionary.

    >>> ex = Extractor()
    >>> g = ex.extract(Article(id="art_x", text="Baku said Yerevan shelled Lachin on Monday."))
    >>> sorted(n.name for n in g.nodes if n.kind.value == "Actor")
    ['Armenia', 'Azerbaijan']
    """

    def __init__(
        self, gazetteer_file: str | Path | None = None, actors_file: str | Path | None = None
    ) -> None:
        self.nlp = get_nlp(gazetteer_file, actors_file)
        self.gazetteer = default_gazetteer(gazetteer_file)
        self.dictionary = default_dictionary(actors_file)
        self.lexicon = default_lexicon()
        self.triggers = TriggerTable(self.lexicon)
        # Loaded with the pipeline, before any worker is forked from this process (loaders.parallel).
        dates_mod.load_dateparser()
        # English function words, verbs, adjectives and adverbs: never a place's name ("the Federal state")
        self.plain_words, self.nouns = common_words(self.nlp)

    def extract(self, article: Article) -> ArticleGraph:
        spans = segments(article.text)
        docs = list(self.nlp.pipe(article.text[a:b] for a, b in spans))
        try:
            return self._build(article, spans, docs)
        finally:
            for doc in docs:
                thaw_ents(doc)

    def extract_many(
        self, articles: Iterable[Article], n_process: int = 1, batch_size: int = 32
    ) -> Iterator[ArticleGraph]:
        """Extract a stream of articles, in order; the paragraphs of all of them go through one ``nlp.pipe``
        (so ``n_process`` workers are started once), and each graph is yielded as soon as its last
        paragraph is parsed."""
        pending: dict[int, tuple[Article, list[tuple[int, int]]]] = {}

        def stream() -> Iterator[tuple[str, tuple[int, int, int]]]:
            for n, art in enumerate(articles):
                spans = segments(art.text)
                pending[n] = (art, spans)
                if not spans:
                    yield "", (n, 0, 0)  # keeps the article's place in the stream
                for k, (a, b) in enumerate(spans):
                    yield art.text[a:b], (n, k, len(spans))

        docs: list[Any] = []
        for doc, (n, k, total) in self.nlp.pipe(
            stream(), as_tuples=True, n_process=n_process, batch_size=batch_size
        ):
            if total:
                docs.append(doc)
            if total == 0 or k == total - 1:
                art, spans = pending.pop(n)
                try:
                    graph = self._build(art, spans, docs)
                finally:
                    for done in docs:
                        thaw_ents(done)
                yield graph
                docs = []

    # -- one article ----------------------------------------------------------------------------------

    def _build(self, article: Article, spans: list[tuple[int, int]], docs: list[Any]) -> ArticleGraph:
        registry = ArticleActors(self.dictionary, article.id, article.text)
        state = _ArticleState(article, registry, ActorResolver(registry))
        sentences: list[_Sentence] = []
        # The agency in a dateline ("KYIV (Wire Agency) - ") filed the story; it is not one of its actors.
        dateline_sents: set[int] = set()
        for doc in docs:
            self._places_named_as_persons(doc)
            repair_reporting_nouns(doc, self.lexicon.reporting, self._is_actor_noun)
        retag_places_named_elsewhere(docs, self.dictionary.is_actor_word)
        # The entities are final from here on (the callers thaw them).
        for doc in docs:
            freeze_ents(doc)
        for (start, end), doc in zip(spans, docs, strict=False):
            is_dateline = _DATELINE_PREFIX.fullmatch(article.text, start, end) is not None
            for sent in doc.sents:
                if is_dateline:
                    dateline_sents.add(len(sentences))
                sentences.append(_Sentence(len(sentences), sent, start))
        self._dateline(state, sentences)
        state.headline = _headline(article, sentences)
        finder = ClaimFinder(self.lexicon, state.resolver)
        drafts: list[ClaimDraft] = []
        incidents: list[IncidentDraft] = []
        per_sentence: list[list[ClaimDraft]] = []
        here_of: list[list[int]] = []
        for s in sentences:
            self._places(state, s, s.index in dateline_sents)
            self._sites(state, s)
            if s.index not in dateline_sents:
                self._actor_mentions(state, s)
            incidents_here = self._incidents(state, s, incidents)
            found = finder.find(s.span, s.index, s.offset)
            if s.index == state.headline:
                # A headline ("Strike kills 25, group says") sums up a claim the body reports with its
                # words and date; claims are quoted from the body (shared ANNOTATION.md).
                found = []
            per_sentence.append(found)
            here_of.append(incidents_here)
        # Sentences inside a quotation that a later sentence attributes ('"A. B," he said').
        for k, s in enumerate(sentences):
            # '"… we can say that no one died. We apologise," the governor said': a reporting verb inside
            # the quotation whose speaker is only "we" is the governor's too.
            unattributed = all(d.claimant is None for d in per_sentence[k])
            if not unattributed or not _opens_quote(s.span.text):
                continue
            for j in range(k + 1, min(k + 4, len(sentences))):
                if sentences[j].offset != s.offset:
                    break  # quotations do not run across paragraphs here
                attributed = [d for d in per_sentence[j] if d.claimant]
                if attributed and _closes_quote(sentences[j].span.text):
                    # One quotation is one claim: the attributed claim grows to cover the earlier
                    # sentences, and takes their stance when they accuse or deny.
                    inner = finder.continue_quote(s.span, s.index, s.offset, attributed[0].claimant)
                    head = attributed[0]
                    per_sentence[k] = []
                    strong = [d for d in inner if d.stance is not Stance.ASSERT]
                    if strong and head.stance is Stance.ASSERT:
                        per_sentence[j] = [d for d in per_sentence[j] if d is not head]
                        for d in strong:
                            d.end = max(d.end, head.end)
                        per_sentence[k] = strong
                    elif inner:
                        head.start = min(head.start, inner[0].start)
                        head.content_start = min(head.content_start, inner[0].content_start)
                        head.calls_civilians = head.calls_civilians or any(d.calls_civilians for d in inner)
                    break
                if per_sentence[j]:
                    break
        by_paragraph: dict[int, list[int]] = {}
        for s in sentences:
            by_paragraph.setdefault(s.offset, []).append(s.index)
        para_sents = [by_paragraph.get(a, []) for a, _ in spans]

        def sent_rows(ks: list[int]) -> list[tuple[Any, int, int, list[ClaimDraft]]]:
            return [(sentences[k].span, k, sentences[k].offset, per_sentence[k]) for k in ks]

        for first, last in paragraph_quotations(article.text, spans):
            quoted = [sent_rows(para_sents[p]) for p in range(first, last + 1) if para_sents[p]]
            if quoted:
                finder.quoted_run(sent_rows(para_sents[first - 1]) if first else [], quoted)
        incidents, here_of = merge_weak_duplicates(incidents, here_of)
        _add_origins(incidents, state)
        for k, found in enumerate(per_sentence):
            for d in found:
                d.about_incident = self._about(d, incidents, here_of[k])
            drafts.extend(found)
        drafts = finder.resolve_mutual(drafts)
        merged = registry.merge_duplicates()
        if merged:
            for d in drafts:
                d.claimant = merged.get(d.claimant, d.claimant) if d.claimant else None
                d.targets = list(dict.fromkeys(merged.get(t, t) for t in d.targets))
                d.mentions = frozenset(merged.get(a, a) for a in d.mentions)
            for inc in incidents:
                inc.victims = list(dict.fromkeys(merged.get(v, v) for v in inc.victims))
        self._drop_places_taken_for_actors(state, drafts, incidents)
        drafts = fold_quoted_followups(drafts, article.text)
        drafts = drop_restated_charges(drafts)
        # The lead: the first paragraph that tells of an event or a statement.
        told = [k for k in range(len(sentences)) if k != state.headline and (per_sentence[k] or here_of[k])]
        if told:
            drafts = drop_lead_summaries(drafts, [s.offset for s in sentences], sentences[told[0]].offset)
        drafts = link_denials(drafts, registry.same_side)
        return self._graph(state, sentences, drafts, incidents)

    @staticmethod
    def _drop_places_taken_for_actors(
        state: _ArticleState, drafts: list[ClaimDraft], incidents: list[IncidentDraft]
    ) -> None:
        """An organisation or person known only by names the article also uses for a place ("Kupiansk,
        which lies 40 km from the border, has been shelled", tagged ORG once) is that place, unless it
        speaks."""
        surfaces = {alias.casefold() for loc in state.places.values() for alias in (loc.name, *loc.aliases)}
        speakers = {d.claimant for d in drafts if d.claimant}
        actors = state.actors.actors
        places = [
            aid
            for aid, actor in actors.items()
            if actor.actor_kind in (ActorKind.ORGANISATION, ActorKind.PERSON)
            and aid not in speakers
            and all(name.casefold() in surfaces for name in (actor.name, *actor.aliases))
            and not any(other.parent_id == aid for other in actors.values())
        ]
        for aid in places:
            del actors[aid]
        if not places:
            return
        gone = set(places)
        affiliation = state.actors.affiliation
        for key in [k for k, v in affiliation.items() if k in gone or v in gone]:
            del affiliation[key]
        for d in drafts:
            d.targets = [t for t in d.targets if t not in gone]
            d.mentions = frozenset(a for a in d.mentions if a not in gone)
        for inc in incidents:
            inc.victims = [v for v in inc.victims if v not in gone]

    def _places_named_as_persons(self, doc: Any) -> None:
        """Towns the small model tags as persons or organisations ("the village of Kfar Roummane")."""
        _join_split_names(doc)
        retag_places(doc, self.gazetteer, self.dictionary.is_actor_word, self._is_weapon_word)
        self._misread_words(doc)

    def _misread_words(self, doc: Any) -> None:
        """Single words the model tags as a person's or organisation's name that are not: a lone demonym
        ("Azerbaijani units", "Azerbaijani army positions") is a nationality, and a capitalised noun that
        opens a sentence and modifies another ("Grenade attacks were frequent") is no name at all."""
        from spacy.tokens import Span

        demonyms = self.dictionary.demonyms
        nouns = self.nouns

        def noun_opening(e: Any) -> bool:
            tok = e[0]
            return (
                len(e) == 1
                and e.label_ == "PERSON"
                and tok.is_sent_start
                and tok.lower_ in nouns
                and tok.dep_ == "compound"
                and tok.head.pos_ == "NOUN"
                and tok.head.is_lower
            )

        ents, changed = [], False
        for e in doc.ents:
            if e.label_ not in ("PERSON", "ORG") or e.kb_id_:
                ents.append(e)
            elif e.text.lower() in demonyms:
                ents.append(Span(doc, e.start, e.end, label="NORP"))
                changed = True
            elif noun_opening(e):
                changed = True
            else:
                ents.append(e)
        if changed:
            doc.ents = ents

    def _is_actor_noun(self, word: str) -> bool:
        return self.dictionary.is_actor_word(word) or self.dictionary.is_collective_word(word)

    def _is_weapon_word(self, word: str) -> bool:
        return word.lower() in self.dictionary.weapon_heads

    def _dateline(self, state: _ArticleState, sentences: list[_Sentence]) -> None:
        for s in sentences[:4]:
            m = _DATELINE.match(s.span.text)
            if not m:
                continue
            place = m.group("place")
            span = dates_mod.resolve(m.group("date"), state.article.published, "abs_day")
            state.dateline = span
            state.dateline_text = m.group(0)
            start = s.offset + s.span.start_char
            found = self.gazetteer.lookup(place.title()) or self.gazetteer.lookup(place)
            if not found:
                # A dateline names a settlement even when the gazetteer does not know it.
                name = place.title() if place.isupper() else place
                found = [Place(f"text:{name.casefold()}", name, "city", None, None, None, 0)]
            self._add_place(state, found[0], s.index, start, start + len(place))
            return

    # -- places -----------------------------------------------------------------------------------------

    def _add_place(
        self,
        state: _ArticleState,
        place: Place,
        sentence: int,
        start: int,
        end: int,
        surface_start: int | None = None,
    ) -> str:
        kind = LocationKind(place.kind)
        lid = location_id(kind.value, place.country, place.name, place.key)
        if lid not in state.places:
            # One name is one place within an article: a later mention that the gazetteer puts in another
            # country (Kitshanga in Angola once Luanda is mentioned) is the place named before.
            lid = next(
                (
                    known.id
                    for known in state.places.values()
                    if known.location_kind is kind and known.name.casefold() == place.name.casefold()
                ),
                lid,
            )
        loc = state.places.get(lid)
        text = state.article.text
        a = surface_start if surface_start is not None else start
        surface = text[a:end]
        if loc is None:
            loc = Location(
                id=lid,
                name=place.name,
                location_kind=kind,
                country=place.country,
                lat=place.lat,
                lon=place.lon,
                gazetteer_id=place.key,
                aliases=[],
            )
            state.places[lid] = loc
        if surface not in loc.aliases:
            loc.aliases.append(surface)
        # Unvalidated, as in _graph: token offsets into the article.
        loc.evidence.append(
            trusted_fields(
                Evidence,
                {
                    "article_id": state.article.id,
                    "sentence": sentence,
                    "start": a,
                    "end": end,
                    "quote": surface,
                },
            )
        )
        state.place_mentions.append((sentence, a, end, lid))
        if place.country:
            state.countries.add(place.country)
        return lid

    def _places(self, state: _ArticleState, s: _Sentence, dateline: bool = False) -> None:
        for ent in span_ents(s.span):
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            if ent.kb_id_.startswith("actor:"):
                continue
            before = ent.doc.text[s.span.start_char : ent.start_char]
            if dateline and before.count("(") > before.count(")"):
                continue  # "MOGADISHU, Feb 14 (Gulf of Aden Press) -": the agency's name, not a place
            text = ent.text
            start = s.offset + ent.start_char
            end = s.offset + ent.end_char
            doc = ent.doc
            # "the Kalbajar district", "Gegharkunik province": the suffix belongs to the name.
            suffix_end = ent.end
            # Not "the Kadugli-Dilling road": a road between two places is a route of its own (find_sites).
            joined = ent.start > 0 and doc[ent.start - 1].text in JOINING_DASHES
            while (
                suffix_end < len(doc)
                and doc[suffix_end].lower_ in _PLACE_SUFFIX
                and suffix_end - ent.end < 1
                and not (joined and doc[suffix_end].lower_ in _ROUTE_WORDS)
            ):
                suffix_end += 1
            full = doc[ent.start : suffix_end].text
            surface_start = start
            if ent.start > 0 and doc[ent.start - 1].lower_ == "the" and suffix_end > ent.end:
                surface_start = s.offset + doc[ent.start - 1].idx
            end_full = s.offset + doc[suffix_end - 1].idx + len(doc[suffix_end - 1].text)
            if suffix_end > ent.end and len(ent) == 1 and ent.root.lower_ in self.plain_words:
                continue  # "the Federal state", "the Islamic state": an English adjective, not a name
            countries = frozenset(state.countries)
            found = self.gazetteer.lookup(full, countries) if suffix_end > ent.end else []
            if found:
                self._add_place(state, found[0], s.index, start, end_full, surface_start)
                continue
            found = self.gazetteer.lookup(text, countries)
            if ent.kb_id_ and self.gazetteer.get(ent.kb_id_) is not None and not found:
                found = [self.gazetteer.get(ent.kb_id_)]  # type: ignore[list-item]
            apposed = self._apposed_country(ent)
            if apposed is not None and found and found[0].kind != "country":
                # "Boni, Kenya": the country after the comma says where the place lies, so a namesake
                # elsewhere (Bonn, once called Boni) is the wrong reading; the gazetteer may lack the place.
                found = [
                    p for p in self.gazetteer.lookup(text, countries | {apposed}) if p.country == apposed
                ]
                found = found or [Place(f"text:{text.casefold()}", text, "city", apposed, None, None, 0)]
            if (
                ent.end + 2 < len(doc)
                and doc[ent.end].lower_ in NAME_PARTICLES
                and doc[ent.end + 1].is_title
                and doc[ent.end + 2].lower_ in REGION_NOUNS
            ):
                # "Maguindanao del Sur province": the particle and the word after it go on the name
                name = doc[ent.start : ent.end + 2].text
                base_country = found[0].country if found and found[0].kind != "country" else None
                region = _text_region(state, name, base_country)
                stop = s.offset + doc[ent.end + 2].idx + len(doc[ent.end + 2].text)
                self._add_place(state, region, s.index, start, stop)
                continue
            qualifier = doc[ent.start - 1] if ent.start > 0 else None
            if (
                found
                and found[0].kind == "city"
                and qualifier is not None
                and qualifier.is_title
                and qualifier.lower_ in _NAME_QUALIFIERS
                and not (qualifier.is_sent_start and qualifier.lower_ not in _FORM_QUALIFIERS)
            ):
                # "Middle Juba", "Lower Shabelle region": a region named after a river or a town, which is
                # neither the town (Juba) nor in its country; the article's places give the country.
                q_start = s.offset + qualifier.idx
                name = doc[qualifier.i : suffix_end].text
                region = _text_region(state, name)
                self._add_place(state, region, s.index, q_start, end_full, q_start)
                continue
            if found and suffix_end > ent.end:
                # A district named after its town: keep the district as a region of the same country.
                base = found[0]
                word = doc[suffix_end - 1].lower_
                if base.kind == "region" and word in _REGION_WORDS:
                    # "South Kordofan state": the word only restates what the region is.
                    self._add_place(state, base, s.index, start, end_full, surface_start)
                    continue
                kind = "route" if word in _ROUTE_WORDS else "region" if word in _REGION_WORDS else base.kind
                place = Place(f"{base.key}:{word}", full, kind, base.country, base.lat, base.lon, 0)
                self._add_place(state, place, s.index, start, end_full, surface_start)
                continue
            if found and found[0].kind == "country" and self._named_in_title_or_as_party(ent):
                continue
            if found and found[0].kind == "country":
                # A name several states share ("Congo"): the article's places choose, as for actors.
                iso = state.actors.country_of(text, doc)
                chosen = self.gazetteer.country(iso) if iso and iso != found[0].country else None
                found = [chosen] if chosen is not None else found
            if found and _people_not_town(ent, found[0]):
                continue
            if found:
                if self._acting(ent, found[0]):
                    continue  # "Azerbaijan's Defence Ministry", "Baku said": the state acting, not a place
                part = part_of_place(doc, ent.start, found[0])
                if part is not None:  # "southern Lebanon", "north-east Syria": a region of the place
                    self._add_place(state, part, s.index, s.offset + doc[ent.start - 1].idx, end)
                    continue
                self._add_place(state, found[0], s.index, start, end)
                continue
            if ent.label_ == "GPE" and self.dictionary.country_of_word(text):
                continue
            if (
                ent.root.dep_ in ("nsubj", "nsubjpass")
                and ent.root.head.lemma_.lower() in self.lexicon.reporting
            ):
                continue  # "Ndaye said": a speaker the model took for a place
            if not text[:1].isupper() or len(text) < 3:
                continue
            if ent.label_ == "GPE" and _people_not_town(ent, None):
                continue
            if len(ent) == 1 and ent.root.is_sent_start and ent.root.tag_ in ("NN", "NNS"):
                continue  # "Gunmen ambushed …": a common noun capitalised only by its place in the sentence
            # A place the gazetteer lacks: kind from its words, country from the article's places.
            words = {w.lower() for w in full.split()}
            if words & _ROUTE_WORDS:
                kind = "route"
            elif words & _SITE_WORDS:
                kind = "site"
            elif words & _REGION_WORDS:
                kind = "region"
            else:
                kind = {"GPE": "city", "LOC": "region", "FAC": "site"}[ent.label_]
            country = self._apposed_country(ent) or _dominant(
                state.countries, state.place_mentions, state.places
            )
            place = Place(
                f"text:{full.casefold()}",
                re.sub(r"^the ", "", full, flags=re.I),
                kind,
                country,
                None,
                None,
                0,
            )
            self._add_place(state, place, s.index, start, end_full, surface_start)
        self._regions_by_noun(state, s)

    def _apposed_country(self, ent: Any) -> str | None:
        """ISO3 of the country set after a place name by a comma ("Boni, Kenya"), or None. Not a list of
        places ("Boni, Kenya and Somalia") nor a country that goes on into a phrase ("Boni, Kenya's ...")."""
        doc = ent.doc
        if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
            return None
        after = next((e for e in ents_of(doc) if e.start == ent.end + 1 and e.label_ == "GPE"), None)
        if after is None:
            return None
        if after.end < len(doc) and (doc[after.end].lower_ in ("and", "or") or doc[after.end].tag_ == "POS"):
            return None
        found = self.gazetteer.lookup(after.text)
        return found[0].country if found and found[0].kind == "country" else None

    def _regions_by_noun(self, state: _ArticleState, s: _Sentence) -> None:
        """A capitalised name that NER left unlabelled before a region noun is that region ("an attack in
        Djugu territory", "Kani township"): English writes an administrative area that way."""
        doc = s.span.doc
        for noun in s.span:
            if noun.text != noun.lower_ or noun.lower_ not in REGION_NOUNS or noun.i == s.span.start:
                continue
            first = noun.i
            while (
                first > s.span.start
                and (prev := doc[first - 1]).is_title
                and prev.pos_ == "PROPN"
                and not prev.ent_type_
                and prev.dep_ == "compound"
                and prev.head.i in range(first - 1, noun.i + 1)
                and not prev.is_sent_start
                and not self.dictionary.is_actor_word(prev.lower_)
                and prev.lower_ not in self.plain_words
                and not self.dictionary.country_of_word(prev.text)
            ):
                first -= 1
            if first == noun.i or any(m[1] <= s.offset + doc[first].idx < m[2] for m in state.place_mentions):
                continue
            while (
                first > s.span.start + 1
                and doc[first - 1].lower_ in NAME_PARTICLES
                and doc[first - 2].is_title
                and doc[first - 2].pos_ == "PROPN"
            ):
                first -= 2  # "Lanao del Sur province": the name goes on through its particle
            if any(m[1] <= s.offset + doc[first].idx < m[2] for m in state.place_mentions):
                continue  # the rest of a name placed already ("Maguindanao del Sur province")
            start = s.offset + doc[first].idx
            end = s.offset + noun.idx + len(noun.text)
            name = doc[first : noun.i + 1].text
            known = self.gazetteer.lookup(doc[first : noun.i].text, frozenset(state.countries))
            if known and known[0].kind in ("city", "region"):
                # "Tillabéri region", the town small enough for NER to miss: the region of the town's country
                base = known[0]
                region = Place(
                    f"{base.key}:{noun.lower_}", name, "region", base.country, base.lat, base.lon, 0
                )
            else:
                region = _text_region(state, name)
            self._add_place(state, region, s.index, start, end)

    def _sites(self, state: _ArticleState, s: _Sentence) -> None:
        """Descriptive sites and routes ("the market in Kitshanga"), placed by their named place; a later
        "the market" is the same site."""
        doc = s.span.doc
        mentions = [m for m in state.place_mentions if m[0] == s.index]
        taken: set[int] = set()
        for site in find_sites(s.span):
            noun = doc[site.first]
            if noun.tag_ == "NN" and noun.lemma_.lower() == site.noun and s.index != state.headline:
                # "died in hospital in Goma", "from house to house in the town": a singular noun without a
                # determiner is a state or a manner, not a site (a headline drops its articles, though)
                continue
            anchor_ids = []
            for i in site.anchors:
                at = s.offset + doc[i].idx
                found = [lid for _si, a, b, lid in mentions if a <= at < b]
                if not found and doc[i].lemma_.lower() in TOWN_NOUNS:
                    found = self._last_town(state, at)  # "the road out of the town"
                anchor_ids += found
            if not anchor_ids:
                continue
            base = state.places[anchor_ids[0]]
            key = f"{site.kind}:{site.noun}:" + "+".join(dict.fromkeys(anchor_ids))
            start = s.offset + doc[site.first].idx
            end = s.offset + doc[site.last].idx + len(doc[site.last].text)
            phrase = state.article.text[start:end]
            if phrase.count('"') % 2 or phrase.count("“") != phrase.count("”"):
                # 'struck "a training camp of terrorists" near the village': a quotation mark inside cuts
                # the words into a speaker's and the narration's; they make no one site
                continue
            name = re.sub(r"^(the|a|an)\s+", "", phrase, flags=re.I)
            place = Place(key, name, site.kind, base.country, base.lat, base.lon, 0)
            site_id = self._add_place(state, place, s.index, start, end)
            state.sites[site.noun] = site_id
            state.site_anchors.setdefault(site_id, list(dict.fromkeys(anchor_ids)))
            taken.update(range(site.first, site.last + 1))
            # The phrase without its place ("a crowded market" of "a crowded market in the town of X") is how
            # the article names the site too.
            noun = next((t for t in doc[site.first : site.last + 1] if t.lemma_.lower() == site.noun), None)
            if noun is not None and noun.i < site.last:
                head = state.article.text[start : s.offset + noun.idx + len(noun.text)]
                if head not in state.places[site_id].aliases:
                    state.places[site_id].aliases.append(head)
        for tok in s.span:
            lid = state.sites.get(tok.lemma_.lower())
            if lid is None or tok.i in taken or tok.i == 0 or tok.pos_ != "NOUN":
                continue
            det = doc[tok.i - 1]
            if det.lower_ in ("the", "that", "this") and det.head.i == tok.i:
                loc = state.places[lid]
                key = loc.gazetteer_id or lid
                same = Place(key, loc.name, loc.location_kind.value, loc.country, loc.lat, loc.lon, 0)
                self._add_place(state, same, s.index, s.offset + det.idx, s.offset + tok.idx + len(tok.text))

    @staticmethod
    def _last_town(state: _ArticleState, before: int) -> list[str]:
        """The town "the town" refers back to: the town of the latest event told before, else the last one
        the narration named; a town a speaker names ("Port Sudan is inventing this story") or one that
        only describes an actor ("the authorities in Sanaa") does not move the story."""
        told = [town for at, town in state.incident_towns if at < before]
        if told:
            return told[-1:]
        text = state.article.text
        towns = [
            lid
            for _s, a, _b, lid in state.place_mentions
            if a < before and state.places[lid].location_kind is LocationKind.CITY and not _quoted(text, a)
        ]
        return towns[-1:]

    # -- actors -----------------------------------------------------------------------------------------

    def _names_a_known_group(self, state: _ArticleState, ent: Any) -> bool:
        """The entity only modifies a group word ("Hadba fighters") and the phrase is the men of an armed
        group the article named before, which the model took for a person's name."""
        head = ent.root
        if head.dep_ != "compound" or head.head.i < ent.end or head.head.pos_ != "NOUN":
            return False
        if not lemma_is(head.head, self.dictionary.armed_heads):
            return False
        return state.actors.group_of(f"{ent.text} {head.head.text}") is not None

    def _actor_mentions(self, state: _ArticleState, s: _Sentence) -> None:
        """Register named actors and actor-like noun phrases so pronouns and "the ministry" resolve."""
        resolver = state.resolver
        for ent in span_ents(s.span):
            head = ent.root
            if (
                ent.label_ == "ORG"
                and head.dep_ == "compound"
                and head.head.pos_ == "NOUN"
                and head.head.i >= ent.end
                and not any(self.dictionary.is_actor_word(t.lower_) for t in ent)
            ):
                # "the UN agency", "PDF positions": the name only modifies a noun; the phrase, if it is an
                # actor, comes in through its own head ("China Coast Guard vessels" still names a force).
                continue
            if (
                ent.label_ == "ORG"
                and head.dep_ == "compound"
                and head.head.i >= ent.end
                and all(t.lower_ in MINISTRY_TOPIC_WORDS for t in ent)
            ):
                continue  # "Defence Minister X": the topic of a ministry, which its own head brings in
            if ent.label_ == "PERSON" and self._names_a_known_group(state, ent):
                continue  # "Hadba fighters" after "the Hadba Security Battalion": the group's men
            if (
                ent.label_ in ("PERSON", "ORG")
                or ent.kb_id_.startswith("actor:")
                or (
                    ent.label_ in ("GPE", "NORP")
                    and head.dep_ in ("nsubj", "nsubjpass")
                    and head.head.pos_ == "VERB"
                )
            ):
                resolver.resolve(head, s.offset, s.index)
                resolver.link_apposition(ent, s.offset, s.index)
        resolver.register_named_by_clause(s.span, s.offset, s.index)
        d = self.dictionary
        for tok in s.span:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in (
                "nsubj",
                "nsubjpass",
                "dobj",
                "pobj",
                "conj",
                "appos",
            ):
                continue
            lemma = tok.lemma_.lower()
            low = tok.lower_
            if (
                lemma in d.armed_heads
                or low in d.armed_heads
                or lemma in d.government_heads
                or lemma == "ministry"
                or (
                    tok.dep_ in ("nsubj",)
                    and (lemma in d.population_heads or lemma in d.person_roles or low in d.population_heads)
                )
            ):
                resolver.resolve(tok, s.offset, s.index)

    # -- incidents --------------------------------------------------------------------------------------

    def _incidents(self, state: _ArticleState, s: _Sentence, incidents: list[IncidentDraft]) -> list[int]:
        """Incident mentions of one sentence; returns indices (into ``incidents``) mentioned here."""
        here: list[int] = []
        sent = s.span
        separate = is_separate(sent.text)
        covered: set[int] = set()
        places_here = [m for m in state.place_mentions if m[0] == s.index]
        # Most sentences tell no incident: their places and dates are looked up at the first trigger.
        placeable: list[tuple[int, int, int, str]] | None = None
        dates_here: list[dates_mod.DateMention] | None = None
        tok_incident: dict[int, int] = {}
        kicker = _kicker_end(sent) if s.index == state.headline else None
        for tok in sent:
            if tok.i in covered or tok.pos_ not in ("NOUN", "VERB", "PROPN"):
                continue
            if kicker is not None and tok.i < kicker:
                continue  # "Ukraine war: missile strike kills seven": the story's label, not an event
            found = self.triggers.type_at(tok)
            if found is None:
                continue
            itype, first, last = found
            covered.update(range(first, last + 1))
            if tok.dep_ not in _EVENT_DEPS:
                continue
            if tok.pos_ == "VERB" and itype not in _VIOLENT and itype not in _EVENT_VERB_TYPES:
                continue
            # A gerund standing as a subject names the event itself ("Shelling by the RSF killed 12").
            gerund_subject = tok.tag_ == "VBG" and tok.dep_ in ("csubj", "nsubj")
            # "wounded patients brought there by the Red Crescent": the participle's noun is its object.
            moved = itype is IncidentType.MEDICAL_EVACUATION and tok.dep_ == "acl" and tok.tag_ == "VBN"
            if (
                tok.pos_ == "VERB"
                and not gerund_subject
                and not moved
                and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children)
            ):
                continue
            if placeable is None or dates_here is None:
                placeable = self._not_origins(s, places_here, state)
                dates_here = dates_mod.find_dates(sent.text, state.article.published)
            start = s.offset + sent.doc[first].idx
            end = s.offset + sent.doc[last].idx + len(sent.doc[last].text)
            loc_ids = self._places_of(tok, s, placeable, state)
            generic = tok.lemma_.lower() in GENERIC_EVENT_NOUNS and any(
                c.lower_ in ("the", "this", "that", "its") for c in tok.children
            )
            # "Grenade attacks": a phrase that takes in a word already read as an event tells that one event.
            read = [tok_incident[i] for i in range(first, last + 1) if i in tok_incident]
            target = next((j for j in read if incidents[j].type is itype), None)
            joined = tok_incident.get(tok.head.i) if tok.dep_ == "conj" else None
            if joined is None and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
                joined = tok_incident.get(tok.head.head.i)  # "seized power in a coup": one event
                joined = joined if joined is not None and incidents[joined].type is itype else None
            if (
                target is None
                and joined is not None
                and (
                    incidents[joined].type is itype
                    or (itype in _VIOLENT and incidents[joined].type in _VIOLENT)
                )
            ):
                target = joined  # "48 drones and three missiles", "a drone and missile attack": one attack
            # Only the vague words ("fire", "attack", "fighting") refer back; "shelling" is its own type.
            weak = first == last and itype is IncidentType.ARMED_CLASH and tok.lemma_.lower() in _WEAK
            if weak and not generic:
                # "several attacks in the area since January" is a series of its own, not the attack just told
                own = self._own_date(tok, s, dates_here)
                weak = own is None or not _long_span(own[2])
            generic = generic and itype in _VIOLENT
            if target is None and not separate and (generic or weak):
                # "the attack", "firing the rounds": the violent incident just reported.
                target = self._recent_violent(incidents, s.index, loc_ids, generic, tok.tag_ == "NN", state)
                if target is None and generic:
                    # "the attack" after a grenade thrown at a market: the article's latest such event
                    target = next(
                        (
                            j
                            for j in range(len(incidents) - 1, -1, -1)
                            if incidents[j].type is IncidentType.OTHER
                        ),
                        None,
                    )
            if target is None and not separate and first == last and strike_told_again(tok):
                own_places = self._places_of_clause(tok, s, placeable, loc_ids)
                target = self._struck_again(incidents, s.index, own_places, state)
                if target is not None and self._own_date(tok, s, dates_here) is not None:
                    target = None  # "The militia attacked the town again on Friday": an event of its own
            if target is not None and generic:
                # "The attack came a day after drones struck a refinery in Krasnodar": the incident referred
                # to only takes the places of its own phrase, not those of the other events in the sentence.
                loc_ids = self._places_of_phrase(tok, s, places_here, loc_ids)
            if target is None and not separate:
                when = self._own_date(tok, s, dates_here)
                # "It warned that the blockade could push the Artibonite towards famine": a definite noun
                # names an event already told, wherever the rest of the sentence goes.
                definite = tok.pos_ == "NOUN" and any(
                    c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children
                )
                target = self._coreferent(
                    incidents,
                    itype,
                    self._places_of_phrase(tok, s, places_here, loc_ids) if definite else loc_ids,
                    generic,
                    tok.lemma_.lower(),
                    when,
                    state.places,
                    _landmarks(state),
                    state.headline,
                )
            if target is None and _unrealised(tok):
                continue  # "the talks could be postponed", "if every mission becomes a fight": no event
            if target is None:
                target = len(incidents)
                incidents.append(
                    IncidentDraft(
                        type=itype,
                        trigger_start=start,
                        trigger_end=end,
                        sentence=s.index,
                        trigger_text=sent.doc[first : last + 1].text,
                        trigger_lemma=tok.lemma_.lower(),
                        summary=sent.text.strip()[:200],
                    )
                )
            inc = incidents[target]
            tok_incident[tok.i] = target
            from_headline = state.headline is not None and all(
                si == state.headline for si, _a, _b in inc.mentions
            )
            inc.mentions.append((s.index, start, end))
            if from_headline and s.index != state.headline:
                inc.type = itype  # the body tells the headline's event more exactly
            if loc_ids and (inc.location is None or (from_headline and s.index != state.headline)):
                inc.location = loc_ids[0]  # the body's place is narrower than the headline's
            for lid in loc_ids:
                if lid not in inc.near:
                    inc.near.append(lid)
            state.incident_towns.extend((start, town) for town in _towns_of(loc_ids, state))
            if inc.date_mention is None and target == len(incidents) - 1:
                # Words such as "a week after" date a new incident before the sentence's own dates do.
                same = [incidents[j] for j in here]
                pub = state.article.published
                inc.date_mention = self._relative_date(tok, s, same, incidents[:target], pub)
            if inc.date_mention is None:
                inc.date_mention, inc.date_from_statement = self._date_of(tok, s, dates_here, state)
            elif inc.date_from_statement:
                own = self._own_date(tok, s, dates_here)
                if own is not None:
                    inc.date_mention, inc.date_from_statement = own, False
            elif inc.date_mention[3] != s.index:
                # "the 2021 ceasefire" told again as "the ceasefire, reached in February 2021": the later
                # words date the same event more exactly.
                own = self._own_date(tok, s, dates_here)
                if own is not None and dates_mod.narrows(inc.date_mention[2], own[2]):
                    inc.date_mention = own
            if (
                inc.date_mention is not None
                and not inc.date_from_statement
                and inc.date_mention[3] == s.index
            ):
                a, b, span, si = inc.date_mention
                span = lasting_date(tok, inc.type, (a, b, span), s.offset, state.article.published)
                inc.date_mention = (a, b, span, si)
            if target not in here:
                here.append(target)
        if here:
            killed, injured = casualties(sent, self.triggers)
            # "A day after the attack, a roadside bomb hit a vehicle, killing two": the toll and the victims
            # are the sentence's own event's, not those of the event it dates itself by.
            anchors = {j for i, j in tok_incident.items() if temporal_anchor(sent.doc[i])}
            own = [j for j in here if j not in anchors] or here
            # "Strikes kill 12 as talks stall": a toll is a violent event's when the sentence has one, and
            # never that of talks or a truce.
            main = incidents[next((j for j in own if incidents[j].type in _VIOLENT), own[0])]
            if main.type in _TOLL_FREE:
                killed = injured = None
            for head in victim_heads(sent, self.triggers):
                aid = state.resolver.resolve(head, s.offset, s.index)
                if aid and aid not in main.victims:
                    main.victims.append(aid)
            if killed is not None or injured is not None:
                if killed is not None and main.killed is None:
                    main.killed = killed
                if injured is not None and main.injured is None:
                    main.injured = injured
        return here

    @staticmethod
    def _recent_violent(
        incidents: list[IncidentDraft],
        sentence: int,
        loc_ids: list[str],
        generic: bool,
        singular: bool = False,
        state: _ArticleState | None = None,
    ) -> int | None:
        for j in range(len(incidents) - 1, -1, -1):
            inc = incidents[j]
            if inc.type not in _VIOLENT:
                continue
            if generic and singular and _over_a_period(inc):
                continue  # "the attack" is one event, not "several attacks in the area since January"
            last_seen = max(si for si, _a, _b in inc.mentions) if inc.mentions else inc.sentence
            if not generic and sentence - last_seen > 3:
                return None
            if generic or not loc_ids or not inc.near or set(loc_ids) & set(inc.near):
                return j
            # "fired from hills west of the town": a site of the same town is the same fighting
            return j if state is not None and _one_area(loc_ids, inc.near, state) else None
        return None

    @staticmethod
    def _places_of_clause(
        tok: Any, s: _Sentence, places_here: list[tuple[int, int, int, str]], loc_ids: list[str]
    ) -> list[str]:
        """Of ``loc_ids``, those in the clause of the trigger's verb outside the clauses it holds ("The
        drone hit the station as passengers were boarding buses for El Obeid": the station)."""
        verb = tok.head if tok.dep_ == "nsubj" else tok
        inner = {
            t.i
            for c in verb.subtree
            if c.i != verb.i and c.dep_ in _CLAUSE_DEPS and c.pos_ in ("VERB", "AUX")
            for t in c.subtree
        }
        spans = [(s.offset + t.idx, s.offset + t.idx + len(t.text)) for t in verb.subtree if t.i not in inner]
        keep = {m[3] for m in places_here if any(a <= m[1] < b for a, b in spans)}
        return [lid for lid in loc_ids if lid in keep]

    @staticmethod
    def _struck_again(
        incidents: list[IncidentDraft], sentence: int, loc_ids: list[str], state: _ArticleState
    ) -> int | None:
        """The violent incident told in the last two sentences that "The drone hit …" tells again: its
        places, if any, are that incident's, in its area, or sites it did not name (the narrower place)."""
        told = [(max(si for si, _a, _b in inc.mentions), k) for k, inc in enumerate(incidents)]
        j = next((k for si, k in reversed(told) if si < sentence and incidents[k].type in _VIOLENT), None)
        if j is None or sentence - told[j][0] > 2:
            return None
        near = incidents[j].near
        narrower = all(state.places[x].location_kind is LocationKind.SITE for x in loc_ids)
        return j if narrower or not near or _one_area(loc_ids, near, state) else None

    def _coreferent(
        self,
        incidents: list[IncidentDraft],
        itype: IncidentType,
        loc_ids: list[str],
        generic: bool,
        lemma: str = "",
        when: Any = None,
        places: dict[str, Location] | None = None,
        landmarks: frozenset[str] = frozenset(),
        headline: int | None = None,
    ) -> int | None:
        for j in range(len(incidents) - 1, -1, -1):
            inc = incidents[j]
            # A headline sums up the lead: its event is the first like event of the body, told there with
            # the narrower places ("army post in western Niger" -> "army post near the village of Ouallam").
            in_headline = headline is not None and all(si == headline for si, _a, _b in inc.mentions)
            # A headline's loose word ("Israeli strikes kill 19") is the body's violent event.
            same_type = inc.type is itype or (
                (generic or in_headline) and inc.type in _VIOLENT and itype in _VIOLENT
            )
            if not same_type:
                continue
            if itype is IncidentType.OTHER and _kind(inc.trigger_lemma) != _kind(lemma):
                continue  # "other" gathers unlike events: a detention is not the displacement before it
            elsewhere = inc.location and inc.location not in loc_ids and not set(loc_ids) & set(inc.near)
            if (
                loc_ids
                and elsewhere
                and not (in_headline and _same_country(loc_ids, inc.near, places or {}))
                and not _same_area(loc_ids, inc.near, places or {})
                and not (inc.location in landmarks and _maybe_near(loc_ids, inc.location, places or {}))
            ):
                continue
            if when is not None and inc.killed is not None and _long_span(when[2]):
                continue  # "fighting has displaced thousands since January" is not the killing of Sunday
            if when is not None and inc.date_mention is not None and not inc.date_from_statement:
                a, b = when[2], inc.date_mention[2]
                if a.known and b.known and not a.overlaps(b.start, b.end):
                    continue  # "strikes in August alone" are not the strike of last Sunday
            return j
        return None

    @staticmethod
    def _not_origins(
        s: _Sentence, places_here: list[tuple[int, int, int, str]], state: _ArticleState
    ) -> list[tuple[int, int, int, str]]:
        """The sentence's places less the countries things came from: "the drone had come from across the
        border with Sudan" does not place the strike in Sudan; a nearer origin does ("fired from hills
        west of the town")."""
        origins = [
            (s.offset + min(x.idx for x in t.subtree), s.offset + max(x.idx + len(x.text) for x in t.subtree))
            for t in s.span
            if t.lower_ == "from" and t.dep_ == "prep" and t.head.pos_ in ("VERB", "AUX")
        ]
        return [
            m
            for m in places_here
            if state.places[m[3]].location_kind is not LocationKind.COUNTRY
            or not any(a <= m[1] and m[2] <= b for a, b in origins)
        ]

    def _places_of(
        self, tok: Any, s: _Sentence, places_here: list[tuple[int, int, int, str]], state: _ArticleState
    ) -> list[str]:
        """Places attached to the trigger's clause (or, failing that, in the sentence); ``places_here``
        are the sentence's places less the origins (:meth:`_not_origins`)."""
        clause = tok
        while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and clause.head.i != clause.i:
            clause = clause.head
        lo = s.offset + min(t.idx for t in clause.subtree)
        hi = s.offset + max(t.idx + len(t.text) for t in clause.subtree)
        places_here = [m for m in places_here if not _in_title(m, s)]
        inside = [m for m in places_here if lo <= m[1] and m[2] <= hi]
        # Outside the clause, a country is another clause's business ("…, adding that Kinshasa held Rwanda
        # responsible"); a town or region there still places a short report.
        chosen = inside or [
            m for m in places_here if state.places[m[3]].location_kind is not LocationKind.COUNTRY
        ]
        # A country beside a named town or region only frames the story ("in Kotli, Pakistan").
        narrower = [m for m in chosen if state.places[m[3]].location_kind is not LocationKind.COUNTRY]
        chosen = narrower or chosen
        ordered = sorted(
            chosen, key=lambda m: (_LOC_RANK.get(state.places[m[3]].location_kind.value, 9), m[1])
        )
        return list(dict.fromkeys(m[3] for m in ordered))

    @staticmethod
    def _places_of_phrase(
        tok: Any, s: _Sentence, places_here: list[tuple[int, int, int, str]], loc_ids: list[str]
    ) -> list[str]:
        """Of ``loc_ids``, those in the trigger's own phrase or in a place phrase of its verb ("the attack
        on the port", "the attack took place in Odesa"), not inside another clause of the sentence."""
        spans = [tok.subtree]
        if tok.dep_ in ("nsubj", "nsubjpass"):
            spans += [c.subtree for c in tok.head.children if c.dep_ == "prep" and c.i > tok.i]
        keep: set[str] = set()
        for subtree in spans:
            toks = list(subtree)
            if any(t.pos_ in ("VERB", "AUX") and t.i != tok.i for t in toks):
                continue  # a clause of its own ("after drones struck a refinery in Krasnodar")
            lo = s.offset + min(t.idx for t in toks)
            hi = s.offset + max(t.idx + len(t.text) for t in toks)
            keep.update(m[3] for m in places_here if lo <= m[1] and m[2] <= hi)
        return [lid for lid in loc_ids if lid in keep]

    def _relative_date(
        self,
        tok: Any,
        s: _Sentence,
        same_sentence: list[IncidentDraft],
        earlier: list[IncidentDraft],
        pub: Any,
    ) -> Any:
        """ "A day after the attack, troops launched an operation": dated from the incident named."""
        found = relative_date(s.span, tok, same_sentence, earlier, pub)
        if found is None:
            return None
        start, end, span = found
        words = dates_mod.DateMention(start, end, "", span, "relative")
        if self._dates_statement(s, words) and tok.head.i != tok.i and self._reported_in(tok, s, start):
            return None  # "the army said the next day that the JFA had fired the shells": the statement's day
        base = s.offset + s.span.start_char
        return (base + start, base + end, span, s.index)

    @staticmethod
    def _reported_in(tok: Any, s: _Sentence, at: int) -> bool:
        """The trigger lies in what a verb reports, and the words at ``at`` (an offset into the sentence
        text) follow that verb ("said the next day that …"); fronted words ("A day after the attack, the
        army said it had destroyed …") are read as the report's own time."""
        word = next((t for t in s.span if t.idx - s.span.start_char >= at), None)
        verb = word
        while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb is None or word is None or word.i < verb.i:
            return False
        return verb.i != tok.i and verb in tok.ancestors

    def _named_in_title_or_as_party(self, ent: Any) -> bool:
        """A country after a capitalised noun and "of/in/for" is part of a body's name or a title ("the
        Government of Burkina Faso", "the UN Mission in Libya", "the Coordinator for Sudan"), and the
        countries "between" which a war or talks are held are its parties, not its places."""
        root = first_conjunct(ent.root)
        prep = root.head
        if root.dep_ != "pobj" or prep.i == root.i:
            return False
        owner = prep.head
        if prep.lower_ in ("of", "in", "for"):
            return owner.pos_ == "PROPN" and owner.is_title and not owner.is_sent_start and owner.i < prep.i
        return prep.lower_ == "between" and owner.pos_ == "NOUN" and self.triggers.type_at(owner) is not None

    def _acting(self, ent: Any, place: Place) -> bool:
        """A country or capital doing something ("Kigali rejects", "accused Rwanda of") is an actor here,
        not a place; so is a name a reporting verb takes as its subject ("Mendoza said")."""
        # "India and Pakistan accused each other": each conjunct acts as the first
        root = first_conjunct(ent.root)
        head = root.head.lemma_.lower()
        reporting = head in self.lexicon.reporting
        if root.dep_ in ("nsubj", "nsubjpass") and reporting:
            return True
        capital = self.dictionary.capitals.get(place.name.casefold()) == place.country
        if place.kind != "country" and not capital:
            return False
        part = head in SITE_NOUNS or head in SETTLEMENT_NOUNS or head in _PLACE_PARTS
        if root.dep_ == "poss" and place.kind != "country" and part:
            return False  # "Beirut's southern suburbs", "Khartoum's main market": a part of the place
        if root.dep_ in ("nsubj", "poss", "nsubjpass"):
            return True
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return True
        if root.dep_ == "dobj" and place.kind != "country" and head in _HIT_VERBS:
            return False  # "missiles struck Kyiv", "drones hit Khartoum": the capital is where they fell
        return root.dep_ == "dobj" and (reporting or head in self.lexicon.wrongdoing)

    def _date_of(
        self, tok: Any, s: _Sentence, dates_here: list[Any], state: _ArticleState
    ) -> tuple[Any, bool]:
        """The date mention of the incident at ``tok``, and whether it is only the date of a statement
        (the last resort)."""
        if not dates_here:
            return None, False
        base = s.span.start_char
        trig = tok.idx - base
        # An accused act has a clause of its own: "on Tuesday accused M23 of killing" dates the charge, and
        # the act only until its own date is told; so does an event named inside it ("accused the army on
        # Saturday of killing nine civilians in a drone strike").
        act = next((a for a in (tok, *tok.ancestors) if accused_act(a, self.triggers.accuse)), None)
        accused = act is not None
        clause = act if act is not None else tok
        # A participle describing a noun is a clause of its own ("spoke on Tuesday to wounded patients
        # brought there by the Red Crescent on Monday").
        participle = tok.pos_ == "VERB" and tok.dep_ == "acl"
        while (
            not accused
            and not participle
            and clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl")
            and clause.head.i != clause.i
        ):
            clause = clause.head
        lo = min(t.idx for t in clause.subtree) - base
        hi = max(t.idx + len(t.text) for t in clause.subtree) - base
        inside = [m for m in dates_here if lo <= m.start and m.end <= hi and m.kind != "duration"]
        # Outside the trigger's clause, a date on a reporting verb dates the statement ("said on Thursday"):
        # the last resort.
        outside = [m for m in dates_here if m.kind != "duration" and not self._dates_statement(s, m)]
        fallback = [m for m in dates_here if m.kind != "duration"]
        statement = not (inside or outside) and bool(fallback)
        pool = inside or outside or fallback
        # A duration dates the incident only when nothing else does ("access has been restricted for weeks").
        pool = pool or [m for m in dates_here if lo <= m.start and m.end <= hi]
        if not pool:
            return None, False
        best = min(pool, key=lambda m: abs(m.start - trig))
        return (s.offset + base + best.start, s.offset + base + best.end, best.span, s.index), statement

    def _dates_statement(self, s: _Sentence, mention: Any) -> bool:
        at = s.span.start_char + mention.start
        tok = next((t for t in s.span if t.idx >= at), None)
        date_tok = tok
        while tok is not None and tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
            tok = tok.head
        if tok is None or tok.lemma_.lower() not in self.lexicon.reporting:
            return False
        return date_tok is None or not _inside_fronted_report(date_tok, tok)

    def _own_date(self, tok: Any, s: _Sentence, dates_here: list[Any]) -> Any:
        """The date words of the trigger's own clause, unless that clause is a statement's ("said on
        Monday that …" dates the statement, not the event)."""
        clause = tok
        while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl") and clause.head.i != clause.i:
            clause = clause.head
        if clause.lemma_.lower() in self.lexicon.reporting:
            return None
        base = s.span.start_char
        lo = min(t.idx for t in clause.subtree) - base
        hi = max(t.idx + len(t.text) for t in clause.subtree) - base
        inside = [m for m in dates_here if lo <= m.start and m.end <= hi and m.kind != "duration"]
        # A relative clause that does not hold the trigger tells of something else ("the JFA, which has
        # besieged Kadugli since August, had fired the shells").
        for rel in clause.subtree:
            if rel.dep_ == "relcl" and tok not in rel.subtree:
                r_lo = min(t.idx for t in rel.subtree) - base
                r_hi = max(t.idx + len(t.text) for t in rel.subtree) - base
                inside = [m for m in inside if not (r_lo <= m.start and m.end <= r_hi)]
        if not inside:
            return None
        best = min(inside, key=lambda m: abs(m.start - (tok.idx - base)))
        return (s.offset + base + best.start, s.offset + base + best.end, best.span, s.index)

    def _about(self, d: ClaimDraft, incidents: list[IncidentDraft], here: list[int]) -> str | None:
        inside = [
            j
            for j in here
            if any(d.content_start <= a and b <= d.content_end for _s, a, b in incidents[j].mentions)
        ]
        if inside:
            return str(inside[0])
        if here:
            return str(here[0])
        return None

    # -- graph ------------------------------------------------------------------------------------------

    def _graph(
        self,
        state: _ArticleState,
        sentences: list[_Sentence],
        drafts: list[ClaimDraft],
        incidents: list[IncidentDraft],
    ) -> ArticleGraph:
        art = state.article
        aid = art.id
        text = art.text
        nodes: list[Node] = []
        edges: list[Edge] = []

        # The graph's models are built unvalidated (graph.model.trusted): every value is a type the model
        # declares, from token offsets into the article, ids made here and the registries' own models.
        def ev(start: int, end: int, sentence: int | None) -> Evidence:
            return trusted_fields(
                Evidence,
                {
                    "article_id": aid,
                    "sentence": sentence,
                    "start": start,
                    "end": end,
                    "quote": text[start:end],
                },
            )

        inc_ids: list[str] = []
        inc_nodes: list[Incident] = []
        for inc in incidents:
            iid = incident_id(aid, inc.type.value, inc.trigger_start, inc.trigger_end)
            inc_ids.append(iid)
            when = TimeSpan.unknown()
            if inc.date_mention is not None and not inc.date_from_statement:
                when = inc.date_mention[2]
            figures = []
            if inc.killed is not None or inc.injured is not None:
                figures.append(trusted(CasualtyFigure, killed=inc.killed, injured=inc.injured, source=aid))
            node = trusted(
                Incident,
                id=iid,
                incident_type=inc.type,
                summary=inc.summary,
                killed=inc.killed,
                injured=inc.injured,
                figures=figures,
                event_time=when,
                location_id=inc.location,
                evidence=[ev(a, b, si) for si, a, b in inc.mentions],
            )
            inc_nodes.append(node)
            nodes.append(node)
            edges.append(
                _edge(etype=EdgeType.REPORTED_IN, source=iid, target=aid, evidence=node.evidence[:1])
            )
            for victim in inc.victims:
                edges.append(
                    _edge(
                        etype=EdgeType.INVOLVES,
                        source=iid,
                        target=victim,
                        props={"role": Role.VICTIM.value},
                        evidence=node.evidence[:1],
                    )
                )
            for lid in inc.near:
                props: dict[str, str | int | float | bool | None] = {"distance_km": None}
                place = state.places.get(lid)
                anchor = state.places.get(inc.location) if inc.location else None
                if (
                    place is not None
                    and anchor is not None
                    # a country's point is its capital: no distance to or from the country as a whole
                    and LocationKind.COUNTRY not in (place.location_kind, anchor.location_kind)
                    and place.lat is not None
                    and place.lon is not None
                    and anchor.lat is not None
                    and anchor.lon is not None
                ):
                    props["distance_km"] = round(
                        distance_km((anchor.lat, anchor.lon), (place.lat, place.lon)), 1
                    )
                edges.append(
                    _edge(
                        etype=EdgeType.OCCURRED_NEAR,
                        source=iid,
                        target=lid,
                        props=props,
                        evidence=node.evidence[:1],
                    )
                )

        claim_ids: list[str] = []
        claim_nodes: list[Claim] = []
        for d in drafts:
            cid = claim_id(aid, d.start, d.end, d.claimant or "", d.stance.value, ",".join(d.targets))
            claim_ids.append(cid)
        for i, d in enumerate(drafts):
            cid = claim_ids[i]
            when = self._claim_time(d, state, text)
            about = None
            if d.denies:
                about = claim_ids[d.denies[0]]
            elif d.about_incident is not None:
                about = inc_ids[int(d.about_incident)]
            target = d.targets[0] if d.targets and d.stance is not Stance.DENY else None
            e = ev(d.start, d.end, d.sentence)
            claim = trusted(
                Claim,
                id=cid,
                claimant_id=d.claimant,
                stance=d.stance,
                target_id=target,
                about_id=about,
                quote=text[d.start : d.end],
                claim_time=when,
                negated=d.negated,
                hypothetical=d.hypothetical,
                reported=True,
                evidence=[e],
            )
            claim_nodes.append(claim)
            nodes.append(claim)
            edges.append(_edge(etype=EdgeType.REPORTED_IN, source=cid, target=aid, evidence=[e]))
            if d.claimant:
                edges.append(_edge(etype=EdgeType.MADE, source=d.claimant, target=cid, evidence=[e]))
            if about:
                edges.append(_edge(etype=EdgeType.ABOUT, source=cid, target=about, evidence=[e]))
            if d.stance is Stance.ACCUSE and d.claimant:
                for t in d.targets:
                    edges.append(
                        _edge(
                            etype=EdgeType.ACCUSES,
                            source=d.claimant,
                            target=t,
                            props={"claim_id": cid},
                            evidence=[e],
                        )
                    )
                    if about and about.startswith("inc_"):
                        edges.append(
                            _edge(
                                etype=EdgeType.INVOLVES,
                                source=about,
                                target=t,
                                props={"role": Role.ALLEGED_PERPETRATOR.value},
                                evidence=[e],
                            )
                        )
            if d.stance is Stance.DENY and d.claimant:
                for j in d.denies:
                    edges.append(
                        _edge(
                            etype=EdgeType.DENIES,
                            source=d.claimant,
                            target=claim_ids[j],
                            props={"claim_id": cid},
                            evidence=[e],
                        )
                    )

        actors = state.actors.actors
        for actor in actors.values():
            nodes.append(actor)
            edges.append(
                _edge(etype=EdgeType.REPORTED_IN, source=actor.id, target=aid, evidence=actor.evidence[:1])
            )
            if actor.parent_id and actor.parent_id in actors:
                edges.append(
                    _edge(
                        etype=EdgeType.PART_OF,
                        source=actor.id,
                        target=actor.parent_id,
                        evidence=actor.evidence[:1],
                    )
                )
        for loc in state.places.values():
            nodes.append(loc)
            edges.append(
                _edge(etype=EdgeType.REPORTED_IN, source=loc.id, target=aid, evidence=loc.evidence[:1])
            )
        graph = ArticleGraph(
            article=art, nodes=_dedupe_nodes(nodes), edges=_dedupe_edges(edges), source_key=aid
        )
        graph.validate_edges()
        return graph

    def _claim_time(self, d: ClaimDraft, state: _ArticleState, text: str) -> TimeSpan:
        pub = state.article.published
        for a, b in d.date_tokens:
            # A little context before the phrase keeps its modifiers ("later on Monday").
            lead = max(0, a - 12)
            found = [m for m in dates_mod.find_dates(text[lead:b], pub) if lead + m.end > a]
            if found:
                return found[0].span
        if state.dateline is not None and not d.present_tense and not d.according_to:
            span = state.dateline
            return span.model_copy(update={"raw": state.dateline_text})
        return TimeSpan.unknown()


def _edge(
    etype: EdgeType,
    source: str,
    target: str,
    evidence: list[Evidence],
    props: dict[str, str | int | float | bool | None] | None = None,
) -> Edge:
    """An Edge built unvalidated, its id as Edge's validator gives it; ``props`` and ``evidence`` become the
    edge's own, so each call gets fresh ones."""
    props = {} if props is None else props
    eid = edge_id(etype, source, target, props.get("claim_id"), props.get("role"))
    return trusted_edge(eid, etype, source, target, props, evidence)


# Two mentions of one event may name it by nearby places: "the port of Odesa", "the Odesa region".
_SAME_AREA_KM = 30.0


# Modals that put an event in a possible future; "may have killed" (with "have") still tells one.
_POSSIBLE = frozenset({"could", "might", "may", "would"})
# Verbs whose infinitive is an act not done yet: "threatened to attack", "vowed to retake".
_INTENT_VERBS = frozenset({"threaten", "vow", "plan", "intend", "promise", "pledge"})


def _unrealised(tok: Any) -> bool:
    """The event word sits in a clause that only imagines it: a possible future ("the understanding
    could collapse"), a condition ("if every mission becomes a fight") or an intent ("threatened to
    strike"). An event that is the clause's subject is told as real ("operations would continue")."""
    if tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
        return False
    if _feared(tok):
        return True
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _POSSIBLE and "have" not in auxes:
        return True
    if (
        verb.dep_ in ("xcomp", "advcl")
        and verb.head.lemma_.lower() in _INTENT_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return True
    clause = verb
    while True:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children):
            return True
        if clause.dep_ not in ("advcl", "conj", "xcomp") or clause.head.i == clause.i:
            return False
        clause = clause.head


def _join_split_names(doc: Any) -> None:
    """One personal name NER cut in two ("Kamal Tarek" + "Osman"): adjacent PERSON entities whose
    first part the parse compounds onto the second are one entity, so one person, not two."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    out: list[Any] = []
    changed = False
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == ent.label_ == "PERSON"
            and prev.end == ent.start
            and prev[-1].dep_ == "compound"
            and ent.start <= prev[-1].head.i < ent.end
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            changed = True
            continue
        out.append(ent)
    if changed:
        doc.ents = out


def _people_not_town(ent: Any, place: Place | None) -> bool:
    """A one-word town name (or a name the gazetteer lacks) after "the" with no noun of its own, and
    not where a preposition of place puts it, is a people the small model took for a place ("the
    genocide against the Tutsi"): English names a town without an article, and a river ("near the
    Danube") or a region stands after "on", "near" or "in"."""
    if len(ent) != 1 or (place is not None and place.kind != "city") or ent.start == 0:
        return False
    det = ent.doc[ent.start - 1]
    root = ent.root
    if det.lower_ != "the" or det.head.i != root.i or root.dep_ == "compound":
        return False
    return not (root.dep_ == "pobj" and root.head.lower_ in _SPATIAL_PREPS)


def _text_region(state: _ArticleState, name: str, country: str | None = None) -> Place:
    """A region the gazetteer lacks, under its words as written, in ``country`` or else the country the
    article's places point to; no coordinates."""
    country = country or _dominant(state.countries, state.place_mentions, state.places)
    return Place(f"text:{name.casefold()}", name, "region", country, None, None, 0)


def _same_country(loc_ids: list[str], others: list[str], places: dict[str, Location]) -> bool:
    """Every place of both lists whose country is known lies in one and the same country."""
    countries = {places[x].country for x in [*loc_ids, *others] if x in places and places[x].country}
    return len(countries) <= 1


def _kind(lemma: str) -> str:
    """What an "other" event's word tells, so that its tellings meet: a swap is an exchange."""
    return "exch" if lemma in SWAP_WORDS else lemma[:4]


# What is feared or warned of has not happened: "fearing new fighting", "the risk of a wider war".
_FEAR_VERBS = frozenset({"fear", "dread"})
_FEAR_NOUNS = frozenset({"fear", "fears", "risk", "threat", "danger", "prospect", "spectre", "specter"})


def _feared(tok: Any) -> bool:
    head = tok.head
    if tok.dep_ == "dobj":
        return bool(head.lemma_.lower() in _FEAR_VERBS)
    if tok.dep_ != "pobj" or head.lower_ != "of":
        return False
    owner = head.head
    return bool(
        owner.lower_ in _FEAR_NOUNS
        or (owner.pos_ == "VERB" and owner.lemma_.lower() in ("warn", *_FEAR_VERBS))
    )


_CLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "acl", "conj", "xcomp", "csubj"})
_TOLL_FREE = frozenset([IncidentType.NEGOTIATIONS, IncidentType.CEASEFIRE])


def _headline(article: Article, sentences: list[_Sentence]) -> int | None:
    """The headline: the first sentence when it is the article's title, or a whole first paragraph
    without closing punctuation."""
    if not sentences:
        return None
    first = sentences[0].span
    text = first.text.strip()
    if article.title and text.lstrip("#").strip() == article.title.strip():
        return 0  # also a Markdown body that opens with its title as a heading ("# Title")
    whole = first.start == 0 and first.end == len(first.doc)
    return 0 if whole and text and text[-1] not in '.!?"”' else None


# Words of a flight from danger ("families fled towards Goma").
_FLIGHT_WORDS = frozenset(["flee", "exodus"])


def _add_origins(incidents: list[IncidentDraft], state: _ArticleState) -> None:
    """An evacuation or a flight whose places leave out the town of the violent event told before it
    ("evacuated 11 wounded to Goma", "families fled towards Goma") left that town: it is one of its places.
    One that names no place at all ("400 families had fled their homes since the shooting") left the
    place of that event."""
    for k, inc in enumerate(incidents):
        departs = inc.type is IncidentType.MEDICAL_EVACUATION or inc.trigger_lemma in _FLIGHT_WORDS
        if not departs:
            continue
        before = [
            j
            for j, other in enumerate(incidents)
            if j != k and other.type in _VIOLENT and other.location and other.sentence < inc.sentence
        ]
        if not before:
            continue
        violent = incidents[max(before, key=lambda j: incidents[j].sentence)]
        if not inc.near:
            inc.location = violent.location
            inc.near.append(str(violent.location))
            continue
        towns = _towns_of([violent.location] if violent.location else [], state)
        if towns and not set(towns) & set(_towns_of(inc.near, state)):
            inc.near.append(towns[0])


def _towns_of(loc_ids: list[str], state: _ArticleState) -> list[str]:
    """The towns among the places, a site standing for the towns it lies in."""
    out = []
    for lid in loc_ids:
        for x in [lid, *state.site_anchors.get(lid, [])]:
            if state.places[x].location_kind is LocationKind.CITY and x not in out:
                out.append(x)
    return out


def _one_area(loc_ids: list[str], others: list[str], state: _ArticleState) -> bool:
    """The places share one, counting the places a site lies in, or lie within a few km of each other."""

    def widened(ids: list[str]) -> set[str]:
        return {*ids, *(a for x in ids for a in state.site_anchors.get(x, []))}

    return bool(widened(loc_ids) & widened(others)) or _same_area(loc_ids, others, state.places)


def _same_area(loc_ids: list[str], others: list[str], places: dict[str, Location]) -> bool:
    """Some place of each list lies within a few km of the other's, in the same country; a country is too
    wide to tell."""
    for a in loc_ids:
        for b in others:
            pa, pb = places.get(a), places.get(b)
            if (
                pa is None
                or pb is None
                or pa.lat is None
                or pb.lat is None
                or pa.lon is None
                or pb.lon is None
            ):
                continue
            if LocationKind.COUNTRY in (pa.location_kind, pb.location_kind) or pa.country != pb.country:
                continue
            if distance_km((pa.lat, pa.lon), (pb.lat, pb.lon)) <= _SAME_AREA_KM:
                return True
    return False


# "a village north of Goma": the event is at an unnamed settlement that the place only locates.
_UNNAMED_SETTLEMENT = re.compile(
    r"\b(?:a|an|one)\s+(?:\w+\s+)?(?:village|town|hamlet|settlement|camp|area|locality)\s+"
    r"(?:(?:some\s+|about\s+)?\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|outside|near)(?:\s+of)?\s+$",
    re.I,
)
_LANDMARK_RADIUS_KM = 150.0


def _landmarks(state: _ArticleState) -> frozenset[str]:
    """Places the article names only as the landmark of an unnamed settlement ("a village north of Goma")."""
    text = state.article.text
    return frozenset(
        lid
        for _s, start, _e, lid in state.place_mentions
        if _UNNAMED_SETTLEMENT.search(text[max(0, start - 60) : start])
    )


def _maybe_near(loc_ids: list[str], landmark: str, places: dict[str, Location]) -> bool:
    """The places could be the unnamed settlement near ``landmark``: not countries, and unknown to the
    gazetteer or within a district's reach of the landmark."""
    mark = places.get(landmark)
    for lid in loc_ids:
        p = places.get(lid)
        if p is None or p.location_kind is LocationKind.COUNTRY:
            return False
        if p.lat is None or p.lon is None or mark is None or mark.lat is None or mark.lon is None:
            continue
        if distance_km((p.lat, p.lon), (mark.lat, mark.lon)) > _LANDMARK_RADIUS_KM:
            return False
    return True


def _over_a_period(inc: IncidentDraft) -> bool:
    """The incident is dated by its own words to more than a week: a series of events."""
    return inc.date_mention is not None and not inc.date_from_statement and _long_span(inc.date_mention[2])


def _long_span(span: TimeSpan) -> bool:
    """More than a week: a period of events, not one event ("since January", "for months")."""
    return span.start is not None and span.end is not None and (span.end - span.start).days > 7


def _quoted(text: str, at: int) -> bool:
    """Offset ``at`` lies inside a quotation opened earlier in its paragraph."""
    return quotation_open_after(text[text.rfind("\n", 0, at) + 1 : at])


def _opens_quote(text: str) -> bool:
    """The sentence starts a quotation it does not close."""
    t = text.lstrip()
    if not t or t[0] not in '"“':
        return False
    return t.count('"') % 2 == 1 if t[0] == '"' else t.count("“") > t.count("”")


def _closes_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("”") > text.count("“")


# Types whose verbs report an event ("blocked the road", "detained two men", "evacuated the wounded").
_EVENT_VERB_TYPES = frozenset(
    {IncidentType.BLOCKADE, IncidentType.OTHER, IncidentType.MEDICAL_EVACUATION, IncidentType.SMUGGLING}
)

# Parts of a place that its possessive names ("Beirut's southern suburbs", "the capital's outskirts").
_PLACE_PARTS = frozenset(
    {
        "suburb",
        "outskirts",
        "outskirt",
        "centre",
        "center",
        "district",
        "neighbourhood",
        "neighborhood",
        "edge",
    }
)
# Verbs of a physical attack: a city as their object is the place attacked, even a capital.
_HIT_VERBS = frozenset(
    {
        "strike",
        "hit",
        "shell",
        "bomb",
        "bombard",
        "pound",
        "attack",
        "target",
        "rocket",
        "raid",
        "storm",
        "besiege",
    }
)
_LOCATIVE = frozenset({"in", "near", "at", "outside", "around", "towards", "toward", "into", "inside"})
# Prepositions that put a name on a map, a river or a region included ("on the Danube").
_SPATIAL_PREPS = _LOCATIVE | {"on", "along", "across", "over", "beyond", "between", "to", "from", "via"}

_LOC_RANK = {"site": 0, "city": 1, "route": 2, "region": 3, "country": 4}

# Words of an office whose place names a jurisdiction, not where an event happened: "said Josué Mukendi,
# the administrator of Masisi territory", "health officials in North Kivu said", "the governor of Odesa
# region".
_TITLE_WORDS = frozenset(
    {
        "administrator",
        "administration",
        "governor",
        "mayor",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "ministry",
        "prosecutor",
        "authority",
        "council",
        "commissioner",
        "head",
        "chief",
    }
)


def _in_title(mention: tuple[int, int, int, str], s: _Sentence) -> bool:
    """The place mention modifies an office ("the administrator of Masisi territory") on its way up the
    parse, before it reaches a verb."""
    span = s.span.doc.char_span(mention[1] - s.offset, mention[2] - s.offset, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.head.i != tok.i and tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "ROOT"):
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _TITLE_WORDS:
            return True
    return False


def _dominant(
    countries: set[str], mentions: list[tuple[int, int, int, str]], places: dict[str, Location]
) -> str | None:
    counts: dict[str, int] = {}
    for _s, _a, _b, lid in mentions:
        c = places[lid].country
        if c:
            counts[c] = counts.get(c, 0) + 1
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _dedupe_nodes(nodes: list[Node]) -> list[Node]:
    seen: dict[str, Node] = {}
    for n in nodes:
        seen.setdefault(n.id, n)
    return list(seen.values())


def _dedupe_edges(edges: list[Edge]) -> list[Edge]:
    from graph.merge import merge_edge

    out: dict[str, Edge] = {}
    for e in edges:
        out[e.id] = merge_edge(out.get(e.id), e)
    return [out[k] for k in sorted(out)]


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()


def extract(article: Article) -> ArticleGraph:
    """Extract one article with the process-wide default :class:`Extractor`."""
    return default_extractor().extract(article)


def _kicker_end(sent: Any) -> int | None:
    """Index of the colon that ends a headline's short label ("Ukraine war:", "Sudan crisis:",
    "Israel-Gaza war:"), or None. A label has at most four words and no verb."""
    for tok in sent[:6]:
        if tok.text == ":":
            label = [t for t in sent if t.i < tok.i and not t.is_punct]
            if 0 < len(label) <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in label):
                return int(tok.i)
            return None
    return None


def _inside_fronted_report(date_tok: Any, verb: Any) -> bool:
    """Whether a date the parser hung on the reporting verb sits inside the report told before it.

    In "12 people were killed in Sake on Monday, a local leader told AP" the small model attaches "on
    Monday" to "told"; words between the fronted report and its speaker belong to the report, so they
    date the event. "On Monday, the army said …" and "said on Monday" still date the statement.
    """
    fronted = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    speaker = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if not fronted or not speaker:
        return False
    start = min(t.i for t in fronted[0].subtree)
    return bool(start < date_tok.i < min(t.i for t in speaker[0].subtree))


def published_of(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


_ = (Actor,)
