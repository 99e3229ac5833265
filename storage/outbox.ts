// The `outbox` table: messages the bot must send on its own (an action's card to its owner, a
// meeting's summary to a channel), so that a crash or a Teams outage loses none and sends none
// twice. One partition, so that every move between states is one transaction:
//   k|{id}                    the item's identity: which state row holds it   enqueue once; claim guard
//   w|{tenant}|{board}|{personId}|{id}
//                             for a person not reachable in Teams yet          theirs, released once they are
//   q|{notBefore}|{id}        queued, in the order it may go                   what is due (range q| up to now)
//   f|{id}                    claimed by a sender until `leaseUntil`           in flight; expired = in doubt
//   d|{id}                    sent, with the Teams activity id                 what was sent (and where, to update it)
//   x|{id}                    given up, with the reason                        what needs a person
// Claiming rewrites k|{id} on its ETag, so of two senders only one can claim an item.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { isAlreadyExists, isConflict } from './errors.ts';
import { key, keyPart } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import { getRow, listRows, type Row } from './rows.ts';

const PK = 'outbox';

export type OutboxState = 'waiting' | 'queued' | 'inflight' | 'sent' | 'failed';

/**
 * Where a message goes: a person's 1:1 chat, or a known conversation (channel, group chat); or a
 * directory person the bot cannot reach yet, for whom it waits (state `waiting`, never due).
 */
export type OutboxTarget =
  | { kind: 'person'; tenant: string; aadObjectId: string }
  | { kind: 'conversation'; tenant: string; conversationId: string }
  | { kind: 'waiting'; tenant: string; board: string; personId: string };

export interface OutboxItem {
  /** Stable: enqueueing the same id again is a no-op (e.g. card|tenant|board|actionId|personId). */
  id: string;
  target: OutboxTarget;
  /** What to send, as the sender understands it (rendered at send time from current data). */
  payload: string;
  state: OutboxState;
  attempts: number;
  notBefore: string;
  leaseUntil?: string;
  lastError?: string;
  activityId?: string;
  conversationId?: string;
  createdAt: string;
  updatedAt: string;
}

const waitingPrefix = (tenant: string, board: string, personId?: string): string =>
  `${key('w', keyPart(tenant), keyPart(board), ...(personId ? [keyPart(personId)] : []))}|`;

const stateRow = (item: Pick<OutboxItem, 'id' | 'state' | 'notBefore' | 'target'>): string => {
  const id = keyPart(item.id);
  switch (item.state) {
    case 'waiting': {
      const t = item.target;
      if (t.kind !== 'waiting') throw new Error(`outbox item ${item.id} waits without saying for whom`);
      return key(waitingPrefix(t.tenant, t.board, t.personId) + id);
    }
    case 'queued':
      return key('q', keyPart(item.notBefore), id);
    case 'inflight':
      return key('f', id);
    case 'sent':
      return key('d', id);
    case 'failed':
      return key('x', id);
  }
};
const identityRow = (id: string): string => key('k', keyPart(id));

function toEntity(
  rowKey: string,
  item: OutboxItem,
): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const entity = { partitionKey: PK, rowKey, ...item, target: JSON.stringify(item.target) };
  assertEntityFits(entity);
  return entity;
}

function toItem(row: Row): OutboxItem {
  const item: OutboxItem = {
    id: String(row.id),
    target: JSON.parse(String(row.target)) as OutboxTarget,
    payload: String(row.payload),
    state: row.state as OutboxState,
    attempts: Number(row.attempts ?? 0),
    notBefore: String(row.notBefore),
    createdAt: String(row.createdAt),
    updatedAt: String(row.updatedAt),
  };
  for (const field of ['leaseUntil', 'lastError', 'activityId', 'conversationId'] as const) {
    if (typeof row[field] === 'string') item[field] = row[field];
  }
  return item;
}

export interface OutboxStore {
  /**
   * Queues the item (or, for a `waiting` target, keeps it waiting for its person) unless its id is
   * already known, whatever its state; true if put in now.
   */
  enqueue(item: { id: string; target: OutboxTarget; payload: string }, now: Date): Promise<boolean>;
  /** Items whose time has come, oldest first, and in-flight items whose lease ran out. */
  due(now: Date, limit: number): Promise<OutboxItem[]>;
  /** Takes an item for `leaseMs`; null if another sender took it first or it is no longer due. */
  claim(item: OutboxItem, now: Date, leaseMs: number): Promise<OutboxItem | null>;
  /** Extends the claim `item` came from (for a send that outlasts it); null if that claim is over (settled, or taken over). */
  renew(item: OutboxItem, now: Date, leaseMs: number): Promise<OutboxItem | null>;
  /** Moves a claimed item to its next state. */
  settle(item: OutboxItem, next: Partial<OutboxItem> & { state: OutboxState }, now: Date): Promise<OutboxItem>;
  /**
   * Puts an item in one of the states `from` on its way again, to `target`: queued now (attempts
   * counted afresh), or waiting if `target` waits for a person. A waiting card released once its
   * person is reachable, a sent one sent again. Null when the item is not in one of those states
   * (another instance moved it first, or it is on its way already); each move happens once.
   */
  reopen(id: string, from: readonly OutboxState[], target: OutboxTarget, now: Date): Promise<OutboxItem | null>;
  /** The items waiting for a board's people (one person's, given), in key order. */
  waiting(tenant: string, board: string, personId?: string): Promise<OutboxItem[]>;
  get(id: string): Promise<OutboxItem | null>;
  list(state: OutboxState, limit?: number): Promise<OutboxItem[]>;
}

