"""The one exception tree of conflictgraph.

    ConflictGraphError
    ├── ValidationError(ConflictGraphError, ValueError)   bad model value or edge endpoint
    ├── NotFound(ConflictGraphError, LookupError)          an id or name that is not in the store
    ├── InputError(ConflictGraphError, ValueError)         a bad input file, record or row
    ├── StoreError(ConflictGraphError, RuntimeError)       the store failed
    │   ├── StoreUnavailable                               cannot connect / authenticate
    │   └── WriteRefused                                   a read-only Cypher query tried to write
    └── ModelIntegrityError(ConflictGraphError, RuntimeError)  the NLP pipeline is not the pinned one

Every message names the offending value and, where there is a closed set, the allowed values.
"""

from __future__ import annotations


class ConflictGraphError(Exception):
    """Base of every error conflictgraph raises on purpose."""


class ValidationError(ConflictGraphError, ValueError):
    """A model value or an edge endpoint is not allowed."""


class NotFound(ConflictGraphError, LookupError):
    """An id or name is not in the store."""


class InputError(ConflictGraphError, ValueError):
    """A bad input: the message names the file (and line or row) and the problem."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class StoreError(ConflictGraphError, RuntimeError):
    """The store failed to read or write."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or refused the credentials."""


class WriteRefused(StoreError):
    """A query run read-only would write; pass write=True (CLI: --write) to allow it."""


class ModelIntegrityError(ConflictGraphError, RuntimeError):
    """The installed spaCy pipeline is not the pinned en_core_web_sm 3.8.0."""
