"""Gradient clipping and the optimisers SGD and Adam, step for step as torch's, for dicts of numpy arrays.

The optimisers update the arrays in place: the model that holds them in its `params` sees the new values."""

import numpy as np

from rnnbook._checks import positive


def clip_gradients(grads, max_norm):
    """Scale the arrays of `grads` (a dict) in place so that their global L2 norm is at most max_norm, as
    torch does: by max_norm / (norm + 1e-6), capped at 1. Returns the norm before clipping."""
    max_norm = positive("max_norm", max_norm)
    norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
    scale = min(1.0, max_norm / (norm + 1e-6))
    for g in grads.values():
        g *= scale
    return norm


class SGD:
    """Plain stochastic gradient descent: p -= lr * g for every parameter p in params (a dict), in place."""

    def __init__(self, params, lr):
        self.params = params
        self.lr = positive("lr", lr)

    def step(self, grads):  # grads: a dict with (at least) the keys of params
        for name, p in self.params.items():
            p -= self.lr * grads[name]


class Adam:
    """Adam (Kingma and Ba, 2015), as `torch.optim.Adam`: for every parameter p in params, in place,
    m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  p -= lr / (1 - b1^t) m / (sqrt(v / (1 - b2^t)) + eps)"""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.params = params
        self.lr = positive("lr", lr)
        self.betas = betas
        self.eps = positive("eps", eps)
        self.t = 0
        self.m = {name: np.zeros_like(p) for name, p in params.items()}
        self.v = {name: np.zeros_like(p) for name, p in params.items()}

    def step(self, grads):
        b1, b2 = self.betas
        self.t += 1
        for name, p in self.params.items():
            g = grads[name]
            self.m[name] = b1 * self.m[name] + (1 - b1) * g
            self.v[name] = b2 * self.v[name] + (1 - b2) * g * g
            denom = np.sqrt(self.v[name]) / np.sqrt(1 - b2**self.t) + self.eps
            p -= (self.lr / (1 - b1**self.t)) * self.m[name] / denom
