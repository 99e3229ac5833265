// The imports table on Azurite: minutes held between the preview and Import, kept whole however
// large (deflated and split under the 64 KB a property), changed only on the ETag they were read
// with, and gone a day later.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../bot/rules/types.ts';
import { StorageLimitError } from '../../storage/limits.ts';
import {
  createPendingImportStore,
  digestOf,
  PENDING_TTL_MS,
  type NewPending,
  type PendingImportStore,
} from '../../storage/pending-imports.ts';
import { testTables } from '../helpers/tables.ts';

const scope: Scope = { tenant: 'tenant-1', board: 'PAM' };
const NOW = new Date('2023-03-20T10:00:00Z');

const held = (record: string, more: Partial<NewPending> = {}): NewPending => ({
  by: { id: 'pn', name: 'Priya Nair' },
  source: 'minutes.docx',
  planDigest: 'p'.repeat(64),
  record,
  ...more,
});

let store: PendingImportStore;
beforeAll(async () => {
  store = createPendingImportStore((await testTables()).client('imports'));
});

describe('pending imports', () => {
  it('holds the reading under a new id with its digest, for a day', async () => {
    const record = JSON.stringify({ meeting: { date: '2023-03-14' }, unplaced: [] });
    const { pending } = await store.hold(scope, held(record, { meeting: '2023-03-14' }), NOW);
    expect(pending).toMatchObject({
      state: 'pending',
      digest: digestOf(record),
      meeting: '2023-03-14',
      createdAt: NOW.toISOString(),
      expiresAt: new Date(NOW.getTime() + PENDING_TTL_MS).toISOString(),
    });
    expect((await store.get(scope, pending.id))?.pending).toEqual(pending);
    expect(await store.get(scope, 'no-such-id')).toBeNull();
    expect(await store.get({ ...scope, board: 'Other' }, pending.id)).toBeNull();
  });

  it('keeps a reading far over 64 KB whole, deflated and split over several columns', async () => {
    // Random text hardly deflates: this needs several 32,000-character columns.
    const record = JSON.stringify({ lines: Array.from({ length: 300 }, () => randomBytes(300).toString('base64')) });
    expect(record.length).toBeGreaterThan(100_000);
    const { pending } = await store.hold(scope, held(record), NOW);
    const read = await store.get(scope, pending.id);
    expect(read?.pending.record).toBe(record);
  });

  it('refuses, in words, a reading too large to hold', async () => {
    const record = randomBytes(800_000).toString('base64');
    await expect(store.hold(scope, held(record), NOW)).rejects.toThrow(StorageLimitError);
    await expect(store.hold(scope, held(record), NOW)).rejects.toThrow(/too large to hold for a preview/);
  });

  it('changes one only on the ETag it was read with; a second writer is told, not overwritten', async () => {
    const first = await store.hold(scope, held('{"a":1}'), NOW);
    const { record: _r, ...rest } = first.pending;
    const applied = await store.replace(scope, { ...rest, state: 'applied', outcome: '{"done":true}' }, first);
    expect(applied?.pending.state).toBe('applied');
    // The same read again (a second press that read before the first wrote): refused.
    expect(await store.replace(scope, { ...first.pending, state: 'cancelled' }, first)).toBeNull();
    const now = await store.get(scope, first.pending.id);
    expect(now?.pending).toMatchObject({ state: 'applied', outcome: '{"done":true}' });
    expect(now?.pending.record).toBeUndefined();
  });

  it('deletes the expired ones of the board when the next is held', async () => {
    const old = await store.hold(scope, held('{"old":true}'), new Date(NOW.getTime() - PENDING_TTL_MS - 1_000));
    const recent = await store.hold(scope, held('{"recent":true}'), new Date(NOW.getTime() - 60_000));
    await store.hold(scope, held('{"new":true}'), NOW);
    expect(await store.get(scope, old.pending.id)).toBeNull();
    expect(await store.get(scope, recent.pending.id)).not.toBeNull();
  });
});
