"""Cutting one long token stream into time-major chunks for truncated BPTT (chapter 9)."""

import numpy as np

from rnnbook._checks import integer


def chunk_stream(stream, batch_size, chunk_len):
    """Cut a 1-D stream of token indices into batch_size columns, then into chunks of chunk_len steps.

    Returns a list of (inputs, targets), int64 (k, B) each (k = chunk_len, the last chunk may be shorter):
    column b reads piece b of the stream; targets are the inputs one step ahead; chunk j + 1 continues
    chunk j, so the state carries over (and truncated BPTT cuts the gradient there)."""
    batch_size, chunk_len = integer("batch_size", batch_size, 1), integer("chunk_len", chunk_len, 1)
    L = len(stream) // batch_size  # the few tokens left over are dropped
    if L < 2:
        raise ValueError(f"stream must hold at least 2 tokens per column (an input and its target); got "
                         f"{len(stream)} tokens for batch_size={batch_size}")
    columns = np.array(stream[:L * batch_size], dtype=np.int64).reshape(batch_size, L).T  # (L, B)
    inputs, targets = columns[:-1], columns[1:]  # (L - 1, B) each
    return [(inputs[t:t + chunk_len], targets[t:t + chunk_len]) for t in range(0, L - 1, chunk_len)]
