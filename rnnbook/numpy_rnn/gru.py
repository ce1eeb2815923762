"""The GRU, one step, with torch's equations and gate order (r, z, n):

    from_x = x W_ih^T + b_ih,  from_h = h_prev W_hh^T + b_hh      (B, 3H) each: the votes for r, z, n
    r = sigmoid(from_x_r + from_h_r)                                reset gate
    z = sigmoid(from_x_z + from_h_z)                                update gate
    n = tanh(from_x_n + r * from_h_n)                               candidate (r scales the state's part)
    h = (1 - z) * n + z * h_prev

Its maths is all in `gru_step_forward` and `gru_step_backward`; the model `GRU` runs them (base.py),
computing the input's votes `from_x` of every step at once before the loop.
"""

import numpy as np

from .base import RecurrentModel
from .functions import sigmoid


def gru_step_forward(from_x, h_prev, W_hh, b_hh):
    """One GRU step; returns h (B, H) and the cache for `gru_step_backward`.

    from_x: (B, 3H), the input's votes x W_ih^T + b_ih; h_prev: (B, H); W_hh: (3H, H); b_hh: (3H,)."""
    H = h_prev.shape[1]
    from_h = h_prev @ W_hh.T + b_hh  # (B, 3H)
    r = sigmoid(from_x[:, :H] + from_h[:, :H])  # (B, H) reset gate
    z = sigmoid(from_x[:, H : 2 * H] + from_h[:, H : 2 * H])  # (B, H) update gate
    n = np.tanh(from_x[:, 2 * H :] + r * from_h[:, 2 * H :])  # (B, H) candidate
    h = (1 - z) * n + z * h_prev  # (B, H)
    cache = {"h_prev": h_prev, "r": r, "z": z, "n": n, "from_h_n": from_h[:, 2 * H :], "h": h, "W_hh": W_hh}
    return h, cache


def gru_step_backward(dh, cache):
    """Backward of one step, from dh (B, H), the gradient of the loss with respect to h.

    Returns d_from_x (B, 3H), d_from_h (B, 3H), the gradients of the input's and the state's votes, and
    dh_prev (B, H). The model makes the weight gradients after the loop (base.py)."""
    h_prev, r, z, n = cache["h_prev"], cache["r"], cache["z"], cache["n"]
    dn = dh * (1 - z) * (1 - n**2)  # (B, H) n's pre-activation
    dr = dn * cache["from_h_n"] * r * (1 - r)  # (B, H) r's pre-activation
    dz = dh * (h_prev - n) * z * (1 - z)  # (B, H) z's pre-activation
    d_from_x = np.concatenate([dr, dz, dn], axis=1)  # (B, 3H)
    d_from_h = np.concatenate([dr, dz, dn * r], axis=1)  # (B, 3H): r scales the state's part of n
    dh_prev = d_from_h @ cache["W_hh"] + dh * z  # (B, H): through from_h and through z * h_prev
    return d_from_x, d_from_h, dh_prev


class GRU(RecurrentModel):
    """The GRU in float64 with torch's parameters: `GRU(input_size, hidden_size, seed=0, update_bias=None)`.

    update_bias: the update gate's total bias at the start, the counterpart of the LSTM's forget_bias (z near
    1 keeps the old state; None: torch's init). `forward(xs, state=None)` returns ys (T, B, H) and h (B, H);
    after it, `trace` holds "reset", "update", "candidate" and "hidden", (T, B, H) each."""

    gates = 3
    state_names = ("h",)
    trace_names = {"reset": "r", "update": "z", "candidate": "n", "hidden": "h"}
    step_forward = staticmethod(gru_step_forward)
    step_backward = staticmethod(gru_step_backward)

    def __init__(self, input_size, hidden_size, seed=0, update_bias=None):
        super().__init__(input_size, hidden_size, seed)
        self._set_gate_bias(1, update_bias)  # gates r, z, n: the update gate is number 1
