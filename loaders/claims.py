"""Attributed claims from the dependency parse.

A claim is anchored on a reporting predicate from the lexicon (``loaders/data/lexicon.yaml``):

- speaker: the ``nsubj`` of the verb; for a participle or conjoined verb without its own subject
  ("…, accusing X of Y") the subject of the verb it hangs on; the ``by`` agent of a passive; the object
  of "according to";
- content: the ``ccomp``/``xcomp`` clause, the object after "of"/"for", the denied object, or the quote;
- stance: accuse for accuse/blame/allege/charge/hold responsible, deny for deny/reject/dismiss/refute or
  a denial predicate ("baseless", "fabricated", "no truth"), else assert — except that a reported act of
  violence by another side ("said X had fired on …") is an accusation of X;
- flags: negation ("did not accuse" is no claim at all) and hypothetical modality ("could escalate").

Denials are linked afterwards (:func:`link_denials`) to the claim they name or the nearest accusation
against the denier's side; an accusation described only inside a denial becomes its own claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from graph.model import ActorKind, Stance
from loaders.actors import GENERIC_HOLDERS, ActorResolver, national_forces_name, np_tokens
from loaders.gazetteer import lemma_is

LEXICON_FILE = Path(__file__).with_name("data") / "lexicon.yaml"


@dataclass(frozen=True)
class Lexicon:
    accuse: frozenset[str]
    deny: frozenset[str]
    assert_: frozenset[str]
    clause_only: frozenset[str]
    accuse_phrases: dict[str, frozenset[str]]
    claim_nouns: frozenset[str]
    figure_nouns: frozenset[str]
    retract: frozenset[str]
    figure_verbs: frozenset[str]
    force_nouns: frozenset[str]
    unnamed: frozenset[str]
    deny_predicates: frozenset[str]
    deny_phrases: tuple[str, ...]
    wrongdoing: frozenset[str]
    wrongdoing_nouns: frozenset[str]
    hypothetical: frozenset[str]
    raw: dict[str, Any]
    # "attributed the attack to the army": the accused is the object of "to".
    attribute: frozenset[str] = frozenset()
    # "started the firing": a verb whose wrongdoing object makes its subject the doer.
    act_verbs: frozenset[str] = frozenset()
    # "according to UN estimates": nouns for what a source gives; the source is the claimant.
    source_nouns: frozenset[str] = frozenset()
    # "carried out", "opened fire", "set fire": a wrongdoing verb that is one only with one of these words.
    wrongdoing_needs: dict[str, frozenset[str]] = field(default_factory=dict)
    # "the attackers were fighters of X", "the bomber was sent by X", "bore the hallmarks of X".
    doer_nouns: frozenset[str] = frozenset()
    sender_verbs: frozenset[str] = frozenset()
    hallmark_nouns: frozenset[str] = frozenset()
    # "killing 11 militants" against "the victims were farmers": who an act hit, as each side tells it.
    combatant_nouns: frozenset[str] = frozenset()
    military_modifiers: frozenset[str] = frozenset()
    civilian_nouns: frozenset[str] = frozenset()
    hit_verbs: frozenset[str] = frozenset()
    apology_verbs: frozenset[str] = frozenset()
    error_nouns: frozenset[str] = frozenset()
    condemn: frozenset[str] = frozenset()
    mutual_accuse: frozenset[str] = frozenset()

    @cached_property
    def reporting(self) -> frozenset[str]:
        # Built once: the extraction asks for it at every verb of every sentence.
        return self.accuse | self.deny | self.assert_


def form_of(word: str, lemma: str, lemmas: frozenset[str]) -> bool:
    """Whether the word (lower case) with the model's ``lemma`` is a form of one of ``lemmas``.

    The small model's lemmatiser misreads some forms ("staged", "staging" and "stages" all as "stag") and
    keeps some gerunds as nouns of their own ("opened firing"), so the regular English inflections of a
    lexicon word count too: "-s"/"-es", "-ed"/"-d", "-ing", with a dropped final "e", a doubled final
    consonant, or "y" turned "ie".

    >>> stage = frozenset({"stage"})
    >>> [form_of(w, "stag", stage) for w in ("staged", "staging", "stages", "stag")]
    [True, True, True, False]
    >>> wrong = frozenset({"fire", "shell", "bomb", "bully"})
    >>> [form_of(w, w, wrong) for w in ("firing", "shelling", "bombed", "bullied", "fired", "bus")]
    [True, True, True, True, True, False]
    """
    if word in lemmas or lemma in lemmas:
        return True
    for suffix in ("ing", "ied", "ies", "ed", "es", "s", "d"):
        stem = word.removesuffix(suffix)
        if stem == word or len(stem) < 3:
            continue
        if suffix in ("ied", "ies"):
            if stem + "y" in lemmas:
                return True
            continue
        if stem in lemmas or (suffix in ("ing", "ed") and stem + "e" in lemmas):
            return True
        if suffix in ("ing", "ed") and stem[-1] == stem[-2] and stem[:-1] in lemmas:
            return True  # "stopped", "shipping"
    return False


def repair_reporting_nouns(doc: Any, reporting: frozenset[str], is_actor_noun: Callable[[str], bool]) -> None:
    """Put back a present-tense reporting verb the parser read as a plural noun after a subject it read
    as an adjective: "The collective affirms that 28 people died" comes out as the noun phrase "the
    collective affirms" with a clause hanging on it. With a determiner, an actor noun and a verb form
    of the lexicon ("affirms", "denounces") followed by a clause or an object, the words are subject and
    verb again, so the statement has its speaker.
    """
    for sent in doc.sents:
        verb = sent.root
        if verb.dep_ != "ROOT" or verb.tag_ != "NNS" or not verb.is_lower or verb.i < sent.start + 2:
            continue
        subject, det = doc[verb.i - 1], doc[verb.i - 2]
        if not (
            subject.dep_ == "amod"
            and subject.head.i == verb.i
            and subject.is_lower
            and is_actor_noun(subject.lower_)
            and det.dep_ == "det"
            and det.head.i == verb.i
        ):
            continue
        lemma = next((w for w in sorted(reporting) if form_of(verb.lower_, "", frozenset({w}))), None)
        if lemma is None:
            continue
        clauses = [
            c for c in verb.rights if c.pos_ in ("VERB", "AUX") and c.dep_ in ("acl", "relcl", "ccomp")
        ]
        objects = [c for c in verb.rights if c.pos_ == "NOUN" and c.dep_ in ("appos", "dobj")]
        if not clauses and not objects:
            continue
        subject.pos_, subject.tag_, subject.dep_ = "NOUN", "NN", "nsubj"
        det.head = subject
        verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBZ", lemma
        for c in clauses:
            c.dep_ = "ccomp"
        for c in objects[:1]:
            c.dep_ = "dobj"


def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    rv = data["reporting_verbs"]

    def fs(values: list[str]) -> frozenset[str]:
        return frozenset(str(v).lower() for v in values)

    return Lexicon(
        accuse=fs(rv["accuse"]),
        deny=fs(rv["deny"]),
        assert_=fs(rv["assert"]),
        clause_only=fs(data["clause_only_verbs"]),
        accuse_phrases={k: fs(v) for k, v in data["accuse_phrases"].items()},
        claim_nouns=fs(data["claim_nouns"]),
        figure_nouns=fs(data.get("figure_nouns", [])),
        retract=fs(data.get("retract_verbs", [])),
        figure_verbs=fs(data.get("figure_verbs", [])),
        force_nouns=fs(data.get("force_nouns", [])),
        unnamed=fs(data.get("unnamed_perpetrators", [])),
        deny_predicates=fs(data["deny_predicates"]),
        deny_phrases=tuple(p.lower() for p in data["deny_phrases"]),
        wrongdoing=fs(data["wrongdoing_verbs"]),
        wrongdoing_nouns=fs(data.get("wrongdoing_nouns", [])),
        hypothetical=fs(data["hypothetical_markers"]),
        raw=data,
        attribute=fs(data.get("attribution_verbs", [])),
        act_verbs=fs(data.get("act_verbs", [])),
        source_nouns=fs(data.get("source_nouns", [])),
        wrongdoing_needs={k: fs(v) for k, v in (data.get("wrongdoing_needs") or {}).items()},
        doer_nouns=fs(data.get("doer_nouns", [])),
        sender_verbs=fs(data.get("sender_verbs", [])),
        hallmark_nouns=fs(data.get("hallmark_nouns", [])),
        combatant_nouns=fs(data.get("combatant_nouns", [])),
        military_modifiers=fs(data.get("military_modifiers", [])),
        civilian_nouns=fs(data.get("civilian_nouns", [])),
        hit_verbs=fs(data.get("hit_verbs", [])),
        apology_verbs=fs(data.get("apology_verbs", [])),
        error_nouns=fs(data.get("error_nouns", [])),
        condemn=fs(data.get("condemn_verbs", [])),
        mutual_accuse=fs(data.get("mutual_accuse_verbs", [])),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()


@dataclass
class ClaimDraft:
    """A claim found in one sentence, before ids are assigned. Offsets index the article text."""

    sentence: int
    start: int
    end: int
    claimant: str | None
    stance: Stance
    targets: list[str] = field(default_factory=list)
    content_start: int = 0
    content_end: int = 0
    verb_start: int = 0
    verb_end: int = 0
    negated: bool = False
    hypothetical: bool = False
    names_claim: bool = False  # "rejected the accusation": the denied claim is named, not described
    retracts: bool = False  # "withdrew that claim": denies the claimant's own earlier claim
    described: tuple[int, int] | None = None  # an accusation described only inside the denial
    charge_described: bool = False  # "the allegations that …": a claim noun carries the described charge
    present_tense: bool = False
    according_to: bool = False
    denies: list[int] = field(default_factory=list)  # indices of denied drafts (set by link_denials)
    about_incident: str | None = None
    date_tokens: list[tuple[int, int]] = field(default_factory=list)
    content_negated: bool = False
    # For a denial naming its claim ("the Philippine account", "Rwanda's accusations", "accusations by
    # the ombudsman"): the actors whose claim it is (for a country, its actors named so far).
    denied_owners: frozenset[str] = frozenset()
    # "rejected that claim", "the family rejects that": the denied claim is the one just reported.
    points_back: bool = False
    # "…, a charge Kigali rejects": appended to the clause it denies, which its own sentence tells.
    appended: bool = False
    # "rejected these claims", "dismissed the allegations": the denial answers every charge just made.
    plural: bool = False
    # Actors the content says did not do wrong ("the paramilitaries do not target markets").
    cleared: tuple[str, ...] = ()
    # "Both sides accused each other" said before the article names the sides: resolved once the whole
    # article is read (resolve_mutual).
    mutual: bool = False
    # Further sources of an "according to X and Y" statement: each makes the claim too.
    also_by: tuple[str, ...] = ()
    nouns: frozenset[str] = frozenset()  # noun lemmas of the claim's words
    echoes: frozenset[str] = frozenset()  # "no such position": nouns of the claim this one answers
    mentions: frozenset[str] = frozenset()  # actors named in the claim's content
    # "blamed X for the attack", "repeated its accusation": the verb itself charges, adding no facts.
    charge_verb: bool = False
    repeats: bool = False  # "repeated the accusation": the charge last reported, made again
    # "said it had killed 11 militants": the content calls whom an act hit combatants or a military
    # objective; "said the victims were farmers", "no fighters were there": it calls them civilians.
    calls_combatants: bool = False
    calls_civilians: bool = False
    goes_on: bool = False  # ", saying …": a participle that goes on with the statement before it


_QUOTE_CHARS = '"“”«»'
_SIDE_WORDS = frozenset({"side", "party", "country", "nation", "government", "army", "neighbour", "neighbor"})
_BLAME_PREDICATES = frozenset({"responsible", "behind", "culpable", "guilty", "accountable"})
_REPORT_NOUNS = frozenset({"statement", "report", "briefing", "message", "video", "post", "interview"})
# "rejected that accusation" looks for an accusation; "rejected that claim" for the claim just reported.
_ACCUSATION_NOUNS = frozenset({"accusation", "allegation", "charge", "counter-accusation"})
# A sentence of an article as the claim finder sees it: (span, index, paragraph offset, its drafts).
_Sent = tuple[Any, int, int, list[ClaimDraft]]
# Nouns for a text someone issues ("issued the following statement").
_STATEMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "declaration", "message", "letter"})
_FIGHT_VERBS = frozenset({"fight", "clash", "battle", "skirmish"})
_REPEAT_VERBS = frozenset({"repeat", "reiterate", "renew", "restate", "echo"})
_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})
_FUTURE_MODALS = frozenset({"could", "might", "may", "would", "will", "'ll", "shall"})
_LEADERSHIP_NOUNS = frozenset({"command", "leadership", "headquarters", "politburo"})
# Subjects that name the people an act hit ("the victims", "two of those killed", "the dead", "they").
_HIT_PEOPLE = frozenset(
    {"victim", "dead", "kill", "those", "they", "man", "men", "people", "casualty", "body", "all", "wounded"}
)
# "some of the dead", "most of them": a part of the people an act hit ("two of those killed" by number).
_SOME_OF = frozenset(
    {"one", "some", "most", "many", "several", "half", "few", "majority", "dozens", "hundreds"}
)
_DENY_HEADS = frozenset({"role", "involvement", "responsibility", "part", "link", "links", "connection"})


class ClaimFinder:
    """Finds claim drafts in parsed sentences of one article."""

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver) -> None:
        self.lex = lexicon
        self.resolver = resolver
        self.last_claimant: str | None = None
        # Whom the latest accusation of the article named: "repeated the accusation" charges them again.
        self.last_accused: list[str] = []
        self.cleared: list[str] = []  # actors a negated wrongdoing clause clears (last content read)
        self.none_of: list[Any] = []  # "no Turkish soldiers were hurt": the nouns "no" negates (same)

    # -- per sentence ---------------------------------------------------------------------------------

    def find(self, sent: Any, sentence: int, offset: int) -> list[ClaimDraft]:
        drafts: list[ClaimDraft] = []
        figures: list[ClaimDraft] = []
        used_verbs: set[int] = set()
        appended = self._appended(sent, sentence, offset)
        appended_words = {
            t.i for _c, d in appended for t in sent if d.verb_start <= offset + t.idx < d.verb_end
        }
        for tok in sent:
            if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                d = self._according_to(tok, sent, sentence, offset)
                if d:
                    drafts.append(d)
                    # "according to a militia leader and residents": one claim per source.
                    drafts.extend(replace(d, claimant=c) for c in d.also_by)
                continue
            if tok.pos_ not in ("VERB",) or tok.i in used_verbs:
                continue
            lemma = tok.lemma_.lower()
            repaired = tok.tag_ == "VBN" and tok.dep_ == "acl" and self._main_verb_as_modifier(tok)
            if tok.tag_ == "VBN" and tok.dep_ == "acl" and not repaired:
                d = self._figure_by(tok, sentence, offset)  # "the toll of 12 given by the ministry"
                if d:
                    figures.append(d)
                continue
            if (
                lemma not in self.lex.reporting
                and lemma not in self.lex.attribute
                and not self._accuse_phrase(tok)
                and not self._retracts(tok)
            ):
                continue
            if tok.dep_ in ("amod", "compound"):
                continue  # "the alleged attack", "the accused"
            if _names_itself(tok) or _purpose_only(tok):
                continue
            if tok.i in appended_words:
                continue
            made = self._from_verb(tok, sent, sentence, offset)
            if repaired:
                # The subject ends at the comma before the verb, so the rest of the sentence is the
                # verb's, whatever the parser hung it on.
                last = next(t for t in reversed(sent) if not t.is_punct)
                for d in made:
                    d.end = max(d.end, offset + last.idx + len(last))
                    d.content_end = max(d.content_end, d.end)
            used_verbs.add(tok.i)
            drafts.extend(made)
            for d in made:
                self.last_claimant = d.claimant or self.last_claimant
                if d.stance is Stance.ACCUSE and d.targets:
                    self.last_accused = list(d.targets)
        # A reporting verb inside another claim's content with no speaker of its own, or the same one
        # ("said it could not tell how many …", "say the strikes … and warn that …"), is part of it.
        # So is a clause-only verb there that reports no clause ("said its patrols had recorded
        # \"several explosions\""): the quoted words are what was recorded, not someone's statement.
        # Nesting needs two claims; most sentences have none.
        by_verb = {offset + t.idx: t for t in sent} if len(drafts) > 1 else {}
        nested = [
            b
            for b in drafts
            if b.stance is Stance.ASSERT
            and any(
                a is not b
                and a.content_start <= b.verb_start < a.content_end
                and (b.claimant is None or b.claimant == a.claimant or self._reports_no_clause(by_verb, b))
                and a.claimant is not None
                for a in drafts
            )
        ]
        drafts = [d for d in drafts if all(d is not b for b in nested)]
        drafts = self._join_participles(drafts, sent, offset)
        drafts = self._join_coordinated(drafts, sent, offset)
        for f in figures:
            # "…, officials said, up from the toll of 12 given by the administration": the embedded
            # figure is its own claim, not part of the enclosing one.
            for d in drafts:
                if d.start < f.start < d.end and d.claimant != f.claimant:
                    commas = [
                        offset + t.idx for t in sent if t.text == "," and d.start < offset + t.idx < f.start
                    ]
                    d.end = commas[-1] if commas else f.start
                    d.content_end = min(d.content_end, d.end)
            drafts.append(f)
        for comma, denial in appended:
            cut = offset + comma.idx
            earlier = [d for d in drafts if d.start < cut]
            for d in earlier:
                if d.end > cut:
                    d.end = cut
                    d.content_end = min(d.content_end, cut)
            if sent.doc[comma.i + 1 :].text.split(" ", 2)[0].lower().rstrip("s") in _ACCUSATION_NOUNS:
                # "X denounced the killing of civilians, accusations the authorities denied": the article
                # itself names the statement before the comma an accusation.
                named = max(earlier, key=lambda d: d.start, default=None)
                if named is not None and named.stance is Stance.ASSERT and named.claimant is not None:
                    named.stance = Stance.ACCUSE
            accusing = [d for d in earlier if d.stance is Stance.ACCUSE and d.targets]
            if denial.claimant is None and accusing:
                # "…, an accusation they deny": the pronoun is the accused side.
                for t in dict.fromkeys(t for d in accusing for t in d.targets):
                    drafts.append(replace(denial, claimant=t))
            else:
                drafts.append(denial)
        out = drafts + self._casualty_clauses(drafts, sent, offset)
        if len(out) > 1:
            verbs = {offset + t.idx: t for t in sent}
            for b in out:
                verb = verbs.get(b.verb_start)
                if verb is None or verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj"):
                    continue
                # "claimed responsibility, saying its fighters had killed …": the participle goes on with
                # the statement of the verb it hangs on.
                b.goes_on = any(
                    a is not b and a.verb_start == offset + verb.head.idx and a.claimant == b.claimant
                    for a in out
                )
                for a in out:
                    if (
                        b.goes_on
                        and a.stance is Stance.DENY
                        and a.verb_start == offset + verb.head.idx
                        and a.claimant == b.claimant
                        and a.end <= b.start + 2
                    ):
                        # "rejected the criticism, saying troops had arrived within an hour": the
                        # participle gives the denial's grounds, so the denial's words run on over it.
                        a.end = max(a.end, b.end)
        self._end_before_trailing_relative(out, sent, offset)
        for d in out:
            inside = [t for t in sent if d.start <= offset + t.idx < d.end]
            d.nouns = frozenset(t.lemma_.lower() for t in inside if t.pos_ == "NOUN")
            d.mentions = frozenset(
                a
                for (at, _, _), a in self.resolver.cache.items()
                if a and d.content_start <= at < d.content_end
            )
            # "no such position existed", "no such arrests took place": the noun names what the claim
            # just reported spoke of.
            d.echoes = frozenset(
                t.head.lemma_.lower() for t in inside if t.lower_ == "such" and t.head.pos_ == "NOUN"
            )
            said = [t for t in inside if d.content_start <= offset + t.idx < d.content_end] or inside
            self._mark_who_was_hit(d, said)
        return out

    def _mark_who_was_hit(self, d: ClaimDraft, content: list[Any]) -> None:
        """Set ``calls_combatants`` and ``calls_civilians`` from the claim's content words."""
        d.calls_combatants = any(self._military(t) and self._hit(t) for t in content)
        d.calls_civilians = any(
            (self._military(t) and self._none_there(t)) or self._were_civilians(t) for t in content
        )

    def _military(self, noun: Any) -> bool:
        """ "militants", "a terrorist", "armed men", "a command room", "military-industrial facilities"."""
        if noun.pos_ != "NOUN":
            return False
        lex = self.lex
        if noun.lemma_.lower() in lex.combatant_nouns or noun.lower_ in lex.combatant_nouns:
            return True
        return any(
            t.dep_ in ("amod", "compound")
            and (t.lower_ in lex.military_modifiers or t.lemma_ in lex.military_modifiers)
            for t in noun.subtree
            if t.i < noun.i
        )

    def _hit(self, noun: Any) -> bool:
        """Whether the noun is what an act hit: the object of a verb of hitting ("killing 11 militants",
        "struck a training camp of terrorists"), the subject of a passive one ("militants were killed"),
        or what a strike was on ("a strike on a command room"); not its doer ("attacked by terrorists")."""
        lex = self.lex
        x = noun
        for _ in range(8):
            head = x.head
            if head.i == x.i:
                return False
            word = head.lemma_.lower()
            if x.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and word in lex.hit_verbs:
                return True
            if x.dep_ == "pobj" and head.lower_ in ("on", "against"):
                act = head.head.lemma_.lower()
                if act in lex.hit_verbs or act in lex.wrongdoing_nouns:
                    return True
            if x.dep_ not in ("pobj", "prep", "conj", "appos", "compound"):
                return False
            x = head
        return False

    @staticmethod
    def _none_there(noun: Any) -> bool:
        """ "no fighters", "none of the fighters", "did not see any armed men", "they were not fighters"."""
        if any((c.dep_ == "det" and c.lower_ == "no") or c.dep_ == "neg" for c in noun.children):
            return True
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in ("none", "neither"):
            return True
        if noun.left_edge.i > 0 and noun.doc[noun.left_edge.i - 1].lower_ == "not":
            return True  # "farmers, not fighters": the parser hangs the "not" on the first noun
        verb = noun.head
        # "the military government has not addressed it" says nothing of who was there; "armed men
        # were not there", "did not see any armed men" do.
        subject = noun.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ == "be"
        return (noun.dep_ in ("dobj", "attr") or subject) and any(
            c.dep_ == "neg" or c.lower_ == "never" for c in verb.children
        )

    def _were_civilians(self, noun: Any) -> bool:
        """ "the victims were farmers", "two of those killed were farmers, not fighters", "there were only
        families": what the dead or the people there were, said to be civilians."""
        if noun.dep_ != "attr" or noun.head.lemma_ != "be" or noun.pos_ != "NOUN":
            return False
        verb = noun.head
        if any(c.dep_ == "neg" for c in verb.children):
            return False
        civilian = self.lex.civilian_nouns
        words = [noun, *noun.conjuncts]
        words += [
            g for w in words for p in w.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"
        ]
        if not any(w.lemma_.lower() in civilian or w.lower_ in civilian for w in words):
            return False
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "expl")]
        if not any(
            s.dep_ == "expl" or any(t.lemma_.lower() in _HIT_PEOPLE for t in s.subtree) for s in subjects
        ):
            return False
        # "one of them was a child", "two of the dead were women" tell who some of the dead were; only
        # with a contrast ("two of those killed were farmers, not fighters") do they answer a claim.
        some = any(
            (s.pos_ == "NUM" or s.lower_ in _SOME_OF) and any(c.lower_ == "of" for c in s.children)
            for s in subjects
        )
        return not some or any(self._military(t) and self._none_there(t) for t in verb.subtree)

    @staticmethod
    def _main_verb_as_modifier(verb: Any) -> bool:
        """ "The leader of the group, who goes by X, denied … that …": after a long subject the small
        model can take the past-tense main verb for a participle modifying the subject noun, and leave
        the sentence without a finite verb. Such a verb follows a comma closing the subject and has no
        auxiliary or agent of its own ("the toll given by the ministry" does)."""
        head = verb.head
        return (
            head.dep_ == "ROOT"
            and head.pos_ in ("NOUN", "PROPN")
            and verb.i > head.i
            and verb.i > 0
            and verb.doc[verb.i - 1].text == ","
            and not any(c.dep_ in ("aux", "auxpass", "agent", "nsubj", "nsubjpass") for c in verb.children)
            and not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in verb.sent)
        )

    def _reports_no_clause(self, by_verb: dict[int, Any], d: ClaimDraft) -> bool:
        verb = by_verb.get(d.verb_start)
        return (
            verb is not None
            and verb.lemma_.lower() in self.lex.clause_only
            and verb.lemma_.lower() not in ("call", "describe", "put")
            and not any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children)
        )

    @staticmethod
    def _join_participles(drafts: list[ClaimDraft], sent: Any, offset: int) -> list[ClaimDraft]:
        """'"The militia targeted a station," the ministry said, blaming the X Forces': the participle
        names whom the statement blames, so the statement is one accusation of X, not two claims."""
        if not any(b.stance is Stance.ACCUSE and b.targets for b in drafts):
            return list(drafts)
        by_verb = {offset + t.idx: t for t in sent}
        out = list(drafts)
        for b in drafts:
            verb = by_verb.get(b.verb_start)
            if verb is None or b.stance is not Stance.ACCUSE or not b.targets:
                continue
            if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj"):
                continue
            head = [
                a
                for a in out
                if a is not b
                and a.verb_start == offset + verb.head.idx
                and a.claimant == b.claimant
                and a.stance in (Stance.ASSERT, Stance.ACCUSE)
                and a.end <= b.start + 2
            ]
            if len(head) != 1:
                continue
            a = head[0]
            a.stance = Stance.ACCUSE
            a.targets = list(b.targets)
            a.end = max(a.end, b.end)
            a.content_end = max(a.content_end, b.content_end)
            out = [d for d in out if d is not b]
        return out

    @staticmethod
    def _join_coordinated(drafts: list[ClaimDraft], sent: Any, offset: int) -> list[ClaimDraft]:
        """'The mission said it was concerned and urged both sides to withdraw': reporting verbs joined by
        "and" under one speaker make one statement when they agree in stance, so they are one claim.
        Different stances stay apart (a sentence with two stances gives two claims), and so do a contrast
        ("…, but said …") and two accusations (each charge has its own incident)."""
        if len(drafts) < 2:
            return list(drafts)
        by_verb = {offset + t.idx: t for t in sent}
        out = list(drafts)
        for b in drafts:
            vb = by_verb.get(b.verb_start)
            if vb is None or vb.dep_ != "conj" or b.claimant is None or b.stance is Stance.ACCUSE:
                continue  # two charges are two accusations, each with its own incident
            # The parser may join the second verb to the reported clause ("said it was horrified by the
            # attack and urged …"): the statement it continues is the nearest reporting verb above.
            verbs = {d.verb_start for d in out if d is not b}
            va = next((x for x in [vb.head, *vb.head.ancestors] if offset + x.idx in verbs), vb.head)
            joiners = [c for c in vb.head.children if c.dep_ == "cc" and vb.head.i < c.i < vb.i]
            if [c.lower_ for c in joiners] != ["and"] or va.tag_ != vb.tag_:
                continue
            if va.lemma_ == vb.lemma_:
                continue  # "says …, and says …": the writer repeats the verb for a second statement
            head = [
                a
                for a in out
                if a is not b
                and a.verb_start == offset + va.idx
                and a.claimant == b.claimant
                and a.stance is b.stance
                and sorted(a.targets) == sorted(b.targets)
                and a.negated == b.negated
                and a.start < b.start
                and a.end <= b.start + 2
            ]
            if len(head) != 1:
                continue
            a = head[0]
            a.end = max(a.end, b.end)
            a.content_end = max(a.content_end, b.content_end)
            a.content_negated = a.content_negated or b.content_negated
            out = [d for d in out if d is not b]
        return out

    @staticmethod
    def _end_before_trailing_relative(drafts: list[ClaimDraft], sent: Any, offset: int) -> None:
        """ "… accused each other of starting the fighting, which broke out near the airport.": a
        relative clause after a comma that closes the sentence is the writer's background on a noun of
        the claim, not part of what was said; the claim ends before the comma. Inside quotation marks
        the words are the speaker's own and stay."""
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words:
            return
        last_end = offset + words[-1].idx + len(words[-1].text)
        text = sent.doc.text
        for rel in sent:
            if rel.dep_ != "relcl" or rel.right_edge.i < words[-1].i:
                continue
            first = rel.left_edge
            if first.lower_ not in ("which", "who") or first.i == 0 or sent.doc[first.i - 1].text != ",":
                continue
            comma = sent.doc[first.i - 1]
            cut = offset + comma.idx
            before = text[sent.start_char : comma.idx]
            if sum(before.count(q) for q in _QUOTE_CHARS) % 2:
                continue  # an open quotation: the speaker's words
            for d in drafts:
                if d.verb_end <= cut and d.content_start < cut and d.end >= last_end:
                    d.end = cut
                    d.content_end = min(d.content_end, cut)

    def _casualty_clauses(self, drafts: list[ClaimDraft], sent: Any, offset: int) -> list[ClaimDraft]:
        """ "A Russian bomb hit the plant, killing three workers, the governor said": a sentence with a
        blame and a casualty figure carries two claims. The accusation ends before the comma; the
        participle clause (with the attribution after it) is the speaker's assertion of the toll."""
        if not any(d.stance is Stance.ACCUSE for d in drafts):
            return []
        casualty = frozenset(self.lex.raw.get("killed_words", [])) | frozenset(
            self.lex.raw.get("injured_words", [])
        )
        out: list[ClaimDraft] = []
        for tok in sent:
            if (
                tok.tag_ != "VBG"
                or tok.lemma_.lower() not in casualty
                or tok.dep_ not in ("advcl", "xcomp", "conj")
            ):
                continue
            comma = tok.doc[tok.i - 1] if tok.i > sent.start else None
            if comma is None or comma.text != ",":
                continue
            at, cut = offset + tok.idx, offset + comma.idx
            for d in drafts:
                if d.stance is not Stance.ACCUSE or not (d.start < cut and at < d.end):
                    continue
                if not d.content_start <= offset + tok.head.idx < d.content_end:
                    continue  # the participle belongs to the reported clause, not to the reporting one
                end = d.end
                d.end = cut
                d.content_end = min(d.content_end, cut)
                if any(o.start == at for o in out):
                    continue
                out.append(
                    ClaimDraft(
                        sentence=d.sentence,
                        start=at,
                        end=end,
                        claimant=d.claimant,
                        stance=Stance.ASSERT,
                        content_start=at,
                        content_end=end,
                        verb_start=d.verb_start,
                        verb_end=d.verb_end,
                        present_tense=d.present_tense,
                        according_to=d.according_to,
                        date_tokens=list(d.date_tokens),
                    )
                )
        return out

    def _appended(self, sent: Any, sentence: int, offset: int) -> list[tuple[Any, ClaimDraft]]:
        """Denials appended to an accusation: "…, a charge Kigali rejects", "…, accusations its leaders
        deny". Matched on the word sequence (comma, claim noun, speaker, denial verb at the clause end)
        because the parser often reads the verb as a plural noun here. Returns (comma token, draft); a
        pronoun speaker is left unresolved (``claimant`` None) for the caller to give the accused side."""
        out: list[tuple[Any, ClaimDraft]] = []
        toks = list(sent)
        for k, tok in enumerate(toks):
            if (
                tok.lemma_.lower() not in self.lex.claim_nouns
                and tok.lower_.rstrip("s") not in self.lex.claim_nouns
            ):
                continue
            j = k - 1
            while j >= 0 and toks[j].lower_ in ("a", "an", "the", "which", "one", "another"):
                j -= 1
            if j < 0 or toks[j].text != ",":
                continue
            for m in range(k + 2, min(k + 7, len(toks))):
                word = toks[m]
                base = word.lemma_.lower() if word.pos_ == "VERB" else word.lower_
                if not form_of(word.lower_, base, self.lex.deny):
                    if word.is_punct and not (word.text == "-" and not word.whitespace_):
                        break  # a hyphen inside a word ("the Rwanda-backed group") is no clause end
                    continue
                last = m
                if m + 1 < len(toks) and not toks[m + 1].is_punct:
                    # "…, a charge the group dismissed as propaganda": the verb's own complement may run
                    # to the clause end.
                    tail = [t.i for t in word.subtree if t.i > word.i] if word.pos_ == "VERB" else []
                    n = m + 1
                    while (
                        n < len(toks)
                        and (not toks[n].is_punct or toks[n].text in _QUOTE_CHARS)
                        and toks[n].i in tail
                    ):
                        n += 1  # '… rejected on Thursday as “baseless and recycled”'
                    opened = sum(t.text in "“«" for t in toks[m:n]) - sum(t.text in "”»" for t in toks[m:n])
                    if n < len(toks) and opened > 0 and toks[n].text in "”»":
                        n += 1  # the closing quote the parser hung elsewhere

                    if n == m + 1 or (n < len(toks) and not toks[n].is_punct):
                        break
                    last = n - 1
                between = [t for t in toks[k + 1 : m] if t.pos_ in ("PROPN", "NOUN", "PRON")]
                if not between:
                    break
                head = between[-1]
                claimant: str | None = None
                if not (
                    head.pos_ == "PRON"
                    or any(t.dep_ == "poss" and t.pos_ == "PRON" for t in between)
                    or any(t.lower_ in ("its", "their") for t in toks[k + 1 : m])
                ):
                    found = self.resolver.resolve_all(head, offset, sentence, speaker=True)
                    if not found:
                        break
                    claimant = self._owned_body(found[0], between, offset, sentence)
                start = offset + toks[j + 1].idx
                end = offset + toks[last].idx + len(toks[last].text)
                out.append(
                    (
                        toks[j],
                        ClaimDraft(
                            sentence=sentence,
                            start=start,
                            end=end,
                            claimant=claimant,
                            stance=Stance.DENY,
                            content_start=start,
                            content_end=end,
                            verb_start=offset + word.idx,
                            verb_end=end,
                            names_claim=True,
                            points_back=True,
                            appended=True,
                            present_tense=word.tag_ in ("VBZ", "VBP", "NNS"),
                        ),
                    )
                )
                break
        return out

    def _owned_body(self, found: str, words: list[Any], offset: int, sentence: int) -> str:
        """ "a charge Rwanda's foreign ministry rejected": when the parser loses the possessive, the
        government body is still that country's."""
        reg = self.resolver.reg
        actor = reg.actors.get(found)
        if actor is None or actor.actor_kind is not ActorKind.GOVERNMENT_BODY:
            return found
        doc = words[-1].doc
        for t in words[:-1]:
            iso = reg.country_of(t.text, doc)
            if iso and iso != actor.country and t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "POS":
                a, b = offset + t.idx, offset + words[-1].idx + len(words[-1].text)
                name = reg.dictionary.canonical_body(reg.text[a:b], iso)
                aid = reg.add(ActorKind.GOVERNMENT_BODY, iso, name, a, b, sentence, "government_body")
                reg.actors[aid].parent_id = reg.ensure_state(iso)
                return aid
        return found

    def continue_quote(self, sent: Any, sentence: int, offset: int, speaker: str | None) -> list[ClaimDraft]:
        """A sentence inside a quotation attributed in a later sentence ('"A. B," he said'): a claim of
        the same speaker, its stance from its own words."""
        toks = [t for t in sent if not (t.is_punct and t.text in _QUOTE_CHARS) and not t.is_space]
        while toks and toks[-1].is_punct:
            toks.pop()
        if len(toks) < 3 or speaker is None:
            return []
        stance = Stance.ASSERT
        targets: list[str] = []
        low = " ".join(t.lower_ for t in toks)
        if any(self._deny_word(t) for t in toks) or any(p in low for p in self.lex.deny_phrases):
            stance = Stance.DENY
        acc, negated = self._accused_in_content(toks, offset, sentence)
        negated = negated and not self._own_losses([speaker], self.none_of)
        cleared = tuple(self.cleared)
        acc = [a for a in acc if not self._same_side(speaker, a)]
        # "These accusations are fabricated by Kinshasa": the agent of the fabrication is accused.
        agents = [g for t in toks if t.dep_ == "agent" for g in t.children if g.dep_ == "pobj"]
        if stance is Stance.DENY and agents:
            acc = [
                a
                for g in agents
                for a in self.resolver.resolve_all(g, offset, sentence)
                if not self._same_side(speaker, a)
            ]
        if acc:
            stance, targets = Stance.ACCUSE, acc
        out = []
        for one in [[t] for t in targets] if targets else [[]]:
            out.append(
                ClaimDraft(
                    sentence=sentence,
                    start=offset + toks[0].idx,
                    end=offset + toks[-1].idx + len(toks[-1].text),
                    claimant=speaker,
                    stance=stance,
                    targets=one,
                    content_start=offset + toks[0].idx,
                    content_end=offset + toks[-1].idx + len(toks[-1].text),
                    verb_start=offset + toks[0].idx,
                    verb_end=offset + toks[0].idx,
                    names_claim=stance is Stance.DENY,
                    content_negated=negated,
                    cleared=cleared,
                )
            )
            self._mark_who_was_hit(out[-1], toks)
        return out

    def quoted_run(self, intro: list[_Sent], paragraphs: list[list[_Sent]]) -> None:
        """A quotation over several paragraphs (see :func:`paragraph_quotations`): a statement printed in
        full after "issued the following statement", or wire copy that names the speaker where the
        quotation opens or where it closes. Each sentence inside it is the speaker's claim. ``intro``
        holds the sentences of the paragraph before the quotation, ``paragraphs`` those of the quotation's
        paragraphs, each as (span, index, paragraph offset, drafts); drafts are changed or added in place.
        """
        first = paragraphs[0]
        speaker = self._run_speaker(intro, first, paragraphs[-1])
        if speaker is None:
            return
        # The opening paragraph is the speaker's only when it starts inside the quotation.
        opens = first[0][0].text.lstrip()[:1] in ('"', "“")
        for span, index, offset, found in [s for p in (paragraphs if opens else paragraphs[1:]) for s in p]:
            if found:
                for d in found:
                    if d.claimant is None and not d.mutual:
                        d.claimant = speaker  # "We reject the allegations …" inside the statement
                continue
            # A heading or a signature ("Statement to the public opinion", the issuing body's name and a
            # date) states nothing: a claim needs a finite verb.
            if not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in span):
                continue
            found.extend(self.continue_quote(span, index, offset, speaker))

    def _run_speaker(self, intro: list[_Sent], first: list[_Sent], last: list[_Sent]) -> str | None:
        # 'The ministry said in a statement: "…' or '…," the ministry said.' name the speaker where the
        # quotation opens or where it closes.
        for _span, _index, _offset, found in [*reversed(first), *last[-1:]]:
            named = [d.claimant for d in found if d.claimant is not None]
            if named:
                return named[-1]
        # "The general command issued the following statement": whoever issued it.
        for span, index, offset, _found in reversed(intro):
            for tok in span:
                if tok.lemma_.lower() not in _STATEMENT_NOUNS or tok.dep_ not in ("dobj", "nsubjpass"):
                    continue
                verb = tok.head
                for c in verb.children:
                    head = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "agent" else c
                    if c.dep_ not in ("nsubj", "agent") or head is None or head.pos_ == "PRON":
                        continue
                    if head.lemma_.lower() in _LEADERSHIP_NOUNS:
                        # "The group's general command issued …": the command speaks for the group.
                        head = next((g for g in head.children if g.dep_ == "poss"), head)
                    issuers = self.resolver.resolve_all(head, offset, index, speaker=True)
                    if issuers:
                        return issuers[0]
        return None

    def _retracts(self, verb: Any) -> bool:
        """ "withdrew its earlier statement", "corrected the figure": taking back one's own claim."""
        nouns = self.lex.claim_nouns | self.lex.figure_nouns
        return verb.lemma_.lower() in self.lex.retract and any(
            c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in verb.children
        )

    def _owns_error(self, content: list[Any]) -> bool:
        """ "we apologise for the error", "regrets the mistake": an apology for an error of one's own."""
        lex = self.lex
        return any(
            t.lemma_.lower() in lex.apology_verbs
            and any(
                g.lemma_.lower() in lex.error_nouns
                for c in t.children
                for g in ([c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"])
            )
            for t in content
        )

    def _figure_by(self, verb: Any, sentence: int, offset: int) -> ClaimDraft | None:
        """A figure attributed in a noun phrase: "the toll of 12 given by the local administration",
        "the 23 deaths cited by the army". The noun must carry the number, so "the figure given by X"
        (a back-reference) is not a new claim."""
        if verb.lemma_.lower() not in self.lex.figure_verbs:
            return None
        noun = verb.head
        if noun.like_num and noun.head.dep_ == "prep" and noun.head.head.i != noun.head.i:
            noun = noun.head.head  # "the toll of 12 given by …" hangs the verb on the number
        if noun.lemma_.lower() not in self.lex.figure_nouns or verb.i < noun.i:
            return None
        numbered = any(c.dep_ == "nummod" for c in noun.children) or any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.like_num for g in c.children)
            for c in noun.children
        )
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not numbered or not agents:
            return None
        speakers = self.resolver.resolve_all(agents[0], offset, sentence, speaker=True)
        if not speakers:
            return None
        dropped = {t.i for c in noun.children if c.dep_ == "relcl" for t in c.subtree}
        toks = [t for t in noun.subtree if t.i not in dropped]
        while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
            toks.pop()
        start, end = offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text)
        date_tokens = []
        for c in verb.children:
            sub = list(c.subtree)
            if c.dep_ in ("prep", "npadvmod") and any(t.ent_type_ in ("DATE", "TIME") for t in sub):
                date_tokens.append((offset + sub[0].idx, offset + sub[-1].idx + len(sub[-1].text)))
        return ClaimDraft(
            sentence=sentence,
            start=start,
            end=end,
            claimant=speakers[0],
            stance=Stance.ASSERT,
            content_start=start,
            content_end=end,
            verb_start=offset + verb.idx,
            verb_end=offset + verb.idx + len(verb.text),
            date_tokens=date_tokens,
        )

    def _deny_word(self, tok: Any) -> bool:
        """A word that calls a claim untrue ("baseless", "lies", "fabricated"). Used as a verb with a
        place ("the town lies on the road", "lying on the floor") it is another sense, not a denial;
        "lying about the strike" and "fabricated by the army" still are."""
        words = self.lex.deny_predicates
        if tok.lemma_.lower() not in words and tok.lower_ not in words:
            return False
        return tok.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ == "prep" and c.lower_ not in ("about", "by") for c in tok.children
        )

    def _accuse_phrase(self, verb: Any) -> bool:
        words = self.lex.accuse_phrases.get(verb.lemma_.lower(), frozenset())
        return bool(words) and any(t.lower_ in words for t in verb.subtree)

    def _speaker(self, verb: Any, depth: int = 0) -> tuple[Any | None, bool]:
        """(speaker head token, passive) for a reporting verb."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            for c in verb.children:
                if c.dep_ == "agent":
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs:
                        return objs[0], True
            return None, True
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            # With a dateline or a fronted phrase the parser can give two subjects: the nearest one speaks.
            before = [c for c in subjects if c.i < verb.i]
            c = before[-1] if before else subjects[0]
            if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head, False
            # "Strikes injured at least 11 people, regional governor Oleh Syniehubov said": the parser
            # takes the reported clause's object for the subject and the speaker for its apposition.
            named = [a for a in c.children if a.dep_ == "appos" and a.ent_type_ in ("PERSON", "ORG")]
            stolen = any(
                k.dep_ == "ccomp" and k.i < c.i and not any(o.dep_ == "dobj" for o in k.children)
                for k in verb.children
            )
            if (
                named
                and stolen
                and named[-1].right_edge.i + 1 == verb.i
                and c.ent_type_ not in ("PERSON", "ORG")
            ):
                return named[-1], False
            return c, False
        # "…, said Josué Mukendi" when the parser does not make the name the subject. The object of
        # "accused Hamas of …" or "denied the report" is the accused or the denied, never the speaker.
        inverted = verb.lemma_.lower() not in self.lex.accuse | self.lex.deny | self.lex.attribute
        # "… and urged the United Nations to send monitors": the object of a verb with an infinitive is
        # whom it addresses, and a conjoined verb shares its head's subject.
        inverted = inverted and not (
            verb.dep_ == "conj" and any(c.dep_ == "nsubj" for c in verb.head.children)
        )
        inverted = inverted and not any(c.dep_ == "xcomp" for c in verb.children)
        for c in verb.children if inverted else ():
            if (
                c.i > verb.i
                and c.dep_ in ("dobj", "npadvmod", "attr", "dep", "dative")
                and c.ent_type_ in ("PERSON", "ORG")
            ):
                return c, False
        if (
            depth < 4
            and verb.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl", "dep", "parataxis")
            and verb.head.i != verb.i
        ):
            head = verb.head
            # The reporting verb whose reported clause holds this conjunct's head.
            reporter = next(
                (
                    a
                    for a in head.ancestors
                    if any(c.dep_ == "ccomp" and head in c.subtree for c in a.children)
                ),
                head.head,
            )
            if (
                depth == 0
                and verb.dep_ == "conj"
                and reporter.lemma_.lower() in self.lex.reporting
                and verb.tag_ == reporter.tag_
                and (head.tag_ != verb.tag_ or any(c.dep_ in ("aux", "auxpass") for c in head.children))
            ):
                # "The ministry said its forces had struck depots and denied hitting civilian sites": the
                # parser joins "denied" to the reported clause, but its tense is the reporting verb's, and
                # so is its subject. So when it joins it deeper ("said the vessels were trawlers sheltering
                # from a storm and called the reports lies"): the trawlers call nothing.
                return self._speaker(reporter, depth + 1)
            if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
                return head, False
            found, head_passive = self._speaker(head, depth + 1)
            if found is None and head_passive and head.head is not head:
                # "told … that the reports were fabricated and accused the army …": the reporting verb's
                # subject, not the passive clause it is conjoined to.
                return self._speaker(head.head, depth + 2)
            return found, False
        return None, False

    def _from_verb(self, verb: Any, sent: Any, sentence: int, offset: int) -> list[ClaimDraft]:
        lex = self.lex
        lemma = verb.lemma_.lower()
        negated = (
            any(c.dep_ == "neg" for c in verb.children)
            or any(c.lower_ in ("never", "neither", "nor") for c in verb.children)
            or (verb.dep_ == "conj" and any(c.lower_ in ("neither", "nor") for c in verb.head.children))
        )
        speaker_tok, passive = self._speaker(verb)
        children = list(verb.children)
        trailing = False
        ccomp = [
            c for c in children if c.dep_ in ("ccomp", "xcomp", "parataxis") and c.pos_ in ("VERB", "AUX")
        ]
        if not ccomp:
            # "An air strike on a school killed 14 people, the ministry said": the small model often
            # takes the reported clause's verb for a reduced relative ("strike … killed" as acl) and
            # hangs the clause on its subject noun; a clause before the verb is still what was said.
            ccomp = [
                c
                for c in children
                if c.dep_ == "ccomp"
                and c.i < verb.i
                and c.pos_ in ("NOUN", "PROPN")
                and c.right_edge.i + 1 < verb.i
                and c.doc[c.right_edge.i + 1].text == ","
                and any(t.pos_ == "VERB" and t.dep_ in ("acl", "relcl") for t in c.subtree)
            ]
        if not ccomp:
            # "said in a statement that fighters stormed the village", "told reporters on Monday that
            # …": the small model often hangs the that-clause on the noun of the verb's prepositional
            # phrase (acl of "statement"). A clause opened by the conjunction "that" (mark, not the
            # relative pronoun of "a statement that was released") is still what was said.
            ccomp = [
                t.head
                for prep in children
                if prep.dep_ == "prep" and prep.i > verb.i
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for t in pobj.subtree
                if t.dep_ == "mark"
                and t.lower_ == "that"
                and t.head.dep_ in ("acl", "relcl", "ccomp")
                and t.head.pos_ in ("VERB", "AUX")
                and t.head.head.i == pobj.i
            ][:1]
        dobj = [c for c in children if c.dep_ in ("dobj", "attr")]
        preps = {c.lower_: c for c in children if c.dep_ in ("prep", "agent")}
        on = preps.get("on")
        if on is not None and (
            on.i < verb.i or any(g.ent_type_ in ("DATE", "TIME") for g in on.children if g.dep_ == "pobj")
        ):
            del preps["on"]  # "On Sunday the army blamed …": a time, not whom the blame is put on
        if lemma == "blame" and "on" not in preps and dobj:
            # "blamed the explosion on the group": the parser often hangs "on" on the object noun; when
            # its noun is an actor, that is whom the blame is put on.
            for p in dobj[0].children:
                if (
                    p.dep_ == "prep"
                    and p.lower_ == "on"
                    and any(
                        g.dep_ == "pobj"
                        and g.ent_type_ not in ("DATE", "TIME")
                        and self.resolver.resolve_all(g, offset, sentence)
                        for g in p.children
                    )
                ):
                    preps["on"] = p
        if passive:
            # "was blamed by the governor, X, on the group": the parser often hangs the "on"/"of"/"for"
            # phrase on the agent's noun; it still belongs to the verb.
            for agent in (c for c in children if c.dep_ == "agent"):
                for g in agent.children:
                    heads = {g.i, *(a.i for a in g.children if a.dep_ == "appos")}
                    for t in g.subtree:
                        if t.dep_ == "prep" and t.lower_ in ("on", "of", "for") and t.head.i in heads:
                            preps.setdefault(t.lower_, t)
        oprd = [c for c in children if c.dep_ in ("oprd", "acomp")]
        quoted = self._quote_span(sent, verb)

        accuse_phrase = self._accuse_phrase(verb)
        attributes = lemma in lex.attribute and "to" in preps
        if lemma in lex.accuse or accuse_phrase or attributes:
            stance = Stance.ACCUSE
        elif lemma in lex.deny:
            stance = Stance.DENY
        else:
            stance = Stance.ASSERT
        if negated and stance in (Stance.ACCUSE, Stance.DENY):
            return []  # "did not accuse", "neither confirmed nor denied" are not claims
        if negated and lemma in ("say", "comment", "respond", "confirm", "state"):
            return []
        retracts = self._retracts(verb)
        if retracts:
            stance = Stance.DENY

        content: list[Any] = []
        points_back = False
        plural = False
        targets_heads: list[Any] = []
        owners: frozenset[str] = frozenset()
        names_claim = False
        repeated: list[str] = []
        described: tuple[int, int] | None = None
        charge_described = False
        branded_doers: list[str] = []

        if stance is Stance.ACCUSE:
            if passive:
                targets_heads = [c for c in children if c.dep_ == "nsubjpass"]
                for p in ("on",):
                    if p in preps:
                        targets_heads = [g for g in preps[p].children if g.dep_ == "pobj"] or targets_heads
            else:
                targets_heads = dobj[:1]
                if lemma == "blame" and "on" in preps:
                    targets_heads = [g for g in preps["on"].children if g.dep_ == "pobj"][:1]
            if attributes:
                # "three of which it attributed to the army", "the blast was attributed to the group"
                targets_heads = [g for g in preps["to"].children if g.dep_ == "pobj"][:1]
                content.extend(preps["to"].subtree)
                for c in children:
                    if c.dep_ in ("dobj", "nsubjpass"):
                        content.extend(c.subtree)
            if accuse_phrase and not dobj:
                # "hold the government fully responsible": the parser makes a small clause whose
                # subject is the accused.
                phrase = lex.accuse_phrases.get(lemma, frozenset())
                for c in children:
                    if c.dep_ in ("ccomp", "xcomp", "oprd", "acomp") and c.lower_ in phrase:
                        targets_heads = [g for g in c.children if g.dep_ == "nsubj"][:1] or targets_heads
                        content.extend(c.subtree)
            for p in ("of", "for"):
                if p in preps:
                    content.extend(preps[p].subtree)
            if lemma == "blame" and "on" in preps and dobj:
                content.extend(dobj[0].subtree)
            for c in ccomp:
                content.extend(c.subtree)
            if lemma == "allege" and not targets_heads:
                stance = Stance.ACCUSE
        elif stance is Stance.DENY:
            if (
                verb.dep_ == "relcl"
                and dobj
                and not ccomp
                and dobj[0].pos_ == "NOUN"
                and dobj[0].lemma_.lower() not in lex.claim_nouns | lex.figure_nouns | _DENY_HEADS
                and verb.head.lemma_.lower() not in lex.claim_nouns
            ):
                return []  # "a faction that rejected the 2016 peace agreement" describes the faction
            if dobj:
                obj = dobj[0]
                if obj.lemma_.lower() in lex.claim_nouns or obj.lemma_.lower() in (
                    "that",
                    "this",
                    "it",
                    "those",
                ):
                    names_claim = True
                    owners = self._claim_owner(obj, offset, sentence)
                    plural = _plural_claims(obj, lex.claim_nouns)
                    points_back = obj.lemma_.lower() in ("that", "this", "those", "these") or (
                        obj.lemma_.lower() not in _ACCUSATION_NOUNS
                        and any(
                            c.dep_ == "det" and c.lower_ in ("that", "this", "those", "these")
                            for c in obj.children
                        )
                    )
                content.extend(obj.subtree)
                # "the accusations that its forces planted mines" describe the accusation.
                for c in obj.children:
                    if (
                        c.dep_ in ("acl", "ccomp", "relcl")
                        and c.pos_ in ("VERB", "AUX")
                        and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
                    ):
                        # ", calling them a smear" after the charge is the denier's own word on it.
                        tail = {
                            x.i
                            for g in c.children
                            if g.dep_ == "advcl" and g.tag_ == "VBG" and g.doc[g.i - 1].text == ","
                            for x in [g.doc[g.i - 1], *g.subtree]
                        }
                        described = self._span_of([x for x in c.subtree if x.i not in tail], offset)
                        charge_described = obj.lemma_.lower() in lex.claim_nouns
            elif verb.dep_ == "relcl" and verb.head.lemma_.lower() in lex.claim_nouns:
                names_claim = True
                content.append(verb.head)
            if not ccomp:
                # "denied in a video posted last night that his men had attacked": the parser may hang the
                # that-clause on a noun; it is still what is denied.
                ccomp = [
                    t.head
                    for t in verb.subtree
                    if t.dep_ == "mark"
                    and t.lower_ == "that"
                    and t.head.i != verb.i
                    and t.head.pos_ in ("VERB", "AUX")
                ][:1]
            for c in ccomp:
                content.extend(c.subtree)
                described = described or self._span_of(list(c.subtree), offset)
            if not dobj and not ccomp and not names_claim and verb.dep_ != "relcl":
                names_claim = True
        else:
            for c in ccomp:
                content.extend(c.subtree)
            if lemma in ("call", "describe", "dismiss") and (dobj or oprd):
                for c in dobj + oprd:
                    content.extend(c.subtree)
                if dobj and dobj[0].lemma_.lower() in lex.claim_nouns | {"it", "this", "that"}:
                    names_claim = True
                    plural = _plural_claims(dobj[0], lex.claim_nouns)
                    points_back = dobj[0].lemma_.lower() in ("it", "this", "that") or (
                        dobj[0].lemma_.lower() not in _ACCUSATION_NOUNS
                        and any(
                            c.dep_ == "det" and c.lower_ in ("that", "this", "those", "these")
                            for c in dobj[0].children
                        )
                    )
            # "condemned the attack"; passive, "the attack was condemned by the UN": what is condemned.
            condemned = dobj or ([c for c in children if c.dep_ == "nsubjpass"] if passive else [])
            if lemma in lex.condemn and condemned:
                content.extend(condemned[0].subtree)
            branded = preps.get("as") if (lemma in lex.condemn or lemma in ("call", "describe")) else None
            if (
                branded is not None
                and dobj
                and any(
                    g.dep_ == "pobj"
                    and (g.lemma_.lower() in lex.wrongdoing_nouns or g.lower_ in lex.wrongdoing_nouns)
                    for g in branded.children
                )
            ):
                # "condemned the Israeli strike as a flagrant violation of the ceasefire": a wrongdoing
                # noun the act is branded with accuses whoever the act's own words name.
                branded_doers = self._act_owners(dobj[0], offset, sentence)
                if branded_doers:
                    content.extend(dobj[0].subtree)
                    content.extend(branded.subtree)
            if (
                lemma == "put"
                and dobj
                and any(t.lower_ in ("toll", "figure", "number") for t in dobj[0].subtree)
            ):
                content.extend(verb.subtree)
            # The object of "tell" is who was told ("told reporters"), never what.
            if lemma in (
                "report",
                "confirm",
                "announce",
                "warn",
                "post",
                "write",
                "add",
                "state",
                "claim",
            ):
                for c in children:
                    if c.dep_ in ("dobj",) and c.pos_ == "NOUN":
                        content.extend(c.subtree)
            if not content and quoted:
                content = [t for t in sent if quoted[0] <= t.idx < quoted[1]]
            if (
                not content
                and lemma in _REPEAT_VERBS
                and dobj
                and dobj[0].lemma_.lower() in _ACCUSATION_NOUNS
            ):
                # "has repeated the accusation since": the charge the article last reported, made again.
                repeated = list(self.last_accused)
                if repeated:
                    content = list(dobj[0].subtree)
                    stance = Stance.ACCUSE
            if not content:
                if lemma in ("say", "tell", "add", "state", "claim", "announce", "warn", "write", "confirm"):
                    # "…, he said." after a quote in the previous sentence parses without a ccomp.
                    prev = [
                        t
                        for t in sent
                        if t.i < verb.i
                        and not t.is_punct
                        and (t.dep_ != "nsubj" or t.head.i != verb.i)
                        and t not in list(verb.subtree)
                    ]
                    if not prev:
                        # '"No fighters, no weapons," he said': a quoted phrase with no verb, which the
                        # parser hangs on "said" as its clause.
                        prev = [
                            t
                            for c in children
                            if c.dep_ == "ccomp" and c.i < verb.i
                            for t in c.subtree
                            if not t.is_punct
                        ]
                    if not prev:
                        return []
                    content = prev
                    # "Gunmen killed six miners, local official A. B. told reporters": a verb that only
                    # reports a clause ("tell", "add") reports the clause before the comma.
                    edge = verb.left_edge.i
                    trailing = edge > sent.start and sent.doc[edge - 1].text == ","
                else:
                    return []
            if (
                lemma in lex.clause_only
                and not ccomp
                and not quoted
                and not trailing
                and lemma not in ("call", "describe", "put")
            ):
                return []

        # Stance from the content words.
        content_sorted = sorted({t.i: t for t in content}.values(), key=lambda t: t.i)
        content_text = " ".join(t.lower_ for t in content_sorted)
        # "…, a statement the other side dismissed as propaganda": a clause on a noun naming this claim
        # is someone else's answer to it (see _appended), not part of what the speaker says.
        answer = {
            x.i
            for t in verb.subtree
            if t.lemma_.lower() in lex.claim_nouns
            and t.dep_ in ("appos", "npadvmod", "dep")
            and any(c.dep_ == "relcl" for c in t.children)
            for x in t.subtree
        }
        clause_text = " ".join(t.lower_ for t in verb.subtree if t.i not in answer)
        if stance is Stance.ASSERT:
            deny_word = any(self._deny_word(t) for t in [*oprd, *content_sorted] if t.i not in answer)
            deny_phrase = any(p in clause_text for p in lex.deny_phrases)
            if deny_word or deny_phrase:
                stance = Stance.DENY
                names_claim = True
                # "the accusations that its forces planted mines … are unfounded" describe the claim.
                for t in content_sorted:
                    if t.lemma_.lower() in lex.claim_nouns:
                        # "the group's claims … are exaggerated": whose claims they are.
                        owners = owners or self._claim_owner(t, offset, sentence)
                        for c in t.children:
                            if c.dep_ in ("acl", "ccomp", "relcl") and any(
                                g.dep_ == "mark" and g.lower_ == "that" for g in c.children
                            ):
                                inner = [x for x in c.subtree if not (x.dep_ == "mark" and x.head.i == c.i)]
                                described = self._span_of(inner, offset)
                                names_claim = False
                                charge_described = True
        if stance is Stance.ASSERT and self._owns_error(content_sorted):
            # '"We apologise for the error," the governor said': the speaker takes back its own claim.
            stance, retracts, names_claim = Stance.DENY, True, True
        if (
            stance is Stance.DENY
            and not names_claim
            and not described
            and content_sorted
            and any(p in content_text for p in lex.deny_phrases)
        ):
            described = self._span_of(content_sorted, offset)

        drafts_targets: list[str] = []
        resolver = self.resolver
        if branded_doers:
            stance = Stance.ACCUSE
            drafts_targets = list(branded_doers)
        for th in targets_heads:
            drafts_targets.extend(resolver.resolve_all(th, offset, sentence))
        content_negated = False
        cleared: tuple[str, ...] = ()
        if stance is Stance.ASSERT and content_sorted:
            acc_targets, content_negated = self._accused_in_content(content_sorted, offset, sentence)
            cleared = tuple(self.cleared)
            if content_negated and speaker_tok is not None:
                spk_ids = resolver.resolve_all(speaker_tok, offset, sentence, speaker=True)
                content_negated = not self._own_losses(spk_ids, self.none_of)
            if acc_targets and speaker_tok is not None:
                claimant_ids = resolver.resolve_all(speaker_tok, offset, sentence, speaker=True)
                others = [t for t in acc_targets if not any(self._same_side(c, t) for c in claimant_ids)]
                # Only the claimant's own side was found: a pronoun may have landed on it, so read the
                # content again with that side out of the pronouns' reach.
                acc_targets = others or self._accused_apart_from(
                    claimant_ids, content_sorted, offset, sentence
                )
            if acc_targets:
                stance = Stance.ACCUSE
                drafts_targets = acc_targets
        if stance is Stance.ACCUSE and not drafts_targets and content_sorted:
            acc_targets, _neg = self._accused_in_content(content_sorted, offset, sentence, any_subject=True)
            drafts_targets = acc_targets or repeated
        if (lemma in lex.condemn or attributes) and stance is Stance.ACCUSE and not drafts_targets:
            stance = Stance.ASSERT  # "attributed the delay to bad weather" accuses no one

        # Speakers: "both sides accused each other" gives one claim per side.
        speakers: list[str | None]
        side_head: Any = speaker_tok
        if speaker_tok is not None and speaker_tok.lower_ in ("both", "each"):
            # "Both of Sudan's warring sides accused …": the sides are the object of "of".
            of = [g for c in speaker_tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            side_head = of[0] if of else speaker_tok
        if (
            side_head is not None
            and side_head.lemma_.lower() in _SIDE_WORDS
            and (
                side_head is not speaker_tok
                or any(c.lower_ in ("both", "two") for c in getattr(side_head, "children", ()))
            )
        ):
            # "Both sides claimed …": one claim per side.
            # "Both the army and the rebels accused each other": the named conjuncts are the sides.
            head_tok: Any = side_head
            named_sides = (
                resolver.resolve_all(head_tok, offset, sentence, speaker=True)
                if len(head_tok.conjuncts) > 0 and head_tok is speaker_tok
                else []
            )
            if len(named_sides) == 2:
                speakers = list(named_sides)
            else:
                speakers = list(self._two_sides(side_head, offset, sentence)) or [None]
        elif speaker_tok is not None:
            speakers = list(resolver.resolve_all(speaker_tok, offset, sentence, speaker=True)) or [None]
            named = [c for c in speaker_tok.children if c.dep_ == "appos" and c.ent_type_ == "ORG"]
            if speaker_tok.pos_ == "NOUN" and named:
                # "The local resistance group, the Valley Defence Force, said …": the name speaks, not
                # whichever group the common noun would point back to.
                speakers = list(resolver.resolve_all(named[0], offset, sentence, speaker=True)) or speakers
            if speakers == [None] and speaker_tok.lemma_.lower() in _REPORT_NOUNS:
                speakers = [self.last_claimant]  # "The statement blamed …": whoever issued it
        else:
            speakers = [None]

        def draft(spk: str | None, targets: list[str]) -> ClaimDraft:
            return self._draft(
                verb,
                sent,
                sentence,
                offset,
                speaker_tok,
                spk,
                stance,
                targets,
                content_sorted,
                negated,
                quoted,
            )

        each_other = any(
            (t.lower_ in ("other", "another") and t.head.i == verb.i)
            or (t.lower_ == "other" and t.head.head.i == verb.i)
            for t in verb.subtree
        ) and any(t.lower_ in ("each", "one") for t in verb.subtree)
        each_other = each_other or (accuse_phrase and lemma in lex.mutual_accuse)
        if stance is Stance.ACCUSE and each_other:
            named = [x for x in speakers if x]
            sides = named if len(named) == 2 else self._two_sides(speaker_tok, offset, sentence)
            if len(sides) < 2:
                # "Both of Sudan's warring sides have accused each other …" in the lead: the sides are
                # named only further on; the claim waits for the whole article (resolve_mutual).
                d = draft(None, [])
                d.mutual = True
                return [d]
            if len(sides) == 2:
                return [draft(s, [o]) for s, o in ((sides[0], sides[1]), (sides[1], sides[0]))]
        if (
            lemma not in lex.accuse
            and lemma not in lex.deny
            and not retracts
            and len(speakers) == 1
            and speakers[0] is not None
        ):
            split = self._split_clauses(
                verb, sent, sentence, offset, speaker_tok, speakers[0], ccomp, negated, quoted
            )
            if split:
                return split
        # A claimant is not its own target.
        out = []
        for spk in speakers:
            tg = [t for t in drafts_targets if t != spk]
            if stance is Stance.ACCUSE and spk is not None and drafts_targets and not tg:
                continue
            # An accusation of two actors is one claim per target.
            for one in [[t] for t in tg] if stance is Stance.ACCUSE and tg else [tg]:
                d = draft(spk, one)
                d.names_claim = names_claim
                d.retracts = retracts
                d.described = described
                d.charge_described = charge_described
                d.content_negated = content_negated
                d.denied_owners = owners
                d.cleared = cleared
                d.points_back = points_back
                d.plural = plural
                d.charge_verb = lemma in lex.accuse or accuse_phrase or bool(repeated)
                d.repeats = bool(repeated)
                out.append(d)
        if stance is Stance.ACCUSE and "of" in preps:
            out += self._second_charges(out, preps["of"], offset)
        return out

    @staticmethod
    def _second_charges(drafts: list[ClaimDraft], of: Any, offset: int) -> list[ClaimDraft]:
        """ "accused the police of killing civilians and of burning houses": each "of" charge is an
        accusation of its own; the first ends before "and of"."""
        doc = of.doc
        seconds = [
            t
            for t in of.subtree
            if t.i > of.i and t.lower_ == "of" and t.dep_ == "conj" and doc[t.i - 1].lower_ in ("and", "or")
        ]
        if not seconds:
            return []
        second = seconds[0]
        toks = [t for t in second.subtree if t.i >= second.i]
        while toks and toks[-1].is_punct and toks[-1].text not in _QUOTE_CHARS:
            toks.pop()
        cut = offset + doc[second.i - 1].idx
        while cut > 0 and doc.text[cut - offset - 1 : cut - offset] in (" ", ","):
            cut -= 1
        start, end = offset + second.idx, offset + toks[-1].idx + len(toks[-1].text)
        out = []
        for d in drafts:
            if not d.start < cut < d.end:
                continue
            d.end = cut
            d.content_end = min(d.content_end, cut)
            out.append(replace(d, start=start, end=end, content_start=start, content_end=end))
        return out

    def _split_clauses(
        self,
        verb: Any,
        sent: Any,
        sentence: int,
        offset: int,
        speaker_tok: Any,
        speaker: str,
        ccomp: list[Any],
        negated: bool,
        quoted: tuple[int, int] | None,
    ) -> list[ClaimDraft]:
        """ "said no civilian had been killed and that the houses had been burnt by gang members": each
        coordinated clause of the content that carries a different stance is a claim of its own. A
        conjoined reporting verb ("…, and accused the army of …") is its own claim and is left out.
        Returns [] when the content is one clause or all clauses agree."""
        if len(ccomp) != 1 or ccomp[0].i < verb.i:
            return []  # a quotation before "…, he said" is one claim
        root = ccomp[0]
        conjs = [
            c
            for c in root.children
            if c.dep_ == "conj"
            and c.pos_ in ("VERB", "AUX")
            and (
                c.lemma_.lower() in self.lex.reporting
                or any(g.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for g in c.children)
            )
        ]
        if not conjs:
            return []
        inner = {t.i for c in conjs for t in c.subtree}
        pieces = [sorted((t for t in root.subtree if t.i not in inner), key=lambda t: t.i)]
        pieces += [list(c.subtree) for c in conjs if c.lemma_.lower() not in self.lex.reporting]
        readings = [self._piece_stance(p, speaker, offset, sentence) for p in pieces]
        keys = {(st, neg) for st, _t, neg, _c in readings}
        if len(keys) == 1 and len(pieces) == len(conjs) + 1:
            return []
        out: list[ClaimDraft] = []
        for k, (piece, (stance, targets, neg, cleared)) in enumerate(zip(pieces, readings, strict=True)):
            for one in [[t] for t in targets] if targets else [[]]:
                if k == 0:
                    d = self._draft(
                        verb,
                        sent,
                        sentence,
                        offset,
                        speaker_tok,
                        speaker,
                        stance,
                        one,
                        piece,
                        negated,
                        quoted,
                    )
                    # The first clause ends where the next one begins.
                    stop = min(t.idx for t in pieces[1][:1]) + offset if len(pieces) > 1 else d.end
                    cut = [
                        offset + t.idx
                        for t in sent
                        if t.dep_ in ("cc", "punct") and d.start < offset + t.idx <= stop
                    ]
                    if len(pieces) > 1 and d.end > stop:
                        d.end = min(cut) if cut else stop
                else:
                    toks = [t for t in piece]
                    while toks and (toks[0].is_punct or toks[0].dep_ in ("cc", "mark")):
                        toks.pop(0)
                    while toks and toks[-1].is_punct and toks[-1].text not in _QUOTE_CHARS:
                        toks.pop()
                    if not toks:
                        continue
                    a, b = offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text)
                    first = out[0] if out else None
                    d = ClaimDraft(
                        sentence=sentence,
                        start=a,
                        end=b,
                        claimant=speaker,
                        stance=stance,
                        targets=one,
                        content_start=a,
                        content_end=b,
                        verb_start=offset + verb.idx,
                        verb_end=offset + verb.idx + len(verb.text),
                        present_tense=first.present_tense if first else False,
                        date_tokens=list(first.date_tokens) if first else [],
                    )
                d.content_negated = neg and stance is Stance.ASSERT
                d.cleared = cleared
                d.names_claim = stance is Stance.DENY
                out.append(d)
        return out

    def _piece_stance(
        self, toks: list[Any], speaker: str, offset: int, sentence: int
    ) -> tuple[Stance, list[str], bool, tuple[str, ...]]:
        """Stance of one clause of reported content: a denial predicate, an accusation of another side,
        or an assertion (with its negation)."""
        lex = self.lex
        low = " ".join(t.lower_ for t in toks)
        if any(self._deny_word(t) for t in toks) or any(p in low for p in lex.deny_phrases):
            return Stance.DENY, [], False, ()
        acc, neg = self._accused_in_content(toks, offset, sentence)
        cleared = tuple(self.cleared)
        acc = [a for a in acc if a != speaker and not self._same_side(speaker, a)]
        if acc:
            return Stance.ACCUSE, acc, neg, cleared
        return Stance.ASSERT, [], neg, cleared

    def _own_losses(self, speakers: list[str], nouns: list[Any]) -> bool:
        """ "No Turkish soldiers were hurt", said by Turkey's defence ministry: the speaker reports that
        its own side lost no one, which denies nobody's claim."""
        if not speakers or not nouns:
            return False
        reg = self.resolver.reg
        side = {a for s in speakers for a in reg.side_of(s)}
        countries = {reg.actors[a].country for a in side if a in reg.actors} - {None}
        for noun in nouns:
            marks = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
            own = any(
                reg.dictionary.country_of_word(c.text) in countries for c in marks if c.ent_type_
            ) or any(c.lower_ in ("our", "its") for c in marks)
            if not own:
                return False
        return True

    def _same_side(self, claimant: str, target: str) -> bool:
        """A ministry reporting its own forces' strike is not accusing them."""
        reg = self.resolver.reg
        side = reg.side_of(claimant)
        if target in side or reg.side_of(target) & side:
            return True
        # Only a side that speaks for a state has its army: the Houthis, or "Sudanese activists", saying
        # government forces shelled a town accuse that army; its minister or a general reports on it.
        countries = reg.state_countries(side, people=True) - {None}
        tgt = reg.actors.get(target)
        return bool(tgt is not None and tgt.country in countries and reg.category.get(target) == "army")

    def _draft(
        self,
        verb: Any,
        sent: Any,
        sentence: int,
        offset: int,
        speaker_tok: Any,
        speaker: str | None,
        stance: Stance,
        targets: list[str],
        content: list[Any],
        negated: bool,
        quoted: tuple[int, int] | None,
    ) -> ClaimDraft:
        toks = [verb, *content]
        if stance is Stance.ACCUSE and any(c.dep_ == "auxpass" for c in verb.children):
            # "The attack was blamed by the governor on the group": the whole passive frame is the claim.
            for c in verb.children:
                if c.dep_ in ("nsubjpass", "auxpass", "agent") or (
                    c.dep_ == "prep" and c.lower_ in ("on", "of", "for")
                ):
                    toks.extend(c.subtree)
        if (
            speaker_tok is not None
            and (speaker_tok.pos_ != "PRON" or speaker_tok.lower_ in ("both", "each"))
            and speaker_tok.i < verb.i
        ):
            sp = np_tokens(speaker_tok)
            if speaker_tok.head.i == verb.i:
                # The whole subject, conjuncts and apposition included ("X and Y accused each other").
                whole = sorted(speaker_tok.subtree, key=lambda t: t.i)
                if len(whole) <= 15 and verb.i - whole[-1].i <= 3:
                    sp = whole
            if sp and verb.i - sp[-1].i <= 3 and len(sp) <= 15:
                toks.extend(sp)
        for c in verb.children:
            if c.dep_ in ("dobj", "aux", "neg", "prt", "dative") and c.i > (
                speaker_tok.i if speaker_tok is not None else -1
            ):
                if c.dep_ in ("dobj", "dative"):
                    toks.extend(c.subtree)
                elif c.i > toks[0].i - 3:
                    toks.append(c)
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "on", "as") and stance is not Stance.ASSERT:
                toks.extend(c.subtree)
            if c.dep_ == "oprd" or c.dep_ == "acomp":
                toks.extend(c.subtree)
            if c.dep_ in ("npadvmod",) or (
                c.dep_ == "prep"
                and c.lower_ in ("on",)
                and stance is Stance.ASSERT
                and c.i < (content[0].i if content else c.i + 1)
            ):
                toks.extend(c.subtree)
        if speaker_tok is not None and speaker_tok.i > verb.i and content and content[0].i < verb.i:
            toks.extend(np_tokens(speaker_tok))
        # "…, a charge Kigali rejects": an apposition naming the claim is the next claim, not this one.
        cut = {
            x.i
            for t in verb.subtree
            if t.dep_ == "appos"
            and t.i > verb.i
            and any(g.lemma_.lower() in self.lex.claim_nouns for g in t.subtree)
            for x in t.subtree
        }
        toks = [t for t in toks if t.i not in cut] or [verb]
        if stance is Stance.ACCUSE:
            # "… on the Walendu Union, a militia that recruits …": a description closing the sentence
            # after the accused is the writer's, not part of the accusation.
            last = max(t.i for t in toks)
            for t in list(toks):
                sub = list(t.subtree)
                if t.dep_ == "appos" and t.head.i < t.i and sub[-1].i >= last - 1 and t.head.i > verb.i:
                    drop = {x.i for x in sub}
                    toks = [x for x in toks if x.i not in drop] or [verb]
                    break
        lo = min(t.i for t in toks)
        hi = max(t.i for t in toks)
        doc = verb.doc
        while hi > lo and ((doc[hi].is_punct and doc[hi].text not in _QUOTE_CHARS) or doc[hi].dep_ == "cc"):
            hi -= 1
        while lo < hi and (
            (doc[lo].is_punct and doc[lo].text not in _QUOTE_CHARS) or doc[lo].dep_ in ("cc", "mark")
        ):
            lo += 1
        # Keep paired quote marks balanced at the edges: trim an opening quote with no close.
        start = offset + doc[lo].idx
        end = offset + doc[hi].idx + len(doc[hi].text)
        c_start = offset + min((t.idx for t in content), default=verb.idx)
        c_end = offset + max((t.idx + len(t.text) for t in content), default=verb.idx + len(verb.text))
        hyp = self._hypothetical(verb, content)
        present = verb.tag_ in ("VBZ", "VBP")
        date_tokens = []
        content_ids = {t.i for t in content}
        for c in verb.children:
            if c.i in content_ids:
                continue
            if c.dep_ in ("npadvmod", "prep", "advmod", "tmod") or c.ent_type_ in ("DATE", "TIME"):
                # Content hung inside the phrase ("in a statement that … on Sunday") dates the event.
                sub = [t for t in c.subtree if t.i not in content_ids]
                if sub and any(
                    t.ent_type_ in ("DATE", "TIME") or t.lower_ in ("today", "yesterday", "overnight")
                    for t in sub
                ):
                    date_tokens.append((offset + sub[0].idx, offset + sub[-1].idx + len(sub[-1].text)))
        return ClaimDraft(
            sentence=sentence,
            start=start,
            end=end,
            claimant=speaker,
            stance=stance,
            targets=targets,
            content_start=c_start,
            content_end=c_end,
            verb_start=offset + verb.idx,
            verb_end=offset + verb.idx + len(verb.text),
            negated=negated,
            hypothetical=hyp,
            present_tense=present,
            date_tokens=date_tokens,
        )

    def _claim_owner(self, noun: Any, offset: int, sentence: int) -> frozenset[str]:
        """Who made a claim named by a noun: "the Philippine account", "Rwanda's accusations", "the
        accusations by the Ombudsman's Office". A country stands for its actors named so far."""
        reg = self.resolver.reg
        ids: list[str] = []
        countries: set[str] = set()
        for c in noun.children:
            owner = None
            if c.dep_ == "poss" and c.pos_ != "PRON":
                owner = c
            elif c.dep_ == "prep" and c.lower_ in ("by", "from"):
                owner = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"):
                owner = c
            if owner is None:
                continue
            iso = reg.dictionary.country_of_word(owner.text) if owner.ent_type_ in ("NORP", "GPE") else None
            if iso:
                countries.add(iso)
            else:
                ids.extend(self.resolver.resolve_all(owner, offset, sentence))
        ids.extend(a.id for a in reg.actors.values() if a.country in countries)
        return frozenset(ids)

    def _hypothetical(self, verb: Any, content: list[Any]) -> bool:
        for t in [verb, *content[:1]]:
            for c in t.children:
                if c.dep_ == "aux" and c.lower_ in self.lex.hypothetical:
                    return True
        root = next((t for t in content if t.dep_ in ("ccomp", "xcomp")), None)
        if root is not None:
            return any(c.dep_ == "aux" and c.lower_ in self.lex.hypothetical for c in root.children) or any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in root.children
            )
        return False

    def _accused_apart_from(
        self, claimant_ids: list[str], content: list[Any], offset: int, sentence: int
    ) -> list[str]:
        """The accused of a statement's content, with the claimants' own side out of reach of its
        pronouns (a spokesman's "they have bombed the market" is not his own organisation)."""
        resolver = self.resolver
        resolver.avoid = frozenset(a for c in claimant_ids for a in resolver.reg.side_of(c))
        try:
            found, _negated = self._accused_in_content(content, offset, sentence)
        finally:
            resolver.avoid = frozenset()
        return [t for t in found if not any(self._same_side(c, t) for c in claimant_ids)]

    def _accused_in_content(
        self, content: list[Any], offset: int, sentence: int, any_subject: bool = False
    ) -> tuple[list[str], bool]:
        """Actors the content says did wrong: the subject of a violent verb, or the agent of a passive one."""
        ids = {t.i for t in content}
        negated = False
        found: list[str] = []
        self.cleared = []
        self.none_of = []
        # Only the content's main clause (and its conjuncts) says who did what; subordinate clauses
        # ("as traders were laying out their goods") do not.
        roots = [t for t in content if t.head.i not in ids or t.head.i == t.i]
        mains = []
        for r in roots:
            for v in [r, *r.conjuncts]:
                if v.i in ids and v.pos_ in ("VERB", "AUX") and v not in mains:
                    mains.append(v)
            mains.extend(
                c for c in r.children if c.dep_ in ("ccomp", "xcomp") and c.i in ids and c.pos_ == "VERB"
            )
        for t in mains:
            lemma = t.lemma_.lower()
            if any(c.dep_ == "neg" or c.lower_ == "never" for c in t.children):
                negated = True
                if lemma in self.lex.wrongdoing:
                    # "the paramilitaries do not target markets": whoever is cleared here is the side
                    # an earlier accusation named.
                    for c in self._clause_subjects(t):
                        self.cleared.extend(self.resolver.resolve_all(c, offset, sentence))
                continue
            named = self._doers_named(t, offset, sentence)
            if named:
                found.extend(named)
                break
            # "Yerevan was responsible", "the army is behind the attack"
            blamed = (
                lemma == "be"
                and any(
                    c.dep_ in ("acomp", "attr", "prep") and c.lower_ in _BLAME_PREDICATES for c in t.children
                )
            ) or (
                # "Manila bore full responsibility for the incident"
                lemma in ("bear", "carry", "have")
                and any(c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in t.children)
            )
            # "sent a drone to bomb our market": the purpose clause carries the wrongdoing. A clause with
            # its own subject ("was carrying traders when it was hit") tells what befell someone else.
            purpose = (
                any(
                    c.dep_ in ("xcomp", "advcl")
                    and c.lemma_.lower() in self.lex.wrongdoing
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                    for c in t.children
                )
                # "Two armed groups fought …, killing six people", "the army clashed with rebels,
                # killing five": the dead fell to a fight between sides, which blames none of them.
                and not self._fight_between_sides(t)
            ) or (
                # "the Pakistani forces started the firing", "the group has conducted raids"
                form_of(t.lower_, lemma, self.lex.act_verbs)
                and any(
                    c.dep_ in ("dobj", "xcomp")
                    and (
                        lemma_is(c, self.lex.wrongdoing_nouns)
                        or form_of(c.lower_, c.lemma_.lower(), self.lex.wrongdoing)
                    )
                    for c in t.children
                )
            )
            if lemma == "be":
                # "the strike was another war crime by Russia", "… was Russia's crime": the wrongdoing
                # noun names its perpetrator.
                for c in t.children:
                    if c.dep_ in ("attr", "acomp"):
                        found.extend(self._noun_perpetrators(c, offset, sentence))
                found.extend(self._cleft_doers(t, offset, sentence))
                if found:
                    break
            needed = self.lex.wrongdoing_needs.get(lemma)
            # "set fire to", "set on fire": the word may hang on a preposition of the verb.
            wrong = lemma in self.lex.wrongdoing and (
                not needed
                or any(c.lower_ in needed or any(g.lower_ in needed for g in c.children) for c in t.children)
            )
            auxes = [c.lower_ for c in t.children if c.dep_ == "aux"]
            if any(a in _FUTURE_MODALS for a in auxes) and "have" not in auxes:
                # "warned that Russia could launch another attack": a forecast or a threat accuses no
                # one of a deed; "may have used" still does.
                continue
            if not wrong and not any_subject and not blamed and not purpose:
                continue
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
            if passive:
                for c in t.children:
                    if c.dep_ == "agent":
                        for g in c.children:
                            if g.dep_ == "pobj" and not self._unnamed_perpetrator(g):
                                found.extend(
                                    self.resolver.resolve_all(g, offset, sentence)
                                    or self._force_modifier_owner(g, offset, sentence)
                                )
                if not any(c.dep_ == "agent" for c in t.children):
                    found.extend(self._holders_of_origin(t, offset, sentence))
            else:
                subjects = self._clause_subjects(t)
                # "the Philippine side had ignored warnings and rammed a vessel": a conjoined verb without
                # its own subject shares the first verb's.
                head = t
                while not subjects and head.dep_ == "conj" and head.head.i != head.i:
                    head = head.head
                    # Only a named subject is shared: a pronoun's antecedent is too uncertain to carry
                    # an accusation over to another verb ("They tied their hands and shot them").
                    subjects = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
                for c in subjects:
                    if c.dep_ == "nsubj" and any(x.lower_ in ("no", "none", "nobody") for x in c.subtree):
                        negated = True
                    elif c.dep_ == "nsubj" and self._unnamed_perpetrator(c):
                        continue
                    elif c.lower_ in ("it", "we", "i"):
                        # "the army said it had struck a depot", '"We hit the camp"': the speaker tells
                        # of its own act.
                        continue
                    elif c.dep_ == "nsubj" and any(
                        x.dep_ == "poss" and x.lower_ in ("its", "our") for x in c.children
                    ):
                        # "said its forces had struck a camp", "our fighters killed ten soldiers": the
                        # speaker reports what its own side did, an assertion, not an accusation.
                        continue
                    elif c.dep_ == "nsubj":
                        weapon = c.lemma_.lower() in self.lex.force_nouns
                        found.extend(
                            (self._unnamed_force(c, offset, sentence) if weapon else [])
                            or self.resolver.resolve_all(c, offset, sentence)
                            or self._unnamed_force(c, offset, sentence)
                        )
            if found:
                break
        if not found and not mains:
            # "condemned the attack by Russia": a content with no clause, only the wrongdoing noun.
            for r in roots:
                if r.pos_ == "NOUN":
                    found.extend(self._noun_perpetrators(r, offset, sentence))
        for t in content:
            if (t.dep_ == "nsubj" and t.lower_ in ("no", "none", "nobody", "nothing")) or (
                t.lower_ == "no" and t.dep_ == "det" and t.head.dep_ in ("nsubj", "nsubjpass")
            ):
                negated = True
                if t.lower_ == "no":
                    self.none_of.append(t.head)
        return list(dict.fromkeys(found)), negated

    def _cleft_doers(self, verb: Any, offset: int, sentence: int) -> list[str]:
        """ "It is the army that shelled the camp", "it was a drone of the Air Force which struck the
        market": a cleft puts the doer of the wrongdoing after "it is"; a weapon or unit "of X" is X's."""
        if not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children):
            return []
        out: list[str] = []
        for attr in (c for c in verb.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")):
            clause = [
                x
                for x in attr.subtree
                if x.dep_ == "relcl"
                and x.lemma_.lower() in self.lex.wrongdoing
                and any(g.dep_ == "nsubj" and g.lower_ in ("which", "that", "who") for g in x.children)
            ]
            if not clause:
                continue
            doer = attr
            if attr.lemma_.lower() in self.lex.force_nouns:
                owners = [
                    g
                    for p in attr.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
                if owners:
                    doer = owners[0]
            if self._unnamed_perpetrator(doer):
                continue
            out.extend(
                self._unnamed_force(doer, offset, sentence)
                or self.resolver.resolve_all(doer, offset, sentence)
            )
        return out

    @staticmethod
    def _fight_between_sides(verb: Any) -> bool:
        """ "Two groups fought", "the army and the rebels clashed", "clashed with the rebels": a fight
        whose subject is several sides, or one side with its opponent after "with"."""
        if verb.lemma_.lower() not in _FIGHT_VERBS:
            return False
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "between"):
                return True
            if c.dep_ == "nsubj" and (
                c.conjuncts
                or (
                    c.tag_ in ("NNS", "NNPS")
                    and any(g.dep_ == "nummod" or g.lower_ in ("both", "rival") for g in c.children)
                )
            ):
                return True
        return False

    def _doers_named(self, verb: Any, offset: int, sentence: int) -> list[str]:
        """Whom a clause names behind the doers of an act: "the gunmen were members of X", "the attackers
        belonged to X", "the bomber had been sent by X", "the attack bore the hallmarks of X"."""
        lex = self.lex

        def among(tok: Any, words: frozenset[str]) -> bool:
            return tok.lemma_.lower() in words or tok.lower_ in words

        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        head = verb
        # "the attackers arrived on motorcycles and were fighters of X": the conjunct shares the subject.
        while not subjects and head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        doers = any(among(s, lex.doer_nouns) for s in subjects)
        act = any(among(s, lex.wrongdoing_nouns) or among(s, lex.wrongdoing) for s in subjects)
        lemma = verb.lemma_.lower()
        behind: list[Any] = []
        if doers and lemma == "be":
            behind = [c for c in verb.children if c.dep_ == "attr"]
        elif doers and lemma == "belong":
            behind = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
        elif doers and lemma in lex.sender_verbs and any(c.dep_ == "auxpass" for c in verb.children):
            behind = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
        elif (doers or act) and lemma in ("bear", "carry", "have", "show"):
            behind = [
                g
                for c in verb.children
                if c.dep_ == "dobj" and among(c, lex.hallmark_nouns)
                for p in c.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
            ]
        out: list[str] = []
        for g in behind:
            # "the attackers were young men" names no one.
            named = g.dep_ in ("pobj", "attr") and not among(g, lex.doer_nouns)
            if named and not self._unnamed_perpetrator(g):
                out.extend(self.resolver.resolve_all(g, offset, sentence))
        return out

    @staticmethod
    def _clause_subjects(verb: Any) -> list[Any]:
        """The subjects of a reported clause. "told us the paramilitaries do not target markets": the
        small model makes the clause's subject the object of "told" and leaves the clause without one."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects or verb.dep_ != "ccomp" or any(c.dep_ in ("nsubjpass", "expl") for c in verb.children):
            return subjects
        doc = verb.doc
        return [
            c
            for c in verb.head.children
            if c.dep_ == "dobj"
            and c.i < verb.i
            and c.pos_ in ("NOUN", "PROPN")
            and all(doc[k].is_punct for k in range(c.right_edge.i + 1, verb.left_edge.i))
            and verb.left_edge.i - c.right_edge.i <= 2
        ]

    def _holders_of_origin(self, verb: Any, offset: int, sentence: int) -> list[str]:
        """ "the rounds were fired from rebel-held hills": with no "by", the side that holds the ground a
        passive act came from is the one blamed."""
        out: list[str] = []
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "from":
                continue
            for ground in prep.children:
                for held in ground.children:
                    if held.dep_ != "amod" or held.lemma_.lower() not in ("hold", "control"):
                        continue
                    for holder in held.children:
                        if holder.dep_ not in ("npadvmod", "compound", "nmod", "amod") or holder.i > held.i:
                            continue
                        if holder.lemma_.lower() in GENERIC_HOLDERS:
                            # "rebel-held": the group the article called rebel.
                            found = self.resolver.reg.last_called(holder.lemma_.lower(), offset + holder.idx)
                            out.extend([found] if found else [])
                        else:
                            out.extend(self.resolver.resolve_all(holder, offset, sentence))
        return out

    def _noun_perpetrators(self, noun: Any, offset: int, sentence: int) -> list[str]:
        """The doer a wrongdoing noun names: "a war crime by Russia", "Russia's aggression"."""
        if (
            noun.lemma_.lower() not in self.lex.wrongdoing_nouns
            and noun.lower_ not in self.lex.wrongdoing_nouns
        ):
            return []
        return self._named_doers(noun, offset, sentence)

    def _named_doers(self, noun: Any, offset: int, sentence: int) -> list[str]:
        """The actors a noun's possessive or "by" phrase names: "Russia's strike", "the strike by Russia"."""
        doers = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        doers += [
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        out: list[str] = []
        for g in doers:
            if not self._unnamed_perpetrator(g):
                out.extend(self.resolver.resolve_all(g, offset, sentence))
        return out

    def _act_owners(self, noun: Any, offset: int, sentence: int) -> list[str]:
        """Whose act a noun names: "Russia's strike", "the strike by Russia", or the state of its national
        adjective ("the Israeli strike", "Turkish operations")."""
        out = self._named_doers(noun, offset, sentence)
        if out:
            return out
        reg = self.resolver.reg
        for c in noun.children:
            # The small model tags some demonyms as names ("Azerbaijani" as a PERSON compound): the
            # dictionary's demonyms decide, not the entity label.
            if c.dep_ in ("amod", "compound"):
                country = reg.dictionary.country_of_word(c.text)
                if country:
                    return [reg.ensure_state(country)]
        return []

    def _unnamed_perpetrator(self, head: Any) -> bool:
        """ "Gunmen", "the attackers", "a group of armed men": a doer the text does not name."""
        sub = list(head.subtree)
        if any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") for t in sub):
            return False
        lemma = head.lemma_.lower()
        if lemma in ("group", "band", "gang", "unit") and any(
            t.lemma_.lower() in self.lex.unnamed for t in sub if t.dep_ == "pobj"
        ):
            return True
        return lemma in self.lex.unnamed or head.lower_ in self.lex.unnamed

    def _force_modifier_owner(self, head: Any, offset: int, sentence: int) -> list[str]:
        """ "killed by rebel sniper fire", "wounded by militia mortar fire": a weapon or fire is the armed
        group its first modifier names. A demonym ("by an Israeli air strike") is left alone here: the
        corpus gold reads such a passive casualty report as an assertion of the toll."""
        if not (head.lemma_.lower() in self.lex.force_nouns or head.lower_ in self.lex.force_nouns):
            return []
        for mod in sorted(head.children, key=lambda t: t.i):
            if mod.i > head.i or mod.dep_ not in ("amod", "compound", "nmod"):
                continue
            if (
                mod.lemma_.lower() in self.lex.force_nouns
                or mod.lower_ in self.lex.force_nouns
                or mod.ent_type_ in ("NORP", "GPE")
            ):
                break  # "sniper fire": another weapon word, no side named before it
            found = self.resolver.resolve_all(mod, offset, sentence)
            if not found and mod.is_lower:
                # "rebel" fire after "the rebels of the Northern Front": the armed group called so before.
                named = self.resolver.reg.last_called(mod.lower_, offset + mod.idx)
                found = [named] if named else []
            return found
        return []

    def _unnamed_force(self, head: Any, offset: int, sentence: int) -> list[str]:
        """ "two Chinese cutters fired", "a Turkish drone struck": the national force behind the weapon."""
        if head.pos_ != "NOUN":
            return []
        reg = self.resolver.reg
        for c in head.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE"):
                country = reg.dictionary.country_of_word(c.text)
                if country:
                    toks = np_tokens(head)
                    start, end = offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text)
                    name = " ".join(t.text for t in toks if t.lower_ not in ("the", "a", "an"))
                    if head.lemma_.lower() in self.lex.force_nouns or head.lower_ in self.lex.force_nouns:
                        # A weapon or unit of a state: the accused is that state's armed forces.
                        name = national_forces_name(reg.dictionary.state_name(country))
                        aid = reg.add(ActorKind.ARMED_GROUP, country, name, start, end, sentence, "army")
                        reg.actors[aid].parent_id = reg.ensure_state(country)
                        return [aid]
                    return [reg.add(ActorKind.ARMED_GROUP, country, name, start, end, sentence, "army")]
        return []

    def _two_sides(self, speaker_tok: Any, offset: int, sentence: int, whole: bool = False) -> list[str]:
        """The two parties of the article: the two most mentioned states or armed actors of different
        sides so far, or in the ``whole`` article (ties: the earlier mentioned)."""
        reg = self.resolver.reg
        here = offset + speaker_tok.idx if speaker_tok is not None and not whole else len(reg.text) + 1
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in reg.history:
            if m.start >= here or reg.category.get(m.actor_id) not in (
                "state",
                "army",
                "rebel",
                "armed_group",
            ):
                continue
            counts[m.actor_id] = counts.get(m.actor_id, 0) + 1
            first.setdefault(m.actor_id, m.start)
        chosen: list[str] = []

        def one_side(a: str, b: str) -> bool:
            # A state and a non-rebel force of the same country ("the Philippines", "the Philippine
            # Coast Guard") are one side even when the dictionary does not link them.
            ca, cb = reg.actors[a].country, reg.actors[b].country
            # Named groups of the dictionary (the Houthis, M23) are no organ of their country's state.
            state_and_organ = "state" in (reg.category.get(a), reg.category.get(b)) and not {
                "rebel",
                "armed_group",
            } & {reg.category.get(a), reg.category.get(b)}
            return reg.same_side(a, b) or bool(ca and ca == cb and state_and_organ)

        # A side's weight is all its mentions: the Philippines, its coast guard and its navy together
        # outweigh a third state named twice.
        weight = {a: sum(n for b, n in counts.items() if b == a or one_side(a, b)) for a in counts}
        for aid in sorted(counts, key=lambda a: (-weight[a], -counts[a], first[a])):
            if not any(one_side(aid, other) for other in chosen):
                chosen.append(aid)
            if len(chosen) == 2:
                break
        # A side that is a state's organ is that state when the text names the state itself ("both
        # sides" of a dispute between the Philippines and China are the two states, not the coast guard).
        sides = []
        for aid in chosen:
            country = reg.actors[aid].country if aid in reg.actors else None
            state = reg.states.get(country) if country else None
            sides.append(state if state in counts else aid)
        if len(set(sides)) < len(chosen):
            sides = chosen  # two organs of one state are not its two sides
        return sorted(dict.fromkeys(sides), key=lambda a: first[a])

    def resolve_mutual(self, drafts: list[ClaimDraft]) -> list[ClaimDraft]:
        """Split each "both sides accused each other" claim made before the sides were named into one
        accusation per side, the sides being the article's two main parties (whole text).

        Call after every sentence is read; drafts without the flag pass through unchanged.
        """
        out: list[ClaimDraft] = []
        for d in drafts:
            if not d.mutual or d.claimant is not None:
                out.append(d)
                continue
            sides = self._two_sides(None, 0, d.sentence, whole=True)
            if len(sides) != 2:
                out.append(d)
                continue
            for s, o in ((sides[0], sides[1]), (sides[1], sides[0])):
                out.append(replace(d, claimant=s, targets=[o], mutual=False))
        return out

    def _source_of(self, noun: Any, offset: int, sentence: int) -> list[str]:
        """The actors behind "UN estimates", "the ministry's figures", "information gathered by aid
        groups", "data from the health ministry": whoever gave them is the one who claims."""
        if noun.lemma_.lower() not in self.lex.source_nouns and noun.lower_ not in self.lex.source_nouns:
            return []
        heads = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod") and c.i < noun.i]
        for c in noun.children:
            preps = [c] if c.dep_ == "prep" else [g for g in c.children if g.dep_ in ("agent", "prep")]
            if c.dep_ not in ("prep", "acl"):
                continue
            heads += [
                g for p in preps if p.lower_ in ("by", "from", "of") for g in p.children if g.dep_ == "pobj"
            ]
        for h in heads:
            found = self.resolver.resolve_all(h, offset, sentence, speaker=True)
            if found:
                return found
        return []

    def _according_to(self, tok: Any, sent: Any, sentence: int, offset: int) -> ClaimDraft | None:
        to = next(c for c in tok.children if c.lower_ == "to")
        objs = [g for g in to.children if g.dep_ == "pobj"]
        if not objs:
            return None
        speakers = self._source_of(objs[0], offset, sentence) or self.resolver.resolve_all(
            objs[0], offset, sentence, speaker=True
        )
        head = tok.head
        # "shelled the village, setting fire to houses, according to residents": a closing "according to"
        # after a participle clause sources the whole sentence; the small model hangs it on the participle.
        while (
            head.dep_ in ("advcl", "xcomp", "conj")
            and head.tag_ == "VBG"
            and head.i < tok.i
            and tok.doc[tok.i - 1].text == ","
            and head.head.i != head.i
        ):
            head = head.head
        excluded = {t.i for t in tok.subtree}
        if head.i == tok.i or head.pos_ not in ("VERB", "AUX", "NOUN"):
            content = [t for t in sent if t.i not in excluded]
        else:
            content = [t for t in head.subtree if t.i not in excluded]
        if head.pos_ == "NOUN":
            content = [t for t in sent if t.i not in excluded]
        content = [t for t in content if not t.is_punct or t.text in _QUOTE_CHARS]
        if not content:
            return None
        doc = tok.doc
        toks = content + list(tok.subtree)
        lo, hi = min(t.i for t in toks), max(t.i for t in toks)
        while hi > lo and doc[hi].is_punct:
            hi -= 1
        while lo < hi and doc[lo].is_punct:
            lo += 1
        stance = Stance.ASSERT
        targets: list[str] = []
        acc, neg = self._accused_in_content(content, offset, sentence)
        if acc:
            stance = Stance.ACCUSE
            targets = [a for a in acc if a not in speakers]
        return ClaimDraft(
            sentence=sentence,
            start=offset + doc[lo].idx,
            end=offset + doc[hi].idx + len(doc[hi].text),
            claimant=speakers[0] if speakers else None,
            also_by=tuple(speakers[1:]),
            stance=stance if targets or stance is Stance.ASSERT else Stance.ASSERT,
            targets=targets,
            content_start=offset + content[0].idx,
            content_end=offset + content[-1].idx + len(content[-1].text),
            verb_start=offset + tok.idx,
            verb_end=offset + tok.idx + len(tok.text),
            according_to=True,
            content_negated=neg,
        )

    @staticmethod
    def _quote_span(sent: Any, verb: Any) -> tuple[int, int] | None:
        """Character span (doc offsets) of quoted text in the sentence, when the verb is outside it."""
        text = sent.text
        m = re.search(r"[\"“]([^\"”]{8,})[\"”]", text)
        if not m:
            return None
        a = sent.start_char + m.start(1)
        b = sent.start_char + m.end(1)
        if a <= verb.idx < b:
            return None
        return a, b

    @staticmethod
    def _span_of(toks: list[Any], offset: int) -> tuple[int, int] | None:
        if not toks:
            return None
        toks = sorted(toks, key=lambda t: t.i)
        return offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text)


