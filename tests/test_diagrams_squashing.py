"""Tests of rnnbook.diagrams.squashing (chapter 4's pictures and gradient measurements) and its widgets."""

import numpy as np
import pytest

from drawing import rendered, texts
from rnnbook.diagrams import squashing
from rnnbook.numpy_rnn import sigmoid


def test_squash_gives_values_and_slopes():
    z = np.linspace(-30, 30, 601)
    values, slopes = squashing.squash("tanh", z)
    np.testing.assert_allclose(values, np.tanh(z))
    np.testing.assert_allclose(slopes, 1 - np.tanh(z) ** 2)
    values, slopes = squashing.squash("logistic", z)
    np.testing.assert_allclose(values, sigmoid(z), rtol=1e-15, atol=1e-16)
    assert slopes.max() == pytest.approx(0.25) and np.all(slopes >= 0)
    assert squashing.squash("tanh", 0.5)[0] == pytest.approx(0.4621, abs=1e-4)
    with pytest.raises(ValueError, match="function must be one of"):
        squashing.squash("relu", z)
    with pytest.raises(TypeError, match="z must hold real numbers"):
        squashing.squash("tanh", ["a"])


def test_feedback_loop_draws_both_loops():
    ax = rendered(squashing.feedback_loop(days=10, gain=2.0, start=0.01))
    plain, squashed = (line.get_ydata() for line in ax.get_lines()[:2])
    assert plain[-1] == pytest.approx(0.01 * 2**10) and abs(squashed).max() < 1
    assert ax.get_yscale() == "log"


@pytest.mark.parametrize("kwargs, error, match", [
    ({"days": 0}, ValueError, "days must be between 1 and 200"),
    ({"days": 2.5}, TypeError, "days must be an int"),
    ({"gain": "2"}, TypeError, "gain must be a number"),
    ({"start": -1.0}, ValueError, "start must be between"),
])
def test_feedback_loop_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        squashing.feedback_loop(**kwargs)


@pytest.mark.parametrize("function", ["tanh", "logistic"])
def test_squash_point_reads_the_curve(function):
    ax = rendered(squashing.squash_point(0.5, function))
    out = np.tanh(0.5) if function == "tanh" else float(sigmoid(0.5))
    assert f"out {out:+.3f}" in " ".join(texts(ax))
    rendered(squashing.squash_point(-5, function))


def test_squash_point_rejects_bad_input():
    with pytest.raises(ValueError, match="x must be between -5.0 and 5.0"):
        squashing.squash_point(7.0)
    with pytest.raises(TypeError, match="x must be a number"):
        squashing.squash_point(None)
    with pytest.raises(ValueError, match="function must be one of"):
        squashing.squash_point(0.5, "sigmoid")


def test_repeated_squashing_flattens():
    ax = rendered(squashing.repeated_squashing(times=(1, 5)))
    once, five = (line.get_ydata() for line in ax.get_lines())
    assert np.ptp(five) < 0.01 < np.ptp(once)
    rendered(squashing.repeated_squashing(times=3, function="tanh"))
    with pytest.raises(TypeError, match="times must be a non-empty sequence of ints"):
        squashing.repeated_squashing(times=[])
    with pytest.raises(ValueError, match=r"times\[1\] must be between 1 and 100"):
        squashing.repeated_squashing(times=(1, 0))


def test_dependency_gap_counts_the_words_in_between():
    words = "the clouds are in the sky".split()
    ax = rendered(squashing.dependency_gap(words, 1, 5))
    assert "3 words in between" in texts(ax) and "clouds" in texts(ax)
    ax = rendered(squashing.dependency_gap(["a", "b"], 0, 1, width=10))
    assert "0 words in between" in texts(ax) and ax.get_xlim()[1] == pytest.approx(10.2)


@pytest.mark.parametrize("args, kwargs, error, match", [
    (("sky", 0, 1), {}, TypeError, "words must be a non-empty list of strings"),
    (([1, 2], 0, 1), {}, TypeError, "words must hold only strings"),
    ((["a", "b"], 1, 0), {}, ValueError, "clue must come before answer"),
    ((["a", "b"], 0, 2), {}, ValueError, "answer must be between 0 and 1"),
    ((["a", "b"], 0, 1), {"width": 0.1}, ValueError, "width must be between"),
])
def test_dependency_gap_rejects_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        squashing.dependency_gap(*args, **kwargs)


def test_scaled_orthogonal_has_equal_singular_values():
    W = squashing.scaled_orthogonal(8, 1.5, seed=3)
    np.testing.assert_allclose(np.linalg.svd(W, compute_uv=False), 1.5)
    np.testing.assert_array_equal(W, squashing.scaled_orthogonal(8, 1.5, seed=3))
    with pytest.raises(ValueError, match="size must be between 1 and 1024"):
        squashing.scaled_orthogonal(0, 1.0)
    with pytest.raises(ValueError, match="scale must be between"):
        squashing.scaled_orthogonal(4, -1.0)


