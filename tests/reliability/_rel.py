"""Helpers shared by the reliability tests: the CLI as a real subprocess, corpora, normalised exports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
LOCAL_GOLD = REPO / "tests" / "corpus" / "gold"
LOCAL_ARTICLES = REPO / "tests" / "corpus" / "articles"


def shared_dir() -> Path:
    override = os.environ.get("CONFLICTGRAPH_SHARED")
    return Path(override) if override else REPO.parent / "shared"


def gold_corpus() -> list[Path]:
    """Every gold annotation we have: the shared dev corpus (when it is there) and tests/corpus."""
    files = sorted(LOCAL_GOLD.glob("*.json"))
    dev = shared_dir() / "dev-corpus" / "gold"
    if dev.is_dir():
        files = sorted(dev.glob("*.json")) + files
    return files


def cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """``conflictgraph ARGS`` in a fresh interpreter (so SIGKILL and env changes are real)."""
    return subprocess.run(
        [sys.executable, "-m", "conflictgraph", *args],
        capture_output=True,
        text=True,
        env=env if env is not None else dict(os.environ),
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def spawn(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "conflictgraph", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env if env is not None else dict(os.environ),
        cwd=cwd,
    )


def _drop_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_times(v) for k, v in value.items() if k not in ("ingested_at", "exported_at")}
    if isinstance(value, list):
        return [_drop_times(v) for v in value]
    return value


def export_json(store: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """``conflictgraph export --format json`` of a store, without its timestamps."""
    out = cli("export", "--format", "json", "--store", store, env=env)
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = _drop_times(json.loads(out.stdout))
    return data


def stats(store: str, env: dict[str, str] | None = None) -> dict[str, int]:
    out = cli("stats", "--store", store, env=env)
    assert out.returncode == 0, out.stderr
    data: dict[str, int] = json.loads(out.stdout)
    return data
