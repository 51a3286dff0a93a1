#!/usr/bin/env node
// Reference Cedar decisions for the ChatOpsJit differential test.
//
// usage: node decide.js CASES.json|CASES.jsonl|-  > answers.jsonl
//
// Input: a JSON array of cases (or one case per line):
//   {policies: "<cedar text>", entities: [...], principal: {type, id}, action: {...}, resource: {...}, context: {...}}
// Output: one JSON line per case, in input order:
//   {decision: "allow"|"deny", reasons: [policy ids], errors: [policy ids], parseError?: "...", error?: "..."}
// `parseError` means the reference rejected the policy text; `error` means it rejected the request or the
// entities (e.g. a cycle in the entity graph). Policy ids are the reference's positional ids (policy0, policy1, ...).
'use strict';

const fs = require('fs');
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

function readCases(path) {
  const text = fs.readFileSync(path === '-' ? 0 : path, 'utf8');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed);
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}

function messages(errors) {
  return errors.map((e) => e.message + (e.sourceLocations && e.sourceLocations.length && e.sourceLocations[0].label
    ? ` (${e.sourceLocations[0].label})` : '')).join('; ');
}

function decide(c) {
  // Parse first on its own so a policy syntax error is told apart from a bad request or entity graph.
  const parsed = cedar.checkParsePolicySet({ staticPolicies: c.policies });
  if (parsed.type !== 'success') {
    return { decision: 'deny', reasons: [], errors: [], parseError: messages(parsed.errors) };
  }
  const answer = cedar.isAuthorized({
    principal: c.principal,
    action: c.action,
    resource: c.resource,
    context: c.context || {},
    policies: { staticPolicies: c.policies },
    entities: c.entities || [],
  });
  if (answer.type !== 'success') {
    return { decision: 'deny', reasons: [], errors: [], error: messages(answer.errors) };
  }
  const d = answer.response.diagnostics;
  return {
    decision: answer.response.decision,
    reasons: [...d.reason].sort(),
    errors: [...new Set(d.errors.map((e) => e.policyId))].sort(),
    errorMessages: d.errors.map((e) => `${e.policyId}: ${e.error.message}`),
  };
}

function main() {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write('usage: node decide.js CASES.json|CASES.jsonl|-\n');
    process.exit(1);
  }
  const out = [];
  for (const c of readCases(path)) {
    let result;
    try {
      result = decide(c);
    } catch (e) {
      result = { decision: 'deny', reasons: [], errors: [], error: `decide.js: ${e && e.message ? e.message : e}` };
    }
    out.push(JSON.stringify(result));
  }
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
}

main();
