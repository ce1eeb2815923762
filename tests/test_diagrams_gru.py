"""Tests of rnnbook.diagrams.gru (chapter 7's GRU cell and update-gate pictures) and the chapter 7 widget."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from drawing import rendered
from rnnbook.diagrams import gru


def test_gru_cell_draws_on_a_new_or_given_axes():
    ax = rendered(gru.gru_cell())
    labels = " ".join(t.get_text() for t in ax.texts)
    assert "reset" in labels and "update" in labels and "candidate" in labels
    fig, given = plt.subplots()
    assert rendered(gru.gru_cell(ax=given)) is given


def test_gru_cell_rejects_a_non_axes():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        gru.gru_cell(ax="left")


def test_update_mix_ends_keep_the_state_or_take_the_candidate():
    h_prev, candidate = np.array(gru.EXAMPLE_H_PREV), np.array(gru.EXAMPLE_CANDIDATE)
    assert np.allclose(gru.update_mix(1.0), h_prev)
    assert np.allclose(gru.update_mix(0.0), candidate)
    assert np.allclose(gru.update_mix(0.25), 0.75 * candidate + 0.25 * h_prev)
    per_unit = gru.update_mix([0, 1], h_prev=[1.0, 2.0], candidate=[3.0, 4.0])
    assert np.allclose(per_unit, [3.0, 2.0])


@pytest.mark.parametrize("kwargs, error, message", [
    ({"z": 1.5}, ValueError, r"z must lie in \[0, 1\]"),
    ({"z": -0.1}, ValueError, r"z must lie in \[0, 1\]"),
    ({"z": float("nan")}, ValueError, r"z must lie in \[0, 1\]"),
    ({"z": True}, TypeError, "z must be a number"),
    ({"z": "half"}, TypeError, "z must be a number"),
    ({"z": [0.5, 0.5]}, ValueError, "z must be a number or have the shape of h_prev"),
    ({"z": 0.5, "h_prev": [1.0, 2.0]}, ValueError, "candidate must have the shape of h_prev"),
    ({"z": 0.5, "h_prev": []}, ValueError, "h_prev must be a non-empty 1-D"),
    ({"z": 0.5, "candidate": "abcd"}, TypeError, "candidate must be a 1-D sequence"),
    ({"z": 0.5, "candidate": [1, 2, np.inf, 3]}, ValueError, "candidate must hold finite numbers"),
])
def test_update_mix_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        gru.update_mix(**kwargs)
    with pytest.raises(error, match=message):
        gru.update_gate_bars(**kwargs)


def test_update_gate_bars_draws_three_bars_per_unit():
    ax = rendered(gru.update_gate_bars(0.3))
    assert len(ax.patches) == 3 * len(gru.EXAMPLE_H_PREV)
    assert ax.get_title().startswith("z = 0.30")
    fig, given = plt.subplots()
    assert rendered(gru.update_gate_bars([0.1, 0.9], [1, -1], [0.5, 0.5], ax=given)) is given
    assert "per unit" in given.get_title()
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        gru.update_gate_bars(0.5, ax=3)


def test_update_gate_widget_builds_and_its_benchmark_runs():
    import ipywidgets

    from rnnbook import widgets

    assert isinstance(widgets.update_gate(), ipywidgets.VBox)
    widgets.BENCHMARKS["update_gate"]()