# --- article level --------------------------------------------------------------------------------


def _names_itself(verb: Any) -> bool:
    """ "a militia that calls itself the Sons of the Valley": a name a group gives itself, not a claim."""
    return verb.lemma_.lower() in ("call", "name", "style", "dub") and any(
        c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in verb.children
    )


def _purpose_only(verb: Any) -> bool:
    """ "shelled its own barracks in order to blame the rebels", "so as to accuse them": an aim someone
    is said to have had, not a statement anyone made."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    in_order = head.lower_ == "order" and head.head.lower_ == "in"
    doc = verb.doc
    so_as = verb.i >= 3 and [t.lower_ for t in doc[verb.i - 3 : verb.i]] == ["so", "as", "to"]
    return in_order or so_as


def link_denials(drafts: list[ClaimDraft], same_side: Any) -> list[ClaimDraft]:
    """Set ``denies`` on each deny draft; returns the drafts plus accusations described inside denials.

    A denial links to the claim it denies: among the other side's claims, an accusation against the
    denier's side first, then a claim on the same incident, the nearest (earlier before later). A claim
    named by a noun ("rejected the accusation") is looked for before the denial only. An accusation
    described only inside the denial ("denied that its forces…") with no match becomes a claim of its own.
    """
    out = list(drafts)
    for i, d in enumerate(drafts):
        if d.stance is Stance.ASSERT and d.claimant and (d.content_negated or d.calls_civilians):
            match = None
            if d.content_negated:
                # "said no civilian had been killed" after an accusation against the speaker's side.
                match = _best_denied(drafts, i, same_side, accusations_only=True)
                if match is None:
                    # "The army said the strike hit a depot of the Front. The Front said none of its
                    # fighters had been there": the claim just made about the speaker's side is answered.
                    match = _spoke_of_speaker(drafts, i, same_side)
            if match is None and d.calls_civilians:
                # "The army said it had killed 11 militants. A villager said they were farmers": the
                # answer denies the claim that called the dead combatants.
                match = _called_combatants(drafts, i, same_side)
            if match is not None:
                d.stance = Stance.DENY
                d.denies = _same_charge(drafts, i, match, same_side)
            continue
        if d.stance is not Stance.DENY:
            continue
        if d.retracts:
            match = _nearest_own(drafts, i)
            if match is not None:
                d.denies = [match]
            elif d.described is not None and d.claimant:
                # "withdrew its earlier report that a school had been hit": the withdrawn claim is the
                # claimant's own, reported only inside the retraction.
                start, end = d.described
                out.append(
                    ClaimDraft(
                        sentence=d.sentence,
                        start=start,
                        end=end,
                        claimant=d.claimant,
                        stance=Stance.ASSERT,
                        content_start=start,
                        content_end=end,
                        verb_start=start,
                        verb_end=start,
                    )
                )
                d.denies = [len(out) - 1]
            continue
        # "rejected the allegations that its forces …" describes the charge: an earlier accusation of
        # the denier's side may be it, but any other earlier claim is not.
        # "rejected the allegations that its forces …" names and describes the charge: an earlier
        # accusation of the denier's side may be it, any other earlier claim is not.
        # A denial answers a claim already made; it looks further down only when nothing before it fits
        # (a lead that reports the denial first).
        match = _best_denied(drafts, i, same_side, accusations_only=d.charge_described, earlier=True)
        if match is None:
            match = _best_denied(drafts, i, same_side, accusations_only=d.charge_described)
        if match is None and d.names_claim and d.described is None and not d.points_back:
            # A lead that reports the denial first ("X rejected the accusations …") names a charge the
            # article only reports further down: the next accusation against the denier's side.
            match = _best_denied(drafts, i, same_side, accusations_only=True, later=True)
        accuser = next(iter(d.denied_owners)) if len(d.denied_owners) == 1 else None
        if (
            match is not None
            and d.charge_described
            and d.described is not None
            and accuser is not None
            and not _owned_by(drafts[match], d.denied_owners, same_side)
        ):
            # "rejected accusations by the ombudsman that it had recruited minors": the charge is named
            # with its accuser, so another side's accusation is not it; the described one is its own.
            match = None
        if match is not None:
            d.denies = _same_charge(drafts, i, match, same_side)
            if d.plural:
                d.denies += [j for j in _charges_just_made(drafts, i, match, same_side) if j not in d.denies]
        elif d.described is not None:
            start, end = d.described
            inner = ClaimDraft(
                sentence=d.sentence,
                start=start,
                end=end,
                claimant=accuser,
                stance=Stance.ACCUSE,
                targets=[d.claimant] if d.claimant else [],
                content_start=start,
                content_end=end,
                verb_start=start,
                verb_end=start,
            )
            out.append(inner)
            d.denies = [len(out) - 1]
    for i, d in enumerate(drafts):
        if d.stance is not Stance.ASSERT or not d.content_negated or not d.claimant or d.denies:
            continue
        # "'We have never targeted civilians,' the group's spokesman said" next to the group's denial:
        # the negated statement is part of that denial and rejects the same claims.
        partners = [
            c
            for k, c in enumerate(drafts)
            if k != i
            and c.stance is Stance.DENY
            and c.denies
            and c.claimant
            and same_side(d.claimant, c.claimant)
            and abs(c.sentence - d.sentence) <= 2
        ]
        if partners:
            nearest = min(partners, key=lambda c: (abs(c.sentence - d.sentence), c.sentence > d.sentence))
            d.stance = Stance.DENY
            d.denies = list(nearest.denies)
    return _merge_nested(_attributed_only(out))


def _merge_nested(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """One claim for an accusation or denial found twice, once inside the other, by one claimant and
    with the same targets ("The army, which blames the group for the attack, repeated its accusation";
    "said the vessels were fishing boats and called the reports 'hype'"): the outer draft stays and takes
    over what the inner one denies and what denies it. Nested assertions stay apart: "condemned the
    attack but said it could not attribute it" states two things."""
    into: dict[int, int] = {}
    for k, inner in enumerate(drafts):
        for j, outer in enumerate(drafts):
            if (
                j != k
                and j not in into
                and inner.claimant is not None
                and outer.claimant == inner.claimant
                and outer.stance is inner.stance
                and inner.stance is not Stance.ASSERT
                and set(outer.targets) == set(inner.targets)
                and outer.start <= inner.start
                and inner.end <= outer.end
                and (outer.end - outer.start > inner.end - inner.start or j < k)
            ):
                into[k] = j
                break
    if not into:
        return drafts

    def kept(k: int) -> int:
        while k in into:
            k = into[k]
        return k

    for k in into:
        outer = drafts[kept(k)]
        outer.denies += drafts[k].denies
    keep = [k for k in range(len(drafts)) if k not in into]
    new_index = {k: n for n, k in enumerate(keep)}
    out = [drafts[k] for k in keep]
    for n, d in enumerate(out):
        mapped = [new_index[kept(j)] for j in d.denies]
        d.denies = [j for j in dict.fromkeys(mapped) if j != n]
    return out


