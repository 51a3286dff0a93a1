#!/usr/bin/env bash
# ChatOpsJit's Slack endpoint vs a bare Bolt for JavaScript app: signed /access slash commands, same run, same machine.
# Prints requests/s and latency at saturation (wrk) and at a fixed rate (open loop) for both, the dev console endpoint
# at saturation, host CPU per request, the users.info calls made while measuring (must be 0) and the rows stored.
# Takes about 3 minutes. Settings by environment: DURATION=20 THREADS=2 CONNECTIONS=32 RATE=200 NODES=5000 USERS=500
# DELIVER=0 (1 lets the outbox post approval cards to the stand-in while measuring, as a real deployment would),
# PROVIDER=sqlite (postgres: a durable throwaway PostgreSQL 15 from tests/postgres/start.sh holds the store instead).
# HOST_DIR=… runs a host folder of your own (e.g. a ReadyToRun publish) instead of the plain Release build.
#
# usage: bench/slack/run.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../image-env.sh
source "$root/bench/image-env.sh"
duration="${DURATION:-20}" threads="${THREADS:-2}" connections="${CONNECTIONS:-32}" rate="${RATE:-200}"
nodes="${NODES:-5000}" users="${USERS:-500}" deliver="${DELIVER:-0}"
cj_count="${CJ_REQUESTS:-50000}" bolt_count="${BOLT_REQUESTS:-250000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/chatopsjit-slack-bench.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -z "${pg_stop:-}" ] || $pg_stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== install what is missing"
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else sudo apt-get install -y wrk >/dev/null; fi
fi
[ -d "$here/bolt/node_modules/@slack/bolt" ] || (cd "$here/bolt" && npm ci --no-audit --no-fund)

echo "== build (Release)"
for project in src/ChatOpsJit.Host/ChatOpsJit.Host.csproj bench/ChatOpsJit.SlackBench/ChatOpsJit.SlackBench.csproj; do
  dotnet build "$root/$project" -c Release -warnaserror --nologo -v quiet >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
done
host_dir="${HOST_DIR:-$root/src/ChatOpsJit.Host/bin/Release/net10.0}"
image_env "$root/deploy/docker/Dockerfile"
tool_dll="$root/bench/ChatOpsJit.SlackBench/bin/Release/net10.0/ChatOpsJit.SlackBench.dll"
tool() { dotnet "$tool_dll" "$@"; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_for() { for _ in $(seq 120); do eval "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "gave up waiting for: $2"; tail -30 "$3"; exit 1; }

secret="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# Made up for each run, like the signing secret, so no token-shaped string sits in the repository.
bot_token="xoxb-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cj_port="$(free_port)" bolt_port="$(free_port)" standin_port="$(free_port)"
cj="http://127.0.0.1:$cj_port" bolt="http://127.0.0.1:$bolt_port"

echo "== start the Slack stand-in, ChatOpsJit and Bolt"
tool prepare --dir "$work/data" --nodes "$nodes" --users "$users"
(exec dotnet "$tool_dll" standin --port "$standin_port" --users "$users" --users-file "$work/users.tsv" --bot-token "$bot_token") >"$work/standin.log" 2>&1 &
pids+=($!)
wait_for "test -s '$work/users.tsv'" "the Slack stand-in" "$work/standin.log"
api="$(curl -fsS "http://127.0.0.1:$standin_port/api-base-url")"
calls() { curl -fsS "http://127.0.0.1:$standin_port/calls"; }
users_info() { calls | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s)['users.info']))"; }
mkdir -p "$work/db"
store=(--Storage:ConnectionString="Data Source=$work/db/chatopsjit.db")
db_args=(--db "$work/db/chatopsjit.db")
if [ "${PROVIDER:-sqlite}" = postgres ]; then
  # Durable (fsync on), as SQLite's commits are, so the two are compared on the same terms.
  eval "$(POSTGRES_DURABLE=1 "$root/tests/postgres/start.sh")"
  pg_stop="$root/tests/postgres/stop.sh $CHATOPSJIT_TEST_POSTGRES_DIR"
  store=(--Storage:Provider=postgres --Storage:ConnectionString="$CHATOPSJIT_TEST_POSTGRES" \
    --Audit:Key="$(head -c 32 /dev/urandom | base64)" --Audit:AnchorFile="$work/db/anchor")
  db_args=(--postgres "$CHATOPSJIT_TEST_POSTGRES")
fi
# The identity cache time is an hour so that longer DURATIONs still measure the cached path; the users.info check proves it.
(cd "$host_dir" && exec env "${image_settings[@]}" dotnet ChatOpsJit.Host.dll --Urls="$cj" "${store[@]}" \
  --Sandbox:NodesFile="$work/data/nodes.yaml" --Directory:File="$work/data/directory.yaml" --Policies:Folder="$work/data/policies" \
  --Slack:SigningSecret="$secret" --Slack:BotToken="$bot_token" --Slack:ApiBaseUrl="$api" --Slack:IdentityCacheTime=01:00:00 \
  --Workers:DeliverNotifications="$([ "$deliver" = 1 ] && echo true || echo false)" --Logging:LogLevel:Default=Warning ${HOST_ARGS:-}) >"$work/host.log" 2>&1 &
host_pid=$!
pids+=($host_pid)
node "$here/bolt/app.js" "$bolt_port" "$secret" "$bot_token" >"$work/bolt.log" 2>&1 &
bolt_pid=$!
pids+=($bolt_pid)
wait_for "curl -fsS $cj/readyz" "ChatOpsJit /readyz" "$work/host.log"
wait_for "grep -q listening '$work/bolt.log'" "Bolt" "$work/bolt.log"

