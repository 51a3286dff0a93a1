#!/usr/bin/env node
// Type-checks Slack payloads against Slack's published TypeScript types (@slack/types).
//
// usage: node check.js DIR
//
// DIR holds *.json files, each {"kind": "message"|"modal"|"home"|"options", "payload": {...}}. The script writes
// DIR/payloads.ts declaring one typed constant per file, the payload's JSON as its object literal, and compiles it with
// the TypeScript compiler (strict, noEmit). Because each literal is assigned straight to a typed constant, TypeScript's
// excess-property check applies: a misspelt or unknown field is an error, as is a wrong value ("style": "purple").
// Types catch shapes, not lengths: Block Kit's length limits are checked in C# (BlockKitLimits).
//
// Exit codes: 0 all payloads type-check; 1 some do not (each diagnostic is printed with the file it came from);
// 2 the check could not run (bad arguments, no payloads, packages not installed).
'use strict';

const fs = require('fs');
const path = require('path');

function fail(message) {
  console.error(`check.js: ${message}`);
  process.exit(2);
}

let ts;
let slackTypes;
try {
  ts = require('typescript');
  slackTypes = path.dirname(require.resolve('@slack/types/package.json'));
} catch (e) {
  fail(`${e.message}\nthe packages are not installed: run "npm ci" in tests/slack-types`);
}

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
  fail('usage: node check.js DIR (a directory of *.json payload files)');
}

// A message is what chat.postMessage, chat.update, chat.postEphemeral and response_url take: the text and blocks the
// renderer draws, plus the envelope fields a Slack stand-in may record with them, each typed as Slack documents it.
// Views are checked with KnownBlock[] in place of the views' AnyBlock[]: AnyBlock includes Block ({type: string,
// block_id?}), so a block whose type is misspelt ({"type": "dividr"}) would pass. Each view is then assigned to
// ModalView or HomeView as well, so it is proven to be one.
const KINDS = {
  message: { type: 'MessagePayload' },
  modal: { type: 'StrictModal', also: 'ModalView' },
  home: { type: 'StrictHome', also: 'HomeView' },
  options: { type: 'OptionsPayload' },
};

const PRELUDE = [
  "import type { HomeView, KnownBlock, ModalView, PlainTextOption } from '@slack/types';",
  '',
  'type MessagePayload = {',
  '  text: string;',
  '  blocks: KnownBlock[];',
  '  channel?: string;',
  '  user?: string;',
  '  ts?: string;',
  '  thread_ts?: string;',
  "  response_type?: 'ephemeral' | 'in_channel';",
  '  replace_original?: boolean;',
  '  unfurl_links?: boolean;',
  '  unfurl_media?: boolean;',
  '};',
  "type StrictModal = Omit<ModalView, 'blocks'> & { blocks: KnownBlock[] };",
  "type StrictHome = Omit<HomeView, 'blocks'> & { blocks: KnownBlock[] };",
  'type OptionsPayload = { options: PlainTextOption[] };',
  '',
];

const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  fail(`no *.json payloads in ${dir}`);
}

const lines = [...PRELUDE];
const spans = []; // {file, first, last}: the 0-based lines of the generated source each payload occupies
files.forEach((file, i) => {
  let entry;
  try {
    entry = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch (e) {
    fail(`${file}: not JSON: ${e.message}`);
  }
  const kind = KINDS[entry && entry.kind];
  if (!kind || entry.payload === undefined) {
    fail(`${file}: expected {"kind": "${Object.keys(KINDS).join('"|"')}", "payload": ...}`);
  }
  // One property per line, so a diagnostic's line shows the offending field.
  const literal = JSON.stringify(entry.payload, null, 2).split('\n');
  const first = lines.length;
  lines.push(`const p${i}: ${kind.type} = ${literal[0]}`, ...literal.slice(1));
  lines[lines.length - 1] += ';';
  if (kind.also) {
    lines.push(`const p${i}_is: ${kind.also} = p${i};`);
  }
  spans.push({ file, first, last: lines.length - 1 });
});

const source = path.join(path.resolve(dir), 'payloads.ts');
fs.writeFileSync(source, lines.join('\n') + '\n');

const options = {
  noEmit: true,
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  // The payloads live outside this folder, so @slack/types is resolved from here.
  paths: { '@slack/types': [slackTypes] },
  types: [],
  skipLibCheck: true,
};
const program = ts.createProgram([source], options);
const diagnostics = ts.getPreEmitDiagnostics(program);

const failing = new Set();
for (const d of diagnostics) {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
  if (!d.file || d.start === undefined) {
    failing.add('(no file)');
    console.log(`(no file): TS${d.code}: ${message}`);
    continue;
  }
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  const span = spans.find((s) => line >= s.first && line <= s.last);
  const where = span ? `${span.file} (line ${line - span.first + 1} of its payload)` : `${path.basename(d.file.fileName)}:${line + 1}`;
  failing.add(span ? span.file : where);
  console.log(`${where}: TS${d.code}: ${message}\n  at: ${(lines[line] || '').trim().slice(0, 200)}`);
}

if (diagnostics.length > 0) {
  console.log(`${diagnostics.length} type error(s) in ${failing.size} of ${files.length} payload(s)`);
  process.exit(1);
}
console.log(`${files.length} payload(s) type-check against @slack/types`);
