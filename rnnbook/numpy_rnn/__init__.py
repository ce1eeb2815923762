"""From-scratch recurrent networks in numpy (float64, time-major shapes (T, B, features)).

The vanilla RNN, LSTM and GRU follow torch's parameter names, shapes and gate orders, so that
`Model.from_torch(module)` and `model.to_torch()` move weights both ways and the gradients can be
compared with torch autograd tensor by tensor.
"""

from .base import sigmoid
from .gru import GRU, gru_step_backward, gru_step_forward
from .lstm import LSTM, lstm_step_backward, lstm_step_forward
from .rnn import RNN, rnn_step_backward, rnn_step_forward
from .functions import log_softmax, softmax, softmax_cross_entropy
from .optim import SGD, Adam, clip_gradients
from .training import Readout, TrainHistory, accuracy, predict, train_next_item
from .jordan import PredictionRNN
