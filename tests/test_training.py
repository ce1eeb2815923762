"""Tests of the numpy training pieces: softmax cross-entropy, clipping, optimisers, readout, training loop."""

import numpy as np
import pytest
import torch

from rnnbook.check import numerical_grad
from rnnbook.numpy_rnn.functions import log_softmax, softmax, softmax_cross_entropy
from rnnbook.numpy_rnn.gru import GRU
from rnnbook.numpy_rnn.lstm import LSTM
from rnnbook.numpy_rnn.optim import SGD, Adam, clip_gradients
from rnnbook.numpy_rnn.rnn import RNN
from rnnbook.numpy_rnn.training import Readout, TrainHistory, accuracy, predict, train_next_item


def rel_error(a, b):
    return np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-12)


# ---- functions ----


def test_softmax_is_stable_and_sums_to_one():
    logits = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]])
    probs = softmax(logits)
    assert np.all(np.isfinite(probs))
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0)
    np.testing.assert_allclose(probs[0], softmax(np.array([0.0, 1.0, 2.0])))
    np.testing.assert_allclose(np.exp(log_softmax(logits)), probs)
    np.testing.assert_allclose(softmax(logits, axis=0).sum(axis=0), 1.0)


def test_softmax_cross_entropy_matches_torch_and_finite_differences():
    rng = np.random.default_rng(0)
    logits = rng.standard_normal((4, 3, 5))
    targets = rng.integers(0, 5, size=(4, 3))
    loss, dlogits = softmax_cross_entropy(logits, targets)
    z = torch.tensor(logits, requires_grad=True)
    ref = torch.nn.functional.cross_entropy(z.reshape(-1, 5), torch.tensor(targets).reshape(-1))
    ref.backward()
    assert abs(loss - ref.item()) < 1e-12
    assert rel_error(dlogits, z.grad.numpy()) < 1e-10
    numeric = numerical_grad(lambda: softmax_cross_entropy(logits, targets)[0], logits)
    assert rel_error(dlogits, numeric) < 1e-7


def test_softmax_cross_entropy_ignore_index():
    rng = np.random.default_rng(1)
    logits = rng.standard_normal((3, 2, 4))
    targets = np.array([[-1, 2], [0, -1], [3, 1]])
    loss, dlogits = softmax_cross_entropy(logits, targets, ignore_index=-1)
    z = torch.tensor(logits, requires_grad=True)
    ref = torch.nn.functional.cross_entropy(z.reshape(-1, 4), torch.tensor(targets).reshape(-1), ignore_index=-1)
    ref.backward()
    assert abs(loss - ref.item()) < 1e-12
    assert rel_error(dlogits, z.grad.numpy()) < 1e-10
    assert np.all(dlogits[0, 0] == 0)


def test_softmax_cross_entropy_bad_inputs():
    logits = np.zeros((2, 3))
    with pytest.raises(TypeError, match="targets must be an integer array"):
        softmax_cross_entropy(logits, np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match=r"targets must have shape \(2,\)"):
        softmax_cross_entropy(logits, np.array([0, 1, 2]))
    with pytest.raises(ValueError, match=r"targets must lie in \[0, 3\)"):
        softmax_cross_entropy(logits, np.array([0, 3]))
    with pytest.raises(ValueError, match="every target equals ignore_index"):
        softmax_cross_entropy(logits, np.array([-1, -1]), ignore_index=-1)
    with pytest.raises(TypeError, match="logits must be a real numeric array"):
        softmax(np.array(["a", "b"]))
    with pytest.raises(ValueError, match="logits must have shape"):
        softmax(np.float64(1.0))


# ---- clipping and optimisers ----


def test_clip_gradients_matches_torch():
    rng = np.random.default_rng(2)
    for max_norm in (0.5, 100.0):
        grads = {"a": rng.standard_normal((3, 4)), "b": rng.standard_normal(5)}
        tensors = [torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64)) for g in grads.values()]
        for t, g in zip(tensors, grads.values()):
            t.grad = torch.tensor(g)
        ref_norm = torch.nn.utils.clip_grad_norm_(tensors, max_norm)
        norm = clip_gradients(grads, max_norm)
        assert abs(norm - ref_norm.item()) < 1e-12
        for t, g in zip(tensors, grads.values()):
            assert rel_error(g, t.grad.numpy()) < 1e-12
    assert np.sqrt(sum(np.sum(g * g) for g in grads.values())) <= 100.0


def run_against_torch(make_ours, make_torch, steps=6):
    """Apply the same gradients for several steps to our optimiser and torch's; return the max difference."""
    rng = np.random.default_rng(3)
    params = {"w": rng.standard_normal((3, 2)), "b": rng.standard_normal(3)}
    tensors = {k: torch.nn.Parameter(torch.tensor(v.copy())) for k, v in params.items()}
    ours = make_ours(params)
    theirs = make_torch(list(tensors.values()))
    worst = 0.0
    for _ in range(steps):
        grads = {k: rng.standard_normal(v.shape) for k, v in params.items()}
        grads["input"] = rng.standard_normal(7)  # an extra key, ignored
        ours.step(grads)
        for k, t in tensors.items():
            t.grad = torch.tensor(grads[k])
        theirs.step()
        worst = max(worst, max(rel_error(params[k], tensors[k].detach().numpy()) for k in params))
    return worst


