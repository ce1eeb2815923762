"""Small torch models for chapters 6-9, time-major (T, B, ...), on the CPU, and a training loop.

- `NextTokenModel`: one-hot (or an embedding) -> nn.RNN / nn.LSTM / nn.GRU -> nn.Linear, next-token scores.
- `Seq2Seq`: an encoder-decoder (Sutskever et al. 2014): the encoder's final state starts the decoder.
- `Tagger`: a tag for every token (many-to-many), optionally bidirectional.
- `SequenceClassifier`: one class per sequence (many-to-one).
- `fit`: a plain training loop around a loss function of your own; `detach_state` for truncated BPTT.

Every constructor takes `seed` (an int >= 0, or a numpy Generator that draws one) and initialises its
weights from it without touching torch's global random state, so the same seed gives the same model
whatever ran before.
"""

import math
import numbers

import numpy as np
import torch
from torch import nn

CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


def _check_int(value, name, minimum=1):
    """`value` as an int (numpy ints accepted); a clear error unless it is an integer >= minimum."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int; got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")
    return int(value)


def _check_positive(value, name):
    """Raise a clear error unless `value` is a finite real number > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 < value < math.inf:
        raise ValueError(f"{name} must be a number > 0 (finite); got {value!r}")


def _torch_seed(seed):
    """The int that seeds torch: `seed` itself (an int >= 0), or one drawn from a numpy Generator."""
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(2**63 - 1))
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int >= 0 or a np.random.Generator; got {type(seed).__name__}")
    return _check_int(seed, "seed", 0)


def _check_cell(cell):
    """Return the torch class for 'rnn', 'lstm' or 'gru', or raise a clear error."""
    if not isinstance(cell, str) or cell not in CELLS:
        raise ValueError(f"cell must be one of {sorted(CELLS)}; got {cell!r}")
    return CELLS[cell]


def _check_tokens(tokens, name, vocab_size, ndim=2):
    """Raise a clear error unless tokens is a long tensor of `ndim` dims with values in [0, vocab_size)."""
    if not isinstance(tokens, torch.Tensor):
        raise TypeError(f"{name} must be a torch tensor of token indices; got {type(tokens).__name__}")
    if tokens.dtype != torch.long:
        raise TypeError(f"{name} must have dtype torch.long; got {tokens.dtype}")
    shape = "(T, B)" if ndim == 2 else "(B,)"
    if tokens.dim() != ndim or 0 in tokens.shape:
        raise ValueError(f"{name} must have shape {shape} with no empty dimension; got {tuple(tokens.shape)}")
    if tokens.min() < 0 or tokens.max() >= vocab_size:
        raise ValueError(
            f"{name} must hold indices in [0, {vocab_size}); got values from {int(tokens.min())} "
            f"to {int(tokens.max())}"
        )


def _check_state(state, rnn, B):
    """Raise a clear error unless `state` is None or a start state of the one-layer `rnn` for B sequences."""
    if state is None:
        return
    shape = (1, B, rnn.hidden_size)
    lstm = isinstance(rnn, nn.LSTM)
    expected = f"None or {'a tuple (h, c) of tensors' if lstm else 'a tensor h'} of shape {shape}"
    parts = state if lstm else (state,)
    if lstm and not (isinstance(state, tuple) and len(state) == 2):
        raise TypeError(f"state must be {expected}; got {type(state).__name__}")
    if not all(isinstance(part, torch.Tensor) for part in parts):
        raise TypeError(f"state must be {expected}; got {type(state).__name__}")
    dtype = rnn.weight_hh_l0.dtype
    for part in parts:
        if tuple(part.shape) != shape or part.dtype != dtype:
            raise ValueError(f"state must be {expected} and dtype {dtype}; got shape {tuple(part.shape)} "
                             f"and dtype {part.dtype}")


def detach_state(state):
    """Cut the graph behind a recurrent state: a tensor h, or an (h, c) tuple for the LSTM (None stays None).

    Truncated BPTT carries the values of the state from one chunk to the next but no gradient.
    """
    if state is None:
        return None
    if isinstance(state, torch.Tensor):
        return state.detach()
    if isinstance(state, tuple) and all(isinstance(s, torch.Tensor) for s in state):
        return tuple(s.detach() for s in state)
    raise TypeError(f"state must be a tensor, a tuple of tensors (h, c) or None; got {type(state).__name__}")


