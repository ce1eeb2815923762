"""What the numpy RNN, LSTM and GRU share: torch's parameters, the loops over time, the way to and from torch.

Each model's maths is in its step functions (rnn.py, lstm.py, gru.py). `forward` computes the input's votes
x W_ih^T + b_ih of all the steps in one product (they do not depend on the state), then calls the step
forward at every time step. `backward` calls the step backward from the last step to the first, then sums
the weight gradients of all the steps, each in one product over the steps (as torch does); CS231n's
`rnn_backward` adds them up step by step, which gives the same sums more slowly."""

import numpy as np

from rnnbook._checks import generator, integer, real_array

_PARAM_NAMES = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")  # torch's names and order


class RecurrentModel:
    """The base of `RNN`, `LSTM` and `GRU`. A subclass sets its number of gates G (blocks of H rows in the
    weights), state_names, trace_names (trace key -> step cache key), step_forward and step_backward."""

    def __init__(self, input_size, hidden_size, seed=0):
        self.input_size = integer("input_size", input_size, 1)
        self.hidden_size = integer("hidden_size", hidden_size, 1)
        rng = generator(seed)
        I, H, GH = self.input_size, self.hidden_size, self.gates * self.hidden_size
        k = 1.0 / np.sqrt(H)  # torch's init: every parameter uniform in [-k, k]
        shapes = [(GH, I), (GH, H), (GH,), (GH,)]
        self.params = {name: rng.uniform(-k, k, size=shape) for name, shape in zip(_PARAM_NAMES, shapes)}
        self.xs, self.caches = None, None  # the inputs and the step caches of the last forward

    def _set_gate_bias(self, gate, value):
        """Start gate number `gate` with a total bias `value` (in bias_ih; bias_hh 0); None: torch's init."""
        if value is not None:
            rows = slice(gate * self.hidden_size, (gate + 1) * self.hidden_size)
            self.params["bias_ih_l0"][rows] = value
            self.params["bias_hh_l0"][rows] = 0.0

    def num_parameters(self):
        """The number of scalar parameters (the same count as the torch module's)."""
        return sum(p.size for p in self.params.values())

    def forward(self, xs, state=None):
        """Run the model over xs (T, B, input_size) from `state`, h (B, H) or (h, c) for the LSTM (zeros when
        None); return ys (T, B, H), the hidden state of every step, and the final state."""
        xs = real_array("xs", xs)
        if xs.ndim != 3 or xs.shape[2] != self.input_size or 0 in xs.shape[:2]:
            raise ValueError(f"xs must have shape (T, B, input_size={self.input_size}) with T, B >= 1; "
                             f"got {xs.shape}")
        T, B, _ = xs.shape
        state = self._initial_state(state, B)  # [h] or [h, c], each (B, H)
        W_ih, W_hh, b_ih, b_hh = (self.params[name] for name in _PARAM_NAMES)
        x_votes = xs @ W_ih.T + b_ih  # (T, B, GH): the input's votes, every step at once
        ys = np.empty((T, B, self.hidden_size))
        self.xs, self.caches = xs, []
        for t in range(T):
            *state, cache = self.step_forward(x_votes[t], *state, W_hh, b_hh)  # h, cache or h, c, cache
            ys[t] = state[0]
            self.caches.append(cache)
        return ys, (state[0] if len(state) == 1 else tuple(state))

    def backward(self, dys, truncate=None):
        """Gradients of sum(ys * dys) for the last forward, dys (T, B, H); none flows in from the final state.

        truncate: None for full backpropagation through time, or k: the state is detached at steps
        k, 2k, 3k, ... (chunks of k steps, as `h.detach()` does in torch); k >= T is full BPTT.
        Returns a dict: torch's parameter names and shapes, "input" (T, B, I), "h0" (B, H) (and "c0")."""
        if self.caches is None:
            raise RuntimeError(f"{type(self).__name__}.backward needs a forward first: call forward(xs)")
        T, (B, H) = len(self.caches), self.caches[0]["h_prev"].shape
        dys = real_array("dys", dys, (T, B, H))
        k, n = (T if truncate is None else integer("truncate", truncate, 1)), len(self.state_names)
        GH = self.gates * H
        d_x_votes, d_h_votes = np.empty((T, B, GH)), np.empty((T, B, GH))
        d_next = [np.zeros((B, H))] * n  # the gradients reaching the state after step t from step t + 1
        for t in reversed(range(T)):
            d_x_votes[t], d_h_votes[t], *d_prev = self.step_backward(dys[t] + d_next[0], *d_next[1:],
                                                                     self.caches[t])
            d_next = [np.zeros((B, H))] * n if t % k == 0 else d_prev  # detached: nothing flows further back
        # The same weights at every step: their gradients add up over the steps (and the batch), one product.
        h_prevs = np.stack([cache["h_prev"] for cache in self.caches])  # (T, B, H)
        grads = {"weight_ih_l0": d_x_votes.reshape(-1, GH).T @ self.xs.reshape(-1, self.input_size),
                 "weight_hh_l0": d_h_votes.reshape(-1, GH).T @ h_prevs.reshape(-1, H),
                 "bias_ih_l0": d_x_votes.sum(axis=(0, 1)), "bias_hh_l0": d_h_votes.sum(axis=(0, 1)),
                 "input": d_x_votes @ self.params["weight_ih_l0"]}  # (T, B, I)
        grads.update({f"{name}0": d for name, d in zip(self.state_names, d_prev)})
        return grads

    @property
    def trace(self):
        """The gates and states of every step of the last forward: a dict of (T, B, H) arrays."""
        return {name: np.stack([c[key] for c in self.caches]) for name, key in self.trace_names.items()}

    def _initial_state(self, state, B):
        """The initial state as a list of (B, H) arrays: [h] or [h, c]; zeros when `state` is None."""
        shape, names = (B, self.hidden_size), self.state_names
        if state is None:
            return [np.zeros(shape) for _ in names]
        if len(names) == 2 and not (isinstance(state, (tuple, list)) and len(state) == 2):
            raise TypeError(f"state must be a tuple (h, c) of two {shape} arrays; got {type(state).__name__}")
        states = [state] if len(names) == 1 else state
        return [real_array(f"state {name}", s, shape) for name, s in zip(names, states)]

    @classmethod
    def from_torch(cls, module):
        """A model with the weights, copied to float64, of a torch module of the same name (torch.nn.RNN,
        LSTM or GRU): one layer, unidirectional, time-major, with biases, tanh (RNN), float32 or float64."""
        import torch
        name = cls.__name__
        if not isinstance(module, getattr(torch.nn, name)):
            raise TypeError(f"{name}.from_torch needs a torch.nn.{name}; got {type(module).__name__}")
        wanted = {"num_layers": 1, "batch_first": False, "bidirectional": False, "bias": True, "proj_size": 0,
                  "nonlinearity": "tanh"}  # only torch.nn.RNN has a nonlinearity
        for key, want in wanted.items():
            if getattr(module, key, want) != want:
                raise ValueError(f"{name}.from_torch needs {key}={want!r}; got {getattr(module, key)!r}")
        model = cls(module.input_size, module.hidden_size)
        for key in _PARAM_NAMES:
            weight = getattr(module, key).detach().cpu()
            if weight.dtype not in (torch.float32, torch.float64):
                raise TypeError(f"{name}.from_torch needs float32 or float64 weights; got {weight.dtype}")
            model.params[key] = weight.double().numpy().copy()  # a copy: not shared with the module
        return model

    def to_torch(self):
        """The float64 torch module (torch.nn.RNN, LSTM or GRU) with the same weights."""
        import torch
        module = getattr(torch.nn, type(self).__name__)(self.input_size, self.hidden_size, dtype=torch.double)
        with torch.no_grad():
            for name in _PARAM_NAMES:
                getattr(module, name).copy_(torch.as_tensor(self.params[name]))
        return module
