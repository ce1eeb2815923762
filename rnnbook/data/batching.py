"""Cutting one long token stream into time-major chunks for truncated BPTT (chapter 9)."""

import numpy as np

from rnnbook.data._validate import check_int


def chunk_stream(stream, batch_size, chunk_len):
    """Batch a stream of token indices into (inputs, targets) chunks whose columns continue each other.

    - stream: a 1-D list or array of integer token indices (encode words first with Vocabulary.encode).
    - batch_size: B, the number of parallel columns, an int >= 1.
    - chunk_len: k, steps per chunk, an int >= 1.

    Returns a list of (inputs, targets), two int64 arrays of shape (k, B) (time-major).

    The stream is cut into B contiguous pieces of length L = len(stream) // B (the remainder, fewer than B
    tokens at the end, is dropped); piece b becomes column b, so column b reads stream[b L : (b + 1) L].
    Each column is then cut into chunks of k inputs, and targets are the inputs shifted one step ahead, so
    the last chunk holds the remaining L - 1 - k * (number of earlier chunks) steps and may be shorter than k.
    Chunk j + 1 of each column starts exactly where chunk j ended: carry the hidden state from one chunk to
    the next (and, for truncated BPTT, cut the gradient there).

    >>> chunks = chunk_stream(list(range(10)), batch_size=2, chunk_len=3)
    >>> chunks[0][0].T.tolist(), chunks[0][1].T.tolist()
    ([[0, 1, 2], [5, 6, 7]], [[1, 2, 3], [6, 7, 8]])
    >>> chunks[1][0].T.tolist(), chunks[1][1].T.tolist()
    ([[3], [8]], [[4], [9]])
    """
    if isinstance(stream, str):
        raise TypeError("stream must be a 1-D sequence of integer indices, not a string; encode it first "
                        "with Vocabulary.encode")
    try:
        array = np.asarray(stream)
    except ValueError as error:  # ragged nested lists
        raise ValueError("stream must be a 1-D sequence of integer indices; got a ragged list") from error
    if array.ndim != 1:
        raise ValueError(f"stream must be 1-D; got shape {array.shape}")
    if array.size and array.dtype.kind not in "iu":
        raise TypeError(f"stream must hold integer indices (encode words with Vocabulary.encode first); "
                        f"got dtype {array.dtype}")
    if array.size and array.min() < 0:
        raise ValueError(f"stream must hold token indices >= 0; got {array.min()}")
    batch_size = check_int("batch_size", batch_size, 1)
    chunk_len = check_int("chunk_len", chunk_len, 1)
    column_len = len(array) // batch_size
    if column_len < 2:
        raise ValueError(f"stream is too short: {len(array)} tokens give columns of {column_len} tokens for "
                         f"batch_size={batch_size}; each column needs at least 2 (an input and its target)")
    columns = array[:column_len * batch_size].astype(np.int64).reshape(batch_size, column_len).T  # (L, B)
    chunks = []
    for start in range(0, column_len - 1, chunk_len):
        stop = min(start + chunk_len, column_len - 1)
        chunks.append((columns[start:stop].copy(), columns[start + 1:stop + 1].copy()))  # (k, B) each
    return chunks
