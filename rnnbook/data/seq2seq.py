"""Chapter 8's generated sets: English -> French phrases, dates, and the "bank" tagging task."""

import datetime

from rnnbook._checks import generator, integer
from rnnbook.data.dinner import MONTHS

_MONEY, _RIVER = ("robbed", "audited", "insured"), ("flooded", "muddy", "eroded")
_FILLERS = ("is", "was", "very", "often", "quite", "again", "today", "they", "said")

_SUBJECTS = (("i", "je", 0), ("you", "tu", 1), ("he", "il", 2), ("she", "elle", 2), ("we", "nous", 3),
             ("they", "ils", 4))  # the phrase grammar; 0..4 pick the French verb form: je, tu, il, nous, ils
_VERBS = ("love loves aime aimes aime aimons aiment", "see sees vois vois voit voyons voient",  # English
          "help helps aide aides aide aidons aident",  # base form and third person, then French
          "watch watches regarde regardes regarde regardons regardent",
          "hear hears entends entends entend entendons entendent")
_OBJECTS = ("me me", "you te", "him le", "her la", "us nous", "them les")  # French puts them before the verb
_NOUNS = ("cat le chat", "dog le chien", "girl la fille", "boy le garçon", "house la maison",
          "car la voiture", "tree l' arbre", "child l' enfant")
_REFLEXIVE = ("i me", "you you", "we us")  # left out: French needs a reflexive verb
_ELIDED = {"je": "j'", "me": "m'", "te": "t'", "le": "l'", "la": "l'"}  # before a vowel: j' aime


def _elide(words):
    """French elision: je, me, te, le, la lose their vowel before a word starting with a, e, i, o or u."""
    return [_ELIDED[word] if word in _ELIDED and after[:1] in tuple("aeiou") else word
            for word, after in zip(words, words[1:] + [""])]


def all_translation_pairs():
    """All 405 (English, French) pairs of token lists: subject, verb, object (pronoun or "the" noun), "."."""
    pairs = []
    for subject, sujet, column in _SUBJECTS:
        for base, third, *forms in (verb.split() for verb in _VERBS):
            verb = third if column == 2 else base  # he, she: loves
            for english, french in (pair.split() for pair in _OBJECTS):
                if f"{subject} {english}" not in _REFLEXIVE:
                    french_words = _elide([sujet, french, forms[column]]) + ["."]
                    pairs.append(([subject, verb, english, "."], french_words))
            for noun, article, nom in (triple.split() for triple in _NOUNS):
                french_words = _elide([sujet, forms[column], article, nom]) + ["."]
                pairs.append(([subject, verb, "the", noun, "."], french_words))
    return pairs


def date_pairs(n, seed=0):
    """n >= 0 pairs of character lists like ("march 3 2021", "2021-03-03"), dates uniform in 1950 .. 2049."""
    n, rng, first = integer("n", n, 0), generator(seed), datetime.date(1950, 1, 1)
    dates = [first + datetime.timedelta(days=int(k)) for k in rng.integers(36525, size=n)]  # to 2049-12-31
    return [(list(f"{MONTHS[date.month - 1].lower()} {date.day} {date.year}"), list(date.isoformat()))
            for date in dates]


def bank_tagging(n, T, seed=0):
    """n >= 0 (tokens, tags) pairs, lists of T >= 4 strings: "the bank", T - 4 fillers, a money or a river
    cue (each with probability 1/2), "."; every tag is O but that of "bank", MONEY or RIVER after the cue.
    A left-to-right tagger must guess at "bank" (1/2 right); a bidirectional one can be always right."""
    n, T, rng = integer("n", n, 0), integer("T", T, 4), generator(seed)
    examples = []
    for _ in range(n):
        fillers = [_FILLERS[k] for k in rng.integers(len(_FILLERS), size=T - 4)]
        river = bool(rng.integers(2))
        cue = (_RIVER if river else _MONEY)[int(rng.integers(3))]
        tags = ["O", "RIVER" if river else "MONEY"] + ["O"] * (T - 2)
        examples.append((["the", "bank", *fillers, cue, "."], tags))
    return examples
