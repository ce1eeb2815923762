"""Long lags (chapters 4, 6, 7), many-to-one tasks: read a sequence (T, B, features), answer after its end."""

import dataclasses

import numpy as np

from rnnbook._checks import choice, generator, integer
from rnnbook.encoding import one_hot

_ADDING_VARIANTS = ("hochreiter", "le")
_TEMPORAL_ORDER_SYMBOLS = ("a", "b", "c", "d", "E", "B", "X", "Y")
_TEMPORAL_ORDER_CLASSES = ("XX", "XY", "YX", "YY")


@dataclasses.dataclass(eq=False)
class _AddingBatch:
    """A batch of the adding problem; shorter sequences are left-padded with zeros to end together."""

    xs: np.ndarray  # float64 (T_max, B, 2): xs[t, b] = (value, marker)
    targets: np.ndarray  # float64 (B,)
    lengths: np.ndarray  # int64 (B,): the true length of each sequence
    variant: str


def adding_problem(n, T, seed=0, variant="hochreiter"):
    """n >= 1 sequences of the adding problem: add the two marked values, remembered across a long lag.

    "hochreiter" (Hochreiter & Schmidhuber 1997, experiment 4), T >= 4: lengths T .. T + T // 10; values in
    [-1, 1]; marker 1 on X1 (one of the first min(10, T - 1) steps) and X2 (one of the first T // 2 - 1 steps
    still unmarked), -1 on the first and last steps unless marked; target 0.5 + (X1 + X2) / 4.
    "le" (Le, Jaitly & Hinton 2015), T >= 2: values in [0, 1]; one marker in each half; target X1 + X2.
    Returns an _AddingBatch: xs (T_max, B, 2), targets (B,), lengths (B,) and the variant."""
    n, variant = integer("n", n, 1), choice("variant", variant, _ADDING_VARIANTS)
    T, rng, columns = integer("T", T, 4 if variant == "hochreiter" else 2), generator(seed), np.arange(n)
    if variant == "le":
        values = rng.uniform(0.0, 1.0, size=(T, n))  # (T, B)
        first = rng.integers(T // 2, size=n)  # (B,)
        second = T // 2 + rng.integers(T - T // 2, size=n)  # (B,)
        markers = np.zeros((T, n))  # (T, B)
        markers[first, columns] = markers[second, columns] = 1.0
        targets = values[first, columns] + values[second, columns]
        return _AddingBatch(np.stack([values, markers], axis=-1), targets, np.full(n, T), "le")  # (T, B, 2)
    t_max = T + T // 10
    lengths = rng.integers(T, t_max + 1, size=n)  # (B,)
    values = rng.uniform(-1.0, 1.0, size=(t_max, n))  # (T_max, B)
    first = rng.integers(min(10, T - 1), size=n)  # (B,) X1's step, from the sequence's start
    draw = rng.integers(T // 2 - 1, size=n)  # (B,) X2's rank among the steps still unmarked
    second = draw + (draw >= first)  # (B,) skip X1's step
    starts = t_max - lengths  # (B,) the step where each sequence begins
    markers = np.zeros((t_max, n))  # (T_max, B)
    markers[starts, columns] = markers[t_max - 1, :] = -1.0
    markers[starts + first, columns] = markers[starts + second, columns] = 1.0
    for step in (first, second):  # a marked first step holds the value 0
        values[starts[step == 0], columns[step == 0]] = 0.0
    values[np.arange(t_max)[:, None] < starts] = 0.0  # the left padding
    targets = 0.5 + (values[starts + first, columns] + values[starts + second, columns]) / 4.0
    return _AddingBatch(np.stack([values, markers], axis=-1), targets, lengths, "hochreiter")  # (T_max, B, 2)


def temporal_order(n, T, seed=0):
    """n >= 1 sequences of T >= 10 symbols (Hochreiter & Schmidhuber 1997, 6a): the order of X and Y.

    "E", distractors a..d, "B", with X or Y at t1 in T // 10 .. 2 T // 10 and t2 in T // 2 .. 6 T // 10.
    Returns xs float64 (T, B, 8), one-hot over a, b, c, d, E, B, X, Y, and labels int64 (B,), 0 .. 3 for the
    classes XX, XY, YX, YY."""
    n, T, rng, columns = integer("n", n, 1), integer("T", T, 10), generator(seed), np.arange(n)
    symbols = rng.integers(4, size=(T, n))  # (T, B) distractors a..d
    symbols[0, :], symbols[T - 1, :] = 4, 5  # "E" starts, "B" ends
    t1 = rng.integers(T // 10, 2 * T // 10 + 1, size=n)  # (B,)
    t2 = rng.integers(T // 2, 6 * T // 10 + 1, size=n)  # (B,)
    is_y1, is_y2 = rng.integers(2, size=n), rng.integers(2, size=n)  # (B,) 1 for Y, 0 for X
    symbols[t1, columns], symbols[t2, columns] = 6 + is_y1, 6 + is_y2  # "X" is symbol 6, "Y" 7
    return one_hot(symbols, 8), 2 * is_y1 + is_y2  # (T, B, 8), (B,)


def _vocabulary(n_symbols=3, n_fillers=3):
    """The tokens of `remember_first`: n_symbols >= 2 cues "A", "B", ..., n_fillers >= 1 fillers "0", ..."""
    n_symbols, n_fillers = integer("n_symbols", n_symbols, 2), integer("n_fillers", n_fillers, 1)
    return tuple(chr(ord("A") + k) for k in range(n_symbols)) + tuple(str(k) for k in range(n_fillers))


def remember_first(n, lag, n_symbols=3, seed=0, n_fillers=3):
    """n >= 1 sequences of a "France ... French" toy: name the cue of step 0 after `lag` >= 0 fillers.

    Returns xs float64 (lag + 1, B, V), one-hot over the cues "A", "B", ... then the fillers "0", "1", ...,
    and labels int64 (B,), the cue's index (a model that forgets step 0 is at chance, 1 / n_symbols)."""
    n, lag = integer("n", n, 1), integer("lag", lag, 0)
    vocabulary, rng = _vocabulary(n_symbols, n_fillers), generator(seed)
    labels = rng.integers(n_symbols, size=n)  # (B,) the cues
    fillers = n_symbols + rng.integers(n_fillers, size=(lag, n))  # (lag, B)
    return one_hot(np.concatenate([labels[None], fillers]), len(vocabulary)), labels  # (lag + 1, B, V), (B,)