def test_gradient_norms_follow_the_scale_in_the_linear_regime():
    for scale in (0.5, 1.0, 2.0):
        norms = squashing.gradient_norms(scale, steps=10, input_scale=0.0)  # h stays 0: exactly linear
        np.testing.assert_allclose(norms, scale ** np.arange(1, 11), rtol=1e-12)
    norms = squashing.gradient_norms(3.0, steps=20, input_scale=1.0)  # saturated: far below the bound
    assert np.all(norms <= 3.0 ** np.arange(1, 21) * (1 + 1e-9))
    assert squashing.per_step_rate(norms) < 2.5


def test_gradient_norms_match_the_rnn_backward():
    from rnnbook.numpy_rnn import RNN

    rng = np.random.default_rng(0)
    rnn = RNN(4, 6)
    rnn.params["weight_hh_l0"] = squashing.scaled_orthogonal(6, 1.2, rng)
    rnn.params["weight_ih_l0"] = 0.3 * rng.normal(size=(6, 4))
    rnn.params["bias_ih_l0"][:] = rnn.params["bias_hh_l0"][:] = 0.0
    hs, _ = rnn.forward(rng.normal(size=(5, 3, 4)))
    u = rng.normal(size=(3, 6))
    u /= np.linalg.norm(u)
    dys = np.zeros_like(hs)
    dys[4] = u
    expected = np.linalg.norm(rnn.backward(dys)["h0"])
    norms = squashing.gradient_norms(1.2, steps=5, hidden_size=6, input_scale=0.3, batch_size=3, seed=0)
    assert norms[4] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"scale": "big"}, TypeError, "scale must be a number"),
    ({"scale": 1.0, "steps": 0}, ValueError, "steps must be between 1 and 500"),
    ({"scale": 1.0, "hidden_size": 1.5}, TypeError, "hidden_size must be an int"),
    ({"scale": 1.0, "input_scale": -0.1}, ValueError, "input_scale must be between"),
])
def test_gradient_norms_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        squashing.gradient_norms(**kwargs)


def test_per_step_rate_of_a_geometric_sequence():
    assert squashing.per_step_rate(0.7 ** np.arange(1, 30)) == pytest.approx(0.7)
    with pytest.raises(ValueError, match="at least 2 numbers"):
        squashing.per_step_rate([1.0])
    with pytest.raises(ValueError, match="finite positive numbers"):
        squashing.per_step_rate([1.0, 0.0])


def test_gradient_norm_curves_draws_one_line_and_bound_per_scale():
    ax = rendered(squashing.gradient_norm_curves((0.5, 1.5), steps=10))
    assert len(ax.get_lines()) == 5  # two measured, two bounds, the line at 1
    assert "measured rate 0.500" in ax.get_legend().get_texts()[0].get_text()
    ax = rendered(squashing.gradient_norm_curves(0.9, steps=10, bounds=False))
    assert len(ax.get_lines()) == 2
    with pytest.raises(TypeError, match="scales must be a number or a non-empty sequence"):
        squashing.gradient_norm_curves("0.5")
    with pytest.raises(ValueError, match="scales must be between 0.05 and 5.0"):
        squashing.gradient_norm_curves((0.5, 9.0))
    with pytest.raises(ValueError, match="steps must be between 2 and 200"):
        squashing.gradient_norm_curves(0.5, steps=1)


def test_cliff_and_attractor_marks_the_cliff_and_shelves():
    ax = rendered(squashing.cliff_and_attractor(3.0, 0.5, steps=(1, 20)))
    shown = texts(ax)
    assert "cliff" in shown and shown.count("attractor (flat)") == 2
    ax = rendered(squashing.cliff_and_attractor(0.5, 0.0, steps=5))  # a contraction: no cliff
    assert "cliff" not in texts(ax)
    with pytest.raises(ValueError, match="w must be between -10.0 and 10.0"):
        squashing.cliff_and_attractor(w=20.0)
    with pytest.raises(TypeError, match=r"steps\[0\] must be an int"):
        squashing.cliff_and_attractor(steps=[2.0])


def test_lag_accuracy_draws_runs_means_and_chance():
    acc = np.array([[1.0, 1.0, 0.9], [0.4, 0.3, 0.35]])
    ax = rendered(squashing.lag_accuracy([2, 40], acc, chance=1 / 3))
    np.testing.assert_allclose(ax.get_lines()[3].get_ydata(), acc.mean(axis=1))
    with pytest.raises(ValueError, match=r"accuracies must have shape \(2, R\)"):
        squashing.lag_accuracy([2, 40], acc[:1], chance=0.5)
    with pytest.raises(ValueError, match=r"accuracies must lie in \[0, 1\]"):
        squashing.lag_accuracy([2, 40], acc + 1, chance=0.5)
    with pytest.raises(ValueError, match="chance must be between"):
        squashing.lag_accuracy([2, 40], acc, chance=2.0)


def test_chapter_4_widgets_build_and_their_benchmarks_run():
    ipywidgets = pytest.importorskip("ipywidgets")
    from rnnbook import widgets

    for name in ("squash_point", "gradient_norm_curves"):
        assert isinstance(getattr(widgets, name)(), ipywidgets.VBox)
        widgets.BENCHMARKS[name]()
