"""The vanilla (Elman) RNN: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh).

`rnn_step_forward` / `rnn_step_backward` are one time step, CS231n style. The model `RNN` projects the
inputs of all steps at once and loops over the inner step `_rnn_cell_forward`, which starts from the
projected input x_proj = x W_ih^T + b_ih.
"""

import numpy as np

from .base import RecurrentModel, check_step_args, check_step_cache


def _rnn_cell_forward(x_proj, h_prev, W_hh, b_hh):
    """One step from the input projection x_proj (B, H), h_prev (B, H), W_hh (H, H), b_hh (H,) -> h, cache."""
    a = h_prev @ W_hh.T  # (B, H) pre-activation
    a += x_proj
    a += b_hh
    h = np.tanh(a, out=a)
    return h, (h_prev, h, W_hh)


def _rnn_cell_backward(dh, cache):
    """Backward of `_rnn_cell_forward` for dh (B, H); returns da (B, H) (pre-activation), dh_prev."""
    h_prev, h, W_hh = cache
    da = dh * (1.0 - h * h)  # tanh'(a) = 1 - tanh(a)^2
    return da, da @ W_hh


def rnn_step_forward(x, h_prev, W_ih, W_hh, b_ih, b_hh):
    """One step of the tanh RNN; returns h (B, H) and a cache for `rnn_step_backward`.

    x: (B, I); h_prev: (B, H); W_ih: (H, I); W_hh: (H, H); b_ih: (H,); b_hh: (H,).
    """
    x, (h_prev,), W_ih, W_hh, b_ih, b_hh = check_step_args(1, x, (h_prev,), W_ih, W_hh, b_ih, b_hh)
    x_proj = x @ W_ih.T + b_ih  # (B, H)
    h, cell_cache = _rnn_cell_forward(x_proj, h_prev, W_hh, b_hh)
    return h, (x, W_ih, cell_cache)


def rnn_step_backward(dh, cache):
    """Backward of `rnn_step_forward` for dh (B, H); returns dx, dh_prev, dW_ih, dW_hh, db_ih, db_hh."""
    (dh,) = check_step_cache(cache, "rnn_step_forward", 3, {"dh": dh})
    x, W_ih, cell_cache = cache
    da, dh_prev = _rnn_cell_backward(dh, cell_cache)  # (B, H) each
    h_prev = cell_cache[0]
    db = da.sum(axis=0)
    return da @ W_ih, dh_prev, da.T @ x, da.T @ h_prev, db, db.copy()


class RNN(RecurrentModel):
    """Vanilla tanh RNN in float64 with torch's parameter names: `RNN(input_size, hidden_size, seed=0)`.

    `forward(xs, state=None)` takes xs (T, B, input_size) and returns ys (T, B, H) and h (B, H);
    `backward(dys, truncate=None)` returns the gradients of sum(ys * dys). After forward,
    `trace["hidden"]` is the hidden state of every step, (T, B, H).
    """

    num_gates = 1
    torch_class = "RNN"
    state_names = ("h",)
    trace_names = ("hidden",)

    def _forward_loop(self, x_proj, state, W_hh, b_hh):
        (h,) = state
        ys = np.empty(x_proj.shape)  # (T, B, H)
        caches = []
        for t in range(x_proj.shape[0]):
            h, cache = _rnn_cell_forward(x_proj[t], h, W_hh, b_hh)
            ys[t] = h
            caches.append(cache)
        return ys, (h,), caches

    def _backward_loop(self, dys, truncate):
        caches = self._cache["caches"]
        da = np.empty(dys.shape)  # (T, B, H): gradient of every step's pre-activation
        dh_next = np.zeros(dys.shape[1:])  # (B, H): gradient reaching h_t from step t + 1
        for t in reversed(range(dys.shape[0])):
            da[t], dh_prev = _rnn_cell_backward(dys[t] + dh_next, caches[t])
            dh_next = 0.0 if self.state_detached(t, truncate) else dh_prev
        return da, da, (dh_prev,)  # x_proj and h_proj share the pre-activation

    def _build_trace(self):
        return {"hidden": self._cache["ys"].copy()}
