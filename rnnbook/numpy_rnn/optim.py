"""Gradient clipping and two optimisers (SGD with momentum, Adam) for dicts of numpy arrays.

They follow `torch.nn.utils.clip_grad_norm_`, `torch.optim.SGD` and `torch.optim.Adam` step for step, so the
same numbers give the same updates. Parameters are updated in place: a model that keeps its weights in a
`params` dict sees the new values at once.
"""

import numbers

import numpy as np

from .base import as_real_array


def _check_array_dict(arrays, name):
    """Raise a clear error unless `arrays` is a non-empty dict of float numpy arrays."""
    if not isinstance(arrays, dict) or not arrays:
        raise TypeError(f"{name} must be a non-empty dict of numpy arrays; got {type(arrays).__name__}")
    for key, value in arrays.items():
        if not isinstance(value, np.ndarray):
            raise TypeError(f"{name}[{key!r}] must be a float numpy array; got {type(value).__name__}")
        if not np.issubdtype(value.dtype, np.floating):
            raise TypeError(f"{name}[{key!r}] must be a float numpy array; got dtype {value.dtype}")


def _check_positive(value, name):
    """Raise a clear error unless `value` is a finite real number > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {type(value).__name__}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {value}")


def _is_fraction(value):
    """True when `value` is a real number in [0, 1) (not a bool)."""
    return not isinstance(value, bool) and isinstance(value, numbers.Real) and 0 <= value < 1


def clip_gradients(grads, max_norm):
    """Scale all gradients in place so that their global L2 norm is at most `max_norm`.

    grads: dict of float arrays (any shapes), modified in place; max_norm: number > 0.
    Returns the global norm before clipping, sqrt(sum of squares over every array), as a float.
    Like `torch.nn.utils.clip_grad_norm_`, the scale is max_norm / (norm + 1e-6), capped at 1.
    """
    _check_array_dict(grads, "grads")
    _check_positive(max_norm, "max_norm")
    for key, g in grads.items():
        if not np.isfinite(g).all():
            raise ValueError(f"grads[{key!r}] must be finite; got NaN or inf (the training has diverged)")
    total_norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
    scale = min(1.0, max_norm / (total_norm + 1e-6))
    for g in grads.values():
        g *= scale
    return total_norm


class Optimizer:
    """What SGD and Adam share: the parameters they update and a check of the gradients they get."""

    def __init__(self, params, lr):
        _check_array_dict(params, "params")
        _check_positive(lr, "lr")
        self.params = params
        self.lr = float(lr)

    def _checked(self, grads):
        """Return grads restricted to the parameters' keys, as finite float64 arrays of the params' shapes."""
        if not isinstance(grads, dict):
            raise TypeError(f"grads must be a dict of numpy arrays; got {type(grads).__name__}")
        missing = [key for key in self.params if key not in grads]
        if missing:
            raise ValueError(f"grads is missing the parameters {missing}; it has {sorted(grads)}")
        return {key: as_real_array(f"grads[{key!r}]", grads[key], p.shape) for key, p in self.params.items()}

    def step(self, grads):
        """Update every parameter in place from `grads` (a dict holding at least the parameters' keys)."""
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent with optional momentum, as `torch.optim.SGD`.

    params: dict of float arrays, updated in place; lr > 0; momentum in [0, 1).
    With momentum m: buf = m * buf + g (buf = g at the first step), p -= lr * buf.
    """

    def __init__(self, params, lr, momentum=0.0):
        super().__init__(params, lr)
        if not _is_fraction(momentum):
            raise ValueError(f"momentum must be a number in [0, 1); got {momentum!r}")
        self.momentum = float(momentum)
        self.buffers = {}

    def step(self, grads):
        """Apply one SGD step; grads: dict with at least the keys of params (extra keys are ignored)."""
        for key, g in self._checked(grads).items():
            if self.momentum > 0:
                if key in self.buffers:
                    self.buffers[key] = self.momentum * self.buffers[key] + g
                else:
                    self.buffers[key] = g.copy()
                g = self.buffers[key]
            self.params[key] -= self.lr * g


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015), as `torch.optim.Adam` without weight decay.

    params: dict of float arrays, updated in place; lr > 0; betas two numbers in [0, 1); eps > 0.
    m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  p -= lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps).
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2 or not all(map(_is_fraction, betas)):
            raise ValueError(f"betas must be two numbers in [0, 1); got {betas!r}")
        _check_positive(eps, "eps")
        self.betas = (float(betas[0]), float(betas[1]))
        self.eps = float(eps)
        self.t = 0
        self.m = {key: np.zeros_like(p) for key, p in params.items()}
        self.v = {key: np.zeros_like(p) for key, p in params.items()}

    def step(self, grads):
        """Apply one Adam step; grads: dict with at least the keys of params (extra keys are ignored)."""
        grads = self._checked(grads)
        b1, b2 = self.betas
        self.t += 1
        correction1 = 1 - b1**self.t
        correction2 = 1 - b2**self.t
        for key, g in grads.items():
            self.m[key] = b1 * self.m[key] + (1 - b1) * g
            self.v[key] = b2 * self.v[key] + (1 - b2) * g * g
            denom = np.sqrt(self.v[key]) / np.sqrt(correction2) + self.eps
            self.params[key] -= (self.lr / correction1) * self.m[key] / denom
