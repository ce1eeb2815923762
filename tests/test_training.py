"""The numpy training pieces and the chapter 3 net: softmax cross-entropy, clipping, the optimisers, Readout,
train_next_item and PredictionRNN. torch is the oracle; finite differences check the backward passes."""
import warnings

import numpy as np
import pytest
import torch

from conftest import clear_errors_test
from rnnbook.check import numerical_grad, rel_error
from rnnbook.numpy_rnn import (GRU, LSTM, RNN, SGD, Adam, PredictionRNN, Readout, accuracy, clip_gradients,
                               predict, sigmoid, softmax, softmax_cross_entropy, train_next_item)


@pytest.mark.parametrize("ignore_index", [None, -1])
def test_stable_sigmoid_softmax_and_cross_entropy_as_torch_and_finite_differences(ignore_index):
    x = np.array([-1000.0, -3.0, 0.0, 2.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow
        s, p = sigmoid(x), softmax(np.stack([x, -x]))
    assert rel_error(s, [0.0, 1 / (1 + np.exp(3)), 0.5, 1 / (1 + np.exp(-2)), 1.0]) < 1e-15
    assert rel_error(p.sum(axis=-1), [1.0, 1.0]) < 1e-15 and p[0, -1] == 1.0
    rng = np.random.default_rng(0)
    logits, targets = rng.normal(size=(4, 3, 5)), rng.integers(0, 5, size=(4, 3))
    if ignore_index is not None:
        targets[0, 1] = targets[2, 0] = ignore_index
    loss, dlogits = softmax_cross_entropy(logits, targets, ignore_index)
    z = torch.tensor(logits, requires_grad=True)
    ref = torch.nn.functional.cross_entropy(z.reshape(-1, 5), torch.tensor(targets).reshape(-1),
                                            ignore_index=-100 if ignore_index is None else ignore_index)
    ref.backward()
    assert abs(loss - ref.item()) < 1e-12 and rel_error(dlogits, z.grad) < 1e-12
    numeric = numerical_grad(lambda: softmax_cross_entropy(logits, targets, ignore_index)[0], logits)
    assert rel_error(dlogits, numeric) < 1e-7


@pytest.mark.parametrize("max_norm, ours, theirs", [
    (0.5, lambda p: SGD(p, lr=0.1), lambda t: torch.optim.SGD(t, lr=0.1)),
    (100.0, lambda p: Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6),
     lambda t: torch.optim.Adam(t, lr=0.05, betas=(0.8, 0.99), eps=1e-6))])
def test_clip_gradients_and_optimisers_step_as_torch(max_norm, ours, theirs):
    rng = np.random.default_rng(1)
    grads = {"a": rng.normal(size=(3, 4)), "b": rng.normal(size=5)}
    tensors = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads.values()]
    for t, g in zip(tensors, grads.values()):
        t.grad = torch.tensor(g)
    ref_norm = torch.nn.utils.clip_grad_norm_(tensors, max_norm).item()
    assert abs(clip_gradients(grads, max_norm) - ref_norm) < 1e-12 * ref_norm
    assert all(rel_error(g, t.grad) < 1e-12 for t, g in zip(tensors, grads.values()))
    rng = np.random.default_rng(2)  # the optimisers
    params = {"w": rng.normal(size=(3, 2)), "b": rng.normal(size=3)}
    tensors = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in params.items()}
    optimizer, reference = ours(params), theirs(list(tensors.values()))
    for _ in range(5):
        grads = {k: rng.normal(size=v.shape) for k, v in params.items()}
        optimizer.step({**grads, "input": rng.normal(size=7)})  # keys that are not parameters are ignored
        for k, t in tensors.items():
            t.grad = torch.tensor(grads[k])
        reference.step()
        assert all(rel_error(params[k], tensors[k]) < 1e-12 for k in params)


def cycle_data(T=12, B=4, V=3, seed=0):
    """The dinner cycle 0 -> 1 -> 2 -> 0 from random starts: one-hot inputs (T, B, V), next items (T, B)."""
    starts = np.random.default_rng(seed).integers(0, V, size=B)
    items = (starts + np.arange(T + 1)[:, None]) % V  # (T + 1, B)
    return np.eye(V)[items[:-1]], items[1:]


@pytest.mark.parametrize("model_class", [RNN, LSTM, GRU])
def test_train_next_item_learns_the_cycle(model_class):
    inputs, targets = cycle_data()
    model, readout = model_class(3, 8, seed=0), Readout(8, 3, seed=0)
    history = train_next_item(model, readout, inputs, targets, steps=60, lr=0.05)
    assert len(history.loss) == len(history.grad_norm) == 60 and history.loss[-1] < 0.1 * history.loss[0]
    assert accuracy(model, readout, inputs, targets) == 1.0
    assert rel_error(predict(model, readout, inputs).sum(axis=-1), np.ones((12, 4))) < 1e-15


