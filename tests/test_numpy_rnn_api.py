"""The numpy RNN, LSTM and GRU: construction, torch round trip, trace, sigmoid, the contract's errors."""

import warnings

import numpy as np
import pytest

from rnnbook.numpy_rnn import (
    GRU,
    LSTM,
    RNN,
    gru_step_forward,
    lstm_step_backward,
    lstm_step_forward,
    rnn_step_backward,
    rnn_step_forward,
    sigmoid,
)

MODELS = (RNN, LSTM, GRU)
GATES = {RNN: 1, LSTM: 4, GRU: 3}
PARAMS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")


def torch_module(model_class, *args, **kwargs):
    torch = pytest.importorskip("torch")
    return getattr(torch.nn, model_class.__name__)(*args, **kwargs)


# ---- construction ----


@pytest.mark.parametrize("model_class", MODELS)
def test_parameters_have_torch_names_shapes_and_init_range(model_class):
    model = model_class(3, 5, seed=0) if model_class is not LSTM else LSTM(3, 5, seed=0, forget_bias=None)
    GH = GATES[model_class] * 5
    shapes = {"weight_ih_l0": (GH, 3), "weight_hh_l0": (GH, 5), "bias_ih_l0": (GH,), "bias_hh_l0": (GH,)}
    assert {name: p.shape for name, p in model.params.items()} == shapes
    for p in model.params.values():
        assert p.dtype == np.float64
        assert np.abs(p).max() <= 1 / np.sqrt(5)
    assert model.num_parameters() == sum(GH * n for n in (3, 5, 1, 1))
    assert model.num_parameters() == sum(p.numel() for p in torch_module(model_class, 3, 5).parameters())
    assert repr(model) == f"{model_class.__name__}(input_size=3, hidden_size=5)"


@pytest.mark.parametrize("model_class", MODELS)
def test_same_seed_same_parameters(model_class):
    a, b, c = model_class(2, 3, seed=7), model_class(2, 3, seed=7), model_class(2, 3, seed=8)
    assert all(np.array_equal(a.params[n], b.params[n]) for n in PARAMS)
    assert not np.array_equal(a.params["weight_hh_l0"], c.params["weight_hh_l0"])
    d = model_class(2, 3, seed=np.random.default_rng(7))
    assert np.array_equal(a.params["weight_ih_l0"], d.params["weight_ih_l0"])


@pytest.mark.parametrize("model_class, argument, gate", [(LSTM, "forget_bias", "forget"), (GRU, "update_bias", "update")])
def test_keeping_gate_bias_split(model_class, argument, gate):
    H = 4
    plain = model_class(3, H, seed=1, **{argument: None})
    model = model_class(3, H, seed=1, **{argument: 2.5})
    np.testing.assert_array_equal(model.params["bias_ih_l0"][H : 2 * H], 2.5)  # the second gate in both
    np.testing.assert_array_equal(model.params["bias_hh_l0"][H : 2 * H], 0.0)
    for name in PARAMS:  # everything else is torch's uniform init, untouched
        keep = np.ones(model.params[name].shape[0], dtype=bool)
        if name.startswith("bias"):
            keep[H : 2 * H] = False
        np.testing.assert_array_equal(model.params[name][keep], plain.params[name][keep])
    model.forward(np.zeros((1, 2, 3)))  # zero input and state: the gate sees exactly the bias
    np.testing.assert_allclose(model.trace[gate][0], 1 / (1 + np.exp(-2.5)), rtol=1e-15)


def test_default_keeping_gate_biases():
    H = 4
    lstm = LSTM(3, H, seed=1)  # rnnbook's default forget bias: 1 in total
    assert np.all(lstm.params["bias_ih_l0"][H : 2 * H] + lstm.params["bias_hh_l0"][H : 2 * H] == 1.0)
    gru, plain = GRU(3, H, seed=1), GRU(3, H, seed=1, update_bias=None)  # the GRU keeps torch's init
    assert all(np.array_equal(gru.params[name], plain.params[name]) for name in PARAMS)


# ---- torch conversion ----


