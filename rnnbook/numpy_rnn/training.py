"""Training a numpy recurrent net to predict the next item: a linear `Readout` and a small training loop."""

from types import SimpleNamespace

import numpy as np

from rnnbook._checks import choice, generator, integer, positive

from .functions import softmax, softmax_cross_entropy
from .optim import SGD, Adam, clip_gradients

_IGNORE = -1  # a target of -1: no target at this step (e.g. every step but the last of a sequence)


class Readout:
    """A linear layer from hidden states to scores, logits = hs @ weight.T + bias, as `torch.nn.Linear`:
    params "weight" (V, H) and "bias" (V,), uniform in [-1/sqrt(H), 1/sqrt(H)] from `seed`."""

    def __init__(self, hidden_size, output_size, seed=0):
        self.hidden_size = H = integer("hidden_size", hidden_size, 1)
        self.output_size = V = integer("output_size", output_size, 1)
        rng = generator(seed)
        bound = 1.0 / np.sqrt(H)
        self.params = {"weight": rng.uniform(-bound, bound, size=(V, H)),
                       "bias": rng.uniform(-bound, bound, size=V)}

    def forward(self, hs):
        """The scores of hs (..., H), e.g. (T, B, H); returns logits (..., V)."""
        hs = np.asarray(hs, dtype=np.float64)
        if hs.ndim == 0 or hs.shape[-1] != self.hidden_size:
            raise ValueError(f"hs must have shape (..., hidden_size={self.hidden_size}); got {hs.shape}")
        self.hs = hs
        return hs @ self.params["weight"].T + self.params["bias"]  # (..., V)

    def backward(self, dlogits):
        """Gradients for the last forward from dlogits (..., V): ({"weight", "bias"}, dhs (..., H))."""
        d = dlogits.reshape(-1, self.output_size)  # (N, V)
        grads = {"weight": d.T @ self.hs.reshape(-1, self.hidden_size), "bias": d.sum(axis=0)}  # (V, H), (V,)
        return grads, dlogits @ self.params["weight"]  # dhs: (..., H)


def _targets(targets, T, B, V):
    """targets (T, B), ints in [0, V) or -1; labels (B,), one per sequence, become the last step's targets."""
    targets = np.asarray(targets)
    if targets.shape == (B,):  # one label per sequence: the target of the last step
        targets = np.concatenate([np.full((T - 1, B), _IGNORE), targets[None]])
    if targets.shape != (T, B) or targets.dtype.kind not in "iu":
        raise ValueError(f"targets must be ints of shape (T, B) = {(T, B)} or labels of shape (B,) = {(B,)}; "
                         f"got {targets.dtype} {targets.shape}")
    if np.any((targets != _IGNORE) & ((targets < 0) | (targets >= V))):
        raise ValueError(f"targets must lie in [0, {V}) (readout.output_size) or be -1 (no target)")
    return targets


def predict(model, readout, inputs):
    """The probabilities of the next item at every step: (T, B, V) for inputs (T, B, I)."""
    hs, _ = model.forward(inputs)  # (T, B, H)
    return softmax(readout.forward(hs))


def accuracy(model, readout, inputs, targets):
    """The fraction of the steps with a target (not -1) where the most probable item is the target;
    inputs (T, B, I), targets (T, B) ints or (B,) labels scored at the last step."""
    probs = predict(model, readout, inputs)  # (T, B, V)
    targets = _targets(targets, *probs.shape)
    return float((probs.argmax(axis=-1) == targets)[targets != _IGNORE].mean())


def train_next_item(model, readout, inputs, targets, *, steps, lr, optimizer="adam", clip=None, truncate=None,
                    batch_size=None, seed=0):
    """Train a numpy `RNN`, `LSTM` or `GRU` and its `Readout` with softmax cross-entropy, in place.

    inputs: (T, B, I), usually one-hot; targets: (T, B) ints in [0, V), the item after each input, or -1
    for no target; or (B,) labels, one per sequence, scored at the last step. optimizer: "adam" or "sgd";
    clip: the largest global gradient norm (model and readout together); truncate: BPTT in chunks of this
    many steps; batch_size: sequences drawn at random (from `seed`) for each of the `steps`, else all B.
    Returns the `loss` and `grad_norm` (before clipping) of every step."""
    inputs = np.asarray(inputs, dtype=np.float64)
    T, B = inputs.shape[:2]
    targets = _targets(targets, T, B, readout.output_size)
    if batch_size is not None and integer("batch_size", batch_size, 1) > B:
        raise ValueError(f"batch_size must be at most B = {B} (the sequences in inputs); got {batch_size}")
    clip = clip if clip is None else positive("clip", clip)
    rng = generator(seed)
    params = {f"model.{k}": v for k, v in model.params.items()}  # the models' own arrays: updated in place
    params.update({f"readout.{k}": v for k, v in readout.params.items()})
    choice("optimizer", optimizer, ("adam", "sgd"))
    opt = Adam(params, lr=lr) if optimizer == "adam" else SGD(params, lr=lr)
    history = SimpleNamespace(loss=[], grad_norm=[])
    for _ in range(integer("steps", steps, 1)):
        columns = slice(None) if batch_size is None else rng.choice(B, size=batch_size, replace=False)
        x, y = inputs[:, columns], targets[:, columns]  # (T, b, I), (T, b): all B sequences or a batch
        hs, _ = model.forward(x)  # (T, b, H)
        loss, dlogits = softmax_cross_entropy(readout.forward(hs), y, ignore_index=_IGNORE)
        readout_grads, dhs = readout.backward(dlogits)
        model_grads = model.backward(dhs, truncate=truncate)
        grads = {f"model.{k}": model_grads[k] for k in model.params}  # leaves out "input", "h0", ...
        grads.update({f"readout.{k}": g for k, g in readout_grads.items()})
        history.grad_norm.append(float(np.sqrt(sum(np.sum(g * g) for g in grads.values()))))
        if clip is not None:
            clip_gradients(grads, clip)
        opt.step(grads)
        history.loss.append(loss)
    return history
