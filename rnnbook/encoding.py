"""Turning categories into numbers: a `Vocabulary` (item <-> index) and `one_hot` vectors."""

import itertools

import numpy as np


def one_hot(indices, size):
    """One-hot vectors of int `indices` (any shape, each in 0..size-1): float64, indices.shape + (size,)."""
    return np.eye(size)[indices]  # row k of the identity is the one-hot vector of k


def _listing(items, shown=20):
    """The items as a list for an error message or a repr, abbreviated after `shown` items."""
    if len(items) <= shown:
        return repr(list(items))
    head = ", ".join(repr(item) for item in items[:shown])
    return f"[{head}, ... ({len(items)} items)]"


class Vocabulary:
    """An ordered set of distinct items (words, dishes, symbols); their order gives each an index 0..len-1."""

    def __init__(self, items):
        self.items = tuple(items)
        self._index = {item: k for k, item in enumerate(self.items)}
        if len(self._index) != len(self.items):
            repeated = sorted({repr(item) for item in self.items if self.items.count(item) > 1})
            raise ValueError(f"items must be distinct; repeated: {', '.join(repeated)}")

    @classmethod
    def from_sequences(cls, sequences, specials=()):
        """`specials` first, then every item of `sequences` (e.g. tokenised sentences) as it first appears."""
        return cls(dict.fromkeys(itertools.chain(specials, *sequences)))  # a dict keeps the first of each

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __contains__(self, item):
        return item in self._index

    def __repr__(self):
        return f"Vocabulary({_listing(self.items)})"

    def index(self, item):
        """The index (an int) of `item`; a ValueError naming it if it is not in the vocabulary."""
        if item not in self._index:
            raise ValueError(f"unknown item {item!r}; the vocabulary holds {_listing(self.items)}")
        return self._index[item]

    def item(self, index):
        """The item at `index`, an int in 0..len-1."""
        if not 0 <= index < len(self.items):
            raise ValueError(f"index must be in 0..{len(self.items) - 1}; got {index}")
        return self.items[index]

    def encode(self, sequence):
        """The indices of a sequence of items: int64, shape (len(sequence),)."""
        return np.array([self.index(item) for item in sequence], dtype=np.int64)

    def decode(self, indices):
        """The items at a 1-D sequence of indices (a list, numpy array or torch tensor), as a list."""
        return [self.item(index) for index in np.asarray(indices).tolist()]

    def one_hot(self, sequence):
        """One-hot vectors of a sequence of items: float64, shape (len(sequence), len(self))."""
        return one_hot(self.encode(sequence), len(self))
