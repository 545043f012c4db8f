"""libFuzzer (atheris) harness over the file and dataset loaders; run by tests/reliability/test_fuzz.py.

    python tests/reliability/atheris_loaders.py -runs=3000 -max_total_time=60

The first input byte picks the loader (an article extension or a dataset format), the rest is the
file. Anything but articles, graphs, Skipped and the documented :class:`InputError` items (or a raised
:class:`ConflictGraphError`) is a crash that libFuzzer reports with the input that caused it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

TARGETS = (
    ".txt", ".md", ".json", ".jsonl", ".html", ".rss", ".atom",
    "acled", "ucdp", "gdelt", "gdelt-mentions",
)  # fmt: skip


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["loaders"]):
        from graph.errors import ConflictGraphError, InputError
        from graph.model import Article, ArticleGraph
        from loaders.datasets import read_dataset
        from loaders.sources import Skipped, read_file

    workdir = Path(os.environ.get("FUZZ_WORKDIR") or tempfile.mkdtemp())

    def one_input(data: bytes) -> None:
        if not data:
            return
        target = TARGETS[data[0] % len(TARGETS)]
        ext = target if target.startswith(".") else ".csv"
        path = workdir / f"fuzz{ext}"
        path.write_bytes(data[1:])
        try:
            if target.startswith("."):
                for item in read_file(path):
                    assert isinstance(item, Article | InputError | Skipped), type(item)
            else:
                for row in read_dataset(target, path):
                    assert isinstance(row, ArticleGraph | InputError), type(row)
        except ConflictGraphError:
            pass

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