echo "== both refuse unsigned and badly signed requests"
for target in "$cj/slack/commands" "$bolt/slack/events"; do
  form='user_id=U0000001&command=%2Faccess&text=bench-node-0001+unsigned'
  unsigned="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' --data "$form" "$target")"
  forged="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Slack-Request-Timestamp: $(date +%s)" -H "X-Slack-Signature: v0=$(printf '0%.0s' $(seq 64))" --data "$form" "$target")"
  echo "   $target: unsigned $unsigned, bad signature $forged"
  [ "$unsigned" = 401 ] && [ "$forged" = 401 ] || { echo "expected 401 for both"; exit 1; }
done

# Nothing else should be using the CPU while measuring; say so when something is.
others_busy() {
  local mine=0 total1 total2 mine1=0 mine2=0 pid
  total1="$(awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat)"; for pid in "${pids[@]}"; do mine1=$((mine1 + $(cpu_ticks "$pid"))); done
  sleep 3
  total2="$(awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat)"; for pid in "${pids[@]}"; do mine2=$((mine2 + $(cpu_ticks "$pid"))); done
  mine=$(( (total2 - total1) - (mine2 - mine1) ))
  echo "   other processes used $((mine * 100 / 3 / $(getconf CLK_TCK)))% of one core over 3 s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
}
echo "== machine check"
others_busy

# next_pair: the first user×node pair not used yet, so no request repeats an earlier one ("you already have an open request").
next_pair=0
requests() { # kind count: sets $file to that many requests signed now, from next_pair on
  file="$(tool requests --dir "$work" --kind "$1" --count "$2" --offset "$next_pair" --nodes "$nodes" --secret "$secret" \
    --users-file "$work/users.tsv" --response-base "${api%api/}respond/" --out "$1-$next_pair.txt")"
  next_pair=$((next_pair + $2))
}
saturate() { # name url path file marker pid
  local before after
  before="$(cpu_ticks "$6")"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency --timeout 10s -s "$here/wrk/signed.lua" "$2" -- "$3" "$4" "$threads" "$5" >"$work/$1.out"
  after="$(cpu_ticks "$6")"
  sed -e '/^JSON /d' -e 's/^/   /' "$work/$1.out"
  grep '^JSON ' "$work/$1.out" | sed 's/^JSON //' | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const r=JSON.parse(s);
    r.cpuSeconds=($after-$before)/$(getconf CLK_TCK);console.log(JSON.stringify(r))})" >"$work/$1.json"
}
fixed_rate() { # name url file marker kind pid
  local before after
  before="$(cpu_ticks "$6")"
  tool rate --url "$2" --file "$3" --rate "$rate" --count "$((rate * duration))" --marker "$4" --kind "$5" --json "$work/$1.raw.json" | sed 's/^/   /'
  after="$(cpu_ticks "$6")"
  node -e "const r=require('$work/$1.raw.json');r.cpuSeconds=($after-$before)/$(getconf CLK_TCK);console.log(JSON.stringify(r))" >"$work/$1.json"
}
settle() { sleep 3; }
cj_mark='for approval' bolt_mark='"text":"ok"'

echo "== warm the identity cache: one signed /access per user ($users)"
requests slack "$users"
# Closed loop, two at a time: a first command per user waits for users.info too, and a queue would push acks past the ack budget.
tool rate --url "$cj/slack/commands" --file "$file" --concurrency 2 --marker "$cj_mark" --json "$work/warm.json" | sed 's/^/   /'
# A late ack ("Working on it…", the first commands of a cold host may take that long) still stores the request and caches the user.
warm_taken="$(node -e "const w=require('$work/warm.json');console.log(w.ok + w.late)")"
info_before="$(users_info)"
echo "   users.info calls so far: $info_before"
[ "$warm_taken" = "$users" ] && [ "$info_before" = "$users" ] || { echo "warm-up: $warm_taken of $users requests taken"; tail -20 "$work/host.log"; exit 1; }
settle

echo "== saturation, ChatOpsJit POST /slack/commands (wrk -t$threads -c$connections ${duration}s)"
requests slack "$cj_count"
saturate cj-slack "$cj" /slack/commands "$file" "$cj_mark" "$host_pid"
settle
echo "== saturation, Bolt POST /slack/events"
saturate bolt-slack "$bolt" /slack/events "$(tool requests --dir "$work" --kind slack --count "$bolt_count" --nodes "$nodes" --secret "$secret" \
  --users-file "$work/users.tsv" --out bolt.txt)" "$bolt_mark" "$bolt_pid"
settle
echo "== fixed rate $rate/s for ${duration}s, open loop, ChatOpsJit"
requests slack "$((rate * duration))"
fixed_rate cj-rate "$cj/slack/commands" "$file" "$cj_mark" slack "$host_pid"
settle
echo "== fixed rate $rate/s for ${duration}s, open loop, Bolt"
fixed_rate bolt-rate "$bolt/slack/events" "$(tool requests --dir "$work" --kind slack --count "$((rate * duration))" --nodes "$nodes" \
  --secret "$secret" --users-file "$work/users.tsv" --out bolt-rate.txt)" "$bolt_mark" slack "$bolt_pid"
settle
echo "== saturation, ChatOpsJit dev console POST /console/api/commands (JSON, no signature, no Slack identity)"
requests console "$cj_count"
saturate cj-console "$cj" /console/api/commands "$file" "$cj_mark" "$host_pid"
sleep 1

info_after="$(users_info)"
echo "== Slack stand-in calls by method, whole run: $(calls)"
stored="$(tool count "${db_args[@]}")"
echo "== machine check"
others_busy
echo
node "$here/summary.js" "$work" "$info_before" "$info_after" "$stored" "$rate" "$connections" "$users"
