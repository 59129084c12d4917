#!/usr/bin/env bash
# Runs every test of the project, installing first what the tests need (a real SMTP server for
# the mail tests: Debian's python3-aiosmtpd). Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# --long: also the long reliability drills (a kill drill over thousands of messages) and 100,000 fuzz mutations.
# --under-load: keeps every core busy with another process for the whole run (one busy loop per core, at normal
#   priority), as on a CI machine shared with other jobs: the drills must tell lag from loss there too.
under_load=0
for arg in "$@"; do
  case "$arg" in
    --long) export SCILIT_LONG_DRILLS=1; export SCILIT_FUZZ_MUTATIONS="${SCILIT_FUZZ_MUTATIONS:-100000}" ;;
    --under-load) under_load=1 ;;
    *) echo "usage: ./test.sh [--long] [--under-load]" >&2; exit 2 ;;
  esac
done

load_pids=()
stop_load() { for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; done; }
trap stop_load EXIT
if [ "$under_load" -eq 1 ]; then
  cores=$(nproc 2>/dev/null || echo 2)
  for _ in $(seq "$cores"); do
    bash -c 'while :; do :; done' &
    load_pids+=($!)
  done
  echo "under load: $cores busy loop(s) (pids ${load_pids[*]}) for the whole run"
fi

if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  echo "installing python3-aiosmtpd (the SMTP server the mail tests run against)…"
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null 2>&1
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null 2>&1 \
      || echo "warning: could not install python3-aiosmtpd; the SMTP tests will fail and say so"
  fi
fi

# The browser tests (tests/…/Web): Debian's chromium, driven by Playwright (its own browser download cannot reach
# its servers), and a Chinese font so that pages and screenshots show text rather than empty boxes.
if ! [ -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "installing chromium and fonts-wqy-microhei (the browser tests' browser and a Chinese font)…"
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null 2>&1
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null 2>&1 \
      || echo "warning: could not install chromium; the browser tests will be skipped and say why"
  fi
fi

rm -f TestResults/drills.txt
log=$(mktemp)
dotnet test SciLiteracy.Compliance.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the summary line of every test assembly ("Passed!  - Failed: 0, Passed: 59, …").
passed=$(grep -E '^\s*(Passed|Failed)!' "$log" | sed -E 's/.*Passed: *([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
failed=$(grep -E '^\s*(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+),.*/\1/' | awk '{s+=$1} END {print s+0}')
passed=${passed:-0}; failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or the test host failed before any test could report
  echo "dotnet test exited with $status before reporting a failed test (see above)"
fi
rm -f "$log"
# The reliability drills' one-line figures (docs/reliability.md keeps the latest table).
[ -f TestResults/drills.txt ] && sed 's/^/drill /' TestResults/drills.txt
[ "$under_load" -eq 1 ] && echo "run under load: $(nproc 2>/dev/null || echo 2) core(s) kept busy throughout"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
