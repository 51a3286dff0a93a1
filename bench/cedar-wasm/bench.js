#!/usr/bin/env node
// cedar-wasm decisions per second on the JITNA bench cases written by `ChatOpsJit.Bench write-cases DIR`.
//
// usage: node bench.js DIR [seconds-per-case]   -> one JSON object on stdout
//
// The policy set is pre-parsed once (preparsePolicySet) and each decision goes through statefulIsAuthorized, the
// closest thing cedar-wasm has to a compiled authorizer. Entities and context still cross the JS/wasm boundary as
// JS objects on every call: cedar-wasm has no way to keep them resident, so that cost is part of its per-decision time.
'use strict';

const fs = require('fs');
const path = require('path');
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

function loadCase(dir, statements) {
  return JSON.parse(fs.readFileSync(path.join(dir, `jitna-${statements}.json`), 'utf8'));
}

// The entities a decision can actually touch here: the request's entities and their ancestors. Handing cedar-wasm
// only these is the most favourable setup for it (less to marshal per call), reported next to the same-input figure.
function reachable(c) {
  const key = (u) => `${u.type}::${JSON.stringify(u.id)}`;
  const byKey = new Map(c.entities.map((e) => [key(e.uid), e]));
  const keep = new Map();
  const todo = [c.principal, c.action, c.resource];
  while (todo.length) {
    const e = byKey.get(key(todo.pop()));
    if (e && !keep.has(key(e.uid))) {
      keep.set(key(e.uid), e);
      todo.push(...e.parents);
    }
  }
  return [...keep.values()];
}

function bench(c, seconds) {
  const setId = `jitna-${c.statements}`;
  const parseStart = process.hrtime.bigint();
  const parsed = cedar.preparsePolicySet(setId, { staticPolicies: c.policies });
  const parseMs = Number(process.hrtime.bigint() - parseStart) / 1e6;
  if (parsed.type !== 'success') throw new Error(`${setId}: ${JSON.stringify(parsed.errors)}`);
  const call = {
    principal: c.principal,
    action: c.action,
    resource: c.resource,
    context: c.context,
    preparsedPolicySetId: setId,
    entities: c.entities,
  };
  const first = cedar.statefulIsAuthorized(call);
  if (first.type !== 'success' || first.response.decision !== c.expected || first.response.diagnostics.errors.length) {
    throw new Error(`${setId}: expected ${c.expected}, got ${JSON.stringify(first)}`);
  }
  // Warm up, then count decisions in batches until the time budget is spent.
  for (let i = 0; i < 200; i++) cedar.statefulIsAuthorized(call);
  const budget = BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let n = 0;
  let elapsed = 0n;
  do {
    for (let i = 0; i < 100; i++) cedar.statefulIsAuthorized(call);
    n += 100;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  const ns = Number(elapsed) / n;
  return { statements: c.statements, entities: c.entities.length, decision: first.response.decision, reasons: first.response.diagnostics.reason,
    meanNs: ns, opsPerSecond: 1e9 / ns, preparseMs: parseMs };
}

function main() {
  const dir = process.argv[2];
  const seconds = Number(process.argv[3] || 5);
  if (!dir) {
    process.stderr.write('usage: node bench.js DIR [seconds-per-case]\n');
    process.exit(1);
  }
  const out = { engine: `cedar-wasm ${cedar.getCedarVersion()}`, api: 'preparsePolicySet + statefulIsAuthorized' };
  for (const statements of [51, 1001]) {
    const c = loadCase(dir, statements);
    out[`statefulIsAuthorized-${statements}`] = bench(c, seconds);
    out[`statefulIsAuthorized-${statements}-reachableEntities`] = bench({ ...c, entities: reachable(c) }, seconds);
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main();
