"""Long time lags (chapters 4, 6, 7): the adding problem, the temporal order task, remember-the-first-token.

Every task here is many-to-one: read a whole sequence (time-major, (T, B, features)), answer at its last step.
"""

import dataclasses

import numpy as np

from rnnbook.data._validate import as_generator, check_choice, check_int
from rnnbook.encoding import one_hot

ADDING_VARIANTS = ("hochreiter", "le")
ADDING_TOLERANCE = {"hochreiter": 0.04, "le": 0.08}
TEMPORAL_ORDER_SYMBOLS = ("a", "b", "c", "d", "E", "B", "X", "Y")
TEMPORAL_ORDER_CLASSES = ("XX", "XY", "YX", "YY")


@dataclasses.dataclass(eq=False)
class AddingBatch:
    """A batch of the adding problem.

    - xs: float64 (T_max, B, 2); xs[t, b] = (value, marker). Shorter sequences are left-padded with zero
      steps, so that every sequence ends at step T_max - 1, where a many-to-one model answers.
    - targets: float64 (B,), what the model must output after the last step.
    - lengths: int64 (B,), the true length of each sequence (its first step is T_max - length).
    - variant: "hochreiter" or "le".
    """

    xs: np.ndarray
    targets: np.ndarray
    lengths: np.ndarray
    variant: str


def _adding_positions(T):
    """How many first steps X1 and X2 are drawn from in the "hochreiter" variant: (n1, n2)."""
    return min(10, T - 1), T // 2 - 1


def adding_problem(n, T, seed=0, variant="hochreiter"):
    """n sequences of the adding problem: add the two marked values, remember them across a long lag.

    - n: batch size B, an int >= 1.
    - T: the (minimal) sequence length.
    - seed: an int or a numpy Generator.
    - variant: "hochreiter" or "le", below.

    variant "hochreiter" (Hochreiter & Schmidhuber 1997, experiment 4), T >= 4:

      - each sequence has its own length, uniform over T .. T + T // 10; xs has T_max = T + T // 10 steps;
      - each step is a pair (value, marker): value uniform in [-1, 1]; marker 1.0 on the two marked steps,
        -1.0 on the first and on the last step of the sequence (unless marked), 0.0 elsewhere;
      - X1 is marked at a step drawn uniformly from the first min(10, T - 1) steps; then X2 at a step drawn
        uniformly from the first T // 2 - 1 steps that are still unmarked (so X2 can land on step T // 2 - 1
        when X1 lies before it); steps are counted from the sequence's own start;
      - when the first step of a sequence is marked, its value is set to 0 (the paper states this rule for
        X1; we apply it to whichever value sits on the first step, X2 included);
      - target 0.5 + (X1 + X2) / 4, in [0, 1]; a sequence counts as solved when abs(error) < 0.04.

      Simplification: none of the paper's rules is dropped; the padding is ours (to batch the lengths).

    variant "le" (Le, Jaitly & Hinton 2015), T >= 2: every sequence has length T; values uniform in [0, 1];
    marker 1.0 at one step drawn from the first half (steps 0 .. T // 2 - 1) and one from the second half
    (T // 2 .. T - 1), 0.0 elsewhere; target X1 + X2, in [0, 2].

    >>> batch = adding_problem(3, 20, seed=0)
    >>> batch.xs.shape, batch.targets.shape, batch.lengths.shape
    ((22, 3, 2), (3,), (3,))
    """
    n = check_int("n", n, 1)
    variant = check_choice("variant", variant, ADDING_VARIANTS)
    T = check_int("T", T, 4 if variant == "hochreiter" else 2)
    rng = as_generator(seed)
    if variant == "le":
        return _adding_le(n, T, rng)
    t_max = T + T // 10
    lengths = rng.integers(T, t_max + 1, size=n)  # (B,)
    values = rng.uniform(-1.0, 1.0, size=(t_max, n))  # (T_max, B)
    n1, n2 = _adding_positions(T)
    first = rng.integers(n1, size=n)  # (B,) X1's step, from the sequence's start
    draw = rng.integers(n2, size=n)  # (B,) X2's rank among the steps still unmarked
    second = draw + (draw >= first)  # (B,) skip X1's step
    columns = np.arange(n)
    starts = t_max - lengths  # (B,) the step where each sequence begins
    markers = np.zeros((t_max, n))  # (T_max, B)
    markers[starts, columns] = -1.0
    markers[t_max - 1, :] = -1.0
    markers[starts + first, columns] = 1.0
    markers[starts + second, columns] = 1.0
    values[starts[first == 0], columns[first == 0]] = 0.0
    values[starts[second == 0], columns[second == 0]] = 0.0
    values[np.arange(t_max)[:, None] < starts[None, :]] = 0.0  # the left padding
    x1 = values[starts + first, columns]
    x2 = values[starts + second, columns]
    xs = np.stack([values, markers], axis=-1)  # (T_max, B, 2)
    return AddingBatch(xs=xs, targets=0.5 + (x1 + x2) / 4.0, lengths=lengths.astype(np.int64),
                       variant="hochreiter")


