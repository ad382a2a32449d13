#!/usr/bin/env bash
# Brings a fresh machine (Node and npm only) to a state where the workspace runs: pnpm, the packages,
# and, when asked, Debian's Chromium and Redis. Idempotent: a second run does almost nothing.
# Usage: scripts/bootstrap.sh [chromium] [redis] [nginx]
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "› installing pnpm $pnpm_version"
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version" >/dev/null
fi

# Native addons (none today) would build against the local Node headers, never a download.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
echo "› pnpm install"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -vE '^(Progress|Already up to date)' | grep -E 'WARN|ERR|Unsupported|Done' || true

apt_install() {
  local missing=("$@")
  if [ "$(id -u)" != 0 ]; then
    echo "✗ ${missing[*]} missing, and installing them needs root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "› apt-get install ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

need=()
for want in "$@"; do
  case "$want" in
    chromium) [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium) ;;
    redis) command -v redis-server >/dev/null 2>&1 || need+=(redis-server) ;;
    # The peer of the proxy bench; Debian puts it in /usr/sbin, which is not on every PATH.
    nginx) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx) ;;
  esac
done
if [ "${#need[@]}" -gt 0 ]; then apt_install "${need[@]}"; fi
