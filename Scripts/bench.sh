#!/bin/bash
# Build gwlog-bench and the gwlog CLI in release mode and run the benchmark; arguments pass
# through (see --help). With none, every workload (tc-chain, tc-rand, sg, iam at small, medium
# and large, then iam-100k) runs through gwlog and every installed peer, e.g.
#   Scripts/bench.sh                                  # everything, one repetition
#   Scripts/bench.sh --reps 3 --large-reps 1 --markdown
#   Scripts/bench.sh --sizes small,medium --reps 3
#   Scripts/bench.sh --workloads iam-large --peers none
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build-bench}
swift build -c release --package-path "$ROOT" --scratch-path "$SCRATCH" --product gwlog >&2
swift build -c release --package-path "$ROOT" --scratch-path "$SCRATCH" --product gwlog-bench >&2
exec "$SCRATCH/release/gwlog-bench" --gwlog "$SCRATCH/release/gwlog" "$@"