def test_one_sgd_step_is_minus_torchs_gradient_and_readout_matches_torch_and_finite_differences():
    rng = np.random.default_rng(5)
    inputs, targets = rng.normal(size=(6, 3, 2)), rng.integers(0, 4, size=(6, 3))
    model, readout = RNN(2, 5, seed=1), Readout(5, 4, seed=2)
    rnn = model.to_torch()
    weight, bias = (torch.tensor(readout.params[name]) for name in ("weight", "bias"))
    before = {k: v.copy() for k, v in model.params.items()}
    train_next_item(model, readout, inputs, targets, steps=1, lr=1.0, optimizer="sgd")
    hs, _ = rnn(torch.tensor(inputs))
    logits = torch.nn.functional.linear(hs, weight, bias)  # torch.nn.Linear's maths
    torch.nn.functional.cross_entropy(logits.reshape(-1, 4), torch.tensor(targets).reshape(-1)).backward()
    assert all(rel_error(before[k] - model.params[k], getattr(rnn, k).grad) < 1e-10 for k in before)
    hs, dlogits = rng.normal(size=(5, 2, 4)), rng.normal(size=(5, 2, 3))  # Readout: as torch.nn.Linear
    readout = Readout(4, 3, seed=1)
    logits = readout.forward(hs)
    grads, dhs = readout.backward(dlogits)
    arrays = [readout.params["weight"], readout.params["bias"], hs]
    tensors = [torch.tensor(a, requires_grad=True) for a in arrays]
    out = torch.nn.functional.linear(tensors[2], tensors[0], tensors[1])  # torch.nn.Linear's maths
    (out * torch.tensor(dlogits)).sum().backward()
    assert rel_error(logits, out) < 1e-12
    for ours, x, t in zip([grads["weight"], grads["bias"], dhs], arrays, tensors):
        assert rel_error(ours, t.grad) < 1e-12
        assert rel_error(ours, numerical_grad(lambda: np.sum(readout.forward(hs) * dlogits), x)) < 1e-7


def test_labels_are_targets_at_the_last_step_batches_are_seeded_numpy_numbers_accepted():
    rng = np.random.default_rng(7)
    inputs, labels = rng.normal(size=(4, 6, 2)), rng.integers(0, 3, size=6)
    padded = np.vstack([np.full((3, 6), -1), labels])  # (T, B): -1 (no target) but at the last step
    runs = []
    for targets in (labels, padded, labels):
        model, readout = LSTM(2, 5, seed=1), Readout(5, 3, seed=1)
        options = dict(steps=4, lr=0.1, clip=0.5, truncate=2, batch_size=3, seed=2)
        history = train_next_item(model, readout, inputs, targets, **options)
        runs.append(history.loss)
        assert max(history.grad_norm) > 0.5  # the norms before clipping
        assert accuracy(model, readout, inputs, targets) == accuracy(model, readout, inputs, padded)
    assert runs[0] == runs[1] == runs[2]
    model = GRU(np.int64(3), np.int32(8), seed=np.random.default_rng(0))
    readout = Readout(np.int64(8), np.int64(3), seed=np.random.default_rng(1))
    options = dict(clip=np.float32(1.0), truncate=np.int64(2), batch_size=np.int64(2), seed=np.int64(2))
    train_next_item(model, readout, *cycle_data(), steps=np.int64(2), lr=np.float32(0.1), **options)
    assert len(PredictionRNN(np.int64(5)).generate(np.int64(0), np.int64(4), np.int64(5), np.int64(1))) <= 5


def prediction_problem(T=6, B=3, V=4, seed=0):
    """A PredictionRNN with weights big enough for the feedback to matter, one-hot xs and targets."""
    rng = np.random.default_rng(seed)
    net = PredictionRNN(V, seed=seed)
    for value in net.params.values():
        value += rng.normal(size=value.shape)
    return net, np.eye(V)[rng.integers(0, V, size=(T, B))], rng.integers(0, V, size=(T, B))


def prediction_torch(net, xs, targets, k):
    """The loss and gradients of the same net by torch, the prediction detached at steps k, 2k, ..."""
    W_x, W_p, b = (torch.tensor(net.params[name], requires_grad=True) for name in ("W_x", "W_p", "b"))
    p, logits = torch.zeros(xs.shape[1:], dtype=torch.float64), []
    for t in range(len(xs)):
        p = p.detach() if t % k == 0 else p
        logits.append(torch.tensor(xs[t]) @ W_x.T + p @ W_p.T + b)
        p = torch.softmax(logits[-1], dim=-1)
    loss = torch.nn.functional.cross_entropy(torch.cat(logits), torch.tensor(targets).reshape(-1))
    loss.backward()
    return loss.item(), {"W_x": W_x.grad, "W_p": W_p.grad, "b": b.grad}


