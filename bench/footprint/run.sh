#!/usr/bin/env bash
# ChatOpsJit's start-up time and resident memory, measured on the built host (no `dotnet run` in the way).
#  1. Ready: from process start to the first healthy GET /readyz with the embedded default (SQLite, the sandbox inventory,
#     the dev console), median of RUNS runs with a fresh data folder each, then RUNS runs on an existing one.
#  2. Memory: a 100,000-node sandbox inventory and 10,000 active grants (auto-approved /access requests sent through the
#     dev console's command endpoint, so each is a real request row, audit record and sandbox grant); VmRSS and VmHWM
#     from /proc at ready, after the grants and a settled period, and after more requests.
# Takes about 5 minutes on a quiet 2-core machine. Settings by environment: RUNS=7 NODES=100000 GRANTS=10000 USERS=500
# PUBLISH=1 (the ReadyToRun publish the image runs; 0: the plain build) HOST_DIR= (a host folder to measure instead)
# HOST_ARGS= (more host settings for the memory run). RssAnon is mostly the GC heap, RssFile the runtime and assemblies
# mapped from disk, RssShmem the JIT's code (mapped twice, writable and executable, and counted twice).
# The host runs with the runtime settings the image sets (bench/image-env.sh; IMAGE_ENV=0 runs it without them).
#
# usage: bench/footprint/run.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../image-env.sh
source "$root/bench/image-env.sh"
runs="${RUNS:-7}" nodes="${NODES:-100000}" grants="${GRANTS:-10000}" users="${USERS:-500}"
work="$(mktemp -d "${TMPDIR:-/tmp}/chatopsjit-footprint.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== build (Release)"
for project in src/ChatOpsJit.Host/ChatOpsJit.Host.csproj bench/ChatOpsJit.SlackBench/ChatOpsJit.SlackBench.csproj; do
  dotnet build "$root/$project" -c Release -warnaserror --nologo -v quiet >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
done
# What ships: the container image runs the ReadyToRun publish. PUBLISH=0 measures the plain build (as `dotnet run` runs
# it); HOST_DIR=… measures a host folder of your own.
if [ -n "${HOST_DIR:-}" ]; then
  host_dir="$HOST_DIR"
elif [ "${PUBLISH:-1}" = 1 ]; then
  host_dir="$work/host"
  start=$(date +%s)
  dotnet publish "$root/src/ChatOpsJit.Host" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$host_dir" --nologo -v quiet \
    >"$work/publish.log" 2>&1 || { tail -30 "$work/publish.log"; exit 1; }
  echo "   ReadyToRun publish of the host, as the image has it: $(( $(date +%s) - start )) s"
else
  host_dir="$root/src/ChatOpsJit.Host/bin/Release/net10.0"