class NextTokenModel(nn.Module):
    """Next-token scores from a sequence of tokens: one-hot (or embedding) -> RNN/LSTM/GRU -> Linear.

    vocab_size V, hidden_size H, cell "rnn" (tanh), "lstm" or "gru"; embed: learn an H-sized embedding
    instead of feeding one-hot vectors. `self.rnn` is a one-layer time-major torch module, so
    `rnnbook.numpy_rnn.LSTM.from_torch(model.rnn)` copies it into numpy.
    """

    def __init__(self, vocab_size, hidden_size, cell="lstm", embed=False, seed=0):
        super().__init__()
        vocab_size = _check_int(vocab_size, "vocab_size")
        hidden_size = _check_int(hidden_size, "hidden_size")
        rnn_class = _check_cell(cell)
        if not isinstance(embed, bool):
            raise TypeError(f"embed must be True or False; got {type(embed).__name__}")
        self.vocab_size = vocab_size
        self.cell = cell
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(_torch_seed(seed))
            self.embedding = nn.Embedding(vocab_size, hidden_size) if embed else None
            self.rnn = rnn_class(hidden_size if embed else vocab_size, hidden_size)
            self.readout = nn.Linear(hidden_size, vocab_size)

    def forward(self, tokens, state=None):
        """tokens: (T, B) long; state: None (zeros), h (1, B, H) or (h, c) for the LSTM.

        Returns (logits (T, B, V), state) where state is the final state, to carry to the next chunk.
        """
        _check_tokens(tokens, "tokens", self.vocab_size)
        _check_state(state, self.rnn, tokens.shape[1])
        if self.embedding is not None:
            xs = self.embedding(tokens)  # (T, B, H)
        else:
            xs = nn.functional.one_hot(tokens, self.vocab_size).to(self.readout.weight.dtype)  # (T, B, V)
        hs, state = self.rnn(xs, state)  # (T, B, H)
        return self.readout(hs), state  # (T, B, V)


class Seq2Seq(nn.Module):
    """Encoder-decoder with teacher forcing and greedy decoding (Sutskever et al. 2014).

    src_vocab, tgt_vocab: vocabulary sizes; hidden_size H (also the embedding size); cell "rnn", "lstm"
    or "gru". The encoder reads the source; its final state is the decoder's initial state.
    """

    def __init__(self, src_vocab, tgt_vocab, hidden_size, cell="gru", seed=0):
        super().__init__()
        src_vocab = _check_int(src_vocab, "src_vocab")
        tgt_vocab = _check_int(tgt_vocab, "tgt_vocab")
        hidden_size = _check_int(hidden_size, "hidden_size")
        rnn_class = _check_cell(cell)
        self.src_vocab = src_vocab
        self.tgt_vocab = tgt_vocab
        self.cell = cell
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(_torch_seed(seed))
            self.src_embedding = nn.Embedding(src_vocab, hidden_size)
            self.encoder = rnn_class(hidden_size, hidden_size)
            self.tgt_embedding = nn.Embedding(tgt_vocab, hidden_size)
            self.decoder = rnn_class(hidden_size, hidden_size)
            self.readout = nn.Linear(hidden_size, tgt_vocab)

    def encode(self, src):
        """Read the source. src: (S, B) long. Returns the final state: h (1, B, H), or (h, c) for the LSTM."""
        _check_tokens(src, "src", self.src_vocab)
        _, state = self.encoder(self.src_embedding(src))  # embedded: (S, B, H)
        return state

    def decode(self, tgt_in, state):
        """Run the decoder from `state` over tgt_in (T, B) long. Returns (logits (T, B, V_tgt), state)."""
        _check_tokens(tgt_in, "tgt_in", self.tgt_vocab)
        _check_state(state, self.decoder, tgt_in.shape[1])
        hs, state = self.decoder(self.tgt_embedding(tgt_in), state)  # (T, B, H)
        return self.readout(hs), state  # (T, B, V_tgt)

    def forward(self, src, tgt_in):
        """Teacher forcing: src (S, B) long; tgt_in (T, B) long, the target shifted right (starting with BOS).

        Returns logits (T, B, V_tgt): at step t, scores for target token t given tgt_in[: t + 1].
        """
        state = self.encode(src)
        _check_tokens(tgt_in, "tgt_in", self.tgt_vocab)
        if src.shape[1] != tgt_in.shape[1]:
            raise ValueError(f"src and tgt_in must have the same B; got {src.shape[1]} and {tgt_in.shape[1]}")
        logits, _ = self.decode(tgt_in, state)
        return logits

    @torch.no_grad()
    def greedy_decode(self, src, bos, eos, max_len):
        """Translate by feeding the decoder its own most likely token, starting from `bos`.

        src: (S, B) long. Stops when every sequence has produced `eos` or after max_len tokens.
        Returns (T', B) long, T' <= max_len, without the BOS; after a sequence's EOS its column repeats EOS.
        """
        for value, name in ((bos, "bos"), (eos, "eos")):
            _check_int(value, name, 0)
            if value >= self.tgt_vocab:
                raise ValueError(f"{name} must be in [0, {self.tgt_vocab}) (tgt_vocab); got {value}")
        bos, eos = int(bos), int(eos)
        max_len = _check_int(max_len, "max_len")
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


