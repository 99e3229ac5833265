import { beforeAll, describe, expect, it } from 'vitest';
import { createActionStore, type ActionStore } from '../../storage/actions.ts';
import { isAlreadyExists, isConflict } from '../../storage/errors.ts';
import type { Action, Actor, Scope } from '../../bot/tracker/types.ts';
import { applyPatch, newAction } from '../../bot/tracker/changes.ts';
import { testTables } from '../helpers/tables.ts';

const scope: Scope = { tenant: 'tenant-1', board: 'PAM' };
const secretariat: Actor = { id: 'pn', name: 'Priya Nair', role: 'secretariat', personId: 'pn', channel: 'cli' };
const jane: Actor = { id: 'jd', name: 'Jane Doe', role: 'member', personId: 'jd', channel: 'teams' };
const T0 = '2023-03-14T12:00:00.000Z';

function draft(id: string, meeting = '2023-03-14', owners = [{ label: 'JD', personId: 'jd' }]) {
  return newAction(
    { id, ref: { shape: 'numbered', meeting, number: 1 }, meeting, owners, ownerText: 'JD', ownerForm: 'prefix', text: `Task ${id}` },
    secretariat,
    T0,
  );
}

let store: ActionStore;
beforeAll(async () => {
  store = createActionStore((await testTables()).client('actions'));
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
    expect(h[0]).toMatchObject({ kind: 'created', by: 'pn', channel: 'cli', changes: [{ field: 'status', to: 'open' }] });
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
      store.change(scope, next.id, (cur) => { reads++; return applyPatch(cur, { status: 'in_progress' }, jane, '2023-03-16T09:00:00.000Z'); }),
      store.change(scope, next.id, (cur) => { reads++; return applyPatch(cur, { due: '2023-04-11' }, secretariat, '2023-03-16T09:00:00.000Z'); }),
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
      applyPatch(cur, { owners: [{ label: 'SCL', personId: 'scl' }, { label: 'AW', personId: 'aw' }], ownerText: 'SCL / AW' }, secretariat, T0));
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
    for (const [id, meeting] of [['2023-02-14.n001', '2023-02-14'], ['2023-04-11.n001', '2023-04-11'], ['2023-04-11.i002', '2023-04-11']] as const) {
      const { next, history } = draft(id, meeting);
      await store.create(scope, next, history);
    }
    expect((await store.listForMeeting(scope, '2023-04-11')).map((a: Action) => a.id)).toEqual(['2023-04-11.i002', '2023-04-11.n001']);
  });

  it('returns null for a change to an action that does not exist', async () => {
    expect(await store.change(scope, '2099-01-01.n001', () => { throw new Error('not called'); })).toBeNull();
  });
});

describe('a retried request', () => {
  it('is applied once, even when the retry races the first attempt', async () => {
    const { next, history } = draft('2023-03-14.n010');
    await store.create(scope, next, history);
    const reply = (at: string) => (cur: Action) => applyPatch(cur, { note: 'done', status: 'completed' }, jane, at);
    const [a, b] = await Promise.all([
      store.change(scope, next.id, reply('2023-03-20T09:00:00.000Z'), 'activity-1'),
      store.change(scope, next.id, reply('2023-03-20T09:00:00.500Z'), 'activity-1'),
    ]);
    const later = await store.change(scope, next.id, reply('2023-03-20T09:01:00.000Z'), 'activity-1');
    expect([a?.duplicate ?? false, b?.duplicate ?? false].sort()).toEqual([false, true]);
    expect(later?.duplicate).toBe(true);
    expect(await store.history(scope, next.id)).toHaveLength(2);
    expect((await store.get(scope, next.id))?.action).toMatchObject({ status: 'completed', version: 2 });
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
    const saved = await store.commit(scope, first, [{ change: a, requestId: 'r1' }, { change: b }, { change: c, requestId: 'r3' }]);
    expect(saved.action).toMatchObject({ version: 4, status: 'completed', latestNote: 'three' });
    expect((await store.get(scope, next.id))?.action).toEqual(saved.action);
    const h = await store.history(scope, next.id);
    expect(h.map((e) => [e.version, e.note])).toEqual([[1, undefined], [2, 'one'], [3, 'two'], [4, 'three']]);
    expect(await store.applied(scope, 'r1')).toBe(true);
    expect(await store.applied(scope, 'r3')).toBe(true);
    expect(await store.applied(scope, 'r2')).toBe(false);
    // Completed is still open (awaiting discharge): the owner's index row carries the last state.
    expect((await store.listOpenFor(scope, 'jd')).find((x) => x.id === next.id)).toMatchObject({ version: 4, status: 'completed' });
  });

  it('writes nothing when the action changed since it was read (412) or a request was already applied (409)', async () => {
    const { next, history } = draft('2023-03-14.n102');
    const first = await store.create(scope, next, history);
    const moved = await store.replace(scope, first, applyPatch(first.action, { note: 'someone else' }, jane, at(1))!, 'taken');
    const a = applyPatch(first.action, { note: 'mine' }, jane, at(2))!;
    expect(isConflict(await store.commit(scope, first, [{ change: a }]).catch((e: unknown) => e))).toBe(true);

    const b = applyPatch(moved.action, { note: 'again' }, jane, at(3))!;
    const c = applyPatch(b.next, { note: 'replayed' }, jane, at(4))!;
    expect(isAlreadyExists(await store.commit(scope, moved, [{ change: b, requestId: 'fresh' }, { change: c, requestId: 'taken' }]).catch((e: unknown) => e))).toBe(true);
    expect((await store.get(scope, next.id))?.action).toEqual(moved.action);
    expect(await store.history(scope, next.id)).toHaveLength(2);
    expect(await store.applied(scope, 'fresh')).toBe(false);
  });

  it('refuses changes whose versions do not follow on, before writing anything', async () => {
    const { next, history } = draft('2023-03-14.n103');
    const first = await store.create(scope, next, history);
    const a = applyPatch(first.action, { note: 'one' }, jane, at(1))!;
    await expect(store.commit(scope, first, [{ change: a }, { change: a }])).rejects.toThrow('from version 2 to 3');
    expect(await store.history(scope, next.id)).toHaveLength(1);
  });
});
