"""kg: turn English news articles into a knowledge graph of political actors."""

from __future__ import annotations

__version__ = "0.1.0"
