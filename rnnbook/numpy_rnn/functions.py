"""The squashing functions and the loss: sigmoid, softmax, softmax cross-entropy (with its gradient)."""

import numpy as np


def sigmoid(x):
    """The logistic function 1 / (1 + exp(-x)), elementwise, as (1 + tanh(x / 2)) / 2: it never overflows."""
    return 0.5 + 0.5 * np.tanh(0.5 * np.asarray(x, dtype=np.float64))


def softmax(logits, axis=-1):
    """Probabilities exp(z) / sum(exp(z)) along `axis` (minus the maximum first: nothing overflows)."""
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax_cross_entropy(logits, targets, ignore_index=None):
    """Mean cross-entropy of softmax(logits) against integer targets, and its gradient, as torch's.

    logits: (..., V) scores; targets: (...) ints in [0, V); positions whose target is `ignore_index` count
    neither in the loss nor in the mean. Returns (loss, dlogits): the mean loss and dloss/dlogits (..., V)."""
    z = np.asarray(logits, dtype=np.float64)
    targets = np.asarray(targets)
    keep = np.ones(targets.shape, dtype=bool) if ignore_index is None else targets != ignore_index  # (...)
    count = keep.sum()
    safe = np.where(keep, targets, 0)  # any valid index where the target is ignored (masked out below)
    shifted = z - z.max(axis=-1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))  # (..., V) log-probabilities
    picked = np.take_along_axis(logp, safe[..., None], axis=-1)[..., 0]  # (...) log p(target)
    loss = -(picked * keep).sum() / count
    one_hot = np.zeros_like(logp)  # (..., V)
    np.put_along_axis(one_hot, safe[..., None], 1.0, axis=-1)
    dlogits = (np.exp(logp) - one_hot) * (keep[..., None] / count)  # (..., V): (p - y) / count
    return float(loss), dlogits