fi
image_env "$root/deploy/docker/Dockerfile"
tool() { dotnet "$root/bench/ChatOpsJit.SlackBench/bin/Release/net10.0/ChatOpsJit.SlackBench.dll" "$@"; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
field() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]])" "$1" "$2"; }
mem() { awk '/^VmRSS|^VmHWM|^RssAnon|^RssFile|^RssShmem|^Threads/{printf($1 == "Threads:" ? "%s %d  " : "%s %d MiB  ", $1, $1 == "Threads:" ? $2 : $2/1024)}' "/proc/$1/status"; }
rss_mib() { awk '/^VmRSS/{print int($2/1024)}' "/proc/$1/status"; }
hwm_mib() { awk '/^VmHWM/{print int($2/1024)}' "/proc/$1/status"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# ready.js starts the host and times it to the first healthy /readyz; --stop ends it with SIGTERM once ready.
ready() { # data-dir port [extra host args...]
  local data="$1" port="$2"; shift 2
  (cd "$host_dir" && node "$here/ready.js" "http://127.0.0.1:$port/readyz" --timeout-ms 120000 --log "$work/host.log" "${STOP[@]}" -- \
    env "${image_settings[@]}" dotnet ChatOpsJit.Host.dll --Urls="http://127.0.0.1:$port" --Storage:ConnectionString="Data Source=$data/chatopsjit.db" "$@")
}

echo "== start-up to ready, embedded default ($runs runs each)"
STOP=(--stop)
ready "$work/warm" "$(free_port)" >/dev/null   # a first start warms the disk cache; not counted
fresh=() existing=()
for i in $(seq "$runs"); do fresh+=("$(field "$(ready "$work/fresh-$i" "$(free_port)")" readyMs)"); done
for i in $(seq "$runs"); do existing+=("$(field "$(ready "$work/fresh-1" "$(free_port)")" readyMs)"); done
fresh_median="$(printf '%s\n' "${fresh[@]}" | median)" existing_median="$(printf '%s\n' "${existing[@]}" | median)"
echo "   fresh data folder:    ${fresh[*]} ms"
echo "   existing data folder: ${existing[*]} ms"

echo "== memory: $nodes nodes, $grants active grants"
tool prepare --dir "$work/data" --nodes "$nodes" --users "$users" --auto-approve yes | sed 's/^/   /'
for i in $(seq "$users"); do printf 'U%07d\tuser%04d@bench.example\n' "$i" "$i"; done >"$work/users.tsv"
port="$(free_port)" STOP=()
started="$(ready "$work/db" "$port" --Sandbox:NodesFile="$work/data/nodes.yaml" --Directory:File="$work/data/directory.yaml" \
  --Policies:Folder="$work/data/policies" --Logging:LogLevel:Default=Warning ${HOST_ARGS:-})"
pid="$(field "$started" pid)"
pids+=("$pid")
cj="http://127.0.0.1:$port"
at_ready="$(rss_mib "$pid")"
echo "   ready in $(field "$started" readyMs) ms; $(mem "$pid")"
# The inventory is read at its first use; one lookup loads it before the grants are counted.
curl -fsS -X POST -H 'Content-Type: application/json' --data '{"user":"user0001@bench.example","text":"/access policies bench-node-0001"}' \
  "$cj/console/api/commands" >/dev/null
echo "   inventory loaded: $(mem "$pid")"
file="$(tool requests --dir "$work" --kind console --count "$grants" --nodes "$nodes" --secret unused --users-file "$work/users.tsv" --out grants.txt)"
tool rate --url "$cj/console/api/commands" --file "$file" --concurrency 4 --kind console --marker "approved automatically" --json "$work/grants.json" | sed 's/^/   /'
for _ in $(seq 240); do
  counted="$(tool count --db "$work/db/chatopsjit.db" --by state)"
  grep -q "live sandbox grants $grants" <<<"$counted" && break
  sleep 1
done
echo "   store: $counted"
grep -q "Active $grants" <<<"$counted" && grep -q "live sandbox grants $grants" <<<"$counted" \
  || { echo "expected $grants active requests with live sandbox grants"; tail -20 "$work/host.log"; exit 1; }
sleep 15
settled_rss="$(rss_mib "$pid")" settled_hwm="$(hwm_mib "$pid")"
echo "   settled 15 s:  $(mem "$pid")"
# With HOST_ARGS=--Telemetry:Prometheus:Enabled=true, the runtime's own view of its GC heap.
curl -fsS "$cj/metrics" 2>/dev/null | grep -E '^dotnet_gc_last_collection_heap_(size|fragmentation_size)_bytes|^dotnet_gc_last_collection_memory_committed' \
  | awk '{split($1, k, "{"); gsub(/.*gc_heap_generation="/, "", $1); gsub(/".*/, "", $1); printf "   %s %s: %.1f MiB\n", k[1], $1, $2/1048576}' || true
# More requests after the settled period: the active list, status lookups and policy questions.
for i in $(seq 200); do
  node_name="$(printf 'bench-node-%04d' $(( (i * 433) % nodes + 1 )))"
  curl -fsS -X POST -H 'Content-Type: application/json' \
    --data "{\"user\":\"user$(printf %04d $(( i % users + 1 )))@bench.example\",\"text\":\"/access $([ $((i % 2)) = 0 ] && echo list || echo "policies $node_name")\"}" \
    "$cj/console/api/commands" >/dev/null
done
sleep 5
after_rss="$(rss_mib "$pid")" after_hwm="$(hwm_mib "$pid")"
echo "   after 200 more requests and 5 s: $(mem "$pid")"

echo
echo "== summary"
printf '%-62s %10s %10s\n' "figure" "measured" "target"
printf '%-62s %8s ms %10s\n' "ready after start, embedded default, fresh data folder (median)" "$fresh_median" "<= 2000 ms"
printf '%-62s %8s ms %10s\n' "ready after start, embedded default, existing data (median)" "$existing_median" "<= 2000 ms"
printf '%-62s %7s MiB %10s\n' "VmRSS at ready ($nodes-node inventory not read yet)" "$at_ready" ""
printf '%-62s %7s MiB %10s\n' "VmRSS, $nodes nodes + $grants active grants, settled" "$settled_rss" "<= 200 MB"
printf '%-62s %7s MiB %10s\n' "VmRSS after 200 more requests" "$after_rss" "<= 200 MB"
printf '%-62s %7s MiB %10s\n' "VmHWM (peak) over the whole run" "$after_hwm" ""
echo "   machine load average: $(cut -d' ' -f1-3 /proc/loadavg)"
