"""The LSTM, with torch's equations and gate order (i, f, g, o):

    a = x W_ih^T + b_ih + h_prev W_hh^T + b_hh  (B, 4H), split into a_i, a_f, a_g, a_o
    i = sigmoid(a_i), f = sigmoid(a_f), g = tanh(a_g), o = sigmoid(a_o)
    c = f * c_prev + i * g,  h = o * tanh(c)

`lstm_step_forward` / `lstm_step_backward` are one time step, CS231n style. The model `LSTM` projects the
inputs of all steps at once and loops over the inner step `_lstm_cell_forward`, which starts from the
projected input x_proj = x W_ih^T + b_ih.
"""

import numpy as np

from .base import RecurrentModel, _sigmoid, check_step_args, check_step_cache


def _lstm_cell_forward(x_proj, h_prev, c_prev, W_hh, b_hh):
    """One step from x_proj (B, 4H), h_prev, c_prev (B, H), W_hh (4H, H), b_hh (4H,); returns h, c, cache."""
    H = h_prev.shape[1]
    a = h_prev @ W_hh.T  # (B, 4H) pre-activations of the gates i, f, g, o
    a += x_proj
    a += b_hh
    # The activations overwrite the pre-activations in place: new (B, H) arrays at every step would cost
    # more than the arithmetic at the book's benchmark size. i and f are adjacent, one call for both.
    a[:, : 2 * H] = _sigmoid(a[:, : 2 * H])  # input and forget gates
    np.tanh(a[:, 2 * H : 3 * H], out=a[:, 2 * H : 3 * H])  # candidate cell values
    a[:, 3 * H :] = _sigmoid(a[:, 3 * H :])  # output gate
    i, f, g, o = a[:, :H], a[:, H : 2 * H], a[:, 2 * H : 3 * H], a[:, 3 * H :]  # (B, H) views
    c = f * c_prev + i * g  # (B, H)
    tanh_c = np.tanh(c)
    h = o * tanh_c
    return h, c, (h_prev, c_prev, i, f, g, o, c, tanh_c, W_hh)


def _lstm_cell_backward(dh, dc, cache):
    """Backward of `_lstm_cell_forward` for dh, dc (B, H); returns da (B, 4H), dh_prev, dc_prev."""
    h_prev, c_prev, i, f, g, o, c, tanh_c, W_hh = cache
    H = h_prev.shape[1]
    dc = dc + dh * o * (1.0 - tanh_c * tanh_c)  # (B, H): c reaches the loss directly and through h
    da = np.empty((h_prev.shape[0], 4 * H))  # (B, 4H) gradients of the gate pre-activations
    da[:, :H] = dc * g * i * (1.0 - i)  # sigmoid'(a) = s (1 - s)
    da[:, H : 2 * H] = dc * c_prev * f * (1.0 - f)
    da[:, 2 * H : 3 * H] = dc * i * (1.0 - g * g)  # tanh'(a) = 1 - tanh(a)^2
    da[:, 3 * H :] = dh * tanh_c * o * (1.0 - o)
    return da, da @ W_hh, dc * f


def lstm_step_forward(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """One LSTM step; returns h (B, H), c (B, H) and a cache for `lstm_step_backward`.

    x: (B, I); h_prev, c_prev: (B, H); W_ih: (4H, I); W_hh: (4H, H); b_ih, b_hh: (4H,).
    """
    checked = check_step_args(4, x, (h_prev, c_prev), W_ih, W_hh, b_ih, b_hh)
    x, (h_prev, c_prev), W_ih, W_hh, b_ih, b_hh = checked
    x_proj = x @ W_ih.T + b_ih  # (B, 4H)
    h, c, cell_cache = _lstm_cell_forward(x_proj, h_prev, c_prev, W_hh, b_hh)
    return h, c, (x, W_ih, cell_cache)


def lstm_step_backward(dh, dc, cache):
    """Backward of `lstm_step_forward` for dh, dc (B, H).

    Returns dx, dh_prev, dc_prev, dW_ih, dW_hh, db_ih, db_hh (the shapes of the forward's arguments).
    """
    dh, dc = check_step_cache(cache, "lstm_step_forward", 9, {"dh": dh, "dc": dc})
    x, W_ih, cell_cache = cache
    da, dh_prev, dc_prev = _lstm_cell_backward(dh, dc, cell_cache)  # da: (B, 4H)
    h_prev = cell_cache[0]
    db = da.sum(axis=0)
    return da @ W_ih, dh_prev, dc_prev, da.T @ x, da.T @ h_prev, db, db.copy()


class LSTM(RecurrentModel):
    """LSTM in float64 with torch's parameter names: `LSTM(input_size, hidden_size, seed=0, forget_bias=1.0)`.

    forget_bias: the initial total bias of the forget gate. The forget block (rows H:2H) of `bias_ih_l0`
    is set to `forget_bias` and that of `bias_hh_l0` to 0, so the sum the gate sees is exactly
    `forget_bias`; the other parameters keep torch's uniform init. None keeps torch's init everywhere.
    `forward(xs, state=None)` returns ys (T, B, H) and the state (h, c); after it, `trace` holds the gates
    "input", "forget", "candidate", "output" and the states "cell", "hidden" of every step, (T, B, H).
    """

    num_gates = 4
    torch_class = "LSTM"
    state_names = ("h", "c")
    trace_names = ("input", "forget", "candidate", "output", "cell", "hidden")

    def __init__(self, input_size, hidden_size, seed=0, forget_bias=1.0):
        super().__init__(input_size, hidden_size, seed=seed)
        self._set_gate_bias("forget_bias", forget_bias, gate=1)  # gate order i, f, g, o

    def _forward_loop(self, x_proj, state, W_hh, b_hh):
        h, c = state
        T, B = x_proj.shape[:2]
        ys = np.empty((T, B, self.hidden_size))
        caches = []
        for t in range(T):
            h, c, cache = _lstm_cell_forward(x_proj[t], h, c, W_hh, b_hh)
            ys[t] = h
            caches.append(cache)
        return ys, (h, c), caches

    def _backward_loop(self, dys, truncate):
        caches = self._cache["caches"]
        T, B, H = dys.shape
        da = np.empty((T, B, 4 * H))  # gradients of every step's gate pre-activations
        dh_next = np.zeros((B, H))  # gradients reaching h_t and c_t from step t + 1
        dc_next = np.zeros((B, H))
        for t in reversed(range(T)):
            da[t], dh_prev, dc_prev = _lstm_cell_backward(dys[t] + dh_next, dc_next, caches[t])
            if self.state_detached(t, truncate):
                dh_next, dc_next = 0.0, 0.0
            else:
                dh_next, dc_next = dh_prev, dc_prev
        return da, da, (dh_prev, dc_prev)  # x_proj and h_proj share the pre-activations

    def _build_trace(self):
        caches = self._cache["caches"]
        trace = {}
        for name, index in zip(self.trace_names[:5], (2, 3, 4, 5, 6)):  # i, f, g, o, c in the cache
            trace[name] = np.stack([cache[index] for cache in caches])
        trace["hidden"] = self._cache["ys"].copy()
        return trace
