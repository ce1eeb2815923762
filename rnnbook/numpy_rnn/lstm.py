"""The LSTM, one step, with torch's equations and gate order (i, f, g, o):

    a = x W_ih^T + b_ih + h_prev W_hh^T + b_hh      (B, 4H), split into the four gates' pre-activations
    i = sigmoid(a_i)   f = sigmoid(a_f)   g = tanh(a_g)   o = sigmoid(a_o)
    c = f * c_prev + i * g                            the cell: keep some of the old, write some new
    h = o * tanh(c)

Its maths is all in `lstm_step_forward` and `lstm_step_backward`; the model `LSTM` runs them (base.py),
computing the input's votes x W_ih^T + b_ih of every step at once before the loop (`x_votes`).
"""

import numpy as np

from .base import RecurrentModel
from .functions import sigmoid


def lstm_step_forward(x_votes, h_prev, c_prev, W_hh, b_hh):
    """One LSTM step; returns h (B, H), c (B, H) and the cache for `lstm_step_backward`.

    x_votes: (B, 4H), the input's votes x W_ih^T + b_ih; h_prev, c_prev: (B, H); W_hh: (4H, H); b_hh: (4H,)."""
    H = h_prev.shape[1]
    a = x_votes + h_prev @ W_hh.T + b_hh  # (B, 4H)
    i = sigmoid(a[:, :H])  # (B, H) input gate: what to let in
    f = sigmoid(a[:, H : 2 * H])  # (B, H) forget gate: what to keep
    g = np.tanh(a[:, 2 * H : 3 * H])  # (B, H) candidate values
    o = sigmoid(a[:, 3 * H :])  # (B, H) output gate: what to release
    c = f * c_prev + i * g  # (B, H)
    tanh_c = np.tanh(c)
    h = o * tanh_c  # (B, H)
    cache = {"h_prev": h_prev, "c_prev": c_prev, "i": i, "f": f, "g": g, "o": o, "c": c, "tanh_c": tanh_c,
             "h": h, "W_hh": W_hh}
    return h, c, cache


def lstm_step_backward(dh, dc, cache):
    """Backward of one step, from dh and dc (B, H), the gradients of the loss with respect to h and c.

    Returns d_x_votes (B, 4H), d_h_votes (B, 4H) (the gradient of h_prev W_hh^T + b_hh: the same array),
    dh_prev (B, H) and dc_prev (B, H). The model makes the weight gradients after the loop (base.py)."""
    i, f, g, o, tanh_c = cache["i"], cache["f"], cache["g"], cache["o"], cache["tanh_c"]
    dc = dc + dh * o * (1 - tanh_c**2)  # (B, H): c reaches the loss directly and through h
    da = np.concatenate([  # (B, 4H) through the squashings: sigmoid' = s (1 - s), tanh' = 1 - tanh^2
        dc * g * i * (1 - i),  # input gate
        dc * cache["c_prev"] * f * (1 - f),  # forget gate
        dc * i * (1 - g**2),  # candidate
        dh * tanh_c * o * (1 - o),  # output gate
    ], axis=1)
    dh_prev = da @ cache["W_hh"]  # (B, H)
    dc_prev = dc * f  # (B, H): along the cell, only scaled by the forget gate
    return da, da, dh_prev, dc_prev


class LSTM(RecurrentModel):
    """The LSTM in float64 with torch's parameters: `LSTM(input_size, hidden_size, seed=0, forget_bias=1.0)`.

    forget_bias: the forget gate's total bias at the start, so that the cell starts by keeping most of its
    memory (None: torch's init). `forward(xs, state=None)` returns ys (T, B, H) and the state (h, c); after
    it, `trace` holds "input", "forget", "candidate", "output", "cell" and "hidden", (T, B, H) each."""

    gates = 4
    state_names = ("h", "c")
    trace_names = {"input": "i", "forget": "f", "candidate": "g", "output": "o", "cell": "c", "hidden": "h"}
    step_forward = staticmethod(lstm_step_forward)
    step_backward = staticmethod(lstm_step_backward)

    def __init__(self, input_size, hidden_size, seed=0, forget_bias=1.0):
        super().__init__(input_size, hidden_size, seed)
        self._set_gate_bias(1, forget_bias)  # gates i, f, g, o: the forget gate is number 1
