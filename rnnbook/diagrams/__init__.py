"""Schematic drawings of the book: the voting network, one-hot vectors and matrix products, the recycled
prediction, the unrolled chain, and (in later chapters) the LSTM and GRU cells, seq2seq, bidirectional
models and truncated BPTT.

Every function takes `ax=None` (a new figure when None), draws with matplotlib, and returns the `Axes`;
none calls `plt.show()`. The drawing primitives they share live in `rnnbook.diagrams.shapes`.
"""
