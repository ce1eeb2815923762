"""The contract of the numpy RNN, LSTM and GRU (DESIGN.md), on random shapes and on the edge cases.

Every check compares with torch autograd in float64, tensor by tensor: outputs, final state, and the
gradients of sum(ys * dys) for the parameters, the inputs and the initial state, with full or truncated
BPTT (the state detached every k steps). Agreement: max |ours - torch| / max |torch| <= 1e-8.
"""

import numpy as np
import pytest

from rnnbook.numpy_rnn import GRU, LSTM, RNN

torch = pytest.importorskip("torch")

MODELS = (RNN, LSTM, GRU)
TOL = 1e-8


def rel_error(ours, ref):
    """max |ours - ref| / max |ref| (max |ours| when ref is all zeros); shapes must agree."""
    ours, ref = np.asarray(ours, dtype=np.float64), np.asarray(ref, dtype=np.float64)
    assert ours.shape == ref.shape
    scale = np.abs(ref).max()
    return np.abs(ours - ref).max() / scale if scale > 0 else np.abs(ours).max()


def random_state(model_class, B, H, rng):
    """A random nonzero initial state: h (B, H), or (h, c) for the LSTM."""
    if model_class is LSTM:
        return (rng.normal(size=(B, H)), rng.normal(size=(B, H)))
    return rng.normal(size=(B, H))


def torch_reference(module, xs, state, dys, truncate):
    """ys, the final state (a tuple) and the gradients of sum(ys * dys) from torch, detached every k steps."""
    module = module.double()
    module.zero_grad()
    is_lstm = isinstance(module, torch.nn.LSTM)
    T, B = np.shape(xs)[:2]
    H = module.hidden_size
    if state is None:
        state = (np.zeros((B, H)),) * (2 if is_lstm else 1)
    elif not is_lstm:
        state = (state,)
    x = torch.tensor(np.array(xs, dtype=np.float64), requires_grad=True)
    leaves = [torch.tensor(np.array(s, dtype=np.float64)[None], requires_grad=True) for s in state]
    s = tuple(leaves) if is_lstm else leaves[0]
    k = T if truncate is None else truncate
    outputs = []
    for start in range(0, T, k):
        if start > 0:  # truncated BPTT: cut the graph behind the state at steps k, 2k, ...
            s = tuple(part.detach() for part in s) if is_lstm else s.detach()
        y, s = module(x[start : start + k], s)
        outputs.append(y)
    ys = torch.cat(outputs)  # (T, B, H)
    (ys * torch.tensor(dys)).sum().backward()
    grads = {name: p.grad.numpy().copy() for name, p in module.named_parameters()}
    grads["input"] = x.grad.numpy().copy()
    for name, leaf in zip(("h0", "c0"), leaves):
        grads[name] = leaf.grad[0].numpy().copy()
    final = tuple(part[0].detach().numpy() for part in (s if is_lstm else (s,)))
    return ys.detach().numpy(), final, grads


def assert_matches_torch(model, xs, state, dys, truncate, module=None):
    """Forward and backward of `model` agree with torch (on `module`, default model.to_torch())."""
    module = model.to_torch() if module is None else module
    ys_ref, final_ref, grads_ref = torch_reference(module, xs, state, dys, truncate)
    ys, final = model.forward(xs, state)
    grads = model.backward(dys, truncate=truncate)
    assert rel_error(ys, ys_ref) <= TOL
    for ours, ref in zip(final if isinstance(model, LSTM) else (final,), final_ref):
        assert rel_error(ours, ref) <= TOL
    for name, ref in grads_ref.items():
        assert rel_error(grads[name], ref) <= TOL, name


def random_problem(model_class, T, B, I, H, seed, with_state=True):
    """A model and random xs (T, B, I), an initial state (or None) and dys (T, B, H)."""
    rng = np.random.default_rng(seed)
    model = model_class(I, H, seed=seed)
    state = random_state(model_class, B, H, rng) if with_state else None
    return model, rng.normal(size=(T, B, I)), state, rng.normal(size=(T, B, H))


# ---- random shapes ----


