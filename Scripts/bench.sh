#!/bin/bash
# Build gwlog-bench in release mode and run it; arguments pass through (see --help), e.g.
#   Scripts/bench.sh --sizes small,medium --reps 3
#   Scripts/bench.sh --workloads iam-large --peers none
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build-bench}
swift build -c release --package-path "$ROOT" --scratch-path "$SCRATCH" --product gwlog-bench >&2
exec "$SCRATCH/release/gwlog-bench" "$@"
