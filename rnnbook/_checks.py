"""The few argument checks shared where a learner's mistake is likely (models, data, optimisers): each
returns the value it checked, converted, or raises an error saying what was wrong and what was expected."""

import numbers

import numpy as np


def integer(name, value, minimum):
    """`value` as an int >= minimum (bools are not ints here)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int; got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")
    return int(value)


def positive(name, value):
    """`value` as a float > 0 (a learning rate, a norm)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {type(value).__name__} {value!r}")
    if not 0 < value < np.inf:
        raise ValueError(f"{name} must be a finite number > 0; got {value}")
    return float(value)


def real_array(name, value, shape=None):
    """`value` as a float64 array of finite real numbers, with `shape` (a tuple) when given."""
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers; got dtype {array.dtype}")
    if shape is not None and array.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}; got {array.shape}")
    array = array.astype(np.float64, copy=False)
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite; got NaN or inf")
    return array


def generator(seed):
    """A numpy Generator from an int seed >= 0, or the Generator itself."""
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(integer("seed", seed, 0))


def choice(name, value, choices):
    """`value`, one of `choices`."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}")
    return value
