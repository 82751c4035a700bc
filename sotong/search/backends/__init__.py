"""Search backends, chosen by name from settings (``SOTONG_SEARCH_BACKEND``).

Like django-modelsearch's ``get_search_backend``: the caller names a backend and gets an object
with the ``SearchBackend`` interface; the engine's module is imported only when it is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sotong.search.backends.base import SearchBackend
from sotong.search.errors import UNKNOWN_BACKEND, SearchError

__all__ = ["BACKEND_NAMES", "SearchBackend", "get_search_backend"]


def _tantivy(path: Path) -> SearchBackend:
    from sotong.search.backends.tantivy_backend import TantivyBackend

    return TantivyBackend(path)


def _postgres(path: Path) -> SearchBackend:
    # The index lives in the database; ``path`` (the embedded index folder) is not used.
    from sotong.search.backends.postgres_backend import PostgresBackend

    return PostgresBackend()


_FACTORIES: dict[str, Callable[[Path], SearchBackend]] = {"tantivy": _tantivy, "postgres": _postgres}
BACKEND_NAMES: tuple[str, ...] = tuple(_FACTORIES)


def get_search_backend(name: str, *, path: Path) -> SearchBackend:
    """The backend called ``name``; ``path`` is where an embedded engine keeps its index."""
    factory = _FACTORIES.get(name.strip().lower())
    if factory is None:
        raise SearchError(UNKNOWN_BACKEND, field="name", name=name, choices=", ".join(BACKEND_NAMES))
    return factory(Path(path))
