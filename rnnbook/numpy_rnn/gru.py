"""The GRU, with torch's equations and gate order (r, z, n):

    r = sigmoid(x W_ir^T + b_ir + h_prev W_hr^T + b_hr)        reset gate
    z = sigmoid(x W_iz^T + b_iz + h_prev W_hz^T + b_hz)        update gate
    n = tanh(x W_in^T + b_in + r * (h_prev W_hn^T + b_hn))     candidate (r scales the recurrent part only)
    h = (1 - z) * n + z * h_prev

`gru_step_forward` / `gru_step_backward` are one time step, CS231n style. The model `GRU` projects the
inputs of all steps at once and loops over the inner step `_gru_cell_forward`, which starts from the
projected input x_proj = x W_ih^T + b_ih.
"""

import numpy as np

from .base import RecurrentModel, _sigmoid, check_step_args, check_step_cache


def _gru_cell_forward(x_proj, h_prev, W_hh, b_hh):
    """One step from x_proj (B, 3H), h_prev (B, H), W_hh (3H, H), b_hh (3H,); returns h (B, H), cache."""
    H = h_prev.shape[1]
    h_proj = h_prev @ W_hh.T  # (B, 3H) recurrent parts of r, z, n
    h_proj += b_hh
    r = _sigmoid(x_proj[:, :H] + h_proj[:, :H])  # (B, H)
    z = _sigmoid(x_proj[:, H : 2 * H] + h_proj[:, H : 2 * H])
    hn = h_proj[:, 2 * H :]  # h_prev W_hn^T + b_hn
    n = np.tanh(x_proj[:, 2 * H :] + r * hn)
    h = n + z * (h_prev - n)  # = (1 - z) * n + z * h_prev
    return h, (h_prev, r, z, n, hn, W_hh)


def _gru_cell_backward(dh, cache):
    """Backward of `_gru_cell_forward` for dh (B, H); returns d(x_proj), d(h_proj) (B, 3H) and dh_prev."""
    h_prev, r, z, n, hn, W_hh = cache
    B, H = h_prev.shape
    dn_pre = dh * (1.0 - z) * (1.0 - n * n)  # (B, H) gradient of n's pre-activation
    d_xproj = np.empty((B, 3 * H))
    d_xproj[:, :H] = dn_pre * hn * r * (1.0 - r)  # reset gate
    d_xproj[:, H : 2 * H] = dh * (h_prev - n) * z * (1.0 - z)  # update gate
    d_xproj[:, 2 * H :] = dn_pre
    d_hproj = np.empty((B, 3 * H))  # same as d_xproj, except that r scales the candidate's recurrent part
    d_hproj[:, : 2 * H] = d_xproj[:, : 2 * H]
    d_hproj[:, 2 * H :] = dn_pre * r
    dh_prev = d_hproj @ W_hh + dh * z  # through the matrix product and through z * h_prev
    return d_xproj, d_hproj, dh_prev


def gru_step_forward(x, h_prev, W_ih, W_hh, b_ih, b_hh):
    """One GRU step; returns h (B, H) and a cache for `gru_step_backward`.

    x: (B, I); h_prev: (B, H); W_ih: (3H, I); W_hh: (3H, H); b_ih, b_hh: (3H,).
    """
    x, (h_prev,), W_ih, W_hh, b_ih, b_hh = check_step_args(3, x, (h_prev,), W_ih, W_hh, b_ih, b_hh)
    x_proj = x @ W_ih.T + b_ih  # (B, 3H)
    h, cell_cache = _gru_cell_forward(x_proj, h_prev, W_hh, b_hh)
    return h, (x, W_ih, cell_cache)


def gru_step_backward(dh, cache):
    """Backward of `gru_step_forward` for dh (B, H); returns dx, dh_prev, dW_ih, dW_hh, db_ih, db_hh."""
    (dh,) = check_step_cache(cache, "gru_step_forward", 6, {"dh": dh})
    x, W_ih, cell_cache = cache
    d_xproj, d_hproj, dh_prev = _gru_cell_backward(dh, cell_cache)  # (B, 3H), (B, 3H), (B, H)
    h_prev = cell_cache[0]
    dW_ih, dW_hh = d_xproj.T @ x, d_hproj.T @ h_prev
    return d_xproj @ W_ih, dh_prev, dW_ih, dW_hh, d_xproj.sum(axis=0), d_hproj.sum(axis=0)


class GRU(RecurrentModel):
    """GRU in float64 with torch's parameter names: `GRU(input_size, hidden_size, seed=0, update_bias=None)`.

    update_bias: the initial total bias of the update gate z, the GRU's counterpart of the LSTM's
    `forget_bias` (z near 1 keeps the old state). The z block (rows H:2H) of `bias_ih_l0` is set to
    `update_bias` and that of `bias_hh_l0` to 0. None (the default) keeps torch's uniform init.
    `forward(xs, state=None)` takes xs (T, B, input_size) and returns ys (T, B, H) and h (B, H); after it,
    `trace` holds "reset", "update", "candidate" and "hidden" of every step, (T, B, H).
    """

    num_gates = 3
    torch_class = "GRU"
    state_names = ("h",)
    trace_names = ("reset", "update", "candidate", "hidden")

    def __init__(self, input_size, hidden_size, seed=0, update_bias=None):
        super().__init__(input_size, hidden_size, seed=seed)
        self._set_gate_bias("update_bias", update_bias, gate=1)  # gate order r, z, n

    def _forward_loop(self, x_proj, state, W_hh, b_hh):
        (h,) = state
        T, B = x_proj.shape[:2]
        ys = np.empty((T, B, self.hidden_size))
        caches = []
        for t in range(T):
            h, cache = _gru_cell_forward(x_proj[t], h, W_hh, b_hh)
            ys[t] = h
            caches.append(cache)
        return ys, (h,), caches

    def _backward_loop(self, dys, truncate):
        caches = self._cache["caches"]
        T, B, H = dys.shape
        d_xproj = np.empty((T, B, 3 * H))
        d_hproj = np.empty((T, B, 3 * H))
        dh_next = np.zeros((B, H))  # gradient reaching h_t from step t + 1
        for t in reversed(range(T)):
            d_xproj[t], d_hproj[t], dh_prev = _gru_cell_backward(dys[t] + dh_next, caches[t])
            dh_next = 0.0 if self.state_detached(t, truncate) else dh_prev
        return d_xproj, d_hproj, (dh_prev,)

    def _build_trace(self):
        caches = self._cache["caches"]
        trace = {}
        for name, index in zip(self.trace_names[:3], (1, 2, 3)):  # r, z, n in the cache
            trace[name] = np.stack([cache[index] for cache in caches])
        trace["hidden"] = self._cache["ys"].copy()
        return trace
