"""The numpy RNN, LSTM and GRU: torch autograd is the oracle, finite differences check the step functions.
The contract: outputs, final state and the gradients of sum(ys * dys) (parameters, inputs, initial state)
agree with torch in float64 (relative error <= 1e-8 per tensor), with full or truncated BPTT (torch's state
detached at steps k, 2k, ...)."""
import numpy as np
import pytest
import torch

from conftest import clear_errors_test
from rnnbook.check import numerical_grad, rel_error
from rnnbook.numpy_rnn import (GRU, LSTM, RNN, gru_step_backward, gru_step_forward, lstm_step_backward,
                               lstm_step_forward, rnn_step_backward, rnn_step_forward)

MODELS = (RNN, LSTM, GRU)
PARAMS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
TOL = 1e-8


def random_problem(model_class, T, B, I, H, seed, with_state=True, **options):
    """A model and random xs (T, B, I), an initial state (None when not with_state) and dys (T, B, H)."""
    rng = np.random.default_rng(seed)
    model = model_class(I, H, seed=seed, **options)
    state = [rng.normal(size=(B, H)) for _ in model.state_names] if with_state else None
    state = state if state is None or model_class is LSTM else state[0]
    return model, rng.normal(size=(T, B, I)), state, rng.normal(size=(T, B, H))


def torch_reference(module, xs, state, dys, k):
    """ys, the final state (a list) and the gradients of sum(ys * dys) by torch, detached every k steps."""
    lstm = isinstance(module, torch.nn.LSTM)
    x = torch.tensor(np.asarray(xs, dtype=np.float64), requires_grad=True)
    leaves = [torch.tensor(s[None], requires_grad=True) for s in (state if lstm else [state])]  # (1, B, H)
    s, outputs = tuple(leaves) if lstm else leaves[0], []
    for start in range(0, len(x), k):  # truncated BPTT: the graph cut behind the state at steps k, 2k, ...
        s = s if start == 0 else tuple(part.detach() for part in s) if lstm else s.detach()
        y, s = module(x[start : start + k], s)
        outputs.append(y)
    ys = torch.cat(outputs)
    (ys * torch.tensor(dys)).sum().backward()
    grads = {**{name: p.grad.numpy() for name, p in module.named_parameters()}, "input": x.grad.numpy(),
             **{name: leaf.grad[0].numpy() for name, leaf in zip(("h0", "c0"), leaves)}}
    return ys.detach().numpy(), [part[0].detach().numpy() for part in (s if lstm else [s])], grads


def assert_matches_torch(model, xs, state, dys, truncate, module=None):
    """Forward and backward of `model` agree with torch's (on `module`, by default model.to_torch())."""
    module = model.to_torch() if module is None else module
    zeros = np.zeros(dys.shape[1:])  # (B, H)
    torch_state = state if state is not None else [zeros, zeros] if isinstance(model, LSTM) else zeros
    ys_ref, final_ref, grads_ref = torch_reference(module, xs, torch_state, dys, truncate or len(xs))
    ys, final = model.forward(xs, state)
    grads = model.backward(dys, truncate=truncate)
    assert set(grads) == set(grads_ref) and rel_error(ys, ys_ref) <= TOL
    for ours, ref in zip(final if isinstance(model, LSTM) else [final], final_ref):
        assert rel_error(ours, ref) <= TOL
    for name, ref in grads_ref.items():
        assert rel_error(grads[name], ref) <= TOL, name


CASES = [(*case, sum(case[:4]), 1.0, False) for case in [  # T, B, I, H, truncate, with an initial state
    (1, 1, 1, 1, None, True), (1, 3, 2, 4, None, False), (4, 1, 3, 2, None, True), (6, 4, 5, 3, None, True),
    (7, 2, 3, 4, 1, True), (7, 2, 3, 4, 2, False), (10, 3, 2, 3, 3, True), (11, 3, 2, 3, 5, True),
    (7, 2, 3, 4, 7, True), (5, 2, 3, 4, 9, True), (60, 2, 3, 4, 7, True), (60, 2, 3, 4, None, False)]]
RNG = np.random.default_rng(7)
for trial in range(12):  # random shapes; small, ordinary and saturating inputs; integer inputs are accepted
    T, B, I, H = (int(n) for n in RNG.integers(1, [14, 5, 7, 7]))
    truncate = [None, int(RNG.integers(1, T + 3))][trial % 2]
    CASES.append((T, B, I, H, truncate, trial % 3 > 0, trial, [0.1, 1.0, 4.0][trial % 3], trial % 4 == 3))


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("T, B, I, H, truncate, with_state, seed, scale, integers", CASES)
def test_matches_torch(model_class, T, B, I, H, truncate, with_state, seed, scale, integers):
    model, xs, state, dys = random_problem(model_class, T, B, I, H, seed=seed, with_state=with_state)
    xs = np.round(xs * scale).astype(int) if integers else xs * scale
    assert_matches_torch(model, xs, state, dys, truncate)


