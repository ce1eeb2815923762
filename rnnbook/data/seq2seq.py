"""Chapter 8's generated sets: English -> French phrases, dates, and the "bank" tagging task."""

import datetime

from rnnbook.data._validate import as_generator, check_int

SEQ_SPECIALS = ("<pad>", "<bos>", "<eos>")

# English subject, French subject, French verb-form column (0 je, 1 tu, 2 il/elle, 3 nous, 4 ils)
_SUBJECTS = (("i", "je", 0), ("you", "tu", 1), ("he", "il", 2), ("she", "elle", 2), ("we", "nous", 3),
             ("they", "ils", 4))
# English base form, English third person singular, French forms for je, tu, il/elle, nous, ils
_VERBS = (("love", "loves", ("aime", "aimes", "aime", "aimons", "aiment")),
          ("see", "sees", ("vois", "vois", "voit", "voyons", "voient")),
          ("help", "helps", ("aide", "aides", "aide", "aidons", "aident")),
          ("watch", "watches", ("regarde", "regardes", "regarde", "regardons", "regardent")),
          ("hear", "hears", ("entends", "entends", "entend", "entendons", "entendent")))
# English object pronoun, French object pronoun (before the verb)
_OBJECT_PRONOUNS = (("me", "me"), ("you", "te"), ("him", "le"), ("her", "la"), ("us", "nous"),
                    ("them", "les"))
_REFLEXIVE = (("i", "me"), ("you", "you"), ("we", "us"))  # left out: they would need a reflexive verb
# English noun, French article and noun (after the verb)
_NOUNS = (("cat", ("le", "chat")), ("dog", ("le", "chien")), ("girl", ("la", "fille")),
          ("boy", ("le", "garçon")), ("house", ("la", "maison")), ("car", ("la", "voiture")),
          ("tree", ("l'", "arbre")), ("child", ("l'", "enfant")))
_ELIDED = {"je": "j'", "me": "m'", "te": "t'", "le": "l'", "la": "l'"}
_VOWELS = "aeiou"  # no word of the grammar starts with h or an accented vowel


def _elide(words):
    """French elision: je, me, te, le, la lose their vowel before a word starting with a vowel (j' aime)."""
    out = []
    for word, following in zip(words, words[1:] + [""]):
        out.append(_ELIDED[word] if word in _ELIDED and following[:1] in _VOWELS and following else word)
    return out


def all_translation_pairs():
    """Every distinct pair of the phrase grammar, in a fixed order: a list of (English tokens, French tokens).

    The grammar: subject pronoun (i, you, he, she, we, they) + verb (love, see, help, watch, hear) + object,
    where the object is an object pronoun (me, you, him, her, us, them; but not "i ... me", "you ... you",
    "we ... us", which French says with a reflexive verb) or "the" + a noun (cat, dog, girl, boy, house,
    car, tree, child), then ".".
    French: the verb agrees with the subject; an object pronoun goes before the verb; je, me, te, le, la
    are elided before a vowel; "you" is the singular "tu"/"te", "they" is "ils".

    >>> pairs = all_translation_pairs()
    >>> len(pairs), pairs[0]
    (405, (['i', 'love', 'you', '.'], ['je', "t'", 'aime', '.']))
    """
    pairs = []
    for english_subject, french_subject, column in _SUBJECTS:
        for base, third, forms in _VERBS:
            verb = third if column == 2 else base
            for english_object, french_object in _OBJECT_PRONOUNS:
                if (english_subject, english_object) not in _REFLEXIVE:
                    pairs.append(([english_subject, verb, english_object, "."],
                                  _elide([french_subject, french_object, forms[column]]) + ["."]))
            for noun, (article, french_noun) in _NOUNS:
                pairs.append(([english_subject, verb, "the", noun, "."],
                              _elide([french_subject, forms[column], article, french_noun]) + ["."]))
    return pairs


