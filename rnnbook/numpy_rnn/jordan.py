"""The chapter 3 net, whose only state is its prediction (a Jordan network, Jordan 1986).

At step t it sees the newest word x_t (one-hot over V words) and its own previous prediction p_{t-1}
(zeros before the first step), and votes for the next word: p_t = softmax(W_x x_t + W_p p_{t-1} + b).
The vanilla RNN of Elman (1990) feeds back a hidden state instead.
"""

import numpy as np

from rnnbook._checks import generator, integer, real_array

from .functions import softmax, softmax_cross_entropy


class PredictionRNN:
    """The net p_t = softmax(W_x x_t + W_p p_{t-1} + b) over V words: params "W_x", "W_p" (V, V), "b" (V,),
    small random weights from `seed`; row i of W_x holds the votes for next word i (torch's (out, in))."""

    def __init__(self, vocab_size, seed=0):
        self.vocab_size = V = integer("vocab_size", vocab_size, 1)
        rng = generator(seed)
        self.params = {"W_x": 0.1 * rng.standard_normal((V, V)), "W_p": 0.1 * rng.standard_normal((V, V)),
                       "b": np.zeros(V)}
        self.cache = None  # what the last forward keeps for backward

    def _logits(self, x, p_prev):  # the votes for the next word: (B, V) from x, p_prev (B, V)
        return x @ self.params["W_x"].T + p_prev @ self.params["W_p"].T + self.params["b"]

    def forward(self, xs, prediction=None):
        """The predictions p_t (T, B, V) for the words xs (T, B, V), one-hot (a row of zeros: no news that
        day), from the starting prediction (B, V) (zeros when None)."""
        xs = real_array("xs", xs)
        V = self.vocab_size
        if xs.ndim != 3 or xs.shape[2] != V or 0 in xs.shape:
            raise ValueError(f"xs must have shape (T, B, vocab_size={V}) with T, B >= 1; got {xs.shape}")
        T, B, _ = xs.shape
        p = np.zeros((B, V)) if prediction is None else real_array("prediction", prediction, (B, V))
        logits, probs, previous = np.zeros((T, B, V)), np.zeros((T, B, V)), np.zeros((T, B, V))
        for t in range(T):
            previous[t] = p  # p_{t-1}, the prediction fed back into step t
            logits[t] = self._logits(xs[t], p)
            p = probs[t] = softmax(logits[t])
        self.cache = (xs, previous, logits, probs)
        return probs

    def backward(self, targets, truncate=None):
        """The mean cross-entropy of the last forward against targets (T, B), ints in [0, V), the word after
        each input, and its gradients by BPTT: (loss, grads) with grads shaped like params. truncate: k
        detaches the fed-back prediction at steps k, 2k, ... (chunks of k steps); None: full BPTT."""
        if self.cache is None:
            raise RuntimeError("PredictionRNN.backward needs a forward first: call net.forward(xs)")
        xs, previous, logits, probs = self.cache
        T, B, V = xs.shape
        y = np.asarray(targets)
        if y.shape != (T, B) or y.dtype.kind not in "iu" or np.any((y < 0) | (y >= V)):
            raise ValueError(f"targets must be ints in [0, {V}) of shape (T, B) = {(T, B)} like the last xs; "
                             f"got {y.dtype} {y.shape}")
        k = T if truncate is None else integer("truncate", truncate, 1)
        loss, dlogits_direct = softmax_cross_entropy(logits, y)  # (T, B, V)
        dlogits = np.zeros((T, B, V))
        dp = np.zeros((B, V))  # the gradient reaching p_t through the feedback into step t + 1
        for t in reversed(range(T)):
            p = probs[t]  # (B, V)
            # the softmax's Jacobian applied to dp, p * (dp - sum(p * dp)), plus the loss's own term
            dlogits[t] = dlogits_direct[t] + p * (dp - np.sum(p * dp, axis=1, keepdims=True))
            # into p_{t-1}, (B, V), unless it is detached at the start of a chunk
            dp = np.zeros((B, V)) if t % k == 0 else dlogits[t] @ self.params["W_p"]
        return loss, {"W_x": np.einsum("tbi,tbj->ij", dlogits, xs),  # (V, V)
                      "W_p": np.einsum("tbi,tbj->ij", dlogits, previous),  # (V, V)
                      "b": dlogits.sum(axis=(0, 1))}  # (V,)

    def votes(self):
        """The votes (copies): word_votes[i, j] = W_x[j, i], the vote of the newest word i for next word j,
        and prediction_votes[i, j] = W_p[j, i], the vote of having predicted word i."""
        return self.params["W_x"].T.copy(), self.params["W_p"].T.copy()

    def generate(self, start_index, stop_index, max_len=20, rng=0):
        """Sample a sentence: from the word `start_index` and a zero prediction, sample each next word from
        the prediction and feed both back, until `stop_index` or `max_len` words; returns the word indices."""
        rng = np.random.default_rng(rng)
        V = self.vocab_size
        x, p = np.eye(V)[[start_index]], np.zeros((1, V))  # (1, V) each
        words = []
        while len(words) < max_len:
            p = softmax(self._logits(x, p))  # (1, V)
            words.append(int(rng.choice(V, p=p[0])))
            if words[-1] == stop_index:
                break
            x = np.eye(V)[[words[-1]]]
        return words
