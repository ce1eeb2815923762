"""From-scratch recurrent networks in numpy (float64, time-major shapes (T, B, features)).

The vanilla RNN, LSTM and GRU have torch's parameter names, shapes and gate orders: `Model.from_torch(module)`
and `model.to_torch()` move the weights both ways, and the gradients compare with torch's tensor by tensor.
"""

from .functions import sigmoid, softmax, softmax_cross_entropy
from .gru import GRU, gru_step_backward, gru_step_forward
from .jordan import PredictionRNN
from .lstm import LSTM, lstm_step_backward, lstm_step_forward
from .optim import SGD, Adam, clip_gradients
from .rnn import RNN, rnn_step_backward, rnn_step_forward
from .training import Readout, accuracy, predict, train_next_item
