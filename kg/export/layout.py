"""Node positions for large networks, computed in Python so the browser can skip physics.

``networkx.spring_layout`` is quadratic per iteration (minutes for 10,000 nodes here), so
this is a Fruchterman–Reingold layout whose repulsion is approximated on a grid: each
node is pushed away from the centroids of at most 16×16 cells instead of from every
other node. A weak pull to the centre keeps components together. Seeded, hence
deterministic; positions are rounded to whole pixels.

>>> pos = positions(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
>>> sorted(pos) == ["a", "b", "c"] and all(isinstance(v, int) for p in pos.values() for v in p)
True
>>> pos == positions(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

EDGE_PIXELS = 150.0  # the ideal edge length, in pixels
MAX_CELLS = 16  # the repulsion grid has at most MAX_CELLS² cells


def _cells(pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mass (node count) and mass centre of every non-empty cell of a square grid."""
    cells = int(np.clip(np.sqrt(len(pos)) / 2, 2, MAX_CELLS))
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.maximum(high - low, 1e-9)
    index = np.minimum((pos - low) / span * cells, cells - 1).astype(int)
    flat = index[:, 0] * cells + index[:, 1]
    mass = np.bincount(flat, minlength=cells * cells).astype(float)
    filled = mass > 0
    centres = np.stack([np.bincount(flat, pos[:, d], cells * cells) for d in (0, 1)], axis=1)
    return mass[filled].astype(np.float32), (centres[filled] / mass[filled, None]).astype(np.float32)


def _repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    """Repulsion of every node from the mass centres of the grid cells (float32 inside)."""
    mass, centres = _cells(pos)
    cx, cy, floor = centres[None, :, 0], centres[None, :, 1], np.float32(0.01 * k * k)
    force = np.empty_like(pos)
    for start in range(0, len(pos), 4096):  # chunks bound the memory to ~4096 × 256 pairs
        part = pos[start:start + 4096].astype(np.float32)
        dx, dy = part[:, :1] - cx, part[:, 1:] - cy
        weight = dx * dx
        weight += dy * dy
        np.maximum(weight, floor, out=weight)
        np.divide(mass, weight, out=weight)
        force[start:start + 4096] = part * weight.sum(axis=1)[:, None] - weight @ centres
    return force * k * k


def _attraction(pos: np.ndarray, edges: np.ndarray, k: float) -> np.ndarray:
    force = np.zeros_like(pos)
    if len(edges) == 0:
        return force
    delta = pos[edges[:, 0]] - pos[edges[:, 1]]
    pull = delta * (np.linalg.norm(delta, axis=1) / k)[:, None]
    for d in (0, 1):  # bincount sums per node, much faster than np.add.at
        force[:, d] = (np.bincount(edges[:, 1], pull[:, d], len(pos))
                       - np.bincount(edges[:, 0], pull[:, d], len(pos)))
    return force


def force_layout(count: int, edges: np.ndarray, seed: int = 7, iterations: int = 80) -> np.ndarray:
    """Positions (count × 2, in units of the ideal edge length) for integer edge pairs."""
    rng = np.random.default_rng(seed)
    scale = np.sqrt(max(count, 1))
    pos = rng.uniform(-scale, scale, size=(count, 2))
    k, temperature = 1.0, scale / 4
    for step in range(iterations):
        disp = _repulsion(pos, k) + _attraction(pos, edges, k) - 0.5 * pos
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        cap = temperature * (1 - step / iterations) + 0.01
        pos += disp * (np.minimum(length, cap) / length)[:, None]
    return pos


def positions(nodes: Sequence[str], edges: Sequence[tuple[str, str]],
              seed: int = 7) -> dict[str, tuple[int, int]]:
    """Pixel positions for named nodes; edges between unknown nodes are ignored."""
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b]
    array = np.array(pairs, dtype=int).reshape(-1, 2)
    pos = force_layout(len(nodes), array, seed) * EDGE_PIXELS
    return {node: (int(round(x)), int(round(y))) for node, (x, y) in zip(nodes, pos.tolist())}
