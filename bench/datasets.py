"""Throughput of the dataset loaders into the embedded store: rows/s and peak memory.

Generates N synthetic rows (invented values: ACLED in the current column layout, UCDP GED in the
release's columns, GDELT 2.0 events as 61 tab-separated columns) into a temporary file, then times,
each in its own process so each peak RSS is its own: parsing alone (``read_dataset``), and the ingest
users run (``loaders.pipeline.ingest``, as ``conflictgraph ingest --format FMT`` without the resolution
pass: rows written ``--batch`` at a time through ``write_many``, one journal fsync each) into
``memory://`` and into a store directory. Rates are given per wall-clock second and per CPU second of
the process (on a shared machine the CPU rate is the comparable one), counting the rows of the file
(GDELT: every event row read, whether its code is kept or not). A separate parse run under tracemalloc
prints the Python-heap peak (its time is not reported: tracemalloc slows Python several-fold).

    python bench/datasets.py                       # 100,000 ACLED rows
    python bench/datasets.py --rows 20000 --format ucdp
    python bench/datasets.py --format all --skip-dir
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
from loaders.datasets.gdelt import EVENT_COLUMNS  # noqa: E402
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


# The UCDP GED CSV release's columns, in its order (UCDP GED codebook).
UCDP_HEADER = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "gwnoa", "gwnob",
]  # fmt: skip
UCDP_COUNTRIES = [("Azerbaijan", "373"), ("Armenia", "371"), ("Sudan", "625"), ("Ukraine", "369")]
UCDP_OFFICES = ["Reuters", "AFP", "BBC News", "Radio Dabanga", "Sudan Tribune", "Kyiv Independent"]


def generate_ucdp(path: Path, rows: int, seed: int = 7) -> None:
    """Synthetic UCDP GED rows: the three types of violence, every where_prec and date_prec, one to
    three source offices with their dates, death counts with some cells empty."""
    rnd = random.Random(seed)
    places = [(f"Village {i}", 10 + rnd.random() * 35, 25 + rnd.random() * 25) for i in range(2000)]
    groups = [f"Armed Group {i}" for i in range(60)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(UCDP_HEADER)
        for i in range(rows):
            country, gw = rnd.choice(UCDP_COUNTRIES)
            tov = rnd.choice([1, 1, 2, 3])
            side_a = f"Government of {country}" if tov != 2 else rnd.choice(groups)
            side_b = "Civilians" if tov == 3 else rnd.choice(groups)
            place, lat, lon = rnd.choice(places)
            month, day = 1 + i % 12, 1 + i % 28
            span = rnd.choice([0, 0, 0, 1, 6])
            start = f"2023-{month:02d}-{day:02d}"
            end = f"2023-{month:02d}-{min(28, day + span):02d}"
            offices = rnd.sample(UCDP_OFFICES, rnd.choice([1, 1, 2, 3]))
            dates = ";".join(f"2023-{month:02d}-{min(28, day + 2):02d}" for _ in offices)
            heads = ";".join(f"Fighting near {place}, report {i}" for _ in offices)
            deaths = [rnd.choice([0, 0, 1, 2, 5]) for _ in range(4)]
            best = sum(deaths)
            w.writerow([
                str(500000 + i), f"SYN-2023-{tov}-{i}", "2023", "1", "Clear", str(tov), str(900 + tov),
                str(900 + tov), f"{country}: {side_b}", str(9000 + tov), str(9000 + tov),
                f"{side_a} - {side_b}", "1", "1", side_a, "2", "2", side_b, str(len(offices)),
                f'{offices[0]},{dates[:10]},"Fighting near {place}, report {i}"', ";".join(offices), dates,
                heads, rnd.choice(["", "local residents", "Ministry of Defence"]), str(rnd.randint(1, 7)),
                f"{place} village", f"in and around {place}", f"Province {i % 30}", "",
                f"{lat:.4f}", f"{lon:.4f}", f"POINT ({lon:.4f} {lat:.4f})", str(180000 + i % 5000),
                country, gw, "Africa", str(rnd.choice([1, 2])), str(rnd.randint(1, 5)),
                f"{start} 00:00:00.000", f"{end} 00:00:00.000",
                *(str(d) if rnd.random() > 0.05 else "" for d in deaths), str(best), str(best + 3),
                str(best), gw, "",
            ])  # fmt: skip


GDELT_ACTORS = [
    # code, name, country, type1
    ("AZEMIL", "AZERBAIJAN", "AZE", "MIL"), ("ARMGOV", "ARMENIA", "ARM", "GOV"),
    ("AZE", "AZERBAIJAN", "AZE", ""), ("RUSMIL", "RUSSIA", "RUS", "MIL"), ("UKR", "UKRAINE", "UKR", ""),
    ("SDNREB", "SUDAN", "SDN", "REB"), ("CVL", "CIVILIAN", "", "CVL"), ("", "", "", ""),
]  # fmt: skip
# Kept codes (accusations, denials, material conflict) and a share of others that only --all-codes keeps.
GDELT_CODES = ["1121", "1123", "112", "016", "190", "193", "194", "195", "180", "183", "200", "042", "051"]


def generate_gdelt(path: Path, rows: int, seed: int = 7) -> None:
    """Synthetic GDELT 2.0 event rows (61 tab-separated columns, no header): accusations, denials,
    material conflict and some codes the loader skips; empty actors; a few thousand source URLs."""
    rnd = random.Random(seed)
    places = [(f"Town {i}", rnd.choice(["Azerbaijan", "Armenia", "Ukraine", "Sudan"]), 38 + rnd.random() * 5,
               43 + rnd.random() * 6) for i in range(2000)]  # fmt: skip
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for i in range(rows):
            day = f"2023{1 + i % 12:02d}{1 + i % 28:02d}"
            code = rnd.choice(GDELT_CODES)
            row = dict.fromkeys(EVENT_COLUMNS, "")
            row.update(
                GLOBALEVENTID=str(1_100_000_000 + i), SQLDATE=day, MonthYear=day[:6], Year=day[:4],
                FractionDate="2023.5", IsRootEvent="1", EventCode=code, EventBaseCode=code[:3],
                EventRootCode=code[:2], QuadClass="4", GoldsteinScale="-10.0", NumMentions="4",
                NumSources="2", NumArticles="4", AvgTone="-6.25", DATEADDED=day + "120000",
                SOURCEURL=f"https://news{i % 50}.example.org/{day}/story-{rnd.randrange(5000)}",
            )  # fmt: skip
            for side in ("Actor1", "Actor2"):
                acode, name, country, type1 = rnd.choice(GDELT_ACTORS)
                row.update({f"{side}Code": acode, f"{side}Name": name, f"{side}CountryCode": country,
                            f"{side}Type1Code": type1})  # fmt: skip
            place, country_name, lat, lon = rnd.choice(places)
            row.update(
                ActionGeo_Type="4", ActionGeo_FullName=f"{place}, {country_name}", ActionGeo_CountryCode="AJ",
                ActionGeo_Lat=f"{lat:.4f}", ActionGeo_Long=f"{lon:.4f}", ActionGeo_FeatureID=str(-i % 99991),
            )  # fmt: skip
            fh.write("\t".join(row[c] for c in EVENT_COLUMNS) + "\n")


GENERATORS = {"acled": generate, "ucdp": generate_ucdp, "gdelt": generate_gdelt}
SUFFIX = {"acled": "csv", "ucdp": "csv", "gdelt": "export.CSV"}


def run_stage(stage: str, fmt: str, path: Path, store_dir: Path, rows: int, batch: int) -> None:
    """One stage in this process: its ru_maxrss is the stage's own peak (stages run in subprocesses).
    The store stages run what ``conflictgraph ingest --format FMT --no-resolve`` runs
    (:func:`loaders.pipeline.ingest`): rows go to the store ``batch`` at a time through ``write_many``
    (one journal fsync per batch). ``rows`` is the number of rows in the file, the rates' unit."""
    pipeline.DATASET_BATCH = batch
    gc.collect()
    t0 = time.perf_counter()
    c0 = time.process_time()
    if stage == "parse":
        graphs = 0
        for item in read_dataset(fmt, path):
            if isinstance(item, InputError):
                raise item
            graphs += 1  # noqa: SIM113 - a count of graphs, not an index
    else:
        store = NetworkXStore("memory://" if stage == "memory" else str(store_dir))
        report = pipeline.ingest([path], store, fmt=fmt, progress=False, resolve=False)
        store.close()
        if report.rejected:
            raise SystemExit(f"rows rejected: {report.rejected[:3]}")
        graphs = report.written
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is KiB on Linux
    label = {
        "parse": "parse only (read_dataset)",
        "memory": "ingest into memory://",
        "dir": "ingest into store directory",
    }
    kept = f"  ({graphs} graphs)" if graphs != rows else ""
    print(
        f"{label[stage]:<30} {rows:>7} rows  wall {elapsed:6.1f} s {rows / elapsed:6.0f} rows/s  "
        f"cpu {cpu:6.1f} s {rows / cpu:6.0f} rows/s  peak RSS {rss:6.1f} MiB{kept}",
        flush=True,
    )


