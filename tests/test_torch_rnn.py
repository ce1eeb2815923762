"""Tests of rnnbook.torch_rnn: shapes, detach_state, seq2seq copying, bidirectional tagging, fit, errors."""

import numpy as np
import pytest
import torch

from rnnbook.torch_rnn import (
    NextTokenModel,
    Seq2Seq,
    SequenceClassifier,
    Tagger,
    detach_state,
    exact_match,
    fit,
)


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("embed", [False, True])
def test_next_token_model_shapes_and_state(cell, embed):
    model = NextTokenModel(7, 5, cell=cell, embed=embed)
    tokens = torch.randint(0, 7, (6, 3))
    logits, state = model(tokens)
    assert logits.shape == (6, 3, 7)
    h = state[0] if cell == "lstm" else state
    assert h.shape == (1, 3, 5)
    # two chunks with the state carried give the same logits as one pass
    first, state = model(tokens[:4])
    second, _ = model(tokens[4:], state)
    torch.testing.assert_close(torch.cat([first, second]), logits)


def test_same_seed_same_weights_whatever_the_global_state():
    torch.manual_seed(123)
    a = NextTokenModel(5, 4, seed=7)
    torch.rand(10)
    b = NextTokenModel(5, 4, seed=7)
    c = NextTokenModel(5, 4, seed=8)
    for (name, pa), pb, pc in zip(a.named_parameters(), b.parameters(), c.parameters()):
        assert torch.equal(pa, pb), name
    assert not all(torch.equal(pa, pc) for pa, pc in zip(a.parameters(), c.parameters()))


def test_rnn_attribute_is_a_plain_time_major_module():
    model = NextTokenModel(5, 4, cell="lstm")
    assert isinstance(model.rnn, torch.nn.LSTM)
    assert model.rnn.num_layers == 1 and not model.rnn.batch_first and not model.rnn.bidirectional


def test_detach_state():
    h = torch.ones(1, 2, 3, requires_grad=True) * 2
    assert h.requires_grad and not detach_state(h).requires_grad
    hc = (h, h * 3)
    detached = detach_state(hc)
    assert isinstance(detached, tuple) and len(detached) == 2
    assert not any(s.requires_grad for s in detached)
    torch.testing.assert_close(detached[1], hc[1].detach())
    assert detach_state(None) is None
    with pytest.raises(TypeError, match="state must be a tensor, a tuple of tensors"):
        detach_state([h])


def digit_batch(rng, B, length=4, digits=6):
    """Reversal task: src (S, B) digits; tgt_in = BOS + reversed; tgt_out = reversed + EOS."""
    bos, eos = digits, digits + 1
    src = rng.integers(0, digits, size=(length, B))
    reversed_ = src[::-1]
    tgt_in = np.vstack([np.full((1, B), bos), reversed_])
    tgt_out = np.vstack([reversed_, np.full((1, B), eos)])
    return (torch.tensor(a.copy()) for a in (src, tgt_in, tgt_out))


def test_seq2seq_learns_to_reverse_digits():
    digits, bos, eos = 6, 6, 7
    model = Seq2Seq(digits, digits + 2, hidden_size=48, cell="gru", seed=0)
    rng = np.random.default_rng(0)
    test_src, _, test_out = digit_batch(np.random.default_rng(99), B=200)

    def loss_fn(model, step):
        src, tgt_in, tgt_out = digit_batch(rng, B=64)
        logits = model(src, tgt_in)  # (T, B, V)
        return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt_out.reshape(-1))

    def exact(model):
        return exact_match(model.greedy_decode(test_src, bos, eos, max_len=8), test_out, eos)

    history = fit(model, loss_fn, steps=300, lr=0.01, accuracy_fn=exact, eval_every=100)
    assert history["accuracy_step"] == [100, 200, 300]
    assert history["accuracy"][-1] > 0.9
    decoded = model.greedy_decode(test_src, bos, eos, max_len=8)
    assert decoded.dtype == torch.long and decoded.shape[1] == 200 and decoded.shape[0] <= 8
    logits = model(test_src, torch.cat([torch.full((1, 200), bos), test_out[:-1]]))
    assert logits.shape == (5, 200, 8)


def test_exact_match_counts_up_to_eos():
    eos = 9
    target = torch.tensor([[1, 2, 3], [eos, 4, eos], [0, eos, 0]])
    predicted = torch.tensor([[1, 2, 3], [eos, 5, eos], [eos, eos, eos]])
    assert exact_match(predicted, target, eos) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="target column 0 has no eos"):
        exact_match(predicted, torch.zeros(3, 3, dtype=torch.long), eos)
    with pytest.raises(TypeError, match="predicted must be a torch tensor"):
        exact_match([1, 2], target, eos)


def next_token_tags(rng, B, T=8, vocab=6):
    """Tag of each token: 1 if the NEXT token is even, else 0 (the last token gets 0)."""
    tokens = rng.integers(0, vocab, size=(T, B))
    tags = np.zeros((T, B), dtype=np.int64)
    tags[:-1] = tokens[1:] % 2 == 0
    return torch.tensor(tokens), torch.tensor(tags)


