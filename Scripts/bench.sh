#!/bin/bash
# Build gwlog-bench and the gwlog CLI in release mode and run the benchmark; arguments pass
# through (see --help). With none, every workload (tc-chain, tc-rand, sg, iam at small, medium
# and large, then iam-100k) runs through gwlog and every installed peer, e.g.
#   Scripts/bench.sh                                  # everything, one repetition
#   Scripts/bench.sh --reps 3 --large-reps 1 --markdown
#   Scripts/bench.sh --sizes small,medium --reps 3
#   Scripts/bench.sh --workloads iam-large --peers none
# SWI-Prolog runs out of its default 1 GiB table space on sg-large and iam-large; with
#   SWIPL='swipl --table-space=12g' Scripts/bench.sh
# it finishes them (about 30 s and 3.3 GB each here). The environment reaches run_peers.py.
# The model workloads (docs/benchmarks.md): the gwlog CLI with the Google Cloud model on
# organisations from Scripts/gen-gcp-org.py, against issue 15's targets, e.g.
#   Scripts/bench.sh --model 1k,10k --check            # generated once (seed 1) into --data
#   Scripts/bench.sh --model-org /work/orgs/100k --model-reps 1 --max-memory 12000
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build-bench}
swift build -c release --package-path "$ROOT" --scratch-path "$SCRATCH" --product gwlog >&2
swift build -c release --package-path "$ROOT" --scratch-path "$SCRATCH" --product gwlog-bench >&2
exec "$SCRATCH/release/gwlog-bench" --gwlog "$SCRATCH/release/gwlog" "$@"
