"""Training a numpy recurrent net to predict the next item: a linear readout and a small training loop.

The pieces: a recurrent core (`RNN`, `LSTM` or `GRU` from this package, or any object with the same
`forward`/`backward`/`params`), a `Readout` that turns each hidden state into scores over the items, and
softmax cross-entropy. One training step is

    hs, _ = core.forward(inputs)               # (T, B, H)
    logits = readout.forward(hs)               # (T, B, V)
    loss, dlogits = softmax_cross_entropy(logits, targets)
    readout_grads, dhs = readout.backward(dlogits)
    core_grads = core.backward(dhs, truncate=truncate)
    optimizer.step(...)                        # the weights change in place
"""

import numbers
from dataclasses import dataclass, field

import numpy as np

from .base import as_real_array, make_rng
from .functions import softmax, softmax_cross_entropy
from .optim import SGD, Adam, clip_gradients

IGNORE = -1  # a target of -1 means "no target at this step" (e.g. every step but the last of a sequence)


def _check_size(value, name, minimum=1):
    """Raise a clear error unless `value` is an int >= minimum."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int; got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")


class Readout:
    """A linear layer from hidden states to scores: logits = h @ weight.T + bias (like `torch.nn.Linear`).

    hidden_size H, output_size V; params {"weight": (V, H), "bias": (V,)}, initialised uniformly in
    [-1/sqrt(H), 1/sqrt(H)] from `seed` (int or np.random.Generator), like torch.
    """

    def __init__(self, hidden_size, output_size, seed=0):
        _check_size(hidden_size, "hidden_size")
        _check_size(output_size, "output_size")
        rng = make_rng(seed)
        bound = 1.0 / np.sqrt(hidden_size)
        self.hidden_size = int(hidden_size)
        self.output_size = int(output_size)
        self.params = {
            "weight": rng.uniform(-bound, bound, size=(output_size, hidden_size)),  # (V, H)
            "bias": rng.uniform(-bound, bound, size=output_size),  # (V,)
        }
        self.hs = None

    def forward(self, hs):
        """Scores for each hidden state. hs: (..., H), e.g. (T, B, H). Returns logits (..., V)."""
        hs = as_real_array("hs", hs)
        if hs.ndim == 0 or hs.shape[-1] != self.hidden_size:
            raise ValueError(
                f"hs must be a real array of shape (..., {self.hidden_size}) "
                f"(hidden_size={self.hidden_size}); got shape {hs.shape}"
            )
        self.hs = hs.copy()
        return self.hs @ self.params["weight"].T + self.params["bias"]  # (..., V)

    def backward(self, dlogits):
        """Gradients for the last forward. dlogits: (..., V). Returns ({"weight", "bias"}, dhs (..., H))."""
        if self.hs is None:
            raise RuntimeError("Readout.backward needs a forward first; call readout.forward(hs)")
        expected = self.hs.shape[:-1] + (self.output_size,)
        dlogits = as_real_array("dlogits", dlogits)
        if dlogits.shape != expected:
            raise ValueError(f"dlogits must have shape {expected} (the last logits); got {dlogits.shape}")
        flat_d = dlogits.reshape(-1, self.output_size)  # (N, V)
        flat_h = self.hs.reshape(-1, self.hidden_size)  # (N, H)
        grads = {"weight": flat_d.T @ flat_h, "bias": flat_d.sum(axis=0)}  # (V, H), (V,)
        dhs = dlogits @ self.params["weight"]  # (..., H)
        return grads, dhs


@dataclass
class TrainHistory:
    """What `train_next_item` returns: the loss and the gradient norm (before clipping) at every step,
    and the accuracy on all the training sequences after the last step."""

    loss: list = field(default_factory=list)
    grad_norm: list = field(default_factory=list)
    accuracy: float = float("nan")


def _check_model(model, readout):
    """Raise a clear error unless model looks like a numpy core and readout is a Readout."""
    for attribute in ("forward", "backward", "params"):
        if not hasattr(model, attribute):
            raise TypeError(
                f"model must be a numpy recurrent model (RNN, LSTM, GRU) with forward, backward and params; "
                f"{type(model).__name__} has no {attribute!r}"
            )
    if not isinstance(readout, Readout):
        raise TypeError(f"readout must be a Readout; got {type(readout).__name__}")


def _check_inputs(inputs):
    """Return inputs as a finite float64 (T, B, I) array, or raise a clear error."""
    xs = as_real_array("inputs", inputs)
    if xs.ndim != 3 or 0 in xs.shape:
        raise ValueError(f"inputs must be a real array of shape (T, B, I) with T, B, I >= 1; got {xs.shape}")
    return xs


def _check_targets(targets, inputs, num_items):
    """Return targets as an int array (T, B) with values in [0, V) or -1, or raise a clear error.

    Labels of shape (B,) (one per sequence, many-to-one) become targets that are -1 but at the last step.
    """
    try:
        ys = np.asarray(targets)
    except ValueError as error:  # ragged nested lists
        raise ValueError("targets must be a rectangular integer array; got a ragged nested list") from error
    if not np.issubdtype(ys.dtype, np.integer):
        raise TypeError(f"targets must be an integer array; got dtype {ys.dtype}")
    T, B = inputs.shape[:2]
    if ys.shape == (B,):
        labels = ys
        ys = np.full((T, B), IGNORE, dtype=labels.dtype)
        ys[-1] = labels
    if ys.shape != (T, B):
        raise ValueError(f"targets must have shape {(T, B)} (T, B) or {(B,)} (B,); got {ys.shape}")
    bad = (ys != IGNORE) & ((ys < 0) | (ys >= num_items))
    if bad.any():
        raise ValueError(
            f"targets must lie in [0, {num_items}) (readout.output_size) or be -1 (no target); "
            f"got {ys[bad].flat[0]}"
        )
    if (ys == IGNORE).all():
        raise ValueError("targets must hold at least one target; every entry is -1")
    return ys


def _hidden_states(model, readout, inputs):
    """Run the core and check that its hidden size fits the readout. Returns hs (T, B, H)."""
    hs, _ = model.forward(inputs)  # (T, B, H)
    if hs.shape[-1] != readout.hidden_size:
        raise ValueError(
            f"the model's hidden states have size {hs.shape[-1]} but readout.hidden_size is "
            f"{readout.hidden_size}; build Readout(hidden_size={hs.shape[-1]}, ...)"
        )
    return hs


def predict(model, readout, inputs):
    """Probabilities of the next item at every step.

    inputs: (T, B, I) real (one-hot items, usually). Returns probs (T, B, V), summing to 1 over V.
    """
    _check_model(model, readout)
    xs = _check_inputs(inputs)
    return softmax(readout.forward(_hidden_states(model, readout, xs)))  # (T, B, V)


def accuracy(model, readout, inputs, targets):
    """Fraction of steps where the most probable item is the target (steps with target -1 are skipped).

    inputs: (T, B, I) real; targets: (T, B) ints in [0, V) or -1, or (B,) labels for the last step.
    """
    _check_model(model, readout)
    xs = _check_inputs(inputs)
    ys = _check_targets(targets, xs, readout.output_size)
    guesses = predict(model, readout, xs).argmax(axis=-1)  # (T, B)
    counted = ys != IGNORE
    return float((guesses == ys)[counted].mean())


def train_next_item(
    model, readout, inputs, targets, *, steps, lr, optimizer="adam", clip=None, truncate=None,
    batch_size=None, seed=0,
):
    """Train a numpy recurrent core and its readout with softmax cross-entropy; return a TrainHistory.

    model: a numpy `RNN`, `LSTM` or `GRU` (input_size I, hidden_size H); readout: `Readout(H, V)`.
    inputs: (T, B, I) real, usually one-hot items; targets: (T, B) ints in [0, V), the item that follows
    each input, or -1 where a step has no target; or (B,) labels, one per sequence, scored at the last
    step only (many-to-one tasks such as `rnnbook.data.remember_first`).
    steps: number of gradient steps; lr: learning rate; optimizer: "adam" or "sgd" (plain, no momentum).
    clip: if given, clip the global gradient norm (core and readout together) to this value.
    truncate: if given, truncated BPTT in chunks of this many steps (passed to `model.backward`).
    batch_size: if given, each step trains on that many sequences (columns of B) drawn at random without
    replacement, from `np.random.default_rng(seed)`; otherwise every step uses all B sequences.
    The weights in `model.params` and `readout.params` are updated in place.
    """
    _check_model(model, readout)
    xs = _check_inputs(inputs)
    ys = _check_targets(targets, xs, readout.output_size)
    _check_size(steps, "steps")
    if truncate is not None:
        _check_size(truncate, "truncate")
    if batch_size is not None:
        _check_size(batch_size, "batch_size")
        if batch_size > xs.shape[1]:
            raise ValueError(f"batch_size must be at most B = {xs.shape[1]} (inputs); got {batch_size}")
        if (ys == IGNORE).all(axis=0).any():
            raise ValueError("with batch_size, every sequence (column of targets) needs at least one target")
    if optimizer not in ("adam", "sgd"):
        raise ValueError(f"optimizer must be 'adam' or 'sgd'; got {optimizer!r}")
    if clip is not None and (isinstance(clip, bool) or not isinstance(clip, numbers.Real)
                             or not np.isfinite(clip) or clip <= 0):
        raise ValueError(f"clip must be None or a number > 0 (finite); got {clip!r}")
    rng = make_rng(seed)

    # One dict of every parameter; the arrays are the models' own, so updates land in the models.
    params = {f"core.{k}": v for k, v in model.params.items()}
    params.update({f"readout.{k}": v for k, v in readout.params.items()})
    opt = Adam(params, lr=lr) if optimizer == "adam" else SGD(params, lr=lr)
    history = TrainHistory()

    for _ in range(steps):
        x, y = xs, ys
        if batch_size is not None:
            columns = rng.choice(xs.shape[1], size=batch_size, replace=False)
            x, y = xs[:, columns], ys[:, columns]  # (T, b, I), (T, b)
        hs = _hidden_states(model, readout, x)  # (T, b, H)
        loss, dlogits = softmax_cross_entropy(readout.forward(hs), y, ignore_index=IGNORE)
        readout_grads, dhs = readout.backward(dlogits)
        core_grads = model.backward(dhs, truncate=truncate)

        grads = {f"core.{k}": core_grads[k] for k in model.params}  # drops "input", "h0", ...
        grads.update({f"readout.{k}": g for k, g in readout_grads.items()})
        if clip is not None:
            norm = clip_gradients(grads, clip)
        else:
            norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
        opt.step(grads)
        history.loss.append(loss)
        history.grad_norm.append(norm)

    history.accuracy = accuracy(model, readout, xs, ys)
    return history
