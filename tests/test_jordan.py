"""Tests of the chapter 3 net, PredictionRNN: gradients, training on the children's book, generation."""

import numpy as np
import pytest
import torch

from rnnbook.numpy_rnn.jordan import PredictionRNN

WORDS = ["Doug", "Jane", "Spot", "saw", "."]
NAMES, SAW, STOP = [0, 1, 2], 3, 4


def rel_error(a, b):
    return np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-12)


def random_problem(T=6, B=3, V=4, seed=0):
    rng = np.random.default_rng(seed)
    xs = np.eye(V)[rng.integers(0, V, size=(T, B))]
    targets = rng.integers(0, V, size=(T, B))
    net = PredictionRNN(V, seed=seed)
    for value in net.params.values():  # bigger weights than the init, so the feedback matters
        value += rng.standard_normal(value.shape)
    return net, xs, targets


def torch_reference(net, xs, targets, truncate=None):
    """The same net in torch autograd; the fed-back prediction is detached at steps k, 2k, ..."""
    W_x, W_p, b = (torch.tensor(net.params[k], requires_grad=True) for k in ("W_x", "W_p", "b"))
    T, B, V = xs.shape
    p = torch.zeros(B, V, dtype=torch.float64)
    logits = []
    for t in range(T):
        if truncate is not None and t % truncate == 0:
            p = p.detach()
        z = torch.tensor(xs[t]) @ W_x.T + p @ W_p.T + b
        logits.append(z)
        p = torch.softmax(z, dim=-1)
    loss = torch.nn.functional.cross_entropy(torch.stack(logits).reshape(-1, V), torch.tensor(targets).reshape(-1))
    loss.backward()
    return loss.item(), {"W_x": W_x.grad.numpy(), "W_p": W_p.grad.numpy(), "b": b.grad.numpy()}


def test_backward_matches_finite_differences():
    net, xs, targets = random_problem()
    net.forward(xs)
    loss, grads = net.backward(targets)

    def loss_now():
        net.forward(xs)
        return net.backward(targets)[0]

    for name, value in net.params.items():
        numeric = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            old = value[i]
            value[i] = old + 1e-6
            plus = loss_now()
            value[i] = old - 1e-6
            minus = loss_now()
            value[i] = old
            numeric[i] = (plus - minus) / 2e-6
        assert rel_error(grads[name], numeric) < 1e-7, name


@pytest.mark.parametrize("truncate", [None, 1, 2, 4, 6, 50])
def test_backward_matches_torch_autograd(truncate):
    net, xs, targets = random_problem(T=7, seed=1)
    net.forward(xs)
    loss, grads = net.backward(targets, truncate=truncate)
    ref_loss, ref_grads = torch_reference(net, xs, targets, truncate)
    assert abs(loss - ref_loss) < 1e-12
    for name in grads:
        assert rel_error(grads[name], ref_grads[name]) < 1e-10, name


def test_truncate_at_least_T_is_full_bptt_and_truncate_changes_the_gradient():
    net, xs, targets = random_problem(T=5, seed=2)
    net.forward(xs)
    full = net.backward(targets)[1]
    same = net.backward(targets, truncate=5)[1]
    short = net.backward(targets, truncate=1)[1]
    for name in full:
        np.testing.assert_array_equal(full[name], same[name])
    assert rel_error(short["W_p"], full["W_p"]) > 1e-3


def test_forward_shapes_and_starting_prediction():
    net, xs, _ = random_problem(T=3, B=2, V=4)
    probs = net.forward(xs)
    assert probs.shape == (3, 2, 4)
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0)
    start = np.full((2, 4), 0.25)
    other = net.forward(xs, prediction=start)
    assert not np.allclose(other[0], probs[0])
    resumed = net.forward(xs[1:], prediction=probs[0])  # carry on from the prediction after step 0
    np.testing.assert_allclose(resumed, probs[1:], rtol=1e-12)


def childrens_book(num_sentences, seed):
    """A stream of sentences "NAME saw OTHER-NAME ." (never a name seeing itself), in random order."""
    rng = np.random.default_rng(seed)
    stream = []
    for _ in range(num_sentences):
        subject, obj = rng.choice(NAMES, size=2, replace=False)
        stream += [subject, SAW, obj, STOP]
    return np.array(stream)


