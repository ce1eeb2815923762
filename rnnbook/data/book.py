"""The children's book of chapters 3 and 6 ("Doug saw Jane."), and the grammar check of new sentences."""

from rnnbook._checks import generator, integer

NAMES = ("Doug", "Jane", "Spot")
BOOK_WORDS = ("Doug", "Jane", "Spot", "saw", ".")


def book_sentences(n, seed=0):
    """n >= 0 sentences [subject, "saw", object, "."]: the subject uniform over NAMES, the object over the
    two others (nobody sees themself)."""
    n, rng = integer("n", n, 0), generator(seed)
    subjects = rng.integers(len(NAMES), size=n)
    shifts = rng.integers(1, len(NAMES), size=n)  # 1 or 2: the object is another name
    return [[NAMES[s], "saw", NAMES[(s + k) % len(NAMES)], "."] for s, k in zip(subjects, shifts)]


def book_stream(n, seed=0):
    """The words of `book_sentences(n, seed)` in one flat list of 4 n words."""
    return [word for sentence in book_sentences(n, seed) for word in sentence]


def sentence_mistake(sentence):
    """Which rule of the book's grammar a list of words breaks: None (correct), "self", "run-on" or "other".
    Checked in this order (a sentence without its final "." was cut at a length cap):
    "run-on": NAME saw NAME saw NAME ..., two "saw"s or more, ending in NAME "." or cut anywhere;
    None: NAME saw OTHER-NAME "."; "self": NAME saw SAME-NAME "."; "other": anything else."""
    finished = len(sentence) > 0 and sentence[-1] == "."
    body = list(sentence[:-1] if finished else sentence)
    chain = len(body) > 0 and all(word in (NAMES if k % 2 == 0 else ("saw",)) for k, word in enumerate(body))
    if chain and body.count("saw") >= 2 and (not finished or body[-1] in NAMES):
        return "run-on"
    if chain and finished and len(body) == 3:
        return None if body[0] != body[2] else "self"
    return "other"


def count_mistakes(sentences):
    """Count sentences by `sentence_mistake`: a dict with "correct", "self", "run-on", "other", "total"."""
    counts = {"correct": 0, "self": 0, "run-on": 0, "other": 0, "total": len(sentences)}
    for sentence in sentences:
        counts[sentence_mistake(sentence) or "correct"] += 1
    return counts
