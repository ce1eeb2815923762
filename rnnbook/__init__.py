"""rnnbook: the small library behind the rnnbook tutorial on recurrent neural networks.

Importing it is cheap: torch and ipywidgets are imported only by the modules that need them
(`rnnbook.torch_rnn`, `rnnbook.experiments`, `rnnbook.figures.widgets`) or inside the functions that use them.
"""
import os

# Training is chaotic: torch's AVX-512 kernels (on Intel machines) round differently from its AVX2 kernels (on
# AMD), and a seeded run can learn on one machine and fail on the other. Unless the environment has chosen,
# torch (ATen) and MKL use their AVX2 kernels everywhere, so that results/ and the chapters agree on any x86
# machine. torch reads both on its first operation, so this works while no torch tensor has been computed.
os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")
os.environ.setdefault("MKL_CBWR", "AVX2")

__version__ = "0.1.0"
