#!/usr/bin/env bash
# The benchmarks, as the README runs them: each beside a named peer, in the same run, one at a time.
# Usage: scripts/bench.sh [--only size,sse,proxy,render,thread] [--quick]
# Writes bench/results/<date>.json and .md (<date>-<ids> with --only; --quick writes nothing unless --out).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh chromium nginx
echo "› build"
pnpm run -s build >/dev/null
exec node_modules/.bin/tsx bench/run.ts "$@"
