"""rnnbook.check: the relative error, finite differences and the rows that compare prints."""
import numpy as np
import pytest
import torch

from rnnbook.check import compare, numerical_grad, rel_error


def test_rel_error_and_numerical_grad_which_matches_the_derivative_and_puts_x_back():
    assert rel_error([1.0, 2.0, -4.0], [1.0, 2.5, -4.0]) == 0.5 / 4.0
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0 and rel_error([1e-300], [0.0]) > 1.0
    assert np.isnan(rel_error([np.nan], [1.0])) and rel_error(np.zeros((0, 2)), np.zeros((0, 2))) == 0.0
    with pytest.raises(ValueError, match=r"same shape; got \(2,\) and \(3,\)"):
        rel_error(np.zeros(2), np.zeros(3))  # numpy would broadcast them
    rng = np.random.default_rng(0)
    w, x = rng.normal(size=(3, 4)), rng.normal(size=4)
    before, t = w.copy(), np.tanh(w @ x)
    numeric = numerical_grad(lambda: np.sum(np.tanh(w @ x) ** 2), w)
    assert rel_error(numeric, np.outer(2 * t * (1 - t**2), x)) < 1e-8 and np.array_equal(w, before)
    with pytest.raises(ZeroDivisionError):
        numerical_grad(lambda: 1 / 0, w)
    assert np.array_equal(w, before)  # even when f fails


def test_compare_prints_a_row_and_returns_whether_it_agrees(capsys):
    ref = torch.linspace(-1, 1, 3, dtype=torch.float64, requires_grad=True) * 1.0  # a tensor in a graph
    assert compare("weight_hh_l0", ref.detach().numpy(), ref) is True
    assert compare("bias_hh_l0", np.ones(3) + 1e-12, np.ones(3)) is True
    assert compare("h0", [2.0, np.nan], [1.0, 1.0]) is False
    assert compare("x", [1.5], [1.0], tol=0.5) is True
    assert capsys.readouterr().out.splitlines() == [
        "weight_hh_l0      | exact | max rel err 0.0e+00",
        "bias_hh_l0        | close | max rel err 1.0e-12",
        "h0                | WRONG | max rel err nan",
        "x                 | close | max rel err 5.0e-01"]
