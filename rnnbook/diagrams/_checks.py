"""Argument checks shared by the diagram modules (private): each returns the checked value or raises a
TypeError/ValueError that names the argument, what it got and what was expected."""
import numbers

import numpy as np


def names(value, name):
    """`value` as a tuple of at least one string."""
    if isinstance(value, str) or not hasattr(value, "__len__") or len(value) == 0:
        raise TypeError(f"{name} must be a non-empty list of strings; got {value!r}")
    if not all(isinstance(item, str) for item in value):
        raise TypeError(f"{name} must hold only strings (a non-empty list of strings); got {value!r}")
    return tuple(value)


def count(value, name, low, high):
    """`value` as an int in [low, high]."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int; got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}; got {value}")
    return int(value)


def number(value, name, low=-np.inf, high=np.inf):
    """`value` as a float in [low, high]."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}; got {value}")
    return float(value)


def real_array(value, name, shape):
    """`value` as a finite float64 array of exactly `shape`."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a real array of shape {shape}; got {value!r}") from error
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}; got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers; got {array}")
    return array


def vector(values, name):
    """`values` as a non-empty 1-D float64 array of finite numbers."""
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a 1-D sequence of numbers; got {values!r}")
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a 1-D sequence of numbers; got {values!r}") from error
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence of numbers; got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers; got {array}")
    return array
