"""Throughput of the ACLED loader into the embedded store: rows/s and peak memory.

Generates N synthetic ACLED rows (invented values in the current column layout) into a temporary CSV,
then times, each in its own process so each peak RSS is its own: parsing alone (``read_dataset``),
and the ingest users run (``loaders.pipeline.ingest``, as ``conflictgraph ingest --format acled`` without
the resolution pass: rows written ``--batch`` at a time through ``write_many``, one journal fsync each)
into ``memory://`` and into a store directory. Rates are given per
wall-clock second and per CPU second of the process (on a shared machine the CPU rate is the
comparable one). A separate parse run under
tracemalloc prints the Python-heap peak (its time is not reported: tracemalloc slows Python several-fold).

    python bench/datasets.py            # 100,000 rows
    python bench/datasets.py --rows 20000
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path, and bench/queries.py would shadow the
# queries package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from graph.errors import InputError  # noqa: E402
from graph.nx_store import NetworkXStore  # noqa: E402
from loaders import pipeline  # noqa: E402
from loaders.datasets import read_dataset  # noqa: E402
from queries.export import ACLED_COLUMNS  # noqa: E402

# ACLED's own columns, as the CSV export writes them (queries.export adds ours after them, as cg_*).
HEADER = [c for c in ACLED_COLUMNS if not c.startswith("cg_")]
KINDS = [
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Strategic developments", "Strategic developments", "Arrests"),
]
COUNTRIES = [
    ("Azerbaijan", "31"),
    ("Armenia", "51"),
    ("Georgia", "268"),
    ("Ukraine", "804"),
    ("Sudan", "729"),
]
SOURCES = ["Trend", "APA", "Azatutyun", "News.am", "Reuters", "AFP", "Interfax", "Radio Dabanga"]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    places = [(f"Town {i}", 38 + rnd.random() * 5, 43 + rnd.random() * 6) for i in range(2000)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(rows):
            country, iso = rnd.choice(COUNTRIES)
            disorder, etype, sub = rnd.choice(KINDS)
            place, lat, lon = rnd.choice(places)
            civ = etype in ("Violence against civilians",) or rnd.random() < 0.2
            actor1 = rnd.choice([
                f"Military Forces of {country} (2003-)", f"Police Forces of {country} (2003-)",
                f"Unidentified Armed Group ({country})", f"Protesters ({country})",
            ])  # fmt: skip
            actor2 = (
                f"Civilians ({country})" if civ else rnd.choice(["", f"Military Forces of {country} (2003-)"])
            )
            day = 1 + i % 28
            w.writerow([
                f"SYN{i:07d}", f"2023-{1 + i % 12:02d}-{day:02d}", "2023", str(rnd.choice([1, 1, 1, 2, 3])),
                disorder, etype, sub, actor1, rnd.choice(["", f"Women ({country})"]), "State forces",
                actor2, "", "Civilians" if civ else "", "", "Civilian targeting" if civ else "", iso,
                "Caucasus and Central Asia", country, f"Province {i % 40}", "", "", place, f"{lat:.4f}",
                f"{lon:.4f}", str(rnd.choice([1, 2, 3])), "; ".join(rnd.sample(SOURCES, rnd.choice([1, 2]))),
                "National", f"Synthetic event {i}: something happened near {place}, reportedly.",
                rnd.choice(["", "0", "1", "3", "12"]), "", "1700000000",
            ])  # fmt: skip


def run_stage(stage: str, csv_path: Path, store_dir: Path, rows: int | None, batch: int) -> None:
    """One stage in this process: its ru_maxrss is the stage's own peak (stages run in subprocesses).
    The store stages run what ``conflictgraph ingest --format acled --no-resolve`` runs
    (:func:`loaders.pipeline.ingest`): rows go to the store ``batch`` at a time through ``write_many``
    (one journal fsync per batch)."""
    pipeline.DATASET_BATCH = batch
    gc.collect()
    t0 = time.perf_counter()
    c0 = time.process_time()
    if stage == "parse":
        n = 0
        for n, item in enumerate(read_dataset("acled", csv_path), start=1):
            if isinstance(item, InputError):
                raise item
            if rows is not None and n >= rows:
                break
    else:
        store = NetworkXStore("memory://" if stage == "memory" else str(store_dir))
        report = pipeline.ingest([csv_path], store, fmt="acled", progress=False, resolve=False)
        store.close()
        if report.rejected:
            raise SystemExit(f"rows rejected: {report.rejected[:3]}")
        n = report.written
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is KiB on Linux
    label = {
        "parse": "parse only (read_dataset)",
        "memory": "ingest into memory://",
        "dir": "ingest into store directory",
    }
    print(
        f"{label[stage]:<30} {n:>7} rows  wall {elapsed:6.1f} s {n / elapsed:6.0f} rows/s  "
        f"cpu {cpu:6.1f} s {n / cpu:6.0f} rows/s  peak RSS {rss:6.1f} MiB",
        flush=True,
    )


def traced_parse(csv_path: Path, rows: int) -> None:
    """Python-heap peak while streaming (tracemalloc slows the run; its time is not reported)."""
    tracemalloc.start()
    for n, _ in enumerate(read_dataset("acled", csv_path), start=1):
        if n >= rows:
            break
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{'parse, tracemalloc heap peak':<32} {rows:>7} rows   peak traced {peak / 2**20:7.1f} MiB",
        flush=True,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument(
        "--dir-rows", type=int, default=None, help="rows for the directory store (default: --rows)"
    )
    ap.add_argument("--skip-dir", action="store_true", help="do not measure the directory store")
    ap.add_argument("--batch", type=int, default=1000, help="rows per write_many call (default 1000)")
    ap.add_argument("--stage", choices=("parse", "memory", "dir", "traced"), help=argparse.SUPPRESS)
    ap.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--store-dir", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        if args.stage == "traced":
            traced_parse(args.csv, args.rows)
        else:
            run_stage(args.stage, args.csv, args.store_dir, args.rows, args.batch)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "acled_synthetic.csv"
        generate(csv_path, args.rows)
        print(f"{args.rows} synthetic ACLED rows, {csv_path.stat().st_size / 2**20:.1f} MiB CSV", flush=True)
        stages = [("parse", args.rows, csv_path), ("traced", min(args.rows, 20_000), csv_path)]
        stages.append(("memory", args.rows, csv_path))
        if not args.skip_dir:
            dir_csv = csv_path
            if args.dir_rows and args.dir_rows != args.rows:
                dir_csv = Path(tmp) / "acled_synthetic_dir.csv"
                generate(dir_csv, args.dir_rows)  # the same seed: the first dir_rows rows of the other
            stages.append(("dir", args.dir_rows or args.rows, dir_csv))
        for stage, rows, path in stages:
            cmd = [sys.executable, __file__, "--stage", stage, "--csv", str(path), "--rows", str(rows)]
            cmd += ["--batch", str(args.batch)]
            cmd += ["--store-dir", str(Path(tmp) / "store")]
            subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