def translation_pairs(n, seed=0):
    """n (English tokens, French tokens) pairs drawn uniformly, with repeats, from `all_translation_pairs()`.

    - n: an int >= 0.
    - seed: an int or a numpy Generator.

    Each pair holds fresh lists (safe to modify). To keep test phrases unseen in training, split
    `all_translation_pairs()` itself instead.

    >>> translation_pairs(1, seed=1)
    [(['he', 'hears', 'them', '.'], ['il', 'les', 'entend', '.'])]
    """
    n = check_int("n", n, 0)
    rng = as_generator(seed)
    pairs = all_translation_pairs()
    return [(list(pairs[k][0]), list(pairs[k][1])) for k in rng.integers(len(pairs), size=n)]


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_FIRST_DATE = datetime.date(1950, 1, 1)
_DATE_SPAN = (datetime.date(2050, 1, 1) - _FIRST_DATE).days


def date_pairs(n, seed=0):
    """n date-normalisation pairs, as characters: ("march 3 2021" as a list of characters, "2021-03-03" too).

    - n: an int >= 0.
    - seed: an int or a numpy Generator; dates are uniform over 1950-01-01 .. 2049-12-31.

    The source is month name, day without leading zero and year, separated by spaces; the target is ISO 8601
    (YYYY-MM-DD). Both sides are lists of single characters (join them with "".join).

    >>> ["".join(side) for side in date_pairs(1, seed=0)[0]]
    ['january 24 2035', '2035-01-24']
    """
    n = check_int("n", n, 0)
    rng = as_generator(seed)
    pairs = []
    for offset in rng.integers(_DATE_SPAN, size=n):
        date = _FIRST_DATE + datetime.timedelta(days=int(offset))
        source = f"{_MONTH_NAMES[date.month - 1]} {date.day} {date.year}"
        pairs.append((list(source), list(date.isoformat())))
    return pairs


BANK_TAGS = ("O", "MONEY", "RIVER")
_MONEY_CUES = ("robbed", "audited", "insured")
_RIVER_CUES = ("flooded", "muddy", "eroded")
_FILLERS = ("is", "was", "very", "often", "quite", "again", "today", "they", "said")
BANK_WORDS = ("the", "bank") + _FILLERS + _MONEY_CUES + _RIVER_CUES + (".",)


def bank_tagging(n, T, seed=0):
    """n tagged sentences of length T where the tag of "bank" depends on a word that comes later.

    - n: an int >= 0.
    - T: sentence length, an int >= 4.
    - seed: an int or a numpy Generator.

    Returns a list of (tokens, tags), two lists of T strings. A sentence is "the bank", then T - 4 filler
    words drawn uniformly (is, was, very, often, ...), then a cue word, then ".". The cue is a money word
    (robbed, audited, insured) or a river word (flooded, muddy, eroded), each sense with probability 1/2;
    "bank" is tagged MONEY or RIVER to match, every other token "O". Words: BANK_WORDS; tags: BANK_TAGS.

    The sense is decided T - 3 steps after "bank", so a left-to-right tagger must guess at "bank": at best
    1/2 right on the "bank" tokens (chance), (T - 0.5) / T on all tokens. A bidirectional one can get 100 %.

    >>> bank_tagging(1, 5, seed=0)
    [(['the', 'bank', 'they', 'muddy', '.'], ['O', 'RIVER', 'O', 'O', 'O'])]
    """
    n = check_int("n", n, 0)
    T = check_int("T", T, 4)
    rng = as_generator(seed)
    examples = []
    for _ in range(n):
        fillers = [_FILLERS[k] for k in rng.integers(len(_FILLERS), size=T - 4)]
        river = bool(rng.integers(2))
        cues = _RIVER_CUES if river else _MONEY_CUES
        cue = cues[int(rng.integers(len(cues)))]
        tokens = ["the", "bank"] + fillers + [cue, "."]
        tags = ["O", "RIVER" if river else "MONEY"] + ["O"] * (T - 2)
        examples.append((tokens, tags))
    return examples
