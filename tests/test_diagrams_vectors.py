"""Tests of rnnbook.diagrams.vectors (chapter 2's pictures) and the chapter 2 widget."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from drawing import rendered, texts
from rnnbook.data import BOOK_WORDS, DAYS, DINNERS
from rnnbook.diagrams.vectors import (
    EXAMPLE_CHOICES,
    matvec_picture,
    one_hot_column,
    one_hot_product,
    product_example,
    vector_column,
    vector_columns,
)


def test_vector_column_draws_values_and_labels():
    ax = rendered(vector_column([76, 43, 13, 0.25, 83], ["high", "low", "wind", "rain", "humidity"],
                                title="weather"))
    assert isinstance(ax, matplotlib.axes.Axes)
    assert {"76", "0.25", "83", "humidity", "weather"} <= set(texts(ax))


def test_vector_columns_share_one_axes():
    fig, ax = plt.subplots()
    out = rendered(vector_columns([[1, 0, 0], [0, 0, 0, 1, 0, 0, 0]], [DINNERS, DAYS],
                                  titles=["pizza", "Thursday"], highlights=[0, 3], ax=ax))
    assert out is ax
    assert {"Monday", "waffles", "pizza", "Thursday"} <= set(texts(ax))


def test_one_hot_column_marks_the_item():
    ax = rendered(one_hot_column(DAYS, "Tuesday"))
    assert "one-hot(Tuesday)" in texts(ax)
    assert texts(ax).count("1") == 1  # the zeros are markers, the single 1 is a text


def test_matvec_picture_computes_the_product():
    W = [[0.5, 0.5, 0], [1, -1, 0]]
    ax = rendered(matvec_picture(W, [76, 43, 13], row_labels=["mean", "range"], col_labels=["hi", "lo", "w"],
                                 highlight_row=0, note="a note"))
    assert {"59.5", "33", "a note"} <= set(texts(ax))


def test_matvec_picture_with_one_hot_input_shows_the_column():
    W = np.arange(12.0).reshape(3, 4) + 1  # (3, 4)
    ax = rendered(matvec_picture(W, [0, 0, 1, 0]))
    # the result is column 2 of W: 3, 7, 11 (each drawn once in W and once in y)
    assert all(texts(ax).count(str(value)) == 2 for value in (3, 7, 11))


@pytest.mark.parametrize("item", [DINNERS[0], DAYS[6], BOOK_WORDS[4]])
def test_one_hot_product_draws_each_vocabulary(item):
    fig, ax = plt.subplots()
    assert rendered(one_hot_product(item, ax=ax)) is ax


def test_product_example_matrices():
    dishes = product_example("pizza")
    # the cycle: pizza -> sushi -> waffles -> pizza, and three steps come back
    for j, dish in enumerate(DINNERS):
        assert DINNERS[int(np.argmax(dishes["W"][:, j]))] == DINNERS[(j + 1) % 3]
    np.testing.assert_array_equal(np.linalg.matrix_power(dishes["W"], 3), np.eye(3))
    days = product_example("Sunday")
    assert DAYS[int(np.argmax(days["W"] @ days["x"]))] == "Monday"
    words = product_example("saw")
    votes = words["W"] @ words["x"]  # (5,)
    assert [w for w, v in zip(BOOK_WORDS, votes) if v > 0] == ["Doug", "Jane", "Spot"]
    assert [item for _, item in EXAMPLE_CHOICES] == list(DINNERS + DAYS + BOOK_WORDS)


@pytest.mark.parametrize("call, error, match", [
    (lambda: vector_column([]), ValueError, "values must be a non-empty 1-D"),
    (lambda: vector_column([[1, 2]]), ValueError, r"got shape \(1, 2\)"),
    (lambda: vector_column(["a", "b"]), TypeError, "values must be a 1-D sequence of numbers"),
    (lambda: vector_column([1, np.nan]), ValueError, "finite"),
    (lambda: vector_column([1, 2], ["a"]), ValueError, "labels must hold 2 labels"),
    (lambda: vector_column([1, 2], "ab"), TypeError, "not one string"),
    (lambda: vector_column([1, 2], highlight=2), ValueError, r"highlight must be in 0..1; got 2"),
    (lambda: vector_column([1, 2], highlight=True), TypeError, "highlight must be an int"),
    (lambda: vector_column([1, 2], title=3), TypeError, "title must be a string"),
    (lambda: vector_column([1, 2], ax="axes"), TypeError, "ax must be a matplotlib Axes"),
    (lambda: vector_columns(5), TypeError, "vectors must be a list"),
    (lambda: vector_columns([]), ValueError, "at least one vector"),
    (lambda: vector_columns([[1], [2]], titles=["a"]), ValueError, r"titles must hold one entry per vector"),
    (lambda: one_hot_column("abc", "a"), TypeError, "items must be a sequence"),
    (lambda: one_hot_column(DINNERS, "tacos"), ValueError, "item must be one of"),
    (lambda: matvec_picture([1, 2], [1, 2]), ValueError, "W must be a non-empty 2-D array"),
    (lambda: matvec_picture([["a"]], [1]), TypeError, "W must be a 2-D array of numbers"),
    (lambda: matvec_picture(np.eye(3), [1, 0]), ValueError, r"x must have shape \(3,\)"),
    (lambda: matvec_picture(np.eye(2), [1, 0], row_labels=["a"]), ValueError, "row_labels must hold 2"),
    (lambda: matvec_picture(np.eye(2), [1, 0], highlight_row=-1), ValueError, "highlight_row must be in"),
    (lambda: matvec_picture(np.eye(2), [1, 0], names=("W", "x")), TypeError, "names must be three strings"),
    (lambda: matvec_picture(np.eye(2), [1, 0], note=1), TypeError, "note must be a string"),
    (lambda: product_example("tacos"), ValueError, "item must be a dish, a day or a word"),
    (lambda: one_hot_product(3), TypeError, "item must be a string"),
])
def test_bad_input_raises_a_clear_error(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_widget_builds_and_its_benchmark_runs():
    ipywidgets = pytest.importorskip("ipywidgets")
    from rnnbook import widgets

    assert isinstance(widgets.one_hot_product(), ipywidgets.VBox)
    widgets.BENCHMARKS["one_hot_product"]()
