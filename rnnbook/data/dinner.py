"""Chapter 1's flatmate: dinner follows the cycle pizza -> sushi -> waffles, whatever the calendar says."""

import dataclasses
import datetime

import numpy as np

from rnnbook._checks import choice, generator, integer

DINNERS = ("pizza", "sushi", "waffles")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_LATE_MEETING_PROBABILITY = 0.3
_FIRST_DAY, _SPAN_DAYS = datetime.date(2000, 1, 1), 10958  # start dates: 30 years, to 2029-12-31


@dataclasses.dataclass(eq=False)
class _DinnerHistory:
    """What was cooked on each of N consecutive days, with that day's calendar."""

    dinners: list  # N dish names from DINNERS, in the cycle pizza -> sushi -> waffles -> pizza
    weekday: np.ndarray  # int (N,): 0 = Monday ... 6 = Sunday, an index into DAYS
    month: np.ndarray  # int (N,): 0 = January ... 11 = December, an index into MONTHS
    late_meeting: np.ndarray  # bool (N,): the flatmate had a late meeting (no effect on dinner)
    start_date: datetime.date  # the date of day 0


def next_dinner(dish):
    """The dish cooked the day after `dish`: pizza -> sushi -> waffles -> pizza."""
    return DINNERS[(DINNERS.index(choice("dish", dish, DINNERS)) + 1) % len(DINNERS)]


def dinner_history(n_days, seed=0, start=None):
    """A _DinnerHistory (dinners, weekday, month, late_meeting, start_date) of n_days >= 1 days; the seed
    draws the first dish (unless `start` is given), the first date (in 2000 .. 2029) and the late meetings
    (each day with probability 0.3)."""
    n_days, rng = integer("n_days", n_days, 1), generator(seed)
    if start is None:
        start = DINNERS[rng.integers(len(DINNERS))]
    first = DINNERS.index(choice("start", start, DINNERS))
    start_date = _FIRST_DAY + datetime.timedelta(days=int(rng.integers(_SPAN_DAYS)))
    dates = [start_date + datetime.timedelta(days=day) for day in range(n_days)]
    return _DinnerHistory(dinners=[DINNERS[(first + day) % len(DINNERS)] for day in range(n_days)],
                         weekday=np.array([date.weekday() for date in dates]),
                         month=np.array([date.month - 1 for date in dates]),
                         late_meeting=rng.random(n_days) < _LATE_MEETING_PROBABILITY, start_date=start_date)


def calendar_feature_names():
    """The names of the 20 columns of `calendar_features`: the 7 days, the 12 months, "late meeting"."""
    return DAYS + MONTHS + ("late meeting",)


def calendar_features(history):
    """Chapter 1's first (doomed) inputs, float64 (N, 20): one-hot weekday, one-hot month, late meeting.
    With a cycle of 3 days and a week of 7, each dish falls equally often on each weekday: chance at best."""
    days = np.arange(len(history.dinners))  # (N,)
    features = np.zeros((len(days), 20))  # (N, 20)
    features[days, history.weekday] = 1.0
    features[days, 7 + history.month] = 1.0
    features[:, -1] = history.late_meeting
    return features
