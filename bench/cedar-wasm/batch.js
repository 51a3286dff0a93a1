#!/usr/bin/env node
// The Cedar reference doing `chatopsjit policy authorize --batch`'s work in one Node process: read a policy file and a
// JSONL file of requests ({principal, action, resource, context, entities} per line), decide each with cedar-wasm and
// write one JSON answer line per request, in order: {"decision", "reasons", "errors"} (or {"error"} for a bad line).
//
// usage: node batch.js POLICIES.cedar REQUESTS.jsonl > answers.jsonl
//
// The policy set is pre-parsed once (preparsePolicySet) and each line goes through statefulIsAuthorized, as in bench.js.
'use strict';

const fs = require('fs');
const readline = require('readline');
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

const [policiesFile, requestsFile] = process.argv.slice(2);
if (!policiesFile || !requestsFile) {
  process.stderr.write('usage: node batch.js POLICIES.cedar REQUESTS.jsonl\n');
  process.exit(1);
}

const parsed = cedar.preparsePolicySet('batch', { staticPolicies: fs.readFileSync(policiesFile, 'utf8') });
if (parsed.type !== 'success') {
  process.stderr.write(`error: ${JSON.stringify(parsed.errors)}\n`);
  process.exit(1);
}

const uid = (u) => (u && u.__entity ? u.__entity : u);
let out = [];
let bad = 0;
const flush = () => { if (out.length) { fs.writeSync(1, out.join('')); out = []; } };

const lines = readline.createInterface({ input: fs.createReadStream(requestsFile), crlfDelay: Infinity });
let n = 0;
lines.on('line', (line) => {
  n++;
  if (line.trim() === '') return;
  let answer;
  try {
    const r = JSON.parse(line);
    const result = cedar.statefulIsAuthorized({
      principal: uid(r.principal), action: uid(r.action), resource: uid(r.resource),
      context: r.context || {}, preparsedPolicySetId: 'batch', entities: r.entities || [],
    });
    if (result.type !== 'success') throw new Error(result.errors.map((e) => e.message).join('; '));
    const d = result.response.diagnostics;
    answer = { decision: result.response.decision, reasons: d.reason,
      errors: d.errors.map((e) => ({ policy: e.policyId, message: e.error.message })) };
  } catch (e) {
    bad++;
    answer = { error: `line ${n} is not a valid request: ${e.message}` };
    process.stderr.write(`error: ${answer.error}\n`);
  }
  out.push(JSON.stringify(answer) + '\n');
  if (out.length >= 1000) flush();
});
lines.on('close', () => { flush(); process.exitCode = bad ? 1 : 0; });
