# One-command set-up: every target creates the environment on first use, from uv.lock.
#
#   make run          the reader on the shipped library
#   make test         every test and check, on exactly the locked versions
#   make test-newest  the same suite on the newest versions pyproject.toml allows
#   make lock         refresh uv.lock to the newest allowed versions (then commit it)
#   make bench        the benchmark suite
#   make draft-eval   `briefing draft` scored on real news (needs ../shared/eval/polnear-dev)
PYTHON ?= python3.11
VENV ?= .venv
# locked: exactly uv.lock; highest: the newest releases the dependency ranges allow.
RESOLUTION ?= locked
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(RESOLUTION)
# uv is pinned once, in pyproject.toml's dev group; the lock then keeps it in .venv.
UV_VERSION := $(shell sed -n 's/^ *"uv==\([^"]*\)".*/\1/p' pyproject.toml)
PYTEST_ARGS ?=

# uv may use only this machine's Python, never download one.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test test-newest lock lint typecheck pytest explore bench draft-eval tmux valgrind shells chromium man css clean

$(STAMP): pyproject.toml uv.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
ifeq ($(RESOLUTION),locked)
	$(BIN)/uv sync --locked --quiet --python $(BIN)/python
else
	VIRTUAL_ENV=$(VENV) $(BIN)/uv pip install --quiet --python $(BIN)/python \
	  --resolution $(RESOLUTION) --upgrade -e . --group dev
endif
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/briefing

# $(call apt_install,PACKAGES,WHAT FOR): install Debian packages, each named like the command it
# gives, when one of those commands is missing.
apt_install = @missing=; for tool in $(1); do command -v $$tool >/dev/null 2>&1 || missing=1; done; \
	  [ -z "$$missing" ] || { \
	  echo "installing $(2)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(1) >/dev/null; }

# The end-to-end tests drive the real command inside tmux.
tmux:
	$(call apt_install,tmux,tmux for the end-to-end tests)

# The benchmark counts the instructions to the first frame under valgrind.
valgrind:
	$(call apt_install,valgrind,valgrind for the first paint counted in instructions)

# The completion tests run the generated scripts in the real shells.
shells:
	$(call apt_install,zsh fish,zsh and fish for the shell completion tests)

# The site's browser tests drive Debian's chromium with Playwright (whose own browser
# download is not used).
chromium:
	$(call apt_install,chromium,chromium for the site's browser tests)

# The suite in parallel (pytest-xdist, one worker per core), then the end-to-end tests alone:
# they type into a real terminal, where a busy machine could split an escape from its key.
pytest: $(STAMP) tmux shells chromium
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto -m "not e2e" $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; [ $$rc -eq 0 ] || exit $$rc
	$(BIN)/python -m pytest -q -p no:cacheprovider -m e2e $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no e2e tests"; exit 1; fi; exit $$rc

# The property tests searching for new failures (tests/conftest.py's "explore" profile):
# fresh examples each run, ten times as many; not part of the gate, which replays the same.
explore: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto -m "not e2e" \
	  --hypothesis-profile=explore $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/ruff format --check briefing tests benchmarks
	$(BIN)/lint-imports --no-cache

# The tests and benchmarks too. tests/ui is checked on its own: its modules import each other
# and tests/'s helpers by bare name (pytest puts both folders on the path), and both have a
# conftest.py. A benchmark drives the reader with tests/ui's pilot helpers.
typecheck: $(STAMP)
	$(BIN)/mypy --strict briefing tests --exclude 'tests/ui/'
	MYPYPATH=tests $(BIN)/mypy --strict tests/ui
	MYPYPATH=tests/ui $(BIN)/mypy --strict benchmarks

test: lint typecheck pytest

# The whole suite against the newest releases the ranges allow, in a separate environment,
# so an upstream release that breaks us is found by a command rather than by CI.
test-newest:
	rm -rf .venv-newest
	$(MAKE) --no-print-directory test VENV=.venv-newest RESOLUTION=highest

lock: $(STAMP)
	$(BIN)/uv lock --upgrade

# The man page is generated from the argument parser; a test checks it is up to date.
man: $(STAMP)
	$(BIN)/python -m briefing.cli.manpage > docs/briefing.1

# The reader's stylesheets parsed ahead: after a change to app.tcss, a widget's DEFAULT_CSS
# or the textual pin (tests/ui/test_stylesheet.py fails until then).
css: $(STAMP)
	$(BIN)/python -m briefing.ui.stylesheet_build

bench: $(STAMP) tmux valgrind
	$(BIN)/python -m benchmarks.run

draft-eval: $(STAMP)
	$(BIN)/python -m benchmarks.draft_eval

clean:
	rm -rf $(VENV) .venv-newest .pytest_cache .mypy_cache .ruff_cache