def test_adam_matches_torch():
    worst = run_against_torch(
        lambda p: Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6),
        lambda t: torch.optim.Adam(t, lr=0.05, betas=(0.8, 0.99), eps=1e-6),
    )
    assert worst < 1e-12


def test_sgd_with_and_without_momentum_matches_torch():
    for momentum in (0.0, 0.9):
        worst = run_against_torch(
            lambda p: SGD(p, lr=0.1, momentum=momentum),
            lambda t: torch.optim.SGD(t, lr=0.1, momentum=momentum),
        )
        assert worst < 1e-12


def test_optimisers_bad_inputs():
    params = {"w": np.zeros((2, 2))}
    with pytest.raises(TypeError, match="params must be a non-empty dict"):
        SGD([np.zeros(2)], lr=0.1)
    with pytest.raises(TypeError, match=r"params\['w'\] must be a float numpy array; got dtype int64"):
        Adam({"w": np.zeros(2, dtype=np.int64)})
    with pytest.raises(ValueError, match="lr must be a finite number > 0; got -1"):
        SGD(params, lr=-1)
    with pytest.raises(ValueError, match="momentum must be a number in"):
        SGD(params, lr=0.1, momentum=1.0)
    with pytest.raises(ValueError, match="betas must be two numbers"):
        Adam(params, betas=(0.9,))
    with pytest.raises(ValueError, match=r"grads is missing the parameters \['w'\]"):
        Adam(params).step({"v": np.zeros((2, 2))})
    with pytest.raises(ValueError, match=r"grads\['w'\] must have shape \(2, 2\); got \(3,\)"):
        SGD(params, lr=0.1).step({"w": np.zeros(3)})
    with pytest.raises(ValueError, match="max_norm must be a finite number > 0"):
        clip_gradients({"w": np.ones(2)}, 0)


# ---- readout ----


def test_readout_matches_torch_linear():
    rng = np.random.default_rng(4)
    readout = Readout(4, 3, seed=1)
    hs = rng.standard_normal((5, 2, 4))
    dlogits = rng.standard_normal((5, 2, 3))
    logits = readout.forward(hs)
    grads, dhs = readout.backward(dlogits)
    linear = torch.nn.Linear(4, 3, dtype=torch.float64)
    with torch.no_grad():
        linear.weight.copy_(torch.tensor(readout.params["weight"]))
        linear.bias.copy_(torch.tensor(readout.params["bias"]))
    h = torch.tensor(hs, requires_grad=True)
    out = linear(h)
    (out * torch.tensor(dlogits)).sum().backward()
    assert rel_error(logits, out.detach().numpy()) < 1e-12
    assert rel_error(grads["weight"], linear.weight.grad.numpy()) < 1e-12
    assert rel_error(grads["bias"], linear.bias.grad.numpy()) < 1e-12
    assert rel_error(dhs, h.grad.numpy()) < 1e-12


def test_readout_bad_inputs():
    readout = Readout(4, 3)
    with pytest.raises(ValueError, match=r"hs must be a real array of shape \(\.\.\., 4\)"):
        readout.forward(np.zeros((2, 5)))
    with pytest.raises(RuntimeError, match="Readout.backward needs a forward first"):
        readout.backward(np.zeros((2, 3)))
    readout.forward(np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"dlogits must have shape \(2, 3\)"):
        readout.backward(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="hidden_size must be >= 1"):
        Readout(0, 3)


# ---- the training loop ----


def cycle_data(T=12, B=4, V=3, seed=0):
    """The dinner cycle 0 -> 1 -> 2 -> 0 from random starting dishes: one-hot inputs and next-item targets."""
    starts = np.random.default_rng(seed).integers(0, V, size=B)
    items = (starts[None, :] + np.arange(T + 1)[:, None]) % V  # (T + 1, B)
    return np.eye(V)[items[:-1]], items[1:]


@pytest.mark.parametrize("model_class", [RNN, LSTM, GRU])
def test_train_next_item_learns_the_cycle(model_class):
    inputs, targets = cycle_data()
    model = model_class(3, 8, seed=0)
    readout = Readout(8, 3, seed=0)
    history = train_next_item(model, readout, inputs, targets, steps=60, lr=0.05)
    assert isinstance(history, TrainHistory)
    assert len(history.loss) == len(history.grad_norm) == 60
    assert history.loss[-1] < 0.1 * history.loss[0]
    assert history.accuracy == 1.0
    probs = predict(model, readout, inputs)
    assert probs.shape == (12, 4, 3)
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0)
    assert accuracy(model, readout, inputs, targets) == 1.0