def _adding_le(n, T, rng):
    """The "le" variant of `adding_problem` (fixed length T, values in [0, 1], target the plain sum)."""
    values = rng.uniform(0.0, 1.0, size=(T, n))  # (T, B)
    first = rng.integers(T // 2, size=n)  # (B,)
    second = T // 2 + rng.integers(T - T // 2, size=n)  # (B,)
    columns = np.arange(n)
    markers = np.zeros((T, n))  # (T, B)
    markers[first, columns] = 1.0
    markers[second, columns] = 1.0
    xs = np.stack([values, markers], axis=-1)  # (T, B, 2)
    targets = values[first, columns] + values[second, columns]
    return AddingBatch(xs=xs, targets=targets, lengths=np.full(n, T, dtype=np.int64), variant="le")


def _to_numpy(value, name):
    """A finite float64 array from a numpy array, a list or a torch tensor (without importing torch)."""
    if hasattr(value, "detach"):
        value = value.detach().cpu()
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers; got a ragged list") from error
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers; got dtype {array.dtype}")
    array = array.astype(np.float64)
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite; got NaN or inf")
    return array


def adding_success(predictions, targets, variant="hochreiter"):
    """Which answers count as correct: a bool array (B,), True where abs(prediction - target) < tolerance.

    - predictions: (B,) or (B, 1) (numpy or torch), finite (NaN from a diverged model is an error).
    - targets: (B,), e.g. AddingBatch.targets.
    - variant: "hochreiter" or "le".

    The tolerance is ADDING_TOLERANCE[variant]: 0.04 for "hochreiter" (targets in [0, 1], the paper's
    criterion) and 0.08 for "le", the same criterion scaled to its target range [0, 2].

    >>> adding_success([0.50, 0.70], [0.53, 0.60])
    array([ True, False])
    """
    variant = check_choice("variant", variant, ADDING_VARIANTS)
    predictions = _to_numpy(predictions, "predictions")
    targets = _to_numpy(targets, "targets")
    if targets.ndim != 1:
        raise ValueError(f"targets must have shape (B,); got {targets.shape}")
    if predictions.shape not in ((len(targets),), (len(targets), 1)):
        raise ValueError(f"predictions must have shape ({len(targets)},) or ({len(targets)}, 1) to match "
                         f"targets; got {predictions.shape}")
    return np.abs(predictions.reshape(-1) - targets) < ADDING_TOLERANCE[variant]


def adding_baseline_mse(variant="hochreiter", T=None):
    """The "chance" mean squared error: that of always answering the mean target (the target's variance).

    "le": targets X1 + X2 with X1, X2 uniform in [0, 1]: variance 2 / 12 = 1/6 (mean target 1.0).
    "hochreiter": targets 0.5 + (X1 + X2) / 4 with X uniform in [-1, 1] (variance 1/3): 2 / 3 / 16 = 1/24
    (mean target 0.5) when T is None. Given T, the exact value for `adding_problem(..., T)`, which is a
    little lower because a value on a sequence's first step is set to 0 (e.g. 0.0392 instead of 0.0417 for
    T = 100).

    >>> round(adding_baseline_mse("le"), 4), round(adding_baseline_mse("hochreiter"), 4)
    (0.1667, 0.0417)
    """
    variant = check_choice("variant", variant, ADDING_VARIANTS)
    if variant == "le":
        if T is not None:
            check_int("T", T, 2)
        return 1.0 / 6.0
    if T is None:
        return 1.0 / 24.0
    T = check_int("T", T, 4)
    n1, n2 = _adding_positions(T)
    first_at_zero = 1.0 / n1
    second_at_zero = (1.0 - first_at_zero) / n2  # X2 takes step 0 only when X1 did not
    return (1.0 / 3.0) / 16.0 * (2.0 - first_at_zero - second_at_zero)


def temporal_order(n, T, seed=0):
    """n sequences of the temporal order task: classify the order of two symbols among distractors.

    - n: batch size B, an int >= 1.
    - T: sequence length, an int >= 10.
    - seed: an int or a numpy Generator.

    Returns (xs, labels): xs float64 (T, B, 8), one-hot over TEMPORAL_ORDER_SYMBOLS
    = (a, b, c, d, E, B, X, Y); labels int64 (B,) in 0..3, indexing TEMPORAL_ORDER_CLASSES = (XX, XY, YX, YY).

    After Hochreiter & Schmidhuber (1997), experiment 6a: a sequence starts with "E", ends with "B" (the
    trigger to answer) and holds distractors drawn uniformly from a, b, c, d, except at two steps t1 and t2
    which hold X or Y (each uniformly); t1 is uniform over T // 10 .. 2 T // 10 and t2 over
    T // 2 .. 6 T // 10 (0-indexed; for T = 100 the paper's 10..20 and 50..60). The label is the order:
    XX 0, XY 1, YX 2, YY 3.
    Simplification: the paper draws lengths 100..110; here every sequence has the same length T.

    >>> xs, labels = temporal_order(4, 20, seed=0)
    >>> xs.shape, labels.shape
    ((20, 4, 8), (4,))
    """
    n = check_int("n", n, 1)
    T = check_int("T", T, 10)
    rng = as_generator(seed)
    symbols = rng.integers(4, size=(T, n))  # (T, B) distractors a..d
    symbols[0, :] = TEMPORAL_ORDER_SYMBOLS.index("E")
    symbols[T - 1, :] = TEMPORAL_ORDER_SYMBOLS.index("B")
    t1 = rng.integers(T // 10, 2 * T // 10 + 1, size=n)  # (B,)
    t2 = rng.integers(T // 2, 6 * T // 10 + 1, size=n)  # (B,)
    is_y1 = rng.integers(2, size=n)  # (B,) 1 for Y at t1
    is_y2 = rng.integers(2, size=n)  # (B,) 1 for Y at t2
    columns = np.arange(n)
    x_index = TEMPORAL_ORDER_SYMBOLS.index("X")
    symbols[t1, columns] = x_index + is_y1
    symbols[t2, columns] = x_index + is_y2
    labels = (2 * is_y1 + is_y2).astype(np.int64)
    return one_hot(symbols, len(TEMPORAL_ORDER_SYMBOLS)), labels  # (T, B, 8), (B,)


def remember_first_vocabulary(n_symbols=3, n_fillers=3):
    """The tokens of `remember_first`: n_symbols cues "A", "B", ... then n_fillers fillers "0", "1", ...

    >>> remember_first_vocabulary()
    ('A', 'B', 'C', '0', '1', '2')
    """
    n_symbols = check_int("n_symbols", n_symbols, 2)
    n_fillers = check_int("n_fillers", n_fillers, 1)
    if n_symbols > 26 or n_fillers > 10:
        raise ValueError(f"n_symbols must be at most 26 and n_fillers at most 10; got {n_symbols} and "
                         f"{n_fillers}")
    return tuple(chr(ord("A") + k) for k in range(n_symbols)) + tuple(str(k) for k in range(n_fillers))


def remember_first(n, lag, n_symbols=3, seed=0, n_fillers=3):
    """n sequences of a "France ... French" toy: name the first token after `lag` filler tokens.

    - n: batch size B, an int >= 1.
    - lag: the number of fillers after the cue, an int >= 0 (the knob).
    - n_symbols: how many cues (classes), 2..26.
    - n_fillers: how many distinct fillers, 1..10.
    - seed: an int or a numpy Generator.

    Returns (xs, labels): xs float64 (lag + 1, B, V) one-hot over `remember_first_vocabulary(n_symbols,
    n_fillers)` (V = n_symbols + n_fillers); labels int64 (B,) in 0..n_symbols-1.

    Step 0 holds a cue drawn uniformly from the n_symbols cues (the country), steps 1..lag hold fillers drawn
    uniformly (the rest of the story); the label is the cue's index (the language), to be given after the
    last step. Only the first step matters, so a model that forgets it is at chance: 1 / n_symbols.

    >>> xs, labels = remember_first(2, lag=5, seed=0)
    >>> xs.shape, labels.shape
    ((6, 2, 6), (2,))
    """
    n = check_int("n", n, 1)
    lag = check_int("lag", lag, 0)
    vocabulary = remember_first_vocabulary(n_symbols, n_fillers)
    rng = as_generator(seed)
    labels = rng.integers(n_symbols, size=n).astype(np.int64)  # (B,)
    fillers = n_symbols + rng.integers(n_fillers, size=(lag, n))  # (lag, B)
    tokens = np.concatenate([labels[None, :], fillers], axis=0)  # (lag + 1, B)
    return one_hot(tokens, len(vocabulary)), labels