@pytest.mark.parametrize("model_class, option, value",
                         [(LSTM, "forget_bias", None), (LSTM, "forget_bias", 5.0), (GRU, "update_bias", 2.0)])
def test_keeping_gate_bias_options_and_defaults(model_class, option, value):
    H = 4
    model, plain = (model_class(3, H, seed=1, **{option: bias}) for bias in (value, None))
    keep = np.ones(model_class.gates * H, dtype=bool)
    keep[H : 2 * H] = value is None  # the second gate: forget (i, f, g, o) or update (r, z, n)
    for name in PARAMS:  # everything but those rows is torch's uniform init
        assert np.array_equal(model.params[name][keep], plain.params[name][keep])
    if value is not None:
        assert np.all(model.params["bias_ih_l0"][H : 2 * H] == value)
        assert np.all(model.params["bias_hh_l0"][H : 2 * H] == 0.0)
    assert_matches_torch(model, *random_problem(model_class, 6, 2, 3, H, seed=2)[1:], truncate=4)
    lstm, gru, plain_gru = LSTM(3, 4, seed=1), GRU(3, 4, seed=1), GRU(3, 4, seed=1, update_bias=None)
    assert np.all(lstm.params["bias_ih_l0"][4:8] + lstm.params["bias_hh_l0"][4:8] == 1.0)  # forget_bias=1.0
    assert all(np.array_equal(gru.params[n], plain_gru.params[n]) for n in PARAMS)  # the GRU: torch's init


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_from_torch_and_back(model_class, dtype):
    torch.manual_seed(0)
    module = getattr(torch.nn, model_class.__name__)(3, 4, dtype=dtype)
    model = model_class.from_torch(module)
    for name, p in module.named_parameters():
        assert model.params[name].dtype == np.float64
        assert np.array_equal(model.params[name], p.detach().double().numpy())
    assert model.num_parameters() == sum(p.numel() for p in module.parameters())
    assert_matches_torch(model, *random_problem(model_class, 6, 2, 3, 4, seed=3)[1:], truncate=4,
                         module=module.double())
    back = model.to_torch()  # and back to torch, every bit kept
    assert type(back) is getattr(torch.nn, model_class.__name__)
    assert all(p.dtype == torch.float64 for p in back.parameters())
    again = model_class.from_torch(back).params
    assert all(np.array_equal(again[name], model.params[name]) for name in PARAMS)


STEPS = {  # forward, backward, gates, states (h, or h and c)
    "rnn": (rnn_step_forward, rnn_step_backward, 1, 1), "gru": (gru_step_forward, gru_step_backward, 3, 1),
    "lstm": (lstm_step_forward, lstm_step_backward, 4, 2)}


@pytest.mark.parametrize("kind", STEPS)
def test_step_backward_matches_finite_differences(kind):
    step_forward, step_backward, G, n = STEPS[kind]
    rng = np.random.default_rng(6)
    B, H = 3, 5
    args = [rng.normal(size=(B, G * H)), *rng.normal(size=(n, B, H)), 0.5 * rng.normal(size=(G * H, H)),
            rng.normal(size=G * H)]  # the input's votes, the states, W_hh, b_hh
    d_out = rng.normal(size=(n, B, H))  # the loss is sum(h * dh) (+ sum(c * dc))

    def loss():
        return sum(np.sum(out * d) for out, d in zip(step_forward(*args)[:n], d_out))

    d_x_votes, d_h_votes, *d_states = step_backward(*d_out, step_forward(*args)[-1])
    grads = [d_x_votes, *d_states, d_h_votes.T @ args[1], d_h_votes.sum(axis=0)]  # W_hh's: from h_prev
    for arg, grad in zip(args, grads, strict=True):
        assert rel_error(grad, numerical_grad(loss, arg)) < 1e-7


@pytest.mark.parametrize("model_class, names", [
    (RNN, ["hidden"]), (GRU, ["reset", "update", "candidate", "hidden"]),
    (LSTM, ["input", "forget", "candidate", "output", "cell", "hidden"])])
