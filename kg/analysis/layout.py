"""Positions of the actor graph for drawing, computed in Python.

:func:`layout` places the actors with a force-directed (Fruchterman–Reingold)
layout: networkx's :func:`~networkx.spring_layout` up to :data:`DENSE_UP_TO`
actors, and above that the same algorithm in chunked numpy (networkx's own
large-graph path needs scipy, which kg does not depend on). Both are seeded, so a
graph always gets the same picture, and the view ships the positions to the
browser instead of running its physics on thousands of actors.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

#: Up to this many actors the layout is networkx's spring_layout.
DENSE_UP_TO = 500
_CHUNK = 512  # rows of the repulsion matrix computed at once (memory bound)


def _force_layout(
    G: nx.Graph, *, iterations: int, seed: int
) -> dict[Hashable, tuple[float, float]]:
    """Fruchterman–Reingold in numpy: repulsion by chunks of rows, edges attract
    (``G`` comes from :func:`layout`, without self-loops)."""
    nodes = list(G.nodes)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    x, y = rng.random(n, dtype=np.float32), rng.random(n, dtype=np.float32)
    edges = np.array(
        [(index[u], index[v]) for u, v in G.edges],
        dtype=int,  # no self-loops
    ).reshape(-1, 2)
    src, dst = edges[:, 0], edges[:, 1]
    k2 = np.float32(1.0 / n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx_all, dy_all = np.empty(n, np.float32), np.empty(n, np.float32)
        for start in range(0, n, _CHUNK):
            stop = min(start + _CHUNK, n)
            dx = x[start:stop, None] - x[None, :]
            dy = y[start:stop, None] - y[None, :]
            f = k2 / np.maximum(dx * dx + dy * dy, np.float32(1e-6))
            dx_all[start:stop] = (dx * f).sum(axis=1)
            dy_all[start:stop] = (dy * f).sum(axis=1)
        if len(edges):  # attraction d^2 / k along each edge
            ex, ey = x[src] - x[dst], y[src] - y[dst]
            d = np.sqrt(ex * ex + ey * ey) * np.float32(math.sqrt(n))
            np.add.at(dx_all, src, -ex * d)
            np.add.at(dy_all, src, -ey * d)
            np.add.at(dx_all, dst, ex * d)
            np.add.at(dy_all, dst, ey * d)
        length = np.maximum(np.sqrt(dx_all * dx_all + dy_all * dy_all), 1e-9)
        step = np.minimum(length, temperature) / length
        x += dx_all * step
        y += dy_all * step
        temperature -= cooling
    x -= x.mean()
    y -= y.mean()
    pos = np.stack([x, y], axis=1)
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, pos, strict=True)}


def layout(
    G: nx.Graph, *, scale: float | None = None, seed: int = 7, iterations: int = 50
) -> dict[Hashable, tuple[float, float]]:
    """Seeded force-directed positions of the nodes, in pixels around (0, 0).

    Args:
        G: Any networkx graph (directions and parallel edges are ignored).
        scale: Half the width of the drawing; default grows with the square root
            of the number of nodes (about 45 px per node on each axis).
        seed: Random seed of the starting positions.
        iterations: Steps of the force simulation.

    Returns:
        Node -> ``(x, y)`` rounded to tenths of a pixel.

    Examples:
        >>> pos = layout(nx.path_graph(3))
        >>> sorted(pos) == [0, 1, 2] and pos == layout(nx.path_graph(3))
        True
    """
    n = G.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(G.nodes)): (0.0, 0.0)}
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    if n <= DENSE_UP_TO:
        raw = nx.spring_layout(U, seed=seed, iterations=iterations)
    else:
        raw = _force_layout(U, iterations=iterations, seed=seed)
    scale = scale if scale is not None else 45.0 * math.sqrt(n) + 150.0
    span = float(max(max(abs(c) for xy in raw.values() for c in xy), 1e-9))
    return {
        v: (round(float(x) / span * scale, 1), round(float(y) / span * scale, 1))
        for v, (x, y) in raw.items()
    }


__all__ = ["DENSE_UP_TO", "layout"]
