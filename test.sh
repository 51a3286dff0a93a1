#!/usr/bin/env bash
# Runs every ChatOpsJit test on a fresh Debian machine: installs what the tests need, then the whole suite.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

if [ -f tests/cedar-reference/package.json ]; then
  echo "== installing the Cedar reference implementation (@cedar-policy/cedar-wasm) for the differential test"
  (cd tests/cedar-reference && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== building"
dotnet build ChatOpsJit.sln -c Release -warnaserror --nologo -v q

echo "== testing"
results=$(mktemp -d)
status=0
dotnet test ChatOpsJit.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line over all test projects: 'N passed, N failed'.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
# What the Cedar differential test compared, so CI's log shows it.
grep -h -o 'differential: [^<&]*' "$results"/*.trx 2>/dev/null | sort -u || true
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