@pytest.mark.parametrize("truncate", [None, 1, 2, 4, 7, 50])
def test_prediction_rnn_backward_matches_torch_and_finite_differences(truncate):
    net, xs, targets = prediction_problem(T=7, seed=1)
    net.forward(xs)
    loss, grads = net.backward(targets, truncate=truncate)
    ref_loss, ref_grads = prediction_torch(net, xs, targets, truncate or len(xs))
    assert abs(loss - ref_loss) < 1e-12
    assert all(rel_error(grads[name], ref_grads[name]) < 1e-10 for name in ref_grads)
    for name, value in net.params.items() if truncate is None else ():  # full BPTT: the loss's true gradient
        numeric = numerical_grad(lambda: (net.forward(xs), net.backward(targets))[1][0], value)
        assert rel_error(grads[name], numeric) < 1e-7, name


def test_prediction_rnn_forward_votes_and_generate():
    net, xs, _ = prediction_problem(T=3, B=2, V=5)
    probs = net.forward(xs)
    assert probs.shape == (3, 2, 5) and rel_error(probs.sum(axis=-1), np.ones((3, 2))) < 1e-15
    assert rel_error(net.forward(xs[1:], prediction=probs[0]), probs[1:]) < 1e-12  # carry on after step 0
    word_votes, prediction_votes = net.votes()
    assert np.array_equal(word_votes, net.params["W_x"].T)
    assert np.array_equal(prediction_votes, net.params["W_p"].T)
    for seed in range(10):
        words = net.generate(4, 4, max_len=6, rng=seed)
        assert words == net.generate(4, 4, max_len=6, rng=np.random.default_rng(seed))
        assert 1 <= len(words) <= 6 and (words[-1] == 4 or len(words) == 6) and 4 not in words[:-1]


DATA = cycle_data()  # inputs (12, 4, 3), targets (12, 4)


def train(inputs=DATA[0], targets=DATA[1], **options):
    return train_next_item(RNN(3, 8), Readout(8, 3), inputs, targets, **{"steps": 1, "lr": 0.1, **options})


def forwarded_net():  # a PredictionRNN (V = 5) after a forward over (T, B) = (3, 2)
    (net := PredictionRNN(5)).forward(np.zeros((3, 2, 5)))
    return net


ERRORS = [
    (lambda: SGD({"w": np.ones(2)}, lr=0), ValueError, "lr must be a finite number > 0; got 0"),
    (lambda: Adam({"w": np.ones(2)}, lr="0.1"), TypeError, "lr must be a number; got str"),
    (lambda: clip_gradients({"w": np.ones(2)}, max_norm=np.inf), ValueError, "max_norm must be a finite"),
    (lambda: Readout(0, 3), ValueError, "hidden_size must be >= 1"),
    (lambda: Readout(4, 3).forward(np.zeros((2, 5))), ValueError,
     r"hs must have shape \(\.\.\., hidden_size=4\); got \(2, 5\)"),
    (lambda: train(targets=DATA[1][:3]), ValueError, r"targets must be ints of shape \(T, B\) = \(12, 4\)"),
    (lambda: train(targets=DATA[1] * 1.0), ValueError, "targets must be ints"),
    (lambda: train(targets=DATA[1] + 1), ValueError, r"targets must lie in \[0, 3\)"),
    (lambda: train(inputs=DATA[0][..., :2]), ValueError, r"xs must have shape \(T, B, input_size=3\)"),
    (lambda: train(steps=0), ValueError, "steps must be >= 1"),
    (lambda: train(optimizer="rmsprop"), ValueError, r"optimizer must be one of \['adam', 'sgd'\]"),
    (lambda: train(batch_size=5), ValueError, "batch_size must be at most B = 4"),
    (lambda: train(clip=-1.0), ValueError, "clip must be a finite number > 0"),
    (lambda: train(seed=None), TypeError, "seed must be an int"),
    (lambda: accuracy(RNN(3, 8), Readout(8, 3), DATA[0], DATA[1][:, :2]), ValueError, "targets must be ints"),
    (lambda: PredictionRNN(0), ValueError, "vocab_size must be >= 1"),
    (lambda: PredictionRNN(3, seed=-1), ValueError, "seed must be >= 0"),
    (lambda: PredictionRNN(5).forward(np.zeros((3, 2, 4))), ValueError, r"xs must have shape \(T, B, voc"),
    (lambda: PredictionRNN(5).forward(np.zeros((3, 2, 5)), np.zeros(5)), ValueError,
     r"prediction must have shape \(2, 5\)"),
    (lambda: PredictionRNN(5).backward(np.zeros((3, 2), dtype=int)), RuntimeError, "needs a forward first"),
    (lambda: forwarded_net().backward(np.zeros((2, 3), dtype=int)), ValueError,
     r"targets must be ints in \[0, 5\) of shape \(T, B\) = \(3, 2\)"),
    (lambda: forwarded_net().backward(np.full((3, 2), 5)), ValueError, r"targets must be ints in \[0, 5\)"),
    (lambda: forwarded_net().backward(np.zeros((3, 2), dtype=int), truncate=0), ValueError, "truncate must")]
test_clear_errors = clear_errors_test(ERRORS)