@pytest.mark.parametrize("model_class", MODELS)
def test_random_shapes_and_truncations(model_class):
    rng = np.random.default_rng(7)
    for trial in range(25):
        T = int(rng.choice([1, 2, 3, 5, 8, 13, 30]))
        B, I, H = (int(rng.choice(sizes)) for sizes in ([1, 2, 3, 5], [1, 2, 4, 7], [1, 2, 3, 6]))
        truncate = [None, 1, int(rng.integers(1, T + 1)), T, T + int(rng.integers(1, 5))][trial % 5]
        model, xs, state, dys = random_problem(model_class, T, B, I, H, seed=trial, with_state=trial % 3 > 0)
        xs *= [0.1, 1.0, 4.0][trial % 3]  # small, ordinary and saturating inputs
        assert_matches_torch(model, xs, state, dys, truncate)


# ---- edge cases of shapes and truncation ----


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("truncate", [None, 1, 2, 5])
def test_all_sizes_one(model_class, truncate):
    assert_matches_torch(*random_problem(model_class, 1, 1, 1, 1, seed=3), truncate)


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("truncate", [None, 1, 7, 299, 300, 301])
def test_long_sequence(model_class, truncate):
    assert_matches_torch(*random_problem(model_class, 300, 2, 3, 4, seed=300), truncate)


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("T, truncate", [(10, 3), (10, 4), (11, 5), (7, 6), (5, 9)])
def test_truncation_not_dividing_T(model_class, T, truncate):
    assert_matches_torch(*random_problem(model_class, T, 3, 2, 3, seed=T + truncate), truncate)


# ---- inputs of any dtype and memory layout ----


def layouts(rng, T, B, I):
    """The same kind of input in several dtypes and memory layouts: name -> array (T, B, I)."""
    xs = rng.normal(size=(T, B, I))
    return {
        "int": rng.integers(-3, 4, size=(T, B, I)),
        "int8": rng.integers(-3, 4, size=(T, B, I)).astype(np.int8),
        "float32": xs.astype(np.float32),
        "fortran": np.asfortranarray(xs),
        "negative strides": rng.normal(size=(2 * T, B, I))[::-2, :, ::-1],
        "broadcast": np.broadcast_to(rng.normal(size=(1, 1, I)), (T, B, I)),
        "nested list": xs.tolist(),
    }


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("layout", list(layouts(np.random.default_rng(0), 1, 1, 1)))
def test_inputs_of_any_dtype_and_layout(model_class, layout):
    rng = np.random.default_rng(11)
    xs = layouts(rng, 6, 2, 3)[layout]
    model, _, state, dys = random_problem(model_class, 6, 2, 3, 4, seed=11)
    assert_matches_torch(model, xs, state, dys, truncate=4)


@pytest.mark.parametrize("model_class", MODELS)
def test_initial_state_as_int_or_broadcast_view(model_class):
    model, xs, _, dys = random_problem(model_class, 5, 3, 2, 4, seed=12)
    h0 = np.broadcast_to(np.arange(1, 5) / 4.0, (3, 4))  # a read-only view
    state = (h0, np.ones((3, 4), dtype=np.int32)) if model_class is LSTM else h0
    assert_matches_torch(model, xs, state, dys, truncate=2)


# ---- call order, repeated calls and in-place changes ----


@pytest.mark.parametrize("model_class", MODELS)
def test_backward_uses_the_last_forward(model_class):
    model, xs, state, dys = random_problem(model_class, 4, 2, 3, 5, seed=13)
    model.forward(np.ones((9, 3, 3)))  # another shape first
    assert_matches_torch(model, xs, state, dys, truncate=None)


@pytest.mark.parametrize("model_class", MODELS)
def test_backward_twice_gives_the_same_gradients(model_class):
    model, xs, state, dys = random_problem(model_class, 6, 2, 3, 4, seed=14)
    model.forward(xs, state)
    first = model.backward(dys, truncate=4)
    first_copy = {name: g.copy() for name, g in first.items()}
    for g in first.values():
        g *= 0.0  # the caller's arrays are its own
    second = model.backward(dys, truncate=4)
    for name in first_copy:
        np.testing.assert_array_equal(second[name], first_copy[name])


@pytest.mark.parametrize("model_class", MODELS)
def test_params_edited_in_place_between_forwards(model_class):
    model, xs, state, dys = random_problem(model_class, 5, 2, 3, 4, seed=15)
    model.forward(xs, state)
    for p in model.params.values():
        p *= 0.5  # an optimiser step
    assert_matches_torch(model, xs, state, dys, truncate=3)  # the new weights, on both sides


