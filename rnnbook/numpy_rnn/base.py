"""What the numpy RNN, LSTM and GRU share: the sigmoid, input checks, and the `RecurrentModel` base class.

The base class holds the parameters (a dict keyed by torch's names), the checks of every input, the
conversion to and from torch, and the parts of forward and backward that are the same for all three
models: the input projection of all time steps in one matrix product before the loop, and the weight
gradients in one matrix product after the backward loop. A model only writes its time loop.
"""

import numbers

import numpy as np

PARAM_NAMES = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")


def _sigmoid(x):
    """Logistic function of a float64 array x (any shape), without checks (the models' inner loop)."""
    s = np.multiply(x, 0.5)  # sigmoid(x) = (1 + tanh(x / 2)) / 2 never overflows
    np.tanh(s, out=s)
    s *= 0.5
    s += 0.5
    return s


def sigmoid(x):
    """Logistic function 1 / (1 + exp(-x)) of a real array x (any shape), as a float64 array.

    Computed as (1 + tanh(x / 2)) / 2, which never overflows: no warning for large ``abs(x)``, and an
    absolute error below 1e-16 (for x far below zero the result rounds to 0 rather than a tiny number).
    """
    x = as_real_array("x", x, allow_nonfinite=True)
    return _sigmoid(x.reshape(-1)).reshape(x.shape)  # via 1-D, so that a scalar gives a 0-d array


def as_real_array(name, value, shape=None, allow_nonfinite=False):
    """`value` as a float64 array: TypeError unless it holds real numbers, ValueError for NaN/inf, bad shape.

    shape: the expected shape (a tuple of ints), or None to accept any.
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a real array; got {type(value).__name__}")
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        kind = type(value).__name__
        raise ValueError(f"{name} must be a rectangular real array; got a ragged {kind}") from error
    except RuntimeError as error:  # e.g. a torch tensor that requires grad
        raise TypeError(f"{name} must be a real array; got a {type(value).__name__} ({error})") from error
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers (ints or floats); got dtype {array.dtype}")
    if shape is not None and array.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}; got {array.shape}")
    array = array.astype(np.float64, copy=False)
    if not allow_nonfinite and not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite; got NaN or inf")
    return array


def check_int(name, value, minimum):
    """`value` as an int >= minimum; TypeError for non-ints (bools included), ValueError when too small."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int; got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")
    return int(value)


def check_step_args(num_gates, x, states, W_ih, W_hh, b_ih, b_hh):
    """Check the arguments of a step function; returns them as float64 arrays.

    x: (B, I); states: a tuple of (B, H) arrays (h_prev, and c_prev for the LSTM);
    W_ih: (G*H, I); W_hh: (G*H, H); b_ih, b_hh: (G*H,), with G = num_gates.
    """
    x = as_real_array("x", x)
    if x.ndim != 2:
        raise ValueError(f"x must have shape (B, I); got {x.shape}")
    h_prev = as_real_array("h_prev", states[0])
    if h_prev.ndim != 2 or h_prev.shape[0] != x.shape[0]:
        B = x.shape[0]
        raise ValueError(f"h_prev must have shape (B, H) with B = {B} (rows of x); got {h_prev.shape}")
    (B, I), H = x.shape, h_prev.shape[1]
    states = (h_prev,) + tuple(as_real_array("c_prev", c, (B, H)) for c in states[1:])
    GH = num_gates * H
    W_ih = as_real_array("W_ih", W_ih, (GH, I))
    W_hh = as_real_array("W_hh", W_hh, (GH, H))
    b_ih = as_real_array("b_ih", b_ih, (GH,))
    b_hh = as_real_array("b_hh", b_hh, (GH,))
    return (x, states, W_ih, W_hh, b_ih, b_hh)


def check_step_cache(cache, function_name, cell_size, grads):
    """Check the cache of a step function and the upstream gradients; returns them as float64 arrays.

    cell_size: the length of the cell cache that `function_name` makes; grads: a dict name -> (B, H) array
    (dh, and dc for the LSTM).
    """
    if not (isinstance(cache, tuple) and len(cache) == 3 and isinstance(cache[2], tuple)
            and len(cache[2]) == cell_size and isinstance(cache[2][0], np.ndarray)):
        raise TypeError(f"cache must be the cache returned by {function_name}; got {type(cache).__name__}")
    shape = cache[2][0].shape  # the first entry of the cell cache is h_prev, (B, H)
    return tuple(as_real_array(name, value, shape) for name, value in grads.items())


