"""Tests of rnnbook.data: every generator's rules, the same data from the same seed, and clear errors."""
import collections
import datetime

import numpy as np
import pytest

from conftest import clear_errors_test
from rnnbook import data
from rnnbook.data import dinner, long_lag, seq2seq

GENERATORS = [
    lambda seed: repr(vars(data.dinner_history(30, seed=seed))), lambda seed: data.date_pairs(10, seed=seed),
    lambda seed: data.adding_problem(4, 20, seed=seed).xs.tolist(),
    lambda seed: data.adding_problem(4, 20, seed=seed, variant="le").xs.tolist(),
    lambda seed: data.temporal_order(4, 20, seed=seed)[0].tolist(),
    lambda seed: data.remember_first(4, 6, seed=seed)[0].tolist(),
    lambda seed: data.book_sentences(20, seed=seed), lambda seed: data.bank_tagging(10, 6, seed=seed)]


@pytest.mark.parametrize("generate", GENERATORS)
def test_same_seed_same_data_and_generators_accepted(generate):
    assert generate(3) == generate(3) != generate(4)
    assert generate(np.random.default_rng(3)) == generate(3) == generate(np.int64(3))


def test_dinner_follows_the_cycle_whatever_the_calendar_features_say():
    history = data.dinner_history(400, seed=1)
    for today, tomorrow in zip(history.dinners, history.dinners[1:]):
        assert data.next_dinner(today) == tomorrow
    assert data.dinner_history(3, start="waffles").dinners == ["waffles", "pizza", "sushi"]
    assert {data.dinner_history(1, seed=s).dinners[0] for s in range(20)} == set(data.DINNERS)
    for day in range(400):  # a real calendar, a day per step
        date = history.start_date + datetime.timedelta(days=day)
        assert history.weekday[day] == date.weekday() and history.month[day] == date.month - 1
    late_rate = data.dinner_history(5000, seed=0).late_meeting.mean()
    assert abs(late_rate - dinner._LATE_MEETING_PROBABILITY) < 0.03
    history = data.dinner_history(100, seed=3)  # the calendar features
    features, names = data.calendar_features(history), data.calendar_feature_names()
    assert features.shape == (100, 20) == (100, len(names)) and names[7] == "January"
    np.testing.assert_array_equal(features[:, :7].argmax(1), history.weekday)
    np.testing.assert_array_equal(features[:, 7:19].argmax(1), history.month)
    np.testing.assert_array_equal(features.sum(1), 2 + history.late_meeting)
    train, test = data.dinner_history(3000, seed=4), data.dinner_history(3000, seed=5)
    votes = collections.Counter(zip(train.weekday, train.dinners))  # the weekday's most common dish, guessed
    guess = {day: max(data.DINNERS, key=lambda dish: votes[day, dish]) for day in range(7)}
    hits = [guess[weekday] == dish for weekday, dish in zip(test.weekday, test.dinners)]
    assert abs(np.mean(hits) - 1 / 3) < 0.04


def test_book_sentences_follow_the_grammar_and_count_mistakes():
    sentences = data.book_sentences(600, seed=0)
    assert all(s[0] in data.NAMES and s[1] == "saw" and s[2] in data.NAMES and s[3] == "." for s in sentences)
    counts = collections.Counter((s[0], s[2]) for s in sentences)
    assert len(counts) == 6 and min(counts.values()) > 70  # nobody sees themself; the 6 others all occur
    assert data.count_mistakes(sentences)["correct"] == 600
    assert data.book_stream(5, seed=7) == [w for s in data.book_sentences(5, seed=7) for w in s]
    sentences = [s.split() for s in ["Doug saw Jane .", "Doug saw Doug .", "Jane saw Spot saw Doug .",
                                     "Spot .", "Doug saw Jane saw", "Jane saw Doug ."]]
    assert data.count_mistakes(sentences) == {"correct": 2, "self": 1, "run-on": 2, "other": 1, "total": 6}


@pytest.mark.parametrize("text, kind", [
    ("Doug saw Jane .", None), ("Spot saw Doug .", None), ("Doug saw Doug .", "self"),
    ("Doug saw Jane saw Spot .", "run-on"), ("Doug saw Jane saw Spot saw Doug .", "run-on"),
    ("Doug saw Doug saw Jane .", "run-on"), ("Doug saw Jane saw", "run-on"),  # cut at a length cap
    ("Doug saw Jane saw Spot", "run-on"), ("Doug saw Jane", "other"), ("Doug saw", "other"),
    ("Doug saw Jane saw .", "other"), ("Doug .", "other"), ("Doug saw saw Jane .", "other"),
    ("saw Jane .", "other"), (". Doug saw Jane .", "other"), (".", "other"), ("", "other"),
    ("Doug saw Dave .", "other"), ("Doug Jane saw Spot .", "other"), ("Doug saw Jane . .", "other")])
