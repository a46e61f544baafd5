"""histkg: historical documents → a knowledge graph you can query, explore and cite."""

from __future__ import annotations

__version__ = "0.1.0"