def test_one_sgd_step_matches_torch():
    """With SGD and lr=1, the change of every weight is minus torch's gradient of the same loss."""
    rng = np.random.default_rng(5)
    inputs = rng.standard_normal((6, 3, 2))
    targets = rng.integers(0, 4, size=(6, 3))
    model, readout = RNN(2, 5, seed=1), Readout(5, 4, seed=2)
    rnn = torch.nn.RNN(2, 5, dtype=torch.float64)
    linear = torch.nn.Linear(5, 4, dtype=torch.float64)
    with torch.no_grad():
        for name, value in model.params.items():
            getattr(rnn, name).copy_(torch.tensor(value))
        linear.weight.copy_(torch.tensor(readout.params["weight"]))
        linear.bias.copy_(torch.tensor(readout.params["bias"]))
    before = {k: v.copy() for k, v in model.params.items()}
    train_next_item(model, readout, inputs, targets, steps=1, lr=1.0, optimizer="sgd")
    hs, _ = rnn(torch.tensor(inputs))
    loss = torch.nn.functional.cross_entropy(linear(hs).reshape(-1, 4), torch.tensor(targets).reshape(-1))
    loss.backward()
    for name in before:
        assert rel_error(before[name] - model.params[name], getattr(rnn, name).grad.numpy()) < 1e-10


def test_many_to_one_targets_clip_truncate_and_batches():
    """Targets of -1 are skipped; clipping bounds the step; LSTM states and minibatches work."""
    rng = np.random.default_rng(6)
    T, B = 5, 16
    tokens = rng.integers(0, 2, size=(T, B))
    inputs = np.eye(2)[tokens]  # (T, B, 2)
    targets = np.full((T, B), -1)
    targets[-1] = tokens[0]  # remember the first token until the end
    model, readout = LSTM(2, 8, seed=0), Readout(8, 2, seed=0)
    history = train_next_item(
        model, readout, inputs, targets, steps=80, lr=0.05, clip=1.0, truncate=10, batch_size=8, seed=1
    )
    assert len(history.loss) == 80
    assert history.accuracy == 1.0
    assert min(history.grad_norm) > 0


def test_labels_per_sequence_score_the_last_step():
    rng = np.random.default_rng(7)
    inputs = rng.standard_normal((4, 3, 2))
    labels = np.array([0, 2, 1])
    padded = np.full((4, 3), -1)
    padded[-1] = labels
    losses = []
    for targets in (labels, padded):
        model, readout = RNN(2, 5, seed=1), Readout(5, 3, seed=1)
        losses.append(train_next_item(model, readout, inputs, targets, steps=3, lr=0.1).loss)
    assert losses[0] == losses[1]


def test_train_is_deterministic_given_seed():
    inputs, targets = cycle_data(B=6)
    runs = []
    for _ in range(2):
        model, readout = RNN(3, 4, seed=3), Readout(4, 3, seed=3)
        runs.append(train_next_item(model, readout, inputs, targets, steps=5, lr=0.01, batch_size=2).loss)
    assert runs[0] == runs[1]


def test_train_next_item_bad_inputs():
    inputs, targets = cycle_data()
    model, readout = RNN(3, 8), Readout(8, 3)
    with pytest.raises(TypeError, match="model must be a numpy recurrent model"):
        train_next_item(object(), readout, inputs, targets, steps=1, lr=0.1)
    with pytest.raises(TypeError, match="readout must be a Readout"):
        train_next_item(model, None, inputs, targets, steps=1, lr=0.1)
    with pytest.raises(ValueError, match=r"inputs must be a real array of shape \(T, B, I\)"):
        train_next_item(model, readout, inputs[0], targets, steps=1, lr=0.1)
    with pytest.raises(ValueError, match=r"targets must have shape \(12, 4\)"):
        train_next_item(model, readout, inputs, targets[:3], steps=1, lr=0.1)
    with pytest.raises(TypeError, match="targets must be an integer array"):
        train_next_item(model, readout, inputs, targets.astype(float), steps=1, lr=0.1)
    with pytest.raises(ValueError, match=r"targets must lie in \[0, 3\) \(readout.output_size\) or be -1"):
        train_next_item(model, readout, inputs, targets + 1, steps=1, lr=0.1)
    with pytest.raises(ValueError, match="steps must be >= 1"):
        train_next_item(model, readout, inputs, targets, steps=0, lr=0.1)
    with pytest.raises(ValueError, match="optimizer must be 'adam' or 'sgd'"):
        train_next_item(model, readout, inputs, targets, steps=1, lr=0.1, optimizer="rmsprop")
    with pytest.raises(ValueError, match="batch_size must be at most B = 4"):
        train_next_item(model, readout, inputs, targets, steps=1, lr=0.1, batch_size=5)
    with pytest.raises(ValueError, match="clip must be None or a number > 0"):
        train_next_item(model, readout, inputs, targets, steps=1, lr=0.1, clip=-1)
    with pytest.raises(ValueError, match=r"hidden states have size 8 but readout.hidden_size is 5"):
        train_next_item(model, Readout(5, 3), inputs, targets, steps=1, lr=0.1)
