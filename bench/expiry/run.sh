#!/usr/bin/env bash
# 10,000 grants that all end within the same minute: how late each is withdrawn (its sessions ended), how long the
# outbox takes to deliver the expiry DMs behind them, and how fast new Slack requests are answered meanwhile.
# Real host, Slack stand-in, sandbox grantor; each request is auto-approved for Access:AutoApprovalDuration (1 minute).
# Settings by environment: GRANTS=10000 USERS=500 NODES=5000 TRICKLE_RATE=20 TRICKLE_SECONDS=30 PROVIDER=sqlite|postgres HOST_DIR=… (a host folder of your own instead of the plain Release build) HOST_ARGS="--Workers:Concurrency=32 …" (more host settings)
# STATEMENTS=1 (postgres only) also prints the server's busiest statements while the grants expire (pg_stat_statements).
# (postgres starts a throwaway server with tests/postgres/start.sh). Takes about 3-4 minutes per provider.
#
# usage: bench/expiry/run.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../image-env.sh
source "$root/bench/image-env.sh"
grants="${GRANTS:-10000}" users="${USERS:-500}" nodes="${NODES:-5000}"
trickle_rate="${TRICKLE_RATE:-20}" trickle_seconds="${TRICKLE_SECONDS:-30}" provider="${PROVIDER:-sqlite}"
work="$(mktemp -d "${TMPDIR:-/tmp}/chatopsjit-expiry-bench.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -z "${pg_stop:-}" ] || $pg_stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for() { for _ in $(seq 120); do eval "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "gave up waiting for: $2"; tail -30 "$3"; exit 1; }

echo "== build (Release)"
for project in src/ChatOpsJit.Host/ChatOpsJit.Host.csproj bench/ChatOpsJit.SlackBench/ChatOpsJit.SlackBench.csproj; do
  dotnet build "$root/$project" -c Release -warnaserror --nologo -v quiet >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
done
host_dir="${HOST_DIR:-$root/src/ChatOpsJit.Host/bin/Release/net10.0}"
image_env "$root/deploy/docker/Dockerfile"
tool_dll="$root/bench/ChatOpsJit.SlackBench/bin/Release/net10.0/ChatOpsJit.SlackBench.dll"
tool() { dotnet "$tool_dll" "$@"; }

secret="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
bot_token="xoxb-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
audit_key="$(head -c 32 /dev/urandom | base64)"
cj_port="$(free_port)" standin_port="$(free_port)"
cj="http://127.0.0.1:$cj_port"

store=(--Storage:ConnectionString="Data Source=$work/db/chatopsjit.db")
db_args=(--db "$work/db/chatopsjit.db")
if [ "$provider" = postgres ]; then
  echo "== start a throwaway PostgreSQL"
  # Durable (fsync on), as SQLite's commits are, so the two are compared on the same terms.
  eval "$(POSTGRES_DURABLE=1 POSTGRES_STATEMENT_STATS="${STATEMENTS:-0}" "$root/tests/postgres/start.sh")"
  pg_stop="$root/tests/postgres/stop.sh $CHATOPSJIT_TEST_POSTGRES_DIR"
  # The throwaway server's own database: the host migrates it on start.
  conn="${CHATOPSJIT_TEST_POSTGRES}"
  store=(--Storage:Provider=postgres --Storage:ConnectionString="$conn" --Audit:Key="$audit_key" --Audit:AnchorFile="$work/db/anchor")
  db_args=(--postgres "$conn")
fi

echo "== start the Slack stand-in and ChatOpsJit ($provider)"
tool prepare --dir "$work/data" --nodes "$nodes" --users "$users" --auto-approve yes
(exec dotnet "$tool_dll" standin --port "$standin_port" --users "$users" --users-file "$work/users.tsv" --bot-token "$bot_token") >"$work/standin.log" 2>&1 &
pids+=($!)
wait_for "test -s '$work/users.tsv'" "the Slack stand-in" "$work/standin.log"
api="$(curl -fsS "http://127.0.0.1:$standin_port/api-base-url")"
mkdir -p "$work/db"
(cd "$host_dir" && exec env "${image_settings[@]}" dotnet ChatOpsJit.Host.dll --Urls="$cj" "${store[@]}" \
  --Sandbox:NodesFile="$work/data/nodes.yaml" --Directory:File="$work/data/directory.yaml" --Policies:Folder="$work/data/policies" \
  --Slack:SigningSecret="$secret" --Slack:BotToken="$bot_token" --Slack:ApiBaseUrl="$api" --Slack:IdentityCacheTime=01:00:00 \
  --Access:AutoApprovalDuration=00:01:00 --Logging:LogLevel:Default=Warning ${HOST_ARGS:-}) >"$work/host.log" 2>&1 &
pids+=($!)
wait_for "curl -fsS $cj/readyz" "ChatOpsJit /readyz" "$work/host.log"

next_pair=0
requests() { # count: sets $file to that many signed requests from next_pair on
  file="$(tool requests --dir "$work" --kind slack --count "$1" --offset "$next_pair" --nodes "$nodes" --secret "$secret" \
    --users-file "$work/users.tsv" --response-base "${api%api/}respond/" --out "wave-$next_pair.txt")"
  next_pair=$((next_pair + $1))
}

echo "== the wave: $grants signed /access requests, each granted at once for one minute (closed loop, 16 in flight)"
requests "$grants"
wave_start=$(date +%s.%N)
tool rate --url "$cj/slack/commands" --file "$file" --concurrency 16 --json "$work/wave.json" | sed 's/^/   /'
wave_seconds=$(node -e "console.log(($(date +%s.%N) - $wave_start).toFixed(1))")
echo "   submitted in ${wave_seconds} s, so every window ends within ${wave_seconds} s of the first"
requests "$((trickle_rate * trickle_seconds))"
trickle_file="$file"
# Only on PostgreSQL: STATEMENTS=1 with SQLite reports nothing.
stats=0; [ "$provider" != postgres ] || stats="${STATEMENTS:-0}"
statements() { psql "postgresql://postgres@127.0.0.1:$(echo "$conn" | sed -E 's/.*Port=([0-9]+).*/\1/')/postgres" -X -q "$@"; }
[ "$stats" != 1 ] || statements -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
# The first windows end 60 s after the wave started; the trickle runs while the expiries are being processed.
sleep "$(node -e "console.log(Math.max(0, 60 - ($(date +%s.%N) - $wave_start)).toFixed(2))")"

echo "== meanwhile: new requests at $trickle_rate/s for ${trickle_seconds} s while the grants expire (Slack's ack budget is 3 s)"
tool rate --url "$cj/slack/commands" --file "$trickle_file" --rate "$trickle_rate" --json "$work/trickle.json" | sed 's/^/   /' &
trickle_pid=$!
# Every grant of the run: the trickle's are auto-approved too, and end a minute after it, while the wave's may be done.
echo "== expiry: waiting for $((grants + trickle_rate * trickle_seconds)) withdrawals (the wave's and the trickle's) and a drained outbox"
tool expiry "${db_args[@]}" --count "$((grants + trickle_rate * trickle_seconds))" --json "$work/expiry.json" | sed 's/^/   /'
wait "$trickle_pid"
if [ "$stats" = 1 ]; then
  echo "== the server's busiest statements while the grants expired (pg_stat_statements)"
  statements -c "SELECT calls, round(total_exec_time) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
                        left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
                 FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" | sed 's/^/   /'
fi
echo
echo "== host log: $(grep -c 'warn:' "$work/host.log" || true) warnings, $(grep -c -E 'fail:|crit:' "$work/host.log" || true) errors"
grep -E 'warn:|fail:|crit:' -A1 "$work/host.log" | grep -v '^--$' | sed -E 's/[0-9a-f]{8,}/…/g' | sort | uniq -c | sort -rn | head -6 | sed 's/^/   /' || true
node - "$work/wave.json" "$work/trickle.json" "$work/expiry.json" "$provider" <<'JS'
const [wave, trickle, expiry] = process.argv.slice(2, 5).map(f => require(f));
const provider = process.argv[5];
console.log(`== summary (${provider})`);
console.log(`wave: ${wave.ok} granted at ${wave.completedRate}/s, p99 ack ${wave.p99} ms, ${wave.failed + wave.non200} errors`);
console.log(`expiry: ${expiry.withdrawn} of ${expiry.grants} withdrawn; lateness p50 ${expiry.latenessP50} s, p99 ${expiry.latenessP99} s (target <= 5 s), max ${expiry.latenessMax} s; ${expiry.withinMinute} within 60 s (target: all)`);
console.log(`outbox: ${expiry.outboxLeft === 0 ? `drained ${expiry.outboxDrainedSecondsAfterLastWithdrawal} s after the last withdrawal` : `${expiry.outboxLeft} left`}`);
console.log(`requests during the expiries: ${trickle.ok} of ${trickle.sent} ok, p99 ${trickle.p99} ms, max ${trickle.max} ms (target < 3,000 ms), ${trickle.failed + trickle.non200} errors`);
JS