def book_batch(stream, B):
    """Cut the stream into B rows: one-hot inputs (T, B, V) and next-word targets (T, B)."""
    T = (len(stream) - 1) // B
    words = stream[: T * B].reshape(B, T).T  # (T, B)
    following = stream[1 : T * B + 1].reshape(B, T).T  # (T, B)
    return np.eye(len(WORDS))[words], following


def test_learns_the_childrens_book_votes():
    stream = childrens_book(200, seed=0)
    xs, targets = book_batch(stream, B=8)
    net = PredictionRNN(len(WORDS), seed=0)
    losses = net.fit(xs, targets, steps=300, lr=0.1)
    assert losses[-1] < 0.7 < losses[0]
    probs = net.forward(xs)
    words = xs.argmax(axis=-1)  # (T, B)
    after_saw = probs[words == SAW]  # (N, V)
    after_name = probs[np.isin(words, NAMES)]
    after_stop = probs[words == STOP]
    assert after_saw[:, NAMES].sum(axis=1).min() > 0.95
    assert after_stop[:, NAMES].sum(axis=1).min() > 0.95
    assert after_name[:, [SAW, STOP]].sum(axis=1).min() > 0.95

    word_votes, prediction_votes = net.votes()
    assert word_votes.shape == prediction_votes.shape == (5, 5)
    for name in NAMES:  # names vote for "saw" and "." over every name
        assert min(word_votes[name, SAW], word_votes[name, STOP]) > max(word_votes[name, NAMES])
    for word in (SAW, STOP):  # "saw" and "." vote for names
        assert min(word_votes[word, NAMES]) > max(word_votes[word, SAW], word_votes[word, STOP])
    word_votes[0, 0] = 123.0  # votes are copies
    assert net.params["W_x"][0, 0] != 123.0

    rng = np.random.default_rng(0)
    sentences = [net.generate(STOP, STOP, max_len=8, rng=rng) for _ in range(50)]
    finished = [s for s in sentences if s[-1] == STOP]
    assert len(finished) >= 45
    assert sum(s[0] in NAMES and s[1] == SAW for s in finished) >= 45


def test_generate_is_seeded_and_capped():
    net = PredictionRNN(5, seed=1)
    first = net.generate(4, 4, max_len=6, rng=3)
    assert first == net.generate(4, 4, max_len=6, rng=np.random.default_rng(3))
    for seed in range(20):
        words = net.generate(4, 4, max_len=6, rng=seed)
        assert 1 <= len(words) <= 6
        assert all(0 <= w < 5 for w in words)
        assert (words[-1] == 4) or len(words) == 6
        assert 4 not in words[:-1]


def test_bad_inputs():
    net = PredictionRNN(5)
    with pytest.raises(ValueError, match=r"xs must be a real array of shape \(T, B, 5\) \(vocab_size=5\)"):
        net.forward(np.zeros((3, 2, 4)))
    with pytest.raises(RuntimeError, match="PredictionRNN.backward needs a forward first"):
        net.backward(np.zeros((3, 2), dtype=int))
    net.forward(np.zeros((3, 2, 5)))
    with pytest.raises(ValueError, match=r"targets must have shape \(3, 2\)"):
        net.backward(np.zeros((2, 3), dtype=int))
    with pytest.raises(TypeError, match="targets must be an integer array"):
        net.backward(np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"targets must lie in \[0, 5\)"):
        net.backward(np.full((3, 2), 5))
    with pytest.raises(ValueError, match="truncate must be >= 1"):
        net.backward(np.zeros((3, 2), dtype=int), truncate=0)
    with pytest.raises(ValueError, match=r"prediction must have shape \(2, 5\)"):
        net.forward(np.zeros((3, 2, 5)), prediction=np.zeros(5))
    with pytest.raises(ValueError, match=r"start_index must be in \[0, 5\)"):
        net.generate(5, 4)
    with pytest.raises(ValueError, match="max_len must be >= 1"):
        net.generate(4, 4, max_len=0)
    with pytest.raises(TypeError, match="rng must be an int seed or a np.random.Generator"):
        net.generate(4, 4, rng="seed")
    with pytest.raises(ValueError, match="vocab_size must be >= 1"):
        PredictionRNN(0)
    with pytest.raises(ValueError, match="optimizer must be 'adam' or 'sgd'"):
        net.fit(np.zeros((3, 2, 5)), np.zeros((3, 2), dtype=int), steps=1, optimizer="lbfgs")
