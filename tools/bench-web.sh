#!/bin/sh
# The web benchmark (docs/benchmarks.md): the real server over the province-scale rule set (about 232,000
# occurrences a year), loaded with Debian's wrk. Figures: the board's first page, a 签收 link's page (GET) and
# its form post (POST), latency percentiles at one connection. Usage: tools/bench-web.sh [SECONDS]
set -eu
seconds=${1:-20}
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian) ..."
  sudo -n apt-get install -y wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null
fi
dotnet build -c Release --nologo -v q tests/SciLiteracy.Compliance.Benchmarks >/dev/null
work=$(mktemp -d /tmp/scilit-bench-web.XXXXXX)
dotnet tests/SciLiteracy.Compliance.Benchmarks/bin/Release/net10.0/SciLiteracy.Compliance.Benchmarks.dll \
  bench-web --work "$work/set" --out "$work/server.txt" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
i=0
while [ ! -s "$work/server.txt" ]; do
  i=$((i + 1)); [ $i -le 600 ] || { echo "bench-web did not start within 5 minutes" >&2; exit 1; }
  kill -0 $server 2>/dev/null || { echo "bench-web exited" >&2; exit 1; }
  sleep 0.5
done
value() { sed -n "s/^$1=//p" "$work/server.txt"; }
board=$(value board); ack=$(value ack); cookie=$(value cookie); body=$(value ackbody)
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
echo "== board, first page: wrk -t1 -c1 -d${seconds}s --latency -H 'Cookie: …' $board"
wrk -t1 -c1 -d"${seconds}s" --timeout 30s --latency -H "Cookie: $cookie" "$board"
echo "== 签收 link page (GET): wrk -t1 -c1 -d${seconds}s --latency <link>"
wrk -t1 -c1 -d"${seconds}s" --latency "$ack"
echo "== 签收 form post (POST, antiforgery cookie and field): wrk -t1 -c1 -d${seconds}s --latency -s post.lua <link>"
wrk -t1 -c1 -d"${seconds}s" --latency -H "Cookie: $cookie" -s "$work/post.lua" "$ack"
