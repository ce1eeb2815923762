"""Tests of rnnbook.torch_rnn: shapes, seeds, detach_state, the models learning with fit, and clear errors."""
import numpy as np
import pytest
import torch

from conftest import clear_errors_test
from rnnbook.torch_rnn import (NextTokenModel, Seq2Seq, SequenceClassifier, Tagger, detach_state, exact_match,
                               fit)

BOS, EOS = 6, 7  # after the digits 0..5


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_next_token_model_and_sequence_classifier(cell):
    model = NextTokenModel(7, 5, cell=cell)
    tokens = torch.randint(0, 7, (6, 3))  # (T, B)
    logits, state = model(tokens)
    assert logits.shape == (6, 3, 7)
    assert (state[0] if cell == "lstm" else state).shape == (1, 3, 5)
    first, state = model(tokens[:4])  # two chunks, the state carried (detached), give the same as one pass
    carried = detach_state(state)  # the LSTM's (h, c) stays a tuple
    pairs = list(zip(carried, state)) if cell == "lstm" else [(carried, state)]
    assert type(carried) is type(state) and all(s.requires_grad and not c.requires_grad for c, s in pairs)
    assert detach_state(None) is None
    second, _ = model(tokens[4:], carried)
    torch.testing.assert_close(torch.cat([first, second]), logits)
    assert isinstance(model.rnn, torch.nn.RNNBase) and not model.rnn.batch_first
    model = SequenceClassifier(5, 3, hidden_size=4, cell=cell)  # reads the last state
    tokens = torch.randint(0, 5, (6, 2))
    assert model(tokens).shape == (2, 3)
    hs, _ = model.rnn(model.embedding(tokens))
    torch.testing.assert_close(model(tokens), model.readout(hs[-1]))


def test_same_seed_same_weights_whatever_the_global_state():
    torch.manual_seed(123)
    a = NextTokenModel(5, 4, seed=7)
    torch.rand(10)
    b, c = NextTokenModel(5, 4, seed=7), NextTokenModel(5, 4, seed=8)
    assert all(torch.equal(pa, pb) for pa, pb in zip(a.parameters(), b.parameters()))
    assert not all(torch.equal(pa, pc) for pa, pc in zip(a.parameters(), c.parameters()))
    # a Generator draws the seed: two in the same state give the same weights
    d, e = (NextTokenModel(5, 4, seed=np.random.default_rng(1)) for _ in range(2))
    assert all(torch.equal(pd, pe) for pd, pe in zip(d.parameters(), e.parameters()))


def test_fit_lowers_the_loss():
    model = NextTokenModel(3, 4, cell="rnn")
    tokens = torch.tensor([[0, 1, 2, 0, 1, 2, 0]]).T  # (7, 1): the dinner cycle
    history = fit(model, lambda model, step: torch.nn.functional.cross_entropy(
        model(tokens[:-1])[0].reshape(-1, 3), tokens[1:].reshape(-1)), steps=60, lr=0.05)
    assert set(history) == {"loss"} and len(history["loss"]) == 60
    assert history["loss"][-1] < 0.1 < 1.0 < history["loss"][0]


def digit_batch(rng, B, length=4):
    """Reversal task: src (S, B) digits; tgt_in = BOS + reversed; tgt_out = reversed + EOS."""
    src = rng.integers(0, BOS, size=(length, B))
    bos, eos = np.full((1, B), BOS), np.full((1, B), EOS)
    return (torch.tensor(a.copy()) for a in (src, np.vstack([bos, src[::-1]]), np.vstack([src[::-1], eos])))


def test_seq2seq_learns_to_reverse_digits_and_exact_match_counts_up_to_eos():
    model, rng = Seq2Seq(6, 8, hidden_size=48, cell="gru", seed=0), np.random.default_rng(0)
    test_src, test_in, test_out = digit_batch(np.random.default_rng(99), B=200)
    assert model(test_src, test_in).shape == (5, 200, 8)
    target = torch.tensor([[1, 2, 3], [EOS, 4, EOS], [0, EOS, 0]])  # exact_match counts up to EOS
    predicted = torch.tensor([[1, 2, 3], [EOS, 5, EOS], [EOS, EOS, EOS]])
    assert exact_match(predicted, target, EOS) == pytest.approx(2 / 3)

    def loss_fn(model, step):
        src, tgt_in, tgt_out = digit_batch(rng, B=64)
        return torch.nn.functional.cross_entropy(model(src, tgt_in).reshape(-1, 8), tgt_out.reshape(-1))

    fit(model, loss_fn, steps=300, lr=0.01)
    decoded = model.greedy_decode(test_src, BOS, EOS, max_len=8)
    assert decoded.dtype == torch.long and decoded.shape[1] == 200 and decoded.shape[0] <= 8
    assert exact_match(decoded, test_out, EOS) > 0.9


def next_token_tags(rng, B, T=8, vocab=6):
    """Tag of each token: 1 if the NEXT token is even, else 0 (the last token gets 0)."""
    tokens = rng.integers(0, vocab, size=(T, B))
    tags = np.zeros((T, B), dtype=np.int64)
    tags[:-1] = tokens[1:] % 2 == 0
    return torch.tensor(tokens), torch.tensor(tags)


@pytest.mark.parametrize("bidirectional", [False, True])
def test_only_a_bidirectional_tagger_sees_the_next_token(bidirectional):
    model, rng = Tagger(6, 2, hidden_size=16, bidirectional=bidirectional, seed=0), np.random.default_rng(0)
    test_tokens, test_tags = next_token_tags(np.random.default_rng(1), B=200)
    assert model(test_tokens).shape == (8, 200, 2)

    def loss_fn(model, step):
        tokens, tags = next_token_tags(rng, B=32)
        return torch.nn.functional.cross_entropy(model(tokens).reshape(-1, 2), tags.reshape(-1))

    fit(model, loss_fn, steps=150, lr=0.02)
    accuracy = (model(test_tokens).argmax(-1) == test_tags).float().mean().item()
    assert accuracy > 0.97 if bidirectional else accuracy < 0.7


ERRORS = [  # a learner's likely mistakes, each with a message saying what was expected
    (lambda: NextTokenModel(5, 4, cell="transformer"), ValueError, r"cell must be one of \['rnn', 'lstm'"),
    (lambda: NextTokenModel(5, 4, seed=1.5), TypeError, "seed must be an int"),
    (lambda: Seq2Seq(5, 6, 4, seed=-1), ValueError, "seed must be >= 0; got -1"),
    (lambda: Seq2Seq(5, 5, 0), ValueError, "hidden_size must be >= 1; got 0"),
    (lambda: Tagger(5, 3, 4, cell=["gru"]), ValueError, "cell must be one of"),
    (lambda: SequenceClassifier(5, 2.0, 4), TypeError, "num_classes must be an int")]
test_learner_errors = clear_errors_test(ERRORS)
