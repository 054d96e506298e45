# newsbrief: the pipeline as a DAG. `make` (or `make help`) lists the targets.
#
#   seeds/ ──> 01-corpus-stats ──┬──> 02-near-duplicates ──┐
#                                └──> 03-figure-claims ────┴──> 04-brief ──> brief.html
#
# Each step is one notebook run by papermill. A step reruns only when its notebook, the library,
# the environment, the corpus or an upstream step changed; `make report` twice does nothing the
# second time. Run on other articles with: make report CORPUS=path/to/articles OUT=path/to/results

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

CORPUS ?= seeds
OUT ?= outputs
# Where steps 01-03 run their heavy work: local (this process) or dask, on the scheduler at SCHEDULER
# (tcp://host:8786) or, without one, on a LocalCluster of this machine. The tables are the same on
# either, so a change of engine reruns nothing (docs/scale.md).
ENGINE ?= local
SCHEDULER ?=
PYTHON ?= $(shell command -v python3.11 || command -v python3)

VENV := .venv
BIN := $(VENV)/bin
ENV_STAMP := $(VENV)/.newsbrief-env
KERNEL := newsbrief

# Offline and repeatable for every run: no hub look-ups, fixed hashing.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PYTHONHASHSEED := 0
# Idle OpenMP threads sleep rather than spin: spinning beside the kernel's threads slows torch 6x.
export OMP_WAIT_POLICY := PASSIVE
export PIP_DISABLE_PIP_VERSION_CHECK := 1

STEPS := 01-corpus-stats 02-near-duplicates 03-figure-claims 04-brief
# The engine's parameters of steps 01-03, given only when it is not the default (the record's notebooks
# stay those of a plain run).
ENGINE_PARAMS = $(if $(filter-out local,$(ENGINE))$(SCHEDULER),engine=$(ENGINE) $(if $(SCHEDULER),scheduler=$(SCHEDULER)))
# $(call q,VALUE): VALUE as one shell word (inside single quotes, each ' written '\''), so no value
# of CORPUS, OUT or P01..P04 reaches a shell unquoted, whatever its spaces, quotes or metacharacters.
q = '$(subst ','\'',$(1))'
# A '$' in a value would be expanded by make itself before any quoting: refused, as is an OUT that
# make cannot use in a target name (spaces, ':', '%', '=', wildcards...). CORPUS may hold anything else.
$(foreach v,CORPUS OUT P01 P02 P03 P04 ENGINE SCHEDULER,$(if $(findstring $$,$(value $(v))),$(error newsbrief: $(v) holds a '$$', which make would expand; rename the folder or pass the value without it)))
OUT_ODD := $(shell printf '%s' $(call q,$(OUT)) | LC_ALL=C tr -d 'A-Za-z0-9_./+,@\200-\377-' | tr '\n\t' '  ' | sed "s/./'&' /g")
ifneq ($(OUT_ODD),)
$(error newsbrief: OUT '$(OUT)' holds characters make cannot use in a file name: $(OUT_ODD); choose a folder name of letters, digits and _ . / + , @ -)
endif
# Non-empty when OUT and CORPUS are one folder or one is inside the other (compared as real paths).
NESTED := $(shell o="$$(realpath -m -- $(call q,$(OUT)))/"; c="$$(realpath -m -- $(call q,$(CORPUS)))/"; case "$$o" in ("$$c"*) echo yes;; esac; case "$$c" in ("$$o"*) echo yes;; esac)
ifneq ($(NESTED),)
ifneq ($(filter report clean,$(MAKECMDGOALS)),)
$(error newsbrief: OUT '$(OUT)' and CORPUS '$(CORPUS)' overlap (one is inside the other): the brief would be read back as an article, and make clean would delete the articles; choose an OUT outside the articles)
endif
endif
DONE := $(OUT)/.steps
# The file that says newsbrief wrote OUT: make clean deletes OUT only when it is there.
MARKER := $(OUT)/.newsbrief
# DEPS_<step>: the library files the step's notebook uses, from lib/newsbrief/deps.py (standard
# library only, so it runs before the environment exists). Loaded once, when a step is considered.
comma := ,
load_deps = $(if $(DEPS_LOADED),,$(eval DEPS_LOADED := 1)$(foreach d,$(shell \
	$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) -I -S lib/newsbrief/deps.py $(STEPS:%=notebooks/%.ipynb)),\
	$(eval DEPS_$(firstword $(subst =, ,$(d))) := $(subst $(comma), ,$(word 2,$(subst =, ,$(d)))))))
# The notebooks run inside notebooks/, so they get paths relative to it: no machine path is
# written into an executed notebook.
NB_CORPUS := $(shell realpath -m --relative-to=notebooks $(call q,$(CORPUS)))
# Extra notebook parameters, NAME=VALUE separated by spaces (VALUE read as YAML, no spaces in it):
#   make report P02='z=3' P03='chart_kinds=[count,money]'
P01 ?=
P02 ?=
P03 ?=
P04 ?=

