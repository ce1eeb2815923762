"""Tests of rnnbook.diagrams.sequences (chapter 8: stacked layers, encoder-decoder, bidirectional RNN, the
decoder's steps) and the chapter 8 widget."""

import matplotlib.pyplot as plt
import pytest

from drawing import rendered, texts
from rnnbook.data import SEQ_SPECIALS, all_translation_pairs
from rnnbook.diagrams import sequences
from rnnbook.encoding import Vocabulary


@pytest.fixture(scope="module")
def translator():
    from rnnbook.torch_rnn import Seq2Seq

    pairs = all_translation_pairs()
    english = Vocabulary.from_sequences([e for e, f in pairs], specials=SEQ_SPECIALS)
    french = Vocabulary.from_sequences([f for e, f in pairs], specials=SEQ_SPECIALS)
    return Seq2Seq(len(english), len(french), 8, cell="gru", seed=0), english, french


def test_stacked_rnn_labels_every_layer():
    ax = rendered(sequences.stacked_rnn(3, 2))
    assert {"layer 1", "layer 2", "layer 3"} <= set(texts(ax))
    fig, ax = plt.subplots()
    assert rendered(sequences.stacked_rnn(1, 8, ax=ax)) is ax


def test_encoder_decoder_feeds_back_the_target():
    ax = rendered(sequences.encoder_decoder())
    assert {"I", "love", "you", "je", "t'", "aime", "<bos>"} <= set(texts(ax))
    fig, ax = plt.subplots()
    assert rendered(sequences.encoder_decoder(["a"], ["b", "c"], ax=ax)) is ax


def test_bidirectional_rnn_writes_the_tags():
    ax = rendered(sequences.bidirectional_rnn(tags=["O", "MONEY", "O", "O"]))
    assert {"the", "bank", "MONEY", "left to right", "right to left"} <= set(texts(ax))


@pytest.mark.parametrize("call, error, match", [
    (lambda: sequences.stacked_rnn(0), ValueError, "layers must be an int in 1..4; got 0"),
    (lambda: sequences.stacked_rnn(2, 2.5), TypeError, "steps must be an int"),
    (lambda: sequences.encoder_decoder("I love you"), TypeError, "source must be a list of words"),
    (lambda: sequences.encoder_decoder(["a"], []), ValueError, "target must hold 1..8 words"),
    (lambda: sequences.bidirectional_rnn(["a", "b"], ["O"]), ValueError, "one tag per token"),
])
def test_schematics_reject_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_decoder_trace_records_every_step(translator):
    model, english, french = translator
    steps = sequences.decoder_trace(model, english, french, "I love you.", top=3, max_len=5)
    assert 1 <= len(steps) <= 5 and steps[0]["fed"] == "<bos>"
    for before, after in zip(steps, steps[1:]):
        assert after["fed"] == before["chosen"]
    for step in steps:
        probs = [p for _, p in step["top"]]
        assert len(probs) == 3 and probs == sorted(probs, reverse=True)
        assert step["chosen"] == step["top"][0][0]
    with pytest.raises(ValueError, match="unknown item 'adore'"):
        sequences.decoder_trace(model, english, french, "I adore you.")


def test_decoder_steps_draws_steps_and_unknown_words(translator):
    model, english, french = translator
    sentence = ["i", "see", "the", "cat", "."]
    ax = rendered(sequences.decoder_steps(model, english, french, sentence, max_len=4))
    assert "step 1\nfed: <bos>" in texts(ax)
    assert any(text.startswith("i see the cat .   ") for text in texts(ax))
    ax = rendered(sequences.decoder_steps(model, english, french, "i see the cat .", shown=1, max_len=4))
    assert "step 2" not in " ".join(texts(ax))
    ax = rendered(sequences.decoder_steps(model, english, french, "I adore you."))
    assert "Cannot translate: unknown word 'adore'." in texts(ax)
    ax = rendered(sequences.decoder_steps(model, english, french, "  "))
    assert "Cannot translate: no words." in texts(ax)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(model="net"), TypeError, "model must be a rnnbook.torch_rnn.Seq2Seq"),
    (dict(target_vocab=Vocabulary(["a"])), ValueError, "target_vocab must be a Vocabulary of"),
    (dict(top=0), ValueError, "top must be an int in 1..10"),
    (dict(max_len=True), TypeError, "max_len must be an int"),
    (dict(source=3), TypeError, "source must be a sentence"),
    (dict(shown=-1), ValueError, "shown must be an int in 0..20"),
])
def test_decoder_steps_rejects_bad_input(translator, kwargs, error, match):
    model, english, french = translator
    arguments = dict(model=model, source_vocab=english, target_vocab=french, source="i see you .")
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        sequences.decoder_steps(**arguments)


def test_translator_widget_builds_and_its_benchmark_runs(translator):
    import ipywidgets

    from rnnbook import widgets

    model, english, french = translator
    assert isinstance(widgets.translation_steps(model, english, french), ipywidgets.VBox)
    widgets.BENCHMARKS["translation_steps"]()
