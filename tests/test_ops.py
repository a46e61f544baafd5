"""histkg's array ops: NumPy's matrix product, the same results as thinc's."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import NumpyOps

from kg.annotate.ops import HistkgOps, one_thread


@pytest.mark.parametrize("trans1, trans2", [(False, False), (True, False), (False, True), (True, True)])
def test_gemm_equals_thincs(trans1, trans2):
    rng = numpy.random.default_rng(7)
    x = rng.random((6, 6), dtype="float32")
    y = rng.random((6, 6), dtype="float32")
    ours = HistkgOps().gemm(x, y, trans1=trans1, trans2=trans2)
    theirs = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert numpy.allclose(ours, theirs, atol=1e-5) and ours.dtype == numpy.float32


def test_gemm_writes_into_out():
    out = numpy.zeros((2, 2), dtype="float32")
    result = HistkgOps().gemm(numpy.eye(2, dtype="float32"), numpy.full((2, 2), 3, dtype="float32"), out=out)
    assert result is out and out.tolist() == [[3.0, 3.0], [3.0, 3.0]]


def test_the_model_runs_on_histkg_ops(nlp):
    assert isinstance(nlp.get_pipe("ner").model.ops, HistkgOps)


def test_one_thread_limits_blas_only_inside_the_block():
    from threadpoolctl import threadpool_info

    with one_thread():
        assert all(p["num_threads"] == 1 for p in threadpool_info() if p["user_api"] == "blas")