.PHONY: help report test lab clean clean-env FORCE

help: ## list the targets
	@echo "newsbrief: turn a folder of news articles into an analytical brief."
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo
	@echo "  variables: CORPUS="$(call q,$(CORPUS))" (folder of .txt/.md articles)  OUT=$(OUT) (where results go)"
	@echo "             P01..P04='NAME=VALUE ...' (extra parameters of a step, e.g. P02='z=3')"

report: $(DONE)/04-brief $(OUT)/brief.pdf ## run the four notebooks on CORPUS and write OUT/brief.html
	@if [ "$$(cat $(call q,$(DONE)/make.pid) 2>/dev/null || true)" = "$$PPID" ]; then rm -f $(call q,$(DONE)/make.pid); fi

test: $(ENV_STAMP) browser ## build the environment if needed, then run every test
	$(BIN)/python -m pytest

.PHONY: bench
bench: $(ENV_STAMP) ## measure speed and quality (a few minutes); tables in benchmarks/results/
	$(BIN)/python benchmarks/embedding_backends.py
	$(BIN)/python benchmarks/report_seeds.py
	$(BIN)/python benchmarks/near_duplicates_reuse.py

.PHONY: browser
browser: ## install Debian's chromium for the browser tests if it is missing
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "newsbrief: chromium is missing and there is no apt-get to install it; browser tests will be skipped"; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "newsbrief: installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif sudo -n true 2>/dev/null; then \
		echo "newsbrief: installing Debian's chromium for the browser tests"; \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "newsbrief: chromium is missing and cannot be installed without root; browser tests will be skipped"; \
	fi

# JupyterLab reads the project's own configuration (jupyter/) before the user's: a save of a notebook
# under notebooks/ strips its outputs (git stays clean), no news prompt, the newsbrief kernel.
# Extra options of jupyter lab (a list of options, split by the shell): make lab LAB_ARGS='--no-browser --port=8890'
LAB_ARGS ?=
lab: $(ENV_STAMP) ## open JupyterLab on the project (notebooks/ holds the four steps; saving one there keeps no outputs)
	JUPYTER_CONFIG_PATH=$(call q,$(CURDIR)/jupyter)"$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
		$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

clean: ## delete OUT, only if newsbrief wrote it (for the seeds, make report or git checkout outputs brings the record back)
	@if [ ! -e $(call q,$(OUT)) ]; then :; elif [ -f $(call q,$(MARKER)) ]; then rm -rf -- $(call q,$(OUT)); \
	else echo "newsbrief: '$(OUT)' holds no $(notdir $(MARKER)) marker, so newsbrief did not write it; not deleting it" >&2; exit 2; fi

clean-env: ## delete the virtual environment (the next target rebuilds it)
	rm -rf -- $(VENV)

# --- the environment: built once, rebuilt when the pins change ------------------------------
$(ENV_STAMP): requirements.txt pyproject.toml
	@echo "newsbrief: building the environment in $(VENV) (the first time takes a few minutes)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --progress-bar off -r requirements.txt
	@$(BIN)/python -m pip install --quiet --progress-bar off --no-deps -e .
	@$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python 3 (newsbrief)" >/dev/null
	@$(BIN)/python -m newsbrief.embeddings export
	@touch $@

# --- OUT: made newsbrief's (the marker make clean checks) before anything is written into it;
# a folder that already holds files of its own is refused, so make clean can never delete them.
# One make at a time per OUT: each recipe that starts a run checks OUT/.steps/make.pid, stops when
# another live make holds it (naming its process) and takes it over from a dead one; make report
# removes it when done. Each step also holds OUT/.lock while it writes (newsbrief.run.holding).
claim_out = if [ -d $(call q,$(OUT)) ] && [ ! -f $(call q,$(MARKER)) ] && [ -n "$$(ls -A $(call q,$(OUT)))" ]; then \
	printf "newsbrief: OUT folder '%s' already holds files newsbrief did not write; choose a new or empty folder\n" \
	$(call q,$(OUT)) >&2; exit 2; fi; mkdir -p $(call q,$(DONE)) && { test -f $(call q,$(MARKER)) || echo "written by \
	newsbrief (make report): make clean deletes this folder only when this file is here" > $(call q,$(MARKER)); }; \
	holder=$$(cat $(call q,$(DONE)/make.pid) 2>/dev/null || true); \
	if [ -n "$$holder" ] && [ "$$holder" != "$$PPID" ] && kill -0 "$$holder" 2>/dev/null; then \
	printf "newsbrief: another make report is writing '%s' (process %s); wait for it to end or stop it, then run again\n" \
	$(call q,$(OUT)) "$$holder" >&2; exit 2; fi; echo "$$PPID" > $(call q,$(DONE)/make.pid)

