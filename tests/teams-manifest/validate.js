#!/usr/bin/env node
// Validates Teams app manifests against Microsoft's JSON schema for each manifest's own manifestVersion.
//
// usage: node validate.js MANIFEST.json [MANIFEST.json ...]
//
// The schema is the one @microsoft/app-manifest ships for that version,
// node_modules/@microsoft/app-manifest/build/json-schemas/teams/v<manifestVersion>/MicrosoftTeams.schema.json, read from
// disk: nothing is fetched. The schemas are draft-04, so they are compiled with ajv-draft-04 and the formats ajv-formats
// adds (uri, email, regex), with the options the package's own AppManifestUtils.validateAgainstSchema uses (allErrors,
// strictTypes off). That function is not called because the package cannot be loaded as published: its code requires
// fs-extra, which it lists only as a devDependency.
//
// For each manifest it prints the schema it used ("FILE: schema teams/v1.30/MicrosoftTeams.schema.json (manifestVersion
// 1.30)"), then "FILE: valid" or one "FILE: <JSON pointer> <message>" line per error. A "$schema" that names another
// version than manifestVersion is an error too.
//
// Exit codes: 0 every manifest is valid; 1 some are not (or are not JSON); 2 the check could not run (bad arguments,
// packages not installed, no schema for a manifestVersion, a schema whose manifestVersion is not that version).
'use strict';

const fs = require('fs');
const path = require('path');

function fail(message) {
  console.error(`validate.js: ${message}`);
  process.exit(2);
}

let Ajv04;
let addFormats;
let packageDir;
try {
  Ajv04 = require('ajv-draft-04');
  addFormats = require('ajv-formats');
  packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
} catch (e) {
  fail(`${e.message}\nthe packages are not installed: run "npm ci" in tests/teams-manifest`);
}

const packageVersion = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
const schemaRoot = path.join(packageDir, 'build', 'json-schemas', 'teams');

const files = process.argv.slice(2);
if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
  fail('usage: node validate.js MANIFEST.json [MANIFEST.json ...]');
}

const available = fs.readdirSync(schemaRoot).filter((d) => /^v\d+\.\d+$/.test(d)).sort((a, b) => {
  const [am, an] = a.slice(1).split('.').map(Number);
  const [bm, bn] = b.slice(1).split('.').map(Number);
  return am - bm || an - bn;
});

const compiled = new Map();

/** The compiled schema for a manifestVersion, or exit 2 when the package has none (or it is for another version). */
function validatorFor(version) {
  if (compiled.has(version)) {
    return compiled.get(version);
  }

  if (!/^\d+\.\d+$/.test(version)) {
    fail(`manifestVersion '${version}' is not a version like 1.30`);
  }

  const relative = `teams/v${version}/MicrosoftTeams.schema.json`;
  const file = path.join(schemaRoot, `v${version}`, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) {
    fail(`@microsoft/app-manifest ${packageVersion} has no schema for manifestVersion ${version} (it has ${available.join(', ')})`);
  }

  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  const declared = schema.properties && schema.properties.manifestVersion && schema.properties.manifestVersion.const;
  if (declared !== version) {
    fail(`${relative} declares manifestVersion ${JSON.stringify(declared)}, not "${version}"`);
  }

  const ajv = new Ajv04({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const entry = { relative, validate: ajv.compile(schema) };
  compiled.set(version, entry);
  return entry;
}

let invalid = 0;
for (const file of files) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    console.log(`${file}: not a JSON file: ${e.message}`);
    invalid++;
    continue;
  }

  const version = manifest && typeof manifest === 'object' ? manifest.manifestVersion : undefined;
  if (typeof version !== 'string') {
    console.log(`${file}: has no manifestVersion, so no schema to check it against`);
    invalid++;
    continue;
  }

  const { relative, validate } = validatorFor(version);
  console.log(`${file}: schema ${relative} (manifestVersion ${version}, @microsoft/app-manifest ${packageVersion})`);

  const problems = [];
  if (!validate(manifest)) {
    for (const error of validate.errors) {
      const params = error.params && Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
      problems.push(`${error.instancePath || '/'} ${error.message}${params}`);
    }
  }

  // Teams reads $schema only as a hint, but one that names another version than manifestVersion is a mistake.
  if (typeof manifest.$schema === 'string' && !manifest.$schema.endsWith(`/teams/v${version}/MicrosoftTeams.schema.json`)) {
    problems.push(`/$schema names ${manifest.$schema}, not the v${version} schema that manifestVersion ${version} is checked against`);
  }

  if (problems.length === 0) {
    console.log(`${file}: valid`);
  } else {
    invalid++;
    for (const problem of problems) {
      console.log(`${file}: ${problem}`);
    }
  }
}

console.log(`${files.length - invalid} of ${files.length} manifest(s) valid`);
process.exit(invalid === 0 ? 0 : 1);
