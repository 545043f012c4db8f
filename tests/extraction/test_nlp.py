"""The pinned pipeline: hash check, refusal of a tampered model, paragraph splitting with exact offsets."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from graph.errors import ModelIntegrityError
from graph.model import Article, Claim, article_id
from loaders.extract import segments
from loaders.nlp import TOK2VEC_SHA256, find_model_dir, paragraph_spans, sha256_file, verify_model_dir


def test_installed_model_is_the_official_one() -> None:
    model_dir = find_model_dir()
    assert sha256_file(model_dir / "tok2vec" / "model") == TOK2VEC_SHA256
    verify_model_dir(model_dir)  # does not raise


def test_tampered_copy_is_refused(tmp_path: Path) -> None:
    original = find_model_dir() / "tok2vec" / "model"
    copy_dir = tmp_path / "model"
    (copy_dir / "tok2vec").mkdir(parents=True)
    weights = copy_dir / "tok2vec" / "model"
    shutil.copyfile(original, weights)
    verify_model_dir(copy_dir)  # an exact copy passes
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match=r"SHA-256 [0-9a-f]{64} does not match"):
        verify_model_dir(copy_dir)


def test_missing_weights_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match="missing"):
        verify_model_dir(tmp_path)


def test_paragraphs_keep_exact_offsets() -> None:
    text = "  Title line\n\nFirst paragraph.\nStill first.\n \n\nSecond.\n"
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == ["Title line", "First paragraph.\nStill first.", "Second."]


def test_datelines_and_headings_are_their_own_segments() -> None:
    text = "Headline\n\nGOMA, April 14 (Wire) - Shells hit the market.\n\n16:30\nThe mayor spoke."
    assert [text[a:b] for a, b in segments(text)] == [
        "Headline",
        "GOMA, April 14 (Wire) - ",
        "Shells hit the market.",
        "16:30",
        "The mayor spoke.",
    ]


def test_title_is_not_glued_to_the_first_sentence(run) -> None:  # type: ignore[no-untyped-def]
    title = "Shelling near Lachin"
    ann = run(f"{title}\n\nAzerbaijan said on Monday that Armenian forces shelled Lachin.")
    assert [c["quote"] for c in ann["claims"]] == [
        "Azerbaijan said on Monday that Armenian forces shelled Lachin"
    ]
    assert ann["claims"][0]["evidence"]["start"] == len(title) + 2


def test_a_headline_gives_no_claim_of_its_own(run) -> None:  # type: ignore[no-untyped-def]
    # Claims are quoted from the body; the headline only sums one up ("…, group says").
    ann = run(
        "Air strike on village kills 25, resistance group says\n\n"
        "At least 25 people were killed when jets bombed a village on Sunday, a local resistance group said."
    )
    assert [(c["claimant_name"], c["quote"]) for c in ann["claims"]] == [
        (
            "local resistance group",
            "At least 25 people were killed when jets bombed a village on Sunday, "
            "a local resistance group said",
        )
    ]
    assert [(i["type"], i["killed"]) for i in ann["incidents"]] == [("airstrike", 25)]


def test_a_markdown_title_heading_is_the_headline(extractor) -> None:  # type: ignore[no-untyped-def]
    title = "Army says it repelled an attack on the airport, rebels deny it."
    text = f"# {title}\n\nThe army said on Monday that it had repelled an attack on the airport."
    graph = extractor.extract(
        Article(id=article_id(text), text=text, title=title, published=date(2024, 3, 12))
    )
    claims = [n for n in graph.nodes if isinstance(n, Claim)]
    assert [c.quote for c in claims] == [
        "The army said on Monday that it had repelled an attack on the airport"
    ]