# --- the corpus: a manifest of names and checksums, rewritten only when it changes ----------
$(DONE)/inputs: FORCE
	@test -e $(call q,$(CORPUS)) || { printf "newsbrief: corpus folder '%s' does not exist; run: make report CORPUS=path/to/articles\n" $(call q,$(CORPUS)) >&2; exit 2; }
	@$(claim_out)
	@{ printf 'corpus %s\n' $(call q,$(NB_CORPUS)); if [ ! -d $(call q,$(CORPUS)) ]; then cd "$$(dirname -- $(call q,$(CORPUS)))" && \
		sha256sum -- "./$$(basename -- $(call q,$(CORPUS)))" $$(test -f metadata.csv && echo ./metadata.csv); else \
		cd $(call q,$(CORPUS)) && find . -maxdepth 1 -type f \( -iname '*.txt' -o -iname '*.md' -o -iname '*.jsonl' -o -iname '*.csv' -o -iname '*.parquet' -o -iname '*.htm' -o -iname '*.html' -o -iname '*.htm.gz' -o -iname '*.html.gz' -o -iname '*.warc' -o -iname '*.warc.gz' \) -print0 | sort -z | xargs -0 -r sha256sum; fi; } > $(call q,$@.new)
	@awk 'NR > 1 && tolower($$0) ~ /\.(txt|md|jsonl|csv|parquet|html?|html?\.gz|warc|warc\.gz)$$/ && $$0 !~ /\/metadata\.csv$$/ {found = 1} END {exit !found}' $(call q,$@.new) || { rm -f $(call q,$@.new); printf "newsbrief: corpus folder '%s' has no .txt or .md articles, no saved .html page, no .warc archive and no .jsonl or .csv export; add some or point CORPUS= elsewhere\n" $(call q,$(CORPUS)) >&2; exit 2; }
	@if cmp -s $(call q,$@.new) $(call q,$@); then rm -f $(call q,$@.new); else mv -f $(call q,$@.new) $(call q,$@); fi

# --- the four steps --------------------------------------------------------------------------
# A step reruns when its notebook, the library files it uses (lib/newsbrief/deps.py lists them),
# its extra parameters, the environment or an upstream step changed. newsbrief.run executes the
# notebook, keeps it only when it succeeds, and writes the stamp with the step's duration.
$(DONE)/01-corpus-stats: $(DONE)/inputs
$(DONE)/02-near-duplicates: $(DONE)/01-corpus-stats
$(DONE)/03-figure-claims: $(DONE)/01-corpus-stats
$(DONE)/04-brief: $(DONE)/01-corpus-stats $(DONE)/02-near-duplicates $(DONE)/03-figure-claims

.SECONDEXPANSION:
# A step is also stale when a file it published (listed with its sha256 in OUT/.steps/STEP.files) is
# gone or no longer holds what it published: a deleted or edited table or brief is made again.
missing = $(shell [ ! -f $(call q,$(DONE)/$(1).files) ] || (cd $(call q,$(OUT)) && sha256sum --status -c .steps/$(1).files 2>/dev/null) || echo missing)
$(addprefix $(DONE)/,$(STEPS)): $(DONE)/%: notebooks/%.ipynb $$(load_deps)$$(DEPS_$$*) $(DONE)/%.params $(ENV_STAMP) $$(if $$(call missing,$$*),FORCE)
	@echo "newsbrief: running $* on "$(call q,$(CORPUS))" -> $(OUT)"
	@$(BIN)/python -m newsbrief.run $* --out $(call q,$(OUT)) $(if $(filter 01-%,$*),--corpus $(call q,$(CORPUS))) \
		$(foreach p,$(P$(firstword $(subst -, ,$*))) $(if $(filter-out 04-%,$*),$(ENGINE_PARAMS)),-p $(call q,$(p))) \
		|| { echo "newsbrief: make report stopped at $*" >&2; exit 1; }
	@if [ "$*" = 04-brief ]; then echo "newsbrief: brief written to $(OUT)/brief.html"; fi

# The PDF is printed from the brief by headless Chromium, outside the notebooks: the notebooks and
# the brief do not depend on whether (or which) Chromium is installed.
$(OUT)/brief.pdf: $(DONE)/04-brief
	@$(BIN)/python -m newsbrief.browser $(call q,$(OUT)/brief.html) $(call q,$@)

# Extra parameters of each step, rewritten only when they change (so a change reruns the step).
$(DONE)/%.params: FORCE
	@$(claim_out)
	@printf '%s\n' $(call q,$(P$(firstword $(subst -, ,$*)))) > $(call q,$@.new)
	@if cmp -s $(call q,$@.new) $(call q,$@); then rm -f $(call q,$@.new); else mv -f $(call q,$@.new) $(call q,$@); fi

FORCE:
