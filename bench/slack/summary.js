// The summary table of bench/slack/run.sh, from the JSON each measured run left in the work folder.
const [dir, infoBefore, infoAfter, stored, rate, connections, users] = process.argv.slice(2);
const r = (name) => require(`${dir}/${name}.json`);
const warm = r('warm'), rows = [
  ['ChatOpsJit /slack/commands', 'saturation', r('cj-slack')],
  ['Bolt /slack/events', 'saturation', r('bolt-slack')],
  ['ChatOpsJit /slack/commands', `${rate}/s open loop`, r('cj-rate')],
  ['Bolt /slack/events', `${rate}/s open loop`, r('bolt-rate')],
  ['ChatOpsJit /console/api/commands', 'saturation', r('cj-console')],
];
const ok = (x) => x.ok ?? (x.requests - x.non200 - x.refused);
const rps = (x) => x.rps ?? x.achievedRate;
const n = (v, d = 1) => (v ?? NaN).toFixed(d).padStart(8);
console.log('== summary (one run, this machine)');
console.log(`${'target'.padEnd(34)}${'load'.padEnd(18)}   req/s   p50 ms   p90 ms   p99 ms   max ms      ok  errors  CPU ms/req`);
for (const [target, load, x] of rows) {
  const errors = x.non200 + x.refused + (x.failed ?? 0) + (x.socketErrors ?? 0) + (x.timeouts ?? 0);
  console.log(`${target.padEnd(34)}${load.padEnd(18)}${n(rps(x))} ${n(x.p50, 2)} ${n(x.p90, 2)} ${n(x.p99, 2)} ${n(x.max, 1)}` +
    `${String(ok(x)).padStart(8)}${String(errors).padStart(8)}${n(x.cpuSeconds * 1000 / Math.max(1, ok(x)), 2).padStart(12)}`);
}
const [cj, bolt] = [r('cj-slack'), r('bolt-slack')];
console.log('ok: 200 with the expected answer; errors: other statuses, socket errors, timeouts, and 200s without it (a late "Working on it" ack counts here)');
console.log(`ratio ChatOpsJit / Bolt at saturation: ${(cj.rps / bolt.rps).toFixed(3)} in req/s; ChatOpsJit's p99 is ${(cj.p99 / bolt.p99).toFixed(1)}x Bolt's`);
const cr = r('cj-rate');
console.log(`fixed rate ${rate}/s, ChatOpsJit: sent at ${cr.achievedRate}/s, ${cr.completedRate}/s answered ok over the run and its drain; ` +
  `p50 ${cr.p50} ms, p99 ${cr.p99} ms, ${cr.non200 + cr.refused + cr.failed} errors, of which ${cr.late} late acks`);
console.log(`users.info calls: ${infoBefore} after the warm-up, ${infoAfter} after measuring: ${infoAfter - infoBefore} during the measured runs`);
const acked = ok(warm) + warm.late + ok(r('cj-slack')) + ok(r('cj-rate')) + r('cj-rate').late + ok(r('cj-console')) + r('cj-slack').late;
const total = Number(stored.split(' ')[0]);
console.log(`${total} requests stored ${stored.replace(/^\d+ /, '')}; ChatOpsJit acked ${acked} with 200 (the ${users} of the warm-up and any late acks included); ` +
  `${total - acked} more stored than acked (answers still in flight when wrk stopped: at most ${2 * connections})`);
if (infoAfter !== infoBefore) console.log('WARNING: users.info was called during the measured runs: the identity cache did not hold');
if (cj.repeats || bolt.repeats || r('cj-console').repeats) console.log('WARNING: a request file ran out and wrk repeated requests; raise CJ_REQUESTS / BOLT_REQUESTS');
