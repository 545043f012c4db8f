"""Gazetteer benchmark: build time, cached load time and resident memory (goal: at most 150 MB).

Each stage runs in a fresh subprocess so its memory is its own. Resident memory is read from
``/proc/self/statm`` before and after the step (what the process holds, not a peak), so the gazetteer's
figure is what it keeps for the life of an ingest. The build stage uses an empty temporary cache
directory; the load stage reads the disk cache the build just wrote. The last stage loads the whole spaCy
pipeline with the gazetteer's entity ruler, for scale. Nothing here asserts; it prints.

    python bench/gazetteer.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_MB = 150.0

_STAGE = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
page = os.sysconf("SC_PAGE_SIZE")
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * page / 2**20
from loaders import gazetteer
stage = sys.argv[2]
before = rss()
t0 = time.perf_counter()
if stage == "pipeline":
    from loaders.nlp import get_nlp
    get_nlp()
else:
    gaz = gazetteer.load()
seconds = time.perf_counter() - t0
out = {"stage": stage, "seconds": seconds, "rss_before": before, "rss_after": rss()}
if stage != "pipeline":
    out["names"] = len(gaz.names)
    out["places"] = len(gaz.places)
print(json.dumps(out))
"""


def _stage(name: str, cache: str) -> dict[str, float]:
    env = dict(os.environ, CONFLICTGRAPH_CACHE=cache)
    done = subprocess.run(
        [sys.executable, "-c", _STAGE, str(ROOT), name], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cg-gaz-") as cache:
        stages = [_stage(name, cache) for name in ("build", "load", "pipeline")]
    for s in stages:
        held = s["rss_after"] - s["rss_before"]
        extra = f", {s['names']:,.0f} names, {s['places']:,.0f} places" if "names" in s else ""
        print(f"{s['stage']:<9} {s['seconds']:6.2f} s   resident +{held:6.1f} MB{extra}")
    held = stages[1]["rss_after"] - stages[1]["rss_before"]
    verdict = "meets" if held <= GOAL_MB else "misses"
    print(f"gazetteer resident memory {held:.1f} MB (goal <= {GOAL_MB:.0f} MB: {verdict}); ", end="")
    print(f"cached load is {stages[0]['seconds'] / stages[1]['seconds']:.1f}x faster than a build")


if __name__ == "__main__":
    main()
