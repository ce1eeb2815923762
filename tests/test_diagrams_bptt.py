"""Tests of rnnbook.diagrams.bptt (chapter 9's pictures of truncated BPTT) and the chapter 9 widget."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from drawing import rendered, texts
from rnnbook.diagrams import bptt


def test_reached_steps_stop_at_the_start_of_the_chunk():
    assert list(bptt.reached_steps(4, 11)) == [9, 10, 11]
    assert list(bptt.reached_steps(4, 8)) == [5, 6, 7, 8]
    assert list(bptt.reached_steps(4, 9)) == [9]
    assert list(bptt.reached_steps(1, 5)) == [5]
    assert list(bptt.reached_steps(20, 7)) == list(range(1, 8))


def test_gradient_reach_says_which_steps_and_whether_the_delay_is_learnable():
    ax = rendered(bptt.gradient_reach(4, 11, delay=5, losses={(4, 5): 1.02}))
    assert "k = 4: the loss at step 11 sends gradient to steps 9 to 11" in texts(ax)
    assert any("behind a cut" in t and "loss 1.020" in t for t in texts(ax))
    fig, ax = plt.subplots()
    out = rendered(bptt.gradient_reach(8, 11, delay=2, ax=ax))
    assert out is ax and any("inside the chunk: learnable" in t for t in texts(ax))
    assert "k = 1: the loss at step 3 sends gradient to step 3" in texts(rendered(bptt.gradient_reach(1, 3)))


def test_sliding_windows_and_grid_draw():
    fig, ax = plt.subplots()
    assert rendered(bptt.sliding_windows(12, 2, 5, ax=ax)) is ax
    assert sum("pass at step" in t for t in texts(ax)) == 6
    ax = rendered(bptt.learnable_grid([2, 4], [1, 3], [[1.0, 1.0], [0.4, 0.95]], chance=1 / 3))
    assert {"100%", "40%", "95%"} <= set(texts(ax)) and "chance 33%" in ax.get_title()


@pytest.mark.parametrize("call, error, match", [
    (lambda: bptt.gradient_reach(0, 3), ValueError, "k must be between 1 and 12"),
    (lambda: bptt.gradient_reach(4, 13), ValueError, "loss_step must be between 1 and 12"),
    (lambda: bptt.gradient_reach(4, 3, delay=12), ValueError, "delay must be between 1 and 11"),
    (lambda: bptt.gradient_reach(4.0, 3), TypeError, "k must be an int"),
    (lambda: bptt.gradient_reach(4, 3, num_steps=30), ValueError, "num_steps must be between 2 and 24"),
    (lambda: bptt.gradient_reach(4, 3, losses=[1.0]), TypeError, "losses must be None or a dict"),
    (lambda: bptt.gradient_reach(4, 3, losses={4: 1.0}), TypeError, r"\(k, delay\) pairs"),
    (lambda: bptt.gradient_reach(4, 3, losses={(4, 1): "a"}), TypeError, "must be a number"),
    (lambda: bptt.reached_steps(2, 0), ValueError, "loss_step must be between 1"),
    (lambda: bptt.sliding_windows(12, 4, 2), ValueError, "k2 must be between 4 and 12"),
    (lambda: bptt.learnable_grid([2], [1], [[0.5, 0.5]]), ValueError, r"accuracies must have shape \(1, 1\)"),
    (lambda: bptt.learnable_grid([2], [1], [[1.5]]), ValueError, r"accuracies must lie in \[0, 1\]"),
    (lambda: bptt.learnable_grid("ab", [1], [[0.5]]), TypeError, "ks must be a non-empty sequence"),
    (lambda: bptt.learnable_grid([2], [1], [[0.5]], chance=2), ValueError, "chance must be between"),
])
def test_bad_input_raises_a_clear_error(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_widget_builds_and_its_benchmark_runs():
    ipywidgets = pytest.importorskip("ipywidgets")
    from rnnbook import widgets

    widget = widgets.truncated_bptt({(2, 3): 1.0, (4, 3): 0.01, (4, 5): 1.1})
    assert isinstance(widget, ipywidgets.VBox)
    widgets.BENCHMARKS["truncated_bptt"]()
    with pytest.raises(TypeError, match="losses must be a non-empty dict"):
        widgets.truncated_bptt({})
    np.testing.assert_equal(len(widgets.BENCHMARKS) > 0, True)
