// What a request id stands for: the digest of what was asked, and whether a stored request row is
// the same request (a retry) or its id reused for another change.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  readRequestRow,
  requestDigest,
  requestFields,
  requestMark,
  sameAsk,
  sameRequest,
} from '../../storage/requests.ts';

describe('requestDigest', () => {
  it('is the SHA-256 of the defined fields in key order', () => {
    const expected = createHash('sha256')
      .update(
        JSON.stringify([
          ['note', 'done'],
          ['status', 'completed'],
        ]),
      )
      .digest('hex');
    expect(requestDigest({ status: 'completed', note: 'done' })).toBe(expected);
  });

  it('does not depend on the order the fields were given in, or on fields left undefined', () => {
    const a = requestDigest({ status: 'completed', note: 'done' });
    expect(requestDigest({ note: 'done', status: 'completed' })).toBe(a);
    expect(requestDigest({ note: 'done', status: 'completed', partly: undefined })).toBe(a);
  });

  const base = { status: 'completed', note: 'done' };
  it.each([
    ['another note', base, { status: 'completed', note: 'done.' }],
    ['no note', base, { status: 'completed' }],
    ['the note as the status', base, { status: 'done', note: 'completed' }],
    ['a null instead of a missing field', base, { ...base, to: null }],
    ['a number instead of a boolean', { ...base, partly: true }, { ...base, partly: 1 }],
    ['text instead of a boolean', { ...base, partly: true }, { ...base, partly: 'true' }],
  ])('differs for %s', (_name, a, b) => {
    expect(requestDigest(b)).not.toBe(requestDigest(a));
  });

  it('tells apart values that would run together if simply joined', () => {
    expect(requestDigest({ a: 'x|y', b: 'z' })).not.toBe(requestDigest({ a: 'x', b: 'y|z' }));
  });
});

describe('requestMark', () => {
  it('is undefined without a request id, so nothing is recorded', () => {
    expect(requestMark(undefined, 'jane-doe', 'reply', { note: 'done' })).toBeUndefined();
  });

  it('carries the id, the actor, the verb and the digest of the payload', () => {
    expect(requestMark('r-1', 'jane-doe', 'reply', { note: 'done' })).toEqual({
      id: 'r-1',
      actor: 'jane-doe',
      verb: 'reply',
      digest: requestDigest({ note: 'done' }),
    });
  });
});

describe('sameRequest', () => {
  const mark = requestMark('r-1', 'jane-doe', 'reply', { status: 'completed', note: 'done' });
  if (!mark) throw new Error('no mark');
  const row = requestFields('action', '2023-03-14.n001', mark);

  it('is true for the very request again (a retry)', () => {
    expect(sameRequest(row, 'action', '2023-03-14.n001', { ...mark })).toBe(true);
  });

  it.each([
    ['another record', 'action', '2023-03-14.n002', mark],
    ['a question of the same id', 'question', '2023-03-14.n001', mark],
    ['another person', 'action', '2023-03-14.n001', { ...mark, actor: 'sam-carter-lee' }],
    ['another verb', 'action', '2023-03-14.n001', { ...mark, verb: 'delegate' }],
    [
      'another note',
      'action',
      '2023-03-14.n001',
      { ...mark, digest: requestDigest({ status: 'completed', note: 'not done' }) },
    ],
  ] as const)('is false for %s', (_name, kind, recordId, wanted) => {
    expect(sameRequest(row, kind, recordId, wanted)).toBe(false);
  });

  it('matches a row from before rows said what they were for by its id alone', () => {
    expect(sameRequest({ recordId: '2023-03-14.n001' }, 'action', '2023-03-14.n002', mark)).toBe(true);
    expect(sameRequest({}, 'question', 'anything', { ...mark, actor: 'someone-else' })).toBe(true);
  });
});

describe('sameAsk', () => {
  const mark = requestMark('r-1', 'jane-doe', 'reply', { note: 'done' });
  if (!mark) throw new Error('no mark');
  it('is true for the same person asking the same thing, false for anyone or anything else', () => {
    expect(sameAsk({ ...mark }, mark)).toBe(true);
    expect(sameAsk({ ...mark, actor: 'alex-wong' }, mark)).toBe(false);
    expect(sameAsk({ ...mark, verb: 'takeBack' }, mark)).toBe(false);
    expect(sameAsk({ ...mark, digest: requestDigest({ note: 'not done' }) }, mark)).toBe(false);
    expect(sameAsk({}, mark)).toBe(false);
  });
});

describe('readRequestRow', () => {
  it('keeps the text columns a request row has, and nothing else', () => {
    expect(
      readRequestRow({
        partitionKey: 'p',
        rowKey: 'r|x',
        recordId: 'a1',
        version: 3,
        kind: 'action',
        actor: 'jd',
        verb: 'reply',
        digest: 'abc',
      }),
    ).toEqual({ recordId: 'a1', kind: 'action', actor: 'jd', verb: 'reply', digest: 'abc' });
    expect(readRequestRow({ recordId: 'a1', version: 2 })).toEqual({ recordId: 'a1' });
    expect(readRequestRow({ recordId: 7, digest: null })).toEqual({});
  });
});