def traced_parse(fmt: str, path: Path, rows: int) -> None:
    """Python-heap peak while streaming (tracemalloc slows the run; its time is not reported)."""
    tracemalloc.start()
    for n, _ in enumerate(read_dataset(fmt, path), start=1):
        if n >= rows:
            break
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{'parse, tracemalloc heap peak':<32} {rows:>7} rows   peak traced {peak / 2**20:7.1f} MiB",
        flush=True,
    )


def bench_format(fmt: str, args: argparse.Namespace, tmp: Path) -> None:
    data = tmp / f"{fmt}_synthetic.{SUFFIX[fmt]}"
    GENERATORS[fmt](data, args.rows)
    print(f"{args.rows} synthetic {fmt.upper()} rows, {data.stat().st_size / 2**20:.1f} MiB", flush=True)
    stages = [
        ("parse", args.rows, data),
        ("traced", min(args.rows, 20_000), data),
        ("memory", args.rows, data),
    ]
    if not args.skip_dir:
        dir_data = data
        if args.dir_rows and args.dir_rows != args.rows:
            dir_data = tmp / f"{fmt}_synthetic_dir.{SUFFIX[fmt]}"
            GENERATORS[fmt](dir_data, args.dir_rows)  # the same seed: the first dir_rows rows of the other
        stages.append(("dir", args.dir_rows or args.rows, dir_data))
    for stage, rows, path in stages:
        cmd = [sys.executable, __file__, "--stage", stage, "--format", fmt, "--data", str(path)]
        cmd += ["--rows", str(rows), "--batch", str(args.batch)]
        cmd += ["--store-dir", str(tmp / f"{fmt}_store")]
        subprocess.run(cmd, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--format", choices=(*GENERATORS, "all"), default="acled", help="default acled")
    ap.add_argument(
        "--dir-rows", type=int, default=None, help="rows for the directory store (default: --rows)"
    )
    ap.add_argument("--skip-dir", action="store_true", help="do not measure the directory store")
    ap.add_argument("--batch", type=int, default=1000, help="rows per write_many call (default 1000)")
    ap.add_argument("--stage", choices=("parse", "memory", "dir", "traced"), help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--store-dir", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        if args.stage == "traced":
            traced_parse(args.format, args.data, args.rows)
        else:
            run_stage(args.stage, args.format, args.data, args.store_dir, args.rows, args.batch)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in GENERATORS if args.format == "all" else (args.format,):
            bench_format(fmt, args, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