@pytest.mark.parametrize("model_class", MODELS)
def test_to_torch_round_trip(model_class):
    torch = pytest.importorskip("torch")
    model = model_class(3, 4, seed=2)
    module = model.to_torch()
    assert type(module) is getattr(torch.nn, model_class.__name__)
    assert all(p.dtype == torch.float64 for p in module.parameters())
    back = model_class.from_torch(module)
    for name in PARAMS:
        np.testing.assert_array_equal(back.params[name], model.params[name])
    xs = np.random.default_rng(0).normal(size=(4, 2, 3))
    ours, _ = model.forward(xs)
    ref, _ = module(torch.tensor(xs))
    np.testing.assert_allclose(ours, ref.detach().numpy(), rtol=0, atol=1e-14)


@pytest.mark.parametrize(
    "model_class, kwargs, match",
    [
        (RNN, {"num_layers": 2}, "num_layers=1"),
        (LSTM, {"batch_first": True}, "batch_first=False"),
        (GRU, {"bidirectional": True}, "bidirectional=False"),
        (RNN, {"nonlinearity": "relu"}, "nonlinearity='tanh'"),
        (GRU, {"bias": False}, "bias=True"),
        (LSTM, {"proj_size": 2}, "proj_size=0"),
    ],
)
def test_from_torch_rejects_unsupported_modules(model_class, kwargs, match):
    with pytest.raises(ValueError, match=match):
        model_class.from_torch(torch_module(model_class, 3, 4, **kwargs))


def test_from_torch_rejects_other_classes_and_dtypes():
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError, match="GRU.from_torch needs a torch.nn.GRU; got LSTM"):
        GRU.from_torch(torch.nn.LSTM(3, 4))
    with pytest.raises(TypeError, match="needs a torch.nn.RNN; got GRU"):
        RNN.from_torch(torch.nn.GRU(3, 4))
    with pytest.raises(TypeError, match="module must be a torch.nn.LSTM; got dict"):
        LSTM.from_torch({"weight_ih_l0": 1})
    with pytest.raises(TypeError, match="float32 or float64"):
        RNN.from_torch(torch.nn.RNN(3, 4).half())


# ---- trace ----


@pytest.mark.parametrize("model_class", MODELS)
def test_trace_names_and_shapes(model_class):
    model = model_class(3, 4)
    with pytest.raises(RuntimeError, match="call model.forward"):
        model.trace
    ys, _ = model.forward(np.ones((5, 2, 3)))
    assert tuple(model.trace) == model_class.trace_names
    for value in model.trace.values():
        assert value.shape == (5, 2, 4) and value.dtype == np.float64
    np.testing.assert_array_equal(model.trace["hidden"], ys)
    model.forward(np.ones((2, 1, 3)))  # a new forward gives a new trace
    assert model.trace["hidden"].shape == (2, 1, 4)


def test_lstm_trace_reproduces_the_equations():
    rng = np.random.default_rng(3)
    model = LSTM(3, 4, seed=4)
    h0, c0 = rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    model.forward(rng.normal(size=(6, 2, 3)), (h0, c0))
    tr = model.trace
    c_prev = np.concatenate([c0[None], tr["cell"][:-1]])
    np.testing.assert_allclose(tr["cell"], tr["forget"] * c_prev + tr["input"] * tr["candidate"], atol=1e-15)
    np.testing.assert_allclose(tr["hidden"], tr["output"] * np.tanh(tr["cell"]), atol=1e-15)
    for gate in ("input", "forget", "output"):
        assert np.all((tr[gate] > 0) & (tr[gate] < 1))


def test_gru_trace_reproduces_the_update():
    rng = np.random.default_rng(4)
    model = GRU(3, 4, seed=5)
    h0 = rng.normal(size=(2, 4))
    model.forward(rng.normal(size=(5, 2, 3)), h0)
    tr = model.trace
    h_prev = np.concatenate([h0[None], tr["hidden"][:-1]])
    expected = (1 - tr["update"]) * tr["candidate"] + tr["update"] * h_prev
    np.testing.assert_allclose(tr["hidden"], expected, atol=1e-15)


