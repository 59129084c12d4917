#!/usr/bin/env bash
# Runs every test of the project, installing first what the tests need (a real SMTP server, PostgreSQL,
# Chromium: Debian's packages). Ends with one line: "N passed, N failed".
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

# What the tests need from Debian, each installed only when missing (one apt-get update for all).
apt_updated=0
need() { # need "CHECK" "PACKAGES" "what for"
  eval "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 ($3)…"
  command -v apt-get >/dev/null 2>&1 || { echo "warning: no apt-get; $3 will fail or skip and say so"; return 0; }
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  [ "$apt_updated" -eq 1 ] || { $sudo apt-get update -qq >/dev/null 2>&1; apt_updated=1; }
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $2 >/dev/null 2>&1 \
    || echo "warning: could not install $2; $3 will fail or skip and say so"
}
need '/usr/bin/python3 -c "import aiosmtpd"' python3-aiosmtpd "the SMTP server the mail tests run against"
need '/usr/bin/python3 -c "import icalendar"' python3-icalendar "the second, independent parser of the calendar invitations"
# The PostgreSQL store's tests and the cluster drill start a throwaway server from Debian's postgresql (initdb, pg_ctl).
need 'ls /usr/lib/postgresql/*/bin/initdb' postgresql "the PostgreSQL store's tests"
# The browser tests: Debian's chromium, driven by Playwright (its own browser download cannot reach its servers),
# and a Chinese font so that pages and screenshots show text rather than empty boxes.
need '[ -x /usr/bin/chromium ] && fc-list :lang=zh | grep -q .' "chromium fonts-wqy-microhei" "the browser tests"

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
