"""Turning categories into numbers: a `Vocabulary` (item <-> index) and `one_hot` vectors.

Every chapter encodes its words, dishes or symbols with these two tools:

>>> v = Vocabulary(["Doug", "Jane", "Spot", "saw", "."])
>>> v.encode(["Jane", "saw", "Spot", "."])
array([1, 3, 2, 4])
>>> one_hot(2, 5)
array([0., 0., 1., 0., 0.])
"""

import numpy as np

_SHOWN_ITEMS = 20  # how many items an error message or repr lists before it abbreviates


class IndexOutOfRangeError(IndexError, ValueError):
    """An index outside 0..len-1 of a vocabulary: an IndexError, and a ValueError like other bad input."""


def _is_integer(value):
    """True for Python and numpy integers, False for bools (which Python counts as integers)."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _integer_array(values, name):
    """`values` as an int64 array of any shape; TypeError for anything but integers."""
    if _is_integer(values):
        return np.asarray(values, dtype=np.int64)
    try:
        array = np.asarray(values)
    except ValueError as error:  # ragged nested lists
        raise TypeError(f"{name} must be an integer or an array of integers; got {values!r}") from error
    if array.size == 0 and array.dtype == np.float64:
        return array.astype(np.int64)  # np.asarray([]) is float64 but holds no non-integer
    if array.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integers; got dtype {array.dtype} ({_short(values)})")
    return array.astype(np.int64)


def _short(values):
    """A short text for an error message: the repr cut to 60 characters."""
    text = repr(values)
    return text if len(text) <= 60 else text[:57] + "..."


def _listing(items):
    """The list of items an error message or repr shows, abbreviated after `_SHOWN_ITEMS`."""
    if len(items) <= _SHOWN_ITEMS:
        return repr(list(items))
    head = ", ".join(repr(item) for item in items[:_SHOWN_ITEMS])
    return f"[{head}, ... ({len(items)} items)]"


def one_hot(indices, size):
    """One-hot vectors: a float64 array of shape indices.shape + (size,), all zeros but a 1 at each index.

    - indices: an int or an integer array of any shape, each in 0..size-1.
    - size: the length of each vector (the vocabulary size), an int >= 1.

    >>> one_hot([0, 2], 3)
    array([[1., 0., 0.],
           [0., 0., 1.]])
    """
    if not _is_integer(size):
        raise TypeError(f"size must be an int; got {size!r}")
    if size < 1:
        raise ValueError(f"size must be at least 1; got {size}")
    array = _integer_array(indices, "indices")
    if array.size and array.min() < 0:
        raise ValueError(f"indices must be >= 0; got {array.min()}")
    if array.size and array.max() >= size:
        raise ValueError(f"indices must be < size={size}; got {array.max()}")
    vectors = np.zeros(array.shape + (size,))  # (..., size)
    np.put_along_axis(vectors, array[..., None], 1.0, axis=-1)
    return vectors


class Vocabulary:
    """An ordered set of distinct items (words, dishes, symbols), each with an index 0..len-1.

    - items: any iterable of distinct hashable items; their order fixes the indices.

    >>> v = Vocabulary(["pizza", "sushi", "waffles"])
    >>> v.index("sushi"), v.item(2), len(v), "pizza" in v
    (1, 'waffles', 3, True)
    >>> v.one_hot(["waffles", "pizza"])
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """

    def __init__(self, items):
        if isinstance(items, str):
            raise TypeError(f"items must be a list of items, not a single string; got {items!r} "
                            f"(for a vocabulary of characters write Vocabulary(list({items!r})))")
        try:
            items = tuple(items)
        except TypeError as error:
            raise TypeError(f"items must be an iterable of items; got {items!r}") from error
        if not items:
            raise ValueError("items must hold at least one item; got none")
        positions = {}
        for position, item in enumerate(items):
            try:
                seen = item in positions
            except TypeError as error:
                raise TypeError(f"items must be hashable; item {position} is {item!r}") from error
            if seen:
                raise ValueError(f"items must be distinct; {item!r} appears at positions "
                                 f"{positions[item]} and {position}")
            positions[item] = position
        self._items = items
        self._positions = positions

    @classmethod
    def from_sequences(cls, sequences, specials=()):
        """A vocabulary of `specials` first, then every item of `sequences` in order of first appearance.

        - sequences: an iterable of sequences (e.g. tokenised sentences).
        - specials: items that come first whether they appear or not (e.g. ("<pad>", "<bos>", "<eos>")).

        >>> Vocabulary.from_sequences([["je", "vois"], ["tu", "vois"]], specials=("<pad>",)).items
        ('<pad>', 'je', 'vois', 'tu')
        """
        if isinstance(specials, str) or not isinstance(specials, (list, tuple)):
            raise TypeError(f"specials must be a list or tuple of items such as ('<pad>',); got {specials!r}")
        if isinstance(sequences, str) or not hasattr(sequences, "__iter__"):
            raise TypeError(f"sequences must be an iterable of sequences of items; got {_short(sequences)}")
        items, seen = [], set()
        for sequence in [specials, *sequences]:
            if isinstance(sequence, str) or not hasattr(sequence, "__iter__"):
                raise TypeError(f"sequences must hold sequences of items; got {_short(sequence)} "
                                f"(wrap single sentences in a list)")
            for item in sequence:
                try:
                    new = item not in seen
                except TypeError as error:
                    raise TypeError(f"items must be hashable; got {_short(item)}") from error
                if new or sequence is specials:  # a repeated special is an error, reported by cls(items)
                    seen.add(item)
                    items.append(item)
        return cls(items)

    @property
    def items(self):
        """The items, as a tuple in index order."""
        return self._items

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __contains__(self, item):
        try:
            return item in self._positions
        except TypeError:  # an unhashable item is in no vocabulary
            return False

    def __eq__(self, other):
        return isinstance(other, Vocabulary) and self._items == other._items

    def __hash__(self):
        return hash(self._items)

    def __repr__(self):
        return f"Vocabulary({_listing(self._items)})"

    def index(self, item):
        """The index (an int) of `item`; ValueError naming the item for one that is not in the vocabulary.

        >>> Vocabulary(["Doug", "Jane", "Spot", "saw", "."]).index("saw")
        3
        """
        if item not in self:
            raise ValueError(f"unknown item {item!r}; the vocabulary holds {_listing(self._items)}")
        return self._positions[item]

    def item(self, index):
        """The item at `index`, an int in 0..len-1.

        >>> Vocabulary(["Doug", "Jane", "Spot", "saw", "."]).item(4)
        '.'
        """
        if not _is_integer(index):
            raise TypeError(f"index must be an int; got {index!r}")
        if not 0 <= index < len(self._items):
            raise IndexOutOfRangeError(f"index must be in 0..{len(self._items) - 1} for a vocabulary of "
                             f"{len(self._items)} items; got {index}")
        return self._items[index]

    def encode(self, sequence):
        """The indices of a sequence of items: an int64 array of shape (len(sequence),).

        - sequence: a list (or any iterable) of items; a string counts as a sequence of characters.

        >>> Vocabulary(["Doug", "Jane", "Spot", "saw", "."]).encode(["Doug", "saw", "Jane", "."])
        array([0, 3, 1, 4])
        """
        if isinstance(sequence, str) and sequence in self and len(sequence) > 1:
            raise TypeError(f"encode takes a sequence of items; got the single item {sequence!r} "
                            f"(write [{sequence!r}])")
        try:
            items = list(sequence)
        except TypeError as error:
            raise TypeError(f"sequence must be an iterable of items; got {sequence!r}") from error
        try:
            return np.array([self.index(item) for item in items], dtype=np.int64)
        except ValueError as error:
            if not isinstance(sequence, str):
                raise
            raise ValueError(f"{error} (encode read the string {_short(sequence)} as a sequence of "
                             f"characters; for words pass a list such as {sequence.split()!r})") from None

    def decode(self, indices):
        """The items at a 1-D sequence of indices, as a list.

        - indices: a list or 1-D integer array, each in 0..len-1.

        >>> Vocabulary(["Doug", "Jane", "Spot", "saw", "."]).decode([2, 3, 0, 4])
        ['Spot', 'saw', 'Doug', '.']
        """
        array = _integer_array(indices, "indices")
        if array.ndim != 1:
            raise ValueError(f"indices must be 1-D; got shape {array.shape}")
        return [self.item(int(index)) for index in array]

    def one_hot(self, sequence):
        """One-hot vectors of a sequence of items: a float64 array of shape (len(sequence), len(self)).

        >>> Vocabulary(["pizza", "sushi", "waffles"]).one_hot(["sushi"])
        array([[0., 1., 0.]])
        """
        return one_hot(self.encode(sequence), len(self))
