"""Chapter 8's generated sets: dates, and the "bank" tagging task."""

import datetime

from rnnbook._checks import generator, integer
from rnnbook.data.dinner import MONTHS

_MONEY, _RIVER = ("robbed", "audited", "insured"), ("flooded", "muddy", "eroded")
_FILLERS = ("is", "was", "very", "often", "quite", "again", "today", "they", "said")


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
