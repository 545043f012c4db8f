"""Colours of the report pass WCAG 2.x contrast: text pairs 4.5:1, claimant colours 4.5:1 on white."""

from __future__ import annotations

import re

from report_support import ROOT

SRC = ROOT / "report" / "src"


def _lum(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    rgb = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_lum(a), _lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic just-failing grey


def test_text_colours_pass_aa_on_their_backgrounds() -> None:
    css = (SRC / "report.css").read_text(encoding="utf-8")
    var = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    pairs = [
        ("fg", "bg"), ("fg", "panel"), ("muted", "bg"), ("muted", "panel"), ("accent", "bg"),
        ("accent", "panel"), ("disputed", "disputed-bg"), ("disputed", "bg"), ("fg", "precise-bg"),
        ("fg", "uncertain-bg"), ("muted", "uncertain-bg"),
    ]  # fmt: skip
    for fg, bg in pairs:
        assert contrast(var[fg], var[bg]) >= 4.5, (fg, bg, contrast(var[fg], var[bg]))
    # Non-text marks (focus ring, borders of boxes) need 3:1.
    for mark in ("focus", "border", "precise", "disputed"):
        assert contrast(var[mark], var["bg"]) >= 3.0, mark


def test_claimant_palette_passes_aa_on_white() -> None:
    js = (SRC / "report.js").read_text(encoding="utf-8")
    m = re.search(r"var PALETTE = \[([^\]]+)\]", js)
    assert m is not None
    palette = re.findall(r'"(#[0-9a-fA-F]{6})"', m.group(1))
    assert len(palette) >= 8
    for colour in palette:
        assert contrast(colour, "#ffffff") >= 4.5, colour
