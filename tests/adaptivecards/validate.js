#!/usr/bin/env node
// Parses and validates Adaptive Cards with Microsoft's own Adaptive Cards library (npm adaptivecards 3.0.6), as a Teams
// client would before rendering them.
//
// usage: node validate.js FILE
//
// FILE holds a JSON array of card objects (the "content" of an application/vnd.microsoft.card.adaptive attachment).
// Prints a JSON array, one entry per card in input order:
//   {"version": "1.5", "parseEvents": [...], "validationEvents": [...], "fallbackEvents": [...]}
// each event {event, phase, message}, event being the name of the library's ValidationEvent (UnknownElementType,
// TooManyActions, ...) or, in fallbackEvents only, "MissingSubmitFallback".
//
// The library is told what a Teams host is: cards up to version 1.5 (Teams renders no later one, while the library
// itself would accept 1.6), and Microsoft's published Teams host config values that validation reads (interactive,
// at most 6 actions per actions array; samples/HostConfig/microsoft-teams-light.json in microsoft/AdaptiveCards).
//
// What the library does not look at: properties it does not know are dropped without an event. That covers the
// Teams-only "msteams" object (mention entities, width), so nothing here checks it; the C# tests do. "refresh" and
// Action.Execute (1.4) are known to the library and parsed (the refresh action with them).
//
// The library parses an action's "fallback" only when it cannot create the action itself, so a card read as Teams reads
// it never looks at the Action.Submit fallbacks. A second pass therefore reads each card as an older Teams client
// would: with Action.Execute unknown. Its events, less the expected "unknown Action.Execute" ones, are fallbackEvents,
// and so is every Action.Execute whose fallback did not give an Action.Submit. That pass leaves "refresh" out, which
// such a client ignores (it has no fallback by design: the card is simply not refreshed).
//
// Exit codes: 0 the cards were checked (events or not; the caller judges them); 2 the check could not run.
'use strict';

const fs = require('fs');

function fail(message) {
  console.error(`validate.js: ${message}`);
  process.exit(2);
}

let AC;
try {
  // The package's "main" (lib/) is extension-less ESM that Node cannot require; the UMD bundle parses without a DOM.
  AC = require('adaptivecards/dist/adaptivecards.js');
} catch (e) {
  fail(`${e.message}\nthe package is not installed: run "npm ci" in tests/adaptivecards (./test.sh does this)`);
}

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  fail('usage: node validate.js FILE (a JSON array of Adaptive Card objects)');
}

let cards;
try {
  cards = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  fail(`${file} is not JSON: ${e.message}`);
}
if (!Array.isArray(cards)) {
  fail(`${file} must hold a JSON array of cards`);
}

// The Teams host: the version it renders up to, and the host config values that validation reads.
const TEAMS_VERSION = AC.Versions.v1_5;
const teamsHostConfig = new AC.HostConfig({
  supportsInteractivity: true,
  actions: { maxActions: 6 },
  adaptiveCard: { allowCustomStyle: false },
});

const eventName = (event) => AC.ValidationEvent[event] ?? String(event);
const phaseName = (phase) => AC.ValidationPhase[phase] ?? String(phase);

const describe = (e) => ({ event: eventName(e.event), phase: phaseName(e.phase), message: e.message });

// Parses one card for the Teams host; actionRegistry, when given, replaces the library's set of known actions.
function parse(json, actionRegistry) {
  const card = new AC.AdaptiveCard();
  card.hostConfig = teamsHostConfig;
  // Versions above the host's are reported by validation (UnsupportedCardVersion), as for a card newer than Teams.
  card.maxVersion = TEAMS_VERSION;
  const context = new AC.SerializationContext(TEAMS_VERSION);
  if (actionRegistry) {
    context.setActionRegistry(actionRegistry);
  }
  const parsedActions = [];
  context.onParseAction = (action) => parsedActions.push(action.getJsonTypeName());
  card.parse(json, context);

  const parseEvents = [];
  for (let i = 0; i < context.eventCount; i++) {
    parseEvents.push(describe(context.getEventAt(i)));
  }
  const validationEvents = card.validateProperties().validationEvents.map(describe);
  return { parseEvents, validationEvents, parsedActions };
}

// Every Action.Execute anywhere in the JSON but the refresh clause, counted as written.
function countExecute(node) {
  if (Array.isArray(node)) {
    return node.reduce((n, item) => n + countExecute(item), 0);
  }
  if (!node || typeof node !== 'object') {
    return 0;
  }
  let n = node.type === 'Action.Execute' ? 1 : 0;
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'fallback') {
      n += countExecute(value);
    }
  }
  return n;
}

const withoutExecute = new AC.CardObjectRegistry();
AC.GlobalRegistry.populateWithDefaultActions(withoutExecute);
withoutExecute.unregister('Action.Execute');

function fallbackEvents(json) {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return [];
  }
  const { refresh, ...rest } = json;
  const old = parse(rest, withoutExecute);
  const unknownExecute = (e) => e.event === 'UnknownActionType' && e.message.includes('"Action.Execute"');
  const events = [...old.parseEvents.filter((e) => !unknownExecute(e)), ...old.validationEvents];
  const written = countExecute(rest);
  const submits = old.parsedActions.filter((t) => t === 'Action.Submit').length;
  if (submits < written) {
    events.push({
      event: 'MissingSubmitFallback',
      phase: 'Parse',
      message: `${written} Action.Execute but ${submits} Action.Submit read by a client without Action.Execute`,
    });
  }
  return events;
}

function check(json) {
  const teams = parse(json);
  return {
    version: json && typeof json === 'object' && typeof json.version === 'string' ? json.version : null,
    parseEvents: teams.parseEvents,
    validationEvents: teams.validationEvents,
    fallbackEvents: fallbackEvents(json),
  };
}

process.stdout.write(JSON.stringify(cards.map(check)));
