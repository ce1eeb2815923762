"""Schematic drawings of the book: the voting network, one-hot vectors and matrix products, the recycled
prediction, the unrolled chain, and (in later chapters) the LSTM and GRU cells, seq2seq, bidirectional
models and truncated BPTT.

Every function takes `ax=None` (a new figure when None), draws with matplotlib, and returns the `Axes`;
none calls `plt.show()`. The drawing primitives they share live in `rnnbook.diagrams.shapes`.
"""

from rnnbook.diagrams.voting import dinner_calendar, dinner_votes, dinner_weights, vote_heatmap, voting_network
from rnnbook.diagrams.vectors import (matvec_picture, one_hot_column, one_hot_product, product_example,
                                     vector_column, vector_columns)
from rnnbook.diagrams.recurrence import (days_away, hand_set_dinner_net, prediction_heatmap, recycled_prediction,
                                         sample_sentence_card, sentence_card, sequence_shape, unrolled_predictions,
                                         unrolled_rnn)
from rnnbook.diagrams.gates import (elementwise, faucets, gate_schematic, gated_memory, half_life, memory_curves,
                                    memory_half_life, memory_schematic, soft_and_hard_gate)
from rnnbook.diagrams.squashing import (cliff_and_attractor, dependency_gap, feedback_loop, gradient_norm_curves,
                                        gradient_norms, lag_accuracy, per_step_rate, repeated_squashing,
                                        scaled_orthogonal, squash, squash_point)
from rnnbook.diagrams.bptt import gradient_reach, learnable_grid, reached_steps, sliding_windows
from rnnbook.diagrams.sequences import (bidirectional_rnn, decoder_steps, decoder_trace, encoder_decoder,
                                        stacked_rnn)
from rnnbook.diagrams.gru import gru_cell, update_gate_bars, update_mix
from rnnbook.diagrams.lstm import lstm_cell, lstm_step, trace_heatmap
