"""Bad input to the public functions of rnnbook gives a clear ValueError or TypeError, raised by rnnbook.

Each row of BAD is (function, args, error, match): calling function(*args) must raise `error` from a
`raise` statement inside rnnbook (not from numpy, torch or matplotlib) with a message matching `match`.
Each row of ACCEPTED is a call that must work: numpy integers and floats, numpy Generators as seeds.
"""
import linecache
from functools import partial
from pathlib import Path


import numpy as np
import pytest

import rnnbook
from rnnbook import animate, check, data, encoding, numpy_rnn, plots

torch = pytest.importorskip("torch")
from rnnbook import torch_rnn

PACKAGE = Path(rnnbook.__file__).parent
NAN = float("nan")
XS = np.eye(3)[[0, 1, 2, 0]][:, None, :].repeat(2, axis=1)  # (4, 2, 3) one-hot items
TARGETS = np.array([[1, 1], [2, 2], [0, 0], [1, 1]])  # (4, 2)
TOKENS = torch.tensor([[0, 1], [2, 3], [4, 0]])  # (3, 2)


def forwarded(model_class, T=5, B=2):
    """A model (input_size 3, hidden_size 4) after a forward over zeros (T, B, 3)."""
    model = model_class(3, 4)
    model.forward(np.zeros((T, B, 3)))
    return model


def readout_backward(dlogits):
    readout = numpy_rnn.Readout(4, 3)
    readout.forward(np.zeros((2, 1, 4)))
    return readout.backward(dlogits)


def rnn_step_cache():
    """The cache of one rnn_step_forward with B = 2, I = 2, H = 3."""
    return numpy_rnn.rnn_step_forward(np.zeros((2, 2)), np.zeros((2, 3)), np.zeros((3, 2)), np.zeros((3, 3)),
                                      np.zeros(3), np.zeros(3))[1]


def lstm_step_cache():
    """The cache of one lstm_step_forward with B = 2, I = 2, H = 3."""
    zeros = np.zeros((2, 3))
    return numpy_rnn.lstm_step_forward(np.zeros((2, 2)), zeros, zeros, np.zeros((12, 2)), np.zeros((12, 3)),
                                       np.zeros(12), np.zeros(12))[2]


def lstm_step_backward_without_dc(dh):
    return numpy_rnn.lstm_step_backward(dh, None, lstm_step_cache())


def draw(value, fig):
    fig.add_subplot().plot([0, value])


def draw_panel(value, ax):
    ax.plot([0, value])


def animation_html(dpi, interval):
    return animate.to_html(animate.over([1], draw, dpi=dpi, interval=interval))


