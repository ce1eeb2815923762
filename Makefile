# rnnbook: `make book` builds the book, `make test` runs every test. Both create .venv and install first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# The book's models use small matrices: one BLAS thread is faster there, and steadier when the machine is
# busy (two OpenBLAS threads on a loaded 2-core machine slow training several times).
export OPENBLAS_NUM_THREADS ?= 1
# The notebooks' kernels draw with matplotlib's inline backend; a backend set in the environment (such as
# MPLBACKEND=Agg) would make every figure cell display nothing.
unexport MPLBACKEND

.PHONY: install book test unit notebooks notebooks-kernels build-test lab bench experiments clean \
	setup-cells student pdf test-pdf

install: $(INSTALLED)

$(INSTALLED): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "rnnbook needs Python 3.11 (torch==2.13.0 is pinned for it); set PYTHON=python3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(INSTALLED)

book: $(INSTALLED)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo
	@echo "The book is built. Open $(CURDIR)/_build/html/index.html in a browser,"
	@echo "or serve it: $(BIN)/python -m http.server -d _build/html 8000  (then http://127.0.0.1:8000)"

# Every test, in order: the package's unit tests, every notebook under nbval, the strict book build,
# and the headless-browser test of the built pages.
test: unit notebooks build-test

unit: $(INSTALLED)
	$(BIN)/pytest -m "not slow" tests

notebooks: $(INSTALLED)
	$(BIN)/pytest --nbval-lax --nbval-current-env notebooks

# The notebooks once per OpenBLAS kernel family this CPU can run. Training is chaotic: the rounding of another
# kernel (another machine) can change which runs learn, and a chapter's asserted claims must hold on all of them.
KERNELS := $(shell grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo SkylakeX) \
	$(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo Haswell) \
	$(shell grep -qw avx /proc/cpuinfo 2>/dev/null && echo Sandybridge)

notebooks-kernels: $(INSTALLED)
	@test -n "$(strip $(KERNELS))" || { echo "no x86 OpenBLAS kernel family found in /proc/cpuinfo"; exit 1; }
	@for kernel in $(KERNELS); do \
		echo "== notebooks with OPENBLAS_CORETYPE=$$kernel"; \
		OPENBLAS_CORETYPE=$$kernel $(BIN)/pytest -q --nbval-lax --nbval-current-env notebooks || exit 1; \
	done

# The strict build, the browser test and the student edition (its notebooks run, its pages hold no solution).
build-test: $(INSTALLED)
	$(BIN)/pytest -m "slow and not pdf" tests

# The setup cell (first code cell) of every notebook, generated from `repository: url:` in _config.yml.
setup-cells: $(INSTALLED)
	$(BIN)/python tools/setup_cells.py

# The student edition: _build/student/ (notebooks without solutions, to hand out; zipped beside it) and the
# HTML book without solutions in _build/student-html/_build/html.
student: $(INSTALLED)
	$(BIN)/python tools/student.py

# The book as one PDF (_build/rnnbook.pdf) through Jupyter Book's LaTeX builder, with XeLaTeX.
# TeX is not installed by `make`: on Debian/Ubuntu, as root,
#   apt-get install --no-install-recommends $(TEX_PACKAGES)
TEX_PACKAGES := texlive-xetex texlive-latex-extra texlive-fonts-recommended lmodern fonts-freefont-otf latexmk \
	poppler-utils

pdf: $(INSTALLED)
	@missing=""; \
	for command in xelatex latexmk pdftotext; do command -v $$command >/dev/null || missing="$$missing $$command"; done; \
	kpsewhich polyglossia.sty fncychap.sty >/dev/null 2>&1 || missing="$$missing LaTeX-packages"; \
	fc-list 2>/dev/null | grep -q FreeSerif || missing="$$missing FreeSerif-font"; \
	if [ -n "$$missing" ]; then \
		echo "make pdf needs TeX Live (missing:$$missing). On Debian/Ubuntu, as root:"; \
		echo "  apt-get install --no-install-recommends $(TEX_PACKAGES)"; exit 1; fi
	$(BIN)/jupyter-book build . --builder pdflatex
	cp _build/latex/rnnbook.pdf _build/rnnbook.pdf
	@echo "The PDF is $(CURDIR)/_build/rnnbook.pdf"

# Checks the PDF (chapters, page count, references); not part of `make test`, which needs no TeX.
test-pdf: pdf
	$(BIN)/pytest -m pdf tests

# As root (in a container) JupyterLab refuses to start without --allow-root.
lab: $(INSTALLED)
	$(BIN)/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(INSTALLED)
	$(BIN)/python tools/bench.py

# The sweeps behind chapters 4, 6 and 7 (rnnbook/experiments.py): every run, on every core; writes results/*.csv.
experiments: $(INSTALLED)
	$(BIN)/python -m rnnbook.experiments

clean:
	rm -rf _build .pytest_cache
