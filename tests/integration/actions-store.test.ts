import { beforeAll, describe, expect, it } from 'vitest';
import { createActionStore, type ActionStore } from '../../storage/actions.ts';
import { isAlreadyExists, isConflict } from '../../storage/errors.ts';
import type { Action, Actor, Scope } from '../../bot/rules/types.ts';
import { applyPatch, newAction } from '../../bot/rules/changes.ts';
import type { TableClient } from '@azure/data-tables';
import { key, keyPart, scopeKey } from '../../storage/keys.ts';
import { REQUEST_REUSED, RequestReusedError, requestDigest, type RequestMark } from '../../storage/requests.ts';
import { testTables } from '../helpers/tables.ts';

const scope: Scope = { tenant: 'tenant-1', board: 'PAM' };
const secretariat: Actor = { id: 'pn', name: 'Priya Nair', role: 'secretariat', personId: 'pn', channel: 'cli' };
const jane: Actor = { id: 'jd', name: 'Jane Doe', role: 'member', personId: 'jd', channel: 'teams' };
const T0 = '2023-03-14T12:00:00.000Z';

function draft(id: string, meeting = '2023-03-14', owners = [{ label: 'JD', personId: 'jd' }]) {
  return newAction(
    {
      id,
      ref: { shape: 'numbered', meeting, number: 1 },
      meeting,
      owners,
      ownerText: 'JD',
      ownerForm: 'prefix',
      text: `Task ${id}`,
    },
    secretariat,
    T0,
  );
}

/** A request of Jane's: a reply with this note, under this id. */
const asked = (id: string, note = 'done'): RequestMark => ({
  id,
  actor: 'jd',
  verb: 'reply',
  digest: requestDigest({ note }),
});

let store: ActionStore;
let table: TableClient;
beforeAll(async () => {
  table = (await testTables()).client('actions');
  store = createActionStore(table);
});

describe('action store', () => {
  it('round-trips an action and its first history entry', async () => {
    const { next, history } = draft('2023-03-14.n001');
    await store.create(scope, next, history);
    const got = await store.get(scope, next.id);
    expect(got?.action).toEqual(next);
    expect(got?.etag).toMatch(/datetime/);
    const h = await store.history(scope, next.id);
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({
      kind: 'created',
      by: 'pn',
      channel: 'cli',
      changes: [{ field: 'status', to: 'open' }],
    });
  });

  it('refuses to create the same action twice', async () => {
    const { next, history } = draft('2023-03-14.n002');
    await store.create(scope, next, history);
    const err = await store.create(scope, next, history).catch((e: unknown) => e);
    expect(isAlreadyExists(err)).toBe(true);
    expect(await store.history(scope, next.id)).toHaveLength(1);
  });

  it('keeps other scopes apart', async () => {
    const { next, history } = draft('2023-03-14.n003');
    await store.create({ tenant: 'tenant-2', board: 'PAM' }, next, history);
    expect(await store.get(scope, next.id)).toBeNull();
    expect(await store.get({ tenant: 'tenant-2', board: 'PAM' }, next.id)).not.toBeNull();
  });

  it('rejects a write on a stale ETag and changes nothing', async () => {
    const { next, history } = draft('2023-03-14.n004');
    const first = await store.create(scope, next, history);
    const a = applyPatch(first.action, { note: 'first' }, jane, '2023-03-15T09:00:00.000Z');
    const b = applyPatch(first.action, { note: 'second' }, jane, '2023-03-15T09:00:01.000Z');
    await store.replace(scope, first, a!);
    const err = await store.replace(scope, first, b!).catch((e: unknown) => e);
    expect(isConflict(err)).toBe(true);
    expect((await store.get(scope, next.id))?.action.latestNote).toBe('first');
    expect(await store.history(scope, next.id)).toHaveLength(2);
  });

  it('two concurrent writers: one wins, the other retries on fresh data, both changes kept', async () => {
    const { next, history } = draft('2023-03-14.n005');
    await store.create(scope, next, history);
    let reads = 0;
    const [x, y] = await Promise.all([
      store.change(scope, next.id, (cur) => {
        reads++;
        return applyPatch(cur, { status: 'in_progress' }, jane, '2023-03-16T09:00:00.000Z');
      }),
      store.change(scope, next.id, (cur) => {
        reads++;
        return applyPatch(cur, { due: '2023-04-11' }, secretariat, '2023-03-16T09:00:00.000Z');
      }),
    ]);
    expect(x && y).toBeTruthy();
    const final = (await store.get(scope, next.id))!.action;
    expect(final.status).toBe('in_progress');
    expect(final.due).toBe('2023-04-11');
    expect(final.version).toBe(3);
    expect(reads).toBeGreaterThanOrEqual(2);
    const h = await store.history(scope, next.id);
    expect(h.map((e) => e.changes.map((c) => c.field).join())).toEqual(expect.arrayContaining(['status', 'due']));
    expect(h).toHaveLength(3);
  });

  it('keeps the open list and the owner index consistent through reassignment and discharge', async () => {
    const { next, history } = draft('2023-03-14.n006');
    await store.create(scope, next, history);
    const openIds = async () => (await store.listOpen(scope)).map((a) => a.id);
    const ownedBy = async (p: string) => (await store.listOpenFor(scope, p)).map((a) => a.id);
    expect(await ownedBy('jd')).toContain(next.id);

    await store.change(scope, next.id, (cur) =>
      applyPatch(
        cur,
        {
          owners: [
            { label: 'SCL', personId: 'scl' },
            { label: 'AW', personId: 'aw' },
          ],
          ownerText: 'SCL / AW',
        },
        secretariat,
        T0,
      ),
    );
    expect(await ownedBy('jd')).not.toContain(next.id);
    expect(await ownedBy('scl')).toContain(next.id);
    expect(await ownedBy('aw')).toContain(next.id);
    expect((await store.listOpenFor(scope, 'scl')).find((a) => a.id === next.id)?.ownerText).toBe('SCL / AW');

    await store.change(scope, next.id, (cur) => applyPatch(cur, { status: 'discharged' }, secretariat, T0));
    expect(await openIds()).not.toContain(next.id);
    expect(await ownedBy('scl')).not.toContain(next.id);
    expect((await store.listAll(scope)).map((a) => a.id)).toContain(next.id);
  });

  it('lists a meeting’s actions and nothing of the meetings either side', async () => {
    for (const [id, meeting] of [
      ['2023-02-14.n001', '2023-02-14'],
      ['2023-04-11.n001', '2023-04-11'],
      ['2023-04-11.i002', '2023-04-11'],
    ] as const) {
      const { next, history } = draft(id, meeting);
      await store.create(scope, next, history);
    }
    expect((await store.listForMeeting(scope, '2023-04-11')).map((a: Action) => a.id)).toEqual([
      '2023-04-11.i002',
      '2023-04-11.n001',
    ]);
  });

  it('returns null for a change to an action that does not exist', async () => {
    expect(
      await store.change(scope, '2099-01-01.n001', () => {
        throw new Error('not called');
      }),
    ).toBeNull();
  });
});

describe('a retried request', () => {
  it('is applied once, even when the retry races the first attempt', async () => {
    const { next, history } = draft('2023-03-14.n010');
    await store.create(scope, next, history);
    const reply = (at: string) => (cur: Action) => applyPatch(cur, { note: 'done', status: 'completed' }, jane, at);
    const [a, b] = await Promise.all([
      store.change(scope, next.id, reply('2023-03-20T09:00:00.000Z'), asked('activity-1')),
      store.change(scope, next.id, reply('2023-03-20T09:00:00.500Z'), asked('activity-1')),
    ]);
    const later = await store.change(scope, next.id, reply('2023-03-20T09:01:00.000Z'), asked('activity-1'));
    expect([a?.duplicate ?? false, b?.duplicate ?? false].sort()).toEqual([false, true]);
    expect(later?.duplicate).toBe(true);
    expect(await store.history(scope, next.id)).toHaveLength(2);
    expect((await store.get(scope, next.id))?.action).toMatchObject({ status: 'completed', version: 2 });
  });

  it('is refused, writing nothing, when its id comes back for another note, another action or another person', async () => {
    const { next, history } = draft('2023-03-14.n011');
    const other = draft('2023-03-14.n012');
    await store.create(scope, next, history);
    await store.create(scope, other.next, other.history);
    const note = (text: string) => (cur: Action) => applyPatch(cur, { note: text }, jane, '2023-03-20T09:00:00.000Z');
    expect((await store.change(scope, next.id, note('first'), asked('shared', 'first')))?.action.latestNote).toBe(
      'first',
    );
    const refusals = await Promise.all(
      [
        store.change(scope, next.id, note('second'), asked('shared', 'second')),
        store.change(scope, other.next.id, note('first'), asked('shared', 'first')),
        store.change(scope, next.id, note('first'), { ...asked('shared', 'first'), actor: 'scl' }),
        store.change(scope, next.id, note('first'), { ...asked('shared', 'first'), verb: 'delegate' }),
      ].map((p) => p.catch((e: unknown) => e)),
    );
    for (const err of refusals) {
      expect(err).toBeInstanceOf(RequestReusedError);
      expect((err as Error).message).toBe(REQUEST_REUSED);
    }
    expect((await store.history(scope, next.id)).map((h) => h.note)).toEqual([undefined, 'first']);
    expect(await store.history(scope, other.next.id)).toHaveLength(1);
    expect((await store.get(scope, other.next.id))?.action.version).toBe(1);
  });

  it('reads a request row written before rows said what they were for as matching by its id alone', async () => {
    const { next, history } = draft('2023-03-14.n013');
    await store.create(scope, next, history);
    const old = 'from-an-older-release';
    await table.createEntity({
      partitionKey: scopeKey(scope),
      rowKey: key('r', keyPart(old)),
      recordId: next.id,
      version: 2,
    });
    expect(await store.applied(scope, next.id, asked(old, 'anything'))).toBe('retry');
    const replay = await store.change(
      scope,
      next.id,
      (cur) => applyPatch(cur, { note: 'anything' }, jane, '2023-03-20T09:00:00.000Z'),
      asked(old, 'anything'),
    );
    expect(replay?.duplicate).toBe(true);
    expect(await store.history(scope, next.id)).toHaveLength(1);
  });
});

describe('several changes of one action in one transaction (commit)', () => {
  const at = (s: number) => `2023-03-15T09:00:${String(s).padStart(2, '0')}.000Z`;

  it('writes the action once, at the last version, with every change in its history and request rows', async () => {
    const { next, history } = draft('2023-03-14.n101');
    const first = await store.create(scope, next, history);
    const a = applyPatch(first.action, { note: 'one', status: 'in_progress' }, jane, at(1))!;
    const b = applyPatch(a.next, { note: 'two' }, jane, at(2))!;
    const c = applyPatch(b.next, { status: 'completed', note: 'three' }, jane, at(3))!;
    const saved = await store.commit(scope, first, [
      { change: a, request: asked('r1', 'one') },
      { change: b },
      { change: c, request: asked('r3', 'three') },
    ]);
    expect(saved.action).toMatchObject({ version: 4, status: 'completed', latestNote: 'three' });
    expect((await store.get(scope, next.id))?.action).toEqual(saved.action);
    const h = await store.history(scope, next.id);
    expect(h.map((e) => [e.version, e.note])).toEqual([
      [1, undefined],
      [2, 'one'],
      [3, 'two'],
      [4, 'three'],
    ]);
    expect(await store.applied(scope, next.id, asked('r1', 'one'))).toBe('retry');
    expect(await store.applied(scope, next.id, asked('r3', 'three'))).toBe('retry');
    expect(await store.applied(scope, next.id, asked('r2', 'two'))).toBe('new');
    // The same ids asked for anything else: another note, another action, another person.
    expect(await store.applied(scope, next.id, asked('r1', 'three'))).toBe('reused');
    expect(await store.applied(scope, '2023-03-14.n001', asked('r1', 'one'))).toBe('reused');
    expect(await store.applied(scope, next.id, { ...asked('r1', 'one'), actor: 'scl' })).toBe('reused');
    // Completed is still open (awaiting discharge): the owner's index row carries the last state.
    expect((await store.listOpenFor(scope, 'jd')).find((x) => x.id === next.id)).toMatchObject({
      version: 4,
      status: 'completed',
    });
  });

  it('writes nothing when the action changed since it was read (412) or a request was already applied (409)', async () => {
    const { next, history } = draft('2023-03-14.n102');
    const first = await store.create(scope, next, history);
    const moved = await store.replace(
      scope,
      first,
      applyPatch(first.action, { note: 'someone else' }, jane, at(1))!,
      asked('taken', 'someone else'),
    );
    const a = applyPatch(first.action, { note: 'mine' }, jane, at(2))!;
    expect(isConflict(await store.commit(scope, first, [{ change: a }]).catch((e: unknown) => e))).toBe(true);

    const b = applyPatch(moved.action, { note: 'again' }, jane, at(3))!;
    const c = applyPatch(b.next, { note: 'replayed' }, jane, at(4))!;
    expect(
      isAlreadyExists(
        await store
          .commit(scope, moved, [
            { change: b, request: asked('fresh', 'again') },
            { change: c, request: asked('taken', 'replayed') },
          ])
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
    expect((await store.get(scope, next.id))?.action).toEqual(moved.action);
    expect(await store.history(scope, next.id)).toHaveLength(2);
    expect(await store.applied(scope, next.id, asked('fresh', 'again'))).toBe('new');
  });

  it('refuses changes whose versions do not follow on, before writing anything', async () => {
    const { next, history } = draft('2023-03-14.n103');
    const first = await store.create(scope, next, history);
    const a = applyPatch(first.action, { note: 'one' }, jane, at(1))!;
    await expect(store.commit(scope, first, [{ change: a }, { change: a }])).rejects.toThrow('from version 2 to 3');
    expect(await store.history(scope, next.id)).toHaveLength(1);
  });
});
