// A card template compiled once into plain functions, for the few expression forms the cards use:
// `${path}`, `${not(path)}`, text with `${path}` in it, `$when` and `$data`. Each is expanded
// exactly as adaptivecards-templating expands it (tests/unit/card-compile.test.ts checks every
// template against it), without parsing and evaluating an Adaptive Expression per binding per card.
// A template using anything more is not compiled (compileTemplate says undefined), and the library expands it.
import type { JsonValue } from './models.ts';

/** Where an expression is evaluated: the whole data, the item `$data` repeats over, its index. */
interface Scope {
  root: unknown;
  data: unknown;
  index: number | undefined;
}

type Expand = (scope: Scope) => unknown;

/** What the library leaves out of an expanded object: the keys it reads for itself. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const PATH = String.raw`[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*`;
const WHOLE = new RegExp(String.raw`^\$\{(${PATH})\}$`);
const NOT = new RegExp(String.raw`^\$\{not\((${PATH})\)\}$`);
const PART = new RegExp(String.raw`\$\{(${PATH})\}`, 'g');
/** Text around expressions that the library's string grammar reads as itself, unchanged. */
const PLAIN = /^[^\\`${}]*$/;

class Unsupported extends Error {}

/**
 * A property as the library reads it: only an object's own (a string's or a number's are none a
 * name can reach), its name matched ignoring case, the exact name first: the same key for any
 * object whose names differ other than in case, as the cards' data always do.
 */
function property(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  if (Object.hasOwn(fields, name)) return fields[name];
  const lower = name.toLowerCase();
  const key = Object.keys(fields).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : fields[key];
}

/** The value at a dotted path: from `$root`, `$data` or `$index`, or else from the current data. */
function reader(path: string): (scope: Scope) => unknown {
  const [first = '', ...rest] = path.split('.');
  let start: (scope: Scope) => unknown;
  if (first === '$root') start = (s) => s.root;
  else if (first === '$data') start = (s) => s.data;
  else if (first === '$index') start = (s) => s.index;
  else if (first.startsWith('$')) throw new Unsupported(path);
  else {
    const name = first;
    start = (s) => property(s.data, name);
  }
  if (rest.length === 0) return start;
  return (s) => {
    let value = start(s);
    for (const name of rest) value = property(value, name);
    return value;
  };
}

/** `${path}` alone keeps the value's type; missing, it stays written as the binding. */
function whole(path: string): Expand {
  const read = reader(path);
  const unbound = `\${${path}}`;
  return (s) => {
    const value = read(s);
    return value === undefined ? unbound : value;
  };
}

/** The library's truth for `not()` and `$when`-less logic: false, null and undefined are false. */
const logicTrue = (v: unknown): boolean => (typeof v === 'boolean' ? v : v !== null && v !== undefined);

function expression(text: string): Expand | undefined {
  if (!text.includes('${')) return undefined;
  const alone = WHOLE.exec(text);
  if (alone?.[1]) return whole(alone[1]);
  const negated = NOT.exec(text);
  if (negated?.[1]) {
    const read = reader(negated[1]);
    return (s) => !logicTrue(read(s));
  }
  // Text with bindings: each value as its toString() gives it (a null one throws, as in the library).
  const parts: Array<string | Expand> = [];
  let at = 0;
  for (const m of text.matchAll(PART)) {
    const before = text.slice(at, m.index);
    if (!PLAIN.test(before)) throw new Unsupported(text);
    if (before) parts.push(before);
    parts.push(whole(m[1] ?? ''));
    at = m.index + m[0].length;
  }
  const after = text.slice(at);
  if (!PLAIN.test(after) || parts.length === 0) throw new Unsupported(text);
  if (after) parts.push(after);
  return (s) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : (p(s) as { toString(): string }).toString();
    return out;
  };
}

function compileNode(node: unknown): Expand {
  if (typeof node === 'string') return expression(node) ?? (() => node);
  if (Array.isArray(node)) return compileArray(node);
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>);
  return () => node;
}

/** Items that expand to null are left out, and an item that expands to a list puts its items in its place. */
function compileArray(items: unknown[]): Expand {
  const each = items.map(compileNode);
  return (s) => {
    const out: unknown[] = [];
    for (const item of each) {
      const value = item(s);
      if (value === null) continue;
      if (Array.isArray(value)) out.push(...(value as unknown[]));
      else out.push(value);
    }
    return out;
  };
}

/**
 * An object once, or once per item of its `$data` list (then a list, or the one object, or null
 * for none), each kept only if its `$when` is exactly true.
 */
function compileObject(node: Record<string, unknown>): Expand {
  const fields = Object.keys(node)
    .filter((k) => !RESERVED.has(k))
    .map((k) => [k, compileNode(node[k])] as const);
  const dataOf = node.$data === undefined ? undefined : boundValue(node.$data, '$data');
  const when = node.$when;
  // A `$when` that is no expression drops the object if it is truthy, as the library does.
  const whenOf: ((s: Scope) => boolean) | undefined =
    typeof when === 'string' && when.includes('${') ? condition(when) : when ? () => false : undefined;
  const one = (s: Scope): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, expand] of fields) {
      const value = expand(s);
      if (value !== undefined) out[k] = value;
    }
    return out;
  };
  return (s) => {
    const contexts = dataOf ? dataOf(s) : undefined;
    if (!Array.isArray(contexts)) {
      const scope = contexts === undefined ? s : { ...s, data: contexts };
      return !whenOf || whenOf(scope) ? one(scope) : null;
    }
    const out: unknown[] = [];
    let scope = s;
    contexts.forEach((item: unknown, index) => {
      scope = { root: s.root, data: item === undefined ? scope.data : item, index };
      if (!whenOf || whenOf(scope)) out.push(one(scope));
    });
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}

/** A `$data` binding: only `${path}`. */
function boundValue(v: unknown, what: string): Expand {
  const m = typeof v === 'string' ? WHOLE.exec(v) : null;
  if (!m?.[1]) throw new Unsupported(`${what}: ${String(v)}`);
  return whole(m[1]);
}

/** A `$when`: `${path}` or `${not(path)}`, true only for the boolean true (no stand-in for a missing value). */
function condition(text: string): (s: Scope) => boolean {
  const m = WHOLE.exec(text);
  if (m?.[1]) {
    const read = reader(m[1]);
    return (s) => read(s) === true;
  }
  const n = NOT.exec(text);
  if (n?.[1]) {
    const read = reader(n[1]);
    return (s) => !logicTrue(read(s));
  }
  throw new Unsupported(`$when: ${text}`);
}

/** The template as a function of its data, or undefined when it uses what this does not compile. */
export function compileTemplate(template: object): ((data: object) => JsonValue) | undefined {
  let expand: Expand;
  try {
    expand = compileNode(template);
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
  return (data) => expand({ root: data, data, index: undefined }) as JsonValue;
}
