import { describe, expect, it } from 'vitest';
import { decodeKeyPart, InvalidKeyError, key, keyPart, prefixRange, scopeKey } from '../../storage/keys.ts';
import { assertEntityFits, StorageLimitError } from '../../storage/limits.ts';

describe('keys', () => {
  it.each(['a/b', 'back\\slash', 'hash#tag', 'what?', 'pipe|d', 'tab\there', 'nul\u0000', '%41', 'Supt O’Neill'])(
    'encodes %j into a safe part that decodes back',
    (raw) => {
      const part = keyPart(raw);
      // eslint-disable-next-line no-control-regex -- control characters are exactly what a key must not hold
      expect(part).not.toMatch(/[\\/#?|\u0000-\u001f]/);
      expect(decodeKeyPart(part)).toBe(raw);
      expect(() => key('x', part)).not.toThrow();
    },
  );

  it('refuses forbidden characters and over-long keys', () => {
    expect(() => key('a/b')).toThrow(InvalidKeyError);
    expect(() => key('x'.repeat(600))).toThrow(/longer than/);
    expect(() => keyPart('')).toThrow(/empty/);
  });

  it('keeps tenant and board apart even when names contain the separator', () => {
    expect(scopeKey({ tenant: 'a|b', board: 'c' })).not.toBe(scopeKey({ tenant: 'a', board: 'b|c' }));
  });

  it('bounds a prefix range to exactly the keys with that prefix', () => {
    const { from, to } = prefixRange('p|jd|');
    for (const inside of ['p|jd|', 'p|jd|2023', 'p|jd|~']) expect(inside >= from && inside < to).toBe(true);
    for (const outside of ['p|jd', 'p|jdx|1', 'p|je|1']) expect(outside >= from && outside < to).toBe(false);
  });
});

describe('entity limits', () => {
  it('names the property that is too long', () => {
    expect(() => assertEntityFits({ text: 'x'.repeat(32_001) })).toThrow(StorageLimitError);
    expect(() => assertEntityFits({ text: 'x'.repeat(32_001) })).toThrow(/^text is 32001 characters/);
  });

  it('refuses an entity over 1 MB in total', () => {
    const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, 'x'.repeat(30_000)]));
    expect(() => assertEntityFits(big)).toThrow(/bytes/);
    expect(() => assertEntityFits({ a: 'x'.repeat(30_000), n: 5 })).not.toThrow();
  });
});
