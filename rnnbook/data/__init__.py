"""Generated data for every chapter, made in code from a seed (an int or a numpy Generator).

- dinner (chapter 1): `dinner_history`, `next_dinner`, `calendar_features`
- children's book (chapters 3, 6): `book_sentences`, `book_stream`, `sentence_mistake`, `count_mistakes`
- long lags (chapters 4, 6, 7): `adding_problem`, `temporal_order`, `remember_first`
- sequence to sequence and tagging (chapter 8): `translation_pairs`, `date_pairs`, `bank_tagging`
- truncated BPTT (chapter 9): `chunk_stream`
"""

from rnnbook.data.batching import chunk_stream
from rnnbook.data.book import (
    BOOK_WORDS,
    MISTAKE_KINDS,
    NAMES,
    book_sentences,
    book_stream,
    count_mistakes,
    sentence_mistake,
    split_sentences,
)
from rnnbook.data.dinner import (
    DAYS,
    DINNERS,
    LATE_MEETING_PROBABILITY,
    MONTHS,
    DinnerHistory,
    calendar_feature_names,
    calendar_features,
    dinner_history,
    next_dinner,
)
from rnnbook.data.long_lag import (
    ADDING_TOLERANCE,
    ADDING_VARIANTS,
    TEMPORAL_ORDER_CLASSES,
    TEMPORAL_ORDER_SYMBOLS,
    AddingBatch,
    adding_baseline_mse,
    adding_problem,
    adding_success,
    remember_first,
    remember_first_vocabulary,
    temporal_order,
)
from rnnbook.data.seq2seq import (
    BANK_TAGS,
    BANK_WORDS,
    SEQ_SPECIALS,
    all_translation_pairs,
    bank_tagging,
    date_pairs,
    translation_pairs,
)

__all__ = [
    "ADDING_TOLERANCE", "ADDING_VARIANTS", "AddingBatch", "BANK_TAGS", "BANK_WORDS", "BOOK_WORDS", "DAYS",
    "DINNERS", "DinnerHistory", "LATE_MEETING_PROBABILITY", "MISTAKE_KINDS", "MONTHS", "NAMES",
    "SEQ_SPECIALS", "TEMPORAL_ORDER_CLASSES", "TEMPORAL_ORDER_SYMBOLS", "adding_baseline_mse",
    "adding_problem", "adding_success", "all_translation_pairs", "bank_tagging", "book_sentences",
    "book_stream", "calendar_feature_names", "calendar_features", "chunk_stream", "count_mistakes",
    "date_pairs", "dinner_history", "next_dinner", "remember_first", "remember_first_vocabulary",
    "sentence_mistake", "split_sentences", "temporal_order", "translation_pairs",
]