def _attributed_only(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """A claim is someone's (ANNOTATION.md: every claim has a claimant): a statement whose speaker the
    parse could not find ("One of them said …", "has been told that …") is dropped, unless a denial
    denies it (an accusation described only inside a denial, by an accuser the article does not name)."""
    denied = {j for d in drafts for j in d.denies}
    keep = [k for k, d in enumerate(drafts) if d.claimant is not None or k in denied]
    new_index = {k: n for n, k in enumerate(keep)}
    out = [drafts[k] for k in keep]
    for d in out:
        d.denies = [new_index[j] for j in d.denies if j in new_index]
    return out


def _owned_by(claim: ClaimDraft, owners: frozenset[str], same_side: Any) -> bool:
    return claim.claimant is not None and (
        claim.claimant in owners or any(same_side(o, claim.claimant) for o in owners)
    )


def _best_denied(
    drafts: list[ClaimDraft],
    i: int,
    same_side: Any,
    accusations_only: bool,
    later: bool = False,
    earlier: bool = False,
) -> int | None:
    """The index of the claim draft ``i`` most likely denies (None if none fits); with ``later``, only
    the accusations after it; with ``earlier``, only the claims before it."""
    d = drafts[i]
    best: tuple[float, int] | None = None
    for j, c in enumerate(drafts):
        if j == i or c.stance is Stance.DENY or (c.start, c.end) == (d.start, d.end):
            continue
        if c.claimant is None:
            continue  # the article's own narration ("It is to be recalled that …") is nobody's claim
        if d.claimant and same_side(d.claimant, c.claimant):
            continue
        against = bool(d.claimant) and any(
            same_side(d.claimant, t) or t in d.cleared or any(same_side(x, t) for x in d.cleared)
            for t in c.targets
        )
        echoed = j < i and bool(d.echoes & c.nouns)
        if accusations_only and not (c.stance is Stance.ACCUSE and against) and not echoed:
            continue
        if (later and j < i) or (earlier and j > i):
            continue
        if d.appended and c.sentence != d.sentence:
            continue  # the apposition's claim is in its own sentence, or is no claim of ours
        if j > i and (d.names_claim or accusations_only) and not later:
            continue  # "the accusation", "that claim" point back
        score = 0.0
        if c.stance is Stance.ACCUSE and against:
            # An accusation of the denier's side comes before any accusation of someone else, however
            # far back it is ("the accusations were baseless", said by the accused group's spokesman);
            # "that claim" still means the one just reported.
            score += 4 if d.points_back else 8
        elif c.stance is Stance.ACCUSE:
            score += 1
        if d.about_incident is not None and c.about_incident == d.about_incident:
            score += 1.5
        if (d.nouns - _ACCUSATION_NOUNS - {"claim", "report", "statement"}) & c.nouns:
            score += 1  # "denied striking the substation": the claim that spoke of the substation
        if d.claimant and any(same_side(d.claimant, a) for a in c.mentions):
            score += 1  # a claim that speaks of the denier ("the soldiers are held by the Front")
        if echoed:
            score += 10  # "no such position": the claim that spoke of that position
        if d.calls_civilians and c.calls_combatants:
            score += 3  # "the men were farmers": the claim that called them fighters
        if not d.plural and _mutual(drafts, j):
            # "Both sides accused each other of …" sums up what the sides said; one denial answers one
            # side's own accusation, and only "the allegations" takes in the summary too.
            score -= 2
        if d.denied_owners:
            # The denial names whose claim it rejects: that claimant's claims come first.
            owned = c.claimant is not None and (
                c.claimant in d.denied_owners or any(same_side(o, c.claimant) for o in d.denied_owners)
            )
            score += 3 if owned else 0
        distance = abs(d.sentence - c.sentence)
        score -= (3.0 if d.points_back else 0.3) * min(distance, 10) + (0.5 if j > i else 0)
        # Within one sentence the charge told last is the nearer one ("accused X of A and of B. X
        # called it a lie").
        score -= 1e-6 * min(abs(d.start - c.end), abs(c.start - d.end))
        if best is None or score > best[0]:
            best = (score, j)
    return best[1] if best else None


def _spoke_of_speaker(drafts: list[ClaimDraft], i: int, same_side: Any) -> int | None:
    """The nearest claim just before draft ``i``, by another side, that names the side of ``i``'s speaker
    in its content (None if none): what a flat "none of our fighters were there" answers."""
    d = drafts[i]
    for j in range(i - 1, -1, -1):
        c = drafts[j]
        if d.sentence - c.sentence > _ANSWER_REACH:
            break
        if c.stance is Stance.DENY or not c.claimant or not d.claimant or same_side(d.claimant, c.claimant):
            continue
        if any(a == d.claimant or same_side(d.claimant, a) for a in c.mentions):
            return j
    return None


def _called_combatants(drafts: list[ClaimDraft], i: int, same_side: Any) -> int | None:
    """The nearest claim before draft ``i``, by another side, that called whom an act hit combatants or a
    military objective (None if none): what "the victims were farmers" answers."""
    d = drafts[i]
    for j in range(i - 1, -1, -1):
        c = drafts[j]
        if not c.calls_combatants or c.stance is Stance.DENY or not c.claimant or not d.claimant:
            continue
        if same_side(d.claimant, c.claimant):
            continue
        if d.about_incident is not None and c.about_incident not in (None, d.about_incident):
            continue  # the dead of another incident
        while drafts[j].goes_on and j > 0 and drafts[j - 1].sentence == c.sentence:
            # The answer denies the statement, which the participle only goes on with.
            j -= 1
        return j
    return None


# How many sentences back a flat negation by one side still answers what another side said of it.
_ANSWER_REACH = 2


def _same_charge(drafts: list[ClaimDraft], i: int, match: int, same_side: Any) -> list[int]:
    """The denied claim and the other accusations it answers: a denial rejects the charge, so every
    earlier accusation of the denier's side by the same side on the same incident is denied with it
    ("the army and its spokesman accused the rebels …; the rebels denied it"). A statement split into one
    draft per target or incident is denied whole. A denial the lead reports before the charge also answers
    the same side's accusations told with it further down ("The rebels denied … The army said the rebels
    had shelled the camp. Its spokesman accused them of a crime")."""
    d, m = drafts[i], drafts[match]
    out = [match]
    out += [
        j
        for j, c in enumerate(drafts)
        if j not in (i, match)
        and (c.start, c.end) == (m.start, m.end)
        and c.claimant == m.claimant
        and c.stance is m.stance
    ]
    if m.stance is not Stance.ACCUSE or not d.claimant or not m.claimant:
        return out
    # The denier's side, and the actors its words clear ("the paramilitaries do not target markets").
    side = [d.claimant, *d.cleared]
    for j, c in enumerate(drafts):
        if j in (match, i) or c.stance is not Stance.ACCUSE or not c.claimant:
            continue
        if j > i and (match < i or c.sentence - m.sentence > _SAME_CHARGE_REACH):
            continue
        if not (c.claimant == m.claimant or same_side(c.claimant, m.claimant)):
            continue
        if not any(t == x or same_side(x, t) for t in c.targets for x in side):
            continue
        if (c.start, c.end) in {(drafts[k].start, drafts[k].end) for k in out}:
            continue
        if (
            not d.plural
            and c.about_incident is not None
            and m.about_incident is not None
            and c.about_incident != m.about_incident
        ):
            continue  # one charge denied: a charge about another incident is a charge of its own
        if not d.plural and _mutual(drafts, j):
            continue
        if (
            not d.plural
            and c.claimant == m.claimant
            and (c.verb_start, c.verb_end) == (m.verb_start, m.verb_end)
        ):
            # "accused the group of A and of B … The group called it a fabrication": one statement's
            # second charge is a charge of its own, which only a plural denial ("those claims") answers.
            continue
        out.append(j)
    return out


def _mutual(drafts: list[ClaimDraft], j: int) -> bool:
    """Whether draft ``j`` is one half of "A and B accused each other": a draft of the same words by the
    side it accuses, accusing its claimant."""
    c = drafts[j]
    return c.stance is Stance.ACCUSE and any(
        k != j
        and (o.start, o.end) == (c.start, c.end)
        and o.stance is Stance.ACCUSE
        and o.claimant in c.targets
        and c.claimant in o.targets
        for k, o in enumerate(drafts)
    )


# How many sentences after a charge reported below its denial the same side's further accusations are
# still part of that report.
_SAME_CHARGE_REACH = 2


def _plural_claims(noun: Any, claim_nouns: frozenset[str]) -> bool:
    """ "these claims", "the accusations", "those": a denial of more than one claim."""
    if noun.lower_ in ("these", "those", "them"):
        return True
    return noun.tag_ in ("NNS", "NNPS") and noun.lemma_.lower() in claim_nouns


def _charges_just_made(drafts: list[ClaimDraft], i: int, match: int, same_side: Any) -> list[int]:
    """The accusations against the denier's side that the denied claim's claimant made in the few
    sentences before the denial ("… accused the army of X. It said Y. The army rejected these claims")."""
    d, m = drafts[i], drafts[match]
    if not d.claimant or not m.claimant:
        return []
    return [
        j
        for j, c in enumerate(drafts[:i])
        if c.stance is Stance.ACCUSE
        and c.claimant is not None
        and (c.claimant == m.claimant or same_side(c.claimant, m.claimant))
        and 0 <= d.sentence - c.sentence <= 3
        and any(t == d.claimant or same_side(d.claimant, t) for t in c.targets)
    ]


def _nearest_own(drafts: list[ClaimDraft], i: int) -> int | None:
    d = drafts[i]
    for j in range(i - 1, -1, -1):
        c = drafts[j]
        if c.claimant == d.claimant and c.stance is not Stance.DENY:
            return j
    return None


# A quotation whose speaker is only a pronoun after it: '"We were never there," he said.'
# What may stand between a claim and a quotation that goes on with it: the rest of its sentence.
_TO_QUOTE = re.compile(r"[^.!?\"“”«»]*[.!?]?\s*[\"“«]\s*")
_PRONOUN_TAIL = re.compile(r"[\"”»]\s*(?:he|she|it|they)\s+\w+(?:\s+\w+)?\s*$", re.IGNORECASE)


def drop_restated_charges(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """A charge made again by the same claimant against the same actors over the same incident ("the
    army blamed the group for the attack … The shelling was blamed by the army on the group") is one
    claim, as the graph merges it across articles (:mod:`loaders.resolve`): the later bare charge
    (accuse, blame, repeat the accusation) adds no statement of its own and is dropped. A later
    accusation that tells what was done ("said the army had bombed the market") stays a claim, and so
    does a second charge of the same sentence ("accused X of A and of B").

    Run before :func:`link_denials`, which refers to drafts by index.
    """
    out: list[ClaimDraft] = []
    for d in drafts:
        same = (
            next(
                (
                    e
                    for e in out
                    if e.stance is Stance.ACCUSE
                    and e.claimant == d.claimant
                    and e.targets == d.targets
                    and e.about_incident == d.about_incident
                    # "accused X of A and of B" makes two charges in one sentence; only an earlier
                    # sentence, the same words read twice, or "repeated the accusation" repeats one.
                    and (e.sentence < d.sentence or (e.start < d.end and d.start < e.end) or d.repeats)
                ),
                None,
            )
            if d.stance is Stance.ACCUSE
            and d.charge_verb
            and d.claimant is not None
            and d.targets
            and d.about_incident is not None
            else None
        )
        if same is None:
            out.append(d)
        elif same.sentence == d.sentence:
            # "The army, which blames X for the attack, repeated its accusation": one statement.
            same.start, same.end = min(same.start, d.start), max(same.end, d.end)
            same.content_end = max(same.content_end, d.content_end)
    return out


def drop_lead_summaries(drafts: list[ClaimDraft], paragraph_of: list[int], lead: int) -> list[ClaimDraft]:
    """ "Three people were killed, the health ministry says. … In a statement this morning, the health
    ministry said the dead were …": a lead that sums up a statement in the present tense is the
    statement the body reports in the past tense further down, so the lead's draft is dropped when a
    later paragraph holds such a claim of the same claimant and stance (one claim per statement, as in
    ANNOTATION.md; the lead's words are that claim's paraphrase). ``paragraph_of`` maps a sentence
    index to its paragraph's offset; ``lead`` is the lead paragraph's offset.

    Run before :func:`link_denials`, which refers to drafts by index.
    """
    return [
        d
        for d in drafts
        if not (
            paragraph_of[d.sentence] == lead
            and d.present_tense
            and not d.according_to
            and d.claimant is not None
            and any(
                paragraph_of[c.sentence] != lead
                and not c.present_tense
                and c.claimant == d.claimant
                and c.stance is d.stance
                for c in drafts
            )
        )
    ]


def fold_quoted_followups(drafts: list[ClaimDraft], text: str) -> list[ClaimDraft]:
    """'The spokesman said the men were farmers. "They had nothing to do with any group," he said.': a
    quotation in the next sentence that names its speaker only by a pronoun carries the statement just
    reported, so it is that claim's evidence, not a second claim. An accusation or denial in the quotation
    gives its stance to a plain statement before it; a quotation that changes an accusation into a denial
    (or back) is a claim of its own."""
    out: list[ClaimDraft] = []
    for d in drafts:
        # The claims of the sentence just before the quotation.
        before = [
            c
            for c in drafts
            if c.end <= d.start
            and _TO_QUOTE.fullmatch(text, c.end, d.start) is not None
            and c.claimant is not None
            and c.claimant == d.claimant
            and (c.stance is d.stance or c.stance is Stance.ASSERT)
        ]
        if (
            not before
            or d.mutual
            # '… said rescuers had dug out the bodies. "There were only families there," he said': a
            # quotation that answers who was hit says something the statement before it did not.
            or (d.calls_civilians and not before[0].calls_civilians)
            or not _PRONOUN_TAIL.search(text[d.start : d.end])
            or text[: d.start].rstrip()[-1:] not in _QUOTE_CHARS
        ):
            out.append(d)
            continue
        head = before[0]
        if head.stance is Stance.ASSERT and d.stance is not Stance.ASSERT:
            head.stance, head.targets = d.stance, list(d.targets)
            head.names_claim, head.content_negated = d.names_claim, d.content_negated
    return out


def quotation_open_after(chars: str, inside: bool = False) -> bool:
    """Whether a quotation is open after ``chars``, read from the state ``inside``: curly marks open and
    close, a straight mark toggles.

    >>> quotation_open_after('He said: "We hit it', False), quotation_open_after("“No.” Then", False)
    (True, False)
    """
    for ch in chars:
        if ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        elif ch == '"':
            inside = not inside
    return inside


def paragraph_quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first, last) paragraph indices of quotations that run over paragraphs: opened in ``first`` and
    not closed there, closed in ``last``. A paragraph that goes on with an open quotation may repeat the
    opening mark, as wire copy does; that mark does not close it.

    >>> text = 'The army said:\\n\\n"We hit the depot.\\n\\n"We lost no one."\\n\\nEnd.'
    >>> paragraph_quotations(text, [(0, 14), (16, 34), (36, 53), (55, 59)])
    [(1, 2)]
    """
    out: list[tuple[int, int]] = []
    open_since: int | None = None
    for k, (start, end) in enumerate(paragraphs):
        body = text[start:end].lstrip()
        inside = open_since is not None
        if inside and body[:1] in ('"', "“"):
            body = body[1:]
        inside = quotation_open_after(body, inside)
        if inside and open_since is None:
            open_since = k
        elif not inside and open_since is not None:
            out.append((open_since, k))
            open_since = None
    return out
