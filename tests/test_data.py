"""Tests of rnnbook.data: every generator's rules, determinism under a seed, and clear errors."""

import collections
import datetime
import doctest

import numpy as np
import pytest

import rnnbook.data
from rnnbook.data import batching, book, dinner, long_lag, seq2seq


@pytest.mark.parametrize("module", [batching, book, dinner, long_lag, seq2seq])
def test_docstring_examples_run(module):
    assert doctest.testmod(module).failed == 0


def test_every_public_name_is_exported():
    for name in rnnbook.data.__all__:
        assert hasattr(rnnbook.data, name), name


# Seeds --------------------------------------------------------------------------------------------

def _dinner_lists(history):
    return history.dinners, history.weekday.tolist(), history.month.tolist(), history.late_meeting.tolist()


GENERATORS = [
    lambda seed: _dinner_lists(rnnbook.data.dinner_history(30, seed=seed)),
    lambda seed: rnnbook.data.book_sentences(20, seed=seed),
    lambda seed: rnnbook.data.adding_problem(4, 20, seed=seed).xs.tolist(),
    lambda seed: rnnbook.data.adding_problem(4, 20, seed=seed, variant="le").xs.tolist(),
    lambda seed: rnnbook.data.temporal_order(4, 20, seed=seed)[0].tolist(),
    lambda seed: rnnbook.data.remember_first(4, 6, seed=seed)[0].tolist(),
    lambda seed: rnnbook.data.translation_pairs(10, seed=seed),
    lambda seed: rnnbook.data.date_pairs(10, seed=seed),
    lambda seed: rnnbook.data.bank_tagging(10, 6, seed=seed),
]


@pytest.mark.parametrize("generate", GENERATORS)
def test_same_seed_same_data_and_generators_accepted(generate):
    assert generate(3) == generate(3)
    assert generate(3) != generate(4)
    assert generate(np.random.default_rng(3)) == generate(3)


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (1.5, TypeError), ("0", TypeError),
                                         (True, TypeError), (None, TypeError)])
def test_bad_seed(seed, error):
    with pytest.raises(error, match="seed must be an int >= 0 or a numpy.random.Generator"):
        rnnbook.data.book_sentences(3, seed=seed)


# Dinner -------------------------------------------------------------------------------------------

def test_dinner_follows_the_cycle():
    history = rnnbook.data.dinner_history(50, seed=1)
    for today, tomorrow in zip(history.dinners, history.dinners[1:]):
        assert rnnbook.data.next_dinner(today) == tomorrow
    assert rnnbook.data.dinner_history(3, start="waffles").dinners == ["waffles", "pizza", "sushi"]
    assert [rnnbook.data.next_dinner(d) for d in rnnbook.data.DINNERS] == ["sushi", "waffles", "pizza"]
    starts = {rnnbook.data.dinner_history(1, seed=s).dinners[0] for s in range(20)}
    assert starts == set(rnnbook.data.DINNERS)


def test_dinner_calendar_is_a_real_calendar_walk():
    history = rnnbook.data.dinner_history(400, seed=2)
    assert len(history) == 400
    for day in range(400):
        date = history.start_date + datetime.timedelta(days=day)
        assert history.weekday[day] == date.weekday() and history.month[day] == date.month - 1
    assert np.all(np.diff(history.weekday) % 7 == 1)
    assert set(history.month.tolist()) == set(range(12))
    assert history.late_meeting.dtype == bool
    late_rate = rnnbook.data.dinner_history(5000, seed=0).late_meeting.mean()
    assert abs(late_rate - rnnbook.data.LATE_MEETING_PROBABILITY) < 0.03


def test_calendar_features():
    history = rnnbook.data.dinner_history(100, seed=3)
    features = rnnbook.data.calendar_features(history)
    names = rnnbook.data.calendar_feature_names()
    assert features.shape == (100, 20) == (100, len(names))
    assert names[0] == "Monday" and names[7] == "January" and names[-1] == "late meeting"
    np.testing.assert_array_equal(features[:, :7].argmax(1), history.weekday)
    np.testing.assert_array_equal(features[:, 7:19].argmax(1), history.month)
    np.testing.assert_array_equal(features[:, :7].sum(1), 1.0)
    np.testing.assert_array_equal(features[:, 7:19].sum(1), 1.0)
    np.testing.assert_array_equal(features[:, 19], history.late_meeting)


