// The `actions` table. One partition a board (tenant|board), so that an action, its index rows and
// its history entry are written in ONE entity-group transaction: the indexes can never disagree
// with the action, and no change is ever stored without its history.
//
// Row keys in a board's partition, and the query each serves:
//   a|{id}                 the action                  get one; a meeting's actions (range a|{date})
//   o|{id}                 copy, while open            the open actions of a board (range o|)
//   p|{personId}|{id}      copy, while open, per owner one person's open actions (range p|{person}|)
//   h|{id}|{version}       history entry               an action's history, oldest first (range h|{id}|)
//   r|{requestId}          a request already applied   a retried request (same Teams activity id) is stored once
// Action ids start with the meeting date (see refKey), so `a|` ranges are in meeting order.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { ConcurrentChangeError, isAlreadyExists, isConflict } from './errors.ts';
import { key, keyPart, scopeKey } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import type { Action, ActionRef, Delegation, Exemption, HistoryEntry, IsoDate, Owner, Scope } from './records.ts';
import { etagOf, getRow, listRows } from './rows.ts';

export interface StoredAction {
  action: Action;
  etag: string;
  /** True when the request had already been applied: nothing was written this time. */
  duplicate?: boolean;
}

/** What a change function returns: the next state and the history entry that explains it. */
export interface ActionChange {
  next: Action;
  history: HistoryEntry;
}

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

const actionRow = (id: string): string => key('a', keyPart(id));
const openRow = (id: string): string => key('o', keyPart(id));
const ownerRow = (personId: string, id: string): string => key('p', keyPart(personId), keyPart(id));
const requestRow = (requestId: string): string => key('r', keyPart(requestId));

/** Every row key at which this state of the action appears. */
function rowKeysFor(action: Action): string[] {
  const rows = [actionRow(action.id)];
  if (action.status !== 'discharged') {
    rows.push(openRow(action.id));
    // The delegate sees it among their own open actions too.
    const people = new Set([...action.owners.flatMap((o) => (o.personId ? [o.personId] : [])), ...(action.delegate ? [action.delegate.personId] : [])]);
    for (const personId of people) rows.push(ownerRow(personId, action.id));
  }
  return rows;
}