# ---- forward and backward bookkeeping ----


@pytest.mark.parametrize("model_class", MODELS)
def test_forward_accepts_ints_and_returns_copies_of_the_state(model_class):
    model = model_class(2, 3)
    ys, state = model.forward(np.arange(12).reshape(3, 2, 2))
    assert ys.dtype == np.float64 and ys.shape == (3, 2, 3)
    h = state[0] if model_class is LSTM else state
    np.testing.assert_array_equal(h, ys[-1])
    h[...] = 0.0  # the caller owns the returned state
    assert np.any(ys[-1] != 0.0)
    grads = model.backward(np.ones((3, 2, 3)))
    assert grads["input"].shape == (3, 2, 2) and grads["h0"].shape == (2, 3)
    assert ("c0" in grads) == (model_class is LSTM)


def test_sigmoid_is_stable_and_accurate():
    x = np.array([-1000.0, -40.0, -3.0, 0.0, 2.0, 40.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(x)
    expected = [0.0, 0.0, 1 / (1 + np.exp(3)), 0.5, 1 / (1 + np.exp(-2)), 1.0, 1.0]
    np.testing.assert_allclose(s, expected, atol=1e-16)
    assert sigmoid(3).shape == () and sigmoid([1, 2]).dtype == np.float64
    with pytest.raises(TypeError, match="x must hold real numbers"):
        sigmoid(np.array([1j]))


# ---- errors ----


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((0, 3), ValueError, "input_size must be >= 1; got 0"),
        ((3, -1), ValueError, "hidden_size must be >= 1"),
        ((2.0, 3), TypeError, "input_size must be an int; got float"),
        ((True, 3), TypeError, "input_size must be an int; got bool"),
        ((2, 3, "a"), TypeError, "seed must be an int"),
    ],
)
def test_constructor_errors(args, error, match):
    with pytest.raises(error, match=match):
        GRU(*args)


@pytest.mark.parametrize("model_class, argument", [(LSTM, "forget_bias"), (GRU, "update_bias")])
@pytest.mark.parametrize(
    "bias, error, match",
    [("1", TypeError, "must be a real number or None; got str"), (True, TypeError, "must be a real number or None; got bool"),
     (np.inf, ValueError, "must be finite; got inf")],
)
def test_keeping_gate_bias_errors(model_class, argument, bias, error, match):
    with pytest.raises(error, match=f"{argument} {match}"):
        model_class(2, 3, **{argument: bias})


@pytest.mark.parametrize(
    "xs, error, match",
    [
        (np.ones((4, 2, 5)), ValueError,
         r"xs must have shape \(T, B, 3\) \(input_size=3, T, B >= 1\); got \(4, 2, 5\)"),
        (np.ones((4, 3)), ValueError, r"xs must have shape \(T, B, 3\).*got \(4, 3\)"),
        (np.ones((0, 2, 3)), ValueError, "T, B >= 1"),
        (np.ones((2, 0, 3)), ValueError, "T, B >= 1"),
        (np.ones((2, 2, 3), dtype=bool), TypeError, "xs must hold real numbers.*got dtype bool"),
        (np.ones((2, 2, 3), dtype=complex), TypeError, "dtype complex128"),
        (np.full((2, 2, 3), "a"), TypeError, "xs must hold real numbers"),
        (np.full((2, 2, 3), None), TypeError, "dtype object"),
        ("abc", TypeError, "xs must be a real array; got str"),
        ([[[1.0, 2.0, 3.0]], [[1.0]]], ValueError, "xs must be a rectangular real array"),
        (np.full((2, 2, 3), np.nan), ValueError, "xs must be finite"),
    ],
)
@pytest.mark.parametrize("model_class", MODELS)
def test_forward_rejects_bad_inputs(model_class, xs, error, match):
    with pytest.raises(error, match=match):
        model_class(3, 4).forward(xs)