@pytest.mark.parametrize("column", ["weekday", "month", "late_meeting"])
def test_calendar_carries_no_signal_about_dinner(column):
    train = rnnbook.data.dinner_history(3000, seed=4)
    test = rnnbook.data.dinner_history(3000, seed=5)
    votes = collections.defaultdict(collections.Counter)
    for key, dish in zip(getattr(train, column).tolist(), train.dinners):
        votes[key][dish] += 1
    majority = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    hits = [majority[key] == dish for key, dish in zip(getattr(test, column).tolist(), test.dinners)]
    assert abs(np.mean(hits) - 1 / 3) < 0.04


def test_dinner_bad_input():
    with pytest.raises(ValueError, match="n_days must be at least 1; got 0"):
        rnnbook.data.dinner_history(0)
    with pytest.raises(TypeError, match="n_days must be an int"):
        rnnbook.data.dinner_history(3.0)
    with pytest.raises(ValueError, match=r"start must be one of \['pizza', 'sushi', 'waffles'\] or None"):
        rnnbook.data.dinner_history(3, start="tacos")
    with pytest.raises(ValueError, match="dish must be one of"):
        rnnbook.data.next_dinner("Pizza")
    with pytest.raises(TypeError, match="history must be a DinnerHistory"):
        rnnbook.data.calendar_features([1, 2])


# Children's book ----------------------------------------------------------------------------------

def test_book_sentences_follow_the_grammar():
    sentences = rnnbook.data.book_sentences(600, seed=0)
    assert all(len(s) == 4 and s[1] == "saw" and s[3] == "." for s in sentences)
    assert all(s[0] in rnnbook.data.NAMES and s[2] in rnnbook.data.NAMES for s in sentences)
    assert all(s[0] != s[2] for s in sentences)  # nobody sees themself
    counts = collections.Counter((s[0], s[2]) for s in sentences)
    assert len(counts) == 6 and min(counts.values()) > 70
    assert rnnbook.data.count_mistakes(sentences)["correct"] == 600
    assert rnnbook.data.book_sentences(0) == []


def test_book_stream_is_the_sentences_concatenated():
    stream = rnnbook.data.book_stream(5, seed=7)
    assert stream == [w for s in rnnbook.data.book_sentences(5, seed=7) for w in s]
    assert set(stream) <= set(rnnbook.data.BOOK_WORDS)
    assert rnnbook.data.split_sentences(stream) == rnnbook.data.book_sentences(5, seed=7)


def test_split_sentences_keeps_an_unfinished_tail():
    words = "Doug saw Jane . Spot saw".split()
    assert rnnbook.data.split_sentences(words) == [["Doug", "saw", "Jane", "."], ["Spot", "saw"]]
    assert rnnbook.data.split_sentences([]) == []


@pytest.mark.parametrize("text, kind", [
    ("Doug saw Jane .", None),
    ("Spot saw Doug .", None),
    ("Doug saw Doug .", "self"),
    ("Spot saw Spot .", "self"),
    ("Doug saw Jane saw Spot .", "run-on"),
    ("Doug saw Jane saw Spot saw Doug .", "run-on"),
    ("Doug saw Doug saw Jane .", "run-on"),  # run-on wins over self
    ("Jane saw Spot saw Spot .", "run-on"),
    ("Doug saw Jane saw", "run-on"),  # cut at a length cap while running on
    ("Doug saw Jane saw Spot", "run-on"),
    ("Doug saw Jane", "other"),  # cut before the "."
    ("Doug saw", "other"),
    ("Doug saw Jane saw .", "other"),
    ("Doug .", "other"),
    ("Doug saw saw Jane .", "other"),
    ("saw Jane .", "other"),
    (". Doug saw Jane .", "other"),
    (".", "other"),
    ("", "other"),
    ("Doug saw Dave .", "other"),
    ("Doug Jane saw Spot .", "other"),
    ("Doug saw Jane . .", "other"),
])
def test_sentence_mistake_kinds(text, kind):
    assert rnnbook.data.sentence_mistake(text.split()) == kind
    assert rnnbook.data.sentence_mistake(tuple(text.split())) == kind


def test_count_mistakes():
    sentences = [s.split() for s in ["Doug saw Jane .", "Doug saw Doug .", "Jane saw Spot saw Doug .",
                                     "Spot .", "Doug saw Jane saw", "Jane saw Doug ."]]
    counts = rnnbook.data.count_mistakes(sentences)
    assert counts == {"correct": 2, "self": 1, "run-on": 2, "other": 1, "total": 6}
    assert rnnbook.data.count_mistakes([])["total"] == 0
    assert rnnbook.data.MISTAKE_KINDS == ("self", "run-on", "other")


def test_book_bad_input():
    with pytest.raises(TypeError, match="sentence must be a list of words"):
        rnnbook.data.sentence_mistake("Doug saw Jane .")
    with pytest.raises(TypeError, match="sentences must be a list of sentences"):
        rnnbook.data.count_mistakes("Doug saw Jane .")
    with pytest.raises(TypeError, match="sentence must be a list of words"):
        rnnbook.data.count_mistakes(["Doug saw Jane ."])
    with pytest.raises(TypeError, match="words must be a list of words"):
        rnnbook.data.split_sentences("Doug saw Jane .")
    with pytest.raises(ValueError, match="n must be at least 0; got -1"):
        rnnbook.data.book_stream(-1)


# Adding problem -----------------------------------------------------------------------------------

def test_adding_hochreiter_rules():
    T = 40
    batch = rnnbook.data.adding_problem(500, T, seed=0)
    t_max = T + T // 10
    assert batch.xs.shape == (t_max, 500, 2) and batch.xs.dtype == np.float64
    assert batch.targets.shape == (500,) and batch.lengths.dtype == np.int64
    assert batch.lengths.min() == T and batch.lengths.max() == t_max
    for b in range(500):
        values, markers = batch.xs[:, b, 0], batch.xs[:, b, 1]
        start = t_max - batch.lengths[b]
        assert np.all(values[:start] == 0) and np.all(markers[:start] == 0)  # left padding
        marked = np.flatnonzero(markers == 1) - start
        assert len(marked) == 2
        assert marked[0] < 10 and marked[1] <= T // 2 - 1  # both among early steps
        assert markers[-1] == -1 and markers[start] in (-1, 1)
        assert np.count_nonzero(markers == -1) == (1 if marked[0] == 0 else 2)
        assert np.all(np.abs(values[start:]) <= 1)
        x = values[markers == 1]
        assert batch.targets[b] == pytest.approx(0.5 + x.sum() / 4)
        if marked[0] == 0:
            assert values[start] == 0  # a marked first step holds 0
    assert np.all((batch.targets >= 0) & (batch.targets <= 1))