def train_tagger(bidirectional):
    model = Tagger(6, 2, hidden_size=16, bidirectional=bidirectional, seed=0)
    rng = np.random.default_rng(0)
    test_tokens, test_tags = next_token_tags(np.random.default_rng(1), B=200)

    def loss_fn(model, step):
        tokens, tags = next_token_tags(rng, B=32)
        return torch.nn.functional.cross_entropy(model(tokens).reshape(-1, 2), tags.reshape(-1))

    def tag_accuracy(model):
        return (model(test_tokens).argmax(-1) == test_tags).float().mean().item()

    return fit(model, loss_fn, steps=150, lr=0.02, accuracy_fn=tag_accuracy)


def test_bidirectional_tagger_sees_the_next_token():
    uni = train_tagger(bidirectional=False)["accuracy"][-1]
    bi = train_tagger(bidirectional=True)["accuracy"][-1]
    assert bi > 0.97
    assert uni < 0.7
    assert Tagger(6, 3, 4, bidirectional=True)(torch.zeros(5, 2, dtype=torch.long)).shape == (5, 2, 3)


def test_sequence_classifier_shapes_and_lengths():
    model = SequenceClassifier(5, 3, hidden_size=4, cell="lstm")
    tokens = torch.randint(0, 5, (6, 2))
    assert model(tokens).shape == (2, 3)
    lengths = torch.tensor([6, 3])
    out = model(tokens, lengths)
    torch.testing.assert_close(out[0], model(tokens)[0])
    torch.testing.assert_close(out[1], model(tokens[:3])[1])
    with pytest.raises(ValueError, match=r"lengths must lie in \[1, 6\]"):
        model(tokens, torch.tensor([0, 3]))
    with pytest.raises(ValueError, match=r"lengths must be a long tensor of shape \(2,\)"):
        model(tokens, torch.tensor([3]))


def test_fit_history_callback_and_clip():
    model = NextTokenModel(3, 4, cell="rnn")
    tokens = torch.tensor([[0, 1, 2, 0, 1, 2, 0]]).T  # (7, 1)

    def loss_fn(model, step):
        logits, _ = model(tokens[:-1])
        return torch.nn.functional.cross_entropy(logits.reshape(-1, 3), tokens[1:].reshape(-1))

    history = fit(model, loss_fn, steps=50, lr=0.05, clip=0.5, callback=lambda step, h: h["loss"][-1] < 0.5)
    assert set(history) == {"loss", "grad_norm"}
    assert len(history["loss"]) < 50 and history["loss"][-1] < 0.5
    assert len(history["grad_norm"]) == len(history["loss"])

    stopped = fit(model, loss_fn, steps=10, accuracy_fn=lambda m: 0.5, callback=lambda step, h: step == 2)
    assert stopped["accuracy_step"] == [3] and stopped["accuracy"] == [0.5]


def test_bad_inputs():
    with pytest.raises(ValueError, match="cell must be one of"):
        NextTokenModel(5, 4, cell="transformer")
    with pytest.raises(ValueError, match="hidden_size must be >= 1"):
        Seq2Seq(5, 5, 0)
    with pytest.raises(TypeError, match="bidirectional must be True or False"):
        Tagger(5, 2, 4, bidirectional="yes")
    model = NextTokenModel(5, 4)
    with pytest.raises(TypeError, match="tokens must have dtype torch.long"):
        model(torch.zeros(3, 2))
    with pytest.raises(ValueError, match=r"tokens must have shape \(T, B\)"):
        model(torch.zeros(3, dtype=torch.long))
    with pytest.raises(ValueError, match=r"tokens must hold indices in \[0, 5\)"):
        model(torch.full((3, 2), 5))
    with pytest.raises(TypeError, match="tokens must be a torch tensor"):
        model(np.zeros((3, 2), dtype=np.int64))
    seq = Seq2Seq(4, 6, 8)
    with pytest.raises(ValueError, match="src and tgt_in must have the same B"):
        seq(torch.zeros(3, 2, dtype=torch.long), torch.zeros(3, 4, dtype=torch.long))
    with pytest.raises(ValueError, match=r"eos must be in \[0, 6\)"):
        seq.greedy_decode(torch.zeros(3, 2, dtype=torch.long), bos=4, eos=6, max_len=5)
    with pytest.raises(TypeError, match="model must be a torch.nn.Module"):
        fit(object(), lambda m, s: None, steps=1)
    with pytest.raises(ValueError, match="optimizer must be 'adam' or 'sgd'"):
        fit(model, lambda m, s: None, steps=1, optimizer="adagrad")
    with pytest.raises(ValueError, match="lr must be a number > 0"):
        fit(model, lambda m, s: None, steps=1, lr=0)
    with pytest.raises(TypeError, match="loss_fn must return a scalar tensor that requires grad"):
        fit(model, lambda m, s: 1.0, steps=1)
