"""The array backend histkg runs the model with: thinc's NumPy ops, matrix products by
NumPy's BLAS on one thread.

spaCy's default CPU ops multiply with ``blis``; on the machines we measured (x86-64 with
AVX2/AVX-512) NumPy's OpenBLAS does the same single-threaded products 3× faster, and the
model's embedding and CNN layers are mostly such products. The results are the same
analyses (checked on 40,000 words: identical entities, tags and trees). One thread per
process, so that ``-j N`` is what sets the parallelism; the limit holds only while histkg
runs the model (:func:`one_thread`), not in the rest of a notebook's process.

>>> import numpy
>>> HistkgOps().gemm(numpy.ones((2, 3), "f"), numpy.ones((3, 4), "f")).tolist()[0]
[3.0, 3.0, 3.0, 3.0]
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import numpy
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits


class HistkgOps(NumpyOps):
    """NumPy ops whose ``gemm`` is ``numpy.matmul``."""

    name = "histkg_numpy"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        """``x @ y`` (either transposed), into ``out`` when given."""
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def one_thread() -> AbstractContextManager:
    """Limit BLAS to one thread for the duration of a ``with`` block."""
    return threadpool_limits(limits=1, user_api="blas")
