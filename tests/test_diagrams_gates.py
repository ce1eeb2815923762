"""Tests of rnnbook.diagrams.gates (chapter 5's pictures, the gated memory and its half-life) and the chapter 5
widgets."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from drawing import rendered, texts
from rnnbook.diagrams import gates


def test_elementwise_adds_and_multiplies_the_story_vectors():
    assert {"9", "11", "a + b"} <= set(texts(rendered(gates.elementwise([3, 4], [6, 7], "add"))))
    fig, ax = plt.subplots()
    out = rendered(gates.elementwise([3, 4], [6, 7], "multiply", ax=ax))
    assert out is ax and {"18", "28", "a × b"} <= set(texts(ax))


def test_faucets_let_through_signal_times_opening():
    ax = rendered(gates.faucets(0.8, [1, 0, 0.5]))
    assert [t for t in texts(ax) if t in ("0.8", "0", "0.4")].count("0.8") == 4  # 3 signals and 1 output
    assert {"0", "0.4", "opening 0.5"} <= set(texts(ax))
    ax = rendered(gates.faucets([-0.6, 1.5], [0.9, 1.0]))
    assert {"-0.54", "1.5"} <= set(texts(ax))


@pytest.mark.parametrize("draw", [gates.gate_schematic, gates.memory_schematic, gates.soft_and_hard_gate])
def test_schematics_draw_on_a_given_axes(draw):
    fig, ax = plt.subplots()
    assert rendered(draw(ax=ax)) is ax


def test_memory_pictures_mark_the_half_life():
    ax = rendered(gates.memory_curves([0.5, 0.9, 1.0], steps=30))
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["f = 0.5: half-life 1.0 steps", "f = 0.9: half-life 6.6 steps", "f = 1: half-life never"]
    ax = rendered(gates.memory_half_life(0.9))
    assert "first at or below 1/2: step 7" in texts(ax)[0] and "6.58 steps" in texts(ax)[0]
    assert "never fades" in texts(rendered(gates.memory_half_life(1.0, steps=10)))[0]


def test_gated_memory_keeps_a_share_of_the_old_memory_and_adds_the_input():
    pulse = np.zeros(6)
    pulse[0] = 1.0
    np.testing.assert_allclose(gates.gated_memory(pulse, 0.5), 0.5 ** np.arange(6))
    np.testing.assert_allclose(gates.gated_memory(np.ones(4), 1.0), [1, 2, 3, 4])  # f = 1 adds up
    xs = np.arange(12.0).reshape(6, 2)  # (T, N)
    per_step = np.linspace(0.1, 1.0, 12).reshape(6, 2)  # (T, N)
    c, expected = np.array([1.0, -1.0]), []
    for x, f in zip(xs, per_step):
        c = f * c + x
        expected.append(c)
    np.testing.assert_allclose(gates.gated_memory(xs, per_step, c0=[1.0, -1.0]), expected)
    np.testing.assert_allclose(gates.gated_memory(xs, [0.0, 1.0])[:, 0], xs[:, 0])  # f = 0 keeps nothing


def test_half_life_matches_the_measured_step():
    assert gates.half_life(0.5) == pytest.approx(1.0)
    assert gates.half_life(1.0) == float("inf") and gates.half_life(0) == 0.0
    pulse = np.zeros(2000)
    pulse[0] = 1.0
    for forget in (0.6, 0.9, 0.97, 0.99, 0.999):
        measured = int(np.argmax(gates.gated_memory(pulse, forget) <= 0.5))  # first step at or below 1/2
        assert 0 <= measured - gates.half_life(forget) < 1


@pytest.mark.parametrize("call, error, match", [
    (lambda: gates.elementwise([1, 2], [3], "add"), ValueError, "the same length"),
    (lambda: gates.elementwise([1, 2], [3, 4], "divide"), ValueError, "op must be one of"),
    (lambda: gates.elementwise([], [], "add"), ValueError, "a must be a non-empty 1-D"),
    (lambda: gates.elementwise(["x"], [1], "add"), TypeError, "a must be a 1-D sequence of numbers"),
    (lambda: gates.elementwise(np.ones(9), np.ones(9)), ValueError, "at most 8"),
    (lambda: gates.faucets(0.8, [1.2]), ValueError, "openings must lie between 0"),
    (lambda: gates.faucets(0.8, np.ones(7) / 2), ValueError, "at most 6"),
    (lambda: gates.faucets([1, 2], [1, 0, 0]), ValueError, "signal must be a number or 3 numbers"),
    (lambda: gates.faucets(np.nan, [1]), ValueError, "signal must hold finite numbers"),
    (lambda: gates.faucets(0.8, [[1]]), ValueError, r"openings must be a non-empty 1-D.*\(1, 1\)"),
    (lambda: gates.gate_schematic(ax="axes"), TypeError, "ax must be a matplotlib Axes"),
    (lambda: gates.gated_memory(np.ones((2, 2, 2)), 0.5), ValueError, r"xs must be an array of shape \(T,\)"),
    (lambda: gates.gated_memory([], 0.5), ValueError, "T >= 1"),
    (lambda: gates.gated_memory(["a"], 0.5), TypeError, "xs and forget must be arrays of numbers"),
    (lambda: gates.gated_memory([1.0, np.inf], 0.5), ValueError, "xs must hold finite numbers"),
    (lambda: gates.gated_memory(np.ones((3, 2)), [0.5, 0.5, 0.5]), ValueError, r"forget must have shape"),
    (lambda: gates.gated_memory(np.ones(3), 1.5), ValueError, "openings between 0 and 1"),
    (lambda: gates.gated_memory(np.ones((3, 2)), 0.5, c0=[1, 2, 3]), ValueError, r"c0 must be .* shape \(2,\)"),
    (lambda: gates.gated_memory(np.ones(3), 0.5, c0="x"), TypeError, "c0 must be a number"),
    (lambda: gates.half_life(1.01), ValueError, "forget must be between 0 and 1"),
    (lambda: gates.half_life(True), TypeError, "forget must be a number"),
    (lambda: gates.half_life([0.5]), TypeError, "forget must be a number"),
    (lambda: gates.memory_curves([0.5, 2.0]), ValueError, "each forget must be between 0 and 1"),
    (lambda: gates.memory_curves(np.full(8, 0.5)), ValueError, "at most 7"),
    (lambda: gates.memory_curves([0.5], steps=0), ValueError, "steps must be between 1 and 1000"),
    (lambda: gates.memory_half_life(0.9, steps=2.5), TypeError, "steps must be an int"),
    (lambda: gates.memory_half_life(-0.1), ValueError, "forget must be between 0 and 1"),
])
def test_bad_input_raises_a_clear_error(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_widgets_build_and_their_benchmarks_run():
    ipywidgets = pytest.importorskip("ipywidgets")
    from rnnbook import widgets

    assert isinstance(widgets.faucets(), ipywidgets.VBox)
    assert isinstance(widgets.memory_half_life(), ipywidgets.VBox)
    widgets.BENCHMARKS["faucets"]()
    widgets.BENCHMARKS["memory_half_life"]()
