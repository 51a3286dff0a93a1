#!/usr/bin/env bash
# `chatopsjit policy authorize --batch` vs the Cedar reference (@cedar-policy/cedar-wasm in one Node process,
# bench/cedar-wasm/batch.js) on the same input: the 51-statement JITNA policy set and 20,000 JSONL requests, each with
# its own user, groups, instance and context as entities. Whole processes, timed in turn (CLI, reference, CLI, ...), on
# the same machine in one run; prints each side's median wall and CPU seconds, peak memory, and the ratio, and checks
# that both gave the same decisions. Takes about a minute on a quiet 2-core machine.
# Settings by environment: RUNS=5 REQUESTS=20000 PUBLISH=1 (the CLI from the ReadyToRun publish profile; 0: the plain
# Release build).
#
# usage: bench/cli/run.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-5}" requests="${REQUESTS:-20000}" publish="${PUBLISH:-1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/chatopsjit-cli-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== install what is missing"
command -v /usr/bin/time >/dev/null || { apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }; }
[ -d "$here/../cedar-wasm/node_modules/@cedar-policy/cedar-wasm" ] || (cd "$here/../cedar-wasm" && npm ci --no-audit --no-fund)

echo "== build"
dotnet build "$root/bench/ChatOpsJit.Bench/ChatOpsJit.Bench.csproj" -c Release --nologo -v quiet >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
if [ "$publish" = 1 ]; then
  start=$(date +%s)
  dotnet publish "$root/src/ChatOpsJit.Cli" -c Release -p:PublishProfile=ReadyToRun -o "$work/cli" --nologo -v quiet >"$work/publish.log" 2>&1 \
    || { tail -30 "$work/publish.log"; exit 1; }
  echo "   ReadyToRun publish of the CLI: $(( $(date +%s) - start )) s"
  cli=("$work/cli/chatopsjit")
else
  dotnet build "$root/src/ChatOpsJit.Cli" -c Release --nologo -v quiet >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
  cli=(dotnet "$root/src/ChatOpsJit.Cli/bin/Release/net10.0/chatopsjit.dll")
fi

echo "== write the input: 51 statements, $requests requests"
dotnet "$root/bench/ChatOpsJit.Bench/bin/Release/net10.0/ChatOpsJit.Bench.dll" write-batch "$work/in" "$requests"
policies="$work/in/policies.cedar" batch="$work/in/requests.jsonl"
echo "   $(du -h "$batch" | cut -f1) of JSONL, $(head -1 "$batch" | grep -o '"uid"' | wc -l) entities on the first line"

# One timed run: wall, user and system seconds and peak resident memory from /usr/bin/time.
timed() { # name output-file command...
  local name="$1" out="$2"; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$out"
  cat "$work/$name.time" >>"$work/$name.times"
}
echo "== $runs runs each, in turn (after one warm-up each)"
timed warm-cli "$work/cli.jsonl" "${cli[@]}" policy authorize --policies "$policies" --batch "$batch"
timed warm-ref "$work/ref.jsonl" node "$here/../cedar-wasm/batch.js" "$policies" "$batch"
rm -f "$work"/warm-*.times
for _ in $(seq "$runs"); do
  timed cli "$work/cli.jsonl" "${cli[@]}" policy authorize --policies "$policies" --batch "$batch"
  timed ref "$work/ref.jsonl" node "$here/../cedar-wasm/batch.js" "$policies" "$batch"
done

echo "== same answers?"
node - "$work/cli.jsonl" "$work/ref.jsonl" <<'JS'
const fs = require('fs');
const read = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const [a, b] = [read(process.argv[2]), read(process.argv[3])];
const key = (x) => `${x.decision} ${[...x.reasons].sort().join(',')} ${x.errors.length}`;
const differ = a.filter((x, i) => !b[i] || key(x) !== key(b[i])).length;
const allowed = a.filter((x) => x.decision === 'allow').length;
console.log(`   ${a.length} answers from the CLI, ${b.length} from the reference; ${allowed} allowed; ${differ} differ (decision, reasons or error count)`);
if (a.length !== b.length || differ > 0) process.exit(1);
JS

echo
node - "$work/cli.times" "$work/ref.times" "$requests" <<'JS'
const fs = require('fs');
const rows = (f) => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const figures = (r) => ({ wall: median(r.map((x) => x[0])), cpu: median(r.map((x) => x[1] + x[2])), peak: median(r.map((x) => x[3])) / 1024 });
const [cli, ref, n] = [figures(rows(process.argv[2])), figures(rows(process.argv[3])), Number(process.argv[4])];
const line = (name, f) => `${name.padEnd(34)} ${f.wall.toFixed(2).padStart(7)} s ${f.cpu.toFixed(2).padStart(7)} s ${f.peak.toFixed(0).padStart(7)} MiB ${Math.round(n / f.wall).toLocaleString('en-US').padStart(10)}/s`;
console.log(`== summary: 51 statements x ${n.toLocaleString('en-US')} requests, whole process, median of ${rows(process.argv[2]).length} runs`);
console.log(`${''.padEnd(34)} ${'wall'.padStart(9)} ${'cpu'.padStart(9)} ${'peak'.padStart(11)} ${'requests'.padStart(12)}`);
console.log(line('chatopsjit policy authorize --batch', cli));
console.log(line('cedar-wasm (Node, batch.js)', ref));
console.log(`ratio (reference / ChatOpsJit): ${(ref.wall / cli.wall).toFixed(1)}x wall, ${(ref.cpu / cli.cpu).toFixed(1)}x cpu (target: at least 5x)`);
JS
echo "   machine load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