def make_rng(seed, name="seed"):
    """A numpy Generator from an int seed >= 0 (or the Generator itself)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        got = f"{type(seed).__name__} {seed!r}"
        raise TypeError(f"{name} must be an int >= 0 or a np.random.Generator; got {got}")
    return np.random.default_rng(check_int(name, seed, 0))


class RecurrentModel:
    """Base of `RNN`, `LSTM` and `GRU`: parameters, checks, torch conversion, forward/backward frame.

    A subclass sets `num_gates` (G), `torch_class` (the name in `torch.nn`), `state_names` and
    `trace_names`, and writes `_forward_loop` and `_backward_loop`.
    """

    num_gates = 1
    torch_class = "RNN"
    state_names = ("h",)
    trace_names = ("hidden",)

    def __init__(self, input_size, hidden_size, seed=0):
        self.input_size = check_int("input_size", input_size, 1)
        self.hidden_size = check_int("hidden_size", hidden_size, 1)
        rng = make_rng(seed)
        I, GH = self.input_size, self.num_gates * self.hidden_size
        k = 1.0 / np.sqrt(self.hidden_size)  # torch's init: every parameter ~ uniform(-k, k)
        self.params = {}
        for name, shape in zip(PARAM_NAMES, [(GH, I), (GH, self.hidden_size), (GH,), (GH,)]):
            self.params[name] = rng.uniform(-k, k, size=shape)
        self._cache = None  # what the last forward saved for backward
        self._trace = None

    def __repr__(self):
        return f"{type(self).__name__}(input_size={self.input_size}, hidden_size={self.hidden_size})"

    def _set_gate_bias(self, name, value, gate):
        """Start gate number `gate` (its block of rows in torch's order) with a total bias of `value`.

        The block is set to `value` in `bias_ih_l0` and to 0 in `bias_hh_l0`, so the gate sees exactly
        `value`; None leaves torch's init. `name` is the argument's name, for the error messages.
        """
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a real number or None; got {type(value).__name__}")
        if not np.isfinite(value):
            raise ValueError(f"{name} must be finite; got {value}")
        rows = slice(gate * self.hidden_size, (gate + 1) * self.hidden_size)
        self.params["bias_ih_l0"][rows] = float(value)
        self.params["bias_hh_l0"][rows] = 0.0

    def num_parameters(self):
        """Number of scalar parameters."""
        return int(sum(value.size for value in self.params.values()))

    # ---- torch conversion (torch is imported here only) ----

    @classmethod
    def from_torch(cls, module):
        """A model with the weights (copied to float64) of a one-layer, unidirectional, time-major module."""
        import torch

        expected = f"a torch.nn.{cls.torch_class}"
        if not isinstance(module, torch.nn.Module):
            raise TypeError(f"module must be {expected}; got {type(module).__name__}")
        if not isinstance(module, getattr(torch.nn, cls.torch_class)):
            raise TypeError(f"{cls.__name__}.from_torch needs {expected}; got {type(module).__name__}")
        problems = {
            "num_layers": (module.num_layers, 1),
            "batch_first": (module.batch_first, False),
            "bidirectional": (module.bidirectional, False),
            "bias": (module.bias, True),
            "proj_size": (module.proj_size, 0),
        }
        if cls.torch_class == "RNN":
            problems["nonlinearity"] = (module.nonlinearity, "tanh")
        for name, (got, wanted) in problems.items():
            if got != wanted:
                raise ValueError(f"{cls.__name__}.from_torch needs {name}={wanted!r}; got {name}={got!r}")
        model = cls(module.input_size, module.hidden_size)
        for name in PARAM_NAMES:
            tensor = getattr(module, name).detach()
            if tensor.dtype not in (torch.float32, torch.float64):
                needs = f"{cls.__name__}.from_torch needs float32 or float64 weights"
                raise TypeError(f"{needs}; got {tensor.dtype}")
            model.params[name] = tensor.cpu().to(torch.float64).numpy().copy()
        return model

    def to_torch(self):
        """The float64 `torch.nn` module with the same weights."""
        import torch

        options = {"nonlinearity": "tanh"} if self.torch_class == "RNN" else {}
        torch_class = getattr(torch.nn, self.torch_class)
        module = torch_class(self.input_size, self.hidden_size, dtype=torch.float64, **options)
        with torch.no_grad():
            for name, value in self._checked_params().items():
                getattr(module, name).copy_(torch.from_numpy(value))
        return module

    # ---- checks ----

    def _checked_params(self):
        """The parameters, after checking that each is a float64 array of torch's shape."""
        I, H, GH = self.input_size, self.hidden_size, self.num_gates * self.hidden_size
        shapes = dict(zip(PARAM_NAMES, [(GH, I), (GH, H), (GH,), (GH,)]))
        for name, shape in shapes.items():
            value = self.params.get(name)
            if not isinstance(value, np.ndarray) or value.dtype != np.float64:
                raise TypeError(f"params[{name!r}] must be a float64 numpy array; got {type(value).__name__}")
            if value.shape != shape:
                raise ValueError(f"params[{name!r}] must have shape {shape}; got {value.shape}")
        return self.params

    def _check_inputs(self, xs):
        """xs as a float64 (T, B, input_size) array with T, B >= 1."""
        xs = as_real_array("xs", xs)
        I = self.input_size
        if xs.ndim != 3 or xs.shape[2] != I or xs.shape[0] < 1 or xs.shape[1] < 1:
            raise ValueError(f"xs must have shape (T, B, {I}) (input_size={I}, T, B >= 1); got {xs.shape}")
        return xs

    def _check_state(self, state, B):
        """The initial state as a tuple of (B, H) float64 arrays: zeros when `state` is None."""
        H = self.hidden_size
        if state is None:
            return tuple(np.zeros((B, H)) for _ in self.state_names)
        if len(self.state_names) == 1:
            return (as_real_array("state", state, (B, H)),)
        names = ", ".join(self.state_names)
        if not isinstance(state, (tuple, list)) or len(state) != len(self.state_names):
            raise TypeError(f"state must be a tuple ({names}) of (B, H) arrays; got {type(state).__name__}")
        return tuple(as_real_array(f"state {name}", s, (B, H)) for name, s in zip(self.state_names, state))

    # ---- forward and backward ----

    def forward(self, xs, state=None):
        """Run the model over xs (T, B, input_size); returns ys (T, B, H) and the final state.

        state: the initial state, h (B, H) (for the LSTM a tuple (h, c)); zeros when None.
        """
        # Backward reads xs, the state, the weights and ys later: keep copies of our own, so that the
        # caller may change any of them in place (e.g. an optimiser step) before calling backward.
        xs = self._check_inputs(xs).copy()
        T, B, I = xs.shape
        state = tuple(s.copy() for s in self._check_state(state, B))
        p = {name: value.copy() for name, value in self._checked_params().items()}
        # The input projections of all time steps in one matrix product:
        x_proj = (xs.reshape(T * B, I) @ p["weight_ih_l0"].T).reshape(T, B, -1)  # (T, B, G*H)
        x_proj += p["bias_ih_l0"]
        ys, final, caches = self._forward_loop(x_proj, state, p["weight_hh_l0"], p["bias_hh_l0"])
        self._cache = {"xs": xs, "state0": state, "params": p, "ys": ys, "caches": caches}
        self._trace = None
        final = tuple(s.copy() for s in final)
        return ys.copy(), (final[0] if len(final) == 1 else final)

    def backward(self, dys, truncate=None):
        """Gradients of sum(ys * dys) for the last forward, dys (T, B, H); none via the final state.

        truncate: None for full backpropagation through time, or k >= 1 to detach the state at steps
        k, 2k, 3k, ... (chunks of k steps, as torch does with `h.detach()`); k >= T is full BPTT.
        Returns a dict: torch's parameter names and shapes, "input" (T, B, I), "h0" (B, H) (and "c0").
        """
        if self._cache is None:
            name = type(self).__name__
            raise RuntimeError(f"{name}.backward needs a forward first; call model.forward(xs)")
        xs, ys = self._cache["xs"], self._cache["ys"]
        T, B, I = xs.shape
        dys = as_real_array("dys", dys, ys.shape)
        k = T if truncate is None else check_int("truncate", truncate, 1)
        d_xproj, d_hproj, dstate0 = self._backward_loop(dys, k)  # (T, B, G*H) each
        # The weight gradients of all time steps in one matrix product each:
        h0 = self._cache["state0"][0]
        h_prevs = np.concatenate([h0[None], ys[:-1]]).reshape(T * B, -1)  # (T*B, H): state entering each step
        GH = d_xproj.shape[2]
        d_xproj2 = d_xproj.reshape(T * B, GH)
        d_hproj2 = d_hproj.reshape(T * B, GH)
        grads = {
            "weight_ih_l0": d_xproj2.T @ xs.reshape(T * B, I),  # (G*H, I)
            "weight_hh_l0": d_hproj2.T @ h_prevs,  # (G*H, H)
            "bias_ih_l0": d_xproj2.sum(axis=0),  # (G*H,)
            "bias_hh_l0": d_hproj2.sum(axis=0),  # (G*H,)
            "input": (d_xproj2 @ self._cache["params"]["weight_ih_l0"]).reshape(T, B, I),
        }
        for name, d in zip(self.state_names, dstate0):
            grads[f"{name}0"] = d
        return grads

    @staticmethod
    def state_detached(t, truncate):
        """True when the state entering step t is detached (t = 0, k, 2k, ...; h0 is the leaf of chunk 0)."""
        return t % truncate == 0

    @property
    def trace(self):
        """Dict of (T, B, H) float64 arrays of every step of the last forward (gates, states)."""
        if self._cache is None:
            name = type(self).__name__
            raise RuntimeError(f"{name}.trace is filled by forward; call model.forward(xs) first")
        if self._trace is None:
            self._trace = self._build_trace()
        return self._trace

    def _forward_loop(self, x_proj, state, W_hh, b_hh):
        """Subclasses: the time loop; returns ys (T, B, H), the final state tuple and the per-step caches."""
        raise NotImplementedError

    def _backward_loop(self, dys, truncate):
        """Subclasses: the backward loop; returns d(x_proj), d(h_proj) (T, B, G*H), initial-state grads."""
        raise NotImplementedError

    def _build_trace(self):
        """Subclasses: the trace dict from the caches of the last forward."""
        raise NotImplementedError
