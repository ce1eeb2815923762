"""Data generated in code from a seed (an int >= 0 or a numpy Generator), one module per kind.
By chapter: 1-3 dinner; 2, 3, 5-9 book; 4, 6, 7 long_lag; 8 seq2seq; 9 batching."""

from rnnbook.data.batching import chunk_stream
from rnnbook.data.book import BOOK_WORDS, NAMES, book_sentences, book_stream, count_mistakes, sentence_mistake
from rnnbook.data.dinner import (DAYS, DINNERS, MONTHS, calendar_feature_names, calendar_features,
                                 dinner_history, next_dinner)
from rnnbook.data.long_lag import adding_problem, remember_first, temporal_order
from rnnbook.data.seq2seq import bank_tagging, date_pairs
