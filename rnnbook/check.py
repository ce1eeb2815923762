"""Gradient checks a learner can read: a relative error, finite differences, and one printed row per tensor.

The book's measure of agreement is the relative error max abs(ours - ref) / max abs(ref): 0 for identical
arrays, about 1e-16 for float64 rounding; a tolerance of 1e-8 says "these agree to 8 digits"."""

import numpy as np


def _array(value):
    """A float64 numpy array from an array, a list, a number or a torch tensor (leaving its graph)."""
    if hasattr(value, "detach"):  # a torch tensor, perhaps one that requires grad
        value = value.detach().cpu()
    return np.asarray(value, dtype=np.float64)


def rel_error(ours, ref):
    """max abs(ours - ref) / max abs(ref): the relative error of `ours` against the reference `ref`."""
    ours, ref = _array(ours), _array(ref)
    if ours.shape != ref.shape:  # numpy would broadcast them and compare the wrong numbers
        raise ValueError(f"ours and ref must have the same shape; got {ours.shape} and {ref.shape}")
    scale = max(np.abs(ref).max(initial=0.0), np.finfo(np.float64).tiny)  # tiny: an all-zero ref
    return float(np.abs(ours - ref).max(initial=0.0) / scale)


def numerical_grad(f, x, eps=1e-6):
    """The derivative of f() with respect to each entry of x, shaped like x, by central differences
    (f() at x + eps - f() at x - eps) / (2 eps). f: a function of no arguments that returns a number and
    reads the float array x (e.g. a closure over a model's weights x); each entry of x is changed in place
    in turn, then put back."""
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        old = x[index]
        try:
            x[index] = old + eps
            plus = float(f())
            x[index] = old - eps
            minus = float(f())
        finally:
            x[index] = old
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def compare(name, ours, ref, tol=1e-8):
    """Print a row `name | exact/close/WRONG | max rel err` and return whether rel_error(ours, ref) <= tol:
    "exact" for identical values, "close" within tol, "WRONG" beyond it (or NaN)."""
    ours, ref = _array(ours), _array(ref)
    error = rel_error(ours, ref)
    ok = bool(error <= tol)
    status = "WRONG" if not ok else "exact" if np.array_equal(ours, ref) else "close"
    print(f"{name:<17} | {status:<5} | max rel err {error:.1e}")
    return ok
