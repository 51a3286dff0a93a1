#!/usr/bin/env bash
# ChatOpsJit vs cedar-wasm on the same JITNA-shaped cases, same machine, one run.
# Prints decisions/second for 51 and 1,001 statements, the ratios, bytes allocated per decision and the
# parse+compile time of 1,001 statements. Takes about 3-4 minutes on 2 cores.
#
# usage: bench/run.sh [seconds-per-cedar-wasm-case]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-5}"
out="$(mktemp -d "${TMPDIR:-/tmp}/chatopsjit-bench.XXXXXX")"
trap 'rm -rf "$out"' EXIT

echo "== build (Release)"
dotnet build "$here/ChatOpsJit.Bench/ChatOpsJit.Bench.csproj" -c Release -nologo -v quiet
bench_dll="$here/ChatOpsJit.Bench/bin/Release/net10.0/ChatOpsJit.Bench.dll"
if [ ! -d "$here/cedar-wasm/node_modules/@cedar-policy/cedar-wasm" ]; then
  (cd "$here/cedar-wasm" && npm ci --no-audit --no-fund)
fi

echo "== write the shared cases"
dotnet "$bench_dll" write-cases "$out/cases"

echo "== cedar-wasm (${seconds}s per case)"
node "$here/cedar-wasm/bench.js" "$out/cases" "$seconds" > "$out/wasm.json"

echo "== ChatOpsJit (BenchmarkDotNet, short job)"
(cd "$out" && dotnet "$bench_dll" run "$out/cs.json" > "$out/bdn.log") || { tail -50 "$out/bdn.log"; exit 1; }
grep -E '^\| ' "$out/bdn.log" || true

echo
node - "$out/cs.json" "$out/wasm.json" <<'JS'
const fs = require('fs');
const cs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const wasm = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const f = (n) => Math.round(n).toLocaleString('en-US');
console.log(`== summary (${wasm.engine}, ${wasm.api})`);
for (const n of [51, 1001]) {
  const c = cs[`Authorize-${n}`], w = wasm[`statefulIsAuthorized-${n}`], wr = wasm[`statefulIsAuthorized-${n}-reachableEntities`];
  console.log(`${String(n).padStart(5)} statements: ChatOpsJit ${f(c.opsPerSecond)} decisions/s (${c.meanNs.toFixed(1)} ns, ${c.bytesAllocatedPerOp} B/decision)` +
    ` | cedar-wasm ${f(w.opsPerSecond)}/s with the same ${w.entities} entities, ${f(wr.opsPerSecond)}/s with only the ${wr.entities} reachable ones`);
  console.log(`${' '.repeat(17)} ratio ChatOpsJit / cedar-wasm: ${(c.opsPerSecond / w.opsPerSecond).toFixed(0)}x (same input), ` +
    `${(c.opsPerSecond / wr.opsPerSecond).toFixed(0)}x (cedar-wasm given reachable entities only)`);
}
const p = cs['ParseAndCompile-1001'];
console.log(`parse+compile 1,001 statements: ChatOpsJit ${(p.meanNs / 1e6).toFixed(2)} ms (${f(p.bytesAllocatedPerOp)} B) | cedar-wasm preparse ${wasm['statefulIsAuthorized-1001'].preparseMs.toFixed(2)} ms (first call, includes wasm warm-up)`);
JS
