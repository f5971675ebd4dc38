# Two commands set everything up on a fresh clone:
#   make serve   build the figures and serve the site with live reload on http://127.0.0.1:8000/
#   make test    the whole test suite, browser tests included
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build publish check docs links bench lint clean anchors new-figure schemas words zensical-check

$(STAMP): requirements.txt package.json package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/python -m build_scripts serve

test: $(STAMP)
	$(BIN)/python -m pytest

build: $(STAMP)
	$(BIN)/python -m build_scripts build

# What GitHub Pages serves: the latest edition at the root, every earlier edition (built from its
# release tag) at v/<major>.<minor>/ with a banner linking the latest, and each edition's PDF.
publish: $(STAMP)
	$(BIN)/python -m build_scripts publish

check: $(STAMP)
	$(BIN)/python -m build_scripts check

docs: $(STAMP)
	$(BIN)/python -m build_scripts docs

# Every internal link and #anchor of the freshly built site resolves; external links are listed.
links: build
	$(BIN)/python -m build_scripts links

bench: $(STAMP)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/first_touch.py
	$(BIN)/python -m build_scripts words

# Words by paragraph kind on each chapter page; fails over the essay's budget or on a long editorial note.
words: $(STAMP)
	$(BIN)/python -m build_scripts words

# Lighthouse 12.2.3 (installed on demand into build/audit-tools) on every page of the site served with
# gzip under /multivector/, against bench/budgets.yaml; raw reports in build/audit/<time>/. Takes ~30 min.
.PHONY: audit
audit: $(STAMP)
	$(BIN)/python bench/audit.py

# Python style and errors; the site's JavaScript with ESLint (eslint.config.js); the Pages workflow with
# actionlint (and shellcheck on its run: blocks, where shellcheck is installed) and zizmor's security
# audit (offline: no GitHub API calls).
lint: $(STAMP)
	$(BIN)/ruff check build_scripts tests bench
	node_modules/.bin/eslint site_config/js eslint.config.js
	$(BIN)/actionlint
	$(BIN)/zizmor --offline --persona=pedantic .github/

clean:
	rm -rf build site

# Record the essay's current anchors and the hash of their text (after rewording a paragraph; before a release).
anchors: $(STAMP)
	$(BIN)/python -m build_scripts anchors --write

# A working figure module, its test and its placement: make new-figure NAME=trade-shares PAGE=content/5-geopolitical-reality.md
new-figure: $(STAMP)
	$(BIN)/python -m build_scripts new-figure $(NAME) --page $(PAGE)

# Regenerate the datasets' JSON Schemas, their reference in CONTRIBUTING.md and each YAML file's schema line.
schemas: $(STAMP)
	$(BIN)/python -m build_scripts schemas

# Build the generated docs tree with Zensical as well, and compare every page's ids and meta tags.
zensical-check: $(STAMP)
	$(BIN)/python bench/zensical_check.py
