// Validates an Adaptive Card as Teams will take it: schema 1.5, parsed and validated by the
// `adaptivecards` SDK under Node (no DOM needed to parse and validate), and the bot's own rules
// (every button an Action.Execute with an Action.Submit fallback, refresh users, size, and what
// makes a card readable by everyone: every input labelled, no pale-yellow text).
// Returns the problems found, one line each; a good card gives [].
//
// `adaptivecards/lib` is ES modules with extensionless imports: plain Node cannot load it, but
// vitest (vite) and tsx resolve it, which is where this helper runs.
import * as AC from 'adaptivecards';
import { CARD_SCHEMA, MAX_CARD_BYTES, MAX_REFRESH_USERS, cardBytes } from '../../cards/index.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Verbs that concern one action: their data must say which, and at which version. */
const ACTION_VERB = /^action\./;

// Properties the SDK parses but leaves out of toJSON() (so the round trip cannot vouch for them).
// `fallback` on an action: the SDK uses it only when the action type is unknown, and drops it.
const NOT_ROUND_TRIPPED = new Set(['fallback']);

export function validateCard(json: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(json)) return ['the card is not a JSON object'];
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${JSON.stringify(json.type)}, not "AdaptiveCard"`);
  if (json.$schema !== CARD_SCHEMA) problems.push(`$schema is ${JSON.stringify(json.$schema)}`);
  const version = typeof json.version === 'string' ? json.version : '';
  if (!/^1\.[0-5]$/.test(version)) problems.push(`version is ${JSON.stringify(json.version)}; Teams takes 1.5 at most`);

  const bytes = cardBytes(json);
  if (bytes >= MAX_CARD_BYTES) problems.push(`the card is ${bytes} bytes; the limit is ${MAX_CARD_BYTES}`);

  problems.push(...sdkProblems(json));
  problems.push(...refreshProblems(json.refresh));
  problems.push(...buttonProblems(json));
  problems.push(...readabilityProblems(json));
  return problems;
}

/**
 * What makes a card hard to read or use for someone: an input without a label (a screen reader
 * announces nothing; the placeholder goes once typing starts), and text in the `Warning` or `Good`
 * colour, which Teams draws pale yellow or pale green, unreadable on its light theme.
 */
export function readabilityProblems(card: unknown): string[] {
  const problems: string[] = [];
  const visit = (v: unknown, path: string, key: string | undefined): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${path}[${i}]`, undefined));
    if (!isObject(v) || key === 'data' || key === 'fallback') return;
    const type = typeof v.type === 'string' ? v.type : '';
    if (type.startsWith('Input.') && (typeof v.label !== 'string' || v.label.trim() === ''))
      problems.push(`${path}: ${type} "${String(v.id)}" has no label`);
    if (typeof v.color === 'string' && v.color.toLowerCase() === 'warning')
      problems.push(`${path}: text in the Warning colour (pale yellow in Teams' light theme)`);
    if (typeof v.color === 'string' && v.color.toLowerCase() === 'good')
      problems.push(`${path}: text in the Good colour (pale green in Teams' light theme)`);
    for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`, k);
  };
  visit(card, '$', undefined);
  return problems;
}

/** Parse with the SDK at version 1.5 (unknown elements, actions and newer properties), then validate. */
function sdkProblems(json: JsonObject): string[] {
  const problems: string[] = [];
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    problems.push(`parse: ${context.getEventAt(i).message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validate: ${e.message}`);
  }
  // What the SDK did not understand it drops silently (a misspelt property, a property on the
  // wrong element): compare what it serializes back with what went in.
  const back: unknown = card.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
  for (const path of dropped(json, back, '$')) problems.push(`not understood: ${path}`);
  return problems;
}

/** Keys present in `source` and missing from the SDK's round trip, except default values. */
function dropped(source: Json, back: unknown, path: string): string[] {
  const out: string[] = [];
  if (Array.isArray(source)) {
    const backArray = Array.isArray(back) ? back : [];
    source.forEach((x, i) => out.push(...dropped(x, backArray[i], `${path}[${i}]`)));
    return out;
  }
  if (!isObject(source)) return out;
  const backObject = isObject(back) ? back : {};
  for (const [k, v] of Object.entries(source)) {
    if (NOT_ROUND_TRIPPED.has(k) && !(k in backObject)) continue;
    if (!(k in backObject)) {
      if (!isDefault(k, v)) out.push(`${path}.${k}`);
      continue;
    }
    // Free-form data (button data) and refresh users are taken as they are.
    if (k === 'data' || k === 'userIds') continue;
    out.push(...dropped(v, backObject[k], `${path}.${k}`));
  }
  return out;
}

// Values the SDK drops on serializing because they are the defaults.
function isDefault(key: string, v: Json): boolean {
  if (v === false && ['isSubtle', 'separator', 'bleed', 'isMultiline', 'showGridLines'].includes(key)) return true;
  if (v === 'default' || v === 'Default') return true;
  return false;
}

function refreshProblems(refresh: Json | undefined): string[] {
  if (refresh === undefined) return [];
  if (!isObject(refresh)) return ['refresh is not an object'];
  const problems: string[] = [];
  const action = refresh.action;
  if (!isObject(action) || action.type !== 'Action.Execute') problems.push('refresh.action is not an Action.Execute');
  else problems.push(...executeProblems(action, 'refresh.action', false));
  const users = refresh.userIds;
  if (users !== undefined) {
    if (!Array.isArray(users) || !users.every((u) => typeof u === 'string' && u !== '')) {
      problems.push('refresh.userIds is not a list of user ids');
    } else if (users.length > MAX_REFRESH_USERS) {
      problems.push(`refresh.userIds has ${users.length} users; Teams takes ${MAX_REFRESH_USERS} at most`);
    }
  }
  return problems;
}

function executeProblems(a: JsonObject, where: string, needsFallback: boolean): string[] {
  const problems: string[] = [];
  const verb = a.verb;
  const data = a.data;
  if (typeof verb !== 'string' || verb === '') problems.push(`${where}: Action.Execute without a verb`);
  if (!isObject(data)) {
    problems.push(`${where}: Action.Execute without a data object`);
  } else if (typeof verb === 'string' && ACTION_VERB.test(verb)) {
    if (typeof data.actionId !== 'string' || data.actionId === '')
      problems.push(`${where}: ${verb} data has no actionId`);
    if (typeof data.board !== 'string' || data.board === '') problems.push(`${where}: ${verb} data has no board`);
    if (typeof data.version !== 'number') problems.push(`${where}: ${verb} data has no numeric version`);
  }
  if (!needsFallback) return problems;
  const fallback = a.fallback;
  if (!isObject(fallback) || fallback.type !== 'Action.Submit') {
    problems.push(`${where}: ${String(verb)} has no Action.Submit fallback`);
  } else if (isObject(data)) {
    const expected = JSON.stringify(sortKeys({ ...data, verb: verb ?? null }));
    const got = JSON.stringify(sortKeys(fallback.data ?? null));
    if (expected !== got)
      problems.push(`${where}: the fallback's data ${got} is not the action's data and verb ${expected}`);
    if (fallback.title !== a.title) problems.push(`${where}: the fallback's title differs`);
  }
  return problems;
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(v[k] ?? null)]),
  );
}

