"""Gradient checks that learners can read: a relative error, finite differences, one printed row per tensor.

The book's measure of agreement is the relative error max abs(ours - ref) / max abs(ref): it is 0 for
identical arrays, about 1e-16 for float64 rounding, and a tolerance of 1e-8 says "these agree to 8 digits".

>>> import numpy as np
>>> compare("weight_hh_l0", np.ones(3), np.ones(3))
weight_hh_l0      | exact | max rel err 0.0e+00
True
"""

import numbers

import numpy as np

_TINY = np.finfo(np.float64).tiny  # keeps rel_error finite when the reference is all zeros


def _as_array(value, name):
    """A float64 array from a numpy array, a number, a nested list or a torch tensor (no torch import)."""
    if hasattr(value, "detach"):  # a torch tensor: leave the graph and the device first
        value = value.detach()
        if hasattr(value, "cpu"):
            value = value.cpu()
    try:
        array = np.asarray(value)
    except ValueError as error:
        raise TypeError(f"{name} must be an array of numbers; got {value!r}") from error
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers; got dtype {array.dtype}")
    return array.astype(np.float64)


def rel_error(a, b):
    """The relative error max abs(a - b) / max abs(b) of `a` against the reference `b`, as a float.

    - a, b: arrays (numpy, torch or nested lists) of the same shape; `b` is the reference.

    The denominator is max(max abs(b), tiny), so an all-zero reference gives 0.0 when `a` is zero too and a
    huge number otherwise. Empty arrays give 0.0; a NaN anywhere gives NaN.

    >>> rel_error([1.0, 2.0], [1.0, 2.5])
    0.2
    """
    a = _as_array(a, "a")
    b = _as_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape; got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    scale = max(float(np.max(np.abs(b))), _TINY)
    return float(np.max(np.abs(a - b)) / scale)


def numerical_grad(f, x, eps=1e-6):
    """Central-difference gradient (f(x + eps) - f(x - eps)) / (2 eps) of a scalar function, entry by entry.

    - f: a function of NO arguments that returns a number and reads `x` (e.g. a closure over the model whose
      weight array `x` is): `numerical_grad(lambda: loss(model), model.weight)`.
    - x: a floating-point numpy array of any shape; each entry is changed in place in turn, then put back.
    - eps: the step, a positive float; with float64 the default 1e-6 gives about 8-10 correct digits.

    Returns an array of x.shape (float64): the derivative of f() with respect to each entry of x.

    >>> x = np.array([1.0, 2.0])
    >>> np.round(numerical_grad(lambda: float(np.sum(x ** 2)), x), 6)
    array([2., 4.])
    """
    if not callable(f):
        raise TypeError(f"f must be a function of no arguments returning a number; got {f!r}")
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        raise TypeError(f"x must be a floating-point numpy array (it is changed in place); got "
                        f"{type(x).__name__}" + (f" of dtype {x.dtype}" if isinstance(x, np.ndarray) else ""))
    if not x.flags.writeable:
        raise ValueError("x must be writeable: numerical_grad changes its entries in place")
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not 0 < eps < np.inf:
        raise ValueError(f"eps must be a positive number (finite); got {eps!r}")
    grad = np.zeros(x.shape)  # same shape as x, float64
    for index in np.ndindex(x.shape):
        old = x[index]
        try:
            x[index] = old + eps
            plus = _scalar(f())
            x[index] = old - eps
            minus = _scalar(f())
        finally:
            x[index] = old
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def _scalar(value):
    """`value` as a Python float; TypeError unless it holds exactly one number."""
    array = _as_array(value, "f()")
    if array.size != 1:
        raise TypeError(f"f() must return a single number; got an array of shape {array.shape}")
    return float(array.reshape(()))


def compare(name, ours, ref, tol=1e-8):
    """Print a row ``name | exact/close/WRONG | max rel err ...``; return whether rel_error(ours, ref) <= tol.

    - name: a label for the row, e.g. a parameter name such as "weight_hh_l0".
    - ours, ref: arrays of the same shape (numpy arrays, torch tensors, lists); `ref` is the reference.
    - tol: the largest relative error that still counts as agreement (a non-negative number).

    "exact" means identical values, "close" within `tol`, "WRONG" beyond it (or NaN).

    >>> compare("bias_ih_l0", np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12]))
    bias_ih_l0        | close | max rel err 5.0e-13
    True
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string; got {name!r}")
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not tol >= 0:
        raise ValueError(f"tol must be a non-negative number; got {tol!r}")
    ours_array = _as_array(ours, "ours")
    ref_array = _as_array(ref, "ref")
    if ours_array.shape != ref_array.shape:
        raise ValueError(f"{name}: ours and ref must have the same shape; got {ours_array.shape} "
                         f"and {ref_array.shape}")
    error = rel_error(ours_array, ref_array)
    ok = bool(error <= tol)
    if ok and np.array_equal(ours_array, ref_array):
        status = "exact"
    elif ok:
        status = "close"
    else:
        status = "WRONG"
    print(f"{name:<17} | {status:<5} | max rel err {error:.1e}")
    return ok
