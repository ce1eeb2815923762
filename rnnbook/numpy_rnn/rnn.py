"""The vanilla (Elman) RNN, h = tanh(x W_ih^T + b_ih + h_prev W_hh^T + b_hh): its maths is all in
`rnn_step_forward` and `rnn_step_backward`; the model `RNN` runs them over the time steps (base.py).

The input's votes x W_ih^T + b_ih do not depend on the state, so the model computes them for every step at
once before the loop (`x_votes`); a step adds the state's votes and squashes."""

import numpy as np

from .base import RecurrentModel


def rnn_step_forward(x_votes, h_prev, W_hh, b_hh):
    """One step of the tanh RNN; returns h (B, H) and the cache for `rnn_step_backward`.

    x_votes: (B, H), the input's votes x W_ih^T + b_ih; h_prev: (B, H); W_hh: (H, H); b_hh: (H,)."""
    h = np.tanh(x_votes + h_prev @ W_hh.T + b_hh)  # (B, H)
    cache = {"h_prev": h_prev, "h": h, "W_hh": W_hh}
    return h, cache


def rnn_step_backward(dh, cache):
    """Backward of one step, from dh (B, H), the gradient of the loss with respect to h.

    Returns d_x_votes (B, H), d_h_votes (B, H), the gradient of the state's votes h_prev W_hh^T + b_hh
    (here the same array), and dh_prev (B, H). The weight gradients are sums over the steps of products
    of these with x and h_prev: the model makes them after the loop (base.py)."""
    da = dh * (1 - cache["h"] ** 2)  # (B, H) through tanh: tanh'(a) = 1 - tanh(a)^2
    dh_prev = da @ cache["W_hh"]  # (B, H)
    return da, da, dh_prev


class RNN(RecurrentModel):
    """The vanilla tanh RNN in float64 with torch's parameters: `RNN(input_size, hidden_size, seed=0)`;
    `forward(xs, state=None)` returns ys (T, B, H) and h (B, H); after it, `trace` holds "hidden"."""

    gates = 1
    state_names = ("h",)
    trace_names = {"hidden": "h"}
    step_forward = staticmethod(rnn_step_forward)
    step_backward = staticmethod(rnn_step_backward)
