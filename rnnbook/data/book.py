"""The children's book of chapters 3 and 6 ("Doug saw Jane."), and the grammar check of new sentences."""

from rnnbook.data._validate import as_generator, check_int

NAMES = ("Doug", "Jane", "Spot")
BOOK_WORDS = ("Doug", "Jane", "Spot", "saw", ".")
MISTAKE_KINDS = ("self", "run-on", "other")


def book_sentences(n, seed=0):
    """n sentences of the children's book, each a list of 4 words: [subject, "saw", object, "."].

    - n: number of sentences, an int >= 0.
    - seed: an int or a numpy Generator. The subject is uniform over NAMES, the object uniform over the two
      other names (nobody sees themself), so each of the 6 sentences has probability 1/6.

    >>> book_sentences(2, seed=2)
    [['Spot', 'saw', 'Doug', '.'], ['Doug', 'saw', 'Jane', '.']]
    """
    n = check_int("n", n, 0)
    rng = as_generator(seed)
    subjects = rng.integers(len(NAMES), size=n)
    shifts = rng.integers(1, len(NAMES), size=n)  # 1 or 2: the object is another name
    return [[NAMES[s], "saw", NAMES[(s + k) % len(NAMES)], "."] for s, k in zip(subjects, shifts)]


def book_stream(n, seed=0):
    """The words of `book_sentences(n, seed)` concatenated into one flat list of 4 n words.

    >>> book_stream(2, seed=2)
    ['Spot', 'saw', 'Doug', '.', 'Doug', 'saw', 'Jane', '.']
    """
    return [word for sentence in book_sentences(n, seed) for word in sentence]


def split_sentences(words):
    """Cut a list of words after every "." into sentences; trailing words without a "." form a last one.

    >>> split_sentences(["Doug", "saw", "Jane", ".", "Spot", "."])
    [['Doug', 'saw', 'Jane', '.'], ['Spot', '.']]
    """
    words = _word_list(words, "words")
    sentences, current = [], []
    for word in words:
        current.append(word)
        if word == ".":
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def _word_list(words, name):
    """`words` as a list, checked to be a list or tuple of strings (not a single string)."""
    if not isinstance(words, (list, tuple)):
        raise TypeError(f"{name} must be a list of words such as ['Doug', 'saw', 'Jane', '.']; got {words!r}")
    for word in words:
        if not isinstance(word, str):
            raise TypeError(f"{name} must hold words (strings) such as 'Doug'; got {word!r}")
    return list(words)


def _is_chain(words):
    """True when words alternate NAME, "saw", NAME, "saw", ... starting with a name (any length >= 1)."""
    for position, word in enumerate(words):
        expected_saw = position % 2 == 1
        if expected_saw and word != "saw":
            return False
        if not expected_saw and word not in NAMES:
            return False
    return bool(words)


def sentence_mistake(sentence):
    """Which rule of the book's grammar a sentence breaks: None (correct), "self", "run-on" or "other".

    - sentence: a list of words.

    A sentence normally ends with "."; one that does not was cut at a length cap by the generator, and a cut
    sentence is always a mistake. The kinds, checked in this order:

    - "run-on": it goes on after its object: NAME saw NAME saw NAME ... with two or more "saw"s. A finished
      sentence must be exactly NAME (saw NAME)+ "." ("Doug saw Jane saw Spot saw Doug ."); a cut one any
      chain NAME saw NAME saw ... holding at least two "saw"s ("Doug saw Jane saw" cut there). A run-on
      counts as "run-on" even if a name also sees itself in it ("Doug saw Doug saw Jane .").
    - None: exactly NAME "saw" OTHER-NAME "." ("Doug saw Jane .").
    - "self": exactly NAME "saw" SAME-NAME "." ("Doug saw Doug .").
    - "other": everything else: a name then "." ("Doug ."), "saw" twice in a row, a sentence starting with
      "saw" or ".", an empty sentence, a "." before the end, an unknown word, a cut sentence that is not a
      run-on ("Doug saw Jane" cut there), ...

    >>> examples = ["Doug saw Jane .", "Doug saw Doug .", "Doug saw Jane saw Spot ."]
    >>> [sentence_mistake(text.split()) for text in examples]
    [None, 'self', 'run-on']
    >>> sentence_mistake(["Jane", "."])
    'other'
    """
    words = _word_list(sentence, "sentence")
    finished = bool(words) and words[-1] == "."
    body = words[:-1] if finished else words
    if _is_chain(body) and body.count("saw") >= 2 and (not finished or body[-1] in NAMES):
        return "run-on"
    if finished and len(body) == 3 and _is_chain(body):
        return None if body[0] != body[2] else "self"
    return "other"


def count_mistakes(sentences):
    """Count sentences by `sentence_mistake` kind: a dict with "correct", "self", "run-on", "other", "total".

    - sentences: a list of sentences, each a list of words.

    >>> count_mistakes([["Doug", "saw", "Jane", "."], ["Spot", "saw", "Spot", "."]])
    {'correct': 1, 'self': 1, 'run-on': 0, 'other': 0, 'total': 2}
    """
    if not isinstance(sentences, (list, tuple)):
        raise TypeError(f"sentences must be a list of sentences (lists of words); got {sentences!r}")
    counts = {"correct": 0, "self": 0, "run-on": 0, "other": 0}
    for sentence in sentences:
        counts[sentence_mistake(sentence) or "correct"] += 1
    counts["total"] = len(sentences)
    return counts
