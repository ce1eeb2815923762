"""The chapter 3 net: the prediction is the only state (a Jordan network, Jordan 1986).

At step t the net sees two vectors of size V, the newest word x_t (one-hot) and its own previous prediction
p_{t-1} (probabilities over the V words; zeros before the first step), and votes for the next word:

    p_t = softmax(W_x x_t + W_p p_{t-1} + b)

The vanilla RNN of Elman (1990) feeds back a hidden state instead; here what is fed back is the prediction
itself, the dotted "hold it for a day" line of the dinner story.
"""

import numbers

import numpy as np

from .base import as_real_array
from .functions import softmax, softmax_cross_entropy
from .optim import SGD, Adam, clip_gradients


def _check_int(value, name, minimum):
    """Raise a clear error unless `value` is an int >= minimum."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int; got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")


def _as_generator(rng, name="rng"):
    """Return a np.random.Generator from an int seed >= 0 or a Generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        if rng < 0:
            raise ValueError(f"{name} must be an int seed >= 0 or a np.random.Generator; got {rng}")
        return np.random.default_rng(rng)
    raise TypeError(f"{name} must be an int seed or a np.random.Generator; got {type(rng).__name__}")


class PredictionRNN:
    """A recurrent net whose state is its own last prediction: p_t = softmax(W_x x_t + W_p p_{t-1} + b).

    vocab_size V; params {"W_x": (V, V), "W_p": (V, V), "b": (V,)}, small random weights from `seed`.
    Row i of W_x holds the votes that each input word gives to next word i (torch's (out, in) layout).
    """

    def __init__(self, vocab_size, seed=0):
        _check_int(vocab_size, "vocab_size", 1)
        rng = _as_generator(seed, "seed")
        self.vocab_size = int(vocab_size)
        self.params = {
            "W_x": 0.1 * rng.standard_normal((vocab_size, vocab_size)),  # (V, V)
            "W_p": 0.1 * rng.standard_normal((vocab_size, vocab_size)),  # (V, V)
            "b": np.zeros(vocab_size),  # (V,)
        }
        self.cache = None

    def _check_xs(self, xs):
        """Return xs as a finite float64 (T, B, V) array (a copy), or raise a clear error."""
        array = as_real_array("xs", xs)
        V = self.vocab_size
        if array.ndim != 3 or array.shape[2] != V or 0 in array.shape:
            raise ValueError(
                f"xs must be a real array of shape (T, B, {V}) (vocab_size={V}) with T, B >= 1; "
                f"got shape {array.shape}"
            )
        return array.copy()

    def _logits(self, x, p_prev):
        """The votes for the next word. x, p_prev: (B, V). Returns (B, V)."""
        return x @ self.params["W_x"].T + p_prev @ self.params["W_p"].T + self.params["b"]

    def forward(self, xs, prediction=None):
        """Run the net over a sequence; keep what backward needs.

        xs: (T, B, V) words, one-hot (a row of zeros means "no news today"); prediction: optional (B, V)
        starting prediction (zeros when None). Returns probs (T, B, V): p_t for every step.
        """
        xs = self._check_xs(xs)
        T, B, V = xs.shape
        if prediction is None:
            p = np.zeros((B, V))
        else:
            p = as_real_array("prediction", prediction)
            if p.shape != (B, V):
                raise ValueError(f"prediction must have shape {(B, V)} (B, vocab_size); got {p.shape}")
        logits = np.zeros((T, B, V))
        probs = np.zeros((T, B, V))
        previous = np.zeros((T, B, V))  # p_{t-1}, the prediction fed back into step t
        for t in range(T):
            previous[t] = p
            logits[t] = self._logits(xs[t], p)
            p = softmax(logits[t])
            probs[t] = p
        self.cache = (xs, previous, logits, probs)
        return probs.copy()  # the caller may change it; backward reads the cached one

    def backward(self, targets, truncate=None):
        """Loss and gradients of the last forward against the next words, by BPTT through the predictions.

        targets: (T, B) ints in [0, V), the word that follows each input. Loss: mean softmax cross-entropy.
        truncate: if given, the fed-back prediction is detached at steps k, 2k, ... (chunks of k steps).
        Returns (loss, grads) with grads {"W_x", "W_p", "b"} shaped like params.
        """
        if self.cache is None:
            raise RuntimeError("PredictionRNN.backward needs a forward first; call net.forward(xs)")
        if truncate is not None:
            _check_int(truncate, "truncate", 1)
        xs, previous, logits, probs = self.cache
        T, B, V = xs.shape
        try:
            ys = np.asarray(targets)
        except ValueError as error:  # ragged nested lists
            raise ValueError("targets must be a rectangular integer array; got a ragged list") from error
        if not np.issubdtype(ys.dtype, np.integer):
            raise TypeError(f"targets must be an integer array; got dtype {ys.dtype}")
        if ys.shape != (T, B):
            raise ValueError(f"targets must have shape {(T, B)} (T, B) like the last xs; got {ys.shape}")
        if ys.min() < 0 or ys.max() >= V:
            raise ValueError(f"targets must lie in [0, {V}) (vocab_size); got {ys.min()} to {ys.max()}")

        loss, dlogits_direct = softmax_cross_entropy(logits, ys)  # dlogits_direct: (T, B, V)
        dlogits = np.zeros((T, B, V))
        dp = np.zeros((B, V))  # gradient reaching p_t through the feedback into step t + 1
        for t in reversed(range(T)):
            p = probs[t]  # (B, V)
            # the softmax Jacobian applied to dp: p * (dp - sum(p * dp)), then the loss's own term
            dlogits[t] = dlogits_direct[t] + p * (dp - np.sum(p * dp, axis=1, keepdims=True))
            dp = dlogits[t] @ self.params["W_p"]  # (B, V): into p_{t-1}
            if truncate is not None and t % truncate == 0:
                dp = np.zeros((B, V))  # p_{t-1} is detached at the start of a chunk
        grads = {
            "W_x": np.einsum("tbi,tbj->ij", dlogits, xs),  # (V, V)
            "W_p": np.einsum("tbi,tbj->ij", dlogits, previous),  # (V, V)
            "b": dlogits.sum(axis=(0, 1)),  # (V,)
        }
        return loss, grads

    def fit(self, xs, targets, *, steps, lr=0.1, optimizer="adam", clip=None, truncate=None):
        """Train on the whole batch for `steps` steps (no randomness: every step sees all of xs).

        xs: (T, B, V) one-hot words; targets: (T, B) the next words; optimizer "adam" or "sgd";
        clip: optional global gradient norm limit; truncate: optional BPTT chunk length.
        Returns the list of losses, one per step (before that step's update).
        """
        _check_int(steps, "steps", 1)
        if optimizer not in ("adam", "sgd"):
            raise ValueError(f"optimizer must be 'adam' or 'sgd'; got {optimizer!r}")
        if clip is not None and (isinstance(clip, bool) or not isinstance(clip, numbers.Real)
                                 or not np.isfinite(clip) or clip <= 0):
            raise ValueError(f"clip must be None or a number > 0 (finite); got {clip!r}")
        if truncate is not None:
            _check_int(truncate, "truncate", 1)
        opt = Adam(self.params, lr=lr) if optimizer == "adam" else SGD(self.params, lr=lr)
        losses = []
        for _ in range(steps):
            self.forward(xs)
            loss, grads = self.backward(targets, truncate=truncate)
            if clip is not None:
                clip_gradients(grads, clip)
            opt.step(grads)
            losses.append(loss)
        return losses

    def votes(self):
        """The learned votes as two (V, V) arrays (copies): (word_votes, prediction_votes).

        word_votes[i, j] is the vote that the newest word i casts for next word j (W_x transposed);
        prediction_votes[i, j] the vote that having predicted word i casts for next word j (W_p transposed).
        """
        return self.params["W_x"].T.copy(), self.params["W_p"].T.copy()

    def generate(self, start_index, stop_index, max_len=20, rng=0):
        """Sample a sentence by feeding the net its own words.

        Start from the word `start_index` (e.g. ".") with a zero prediction; at each step sample the next
        word from the net's prediction, feed that word and that prediction back, and stop after sampling
        `stop_index` (e.g. ".") or after `max_len` words. rng: int seed or np.random.Generator.
        Returns the list of sampled word indices (ending with stop_index when the sentence ended).
        """
        V = self.vocab_size
        for value, name in ((start_index, "start_index"), (stop_index, "stop_index")):
            _check_int(value, name, 0)
            if value >= V:
                raise ValueError(f"{name} must be in [0, {V}) (vocab_size); got {value}")
        _check_int(max_len, "max_len", 1)
        rng = _as_generator(rng)
        x = np.zeros((1, V))
        x[0, start_index] = 1.0
        p = np.zeros((1, V))
        words = []
        while len(words) < max_len:
            p = softmax(self._logits(x, p))  # (1, V)
            word = int(rng.choice(V, p=p[0]))
            words.append(word)
            if word == stop_index:
                break
            x = np.zeros((1, V))
            x[0, word] = 1.0
        return words