@pytest.mark.parametrize(
    "model_class, state, error, match",
    [
        (RNN, np.zeros((3, 4)), ValueError, r"state must have shape \(2, 4\); got \(3, 4\)"),
        (GRU, np.zeros((2, 4), dtype=bool), TypeError, "state must hold real numbers"),
        (LSTM, np.zeros((2, 4)), TypeError, r"state must be a tuple \(h, c\) of \(B, H\) arrays; got ndarr"),
        (LSTM, (np.zeros((2, 4)),), TypeError, r"state must be a tuple \(h, c\)"),
        (LSTM, (np.zeros((2, 4)), np.zeros((2, 5))), ValueError, r"state c must have shape \(2, 4\)"),
    ],
)
def test_forward_rejects_bad_states(model_class, state, error, match):
    with pytest.raises(error, match=match):
        model_class(3, 4).forward(np.ones((5, 2, 3)), state)


@pytest.mark.parametrize("model_class", MODELS)
def test_backward_errors(model_class):
    model = model_class(3, 4)
    with pytest.raises(RuntimeError, match=f"{model_class.__name__}.backward needs a forward first"):
        model.backward(np.ones((5, 2, 4)))
    model.forward(np.ones((5, 2, 3)))
    with pytest.raises(ValueError, match=r"dys must have shape \(5, 2, 4\); got \(5, 2, 3\)"):
        model.backward(np.ones((5, 2, 3)))
    with pytest.raises(TypeError, match="dys must hold real numbers"):
        model.backward(np.ones((5, 2, 4), dtype=complex))
    with pytest.raises(ValueError, match="truncate must be >= 1; got 0"):
        model.backward(np.ones((5, 2, 4)), truncate=0)
    with pytest.raises(TypeError, match="truncate must be an int; got bool"):
        model.backward(np.ones((5, 2, 4)), truncate=True)
    with pytest.raises(TypeError, match="truncate must be an int; got float"):
        model.backward(np.ones((5, 2, 4)), truncate=2.0)
    assert model.backward(np.ones((5, 2, 4)), truncate=np.int64(2))["h0"].shape == (2, 4)


def test_broken_params_are_reported():
    model = RNN(3, 4)
    model.params["weight_hh_l0"] = np.zeros((4, 5))
    with pytest.raises(ValueError, match=r"params\['weight_hh_l0'\] must have shape \(4, 4\); got \(4, 5\)"):
        model.forward(np.ones((2, 1, 3)))
    model.params["weight_hh_l0"] = [[0.0] * 4] * 4
    with pytest.raises(TypeError, match=r"params\['weight_hh_l0'\] must be a float64 numpy array; got list"):
        model.forward(np.ones((2, 1, 3)))


def test_step_function_errors():
    rng = np.random.default_rng(0)
    x, h, c = rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    W_ih, W_hh, b = rng.normal(size=(4, 3)), rng.normal(size=(4, 4)), rng.normal(size=4)
    with pytest.raises(ValueError, match=r"W_hh must have shape \(4, 4\); got \(4, 3\)"):
        rnn_step_forward(x, h, W_ih, W_hh[:, :3], b, b)
    with pytest.raises(ValueError, match=r"h_prev must have shape \(B, H\) with B = 2"):
        rnn_step_forward(x, h[:1], W_ih, W_hh, b, b)
    with pytest.raises(ValueError, match=r"W_ih must have shape \(12, 3\)"):
        gru_step_forward(x, h, W_ih, W_hh, b, b)
    with pytest.raises(ValueError, match=r"c_prev must have shape \(2, 4\)"):
        lstm_step_forward(x, h, c[:, :3], np.tile(W_ih, (4, 1)), np.tile(W_hh, (4, 1)), np.tile(b, 4), b)
    _, cache = rnn_step_forward(x, h, W_ih, W_hh, b, b)
    with pytest.raises(ValueError, match=r"dh must have shape \(2, 4\); got \(2, 3\)"):
        rnn_step_backward(np.ones((2, 3)), cache)
    with pytest.raises(TypeError, match="cache must be the cache returned by lstm_step_forward"):
        lstm_step_backward(h, c, "cache")
