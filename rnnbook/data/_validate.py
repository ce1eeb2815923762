"""Input checks shared by the data generators (private)."""

import numpy as np


def as_generator(seed):
    """A numpy Generator from `seed`: an int >= 0 (a fresh generator) or a Generator (used as it is)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int >= 0 or a numpy.random.Generator; got {seed!r}")
    if seed < 0:
        raise ValueError(f"seed must be an int >= 0 or a numpy.random.Generator; got {seed}")
    return np.random.default_rng(int(seed))


def check_int(name, value, minimum):
    """`value` as an int, checked to be an integer >= minimum (TypeError / ValueError naming `name`)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int; got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {value}")
    return int(value)


def check_choice(name, value, choices):
    """`value`, checked to be one of `choices` (ValueError listing them)."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}")
    return value
