"""Python's cyclic garbage collector held off while a big result is built (see :class:`CyclicGcPaused`)."""

from __future__ import annotations

import gc
import threading


class CyclicGcPaused:
    """Python's cyclic garbage collector held off while a block runs; nested and thread-safe: it comes
    back, if it was on, when the last block leaves. A class, not a generator-based context manager:
    leaving must allocate nothing, or that allocation runs the collection that was held off over the
    result still in hand.

    For parsing or building a big result: a month's timeline builds ~1,500 incidents of about ten
    tracked containers each (and as many rows, of several dozen), none of them garbage (no cycles;
    they are the result). Their allocation alone triggered some twenty collections per call, and as
    they moved to the older generations a full collection of the whole process heap fell due every few
    calls: in the bench process (180k objects) 29 ms of CPU per call on average, next to ~35 ms for
    the parse itself (bench/queries.py). Reference counting still frees everything as usual; only the
    cycle search waits, and a caller that drops the result before its next collection never pays for
    it.

    >>> import gc
    >>> with CyclicGcPaused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """

    _lock = threading.Lock()
    _depth = 0
    _resume = False

    def __enter__(self) -> None:
        cls = CyclicGcPaused
        with cls._lock:
            if cls._depth == 0:
                cls._resume = gc.isenabled()
                gc.disable()
            cls._depth += 1

    def __exit__(self, *exc: object) -> None:
        cls = CyclicGcPaused
        with cls._lock:
            cls._depth -= 1
            if cls._depth == 0 and cls._resume:
                gc.enable()


CYCLIC_GC_PAUSED = CyclicGcPaused()
