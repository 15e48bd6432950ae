#!/usr/bin/env bash
# tests/ui/run.sh — the browser tests of the UI (issue 8), against a real `binhan serve`.
#
# Builds nothing: expects build/binhan (or $BINHAN_BIN). Makes a temporary data dir, runs
# `binhan init` with an administrator, starts `binhan serve` on a free loopback port with the
# UI from src/web, creates one officer per role through the users API, then runs every
# tests/ui/*.test.js with Node's built-in runner (one file at a time; TAP summary at the end).
# Screenshots go to build/ui-screenshots/. Needs Debian's chromium (/usr/bin/chromium) and
# `npm ci` in tests/ui (playwright-core only; no browser is ever downloaded).
#
# Environment: BINHAN_BIN (binary), BINHAN_UI_SHOTS (screenshot dir), BINHAN_UI_STORY=1 (also
# play the workflow story; needs the case endpoints), BINHAN_KEEP_TEST_DATA=1 (keep the data
# dir and the server log), and test file names as arguments to run only those.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binhan=${BINHAN_BIN:-$root/build/binhan}

[ -x "$binhan" ] || { echo "tests/ui: $binhan not found or not executable; build it first" >&2; exit 2; }
[ -x "${BINHAN_CHROMIUM:-/usr/bin/chromium}" ] || { echo "tests/ui: chromium not found (apt-get install chromium)" >&2; exit 2; }
if [ ! -d "$here/node_modules/playwright-core" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

data=$(mktemp -d "${TMPDIR:-/tmp}/binhan-ui-XXXXXX")
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')
server_pid=""
cleanup() {
    status=$?
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ "$status" != 0 ] && [ -f "$data/serve.log" ]; then
        echo "---- last lines of the server log ----" >&2
        tail -n 30 "$data/serve.log" >&2 || true
    fi
    if [ -n "${BINHAN_KEEP_TEST_DATA:-}" ]; then echo "tests/ui: data kept in $data" >&2; else rm -rf "$data"; fi
    exit "$status"
}
trap cleanup EXIT

"$binhan" init --set "data.dir=$data" --admin-user quantri --admin-password 'Mat-khau-thu-nghiem-2024' >"$data/init.log" 2>&1 ||
    { cat "$data/init.log" >&2; exit 1; }
# Every officer of these tests connects from 127.0.0.1 (five browsers at once in the story, each
# opening up to 6 connections, plus the tests' own API calls), as staff behind one proxy do: the
# cap on connections per address (server.max_connections_per_address, tested by
# tests/reliability) would refuse some and leave a page half-loaded, so it is lifted here.
"$binhan" serve --set "data.dir=$data" --set "server.port=$port" --set "web.root=$root/src/web" \
    --set "server.max_connections_per_address=0" >"$data/serve.log" 2>&1 &
server_pid=$!

export BINHAN_URL="https://127.0.0.1:$port"
export BINHAN_BIN="$binhan" BINHAN_WEB_ROOT="$root/src/web"
export BINHAN_UI_SHOTS="${BINHAN_UI_SHOTS:-$root/build/ui-screenshots}"
mkdir -p "$BINHAN_UI_SHOTS"
rm -f "$BINHAN_UI_SHOTS"/*.png  # no stale pictures from an earlier run
node "$here/lib/setup.js"

cd "$here"
if [ "$#" -gt 0 ]; then files=("$@"); else files=(*.test.js); fi
node --test --test-concurrency=1 "${files[@]}"
