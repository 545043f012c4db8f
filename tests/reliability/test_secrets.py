"""Secrets: credentials come from the environment or a git-ignored .env, never from a command-line
option; they are never printed, logged (even at DEBUG) or exported; docker-compose ships no default
password; connection failures name the URI and what to check, never the password."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from _rel import REPO, cli, gold_corpus

from conflictgraph.cli import app

SECRET_WORDS = ("password", "passwd", "secret", "token", "credential", "auth")


def test_no_command_takes_a_password_option() -> None:
    root = typer.main.get_command(app)
    seen: list[str] = []

    def walk(cmd: Any, path: str) -> None:
        seen.append(path)
        for param in cmd.params:
            names = [*param.opts, *param.secondary_opts, param.name or ""]
            envvar = param.envvar if isinstance(param.envvar, list | tuple) else [param.envvar or ""]
            for name in [*names, *envvar]:
                assert not any(w in name.lower() for w in SECRET_WORDS), f"{path}: option {name}"
        for name, sub in (getattr(cmd, "commands", None) or {}).items():
            walk(sub, f"{path} {name}")

    walk(root, "conflictgraph")
    assert {
        "conflictgraph ingest",
        "conflictgraph export",
        "conflictgraph cypher",
        "conflictgraph stats",
    } <= set(seen)
    done = cli("stats", "--password", "x", "--store", "memory://")
    assert done.returncode == 2 and "No such option" in done.stderr


def test_docker_compose_has_no_default_password() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    env = compose["services"]["neo4j"]["environment"]
    auth = env["NEO4J_AUTH"] if isinstance(env, dict) else dict(e.split("=", 1) for e in env)["NEO4J_AUTH"]
    # ${VAR:?message} makes compose refuse to start when VAR is unset or empty
    assert re.fullmatch(r"neo4j/\$\{NEO4J_PASSWORD:\?[^}]+\}", auth), auth
    text = (REPO / "docker-compose.yml").read_text(encoding="utf-8")
    # no fallback value (${NEO4J_PASSWORD:-x} / ${NEO4J_PASSWORD-x}) and no literal assignment anywhere
    assert not re.search(r"NEO4J_PASSWORD:?-|NEO4J_PASSWORD\s*[=:]\s*\w", text), "a default password"


def test_env_file_is_git_ignored() -> None:
    done = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=REPO, check=False)
    assert done.returncode == 0, ".env is not in .gitignore"
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".env", "*/.env"], cwd=REPO, capture_output=True, text=True
    )
    assert tracked.stdout == ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_unreachable_neo4j_is_one_line_naming_the_uri(tmp_path: Path) -> None:
    port = _free_port()
    uri = f"bolt://127.0.0.1:{port}"
    password = "pw-" + os.urandom(8).hex()
    env = {**os.environ, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password}
    done = cli("stats", "--store", uri, env=env, cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("Error: ") and uri in lines[0] and "check" in lines[0], lines[0]
    assert password not in done.stderr + done.stdout
    # a password inside the URL is not echoed either
    done = cli("stats", "--store", f"bolt://neo4j:{password}@127.0.0.1:{port}", env=env, cwd=tmp_path)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert password not in done.stderr + done.stdout


DEBUG_CLI = """
import logging, sys
logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
from conflictgraph.cli import main
sys.argv = ["conflictgraph", *sys.argv[1:]]
main()
"""


@pytest.mark.neo4j
def test_password_never_printed_logged_or_exported(
    neo4j_url: str, neo4j_store: object, tmp_path: Path
) -> None:
    password = os.environ.get("NEO4J_PASSWORD")
    assert password, "the Neo4j fixture must run with a password"
    corpus = gold_corpus()[:3]
    outputs: list[str] = []

    def run(*args: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-c", DEBUG_CLI, *args], capture_output=True, text=True, cwd=cwd, check=False,
            timeout=600,
        )  # fmt: skip
        outputs.extend([done.stdout, done.stderr])
        return done

    done = run("ingest", *map(str, corpus), "--format", "annotations", "--store", neo4j_url)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "DEBUG" in done.stderr, "debug logging was not on"
    assert run("stats", "--store", neo4j_url).returncode == 0
    exports = tmp_path / "exports"
    exports.mkdir()
    for fmt in ("json", "graphml", "claimreview"):
        done = run("export", "--format", fmt, "--store", neo4j_url, "-o", str(exports / f"out.{fmt}"))
        assert done.returncode == 0, (fmt, done.stderr[-2000:])
    done = run("export", "--format", "csv", "--store", neo4j_url, "-o", str(exports / "csv"))
    assert done.returncode == 0, done.stderr[-2000:]
    files = [p for p in exports.rglob("*") if p.is_file()]
    assert len(files) >= 4
    for text in outputs + [p.read_text(encoding="utf-8", errors="replace") for p in files]:
        assert password not in text
    # credentials from a .env file in the working directory (nothing in the environment) work too
    envdir = tmp_path / "with-env-file"
    envdir.mkdir()
    (envdir / ".env").write_text(f"NEO4J_USER=neo4j\nNEO4J_PASSWORD='{password}'\n", encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if k not in ("NEO4J_PASSWORD", "NEO4J_USER")}
    done = cli("stats", "--store", neo4j_url, env=clean, cwd=envdir)
    assert done.returncode == 0, done.stderr
    assert password not in done.stdout + done.stderr
    # and a wrong one is refused in one line that says what to check
    bad = {**clean, "NEO4J_PASSWORD": "wrong-" + os.urandom(6).hex()}
    done = cli("stats", "--store", neo4j_url, env=bad, cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and neo4j_url in lines[0] and "NEO4J_PASSWORD" in lines[0], lines
    assert bad["NEO4J_PASSWORD"] not in done.stderr and password not in done.stderr


def test_readme_has_the_security_section() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Security", 1)[1].split("\n## ", 1)[0]
    assert "--write" in section and "read-only" in section
    assert ".env" in section and "environment" in section and "command-line" in section
    assert "untrusted" in section
    assert "docs/security.md" in readme