@pytest.mark.parametrize("model_class", MODELS)
def test_changes_after_forward_do_not_reach_backward(model_class):
    """Editing the weights, the inputs, the state or the returned arrays in place after forward leaves the
    gradients of that forward as they were."""
    model, xs, state, dys = random_problem(model_class, 5, 2, 3, 4, seed=16)
    _, _, grads_ref = torch_reference(model.to_torch(), xs, state, dys, truncate=2)
    ys, final = model.forward(xs, state)
    for array in [*model.params.values(), xs, ys, *(state if model_class is LSTM else [state]),
                  *(final if model_class is LSTM else [final])]:
        array += 1.0
    grads = model.backward(dys, truncate=2)
    for name, ref in grads_ref.items():
        assert rel_error(grads[name], ref) <= TOL, name


# ---- torch conversion ----


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_from_torch_after_training_steps(model_class, dtype):
    dtype = getattr(torch, dtype)
    torch.manual_seed(0)
    module = getattr(torch.nn, model_class.__name__)(3, 4, dtype=dtype)
    opt = torch.optim.Adam(module.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        ys, _ = module(torch.randn(5, 2, 3, dtype=dtype))
        ys.pow(2).sum().backward()
        opt.step()
    model = model_class.from_torch(module)
    for name, p in module.named_parameters():
        assert model.params[name].dtype == np.float64
        np.testing.assert_array_equal(model.params[name], p.detach().double().numpy())
    _, xs, state, dys = random_problem(model_class, 6, 2, 3, 4, seed=17)
    reference = getattr(torch.nn, model_class.__name__)(3, 4, dtype=torch.float64)
    reference.load_state_dict({name: p.double() for name, p in module.state_dict().items()})
    assert_matches_torch(model, xs, state, dys, truncate=4, module=reference)


@pytest.mark.parametrize("model_class", MODELS)
def test_to_torch_round_trip_keeps_every_bit(model_class):
    model = model_class(3, 5, seed=18)
    module = model.to_torch()
    assert all(p.dtype == torch.float64 for p in module.parameters())
    back = model_class.from_torch(module)
    for name, value in model.params.items():
        np.testing.assert_array_equal(back.params[name], value)


# ---- rejections ----


REJECTED = [
    ({"num_layers": 2}, ValueError, "num_layers=1"),
    ({"batch_first": True}, ValueError, "batch_first=False"),
    ({"bidirectional": True}, ValueError, "bidirectional=False"),
    ({"bias": False}, ValueError, "bias=True"),
]


@pytest.mark.parametrize("model_class", MODELS)
@pytest.mark.parametrize("kwargs, error, match", REJECTED)
def test_from_torch_rejects_unsupported_options(model_class, kwargs, error, match):
    module = getattr(torch.nn, model_class.__name__)(2, 3, **kwargs)
    with pytest.raises(error, match=f"{model_class.__name__}.from_torch needs {match}"):
        model_class.from_torch(module)


@pytest.mark.parametrize(
    "model_class, make_module, error, match",
    [
        (RNN, lambda: torch.nn.RNN(2, 3, nonlinearity="relu"), ValueError, "nonlinearity='tanh'"),
        (LSTM, lambda: torch.nn.LSTM(2, 3, proj_size=2), ValueError, "proj_size=0"),
        (RNN, lambda: torch.nn.LSTM(2, 3), TypeError, "RNN.from_torch needs a torch.nn.RNN; got LSTM"),
        (LSTM, lambda: torch.nn.GRU(2, 3), TypeError, "LSTM.from_torch needs a torch.nn.LSTM; got GRU"),
        (GRU, lambda: torch.nn.RNN(2, 3), TypeError, "GRU.from_torch needs a torch.nn.GRU; got RNN"),
        (GRU, lambda: torch.nn.Linear(2, 3), TypeError, "needs a torch.nn.GRU; got Linear"),
        (LSTM, lambda: torch.nn.LSTM, TypeError, "module must be a torch.nn.LSTM; got type"),
        (RNN, lambda: None, TypeError, "module must be a torch.nn.RNN; got NoneType"),
        (GRU, lambda: "gru", TypeError, "module must be a torch.nn.GRU; got str"),
        (LSTM, lambda: torch.nn.LSTM(2, 3).half(), TypeError, "float64 weights; got torch.float16"),
        (GRU, lambda: torch.nn.GRU(2, 3).bfloat16(), TypeError, "float64 weights; got torch.bfloat16"),
    ],
)
def test_from_torch_rejects_other_modules(model_class, make_module, error, match):
    with pytest.raises(error, match=match):
        model_class.from_torch(make_module())