def test_adding_hochreiter_marker_positions_cover_their_ranges():
    T = 30
    batch = rnnbook.data.adding_problem(3000, T, seed=1)
    starts = batch.xs.shape[0] - batch.lengths
    steps, columns = np.nonzero(batch.xs[:, :, 1].T == 1)
    offsets = columns - starts[steps]
    assert set(offsets.tolist()) == set(range(T // 2))  # X2 reaches step T/2-1 when X1 lies before it
    assert np.all(np.bincount(steps) == 2)


def test_adding_le_rules():
    T = 12
    batch = rnnbook.data.adding_problem(400, T, seed=0, variant="le")
    assert batch.xs.shape == (T, 400, 2) and np.all(batch.lengths == T)
    values, markers = batch.xs[..., 0], batch.xs[..., 1]
    assert np.all((values >= 0) & (values <= 1))
    assert set(np.unique(markers).tolist()) == {0.0, 1.0}
    np.testing.assert_array_equal(markers[: T // 2].sum(0), 1)  # one marker in each half
    np.testing.assert_array_equal(markers[T // 2:].sum(0), 1)
    np.testing.assert_allclose(batch.targets, (values * markers).sum(0))
    assert batch.variant == "le"


def test_adding_success_and_baseline():
    success = rnnbook.data.adding_success(np.array([[0.5], [0.6]]), np.array([0.539, 0.5]))
    assert success.tolist() == [True, False]
    assert rnnbook.data.adding_success([1.07, 1.09], [1.0, 1.0], variant="le").tolist() == [True, False]
    assert rnnbook.data.adding_baseline_mse("le") == pytest.approx(1 / 6)
    assert rnnbook.data.adding_baseline_mse("hochreiter") == pytest.approx(1 / 24)
    for variant, T, mean in [("hochreiter", 30, 0.5), ("hochreiter", 4, 0.5), ("le", 10, 1.0)]:
        targets = rnnbook.data.adding_problem(40000, T, seed=2, variant=variant).targets
        measured = np.mean((targets - mean) ** 2)
        assert measured == pytest.approx(rnnbook.data.adding_baseline_mse(variant, T), rel=0.02)


def test_adding_bad_input():
    with pytest.raises(ValueError, match=r"variant must be one of \['hochreiter', 'le'\]; got 'Le'"):
        rnnbook.data.adding_problem(2, 20, variant="Le")
    with pytest.raises(ValueError, match="T must be at least 4; got 3"):
        rnnbook.data.adding_problem(2, 3)
    with pytest.raises(ValueError, match="T must be at least 2; got 1"):
        rnnbook.data.adding_problem(2, 1, variant="le")
    with pytest.raises(ValueError, match="n must be at least 1; got 0"):
        rnnbook.data.adding_problem(0, 20)
    with pytest.raises(ValueError, match=r"predictions must have shape \(2,\) or \(2, 1\)"):
        rnnbook.data.adding_success(np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError, match=r"targets must have shape \(B,\)"):
        rnnbook.data.adding_success(np.zeros(2), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="variant must be one of"):
        rnnbook.data.adding_baseline_mse("paper")


# Temporal order and remember-first ----------------------------------------------------------------

def test_temporal_order_rules():
    T = 50
    xs, labels = rnnbook.data.temporal_order(300, T, seed=0)
    symbols = rnnbook.data.TEMPORAL_ORDER_SYMBOLS
    assert xs.shape == (T, 300, len(symbols)) and labels.dtype == np.int64
    tokens = xs.argmax(-1)  # (T, B)
    np.testing.assert_array_equal(xs.sum(-1), 1.0)
    assert np.all(tokens[0] == symbols.index("E")) and np.all(tokens[-1] == symbols.index("B"))
    for b in range(300):
        relevant = np.flatnonzero(tokens[:, b] >= symbols.index("X"))
        assert len(relevant) == 2
        t1, t2 = relevant
        assert T // 10 <= t1 <= 2 * T // 10 and T // 2 <= t2 <= 6 * T // 10
        order = "".join(symbols[k] for k in tokens[relevant, b])
        assert rnnbook.data.TEMPORAL_ORDER_CLASSES[labels[b]] == order
        others = np.delete(tokens[:, b], [0, t1, t2, T - 1])
        assert np.all(others < 4)  # every other step holds a distractor a..d
    assert set(labels.tolist()) == {0, 1, 2, 3}


def test_remember_first_rules():
    xs, labels = rnnbook.data.remember_first(200, lag=7, n_symbols=4, seed=0, n_fillers=2)
    vocabulary = rnnbook.data.remember_first_vocabulary(4, 2)
    assert vocabulary == ("A", "B", "C", "D", "0", "1")
    assert xs.shape == (8, 200, 6) and labels.shape == (200,)
    tokens = xs.argmax(-1)
    np.testing.assert_array_equal(tokens[0], labels)
    assert np.all(tokens[1:] >= 4)  # only fillers after the cue
    assert set(labels.tolist()) == {0, 1, 2, 3}
    xs0, labels0 = rnnbook.data.remember_first(5, lag=0, seed=1)
    assert xs0.shape == (1, 5, 6)
    np.testing.assert_array_equal(xs0[0].argmax(-1), labels0)


def test_long_lag_bad_input():
    with pytest.raises(ValueError, match="T must be at least 10; got 9"):
        rnnbook.data.temporal_order(3, 9)
    with pytest.raises(ValueError, match="lag must be at least 0; got -1"):
        rnnbook.data.remember_first(3, -1)
    with pytest.raises(ValueError, match="n_symbols must be at least 2; got 1"):
        rnnbook.data.remember_first(3, 4, n_symbols=1)
    with pytest.raises(ValueError, match="n_symbols must be at most 26"):
        rnnbook.data.remember_first(3, 4, n_symbols=27)
    with pytest.raises(TypeError, match="lag must be an int"):
        rnnbook.data.remember_first(3, 4.0)


# Translation, dates, tagging ----------------------------------------------------------------------

def test_translation_grammar():
    pairs = rnnbook.data.all_translation_pairs()
    sources = [" ".join(source) for source, _ in pairs]
    assert len(set(sources)) == len(pairs) == 405
    table = {" ".join(source): " ".join(target) for source, target in pairs}
    assert table["i love you ."] == "je t' aime ."
    assert table["you see the cat ."] == "tu vois le chat ."
    assert table["i love the tree ."] == "j' aime l' arbre ."
    assert table["she hears him ."] == "elle l' entend ."
    assert table["we watch them ."] == "nous les regardons ."
    assert table["they see us ."] == "ils nous voient ."
    assert table["he helps the girl ."] == "il aide la fille ."
    assert "i see me ." not in table and "we love us ." not in table
    assert all(source[-1] == "." and target[-1] == "." for source, target in pairs)
    assert rnnbook.data.SEQ_SPECIALS == ("<pad>", "<bos>", "<eos>")


def test_translation_pairs_sample_the_grammar():
    pairs = rnnbook.data.translation_pairs(50, seed=0)
    every = rnnbook.data.all_translation_pairs()
    assert len(pairs) == 50 and all(pair in every for pair in pairs)
    pairs[0][0].append("oops")  # fresh lists: changing a sample changes nothing else
    assert rnnbook.data.translation_pairs(50, seed=0)[0][0][-1] == "."


def test_date_pairs():
    for source, target in rnnbook.data.date_pairs(200, seed=0):
        date = datetime.datetime.strptime("".join(source), "%B %d %Y").date()
        assert "".join(target) == date.isoformat()
        assert 1950 <= date.year <= 2049
        assert all(len(char) == 1 for char in source + target)


def test_bank_tagging():
    T = 7
    examples = rnnbook.data.bank_tagging(400, T, seed=0)
    senses = []
    for tokens, tags in examples:
        assert len(tokens) == len(tags) == T
        assert tokens[:2] == ["the", "bank"] and tokens[-1] == "."
        assert set(tokens) <= set(rnnbook.data.BANK_WORDS) and set(tags) <= set(rnnbook.data.BANK_TAGS)
        expected = "RIVER" if tokens[-2] in ("flooded", "muddy", "eroded") else "MONEY"
        assert tags == ["O", expected] + ["O"] * (T - 2)
        senses.append(expected)
    assert 0.4 < senses.count("RIVER") / len(senses) < 0.6
    assert rnnbook.data.bank_tagging(1, 4, seed=0)[0][0][:2] == ["the", "bank"]


def test_seq2seq_bad_input():
    with pytest.raises(ValueError, match="T must be at least 4; got 3"):
        rnnbook.data.bank_tagging(2, 3)
    with pytest.raises(TypeError, match="n must be an int"):
        rnnbook.data.translation_pairs("10")
    with pytest.raises(ValueError, match="n must be at least 0"):
        rnnbook.data.date_pairs(-2)


# Chunks for truncated BPTT ------------------------------------------------------------------------

def test_chunk_stream_columns_continue():
    stream = np.arange(103)
    chunks = rnnbook.data.chunk_stream(stream, batch_size=4, chunk_len=6)
    column_len = 103 // 4  # 25: 24 input steps per column
    assert [len(inputs) for inputs, _ in chunks] == [6, 6, 6, 6]
    inputs = np.concatenate([x for x, _ in chunks])  # (24, 4)
    targets = np.concatenate([y for _, y in chunks])
    for b in range(4):
        np.testing.assert_array_equal(inputs[:, b], stream[b * column_len: (b + 1) * column_len - 1])
        np.testing.assert_array_equal(targets[:, b], stream[b * column_len + 1: (b + 1) * column_len])
    assert all(x.dtype == np.int64 and x.shape[1] == 4 for x, _ in chunks)


def test_chunk_stream_last_chunk_shorter():
    chunks = rnnbook.data.chunk_stream(list(range(20)), batch_size=2, chunk_len=4)  # columns of 10
    assert [x.shape for x, _ in chunks] == [(4, 2), (4, 2), (1, 2)]
    np.testing.assert_array_equal(chunks[-1][0], [[8, 18]])
    np.testing.assert_array_equal(chunks[-1][1], [[9, 19]])
    words = rnnbook.data.book_stream(10)
    vocab_index = {w: i for i, w in enumerate(rnnbook.data.BOOK_WORDS)}
    encoded = [vocab_index[w] for w in words]
    assert len(rnnbook.data.chunk_stream(encoded, 1, 100)) == 1


def test_chunk_stream_bad_input():
    with pytest.raises(TypeError, match="encode it first"):
        rnnbook.data.chunk_stream("Doug saw Jane", 1, 2)
    with pytest.raises(TypeError, match="stream must hold integer indices"):
        rnnbook.data.chunk_stream(["Doug", "saw"], 1, 2)
    with pytest.raises(ValueError, match=r"stream must be 1-D; got shape \(2, 2\)"):
        rnnbook.data.chunk_stream([[1, 2], [3, 4]], 1, 2)
    with pytest.raises(ValueError, match="stream is too short: 5 tokens give columns of 1 tokens"):
        rnnbook.data.chunk_stream(list(range(5)), 3, 2)
    with pytest.raises(ValueError, match="chunk_len must be at least 1; got 0"):
        rnnbook.data.chunk_stream(list(range(10)), 2, 0)
    with pytest.raises(TypeError, match="batch_size must be an int"):
        rnnbook.data.chunk_stream(list(range(10)), 2.0, 3)