def exact_match(predicted, target, eos):
    """Fraction of sequences whose tokens up to and including the first EOS equal the target's.

    predicted: (T', B) long (e.g. from `greedy_decode`); target: (T, B) long, each column holding EOS.
    """
    for tensor, name in ((predicted, "predicted"), (target, "target")):
        if not isinstance(tensor, torch.Tensor):
            raise TypeError(f"{name} must be a torch tensor (T, B); got {type(tensor).__name__}")
        if tensor.dim() != 2:
            raise ValueError(f"{name} must have shape (T, B); got {tuple(tensor.shape)}")
    if predicted.shape[1] != target.shape[1]:
        raise ValueError(
            f"predicted and target must have the same B; got {predicted.shape[1]} and {target.shape[1]}"
        )
    if target.shape[1] == 0:
        raise ValueError(f"target must hold at least one sequence (B >= 1); got shape {tuple(target.shape)}")
    eos = _check_int(eos, "eos", 0)
    hits = 0
    for b in range(target.shape[1]):
        want = target[:, b].tolist()
        got = predicted[:, b].tolist()
        if eos not in want:
            raise ValueError(f"target column {b} has no eos token ({eos})")
        want = want[: want.index(eos) + 1]
        got = got[: got.index(eos) + 1] if eos in got else got
        hits += got == want
    return hits / target.shape[1]


class Tagger(nn.Module):
    """A tag for every token (many-to-many): embedding -> RNN/LSTM/GRU (optionally bidirectional) -> Linear.

    vocab_size, num_tags, hidden_size H (also the embedding size); bidirectional: a second RNN reads the
    sequence backwards and the two states are concatenated at each step (2H features).
    """

    def __init__(self, vocab_size, num_tags, hidden_size, bidirectional=False, cell="gru", seed=0):
        super().__init__()
        vocab_size = _check_int(vocab_size, "vocab_size")
        num_tags = _check_int(num_tags, "num_tags")
        hidden_size = _check_int(hidden_size, "hidden_size")
        rnn_class = _check_cell(cell)
        if not isinstance(bidirectional, bool):
            raise TypeError(f"bidirectional must be True or False; got {type(bidirectional).__name__}")
        self.vocab_size = vocab_size
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(_torch_seed(seed))
            self.embedding = nn.Embedding(vocab_size, hidden_size)
            self.rnn = rnn_class(hidden_size, hidden_size, bidirectional=bidirectional)
            self.readout = nn.Linear(hidden_size * (2 if bidirectional else 1), num_tags)

    def forward(self, tokens):
        """tokens: (T, B) long. Returns logits (T, B, num_tags)."""
        _check_tokens(tokens, "tokens", self.vocab_size)
        hs, _ = self.rnn(self.embedding(tokens))  # (T, B, H) or (T, B, 2H)
        return self.readout(hs)  # (T, B, num_tags)


class SequenceClassifier(nn.Module):
    """One class per sequence (many-to-one): embedding -> RNN/LSTM/GRU -> Linear on the last hidden state.

    vocab_size, num_classes, hidden_size H (also the embedding size), cell "rnn", "lstm" or "gru".
    """

    def __init__(self, vocab_size, num_classes, hidden_size, cell="gru", seed=0):
        super().__init__()
        vocab_size = _check_int(vocab_size, "vocab_size")
        num_classes = _check_int(num_classes, "num_classes")
        hidden_size = _check_int(hidden_size, "hidden_size")
        rnn_class = _check_cell(cell)
        self.vocab_size = vocab_size
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(_torch_seed(seed))
            self.embedding = nn.Embedding(vocab_size, hidden_size)
            self.rnn = rnn_class(hidden_size, hidden_size)
            self.readout = nn.Linear(hidden_size, num_classes)

    def forward(self, tokens, lengths=None):
        """tokens: (T, B) long; lengths: optional (B,) long, the true length of each padded sequence.

        Returns logits (B, num_classes) from the hidden state after each sequence's last real token.
        """
        _check_tokens(tokens, "tokens", self.vocab_size)
        hs, _ = self.rnn(self.embedding(tokens))  # (T, B, H)
        if lengths is None:
            return self.readout(hs[-1])  # (B, C)
        T, B = tokens.shape
        if not isinstance(lengths, torch.Tensor) or lengths.dtype != torch.long or lengths.shape != (B,):
            got = tuple(lengths.shape) if isinstance(lengths, torch.Tensor) else type(lengths).__name__
            raise ValueError(f"lengths must be a long tensor of shape ({B},) (B,); got {got}")
        if lengths.min() < 1 or lengths.max() > T:
            low, high = int(lengths.min()), int(lengths.max())
            raise ValueError(f"lengths must lie in [1, {T}] (T); got values from {low} to {high}")
        last = hs[lengths - 1, torch.arange(B)]  # (B, H)
        return self.readout(last)  # (B, C)


