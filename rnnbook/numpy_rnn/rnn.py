"""The vanilla (Elman) RNN, h = tanh(x W_ih^T + b_ih + h_prev W_hh^T + b_hh): its maths is all in
`rnn_step_forward` and `rnn_step_backward`; the model `RNN` runs them over the time steps (base.py)."""

import numpy as np

from .base import RecurrentModel


def rnn_step_forward(x, h_prev, W_ih, W_hh, b_ih, b_hh):
    """One step of the tanh RNN; returns h (B, H) and the cache for `rnn_step_backward`.

    x: (B, I); h_prev: (B, H); W_ih: (H, I); W_hh: (H, H); b_ih, b_hh: (H,)."""
    h = np.tanh(x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh)  # (B, H)
    cache = {"x": x, "h_prev": h_prev, "h": h, "W_ih": W_ih, "W_hh": W_hh}
    return h, cache


def rnn_step_backward(dh, cache):
    """Backward of one step, from dh (B, H), the gradient of the loss with respect to h.

    Returns dx (B, I), dh_prev (B, H), dW_ih (H, I), dW_hh (H, H), db_ih (H,), db_hh (H,)."""
    da = dh * (1 - cache["h"] ** 2)  # (B, H) through tanh: tanh'(a) = 1 - tanh(a)^2
    dx = da @ cache["W_ih"]  # (B, I)
    dh_prev = da @ cache["W_hh"]  # (B, H)
    db = da.sum(axis=0)  # (H,)
    return dx, dh_prev, da.T @ cache["x"], da.T @ cache["h_prev"], db, db.copy()


class RNN(RecurrentModel):
    """The vanilla tanh RNN in float64 with torch's parameters: `RNN(input_size, hidden_size, seed=0)`;
    `forward(xs, state=None)` returns ys (T, B, H) and h (B, H); after it, `trace` holds "hidden"."""

    gates = 1
    state_names = ("h",)
    trace_names = {"hidden": "h"}
    step_forward = staticmethod(rnn_step_forward)
    step_backward = staticmethod(rnn_step_backward)
