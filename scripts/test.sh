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
# Each package as its users get it: a valid package.json (publint) and types that resolve under
# node16/nodenext and bundler resolution (are-the-types-wrong; ESM only, so CommonJS rows are ignored).
for package in packages/*/; do
  pnpm exec publint --strict "$package" | grep -v '^Running publint\|^Packing files\|^Linting'
  if ! report=$(pnpm exec attw --pack "$package" --profile esm-only --format ascii 2>&1); then
    echo "$report" >&2
    echo "✗ attw: the types of $package do not resolve" >&2
    exit 1
  fi
done
echo "packages: publint and attw pass for $(ls -d packages/*/ | wc -l) packages"

step "size budgets"
# gzip, React external, checked against the built packages; bench/size/checks.json holds the budgets (bench/.size-limit.mjs measures each bundle's initial chunk).
pnpm --dir bench exec size-limit

step "tests"
results=.vitest-results.json
rm -f "$results"
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$results" || status=$?
node scripts/test-summary.mjs "$results" || status=1
exit "$status"