def test_trace_and_truncate_at_least_T_is_full_bptt(model_class, names):
    model, xs, state, dys = random_problem(model_class, 5, 2, 3, 4, seed=8)
    ys, trace = model.forward(xs, state)[0], model.trace
    assert list(trace) == names and all(value.shape == (5, 2, 4) for value in trace.values())
    assert np.array_equal(trace["hidden"], ys)
    h_prev = np.concatenate([(state[0] if model_class is LSTM else state)[None], ys[:-1]])
    if model_class is LSTM:
        c_prev = np.concatenate([state[1][None], trace["cell"][:-1]])
        cell = trace["forget"] * c_prev + trace["input"] * trace["candidate"]
        assert rel_error(trace["cell"], cell) < 1e-15
        assert rel_error(ys, trace["output"] * np.tanh(trace["cell"])) < 1e-15
    if model_class is GRU:
        assert rel_error(ys, (1 - trace["update"]) * trace["candidate"] + trace["update"] * h_prev) < 1e-15
    full = model.backward(dys)  # a truncation at T = 5 or beyond is full BPTT, bit for bit
    for truncate in (5, 6, 100):
        assert all(np.array_equal(model.backward(dys, truncate=truncate)[n], full[n]) for n in full)
    assert not np.array_equal(model.backward(dys, truncate=4)["weight_hh_l0"], full["weight_hh_l0"])


def forwarded(model_class):  # a model (input_size 3, hidden_size 4) after a forward over (T, B) = (5, 2)
    (model := model_class(3, 4)).forward(np.zeros((5, 2, 3)))
    return model


ERRORS = [
    (lambda: RNN(0, 4), ValueError, "input_size must be >= 1; got 0"),
    (lambda: LSTM(3, 2.0), TypeError, "hidden_size must be an int; got float"),
    (lambda: GRU(3, 4, seed=-1), ValueError, "seed must be >= 0; got -1"),
    (lambda: GRU(3, 4, seed=np.random.RandomState(0)), TypeError, "seed must be an int"),
    (lambda: RNN(3, 4).forward(np.zeros((5, 2, 2))), ValueError,
     r"xs must have shape \(T, B, input_size=3\) with T, B >= 1; got \(5, 2, 2\)"),
    (lambda: GRU(3, 4).forward(np.zeros((5, 3))), ValueError, r"xs must have shape .*; got \(5, 3\)"),
    (lambda: LSTM(3, 4).forward(np.zeros((0, 2, 3))), ValueError, "T, B >= 1"),
    (lambda: RNN(3, 4).forward(np.full((5, 2, 3), np.nan)), ValueError, "xs must be finite"),
    (lambda: RNN(3, 4).forward(np.zeros((5, 2, 3)), np.zeros((3, 4))), ValueError,
     r"state h must have shape \(2, 4\); got \(3, 4\)"),
    (lambda: LSTM(3, 4).forward(np.zeros((5, 2, 3)), np.zeros((2, 4))), TypeError,
     r"state must be a tuple \(h, c\)"),
    (lambda: LSTM(3, 4).forward(np.zeros((5, 2, 3)), (np.zeros((2, 4)), np.zeros((2, 5)))), ValueError,
     r"state c must have shape \(2, 4\)"),
    (lambda: GRU(3, 4).backward(np.zeros((5, 2, 4))), RuntimeError, r"GRU.backward needs a forward first"),
    (lambda: forwarded(LSTM).backward(np.zeros((5, 2, 3))), ValueError, r"dys must have shape \(5, 2, 4\)"),
    (lambda: forwarded(RNN).backward(np.zeros((5, 2, 4)), truncate=0), ValueError, "truncate must be >= 1"),
    (lambda: forwarded(GRU).backward(np.zeros((5, 2, 4)), truncate=2.0), TypeError, "truncate must be an"),
    (lambda: RNN.from_torch(torch.nn.RNN(2, 3, num_layers=2)), ValueError, "RNN.from_torch needs num_layers"),
    (lambda: LSTM.from_torch(torch.nn.LSTM(2, 3, batch_first=True)), ValueError, "needs batch_first=False"),
    (lambda: GRU.from_torch(torch.nn.GRU(2, 3, bidirectional=True)), ValueError, "needs bidirectional=False"),
    (lambda: GRU.from_torch(torch.nn.GRU(2, 3, bias=False)), ValueError, "needs bias=True"),
    (lambda: RNN.from_torch(torch.nn.RNN(2, 3, nonlinearity="relu")), ValueError, "nonlinearity='tanh'"),
    (lambda: LSTM.from_torch(torch.nn.LSTM(2, 3, proj_size=2)), ValueError, "needs proj_size=0"),
    (lambda: LSTM.from_torch(torch.nn.GRU(2, 3)), TypeError, "LSTM.from_torch needs a torch.nn.LSTM; got"),
    (lambda: RNN.from_torch(None), TypeError, "needs a torch.nn.RNN; got NoneType"),
    (lambda: GRU.from_torch(torch.nn.GRU(2, 3).half()), TypeError, "float32 or float64 weights; got")]
test_clear_errors = clear_errors_test(ERRORS)
