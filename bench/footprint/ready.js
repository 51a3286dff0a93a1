#!/usr/bin/env node
// Starts one command and times it from spawn to the first healthy GET /readyz; prints one JSON line
// {"readyMs": n, "pid": n} and leaves the process running (stop it with the pid) unless --stop is given.
//
// usage: node ready.js URL [--stop] [--timeout-ms N] -- COMMAND [ARG ...]
'use strict';

const { spawn } = require('child_process');
const http = require('http');
const fs = require('fs');

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
if (split < 1 || split === argv.length - 1) {
  process.stderr.write('usage: node ready.js URL [--stop] [--timeout-ms N] [--log FILE] -- COMMAND [ARG ...]\n');
  process.exit(1);
}
const [url, ...flags] = argv.slice(0, split);
const [command, ...args] = argv.slice(split + 1);
const stop = flags.includes('--stop');
const timeoutMs = Number(flags[flags.indexOf('--timeout-ms') + 1]) || 30000;
const logAt = flags.indexOf('--log');
const log = logAt >= 0 ? fs.openSync(flags[logAt + 1], 'a') : 'ignore';

const started = process.hrtime.bigint();
const child = spawn(command, args, { stdio: ['ignore', log, log], detached: !stop });
let exited = null;
child.on('exit', (code, signal) => { exited = signal || code; });

function ready() {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

(async () => {
  for (;;) {
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (exited !== null) { process.stderr.write(`the command exited (${exited}) before it was ready\n`); process.exit(1); }
    if (elapsedMs > timeoutMs) { child.kill('SIGKILL'); process.stderr.write(`not ready after ${timeoutMs} ms\n`); process.exit(1); }
    if (await ready()) {
      const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(JSON.stringify({ readyMs: Math.round(readyMs), pid: child.pid }));
      if (stop) { child.kill('SIGTERM'); await new Promise((r) => (exited !== null ? r() : child.on('exit', r))); }
      else { child.unref(); }
      process.exit(0);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
})();