def test_sentence_mistake_kinds(text, kind):
    assert data.sentence_mistake(text.split()) == data.sentence_mistake(tuple(text.split())) == kind


def test_adding_problem_rules():
    T, B = 40, 500
    batch = data.adding_problem(B, T, seed=0)
    t_max = T + T // 10
    assert batch.xs.shape == (t_max, B, 2) and batch.targets.shape == batch.lengths.shape == (B,)
    assert batch.lengths.min() == T and batch.lengths.max() == t_max
    for b in range(B):
        values, markers, start = batch.xs[:, b, 0], batch.xs[:, b, 1], t_max - batch.lengths[b]
        assert not values[:start].any() and not markers[:start].any()  # left padding
        marked = np.flatnonzero(markers == 1) - start
        assert len(marked) == 2 and marked[0] < 10 and marked[1] <= T // 2 - 1
        assert markers[-1] == -1 and np.count_nonzero(markers == -1) == (1 if marked[0] == 0 else 2)
        assert batch.targets[b] == pytest.approx(0.5 + values[markers == 1].sum() / 4)
        assert marked[0] > 0 or values[start] == 0  # a marked first step holds 0
    assert np.all(np.abs(batch.xs[..., 0]) <= 1)
    wide = data.adding_problem(3000, 30, seed=1)  # X2 reaches step T/2 - 1 when X1 lies before it
    steps, columns = np.nonzero(wide.xs[:, :, 1].T == 1)
    assert set((columns - (wide.xs.shape[0] - wide.lengths)[steps]).tolist()) == set(range(15))
    T = 12  # Le et al.'s variant
    batch = data.adding_problem(400, T, seed=0, variant="le")
    values, markers = batch.xs[..., 0], batch.xs[..., 1]
    assert batch.xs.shape == (T, 400, 2) and np.all(batch.lengths == T)
    assert np.all((values >= 0) & (values <= 1)) and set(np.unique(markers)) == {0.0, 1.0}
    np.testing.assert_array_equal([markers[: T // 2].sum(0), markers[T // 2:].sum(0)], 1)  # one in each half
    np.testing.assert_allclose(batch.targets, (values * markers).sum(0))
    # Always answering the mean target scores the targets' variance: the baseline the chapters quote.
    first, second = 1 / 10, (1 - 1 / 10) / (30 // 2 - 1)  # T = 30: how often X1, X2 fall on a zero value
    for variant, T, mean, variance in [("le", 10, 1.0, 1 / 6),  # X1 + X2, each of variance 1/12
                                       ("hochreiter", 30, 0.5, (1 / 3) / 16 * (2 - first - second))]:
        targets = data.adding_problem(40000, T, seed=2, variant=variant).targets
        assert np.mean((targets - mean) ** 2) == pytest.approx(variance, rel=0.02)


def test_temporal_order_and_remember_first_rules():
    T, symbols = 50, long_lag._TEMPORAL_ORDER_SYMBOLS
    xs, labels = data.temporal_order(300, T, seed=0)
    assert xs.shape == (T, 300, 8) and labels.dtype == np.int64 and set(labels.tolist()) == {0, 1, 2, 3}
    tokens = xs.argmax(-1)  # (T, B)
    assert np.all(tokens[0] == symbols.index("E")) and np.all(tokens[-1] == symbols.index("B"))
    for b in range(300):
        t1, t2 = np.flatnonzero(tokens[:, b] >= symbols.index("X"))
        assert T // 10 <= t1 <= 2 * T // 10 and T // 2 <= t2 <= 6 * T // 10
        assert long_lag._TEMPORAL_ORDER_CLASSES[labels[b]] == symbols[tokens[t1, b]] + symbols[tokens[t2, b]]
        assert np.all(np.delete(tokens[:, b], [0, t1, t2, T - 1]) < 4)  # distractors a..d elsewhere
    xs, labels = data.remember_first(200, lag=7, n_symbols=4, seed=0, n_fillers=2)
    assert long_lag._vocabulary(4, 2) == ("A", "B", "C", "D", "0", "1")
    assert xs.shape == (8, 200, 6) and labels.shape == (200,) and set(labels.tolist()) == {0, 1, 2, 3}
    np.testing.assert_array_equal(xs[0].argmax(-1), labels)  # the cue comes first ...
    assert np.all(xs[1:].argmax(-1) >= 4)  # ... then only fillers
    assert data.remember_first(5, lag=0, seed=1)[0].shape == (1, 5, 6)


def test_date_pairs_and_bank_tagging():
    for source, target in data.date_pairs(200, seed=0):
        date = datetime.datetime.strptime("".join(source), "%B %d %Y").date()
        assert "".join(target) == date.isoformat() and 1950 <= date.year <= 2049
        assert all(len(char) == 1 for char in source + target)
    T, senses = 7, []
    for tokens, tags in data.bank_tagging(400, T, seed=0):
        assert len(tokens) == T and tokens[:2] == ["the", "bank"] and tokens[-1] == "."
        assert set(tokens) <= {"the", "bank", "."} | set(seq2seq._FILLERS + seq2seq._MONEY + seq2seq._RIVER)
        senses.append("RIVER" if tokens[-2] in seq2seq._RIVER else "MONEY")
        assert tags == ["O", senses[-1]] + ["O"] * (T - 2)
    assert 0.4 < senses.count("RIVER") / len(senses) < 0.6


def test_chunk_stream_columns_continue():
    stream = np.arange(103)
    chunks = data.chunk_stream(stream, batch_size=4, chunk_len=6)  # columns of 103 // 4 = 25 tokens
    assert [x.shape for x, _ in chunks] == [(6, 4)] * 4 and all(x.dtype == np.int64 for x, _ in chunks)
    inputs, targets = (np.concatenate([chunk[k] for chunk in chunks]) for k in (0, 1))  # (24, 4) each
    for b in range(4):
        np.testing.assert_array_equal(inputs[:, b], stream[b * 25: (b + 1) * 25 - 1])
        np.testing.assert_array_equal(targets[:, b], stream[b * 25 + 1: (b + 1) * 25])
    chunks = data.chunk_stream(list(range(20)), batch_size=2, chunk_len=4)  # columns of 10: 9 steps
    assert [x.shape for x, _ in chunks] == [(4, 2), (4, 2), (1, 2)]
    assert chunks[-1][0].tolist() == [[8, 18]] and chunks[-1][1].tolist() == [[9, 19]]


ERRORS = [  # a learner's likely mistakes, each with a message saying what was wrong and what was expected
    (lambda: data.book_sentences(2.5), TypeError, "n must be an int; got float 2.5"),
    (lambda: data.book_sentences(-1), ValueError, "n must be >= 0; got -1"),
    (lambda: data.book_sentences(3, seed=-1), ValueError, "seed must be >= 0; got -1"),
    (lambda: data.book_sentences(3, seed=None), TypeError, "seed must be an int"),
    (lambda: data.dinner_history(0), ValueError, "n_days must be >= 1; got 0"),
    (lambda: data.dinner_history(3, start="tacos"), ValueError, r"start must be one of \['pizza', 'sushi'"),
    (lambda: data.next_dinner("Pizza"), ValueError, "dish must be one of"),
    (lambda: data.adding_problem(2, 20, variant="Le"), ValueError, r"variant must be one of \['hochreiter'"),
    (lambda: data.adding_problem(2, 3), ValueError, "T must be >= 4; got 3"),
    (lambda: data.adding_problem(0, 20), ValueError, "n must be >= 1; got 0"),
    (lambda: data.temporal_order(3, 9), ValueError, "T must be >= 10; got 9"),
    (lambda: data.remember_first(3, -1), ValueError, "lag must be >= 0; got -1"),
    (lambda: data.remember_first(3, 4.0), TypeError, "lag must be an int"),
    (lambda: data.remember_first(3, 4, n_symbols=1), ValueError, "n_symbols must be >= 2; got 1"),
    (lambda: data.bank_tagging(2, 3), ValueError, "T must be >= 4; got 3"),
    (lambda: data.date_pairs("10"), TypeError, "n must be an int"),
    (lambda: data.chunk_stream(list(range(5)), 3, 2), ValueError, "at least 2 tokens per column"),
    (lambda: data.chunk_stream(list(range(10)), 2, 0), ValueError, "chunk_len must be >= 1; got 0"),
    (lambda: data.chunk_stream(list(range(10)), 2.0, 3), TypeError, "batch_size must be an int")]
test_learner_errors = clear_errors_test(ERRORS)
