// Partition and row keys. Table Storage forbids / \ # ? and control characters in keys and caps
// them at 1 KiB; every free-text part is percent-encoded so it can hold none of those, nor our
// '|' separator, and decodes back exactly.
import type { Scope } from '../model/records.ts';

const MAX_KEY_CHARS = 512; // 1 KiB of UTF-16

export class InvalidKeyError extends Error {
  override name = 'InvalidKeyError';
}

// A UTF-16 surrogate without its pair: encodeURIComponent throws on one (URIError), yet a forged
// request can carry one. It is written '%uD800', which percent-encoding never produces ('u' is not
// a hex digit, and a literal '%' becomes '%25'), so the part still decodes back exactly.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPED_SURROGATE = /(%u[0-9A-F]{4})/;

/** One part of a key: any string, encoded so it is safe and cannot be confused with a separator. */
export function keyPart(value: string): string {
  if (value.length === 0) throw new InvalidKeyError('a key part may not be empty');
  let out = '';
  let from = 0;
  for (const m of value.matchAll(LONE_SURROGATE)) {
    out += `${encodeURIComponent(value.slice(from, m.index))}%u${m[0].charCodeAt(0).toString(16).toUpperCase()}`;
    from = m.index + 1;
  }
  return out + encodeURIComponent(value.slice(from));
}

export function decodeKeyPart(part: string): string {
  return part
    .split(ESCAPED_SURROGATE)
    .map((piece, i) => (i % 2 === 1 ? String.fromCharCode(parseInt(piece.slice(2), 16)) : decodeURIComponent(piece)))
    .join('');
}

/** Joins already-safe parts with '|' and checks the result against Table Storage's rules. */
export function key(...parts: string[]): string {
  const joined = parts.join('|');
  if (joined.length > MAX_KEY_CHARS) throw new InvalidKeyError(`key longer than ${MAX_KEY_CHARS} characters`);
  // eslint-disable-next-line no-control-regex -- the control characters are the point
  if (/[\\/#?\u0000-\u001f\u007f-\u009f]/.test(joined))
    throw new InvalidKeyError(`forbidden character in key "${joined}"`);
  return joined;
}

/** The partition of one board of one tenant. */
export function scopeKey(scope: Scope): string {
  return key(keyPart(scope.tenant), keyPart(scope.board));
}

/** Bounds for a RowKey range query over every key starting with `prefix`. */
export function prefixRange(prefix: string): { from: string; to: string } {
  const last = prefix.charCodeAt(prefix.length - 1);
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}
