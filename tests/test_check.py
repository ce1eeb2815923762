"""Tests of rnnbook.check: rel_error, numerical_grad, compare."""

import doctest

import numpy as np
import pytest

import rnnbook.check
from rnnbook.check import compare, numerical_grad, rel_error


def test_docstring_examples_run():
    assert doctest.testmod(rnnbook.check).failed == 0


def test_rel_error_is_max_abs_difference_over_max_abs_reference():
    assert rel_error([1.0, 2.0, -4.0], [1.0, 2.0, -4.0]) == 0.0
    assert rel_error([1.0, 2.0, -4.0], [1.0, 2.5, -4.0]) == pytest.approx(0.5 / 4.0)
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error([1e-300], [0.0]) > 1.0
    assert rel_error(np.zeros((0, 2)), np.zeros((0, 2))) == 0.0
    assert np.isnan(rel_error([np.nan], [1.0]))
    assert isinstance(rel_error(1.0, 2.0), float)


def test_rel_error_shape_and_type_errors():
    with pytest.raises(ValueError, match=r"same shape; got \(2,\) and \(3,\)"):
        rel_error(np.zeros(2), np.zeros(3))
    with pytest.raises(TypeError, match="a must hold real numbers"):
        rel_error(["x"], [1.0])


def test_numerical_grad_matches_analytic_and_restores_x():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(3, 4))
    x = rng.normal(size=4)
    w_before = w.copy()

    def loss():
        return float(np.sum(np.tanh(w @ x) ** 2))

    analytic = np.outer(2 * np.tanh(w @ x) * (1 - np.tanh(w @ x) ** 2), x)
    numeric = numerical_grad(loss, w)
    assert numeric.shape == w.shape
    assert rel_error(numeric, analytic) < 1e-8
    np.testing.assert_array_equal(w, w_before)


def test_numerical_grad_restores_x_when_f_fails():
    x = np.array([1.0, 2.0])

    def broken():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        numerical_grad(broken, x)
    assert x.tolist() == [1.0, 2.0]


def test_numerical_grad_bad_input():
    x = np.ones(2)
    with pytest.raises(TypeError, match="f must be a function of no arguments"):
        numerical_grad(3, x)
    with pytest.raises(TypeError, match="x must be a floating-point numpy array"):
        numerical_grad(lambda: 0.0, [1.0, 2.0])
    with pytest.raises(TypeError, match="of dtype int64"):
        numerical_grad(lambda: 0.0, np.ones(2, dtype=np.int64))
    with pytest.raises(ValueError, match="eps must be a positive number"):
        numerical_grad(lambda: 0.0, x, eps=0.0)
    with pytest.raises(TypeError, match="f\\(\\) must return a single number"):
        numerical_grad(lambda: x * 2, x)
    frozen = np.ones(2)
    frozen.flags.writeable = False
    with pytest.raises(ValueError, match="x must be writeable"):
        numerical_grad(lambda: 0.0, frozen)


def test_compare_rows(capsys):
    assert compare("weight_hh_l0", np.ones(3), np.ones(3)) is True
    assert compare("bias_hh_l0", np.ones(3) + 1e-12, np.ones(3)) is True
    assert compare("weight_ih_l0", np.ones(3) * 2, np.ones(3)) is False
    assert compare("h0", [np.nan], [1.0]) is False
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "weight_hh_l0      | exact | max rel err 0.0e+00"
    assert lines[1] == "bias_hh_l0        | close | max rel err 1.0e-12"
    assert lines[2] == "weight_ih_l0      | WRONG | max rel err 1.0e+00"
    assert lines[3] == "h0                | WRONG | max rel err nan"
    assert len({line.index("|") for line in lines}) == 1  # aligned columns


def test_compare_tolerance_is_inclusive(capsys):
    assert compare("x", [1.5], [1.0], tol=0.5) is True
    assert "close" in capsys.readouterr().out


class FakeTensor:
    """Stands in for a torch tensor: has detach() and cpu(), converts with np.asarray."""

    def __init__(self, values):
        self.values = np.asarray(values, dtype=np.float32)

    def detach(self):
        return self

    def cpu(self):
        return self.values


def test_compare_accepts_tensor_like(capsys):
    assert compare("weight", FakeTensor([1.0, 2.0]), np.array([1.0, 2.0]), tol=1e-6)
    assert "exact" in capsys.readouterr().out


def test_compare_with_torch_if_available(capsys):
    torch = pytest.importorskip("torch")
    ref = torch.linspace(-1, 1, 6, dtype=torch.float64, requires_grad=True)
    assert compare("torch", ref.detach().numpy(), ref * 1.0)
    assert "exact" in capsys.readouterr().out


def test_compare_bad_input():
    with pytest.raises(ValueError, match=r"w: ours and ref must have the same shape; got \(2,\) and \(2, 1"):
        compare("w", np.ones(2), np.ones((2, 1)))
    with pytest.raises(TypeError, match="name must be a string"):
        compare(3, np.ones(2), np.ones(2))
    with pytest.raises(ValueError, match="tol must be a non-negative number"):
        compare("w", np.ones(2), np.ones(2), tol=-1.0)
    with pytest.raises(TypeError, match="ref must hold real numbers"):
        compare("w", np.ones(1), ["a"])