function toEntity(pk: string, rowKey: string, a: Action): Entity {
  const entity: Entity = {
    partitionKey: pk,
    rowKey,
    id: a.id,
    refShape: a.ref.shape,
    refNumber: a.ref.shape === 'none' ? undefined : a.ref.number,
    refSub: a.ref.shape === 'none' ? undefined : a.ref.sub,
    meeting: a.meeting,
    owners: JSON.stringify(a.owners),
    ownerText: a.ownerText,
    ownerForm: a.ownerForm,
    text: a.text,
    due: a.due,
    status: a.status,
    latestNote: a.latestNote,
    latestNoteAt: a.latestNoteAt,
    latestNoteBy: a.latestNoteBy,
    repliedAt: a.repliedAt,
    closedOn: a.closedOn,
    outcome: a.outcome,
    questionId: a.questionId,
    delegate: a.delegate ? JSON.stringify(a.delegate) : undefined,
    exempt: a.exempt ? JSON.stringify(a.exempt) : undefined,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: a.version,
  };
  assertEntityFits(entity);
  return entity;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toAction(e: Record<string, unknown>): Action {
  const shape = str(e.refShape);
  const meeting = String(e.meeting);
  const ref: ActionRef =
    shape === 'numbered' || shape === 'item'
      ? { shape, meeting, number: Number(e.refNumber), ...(str(e.refSub) ? { sub: str(e.refSub) } : {}) }
      : { shape: 'none' };
  const action: Action = {
    id: String(e.id),
    ref,
    meeting,
    owners: JSON.parse(String(e.owners ?? '[]')) as Owner[],
    ownerText: String(e.ownerText ?? ''),
    ownerForm: e.ownerForm === 'subject' ? 'subject' : 'prefix',
    text: String(e.text ?? ''),
    status: String(e.status) as Action['status'],
    createdAt: String(e.createdAt),
    updatedAt: String(e.updatedAt),
    version: Number(e.version ?? 1),
  };
  if (typeof e.delegate === 'string') action.delegate = JSON.parse(e.delegate) as Delegation;
  if (typeof e.exempt === 'string') action.exempt = JSON.parse(e.exempt) as Exemption;
  for (const field of ['due', 'latestNote', 'latestNoteAt', 'latestNoteBy', 'repliedAt', 'closedOn', 'outcome', 'questionId'] as const) {
    const value = str(e[field]);
    if (value !== undefined) action[field] = value;
  }
  return action;
}

/**
 * A history row is keyed by the version its change produced: unique (the ETag lets only one
 * writer produce each version) and in order, even for changes within the same millisecond.
 */
function historyEntity(pk: string, h: HistoryEntry, version: number): Entity {
  const entity: Entity = {
    partitionKey: pk,
    rowKey: key('h', keyPart(h.actionId), String(version).padStart(9, '0')),
    version,
    actionId: h.actionId,
    at: h.at,
    by: h.by,
    byName: h.byName,
    channel: h.channel,
    kind: h.kind,
    changes: JSON.stringify(h.changes),
    note: h.note,
  };
  assertEntityFits(entity);
  return entity;
}

function toHistory(e: Record<string, unknown>): HistoryEntry {
  const entry: HistoryEntry = {
    actionId: String(e.actionId),
    at: String(e.at),
    by: String(e.by),
    byName: String(e.byName),
    channel: String(e.channel) as HistoryEntry['channel'],
    kind: e.kind === 'created' ? 'created' : 'updated',
    changes: JSON.parse(String(e.changes ?? '[]')) as HistoryEntry['changes'],
    version: Number(e.version),
  };
  const note = str(e.note);
  if (note !== undefined) entry.note = note;
  return entry;
}

export interface ActionStore {
  get(scope: Scope, id: string): Promise<StoredAction | null>;
  /** Creates the action with its first history entry; fails with 409 if the id exists. */
  create(scope: Scope, action: Action, history: HistoryEntry): Promise<StoredAction>;
  /** Replaces `current` by `next` only if it has not changed since it was read (412 otherwise). */
  replace(scope: Scope, current: StoredAction, change: ActionChange, requestId?: string): Promise<StoredAction>;
  /**
   * Reads, applies `apply` and writes, retrying on fresh data when someone else wrote first, so
   * both changes are kept. `apply` returns null for "nothing to change" and may throw to refuse.
   * Resolves null when the action does not exist. With a `requestId` (e.g. the Teams activity
   * id), a request that was already applied is not applied again: the result says `duplicate`.
   */
  change(scope: Scope, id: string, apply: (current: Action) => ActionChange | null, requestId?: string): Promise<StoredAction | null>;
  listOpen(scope: Scope): Promise<Action[]>;
  listOpenFor(scope: Scope, personId: string): Promise<Action[]>;
  listForMeeting(scope: Scope, meeting: IsoDate): Promise<Action[]>;
  listAll(scope: Scope): Promise<Action[]>;
  history(scope: Scope, id: string): Promise<HistoryEntry[]>;
}

const MAX_ATTEMPTS = 8;

export function createActionStore(table: TableClient): ActionStore {
  async function get(scope: Scope, id: string): Promise<StoredAction | null> {
    const row = await getRow(table, scopeKey(scope), actionRow(id));
    return row ? { action: toAction(row), etag: row.etag } : null;
  }

  async function create(scope: Scope, action: Action, history: HistoryEntry): Promise<StoredAction> {
    const pk = scopeKey(scope);
    const ops: TransactionAction[] = rowKeysFor(action).map((rk) => ['create', toEntity(pk, rk, action)]);
    ops.push(['create', historyEntity(pk, history, action.version)]);
    const res = await table.submitTransaction(ops);
    return { action, etag: etagOf(res.subResponses, actionRow(action.id)) };
  }

  async function replace(scope: Scope, current: StoredAction, { next, history }: ActionChange, requestId?: string): Promise<StoredAction> {
    if (next.version !== current.action.version + 1) {
      throw new Error(`a change must move action ${next.id} from version ${current.action.version} to ${current.action.version + 1}`);
    }
    const pk = scopeKey(scope);
    const main = actionRow(next.id);
    const before = new Set(rowKeysFor(current.action));
    const after = rowKeysFor(next);
    const ops: TransactionAction[] = after.map((rk): TransactionAction =>
      rk === main
        ? ['update', toEntity(pk, rk, next), 'Replace', { etag: current.etag }]
        : ['upsert', toEntity(pk, rk, next), 'Replace'],
    );
    for (const rk of before) if (!after.includes(rk)) ops.push(['delete', { partitionKey: pk, rowKey: rk }]);
    ops.push(['create', historyEntity(pk, history, next.version)]);
    if (requestId) ops.push(['create', { partitionKey: pk, rowKey: requestRow(requestId), actionId: next.id, version: next.version }]);
    const res = await table.submitTransaction(ops);
    return { action: next, etag: etagOf(res.subResponses, main) };
  }

  async function change(
    scope: Scope,
    id: string,
    apply: (current: Action) => ActionChange | null,
    requestId?: string,
  ): Promise<StoredAction | null> {
    const alreadyApplied = async (): Promise<boolean> =>
      requestId !== undefined && (await getRow(table, scopeKey(scope), requestRow(requestId))) !== null;
    if (await alreadyApplied()) {
      const current = await get(scope, id);
      return current && { ...current, duplicate: true };
    }
    for (let attempt = 1; ; attempt++) {
      const current = await get(scope, id);
      if (!current) return null;
      const next = apply(current.action);
      if (!next) return current;
      try {
        return await replace(scope, current, next, requestId);
      } catch (err) {
        // The same request, retried while the first was being written, lost the race to itself.
        if (isAlreadyExists(err) && (await alreadyApplied())) return { ...((await get(scope, id)) ?? current), duplicate: true };
        if (!isConflict(err)) throw err;
        if (attempt >= MAX_ATTEMPTS) {
          throw new ConcurrentChangeError(`action ${id} kept changing under us; tried ${attempt} times`);
        }
      }
    }
  }

  const list = async (scope: Scope, prefix: string): Promise<Action[]> =>
    (await listRows(table, scopeKey(scope), prefix)).map(toAction);

  return {
    get,
    create,
    replace,
    change,
    listOpen: (scope) => list(scope, 'o|'),
    listOpenFor: (scope, personId) => list(scope, `${key('p', keyPart(personId))}|`),
    listForMeeting: (scope, meeting) => list(scope, `${key('a', keyPart(meeting))}.`),
    listAll: (scope) => list(scope, 'a|'),
    history: async (scope, id) =>
      (await listRows(table, scopeKey(scope), `${key('h', keyPart(id))}|`)).map(toHistory),
  };
}
