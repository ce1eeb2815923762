"""Chapter 1's flatmate: dinner follows the cycle pizza -> sushi -> waffles, whatever the calendar says."""

import dataclasses
import datetime

import numpy as np

from rnnbook.data._validate import as_generator, check_int

DINNERS = ("pizza", "sushi", "waffles")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
LATE_MEETING_PROBABILITY = 0.3

_FIRST_DAY = datetime.date(2000, 1, 1)  # random start dates fall in the years 2000-2029
_SPAN_DAYS = (datetime.date(2030, 1, 1) - _FIRST_DAY).days


@dataclasses.dataclass(eq=False)
class DinnerHistory:
    """What was cooked on each of N consecutive days, with that day's calendar.

    - dinners: list of N dish names from DINNERS, following the cycle pizza -> sushi -> waffles -> pizza.
    - weekday: int array (N,), 0 = Monday ... 6 = Sunday (index into DAYS).
    - month: int array (N,), 0 = January ... 11 = December (index into MONTHS).
    - late_meeting: bool array (N,), whether the flatmate had a late meeting (random, no effect on dinner).
    - start_date: the calendar date of day 0 (a datetime.date).
    """

    dinners: list
    weekday: np.ndarray
    month: np.ndarray
    late_meeting: np.ndarray
    start_date: datetime.date

    def __len__(self):
        return len(self.dinners)


def next_dinner(dish):
    """The dish cooked the day after `dish`: pizza -> sushi -> waffles -> pizza.

    >>> next_dinner("waffles")
    'pizza'
    """
    if not isinstance(dish, str) or dish not in DINNERS:
        raise ValueError(f"dish must be one of {list(DINNERS)}; got {dish!r}")
    return DINNERS[(DINNERS.index(dish) + 1) % len(DINNERS)]


def dinner_history(n_days, seed=0, start=None):
    """A generated history of n_days dinners, with a weekday, a month and a late-meeting flag for each day.

    - n_days: number of days, an int >= 1.
    - seed: an int or a numpy Generator; it draws the first dish (unless `start` is given), the first date
      (uniform over 2000-01-01 .. 2029-12-31, then one calendar day per step) and the late meetings
      (each day independently with probability LATE_MEETING_PROBABILITY = 0.3).
    - start: the dish of day 0 (one of DINNERS), or None for a random one.

    The dinner depends only on the day before: the calendar and the meetings carry no signal about it.

    >>> history = dinner_history(4, start="sushi")
    >>> history.dinners
    ['sushi', 'waffles', 'pizza', 'sushi']
    >>> len(history), history.weekday.shape
    (4, (4,))
    """
    n_days = check_int("n_days", n_days, 1)
    rng = as_generator(seed)
    if start is None:
        first = int(rng.integers(len(DINNERS)))
    elif isinstance(start, str) and start in DINNERS:
        first = DINNERS.index(start)
    else:
        raise ValueError(f"start must be one of {list(DINNERS)} or None; got {start!r}")
    start_date = _FIRST_DAY + datetime.timedelta(days=int(rng.integers(_SPAN_DAYS)))
    dates = [start_date + datetime.timedelta(days=day) for day in range(n_days)]
    return DinnerHistory(
        dinners=[DINNERS[(first + day) % len(DINNERS)] for day in range(n_days)],
        weekday=np.array([date.weekday() for date in dates], dtype=np.int64),
        month=np.array([date.month - 1 for date in dates], dtype=np.int64),
        late_meeting=rng.random(n_days) < LATE_MEETING_PROBABILITY,
        start_date=start_date,
    )


def calendar_feature_names():
    """The names of the 20 columns of `calendar_features`: the 7 days, the 12 months, "late meeting".

    >>> calendar_feature_names()[:2], len(calendar_feature_names())
    (('Monday', 'Tuesday'), 20)
    """
    return DAYS + MONTHS + ("late meeting",)


def calendar_features(history):
    """The first (doomed) inputs of chapter 1: a float64 array (N, 7 + 12 + 1) for a DinnerHistory of N days.

    Columns: one-hot weekday (7), one-hot month (12), late-meeting flag (1, as 0.0 or 1.0); their names are
    `calendar_feature_names()`. Because the cycle has length 3 and the week length 7, over a long history
    every dish falls equally often on every weekday: these features predict the dinner at chance (1/3).

    >>> calendar_features(dinner_history(5)).shape
    (5, 20)
    """
    if not isinstance(history, DinnerHistory):
        raise TypeError(f"history must be a DinnerHistory (from dinner_history); got "
                        f"{type(history).__name__}")
    n = len(history)
    features = np.zeros((n, len(DAYS) + len(MONTHS) + 1))  # (N, 20)
    rows = np.arange(n)
    features[rows, history.weekday] = 1.0
    features[rows, len(DAYS) + history.month] = 1.0
    features[:, -1] = history.late_meeting
    return features
