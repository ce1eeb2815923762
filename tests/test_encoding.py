"""Tests of rnnbook.encoding: Vocabulary round trips and errors, one_hot."""
import numpy as np
import torch

from conftest import clear_errors_test
from rnnbook.encoding import Vocabulary, one_hot

WORDS = ("Doug", "Jane", "Spot", "saw", ".")


def test_vocabulary_round_trip_from_sequences_and_repr():
    v = Vocabulary(WORDS)
    sentence = ["Jane", "saw", "Spot", "."]
    indices = v.encode(sentence)
    assert indices.dtype == np.int64 and indices.tolist() == [1, 3, 2, 4]
    assert v.decode(indices) == v.decode(indices.tolist()) == v.decode(torch.tensor(indices)) == sentence
    assert [v.index(word) for word in WORDS] == [0, 1, 2, 3, 4]
    assert [v.item(i) for i in range(5)] == list(WORDS) and v.item(np.uint8(1)) == "Jane"
    assert v.items == WORDS and len(v) == 5 and list(v) == list(WORDS)
    assert "saw" in v and "Dave" not in v
    assert v.encode([]).shape == (0,) and v.encode([]).dtype == np.int64
    assert Vocabulary(list("abc")).encode("cab").tolist() == [2, 0, 1]  # a string is a sequence of characters
    v = Vocabulary.from_sequences([["je", "vois"], ["tu", "vois", "."]], specials=("<pad>", "<bos>"))
    assert v.items == ("<pad>", "<bos>", "je", "vois", "tu", ".")
    assert repr(Vocabulary(WORDS)) == "Vocabulary(['Doug', 'Jane', 'Spot', 'saw', '.'])"
    assert repr(Vocabulary(range(100))).endswith("19, ... (100 items)])")


def test_one_hot_and_vocabulary_one_hot():
    vectors = Vocabulary(["pizza", "sushi", "waffles"]).one_hot(["waffles", "pizza", "sushi"])
    assert vectors.dtype == np.float64 and vectors.tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    assert Vocabulary(["pizza", "sushi", "waffles"]).one_hot([]).shape == (0, 3)
    assert one_hot(1, 3).tolist() == [0.0, 1.0, 0.0]
    batch = one_hot(np.array([[0, 2], [1, 1], [2, 0]]), 3)  # (T, B) -> (T, B, V)
    assert batch.shape == (3, 2, 3) and batch.dtype == np.float64
    np.testing.assert_array_equal(batch.argmax(-1), [[0, 2], [1, 1], [2, 0]])
    np.testing.assert_array_equal(batch.sum(-1), np.ones((3, 2)))


V = Vocabulary(WORDS)
ERRORS = [  # a learner's likely mistakes, each with a message saying what was wrong and what was expected
    (lambda: V.index("Dave"), ValueError,
     r"^unknown item 'Dave'; the vocabulary holds \['Doug', 'Jane', 'Spot', 'saw', '.'\]$"),
    (lambda: V.encode(["Doug", "saw", "Dave", "."]), ValueError, "unknown item 'Dave'"),
    (lambda: V.encode("Doug saw Jane ."), ValueError, "unknown item 'D'"),  # a string instead of a list
    (lambda: V.one_hot(["Sally"]), ValueError, "unknown item 'Sally'"),
    (lambda: Vocabulary(range(30)).index(30), ValueError, r"holds \[0, 1, .*, 19, ... \(30 items\)\]"),
    (lambda: V.item(5), ValueError, r"index must be in 0..4; got 5"),
    (lambda: V.decode([0, -1]), ValueError, r"index must be in 0..4; got -1"),
    (lambda: Vocabulary(["Doug", "Jane", "Doug", "saw", "saw"]), ValueError,
     "items must be distinct; repeated: 'Doug', 'saw'")]
test_learner_errors = clear_errors_test(ERRORS)