/** An item as read, with the ETag of its identity row (the claim guard). */
type Read = OutboxItem & { etag: string };

export function createOutboxStore(table: TableClient): OutboxStore {
  /** Writes `current` changed by `changes`, if its identity row is unchanged since read (412 if not). */
  async function move({ etag, ...from }: Read, changes: Partial<OutboxItem>): Promise<OutboxItem> {
    const next: OutboxItem = { ...from, ...changes };
    if (next.state !== 'inflight') delete next.leaseUntil;
    const ops: TransactionAction[] = [
      [
        'update',
        { partitionKey: PK, rowKey: identityRow(next.id), id: next.id, at: stateRow(next) },
        'Replace',
        { etag },
      ],
    ];
    const before = stateRow(from);
    const after = stateRow(next);
    if (before !== after) ops.push(['delete', { partitionKey: PK, rowKey: before }]);
    ops.push(['upsert', toEntity(after, next), 'Replace']);
    await table.submitTransaction(ops);
    return next;
  }

  /** The same, or null when another sender changed the item first. */
  async function moveIfUnchanged(current: Read, changes: Partial<OutboxItem>): Promise<OutboxItem | null> {
    try {
      return await move(current, changes);
    } catch (err) {
      if (isConflict(err)) return null;
      throw err;
    }
  }

  async function get(id: string): Promise<Read | null> {
    const identity = await getRow(table, PK, identityRow(id));
    if (!identity) return null;
    const row = await getRow(table, PK, String(identity.at));
    return row ? { ...toItem(row), etag: identity.etag } : null;
  }

  return {
    async enqueue({ id, target, payload }, now) {
      const at = now.toISOString();
      const item: OutboxItem = {
        id,
        target,
        payload,
        state: target.kind === 'waiting' ? 'waiting' : 'queued',
        attempts: 0,
        notBefore: at,
        createdAt: at,
        updatedAt: at,
      };
      try {
        await table.submitTransaction([
          ['create', { partitionKey: PK, rowKey: identityRow(id), id, at: stateRow(item) }],
          ['create', toEntity(stateRow(item), item)],
        ]);
        return true;
      } catch (err) {
        if (isAlreadyExists(err)) return false;
        throw err;
      }
    },

    async due(now, limit) {
      const at = now.toISOString();
      // In-flight items whose sender stopped answering come first: they have waited longest.
      const expired = (await listRows(table, PK, 'f|')).map(toItem).filter((i) => (i.leaseUntil ?? '') <= at);
      const waiting = await listRows(table, PK, 'q|', { below: key('q', keyPart(at), '~'), limit });
      return [...expired, ...waiting.map(toItem)].slice(0, limit);
    },

    async claim(item, now, leaseMs) {
      const current = await get(item.id);
      if (
        !current ||
        current.state !== item.state ||
        (current.state === 'inflight' && (current.leaseUntil ?? '') > now.toISOString())
      )
        return null;
      return moveIfUnchanged(current, {
        state: 'inflight',
        attempts: current.attempts + 1,
        leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
        updatedAt: now.toISOString(),
      });
    },

    async renew(item, now, leaseMs) {
      const current = await get(item.id);
      // Each claim counts an attempt: the same count means the same claim.
      if (!current || current.state !== 'inflight' || current.attempts !== item.attempts) return null;
      return moveIfUnchanged(current, { leaseUntil: new Date(now.getTime() + leaseMs).toISOString() });
    },

    async settle(item, changes, now) {
      const current = await get(item.id);
      if (!current) throw new Error(`outbox item ${item.id} has vanished`);
      return move(current, { ...changes, updatedAt: now.toISOString() });
    },

    async reopen(id, from, target, now) {
      const current = await get(id);
      if (!current || !from.includes(current.state)) return null;
      // What the last try left (its Teams activity, its error) is not this send's.
      const { activityId: _a, conversationId: _c, lastError: _e, ...rest } = current;
      const at = now.toISOString();
      return moveIfUnchanged(rest, {
        state: target.kind === 'waiting' ? 'waiting' : 'queued',
        target,
        attempts: 0,
        notBefore: at,
        updatedAt: at,
      });
    },

    async waiting(tenant, board, personId) {
      return (await listRows(table, PK, waitingPrefix(tenant, board, personId))).map(toItem);
    },

    async get(id) {
      const found = await get(id);
      if (!found) return null;
      const { etag: _etag, ...item } = found;
      return item;
    },

    async list(state, limit = 1000) {
      const prefix = { waiting: 'w|', queued: 'q|', inflight: 'f|', sent: 'd|', failed: 'x|' }[state];
      return (await listRows(table, PK, prefix, { limit })).map(toItem);
    },
  };
}
