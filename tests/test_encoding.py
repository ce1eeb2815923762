"""Tests of rnnbook.encoding: Vocabulary and one_hot."""

import doctest

import numpy as np
import pytest

import rnnbook.encoding
from rnnbook.encoding import Vocabulary, one_hot

WORDS = ("Doug", "Jane", "Spot", "saw", ".")


def test_docstring_examples_run():
    assert doctest.testmod(rnnbook.encoding).failed == 0


def test_vocabulary_round_trip():
    v = Vocabulary(WORDS)
    sentence = ["Jane", "saw", "Spot", "."]
    indices = v.encode(sentence)
    assert indices.dtype == np.int64 and indices.tolist() == [1, 3, 2, 4]
    assert v.decode(indices) == sentence
    assert [v.index(word) for word in WORDS] == [0, 1, 2, 3, 4]
    assert [v.item(i) for i in range(5)] == list(WORDS)
    assert v.items == WORDS and len(v) == 5 and list(v) == list(WORDS)
    assert "saw" in v and "Dave" not in v and ["unhashable"] not in v


def test_vocabulary_one_hot():
    v = Vocabulary(["pizza", "sushi", "waffles"])
    vectors = v.one_hot(["waffles", "pizza", "sushi"])
    assert vectors.dtype == np.float64
    np.testing.assert_array_equal(vectors, [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    assert v.one_hot([]).shape == (0, 3)
    assert v.encode([]).shape == (0,)


def test_vocabulary_any_hashable_and_characters():
    v = Vocabulary([3, (1, 2), "a"])
    assert v.index((1, 2)) == 1
    chars = Vocabulary(list("abc"))
    assert chars.encode("cab").tolist() == [2, 0, 1]
    assert Vocabulary(WORDS) == Vocabulary(list(WORDS)) and Vocabulary(WORDS) != Vocabulary(WORDS[:4])


def test_vocabulary_from_sequences():
    v = Vocabulary.from_sequences([["je", "vois"], ["tu", "vois", "."]], specials=("<pad>", "<bos>"))
    assert v.items == ("<pad>", "<bos>", "je", "vois", "tu", ".")
    with pytest.raises(TypeError, match="sequences must hold sequences"):
        Vocabulary.from_sequences(["je vois"])


def test_vocabulary_repr():
    assert repr(Vocabulary(WORDS)) == "Vocabulary(['Doug', 'Jane', 'Spot', 'saw', '.'])"
    assert "(100 items)" in repr(Vocabulary(range(100)))


def test_vocabulary_unknown_item_message():
    v = Vocabulary(WORDS)
    expected = "unknown item 'Dave'; the vocabulary holds ['Doug', 'Jane', 'Spot', 'saw', '.']"
    with pytest.raises(ValueError) as info:
        v.index("Dave")
    assert str(info.value) == expected
    with pytest.raises(ValueError, match="unknown item 'Dave'"):
        v.encode(["Doug", "saw", "Dave"])
    with pytest.raises(ValueError, match="unknown item 'Dave'"):
        v.one_hot(["Dave"])


@pytest.mark.parametrize("items, error, message", [
    (["Doug", "Jane", "Doug"], ValueError, "'Doug' appears at positions 0 and 2"),
    ([], ValueError, "at least one item"),
    ("Doug", TypeError, "not a single string"),
    (5, TypeError, "iterable"),
    ([["a"], ["b"]], TypeError, "hashable"),
])
def test_vocabulary_bad_items(items, error, message):
    with pytest.raises(error, match=message):
        Vocabulary(items)


def test_vocabulary_bad_indices_and_sequences():
    v = Vocabulary(WORDS)
    with pytest.raises(IndexError, match=r"index must be in 0..4 .* got 5"):
        v.item(5)
    with pytest.raises(IndexError, match="got -1"):
        v.item(-1)
    with pytest.raises(TypeError, match="index must be an int"):
        v.item(1.0)
    with pytest.raises(IndexError, match="got 7"):
        v.decode([0, 7])
    with pytest.raises(TypeError, match="indices must hold integers"):
        v.decode([0.0, 1.0])
    with pytest.raises(ValueError, match="indices must be 1-D"):
        v.decode([[0, 1]])
    with pytest.raises(TypeError, match=r"single item 'Doug' \(write \['Doug'\]\)"):
        v.encode("Doug")
    with pytest.raises(TypeError, match="iterable"):
        v.encode(3)
    with pytest.raises(ValueError, match=r"unknown item 'D'; .* as a sequence of characters; for words pass a "
                                         r"list such as \['Dave', 'saw'\]"):
        v.encode("Dave saw")


def test_one_hot_shapes():
    assert one_hot(1, 3).tolist() == [0.0, 1.0, 0.0]
    batch = one_hot(np.array([[0, 2], [1, 1], [2, 0]]), 3)  # (T, B) -> (T, B, V)
    assert batch.shape == (3, 2, 3) and batch.dtype == np.float64
    np.testing.assert_array_equal(batch.argmax(-1), [[0, 2], [1, 1], [2, 0]])
    np.testing.assert_array_equal(batch.sum(-1), np.ones((3, 2)))
    assert one_hot(np.int32(0), 1).tolist() == [1.0]
    assert one_hot([], 4).shape == (0, 4)


@pytest.mark.parametrize("indices, size, error, message", [
    ([0.0, 1.0], 3, TypeError, "indices must hold integers"),
    (True, 3, TypeError, "indices must hold integers"),
    ([-1, 0], 3, ValueError, "indices must be >= 0; got -1"),
    ([0, 3], 3, ValueError, r"indices must be < size=3; got 3"),
    ([0], 0, ValueError, "size must be at least 1"),
    ([0], 2.0, TypeError, "size must be an int"),
    ("a", 3, TypeError, "indices must hold integers"),
])
def test_one_hot_bad_input(indices, size, error, message):
    with pytest.raises(error, match=message):
        one_hot(indices, size)
