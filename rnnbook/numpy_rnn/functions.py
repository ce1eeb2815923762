"""Softmax and softmax cross-entropy in numpy, with exact gradients."""

import numbers

import numpy as np


def _check_logits(logits):
    """Return logits as a finite float64 array of at least one dimension, or raise a clear error."""
    if isinstance(logits, (str, bytes)):
        raise TypeError(f"logits must be a real numeric array; got {type(logits).__name__}")
    try:
        array = np.asarray(logits)
    except ValueError as error:  # ragged nested lists
        raise ValueError("logits must be a rectangular real array; got a ragged nested list") from error
    if array.dtype == object or not np.issubdtype(array.dtype, np.number) or np.iscomplexobj(array):
        raise TypeError(f"logits must be a real numeric array; got dtype {array.dtype}")
    if array.ndim == 0 or array.shape[-1] == 0:
        raise ValueError(f"logits must have shape (..., V) with V >= 1; got {array.shape}")
    array = array.astype(np.float64)
    if not np.isfinite(array).all():
        raise ValueError("logits must be finite; got NaN or inf")
    return array


def _check_axis(axis, ndim):
    """Return axis as an int in [-ndim, ndim), or raise a clear error."""
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"axis must be an int; got {type(axis).__name__} {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis must be in [{-ndim}, {ndim}) for logits of {ndim} dimensions; got {axis}")
    return int(axis)


def softmax(logits, axis=-1):
    """Probabilities exp(z) / sum(exp(z)) along `axis`, computed stably (the max is subtracted first).

    logits: finite real array of any shape; the result has the same shape and sums to 1 along `axis`.
    """
    z = _check_logits(logits)
    axis = _check_axis(axis, z.ndim)
    shifted = z - z.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    """Log-probabilities z - log(sum(exp(z))) along `axis`, computed stably.

    logits: finite real array of any shape; the result has the same shape.
    """
    z = _check_logits(logits)
    axis = _check_axis(axis, z.ndim)
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax_cross_entropy(logits, targets, ignore_index=None):
    """Mean cross-entropy of softmax(logits) against integer targets, and its gradient.

    logits: (..., V) finite real scores; targets: (...) integers in [0, V), the same leading shape.
    ignore_index: optional integer; positions whose target equals it add nothing to the loss and are not
    counted in the mean (like torch's `ignore_index`); at least one position must remain.
    Returns (loss, dlogits): loss a float (the mean over the counted positions, like
    `torch.nn.functional.cross_entropy`), dlogits (..., V) the exact gradient of loss with respect to logits.
    """
    z = _check_logits(logits)
    try:
        y = np.asarray(targets)
    except ValueError as error:  # ragged nested lists
        raise ValueError("targets must be a rectangular integer array; got a ragged nested list") from error
    if not np.issubdtype(y.dtype, np.integer):
        raise TypeError(f"targets must be an integer array; got dtype {y.dtype}")
    if y.shape != z.shape[:-1]:
        raise ValueError(
            f"targets must have shape {z.shape[:-1]} (logits without the last axis); got {y.shape}"
        )
    if y.size == 0:
        raise ValueError(f"targets must hold at least one position; got shape {y.shape}")
    if ignore_index is not None and (isinstance(ignore_index, bool)
                                     or not isinstance(ignore_index, numbers.Integral)):
        got = f"{type(ignore_index).__name__} {ignore_index!r}"
        raise TypeError(f"ignore_index must be an int or None; got {got}")
    V = z.shape[-1]
    keep = np.ones(y.shape, dtype=bool) if ignore_index is None else (y != ignore_index)
    if not keep.any():
        raise ValueError("targets holds no position to score: every target equals ignore_index")
    bad = keep & ((y < 0) | (y >= V))
    if bad.any():
        raise ValueError(f"targets must lie in [0, {V}) (V = logits.shape[-1]); got {y[bad].flat[0]}")
    count = keep.sum()
    y_safe = np.where(keep, y, 0)  # any valid index; these positions are masked out below

    logp = log_softmax(z)  # (..., V)
    picked = np.take_along_axis(logp, y_safe[..., None], axis=-1)[..., 0]  # (...)
    loss = -(picked * keep).sum() / count

    one_hot = np.zeros_like(logp)  # (..., V)
    np.put_along_axis(one_hot, y_safe[..., None], 1.0, axis=-1)
    dlogits = (np.exp(logp) - one_hot) * (keep[..., None] / count)  # (..., V)
    return float(loss), dlogits
