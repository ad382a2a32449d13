#!/usr/bin/env bash
# Starts the demo on its embedded defaults: the proxy (which runs the Vapi emulator in-process when no
# VAPI_API_KEY is set, and keeps conversations in SQLite under ./data), then the TechFlow help center
# (apps/demo, Vite) that talks to it through `/api`. Ctrl+C stops both.
# `npm run demo -- --terminal [--say "…"]` opens the help desk in this terminal instead.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh

host=127.0.0.1
port="${PORT:-8787}"
log=$(mktemp)
node_modules/.bin/tsx --conditions=@vapi-chat-kit/source packages/proxy/src/cli.ts --host "$host" --port "$port" >"$log" 2>&1 &
proxy=$!
trap 'kill "$proxy" 2>/dev/null || true; rm -f "$log"' EXIT

# The proxy's first line is "Listening on http://HOST:PORT".
for _ in $(seq 1 100); do
  if grep -q '^Listening on ' "$log"; then break; fi
  if ! kill -0 "$proxy" 2>/dev/null; then cat "$log" >&2; exit 1; fi
  sleep 0.1
done
url=$(grep -m1 '^Listening on ' "$log" | sed 's/^Listening on //')
sed 's/^/  proxy │ /' "$log"
echo

if [ "${1:-}" = "--terminal" ]; then
  shift
  WIDGET_KEY="${WIDGET_KEY:-demo-widget-key}" PROXY_URL="$url" \
    node_modules/.bin/tsx --conditions=@vapi-chat-kit/source apps/terminal-chat/src/main.ts "$@"
  exit
fi

demo_port="${DEMO_PORT:-5173}"
echo "TechFlow help center: http://$host:$demo_port/  (the proxy: $url)"
echo
cd apps/demo
PROXY_URL="$url" DEMO_PORT="$demo_port" ../../node_modules/.bin/vite --clearScreen false --logLevel warn
