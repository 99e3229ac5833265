// Template expansion and the rules every card obeys after it.
import { Buffer } from 'node:buffer';
// The package's entry also re-exports JSONSchemaCard, whose declarations import the TypeScript
// *sources* of `adaptivecards` ('adaptivecards/src/schema'): with adaptivecards installed (a
// devDependency, for tests) tsc would then compile those sources and fail. The engine module
// alone is all we use, and its declarations are self-contained.
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import { compileTemplate } from './compile.ts';
import type { AdaptiveCard, JsonObject, JsonValue } from './models.ts';

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams caps a message at about 80 KB; a card stays well under, leaving room for the activity. */
export const MAX_CARD_BYTES = 40_000;
/** Teams refreshes a card for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

/** The card's serialized size in bytes (UTF-8; never less than `JSON.stringify(card).length`). */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * A template, prepared once and expanded many times: compiled (compile.ts) when it keeps to the
 * expressions the cards use, else expanded by adaptivecards-templating, whose results are the same.
 */
export class CardTemplate<Data extends object> {
  readonly #expand: (data: Data) => JsonValue;

  constructor(json: object) {
    const compiled = compileTemplate(json);
    if (compiled) {
      this.#expand = compiled;
    } else {
      const template = new Template(json);
      // expand() is typed `any`: it returns the template's shape with the data bound in.
      this.#expand = (data) => template.expand({ $root: data }) as JsonValue;
    }
  }

  expand(data: Data): AdaptiveCard {
    const card = withSubmitFallbacks(pruneNulls(this.#expand(data)));
    if (!isCard(card)) throw new Error('the template did not expand to an AdaptiveCard');
    // Every card-level button had a false `$when`: no action bar at all, rather than an empty one.
    if (Array.isArray(card.actions) && card.actions.length === 0) delete card.actions;
    return card;
  }
}

function isCard(v: JsonValue | AdaptiveCard): v is AdaptiveCard {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.type === 'AdaptiveCard' && Array.isArray(v.body);
}

/**
 * adaptivecards-templating leaves `key: null` where an object property's `$when` is false or its
 * `${expression}` is null (only array items are dropped): drop those, so that optional properties
 * (refresh, an input's value) can be written in the template.
 */
export function pruneNulls(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(pruneNulls);
  if (typeof v === 'object' && v !== null) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = pruneNulls(x);
    return out;
  }
  return v;
}

/**
 * Every button is an `Action.Execute`; clients without Universal Actions use its fallback, an
 * `Action.Submit` carrying the same data and the verb (it arrives as a message with `value`).
 * Templates write only the Execute; this adds the fallback, so the two cannot drift apart.
 * The refresh action is not a button and gets none.
 */
export function withSubmitFallbacks(v: JsonValue, key?: string, parentKey?: string): JsonValue {
  if (Array.isArray(v)) return v.map((x) => withSubmitFallbacks(x, undefined, key));
  if (typeof v !== 'object' || v === null) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) out[k] = withSubmitFallbacks(x, k, key);
  const isRefresh = key === 'action' && parentKey === 'refresh';
  if (out.type === 'Action.Execute' && !isRefresh) {
    const verb = out.verb;
    const data = out.data;
    if (typeof verb !== 'string' || typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new Error(`an Action.Execute needs a verb and a data object (${JSON.stringify(out).slice(0, 200)})`);
    }
    const fallback: JsonObject = { type: 'Action.Submit' };
    for (const k of ['title', 'style', 'associatedInputs', 'tooltip', 'iconUrl'] as const) {
      const x = out[k];
      if (x !== undefined) fallback[k] = x;
    }
    fallback.data = { ...data, verb };
    out.fallback = fallback;
  }
  return out;
}

/** The users a card refreshes for: distinct, non-empty, at most 60. */
export function cappedRefreshIds(ids: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  for (const id of ids ?? []) {
    if (seen.size >= MAX_REFRESH_USERS) break;
    const clean = id.trim();
    if (clean !== '') seen.add(clean);
  }
  return [...seen];
}

/**
 * The first of `attempts` (most complete first) whose card fits in MAX_CARD_BYTES; the last one
 * if none does (the attempts should end with one that always fits).
 */
export function fitting(attempts: ReadonlyArray<() => AdaptiveCard>): AdaptiveCard {
  let card: AdaptiveCard | undefined;
  for (const attempt of attempts) {
    card = attempt();
    if (cardBytes(card) < MAX_CARD_BYTES) return card;
  }
  if (!card) throw new Error('no card to fit');
  return card;
}
