"""Gradients of the numpy RNN, LSTM and GRU: finite differences, and torch autograd as the oracle."""

import numpy as np
import pytest

from rnnbook.check import numerical_grad
from rnnbook.numpy_rnn import (
    GRU,
    LSTM,
    RNN,
    gru_step_backward,
    gru_step_forward,
    lstm_step_backward,
    lstm_step_forward,
    rnn_step_backward,
    rnn_step_forward,
)

torch = pytest.importorskip("torch")

PARAMS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
TORCH_CLASSES = {RNN: "RNN", LSTM: "LSTM", GRU: "GRU"}
MODELS = (RNN, LSTM, GRU)


def rel_error(ours, ref):
    """max |ours - ref| / max |ref| (or max |ours| when ref is all zeros)."""
    ours, ref = np.asarray(ours, dtype=np.float64), np.asarray(ref, dtype=np.float64)
    assert ours.shape == ref.shape
    scale = np.abs(ref).max()
    return np.abs(ours - ref).max() / scale if scale > 0 else np.abs(ours).max()


def random_state(model_class, B, H, rng):
    """A random initial state: h (B, H), or (h, c) for the LSTM."""
    if model_class is LSTM:
        return (rng.normal(size=(B, H)), rng.normal(size=(B, H)))
    return rng.normal(size=(B, H))


def torch_reference(module, xs, state, dys, truncate):
    """ys, final state and gradients of sum(ys * dys) from torch, detaching state every `truncate` steps."""
    T = xs.shape[0]
    is_lstm = isinstance(module, torch.nn.LSTM)
    states = state if is_lstm else (state,)
    x = torch.tensor(xs, requires_grad=True)
    leaves = [torch.tensor(s, requires_grad=True) for s in states]
    carried = tuple(leaf[None] for leaf in leaves)  # (1, B, H): torch's (num_layers, B, H)
    outputs = []
    for start in range(0, T, truncate):
        if start > 0:
            carried = tuple(s.detach() for s in carried)
        out, new = module(x[start : start + truncate], carried if is_lstm else carried[0])
        carried = new if is_lstm else (new,)
        outputs.append(out)
    ys = torch.cat(outputs)
    module.zero_grad()
    (ys * torch.tensor(dys)).sum().backward()
    grads = {name: getattr(module, name).grad.numpy() for name in PARAMS}
    grads["input"] = x.grad.numpy()
    for name, leaf in zip(("h0", "c0"), leaves):
        grads[name] = leaf.grad.numpy()
    final = tuple(s[0].detach().numpy() for s in carried)
    return ys.detach().numpy(), final, grads


def check_against_torch(model_class, T, B, I, H, truncate, seed, zero_state=False, tol=1e-8):
    """Build a float64 torch module, copy it with from_torch, and compare everything."""
    torch.manual_seed(seed)
    module = getattr(torch.nn, TORCH_CLASSES[model_class])(I, H).double()
    model = model_class.from_torch(module)
    rng = np.random.default_rng(seed)
    xs = rng.normal(size=(T, B, I))
    dys = rng.normal(size=(T, B, H))
    state = random_state(model_class, B, H, rng)
    if zero_state:
        state = tuple(np.zeros_like(s) for s in state) if model_class is LSTM else np.zeros_like(state)
    ys, final = model.forward(xs, None if zero_state else state)
    grads = model.backward(dys, truncate=truncate)
    ref_ys, ref_final, ref_grads = torch_reference(module, xs, state, dys, truncate or T)
    assert rel_error(ys, ref_ys) <= tol
    final = final if model_class is LSTM else (final,)
    for ours, ref in zip(final, ref_final):
        assert rel_error(ours, ref) <= tol
    assert set(grads) == set(ref_grads)
    for name, ref in ref_grads.items():
        assert grads[name].shape == ref.shape, name
        assert rel_error(grads[name], ref) <= tol, (name, rel_error(grads[name], ref))


# ---- finite differences: the step functions ----


def step_setup(num_gates, rng, B=3, I=4, H=5):
    """Random arguments of a step function with G = num_gates."""
    GH = num_gates * H
    arrays = {
        "x": rng.normal(size=(B, I)),
        "h_prev": rng.normal(size=(B, H)),
        "W_ih": rng.normal(size=(GH, I)) * 0.5,
        "W_hh": rng.normal(size=(GH, H)) * 0.5,
        "b_ih": rng.normal(size=GH),
        "b_hh": rng.normal(size=GH),
    }
    return arrays, rng.normal(size=(B, H)), rng.normal(size=(B, H))


@pytest.mark.parametrize("kind", ["rnn", "gru"])
def test_rnn_and_gru_step_backward_match_finite_differences(kind):
    step_forward, step_backward, G = {
        "rnn": (rnn_step_forward, rnn_step_backward, 1),
        "gru": (gru_step_forward, gru_step_backward, 3),
    }[kind]
    args, dh, _ = step_setup(G, np.random.default_rng(0))
    names = ["x", "h_prev", "W_ih", "W_hh", "b_ih", "b_hh"]

    def loss():
        h, _ = step_forward(*[args[n] for n in names])
        return np.sum(h * dh)

    _, cache = step_forward(*[args[n] for n in names])
    grads = dict(zip(["x", "h_prev", "W_ih", "W_hh", "b_ih", "b_hh"], step_backward(dh, cache)))
    for name in names:
        assert rel_error(grads[name], numerical_grad(loss, args[name])) < 1e-7, name


