#!/usr/bin/env bash
# Starts the demo on its embedded defaults: the proxy (which runs the Vapi emulator in-process when no
# VAPI_API_KEY is set, and keeps conversations in SQLite under ./data), then the TechFlow help center
# (apps/demo, Vite) that talks to it through `/api`. Ctrl+C stops both.
# `npm run demo -- --terminal [--say "…"]` opens the help desk in this terminal instead.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh

host=127.0.0.1
logs=$(mktemp -d)
# Each server's PID goes to a file: `serve` runs in a subshell ($(…)), where an array would be lost, and
# the trap must stop every server started so far, whichever step fails.
trap 'kill $(cat "$logs/pids" 2>/dev/null) 2>/dev/null || true; rm -rf "$logs"' EXIT

# Starts a server in the background and waits for its first line, "Listening on http://HOST:PORT";
# prints that URL. Usage: serve NAME COMMAND...
serve() {
  local name=$1 log="$logs/$1.log"
  shift
  "$@" >"$log" 2>&1 &
  local pid=$!
  echo "$pid" >>"$logs/pids"
  for _ in $(seq 1 150); do
    if grep -q '^Listening on ' "$log"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
    sleep 0.1
  done
  sed "s/^/  $name │ /" "$log" >&2
  grep -m1 '^Listening on ' "$log" | sed 's/^Listening on //'
}

tsx=(node_modules/.bin/tsx --conditions=@vapi-chat-kit/source)
# The greetings the demo shows, which the proxy gives Vapi when the visitor answers one.
WIDGET_GREETINGS="${WIDGET_GREETINGS:-$(node -p 'JSON.stringify(Object.values(require("./apps/demo/src/greetings.json")))')}"
export WIDGET_GREETINGS
url=$(serve proxy "${tsx[@]}" packages/proxy/src/cli.ts --host "$host" --port "${PORT:-8787}")
echo >&2
if [ "${1:-}" = "--terminal" ]; then
  shift
  WIDGET_KEY="${WIDGET_KEY:-demo-widget-key}" PROXY_URL="$url" \
    node_modules/.bin/tsx --conditions=@vapi-chat-kit/source apps/terminal-chat/src/main.ts "$@"
  exit
fi

# The settings panel's "Vapi /chat/web" option: offline, an emulator stands in for Vapi's browser endpoint.
web_url=""
if [ -z "${VAPI_API_KEY:-}" ] && [ -z "${VITE_VAPI_BASE_URL:-}" ]; then
  web_url=$(serve emulator "${tsx[@]}" packages/emulator/src/cli.ts --host "$host" --port "${VAPI_WEB_PORT:-8790}" --delay 15)
  echo >&2
fi

demo_port="${DEMO_PORT:-5173}"
echo "TechFlow help center: http://$host:$demo_port/  (the proxy: $url)"
echo "The widget on a plain page: http://$host:$demo_port/widget.html"
echo
cd apps/demo
PROXY_URL="$url" VAPI_WEB_URL="$web_url" DEMO_PORT="$demo_port" \
  ../../node_modules/.bin/vite --clearScreen false --logLevel warn
