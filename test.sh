#!/usr/bin/env bash
# Runs every test of the project, installing first what the tests need (a real SMTP server for
# the mail tests: Debian's python3-aiosmtpd). Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# --long: also the long reliability drills (a kill drill over thousands of messages) and 100,000 fuzz mutations.
if [ "${1:-}" = "--long" ]; then
  export SCILIT_LONG_DRILLS=1
  export SCILIT_FUZZ_MUTATIONS="${SCILIT_FUZZ_MUTATIONS:-100000}"
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

# The PostgreSQL store's tests and the cluster drill start a throwaway server from Debian's postgresql (initdb, pg_ctl).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing postgresql (the PostgreSQL store's tests run against a throwaway server)…"
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null 2>&1
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 \
      || echo "warning: could not install postgresql; the PostgreSQL tests will fail and say so"
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
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
