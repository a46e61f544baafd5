"""histkg: historical documents → a knowledge graph you can query, explore and cite.

The Python API (for notebooks) is :func:`build_graph` and :class:`Graph`, loaded on first
use so that ``import kg`` stays light::

    import kg
    graph = kg.build_graph(["seeds"])
    graph.entities, graph.relations, graph.sparql("..."), graph.show()

(``kg.run.build`` is the pipeline module, hence the name ``build_graph``.)
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Graph", "build_graph", "__version__"]
_API = {"Graph", "build_graph"}


def __getattr__(name: str) -> Any:
    """Load the API names lazily (PEP 562)."""
    if name in _API:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _API)
