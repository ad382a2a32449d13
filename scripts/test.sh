#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: install, typecheck, lint, format, build,
# then every Vitest project (node, jsdom, Storybook in Chromium). Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh chromium redis

step() { printf '\n━━ %s\n' "$1"; }

step "typecheck"
pnpm run -s typecheck

step "lint"
pnpm exec eslint --max-warnings=0 .

step "format"
pnpm exec prettier --check . --log-level warn

step "build"
pnpm run -s build
for package in packages/*/; do
  pnpm exec publint --strict "$package" | grep -v '^Running publint\|^Packing files\|^Linting'
done

step "tests"
results=.vitest-results.json
rm -f "$results"
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$results" || status=$?
node scripts/test-summary.mjs "$results" || status=1
exit "$status"
