"""From-scratch recurrent networks in numpy (float64, time-major shapes (T, B, features)).

The vanilla RNN, LSTM and GRU follow torch's parameter names, shapes and gate orders, so that
`Model.from_torch(module)` and `model.to_torch()` move weights both ways and the gradients can be
compared with torch autograd tensor by tensor.
"""