def test_lstm_step_backward_matches_finite_differences():
    rng = np.random.default_rng(1)
    args, dh, dc = step_setup(4, rng)
    args["c_prev"] = rng.normal(size=dh.shape)
    names = ["x", "h_prev", "c_prev", "W_ih", "W_hh", "b_ih", "b_hh"]

    def loss():
        h, c, _ = lstm_step_forward(*[args[n] for n in names])
        return np.sum(h * dh) + np.sum(c * dc)

    _, _, cache = lstm_step_forward(*[args[n] for n in names])
    grads = dict(zip(names[:3] + ["W_ih", "W_hh", "b_ih", "b_hh"], lstm_step_backward(dh, dc, cache)))
    for name in names:
        assert rel_error(grads[name], numerical_grad(loss, args[name])) < 1e-7, name


# ---- finite differences: the models, full and truncated ----


def surrogate_loss(model, xs, state0, boundary_states, dys, truncate):
    """sum(ys * dys) with the state entering each chunk of `truncate` steps held fixed (what detach means)."""
    total = 0.0
    for chunk, start in enumerate(range(0, xs.shape[0], truncate)):
        state = state0 if chunk == 0 else boundary_states[chunk - 1]
        ys, _ = model.forward(xs[start : start + truncate], state)
        total += np.sum(ys * dys[start : start + truncate])
    return total


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("truncate", [None, 2])
def test_model_backward_matches_finite_differences(model_class, truncate):
    T, B, I, H = 5, 2, 3, 2
    rng = np.random.default_rng(2)
    model = model_class(I, H, seed=3)
    xs = rng.normal(size=(T, B, I))
    dys = rng.normal(size=(T, B, H))
    state0 = random_state(model_class, B, H, rng)
    model.forward(xs, state0)
    k = truncate or T
    # The states at the chunk boundaries, from the full forward (the detached values):
    boundaries = []
    for end in range(k, T, k):
        h = model.trace["hidden"][end - 1].copy()
        boundaries.append((h, model.trace["cell"][end - 1].copy()) if model_class is LSTM else h)
    grads = model.backward(dys, truncate=truncate)

    def loss():
        return surrogate_loss(model, xs, state0, boundaries, dys, k)

    for name in PARAMS:
        assert rel_error(grads[name], numerical_grad(loss, model.params[name])) < 1e-7, name
    assert rel_error(grads["input"], numerical_grad(loss, xs)) < 1e-7
    initial = state0 if model_class is LSTM else (state0,)
    for name, array in zip(("h0", "c0"), initial):
        assert rel_error(grads[name], numerical_grad(loss, array)) < 1e-7, name


# ---- torch autograd as the oracle ----


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize(
    "T, B, I, H",
    [(1, 1, 1, 1), (1, 3, 2, 4), (4, 1, 3, 2), (6, 4, 5, 3), (3, 2, 4, 4)],
)
def test_matches_torch_full_bptt(model_class, T, B, I, H):
    check_against_torch(model_class, T, B, I, H, truncate=None, seed=T * 100 + B * 10 + I + H)


@pytest.mark.parametrize("model_class", MODELS)
def test_matches_torch_with_zero_initial_state(model_class):
    check_against_torch(model_class, 5, 3, 2, 4, truncate=None, seed=11, zero_state=True)


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("truncate", [1, 2, 3, 7, 12])
def test_matches_torch_truncated_bptt(model_class, truncate):
    check_against_torch(model_class, 7, 2, 3, 4, truncate=truncate, seed=truncate)


@pytest.mark.parametrize("model_class", MODELS)
def test_from_float32_torch_module(model_class):
    torch.manual_seed(5)
    module = getattr(torch.nn, TORCH_CLASSES[model_class])(3, 4)  # float32
    model = model_class.from_torch(module)
    for name in PARAMS:
        assert model.params[name].dtype == np.float64
        np.testing.assert_array_equal(model.params[name], getattr(module, name).detach().double().numpy())
    xs = np.random.default_rng(0).normal(size=(5, 2, 3))
    ys, _ = model.forward(xs)
    ref, _ = module.double()(torch.tensor(xs))
    assert rel_error(ys, ref.detach().numpy()) <= 1e-12


def test_contract_holds_on_random_shapes():
    """A seeded sweep over random (model, T, B, I, H, truncate): parity with torch on arbitrary shapes."""
    rng = np.random.default_rng(2024)
    for trial in range(20):
        model_class = MODELS[trial % 3]
        T, B, I, H = (int(v) for v in rng.integers(1, [9, 5, 6, 6]))
        truncate = [None, int(rng.integers(1, T + 3))][trial % 2]
        check_against_torch(model_class, T, B, I, H, truncate=truncate, seed=trial)


@pytest.mark.parametrize("model_class", MODELS)
def test_truncate_at_least_T_equals_full_bptt(model_class):
    rng = np.random.default_rng(6)
    model = model_class(3, 4, seed=1)
    xs = rng.normal(size=(6, 2, 3))
    dys = rng.normal(size=(6, 2, 4))
    model.forward(xs, random_state(model_class, 2, 4, rng))
    full = model.backward(dys)
    for truncate in (6, 7, 100):
        cut = model.backward(dys, truncate=truncate)
        for name in full:
            np.testing.assert_array_equal(cut[name], full[name])
    shorter = model.backward(dys, truncate=5)
    assert not np.array_equal(shorter["weight_hh_l0"], full["weight_hh_l0"])
