"""Small torch models for chapters 8 and 9, time-major (T, B, ...): next-token model, encoder-decoder,
tagger, classifier; `fit`, a plain training loop; `detach_state` for truncated BPTT.

Every constructor takes `seed` (an int >= 0, or a numpy Generator that draws one) and initialises its
weights from it without touching torch's global random state: the same seed, the same model.
"""

import numpy as np
import torch
from torch import nn

from rnnbook._checks import choice, integer

_CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


def _torch_seed(seed):
    """The int that seeds torch: `seed` itself (an int >= 0), or one drawn from a numpy Generator."""
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(2**63 - 1))
    return integer("seed", seed, 0)


def _sizes(**sizes):
    """The sizes, each checked to be an int >= 1."""
    return [integer(name, value, 1) for name, value in sizes.items()]


def detach_state(state):
    """Cut the graph behind a state h, or (h, c) for the LSTM: truncated BPTT carries values, no gradient."""
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return None if state is None else state.detach()


class NextTokenModel(nn.Module):
    """Next-token scores from a sequence of tokens: one-hot -> RNN/LSTM/GRU -> Linear.

    vocab_size V, hidden_size H, cell "rnn" (tanh), "lstm" or "gru". `self.rnn` is a one-layer time-major
    torch module, so `rnnbook.numpy_rnn.LSTM.from_torch(model.rnn)` copies it into numpy."""

    def __init__(self, vocab_size, hidden_size, cell="lstm", seed=0):
        super().__init__()
        vocab_size, hidden_size = _sizes(vocab_size=vocab_size, hidden_size=hidden_size)
        self.vocab_size, self.cell = vocab_size, choice("cell", cell, tuple(_CELLS))
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(_torch_seed(seed))
            self.rnn = _CELLS[cell](vocab_size, hidden_size)
            self.readout = nn.Linear(hidden_size, vocab_size)

    def forward(self, tokens, state=None):
        """tokens: (T, B) long; state: None (zeros), h (1, B, H) or (h, c) for the LSTM.
        Returns (logits (T, B, V), state) where state is the final state, to carry to the next chunk."""
        xs = nn.functional.one_hot(tokens, self.vocab_size).to(self.readout.weight.dtype)  # (T, B, V)
        hs, state = self.rnn(xs, state)  # (T, B, H)
        return self.readout(hs), state  # (T, B, V)


class Seq2Seq(nn.Module):
    """Encoder-decoder with teacher forcing and greedy decoding (Sutskever et al. 2014).

    src_vocab, tgt_vocab: vocabulary sizes; hidden_size H (also the embedding size); cell "rnn", "lstm"
    or "gru". The encoder reads the source; its final state is the decoder's initial state."""

    def __init__(self, src_vocab, tgt_vocab, hidden_size, cell="gru", seed=0):
        super().__init__()
        src_vocab, tgt_vocab, hidden_size = _sizes(src_vocab=src_vocab, tgt_vocab=tgt_vocab,
                                                   hidden_size=hidden_size)
        self.src_vocab, self.tgt_vocab, self.cell = src_vocab, tgt_vocab, choice("cell", cell, tuple(_CELLS))
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(_torch_seed(seed))
            self.src_embedding = nn.Embedding(src_vocab, hidden_size)
            self.encoder = _CELLS[cell](hidden_size, hidden_size)
            self.tgt_embedding = nn.Embedding(tgt_vocab, hidden_size)
            self.decoder = _CELLS[cell](hidden_size, hidden_size)
            self.readout = nn.Linear(hidden_size, tgt_vocab)

    def encode(self, src):
        """Read the source. src: (S, B) long. Returns the final state: h (1, B, H), or (h, c) for the LSTM."""
        _, state = self.encoder(self.src_embedding(src))  # embedded: (S, B, H)
        return state

    def decode(self, tgt_in, state):
        """Run the decoder from `state` over tgt_in (T, B) long. Returns (logits (T, B, V_tgt), state)."""
        hs, state = self.decoder(self.tgt_embedding(tgt_in), state)  # (T, B, H)
        return self.readout(hs), state  # (T, B, V_tgt)

    def forward(self, src, tgt_in):
        """Teacher forcing: src (S, B) long; tgt_in (T, B) long, the target shifted right (starting with BOS).
        Returns logits (T, B, V_tgt): at step t, scores for target token t given tgt_in[: t + 1]."""
        logits, _ = self.decode(tgt_in, self.encode(src))
        return logits

    @torch.no_grad()
    def greedy_decode(self, src, bos, eos, max_len):
        """Translate by feeding the decoder its own most likely token, starting from `bos`.

        src: (S, B) long. Stops when every sequence has produced `eos` or after max_len tokens. Returns
        (T', B) long, T' <= max_len, without the BOS; after a sequence's EOS its column repeats EOS."""
        state = self.encode(src)
        token = torch.full((1, src.shape[1]), bos, dtype=torch.long)  # (1, B)
        done = torch.zeros(src.shape[1], dtype=torch.bool)  # (B,)
        outputs = []
        for _ in range(max_len):
            logits, state = self.decode(token, state)  # (1, B, V)
            token = logits.argmax(dim=-1)  # (1, B)
            token[0, done] = eos
            outputs.append(token[0])
            done = done | (token[0] == eos)
            if done.all():
                break
        return torch.stack(outputs)  # (T', B)

    @torch.no_grad()
    def greedy_steps(self, source_vocab, target_vocab, tokens, top=3, max_len=8):
        """Greedy decoding of one sentence (a list of words), step by step: a list of dicts with the word
        "fed", the `top` likeliest next words as (word, probability) pairs and the "chosen" one."""
        src = torch.as_tensor(source_vocab.encode(tokens)).reshape(-1, 1)  # (S, 1)
        eos, fed = target_vocab.index("<eos>"), target_vocab.index("<bos>")
        steps, was_training = [], self.training
        self.eval()
        state = self.encode(src)
        while len(steps) < max_len and (not steps or fed != eos):
            logits, state = self.decode(torch.tensor([[fed]]), state)  # (1, 1, V)
            best = torch.topk(torch.softmax(logits[0, 0], dim=-1), top)
            ranked = [(target_vocab.item(int(k)), float(p)) for p, k in zip(best.values, best.indices)]
            steps.append({"fed": target_vocab.item(fed), "top": ranked, "chosen": ranked[0][0]})
            fed = int(best.indices[0])
        self.train(was_training)
        return steps