/**
 * Every button (card actions, ActionSets, select actions) is an Action.Execute with its fallback; an
 * Action.ShowCard (a confirmation, a date to choose) only opens a card whose buttons are held to the same.
 */
function buttonProblems(card: JsonObject): string[] {
  const problems: string[] = [];
  const visit = (v: Json, path: string, key: string | undefined): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${path}[${i}]`, undefined));
      return;
    }
    if (!isObject(v)) return;
    if (key === 'refresh' || key === 'fallback' || key === 'data') return;
    const type = typeof v.type === 'string' ? v.type : '';
    if (type === 'Action.Execute') problems.push(...executeProblems(v, path, true));
    else if (type.startsWith('Action.') && type !== 'Action.OpenUrl' && type !== 'Action.ShowCard')
      problems.push(`${path}: ${type} is not an Action.Execute`);
    for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`, k);
  };
  visit(card, '$', undefined);
  return problems;
}

/** Every Action.Execute in the card (buttons and the refresh action), for tests that look at verbs. */
export function executeActions(card: unknown): Array<{ verb: string; data: Record<string, unknown>; title?: string }> {
  const out: Array<{ verb: string; data: Record<string, unknown>; title?: string }> = [];
  const visit = (v: unknown, key: string | undefined): void => {
    if (Array.isArray(v)) return v.forEach((x) => visit(x, undefined));
    if (!isObject(v) || key === 'fallback' || key === 'data') return;
    if (v.type === 'Action.Execute' && typeof v.verb === 'string' && isObject(v.data)) {
      out.push({ verb: v.verb, data: v.data, ...(typeof v.title === 'string' ? { title: v.title } : {}) });
    }
    for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(card, undefined);
  return out;
}

/** Every input of the card (Input.*), by id. */
export function cardInputs(card: unknown): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    if (typeof v.type === 'string' && v.type.startsWith('Input.') && typeof v.id === 'string') out.set(v.id, v);
    Object.values(v).forEach(visit);
  };
  visit(card);
  return out;
}

/** All the text a reader sees (TextBlocks, facts, labels), in order. */
export function visibleTexts(card: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key: string | undefined): void => {
    if (Array.isArray(v)) return v.forEach((x) => visit(x, undefined));
    if (!isObject(v) || key === 'data' || key === 'fallback' || key === 'refresh' || key === 'choices') return;
    if (v.type === 'TextBlock' && typeof v.text === 'string') out.push(v.text);
    if (typeof v.title === 'string' && typeof v.value === 'string' && v.type === undefined)
      out.push(`${v.title}: ${v.value}`);
    for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(card, undefined);
  return out;
}