def fit(model, loss_fn, steps, *, lr=1e-2, optimizer="adam", clip=None, seed=0, accuracy_fn=None,
        eval_every=None, callback=None):
    """Train `model` for `steps` gradient steps; return a history dict of lists. Never plots.

    loss_fn(model, step) -> scalar loss tensor: draws (or slices) its own batch for that step and runs the
    model, so the same loop serves every task. optimizer: "adam" or "sgd"; clip: optional max global
    gradient norm (`clip_grad_norm_`); seed (an int >= 0 or a numpy Generator): `torch.manual_seed(seed)`
    before the first step.
    accuracy_fn(model) -> float: if given, evaluated with the model in eval mode and without gradients
    every `eval_every` steps (default: only after the last step).
    callback(step, history): called after every step; returning True stops training early.
    History: "loss" and "grad_norm" (before clipping) per step; with accuracy_fn also "accuracy" and
    "accuracy_step" (the number of steps done when it was measured).
    """
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module; got {type(model).__name__}")
    if not callable(loss_fn):
        raise TypeError(f"loss_fn must be a function loss_fn(model, step); got {type(loss_fn).__name__}")
    steps = _check_int(steps, "steps")
    _check_positive(lr, "lr")
    if optimizer not in ("adam", "sgd"):
        raise ValueError(f"optimizer must be 'adam' or 'sgd'; got {optimizer!r}")
    if clip is not None:
        _check_positive(clip, "clip")
    seed = _torch_seed(seed)
    if eval_every is not None:
        eval_every = _check_int(eval_every, "eval_every")
    for function, name in ((accuracy_fn, "accuracy_fn"), (callback, "callback")):
        if function is not None and not callable(function):
            raise TypeError(f"{name} must be a function or None; got {type(function).__name__}")

    torch.manual_seed(seed)
    optimizer_class = torch.optim.Adam if optimizer == "adam" else torch.optim.SGD
    opt = optimizer_class(model.parameters(), lr=float(lr))
    history = {"loss": [], "grad_norm": []}
    if accuracy_fn is not None:
        history.update(accuracy=[], accuracy_step=[])

    for step in range(steps):
        model.train()
        loss = loss_fn(model, step)
        if not isinstance(loss, torch.Tensor) or loss.dim() != 0 or not loss.requires_grad:
            raise TypeError(f"loss_fn must return a scalar tensor that requires grad; got {loss!r:.80}")
        opt.zero_grad()
        loss.backward()
        max_norm = float(clip) if clip is not None else math.inf
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        opt.step()
        history["loss"].append(loss.item())
        history["grad_norm"].append(float(norm))

        due = eval_every is not None and (step + 1) % eval_every == 0
        if accuracy_fn is not None and (due or step == steps - 1):
            _measure(model, accuracy_fn, history, step + 1)
        if callback is not None and callback(step, history):
            if accuracy_fn is not None and history["accuracy_step"][-1:] != [step + 1]:
                _measure(model, accuracy_fn, history, step + 1)
            break
    return history


def _measure(model, accuracy_fn, history, steps_done):
    """Append accuracy_fn(model), computed in eval mode without gradients, to the history."""
    model.eval()
    with torch.no_grad():
        accuracy = accuracy_fn(model)
    model.train()
    if isinstance(accuracy, torch.Tensor) and accuracy.numel() == 1:
        accuracy = accuracy.item()
    if isinstance(accuracy, bool) or not isinstance(accuracy, numbers.Real):
        raise TypeError(f"accuracy_fn must return a number; got {type(accuracy).__name__}")
    history["accuracy"].append(float(accuracy))
    history["accuracy_step"].append(steps_done)