def exact_match(predicted, target, eos):
    """Fraction of sequences whose tokens up to and including the first EOS equal the target's.

    predicted: (T', B) long (e.g. from `greedy_decode`); target: (T, B) long, each column holding EOS."""
    def up_to_eos(column):
        tokens = column.tolist()
        return tokens[: tokens.index(eos) + 1] if eos in tokens else tokens

    hits = [up_to_eos(predicted[:, b]) == up_to_eos(target[:, b]) for b in range(target.shape[1])]
    return sum(hits) / len(hits)


class Tagger(nn.Module):
    """A tag for every token (many-to-many): embedding -> RNN/LSTM/GRU (optionally bidirectional) -> Linear.
    The embedding size is hidden_size H; bidirectional: a second RNN reads the sequence backwards and the two
    states are concatenated at each step (2H features)."""

    def __init__(self, vocab_size, num_tags, hidden_size, bidirectional=False, cell="gru", seed=0):
        super().__init__()
        vocab_size, num_tags, hidden_size = _sizes(vocab_size=vocab_size, num_tags=num_tags,
                                                   hidden_size=hidden_size)
        choice("cell", cell, tuple(_CELLS))
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(_torch_seed(seed))
            self.embedding = nn.Embedding(vocab_size, hidden_size)
            self.rnn = _CELLS[cell](hidden_size, hidden_size, bidirectional=bidirectional)
            self.readout = nn.Linear(hidden_size * (2 if bidirectional else 1), num_tags)

    def forward(self, tokens):
        """tokens: (T, B) long. Returns logits (T, B, num_tags)."""
        hs, _ = self.rnn(self.embedding(tokens))  # (T, B, H) or (T, B, 2H)
        return self.readout(hs)  # (T, B, num_tags)


class SequenceClassifier(nn.Module):
    """One class per sequence (many-to-one): embedding -> RNN/LSTM/GRU -> Linear on the last hidden state.
    The embedding size is hidden_size; cell "rnn", "lstm" or "gru"."""

    def __init__(self, vocab_size, num_classes, hidden_size, cell="gru", seed=0):
        super().__init__()
        vocab_size, num_classes, hidden_size = _sizes(vocab_size=vocab_size, num_classes=num_classes,
                                                      hidden_size=hidden_size)
        choice("cell", cell, tuple(_CELLS))
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(_torch_seed(seed))
            self.embedding = nn.Embedding(vocab_size, hidden_size)
            self.rnn = _CELLS[cell](hidden_size, hidden_size)
            self.readout = nn.Linear(hidden_size, num_classes)

    def forward(self, tokens):
        """tokens: (T, B) long, every sequence of the same length T. Returns logits (B, num_classes)."""
        hs, _ = self.rnn(self.embedding(tokens))  # (T, B, H)
        return self.readout(hs[-1])  # (B, num_classes)


def fit(model, loss_fn, steps, lr=1e-2, seed=0):
    """Train `model` with Adam for `steps` steps; return the history {"loss": [the loss at every step]}.

    loss_fn(model, step) -> scalar loss tensor: it draws (or slices) its own batch for that step and runs
    the model, so the same loop serves every task. torch is seeded from `seed` before the first step."""
    torch.manual_seed(_torch_seed(seed))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    history = {"loss": []}
    for step in range(steps):
        loss = loss_fn(model, step)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        history["loss"].append(loss.item())
    return history
