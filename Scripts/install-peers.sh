#!/bin/bash
# Install the peer engines gwlog-bench compares against (see ../shared/bench/PEERS.md):
# Nemo and clingo from PyPI (clingo's wheel has no `clingo` script; gwlog-bench runs it as
# `python3 -m clingo`), and optionally SWI-Prolog with `--swipl` (needs apt and root).
# Soufflé is not installable from the registries here: gwlog-bench runs one you built
# yourself, found through $SOUFFLE or as `souffle` on PATH (nothing of it is kept here).
set -eu
python3 -m pip install --quiet nemo-python clingo
python3 -c 'import nmo_python, clingo; print("nemo-python and clingo", clingo.__version__, "import fine")'
if [ "${1:-}" = "--swipl" ]; then
  apt-get update -qq
  apt-get install -y -qq swi-prolog-nox
  swipl --version
fi