BAD = [
    # ---- rnnbook.data ----
    (data.book_sentences, (2.5,), TypeError, "n must be an int; got 2.5"),
    (data.book_sentences, (3, -1), ValueError, "seed must be an int >= 0"),
    (data.split_sentences, (["Doug", 3],), TypeError, "words must hold words"),
    (data.sentence_mistake, (["Doug", None, "."],), TypeError, "sentence must hold words"),
    (data.count_mistakes, ([["Doug", ["saw"], "."]],), TypeError, "sentence must hold words"),
    (data.adding_success, ([[0.5, 0.6], [0.7]], [0.5, 0.6]), ValueError, "predictions must be a rectangular"),
    (data.adding_success, ([0.5, NAN], [0.5, 0.6]), ValueError, "predictions must be finite"),
    (data.adding_success, ([0.5, 0.6], [0.5, np.inf]), ValueError, "targets must be finite"),
    (data.chunk_stream, ([[1, 2], [3]], 1, 1), ValueError, "stream must be a 1-D sequence of integer"),
    (data.chunk_stream, ([-1, 2, 3, 4], 2, 1), ValueError, "stream must hold token indices >= 0; got -1"),
    (data.chunk_stream, (list(range(10)), np.float64(2), 1), TypeError, "batch_size must be an int"),
    # ---- rnnbook.encoding ----
    (encoding.Vocabulary.from_sequences, (None,), TypeError, "sequences must be an iterable of sequences"),
    (encoding.Vocabulary.from_sequences, ([1, 2],), TypeError, "sequences must hold sequences of items"),
    (encoding.Vocabulary.from_sequences, ([[["a"]]],), TypeError, r"items must be hashable; got \['a'\]"),
    (encoding.Vocabulary.from_sequences, ([["a"]], "<pad>"), TypeError, "specials must be a list or tuple"),
    (encoding.Vocabulary.from_sequences, ([["a"]], ["<pad>", "<pad>"]), ValueError, "items must be distinct"),
    (encoding.Vocabulary(["a", "b"]).item, (2,), ValueError, r"index must be in 0..1 .* got 2"),
    (encoding.Vocabulary(["a", "b"]).decode, ([0, -1],), ValueError, "got -1"),
    # ---- rnnbook.check ----
    (check.numerical_grad, (lambda: 0.0, np.zeros(2), np.inf), ValueError, "eps must be a positive number"),
    (check.compare, ("w", [1.0], [1.0], "1e-8"), ValueError, "tol must be a non-negative number"),
    # ---- rnnbook.numpy_rnn: models and steps ----
    (numpy_rnn.RNN, (3, 4, -1), ValueError, "seed must be >= 0; got -1"),
    (numpy_rnn.GRU, (3, 4, np.random.RandomState(0)), TypeError, "seed must be an int >= 0 or a np.random"),
    (numpy_rnn.LSTM(3, 4).forward, (torch.zeros(2, 1, 3, requires_grad=True),), TypeError,
     "xs must be a real array; got a Tensor"),
    (forwarded(numpy_rnn.GRU).backward, (np.ones((5, 2, 4)), 0), ValueError, "truncate must be >= 1"),
    (numpy_rnn.rnn_step_backward, (np.ones((2, 3)), lstm_step_cache()), TypeError,
     "cache must be the cache returned by rnn_step_forward"),
    (numpy_rnn.gru_step_backward, (np.ones((2, 3)), rnn_step_cache()), TypeError,
     "cache must be the cache returned by gru_step_forward"),
    (numpy_rnn.lstm_step_backward, (np.ones((2, 3)), np.ones((2, 3)), (1, 2, (3,))), TypeError,
     "cache must be the cache returned by lstm_step_forward"),
    (lstm_step_backward_without_dc, (np.ones((2, 3)),), TypeError, "dc must hold real numbers"),
    # ---- functions ----
    (numpy_rnn.softmax, ([[1.0, 2.0], [3.0]],), ValueError, "logits must be a rectangular real array"),
    (numpy_rnn.softmax, ([1.0, NAN],), ValueError, "logits must be finite"),
    (numpy_rnn.log_softmax, ([1.0, np.inf],), ValueError, "logits must be finite"),
    (numpy_rnn.softmax, ([[1.0, 2.0]], 2), ValueError, r"axis must be in \[-2, 2\) .* got 2"),
    (numpy_rnn.log_softmax, ([[1.0, 2.0]], None), TypeError, "axis must be an int; got NoneType"),
    (numpy_rnn.softmax, ([1.0, 2.0], 0.0), TypeError, "axis must be an int; got float"),
    (numpy_rnn.softmax_cross_entropy, (np.zeros((2, 3)), [0, 1], 1.5), TypeError,
     "ignore_index must be an int or None; got float"),
    (numpy_rnn.softmax_cross_entropy, (np.zeros((2, 3)), [0, 1], "a"), TypeError, "ignore_index must be"),
    (numpy_rnn.softmax_cross_entropy, (np.zeros((0, 3)), np.zeros(0, dtype=int)), ValueError,
     "targets must hold at least one position"),
    (numpy_rnn.softmax_cross_entropy, (np.zeros((2, 3)), [[0], [1, 2]]), ValueError,
     "targets must be a rectangular integer array"),
    # ---- optimisers ----
    (numpy_rnn.clip_gradients, ({"w": np.array([1.0, NAN])}, 1.0), ValueError, r"grads\['w'\] must be fin"),
    (numpy_rnn.clip_gradients, ({"w": np.ones(2)}, 1j), TypeError, "max_norm must be a number"),
    (numpy_rnn.SGD({"w": np.ones(2)}, lr=0.1).step, ({"w": np.array(["1", "2"])},), TypeError,
     r"grads\['w'\] must hold real numbers"),
    (numpy_rnn.Adam({"w": np.ones(2)}).step, ({"w": np.array([0.0, np.inf])},), ValueError,
     r"grads\['w'\] must be finite"),
    (numpy_rnn.Adam({"w": np.ones(2)}).step, ({"w": [[1.0], [2.0, 3.0]]},), ValueError,
     r"grads\['w'\] must be a rectangular real array"),
    (partial(numpy_rnn.SGD, {"w": np.ones(2)}, 0.1), (NAN,), ValueError, "momentum must be a number in"),
    (partial(numpy_rnn.Adam, {"w": np.ones(2)}, 0.1), ((0.9, NAN),), ValueError, "betas must be two numbers"),
    # ---- training ----
    (numpy_rnn.Readout, (4, 3, -1), ValueError, "seed must be >= 0; got -1"),
    (numpy_rnn.Readout(4, 3).forward, (np.array([[NAN] * 4]),), ValueError, "hs must be finite"),
    (numpy_rnn.Readout(4, 3).forward, (np.zeros((2, 4), dtype=complex),), TypeError, "hs must hold real"),
    (readout_backward, ([[1, 2], [3]],), ValueError, "dlogits must be a rectangular real array"),
    (readout_backward, ("abc",), TypeError, "dlogits must be a real array; got str"),
    (numpy_rnn.predict, (numpy_rnn.RNN(3, 4), numpy_rnn.Readout(4, 3), [[[1.0, 2.0, 3.0]], [[1.0]]]),
     ValueError, "inputs must be a rectangular real array"),
    (numpy_rnn.accuracy, (numpy_rnn.RNN(3, 4), numpy_rnn.Readout(4, 3), np.full((4, 2, 3), NAN), TARGETS),
     ValueError, "inputs must be finite"),
    (partial(numpy_rnn.train_next_item, numpy_rnn.RNN(3, 4), numpy_rnn.Readout(4, 3), XS, TARGETS, steps=1,
             lr=0.1, clip=NAN), (), ValueError, r"clip must be None or a number > 0 \(finite\)"),
    (partial(numpy_rnn.train_next_item, numpy_rnn.RNN(3, 4), numpy_rnn.Readout(4, 3), XS, TARGETS, steps=1,
             lr=0.1, seed=-1), (), ValueError, "seed must be >= 0"),
    (partial(numpy_rnn.train_next_item, numpy_rnn.RNN(3, 4), numpy_rnn.Readout(4, 3), XS, TARGETS, steps=1,
             lr=0.1, seed=None), (), TypeError, "seed must be an int >= 0 or a np.random.Generator"),
    # ---- jordan ----
    (numpy_rnn.PredictionRNN, (3, -1), ValueError, "seed must be an int seed >= 0"),
    (numpy_rnn.PredictionRNN(3).forward, ([[[1.0, 0.0, 0.0]], [[1.0]]],), ValueError,
     "xs must be a rectangular real array"),
    (numpy_rnn.PredictionRNN(3).forward, (XS, "abc"), TypeError, "prediction must be a real array; got str"),
    (numpy_rnn.PredictionRNN(3).generate, (0, 2, 5, -1), ValueError, "rng must be an int seed >= 0"),
    (partial(numpy_rnn.PredictionRNN(3).fit, XS, TARGETS, steps=1, clip=0), (), ValueError,
     "clip must be None or a number > 0"),
    (partial(numpy_rnn.PredictionRNN(3).fit, XS, TARGETS, steps=1, truncate=1.5), (), TypeError,
     "truncate must be an int"),
    # ---- torch_rnn ----
    (torch_rnn.NextTokenModel, (5, 4, "lstm", False, 1.5), TypeError, "seed must be an int >= 0"),
    (torch_rnn.Seq2Seq, (5, 6, 4, "gru", -1), ValueError, "seed must be >= 0; got -1"),
    (torch_rnn.Tagger, (5, 3, 4, False, ["gru"]), ValueError, "cell must be one of"),
    (torch_rnn.NextTokenModel(5, 4, cell="gru").forward, (TOKENS, torch.zeros(2, 4)), ValueError,
     r"state must be None or a tensor h of shape \(1, 2, 4\) and dtype torch.float32; got shape \(2, 4\)"),
    (torch_rnn.NextTokenModel(5, 4, cell="rnn").forward, (TOKENS, np.zeros((1, 2, 4))), TypeError,
     "state must be None or a tensor h of shape"),
    (torch_rnn.NextTokenModel(5, 4, cell="lstm").forward, (TOKENS, torch.zeros(1, 2, 4)), TypeError,
     r"state must be None or a tuple \(h, c\) of tensors"),
    (torch_rnn.NextTokenModel(5, 4, cell="lstm").forward,
     (TOKENS, (torch.zeros(1, 2, 4), torch.zeros(1, 3, 4))), ValueError, r"got shape \(1, 3, 4\)"),
    (torch_rnn.NextTokenModel(5, 4, cell="gru").forward, (TOKENS, torch.zeros(1, 2, 4, dtype=torch.float64)),
     ValueError, "and dtype torch.float32; got shape .* and dtype torch.float64"),
    (torch_rnn.Seq2Seq(5, 6, 4, cell="gru").decode, (torch.tensor([[1, 2, 3]]), torch.zeros(1, 2, 4)),
     ValueError, r"state must be None or a tensor h of shape \(1, 3, 4\)"),
    (torch_rnn.exact_match, (torch.zeros((3, 0), dtype=torch.long),) * 2 + (2,), ValueError,
     r"target must hold at least one sequence \(B >= 1\)"),
    (torch_rnn.exact_match, (torch.tensor([[2]]), torch.tensor([[2]]), 2.0), TypeError, "eos must be an int"),
    (partial(torch_rnn.fit, torch_rnn.NextTokenModel(5, 4), lambda m, s: None, 1, lr=np.inf), (), ValueError,
     r"lr must be a number > 0 \(finite\)"),
    (partial(torch_rnn.fit, torch_rnn.NextTokenModel(5, 4), lambda m, s: None, 1, clip=NAN), (), ValueError,
     "clip must be a number > 0"),
    (partial(torch_rnn.fit, torch_rnn.NextTokenModel(5, 4), lambda m, s: None, 1, seed="0"), (), TypeError,
     "seed must be an int >= 0"),
    (partial(torch_rnn.fit, torch_rnn.NextTokenModel(5, 4), lambda m, s: m(TOKENS)[0].pow(2).mean(), 1,
             accuracy_fn=lambda m: "high"), (), TypeError, "accuracy_fn must return a number; got str"),
    # ---- plots ----
    (plots.new_axes, (None, (6,)), ValueError, r"figsize must be a pair \(width, height\) of numbers > 0"),
    (plots.new_axes, (None, (0, 3)), ValueError, "figsize must be a pair"),
    (plots.bar_chart, (["a", "b"], ["x", "y"]), TypeError, "values must be a 1-D sequence of numbers"),
    (plots.bar_chart, ([1.0, NAN], ["x", "y"]), ValueError, "values must be finite"),
    (plots.bar_chart, ([1.0, 2.0], None), ValueError, "labels must be a sequence of 2 labels"),
    (plots.bar_chart, ([1.0, 2.0], "xy"), ValueError, "labels must be a sequence of 2 labels"),
    (partial(plots.bar_chart, [1.0], ["x"], ylim=3), (), ValueError, r"ylim must be None or a pair"),
    (partial(plots.bar_chart, [1.0], ["x"], reference="a"), (), ValueError, "reference must be None or a"),
    (partial(plots.bar_chart, [1.0], ["x"], fmt="{:d}"), (), ValueError, "fmt must be a format string"),
    (partial(plots.bar_chart, [1.0], ["x"], fmt=3), (), ValueError, "fmt must be a format string"),
    (partial(plots.bar_chart, [1.0], ["x"], colors="notacolour"), (), ValueError, "colors must be None, a"),
    (partial(plots.learning_curves, {"a": {"loss": [1.0]}}, key="accuracy"), (), ValueError,
     r"histories\['a'\] has no 'accuracy'; it has \['loss'\]"),
    (plots.learning_curves, ({"a": None},), TypeError, r"histories\['a'\] must be a 1-D sequence of numbers"),
    (plots.learning_curves, ({"a": [[1.0, 2.0], [3.0]]},), ValueError, r"histories\['a'\] must be a 1-D seq"),
    (partial(plots.learning_curves, {"a": [1.0]}, key=3), (), TypeError, "key must be a string"),
    # ---- animate ----
    (animate.over, (None, draw), TypeError, r"values must be a sequence \(one value per frame\)"),
    (partial(animate.over, [1], draw, figsize=6), (), ValueError, "figsize must be a pair"),
    (partial(animate.over, [1], draw, dpi=0), (), ValueError, "dpi must be a number > 0"),
    (partial(animate.over, [1], draw, interval="fast"), (), ValueError, "interval must be a number > 0"),
    (animate.small_multiples, (3, draw_panel), TypeError, r"values must be a sequence \(one value per panel"),
    (partial(animate.small_multiples, [1, 2], draw_panel, ncols=True), (), ValueError, "ncols must be a pos"),
    (partial(animate.small_multiples, [1, 2], draw_panel, titles="ab"), (), ValueError, "titles must be a"),
    (partial(animate.small_multiples, [1], draw_panel, panel_size=(3,)), (), ValueError, "panel_size must"),
]


def row_id(row):
    function = row[0].func if isinstance(row[0], partial) else row[0]
    return getattr(function, "__qualname__", type(function).__name__)


@pytest.mark.parametrize("function, args, error, match", BAD, ids=[row_id(row) for row in BAD])
def test_bad_input_raises_a_clear_error(function, args, error, match):
    with pytest.raises(error, match=match) as info:
        function(*args)
    frame = info.traceback[-1]  # where the exception was raised: a `raise` statement of rnnbook
    assert Path(str(frame.path)).is_relative_to(PACKAGE), f"raised from {frame.path}:{frame.lineno + 1}"
    assert linecache.getline(str(frame.path), frame.lineno + 1).strip().startswith("raise")


ACCEPTED = [
    (data.book_sentences, (np.int64(3), np.int32(1))),
    (data.adding_success, (torch.tensor([0.5, 0.6]), np.array([0.5, 0.6]))),
    (data.chunk_stream, (np.arange(12, dtype=np.uint8), np.int64(2), np.int16(3))),
    (encoding.Vocabulary(["a", "b"]).item, (np.uint8(1),)),
    (check.compare, ("w", [1.0], [1.0], np.int64(0))),
    (check.numerical_grad, (lambda: 1.0, np.zeros(2), np.float32(1e-3))),
    (numpy_rnn.GRU, (np.int64(3), np.int32(4), np.random.default_rng(0))),
    (numpy_rnn.softmax, ([[1.0, 2.0]], np.int64(0))),
    (numpy_rnn.softmax_cross_entropy, (np.zeros((2, 3)), [0, 1], np.int64(-1))),
    (numpy_rnn.clip_gradients, ({"w": np.ones(2, dtype=np.float32)}, np.float32(1.0))),
    (partial(numpy_rnn.SGD, {"w": np.ones(2)}, np.float32(0.1)), (np.float32(0.9),)),
    (partial(numpy_rnn.Adam, {"w": np.ones(2)}, np.int64(1)), ((np.float32(0.9), np.float64(0.99)),)),
    (numpy_rnn.Readout, (np.int64(4), np.int64(3), np.random.default_rng(1))),
    (partial(numpy_rnn.train_next_item, numpy_rnn.RNN(3, 4), numpy_rnn.Readout(4, 3), XS, TARGETS,
             steps=np.int64(1), lr=np.float32(0.1), clip=np.float32(1.0), truncate=np.int64(2),
             batch_size=np.int64(1), seed=np.random.default_rng(2)), ()),
    (numpy_rnn.PredictionRNN(3).generate, (np.int64(0), np.int64(2), np.int64(5), np.random.default_rng(0))),
    (torch_rnn.NextTokenModel, (np.int64(5), np.int32(4), "gru", True, np.random.default_rng(0))),
    (torch_rnn.Seq2Seq(5, 6, 4).greedy_decode, (TOKENS, np.int64(1), np.int64(2), np.int64(3))),
    (partial(torch_rnn.fit, torch_rnn.NextTokenModel(5, 4), lambda m, s: m(TOKENS)[0].pow(2).mean(),
             np.int64(1), lr=np.float32(0.01), clip=np.float32(1.0), seed=np.int64(3),
             accuracy_fn=lambda m: torch.tensor(0.5), eval_every=np.int64(1)), ()),
    (plots.new_axes, (None, (np.int64(4), np.float32(3.0)))),
    (partial(animate.small_multiples, [1, 2, 3], draw_panel, ncols=np.int64(2)), ()),
    (animation_html, (np.int64(40), np.float64(100.0))),
]


@pytest.mark.parametrize("function, args", ACCEPTED, ids=[row_id(row) for row in ACCEPTED])
def test_numpy_numbers_and_generators_are_accepted(function, args):
    function(*args)
